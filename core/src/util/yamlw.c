/*
** yamlw.c: a streaming YAML writer. Each call is one libyaml event; the
** emitter lays out blocks, indentation and quoting, and writes straight
** into the output buffer. The first failure is kept and later calls do
** nothing, as jsonw does.
*/
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "accord/text.h"
#include "util/yamlw_int.h"

yamlw_style yamlw_quoted(const char *s, size_t len)
{
	(void)s;
	(void)len;
	return YAMLW_DOUBLE;
}

yamlw_style yamlw_guarded(const char *s, size_t len)
{
	static const char *const special[] = {"", "null", "Null", "NULL", "~", "true", "True", "TRUE", "false",
		"False", "FALSE", "yes", "no", "on", "off", "Yes", "No", "On", "Off", "y", "n"};
	size_t i;
	for (i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		if (strlen(special[i]) == len && memcmp(s, special[i], len) == 0)
			return YAMLW_DOUBLE;
	if (len && (s[0] == ' ' || s[len - 1] == ' ' || (s[0] >= '0' && s[0] <= '9') || s[0] == '-' || s[0] == '.'))
		return YAMLW_DOUBLE;
	return YAMLW_ANY;
}

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	yamlw *w = data;
	if (accord_buf_put(w->out, (const char *)buffer, size) != ACCORD_OK) {
		w->failed = ACCORD_ENOMEM;
		return 0;
	}
	return 1;
}

/* Emits an initialised event (initialised: 1), or notes why it could not be made. */
static void emit(yamlw *w, yaml_event_t *event, int initialised)
{
	if (w->failed)
		return;
	if (!initialised) {
		w->failed = ACCORD_ENOMEM;
		return;
	}
	if (!yaml_emitter_emit(&w->emitter, event) && !w->failed) {
		if (w->emitter.error == YAML_MEMORY_ERROR) {
			w->failed = ACCORD_ENOMEM;
		} else {
			w->failed = ACCORD_EINVAL;
			w->problem = w->emitter.problem;
		}
	}
}

static void scalar(yamlw *w, const char *s, size_t len, yamlw_style style)
{
	static const yaml_scalar_style_t styles[] = {YAML_ANY_SCALAR_STYLE, YAML_PLAIN_SCALAR_STYLE,
		YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE, YAML_LITERAL_SCALAR_STYLE};
	yaml_event_t event;
	if (w->failed)
		return;
	if (len > INT32_MAX) {
		w->failed = ACCORD_EINVAL;
		return;
	}
	if (!yaml_scalar_event_initialize(&event, NULL, NULL, (yaml_char_t *)(uintptr_t)s, (int)len, 1, 1, styles[style])) {
		/* libyaml refuses text that is not UTF-8; otherwise it ran out of memory. */
		w->failed = accord_utf8_check(s, len, NULL) != ACCORD_OK ? ACCORD_EUTF8 : ACCORD_ENOMEM;
		return;
	}
	emit(w, &event, 1);
}

void yamlw_init(yamlw *w, accord_buf *out, const yamlw_options *opts)
{
	yaml_event_t event;
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->strings = opts && opts->strings ? opts->strings : yamlw_quoted;
	if (!yaml_emitter_initialize(&w->emitter)) {
		w->failed = ACCORD_ENOMEM;
		return;
	}
	w->ready = 1;
	yaml_emitter_set_output(&w->emitter, write_handler, w);
	yaml_emitter_set_unicode(&w->emitter, 1);
	yaml_emitter_set_width(&w->emitter, opts ? opts->width : -1);
	emit(w, &event, yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING));
	emit(w, &event, yaml_document_start_event_initialize(&event, NULL, NULL, NULL, !(opts && opts->explicit_start)));
}

void yamlw_begin_object(yamlw *w)
{
	yaml_event_t event;
	if (!w->failed)
		emit(w, &event, yaml_mapping_start_event_initialize(&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
}

void yamlw_end_object(yamlw *w)
{
	yaml_event_t event;
	if (!w->failed)
		emit(w, &event, yaml_mapping_end_event_initialize(&event));
}

static void begin_array(yamlw *w, yaml_sequence_style_t style)
{
	yaml_event_t event;
	if (!w->failed)
		emit(w, &event, yaml_sequence_start_event_initialize(&event, NULL, NULL, 1, style));
}

void yamlw_begin_array(yamlw *w)
{
	begin_array(w, YAML_BLOCK_SEQUENCE_STYLE);
}

void yamlw_begin_flow_array(yamlw *w)
{
	begin_array(w, YAML_FLOW_SEQUENCE_STYLE);
}

void yamlw_end_array(yamlw *w)
{
	yaml_event_t event;
	if (!w->failed)
		emit(w, &event, yaml_sequence_end_event_initialize(&event));
}

void yamlw_key(yamlw *w, const char *key)
{
	scalar(w, key, strlen(key), YAMLW_PLAIN);
}

void yamlw_string(yamlw *w, const char *value)
{
	size_t len;
	if (value == NULL) {
		yamlw_null(w);
		return;
	}
	len = strlen(value);
	scalar(w, value, len, w->strings(value, len));
}

void yamlw_integer(yamlw *w, long long value)
{
	char number[24];
	int n = snprintf(number, sizeof(number), "%lld", value);
	scalar(w, number, (size_t)n, YAMLW_ANY);
}

void yamlw_real(yamlw *w, double value)
{
	char number[40];
	int n = snprintf(number, sizeof(number), "%.6g", value);
	scalar(w, number, (size_t)n, YAMLW_ANY);
}

void yamlw_bool(yamlw *w, int value)
{
	scalar(w, value ? "true" : "false", value ? 4 : 5, YAMLW_ANY);
}

void yamlw_null(yamlw *w)
{
	scalar(w, "null", 4, YAMLW_ANY);
}

int yamlw_finish(yamlw *w)
{
	yaml_event_t event;
	if (!w->failed) {
		emit(w, &event, yaml_document_end_event_initialize(&event, 1));
		emit(w, &event, yaml_stream_end_event_initialize(&event));
		if (!w->failed && !yaml_emitter_flush(&w->emitter))
			w->failed = ACCORD_ENOMEM;
	}
	if (w->ready)
		yaml_emitter_delete(&w->emitter);
	w->ready = 0;
	return w->failed;
}
