/* template.c — the one stencil template. clang compiles it once per
 * micro-op (-DUOP_ID=UOP_x -DSTENCIL_NAME=_x); the switch on the constant
 * UOP_ID keeps exactly that micro-op's body from opt/uops.def, so stencils
 * and the micro-op interpreter share one definition of every micro-op.
 *
 * Register convention (preserve_none pins the first three arguments in
 * r12, r13, r14 and the doubles in xmm0-xmm3 across every stencil of a
 * trace):
 *   f    the frame            sp   the value-stack pointer
 *   tos  a copy of sp[-1], the top of the stack (write-through: memory
 *        always holds the whole stack, so exits need no spill and the
 *        stack depth never has to be known here)
 *   f0-f3  the float registers (xmm0-xmm3), live only inside a float
 *        region (opt/opt_fregs.c)
 * Each stencil tells clang that tos == sp[-1] on entry, so reads of the top
 * come from the register; it reloads tos just before its tail call, which
 * clang folds into the store it just made when the body wrote the top.
 *
 * Anything known only when a trace is compiled is an extern symbol whose
 * address the emitter patches in (a hole): see jit/stencil.h.
 *
 * With -DJIT_LIST_UOPS, preprocessing this file prints the micro-op names
 * (the build script's list of stencils to compile).
 */
#include "../../opt/uops.h"

#ifdef JIT_LIST_UOPS
#define JIT_LIST_NAME(name, pops, pushes, flags) name
UOPS(JIT_LIST_NAME)
#else

#include "../../opt/uop_macros.h"

typedef __attribute__((preserve_none)) Value *(*jit_continuation)(Frame *, Value *, Value, double,
                                                                  double, double, double);

/* This stencil's flags (uops.h), a constant clang folds. */
#define STENCIL_FLAG(name, pops, pushes, flags) | (UOP_##name == UOP_ID ? (uint32_t)(flags) : 0u)
enum { STENCIL_FLAGS = 0u UOPS(STENCIL_FLAG) };

/* The float registers F0..F3 are the parameters f0..f3, so xmm0-xmm3 carry
 * them from stencil to stencil. A micro-op that does not use them passes
 * on F0..F2 undefined (an empty asm with three outputs: no instruction),
 * so clang need not keep them alive across its calls: outside a float
 * region none of them is live (trace_validate checks). F3 may hold a
 * loop's resident local, so every stencil passes it on (a stencil that
 * calls out saves it around the call: +0.25% instructions on richards). */
#define FREG(r) f##r
#define FREGS_ONWARD(...) \
    do { \
        if (!(STENCIL_FLAGS & UOPF_FREG)) \
            __asm__("" : "=x"(f0), "=x"(f1), "=x"(f2)); \
    } while (0)

/* The holes. Declared as arrays so that their addresses are the values. */
extern char _JIT_OPARG[], _JIT_OPERAND[], _JIT_TARGET[];
extern char _JIT_CONTINUE[], _JIT_JUMP_TARGET[], _JIT_SIDE_EXIT[];

/* clang loads a symbol's address as a 64-bit immediate (movabs,
 * R_X86_64_64) whatever range we promise it. OPARG and TARGET fit 32 bits,
 * so they are loaded by a 32-bit move (an R_X86_64_32 hole): one shorter
 * instruction instead of a movabs plus a zero-extension at each use. */
#define HOLE32(sym) \
    ({ \
        uint64_t v_; /* movl zero-extends: clang may use all 64 bits */ \
        __asm__("movl $" #sym ", %k0" : "=r"(v_)); \
        __builtin_assume(v_ <= 0xFFFFFFFFu); \
        (uint32_t)v_; \
    })
#define OPARG HOLE32(_JIT_OPARG)
#define OPERAND ((uint64_t)(uintptr_t)_JIT_OPERAND)
#define TARGET HOLE32(_JIT_TARGET)

#define JIT_TAIL(to) \
    do { \
        tos = sp[-1]; \
        FREGS_ONWARD(); \
        __attribute__((musttail)) return ((jit_continuation)(to))(f, sp, tos, f0, f1, f2, f3); \
    } while (0)
#define NEXT() JIT_TAIL(_JIT_CONTINUE)
#define JUMP_TO_JUMP_TARGET() JIT_TAIL(_JIT_JUMP_TARGET)
#define EXIT_IF(cond) do { if (__builtin_expect(!!(cond), 0)) JIT_TAIL(_JIT_SIDE_EXIT); } while (0)
#define TRACE_RETURN(v) return (v)
#define LINK_READY(link) ((link)->code != NULL)
#define GOTO_LINK(link) JIT_TAIL((link)->code)

__attribute__((preserve_none)) Value *STENCIL_NAME(Frame *f, Value *sp, Value tos, double f0,
                                                double f1, double f2, double f3) {
    if (sp[-1] != tos) __builtin_unreachable();
    switch (UOP_ID) {
#include "../../opt/uops.def"
    }
    __builtin_unreachable();
}

#endif
