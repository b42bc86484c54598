/*
** treew_int.h: one tree writer, two back ends. A serialiser written once
** against treew (objects, arrays, keys, scalars) emits JSON through jsonw
** or YAML through yamlw: amendment lists, compilations and documents are
** each written by one walk whatever the format.
*/
#ifndef ACCORD_TREEW_INT_H
#define ACCORD_TREEW_INT_H

#include "util/jsonw_int.h"
#include "util/yamlw_int.h"

typedef struct treew {
	int yaml; /* 1: the YAML back end */
	union {
		jsonw json;
		yamlw yaml;
	} as;
} treew;

/* JSON into out, as jsonw writes it. */
void treew_init_json(treew *w, accord_buf *out);
/* YAML into out, as yamlw writes it with opts. treew_finish must follow. */
void treew_init_yaml(treew *w, accord_buf *out, const yamlw_options *opts);
void treew_begin_object(treew *w);
void treew_end_object(treew *w);
void treew_begin_array(treew *w);
/* A short list of short words: on one line in YAML ("[a, b]"), an array like any other in JSON. */
void treew_begin_flow_array(treew *w);
void treew_end_array(treew *w);
void treew_key(treew *w, const char *key); /* a name of the writer's own: plain ASCII */
void treew_string(treew *w, const char *value); /* NULL writes null */
void treew_integer(treew *w, long long value);
void treew_real(treew *w, double value);
void treew_bool(treew *w, int value);
void treew_null(treew *w);
/* Finishes the document: ACCORD_OK, or ACCORD_ENOMEM (or from YAML ACCORD_EUTF8, ACCORD_EINVAL). */
int treew_finish(treew *w);

#endif
