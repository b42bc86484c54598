/* store_int.h: the session store's private parts, shared by store*.c. */
#ifndef ACCORD_STORE_INT_H
#define ACCORD_STORE_INT_H

#include <sqlite3.h>

#include "accord/store.h"

/* Prepared statements kept per connection, by index (store_events.c). */
#define STORE_STMT_MAX 64
/* Slots from here on are store.c's own hot queries. */
#define STORE_SLOT_USER 48

typedef struct store_conn {
	sqlite3 *db;
	sqlite3_stmt *stmts[STORE_STMT_MAX];
} store_conn;

struct accord_session {
	store_conn conn;
	char *path;
	char *workflow;                     /* from meta, at open */
	const accord_session_rules *rules;  /* borrowed; NULL: actions that need rules fail */
	int64_t clock;                      /* fixed clock (test hook), 0: system clock */
	size_t n_parties;                   /* parties in the roster (fixed at init) */
	accord_doc *cached_doc;             /* the last revision read (revisions never change) */
	unsigned cached_rev;                /* its number */
};

/* ---- store_schema.c ---- */

/* Creates the current schema in an empty database (one transaction is the caller's). */
int store_schema_create(sqlite3 *db, accord_error *err);
/* Names of the state tables, in the order replay compares them, with their ORDER BY. */
typedef struct store_table {
	const char *name;
	const char *order_by;
} store_table;
extern const store_table store_state_tables[];
extern const size_t store_state_table_count;
/* Sets the pragmas every connection needs (foreign keys, busy timeout, synchronous). */
int store_configure(sqlite3 *db, const char *what, accord_error *err);
/* Checks that db (opened on path) is a session we can read; migrates an older schema. */
int store_check_file(sqlite3 *db, const char *path, accord_error *err);
/* PRAGMA integrity_check and foreign_key_check (replay). */
int store_check_integrity_full(sqlite3 *db, const char *path, accord_error *err);
/* Maps an SQLite failure to an accord error (ESTORE, EBUSY, ECORRUPT, ENOMEM) with the message. */
int store_error(sqlite3 *db, int rc, accord_error *err, const char *what);

/* ---- store_events.c ---- */

/*
** Appends an event (actor, action, payload JSON) at time `at` and applies
** it to the tables of conn, inside the caller's transaction. *out_seq
** (may be NULL) gets its number. ACCORD_ECORRUPT when the event does not
** apply (a state it expects is not there).
*/
int store_event_append(int64_t *out_seq, store_conn *conn, const char *at, const char *actor, const char *action,
	const char *payload, accord_error *err);
/* Applies an event already in the log (replay). */
int store_event_apply(store_conn *conn, int64_t seq, const char *at, const char *actor, const char *action,
	const char *payload, accord_error *err);
/* Finalizes the cached statements of conn. */
void store_conn_finalize(store_conn *conn);
/* Prepares (once) and resets statement `slot` of conn; NULL on failure with err set. */
sqlite3_stmt *store_stmt(store_conn *conn, int slot, const char *sql, accord_error *err);

/* ---- store.c ---- */

/* The latest revision number. */
int store_latest_rev(unsigned *out, accord_session *s, accord_error *err);
/* A clone of revision n (cached: revisions never change). */
int store_rev_doc(accord_doc **out, accord_session *s, unsigned n, accord_error *err);
/*
** (store_revise.c) Whether the agreed amendments not yet in a revision fit
** together on the latest revision (what accord_session_revise will apply): *conflict 1 when
** they do not, with *why (when why is not NULL, allocated) the reason.
** Inside an action's transaction.
*/
int store_agreed_conflict(int *conflict, char **why, accord_session *s, accord_error *err);
/* One amendment as its stored JSON (a one-element list). */
int store_render_one(accord_buf *out, const accord_amendment *a, accord_error *err);
/* The paragraph or section an amendment is about, for the target column (NULL: none). */
const char *store_amendment_target(const accord_amendment *a);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK on the session's connection. */
int store_begin(accord_session *s, accord_error *err);
int store_commit(accord_session *s, accord_error *err);
void store_rollback(accord_session *s);
/*
** Ends an action's transaction (the one store_begin opened): when rc is
** ACCORD_OK, appends the event (actor, action, payload) at the current
** time and commits; when rc or either of those fails, rolls back, so a
** refused or failed action leaves the file as it was. Returns rc or the
** failure.
*/
int store_finish(accord_session *s, int rc, const char *actor, const char *action, const char *payload,
	accord_error *err);
/* ACCORD_ENOMEM, "out of memory". */
int store_nomem(accord_error *err);
/* An SQLite failure on the session's connection as an accord error (store_error with its path). */
int store_step_error(accord_session *s, int rc, accord_error *err);
/* A copy of column i's text; NULL for NULL or out of memory. */
char *store_column_dup(sqlite3_stmt *stmt, int i);
/*
** Finalizes stmt, whose last sqlite3_step returned rc (SQLITE_NOMEM also
** for an allocation of the caller's). ACCORD_OK when that was
** SQLITE_DONE; else ACCORD_ENOMEM or the SQLite failure.
*/
int store_rows_done(accord_session *s, sqlite3_stmt *stmt, int rc, accord_error *err);
/*
** Room for item n of an array of *cap items of `size` bytes: items itself
** while n < *cap, else the array regrown (to `first` items, then doubling)
** with *cap updated. NULL when out of memory; items is then still valid
** and *cap unchanged.
*/
void *store_grow(void *items, size_t *cap, size_t n, size_t size, size_t first);
/* Appends s as a JSON string ("null" for NULL). */
int store_json_str(accord_buf *b, const char *s);
/* The current time as "YYYY-MM-DDTHH:MM:SS.mmmZ" into buf (at least 32 bytes). */
void store_now(const accord_session *s, char *buf, size_t size);

#endif
