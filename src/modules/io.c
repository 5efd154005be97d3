/* io.c — file objects: what open() returns and what sys.stdin/stdout/stderr
 * are. One buffered implementation serves every flavour; the Python-visible
 * type (TextIOWrapper, BufferedReader, BufferedWriter, BufferedRandom,
 * FileIO) only changes the name and whether data is str or bytes.
 *
 * The buffers live in a FileState that a text file shares with its
 * `.buffer` (binary view), so writes through either keep their order.
 * Text is UTF-8 (or latin-1); newline translation follows the `newline`
 * argument: None translates \r and \r\n to \n on input, '' splits lines on
 * any of them without translating, '\n'/'\r'/'\r\n' split on that string
 * (and '\r'/'\r\n' translate \n to it on output). */
#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/function.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../vm/error.h"
#include "../objects/typeobj.h"
#include "../vm/vm.h"

#define IO_BUFSIZE 8192

bool io_unbuffered_std;
Value io_stdin, io_stdout, io_stderr;

enum { NL_UNIVERSAL, NL_UNTRANSLATED, NL_LF, NL_CR, NL_CRLF };

typedef struct FileState {
    int fd;
    bool readable, writable, appending, created;
    bool closed, closefd;
    bool line_buffering, write_through;
    bool eof;
    char *rbuf;
    size_t rpos, rlen, rcap;
    char *wbuf;
    size_t wlen, wcap;
} FileState;

typedef struct FileObject {
    Object base;
    FileState *st;
    bool binary, latin1;
    int newline;
    Value name, mode, encoding, errors, newline_arg;
    Value buffer; /* text files: the binary view sharing st (lazily made) */
} FileObject;

#define FILE_OBJ(v) ((FileObject *)val_as_ptr(v))

/* ---- the registry of open files, flushed at exit ----
 * Kept in malloc'd memory, which the collector does not scan, so an open
 * file that Python code drops can still be collected (its finalizer
 * flushes and closes it and takes it out of here). */
static FileState **open_files;
static size_t n_open_files, cap_open_files;

static void registry_add(FileState *st) {
    if (n_open_files == cap_open_files) {
        size_t cap = cap_open_files ? cap_open_files * 2 : 16;
        FileState **grown = realloc(open_files, cap * sizeof *grown);
        if (!grown) return; /* only costs the flush at exit */
        open_files = grown;
        cap_open_files = cap;
    }
    open_files[n_open_files++] = st;
}

static void registry_remove(FileState *st) {
    for (size_t i = 0; i < n_open_files; i++) {
        if (open_files[i] == st) {
            open_files[i] = open_files[--n_open_files];
            return;
        }
    }
}

/* ---- errors ---- */

static Type *errno_exception_type(int err) {
    switch (err) {
    case ENOENT: return &Exc_FileNotFoundError;
    case EEXIST: return &Exc_FileExistsError;
    case EISDIR: return &Exc_IsADirectoryError;
    case ENOTDIR: return &Exc_NotADirectoryError;
    case EACCES: case EPERM: return &Exc_PermissionError;
    case EPIPE: case ESHUTDOWN: return &Exc_BrokenPipeError;
    case EINTR: return &Exc_InterruptedError;
    case EAGAIN: case EALREADY: case EINPROGRESS: return &Exc_BlockingIOError;
    case ECHILD: return &Exc_ChildProcessError;
    case ECONNABORTED: return &Exc_ConnectionAbortedError;
    case ECONNREFUSED: return &Exc_ConnectionRefusedError;
    case ECONNRESET: return &Exc_ConnectionResetError;
    case ESRCH: return &Exc_ProcessLookupError;
    case ETIMEDOUT: return &Exc_TimeoutError;
    default: return &Exc_OSError;
    }
}

Value io_raise_errno2(int err, Value filename, Value filename2) {
    Value args[5];
    size_t n = 2;
    args[0] = int_from_i64(err);
    args[1] = str_from_cstr(strerror(err));
    if (!filename2 && filename) {
        args[n++] = filename;
    } else if (filename2) {
        args[n++] = filename ? filename : VAL_NONE;
        args[n++] = val_from_smallint(0); /* winerror slot */
        args[n++] = filename2;
    }
    Value exc = exc_new(errno_exception_type(err), args, n);
    if (!exc) return VAL_NULL;
    return err_raise(exc);
}

Value io_raise_errno(int err, Value filename) {
    return io_raise_errno2(err, filename, VAL_NULL);
}

static Value raise_unsupported(const char *what) {
    return err_format(&Exc_UnsupportedOperation, "%s", what);
}

/* A pending SIGINT interrupts a blocking read/write (EINTR). */
static bool interrupted(void) {
    if (!vm_pending_signal) return false;
    vm_pending_signal = 0;
    err_set_none(&Exc_KeyboardInterrupt);
    return true;
}

static int parse_newline(Value v, int *out);
static int parse_encoding(Value v);

/* ---- the byte layer ---- */

static int state_flush(FileState *st) {
    size_t done = 0;
    while (done < st->wlen) {
        ssize_t n = write(st->fd, st->wbuf + done, st->wlen - done);
        if (n < 0) {
            if (errno == EINTR) {
                if (interrupted()) break;
                continue;
            }
            int err = errno;
            st->wlen = 0; /* drop it: retrying a broken pipe loops forever */
            io_raise_errno(err, VAL_NULL);
            return -1;
        }
        done += (size_t)n;
    }
    if (done < st->wlen) {
        memmove(st->wbuf, st->wbuf + done, st->wlen - done);
        st->wlen -= done;
        return -1;
    }
    st->wlen = 0;
    return 0;
}

/* Give back read-ahead bytes to the OS position before writing/seeking. */
static void state_drop_readahead(FileState *st) {
    if (st->rpos < st->rlen) lseek(st->fd, -(off_t)(st->rlen - st->rpos), SEEK_CUR);
    st->rpos = st->rlen = 0;
}

static int state_write(FileState *st, const char *data, size_t size) {
    if (st->rlen) state_drop_readahead(st);
    if (st->write_through || size >= st->wcap) {
        if (st->wlen && state_flush(st) < 0) return -1;
        size_t done = 0;
        while (done < size) {
            ssize_t n = write(st->fd, data + done, size - done);
            if (n < 0) {
                if (errno == EINTR) {
                    if (interrupted()) return -1;
                    continue;
                }
                io_raise_errno(errno, VAL_NULL);
                return -1;
            }
            done += (size_t)n;
        }
        return 0;
    }
    if (st->wlen + size > st->wcap && state_flush(st) < 0) return -1;
    memcpy(st->wbuf + st->wlen, data, size);
    st->wlen += size;
    return 0;
}

