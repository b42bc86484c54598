/*
** store_events.c: the event log, and how each kind of event changes the
** tables.
**
** Every action appends one event and then runs the fixed SQL statements
** of its kind, with the event's JSON payload as ?1, its number as ?2, its
** time as ?3 and its actor as ?4. The live path and replay run the same
** statements, so the tables are a function of the log. A statement with an
** `expect` expression must change exactly that many rows: an event that
** does not fit the state it is applied to (an amendment no longer in the
** state the event says it left) is ACCORD_ECORRUPT, never half-applied.
*/
#include <stdio.h>
#include <string.h>

#include "session/store_int.h"

typedef struct event_step {
	const char *action; /* the kind of event */
	const char *sql;    /* the statement */
	const char *expect; /* SQL expression over ?1: rows it must change; NULL: any */
} event_step;

#define AMENDMENT_COLUMNS "id, op, target, state, proposer, json, contribution, revision, event"

/* (A unary + before a column keeps the planner on the id index: the state index would scan.) */
static const event_step steps[] = {
	{"init", "INSERT INTO meta (id, workflow, stage, created, base_name, roster) "
		 "VALUES (1, ?1 ->> '$.workflow', ?1 ->> '$.stage', ?3, ?1 ->> '$.base_name', ?1 ->> '$.roster')", "1"},
	{"init", "INSERT INTO revisions (n, doc, created, event) VALUES (0, ?1 ->> '$.base', ?3, ?2)", "1"},
	{"init", "INSERT INTO parties (code, name, role, groups, ord) "
		 "SELECT value ->> 'code', value ->> 'name', value ->> 'role', coalesce(value -> 'groups', '[]'), key "
		 "FROM json_each(?1, '$.parties')",
		"json_array_length(?1, '$.parties')"},
	/* a session from a bracketed text (store_brackets.c): its officer, when added, and its questions */
	{"init", "INSERT INTO parties (code, name, role, groups, ord) "
		 "SELECT ?1 ->> '$.officer.code', ?1 ->> '$.officer.name', ?1 ->> '$.officer.role', '[]', "
		 "json_array_length(?1, '$.parties') WHERE json_type(?1, '$.officer') = 'object'",
		"coalesce(json_type(?1, '$.officer') = 'object', 0)"},
	{"init", "INSERT INTO amendments (" AMENDMENT_COLUMNS ") "
		 "SELECT value ->> 'id', value ->> 'op', value ->> 'target', 'proposed', value ->> '$.proposers[0]', "
		 "value ->> 'json', NULL, 0, ?2 FROM json_each(?1, '$.amendments') ORDER BY key",
		"coalesce(json_array_length(?1, '$.amendments'), 0)"},
	{"init", "INSERT INTO proposers (amendment, party, ord, event) "
		 "SELECT a.value ->> 'id', p.value, p.key, ?2 "
		 "FROM json_each(?1, '$.amendments') AS a, json_each(a.value, '$.proposers') AS p",
		NULL},

	{"submit", "INSERT INTO contributions (id, party, file, bytes, revision, received, event) "
		   "VALUES (?1 ->> '$.contribution', ?1 ->> '$.party', ?1 ->> '$.file', CAST(?1 ->> '$.bytes' AS BLOB), "
		   "?1 ->> '$.revision', ?3, ?2)", "1"},
	{"submit", "INSERT INTO amendments (" AMENDMENT_COLUMNS ") "
		   "SELECT value ->> 'id', value ->> 'op', value ->> 'target', 'proposed', value ->> '$.proposers[0]', "
		   "value ->> 'json', ?1 ->> '$.contribution', ?1 ->> '$.revision', ?2 "
		   "FROM json_each(?1, '$.amendments') ORDER BY key",
		"json_array_length(?1, '$.amendments')"},
	{"submit", "INSERT INTO proposers (amendment, party, ord, event) "
		   "SELECT a.value ->> 'id', p.value, p.key, ?2 "
		   "FROM json_each(?1, '$.amendments') AS a, json_each(a.value, '$.proposers') AS p",
		NULL},

	{"propose", "INSERT INTO amendments (" AMENDMENT_COLUMNS ") "
		    "VALUES (?1 ->> '$.amendment.id', ?1 ->> '$.amendment.op', ?1 ->> '$.amendment.target', 'proposed', "
		    "?1 ->> '$.amendment.proposers[0]', ?1 ->> '$.amendment.json', NULL, ?1 ->> '$.revision', ?2)", "1"},
	{"propose", "INSERT INTO proposers (amendment, party, ord, event) "
		    "SELECT ?1 ->> '$.amendment.id', value, key, ?2 FROM json_each(?1, '$.amendment.proposers')",
		"json_array_length(?1, '$.amendment.proposers')"},
	{"propose", "UPDATE amendments SET state = 'superseded', superseded_by = ?1 ->> '$.amendment.id' "
		    "WHERE id IN (SELECT value FROM json_each(?1, '$.supersedes')) "
		    "AND (+state IN ('proposed', 'bracketed', 'agreed_ad_ref') OR (+state = 'agreed' AND incorporated IS NULL))",
		"coalesce(json_array_length(?1, '$.supersedes'), 0)"},

	{"cosponsor", "INSERT INTO proposers (amendment, party, ord, event) "
		      "VALUES (?1 ->> '$.amendment', ?1 ->> '$.party', "
		      "(SELECT count(*) FROM proposers WHERE amendment = ?1 ->> '$.amendment'), ?2)", "1"},
	{"cosponsor", "UPDATE amendments SET json = ?1 ->> '$.json' WHERE id = ?1 ->> '$.amendment'", "1"},

	{"withdraw", "UPDATE amendments SET state = ?1 ->> '$.to' "
		     "WHERE id = ?1 ->> '$.amendment' AND state = ?1 ->> '$.from'", "1"},

	{"comment", "INSERT INTO comments (id, party, amendment, paragraph, text, at, event) "
		    "VALUES (?1 ->> '$.id', ?1 ->> '$.party', ?1 ->> '$.amendment', ?1 ->> '$.paragraph', "
		    "?1 ->> '$.text', ?3, ?2)", "1"},

	{"position", "INSERT INTO positions (amendment, party, position, at, event) "
		     "VALUES (?1 ->> '$.amendment', ?1 ->> '$.party', ?1 ->> '$.position', ?3, ?2) "
		     "ON CONFLICT (amendment, party) DO UPDATE SET position = excluded.position, at = excluded.at, "
		     "event = excluded.event", "1"},

	{"decide", "INSERT INTO decisions (id, amendment, paragraph, outcome, state_from, state_to, tally, rule, stage, "
		   "at, event) SELECT value ->> 'id', value ->> 'amendment', value ->> 'paragraph', value ->> 'outcome', "
		   "value ->> 'from', value ->> 'to', value -> 'tally', value ->> 'rule', value ->> 'stage', ?3, ?2 "
		   "FROM json_each(?1, '$.decisions') ORDER BY key",
		"json_array_length(?1, '$.decisions')"},
	{"decide", "UPDATE amendments SET state = d.value ->> 'to' FROM json_each(?1, '$.decisions') AS d "
		   "WHERE amendments.id = d.value ->> 'amendment' AND +amendments.state = d.value ->> 'from'",
		"json_array_length(?1, '$.decisions')"},

	{"vote", "INSERT INTO votes (amendment, party, vote, at, event) "
		 "SELECT ?1 ->> '$.amendment', value ->> 'party', value ->> 'vote', ?3, ?2 FROM json_each(?1, '$.votes') "
		 "WHERE true ON CONFLICT (amendment, party) DO UPDATE SET vote = excluded.vote, at = excluded.at, "
		 "event = excluded.event",
		"json_array_length(?1, '$.votes')"},
	{"vote", "INSERT INTO questions (amendment, important, event) "
		 "SELECT ?1 ->> '$.amendment', ?1 ->> '$.important', ?2 WHERE json_type(?1, '$.important') IN ('true', 'false') "
		 "ON CONFLICT (amendment) DO UPDATE SET important = excluded.important, event = excluded.event",
		"json_type(?1, '$.important') IN ('true', 'false')"},

	{"stage", "UPDATE meta SET stage = ?1 ->> '$.to' WHERE id = 1 AND stage = ?1 ->> '$.from'", "1"},

	{"revise", "INSERT INTO revisions (n, doc, created, event) VALUES (?1 ->> '$.n', ?1 ->> '$.doc', ?3, ?2)", "1"},
	{"revise", "UPDATE amendments SET incorporated = ?1 ->> '$.n' "
		   "WHERE id IN (SELECT value FROM json_each(?1, '$.incorporated')) "
		   "AND +state = 'agreed' AND incorporated IS NULL",
		"json_array_length(?1, '$.incorporated')"},
	{"revise", "UPDATE amendments SET json = c.value ->> 'json', target = c.value ->> 'target', revision = ?1 ->> '$.n' "
		   "FROM json_each(?1, '$.carried') AS c WHERE amendments.id = c.value ->> 'id' "
		   "AND +amendments.state IN ('proposed', 'bracketed', 'agreed_ad_ref')",
		"json_array_length(?1, '$.carried')"},
	{"revise", "UPDATE amendments SET state = 'superseded' "
		   "WHERE id IN (SELECT value FROM json_each(?1, '$.lapsed')) "
		   "AND +state IN ('proposed', 'bracketed', 'agreed_ad_ref')",
		"json_array_length(?1, '$.lapsed')"},
};
#define STEP_COUNT (sizeof steps / sizeof steps[0])

