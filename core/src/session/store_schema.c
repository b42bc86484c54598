/*
** store_schema.c: the session file's schema, its version and migrations,
** and opening a file safely (is it SQLite? a session? ours or newer?
** intact?).
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "session/store_int.h"

/*
** Version 1. Every table but events is derived from the events
** (store_events.c); replay compares them. STRICT tables, foreign keys on,
** CHECK constraints on every closed vocabulary. state_transitions holds the
** legal (from, to) pairs of the state machine so that the file itself
** refuses an illegal update, whatever wrote it.
*/
static const char schema_v1[] =
	"CREATE TABLE events (\n"
	"  seq INTEGER PRIMARY KEY CHECK (seq > 0),\n"
	"  at TEXT NOT NULL CHECK (length(at) > 0),\n"
	"  actor TEXT NOT NULL CHECK (length(actor) > 0),\n"
	"  action TEXT NOT NULL CHECK (action IN ('init','submit','propose','cosponsor','withdraw',\n"
	"    'comment','position','decide','stage','revise','vote')),\n"
	"  payload TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object')\n"
	") STRICT;\n"
	"CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events\n"
	"  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;\n"
	"CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events\n"
	"  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;\n"
	"CREATE TABLE meta (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  workflow TEXT NOT NULL CHECK (length(workflow) > 0),\n"
	"  stage TEXT NOT NULL CHECK (length(stage) > 0),\n"
	"  created TEXT NOT NULL,\n"
	"  base_name TEXT,\n"
	"  roster TEXT\n"
	") STRICT;\n"
	"CREATE TABLE revisions (\n"
	"  n INTEGER PRIMARY KEY CHECK (n >= 0),\n"
	"  doc TEXT NOT NULL CHECK (json_valid(doc)),\n"
	"  created TEXT NOT NULL,\n"
	"  event INTEGER NOT NULL REFERENCES events(seq)\n"
	") STRICT;\n"
	"CREATE TABLE parties (\n"
	"  code TEXT PRIMARY KEY CHECK (length(code) > 0 AND instr(code, ' ') = 0),\n"
	"  name TEXT NOT NULL,\n"
	"  role TEXT NOT NULL CHECK (length(role) > 0),\n"
	"  groups TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(groups) AND json_type(groups) = 'array'),\n"
	"  ord INTEGER NOT NULL UNIQUE CHECK (ord >= 0)\n"
	") STRICT;\n"
	"CREATE TABLE contributions (\n"
	"  id INTEGER PRIMARY KEY CHECK (id > 0),\n"
	"  party TEXT NOT NULL REFERENCES parties(code),\n"
	"  file TEXT NOT NULL,\n"
	"  bytes BLOB NOT NULL,\n"
	"  revision INTEGER NOT NULL REFERENCES revisions(n),\n"
	"  received TEXT NOT NULL,\n"
	"  event INTEGER NOT NULL REFERENCES events(seq)\n"
	") STRICT;\n"
	"CREATE TABLE state_transitions (\n"
	"  from_state TEXT NOT NULL,\n"
	"  to_state TEXT NOT NULL,\n"
	"  PRIMARY KEY (from_state, to_state)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE amendments (\n"
	"  seq INTEGER PRIMARY KEY,\n"
	"  id TEXT NOT NULL UNIQUE CHECK (length(id) > 0),\n"
	"  op TEXT NOT NULL CHECK (op IN ('ADD','SUP','MOD','MOVE','HEADING','ADD_SECTION','SUP_SECTION',\n"
	"    'MOVE_SECTION','META','FOOTNOTE')),\n"
	"  target TEXT,\n"
	"  state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed','bracketed','agreed',\n"
	"    'agreed_ad_ref','rejected','withdrawn','superseded')),\n"
	"  proposer TEXT NOT NULL REFERENCES parties(code),\n"
	"  json TEXT NOT NULL CHECK (json_valid(json)),\n"
	"  contribution INTEGER REFERENCES contributions(id),\n"
	"  revision INTEGER NOT NULL REFERENCES revisions(n),\n"
	"  incorporated INTEGER REFERENCES revisions(n),\n"
	"  superseded_by TEXT REFERENCES amendments(id),\n"
	"  event INTEGER NOT NULL REFERENCES events(seq),\n"
	"  CHECK (incorporated IS NULL OR state = 'agreed'),\n"
	"  CHECK (superseded_by IS NULL OR state = 'superseded')\n"
	") STRICT;\n"
	"CREATE INDEX amendments_state ON amendments(state);\n"
	"CREATE INDEX amendments_target ON amendments(target);\n"
	"CREATE INDEX amendments_proposer ON amendments(proposer);\n"
	"CREATE TRIGGER amendments_legal_transition BEFORE UPDATE OF state ON amendments\n"
	"  WHEN OLD.state <> NEW.state AND NOT EXISTS (SELECT 1 FROM state_transitions\n"
	"    WHERE from_state = OLD.state AND to_state = NEW.state)\n"
	"  BEGIN SELECT RAISE(ABORT, 'illegal amendment state transition'); END;\n"
	"CREATE TABLE proposers (\n"
	"  amendment TEXT NOT NULL REFERENCES amendments(id),\n"
	"  party TEXT NOT NULL REFERENCES parties(code),\n"
	"  ord INTEGER NOT NULL CHECK (ord >= 0),\n"
	"  event INTEGER NOT NULL REFERENCES events(seq),\n"
	"  PRIMARY KEY (amendment, party),\n"
	"  UNIQUE (amendment, ord)\n"
	") STRICT;\n"
	"CREATE INDEX proposers_party ON proposers(party);\n"
	"CREATE TABLE positions (\n"
	"  amendment TEXT NOT NULL REFERENCES amendments(id),\n"
	"  party TEXT NOT NULL REFERENCES parties(code),\n"
	"  position TEXT NOT NULL CHECK (position IN ('support','object','abstain','reserve')),\n"
	"  at TEXT NOT NULL,\n"
	"  event INTEGER NOT NULL REFERENCES events(seq),\n"
	"  PRIMARY KEY (amendment, party)\n"
	") STRICT;\n"
	"CREATE TABLE decisions (\n"
	"  id INTEGER PRIMARY KEY CHECK (id > 0),\n"
	"  amendment TEXT NOT NULL REFERENCES amendments(id),\n"
	"  paragraph TEXT,\n"
	"  outcome TEXT NOT NULL CHECK (outcome IN ('agreed','agreed_ad_ref','bracketed','rejected','vote')),\n"
	"  state_from TEXT NOT NULL,\n"
	"  state_to TEXT NOT NULL,\n"
	"  tally TEXT NOT NULL CHECK (json_valid(tally) AND json_type(tally) = 'object'),\n"
	"  rule TEXT NOT NULL,\n"
	"  stage TEXT NOT NULL,\n"
	"  at TEXT NOT NULL,\n"
	"  event INTEGER NOT NULL REFERENCES events(seq)\n"
	") STRICT;\n"
	"CREATE INDEX decisions_amendment ON decisions(amendment);\n"
	"CREATE TABLE comments (\n"
	"  id INTEGER PRIMARY KEY CHECK (id > 0),\n"
	"  party TEXT NOT NULL REFERENCES parties(code),\n"
	"  amendment TEXT REFERENCES amendments(id),\n"
	"  paragraph TEXT,\n"
	"  text TEXT NOT NULL CHECK (length(text) > 0),\n"
	"  at TEXT NOT NULL,\n"
	"  event INTEGER NOT NULL REFERENCES events(seq),\n"
	"  CHECK (amendment IS NULL OR paragraph IS NULL)\n"
	") STRICT;\n";

