/*
** accord/store.h: drafting sessions kept in one SQLite file.
**
** A session holds everything about one negotiation: the base text and each
** revision (Rev.1, Rev.2 ...), the roster, every contribution as received,
** every amendment and its state, every position a party took, every
** decision, the comments, and an append-only event log of who did what.
**
** The event log is the history. Every action writes exactly one event and
** the tables are derived from the events by one fixed set of SQL
** statements per kind of event (store_events.c), so accord_session_replay
** can rebuild the tables from the log alone and compare.
**
** Guarantees (docs/sessions.md):
**   - every action is one transaction (BEGIN IMMEDIATE): it is applied
**     whole or not at all; a refused or failed action leaves the file as
**     it was, byte for byte;
**   - two processes acting at once are serialised (busy timeout), no
**     update is lost;
**   - WAL with synchronous=FULL: a process killed at any moment loses
**     nothing that was committed and never leaves half an action.
**
** Legality is the core's (the amendment state machine below); who may do
** what is the rule pack's, through accord_session_rules. The store has no
** Lua in it: lua/session_rules.c implements the callbacks over a rule pack.
*/
#ifndef ACCORD_STORE_H
#define ACCORD_STORE_H

#include "accord/amend.h"
#include "accord/common.h"
#include "accord/doc.h"
#include "accord/roster.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The schema version this library writes (PRAGMA user_version). */
#define ACCORD_STORE_SCHEMA_VERSION 3
/* PRAGMA application_id of a session file ("ACRD"). */
#define ACCORD_STORE_APPLICATION_ID 0x41435244

/* ---- the amendment state machine ----------------------------------------- */

typedef enum accord_amendment_state {
	ACCORD_STATE_PROPOSED = 0,      /* on the table, not yet decided */
	ACCORD_STATE_BRACKETED = 1,     /* no consensus yet: stays in [brackets] */
	ACCORD_STATE_AGREED = 2,        /* agreed: goes into the next revision */
	ACCORD_STATE_AGREED_AD_REF = 3, /* agreed ad referendum: pending a reservation */
	ACCORD_STATE_REJECTED = 4,      /* decided against: dropped */
	ACCORD_STATE_WITHDRAWN = 5,     /* withdrawn by its proposer */
	ACCORD_STATE_SUPERSEDED = 6     /* replaced by a merged or compromise text */
} accord_amendment_state;
#define ACCORD_STATE_COUNT 7

/* "proposed", "bracketed", "agreed", "agreed_ad_ref", ...; NULL when unknown. */
ACCORD_API const char *accord_state_name(accord_amendment_state state);
/* The reverse; -1 for an unknown name. */
ACCORD_API int accord_state_from_name(const char *name);
/* 1 when the state is open (proposed, bracketed, agreed_ad_ref), else 0. */
ACCORD_API int accord_state_is_open(accord_amendment_state state);

/* What moves an amendment from one state to another. */
typedef enum accord_transition_cause {
	ACCORD_CAUSE_DECIDE = 0,    /* a decision under the pack's rule */
	ACCORD_CAUSE_WITHDRAW = 1,  /* the proposer withdraws it */
	ACCORD_CAUSE_SUPERSEDE = 2, /* a compromise text replaces it */
	ACCORD_CAUSE_LAPSE = 3      /* a revision removed what it amends */
} accord_transition_cause;

/*
** Whether `cause` may move an amendment from `from` to `to` (the table in
** store.c and docs/sessions.md). Returns 1 when legal, 0 when not. A
** decision that leaves a bracketed amendment bracketed is legal.
*/
ACCORD_API int accord_state_transition_legal(accord_amendment_state from, accord_amendment_state to,
	accord_transition_cause cause);

/* ---- the rule pack, as the store sees it ---------------------------------- */

/* A party as the rules see it; strings borrowed for the duration of a call. */
typedef struct accord_session_party {
	const char *code;
	const char *name;
	const char *role;
	const char *const *groups;
	size_t n_groups;
} accord_session_party;

/*
** A party's position on an amendment: the one list of position names
** (the rule packs see the same strings). ACCORD_POS_ABSENT is not a
** position a party takes: it stands for a party that took none when a
** decision rule counts the roster.
*/
typedef enum accord_position {
	ACCORD_POS_SUPPORT = 0, /* "support" */
	ACCORD_POS_OBJECT = 1,  /* "object" */
	ACCORD_POS_ABSTAIN = 2, /* "abstain" */
	ACCORD_POS_RESERVE = 3, /* "reserve": supports, with a reservation (agreed ad referendum) */
	ACCORD_POS_ABSENT = 4   /* "absent": no position taken (decision rules only) */
} accord_position;
#define ACCORD_POS_COUNT 5

/* "support", "object", "abstain", "reserve", "absent"; NULL when unknown. */
ACCORD_API const char *accord_position_name(accord_position position);
/* The reverse; -1 for an unknown name (or NULL). */
ACCORD_API int accord_position_from_name(const char *name);

/* ---- recorded votes (store_vote.c) ---- */

/* A vote in a recorded vote: the one list of vote names ("yes", "no", "abstain"). */
typedef enum accord_vote_choice {
	ACCORD_VOTE_YES = 0,    /* "yes": in favour */
	ACCORD_VOTE_NO = 1,     /* "no": against */
	ACCORD_VOTE_ABSTAIN = 2 /* "abstain": present, not voting (UN GA rule 86) */
} accord_vote_choice;
#define ACCORD_VOTE_COUNT 3

