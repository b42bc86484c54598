/*
** store_log.c: the event log as typed records (accord_session_log) and
** its renderings for `accord log` (accord_session_log_render). The
** payloads are the store's own JSON (store_act.c, store_decide.c,
** store_revise.c, store.c); this is the one place outside the store's
** SQL that reads them.
*/
#include <string.h>

#include <jansson.h>

#include "session/store_int.h"
#include "util/jsonw_int.h"

static void list_dispose(accord_log_list *l)
{
	size_t i;
	for (i = 0; i < l->count; i++)
		accord_free(l->items[i]);
	accord_free(l->items);
	l->items = NULL;
	l->count = 0;
}

static void record_dispose(accord_log_record *r)
{
	size_t i;
	accord_free(r->at);
	accord_free(r->actor);
	accord_free(r->action);
	accord_free(r->party);
	accord_free(r->amendment);
	accord_free(r->op);
	accord_free(r->target);
	accord_free(r->paragraph);
	accord_free(r->text);
	accord_free(r->file);
	accord_free(r->workflow);
	accord_free(r->base_name);
	accord_free(r->stage);
	accord_free(r->previous_stage);
	list_dispose(&r->parties);
	list_dispose(&r->amendments);
	list_dispose(&r->supersedes);
	list_dispose(&r->incorporated);
	list_dispose(&r->carried);
	list_dispose(&r->lapsed);
	list_dispose(&r->voters);
	list_dispose(&r->votes);
	for (i = 0; i < r->n_decisions; i++) {
		accord_log_decision *d = &r->decisions[i];
		accord_free(d->amendment);
		accord_free(d->paragraph);
		accord_free(d->rule);
		accord_free(d->stage);
		accord_free(d->tally);
	}
	accord_free(r->decisions);
}

void accord_session_log_free(accord_log_record *records, size_t count)
{
	size_t i;
	if (records == NULL)
		return;
	for (i = 0; i < count; i++)
		record_dispose(&records[i]);
	accord_free(records);
}

/* ---- reading a payload -------------------------------------------------------------- */

/* A copy of a string or NULL; *failed set when the copy could not be made. */
static char *dup_or_null(const char *s, int *failed)
{
	char *copy;
	if (s == NULL)
		return NULL;
	copy = accord_strdup(s);
	if (copy == NULL)
		*failed = 1;
	return copy;
}

/* A copy of the string member `key` of object (NULL when absent or not a string). */
static char *str_field(json_t *object, const char *key, int *failed)
{
	return dup_or_null(json_string_value(json_object_get(object, key)), failed);
}

/* The integer member `key` of object, -1 when absent. */
static int64_t int_field(json_t *object, const char *key)
{
	json_t *v = json_object_get(object, key);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : -1;
}

/* A state named by the string member `key`; ACCORD_STATE_PROPOSED when absent or unknown. */
static accord_amendment_state state_field(json_t *object, const char *key)
{
	int state = accord_state_from_name(json_string_value(json_object_get(object, key)));
	return state >= 0 ? (accord_amendment_state)state : ACCORD_STATE_PROPOSED;
}

/*
** The list member `key` of object: its strings, or the string member
** `member` of its objects when member is not NULL. Returns 0 or 1 (out of memory).
*/
static int list_field(accord_log_list *out, json_t *object, const char *key, const char *member)
{
	json_t *array = json_object_get(object, key), *item;
	size_t i, n = json_array_size(array);
	int failed = 0;
	if (n == 0)
		return 0;
	out->items = accord_calloc(n, sizeof *out->items);
	if (out->items == NULL)
		return 1;
	json_array_foreach(array, i, item) {
		const char *s = member != NULL ? json_string_value(json_object_get(item, member)) : json_string_value(item);
		out->items[out->count++] = dup_or_null(s != NULL ? s : "", &failed);
	}
	return failed;
}

