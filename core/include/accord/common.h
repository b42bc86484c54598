/*
** accord/common.h: what every part of the accord C API shares.
**
** Conventions (see docs/design.md):
**   - Functions return int: 0 (ACCORD_OK) or a negative ACCORD_E* code.
**   - Out parameters come first; *out is NULL on failure; what a function
**     hands out through **out belongs to the caller and has a NULL-safe _free.
**   - Details of a failure go into a caller-owned accord_error (may be NULL).
**     There is no global "last error".
*/
#ifndef ACCORD_COMMON_H
#define ACCORD_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "accord/version.h"

#if defined(__GNUC__) && __GNUC__ >= 4
#define ACCORD_API __attribute__((visibility("default")))
#else
#define ACCORD_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
** The version of the library loaded ("0.1.0"), which may differ from the
** headers' ACCORD_VERSION_STRING when a program runs against a newer
** shared library.
*/
ACCORD_API const char *accord_version(void);

/* Error codes. Keep in step with the table in core/src/util/error.c. */
typedef enum accord_code {
	ACCORD_OK = 0,
	ACCORD_ENOMEM = -1,    /* an allocation failed */
	ACCORD_EINVAL = -2,    /* a bad argument: misuse of the API */
	ACCORD_EPARSE = -3,    /* input text/YAML/JSON is malformed */
	ACCORD_EUTF8 = -4,     /* input is not valid UTF-8 */
	ACCORD_ESCHEMA = -5,   /* well-formed input of the wrong shape */
	ACCORD_EIO = -6,       /* reading or writing a file failed */
	ACCORD_ENOTFOUND = -7, /* no such paragraph, section, party, amendment */
	ACCORD_ECONFLICT = -8, /* an amendment does not fit the text it targets */
	ACCORD_ELIMIT = -9,    /* a script hit its memory or instruction limit */
	ACCORD_ESCRIPT = -10,  /* a script raised an error or failed to load */
	ACCORD_ESTORE = -11,   /* the session store failed (SQLite) */
	ACCORD_EREFUSED = -12, /* the procedure (rule pack) refused the action */
	ACCORD_ESTATE = -13,   /* an illegal state transition */
	ACCORD_EVERSION = -14, /* a file from a newer or unknown version */
	ACCORD_EEMPTY = -15,   /* input has no content */
	ACCORD_EBUSY = -16,    /* the session is locked by another process */
	ACCORD_ECORRUPT = -17  /* the file is damaged or is not a session */
} accord_code;

/*
** A failure's details. Filled by the function that failed; message is
** always NUL-terminated. file/line/col are set when the failure has a
** position in an input (line and col 1-based, 0 when unknown); offset is a
** byte offset (for invalid UTF-8).
*/
typedef struct accord_error {
	int code;           /* the accord_code returned */
	char message[512];  /* human-readable, no trailing newline */
	char file[256];     /* input name ("-" for stdin), "" when none */
	unsigned line;      /* 1-based, 0 when unknown */
	unsigned col;       /* 1-based, 0 when unknown */
	size_t offset;      /* byte offset into the input, when meaningful */
} accord_error;

/* The short fixed description of an error code ("out of memory"). */
ACCORD_API const char *accord_strerror(int code);

/* Clears an error record (code 0, empty strings). NULL-safe. */
ACCORD_API void accord_error_clear(accord_error *err);