/* "yes", "no", "abstain"; NULL when unknown. */
ACCORD_API const char *accord_vote_name(accord_vote_choice vote);
/* The reverse; -1 for an unknown name (or NULL). */
ACCORD_API int accord_vote_from_name(const char *name);

/* One party's vote on an amendment; strings borrowed. */
typedef struct accord_session_ballot {
	const char *party;       /* a roster code */
	accord_vote_choice vote;
} accord_session_ballot;

/* ---- end of recorded votes ---- */

/* What is being attempted; strings borrowed for the duration of a call. */
typedef struct accord_session_context {
	const char *action;     /* "propose", "submit", "cosponsor", "withdraw", "comment", "position", "decide", "vote" */
	const char *stage;      /* the session's stage */
	const char *workflow;   /* the session's workflow as recorded at init */
	const accord_amendment *amendment; /* the amendment concerned, or NULL */
	const char *state;      /* its state (NULL for a new amendment) */
	const char *position;   /* "position": support, object, abstain, reserve (accord_position_name) */
	const char *paragraph;  /* "comment", "decide --paragraph": the paragraph id, or NULL */
	size_t n_parties;       /* parties in the roster */
	int compromise;         /* "propose": a compromise text superseding other amendments (--supersedes) */
	/* decide, vote, rule (store_decide.c, store_vote.c) */
	unsigned round;         /* "decide": the revision the amendment's text refers to */
	const accord_session_ballot *ballots; /* "decide": the recorded votes on the amendment, roster order */
	size_t n_ballots;
	int important;          /* "decide", "vote": an important question (UN GA rule 83: two-thirds) */
	const char *ruling;     /* "rule" (decide --as-chair): "agreed" or "bracketed"; else NULL */
	const char *vote;       /* "vote": the vote cast (accord_vote_name) */
} accord_session_context;

/* One party's position on an amendment, for the decision rule. */
typedef struct accord_session_vote {
	const accord_session_party *party;
	const char *position; /* accord_position_name: "support", "object", "abstain", "reserve" or "absent" */
} accord_session_vote;

/*
** The outcomes of a decision: the one outcome enum, of the store and of
** the rule packs (a pack's decide returns "agreed", "bracketed",
** "rejected" or "vote"; agreed_ad_ref is the store's reserve rule).
*/
typedef enum accord_session_outcome {
	ACCORD_SESSION_AGREED = 0,        /* consensus or a majority for it */
	ACCORD_SESSION_AGREED_AD_REF = 1, /* agreed subject to a reservation */
	ACCORD_SESSION_BRACKETED = 2,     /* no consensus: stays bracketed */
	ACCORD_SESSION_REJECTED = 3,      /* decided against */
	ACCORD_SESSION_VOTE = 4           /* to be put to a vote: stays bracketed */
} accord_session_outcome;
#define ACCORD_SESSION_OUTCOME_COUNT 5

/* "agreed", "agreed_ad_ref", "bracketed", "rejected", "vote"; -1/NULL when unknown. */
ACCORD_API const char *accord_session_outcome_name(accord_session_outcome outcome);
ACCORD_API int accord_session_outcome_from_name(const char *name);

/*
** The rule pack's side of a session. Every permission callback returns 1
** (allowed), 0 (refused: the pack's reason appended to `reason`) or a
** negative ACCORD_E* code with err filled (the script failed). A NULL
** may_comment or may_vote allows everyone; may_propose, may_object and
** decide are required for the actions that use them.
*/
typedef struct accord_session_rules {
	unsigned version; /* ACCORD_SESSION_RULES_VERSION */
	void *data;       /* passed to every callback */
	const char *name; /* the rule pack's name, recorded with decisions */

	/* propose, submit (once per amendment), cosponsor */
	int (*may_propose)(void *data, const accord_session_party *party, const accord_session_context *ctx,
		accord_buf *reason, accord_error *err);
	/* position: every position a party states on an amendment */
	int (*may_object)(void *data, const accord_session_party *party, const accord_session_context *ctx,
		accord_buf *reason, accord_error *err);
	/* comment (NULL: everyone may comment) */
	int (*may_comment)(void *data, const accord_session_party *party, const accord_session_context *ctx,
		accord_buf *reason, accord_error *err);
	/*
	** The decision rule: given every party's position on one amendment
	** (absent parties included), sets *outcome, appends a JSON object
	** with the tally to `tally` and a short description of the rule
	** applied to `rule` ("consensus of Member States present"). It may
	** refuse to decide now (ACCORD_EREFUSED with err filled: "the
	** preparation stage does not take decisions"): nothing is written.
	*/
	int (*decide)(void *data, const accord_session_vote *votes, size_t n_votes, const accord_session_context *ctx,
		accord_session_outcome *outcome, accord_buf *tally, accord_buf *rule, accord_error *err);
	/*
	** The stages of a round, in order (borrowed from the rules, valid as
	** long as they are); the first is where a session starts. NULL: the
	** session has the single stage "session".
	*/
	int (*stages)(void *data, const char *const **names, size_t *count, accord_error *err);

	/*
	** The stage's gate, asked by every action (submit, propose,
	** cosponsor, withdraw, position, comment, decide, vote) before who
	** may: whether the stage ctx->stage allows ctx->action at all. party
	** is NULL for the chair's actions (decide). NULL: every stage allows
	** every action.
	*/
	int (*stage_allows)(void *data, const accord_session_party *party, const accord_session_context *ctx,
		accord_buf *reason, accord_error *err);
	/*
	** Whether party may supersede ctx->amendment (the stored one, its
	** proposers first the original) by a compromise text. NULL: the
	** default rule, the chair or secretariat role or the amendment's
	** original proposer (so a compromise replaces others' amendments only
	** by their leave).
	*/
	int (*may_supersede)(void *data, const accord_session_party *party, const accord_session_context *ctx,
		accord_buf *reason, accord_error *err);
	/*
	** Whether the session may go back from stage `from` to the earlier
	** stage `to` (accord_session_stage_back). NULL: it may.
	*/
	int (*may_go_back)(void *data, const char *from, const char *to, accord_buf *reason, accord_error *err);
	/*
	** vote: whether party may cast ctx->vote on ctx->amendment (asked
	** after the stage's gate lets "vote" in). NULL: every party may.
	*/
	int (*may_vote)(void *data, const accord_session_party *party, const accord_session_context *ctx,
		accord_buf *reason, accord_error *err);
} accord_session_rules;
#define ACCORD_SESSION_RULES_VERSION 1

