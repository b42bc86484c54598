/* jsonw_int.h: a streaming JSON writer (pretty-printed, 2-space indent) into an accord_buf. */
#ifndef ACCORD_JSONW_INT_H
#define ACCORD_JSONW_INT_H

#include "accord/common.h"

#define JSONW_MAX_DEPTH 64

typedef struct jsonw {
	accord_buf *out;
	unsigned depth;
	int first[JSONW_MAX_DEPTH]; /* nothing written yet at this depth */
	int after_key;              /* the next value follows a key on the same line */
	int failed;                 /* an allocation failed, or nesting went too deep */
} jsonw;

void jsonw_init(jsonw *w, accord_buf *out);
void jsonw_begin_object(jsonw *w);
void jsonw_end_object(jsonw *w);
void jsonw_begin_array(jsonw *w);
void jsonw_end_array(jsonw *w);
void jsonw_key(jsonw *w, const char *key);
void jsonw_string(jsonw *w, const char *value); /* NULL writes null */
void jsonw_integer(jsonw *w, long long value);
void jsonw_real(jsonw *w, double value);
void jsonw_bool(jsonw *w, int value);
void jsonw_null(jsonw *w);
/* Finishes the document with a newline; returns ACCORD_OK or ACCORD_ENOMEM. */
int jsonw_finish(jsonw *w);

#endif
