/*
** store.c: drafting sessions: opening and creating session files, their
** transactions, and reading revisions. The actions are in store_act.c and
** store_decide.c (each one transaction, one event), the SQL each event
** runs in store_events.c, replay and the read side in store_read.c,
** revisions in store_revise.c.
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "accord/sys/testing.h"
#include "accord/workflow.h"
#include "accord/format.h"
#include "accord/text.h"
#include "session/store_brackets.h"
#include "session/store_int.h"

/* ---- transactions ------------------------------------------------------------- */

int store_begin(accord_session *s, accord_error *err)
{
	int rc = sqlite3_exec(s->conn.db, s->grouped ? "SAVEPOINT accord_action" : "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	s->in_savepoint = s->grouped;
	return ACCORD_OK;
}

int store_commit(accord_session *s, accord_error *err)
{
	int rc = sqlite3_exec(s->conn.db, s->in_savepoint ? "RELEASE accord_action" : "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		int code = store_step_error(s, rc, err);
		store_rollback(s);
		return code;
	}
	s->in_savepoint = 0;
	return ACCORD_OK;
}

void store_rollback(accord_session *s)
{
	if (s->in_savepoint) {
		sqlite3_exec(s->conn.db, "ROLLBACK TO accord_action; RELEASE accord_action", NULL, NULL, NULL);
		s->in_savepoint = 0;
	} else if (!s->grouped && !sqlite3_get_autocommit(s->conn.db)) {
		sqlite3_exec(s->conn.db, "ROLLBACK", NULL, NULL, NULL);
	}
}

int store_group_begin(accord_session *s, accord_error *err)
{
	int rc = store_begin(s, err);
	s->grouped = rc == ACCORD_OK;
	return rc;
}

int store_group_end(accord_session *s, int rc, accord_error *err)
{
	if (!s->grouped)
		return rc;
	s->grouped = 0;
	if (rc == ACCORD_OK)
		return store_commit(s, err);
	s->in_savepoint = 0; /* the whole transaction goes, savepoints with it */
	store_rollback(s);
	return rc;
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

/* Prepares (or reuses) one of the actions' statements (enum store_query). */
int store_stmt_at(sqlite3_stmt **out, accord_session *s, int slot, const char *sql, accord_error *err)
{
	return store_stmt(out, &s->conn, STORE_SLOT_USER + slot, sql, err);
}


/*
** Runs the actions' query `slot` (?1 bound to key, unless NULL) to its first
** row. *out is the statement on that row, to be read and then reset by
** the caller, or NULL when there is no row (the statement is reset).
*/
int store_query_row(sqlite3_stmt **out, accord_session *s, int slot, const char *sql, const char *key,
	accord_error *err)
{
	sqlite3_stmt *stmt;
	int rc;
	*out = NULL;
	rc = store_stmt_at(&stmt, s, slot, sql, err);
	if (rc != ACCORD_OK)
		return rc;
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
/* ---- session values ----------------------------------------------------------------- */

int store_read_stage(char **out, accord_session *s, accord_error *err)
{
	sqlite3_stmt *stmt;
	int rc = store_query_row(&stmt, s, STORE_Q_STAGE, "SELECT stage FROM meta WHERE id = 1", NULL, err);
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
	int rc = store_query_row(&stmt, s, STORE_Q_LATEST_REV, "SELECT max(n) FROM revisions", NULL, err), found = 0;
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
	rc = store_stmt_at(&stmt, s, STORE_Q_REV_DOC, "SELECT doc FROM revisions WHERE n = ?1", err);
	if (rc != ACCORD_OK)
		return rc;
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
/* Counts the roster's parties into s->n_parties. */
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

/*
** 1 when the session at path can only be read: the file is not writable,
** or its folder is not (SQLite's write-ahead log needs its -shm and -wal
** files beside it).
*/
static int read_only_place(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	if (access(path, W_OK) != 0)
		return 1;
	if (slash == NULL)
		return access(".", W_OK) != 0;
	if ((size_t)(slash - path) + 1 >= sizeof dir)
		return 0;
	memcpy(dir, path, (size_t)(slash - path) + 1);
	dir[slash - path + 1] = '\0';
	return access(dir, W_OK) != 0;
}

/*
** Opens a session that can only be read (a file on a read-only share, an
** archived meeting) as SQLite's immutable URI: no locks, no log files; a
** write fails with "attempt to write a readonly database" (ACCORD_ESTORE).
*/
static int session_connect_read_only(accord_session *s, accord_error *err)
{
	static const char hex[] = "0123456789ABCDEF";
	accord_buf uri = ACCORD_BUF_INIT;
	const unsigned char *p;
	int rc = accord_buf_puts(&uri, "file:");
	for (p = (const unsigned char *)s->path; *p && rc == ACCORD_OK; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
			rc = accord_buf_putc(&uri, (char)*p);
		else
			rc = accord_buf_printf(&uri, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
	if (rc == ACCORD_OK)
		rc = accord_buf_puts(&uri, "?immutable=1");
	if (rc != ACCORD_OK) {
		accord_buf_dispose(&uri);
		return store_nomem(err);
	}
	rc = sqlite3_open_v2(uri.ptr, &s->conn.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	accord_buf_dispose(&uri);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	sqlite3_extended_result_codes(s->conn.db, 1);
	return store_configure(s->conn.db, s->path, err);
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
	/* a session that can only be read is still read: status, list, log, text, compile */
	rc = read_only_place(path) ? session_connect_read_only(s, err) : session_connect(s, SQLITE_OPEN_READWRITE, err);
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
	rc |= accord_buf_puts(p, "]");
	if (rc != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	/* a bracketed base: its questions, tabled in the same event */
	if (init->version >= 3 && init->brackets != NULL)
		rc = store_brackets_init_payload(p, init, roster, err);
	if (rc == ACCORD_OK && accord_buf_putc(p, '}') != ACCORD_OK)
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
	if (init->version >= 2)
		s->clock = init->clock;
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

int accord_session_set_durable(accord_session *s, int durable, accord_error *err)
{
	int rc;
	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_set_durable: NULL session");
	rc = sqlite3_exec(s->conn.db, durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_error(s->conn.db, rc, err, s->path);
	return ACCORD_OK;
}
