/*
** simulate_int.h: what the simulation's files share (simulate.c runs,
** simulate_result.c aggregates, reads and writes, simulate_report.c draws).
*/
#ifndef ACCORD_SIMULATE_INT_H
#define ACCORD_SIMULATE_INT_H

#include <limits.h>
#include <time.h>

#include <lua.h>

#include "accord/store.h"
#include "accord_pack.h"
#include "accord_simulate.h"
#include "session_rules.h"

/* How an amendment ended a run (SIM_COMPROMISE: a compromise text that superseded it was agreed). */
enum { SIM_AGREED, SIM_AGREED_AD_REF, SIM_COMPROMISE, SIM_REJECTED, SIM_OPEN, SIM_OTHER, SIM_OUTCOMES };
/* A delegation's last position on an amendment in a run. */
enum { SIM_SILENT, SIM_SUPPORT, SIM_OBJECT, SIM_ABSTAIN, SIM_RESERVE, SIM_POSITIONS };
/* A ballot recorded in a run (sim_run.ballots). */
enum { SIM_BALLOT_NONE, SIM_BALLOT_YES, SIM_BALLOT_NO, SIM_BALLOT_ABSTAIN };
/* No stage: an amendment never decided. */
#define SIM_NO_STAGE 255u
/* The example text's run when there is none. */
#define SIM_NO_RUN ULONG_MAX

/* An amendment on the table (the same in every run: the contributions, submitted in order). */
typedef struct sim_item {
	char *id;
	char *op;
	char *target;    /* paragraph or section id, or NULL */
	char *proposers; /* comma-separated */
	char *summary;   /* its words, shortened, for the report */
} sim_item;

/* A paragraph of the base text. */
typedef struct sim_para {
	char *id;
	char *label;   /* or NULL */
	char *section; /* its section's heading, or NULL */
} sim_para;

struct accord_sim {
	char *name;           /* the scenario's name */
	char *workflow;       /* the rule pack as the scenario names it */
	unsigned long long seed;
	unsigned long runs_planned, runs_done;
	unsigned long shards; /* >= 1 */
	unsigned char *shard_done; /* shards entries: 1 when that shard's runs are in */
	size_t n_parties;
	char **parties;       /* roster codes, sorted */
	size_t n_stages;
	char **stages;        /* the pack's stage ids, in order */
	size_t n_items;
	sim_item *items;
	size_t n_paras;
	sim_para *paras;
	/* counts over the runs done */
	unsigned long *outcome;        /* n_items x SIM_OUTCOMES */
	unsigned long *decided_at;     /* n_items: sum of (stage index + 1) over the runs that decided it */
	unsigned long *paras_clean;    /* n_paras: runs that ended with no open amendment on it */
	unsigned long *positions;      /* n_parties x n_items x SIM_POSITIONS */
	unsigned long *pivotal;        /* n_parties: amendments its objection alone kept out, summed */
	unsigned long *pivotal_items;  /* n_parties x n_items */
	unsigned long *open_after;     /* n_stages: open amendments after each stage, summed */
	unsigned long *last_stage;     /* n_stages: runs whose last decision came in that stage */
	unsigned long never_decided;   /* runs with no decision at all */
	char *example;                 /* the compilation at the end of the lowest run, or NULL */
	unsigned long example_run;     /* its run, or SIM_NO_RUN */
	accord_sim_stats stats;        /* where the time went (not in the JSON: it varies) */
};

/* What one run gave (simulate.c), added to the aggregate in run order. */
typedef struct sim_run {
	unsigned long index;
	int rc;                       /* ACCORD_OK, or the run's failure (err) */
	accord_error err;
	unsigned char *outcome;       /* n_items */
	unsigned char *decided_stage; /* n_items, SIM_NO_STAGE when never decided */
	unsigned char *positions;     /* n_parties x n_items */
	unsigned char *paras_clean;   /* n_paras */
	unsigned char *ballots;       /* n_parties x n_items: the vote cast in this stage (SIM_BALLOT_*) */
	unsigned char *voted;         /* n_items: 1 when a vote whose margin the tally reports decided it */
	unsigned char *vote_pivot;    /* n_parties x n_items: its vote, switched, would have turned that vote */
	unsigned *open_after;         /* n_stages */
	unsigned last_stage;          /* SIM_NO_STAGE when nothing was decided */
	char *example;                /* the compilation at the end (first run of a process only) */
	accord_buf *trace;            /* every answer and decision, one a line, or NULL (the determinism check) */
	unsigned long agent_calls;
	double agent_seconds;         /* in agent calls */
	double seconds;               /* the whole run */
} sim_run;

/* A compromise text proposed in a run (it superseded an amendment): its id, and the amendment on the table it stands for. */
typedef struct sim_compromise {
	char *id;
	size_t item;
} sim_compromise;

/* One contribution on the table. */
typedef struct sim_contribution {
	char *party;
	char *path;
	accord_buf data;
} sim_contribution;