/* Read more bytes after the unread ones. Returns bytes added, 0 at EOF,
 * -1 on error. */
static int64_t state_fill(FileState *st) {
    if (st->wlen && state_flush(st) < 0) return -1;
    if (st->rpos > 0) {
        memmove(st->rbuf, st->rbuf + st->rpos, st->rlen - st->rpos);
        st->rlen -= st->rpos;
        st->rpos = 0;
    }
    if (st->rlen == st->rcap) {
        size_t cap = st->rcap ? st->rcap * 2 : IO_BUFSIZE;
        char *grown = gc_alloc_atomic(cap);
        if (!grown) return (int64_t)(err_no_memory(), -1);
        if (st->rlen) memcpy(grown, st->rbuf, st->rlen); /* rbuf starts NULL */
        st->rbuf = grown;
        st->rcap = cap;
    }
    for (;;) {
        ssize_t n = read(st->fd, st->rbuf + st->rlen, st->rcap - st->rlen);
        if (n < 0) {
            if (errno == EINTR) {
                if (interrupted()) return -1;
                continue;
            }
            io_raise_errno(errno, VAL_NULL);
            return -1;
        }
        st->eof = n == 0;
        st->rlen += (size_t)n;
        return n;
    }
}

static inline size_t state_avail(FileState *st) { return st->rlen - st->rpos; }

/* Make at least `want` unread bytes available unless EOF comes first.
 * Returns the number available, or -1. */
static int64_t state_want(FileState *st, size_t want) {
    while (state_avail(st) < want) {
        int64_t n = state_fill(st);
        if (n < 0) return -1;
        if (n == 0) break;
    }
    return (int64_t)state_avail(st);
}

/* ---- a growable byte string ---- */

typedef struct ByteBuf {
    char *data;
    size_t len, cap;
} ByteBuf;

static int bb_reserve(ByteBuf *b, size_t extra) {
    if (b->len + extra <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 128;
    while (cap < b->len + extra) cap *= 2;
    char *grown = gc_alloc_atomic(cap);
    if (!grown) return (err_no_memory(), -1);
    if (b->len) memcpy(grown, b->data, b->len);
    b->data = grown;
    b->cap = cap;
    return 0;
}

static int bb_append(ByteBuf *b, const char *data, size_t n) {
    if (bb_reserve(b, n) < 0) return -1;
    memcpy(b->data + b->len, data, n);
    b->len += n;
    return 0;
}

/* ---- checks shared by the methods ---- */

static FileState *file_state_open(Value self) {
    FileState *st = FILE_OBJ(self)->st;
    if (st->closed) {
        err_format(&Exc_ValueError, "I/O operation on closed file.");
        return NULL;
    }
    return st;
}

static FileState *file_state_readable(Value self) {
    FileState *st = file_state_open(self);
    if (st && !st->readable) {
        raise_unsupported(FILE_OBJ(self)->binary ? "read" : "not readable");
        return NULL;
    }
    return st;
}

static FileState *file_state_writable(Value self) {
    FileState *st = file_state_open(self);
    if (st && !st->writable) {
        raise_unsupported(FILE_OBJ(self)->binary ? "write" : "not writable");
        return NULL;
    }
    return st;
}

/* Turn collected text bytes into a str according to the encoding. */
static Value file_decode(FileObject *f, const char *data, size_t size) {
    if (!f->latin1) return str_decode_utf8(data, size);
    ByteBuf out = {0};
    if (bb_reserve(&out, size * 2 + 1) < 0) return VAL_NULL;
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c < 0x80) {
            out.data[out.len++] = (char)c;
        } else {
            out.data[out.len++] = (char)(0xC0 | (c >> 6));
            out.data[out.len++] = (char)(0x80 | (c & 0x3F));
        }
    }
    return str_new(out.data, out.len);
}

/* ---- text reading ---- */

static bool is_line_end_byte(FileObject *f, char c) {
    switch (f->newline) {
    case NL_UNIVERSAL: case NL_UNTRANSLATED: return c == '\n' || c == '\r';
    case NL_CR: return c == '\r';
    default: return c == '\n';
    }
}

/* Append one line-ending that starts at st->rpos (a \r or \n byte) to out,
 * consuming it. Returns -1 on error. */
static int text_take_line_end(FileObject *f, FileState *st, ByteBuf *out) {
    char c = st->rbuf[st->rpos];
    if (c == '\r' && (f->newline == NL_UNIVERSAL || f->newline == NL_UNTRANSLATED)) {
        if (state_want(st, 2) < 0) return -1;
        bool crlf = state_avail(st) >= 2 && st->rbuf[st->rpos + 1] == '\n';
        st->rpos += crlf ? 2 : 1;
        if (f->newline == NL_UNIVERSAL) return bb_append(out, "\n", 1);
        return bb_append(out, crlf ? "\r\n" : "\r", crlf ? 2 : 1);
    }
    st->rpos++;
    return bb_append(out, &c, 1);
}

/* Read up to `limit` code points (-1: no limit), stopping after a line end
 * when `one_line`. */
