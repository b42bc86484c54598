/*
** accord_pack.h: rule packs, a body's procedure as a sandboxed Lua script.
**
** A pack is a Lua file that returns a table following the rule pack API
** (docs/workflows.md): name, body, cites, roles, stages, unagreed, renumber,
** decision, may_propose/may_object/may_vote, decide, brackets, vocabulary.
** Each pack gets its own sandbox state (accord_lua.h) with the pack's
** limits; `require` there resolves <lib_dir>/<name>.lua only.
*/
#ifndef ACCORD_PACK_H
#define ACCORD_PACK_H

#include "accord/common.h"
#include "accord/roster.h"
#include "accord/store.h"
#include "accord_lua.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct accord_pack accord_pack;

typedef struct accord_pack_options {
	unsigned version;                 /* ACCORD_PACK_OPTIONS_VERSION */
	size_t memory_limit;              /* 0: ACCORD_LUA_DEFAULT_MEMORY */
	unsigned long instruction_limit;  /* 0: ACCORD_LUA_DEFAULT_INSTRUCTIONS */
	const char *lib_dir;              /* folders separated by ':'; NULL: the pack's lib/, then the shipped helpers' (accord_workflow_lib_path) */
	const accord_roster *roster;      /* parties given to the rules (borrowed; may be NULL) */
	const char *name;                 /* name in messages; NULL: the path */
} accord_pack_options;
#define ACCORD_PACK_OPTIONS_VERSION 1
#define ACCORD_PACK_OPTIONS_INIT {ACCORD_PACK_OPTIONS_VERSION, 0, 0, NULL, NULL, NULL}

/*
** Loads a pack file: runs it in a fresh sandbox and keeps the table it
** returns. Fails with ACCORD_EIO, ACCORD_EPARSE (does not compile),
** ACCORD_ESCRIPT/ELIMIT (fails while loading), ACCORD_ESCHEMA (does not
** return a table). The roster must outlive the pack.
*/
ACCORD_API int accord_pack_load(accord_pack **out, const char *path, const accord_pack_options *opts,
	accord_error *err);
/* The same from a string. */
ACCORD_API int accord_pack_load_string(accord_pack **out, const char *data, size_t len,
	const accord_pack_options *opts, accord_error *err);
ACCORD_API void accord_pack_free(accord_pack *pack);

/* The sandbox the pack runs in; the pack table is accord_pack_push(). */
ACCORD_API accord_lua *accord_pack_runtime(accord_pack *pack);
/* Pushes the pack table on its sandbox state. [-0, +1, -] */
ACCORD_API void accord_pack_push(accord_pack *pack);
/* Pushes the read-only roster table (nil without a roster). [-0, +1, -] */
ACCORD_API void accord_pack_push_roster(accord_pack *pack);
ACCORD_API const accord_roster *accord_pack_roster(const accord_pack *pack);

/*
** Checks the pack against the API: fields, types, stage list, that every
** roster role is known, and sample calls of the rules. Appends one line
** per problem ("name.field: problem") to problems (may be NULL). Returns 0
** when valid, ACCORD_ESCHEMA when not (err names the first problem), or the
** error of a sample call that failed (ACCORD_ESCRIPT, ACCORD_ELIMIT).
*/
ACCORD_API int accord_pack_validate(accord_pack *pack, accord_buf *problems, accord_error *err);

/* Appends a human summary: body, roles, stages, decision rule, bracket style. */
ACCORD_API int accord_pack_summary(accord_pack *pack, accord_buf *out, accord_error *err);

/*
** *out 1 when the pack renumbers its lists at each revision (`renumber =
** "revision"`), 0 when only at adoption (`"adoption"`, or no field: ITU and
** UN practice, new paragraphs are "a bis)" until then). Fails with
** ACCORD_EINVAL (NULL arguments) or the runtime's ACCORD_ENOMEM/ELIMIT.
*/
ACCORD_API int accord_pack_renumbers(int *out, accord_pack *pack, accord_error *err);

