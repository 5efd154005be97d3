/* test_jit_extract.c — the build-time stencil extractor on objects whose
 * every byte we know: small x86-64 ELF relocatable files written here, run
 * through build/tools/jit_extract, and the generated header read back. */
#include <elf.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctest.h"

static char extractor[4096];

typedef struct {
    const unsigned char *code;
    size_t code_size;
    const Elf64_Rela *relas;  /* r_info symbol indexes: 1 = first name */
    size_t nrelas;
    const char *const *symbols;
    size_t nsymbols;
} FakeObject;

static void append(unsigned char *buf, size_t *at, const void *p, size_t n) {
    memcpy(buf + *at, p, n);
    *at += n;
}

/* One .text.foo section, its relocations, and undefined global symbols. */
static size_t build_elf(unsigned char *buf, const FakeObject *o) {
    static const char shstr[] = "\0.text.foo\0.rela.text.foo\0.symtab\0.strtab\0.shstrtab";
    enum { N_TEXT = 1, N_RELA = 11, N_SYMTAB = 26, N_STRTAB = 34, N_SHSTR = 42 };
    char strtab[256] = "";
    size_t strsize = 1, at = sizeof(Elf64_Ehdr);
    Elf64_Sym syms[8] = {{0}};
    for (size_t i = 0; i < o->nsymbols; i++) {
        syms[i + 1].st_name = (uint32_t)strsize;
        syms[i + 1].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_NOTYPE);
        syms[i + 1].st_shndx = SHN_UNDEF;
        strcpy(strtab + strsize, o->symbols[i]);
        strsize += strlen(o->symbols[i]) + 1;
    }
    Elf64_Shdr sh[6] = {{0}};
    sh[1] = (Elf64_Shdr){N_TEXT, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 0, at, o->code_size, 0, 0, 16, 0};
    append(buf, &at, o->code, o->code_size);
    at = (at + 7) & ~(size_t)7;
    sh[2] = (Elf64_Shdr){N_RELA, SHT_RELA, SHF_INFO_LINK, 0, at, o->nrelas * sizeof(Elf64_Rela), 3, 1, 8,
                         sizeof(Elf64_Rela)};
    append(buf, &at, o->relas, o->nrelas * sizeof(Elf64_Rela));
    sh[3] = (Elf64_Shdr){N_SYMTAB, SHT_SYMTAB, 0, 0, at, (o->nsymbols + 1) * sizeof(Elf64_Sym), 4, 1, 8,
                         sizeof(Elf64_Sym)};
    append(buf, &at, syms, (o->nsymbols + 1) * sizeof(Elf64_Sym));
    sh[4] = (Elf64_Shdr){N_STRTAB, SHT_STRTAB, 0, 0, at, strsize, 0, 0, 1, 0};
    append(buf, &at, strtab, strsize);
    sh[5] = (Elf64_Shdr){N_SHSTR, SHT_STRTAB, 0, 0, at, sizeof shstr, 0, 0, 1, 0};
    append(buf, &at, shstr, sizeof shstr);
    at = (at + 7) & ~(size_t)7;
    Elf64_Ehdr eh = {{0}};
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_REL;
    eh.e_machine = EM_X86_64;
    eh.e_version = EV_CURRENT;
    eh.e_shoff = at;
    eh.e_ehsize = sizeof eh;
    eh.e_shentsize = sizeof(Elf64_Shdr);
    eh.e_shnum = 6;
    eh.e_shstrndx = 5;
    memcpy(buf, &eh, sizeof eh);
    append(buf, &at, sh, sizeof sh);
    return at;
}

/* Run the extractor on o; returns its exit status and the header text. */
static int extract(const FakeObject *o, char *header, size_t cap) {
    char obj[] = "/tmp/krait_jit_obj_XXXXXX", out[] = "/tmp/krait_jit_out_XXXXXX";
    int fd = mkstemp(obj), fd2 = mkstemp(out);
    if (fd < 0 || fd2 < 0) return -1;
    close(fd2);
    unsigned char buf[8192];
    size_t n = build_elf(buf, o);
    if (write(fd, buf, n) != (ssize_t)n) return -1;
    close(fd);
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "'%s' -o '%s' '%s' 2>/dev/null", extractor, out, obj);
    int status = system(cmd);
    header[0] = '\0';
    FILE *fp = fopen(out, "r");
    if (fp) {
        size_t got = fread(header, 1, cap - 1, fp);
        header[got] = '\0';
        fclose(fp);
    }
    unlink(obj);
    unlink(out);
    return status;
}

#define RELA(off, sym, type, add) {(off), ELF64_R_INFO((sym), (type)), (add)}

