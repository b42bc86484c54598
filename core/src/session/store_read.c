/*
** store_read.c: reading a session (amendments, status, the log) and
** replay: rebuilding the tables from the event log in a scratch in-memory
** database and comparing them with the file's.
*/
#include <stdio.h>
#include <string.h>

#include "session/store_int.h"

void accord_session_amendments_free(accord_session_amendment *list, size_t count)
{
	size_t i;
	if (list == NULL)
		return;
	for (i = 0; i < count; i++) {
		accord_free(list[i].id);
		accord_free(list[i].op);
		accord_free(list[i].target);
		accord_free(list[i].proposers);
		accord_free(list[i].json);
	}
	accord_free(list);
}

int accord_session_amendments(accord_session_amendment **out, size_t *count, accord_session *s, int state,
	accord_error *err)
{
	static const char sql[] =
		"SELECT a.id, a.op, a.target, a.state, "
		"(SELECT group_concat(party, ',') FROM (SELECT party FROM proposers WHERE amendment = a.id ORDER BY ord)), "
		"a.revision, a.incorporated, a.json FROM amendments AS a WHERE ?1 IS NULL OR a.state = ?1 ORDER BY a.seq";
	accord_session_amendment *list = NULL;
	sqlite3_stmt *stmt = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (out == NULL || count == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_amendments: NULL argument");
	*out = NULL;
	*count = 0;
	if (state >= ACCORD_STATE_COUNT)
		return accord_error_set(err, ACCORD_EINVAL, "no such amendment state");
	rc = sqlite3_prepare_v2(s->conn.db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	if (state >= 0)
		sqlite3_bind_text(stmt, 1, accord_state_name((accord_amendment_state)state), -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		accord_session_amendment *a, *grown = store_grow(list, &cap, n, sizeof *list, 32);
		if (grown == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		list = grown;
		a = &list[n++];
		memset(a, 0, sizeof *a);
		a->id = store_column_dup(stmt, 0);
		a->op = store_column_dup(stmt, 1);
		a->target = store_column_dup(stmt, 2);
		a->state = (accord_amendment_state)accord_state_from_name((const char *)sqlite3_column_text(stmt, 3));
		a->proposers = store_column_dup(stmt, 4);
		a->revision = (unsigned)sqlite3_column_int64(stmt, 5);
		a->incorporated = sqlite3_column_type(stmt, 6) == SQLITE_NULL ? -1 : (int)sqlite3_column_int64(stmt, 6);
		a->json = store_column_dup(stmt, 7);
		if (sqlite3_column_type(stmt, 0) == SQLITE_NULL || sqlite3_column_type(stmt, 1) == SQLITE_NULL ||
		    sqlite3_column_type(stmt, 4) == SQLITE_NULL || sqlite3_column_type(stmt, 7) == SQLITE_NULL) {
			/* NULL here is damage (a proposers index out of step with its table), not out of memory */
			sqlite3_finalize(stmt);
			accord_session_amendments_free(list, n);
			return accord_error_set(err, ACCORD_ECORRUPT,
				"%s: the session file is damaged (an amendment without its id, op, proposers or JSON)", s->path);
		}
		if (a->id == NULL || a->op == NULL || a->proposers == NULL || a->json == NULL ||
		    (a->target == NULL && sqlite3_column_type(stmt, 2) != SQLITE_NULL)) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	rc = store_rows_done(s, stmt, rc, err);
	if (rc != ACCORD_OK) {
		accord_session_amendments_free(list, n);
		return rc;
	}
	*out = list;
	*count = n;
	return ACCORD_OK;
}

int accord_session_status_json(accord_buf *out, accord_session *s, accord_error *err)
{
	/* One read of the whole state, built by SQLite's JSON functions. */
	static const char sql[] =
		"SELECT json_object("
		"'workflow', m.workflow, 'stage', m.stage, 'created', m.created, 'base', m.base_name, "
		"'revision', (SELECT max(n) FROM revisions), "
		"'parties', (SELECT count(*) FROM parties), "
		"'contributions', (SELECT json_group_array(json_object('id', id, 'party', party, 'file', file, "
		"  'bytes', length(bytes), 'revision', revision, 'received', received)) FROM "
		"  (SELECT * FROM contributions ORDER BY id)), "
		"'amendments', (SELECT json_object('total', count(*), "
		"  'proposed', coalesce(sum(state = 'proposed'), 0), 'bracketed', coalesce(sum(state = 'bracketed'), 0), "
		"  'agreed', coalesce(sum(state = 'agreed'), 0), 'agreed_ad_ref', coalesce(sum(state = 'agreed_ad_ref'), 0), "
		"  'rejected', coalesce(sum(state = 'rejected'), 0), 'withdrawn', coalesce(sum(state = 'withdrawn'), 0), "
		"  'superseded', coalesce(sum(state = 'superseded'), 0)) FROM amendments), "
		"'open', (SELECT json_group_array(json_object('id', id, 'op', op, 'target', target, 'state', state, "
		"  'positions', (SELECT json_group_object(party, position) FROM positions WHERE amendment = a.id))) "
		"  FROM (SELECT * FROM amendments WHERE state IN ('proposed','bracketed','agreed_ad_ref') ORDER BY seq) AS a), "
		"'decisions', (SELECT count(*) FROM decisions), "
		"'comments', (SELECT count(*) FROM comments), "
		"'events', (SELECT count(*) FROM events), "
		"'last_event', (SELECT at FROM events ORDER BY seq DESC LIMIT 1)) "
		"FROM meta AS m WHERE m.id = 1";
	sqlite3_stmt *stmt = NULL;
	int rc;
	if (out == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_status_json: NULL argument");
	rc = sqlite3_prepare_v2(s->conn.db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		rc = accord_buf_puts(out, (const char *)sqlite3_column_text(stmt, 0)) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
	} else if (rc == SQLITE_DONE) {
		rc = accord_error_set(err, ACCORD_ECORRUPT, "%s: the session has no meta row", s->path);
	} else {
		rc = store_step_error(s, rc, err);
	}
	sqlite3_finalize(stmt);
	return rc;
}

int accord_session_events(accord_session *s, int (*each)(const accord_session_event *ev, void *data), void *data,
	accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc, result = ACCORD_OK;
	if (s == NULL || each == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_events: NULL argument");
	rc = sqlite3_prepare_v2(s->conn.db, "SELECT seq, at, actor, action, payload FROM events ORDER BY seq", -1, &stmt,
		NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		accord_session_event ev;
		ev.seq = sqlite3_column_int64(stmt, 0);
		ev.at = (const char *)sqlite3_column_text(stmt, 1);
		ev.actor = (const char *)sqlite3_column_text(stmt, 2);
		ev.action = (const char *)sqlite3_column_text(stmt, 3);
		ev.payload = (const char *)sqlite3_column_text(stmt, 4);
		if (ev.at == NULL || ev.actor == NULL || ev.action == NULL || ev.payload == NULL) {
			result = store_nomem(err);
			break;
		}
		result = each(&ev, data);
		if (result != 0)
			break;
	}
	if (result == ACCORD_OK && rc != SQLITE_DONE)
		result = store_step_error(s, rc, err);
	sqlite3_finalize(stmt);
	return result;
}

/* ---- replay ----------------------------------------------------------------------------- */

/* Describes a value for a difference report: 'text' (cut), 42, NULL, <blob of N bytes>. */
static int describe_value(accord_buf *out, sqlite3_stmt *stmt, int i)
{
	switch (sqlite3_column_type(stmt, i)) {
	case SQLITE_NULL:
		return accord_buf_puts(out, "NULL");
	case SQLITE_INTEGER:
		return accord_buf_printf(out, "%lld", (long long)sqlite3_column_int64(stmt, i));
	case SQLITE_FLOAT:
		return accord_buf_printf(out, "%g", sqlite3_column_double(stmt, i));
	case SQLITE_BLOB:
		return accord_buf_printf(out, "<blob of %d bytes>", sqlite3_column_bytes(stmt, i));
	default: {
		const char *text = (const char *)sqlite3_column_text(stmt, i);
		int len = sqlite3_column_bytes(stmt, i);
		if (len > 60)
			return accord_buf_printf(out, "'%.60s...' (%d bytes)", text != NULL ? text : "", len);
		return accord_buf_printf(out, "'%s'", text != NULL ? text : "");
	}
	}
}

static int values_equal(sqlite3_stmt *a, sqlite3_stmt *b, int i)
{
	int type = sqlite3_column_type(a, i);
	int na, nb;
	if (type != sqlite3_column_type(b, i))
		return 0;
	switch (type) {
	case SQLITE_NULL:
		return 1;
	case SQLITE_INTEGER:
		return sqlite3_column_int64(a, i) == sqlite3_column_int64(b, i);
	case SQLITE_FLOAT:
		return sqlite3_column_double(a, i) == sqlite3_column_double(b, i);
	case SQLITE_BLOB: {
		const void *pa = sqlite3_column_blob(a, i), *pb = sqlite3_column_blob(b, i);
		na = sqlite3_column_bytes(a, i);
		nb = sqlite3_column_bytes(b, i);
		return na == nb && (na == 0 || memcmp(pa, pb, (size_t)na) == 0);
	}
	default: {
		const unsigned char *ta = sqlite3_column_text(a, i), *tb = sqlite3_column_text(b, i);
		na = sqlite3_column_bytes(a, i);
		nb = sqlite3_column_bytes(b, i);
		return na == nb && (na == 0 || memcmp(ta, tb, (size_t)na) == 0);
	}
	}
}

/*
** Compares one table row by row. Returns 0 when equal, 1 with the first
** difference described, or a negative code.
*/
static int compare_table(accord_buf *difference, sqlite3 *file, sqlite3 *rebuilt, const store_table *table,
	accord_error *err)
{
	char sql[256];
	sqlite3_stmt *a = NULL, *b = NULL;
	int rc, ra, rb, result = 0, row = 0, i, n;

	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY %s", table->name, table->order_by);
	rc = sqlite3_prepare_v2(file, sql, -1, &a, NULL);
	if (rc != SQLITE_OK) {
		result = store_error(file, rc, err, "replay");
		goto cleanup;
	}
	rc = sqlite3_prepare_v2(rebuilt, sql, -1, &b, NULL);
	if (rc != SQLITE_OK) {
		result = store_error(rebuilt, rc, err, "replay");
		goto cleanup;
	}
	for (;;) {
		ra = sqlite3_step(a);
		rb = sqlite3_step(b);
		row++;
		if (ra != SQLITE_ROW && ra != SQLITE_DONE) {
			result = store_error(file, ra, err, "replay");
			goto cleanup;
		}
		if (rb != SQLITE_ROW && rb != SQLITE_DONE) {
			result = store_error(rebuilt, rb, err, "replay");
			goto cleanup;
		}
		if (ra == SQLITE_DONE && rb == SQLITE_DONE)
			break;
		if (ra == SQLITE_DONE || rb == SQLITE_DONE) {
			sqlite3_stmt *extra = ra == SQLITE_ROW ? a : b;
			rc = accord_buf_printf(difference, "table %s, row %d (%s = ", table->name, row,
				sqlite3_column_name(extra, 0));
			rc |= describe_value(difference, extra, 0);
			rc |= accord_buf_puts(difference, ra == SQLITE_ROW ? "): in the file but not produced by the events"
									   : "): produced by the events but not in the file");
			result = rc == ACCORD_OK ? 1 : store_nomem(err);
			goto cleanup;
		}
		n = sqlite3_column_count(a);
		for (i = 0; i < n; i++) {
			if (values_equal(a, b, i))
				continue;
			rc = accord_buf_printf(difference, "table %s, row %d (%s = ", table->name, row, sqlite3_column_name(a, 0));
			rc |= describe_value(difference, a, 0);
			rc |= accord_buf_printf(difference, "): column %s is ", sqlite3_column_name(a, i));
			rc |= describe_value(difference, a, i);
			rc |= accord_buf_puts(difference, " in the file but ");
			rc |= describe_value(difference, b, i);
			rc |= accord_buf_puts(difference, " from the events");
			result = rc == ACCORD_OK ? 1 : store_nomem(err);
			goto cleanup;
		}
	}
cleanup:
	sqlite3_finalize(a);
	sqlite3_finalize(b);
	return result;
}

int accord_session_replay(accord_buf *difference, accord_session *s, accord_error *err)
{
	store_conn scratch;
	sqlite3_stmt *events = NULL;
	int rc, result = ACCORD_OK, reading = 0;
	size_t t;

	memset(&scratch, 0, sizeof scratch);
	if (difference == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_replay: NULL argument");
	result = store_check_integrity_full(s->conn.db, s->path, err);
	if (result != ACCORD_OK)
		return result;
	rc = sqlite3_open_v2(":memory:", &scratch.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		result = store_error(scratch.db, rc, err, "replay");
		goto cleanup;
	}
	result = store_configure(scratch.db, "replay", err);
	if (result != ACCORD_OK)
		goto cleanup;
	if (sqlite3_exec(scratch.db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		result = store_error(scratch.db, sqlite3_errcode(scratch.db), err, "replay");
		goto cleanup;
	}
	result = store_schema_create(scratch.db, err);
	if (result != ACCORD_OK)
		goto cleanup;
	/* One read transaction: the log and the tables from the same moment. */
	rc = sqlite3_exec(s->conn.db, "BEGIN", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		result = store_step_error(s, rc, err);
		goto cleanup;
	}
	reading = 1;
	rc = sqlite3_prepare_v2(s->conn.db, "SELECT seq, at, actor, action, payload FROM events ORDER BY seq", -1, &events,
		NULL);
	if (rc != SQLITE_OK) {
		result = store_step_error(s, rc, err);
		goto cleanup;
	}
	while ((rc = sqlite3_step(events)) == SQLITE_ROW) {
		result = store_event_apply(&scratch, sqlite3_column_int64(events, 0),
			(const char *)sqlite3_column_text(events, 1), (const char *)sqlite3_column_text(events, 2),
			(const char *)sqlite3_column_text(events, 3), (const char *)sqlite3_column_text(events, 4), err);
		if (result != ACCORD_OK) {
			if (result != ACCORD_ENOMEM && result != ACCORD_ECORRUPT)
				result = accord_error_set(err, ACCORD_ECORRUPT, "%s: event %lld does not replay: %s", s->path,
					(long long)sqlite3_column_int64(events, 0), err != NULL ? err->message : "");
			goto cleanup;
		}
	}
	if (rc != SQLITE_DONE) {
		result = store_step_error(s, rc, err);
		goto cleanup;
	}
	/* Foreign keys must hold in the rebuilt state too. */
	result = store_check_integrity_full(scratch.db, "the replayed state", err);
	if (result != ACCORD_OK)
		goto cleanup;
	for (t = 0; t < store_state_table_count; t++) {
		result = compare_table(difference, s->conn.db, scratch.db, &store_state_tables[t], err);
		if (result != 0)
			goto cleanup;
	}
cleanup:
	sqlite3_finalize(events);
	if (reading)
		sqlite3_exec(s->conn.db, "COMMIT", NULL, NULL, NULL);
	store_conn_finalize(&scratch);
	if (scratch.db != NULL)
		sqlite3_close(scratch.db);
	return result;
}