static Value text_read(Value self, int64_t limit, bool one_line) {
    FileObject *f = FILE_OBJ(self);
    FileState *st = file_state_readable(self);
    if (!st) return VAL_NULL;
    ByteBuf out = {0};
    int64_t nchars = 0;
    while (limit < 0 || nchars < limit) {
        if (state_avail(st) == 0) {
            int64_t n = state_fill(st);
            if (n < 0) return VAL_NULL;
            if (n == 0) break;
        }
        /* Fast scan over ordinary bytes. */
        size_t start = st->rpos, i = start;
        while (i < st->rlen && st->rbuf[i] != '\r' && st->rbuf[i] != '\n') {
            if (limit >= 0) {
                if (((unsigned char)st->rbuf[i] & 0xC0) != 0x80) {
                    if (nchars == limit) break;
                    nchars++;
                }
            }
            i++;
        }
        if (bb_append(&out, st->rbuf + start, i - start) < 0) return VAL_NULL;
        st->rpos = i;
        if (limit >= 0 && nchars == limit && i < st->rlen &&
            ((unsigned char)st->rbuf[i] & 0xC0) != 0x80)
            break;
        if (i == st->rlen) continue;
        char c = st->rbuf[i];
        if (c == '\r' || c == '\n') {
            bool ends_line = is_line_end_byte(f, c);
            if (f->newline == NL_CRLF && c == '\n') {
                ends_line = out.len > 0 && out.data[out.len - 1] == '\r';
            }
            if (c == '\r' && f->newline == NL_UNTRANSLATED && !one_line) {
                /* untranslated read(n): \r and \n are separate chars */
                st->rpos++;
                if (bb_append(&out, "\r", 1) < 0) return VAL_NULL;
            } else if (c == '\n' && f->newline == NL_CRLF) {
                st->rpos++;
                if (bb_append(&out, "\n", 1) < 0) return VAL_NULL;
            } else if (text_take_line_end(f, st, &out) < 0) {
                return VAL_NULL;
            }
            nchars++;
            if (one_line && ends_line) break;
        }
    }
    /* A limit may stop inside a multi-byte sequence: finish that char. */
    while (out.len && state_avail(st) == 0 && !st->eof && limit >= 0) {
        unsigned char lead = 0;
        size_t k = out.len;
        while (k > 0 && ((unsigned char)out.data[k - 1] & 0xC0) == 0x80) k--;
        if (k == 0) break;
        lead = (unsigned char)out.data[k - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (out.len - (k - 1) >= need) break;
        if (state_want(st, 1) < 0) return VAL_NULL;
        if (state_avail(st) == 0) break;
        if (bb_append(&out, st->rbuf + st->rpos, 1) < 0) return VAL_NULL;
        st->rpos++;
    }
    return file_decode(f, out.data ? out.data : "", out.len);
}

/* read() of everything: one pass of newline translation at the end. */
static Value text_read_all(Value self) {
    FileObject *f = FILE_OBJ(self);
    FileState *st = file_state_readable(self);
    if (!st) return VAL_NULL;
    for (;;) {
        int64_t n = state_fill(st);
        if (n < 0) return VAL_NULL;
        if (n == 0) break;
    }
    char *data = st->rbuf + st->rpos;
    size_t size = state_avail(st);
    st->rpos = st->rlen = 0;
    if (f->newline == NL_UNIVERSAL && size && memchr(data, '\r', size)) {
        size_t w = 0;
        for (size_t r = 0; r < size; r++) {
            if (data[r] == '\r') {
                data[w++] = '\n';
                if (r + 1 < size && data[r + 1] == '\n') r++;
            } else {
                data[w++] = data[r];
            }
        }
        size = w;
    }
    return file_decode(f, size ? data : "", size);
}

/* ---- binary reading ---- */

static Value binary_read(Value self, int64_t limit, bool one_line) {
    FileState *st = file_state_readable(self);
    if (!st) return VAL_NULL;
    ByteBuf out = {0};
    while (limit < 0 || (int64_t)out.len < limit) {
        if (state_avail(st) == 0) {
            int64_t n = state_fill(st);
            if (n < 0) return VAL_NULL;
            if (n == 0) break;
        }
        size_t take = state_avail(st);
        if (limit >= 0 && (int64_t)take > limit - (int64_t)out.len)
            take = (size_t)(limit - (int64_t)out.len);
        char *nl = one_line ? memchr(st->rbuf + st->rpos, '\n', take) : NULL;
        if (nl) take = (size_t)(nl - (st->rbuf + st->rpos)) + 1;
        if (bb_append(&out, st->rbuf + st->rpos, take) < 0) return VAL_NULL;
        st->rpos += take;
        if (nl) break;
    }
    return bytes_new(out.data ? out.data : "", out.len);
}

/* ---- argument helpers ---- */

/* size argument of read()/readline(): None or an int; -1 = all. */
static int size_arg(Value v, int64_t *out) {
    *out = -1;
    if (!v || val_is_none(v)) return 0;
    if (!val_is_int(v)) {
        err_format(&Exc_TypeError, "argument should be integer or None, not '%s'",
                   val_type_name(v));
        return -1;
    }
    return obj_index_i64(v, out);
}

/* ---- Python-visible methods ---- */

static Value file_read(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"size", NULL};
    Value size_v;
    if (args_parse("read", args + 1, nargs - 1, kwnames, names, 1, 0, &size_v) < 0)
        return VAL_NULL;
    int64_t size;
    if (size_arg(size_v, &size) < 0) return VAL_NULL;
    if (FILE_OBJ(args[0])->binary) return binary_read(args[0], size, false);
    if (size < 0) return text_read_all(args[0]);
    return text_read(args[0], size, false);
}

static Value file_readline(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"size", NULL};
    Value size_v;
    if (args_parse("readline", args + 1, nargs - 1, kwnames, names, 1, 0, &size_v) < 0)
        return VAL_NULL;
    int64_t size;
    if (size_arg(size_v, &size) < 0) return VAL_NULL;
    if (FILE_OBJ(args[0])->binary) return binary_read(args[0], size, true);
    return text_read(args[0], size, true);
}

static Value file_iternext(Value self) {
    Value line = FILE_OBJ(self)->binary ? binary_read(self, -1, true)
                                        : text_read(self, -1, true);
    if (!line) return VAL_NULL;
    if (obj_len(line) == 0) return VAL_NULL;
    return line;
}

static Value file_iter(Value self) {
    if (!file_state_open(self)) return VAL_NULL;
    return self;
}

static Value file_readlines(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"hint", NULL};
    Value hint_v;
    if (args_parse("readlines", args + 1, nargs - 1, kwnames, names, 1, 0, &hint_v) < 0)
        return VAL_NULL;
    int64_t hint;
    if (size_arg(hint_v, &hint) < 0) return VAL_NULL;
    if (!file_state_open(args[0])) return VAL_NULL;
    Value lines = list_new(0);
    int64_t total = 0;
    for (;;) {
        Value line = file_iternext(args[0]);
        if (!line) {
            if (err_occurred()) return VAL_NULL;
            break;
        }
        if (list_append(lines, line) < 0) return VAL_NULL;
        total += obj_len(line);
        if (hint > 0 && total >= hint) break;
    }
    return lines;
}

/* Encode text for output: newline translation and latin-1. */
static int text_encode(FileObject *f, Value s, ByteBuf *out) {
    const char *data = str_data(s);
    size_t size = str_size(s);
    bool translate = (f->newline == NL_CR || f->newline == NL_CRLF) && memchr(data, '\n', size);
    if (!translate && !f->latin1) return bb_append(out, data, size);
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == '\n' && translate) {
            if (bb_append(out, f->newline == NL_CR ? "\r" : "\r\n",
                          f->newline == NL_CR ? 1 : 2) < 0)
                return -1;
        } else if (c >= 0x80 && f->latin1) {
            uint32_t cp = 0;
            size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            cp = c & (0xFF >> (len + 1));
            for (size_t k = 1; k < len && i + k < size; k++)
                cp = (cp << 6) | ((unsigned char)data[i + k] & 0x3F);
            if (cp > 0xFF) {
                err_format(&Exc_UnicodeEncodeError,
                           "'latin-1' codec can't encode character '\\u%04x': "
                           "ordinal not in range(256)", (unsigned)cp);
                return -1;
            }
            char byte = (char)cp;
            if (bb_append(out, &byte, 1) < 0) return -1;
            i += len - 1;
        } else {
            char byte = (char)c;
            if (bb_append(out, &byte, 1) < 0) return -1;
        }
    }
    return 0;
}

