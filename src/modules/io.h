/* io.h — file objects (open(), sys.stdin/stdout/stderr) and in-memory
 * streams (io.StringIO, io.BytesIO). Implemented in modules/io.c (files,
 * the io/_io module) and modules/io_memory.c (StringIO, BytesIO). */
#ifndef KRAIT_IO_H
#define KRAIT_IO_H

#include <stdbool.h>

#include "../objects/object.h"

/* Set by main before runtime_init: -u makes stdout/stderr unbuffered. */
extern bool io_unbuffered_std;

/* The std stream objects io_init created (never replaced; sys.stdout may
 * be rebound by Python code, these stay the originals = sys.__stdout__). */
extern Value io_stdin, io_stdout, io_stderr;

/* Create the std streams and ready the io types (called by modules_init). */
int io_init(void);

/* open(file, mode, buffering, encoding, errors, newline, closefd).
 * Arguments may be VAL_NULL for their defaults. */
Value io_open(Value file, Value mode, Value buffering, Value encoding,
              Value errors, Value newline, Value closefd);

/* Append UTF-8 bytes to the real stdout's buffer (print's fast path).
 * -1 with an exception set on a write error. */
int io_write_stdout(const char *data, size_t size);
/* Write text to a file object: the fast path for the built-in file type,
 * else file.write(str). -1 on error. */
int io_write_str(Value file, Value s);
/* file.flush() (fast for built-in files). -1 on error. */
int io_flush(Value file);
/* Flush every open built-in file that has buffered output (at exit). */
void io_flush_all(void);

/* Raise the OSError subclass that matches errno `err` (FileNotFoundError
 * for ENOENT, …) with args (errno, strerror[, filename]). Returns VAL_NULL.
 * filename may be VAL_NULL. */
Value io_raise_errno(int err, Value filename);
Value io_raise_errno2(int err, Value filename, Value filename2);

/* The types, for isinstance checks elsewhere. */
extern Type IOBase_Type, TextIOBase_Type, BufferedIOBase_Type, RawIOBase_Type;
extern Type TextIOWrapper_Type, BufferedReader_Type, BufferedWriter_Type,
    BufferedRandom_Type, FileIO_Type;
extern Type StringIO_Type, BytesIO_Type;
extern Type Exc_UnsupportedOperation;

/* io_memory.c: readies StringIO/BytesIO. */
int io_memory_init(void);
/* A new StringIO holding `initial` (a str, or VAL_NULL). */
Value stringio_new(Value initial);

/* The io / _io module. */
Value io_module_init(void);

#endif
