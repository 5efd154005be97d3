/* stencil.h — what the build-time extractor (tools/jit/extract.c) records
 * for each micro-op and the run-time emitter (jit/emit.c) consumes.
 *
 * A stencil is the machine code clang produced for one micro-op, plus the
 * read-only data that code refers to, plus its holes: places whose bytes
 * depend on values known only when a trace is compiled. A hole says where
 * (offset into code or data), how to write the value (the ELF relocation
 * kind it came from) and which value (JitHoleValue, plus `symbol` for C
 * helpers and globals, plus a constant addend):
 *
 *   ABS64     *(u64 *)at = S + A
 *   ABS32     *(u32 *)at = S + A           must fit, zero-extended
 *   ABS32S    *(i32 *)at = S + A           must fit, sign-extended
 *   REL32     *(i32 *)at = S + A - at      must fit (data reference)
 *   BRANCH32  *(i32 *)at = S + A - at      call/jmp: a far S goes through a
 *                                          jump stub in the same allocation
 */
#ifndef KRAIT_JIT_STENCIL_H
#define KRAIT_JIT_STENCIL_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    JIT_RELOC_ABS64,     /* R_X86_64_64 */
    JIT_RELOC_ABS32,     /* R_X86_64_32 */
    JIT_RELOC_ABS32S,    /* R_X86_64_32S */
    JIT_RELOC_REL32,     /* R_X86_64_PC32 */
    JIT_RELOC_BRANCH32,  /* R_X86_64_PLT32 */
    JIT_RELOC_COUNT
} JitRelocKind;

typedef enum {
    JIT_HOLE_OPARG,       /* _JIT_OPARG: the instruction's oparg */
    JIT_HOLE_OPERAND,     /* _JIT_OPERAND: its 64-bit operand */
    JIT_HOLE_TARGET,      /* _JIT_TARGET: its tier-1 code-unit index */
    JIT_HOLE_CONTINUE,    /* _JIT_CONTINUE: the next instruction's code */
    JIT_HOLE_JUMP_TARGET, /* _JIT_JUMP_TARGET: code of instrs[jump_target] */
    JIT_HOLE_SIDE_EXIT,   /* _JIT_SIDE_EXIT: the same place, for a guard */
    JIT_HOLE_CODE,        /* this stencil's own code (internal references) */
    JIT_HOLE_DATA,        /* this stencil's data block */
    JIT_HOLE_SYMBOL,      /* a C function or global of krait: `symbol` */
    JIT_HOLE_COUNT
} JitHoleValue;

typedef struct JitHole {
    uint32_t offset;      /* into code (holes) or data (data_holes) */
    uint8_t reloc;        /* JitRelocKind */
    uint8_t value;        /* JitHoleValue */
    int64_t addend;
    const void *symbol;   /* JIT_HOLE_SYMBOL only */
    const char *symbol_name;
} JitHole;

typedef struct JitStencil {
    const char *name;             /* "_LOAD_FAST" */
    const unsigned char *code;
    uint32_t code_size;
    uint32_t data_size;
    const unsigned char *data;
    const JitHole *holes;
    uint32_t nholes;
    uint32_t ndata_holes;
    const JitHole *data_holes;
    /* The code ends in `jmp _JIT_CONTINUE` (e9 rel32, the last hole): the
     * emitter drops those 5 bytes when the next stencil follows anyway. */
    uint8_t ends_in_jump_to_continue;
} JitStencil;

#endif
