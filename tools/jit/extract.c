/* extract.c — build-time stencil extractor (x86-64 ELF).
 *
 *   jit_extract -o OUT.h STENCIL.o...
 *
 * Reads relocatable objects that clang compiled from src/jit/stencils and
 * writes a C header describing every `.text.<name>` section as a stencil
 * (see src/jit/stencil.h): its code bytes, the read-only data it refers to
 * (copied into a per-stencil data block), and its holes. Any relocation kind,
 * symbol or section it does not understand stops the build with a message:
 * an unknown relocation patched wrongly would be a silent miscompile.
 *
 * Two rewrites make stencils chain better, both only when provably safe:
 * - a final `jcc _JIT_CONTINUE; jmp X` becomes `jncc X; jmp _JIT_CONTINUE`
 *   (clang puts the likely path last whatever __builtin_expect says);
 * - a final `jmp _JIT_CONTINUE` is flagged so the emitter can drop it.
 */
#include <elf.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_HOLES 256
#define MAX_DATA_SECTIONS 16
#define MAX_SYMBOLS 256

typedef struct {
    uint32_t offset;
    const char *reloc;   /* JIT_RELOC_* spelling */
    const char *value;   /* JIT_HOLE_* spelling */
    const char *symbol;  /* JIT_HOLE_SYMBOL: the C name */
    int64_t addend;
} Hole;

typedef struct {
    const char *path;
    unsigned char *bytes;
    size_t size;
    Elf64_Ehdr *eh;
    Elf64_Shdr *sh;
    const char *shstr;
    Elf64_Sym *syms;
    size_t nsyms;
    const char *symstr;
} Object;

/* The stencil being extracted. */
typedef struct {
    const Object *obj;
    const char *name;          /* section name after ".text." */
    int text_index;
    unsigned char *code;
    size_t code_size;
    unsigned char data[65536];
    size_t data_size;
    int data_sections[MAX_DATA_SECTIONS];
    size_t data_offsets[MAX_DATA_SECTIONS];
    int ndata_sections;
    Hole holes[MAX_HOLES];
    int nholes;
    Hole data_holes[MAX_HOLES];
    int ndata_holes;
    int tail_jump;
} Stencil;

static const char *symbols_seen[MAX_SYMBOLS];
static int nsymbols_seen;
static int reloc_counts[5];
static const char *const reloc_spellings[5] = {
    "JIT_RELOC_ABS64", "JIT_RELOC_ABS32", "JIT_RELOC_ABS32S",
    "JIT_RELOC_REL32", "JIT_RELOC_BRANCH32"};

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("jit_extract: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *fp = fopen(path, "rb");
    if (!fp) die("cannot open %s", path);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, fp) != (size_t)n) die("cannot read %s", path);
    fclose(fp);
    *size = (size_t)n;
    return buf;
}

static void check_range(const Object *o, size_t off, size_t len, const char *what) {
    if (off > o->size || len > o->size - off) die("%s: %s out of the file", o->path, what);
}

static void load_object(Object *o, const char *path) {
    o->path = path;
    o->bytes = read_file(path, &o->size);
    check_range(o, 0, sizeof(Elf64_Ehdr), "ELF header");
    o->eh = (Elf64_Ehdr *)o->bytes;
    if (memcmp(o->eh->e_ident, ELFMAG, SELFMAG) != 0) die("%s: not ELF", path);
    if (o->eh->e_ident[EI_CLASS] != ELFCLASS64 || o->eh->e_ident[EI_DATA] != ELFDATA2LSB)
        die("%s: not 64-bit little-endian ELF", path);
    if (o->eh->e_machine != EM_X86_64) die("%s: machine %d is not x86-64", path, o->eh->e_machine);
    if (o->eh->e_type != ET_REL) die("%s: not a relocatable object", path);
    check_range(o, o->eh->e_shoff, (size_t)o->eh->e_shnum * sizeof(Elf64_Shdr), "section headers");
    o->sh = (Elf64_Shdr *)(o->bytes + o->eh->e_shoff);
    o->shstr = (const char *)o->bytes + o->sh[o->eh->e_shstrndx].sh_offset;
    for (int i = 0; i < o->eh->e_shnum; i++) {
        check_range(o, o->sh[i].sh_offset,
                    o->sh[i].sh_type == SHT_NOBITS ? 0 : o->sh[i].sh_size, "section");
        if (o->sh[i].sh_type == SHT_SYMTAB) {
            o->syms = (Elf64_Sym *)(o->bytes + o->sh[i].sh_offset);
            o->nsyms = o->sh[i].sh_size / sizeof(Elf64_Sym);
            o->symstr = (const char *)o->bytes + o->sh[o->sh[i].sh_link].sh_offset;
        }
    }
    if (!o->syms) die("%s: no symbol table", path);
}

