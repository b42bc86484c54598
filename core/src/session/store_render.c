/*
** store_render.c: the session's readers rendered for people and programs,
** what `accord list` and `accord status` print (the log's renderings are
** in store_log.c). The command line only prints what these return.
*/
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "accord/format.h"
#include "session/store_int.h"

/*
** The label of paragraph `id` (what `accord text --format outline` shows
** beside it), in the latest revision, else in revision `rev` (a paragraph
** a revision deleted); "-" for a section, an unlabelled paragraph or none.
** *other caches the older revision read.
*/
static int target_label(const char **out, accord_session *s, const accord_doc *latest, accord_doc **other,
	unsigned *other_rev, const char *id, unsigned rev, accord_error *err)
{
	const accord_para *para = NULL;
	int rc;
	*out = "-";
	if (id == NULL)
		return ACCORD_OK;
	para = accord_doc_find_para(latest, id);
	if (para == NULL && accord_doc_find_section(latest, id) == NULL) {
		if (*other == NULL || *other_rev != rev) {
			accord_doc_free(*other);
			*other = NULL;
			if ((rc = store_rev_doc(other, s, rev, err)) != ACCORD_OK)
				return rc;
			*other_rev = rev;
		}
		para = accord_doc_find_para(*other, id);
	}
	if (para != NULL && accord_para_label(para) != NULL && accord_para_label(para)[0] != '\0')
		*out = accord_para_label(para);
	return ACCORD_OK;
}