/* ---- opening and creating -------------------------------------------------- */

typedef struct accord_session accord_session;

typedef struct accord_session_init {
	unsigned version;            /* ACCORD_SESSION_INIT_VERSION */
	const char *workflow;        /* the workflow as given (a name or a path), recorded */
	const accord_doc *base;      /* the base text (Rev.0) */
	const char *base_name;       /* its file name, recorded */
	const char *roster;          /* the roster's YAML (roster.h), kept in the session; NULL: no parties */
	size_t roster_len;           /* its length in bytes */
	const char *roster_name;     /* its file name, for errors */
	/* version 2: */
	int64_t clock;               /* a fixed clock for every timestamp, init's included (seconds since the
	                                epoch; 0: the system clock): a simulated session's file depends on its
	                                seed only */
	/* version 3: */
	const struct accord_bracketed *brackets; /* the brackets of base (accord_bracketed_read), or NULL: the
	                                base is a bracketed negotiating text and each of its bracket groups and
	                                option blocks is an open question (docs/sessions.md, "A session from a
	                                bracketed text") */
} accord_session_init;
#define ACCORD_SESSION_INIT_VERSION 3
#define ACCORD_SESSION_INIT_INIT {ACCORD_SESSION_INIT_VERSION, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL}

/*
** Creates a new session file at path (which must not exist: ACCORD_EIO)
** with the base text as Rev.0, the roster (parsed here: ACCORD_ESCHEMA
** or ACCORD_EPARSE with its line:col), and the first stage of the
** rules (rules may be NULL: stage "session"). The init event is the first
** of the log. On failure no file is left behind.
**
** With init->brackets (read from init->base), every paragraph's bracket
** group becomes an open question: one MOD amendment per alternative ("keep
** these words, without brackets"), tabled in the init event by the parties
** the brackets name when the roster has them, else by the session's
** officer: the roster's first party with the role chair or secretariat, or
** a party CHAIR (role chair) the session adds; each option block likewise,
** one amendment per option. accord_session_revise then resolves them: an
** alternative agreed keeps its words, a group whose alternatives are all
** rejected (withdrawn or superseded) goes, the others stay bracketed.
*/
ACCORD_API int accord_session_create(accord_session **out, const char *path, const accord_session_init *init,
	const accord_session_rules *rules, accord_error *err);

/*
** Opens an existing session: checks that it is an SQLite database
** (ACCORD_ECORRUPT otherwise), that it is a session (application_id and
** schema; ACCORD_ECORRUPT), that it is not from a newer version
** (ACCORD_EVERSION), runs PRAGMA quick_check (ACCORD_ECORRUPT with the
** first problem), and migrates an older schema in one transaction.
*/
ACCORD_API int accord_session_open(accord_session **out, const char *path, accord_error *err);

/* Closes the session. NULL-safe. */
ACCORD_API void accord_session_close(accord_session *s);

/*
** Whether each committed action is flushed to disk before the call returns
** (the default, 1: PRAGMA synchronous = FULL). A scratch session, such as a
** simulated run's, may turn it off (0): a crash can then lose its last
** actions, never corrupt the file.
*/
ACCORD_API int accord_session_set_durable(accord_session *s, int durable, accord_error *err);

/* Sets (or clears, with NULL) the rules used by the actions; borrowed. */
ACCORD_API void accord_session_set_rules(accord_session *s, const accord_session_rules *rules);

/* The workflow recorded at init; borrowed until close. */
ACCORD_API const char *accord_session_workflow(const accord_session *s);

/*
** The roster kept in the session (its YAML as given at init), parsed:
** *out is NULL when the session has none. The caller frees it.
*/
ACCORD_API int accord_session_roster(accord_roster **out, accord_session *s, accord_error *err);


/* ---- actions: each one transaction, one event -------------------------------- */

