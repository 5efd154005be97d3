/* modules.c — bring up the built-in modules: the std streams, builtins and
 * sys (which exist before any import), and the registry entries for the
 * modules that are created on first import. */
#include "modules.h"

#include <stdio.h>
#include <stdlib.h>

#include "../objects/dict.h"
#include "../objects/number.h"
#include "../vm/error.h"
#include "../vm/import.h"
#include "../vm/vm.h"
#include "io.h"
#include "json.h"
#include "sys.h"

Value builtins_module, sys_module;

/* builtins and sys are made eagerly; importing them finds sys.modules
 * first, and these only matter if someone deletes them from there. */
static Value existing_builtins(void) { return builtins_module; }
static Value existing_sys(void) { return sys_module; }

static void init_failed(const char *what) {
    fprintf(stderr, "krait: cannot initialise %s\n", what);
    Value exc = err_fetch();
    if (exc) err_print(exc);
    exit(1);
}

void modules_init(void) {
    if (!vm_sys_modules && !(vm_sys_modules = dict_new())) init_failed("sys.modules");
    if (io_init() < 0) init_failed("the io streams");
    if (!(builtins_module = builtins_module_init())) init_failed("builtins");
    if (!(sys_module = sys_module_init())) init_failed("sys");
    if (dict_set_str(vm_sys_modules, "builtins", builtins_module) < 0 ||
        dict_set_str(vm_sys_modules, "sys", sys_module) < 0)
        init_failed("sys.modules");

    vm_register_builtin_module("builtins", existing_builtins);
    vm_register_builtin_module("sys", existing_sys);
    vm_register_builtin_module("math", math_module_init);
    vm_register_builtin_module("time", time_module_init);
    vm_register_builtin_module("posix", posix_module_init);
    vm_register_builtin_module("json", json_module_init);
    vm_register_builtin_module("_io", io_module_init);
    vm_register_builtin_module("io", io_module_init);
    vm_register_builtin_module("_opcode", opcode_module_init);

    Value names = import_builtin_module_names();
    if (!names || sys_set("builtin_module_names", names) < 0) init_failed("sys");
}
