/*
** store.c: drafting sessions: the amendment state machine, opening and
** creating session files, and the actions (each one transaction, one
** event). The SQL each event runs is in store_events.c; replay and the
** read side in store_read.c.
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "accord/sys/testing.h"
#include "accord/workflow.h"
#include "accord/format.h"
#include "accord/text.h"
#include "store_int.h"

/* ---- the state machine ------------------------------------------------------- */

/* names[i] of count names, NULL when i is out of range. */
static const char *name_at(const char *const *names, int count, int i)
{
	return i >= 0 && i < count ? names[i] : NULL;
}

/* The index of name among count names, -1 when it is not one of them (or NULL). */
static int name_lookup(const char *const *names, int count, const char *name)
{
	int i;
	if (name == NULL)
		return -1;
	for (i = 0; i < count; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

static const char *const state_names[ACCORD_STATE_COUNT] = {
	"proposed", "bracketed", "agreed", "agreed_ad_ref", "rejected", "withdrawn", "superseded"};

const char *accord_state_name(accord_amendment_state state)
{
	return name_at(state_names, ACCORD_STATE_COUNT, (int)state);
}

int accord_state_from_name(const char *name)
{
	return name_lookup(state_names, ACCORD_STATE_COUNT, name);
}

int accord_state_is_open(accord_amendment_state state)
{
	return state == ACCORD_STATE_PROPOSED || state == ACCORD_STATE_BRACKETED || state == ACCORD_STATE_AGREED_AD_REF;
}

/*
** The legal transitions. Agreed, rejected, withdrawn and superseded are
** final: an agreed amendment goes into the next revision; a change to it
** is a new amendment to that revision.
*/
typedef struct transition {
	accord_amendment_state from;
	accord_amendment_state to;
	accord_transition_cause cause;
} transition;

static const transition transitions[] = {
	/* a decision under the pack's rule */
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_BRACKETED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_AGREED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_AGREED_AD_REF, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_REJECTED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_BRACKETED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_AGREED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_AGREED_AD_REF, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_REJECTED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_AGREED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_AGREED_AD_REF, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_BRACKETED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_REJECTED, ACCORD_CAUSE_DECIDE},
	/* the proposer withdraws it (not once the meeting agreed it, even ad ref) */
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_WITHDRAWN, ACCORD_CAUSE_WITHDRAW},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_WITHDRAWN, ACCORD_CAUSE_WITHDRAW},
	/* a compromise text replaces it; an agreed one only before a revision applies it, and
	 * only while the agreed amendments do not fit together (propose checks both) */
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_SUPERSEDE},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_SUPERSEDE},
	{ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_SUPERSEDE},
	{ACCORD_STATE_AGREED, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_SUPERSEDE},
	/* a revision removed what it amends */
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_LAPSE},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_LAPSE},
	{ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_LAPSE},
};

int accord_state_transition_legal(accord_amendment_state from, accord_amendment_state to,
	accord_transition_cause cause)
{
	size_t i;
	for (i = 0; i < sizeof transitions / sizeof transitions[0]; i++)
		if (transitions[i].from == from && transitions[i].to == to && transitions[i].cause == cause)
			return 1;
	return 0;
}

static const char *const outcome_names[ACCORD_SESSION_OUTCOME_COUNT] = {
	"agreed", "agreed_ad_ref", "bracketed", "rejected", "vote"};

const char *accord_session_outcome_name(accord_session_outcome outcome)
{
	return name_at(outcome_names, ACCORD_SESSION_OUTCOME_COUNT, (int)outcome);
}

int accord_session_outcome_from_name(const char *name)
{
	return name_lookup(outcome_names, ACCORD_SESSION_OUTCOME_COUNT, name);
}

/* ---- small helpers ------------------------------------------------------------ */

void store_now(const accord_session *s, char *buf, size_t size)
{
	struct timespec ts;
	struct tm tm;
	time_t seconds;
	long millis = 0;
	if (s != NULL && s->clock != 0) {
		seconds = (time_t)s->clock;
	} else {
		clock_gettime(CLOCK_REALTIME, &ts);
		seconds = ts.tv_sec;
		millis = ts.tv_nsec / 1000000;
	}
	gmtime_r(&seconds, &tm);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
}

/* Appends s as a JSON string (null for NULL). */
int store_json_str(accord_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;
	int rc;
	if (s == NULL)
		return accord_buf_puts(b, "null");
	rc = accord_buf_putc(b, '"');
	for (p = (const unsigned char *)s; rc == ACCORD_OK && *p != '\0'; p++) {
		const unsigned char *run = p;
		while (*p >= 0x20 && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			rc = accord_buf_put(b, (const char *)run, (size_t)(p - run));
		if (rc != ACCORD_OK || *p == '\0')
			break;
		switch (*p) {
		case '"': rc = accord_buf_puts(b, "\\\""); break;
		case '\\': rc = accord_buf_puts(b, "\\\\"); break;
		case '\n': rc = accord_buf_puts(b, "\\n"); break;
		case '\t': rc = accord_buf_puts(b, "\\t"); break;
		case '\r': rc = accord_buf_puts(b, "\\r"); break;
		default: {
			char esc[7] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15], 0};
			rc = accord_buf_puts(b, esc);
		}
		}
	}
	if (rc == ACCORD_OK)
		rc = accord_buf_putc(b, '"');
	return rc;
}

int store_nomem(accord_error *err)
{
	return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
}

int store_step_error(accord_session *s, int rc, accord_error *err)
{
	return store_error(s->conn.db, rc, err, s->path);
}

char *store_column_dup(sqlite3_stmt *stmt, int i)
{
	const unsigned char *text = sqlite3_column_text(stmt, i);
	return text != NULL ? accord_strdup((const char *)text) : NULL;
}

int store_rows_done(accord_session *s, sqlite3_stmt *stmt, int rc, accord_error *err)
{
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return ACCORD_OK;
	return rc == SQLITE_NOMEM ? store_nomem(err) : store_step_error(s, rc, err);
}

void *store_grow(void *items, size_t *cap, size_t n, size_t size, size_t first)
{
	size_t ncap;
	void *grown;
	if (n < *cap)
		return items;
	ncap = *cap > 0 ? *cap * 2 : first;
	if (ncap < *cap || ncap > (size_t)-1 / size)
		return NULL;
	grown = accord_realloc(items, ncap * size);
	if (grown != NULL)
		*cap = ncap;
	return grown;
}