/* The decisions of a decide payload. Returns 0 or 1 (out of memory). */
static int decisions_field(accord_log_record *r, json_t *p)
{
	json_t *array = json_object_get(p, "decisions"), *item;
	size_t i, n = json_array_size(array);
	int failed = 0;
	if (n == 0)
		return 0;
	r->decisions = accord_calloc(n, sizeof *r->decisions);
	if (r->decisions == NULL)
		return 1;
	json_array_foreach(array, i, item) {
		accord_log_decision *d = &r->decisions[r->n_decisions++];
		int outcome = accord_session_outcome_from_name(json_string_value(json_object_get(item, "outcome")));
		d->id = int_field(item, "id");
		d->amendment = str_field(item, "amendment", &failed);
		d->paragraph = str_field(item, "paragraph", &failed);
		d->outcome = outcome >= 0 ? (accord_session_outcome)outcome : ACCORD_SESSION_BRACKETED;
		d->from = state_field(item, "from");
		d->to = state_field(item, "to");
		d->rule = str_field(item, "rule", &failed);
		d->stage = str_field(item, "stage", &failed);
		if (json_object_get(item, "tally") != NULL) {
			d->tally = json_dumps(json_object_get(item, "tally"), JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
			if (d->tally == NULL)
				failed = 1;
		}
	}
	return failed;
}

/* Fills the action's fields of r from its payload p. Returns 0 or 1 (out of memory). */
static int record_fields(accord_log_record *r, json_t *p)
{
	const char *action = r->action;
	int failed = 0;
	r->party = str_field(p, "party", &failed);
	if (strcmp(action, "init") == 0) {
		r->workflow = str_field(p, "workflow", &failed);
		r->stage = str_field(p, "stage", &failed);
		r->base_name = str_field(p, "base_name", &failed);
		failed |= list_field(&r->parties, p, "parties", "code");
	} else if (strcmp(action, "submit") == 0) {
		r->file = str_field(p, "file", &failed);
		r->contribution = int_field(p, "contribution");
		r->revision = int_field(p, "revision");
		failed |= list_field(&r->amendments, p, "amendments", "id");
	} else if (strcmp(action, "propose") == 0) {
		json_t *a = json_object_get(p, "amendment");
		r->revision = int_field(p, "revision");
		r->amendment = str_field(a, "id", &failed);
		r->op = str_field(a, "op", &failed);
		r->target = str_field(a, "target", &failed);
		failed |= list_field(&r->supersedes, p, "supersedes", NULL);
	} else if (strcmp(action, "cosponsor") == 0) {
		r->amendment = str_field(p, "amendment", &failed);
	} else if (strcmp(action, "withdraw") == 0) {
		r->amendment = str_field(p, "amendment", &failed);
		r->from = state_field(p, "from");
		r->to = state_field(p, "to");
	} else if (strcmp(action, "comment") == 0) {
		r->comment = int_field(p, "id");
		r->amendment = str_field(p, "amendment", &failed);
		r->paragraph = str_field(p, "paragraph", &failed);
		r->text = str_field(p, "text", &failed);
	} else if (strcmp(action, "position") == 0) {
		int position = accord_position_from_name(json_string_value(json_object_get(p, "position")));
		r->amendment = str_field(p, "amendment", &failed);
		r->position = position >= 0 ? (accord_position)position : ACCORD_POS_ABSENT;
	} else if (strcmp(action, "decide") == 0) {
		failed |= decisions_field(r, p);
	} else if (strcmp(action, "stage") == 0) {
		r->previous_stage = str_field(p, "from", &failed);
		r->stage = str_field(p, "to", &failed);
	} else if (strcmp(action, "vote") == 0) {
		json_t *important = json_object_get(p, "important");
		r->amendment = str_field(p, "amendment", &failed);
		failed |= list_field(&r->voters, p, "votes", "party");
		failed |= list_field(&r->votes, p, "votes", "vote");
		r->important = json_is_boolean(important) ? json_is_true(important) : -1;
	} else if (strcmp(action, "revise") == 0) {
		r->revision = int_field(p, "n");
		failed |= list_field(&r->incorporated, p, "incorporated", NULL);
		failed |= list_field(&r->carried, p, "carried", "id");
		failed |= list_field(&r->lapsed, p, "lapsed", NULL);
	}
	return failed;
}

typedef struct log_reader {
	accord_log_record *records;
	size_t count, cap;
	accord_error *err;
} log_reader;

static int read_event(const accord_session_event *ev, void *data)
{
	log_reader *rd = data;
	accord_log_record *r, *grown = store_grow(rd->records, &rd->cap, rd->count, sizeof *rd->records, 32);
	json_error_t jerr;
	json_t *payload;
	int failed = 0;
	if (grown == NULL)
		return store_nomem(rd->err);
	rd->records = grown;
	r = &rd->records[rd->count++];
	memset(r, 0, sizeof *r);
	r->seq = ev->seq;
	r->contribution = r->comment = r->revision = -1;
	r->position = ACCORD_POS_ABSENT;
	r->from = r->to = ACCORD_STATE_PROPOSED;
	r->important = -1;
	r->at = dup_or_null(ev->at, &failed);
	r->actor = dup_or_null(ev->actor, &failed);
	r->action = dup_or_null(ev->action, &failed);
	if (failed)
		return store_nomem(rd->err);
	payload = json_loads(ev->payload, 0, &jerr);
	if (payload == NULL || !json_is_object(payload)) {
		json_decref(payload);
		return accord_error_set(rd->err, ACCORD_ECORRUPT, "event %lld: its payload cannot be read: %s",
			(long long)ev->seq, jerr.text);
	}
	failed = record_fields(r, payload);
	json_decref(payload);
	return failed ? store_nomem(rd->err) : 0;
}

int accord_session_log(accord_log_record **out, size_t *count, accord_session *s, accord_error *err)
{
	log_reader rd = {NULL, 0, 0, err};
	int rc;
	if (out == NULL || count == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_log: NULL argument");
	*out = NULL;
	*count = 0;
	rc = accord_session_events(s, read_event, &rd, err);
	if (rc != ACCORD_OK) {
		accord_session_log_free(rd.records, rd.count);
		return rc;
	}
	*out = rd.records;
	*count = rd.count;
	return ACCORD_OK;
}

/* ---- rendering ----------------------------------------------------------------------- */

static const char *or_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* A short description of a record for people (what follows the action on its line). */
static int describe(accord_buf *out, const accord_log_record *r)
{
	const char *action = r->action;
	size_t i;
	int rc = ACCORD_OK;
	if (strcmp(action, "init") == 0) {
		rc |= accord_buf_printf(out, "workflow %s, stage %s, base %s, %zu parties", or_empty(r->workflow),
			or_empty(r->stage), or_empty(r->base_name), r->parties.count);
	} else if (strcmp(action, "submit") == 0) {
		rc |= accord_buf_printf(out, "%s:", or_empty(r->file));
		for (i = 0; i < r->amendments.count; i++)
			rc |= accord_buf_printf(out, " %s", r->amendments.items[i]);
	} else if (strcmp(action, "propose") == 0) {
		rc |= accord_buf_printf(out, "%s %s %s", or_empty(r->amendment), or_empty(r->op), or_empty(r->target));
		for (i = 0; i < r->supersedes.count; i++)
			rc |= accord_buf_printf(out, "%s%s", i == 0 ? " superseding " : ", ", r->supersedes.items[i]);
	} else if (strcmp(action, "cosponsor") == 0 || strcmp(action, "withdraw") == 0) {
		rc |= accord_buf_puts(out, or_empty(r->amendment));
	} else if (strcmp(action, "position") == 0) {
		rc |= accord_buf_printf(out, "%s on %s", or_empty(accord_position_name(r->position)), or_empty(r->amendment));
	} else if (strcmp(action, "comment") == 0) {
		const char *on = r->amendment != NULL ? r->amendment : r->paragraph;
		rc |= accord_buf_printf(out, "%s%s\"%.60s\"", or_empty(on), on != NULL ? ": " : "", or_empty(r->text));
	} else if (strcmp(action, "decide") == 0) {
		for (i = 0; i < r->n_decisions; i++)
			rc |= accord_buf_printf(out, "%s%s %s%s", i > 0 ? ", " : "", or_empty(r->decisions[i].amendment),
				or_empty(accord_state_name(r->decisions[i].to)),
				r->decisions[i].rule != NULL && strcmp(r->decisions[i].rule, "chair's ruling") == 0
					? " (chair's ruling)" : "");
	} else if (strcmp(action, "vote") == 0) {
		rc |= accord_buf_printf(out, "%s:", or_empty(r->amendment));
		if (r->party != NULL && r->voters.count == 1)
			rc |= accord_buf_printf(out, " %s %s", r->voters.items[0], r->votes.count > 0 ? r->votes.items[0] : "");
		else if (r->voters.count > 0)
			rc |= accord_buf_printf(out, " %zu vote%s", r->voters.count, r->voters.count == 1 ? "" : "s");
		if (r->important >= 0)
			rc |= accord_buf_printf(out, "%s%s", r->voters.count > 0 ? "; " : " ",
				r->important ? "important" : "not important");
	} else if (strcmp(action, "stage") == 0) {
		rc |= accord_buf_printf(out, "%s -> %s", or_empty(r->previous_stage), or_empty(r->stage));
	} else if (strcmp(action, "revise") == 0) {
		rc |= accord_buf_printf(out, "Rev.%lld: %zu applied, %zu carried over, %zu lapsed", (long long)r->revision,
			r->incorporated.count, r->carried.count, r->lapsed.count);
	}
	return rc;
}

static int render_text(accord_buf *out, accord_session *s, int64_t after, accord_error *err)
{
	accord_log_record *records = NULL;
	size_t n = 0, i;
	int rc = accord_session_log(&records, &n, s, err);
	for (i = 0; rc == ACCORD_OK && i < n; i++) {
		const accord_log_record *r = &records[i];
		int put;
		if (r->seq <= after)
			continue;
		put = accord_buf_printf(out, "%4lld  %s  %-8s %-10s ", (long long)r->seq, r->at, r->actor, r->action);
		put |= describe(out, r);
		put |= accord_buf_putc(out, '\n');
		if (put != ACCORD_OK)
			rc = store_nomem(err);
	}
	accord_session_log_free(records, n);
	return rc;
}

typedef struct json_lines {
	accord_buf *out;
	accord_error *err;
	int64_t after; /* only the events after this one */
} json_lines;

/* One event as one line: {"seq":N,"at":"...","actor":"...","action":"...","payload":{as stored}}. */
static int json_line(const accord_session_event *ev, void *data)
{
	json_lines *jl = data;
	jsonw w;
	int rc;
	if (ev->seq <= jl->after)
		return 0;
	rc = accord_buf_printf(jl->out, "{\"seq\":%lld,\"at\":", (long long)ev->seq);
	jsonw_init(&w, jl->out);
	jsonw_string(&w, ev->at);
	rc |= accord_buf_puts(jl->out, ",\"actor\":");
	jsonw_string(&w, ev->actor);
	rc |= accord_buf_puts(jl->out, ",\"action\":");
	jsonw_string(&w, ev->action);
	rc |= accord_buf_puts(jl->out, ",\"payload\":");
	rc |= accord_buf_puts(jl->out, ev->payload);
	rc |= accord_buf_puts(jl->out, "}\n");
	return rc != ACCORD_OK || w.failed ? store_nomem(jl->err) : 0;
}

int accord_session_log_render(accord_buf *out, accord_session *s, accord_session_format format, accord_error *err)
{
	return accord_session_log_render_since(out, s, 0, format, err);
}

int accord_session_last_seq(int64_t *out, accord_session *s, accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;
	if (out == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_last_seq: NULL argument");
	*out = 0;
	rc = sqlite3_prepare_v2(s->conn.db, "SELECT coalesce(max(seq), 0) FROM events", -1, &stmt, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(stmt, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_OK ? ACCORD_OK : store_step_error(s, rc, err);
}

int accord_session_log_render_since(accord_buf *out, accord_session *s, int64_t after, accord_session_format format,
	accord_error *err)
{
	json_lines jl = {out, err, after};
	if (out == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_log_render: NULL argument");
	switch (format) {
	case ACCORD_SESSION_FORMAT_TEXT: return render_text(out, s, after, err);
	case ACCORD_SESSION_FORMAT_JSON: return accord_session_events(s, json_line, &jl, err);
	default: return accord_error_set(err, ACCORD_EINVAL, "accord_session_log_render: unknown format %d", (int)format);
	}
}
