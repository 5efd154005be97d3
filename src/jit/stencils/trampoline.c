/* trampoline.c — the entry from C into preserve_none code. Compiled by
 * clang like the stencils and extracted as the stencil "_JIT_ENTER"; the
 * emitter copies it once into executable memory and C calls it through a
 * plain function pointer (jit_enter_fn in jit/jit.h). It saves the
 * callee-saved registers that preserve_none code is free to clobber, loads
 * the pinned registers (f, sp, tos = sp[-1]) and calls the trace. */
#include <stdint.h>

typedef uint64_t Value;
struct Frame;
typedef __attribute__((preserve_none)) Value *(*jit_continuation)(struct Frame *, Value *, Value, double,
                                                                  double, double, double);

Value *_JIT_ENTER(void *code, struct Frame *f, Value *sp) {
    double f0, f1, f2, f3; /* no float register is live at a trace's entry */
    __asm__("" : "=x"(f0), "=x"(f1), "=x"(f2), "=x"(f3));
    return ((jit_continuation)code)(f, sp, sp[-1], f0, f1, f2, f3);
}