static int text_write(Value self, Value s) {
    FileObject *f = FILE_OBJ(self);
    FileState *st = file_state_writable(self);
    if (!st) return -1;
    const char *data = str_data(s);
    size_t size = str_size(s);
    if (f->latin1 || f->newline == NL_CR || f->newline == NL_CRLF) {
        ByteBuf out = {0};
        if (text_encode(f, s, &out) < 0) return -1;
        data = out.data ? out.data : "";
        size = out.len;
    }
    if (state_write(st, data, size) < 0) return -1;
    if (st->line_buffering && memchr(data, '\n', size)) return state_flush(st);
    return 0;
}

static Value file_write(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("write", kwnames) < 0 || args_check_count("write", nargs - 1, 1, 1) < 0)
        return VAL_NULL;
    Value self = args[0], data = args[1];
    if (!FILE_OBJ(self)->binary) {
        if (!val_is_str(data))
            return err_format(&Exc_TypeError, "write() argument must be str, not %s",
                              val_type_name(data));
        if (text_write(self, data) < 0) return VAL_NULL;
        return int_from_i64((int64_t)str_length(data));
    }
    const char *bytes;
    size_t size;
    if (val_is_ptr(data) && (TYPE(data)->flags & TPFLAG_BYTES_SUBCLASS)) {
        bytes = BYTES(data)->data;
        size = BYTES(data)->size;
    } else if (val_is_ptr(data) && type_is_subtype(TYPE(data), &ByteArray_Type)) {
        bytes = BYTEARRAY(data)->data;
        size = BYTEARRAY(data)->size;
    } else {
        return err_format(&Exc_TypeError, "a bytes-like object is required, not '%s'",
                          val_type_name(data));
    }
    FileState *st = file_state_writable(self);
    if (!st || state_write(st, bytes, size) < 0) return VAL_NULL;
    return int_from_i64((int64_t)size);
}

static Value file_writelines(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("writelines", kwnames) < 0 ||
        args_check_count("writelines", nargs - 1, 1, 1) < 0)
        return VAL_NULL;
    if (!file_state_writable(args[0])) return VAL_NULL;
    Value it = obj_iter(args[1]);
    if (!it) return VAL_NULL;
    for (;;) {
        Value line = obj_next(it);
        if (!line) {
            if (err_occurred()) return VAL_NULL;
            return VAL_NONE;
        }
        Value call_args[2] = {args[0], line};
        if (!file_write(call_args, 2, VAL_NULL)) return VAL_NULL;
    }
}

static Value file_flush(Value *args, size_t nargs, Value kwnames) {
    FileState *st = file_state_open(args[0]);
    if (!st || state_flush(st) < 0) return VAL_NULL;
    return VAL_NONE;
}

static int state_close(FileState *st) {
    if (st->closed) return 0;
    int rc = st->wlen ? state_flush(st) : 0;
    st->closed = true;
    registry_remove(st);
    if (st->closefd && close(st->fd) < 0 && rc == 0) {
        io_raise_errno(errno, VAL_NULL);
        rc = -1;
    }
    return rc;
}

static Value file_close(Value *args, size_t nargs, Value kwnames) {
    if (state_close(FILE_OBJ(args[0])->st) < 0) return VAL_NULL;
    return VAL_NONE;
}

static Value file_enter(Value *args, size_t nargs, Value kwnames) {
    if (!file_state_open(args[0])) return VAL_NULL;
    return args[0];
}

static Value file_exit(Value *args, size_t nargs, Value kwnames) {
    return file_close(args, 1, VAL_NULL);
}

static Value file_fileno(Value *args, size_t nargs, Value kwnames) {
    FileState *st = file_state_open(args[0]);
    if (!st) return VAL_NULL;
    return int_from_i64(st->fd);
}

static Value file_isatty(Value *args, size_t nargs, Value kwnames) {
    FileState *st = file_state_open(args[0]);
    if (!st) return VAL_NULL;
    return val_bool(isatty(st->fd));
}

static Value file_readable(Value *args, size_t nargs, Value kwnames) {
    FileState *st = file_state_open(args[0]);
    return st ? val_bool(st->readable) : VAL_NULL;
}

static Value file_writable(Value *args, size_t nargs, Value kwnames) {
    FileState *st = file_state_open(args[0]);
    return st ? val_bool(st->writable) : VAL_NULL;
}

static Value file_seekable(Value *args, size_t nargs, Value kwnames) {
    FileState *st = file_state_open(args[0]);
    if (!st) return VAL_NULL;
    return val_bool(lseek(st->fd, 0, SEEK_CUR) >= 0);
}

/* The logical position: OS position minus read-ahead plus pending writes. */
static int64_t state_tell(FileState *st) {
    off_t pos = lseek(st->fd, 0, SEEK_CUR);
    if (pos < 0) {
        io_raise_errno(errno, VAL_NULL);
        return -1;
    }
    return (int64_t)pos - (int64_t)state_avail(st) + (int64_t)st->wlen;
}

static Value file_tell(Value *args, size_t nargs, Value kwnames) {
    FileState *st = file_state_open(args[0]);
    if (!st) return VAL_NULL;
    int64_t pos = state_tell(st);
    return pos < 0 ? VAL_NULL : int_from_i64(pos);
}

static Value file_seek(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"cookie", "whence", NULL};
    Value vals[2];
    if (args_parse("seek", args + 1, nargs - 1, kwnames, names, 2, 1, vals) < 0)
        return VAL_NULL;
    FileState *st = file_state_open(args[0]);
    if (!st) return VAL_NULL;
    int64_t offset, whence = 0;
    if (obj_index_i64(vals[0], &offset) < 0) return VAL_NULL;
    if (vals[1] && obj_index_i64(vals[1], &whence) < 0) return VAL_NULL;
    if (whence < 0 || whence > 2)
        return err_format(&Exc_ValueError, "invalid whence (%lld, should be 0, 1 or 2)",
                          (long long)whence);
    if (!FILE_OBJ(args[0])->binary && whence != 0 && offset != 0)
        return raise_unsupported(whence == 1 ? "can't do nonzero cur-relative seeks"
                                             : "can't do nonzero end-relative seeks");
    if (whence == 0 && offset < 0)
        return err_format(&Exc_ValueError, "negative seek position %lld", (long long)offset);
    if (st->wlen && state_flush(st) < 0) return VAL_NULL;
    if (whence == 1) offset -= (int64_t)state_avail(st);
    st->rpos = st->rlen = 0;
    st->eof = false;
    off_t pos = lseek(st->fd, (off_t)offset, (int)whence);
    if (pos < 0) return io_raise_errno(errno, VAL_NULL);
    return int_from_i64((int64_t)pos);
}