static void test_plain_stencil(void) {
    /* movabs $_JIT_OPARG, %rax ; jmp _JIT_CONTINUE */
    static const unsigned char code[] = {0x48, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0xE9, 0, 0, 0, 0};
    static const Elf64_Rela relas[] = {RELA(2, 1, R_X86_64_64, 0), RELA(11, 2, R_X86_64_PLT32, -4)};
    static const char *const syms[] = {"_JIT_OPARG", "_JIT_CONTINUE"};
    FakeObject o = {code, sizeof code, relas, 2, syms, 2};
    static char h[65536];
    CHECK(extract(&o, h, sizeof h) == 0);
    CHECK(strstr(h, "#define JIT_HAVE_STENCILS 1") != NULL);
    CHECK(strstr(h, "jit_stencil_foo") != NULL);
    CHECK(strstr(h, "{2, JIT_RELOC_ABS64, JIT_HOLE_OPARG, 0, NULL, NULL}") != NULL);
    CHECK(strstr(h, "{11, JIT_RELOC_BRANCH32, JIT_HOLE_CONTINUE, -4, NULL, NULL}") != NULL);
    CHECK(strstr(h, "ends in jmp _JIT_CONTINUE") != NULL);
}

static void test_branch_inversion(void) {
    /* je _JIT_CONTINUE ; jmp _JIT_SIDE_EXIT  →  jne _JIT_SIDE_EXIT ; jmp _JIT_CONTINUE */
    static const unsigned char code[] = {0x0F, 0x84, 0, 0, 0, 0, 0xE9, 0, 0, 0, 0};
    static const Elf64_Rela relas[] = {RELA(2, 1, R_X86_64_PLT32, -4), RELA(7, 2, R_X86_64_PLT32, -4)};
    static const char *const syms[] = {"_JIT_CONTINUE", "_JIT_SIDE_EXIT"};
    FakeObject o = {code, sizeof code, relas, 2, syms, 2};
    static char h[65536];
    CHECK(extract(&o, h, sizeof h) == 0);
    CHECK(strstr(h, "0x0f, 0x85,") != NULL);
    CHECK(strstr(h, "{2, JIT_RELOC_BRANCH32, JIT_HOLE_SIDE_EXIT, -4, NULL, NULL}") != NULL);
    CHECK(strstr(h, "{7, JIT_RELOC_BRANCH32, JIT_HOLE_CONTINUE, -4, NULL, NULL}") != NULL);
    CHECK(strstr(h, "ends in jmp _JIT_CONTINUE") != NULL);

    /* The same, but a short jump inside lands on the final jmp: leave it. */
    static const unsigned char code2[] = {0xEB, 0x06, 0x0F, 0x84, 0, 0, 0, 0, 0xE9, 0, 0, 0, 0};
    static const Elf64_Rela relas2[] = {RELA(4, 1, R_X86_64_PLT32, -4), RELA(9, 2, R_X86_64_PLT32, -4)};
    FakeObject o2 = {code2, sizeof code2, relas2, 2, syms, 2};
    CHECK(extract(&o2, h, sizeof h) == 0);
    CHECK(strstr(h, "0x0f, 0x84,") != NULL);
    CHECK(strstr(h, "ends in jmp") == NULL);
}

static void test_c_symbol(void) {
    /* call int_from_i64 ; ret */
    static const unsigned char code[] = {0xE8, 0, 0, 0, 0, 0xC3};
    static const Elf64_Rela relas[] = {RELA(1, 1, R_X86_64_PLT32, -4)};
    static const char *const syms[] = {"int_from_i64"};
    FakeObject o = {code, sizeof code, relas, 1, syms, 1};
    static char h[65536];
    CHECK(extract(&o, h, sizeof h) == 0);
    CHECK(strstr(h, "extern char int_from_i64[];") != NULL);
    CHECK(strstr(h, "JIT_HOLE_SYMBOL, -4, int_from_i64, \"int_from_i64\"}") != NULL);
}

/* Anything unknown stops the build rather than being patched wrongly. */
static void test_refusals(void) {
    static const unsigned char code[] = {0x48, 0x8B, 0x05, 0, 0, 0, 0, 0xC3};
    static const char *const syms[] = {"some_global"};
    static char h[65536];
    static const Elf64_Rela got[] = {RELA(3, 1, R_X86_64_GOTPCREL, -4)};
    FakeObject o = {code, sizeof code, got, 1, syms, 1};
    CHECK(extract(&o, h, sizeof h) != 0);
    static const Elf64_Rela tls[] = {RELA(3, 1, R_X86_64_TPOFF32, 0)};
    o.relas = tls;
    CHECK(extract(&o, h, sizeof h) != 0);
    static const char *const bad_hole[] = {"_JIT_NO_SUCH_HOLE"};
    static const Elf64_Rela abs[] = {RELA(3, 1, R_X86_64_64, 0)};
    FakeObject o2 = {code, sizeof code, abs, 1, bad_hole, 1};
    CHECK(extract(&o2, h, sizeof h) != 0);
}

int main(int argc, char **argv) {
    char self[4096];
    snprintf(self, sizeof self, "%s", argv[0]);
    snprintf(extractor, sizeof extractor, "%s/../tools/jit_extract", dirname(self));
    CHECK(access(extractor, X_OK) == 0);
    if (access(extractor, X_OK) != 0) {
        printf("no extractor at %s\n", extractor);
        CTEST_END();
    }
    test_plain_stencil();
    test_branch_inversion();
    test_c_symbol();
    test_refusals();
    CTEST_END();
}