int accord_session_list_render(accord_buf *out, accord_session *s, int state, accord_session_format format,
	accord_error *err)
{
	accord_session_amendment *list = NULL;
	accord_doc *latest = NULL, *other = NULL;
	unsigned other_rev = 0;
	size_t n = 0, i;
	int rc;
	if (out == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_list_render: NULL argument");
	if (format != ACCORD_SESSION_FORMAT_TEXT && format != ACCORD_SESSION_FORMAT_JSON)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_list_render: unknown format %d", (int)format);
	rc = accord_session_amendments(&list, &n, s, state, err);
	if (rc == ACCORD_OK && format == ACCORD_SESSION_FORMAT_TEXT)
		rc = accord_session_text(&latest, s, -1, err);
	for (i = 0; rc == ACCORD_OK && i < n; i++) {
		const accord_session_amendment *a = &list[i];
		int put;
		if (format == ACCORD_SESSION_FORMAT_JSON) {
			/* one line per amendment: the stored list, compacted (as stored when it does not parse) */
			json_error_t jerr;
			json_t *value = json_loads(a->json, 0, &jerr);
			char *line = value != NULL ? json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
			put = accord_buf_puts(out, line != NULL ? line : a->json);
			put |= accord_buf_putc(out, '\n');
			free(line);
			json_decref(value);
		} else {
			const char *label;
			if ((rc = target_label(&label, s, latest, &other, &other_rev, a->target, a->revision, err)) != ACCORD_OK)
				break;
			put = accord_buf_printf(out, "%-10s %-13s %-8s %-8s %-7s %-16s Rev.%u\n", a->id, accord_state_name(a->state),
				a->op, a->target != NULL ? a->target : "-", label, a->proposers, a->revision);
		}
		if (put != ACCORD_OK)
			rc = store_nomem(err);
	}
	accord_session_amendments_free(list, n);
	accord_doc_free(latest);
	accord_doc_free(other);
	return rc;
}

static const char *str_of(json_t *object, const char *key)
{
	const char *s = json_string_value(json_object_get(object, key));
	return s != NULL ? s : "";
}

static long long int_of(json_t *object, const char *key)
{
	return (long long)json_integer_value(json_object_get(object, key));
}

/* The human form of the status, from its JSON form. */
static int status_text(accord_buf *out, const char *name, const char *json, const accord_doc *latest,
	accord_error *err)
{
	json_error_t jerr;
	json_t *root = json_loads(json, 0, &jerr), *value, *counts;
	size_t i;
	int rc = ACCORD_OK, state;
	if (root == NULL)
		return store_nomem(err); /* SQLite wrote it: only memory can fail here */
	rc |= accord_buf_printf(out, "session:       %s\n", name);
	rc |= accord_buf_printf(out, "workflow:      %s\n", str_of(root, "workflow"));
	rc |= accord_buf_printf(out, "stage:         %s\n", str_of(root, "stage"));
	rc |= accord_buf_printf(out, "text:          Rev.%lld (base %s)\n", int_of(root, "revision"), str_of(root, "base"));
	rc |= accord_buf_printf(out, "parties:       %lld\n", int_of(root, "parties"));
	rc |= accord_buf_printf(out, "contributions: %zu\n", json_array_size(json_object_get(root, "contributions")));
	json_array_foreach(json_object_get(root, "contributions"), i, value)
		rc |= accord_buf_printf(out, "  %s  %s (%lld bytes, on Rev.%lld, %s)\n", str_of(value, "party"),
			str_of(value, "file"), int_of(value, "bytes"), int_of(value, "revision"), str_of(value, "received"));
	counts = json_object_get(root, "amendments");
	rc |= accord_buf_printf(out, "amendments:    %lld", int_of(counts, "total"));
	for (state = 0; state < ACCORD_STATE_COUNT; state++) {
		const char *state_name = accord_state_name((accord_amendment_state)state);
		if (int_of(counts, state_name) > 0)
			rc |= accord_buf_printf(out, ", %lld %s", int_of(counts, state_name), state_name);
	}
	rc |= accord_buf_putc(out, '\n');
	json_array_foreach(json_object_get(root, "open"), i, value) {
		const char *party, *target = str_of(value, "target");
		const accord_para *para = accord_doc_find_para(latest, target);
		const char *label = para != NULL && accord_para_label(para) != NULL && accord_para_label(para)[0] != '\0'
			? accord_para_label(para) : "-";
		json_t *position;
		/* the open amendments are anchored on the latest revision: their targets are in it */
		rc |= accord_buf_printf(out, "  %-10s %-13s %-8s %-8s %-7s", str_of(value, "id"), str_of(value, "state"),
			str_of(value, "op"), target[0] != '\0' ? target : "-", label);
		json_object_foreach(json_object_get(value, "positions"), party, position)
			rc |= accord_buf_printf(out, " %s:%s", party, json_string_value(position));
		while (rc == ACCORD_OK && out->size > 0 && out->ptr[out->size - 1] == ' ')
			out->ptr[--out->size] = '\0'; /* no padding after the last column */
		rc |= accord_buf_putc(out, '\n');
	}
	rc |= accord_buf_printf(out, "decisions:     %lld\ncomments:      %lld\nevents:        %lld (last %s)\n",
		int_of(root, "decisions"), int_of(root, "comments"), int_of(root, "events"), str_of(root, "last_event"));
	json_decref(root);
	return rc != ACCORD_OK ? store_nomem(err) : ACCORD_OK;
}

int accord_session_status_render(accord_buf *out, accord_session *s, const char *name, accord_session_format format,
	accord_error *err)
{
	accord_buf json = ACCORD_BUF_INIT;
	accord_doc *latest = NULL;
	int rc;
	if (out == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_status_render: NULL argument");
	if (format != ACCORD_SESSION_FORMAT_TEXT && format != ACCORD_SESSION_FORMAT_JSON)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_status_render: unknown format %d", (int)format);
	if (format == ACCORD_SESSION_FORMAT_JSON) {
		rc = accord_session_status_json(out, s, err);
		if (rc == ACCORD_OK && accord_buf_putc(out, '\n') != ACCORD_OK)
			rc = store_nomem(err);
		return rc;
	}
	rc = accord_session_status_json(&json, s, err);
	if (rc == ACCORD_OK)
		rc = accord_session_text(&latest, s, -1, err);
	if (rc == ACCORD_OK)
		rc = status_text(out, name != NULL ? name : s->path, json.ptr != NULL ? json.ptr : "{}", latest, err);
	accord_buf_dispose(&json);
	accord_doc_free(latest);
	return rc;
}

int accord_session_outline(accord_buf *out, accord_session *s, int rev, unsigned width, accord_error *err)
{
	accord_session_amendment *list = NULL;
	accord_doc *doc = NULL;
	size_t n = 0, i, j, shown = 0;
	int rc;
	if (out == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_outline: NULL argument");
	if ((rc = accord_session_text(&doc, s, rev, err)) != ACCORD_OK)
		return rc;
	rc = accord_doc_render_outline(out, doc, width) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
	if (rc == ACCORD_OK)
		rc = accord_session_amendments(&list, &n, s, -1, err);
	/* each target once, in the order its first open amendment was tabled */
	for (i = 0; rc == ACCORD_OK && i < n; i++) {
		const accord_session_amendment *a = &list[i];
		const accord_para *para;
		int put = ACCORD_OK, first = 1;
		if (!accord_state_is_open(a->state) || a->target == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (accord_state_is_open(list[j].state) && list[j].target != NULL && strcmp(list[j].target, a->target) == 0)
				break;
		if (j < i)
			continue;
		if (shown++ == 0)
			put |= accord_buf_puts(out, "\nopen amendments, by what they amend\n");
		para = accord_doc_find_para(doc, a->target);
		put |= accord_buf_printf(out, "  %-5s %-6s", a->target, para != NULL && accord_para_label(para) != NULL
			? accord_para_label(para) : "");
		for (j = i; j < n; j++) {
			const accord_session_amendment *b = &list[j];
			if (!accord_state_is_open(b->state) || b->target == NULL || strcmp(b->target, a->target) != 0)
				continue;
			put |= accord_buf_printf(out, "%s%s (%s %s)", first ? " " : ", ", b->id, b->op, accord_state_name(b->state));
			first = 0;
		}
		put |= accord_buf_putc(out, '\n');
		if (put != ACCORD_OK)
			rc = store_nomem(err);
	}
	accord_session_amendments_free(list, n);
	accord_doc_free(doc);
	return rc;
}