static Value file_truncate(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"pos", NULL};
    Value pos_v;
    if (args_parse("truncate", args + 1, nargs - 1, kwnames, names, 1, 0, &pos_v) < 0)
        return VAL_NULL;
    FileState *st = file_state_writable(args[0]);
    if (!st) return VAL_NULL;
    if (st->wlen && state_flush(st) < 0) return VAL_NULL;
    int64_t size;
    if (pos_v && !val_is_none(pos_v)) {
        if (obj_index_i64(pos_v, &size) < 0) return VAL_NULL;
    } else if ((size = state_tell(st)) < 0) {
        return VAL_NULL;
    }
    if (ftruncate(st->fd, (off_t)size) < 0) return io_raise_errno(errno, VAL_NULL);
    return int_from_i64(size);
}

/* reconfigure(*, encoding, errors, newline, line_buffering, write_through) */
static Value file_reconfigure(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"encoding", "errors", "newline", "line_buffering",
                                        "write_through", NULL};
    Value v[5];
    if (nargs > 1) return err_format(&Exc_TypeError, "reconfigure() takes no positional arguments");
    if (args_parse("reconfigure", args + 1, 0, kwnames, names, 0, 0, v) < 0) return VAL_NULL;
    FileObject *f = FILE_OBJ(args[0]);
    if (f->binary) return err_no_attribute(args[0], str_from_cstr("reconfigure"));
    FileState *st = file_state_open(args[0]);
    if (!st || (st->wlen && state_flush(st) < 0)) return VAL_NULL;
    if (v[0] && !val_is_none(v[0])) {
        int latin1 = parse_encoding(v[0]);
        if (latin1 < 0) return VAL_NULL;
        f->latin1 = latin1 == 1;
        f->encoding = v[0];
    }
    if (v[1] && !val_is_none(v[1])) f->errors = v[1];
    if (v[2]) {
        int newline;
        if (parse_newline(v[2], &newline) < 0) return VAL_NULL;
        f->newline = newline;
        f->newline_arg = v[2];
    }
    int flag;
    if (v[3] && !val_is_none(v[3])) {
        if ((flag = obj_truthy(v[3])) < 0) return VAL_NULL;
        st->line_buffering = flag;
    }
    if (v[4] && !val_is_none(v[4])) {
        if ((flag = obj_truthy(v[4])) < 0) return VAL_NULL;
        st->write_through = flag;
    }
    return VAL_NONE;
}

/* ---- attributes ---- */

static Value file_get_closed(Value self) { return val_bool(FILE_OBJ(self)->st->closed); }
static Value file_get_name(Value self) { return FILE_OBJ(self)->name; }
static Value file_get_mode(Value self) { return FILE_OBJ(self)->mode; }

static Value file_get_encoding(Value self) {
    FileObject *f = FILE_OBJ(self);
    if (f->binary) return err_no_attribute(self, str_from_cstr("encoding"));
    return f->encoding;
}

static Value file_get_errors(Value self) {
    FileObject *f = FILE_OBJ(self);
    if (f->binary) return err_no_attribute(self, str_from_cstr("errors"));
    return f->errors;
}

static Value file_get_line_buffering(Value self) {
    return val_bool(FILE_OBJ(self)->st->line_buffering);
}

static Value file_get_newlines(Value self) { return VAL_NONE; }

static Type *binary_type_for(FileState *st, bool raw) {
    if (raw) return &FileIO_Type;
    if (st->readable && st->writable) return &BufferedRandom_Type;
    return st->readable ? &BufferedReader_Type : &BufferedWriter_Type;
}

static Value binary_mode_string(FileState *st) {
    const char *m;
    if (st->created) m = st->readable ? "xb+" : "xb";
    else if (st->appending) m = st->readable ? "ab+" : "ab";
    else if (st->readable) m = st->writable ? "rb+" : "rb";
    else m = "wb";
    return str_from_cstr(m);
}

static Value file_get_buffer(Value self) {
    FileObject *f = FILE_OBJ(self);
    if (f->binary) return err_no_attribute(self, str_from_cstr("buffer"));
    if (!f->buffer) {
        FileObject *b = obj_alloc(binary_type_for(f->st, false), sizeof(FileObject));
        if (!b) return err_no_memory();
        b->st = f->st;
        b->binary = true;
        b->name = f->name;
        b->mode = binary_mode_string(f->st);
        f->buffer = val_from_ptr(b);
    }
    return f->buffer;
}

static Value file_repr(Value self) {
    FileObject *f = FILE_OBJ(self);
    const char *tname = type_name(TYPE(self));
    Value name_repr = obj_repr(f->name);
    if (!name_repr) return VAL_NULL;
    if (!f->binary)
        return str_format_c("<_io.%s name=%U mode=%R encoding=%R>", tname, name_repr,
                            f->mode, f->encoding);
    if (TYPE(self) == &FileIO_Type)
        return str_format_c("<_io.FileIO name=%U mode=%R closefd=%s>", name_repr, f->mode,
                            f->st->closefd ? "True" : "False");
    return str_format_c("<_io.%s name=%U>", tname, name_repr);
}

/* ---- construction ---- */

static void file_state_finalize(void *obj, void *data) {
    FileState *st = obj;
    if (st->closed) return;
    /* Finalizers run whenever the collector does: keep any exception in
     * flight intact. */
    Value in_flight = err_fetch();
    if (st->wlen && state_flush(st) < 0) err_clear();
    err_restore(in_flight);
    st->closed = true;
    registry_remove(st);
    if (st->closefd) close(st->fd);
}

static FileState *file_state_new(int fd, bool readable, bool writable, size_t bufsize) {
    FileState *st = gc_alloc(sizeof(FileState));
    if (!st) return NULL;
    st->fd = fd;
    st->readable = readable;
    st->writable = writable;
    st->closefd = true;
    st->wcap = bufsize;
    if (writable) {
        st->wbuf = gc_alloc_atomic(bufsize);
        if (!st->wbuf) return NULL;
    }
    return st;
}