/* Statement slots: 0 the event insert, 1 next seq, then two per step (statement, expectation). */
#define SLOT_INSERT 0
#define SLOT_NEXT_SEQ 1
#define SLOT_STEP(i) (2 + 2 * (int)(i))
#define SLOT_EXPECT(i) (3 + 2 * (int)(i))

int store_stmt(sqlite3_stmt **out, store_conn *conn, int slot, const char *sql, accord_error *err)
{
	sqlite3_stmt *stmt;
	int rc;
	*out = NULL;
	if (slot < 0 || slot >= STORE_STMT_MAX)
		return accord_error_set(err, ACCORD_EINVAL, "internal error: statement slot %d", slot);
	stmt = conn->stmts[slot];
	if (stmt != NULL) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		*out = stmt;
		return ACCORD_OK;
	}
	rc = sqlite3_prepare_v3(conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_error(conn->db, rc, err, "preparing a statement");
	conn->stmts[slot] = stmt;
	*out = stmt;
	return ACCORD_OK;
}

void store_conn_finalize(store_conn *conn)
{
	size_t i;
	for (i = 0; i < STORE_STMT_MAX; i++) {
		sqlite3_finalize(conn->stmts[i]);
		conn->stmts[i] = NULL;
	}
}

/* Binds the event to a statement (the parameters it uses). */
static void bind_event(sqlite3_stmt *stmt, int64_t seq, const char *at, const char *actor, const char *payload)
{
	int n = sqlite3_bind_parameter_count(stmt);
	if (n >= 1)
		sqlite3_bind_text(stmt, 1, payload, -1, SQLITE_STATIC);
	if (n >= 2)
		sqlite3_bind_int64(stmt, 2, seq);
	if (n >= 3)
		sqlite3_bind_text(stmt, 3, at, -1, SQLITE_STATIC);
	if (n >= 4)
		sqlite3_bind_text(stmt, 4, actor, -1, SQLITE_STATIC);
}