int store_begin(accord_session *s, accord_error *err)
{
	int rc = sqlite3_exec(s->conn.db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	return ACCORD_OK;
}

int store_commit(accord_session *s, accord_error *err)
{
	int rc = sqlite3_exec(s->conn.db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		int code = store_step_error(s, rc, err);
		store_rollback(s);
		return code;
	}
	return ACCORD_OK;
}

void store_rollback(accord_session *s)
{
	if (!sqlite3_get_autocommit(s->conn.db))
		sqlite3_exec(s->conn.db, "ROLLBACK", NULL, NULL, NULL);
}

int store_finish(accord_session *s, int rc, const char *actor, const char *action, const char *payload,
	accord_error *err)
{
	char at[40];
	if (rc == ACCORD_OK) {
		store_now(s, at, sizeof at);
		rc = store_event_append(NULL, &s->conn, at, actor, action, payload, err);
	}
	if (rc == ACCORD_OK)
		rc = store_commit(s, err);
	if (rc != ACCORD_OK)
		store_rollback(s);
	/* some of the library's functions return ACCORD_ENOMEM without a word: the action says it */
	if (rc == ACCORD_ENOMEM && err != NULL && err->code != ACCORD_ENOMEM)
		store_nomem(err);
	return rc;
}

/* Prepares (or reuses) one of store.c's statements. */
static sqlite3_stmt *stmt_at(accord_session *s, int slot, const char *sql, accord_error *err)
{
	return store_stmt(&s->conn, STORE_SLOT_USER + slot, sql, err);
}

enum {
	Q_PARTY,
	Q_PARTY_GROUPS,
	Q_STAGE,
	Q_LATEST_REV,
	Q_REV_DOC,
	Q_AMENDMENT,
	Q_LAST_ID,
	Q_IS_PROPOSER,
	Q_COUNT /* must stay within STORE_STMT_MAX - STORE_SLOT_USER */
};

/*
** Runs store.c's query `slot` (?1 bound to key, unless NULL) to its first
** row. *out is the statement on that row, to be read and then reset by
** the caller, or NULL when there is no row (the statement is reset).
*/
static int query_row(sqlite3_stmt **out, accord_session *s, int slot, const char *sql, const char *key,
	accord_error *err)
{
	sqlite3_stmt *stmt = stmt_at(s, slot, sql, err);
	int rc;
	*out = NULL;
	if (stmt == NULL)
		return err != NULL ? err->code : ACCORD_ESTORE;
	if (key != NULL)
		sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*out = stmt;
		return ACCORD_OK;
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? ACCORD_OK : store_step_error(s, rc, err);
}

/* ---- parties --------------------------------------------------------------------- */

typedef struct party_row {
	char *code, *name, *role;
	char **groups;
	size_t n_groups;
	accord_session_party view;
} party_row;

static void party_dispose(party_row *p)
{
	size_t i;
	accord_free(p->code);
	accord_free(p->name);
	accord_free(p->role);
	for (i = 0; p->groups != NULL && i < p->n_groups; i++)
		accord_free(p->groups[i]);
	accord_free(p->groups);
	memset(p, 0, sizeof *p);
}

/* Loads a party; one who is not in the roster is refused (ACCORD_EREFUSED). */
static int party_load(party_row *p, accord_session *s, const char *code, accord_error *err)
{
	sqlite3_stmt *stmt;
	int rc;
	memset(p, 0, sizeof *p);
	if (code == NULL || code[0] == '\0')
		return accord_error_set(err, ACCORD_EINVAL, "no party given (--as PARTY)");
	rc = query_row(&stmt, s, Q_PARTY, "SELECT code, name, role, json_array_length(groups) FROM parties WHERE code = ?1",
		code, err);
	if (rc != ACCORD_OK)
		return rc;
	if (stmt == NULL)
		return accord_error_set(err, ACCORD_EREFUSED, "'%s' is not a party to this session (not in its roster)",
			code);
	p->code = store_column_dup(stmt, 0);
	p->name = store_column_dup(stmt, 1);
	p->role = store_column_dup(stmt, 2);
	p->n_groups = (size_t)sqlite3_column_int64(stmt, 3);
	sqlite3_reset(stmt);
	if (p->code == NULL || p->name == NULL || p->role == NULL)
		goto oom;
	if (p->n_groups > 0) {
		size_t i = 0;
		p->groups = accord_calloc(p->n_groups, sizeof *p->groups);
		if (p->groups == NULL) {
			p->n_groups = 0;
			goto oom;
		}
		stmt = stmt_at(s, Q_PARTY_GROUPS,
			"SELECT value FROM parties, json_each(parties.groups) WHERE code = ?1 ORDER BY key", err);
		if (stmt == NULL) {
			party_dispose(p);
			return err != NULL ? err->code : ACCORD_ESTORE;
		}
		sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
		while (i < p->n_groups && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			p->groups[i] = store_column_dup(stmt, 0);
			if (p->groups[i] == NULL) {
				sqlite3_reset(stmt);
				goto oom;
			}
			i++;
		}
		sqlite3_reset(stmt);
		p->n_groups = i;
	}
	p->view.code = p->code;
	p->view.name = p->name;
	p->view.role = p->role;
	p->view.groups = (const char *const *)p->groups;
	p->view.n_groups = p->n_groups;
	return ACCORD_OK;
oom:
	party_dispose(p);
	return store_nomem(err);
}

/* ---- session values ----------------------------------------------------------------- */

static int read_stage(char **out, accord_session *s, accord_error *err)
{
	sqlite3_stmt *stmt;
	int rc = query_row(&stmt, s, Q_STAGE, "SELECT stage FROM meta WHERE id = 1", NULL, err);
	*out = NULL;
	if (rc != ACCORD_OK)
		return rc;
	if (stmt == NULL)
		return accord_error_set(err, ACCORD_ECORRUPT, "%s: the session has no meta row", s->path);
	*out = store_column_dup(stmt, 0);
	sqlite3_reset(stmt);
	return *out != NULL ? ACCORD_OK : store_nomem(err);
}

int store_latest_rev(unsigned *out, accord_session *s, accord_error *err)
{
	sqlite3_stmt *stmt;
	int rc = query_row(&stmt, s, Q_LATEST_REV, "SELECT max(n) FROM revisions", NULL, err), found = 0;
	*out = 0;
	if (rc != ACCORD_OK)
		return rc;
	if (stmt != NULL) {
		found = sqlite3_column_type(stmt, 0) != SQLITE_NULL;
		*out = (unsigned)sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
	}
	return found ? ACCORD_OK : accord_error_set(err, ACCORD_ECORRUPT, "%s: the session has no base text", s->path);
}

/*
** Revision n as a document. Revisions never change once written, so the
** last one read is kept (s->cached_doc) and a clone handed out.
*/
int store_rev_doc(accord_doc **out, accord_session *s, unsigned n, accord_error *err)
{
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	sqlite3_stmt *stmt;
	accord_doc *doc = NULL;
	char name[64];
	int rc;

	*out = NULL;
	if (s->cached_doc != NULL && s->cached_rev == n)
		return accord_doc_clone(out, s->cached_doc) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
	stmt = stmt_at(s, Q_REV_DOC, "SELECT doc FROM revisions WHERE n = ?1", err);
	if (stmt == NULL)
		return err != NULL ? err->code : ACCORD_ESTORE;
	sqlite3_bind_int64(stmt, 1, n);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(stmt);
		if (rc == SQLITE_DONE)
			return accord_error_set(err, ACCORD_ENOTFOUND, "%s: no revision %u", s->path, n);
		return store_step_error(s, rc, err);
	}
	snprintf(name, sizeof name, "Rev.%u", n);
	opts.format = ACCORD_FORMAT_JSON;
	opts.name = name;
	rc = accord_doc_parse_json(&doc, (const char *)sqlite3_column_text(stmt, 0), (size_t)sqlite3_column_bytes(stmt, 0),
		&opts, err);
	sqlite3_reset(stmt);
	if (rc != ACCORD_OK)
		return rc == ACCORD_ENOMEM ? store_nomem(err) : accord_error_set(err, ACCORD_ECORRUPT, "%s: %s does not read back: %s",
			s->path, name, err != NULL ? err->message : accord_strerror(rc));
	accord_doc_free(s->cached_doc);
	s->cached_doc = doc;
	s->cached_rev = n;
	return accord_doc_clone(out, doc) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
}

/* ---- amendments ---------------------------------------------------------------------- */

typedef struct amendment_row {
	char *id;
	accord_amendment_state state;
	char *proposer;
	char *json;
	char *target;
	accord_amendment_list *list; /* json parsed */
} amendment_row;

static void amendment_row_dispose(amendment_row *a)
{
	accord_free(a->id);
	accord_free(a->proposer);
	accord_free(a->json);
	accord_free(a->target);
	accord_amendments_free(a->list);
	memset(a, 0, sizeof *a);
}

/* Loads an amendment by id (ACCORD_ENOTFOUND) and parses its JSON. */
static int amendment_load(amendment_row *a, accord_session *s, const char *id, accord_error *err)
{
	sqlite3_stmt *stmt;
	int rc, state;
	memset(a, 0, sizeof *a);
	if (id == NULL || id[0] == '\0')
		return accord_error_set(err, ACCORD_EINVAL, "no amendment given");
	rc = query_row(&stmt, s, Q_AMENDMENT, "SELECT id, state, proposer, json, target FROM amendments WHERE id = ?1", id,
		err);
	if (rc != ACCORD_OK)
		return rc;
	if (stmt == NULL)
		return accord_error_set(err, ACCORD_ENOTFOUND, "no amendment '%s' in this session", id);
	a->id = store_column_dup(stmt, 0);
	state = accord_state_from_name((const char *)sqlite3_column_text(stmt, 1));
	a->proposer = store_column_dup(stmt, 2);
	a->json = store_column_dup(stmt, 3);
	a->target = store_column_dup(stmt, 4);
	sqlite3_reset(stmt);
	if (a->id == NULL || a->proposer == NULL || a->json == NULL) {
		amendment_row_dispose(a);
		return store_nomem(err);
	}
	if (state < 0) {
		amendment_row_dispose(a);
		return accord_error_set(err, ACCORD_ECORRUPT, "%s: amendment '%s' has an unknown state", s->path, id);
	}
	a->state = (accord_amendment_state)state;
	rc = accord_amendments_parse_json(&a->list, a->json, strlen(a->json), a->id, err);
	if (rc == ACCORD_OK && accord_amendments_count(a->list) != 1)
		rc = accord_error_set(err, ACCORD_ECORRUPT, "%s: amendment '%s' is stored as %zu amendments", s->path, id,
			accord_amendments_count(a->list));
	if (rc != ACCORD_OK) {
		amendment_row_dispose(a);
		return rc == ACCORD_ENOMEM ? store_nomem(err) : (err != NULL ? (err->code = ACCORD_ECORRUPT) : ACCORD_ECORRUPT);
	}
	return ACCORD_OK;
}

static const accord_amendment *row_amendment(const amendment_row *a)
{
	return accord_amendments_get(a->list, 0);
}

/* The number after "PARTY/" of the party's last amendment, 0 when none. */
static int last_number(unsigned long *out, accord_session *s, const char *party, accord_error *err)
{
	/*
	** A party's ids are numbered in the order it tabled them, and only its
	** own actions make them: the last by submission order (an index seek
	** on amendments_proposer) has the highest number.
	*/
	sqlite3_stmt *stmt;
	sqlite3_int64 v;
	int rc = query_row(&stmt, s, Q_LAST_ID,
		"SELECT CAST(substr(id, length(?1) + 2) AS INTEGER) FROM amendments "
		"WHERE proposer = ?1 AND substr(id, 1, length(?1) + 1) = ?1 || '/' ORDER BY seq DESC LIMIT 1",
		party, err);
	*out = 0;
	if (rc != ACCORD_OK || stmt == NULL)
		return rc;
	v = sqlite3_column_int64(stmt, 0);
	*out = v > 0 ? (unsigned long)v : 0;
	sqlite3_reset(stmt);
	return ACCORD_OK;
}

/* Where an amendment points, for the indexed target column. */
const char *store_amendment_target(const accord_amendment *a)
{
	if (a->target != NULL)
		return a->target;
	if (a->position.after != NULL)
		return a->position.after;
	if (a->position.parent != NULL)
		return a->position.parent;
	return a->position.section;
}