/*
** A contribution: data[0..len) (the file as received, name its file name)
** is parsed, aligned with the latest revision and turned into amendments
** attributed to party (ids "PARTY/n" continuing the party's numbering),
** each checked with may_propose. A contribution closer to an older
** revision than to the latest is carried forward from it, as
** accord_session_submit_with (opts NULL) does. Refused (ACCORD_EREFUSED, the pack's
** reason in err) if any is refused; ACCORD_EEMPTY when the contribution
** changes nothing. *out (may be NULL) gets the amendments recorded.
*/
ACCORD_API int accord_session_submit(accord_amendment_list **out, accord_session *s, const char *party,
	const char *name, const char *data, size_t len, accord_error *err);

/* ---- submit: a contribution written on an older revision ---- */

/* Options of accord_session_submit_with. */
typedef struct accord_submit_options {
	unsigned version; /* ACCORD_SUBMIT_OPTIONS_VERSION (1: without the fields below) */
	int rev;          /* the revision the contribution was written on; < 0: detected */
	/*
	** Since version 2: the text the contribution was marked up on, when the
	** file says it (a .docx with tracked changes: the changes rejected; see
	** accord_doc_read_input_views), or NULL. With rev < 0 the revision is the
	** one this text is closest to (exactly the one it is, when it is one),
	** not the one the contribution's own text is closest to.
	*/
	const char *original;
	size_t original_len;
} accord_submit_options;
#define ACCORD_SUBMIT_OPTIONS_VERSION 2
#define ACCORD_SUBMIT_OPTIONS_INIT {ACCORD_SUBMIT_OPTIONS_VERSION, -1, NULL, 0}

/* A change of a contribution left out when it was carried forward. */
typedef struct accord_submit_left_out {
	const char *op; /* "MOD", "SUP" ... (static) */
	char *target;   /* the paragraph or section it was about (NULL: none) */
	int adopted;    /* 1: already in the latest revision; 0: it would turn back text adopted since */
} accord_submit_left_out;

/* What accord_session_submit_with did besides tabling amendments. */
typedef struct accord_submit_result {
	unsigned written_on; /* the revision the changes were computed against (given or detected) */
	unsigned latest;     /* the latest revision: the amendments are anchored on it */
	int detected;        /* 1: written_on was detected (no revision given) */
	size_t carried;      /* amendments carried forward from written_on (0 when it is the latest) */
	size_t n_adopted;    /* changes left out: already in the latest revision */
	size_t n_undoing;    /* changes left out: they would turn back text adopted since written_on */
	accord_submit_left_out *left_out; /* those changes (n_adopted + n_undoing), in the contribution's order */
	char *warning;       /* NULL when written on the latest; else one line for people saying all this */
} accord_submit_result;

/* Frees what a result holds (NULL-safe); the result is zeroed. */
ACCORD_API void accord_submit_result_dispose(accord_submit_result *result);

/*
** accord_session_submit for a contribution that may have been written on an
** older revision: its changes are computed against the revision it was
** written on (opts->rev, or when that is < 0 or opts NULL, the stored
** revision whose text is closest to it: ties go to the later one) and
** carried forward onto the latest, each amendment re-anchored as a
** revision re-anchors open ones. A change already adopted since is left
** out; a change that would turn back text adopted since (a deletion of a
** paragraph amended since, an edit of words replaced since, a heading or
** a field changed since...) is left out too, never proposed: both are
** listed in *result (may be NULL; accord_submit_result_dispose), with a
** warning line when written_on is not the latest. The event records
** written_on and what was left out. Errors: those of
** accord_session_submit; ACCORD_ENOTFOUND for a revision the session does
** not have; ACCORD_EEMPTY when nothing is left to propose.
*/
ACCORD_API int accord_session_submit_with(accord_amendment_list **out, accord_submit_result *result,
	accord_session *s, const char *party, const char *name, const char *data, size_t len,
	const accord_submit_options *opts, accord_error *err);

/* ---- submit: a contribution as a file, a Word file split by author ---- */

/* What one party submitted (accord_session_submit_file). */
typedef struct accord_submission {
	char *party;                       /* the roster's code */
	accord_amendment_list *amendments; /* the amendments recorded, ids PARTY/n (NULL: comments only) */
	accord_submit_result result;       /* the revision it was written on, what was left out */
	size_t comments;                   /* the file's comments recorded as the party's */
	size_t comments_refused;           /* those the procedure refused (not recorded) */
} accord_submission;

/*
** accord_session_submit_with for a file's bytes data[0..len) as read
** (accord_read_file; path names it in messages and in the log): text, or
** a Word .docx. A .docx with tracked changes is compared through
** the text the changes were made on (opts->original is set from it when
** the caller gave none), and is split by author: each author whose name is
** a roster party's code, name or alias (or names several, "IRN, USA")
** submits that party's changes, every other author's go to `party`
** (accord_docx_proposals). Its comments are recorded as comments
** (accord_session_comment) of the party they are attributed to (the WHO:
** that starts one, else its author when a party, else `party`), on the
** paragraph of the latest revision they are anchored in (the one a change
** of the file amends, or one with the same words), or on the amendment a
** party just tabled for a new paragraph, else on the text as a whole; a
** comment the procedure refuses (none taken at this stage) is counted, not
** recorded. All of it is recorded in one transaction, or nothing: an
** amendment the pack refuses fails it all. A party whose changes come to
** nothing (an insertion its author deleted again) is skipped; a file with
** neither a change nor a comment recorded is ACCORD_EEMPTY. *out gets one
** accord_submission per party recorded, `party`'s first (n in *n; free
** with accord_submissions_free). Errors: those of accord_docx_read and
** accord_session_submit_with.
*/
ACCORD_API int accord_session_submit_file(accord_submission **out, size_t *n, accord_session *s, const char *party,
	const char *path, const char *data, size_t len, const accord_submit_options *opts, accord_error *err);