/* A constraint failure while applying an event means it does not fit the state. */
static int apply_error(store_conn *conn, int rc, const char *action, int64_t seq, accord_error *err)
{
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return accord_error_set(err, ACCORD_ECORRUPT, "event %lld (%s) does not apply: %s", (long long)seq, action,
			sqlite3_errmsg(conn->db));
	return store_error(conn->db, rc, err, "applying an event");
}

int store_event_apply(store_conn *conn, int64_t seq, const char *at, const char *actor, const char *action,
	const char *payload, accord_error *err)
{
	sqlite3_stmt *stmt;
	size_t i;
	int rc, known = 0;

	rc = store_stmt(&stmt, conn, SLOT_INSERT,
		"INSERT INTO events (seq, at, actor, action, payload) VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (rc != ACCORD_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, seq);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, payload, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return apply_error(conn, rc, action, seq, err);

	for (i = 0; i < STEP_COUNT; i++) {
		int64_t expected = -1, changed;
		if (strcmp(steps[i].action, action) != 0)
			continue;
		known = 1;
		if (steps[i].expect != NULL) {
			char sql[256];
			sqlite3_stmt *expect;
			snprintf(sql, sizeof sql, "SELECT %s", steps[i].expect);
			rc = store_stmt(&expect, conn, SLOT_EXPECT(i), sql, err);
			if (rc != ACCORD_OK)
				return rc;
			bind_event(expect, seq, at, actor, payload);
			rc = sqlite3_step(expect);
			if (rc != SQLITE_ROW) {
				sqlite3_reset(expect);
				return apply_error(conn, rc, action, seq, err);
			}
			expected = sqlite3_column_int64(expect, 0);
			sqlite3_reset(expect);
		}
		rc = store_stmt(&stmt, conn, SLOT_STEP(i), steps[i].sql, err);
		if (rc != ACCORD_OK)
			return rc;
		bind_event(stmt, seq, at, actor, payload);
		rc = sqlite3_step(stmt);
		sqlite3_reset(stmt);
		if (rc != SQLITE_DONE)
			return apply_error(conn, rc, action, seq, err);
		changed = sqlite3_changes64(conn->db);
		if (expected >= 0 && changed != expected)
			return accord_error_set(err, ACCORD_ECORRUPT,
				"event %lld (%s) does not apply: it changes %lld rows where %lld were expected", (long long)seq,
				action, (long long)changed, (long long)expected);
	}
	if (!known)
		return accord_error_set(err, ACCORD_ECORRUPT, "event %lld: unknown action '%s'", (long long)seq, action);
	return ACCORD_OK;
}

int store_event_append(int64_t *out_seq, store_conn *conn, const char *at, const char *actor, const char *action,
	const char *payload, accord_error *err)
{
	sqlite3_stmt *stmt;
	int64_t seq;
	int rc;
	if (out_seq != NULL)
		*out_seq = 0;
	rc = store_stmt(&stmt, conn, SLOT_NEXT_SEQ, "SELECT coalesce(max(seq), 0) + 1 FROM events", err);
	if (rc != ACCORD_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return store_error(conn->db, rc, err, "appending an event");
	}
	seq = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	rc = store_event_apply(conn, seq, at, actor, action, payload, err);
	if (rc == ACCORD_OK && out_seq != NULL)
		*out_seq = seq;
	return rc;
}