typedef struct OpenMode {
    bool reading, writing, appending, creating, updating, binary, text;
} OpenMode;

static int parse_mode(Value mode_v, OpenMode *m) {
    const char *mode = str_data(mode_v);
    memset(m, 0, sizeof *m);
    for (const char *p = mode; *p; p++) {
        bool *flag;
        switch (*p) {
        case 'r': flag = &m->reading; break;
        case 'w': flag = &m->writing; break;
        case 'a': flag = &m->appending; break;
        case 'x': flag = &m->creating; break;
        case '+': flag = &m->updating; break;
        case 'b': flag = &m->binary; break;
        case 't': flag = &m->text; break;
        default: flag = NULL;
        }
        if (!flag || *flag) {
            err_format(&Exc_ValueError, "invalid mode: '%s'", mode);
            return -1;
        }
        *flag = true;
    }
    if (m->text && m->binary) {
        err_format(&Exc_ValueError, "can't have text and binary mode at once");
        return -1;
    }
    int kinds = m->reading + m->writing + m->appending + m->creating;
    if (kinds > 1) {
        err_format(&Exc_ValueError, "must have exactly one of create/read/write/append mode");
        return -1;
    }
    if (kinds == 0) {
        err_format(&Exc_ValueError, "Must have exactly one of create/read/write/append mode");
        return -1;
    }
    return 0;
}

static int parse_newline(Value v, int *out) {
    *out = NL_UNIVERSAL;
    if (!v || val_is_none(v)) return 0;
    if (!val_is_str(v)) {
        err_format(&Exc_TypeError, "open() argument 'newline' must be str or None, not %s",
                   val_type_name(v));
        return -1;
    }
    const char *s = str_data(v);
    if (!strcmp(s, "")) *out = NL_UNTRANSLATED;
    else if (!strcmp(s, "\n")) *out = NL_LF;
    else if (!strcmp(s, "\r")) *out = NL_CR;
    else if (!strcmp(s, "\r\n")) *out = NL_CRLF;
    else {
        Value r = obj_repr(v);
        if (r) err_format(&Exc_ValueError, "illegal newline value: %s", str_data(r));
        return -1;
    }
    return 0;
}

/* 1 latin-1, 0 utf-8, -1 unknown (LookupError set). */
static int parse_encoding(Value v) {
    if (!val_is_str(v)) {
        err_format(&Exc_TypeError, "open() argument 'encoding' must be str or None, not %s",
                   val_type_name(v));
        return -1;
    }
    char norm[32];
    const char *s = str_data(v);
    size_t n = 0;
    for (; s[n] && n < sizeof norm - 1; n++) {
        char c = s[n];
        norm[n] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c == '_' ? '-' : c);
    }
    norm[n] = 0;
    if (!strcmp(norm, "utf-8") || !strcmp(norm, "utf8") || !strcmp(norm, "ascii") ||
        !strcmp(norm, "us-ascii") || !strcmp(norm, "utf-8-sig") || !strcmp(norm, "locale"))
        return 0;
    if (!strcmp(norm, "latin-1") || !strcmp(norm, "latin1") || !strcmp(norm, "iso-8859-1") ||
        !strcmp(norm, "iso8859-1") || !strcmp(norm, "l1"))
        return 1;
    err_format(&Exc_LookupError, "unknown encoding: %s", s);
    return -1;
}

/* Accept str, bytes or an os.PathLike; fills *path (C string) and *name. */
static int file_path_arg(Value file, const char **path, Value *name) {
    if (val_is_str(file)) {
        *path = str_data(file);
        *name = file;
        return 0;
    }
    if (val_is_ptr(file) && (TYPE(file)->flags & TPFLAG_BYTES_SUBCLASS)) {
        *path = BYTES(file)->data;
        *name = file;
        return 0;
    }
    Value fspath = obj_lookup_attr(file, str_from_cstr("__fspath__"));
    if (fspath) {
        Value p = obj_call0(fspath);
        if (!p) return -1;
        return file_path_arg(p, path, name);
    }
    if (err_occurred()) return -1;
    err_format(&Exc_TypeError, "expected str, bytes or os.PathLike object, not %s",
               val_type_name(file));
    return -1;
}

static int open_fd(Value file, const OpenMode *m, Value *name, bool closefd) {
    if (val_is_int(file) && !val_is_bool(file)) {
        int64_t fd;
        if (obj_index_i64(file, &fd) < 0) return -1;
        if (fd < 0) return err_format_int(&Exc_ValueError, "negative file descriptor");
        *name = file;
        return (int)fd;
    }
    if (!closefd) return err_format_int(&Exc_ValueError, "Cannot use closefd=False with file name");
    const char *path;
    if (file_path_arg(file, &path, name) < 0) return -1;
    if (strlen(path) != (val_is_str(*name) ? str_size(*name) : BYTES(*name)->size))
        return err_format_int(&Exc_ValueError, "embedded null byte");
    int flags = O_CLOEXEC;
    if (m->updating) flags |= O_RDWR;
    else flags |= m->reading ? O_RDONLY : O_WRONLY;
    if (m->writing) flags |= O_CREAT | O_TRUNC;
    if (m->appending) flags |= O_CREAT | O_APPEND;
    if (m->creating) flags |= O_CREAT | O_EXCL;
    int fd;
    do fd = open(path, flags, 0666);
    while (fd < 0 && errno == EINTR && !interrupted());
    if (fd < 0) {
        if (!err_occurred()) io_raise_errno(errno, *name);
        return -1;
    }
    struct stat sb;
    if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        close(fd);
        io_raise_errno(EISDIR, *name);
        return -1;
    }
    return fd;
}

