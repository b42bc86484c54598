/* store_int.h: the session store's private parts, shared by store*.c. */
#ifndef ACCORD_STORE_INT_H
#define ACCORD_STORE_INT_H

#include <sqlite3.h>

#include "accord/store.h"

/* Prepared statements kept per connection, by index (store_events.c). */
#define STORE_STMT_MAX 72
/* Slots from here on are the actions' own queries (enum store_query). */
#define STORE_SLOT_USER 56

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
	int grouped;                        /* store_group_begin: actions are savepoints of one transaction */
	int in_savepoint;                   /* grouped, and an action's savepoint is open */
};

/*
** A group: several actions recorded together or not at all (a Word file
** split by author is one submission per party). store_group_begin opens the
** transaction; each action in it is a savepoint; store_group_end(rc)
** commits when rc is ACCORD_OK, else rolls everything back.
*/
int store_group_begin(accord_session *s, accord_error *err);
int store_group_end(accord_session *s, int rc, accord_error *err);

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
/*
** Prepares (once) and resets statement `slot` of conn into *out. Returns
** ACCORD_OK, or the failure (ACCORD_EINVAL for a slot out of range, the
** SQLite failure of preparing it) with *out NULL and err set.
*/
int store_stmt(sqlite3_stmt **out, store_conn *conn, int slot, const char *sql, accord_error *err);

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

/*
** BEGIN IMMEDIATE / COMMIT / ROLLBACK on the session's connection; inside a
** group, SAVEPOINT / RELEASE / ROLLBACK TO, so that a failed action undoes
** its own writes only.
*/
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

/* The slots of the statements store.c, store_act.c and store_decide.c prepare (store_stmt_at). */
enum store_query {
	STORE_Q_PARTY,
	STORE_Q_PARTY_GROUPS,
	STORE_Q_STAGE,
	STORE_Q_LATEST_REV,
	STORE_Q_REV_DOC,
	STORE_Q_AMENDMENT,
	STORE_Q_LAST_ID,
	STORE_Q_IS_PROPOSER,
	STORE_Q_PARTY_CODE,
	STORE_Q_COUNT /* must stay within STORE_STMT_MAX - STORE_SLOT_USER */
};

/* Prepares (or reuses) statement `slot` (enum store_query) of the session's connection: store_stmt. */
int store_stmt_at(sqlite3_stmt **out, accord_session *s, int slot, const char *sql, accord_error *err);
/*
** Runs query `slot` (?1 bound to key, unless NULL) to its first row. *out
** is the statement on that row, to be read and then reset by the caller,
** or NULL when there is no row (the statement is reset).
*/
int store_query_row(sqlite3_stmt **out, accord_session *s, int slot, const char *sql, const char *key,
	accord_error *err);
/* The session's stage, allocated. */
int store_read_stage(char **out, accord_session *s, accord_error *err);

/* ---- the frame of an action (store_act.c), shared with store_decide.c ---- */
/* A party of the roster, as an action loads it (store_party_load). */
typedef struct store_party_row {
	char *code, *name, *role;
	char **groups;
	size_t n_groups;
	accord_session_party view;
} store_party_row;


/* An amendment as an action loads it (store_amendment_load): its row and its parsed JSON. */
typedef struct store_amendment_row {
	char *id;
	accord_amendment_state state;
	char *proposer;
	char *json;
	char *target;
	accord_amendment_list *list; /* json parsed */
} store_amendment_row;


/*
** What an action works on, in its one transaction. store_action_begin opens it
** (BEGIN IMMEDIATE) and loads what the action needs; the action checks,
** asks the rule pack and writes the event's payload; store_action_end records
** the event and commits, or rolls back. Every store_action_begin, failed or
** not, is followed by one store_action_end.
*/
typedef struct store_action {
	accord_session *s;
	const char *name;        /* the event's action ("cosponsor"), also the rule pack's */
	int open;                /* the transaction is open (store_action_begin's BEGIN succeeded) */
	store_party_row party;         /* STORE_ACTION_PARTY: the acting party, the event's actor (else the chair) */
	store_amendment_row amendment; /* STORE_ACTION_AMENDMENT: the amendment acted on */
	char *stage;             /* STORE_ACTION_STAGE: the session's stage */
	accord_buf payload;      /* the event's payload, written by the action */
} store_action;


/* What store_action_begin loads (its `needs`). */
enum store_action_needs {
	STORE_ACTION_RULES = 1,     /* the action needs the rule pack (checked before the transaction) */
	STORE_ACTION_PARTY = 2,     /* load the party named (refused when not in the roster) */
	STORE_ACTION_AMENDMENT = 4, /* load the amendment named (ACCORD_ENOTFOUND) */
	STORE_ACTION_STAGE = 8,     /* read the session's stage and ask its gate (rules' stage_allows) */
	STORE_ACTION_COMPROMISE = 16 /* "propose": a compromise text superseding others (the gate's ctx.compromise) */
};

/*
** The roster's spelling of a party code typed in any case ("usa" gives
** "USA"), allocated: every action takes the code a person typed through
** it. A code not in the roster is refused (ACCORD_EREFUSED) with the
** nearest code as a hint.
*/
int store_party_code(char **out, accord_session *s, const char *code, accord_error *err);
/* Loads a party; one who is not in the roster is refused (ACCORD_EREFUSED). */
int store_party_load(store_party_row *p, accord_session *s, const char *code, accord_error *err);
void store_party_dispose(store_party_row *p);
/* Loads an amendment by id (ACCORD_ENOTFOUND) and parses its JSON. */
int store_amendment_load(store_amendment_row *a, accord_session *s, const char *id, accord_error *err);
void store_amendment_row_dispose(store_amendment_row *a);
/* The amendment of a loaded row (borrowed). */
const accord_amendment *store_row_amendment(const store_amendment_row *a);
/* ACCORD_EINVAL unless the session has its rule pack (`action` names what needs it). */
int store_need_rules(accord_session *s, const char *action, accord_error *err);
/* The rule pack's context for an action at a stage. */
void store_context_init(accord_session_context *ctx, accord_session *s, const char *action, const char *stage);
/*
** Checks for the rule pack, opens the transaction and loads what `needs`
** names. Every store_action_begin, failed or not, is followed by one
** store_action_end, which records the event and commits (rc ACCORD_OK)
** or rolls back, and frees what the action held.
*/
int store_action_begin(store_action *act, accord_session *s, const char *name, unsigned needs, const char *party,
	const char *amendment, accord_error *err);
int store_action_end(store_action *act, int rc, accord_error *err);
/* The rowid the next row of `table` will get. */
int64_t store_next_rowid(accord_session *s, const char *table);

/* ---- store_vote.c: the recorded votes, for the decision rule (store_decide.c) ---- */

/* The votes recorded on one amendment, in roster order. */
typedef struct store_ballots {
	accord_session_ballot *ballots; /* count ballots; party points into codes */
	char **codes;
	size_t count;
} store_ballots;

/* Loads the votes on amendment (none: count 0). */
int store_ballots_load(store_ballots *b, accord_session *s, const char *amendment, accord_error *err);
void store_ballots_dispose(store_ballots *b);
/* The first column of the first row of sql (?1 bound to amendment) as an integer; 0 when there is no row. */
int store_amendment_int(int64_t *out, accord_session *s, const char *sql, const char *amendment, accord_error *err);
/* *out 1 when the question on amendment was marked important, else 0. */
int store_question_important(int *out, accord_session *s, const char *amendment, accord_error *err);

#endif