static const char *section_name(const Object *o, int i) { return o->shstr + o->sh[i].sh_name; }

/* The SHT_RELA section that applies to section i, or 0. */
static int rela_for(const Object *o, int i) {
    for (int r = 0; r < o->eh->e_shnum; r++)
        if (o->sh[r].sh_type == SHT_RELA && (int)o->sh[r].sh_info == i) return r;
    for (int r = 0; r < o->eh->e_shnum; r++)
        if (o->sh[r].sh_type == SHT_REL && (int)o->sh[r].sh_info == i)
            die("%s: SHT_REL relocations (no addends) are not expected on x86-64", o->path);
    return 0;
}

static const char *reloc_kind(const Stencil *s, uint32_t type) {
    int k;
    switch (type) {
    case R_X86_64_64: k = 0; break;
    case R_X86_64_32: k = 1; break;
    case R_X86_64_32S: k = 2; break;
    case R_X86_64_PC32: k = 3; break;
    case R_X86_64_PLT32: k = 4; break;
    default:
        die("stencil %s: unsupported relocation type %u (see <elf.h> R_X86_64_*); "
            "teach tools/jit/extract.c and jit/emit.c how to patch it",
            s->name, type);
        return NULL;
    }
    reloc_counts[k]++;
    return reloc_spellings[k];
}

static const char *hole_value_for_jit_symbol(const Stencil *s, const char *name) {
    static const char *const names[][2] = {
        {"_JIT_OPARG", "JIT_HOLE_OPARG"},
        {"_JIT_OPERAND", "JIT_HOLE_OPERAND"},
        {"_JIT_TARGET", "JIT_HOLE_TARGET"},
        {"_JIT_CONTINUE", "JIT_HOLE_CONTINUE"},
        {"_JIT_JUMP_TARGET", "JIT_HOLE_JUMP_TARGET"},
        {"_JIT_SIDE_EXIT", "JIT_HOLE_SIDE_EXIT"},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(name, names[i][0])) return names[i][1];
    die("stencil %s: unknown hole symbol %s", s->name, name);
    return NULL;
}

static void note_symbol(const char *name) {
    for (int i = 0; i < nsymbols_seen; i++)
        if (!strcmp(symbols_seen[i], name)) return;
    if (nsymbols_seen == MAX_SYMBOLS) die("too many distinct C symbols");
    symbols_seen[nsymbols_seen++] = name;
}

static void add_data_section(Stencil *s, int index);

