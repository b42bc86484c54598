/*
** simulate_int.h: what the simulation's files share (simulate.c runs,
** simulate_result.c aggregates, reads and writes, simulate_report.c draws).
*/
#ifndef ACCORD_SIMULATE_INT_H
#define ACCORD_SIMULATE_INT_H

#include <limits.h>

#include <lua.h>

#include "accord/store.h"
#include "accord_pack.h"
#include "accord_simulate.h"
#include "session_rules.h"

/* How an amendment ended a run. */
enum { SIM_AGREED, SIM_AGREED_AD_REF, SIM_REJECTED, SIM_OPEN, SIM_OTHER, SIM_OUTCOMES };
/* A delegation's last position on an amendment in a run. */
enum { SIM_SILENT, SIM_SUPPORT, SIM_OBJECT, SIM_ABSTAIN, SIM_RESERVE, SIM_POSITIONS };
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
	unsigned *open_after;         /* n_stages */
	unsigned last_stage;          /* SIM_NO_STAGE when nothing was decided */
	char *example;                /* the compilation at the end (first run of a process only) */
	unsigned long agent_calls;
	double agent_seconds;         /* in agent calls */
	double seconds;               /* the whole run */
} sim_run;

/* simulate.c: what every run reads, the session of a run, and the run's state. */
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

/* A session of the scenario at path, with the pack loaded for it and the contributions submitted. */
typedef struct sim_session {
	accord_session *s;
	accord_session_pack *sp;
	char *path;
	int keep;           /* the file stays (--session) */
	size_t first_stage; /* the first stage that takes the contributions (the run starts there) */
} sim_session;

/* A run under way (simulate.c), as the agents' calls see it (simulate_agents.c). */
typedef struct run_state {
	const sim_setup *su;
	sim_run *run;
	sim_session ss;
	accord_pack *scenario;
	lua_State *L;          /* the scenario's state */
	int agents;            /* stack index of scenario.delegations (or nil) */
	int fallback;          /* stack index of scenario.default (or nil) */
	unsigned round;        /* position-taking stages so far */
	accord_buf *transcript;
	accord_buf scratch;
} run_state;

/* simulate_agents.c */
/* This thread's CPU time, in seconds. */
double sim_thread_seconds(void);
/*
** Pushes the table an agent is asked about (id, op, target, paragraph, label,
** text, inserted, deleted, proposers, state); nothing on failure
** (ACCORD_ENOMEM, or the errors of reading the stored amendment).
*/
int sim_push_amendment(run_state *rs, const accord_session_amendment *stored, const accord_doc *now,
	accord_error *err);
/*
** Asks every delegation's agent about the amendment whose table is on top
** of the stack (popped) and records the answers in the session and the run.
*/
int sim_ask_agents(run_state *rs, const char *id, int item, const char *stage, accord_error *err);

/* simulate_result.c */
/* A new, empty aggregate with the arrays sized from the counts already set in sim (sim owns its names). */
int sim_alloc_counts(accord_sim *sim, accord_error *err);
/* Adds one run (rc == ACCORD_OK) to the aggregate. */
void sim_add_run(accord_sim *sim, const sim_run *run);

#endif
