/*
** jsonw.c: a streaming JSON writer. Writing large lists through a tree
** (jansson) costs an allocation per value; this writes straight into the
** output buffer, with the same layout as jansson's JSON_INDENT(2).
*/
#include <stdio.h>
#include <string.h>

#include "util/jsonw_int.h"

static void put(jsonw *w, const char *s, size_t len)
{
	accord_buf *b = w->out;
	if (b->size + len + 1 <= b->asize) { /* the common case: room left */
		memcpy(b->ptr + b->size, s, len);
		b->size += len;
		b->ptr[b->size] = '\0';
		return;
	}
	if (!w->failed && accord_buf_put(b, s, len) != ACCORD_OK)
		w->failed = 1;
}

/* A newline and up to JSONW_MAX_DEPTH levels of two spaces. */
static const char indent[] = "\n                                                                "
			     "                                                                ";

static size_t indent_len(const jsonw *w)
{
	size_t n = 1 + (size_t)w->depth * 2;
	return n < sizeof(indent) - 1 ? n : sizeof(indent) - 1;
}

static void newline_indent(jsonw *w)
{
	put(w, indent, indent_len(w));
}

/* What goes before a value: a comma and a new line, unless it follows a key. */
static void before_value(jsonw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth == 0)
		return;
	if (!w->first[w->depth])
		put(w, ",", 1);
	w->first[w->depth] = 0;
	newline_indent(w);
}

void jsonw_init(jsonw *w, accord_buf *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
}

static void open_(jsonw *w, const char *bracket)
{
	before_value(w);
	put(w, bracket, 1);
	if (w->depth + 1 >= JSONW_MAX_DEPTH) {
		w->failed = 1;
		return;
	}
	w->depth++;
	w->first[w->depth] = 1;
}

static void close_(jsonw *w, const char *bracket)
{
	int empty = w->first[w->depth];
	if (w->depth == 0) {
		w->failed = 1;
		return;
	}
	w->depth--;
	if (!empty)
		newline_indent(w);
	put(w, bracket, 1);
}

void jsonw_begin_object(jsonw *w)
{
	open_(w, "{");
}

void jsonw_end_object(jsonw *w)
{
	close_(w, "}");
}

void jsonw_begin_array(jsonw *w)
{
	open_(w, "[");
}

void jsonw_end_array(jsonw *w)
{
	close_(w, "]");
}

/* The bytes a JSON string escapes (and the NUL that ends a C string): control characters, '"', '\\'. */
static const unsigned char must_escape[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1,
};

static void quoted(jsonw *w, const char *s)
{
	const char *run = s;
	put(w, "\"", 1);
	for (;; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];
		if (!must_escape[c])
			continue;
		if (c == '\0')
			break;
		put(w, run, (size_t)(s - run));
		switch (c) {
		case '"': put(w, "\\\"", 2); break;
		case '\\': put(w, "\\\\", 2); break;
		case '\n': put(w, "\\n", 2); break;
		case '\t': put(w, "\\t", 2); break;
		case '\r': put(w, "\\r", 2); break;
		case '\b': put(w, "\\b", 2); break;
		case '\f': put(w, "\\f", 2); break;
		default:
			snprintf(esc, sizeof(esc), "\\u%04X", c); /* as jansson writes it */
			put(w, esc, 6);
		}
		run = s + 1;
	}
	put(w, run, (size_t)(s - run));
	put(w, "\"", 1);
}

void jsonw_key(jsonw *w, const char *key)
{
	/* Keys are the writer's own names: plain ASCII, nothing to escape. A key is the most common
	   thing written (seven an edit): its comma, indent, quotes and colon go in one copy. */
	size_t len = strlen(key), ind = indent_len(w), n;
	accord_buf *b = w->out;
	char *at;
	if (w->after_key || w->depth == 0 || b->size + len + ind + 6 > b->asize) {
		before_value(w);
		put(w, "\"", 1);
		put(w, key, len);
		put(w, "\": ", 3);
		w->after_key = 1;
		return;
	}
	at = b->ptr + b->size;
	n = 0;
	if (!w->first[w->depth])
		at[n++] = ',';
	w->first[w->depth] = 0;
	memcpy(at + n, indent, ind);
	n += ind;
	at[n++] = '"';
	memcpy(at + n, key, len);
	n += len;
	memcpy(at + n, "\": ", 3);
	n += 3;
	b->size += n;
	b->ptr[b->size] = '\0';
	w->after_key = 1;
}

void jsonw_string(jsonw *w, const char *value)
{
	if (value == NULL) {
		jsonw_null(w);
		return;
	}
	before_value(w);
	quoted(w, value);
}

void jsonw_integer(jsonw *w, long long value)
{
	char digits[24];
	size_t n = 0;
	unsigned long long v = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
	do
		digits[sizeof(digits) - 1 - n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	if (value < 0)
		digits[sizeof(digits) - 1 - n++] = '-';
	before_value(w);
	put(w, digits + sizeof(digits) - n, n);
}

void jsonw_real(jsonw *w, double value)
{
	char number[40];
	int n = snprintf(number, sizeof(number), "%.6g", value);
	before_value(w);
	put(w, number, (size_t)n);
	if (strpbrk(number, ".eEn") == NULL) /* keep it a real: 1 -> 1.0 */
		put(w, ".0", 2);
}

void jsonw_bool(jsonw *w, int value)
{
	before_value(w);
	put(w, value ? "true" : "false", value ? 4 : 5);
}

void jsonw_null(jsonw *w)
{
	before_value(w);
	put(w, "null", 4);
}

int jsonw_finish(jsonw *w)
{
	put(w, "\n", 1);
	if (w->depth != 0)
		w->failed = 1;
	return w->failed ? ACCORD_ENOMEM : ACCORD_OK;
}