/* Renders one amendment as a one-element list (the stored form). */
int store_render_one(accord_buf *out, const accord_amendment *a, accord_error *err)
{
	accord_amendment_list *list = NULL;
	int rc = accord_amendments_new(&list);
	if (rc != ACCORD_OK)
		return store_nomem(err);
	rc = accord_amendments_add(list, a);
	if (rc == ACCORD_OK)
		rc = accord_amendments_render_json(out, list, err);
	else
		accord_error_set(err, rc, "cannot copy amendment '%s'", a->id != NULL ? a->id : "?");
	accord_amendments_free(list);
	return rc;
}

/* Appends {"id":..,"op":..,"target":..,"proposers":[..],"json":".."} to the payload. */
static int payload_amendment(accord_buf *p, const accord_amendment *a, accord_error *err)
{
	accord_buf json = ACCORD_BUF_INIT;
	size_t i;
	int rc = store_render_one(&json, a, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = accord_buf_puts(p, "{\"id\":");
	rc |= store_json_str(p, a->id);
	rc |= accord_buf_puts(p, ",\"op\":");
	rc |= store_json_str(p, accord_op_name(a->op));
	rc |= accord_buf_puts(p, ",\"target\":");
	rc |= store_json_str(p, store_amendment_target(a));
	rc |= accord_buf_puts(p, ",\"proposers\":[");
	for (i = 0; i < a->n_proposers; i++) {
		if (i > 0)
			rc |= accord_buf_putc(p, ',');
		rc |= store_json_str(p, a->proposers[i]);
	}
	rc |= accord_buf_puts(p, "],\"json\":");
	rc |= store_json_str(p, json.ptr != NULL ? json.ptr : "");
	rc |= accord_buf_putc(p, '}');
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	accord_buf_dispose(&json);
	return rc;
}

/* ---- asking the rule pack ----------------------------------------------------------- */

static int need_rules(accord_session *s, const char *action, accord_error *err)
{
	if (s->rules == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "%s needs the session's rule pack (none is loaded)", action);
	return ACCORD_OK;
}

typedef int (*permission_fn)(void *data, const accord_session_party *party, const accord_session_context *ctx,
	accord_buf *reason, accord_error *err);

/* Asks a permission callback; a refusal is ACCORD_EREFUSED with the pack's reason. */
static int ask(accord_session *s, permission_fn fn, int required, const party_row *party,
	const accord_session_context *ctx, accord_error *err)
{
	accord_buf reason = ACCORD_BUF_INIT;
	int rc;
	if (fn == NULL) {
		if (required)
			return accord_error_set(err, ACCORD_EINVAL, "the rule pack does not say who may %s", ctx->action);
		return ACCORD_OK;
	}
	rc = fn(s->rules->data, &party->view, ctx, &reason, err);
	if (rc < 0) {
		accord_buf_dispose(&reason);
		return rc;
	}
	if (rc == 0) {
		const char *verb = strcmp(ctx->action, "position") == 0 ? "take a position on"
			: strcmp(ctx->action, "cosponsor") == 0 ? "co-sponsor"
			: strcmp(ctx->action, "comment") == 0 && ctx->amendment != NULL ? "comment on"
			: ctx->action;
		rc = accord_error_set(err, ACCORD_EREFUSED, "%s may not %s%s%s: %s", party->code, verb,
			ctx->amendment != NULL && ctx->amendment->id != NULL ? " " : "",
			ctx->amendment != NULL && ctx->amendment->id != NULL ? ctx->amendment->id : "",
			reason.size > 0 ? reason.ptr : "refused by the rule pack");
	} else {
		rc = ACCORD_OK;
	}
	accord_buf_dispose(&reason);
	return rc;
}

static void context_init(accord_session_context *ctx, accord_session *s, const char *action, const char *stage)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->action = action;
	ctx->stage = stage;
	ctx->workflow = s->workflow;
	ctx->n_parties = s->n_parties;
}