Value io_open(Value file, Value mode_v, Value buffering_v, Value encoding, Value errors,
              Value newline_v, Value closefd_v) {
    if (!mode_v) mode_v = str_from_cstr("r");
    if (!val_is_str(mode_v))
        return err_format(&Exc_TypeError, "open() argument 'mode' must be str, not %s",
                          val_type_name(mode_v));
    OpenMode m;
    if (parse_mode(mode_v, &m) < 0) return VAL_NULL;
    int64_t buffering = -1;
    if (buffering_v && obj_index_i64(buffering_v, &buffering) < 0) return VAL_NULL;
    bool has_encoding = encoding && !val_is_none(encoding);
    bool has_errors = errors && !val_is_none(errors);
    bool has_newline = newline_v && !val_is_none(newline_v);
    if (m.binary && has_encoding)
        return err_format(&Exc_ValueError, "binary mode doesn't take an encoding argument");
    if (m.binary && has_errors)
        return err_format(&Exc_ValueError, "binary mode doesn't take an errors argument");
    if (m.binary && has_newline)
        return err_format(&Exc_ValueError, "binary mode doesn't take a newline argument");
    if (!m.binary && buffering == 0)
        return err_format(&Exc_ValueError, "can't have unbuffered text I/O");
    int newline = NL_UNIVERSAL, latin1 = 0;
    if (parse_newline(newline_v, &newline) < 0) return VAL_NULL;
    if (has_encoding && (latin1 = parse_encoding(encoding)) < 0) return VAL_NULL;
    if (has_errors && !val_is_str(errors))
        return err_format(&Exc_TypeError, "open() argument 'errors' must be str or None, not %s",
                          val_type_name(errors));
    int closefd = 1;
    if (closefd_v && (closefd = obj_truthy(closefd_v)) < 0) return VAL_NULL;

    Value name = VAL_NULL;
    int fd = open_fd(file, &m, &name, closefd);
    if (fd < 0) return VAL_NULL;
    size_t bufsize = buffering > 1 ? (size_t)buffering : IO_BUFSIZE;
    FileState *st = file_state_new(fd, m.reading || m.updating,
                                   !m.reading || m.updating, bufsize);
    if (!st) return err_no_memory();
    st->appending = m.appending;
    st->created = m.creating;
    st->closefd = closefd;
    st->write_through = m.binary && buffering == 0;
    st->line_buffering = !m.binary && (buffering == 1 || (buffering < 0 && isatty(fd)));
    if (m.appending) lseek(fd, 0, SEEK_END);

    FileObject *f = obj_alloc(m.binary ? binary_type_for(st, buffering == 0)
                                       : &TextIOWrapper_Type,
                              sizeof(FileObject));
    if (!f) return err_no_memory();
    f->st = st;
    f->binary = m.binary;
    f->latin1 = latin1 == 1;
    f->newline = newline;
    f->newline_arg = newline_v ? newline_v : VAL_NONE;
    f->name = name;
    f->mode = m.binary ? binary_mode_string(st) : mode_v;
    f->encoding = has_encoding ? encoding : str_from_cstr("UTF-8");
    f->errors = has_errors ? errors : str_from_cstr("strict");
    gc_register_finalizer(st, file_state_finalize, NULL);
    registry_add(st);
    return val_from_ptr(f);
}

/* ---- the std streams and fast paths ---- */

static Value std_stream(int fd, const char *name, bool readable) {
    bool unbuffered = fd != 0 && io_unbuffered_std;
    FileState *st = file_state_new(fd, readable, !readable, IO_BUFSIZE);
    if (!st) return VAL_NULL;
    st->closefd = false;
    /* stderr is line-buffered in CPython; writing it through keeps its
     * output ordered with tracebacks printed straight to fd 2. */
    st->write_through = unbuffered || fd == 2;
    st->line_buffering = fd == 1 && isatty(fd);
    FileObject *f = obj_alloc(&TextIOWrapper_Type, sizeof(FileObject));
    if (!f) return VAL_NULL;
    f->st = st;
    f->newline = NL_UNIVERSAL;
    f->newline_arg = VAL_NONE;
    f->name = str_from_cstr(name);
    f->mode = str_from_cstr(readable ? "r" : "w");
    f->encoding = str_from_cstr("utf-8");
    f->errors = str_from_cstr(fd == 2 ? "backslashreplace" : "strict");
    registry_add(st);
    return val_from_ptr(f);
}

int io_write_stdout(const char *data, size_t size) {
    FileState *st = FILE_OBJ(io_stdout)->st;
    if (st->closed) return err_format_int(&Exc_ValueError, "I/O operation on closed file.");
    if (state_write(st, data, size) < 0) return -1;
    if (st->line_buffering && memchr(data, '\n', size)) return state_flush(st);
    return 0;
}

static bool is_builtin_file(Value v) {
    if (!val_is_ptr(v)) return false;
    Type *t = TYPE(v);
    return t == &TextIOWrapper_Type || t == &BufferedReader_Type ||
           t == &BufferedWriter_Type || t == &BufferedRandom_Type || t == &FileIO_Type;
}

int io_write_str(Value file, Value s) {
    if (val_is_type_exact(file, &TextIOWrapper_Type)) return text_write(file, s);
    Value r = obj_call_method(file, "write", &s, 1);
    return r ? 0 : -1;
}

int io_flush(Value file) {
    if (is_builtin_file(file)) {
        FileState *st = FILE_OBJ(file)->st;
        if (st->closed || !st->wlen) return 0;
        return state_flush(st);
    }
    Value r = obj_call_method(file, "flush", NULL, 0);
    return r ? 0 : -1;
}

void io_flush_all(void) {
    for (size_t i = 0; i < n_open_files; i++) {
        FileState *st = open_files[i];
        if (!st->closed && st->wlen && state_flush(st) < 0) err_clear();
    }
}

/* ---- types and module ---- */

static const MethodDef file_methods[] = {
    {"read", file_read, METH_DEFAULT, NULL},
    {"readline", file_readline, METH_DEFAULT, NULL},
    {"readlines", file_readlines, METH_DEFAULT, NULL},
    {"write", file_write, METH_DEFAULT, NULL},
    {"writelines", file_writelines, METH_DEFAULT, NULL},
    {"flush", file_flush, METH_DEFAULT, NULL},
    {"close", file_close, METH_DEFAULT, NULL},
    {"fileno", file_fileno, METH_DEFAULT, NULL},
    {"isatty", file_isatty, METH_DEFAULT, NULL},
    {"readable", file_readable, METH_DEFAULT, NULL},
    {"writable", file_writable, METH_DEFAULT, NULL},
    {"seekable", file_seekable, METH_DEFAULT, NULL},
    {"seek", file_seek, METH_DEFAULT, NULL},
    {"tell", file_tell, METH_DEFAULT, NULL},
    {"truncate", file_truncate, METH_DEFAULT, NULL},
    {"reconfigure", file_reconfigure, METH_DEFAULT, NULL},
    {"__enter__", file_enter, METH_DEFAULT, NULL},
    {"__exit__", file_exit, METH_DEFAULT, NULL},
    {NULL},
};

static const GetSetDef file_getset[] = {
    {"closed", file_get_closed, NULL},
    {"name", file_get_name, NULL},
    {"mode", file_get_mode, NULL},
    {"encoding", file_get_encoding, NULL},
    {"errors", file_get_errors, NULL},
    {"line_buffering", file_get_line_buffering, NULL},
    {"newlines", file_get_newlines, NULL},
    {"buffer", file_get_buffer, NULL},
    {NULL},
};