/*
** Version 3: recorded votes (store_vote.c) and the questions marked
** important; the events' actions take 'vote'. Created after version 1's
** tables, and by the migration from 2 (IF NOT EXISTS: a file may have
** them already).
*/
static const char schema_v3[] =
	"CREATE TABLE IF NOT EXISTS votes (\n"
	"  amendment TEXT NOT NULL REFERENCES amendments(id),\n"
	"  party TEXT NOT NULL REFERENCES parties(code),\n"
	"  vote TEXT NOT NULL CHECK (vote IN ('yes','no','abstain')),\n"
	"  at TEXT NOT NULL,\n"
	"  event INTEGER NOT NULL REFERENCES events(seq),\n"
	"  PRIMARY KEY (amendment, party)\n"
	") STRICT;\n"
	"CREATE TABLE IF NOT EXISTS questions (\n"
	"  amendment TEXT PRIMARY KEY REFERENCES amendments(id),\n"
	"  important INTEGER NOT NULL CHECK (important IN (0, 1)),\n"
	"  event INTEGER NOT NULL REFERENCES events(seq)\n"
	") STRICT;\n";

const store_table store_state_tables[] = {
	{"meta", "id"},
	{"revisions", "n"},
	{"parties", "code"},
	{"contributions", "id"},
	{"amendments", "seq"},
	{"proposers", "amendment, ord"},
	{"positions", "amendment, party"},
	{"decisions", "id"},
	{"comments", "id"},
	{"votes", "amendment, party"},
	{"questions", "amendment"},
	{"state_transitions", "from_state, to_state"},
};
const size_t store_state_table_count = sizeof store_state_tables / sizeof store_state_tables[0];

