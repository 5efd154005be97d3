/* runtime.c — the start-up order of the areas (see object.h). */
#include "runtime.h"

#include "../gc/gc.h"
#include "../objects/object.h"

int runtime_init(void) {
    gc_init();
    strings_init();
    typesys_init();
    numbers_init();
    containers_init();
    vm_init();
    modules_init();
    return 0;
}
