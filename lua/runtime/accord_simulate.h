/*
** accord_simulate.h: simulated drafting rounds (docs/simulation.md).
**
** A scenario (a Lua file run in the sandbox) names a rule pack, a base text,
** the contributions on the table and the delegations with their agents. A
** run is a real drafting session, driven by the pack's stages: in each
** stage that takes positions every delegation's agent answers on every open
** amendment (and, where the scenario names a chair and the stage takes
** proposals, the chair tables compromise texts of its own where alternatives
** compete for a paragraph); in each stage that takes decisions the pack decides them; what
** was agreed goes into the next revision. Many seeded runs are aggregated:
** how often each amendment is agreed, each paragraph ends free of
** brackets, how many stages a run needs, and which delegations' objections
** decide.
**
** Determinism: run i uses the seed base + i, with which math.random is
** seeded in the scenario's and the pack's sandboxes; each run loads the
** scenario and the pack afresh (no state leaks from one run to the next);
** runs are aggregated in run order, so the aggregate is the same for any
** number of jobs, and shards merged (accord_sim_merge) give exactly the
** aggregate of one process.
*/
#ifndef ACCORD_SIMULATE_H
#define ACCORD_SIMULATE_H

#include "accord/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct accord_sim_options {
	unsigned version;              /* ACCORD_SIM_OPTIONS_VERSION */
	const char *scenario;          /* the scenario file */
	unsigned long long seed;       /* run i uses seed + i */
	unsigned long runs;            /* runs in all, >= 1 */
	unsigned jobs;                 /* threads (0: 1) */
	unsigned long shard;           /* this process runs the runs i with i % shards == shard */
	unsigned long shards;          /* 0 or 1: all the runs */
	const char *session_out;       /* keep the first run's session file here (must not exist); NULL: none */
	accord_buf *transcript;        /* the first run's transcript is appended here; NULL: none */
	void (*progress)(void *data, unsigned long done, unsigned long total); /* after each run (any thread, serialised) */
	void *progress_data;
} accord_sim_options;
#define ACCORD_SIM_OPTIONS_VERSION 1
#define ACCORD_SIM_OPTIONS_INIT {ACCORD_SIM_OPTIONS_VERSION, NULL, 1, 1, 1, 0, 0, NULL, NULL, NULL, NULL}

/* What runs gave, aggregated (or a shard's part of it). */
typedef struct accord_sim accord_sim;

/*
** Runs the scenario's simulations. Fails with the errors of reading the
** scenario and its files (ACCORD_EIO, ACCORD_EPARSE, ACCORD_ESCHEMA with
** scenario:line where Lua knows it), of the pack and agents
** (ACCORD_ESCRIPT, ACCORD_ELIMIT, naming the run and the agent), and
** ACCORD_EINVAL for bad options. No partial result is returned.
*/
ACCORD_API int accord_simulate(accord_sim **out, const accord_sim_options *opts, accord_error *err);
ACCORD_API void accord_sim_free(accord_sim *sim);

/*
** The result as JSON ("accord": "simulation/1", docs/simulation.md): the
** probabilities, and the counts they come from, so that the parts of
** sharded runs can be merged.
*/
ACCORD_API int accord_sim_render_json(accord_buf *out, const accord_sim *sim, accord_error *err);
/* A readable summary. */
ACCORD_API int accord_sim_render_text(accord_buf *out, const accord_sim *sim, accord_error *err);
/* A standalone HTML report with SVG charts (no network at view time). */
ACCORD_API int accord_sim_render_html(accord_buf *out, const accord_sim *sim, accord_error *err);

/* Reads a result written by accord_sim_render_json (a shard's part). */
ACCORD_API int accord_sim_parse_json(accord_sim **out, const char *data, size_t len, const char *name,
	accord_error *err);

/*
** Adds part to into: both from the same scenario, seed and number of runs,
** with no run in common (ACCORD_ESCHEMA otherwise, saying which).
*/
ACCORD_API int accord_sim_merge(accord_sim *into, const accord_sim *part, accord_error *err);

/* Where a simulation's time went (for benchmarks; it varies from one run to the next). */
typedef struct accord_sim_stats {
	unsigned long agent_calls; /* agents (and the chair) asked, over all runs */
	double agent_seconds;      /* thread time in agent calls, summed over runs */
	double run_seconds;        /* thread time in runs (set-up, sessions, pack, agents), summed */
	double wall_seconds;       /* the simulation from start to end */
} accord_sim_stats;
ACCORD_API void accord_sim_get_stats(const accord_sim *sim, accord_sim_stats *out);

/* Runs done in sim, and runs planned in all. */
ACCORD_API unsigned long accord_sim_runs_done(const accord_sim *sim);
ACCORD_API unsigned long accord_sim_runs_planned(const accord_sim *sim);

#ifdef __cplusplus
}
#endif
#endif