/* Runs SQL without results; maps failures. */
static int exec_sql(sqlite3 *db, const char *sql, accord_error *err, const char *what)
{
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_error(db, rc, err, what);
	return ACCORD_OK;
}

int store_configure(sqlite3 *db, const char *what, accord_error *err)
{
	int rc;
	/* Writers queue for up to a minute: a negotiation never drops an action for a lock. */
	rc = sqlite3_busy_timeout(db, 60000);
	if (rc != SQLITE_OK)
		return store_error(db, rc, err, what);
	/* synchronous=FULL: a commit is on disk before the action returns. */
	return exec_sql(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;", err, what);
}

/* The legal pairs, from the C table (store.c), into state_transitions. */
static int fill_transitions(sqlite3 *db, accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc, result = ACCORD_OK;
	int from, to, cause;
	rc = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO state_transitions VALUES (?1, ?2)", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_error(db, rc, err, "creating the session");
	for (from = 0; from < ACCORD_STATE_COUNT; from++)
		for (to = 0; to < ACCORD_STATE_COUNT; to++)
			for (cause = ACCORD_CAUSE_DECIDE; cause <= ACCORD_CAUSE_LAPSE; cause++) {
				if (from == to || !accord_state_transition_legal((accord_amendment_state)from,
							  (accord_amendment_state)to, (accord_transition_cause)cause))
					continue;
				sqlite3_reset(stmt);
				sqlite3_bind_text(stmt, 1, accord_state_name((accord_amendment_state)from), -1, SQLITE_STATIC);
				sqlite3_bind_text(stmt, 2, accord_state_name((accord_amendment_state)to), -1, SQLITE_STATIC);
				rc = sqlite3_step(stmt);
				if (rc != SQLITE_DONE) {
					result = store_error(db, rc, err, "creating the session");
					goto cleanup;
				}
			}
cleanup:
	sqlite3_finalize(stmt);
	return result;
}

int store_schema_create(sqlite3 *db, accord_error *err)
{
	char pragma[128];
	int rc = exec_sql(db, schema_v1, err, "creating the session");
	if (rc == ACCORD_OK)
		rc = exec_sql(db, schema_v3, err, "creating the session");
	if (rc != ACCORD_OK)
		return rc;
	rc = fill_transitions(db, err);
	if (rc != ACCORD_OK)
		return rc;
	snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
		ACCORD_STORE_APPLICATION_ID, ACCORD_STORE_SCHEMA_VERSION);
	return exec_sql(db, pragma, err, "creating the session");
}

/* One integer from a pragma or query. */
static int query_int(sqlite3 *db, const char *sql, int64_t *out, accord_error *err, const char *what)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	int result = ACCORD_OK;
	*out = 0;
	if (rc != SQLITE_OK)
		return store_error(db, rc, err, what);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	else if (rc != SQLITE_DONE)
		result = store_error(db, rc, err, what);
	sqlite3_finalize(stmt);
	return result;
}

/*
** Migrations: migrations[k] takes a version k+1 file to version k+2 and
** runs inside the open's write transaction. A change to the schema adds a
** function here and bumps ACCORD_STORE_SCHEMA_VERSION.
*/
typedef int (*store_migration)(sqlite3 *db, accord_error *err);

/*
** 1 -> 2: agreed -> superseded is legal (a compromise text replacing agreed
** amendments that do not fit together; without it a session whose agreed
** amendments conflict could never be revised again).
*/
static int migrate_1_to_2(sqlite3 *db, accord_error *err)
{
	return exec_sql(db, "INSERT OR IGNORE INTO state_transitions VALUES ('agreed', 'superseded')", err,
		"migrating the session to schema version 2");
}

/*
** 2 -> 3: the votes and questions tables, and 'vote' among the events'
** actions. A CHECK cannot be altered, so the events table's definition is
** edited in place (writable_schema, as SQLite's ALTER TABLE documentation
** describes): the constraint is only loosened, no stored row changes.
*/
static int migrate_2_to_3(sqlite3 *db, accord_error *err)
{
	static const char *const what = "migrating the session to schema version 3";
	char pragma[64];
	int64_t version;
	int rc = exec_sql(db, schema_v3, err, what);
	if (rc == ACCORD_OK)
		rc = query_int(db, "PRAGMA schema_version", &version, err, what);
	if (rc != ACCORD_OK)
		return rc;
	snprintf(pragma, sizeof pragma, "PRAGMA schema_version = %lld", (long long)version + 1);
	rc = exec_sql(db, "PRAGMA writable_schema = ON", err, what);
	if (rc == ACCORD_OK)
		rc = exec_sql(db, "UPDATE sqlite_schema SET sql = replace(sql, '''stage'',''revise''))', "
				  "'''stage'',''revise'',''vote''))') WHERE type = 'table' AND name = 'events' "
				  "AND instr(sql, '''vote''') = 0",
			err, what);
	if (rc == ACCORD_OK)
		rc = exec_sql(db, pragma, err, what);
	sqlite3_exec(db, "PRAGMA writable_schema = OFF", NULL, NULL, NULL);
	return rc;
}