/*
** Records a failure in err (NULL-safe) and returns code, so callers can
** write `return accord_error_set(err, ACCORD_EPARSE, "...", ...)`.
*/
ACCORD_API int accord_error_set(accord_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Sets the position part of an error (file may be NULL). NULL-safe. */
ACCORD_API void accord_error_at(accord_error *err, const char *file, unsigned line, unsigned col);

/*
** A growable byte buffer that the caller owns. Zero-initialise it
** (ACCORD_BUF_INIT); ptr is NUL-terminated whenever size > 0;
** accord_buf_dispose frees it and resets it to empty.
*/
typedef struct accord_buf {
	char *ptr;    /* the bytes, NUL-terminated, or NULL when empty */
	size_t size;  /* bytes used, not counting the NUL */
	size_t asize; /* bytes allocated */
} accord_buf;
#define ACCORD_BUF_INIT {NULL, 0, 0}

ACCORD_API int accord_buf_grow(accord_buf *buf, size_t need);
ACCORD_API int accord_buf_put(accord_buf *buf, const char *data, size_t len);
ACCORD_API int accord_buf_puts(accord_buf *buf, const char *s);
ACCORD_API int accord_buf_putc(accord_buf *buf, char c);
ACCORD_API int accord_buf_printf(accord_buf *buf, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
ACCORD_API void accord_buf_clear(accord_buf *buf); /* size 0, keeps memory */
ACCORD_API void accord_buf_dispose(accord_buf *buf);
/* Hands the bytes over (caller frees with accord_free) and empties buf. */
ACCORD_API char *accord_buf_detach(accord_buf *buf);

/*
** Where a streaming writer puts its output, piece by piece, so that a large
** result is never held whole: write is called with each piece in order and
** returns ACCORD_OK, or an error code (ACCORD_EIO) that stops the writer.
** accord_sink_buf appends to the accord_buf given as ctx.
*/
typedef struct accord_sink {
	int (*write)(void *ctx, const char *data, size_t len);
	void *ctx;
} accord_sink;

ACCORD_API int accord_sink_buf(void *ctx, const char *data, size_t len);

/*
** Every allocation in accord goes through these, so tests can make the
** Nth allocation fail (accord/sys/testing.h) and check that each
** function returns ACCORD_ENOMEM cleanly and leaks nothing.
*/
ACCORD_API void *accord_malloc(size_t size);
ACCORD_API void *accord_calloc(size_t n, size_t size);
ACCORD_API void *accord_realloc(void *ptr, size_t size);
ACCORD_API void accord_free(void *ptr);
ACCORD_API char *accord_strdup(const char *s);
ACCORD_API char *accord_strndup(const char *s, size_t n);


/*
** Test hook: after n more successful allocations, the next one fails and
** the ones after it succeed again (a check that tests only one of several
** results is caught this way). accord_alloc_fail_after(-1) turns it off.
*/
ACCORD_API long accord_alloc_fail_one(long n);

/*
** Reads a whole file ("-" is standard input) into out. Fails with
** ACCORD_EIO (err names the file and the system's reason), or ACCORD_ELIMIT
** for a file larger than the input limit (accord_limits).
*/
ACCORD_API int accord_read_file(accord_buf *out, const char *path, accord_error *err);

/*
** The limits on what accord reads (docs/security.md, "Limits"). They are
** the process's: set them once, before any work (not thread-safe). A
** reader that meets more fails with ACCORD_ELIMIT and a message naming the
** limit; nothing half-read is kept.
*/
typedef struct accord_limits {
	size_t input_bytes;  /* largest file or text read (default ACCORD_DEFAULT_INPUT_BYTES) */
	size_t paragraphs;   /* most paragraphs in one document (default ACCORD_DEFAULT_PARAGRAPHS) */
	unsigned depth;      /* deepest nesting of paragraphs, 1 = no nesting (default ACCORD_DEFAULT_DEPTH) */
} accord_limits;
#define ACCORD_DEFAULT_INPUT_BYTES ((size_t)256 << 20)
#define ACCORD_DEFAULT_PARAGRAPHS ((size_t)1000000)
#define ACCORD_DEFAULT_DEPTH 64u

/* The limits in force. */
ACCORD_API void accord_limits_get(accord_limits *out);
/* Sets the limits; a field left 0 takes its default. NULL: all defaults. */
ACCORD_API void accord_limits_set(const accord_limits *limits);

#ifdef __cplusplus
}
#endif
#endif
