/*
** yamlw_int.h: a streaming YAML writer over libyaml's emitter, with the
** shape of jsonw (objects, arrays, keys, scalars, finish), so that a tree
** written through one can be written through the other (util/treew_int.h).
*/
#ifndef ACCORD_YAMLW_INT_H
#define ACCORD_YAMLW_INT_H

#include <yaml.h>

#include "accord/common.h"

/* How one string is written; libyaml falls back to a quoted style when the text cannot be written so. */
typedef enum yamlw_style {
	YAMLW_ANY = 0, /* libyaml's choice: plain where it can */
	YAMLW_PLAIN,
	YAMLW_SINGLE,  /* 'quoted' */
	YAMLW_DOUBLE,  /* "quoted", with escapes */
	YAMLW_LITERAL  /* a | block */
} yamlw_style;

/* The style of a string value (not of keys, numbers and words: plain), chosen by the writer's user. */
typedef yamlw_style (*yamlw_policy)(const char *s, size_t len);

/* Every string double-quoted: "null", "yes", "1" or "" stay strings when read back (amendment lists). */
yamlw_style yamlw_quoted(const char *s, size_t len);
/*
** Plain unless a reader would take the string for null, a boolean or a
** number, or it has blanks at its edges: then double-quoted (compilations).
*/
yamlw_style yamlw_guarded(const char *s, size_t len);

typedef struct yamlw_options {
	int width;            /* lines longer are folded; -1: never */
	int explicit_start;   /* begin with "---" */
	yamlw_policy strings; /* NULL: yamlw_quoted */
} yamlw_options;

typedef struct yamlw {
	yaml_emitter_t emitter;
	accord_buf *out;
	yamlw_policy strings;
	int ready;  /* the emitter is initialised (yamlw_finish frees it) */
	int failed; /* the first failure: ACCORD_ENOMEM, ACCORD_EUTF8 (text that is not UTF-8) or ACCORD_EINVAL */
	const char *problem; /* what libyaml said about an ACCORD_EINVAL failure, NULL when nothing */
} yamlw;

/* Starts the stream and its one document. yamlw_finish must follow, whatever happens between. */
void yamlw_init(yamlw *w, accord_buf *out, const yamlw_options *opts);
void yamlw_begin_object(yamlw *w);
void yamlw_end_object(yamlw *w);
void yamlw_begin_array(yamlw *w);
/* An array on one line ("[a, b]"), for short lists of short words. */
void yamlw_begin_flow_array(yamlw *w);
void yamlw_end_array(yamlw *w);
void yamlw_key(yamlw *w, const char *key);
void yamlw_string(yamlw *w, const char *value); /* NULL writes null */
void yamlw_integer(yamlw *w, long long value);
void yamlw_real(yamlw *w, double value); /* %.6g */
void yamlw_bool(yamlw *w, int value);
void yamlw_null(yamlw *w);
/* Ends the document and frees the emitter; returns ACCORD_OK or the first failure (w->failed). */
int yamlw_finish(yamlw *w);

#endif
