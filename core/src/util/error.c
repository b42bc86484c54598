/* error.c: error codes, their descriptions, the caller-owned error record, and the library's version. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "accord/common.h"

/* One row per accord_code, in the order of the enum (negated). */
static const char *const error_descriptions[] = {
	"success",                            /* ACCORD_OK */
	"out of memory",                      /* ACCORD_ENOMEM */
	"invalid argument",                   /* ACCORD_EINVAL */
	"malformed input",                    /* ACCORD_EPARSE */
	"invalid UTF-8",                      /* ACCORD_EUTF8 */
	"input of the wrong shape",           /* ACCORD_ESCHEMA */
	"input/output error",                 /* ACCORD_EIO */
	"not found",                          /* ACCORD_ENOTFOUND */
	"amendment does not fit the text",    /* ACCORD_ECONFLICT */
	"script limit reached",               /* ACCORD_ELIMIT */
	"script error",                       /* ACCORD_ESCRIPT */
	"session store error",                /* ACCORD_ESTORE */
	"refused by the procedure",           /* ACCORD_EREFUSED */
	"illegal state transition",           /* ACCORD_ESTATE */
	"unsupported version",                /* ACCORD_EVERSION */
	"empty input",                        /* ACCORD_EEMPTY */
	"session is busy",                    /* ACCORD_EBUSY */
	"damaged file or not a session",      /* ACCORD_ECORRUPT */
};

const char *accord_version(void)
{
	return ACCORD_VERSION_STRING;
}

const char *accord_strerror(int code)
{
	size_t index = code <= 0 ? (size_t)(-(long)code) : (size_t)-1;
	if (index >= sizeof(error_descriptions) / sizeof(error_descriptions[0]))
		return "unknown error";
	return error_descriptions[index];
}

void accord_error_clear(accord_error *err)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof(*err));
}

int accord_error_set(accord_error *err, int code, const char *fmt, ...)
{
	if (err == NULL)
		return code;
	err->code = code;
	if (fmt == NULL) {
		snprintf(err->message, sizeof(err->message), "%s", accord_strerror(code));
	} else {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
	}
	return code;
}

void accord_error_at(accord_error *err, const char *file, unsigned line, unsigned col)
{
	if (err == NULL)
		return;
	if (file != NULL)
		snprintf(err->file, sizeof(err->file), "%s", file);
	err->line = line;
	err->col = col;
}
