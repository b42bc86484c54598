/* utf8_int.h: the UTF-8 decoder shared by utf8.c and tokenize.c, and columns in code points (private). */
#ifndef ACCORD_UTF8_INT_H
#define ACCORD_UTF8_INT_H

#include <stddef.h>
#include <stdint.h>

/*
** Decodes one strict UTF-8 sequence at s[0..avail) (avail >= 1): returns its
** length (1..4) and stores the code point in *cp, or returns 0 when the bytes
** there are not well formed (overlong, surrogate, > U+10FFFF, truncated).
*/
size_t accord_utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp);

/* The 1-based column (in code points) of byte `at` of a line, as errors and warnings give it. */
unsigned accord_utf8_column(const char *line, size_t at);

#endif