ACCORD_API void accord_submissions_free(accord_submission *list, size_t n);

/*
** One amendment typed by hand, against the latest revision. Its id is
** assigned ("PARTY/n"); its proposers are party (other proposers in a are
** ignored). supersedes (may be NULL) lists open amendments this compromise
** text replaces: they become superseded in the same transaction. It may
** also list agreed amendments not yet in a revision while the agreed
** amendments do not fit together (accord_session_revise fails with
** ACCORD_ECONFLICT); otherwise superseding an agreed amendment is
** ACCORD_ESTATE. *out_id (may be NULL) gets the id (accord_free).
*/
ACCORD_API int accord_session_propose(char **out_id, accord_session *s, const char *party,
	const accord_amendment *a, const char *const *supersedes, size_t n_supersedes, accord_error *err);

/*
** Builds the amendment that turns the latest revision into `amended` (a
** modified clone of accord_session_text(..., -1)) and proposes it; the
** same contract as accord_session_propose. base_rev is the revision
** amended was made from (ACCORD_ECONFLICT when a newer one was issued
** meanwhile; -1: not checked). ACCORD_EEMPTY when nothing changed;
** ACCORD_EINVAL when the change makes more than one amendment.
*/
ACCORD_API int accord_session_propose_doc(char **out_id, accord_session *s, const char *party,
	const accord_doc *amended, int base_rev, const char *const *supersedes, size_t n_supersedes,
	accord_error *err);

/*
** Adds party as a co-sponsor of an open amendment (may_propose decides).
** ACCORD_ESTATE when party already sponsors it (proposer or co-sponsor).
*/
/*
** Tables a hand-typed amendment (proposal.h) by party against the latest
** revision: the proposal is applied to that text and proposed as
** accord_session_propose_doc does, with the same contract. Errors also
** those of accord_proposal_apply (ACCORD_EINVAL, ACCORD_ENOTFOUND,
** ACCORD_ECONFLICT); the session is unchanged on any failure.
*/
struct accord_proposal;
ACCORD_API int accord_session_propose_edit(char **out_id, accord_session *s, const char *party,
	const struct accord_proposal *p, const char *const *supersedes, size_t n_supersedes, accord_error *err);

ACCORD_API int accord_session_cosponsor(accord_session *s, const char *party, const char *amendment,
	accord_error *err);

/* Withdraws an open amendment; only one of its proposers may (ACCORD_EREFUSED). */
ACCORD_API int accord_session_withdraw(accord_session *s, const char *party, const char *amendment,
	accord_error *err);

/*
** A comment by party on a paragraph or an amendment (target: an id of
** either, or NULL for the text as a whole). *out_id (may be NULL) gets its
** number.
*/
ACCORD_API int accord_session_comment(int64_t *out_id, accord_session *s, const char *party, const char *target,
	const char *text, accord_error *err);

/*
** Records party's position ("support", "object", "abstain", "reserve") on
** an open amendment, replacing an earlier one (may_object decides).
*/
ACCORD_API int accord_session_position(accord_session *s, const char *party, const char *amendment,
	const char *position, accord_error *err);

typedef enum accord_decide_scope {
	ACCORD_DECIDE_AMENDMENT = 0, /* one amendment (id) */
	ACCORD_DECIDE_PARAGRAPH = 1, /* every open amendment on one paragraph (id) */
	ACCORD_DECIDE_ALL = 2        /* every open amendment (id NULL) */
} accord_decide_scope;

/* One decision taken by accord_session_decide. */
typedef struct accord_session_decision {
	char *amendment;        /* its id */
	accord_session_outcome outcome; /* what the rule returned (after the reserve rule) */
	accord_amendment_state from, to;
	char *tally;            /* JSON object */
	char *rule;             /* the rule applied */
} accord_session_decision;

/* Frees what accord_session_decide returned. NULL-safe. */
ACCORD_API void accord_session_decisions_free(accord_session_decision *decisions, size_t count);

/*
** Applies the pack's decision rule to the open amendments in scope, all
** in one transaction. An "agreed" outcome with a reserve among the
** positions becomes agreed_ad_ref. Deciding a closed amendment by id is
** ACCORD_ESTATE; a scope with no open amendment is ACCORD_ENOTFOUND.
*/
ACCORD_API int accord_session_decide(accord_session_decision **out, size_t *count, accord_session *s,
	accord_decide_scope scope, const char *id, accord_error *err);

/* ---- chair's rulings and recorded votes (store_decide.c, store_vote.c) ---- */

/* How accord_session_decide_with decides (ACCORD_DECIDE_OPTIONS_INIT: as accord_session_decide). */
typedef struct accord_decide_options {
	unsigned version;  /* ACCORD_DECIDE_OPTIONS_VERSION */
	/*
	** -1: the pack's decision rule; ACCORD_SESSION_AGREED or
	** ACCORD_SESSION_BRACKETED: the chair's ruling ("it is so decided"),
	** where the stage allows both "decide" and "rule"; recorded with the
	** rule "chair's ruling" and the positions' counts.
	*/
	int ruling;
	int important;     /* 1: the questions are important (ctx.important; UN GA rule 83) */
} accord_decide_options;
#define ACCORD_DECIDE_OPTIONS_VERSION 1
#define ACCORD_DECIDE_OPTIONS_INIT {ACCORD_DECIDE_OPTIONS_VERSION, -1, 0}