/* What every run reads (set up once, then read-only). */
typedef struct sim_setup {
	const accord_sim_options *opts;
	char *scenario;        /* the scenario's path */
	char *pack_path;       /* the rule pack's */
	accord_doc *base;
	char *base_name;
	accord_buf roster;     /* the roster's YAML */
	char *roster_name;
	sim_contribution *contributions;
	size_t n_contributions;
	accord_sim *sim;       /* names, items, paragraphs and stages (the counts are filled in later) */
	char *tmpdir;          /* scratch sessions */
} sim_setup;

/* A run's session file and its rule pack. */
typedef struct sim_session {
	accord_session *s;
	accord_session_pack *sp;
	char *path;
	int keep;           /* the file stays (--session) */
	size_t first_stage; /* the first stage that takes the contributions (the run starts there) */
} sim_session;

/* One run as it goes. */
typedef struct run_state {
	const sim_setup *su;
	sim_run *run;
	sim_session ss;
	accord_pack *scenario;
	lua_State *L;          /* the scenario's state */
	int agents;            /* stack index of scenario.delegations (or nil) */
	int fallback;          /* stack index of scenario.default (or nil) */
	int chair;             /* stack index of scenario.chair (a function, or nil/false: no chair) */
	unsigned round;        /* position-taking stages so far */
	accord_buf *transcript;
	accord_buf scratch;
	sim_compromise *compromises; /* compromise texts proposed in this run */
	size_t n_compromises, cap_compromises;
} run_state;

/* This thread's CPU time, in seconds. */
static inline double sim_thread_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* simulate_agents.c */
/* The amendment on the table id is, or stands for (a compromise text): its index in sim->items, or -1. */
int sim_item_of(const run_state *rs, const char *id);
/* Whether the stage lets action in (its `allows` list): 1, 0, or < 0 on failure. */
int sim_stage_allows(run_state *rs, const char *stage, const char *action, accord_error *err);
/*
** Asks every delegation about one open amendment and records their positions;
** an offer of a compromise (an agent's answer {position=..., offer=TEXT} or
** {position=..., drop=WORDS}) is proposed where the stage takes proposals,
** superseding the amendment.
*/
int sim_ask_about(run_state *rs, const accord_session_amendment *a, const accord_doc *now, const char *stage,
	accord_error *err);
/*
** Calls the agent on top of the scenario's stack as a run does: agent(amendment, ctx), with
** the amendment table at stack index amendment and ctx.said the table at index said, in the
** sandbox (budget, handler); pushes its answer. bench/bench_agents.c times it.
*/
int sim_agent_call(accord_pack *scenario, int amendment, int said, const char *code, unsigned round, const char *stage,
	unsigned long run, accord_error *err);
/* SIM_SUPPORT ... SIM_RESERVE for an answer's name, or -1. */
int sim_position_code(const char *name);
/* Votes on every open amendment as each delegation last spoke, where the stage takes votes. */
int sim_cast_votes(run_state *rs, accord_error *err);
/* Frees the run's list of compromise texts. */
void sim_compromises_dispose(run_state *rs);
/*
** Pushes the table an agent is asked about (id, op, target, paragraph,
** label, text, inserted, deleted, proposers, state); with_edits adds
** `edits` (a MOD's, each {at, count, deleted, inserted}) and `result` (the
** paragraph as the amendment makes it), for the chair.
*/
int sim_push_amendment(run_state *rs, const accord_session_amendment *stored, const accord_doc *now, int with_edits,
	accord_error *err);
/* Remembers compromise id as standing for item (once per item it replaces); the positions on item are cleared. */
int sim_remember_compromise(run_state *rs, const char *id, int item);
/* The code of a protected call's status (ACCORD_ENOMEM, ACCORD_ESCRIPT); pops the error message. */
int sim_protected_status(lua_State *L, int status, accord_error *err);
/* Calls f protected with ud as its one argument (ACCORD_ENOMEM, ACCORD_ESCRIPT when it raises). */
int sim_protected_c(lua_State *L, lua_CFunction f, void *ud, int nresults, accord_error *err);

/* simulate_chair.c */
/*
** The chair's compromise texts in a stage that takes positions and
** proposals (scenario.chair, docs/simulation.md "The chair"): after the
** delegations have spoken, paragraph by paragraph, where two or more MODs
** compete or one was objected to, the chair function may give a text; it
** is tabled superseding the amendments it replaces, where the pack allows.
*/
int sim_chair_stage(run_state *rs, const char *stage, accord_error *err);

/* simulate_result.c */
/* A new, empty aggregate with the arrays sized from the counts already set in sim (sim owns its names). */
int sim_alloc_counts(accord_sim *sim, accord_error *err);
/* Adds one run (rc == ACCORD_OK) to the aggregate. */
void sim_add_run(accord_sim *sim, const sim_run *run);
/*
** A decision on item with its tally (JSON): where it was a vote whose
** yes, no and threshold the tally reports, marks item voted and the
** delegations whose vote, switched to the other side, would have turned
** the result (passed: the decision agreed it).
*/
void sim_vote_pivots(const accord_sim *sim, sim_run *run, size_t item, const char *tally, int passed);

#endif
