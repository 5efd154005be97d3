/* runtime.h — bring the runtime up. */
#ifndef KRAIT_RUNTIME_H
#define KRAIT_RUNTIME_H

/* Initialise every area in dependency order. 0 on success. */
int runtime_init(void);

#endif