/* Turn one relocation of the section being copied into a hole. */
static Hole make_hole(Stencil *s, const Elf64_Rela *r) {
    const Object *o = s->obj;
    Hole h = {0};
    h.offset = (uint32_t)r->r_offset;
    h.addend = r->r_addend;
    h.reloc = reloc_kind(s, (uint32_t)ELF64_R_TYPE(r->r_info));
    size_t symi = ELF64_R_SYM(r->r_info);
    if (symi == 0 || symi >= o->nsyms) die("stencil %s: bad symbol index", s->name);
    const Elf64_Sym *sym = &o->syms[symi];
    const char *name = o->symstr + sym->st_name;
    if (sym->st_shndx == SHN_UNDEF) {
        if (!strncmp(name, "_JIT_", 5)) {
            h.value = hole_value_for_jit_symbol(s, name);
        } else {
            h.value = "JIT_HOLE_SYMBOL";
            h.symbol = name;
            note_symbol(name);
        }
        return h;
    }
    if (sym->st_shndx >= SHN_LORESERVE) die("stencil %s: symbol %s in a special section", s->name, name);
    int target = sym->st_shndx;
    h.addend += (int64_t)sym->st_value;
    if (target == s->text_index) {
        h.value = "JIT_HOLE_CODE";
        return h;
    }
    const Elf64_Shdr *ts = &o->sh[target];
    if (ts->sh_flags & SHF_EXECINSTR)
        die("stencil %s refers to code in %s: a helper was not inlined (make it static inline)",
            s->name, section_name(o, target));
    if (ts->sh_flags & SHF_WRITE)
        die("stencil %s refers to writable data in %s: stencil memory is read-only",
            s->name, section_name(o, target));
    if (!(ts->sh_flags & SHF_ALLOC)) die("stencil %s refers to non-loaded section %s", s->name,
                                         section_name(o, target));
    add_data_section(s, target);
    for (int i = 0; i < s->ndata_sections; i++)
        if (s->data_sections[i] == target) h.addend += (int64_t)s->data_offsets[i];
    h.value = "JIT_HOLE_DATA";
    return h;
}

/* Copy a read-only section into the stencil's data block (once) and record
 * the holes of its own relocations. */
static void add_data_section(Stencil *s, int index) {
    const Object *o = s->obj;
    for (int i = 0; i < s->ndata_sections; i++)
        if (s->data_sections[i] == index) return;
    if (s->ndata_sections == MAX_DATA_SECTIONS) die("stencil %s: too many data sections", s->name);
    const Elf64_Shdr *sh = &o->sh[index];
    size_t align = sh->sh_addralign ? sh->sh_addralign : 1;
    size_t at = (s->data_size + align - 1) / align * align;
    if (at + sh->sh_size > sizeof s->data) die("stencil %s: data too large", s->name);
    if (sh->sh_type == SHT_NOBITS) memset(s->data + at, 0, sh->sh_size);
    else memcpy(s->data + at, o->bytes + sh->sh_offset, sh->sh_size);
    s->data_size = at + sh->sh_size;
    int slot = s->ndata_sections++;
    s->data_sections[slot] = index;
    s->data_offsets[slot] = at;
    int rela = rela_for(o, index);
    if (!rela) return;
    const Elf64_Rela *rs = (const Elf64_Rela *)(o->bytes + o->sh[rela].sh_offset);
    size_t n = o->sh[rela].sh_size / sizeof(Elf64_Rela);
    for (size_t k = 0; k < n; k++) {
        if (s->ndata_holes == MAX_HOLES) die("stencil %s: too many data holes", s->name);
        Hole h = make_hole(s, &rs[k]);
        h.offset += (uint32_t)at;
        s->data_holes[s->ndata_holes++] = h;
    }
}

static Hole *hole_at(Stencil *s, size_t offset) {
    for (int i = 0; i < s->nholes; i++)
        if (s->holes[i].offset == offset) return &s->holes[i];
    return NULL;
}

static int is_branch32_to(const Hole *h, const char *value) {
    return h && h->addend == -4 && !strcmp(h->value, value) &&
           (!strcmp(h->reloc, "JIT_RELOC_BRANCH32") || !strcmp(h->reloc, "JIT_RELOC_REL32"));
}

/* Could any branch inside the stencil land on offset `to`? Scans every
 * byte position for the rel8 and rel32 jump encodings; a false match only
 * makes us skip a rewrite, and every real branch is at some position. */
static int maybe_branch_target(Stencil *s, size_t to) {
    const unsigned char *c = s->code;
    for (size_t p = 0; p < s->code_size; p++) {
        if ((c[p] == 0xEB || (c[p] >= 0x70 && c[p] <= 0x7F)) && p + 2 <= s->code_size &&
            (int64_t)p + 2 + (int8_t)c[p + 1] == (int64_t)to)
            return 1;
        size_t at = 0;
        if (c[p] == 0xE9 || c[p] == 0xE8) at = p + 1;
        else if (c[p] == 0x0F && p + 1 < s->code_size && c[p + 1] >= 0x80 && c[p + 1] <= 0x8F) at = p + 2;
        if (at && at + 4 <= s->code_size && !hole_at(s, at)) {
            int32_t rel;
            memcpy(&rel, c + at, 4);
            if ((int64_t)at + 4 + rel == (int64_t)to) return 1;
        }
    }
    return 0;
}

