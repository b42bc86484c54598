/* treew.c: the tree writer: each call goes to the JSON or the YAML back end. */
#include <string.h>

#include "util/treew_int.h"

void treew_init_json(treew *w, accord_buf *out)
{
	memset(w, 0, sizeof(*w));
	jsonw_init(&w->as.json, out);
}

void treew_init_yaml(treew *w, accord_buf *out, const yamlw_options *opts)
{
	memset(w, 0, sizeof(*w));
	w->yaml = 1;
	yamlw_init(&w->as.yaml, out, opts);
}

void treew_begin_object(treew *w)
{
	if (w->yaml)
		yamlw_begin_object(&w->as.yaml);
	else
		jsonw_begin_object(&w->as.json);
}

void treew_end_object(treew *w)
{
	if (w->yaml)
		yamlw_end_object(&w->as.yaml);
	else
		jsonw_end_object(&w->as.json);
}

void treew_begin_array(treew *w)
{
	if (w->yaml)
		yamlw_begin_array(&w->as.yaml);
	else
		jsonw_begin_array(&w->as.json);
}

void treew_begin_flow_array(treew *w)
{
	if (w->yaml)
		yamlw_begin_flow_array(&w->as.yaml);
	else
		jsonw_begin_array(&w->as.json);
}

void treew_end_array(treew *w)
{
	if (w->yaml)
		yamlw_end_array(&w->as.yaml);
	else
		jsonw_end_array(&w->as.json);
}

void treew_key(treew *w, const char *key)
{
	if (w->yaml)
		yamlw_key(&w->as.yaml, key);
	else
		jsonw_key(&w->as.json, key);
}

void treew_string(treew *w, const char *value)
{
	if (w->yaml)
		yamlw_string(&w->as.yaml, value);
	else
		jsonw_string(&w->as.json, value);
}

void treew_integer(treew *w, long long value)
{
	if (w->yaml)
		yamlw_integer(&w->as.yaml, value);
	else
		jsonw_integer(&w->as.json, value);
}

void treew_real(treew *w, double value)
{
	if (w->yaml)
		yamlw_real(&w->as.yaml, value);
	else
		jsonw_real(&w->as.json, value);
}

void treew_bool(treew *w, int value)
{
	if (w->yaml)
		yamlw_bool(&w->as.yaml, value);
	else
		jsonw_bool(&w->as.json, value);
}

void treew_null(treew *w)
{
	if (w->yaml)
		yamlw_null(&w->as.yaml);
	else
		jsonw_null(&w->as.json);
}

int treew_finish(treew *w)
{
	return w->yaml ? yamlw_finish(&w->as.yaml) : jsonw_finish(&w->as.json);
}