/*
** Adds the pack's `vocabulary` (extra heading phrases of the body's
** documents) to vocab, for accord_doc_parse. Fails with ACCORD_ESCHEMA
** (a malformed entry) or ACCORD_ENOMEM.
*/
struct accord_vocab;
ACCORD_API int accord_pack_add_vocabulary(accord_pack *pack, struct accord_vocab *vocab, accord_error *err);

/* ---- calling the rules from C ---------------------------------------------- */

/*
** Positions (accord_position, ACCORD_POS_*, accord_position_name) and
** outcomes are the core's (accord/store.h): one list of names for the
** store, the rule packs and both shells. A pack's decide returns
** ACCORD_OUTCOME_AGREED, _BRACKETED, _REJECTED or _VOTE ("agreed",
** "bracketed", "rejected", "vote": accord_session_outcome_name); never
** agreed_ad_ref, which is the store's reserve rule.
*/
typedef accord_session_outcome accord_outcome;
#define ACCORD_OUTCOME_AGREED ACCORD_SESSION_AGREED
#define ACCORD_OUTCOME_BRACKETED ACCORD_SESSION_BRACKETED
#define ACCORD_OUTCOME_REJECTED ACCORD_SESSION_REJECTED
#define ACCORD_OUTCOME_VOTE ACCORD_SESSION_VOTE

/* One party's position on the item being decided. */
typedef struct accord_stance {
	const char *party;        /* roster code */
	accord_position position;
} accord_stance;

/* What the rules know about the situation (the `ctx` table). */
typedef struct accord_rule_context {
	const char *stage;        /* stage id, or NULL */
	int important;            /* an important question (UN GA rule 83) */
	int new_item;             /* proposing a new item (a new draft opinion) */
	const char *chair;        /* the chair's judgement ("rough consensus"), or NULL */
} accord_rule_context;

typedef struct accord_decision {
	accord_outcome outcome;
	char result[32];          /* for a vote: "adopted", "rejected", ... (a longer one is refused); else "" */
	unsigned tally[ACCORD_POS_COUNT]; /* support, object, abstain, reserve, absent */
	unsigned yes, no;         /* for a vote */
	char *note;               /* the pack's explanation or divergent-view text, whole; NULL when none */
} accord_decision;

/* Frees what a decision holds (its note); the decision can be reused. NULL-safe. */
ACCORD_API void accord_decision_dispose(accord_decision *d);

/*
** Calls the pack's decide(positions, ctx) under its limits and reads the
** result into *out (free its note with accord_decision_dispose). Fails
** with ACCORD_ESCRIPT/ELIMIT (the rule failed), ACCORD_ESCHEMA (it returned
** something that is not a decision: a result longer than 31 bytes, text
** that is not UTF-8 ...), with nothing to free.
*/
ACCORD_API int accord_pack_decide(accord_decision *out, accord_pack *pack, const accord_stance *stances,
	size_t count, const accord_rule_context *ctx, accord_error *err);

/*
** accord_pack_decide with more in ctx: extend(L, data) is called with the
** ctx table on top of L (protected, under the pack's limits; it may
** raise) to add fields to it, leaving the stack as it found it. The
** session's decisions give the amendment, the tally with names and the
** votes this way (session_rules.c).
*/
typedef void (*accord_rule_ctx_extend)(lua_State *L, void *data);
ACCORD_API int accord_pack_decide_with(accord_decision *out, accord_pack *pack, const accord_stance *stances,
	size_t count, const accord_rule_context *ctx, accord_rule_ctx_extend extend, void *data, accord_error *err);

/*
** Calls may_<action>(party, ctx), action "propose", "object" or "vote".
** *allowed gets 1 or 0; reason (may be NULL) gets the pack's reason when
** refused. ACCORD_ENOTFOUND when the party is not in the roster.
*/
ACCORD_API int accord_pack_may(int *allowed, accord_pack *pack, const char *action, const char *party,
	const accord_rule_context *ctx, accord_buf *reason, accord_error *err);

#ifdef __cplusplus
}
#endif
#endif