/* `jcc CONTINUE (6 bytes); jmp X (5 bytes)` at the end → `jncc X; jmp
 * CONTINUE`, so the final jump becomes one the emitter can drop. */
static void invert_final_branch(Stencil *s) {
    size_t n = s->code_size;
    if (n < 11) return;
    unsigned char *c = s->code;
    if (c[n - 11] != 0x0F || c[n - 10] < 0x80 || c[n - 10] > 0x8F || c[n - 5] != 0xE9) return;
    Hole *cond = hole_at(s, n - 9), *last = hole_at(s, n - 4);
    if (!is_branch32_to(cond, "JIT_HOLE_CONTINUE") || !last || last->addend != -4 ||
        strcmp(last->reloc, "JIT_RELOC_BRANCH32") || !strcmp(last->value, "JIT_HOLE_CONTINUE"))
        return;
    if (maybe_branch_target(s, n - 5)) return;
    c[n - 10] ^= 1; /* x86 condition codes come in complementary pairs */
    Hole swap = *cond;
    *cond = *last;
    cond->offset = (uint32_t)(n - 9);
    *last = swap;
    last->offset = (uint32_t)(n - 4);
}

static void extract_stencil(Stencil *s) {
    const Object *o = s->obj;
    const Elf64_Shdr *text = &o->sh[s->text_index];
    s->code_size = text->sh_size;
    s->code = malloc(s->code_size ? s->code_size : 1);
    memcpy(s->code, o->bytes + text->sh_offset, s->code_size);
    int rela = rela_for(o, s->text_index);
    if (rela) {
        const Elf64_Rela *rs = (const Elf64_Rela *)(o->bytes + o->sh[rela].sh_offset);
        size_t n = o->sh[rela].sh_size / sizeof(Elf64_Rela);
        for (size_t k = 0; k < n; k++) {
            if (s->nholes == MAX_HOLES) die("stencil %s: too many holes", s->name);
            s->holes[s->nholes++] = make_hole(s, &rs[k]);
        }
    }
    invert_final_branch(s);
    size_t n = s->code_size;
    s->tail_jump = n >= 5 && s->code[n - 5] == 0xE9 &&
                   is_branch32_to(hole_at(s, n - 4), "JIT_HOLE_CONTINUE") &&
                   !strcmp(hole_at(s, n - 4)->reloc, "JIT_RELOC_BRANCH32");
}

static void print_bytes(FILE *out, const unsigned char *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s0x%02x,", i % 12 == 0 ? "\n    " : " ", b[i]);
    fputs("\n", out);
}

static void print_holes(FILE *out, const char *what, const char *name, const Hole *h, int n) {
    if (!n) return;
    fprintf(out, "static const JitHole jit_%s_%s[] = {\n", what, name);
    for (int i = 0; i < n; i++) {
        fprintf(out, "    {%u, %s, %s, %lld, ", h[i].offset, h[i].reloc, h[i].value,
                (long long)h[i].addend);
        if (h[i].symbol) fprintf(out, "%s, \"%s\"},\n", h[i].symbol, h[i].symbol);
        else fputs("NULL, NULL},\n", out);
    }
    fputs("};\n", out);
}

/* Stencil names are C identifiers after the leading underscore. */
static const char *ident(const char *name) { return name[0] == '_' ? name + 1 : name; }