/*
** accord_session_decide with options (opts NULL: the defaults). A ruling
** the stage does not allow is ACCORD_EREFUSED with the pack's words; a
** ruling other than agreed or bracketed is ACCORD_EINVAL.
*/
ACCORD_API int accord_session_decide_with(accord_session_decision **out, size_t *count, accord_session *s,
	accord_decide_scope scope, const char *id, const accord_decide_options *opts, accord_error *err);

/*
** party casts `vote` on the open amendment `amendment` (a recorded vote):
** the stage must allow "vote", then the rules' may_vote decides
** (ACCORD_EREFUSED with the pack's words, nothing written). A later vote
** of the same party on the same amendment replaces it. The decision rule
** sees the votes (ctx.votes) when the amendment is decided.
*/
ACCORD_API int accord_session_cast_vote(accord_session *s, const char *party, const char *amendment,
	accord_vote_choice vote, accord_error *err);

/*
** The chair's roll call on `amendment`: every ballot (a party at most
** once: ACCORD_ECONFLICT) is checked as accord_session_cast_vote checks one, and
** all are recorded in one event, or none. important: 1 marks the question
** important (UN GA rule 83), 0 not important, -1 leaves it as it is; n 0
** with important >= 0 only marks the question.
*/
ACCORD_API int accord_session_roll_call(accord_session *s, const char *amendment, const accord_session_ballot *ballots,
	size_t n, int important, accord_error *err);

/* ---- end of chair's rulings and recorded votes ---- */

/*
** Moves the session forward to stage `next` (NULL: the stage after the
** current one). It must be one of the rules' stages (ACCORD_EINVAL) and
** come after the current one (ACCORD_ESTATE: going back is
** accord_session_stage_back). *out_stage (may be NULL) gets the new stage
** (accord_free).
*/
ACCORD_API int accord_session_stage(char **out_stage, accord_session *s, const char *next, accord_error *err);

/*
** Moves the session back to the earlier stage `prev` (NULL: the stage
** before the current one), when the rules' may_go_back allows it
** (ACCORD_EREFUSED with the pack's reason). A stage that is not earlier
** is ACCORD_ESTATE; one the rules do not know ACCORD_EINVAL.
*/
ACCORD_API int accord_session_stage_back(char **out_stage, accord_session *s, const char *prev, accord_error *err);

/* The current stage (accord_free). */
ACCORD_API int accord_session_current_stage(char **out, accord_session *s, accord_error *err);

/*
** Issues Rev.N+1: the agreed amendments not yet in the text are applied
** to Rev.N; the open ones are carried over and re-anchored on the new
** text (those whose target is gone become superseded). Fails with
** ACCORD_ECONFLICT (nothing written) when two agreed amendments collide:
** a compromise text that supersedes them (accord_session_propose) clears it;
** with ACCORD_EEMPTY (nothing written) when nothing was agreed since Rev.N
** (accord_session_revise_with can allow an empty revision).
*/
ACCORD_API int accord_session_revise(unsigned *out_rev, accord_session *s, accord_error *err);

struct accord_brackets;

/*
** How accord_session_revise_with revises (ACCORD_REVISE_OPTIONS_INIT: as
** accord_session_revise). Version 1 has allow_empty only; the others are
** then 0 and NULL.
*/
typedef struct accord_revise_options {
	unsigned version; /* ACCORD_REVISE_OPTIONS_VERSION */
	int allow_empty;  /* 1: issue Rev.N+1 even when nothing was agreed since Rev.N */
	/*
	** 0 (a pack's renumber = "adoption", ITU practice): labels stay as
	** they are until the text is adopted, and a paragraph the revision
	** adds or moves whose label would repeat one of its list (or is out of
	** its order) gets the convention's label for a new paragraph, "d bis)"
	** (accord_doc_label_placed). 1 (renumber = "revision"): that done,
	** every list is renumbered (accord_doc_renumber).
	*/
	int renumber;
	const struct accord_brackets *brackets; /* the convention of those labels (NULL: the built-in one) */
} accord_revise_options;
#define ACCORD_REVISE_OPTIONS_VERSION 2
#define ACCORD_REVISE_OPTIONS_INIT {ACCORD_REVISE_OPTIONS_VERSION, 0, 0, NULL}

/* What a revision did, counted as its event records it. */
typedef struct accord_revise_result {
	unsigned rev;   /* the revision issued (N+1) */
	size_t applied; /* agreed amendments applied */
	size_t carried; /* open amendments carried over */
	size_t lapsed;  /* open amendments that lapsed (superseded) */
} accord_revise_result;

/*
** accord_session_revise with options (opts NULL: the defaults), giving what
** the revision did in *out (may be NULL), so that a caller reports it
** without reading the session again after the commit. With nothing agreed
** since Rev.N it issues nothing and fails with ACCORD_EEMPTY, unless
** opts->allow_empty.
*/
ACCORD_API int accord_session_revise_with(accord_revise_result *out, accord_session *s, const accord_revise_options *opts,
	accord_error *err);