static int count_parties(accord_session *s, accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(s->conn.db, "SELECT count(*) FROM parties", -1, &stmt, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		s->n_parties = (size_t)sqlite3_column_int64(stmt, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_OK ? ACCORD_OK : store_step_error(s, rc, err);
}

/* ---- the frame of an action ---------------------------------------------------------- */

/*
** What an action works on, in its one transaction. action_begin opens it
** (BEGIN IMMEDIATE) and loads what the action needs; the action checks,
** asks the rule pack and writes the event's payload; action_end records
** the event and commits, or rolls back. Every action_begin, failed or
** not, is followed by one action_end.
*/
typedef struct action {
	accord_session *s;
	const char *name;        /* the event's action ("cosponsor"), also the rule pack's */
	int open;                /* the transaction is open (action_begin's BEGIN succeeded) */
	party_row party;         /* ACTION_PARTY: the acting party, the event's actor (else the chair) */
	amendment_row amendment; /* ACTION_AMENDMENT: the amendment acted on */
	char *stage;             /* ACTION_STAGE: the session's stage */
	accord_buf payload;      /* the event's payload, written by the action */
} action;

enum {
	ACTION_RULES = 1,     /* the action needs the rule pack (checked before the transaction) */
	ACTION_PARTY = 2,     /* load the party named (refused when not in the roster) */
	ACTION_AMENDMENT = 4, /* load the amendment named (ACCORD_ENOTFOUND) */
	ACTION_STAGE = 8      /* read the session's stage */
};

/* Checks for the rule pack, opens the transaction and loads what `needs` names: party, amendment, stage. */
static int action_begin(action *act, accord_session *s, const char *name, unsigned needs, const char *party,
	const char *amendment, accord_error *err)
{
	int rc;
	memset(act, 0, sizeof *act);
	act->s = s;
	act->name = name;
	rc = (needs & ACTION_RULES) ? need_rules(s, name, err) : ACCORD_OK;
	if (rc == ACCORD_OK)
		rc = store_begin(s, err);
	act->open = rc == ACCORD_OK;
	if (rc == ACCORD_OK && (needs & ACTION_PARTY))
		rc = party_load(&act->party, s, party, err);
	if (rc == ACCORD_OK && (needs & ACTION_AMENDMENT))
		rc = amendment_load(&act->amendment, s, amendment, err);
	if (rc == ACCORD_OK && (needs & ACTION_STAGE))
		rc = read_stage(&act->stage, s, err);
	return rc;
}

/*
** Ends the action: with rc ACCORD_OK, appends its event (by the party, or
** the chair) and commits; otherwise rolls back. Frees what the action
** held. Returns rc or the failure.
*/
static int action_end(action *act, int rc, accord_error *err)
{
	if (act->open)
		rc = store_finish(act->s, rc, act->party.code != NULL ? act->party.code : "chair", act->name,
			act->payload.ptr, err);
	accord_buf_dispose(&act->payload);
	accord_free(act->stage);
	amendment_row_dispose(&act->amendment);
	party_dispose(&act->party);
	return rc;
}

/* The rule pack's context for the action: its stage, and the amendment it loaded (if any). */
static void action_context(accord_session_context *ctx, const action *act)
{
	context_init(ctx, act->s, act->name, act->stage);
	if (act->amendment.id != NULL) {
		ctx->amendment = row_amendment(&act->amendment);
		ctx->state = accord_state_name(act->amendment.state);
	}
}

/* ACCORD_ESTATE unless the amendment the action loaded is open; `rule` says why it must be. */
static int action_need_open(const action *act, const char *rule, accord_error *err)
{
	if (accord_state_is_open(act->amendment.state))
		return ACCORD_OK;
	return accord_error_set(err, ACCORD_ESTATE, "%s is %s: %s", act->amendment.id,
		accord_state_name(act->amendment.state), rule);
}

/* Starts the payload of a party's action on an amendment: {"party":..,"amendment":.. */
static int action_payload_start(action *act)
{
	int rc = accord_buf_puts(&act->payload, "{\"party\":");
	rc |= store_json_str(&act->payload, act->party.code);
	rc |= accord_buf_puts(&act->payload, ",\"amendment\":");
	rc |= store_json_str(&act->payload, act->amendment.id);
	return rc;
}

/* ---- opening, creating, closing ------------------------------------------------------ */

static int session_alloc(accord_session **out, const char *path, accord_error *err)
{
	accord_session *s = accord_calloc(1, sizeof *s);
	if (s == NULL)
		return store_nomem(err);
	s->path = accord_strdup(path);
	if (s->path == NULL) {
		accord_free(s);
		return store_nomem(err);
	}
	*out = s;
	return ACCORD_OK;
}

/* Opens the connection to s->path (flags as for sqlite3_open_v2) with the pragmas every connection needs. */
static int session_connect(accord_session *s, int flags, accord_error *err)
{
	int rc = sqlite3_open_v2(s->path, &s->conn.db, flags, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	sqlite3_extended_result_codes(s->conn.db, 1);
	return store_configure(s->conn.db, s->path, err);
}

void accord_session_close(accord_session *s)
{
	if (s == NULL)
		return;
	store_conn_finalize(&s->conn);
	if (s->conn.db != NULL)
		sqlite3_close(s->conn.db);
	accord_doc_free(s->cached_doc);
	accord_free(s->path);
	accord_free(s->workflow);
	accord_free(s);
}

static int load_workflow(accord_session *s, accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(s->conn.db, "SELECT workflow FROM meta WHERE id = 1", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return accord_error_set(err, ACCORD_ECORRUPT, "%s: not an accord session (%s)", s->path,
			sqlite3_errmsg(s->conn.db));
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) == SQLITE_NULL) {
		sqlite3_finalize(stmt);
		return accord_error_set(err, ACCORD_ECORRUPT, "%s: the session's meta row names no workflow", s->path);
	}
	if (rc == SQLITE_ROW)
		s->workflow = store_column_dup(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return accord_error_set(err, ACCORD_ECORRUPT, "%s: the session has no meta row", s->path);
	if (rc != SQLITE_ROW)
		return store_step_error(s, rc, err);
	if (s->workflow == NULL)
		return store_nomem(err);
	return count_parties(s, err);
}

int accord_session_open(accord_session **out, const char *path, accord_error *err)
{
	accord_session *s = NULL;
	struct stat st;
	int rc;

	if (out == NULL || path == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_open: NULL argument");
	*out = NULL;
	if (stat(path, &st) != 0)
		return accord_error_set(err, ACCORD_EIO, "%s: cannot open the session: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return accord_error_set(err, ACCORD_ECORRUPT, "%s: not an accord session (not a regular file)", path);
	rc = session_alloc(&s, path, err);
	if (rc != ACCORD_OK)
		return rc;
	rc = session_connect(s, SQLITE_OPEN_READWRITE, err);
	if (rc != ACCORD_OK)
		goto fail;
	rc = store_check_file(s->conn.db, path, err);
	if (rc != ACCORD_OK)
		goto fail;
	rc = load_workflow(s, err);
	if (rc != ACCORD_OK)
		goto fail;
	*out = s;
	return ACCORD_OK;
fail:
	accord_session_close(s);
	return rc;
}

void accord_session_set_rules(accord_session *s, const accord_session_rules *rules)
{
	if (s != NULL)
		s->rules = rules;
}

const char *accord_session_workflow(const accord_session *s)
{
	return s != NULL ? s->workflow : NULL;
}

void accord_session_set_clock(accord_session *s, int64_t seconds)
{
	if (s != NULL)
		s->clock = seconds;
}

/* The first stage of the rules, or "session". */
static int first_stage(const char **out, const accord_session_rules *rules, accord_error *err)
{
	const char *const *names = NULL;
	size_t count = 0;
	int rc;
	*out = "session";
	if (rules == NULL || rules->stages == NULL)
		return ACCORD_OK;
	rc = rules->stages(rules->data, &names, &count, err);
	if (rc != ACCORD_OK)
		return rc;
	if (count > 0 && names[0] != NULL && names[0][0] != '\0')
		*out = names[0];
	return ACCORD_OK;
}

static void remove_files(const char *path)
{
	char name[4096];
	unlink(path);
	snprintf(name, sizeof name, "%s-wal", path);
	unlink(name);
	snprintf(name, sizeof name, "%s-shm", path);
	unlink(name);
	snprintf(name, sizeof name, "%s-journal", path);
	unlink(name);
}

static int init_payload(accord_buf *p, const accord_session_init *init, const char *stage, accord_error *err)
{
	accord_buf base = ACCORD_BUF_INIT, roster_text = ACCORD_BUF_INIT;
	accord_roster *roster = NULL;
	char *pack_path = NULL;
	size_t i, j, n;
	int rc = accord_doc_render_json(&base, init->base, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	if (init->roster != NULL) {
		rc = accord_roster_parse(&roster, init->roster, init->roster_len,
			init->roster_name != NULL ? init->roster_name : "roster", err);
		if (rc != ACCORD_OK)
			goto cleanup;
		if (accord_buf_put(&roster_text, init->roster, init->roster_len) != ACCORD_OK) {
			rc = store_nomem(err);
			goto cleanup;
		}
	}
	/* One way to record a pack, whichever shell made the session: a name as it
	 * is (accord_workflow_find finds it again at each command), a path as the
	 * absolute path of the file, so that any working folder opens the same pack. */
	if (accord_workflow_is_path(init->workflow)) {
		rc = accord_workflow_find(&pack_path, init->workflow, err);
		if (rc != ACCORD_OK)
			goto cleanup;
	}
	rc = accord_buf_puts(p, "{\"workflow\":");
	rc |= store_json_str(p, pack_path != NULL ? pack_path : init->workflow);
	rc |= accord_buf_puts(p, ",\"stage\":");
	rc |= store_json_str(p, stage);
	rc |= accord_buf_puts(p, ",\"base_name\":");
	rc |= store_json_str(p, init->base_name);
	rc |= accord_buf_puts(p, ",\"base\":");
	rc |= store_json_str(p, base.ptr != NULL ? base.ptr : "{}");
	rc |= accord_buf_puts(p, ",\"roster\":");
	rc |= store_json_str(p, roster != NULL ? (roster_text.ptr != NULL ? roster_text.ptr : "") : NULL);
	rc |= accord_buf_puts(p, ",\"parties\":[");
	n = roster != NULL ? accord_roster_party_count(roster) : 0;
	for (i = 0; i < n; i++) {
		const accord_party *party = accord_roster_party(roster, i);
		rc |= accord_buf_puts(p, i > 0 ? ",{\"code\":" : "{\"code\":");
		rc |= store_json_str(p, accord_party_code(party));
		rc |= accord_buf_puts(p, ",\"name\":");
		rc |= store_json_str(p, accord_party_name(party) != NULL ? accord_party_name(party) : "");
		rc |= accord_buf_puts(p, ",\"role\":");
		rc |= store_json_str(p, accord_party_role(party));
		rc |= accord_buf_puts(p, ",\"groups\":[");
		for (j = 0; j < accord_party_group_count(party); j++) {
			if (j > 0)
				rc |= accord_buf_putc(p, ',');
			rc |= store_json_str(p, accord_party_group(party, j));
		}
		rc |= accord_buf_puts(p, "]}");
	}
	rc |= accord_buf_puts(p, "]}");
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	accord_buf_dispose(&base);
	accord_buf_dispose(&roster_text);
	accord_roster_free(roster);
	accord_free(pack_path);
	return rc;
}

int accord_session_roster(accord_roster **out, accord_session *s, accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;
	if (out == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_roster: NULL argument");
	*out = NULL;
	rc = sqlite3_prepare_v2(s->conn.db, "SELECT roster FROM meta WHERE id = 1", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		rc = accord_roster_parse(out, (const char *)sqlite3_column_text(stmt, 0), (size_t)sqlite3_column_bytes(stmt, 0),
			"the session's roster", err);
	} else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		rc = ACCORD_OK;
	} else {
		rc = store_step_error(s, rc, err);
	}
	sqlite3_finalize(stmt);
	return rc;
}

int accord_session_create(accord_session **out, const char *path, const accord_session_init *init,
	const accord_session_rules *rules, accord_error *err)
{
	accord_session *s = NULL;
	accord_buf payload = ACCORD_BUF_INIT;
	const char *stage;
	int rc, created = 0;

	if (out == NULL || path == NULL || init == NULL || init->base == NULL || init->workflow == NULL ||
	    init->workflow[0] == '\0')
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_create: a path, a workflow and a base are needed");
	*out = NULL;
	if (access(path, F_OK) == 0)
		return accord_error_set(err, ACCORD_EIO, "%s: already exists (a session is created only once)", path);
	rc = first_stage(&stage, rules, err);
	if (rc != ACCORD_OK)
		return rc;
	rc = session_alloc(&s, path, err);
	if (rc != ACCORD_OK)
		return rc;
	s->rules = rules;
	rc = init_payload(&payload, init, stage, err);
	if (rc != ACCORD_OK)
		goto fail;
	created = 1;
	rc = session_connect(s, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE, err);
	if (rc != ACCORD_OK)
		goto fail;
	if (sqlite3_exec(s->conn.db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK) {
		rc = store_error(s->conn.db, sqlite3_errcode(s->conn.db), err, path);
		goto fail;
	}
	rc = store_begin(s, err);
	if (rc != ACCORD_OK)
		goto fail;
	rc = store_schema_create(s->conn.db, err);
	rc = store_finish(s, rc, "chair", "init", payload.ptr, err);
	if (rc != ACCORD_OK)
		goto fail;
	rc = load_workflow(s, err);
	if (rc != ACCORD_OK)
		goto fail;
	accord_buf_dispose(&payload);
	*out = s;
	return ACCORD_OK;
fail:
	accord_buf_dispose(&payload);
	if (s->conn.db != NULL)
		store_rollback(s);
	accord_session_close(s);
	if (created)
		remove_files(path);
	return rc;
}

/* ---- renumbering a contribution's amendments ----------------------------------------- */

typedef struct id_map {
	char **from;
	char **to;
	size_t count;
} id_map;

static void id_map_dispose(id_map *m)
{
	size_t i;
	for (i = 0; i < m->count; i++) {
		accord_free(m->from[i]);
		accord_free(m->to[i]);
	}
	accord_free(m->from);
	accord_free(m->to);
	memset(m, 0, sizeof *m);
}

static const char *id_map_get(const id_map *m, const char *id)
{
	size_t i;
	if (id == NULL)
		return NULL;
	for (i = 0; i < m->count; i++)
		if (strcmp(m->from[i], id) == 0)
			return m->to[i];
	return id;
}

/*
** Copies list with ids "PARTY/n" (n from first), the proposers set to
** party, and every reference to an old id (new paragraphs are named after
** their amendment) mapped to the new one.
*/
static int renumber(accord_amendment_list **out, const accord_amendment_list *list, const char *party,
	unsigned long first, accord_error *err)
{
	accord_amendment_list *copy = NULL;
	id_map map = {NULL, NULL, 0};
	size_t i, n = accord_amendments_count(list);
	const char *proposers[1];
	int rc;

	*out = NULL;
	proposers[0] = party;
	map.from = accord_calloc(n + 1, sizeof *map.from);
	map.to = accord_calloc(n + 1, sizeof *map.to);
	if (map.from == NULL || map.to == NULL)
		goto oom;
	for (i = 0; i < n; i++) {
		accord_buf id = ACCORD_BUF_INIT;
		const accord_amendment *a = accord_amendments_get(list, i);
		if (accord_buf_printf(&id, "%s/%lu", party, first + i) != ACCORD_OK)
			goto oom;
		map.from[i] = accord_strdup(a->id != NULL ? a->id : "");
		map.to[i] = accord_buf_detach(&id);
		map.count = i + 1;
		if (map.from[i] == NULL || map.to[i] == NULL)
			goto oom;
	}
	if (accord_amendments_new(&copy) != ACCORD_OK)
		goto oom;
	rc = accord_amendments_set_origin(copy, party, accord_amendments_base_name(list),
		accord_amendments_contribution_name(list));
	if (rc != ACCORD_OK)
		goto oom;
	for (i = 0; i < n; i++) {
		accord_amendment a = *accord_amendments_get(list, i);
		a.id = map.to[i];
		a.proposers = proposers;
		a.n_proposers = 1;
		if (a.op == ACCORD_OP_ADD || a.op == ACCORD_OP_ADD_SECTION || a.op == ACCORD_OP_MOVE ||
		    a.op == ACCORD_OP_MOVE_SECTION) {
			a.position.section = id_map_get(&map, a.position.section);
			a.position.parent = id_map_get(&map, a.position.parent);
			a.position.after = id_map_get(&map, a.position.after);
		}
		a.related = id_map_get(&map, a.related);
		rc = accord_amendments_add(copy, &a);
		if (rc != ACCORD_OK) {
			accord_error_set(err, rc, "cannot record amendment %s", a.id);
			goto fail;
		}
	}
	id_map_dispose(&map);
	*out = copy;
	return ACCORD_OK;
oom:
	rc = store_nomem(err);
fail:
	accord_amendments_free(copy);
	id_map_dispose(&map);
	return rc;
}

/* ---- submit ---------------------------------------------------------------------------- */

static int next_id_number(unsigned long *out, accord_session *s, const char *party, accord_error *err)
{
	int rc = last_number(out, s, party, err);
	if (rc == ACCORD_OK)
		(*out)++;
	return rc;
}

static int64_t next_rowid(accord_session *s, const char *table)
{
	char sql[128];
	sqlite3_stmt *stmt = NULL;
	int64_t id = 1;
	snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) + 1 FROM %s", table);
	if (sqlite3_prepare_v2(s->conn.db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
		id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return id;
}

int accord_session_submit(accord_amendment_list **out, accord_session *s, const char *party, const char *name,
	const char *data, size_t len, accord_error *err)
{
	accord_parse_options popts = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc_diff_options dopts = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_amendment_list *raw = NULL, *list = NULL;
	accord_doc *base = NULL, *contribution = NULL;
	accord_buf bytes = ACCORD_BUF_INIT;
	accord_buf *payload;
	action act;
	unsigned rev;
	unsigned long first;
	size_t i, n;
	int rc;

	if (out != NULL)
		*out = NULL;
	if (s == NULL || data == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_submit: NULL argument");
	if (name == NULL)
		name = "-";
	payload = &act.payload;
	rc = action_begin(&act, s, "submit", ACTION_RULES | ACTION_PARTY | ACTION_STAGE, party, NULL, err);
	if (rc == ACCORD_OK)
		rc = store_latest_rev(&rev, s, err);
	if (rc == ACCORD_OK)
		rc = store_rev_doc(&base, s, rev, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	popts.name = name;
	/* A contribution is read the way the text it amends was (a generic base: generic). */
	popts.force_generic = accord_doc_mode_of(base) == ACCORD_MODE_GENERIC;
	rc = accord_doc_parse(&contribution, data, len, &popts, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	dopts.party = party;
	rc = accord_doc_diff(&raw, base, contribution, &dopts, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	n = accord_amendments_count(raw);
	if (n == 0) {
		rc = accord_error_set(err, ACCORD_EEMPTY, "%s: the contribution makes no change to Rev.%u", name, rev);
		goto cleanup;
	}
	rc = accord_amendments_set_origin(raw, party, NULL, name);
	if (rc == ACCORD_OK)
		rc = next_id_number(&first, s, party, err);
	if (rc == ACCORD_OK)
		rc = renumber(&list, raw, party, first, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	for (i = 0; i < n; i++) {
		accord_session_context ctx;
		action_context(&ctx, &act);
		ctx.amendment = accord_amendments_get(list, i);
		rc = ask(s, s->rules->may_propose, 1, &act.party, &ctx, err);
		if (rc != ACCORD_OK)
			goto cleanup;
	}
	/* The bytes as received go into the log (a contribution is text: valid UTF-8, checked by the parser). */
	if (accord_buf_put(&bytes, data, len) != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	if (bytes.ptr != NULL && strlen(bytes.ptr) != len) {
		rc = accord_error_set(err, ACCORD_EPARSE, "%s: a contribution must be text (it holds a NUL byte)", name);
		goto cleanup;
	}
	rc = accord_buf_puts(payload, "{\"party\":");
	rc |= store_json_str(payload, party);
	rc |= accord_buf_puts(payload, ",\"file\":");
	rc |= store_json_str(payload, name);
	rc |= accord_buf_puts(payload, ",\"bytes\":");
	rc |= store_json_str(payload, bytes.ptr != NULL ? bytes.ptr : "");
	rc |= accord_buf_printf(payload, ",\"contribution\":%lld,\"revision\":%u,\"amendments\":[",
		(long long)next_rowid(s, "contributions"), rev);
	if (rc != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		if (i > 0 && accord_buf_putc(payload, ',') != ACCORD_OK) {
			rc = store_nomem(err);
			goto cleanup;
		}
		rc = payload_amendment(payload, accord_amendments_get(list, i), err);
		if (rc != ACCORD_OK)
			goto cleanup;
	}
	if (accord_buf_puts(payload, "]}") != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	rc = action_end(&act, rc, err);
	if (rc == ACCORD_OK && out != NULL) {
		*out = list;
		list = NULL;
	}
	accord_amendments_free(raw);
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(contribution);
	accord_buf_dispose(&bytes);
	return rc;
}

/* ---- propose --------------------------------------------------------------------------- */

/*
** An agreed amendment may be superseded by a compromise text only before a
** revision has applied it, and only while the agreed amendments do not fit
** together (the revision stops with ACCORD_ECONFLICT): otherwise the
** meeting's agreement stands. *known and *conflict cache the second check
** over one proposal's list.
*/
static int may_supersede_agreed(accord_session *s, const char *id, int *known, int *conflict, accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int64_t incorporated = 0;
	int rc = sqlite3_prepare_v2(s->conn.db, "SELECT incorporated FROM amendments WHERE id = ?1", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			incorporated = sqlite3_column_type(stmt, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64(stmt, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	if (incorporated > 0)
		return accord_error_set(err, ACCORD_ESTATE,
			"%s is agreed and in Rev.%lld: a change to it is a new amendment to that text", id,
			(long long)incorporated);
	if (!*known) {
		rc = store_agreed_conflict(conflict, NULL, s, err);
		if (rc != ACCORD_OK)
			return rc;
		*known = 1;
	}
	if (!*conflict)
		return accord_error_set(err, ACCORD_ESTATE,
			"%s is agreed: an agreed amendment can be superseded only while the agreed amendments do not fit "
			"together",
			id);
	return ACCORD_OK;
}

/*
** Writes the propose event's payload for a (its id and proposers
** replaced) into act, once it fits the text and the rule pack allows it.
*/
static int propose_locked(char **out_id, action *act, unsigned rev, const accord_doc *base,
	const accord_amendment *given, const char *const *supersedes, size_t n_supersedes, accord_error *err)
{
	accord_amendment_list *one = NULL;
	accord_amendment a = *given;
	accord_buf id = ACCORD_BUF_INIT, *payload = &act->payload;
	accord_doc *check = NULL;
	const party_row *p = &act->party;
	const char *proposers[1];
	unsigned long number;
	accord_session_context ctx;
	size_t i;
	int rc, conflict_known = 0, conflict = 0;

	rc = next_id_number(&number, act->s, p->code, err);
	if (rc != ACCORD_OK)
		return rc;
	if (accord_buf_printf(&id, "%s/%lu", p->code, number) != ACCORD_OK)
		return store_nomem(err);
	proposers[0] = p->code;
	a.id = id.ptr;
	a.proposers = proposers;
	a.n_proposers = 1;
	if (accord_amendments_new(&one) != ACCORD_OK || accord_amendments_add(one, &a) != ACCORD_OK ||
	    accord_amendments_set_origin(one, p->code, NULL, NULL) != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	/* It must fit the text it amends. */
	rc = accord_doc_clone(&check, base);
	if (rc != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	rc = accord_amendments_apply(check, one, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	for (i = 0; i < n_supersedes; i++) {
		amendment_row old;
		size_t j;
		for (j = 0; j < i; j++)
			if (strcmp(supersedes[j], supersedes[i]) == 0) {
				/* the event would supersede one row where it promises two (exit 5) */
				rc = accord_error_set(err, ACCORD_EINVAL, "%s is listed twice in supersedes", supersedes[i]);
				goto cleanup;
			}
		rc = amendment_load(&old, act->s, supersedes[i], err);
		if (rc != ACCORD_OK)
			goto cleanup;
		if (!accord_state_transition_legal(old.state, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_SUPERSEDE))
			rc = accord_error_set(err, ACCORD_ESTATE, "%s is %s: only an open amendment can be superseded",
				old.id, accord_state_name(old.state));
		else if (old.state == ACCORD_STATE_AGREED)
			rc = may_supersede_agreed(act->s, old.id, &conflict_known, &conflict, err);
		amendment_row_dispose(&old);
		if (rc != ACCORD_OK)
			goto cleanup;
	}
	action_context(&ctx, act);
	ctx.amendment = accord_amendments_get(one, 0);
	rc = ask(act->s, act->s->rules->may_propose, 1, p, &ctx, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = accord_buf_puts(payload, "{\"party\":");
	rc |= store_json_str(payload, p->code);
	rc |= accord_buf_printf(payload, ",\"revision\":%u,\"amendment\":", rev);
	if (rc != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	rc = payload_amendment(payload, accord_amendments_get(one, 0), err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = accord_buf_puts(payload, ",\"supersedes\":[");
	for (i = 0; i < n_supersedes; i++) {
		if (i > 0)
			rc |= accord_buf_putc(payload, ',');
		rc |= store_json_str(payload, supersedes[i]);
	}
	rc |= accord_buf_puts(payload, "]}");
	if (rc != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	if (out_id != NULL)
		*out_id = accord_buf_detach(&id);
cleanup:
	accord_doc_free(check);
	accord_amendments_free(one);
	accord_buf_dispose(&id);
	return rc;
}

/* The shared frame of propose and propose_doc: lock, party, stage, latest text. */
static int propose_common(char **out_id, accord_session *s, const char *party, const accord_amendment *a,
	const accord_doc *amended, int base_rev, const char *const *supersedes, size_t n_supersedes, accord_error *err)
{
	accord_doc_diff_options dopts = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_amendment_list *diff = NULL;
	accord_doc *base = NULL;
	action act;
	unsigned rev;
	int rc;

	if (out_id != NULL)
		*out_id = NULL;
	if (s == NULL || (a == NULL && amended == NULL) || (n_supersedes > 0 && supersedes == NULL))
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_propose: NULL argument");
	rc = action_begin(&act, s, "propose", ACTION_RULES | ACTION_PARTY | ACTION_STAGE, party, NULL, err);
	if (rc == ACCORD_OK)
		rc = store_latest_rev(&rev, s, err);
	if (rc == ACCORD_OK && base_rev >= 0 && (unsigned)base_rev != rev)
		rc = accord_error_set(err, ACCORD_ECONFLICT, "Rev.%u was issued meanwhile; propose against it again", rev);
	if (rc == ACCORD_OK)
		rc = store_rev_doc(&base, s, rev, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	if (amended != NULL) {
		dopts.party = party;
		rc = accord_doc_diff(&diff, base, amended, &dopts, err);
		if (rc != ACCORD_OK)
			goto cleanup;
		if (accord_amendments_count(diff) == 0) {
			rc = accord_error_set(err, ACCORD_EEMPTY, "the proposal makes no change to Rev.%u", rev);
			goto cleanup;
		}
		if (accord_amendments_count(diff) > 1) {
			rc = accord_error_set(err, ACCORD_EINVAL,
				"the proposal makes %zu amendments; propose one change at a time (or submit a contribution)",
				accord_amendments_count(diff));
			goto cleanup;
		}
		a = accord_amendments_get(diff, 0);
	}
	rc = propose_locked(out_id, &act, rev, base, a, supersedes, n_supersedes, err);
cleanup:
	rc = action_end(&act, rc, err);
	if (rc != ACCORD_OK && out_id != NULL) {
		accord_free(*out_id);
		*out_id = NULL;
	}
	accord_amendments_free(diff);
	accord_doc_free(base);
	return rc;
}

int accord_session_propose(char **out_id, accord_session *s, const char *party, const accord_amendment *a,
	const char *const *supersedes, size_t n_supersedes, accord_error *err)
{
	if (a == NULL) {
		if (out_id != NULL)
			*out_id = NULL;
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_propose: no amendment");
	}
	return propose_common(out_id, s, party, a, NULL, -1, supersedes, n_supersedes, err);
}

int accord_session_propose_doc(char **out_id, accord_session *s, const char *party, const accord_doc *amended,
	int base_rev, const char *const *supersedes, size_t n_supersedes, accord_error *err)
{
	if (amended == NULL) {
		if (out_id != NULL)
			*out_id = NULL;
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_propose_doc: no document");
	}
	return propose_common(out_id, s, party, NULL, amended, base_rev, supersedes, n_supersedes, err);
}

/* ---- cosponsor, withdraw ------------------------------------------------------------- */

static int is_proposer(int *out, accord_session *s, const char *amendment, const char *party, accord_error *err)
{
	sqlite3_stmt *stmt = stmt_at(s, Q_IS_PROPOSER, "SELECT count(*) FROM proposers WHERE amendment = ?1 AND party = ?2",
		err);
	int rc;
	*out = 0;
	if (stmt == NULL)
		return err != NULL ? err->code : ACCORD_ESTORE;
	sqlite3_bind_text(stmt, 1, amendment, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, party, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0) > 0;
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? ACCORD_OK : store_step_error(s, rc, err);
}

int accord_session_cosponsor(accord_session *s, const char *party, const char *amendment, accord_error *err)
{
	accord_buf json = ACCORD_BUF_INIT;
	accord_session_context ctx;
	action act;
	const amendment_row *a = &act.amendment;
	const party_row *p = &act.party;
	int rc, already;

	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_cosponsor: NULL session");
	rc = action_begin(&act, s, "cosponsor", ACTION_RULES | ACTION_PARTY | ACTION_AMENDMENT | ACTION_STAGE, party,
		amendment, err);
	if (rc == ACCORD_OK)
		rc = action_need_open(&act, "only an open amendment can be co-sponsored", err);
	if (rc == ACCORD_OK)
		rc = is_proposer(&already, s, a->id, p->code, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	if (already) {
		rc = accord_error_set(err, ACCORD_EINVAL, "%s already sponsors %s", p->code, a->id);
		goto cleanup;
	}
	action_context(&ctx, &act);
	rc = ask(s, s->rules->may_propose, 1, p, &ctx, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = accord_amendments_add_proposer(a->list, a->id, p->code);
	if (rc == ACCORD_OK)
		rc = accord_amendments_render_json(&json, a->list, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = action_payload_start(&act);
	rc |= accord_buf_puts(&act.payload, ",\"json\":");
	rc |= store_json_str(&act.payload, json.ptr);
	rc |= accord_buf_putc(&act.payload, '}');
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	accord_buf_dispose(&json);
	return action_end(&act, rc, err);
}

int accord_session_withdraw(accord_session *s, const char *party, const char *amendment, accord_error *err)
{
	action act;
	const amendment_row *a = &act.amendment;
	const party_row *p = &act.party;
	int rc;

	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_withdraw: NULL session");
	rc = action_begin(&act, s, "withdraw", ACTION_PARTY | ACTION_AMENDMENT, party, amendment, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	/* Only the one who tabled it may take it back; co-sponsors may not. */
	if (strcmp(a->proposer, p->code) != 0) {
		rc = accord_error_set(err, ACCORD_EREFUSED, "%s may not withdraw %s: only its proposer (%s) may", p->code,
			a->id, a->proposer);
		goto cleanup;
	}
	if (!accord_state_transition_legal(a->state, ACCORD_STATE_WITHDRAWN, ACCORD_CAUSE_WITHDRAW)) {
		rc = accord_error_set(err, ACCORD_ESTATE, "%s is %s: it can no longer be withdrawn", a->id,
			accord_state_name(a->state));
		goto cleanup;
	}
	rc = action_payload_start(&act);
	rc |= accord_buf_printf(&act.payload, ",\"from\":\"%s\",\"to\":\"withdrawn\"}", accord_state_name(a->state));
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	return action_end(&act, rc, err);
}

/* ---- comment ----------------------------------------------------------------------------- */

int accord_session_comment(int64_t *out_id, accord_session *s, const char *party, const char *target,
	const char *text, accord_error *err)
{
	accord_doc *doc = NULL;
	const char *amendment = NULL, *paragraph = NULL;
	accord_session_context ctx;
	action act;
	unsigned rev;
	int64_t id = 0;
	int rc;

	if (out_id != NULL)
		*out_id = 0;
	if (s == NULL || text == NULL || text[0] == '\0')
		return accord_error_set(err, ACCORD_EINVAL, "a comment needs a text");
	if (accord_utf8_check(text, strlen(text), err) != ACCORD_OK)
		return ACCORD_EUTF8;
	rc = action_begin(&act, s, "comment", ACTION_PARTY | ACTION_STAGE, party, NULL, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	if (target != NULL) {
		rc = amendment_load(&act.amendment, s, target, err);
		if (rc == ACCORD_OK) {
			amendment = act.amendment.id;
		} else if (rc == ACCORD_ENOTFOUND) {
			rc = store_latest_rev(&rev, s, err);
			if (rc == ACCORD_OK)
				rc = store_rev_doc(&doc, s, rev, err);
			if (rc != ACCORD_OK)
				goto cleanup;
			if (accord_doc_find_para(doc, target) == NULL && accord_doc_find_section(doc, target) == NULL) {
				rc = accord_error_set(err, ACCORD_ENOTFOUND,
					"'%s' is neither an amendment nor a paragraph or section of Rev.%u", target, rev);
				goto cleanup;
			}
			paragraph = target;
		} else {
			goto cleanup;
		}
	}
	action_context(&ctx, &act);
	ctx.paragraph = paragraph;
	if (s->rules != NULL) {
		rc = ask(s, s->rules->may_comment, 0, &act.party, &ctx, err);
		if (rc != ACCORD_OK)
			goto cleanup;
	}
	id = next_rowid(s, "comments");
	rc = accord_buf_printf(&act.payload, "{\"id\":%lld,\"party\":", (long long)id);
	rc |= store_json_str(&act.payload, act.party.code);
	rc |= accord_buf_puts(&act.payload, ",\"amendment\":");
	rc |= store_json_str(&act.payload, amendment);
	rc |= accord_buf_puts(&act.payload, ",\"paragraph\":");
	rc |= store_json_str(&act.payload, paragraph);
	rc |= accord_buf_puts(&act.payload, ",\"text\":");
	rc |= store_json_str(&act.payload, text);
	rc |= accord_buf_putc(&act.payload, '}');
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	rc = action_end(&act, rc, err);
	if (rc == ACCORD_OK && out_id != NULL)
		*out_id = id;
	accord_doc_free(doc);
	return rc;
}

/* ---- position ---------------------------------------------------------------------------- */

static int position_valid(const char *position)
{
	return position != NULL && (strcmp(position, "support") == 0 || strcmp(position, "object") == 0 ||
					   strcmp(position, "abstain") == 0 || strcmp(position, "reserve") == 0);
}

int accord_session_position(accord_session *s, const char *party, const char *amendment, const char *position,
	accord_error *err)
{
	accord_session_context ctx;
	action act;
	int rc;

	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_position: NULL session");
	if (!position_valid(position))
		return accord_error_set(err, ACCORD_EINVAL, "a position is support, object, abstain or reserve, not '%s'",
			position != NULL ? position : "");
	rc = action_begin(&act, s, "position", ACTION_RULES | ACTION_PARTY | ACTION_AMENDMENT | ACTION_STAGE, party,
		amendment, err);
	if (rc == ACCORD_OK)
		rc = action_need_open(&act, "positions are taken on open amendments only", err);
	if (rc != ACCORD_OK)
		goto cleanup;
	action_context(&ctx, &act);
	ctx.position = position;
	rc = ask(s, s->rules->may_object, 1, &act.party, &ctx, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = action_payload_start(&act);
	rc |= accord_buf_puts(&act.payload, ",\"position\":");
	rc |= store_json_str(&act.payload, position);
	rc |= accord_buf_putc(&act.payload, '}');
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	return action_end(&act, rc, err);
}

/* ---- decide --------------------------------------------------------------------------------- */

void accord_session_decisions_free(accord_session_decision *decisions, size_t count)
{
	size_t i;
	if (decisions == NULL)
		return;
	for (i = 0; i < count; i++) {
		accord_free(decisions[i].amendment);
		accord_free(decisions[i].tally);
		accord_free(decisions[i].rule);
	}
	accord_free(decisions);
}

/* Every party's position on one amendment (absent included), in roster order. */
typedef struct vote_set {
	party_row *parties;
	char **positions;
	accord_session_vote *votes;
	size_t count;
	int any_reserve;
} vote_set;

static void vote_set_dispose(vote_set *v)
{
	size_t i;
	for (i = 0; i < v->count; i++) {
		party_dispose(&v->parties[i]);
		accord_free(v->positions[i]);
	}
	accord_free(v->parties);
	accord_free(v->positions);
	accord_free(v->votes);
	memset(v, 0, sizeof *v);
}

static int vote_set_load(vote_set *v, accord_session *s, const char *amendment, accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	size_t cap = s->n_parties, i;
	int rc;
	memset(v, 0, sizeof v[0]);
	if (cap == 0)
		return ACCORD_OK;
	v->parties = accord_calloc(cap, sizeof *v->parties);
	v->positions = accord_calloc(cap, sizeof *v->positions);
	v->votes = accord_calloc(cap, sizeof *v->votes);
	if (v->parties == NULL || v->positions == NULL || v->votes == NULL) {
		vote_set_dispose(v);
		return store_nomem(err);
	}
	rc = sqlite3_prepare_v2(s->conn.db,
		"SELECT parties.code, coalesce(positions.position, 'absent') FROM parties "
		"LEFT JOIN positions ON positions.party = parties.code AND positions.amendment = ?1 ORDER BY parties.ord",
		-1, &stmt, NULL);
	if (rc != SQLITE_OK) {
		vote_set_dispose(v);
		return store_step_error(s, rc, err);
	}
	sqlite3_bind_text(stmt, 1, amendment, -1, SQLITE_STATIC);
	while (v->count < cap && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		v->positions[v->count] = store_column_dup(stmt, 1);
		if (v->positions[v->count] == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		v->parties[v->count].code = store_column_dup(stmt, 0);
		v->count++;
	}
	/* The loop stops at a row once every party is in. */
	rc = store_rows_done(s, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, err);
	if (rc != ACCORD_OK) {
		vote_set_dispose(v);
		return rc;
	}
	for (i = 0; i < v->count; i++) {
		char *code = v->parties[i].code;
		if (code == NULL) {
			vote_set_dispose(v);
			return store_nomem(err);
		}
		v->parties[i].code = NULL;
		rc = party_load(&v->parties[i], s, code, err);
		accord_free(code);
		if (rc != ACCORD_OK) {
			vote_set_dispose(v);
			return rc;
		}
		v->votes[i].party = &v->parties[i].view;
		v->votes[i].position = v->positions[i];
		if (strcmp(v->positions[i], "reserve") == 0)
			v->any_reserve = 1;
	}
	return ACCORD_OK;
}

/* The open amendments in scope, in submission order. */
static int scope_ids(char ***out, size_t *count, accord_session *s, accord_decide_scope scope, const char *id,
	accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	char **ids = NULL;
	size_t n = 0, cap = 0;
	const char *sql;
	int rc;
	*out = NULL;
	*count = 0;
	if (scope == ACCORD_DECIDE_AMENDMENT)
		sql = "SELECT id FROM amendments WHERE id = ?1";
	else if (scope == ACCORD_DECIDE_PARAGRAPH)
		sql = "SELECT id FROM amendments WHERE target = ?1 AND state IN ('proposed','bracketed','agreed_ad_ref') "
		      "ORDER BY seq";
	else
		sql = "SELECT id FROM amendments WHERE state IN ('proposed','bracketed','agreed_ad_ref') ORDER BY seq";
	rc = sqlite3_prepare_v2(s->conn.db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	if (scope != ACCORD_DECIDE_ALL)
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char **grown = store_grow(ids, &cap, n, sizeof *ids, 16);
		if (grown == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		ids = grown;
		ids[n] = store_column_dup(stmt, 0);
		if (ids[n] == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		n++;
	}
	rc = store_rows_done(s, stmt, rc, err);
	if (rc != ACCORD_OK) {
		size_t i;
		for (i = 0; i < n; i++)
			accord_free(ids[i]);
		accord_free(ids);
		return rc;
	}
	*out = ids;
	*count = n;
	return ACCORD_OK;
}

static accord_amendment_state outcome_state(accord_session_outcome outcome)
{
	switch (outcome) {
	case ACCORD_SESSION_AGREED: return ACCORD_STATE_AGREED;
	case ACCORD_SESSION_AGREED_AD_REF: return ACCORD_STATE_AGREED_AD_REF;
	case ACCORD_SESSION_REJECTED: return ACCORD_STATE_REJECTED;
	case ACCORD_SESSION_BRACKETED:
	case ACCORD_SESSION_VOTE:
	default: return ACCORD_STATE_BRACKETED;
	}
}

/* Checks that the tally is a JSON object and appends it compactly. */
static int put_tally(accord_buf *payload, char **copy, const accord_buf *tally, accord_error *err)
{
	json_error_t jerr;
	json_t *value;
	char *dumped;
	int rc;
	*copy = NULL;
	value = json_loadb(tally->ptr != NULL ? tally->ptr : "{}", tally->ptr != NULL ? tally->size : 2, 0, &jerr);
	if (value == NULL || !json_is_object(value)) {
		json_decref(value);
		return accord_error_set(err, ACCORD_ESCRIPT, "the decision rule's tally is not a JSON object");
	}
	dumped = json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(value);
	if (dumped == NULL)
		return store_nomem(err);
	rc = accord_buf_puts(payload, dumped);
	*copy = accord_strdup(dumped);
	free(dumped);
	if (rc != ACCORD_OK || *copy == NULL) {
		accord_free(*copy);
		*copy = NULL;
		return store_nomem(err);
	}
	return ACCORD_OK;
}

int accord_session_decide(accord_session_decision **out, size_t *count, accord_session *s, accord_decide_scope scope,
	const char *id, accord_error *err)
{
	accord_session_decision *decisions = NULL;
	accord_buf *payload;
	char **ids = NULL;
	size_t n = 0, i, made = 0;
	action act;
	int64_t decision_id;
	int rc;

	if (out != NULL)
		*out = NULL;
	if (count != NULL)
		*count = 0;
	if (s == NULL || (scope != ACCORD_DECIDE_ALL && (id == NULL || id[0] == '\0')))
		return accord_error_set(err, ACCORD_EINVAL, "decide: name the amendment or paragraph (or decide all)");
	rc = need_rules(s, "decide", err);
	if (rc != ACCORD_OK)
		return rc;
	if (s->rules->decide == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "the rule pack has no decision rule");
	payload = &act.payload;
	rc = action_begin(&act, s, "decide", ACTION_STAGE, NULL, NULL, err);
	if (rc == ACCORD_OK)
		rc = scope_ids(&ids, &n, s, scope, id, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	if (n == 0) {
		if (scope == ACCORD_DECIDE_AMENDMENT)
			rc = accord_error_set(err, ACCORD_ENOTFOUND, "no amendment '%s' in this session", id);
		else if (scope == ACCORD_DECIDE_PARAGRAPH)
			rc = accord_error_set(err, ACCORD_ENOTFOUND, "no open amendment on paragraph '%s'", id);
		else
			rc = accord_error_set(err, ACCORD_ENOTFOUND, "no open amendment to decide");
		goto cleanup;
	}
	decisions = accord_calloc(n, sizeof *decisions);
	if (decisions == NULL) {
		rc = store_nomem(err);
		goto cleanup;
	}
	decision_id = next_rowid(s, "decisions");
	if (accord_buf_puts(payload, "{\"decisions\":[") != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		accord_buf tally = ACCORD_BUF_INIT, rule = ACCORD_BUF_INIT;
		accord_session_outcome outcome = ACCORD_SESSION_BRACKETED;
		accord_amendment_state to;
		accord_session_context ctx;
		amendment_row a;
		vote_set votes;

		rc = amendment_load(&a, s, ids[i], err);
		if (rc != ACCORD_OK)
			goto cleanup;
		if (!accord_state_is_open(a.state)) {
			rc = accord_error_set(err, ACCORD_ESTATE, "%s is %s: it cannot be decided again", a.id,
				accord_state_name(a.state));
			amendment_row_dispose(&a);
			goto cleanup;
		}
		rc = vote_set_load(&votes, s, a.id, err);
		if (rc != ACCORD_OK) {
			amendment_row_dispose(&a);
			goto cleanup;
		}
		context_init(&ctx, s, "decide", act.stage);
		ctx.amendment = row_amendment(&a);
		ctx.state = accord_state_name(a.state);
		ctx.paragraph = scope == ACCORD_DECIDE_PARAGRAPH ? id : NULL;
		rc = s->rules->decide(s->rules->data, votes.votes, votes.count, &ctx, &outcome, &tally, &rule, err);
		if (rc == ACCORD_OK && ((int)outcome < 0 || outcome >= ACCORD_SESSION_OUTCOME_COUNT))
			rc = accord_error_set(err, ACCORD_ESCRIPT, "the decision rule returned an unknown outcome");
		if (rc == ACCORD_OK) {
			/* A reservation turns an agreement into an agreement ad referendum. */
			if (outcome == ACCORD_SESSION_AGREED && votes.any_reserve)
				outcome = ACCORD_SESSION_AGREED_AD_REF;
			to = outcome_state(outcome);
			if (!accord_state_transition_legal(a.state, to, ACCORD_CAUSE_DECIDE))
				rc = accord_error_set(err, ACCORD_ESTATE, "%s: a decision cannot take it from %s to %s", a.id,
					accord_state_name(a.state), accord_state_name(to));
		}
		if (rc == ACCORD_OK) {
			accord_session_decision *d = &decisions[made];
			d->outcome = outcome;
			d->from = a.state;
			d->to = to;
			d->amendment = accord_strdup(a.id);
			d->rule = accord_strdup(rule.size > 0 ? rule.ptr : (s->rules->name != NULL ? s->rules->name : "rule pack"));
			made++;
			if (d->amendment == NULL || d->rule == NULL)
				rc = store_nomem(err);
			if (rc == ACCORD_OK) {
				rc = accord_buf_printf(payload, "%s{\"id\":%lld,\"amendment\":", i > 0 ? "," : "",
					(long long)(decision_id + (int64_t)i));
				rc |= store_json_str(payload, a.id);
				rc |= accord_buf_puts(payload, ",\"paragraph\":");
				rc |= store_json_str(payload, ctx.paragraph);
				rc |= accord_buf_printf(payload, ",\"outcome\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"rule\":",
					accord_session_outcome_name(outcome), accord_state_name(a.state), accord_state_name(to));
				rc |= store_json_str(payload, d->rule);
				rc |= accord_buf_puts(payload, ",\"stage\":");
				rc |= store_json_str(payload, act.stage);
				rc |= accord_buf_puts(payload, ",\"tally\":");
				if (rc != ACCORD_OK)
					rc = store_nomem(err);
			}
			if (rc == ACCORD_OK)
				rc = put_tally(payload, &d->tally, &tally, err);
			if (rc == ACCORD_OK && accord_buf_putc(payload, '}') != ACCORD_OK)
				rc = store_nomem(err);
		}
		accord_buf_dispose(&tally);
		accord_buf_dispose(&rule);
		vote_set_dispose(&votes);
		amendment_row_dispose(&a);
		if (rc != ACCORD_OK)
			goto cleanup;
	}
	if (accord_buf_puts(payload, "]}") != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	rc = action_end(&act, rc, err);
	if (rc == ACCORD_OK && out != NULL && count != NULL) {
		*out = decisions;
		*count = made;
		decisions = NULL;
	}
	accord_session_decisions_free(decisions, made);
	for (i = 0; i < n; i++)
		accord_free(ids[i]);
	accord_free(ids);
	return rc;
}

/* ---- stage ------------------------------------------------------------------------------------ */

int accord_session_current_stage(char **out, accord_session *s, accord_error *err)
{
	if (out == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_current_stage: NULL argument");
	return read_stage(out, s, err);
}

int accord_session_stage(char **out_stage, accord_session *s, const char *next, accord_error *err)
{
	static const char *const single[] = {"session"};
	accord_buf known = ACCORD_BUF_INIT;
	const char *const *names = single;
	size_t count = 1, i, at_index = (size_t)-1;
	const char *to = NULL, *stage;
	char *copy = NULL;
	action act;
	int rc;

	if (out_stage != NULL)
		*out_stage = NULL;
	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_stage: NULL session");
	rc = need_rules(s, "stage", err);
	if (rc != ACCORD_OK)
		return rc;
	if (s->rules->stages != NULL) {
		rc = s->rules->stages(s->rules->data, &names, &count, err);
		if (rc != ACCORD_OK)
			return rc;
	}
	rc = action_begin(&act, s, "stage", ACTION_STAGE, NULL, NULL, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	stage = act.stage;
	for (i = 0; i < count; i++) {
		if (strcmp(names[i], stage) == 0)
			at_index = i;
		if (next != NULL && strcmp(names[i], next) == 0)
			to = names[i];
		rc |= accord_buf_printf(&known, "%s%s", i > 0 ? ", " : "", names[i]);
	}
	if (rc != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	if (next == NULL) {
		if (at_index == (size_t)-1 || at_index + 1 >= count) {
			rc = accord_error_set(err, ACCORD_ESTATE, "the session is at stage '%s': there is no next stage (%s)", stage,
				known.ptr != NULL ? known.ptr : "");
			goto cleanup;
		}
		to = names[at_index + 1];
	} else if (to == NULL) {
		rc = accord_error_set(err, ACCORD_EINVAL, "no stage '%s' in %s (stages: %s)", next, s->workflow,
			known.ptr != NULL ? known.ptr : "");
		goto cleanup;
	}
	if (strcmp(to, stage) == 0) {
		rc = accord_error_set(err, ACCORD_ESTATE, "the session is already at stage '%s'", stage);
		goto cleanup;
	}
	rc = accord_buf_puts(&act.payload, "{\"from\":");
	rc |= store_json_str(&act.payload, stage);
	rc |= accord_buf_puts(&act.payload, ",\"to\":");
	rc |= store_json_str(&act.payload, to);
	rc |= accord_buf_putc(&act.payload, '}');
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
	/* the copy for the caller is made before the commit: a failure then writes nothing */
	if (rc == ACCORD_OK && out_stage != NULL && (copy = accord_strdup(to)) == NULL)
		rc = store_nomem(err);
cleanup:
	rc = action_end(&act, rc, err);
	if (rc == ACCORD_OK && out_stage != NULL) {
		*out_stage = copy;
		copy = NULL;
	}
	accord_free(copy);
	accord_buf_dispose(&known);
	return rc;
}

/* ---- simple reads ------------------------------------------------------------------------------ */

int accord_session_revision_count(unsigned *out_latest, accord_session *s, accord_error *err)
{
	if (out_latest == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_revision_count: NULL argument");
	return store_latest_rev(out_latest, s, err);
}

int accord_session_text(accord_doc **out, accord_session *s, int rev, accord_error *err)
{
	unsigned n;
	int rc;
	if (out == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_text: NULL argument");
	*out = NULL;
	if (rev < 0) {
		rc = store_latest_rev(&n, s, err);
		if (rc != ACCORD_OK)
			return rc;
	} else {
		n = (unsigned)rev;
	}
	return store_rev_doc(out, s, n, err);
}