static void print_stencil(FILE *out, const Stencil *s) {
    const char *id = ident(s->name);
    fprintf(out, "\n/* %s: %zu code bytes, %zu data bytes, %d holes%s */\n", s->name,
            s->code_size, s->data_size, s->nholes + s->ndata_holes,
            s->tail_jump ? ", ends in jmp _JIT_CONTINUE" : "");
    fprintf(out, "static const unsigned char jit_code_%s[] = {", id);
    print_bytes(out, s->code, s->code_size);
    fputs("};\n", out);
    if (s->data_size) {
        fprintf(out, "static const unsigned char jit_data_%s[] = {", id);
        print_bytes(out, s->data, s->data_size);
        fputs("};\n", out);
    }
    print_holes(out, "holes", id, s->holes, s->nholes);
    print_holes(out, "data_holes", id, s->data_holes, s->ndata_holes);
    fprintf(out, "static const JitStencil jit_stencil_%s = {\n", id);
    fprintf(out, "    \"%s\", jit_code_%s, %zu, %zu, %s%s,\n", s->name, id, s->code_size,
            s->data_size, s->data_size ? "jit_data_" : "NULL", s->data_size ? id : "");
    fprintf(out, "    %s%s, %d, %d, %s%s, %d,\n};\n", s->nholes ? "jit_holes_" : "NULL",
            s->nholes ? id : "", s->nholes, s->ndata_holes,
            s->ndata_holes ? "jit_data_holes_" : "NULL", s->ndata_holes ? id : "", s->tail_jump);
}

int main(int argc, char **argv) {
    const char *out_path = NULL;
    int first = 1;
    if (argc > 2 && !strcmp(argv[1], "-o")) {
        out_path = argv[2];
        first = 3;
    }
    if (!out_path || first >= argc) die("usage: jit_extract -o OUT.h STENCIL.o...");
    int nobj = argc - first;
    Object *objs = calloc((size_t)nobj, sizeof *objs);
    Stencil *stencils = NULL;
    int nstencils = 0;
    for (int i = 0; i < nobj; i++) {
        Object *o = &objs[i];
        load_object(o, argv[first + i]);
        for (int k = 0; k < o->eh->e_shnum; k++) {
            const char *sec = section_name(o, k);
            if (strncmp(sec, ".text.", 6) || !(o->sh[k].sh_flags & SHF_EXECINSTR)) continue;
            if (o->sh[k].sh_size == 0) continue;
            stencils = realloc(stencils, (size_t)(nstencils + 1) * sizeof *stencils);
            Stencil *s = &stencils[nstencils++];
            memset(s, 0, sizeof *s);
            s->obj = o;
            s->name = sec + 6;
            s->text_index = k;
            extract_stencil(s);
        }
        for (int k = 0; k < o->eh->e_shnum; k++) /* code outside .text.<name> */
            if (!strcmp(section_name(o, k), ".text") && o->sh[k].sh_size)
                die("%s: code in plain .text (compile with -ffunction-sections)", o->path);
    }
    if (!nstencils) die("no .text.<name> sections found");
    FILE *out = fopen(out_path, "w");
    if (!out) die("cannot write %s", out_path);
    fputs("/* Generated by tools/jit/extract.c from the clang-compiled stencils: do\n"
          " * not edit. Included once, by src/jit/stencil_table.c. */\n"
          "#define JIT_HAVE_STENCILS 1\n\n", out);
    for (int i = 0; i < nsymbols_seen; i++) /* never called through these types */
        fprintf(out, "extern char %s[];\n", symbols_seen[i]);
    size_t total = 0;
    for (int i = 0; i < nstencils; i++) {
        print_stencil(out, &stencils[i]);
        total += stencils[i].code_size;
    }
    fprintf(out, "\n/* relocations seen:");
    for (int k = 0; k < 5; k++) fprintf(out, " %s=%d", reloc_spellings[k] + 10, reloc_counts[k]);
    fprintf(out, " */\n#define JIT_STENCIL_COUNT %d\n#define JIT_STENCIL_CODE_BYTES %zu\n", nstencils, total);
    fputs("#define JIT_ALL_STENCILS", out);
    for (int i = 0; i < nstencils; i++)
        fprintf(out, " \\\n    &jit_stencil_%s,", ident(stencils[i].name));
    fputs("\n", out);
    if (fclose(out) != 0) die("cannot write %s", out_path);
    fprintf(stderr, "jit_extract: %d stencils, %zu code bytes\n", nstencils, total);
    return 0;
}