/*
** The compilation of the session's open amendments (proposed, bracketed,
** agreed ad referendum) on its latest revision, with the proposers and
** co-sponsors the session records: what `accord compile` renders. The
** compilation owns everything it needs (free it with
** accord_compilation_free; the session may be closed first).
** Errors: ACCORD_EINVAL (NULL arguments), ACCORD_ECORRUPT, ACCORD_ESTORE,
** ACCORD_ENOMEM, and those of accord_compilation_build.
*/
struct accord_compilation;
ACCORD_API int accord_session_compile(struct accord_compilation **out, accord_session *s, accord_error *err);

/* ---- reading ---------------------------------------------------------------- */

/* The latest revision number. */
ACCORD_API int accord_session_revision_count(unsigned *out_latest, accord_session *s, accord_error *err);

/* Revision rev (a negative rev: the latest) as a document (accord_doc_free). */
ACCORD_API int accord_session_text(accord_doc **out, accord_session *s, int rev, accord_error *err);

/* An amendment as stored. */
typedef struct accord_session_amendment {
	char *id;
	char *op;           /* "MOD", "ADD" ... */
	char *target;       /* NULL when none */
	accord_amendment_state state;
	char *proposers;    /* comma-separated codes, first is the original proposer */
	unsigned revision;  /* the revision its anchors refer to */
	int incorporated;   /* the revision that applied it, or -1 */
	char *json;         /* the amendment (a one-element list, accord_amendments_parse_json) */
} accord_session_amendment;

ACCORD_API void accord_session_amendments_free(accord_session_amendment *list, size_t count);

/* Every amendment in submission order; state < 0: all states. */
ACCORD_API int accord_session_amendments(accord_session_amendment **out, size_t *count, accord_session *s,
	int state, accord_error *err);

/* The session at a glance, as a JSON object (docs/sessions.md), appended to out. */
ACCORD_API int accord_session_status_json(accord_buf *out, accord_session *s, accord_error *err);

/* How the session's readers render for `accord status`, `list` and `log`. */
typedef enum accord_session_format {
	ACCORD_SESSION_FORMAT_TEXT = 0, /* for people, one line per item */
	ACCORD_SESSION_FORMAT_JSON = 1  /* for programs (each function says what) */
} accord_session_format;

/*
** Appends the amendments in state `state` (< 0: all) to out, in the
** order they were tabled (what `accord list` prints): TEXT one line each
** with id, state, operation, target ("-" when none), the target
** paragraph's label (in the latest revision, else in the amendment's; "-"
** for a section, an unlabelled paragraph or none), proposers and
** revision; JSON each amendment as stored (a one-element amendment list),
** compact, one per line. Errors: ACCORD_EINVAL (NULL arguments, unknown
** state or format), those of accord_session_amendments, ACCORD_ENOMEM.
*/
ACCORD_API int accord_session_list_render(accord_buf *out, accord_session *s, int state, accord_session_format format,
	accord_error *err);

/*
** Appends the session at a glance to out (what `accord status` prints):
** JSON the object of accord_session_status_json and a newline; TEXT its
** human form, which names the session `name` (NULL: the path it was
** opened with). Errors: ACCORD_EINVAL (NULL arguments, unknown format),
** those of accord_session_status_json, ACCORD_ENOMEM.
*/
ACCORD_API int accord_session_status_render(accord_buf *out, accord_session *s, const char *name,
	accord_session_format format, accord_error *err);

/*
** The outline of a revision (rev < 0: the latest) for people who must name
** a paragraph: accord_doc_render_outline's view with the session's stored
** ids (the ids --paragraph and the amendments use, which a fresh
** `accord parse` would number anew), then each paragraph or section that
** open amendments target, with its label and those amendments' ids, states
** and marks. width as for accord_doc_render_outline.
*/
ACCORD_API int accord_session_outline(accord_buf *out, accord_session *s, int rev, unsigned width, accord_error *err);

/* One event of the log; borrowed for the duration of the callback. */
typedef struct accord_session_event {
	int64_t seq;         /* 1, 2, 3 ... */
	const char *at;      /* UTC, "2026-11-23T19:40:00.123Z" */
	const char *actor;   /* a party code, or "chair" for the session's own actions */
	const char *action;  /* "init", "submit", "propose" ... */
	const char *payload; /* JSON object */
} accord_session_event;

/* Calls each(event, data) for every event in order; a non-zero return stops and is returned. */
ACCORD_API int accord_session_events(accord_session *s, int (*each)(const accord_session_event *ev, void *data),
	void *data, accord_error *err);

/* ---- the event log as records -------------------------------------------------- */

/* A list of ids (or names) in a log record; empty when the action carries none. */
typedef struct accord_log_list {
	char **items;  /* count strings */
	size_t count;
} accord_log_list;

/* One decision of a "decide" event. */
typedef struct accord_log_decision {
	int64_t id;                     /* the decision's number (1, 2 ... over the session) */
	char *amendment;                /* the amendment decided */
	char *paragraph;                /* the paragraph, when decided by paragraph; else NULL */
	accord_session_outcome outcome; /* what the rule returned (after the reserve rule) */
	accord_amendment_state from;    /* the amendment's state before */
	accord_amendment_state to;      /* and after */
	char *rule;                     /* the rule applied ("consensus of ...") */
	char *stage;                    /* the stage it was taken at */
	char *tally;                    /* the rule's tally, a JSON object (compact) */
} accord_log_decision;