Type IOBase_Type = {
    .base = {&Type_Type}, .name = "_IOBase", .basicsize = sizeof(Object),
    .flags = TPFLAG_BASETYPE,
};
Type TextIOBase_Type = {
    .base = {&Type_Type}, .name = "_TextIOBase", .basicsize = sizeof(Object),
    .flags = TPFLAG_BASETYPE,
};
Type BufferedIOBase_Type = {
    .base = {&Type_Type}, .name = "_BufferedIOBase", .basicsize = sizeof(Object),
    .flags = TPFLAG_BASETYPE,
};
Type RawIOBase_Type = {
    .base = {&Type_Type}, .name = "_RawIOBase", .basicsize = sizeof(Object),
    .flags = TPFLAG_BASETYPE,
};

#define FILE_TYPE(cname, pyname)                                        \
    Type cname = {                                                                \
        .base = {&Type_Type}, .name = pyname, .basicsize = sizeof(FileObject),   \
        .tp_repr = file_repr, .tp_iter = file_iter, .tp_iternext = file_iternext, \
        .methods = file_methods, .getset = file_getset,                          \
    };
FILE_TYPE(TextIOWrapper_Type, "TextIOWrapper")
FILE_TYPE(BufferedReader_Type, "BufferedReader")
FILE_TYPE(BufferedWriter_Type, "BufferedWriter")
FILE_TYPE(BufferedRandom_Type, "BufferedRandom")
FILE_TYPE(FileIO_Type, "FileIO")
#undef FILE_TYPE

Type Exc_UnsupportedOperation = {
    .base = {&Type_Type}, .name = "UnsupportedOperation",
    .basicsize = sizeof(BaseExceptionObject),
    .flags = TPFLAG_BASETYPE | TPFLAG_EXC_SUBCLASS,
    .attrs_offset = offsetof(BaseExceptionObject, attrs),
};

int io_init(void) {
    /* Bases are set at run time: they are other static types. */
    TP_BASE(&TextIOBase_Type) = &IOBase_Type;
    TP_BASE(&BufferedIOBase_Type) = &IOBase_Type;
    TP_BASE(&RawIOBase_Type) = &IOBase_Type;
    TP_BASE(&TextIOWrapper_Type) = &TextIOBase_Type;
    TP_BASE(&BufferedReader_Type) = &BufferedIOBase_Type;
    TP_BASE(&BufferedWriter_Type) = &BufferedIOBase_Type;
    TP_BASE(&BufferedRandom_Type) = &BufferedIOBase_Type;
    TP_BASE(&FileIO_Type) = &RawIOBase_Type;
    TP_BASE(&Exc_UnsupportedOperation) = &Exc_OSError;
    Type *types[] = {&IOBase_Type, &TextIOBase_Type, &BufferedIOBase_Type, &RawIOBase_Type,
                     &TextIOWrapper_Type, &BufferedReader_Type, &BufferedWriter_Type,
                     &BufferedRandom_Type, &FileIO_Type, &Exc_UnsupportedOperation};
    Value io_name = str_intern_cstr("_io");
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
        types[i]->module = io_name;
        if (type_ready(types[i]) < 0) return -1;
    }
    Exc_UnsupportedOperation.module = str_intern_cstr("io");
    /* CPython's UnsupportedOperation derives from OSError AND ValueError;
     * the layout is OSError's, so only bases and the MRO change. */
    Exc_UnsupportedOperation.bases = tuple_pack(2, val_from_ptr(&Exc_OSError),
                                                val_from_ptr(&Exc_ValueError));
    Exc_UnsupportedOperation.mro = tuple_pack(
        6, val_from_ptr(&Exc_UnsupportedOperation), val_from_ptr(&Exc_OSError),
        val_from_ptr(&Exc_ValueError), val_from_ptr(&Exc_Exception),
        val_from_ptr(&Exc_BaseException), val_from_ptr(&Object_Type));
    if (!Exc_UnsupportedOperation.bases || !Exc_UnsupportedOperation.mro) return -1;
    if (io_memory_init() < 0) return -1;
    io_stdin = std_stream(0, "<stdin>", true);
    io_stdout = std_stream(1, "<stdout>", false);
    io_stderr = std_stream(2, "<stderr>", false);
    return io_stdin && io_stdout && io_stderr ? 0 : -1;
}

static Value io_builtin_open(Value *args, size_t nargs, Value kwnames);

static const MethodDef io_functions[] = {
    {"open", io_builtin_open, METH_DEFAULT, NULL},
    {NULL},
};

/* open(file, mode='r', buffering=-1, encoding=None, errors=None,
 *      newline=None, closefd=True, opener=None) */
static Value io_builtin_open(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"file", "mode", "buffering", "encoding", "errors",
                                        "newline", "closefd", "opener", NULL};
    Value v[8];
    if (args_parse("open", args, nargs, kwnames, names, 0, 1, v) < 0) return VAL_NULL;
    if (v[7] && !val_is_none(v[7]))
        return err_format(&Exc_NotImplementedError, "open(): opener is not supported");
    return io_open(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
}

/* The builtins module's open (builtins.c) shares this definition. */
const MethodDef *io_open_def = &io_functions[0];

Value io_module_init(void) {
    Value m = module_new_cstr("io");
    if (!m || module_add_functions(m, io_functions) < 0) return VAL_NULL;
    Value d = module_dict(m);
    struct { const char *name; Type *type; } types[] = {
        {"IOBase", &IOBase_Type}, {"TextIOBase", &TextIOBase_Type},
        {"BufferedIOBase", &BufferedIOBase_Type}, {"RawIOBase", &RawIOBase_Type},
        {"TextIOWrapper", &TextIOWrapper_Type}, {"BufferedReader", &BufferedReader_Type},
        {"BufferedWriter", &BufferedWriter_Type}, {"BufferedRandom", &BufferedRandom_Type},
        {"FileIO", &FileIO_Type}, {"StringIO", &StringIO_Type}, {"BytesIO", &BytesIO_Type},
        {"UnsupportedOperation", &Exc_UnsupportedOperation},
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (dict_set_str(d, types[i].name, val_from_ptr(types[i].type)) < 0) return VAL_NULL;
    if (dict_set_str(d, "DEFAULT_BUFFER_SIZE", val_from_smallint(IO_BUFSIZE)) < 0 ||
        dict_set_str(d, "SEEK_SET", val_from_smallint(0)) < 0 ||
        dict_set_str(d, "SEEK_CUR", val_from_smallint(1)) < 0 ||
        dict_set_str(d, "SEEK_END", val_from_smallint(2)) < 0)
        return VAL_NULL;
    return m;
}