static const store_migration migrations[] = {migrate_1_to_2, migrate_2_to_3};

static int migrate(sqlite3 *db, int64_t from, const char *path, accord_error *err)
{
	char pragma[64];
	int64_t v;
	int rc = exec_sql(db, "BEGIN IMMEDIATE", err, path);
	if (rc != ACCORD_OK)
		return rc;
	/* Another process may have migrated it while we waited. */
	rc = query_int(db, "PRAGMA user_version", &v, err, path);
	if (rc != ACCORD_OK)
		goto fail;
	for (; v < ACCORD_STORE_SCHEMA_VERSION; v++) {
		if (v < 1 || migrations[v - 1] == NULL) {
			rc = accord_error_set(err, ACCORD_EVERSION, "%s: no migration from session schema version %lld",
				path, (long long)from);
			goto fail;
		}
		rc = migrations[v - 1](db, err);
		if (rc != ACCORD_OK)
			goto fail;
	}
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", ACCORD_STORE_SCHEMA_VERSION);
	rc = exec_sql(db, pragma, err, path);
	if (rc != ACCORD_OK)
		goto fail;
	return exec_sql(db, "COMMIT", err, path);
fail:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* The first line of PRAGMA quick_check, or OK. */
static int check_integrity(sqlite3 *db, const char *pragma, const char *path, accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(db, pragma, -1, &stmt, NULL);
	int result = ACCORD_OK;
	if (rc != SQLITE_OK)
		return store_error(db, rc, err, path);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(stmt, 0);
		if (line == NULL || strcmp(line, "ok") != 0)
			result = accord_error_set(err, ACCORD_ECORRUPT, "%s: the session file is damaged (%s)", path,
				line != NULL ? line : "integrity check failed");
	} else if (rc != SQLITE_DONE) {
		result = store_error(db, rc, err, path);
		if (result == ACCORD_ESTORE)
			result = accord_error_set(err, ACCORD_ECORRUPT, "%s: the session file is damaged (%s)", path,
				sqlite3_errmsg(db));
	}
	sqlite3_finalize(stmt);
	return result;
}

/* Checks that db (opened on path) is a session of a version we read; migrates older ones. */
int store_check_file(sqlite3 *db, const char *path, accord_error *err)
{
	int64_t app_id = 0, version = 0, tables = 0;
	int rc = query_int(db, "PRAGMA application_id", &app_id, err, path);
	if (rc != ACCORD_OK)
		return rc;
	if (app_id != ACCORD_STORE_APPLICATION_ID) {
		rc = query_int(db, "SELECT count(*) FROM sqlite_schema", &tables, err, path);
		if (rc != ACCORD_OK)
			return rc;
		if (tables == 0)
			return accord_error_set(err, ACCORD_ECORRUPT, "%s: not an accord session (an empty database)", path);
		return accord_error_set(err, ACCORD_ECORRUPT,
			"%s: not an accord session (an SQLite database of another application)", path);
	}
	rc = query_int(db, "PRAGMA user_version", &version, err, path);
	if (rc != ACCORD_OK)
		return rc;
	if (version > ACCORD_STORE_SCHEMA_VERSION)
		return accord_error_set(err, ACCORD_EVERSION,
			"%s: the session was written by a newer accord (schema version %lld; this one reads up to %d)", path,
			(long long)version, ACCORD_STORE_SCHEMA_VERSION);
	if (version < 1)
		return accord_error_set(err, ACCORD_ECORRUPT, "%s: not an accord session (no schema version)", path);
	rc = check_integrity(db, "PRAGMA quick_check(1)", path, err);
	if (rc != ACCORD_OK)
		return rc;
	if (version < ACCORD_STORE_SCHEMA_VERSION)
		return migrate(db, version, path, err);
	return ACCORD_OK;
}

/* PRAGMA integrity_check, for replay. */
int store_check_integrity_full(sqlite3 *db, const char *path, accord_error *err)
{
	int rc = check_integrity(db, "PRAGMA integrity_check(1)", path, err);
	if (rc != ACCORD_OK)
		return rc;
	return check_integrity(db, "PRAGMA foreign_key_check", path, err) == ACCORD_OK ? ACCORD_OK
		: accord_error_set(err, ACCORD_ECORRUPT, "%s: a foreign key is broken", path);
}