/*
** One event of the log as a record: what every event has (seq, at, actor,
** action) and the fields its kind of action carries. A field an action
** does not carry is NULL, an empty list, -1 (numbers) or, for the enums,
** the value the comment names. Everything is owned by the record
** (accord_session_log_free).
**
**   action     fields
**   init       workflow, stage (the first), base_name, parties (codes)
**   submit     party, file, contribution, revision (amended), amendments (ids tabled)
**   propose    party, revision (amended), amendment (its id), op, target, supersedes
**   cosponsor  party, amendment
**   withdraw   party, amendment, from, to (ACCORD_STATE_WITHDRAWN)
**   comment    party, comment (its number), amendment or paragraph (or neither:
**              the text as a whole), text
**   position   party, amendment, position
**   decide     decisions
**   stage      previous_stage, stage
**   revise     revision (the new one), incorporated, carried, lapsed (ids)
**   vote       party (one party's vote; NULL for the chair's roll call),
**              amendment, voters, votes, important
*/
typedef struct accord_log_record {
	int64_t seq;                /* 1, 2, 3 ... */
	char *at;                   /* UTC, "2026-11-23T19:40:00.123Z" */
	char *actor;                /* a party code, or "chair" for the session's own actions */
	char *action;               /* "init", "submit", "propose" ... (above) */
	char *party;                /* the party acting (the actor), NULL for the chair's actions */
	char *amendment;            /* the amendment acted on (propose: the new one's id) */
	char *op;                   /* propose: the amendment's operation ("MOD", "ADD" ...) */
	char *target;               /* propose: the paragraph or section it is about, NULL when none */
	char *paragraph;            /* comment: the paragraph commented on */
	char *text;                 /* comment: the comment */
	char *file;                 /* submit: the contribution's file name */
	char *workflow;             /* init: the workflow recorded */
	char *base_name;            /* init: the base text's file name */
	char *stage;                /* init: the first stage; stage: the new stage */
	char *previous_stage;       /* stage: the stage left */
	int64_t contribution;       /* submit: the contribution's number; else -1 */
	int64_t comment;            /* comment: the comment's number; else -1 */
	int64_t revision;           /* submit, propose: the revision amended; revise: the new one; else -1 */
	accord_position position;   /* position: the position taken; else ACCORD_POS_ABSENT */
	accord_amendment_state from; /* withdraw: the state left; else ACCORD_STATE_PROPOSED */
	accord_amendment_state to;   /* withdraw: ACCORD_STATE_WITHDRAWN; else ACCORD_STATE_PROPOSED */
	accord_log_list parties;    /* init: the roster's codes, in order */
	accord_log_list amendments; /* submit: the ids tabled, in order */
	accord_log_list supersedes; /* propose: the ids the compromise text supersedes */
	accord_log_list incorporated; /* revise: the agreed amendments applied */
	accord_log_list carried;    /* revise: the open amendments carried over */
	accord_log_list lapsed;     /* revise: the open amendments whose target is gone */
	accord_log_decision *decisions; /* decide: the decisions, in order */
	size_t n_decisions;
	accord_log_list voters;     /* vote: the parties voting, in the order recorded */
	accord_log_list votes;      /* vote: their votes ("yes", "no", "abstain"), one per voter */
	int important;              /* vote: 1 marked important, 0 marked not important, -1 unchanged (and other actions) */
} accord_log_record;

/*
** The whole log as records, in order: *out gets count records
** (accord_session_log_free; *out NULL and *count 0 on failure).
** Errors: ACCORD_EINVAL (NULL arguments), ACCORD_ECORRUPT (an event whose
** payload cannot be read), ACCORD_ESTORE, ACCORD_ENOMEM.
*/
ACCORD_API int accord_session_log(accord_log_record **out, size_t *count, accord_session *s, accord_error *err);

/* Frees what accord_session_log returned. NULL-safe. */
ACCORD_API void accord_session_log_free(accord_log_record *records, size_t count);

/*
** Appends the session's log to out in `format` (what `accord log` prints;
** docs/sessions.md): ACCORD_SESSION_FORMAT_TEXT one line per event for
** people ("   3  AT  ACTOR  ACTION  what was done"), made from the
** records; ACCORD_SESSION_FORMAT_JSON one JSON object per line: seq, at,
** actor, action and the payload as stored. Errors: ACCORD_EINVAL (NULL
** arguments or an unknown format), those of accord_session_log,
** ACCORD_ENOMEM.
*/
ACCORD_API int accord_session_log_render(accord_buf *out, accord_session *s, accord_session_format format,
	accord_error *err);

/*
** The same for the events after event number `after` only: what an action
** just wrote, when `after` is accord_session_last_seq taken before it (the
** session actions' --json).
*/
ACCORD_API int accord_session_log_render_since(accord_buf *out, accord_session *s, int64_t after,
	accord_session_format format, accord_error *err);

/* The number of the session's last event (0 for none: a session always has its init). */
ACCORD_API int accord_session_last_seq(int64_t *out, accord_session *s, accord_error *err);

/*
** Rebuilds the state from the event log into a scratch in-memory
** database and compares it with the tables. Returns 0 when they match,
** 1 when they differ (the first difference described in `difference`),
** or a negative code (ACCORD_ECORRUPT when an event cannot be applied).
** Also runs PRAGMA integrity_check.
*/
ACCORD_API int accord_session_replay(accord_buf *difference, accord_session *s, accord_error *err);

#ifdef __cplusplus
}
#endif
#endif
