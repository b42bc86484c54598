/*
** bench_simulate: simulated drafting rounds per second, with one and two
** jobs, on a scenario (accord_simulate.h); the time agents take and the
** share of a run spent outside them.
**
**   bench_simulate SCENARIO RUNS [JOBS...]
**
** For each JOBS (default 1 2): runs/s (wall), agent calls per run, the
** thread time of one agent call, and the share of run time outside agent
** calls (the session store, the pack's rules, revisions). bench/run_simulate.sh
** runs it on the WTPF example and on the 193-delegation scale scenario.
*/
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include "accord_simulate.h"

int main(int argc, char **argv)
{
	int i;
	unsigned long runs;
	if (argc < 3) {
		fprintf(stderr, "usage: %s SCENARIO RUNS [JOBS...]\n", argv[0]);
		return 2;
	}
	runs = strtoul(argv[2], NULL, 10);
	/* as accord simulate does (cli/cmd_simulate.c): large blocks stay mapped */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	printf("%-44s %5s %5s %9s %12s %14s %10s\n", "scenario", "runs", "jobs", "runs/s", "agent calls", "us per call",
		"outside");
	for (i = argc > 3 ? 3 : 2; i < (argc > 3 ? argc : 4); i++) {
		accord_sim_options opts = ACCORD_SIM_OPTIONS_INIT;
		accord_sim_stats st;
		accord_sim *sim = NULL;
		accord_error err;
		unsigned jobs = argc > 3 ? (unsigned)strtoul(argv[i], NULL, 10) : (unsigned)(i - 1);
		opts.scenario = argv[1];
		opts.runs = runs;
		opts.jobs = jobs;
		if (accord_simulate(&sim, &opts, &err) != ACCORD_OK) {
			fprintf(stderr, "bench_simulate: %s: %s\n", err.file, err.message);
			return 1;
		}
		accord_sim_get_stats(sim, &st);
		printf("%-44.44s %5lu %5u %9.2f %12lu %14.1f %9.0f%%\n", argv[1], runs, jobs, (double)runs / st.wall_seconds,
			st.agent_calls / runs, st.agent_calls ? 1e6 * st.agent_seconds / (double)st.agent_calls : 0.0,
			st.run_seconds > 0 ? 100.0 * (st.run_seconds - st.agent_seconds) / st.run_seconds : 0.0);
		accord_sim_free(sim);
	}
	return 0;
}
