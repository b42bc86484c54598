/* cmd_simulate.c: accord simulate: simulated drafting rounds, many seeded runs, shards and their merge. */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "accord_simulate.h"
#include "cli.h"

const char cmd_simulate_usage[] =
	"Usage: accord simulate SCENARIO.lua [OPTIONS]\n"
	"       accord simulate --merge PART.json... [--json] [--report OUT.html]\n"
	"\n"
	"Runs simulated drafting rounds (docs/simulation.md): the scenario names a\n"
	"rule pack, a base text, the contributions on the table and the delegations'\n"
	"agents; each run is a real session driven by the pack's stages (positions,\n"
	"decisions, revisions). Prints how often each amendment is agreed, which\n"
	"paragraphs end free of brackets and which delegations are pivotal.\n"
	"\n"
	"Options:\n"
	"  -s, --seed S           the base seed: run i uses S + i (default 1)\n"
	"  -r, --runs N           runs in all (default 1)\n"
	"  -j, --jobs J           threads (default 1); the result is the same for any J\n"
	"      --shard K/N        run only the K-th of N disjoint slices of the runs and\n"
	"                         print a part for --merge (as JSON)\n"
	"      --session OUT      keep the first run's session file at OUT (must not exist)\n"
	"      --transcript OUT   write the first run's transcript (who said what, what was\n"
	"                         decided, the final text) to OUT ('-': standard output)\n"
	"      --report OUT.html  write a standalone HTML report\n"
	"      --json             print the result as JSON (\"simulation/1\")\n"
	"      --merge            the arguments are parts written with --shard: print\n"
	"                         their aggregate, equal to one run of them all\n"
	"  -o, --output OUT       write the result to OUT instead of standard output\n"
	"  -h, --help             print this help\n"
	"\n"
	"A progress line goes to stderr when it is a terminal.\n"
	"Exit status: 0 ok, 2 usage error, 3 bad scenario or part, 4 a script (agent,\n"
	"rule pack) failed or hit a limit, 5 a file cannot be read or written.\n";

/* The progress line: runs done, runs per second, time left. */
static void progress(void *data, unsigned long done, unsigned long total)
{
	const struct timespec *start = data;
	struct timespec now;
	double elapsed, rate;
	clock_gettime(CLOCK_MONOTONIC, &now);
	elapsed = (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
	rate = elapsed > 0 ? (double)done / elapsed : 0;
	fprintf(stderr, "\raccord: simulate: %lu/%lu runs, %.1f runs/s, %.0f s left   ", done, total, rate,
		rate > 0 ? (double)(total - done) / rate : 0.0);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

static int parse_shard(const char *text, unsigned long *k, unsigned long *n)
{
	char tail;
	if (sscanf(text, "%lu/%lu%c", k, n, &tail) != 2 || *n == 0 || *k == 0 || *k > *n)
		return -1;
	return 0;
}

static int merge_parts(accord_sim **out, int n, char **paths, accord_error *err)
{
	int i, rc = ACCORD_OK;
	*out = NULL;
	for (i = 0; i < n && rc == ACCORD_OK; i++) {
		accord_buf data = ACCORD_BUF_INIT;
		accord_sim *part = NULL;
		rc = accord_read_file(&data, paths[i], err);
		if (rc == ACCORD_OK)
			rc = accord_sim_parse_json(&part, data.ptr ? data.ptr : "", data.size, paths[i], err);
		accord_buf_dispose(&data);
		if (rc == ACCORD_OK && *out == NULL) {
			*out = part;
			part = NULL;
		} else if (rc == ACCORD_OK) {
			rc = accord_sim_merge(*out, part, err);
			if (rc != ACCORD_OK)
				accord_error_at(err, paths[i], 0, 0);
		}
		accord_sim_free(part);
	}
	if (rc != ACCORD_OK) {
		accord_sim_free(*out);
		*out = NULL;
	}
	return rc;
}

int cmd_simulate(int argc, char **argv)
{
	enum { OPT_SHARD = 256, OPT_SESSION, OPT_TRANSCRIPT, OPT_REPORT, OPT_JSON, OPT_MERGE };
	static const struct option long_options[] = {{"seed", required_argument, NULL, 's'},
		{"runs", required_argument, NULL, 'r'}, {"jobs", required_argument, NULL, 'j'},
		{"shard", required_argument, NULL, OPT_SHARD}, {"session", required_argument, NULL, OPT_SESSION},
		{"transcript", required_argument, NULL, OPT_TRANSCRIPT}, {"report", required_argument, NULL, OPT_REPORT},
		{"json", no_argument, NULL, OPT_JSON}, {"merge", no_argument, NULL, OPT_MERGE},
		{"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	accord_sim_options opts = ACCORD_SIM_OPTIONS_INIT;
	accord_buf transcript = ACCORD_BUF_INIT, result = ACCORD_BUF_INIT, report = ACCORD_BUF_INIT;
	const char *transcript_path = NULL, *report_path = NULL, *output = "-";
	struct timespec start;
	accord_sim *sim = NULL;
	accord_error err;
	unsigned long long number;
	int json = 0, merge = 0, c, rc;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":s:r:j:o:h", long_options, NULL)) != -1) {
		switch (c) {
		case 's':
			if (strcmp(optarg, "0") == 0)
				opts.seed = 0;
			else if (cli_parse_count(optarg, &number) != 0)
				return cli_usage_error("simulate", "--seed takes a whole number");
			else
				opts.seed = number;
			break;
		case 'r':
			if (cli_parse_count(optarg, &number) != 0 || number > 100000000ULL)
				return cli_usage_error("simulate", "--runs takes a number from 1 to 100000000");
			opts.runs = (unsigned long)number;
			break;
		case 'j':
			if (cli_parse_count(optarg, &number) != 0 || number > 64)
				return cli_usage_error("simulate", "--jobs takes a number from 1 to 64");
			opts.jobs = (unsigned)number;
			break;
		case OPT_SHARD: {
			unsigned long k, n;
			if (parse_shard(optarg, &k, &n) != 0)
				return cli_usage_error("simulate", "--shard takes K/N with 1 <= K <= N, not '%s'", optarg);
			opts.shard = k - 1;
			opts.shards = n;
			json = 1;
			break;
		}
		case OPT_SESSION: opts.session_out = optarg; break;
		case OPT_TRANSCRIPT: transcript_path = optarg; break;
		case OPT_REPORT: report_path = optarg; break;
		case OPT_JSON: json = 1; break;
		case OPT_MERGE: merge = 1; break;
		case 'o': output = optarg; break;
		case 'h': return cli_help("simulate");
		default: return cli_bad_option("simulate", c, argv);
		}
	}
	if (merge) {
		if (optind >= argc)
			return cli_usage_error("simulate", "--merge needs the parts (files written with --shard)");
		if (opts.shards > 0 || opts.session_out != NULL || transcript_path != NULL)
			return cli_usage_error("simulate", "--merge takes only --json, --report and --output");
		rc = merge_parts(&sim, argc - optind, argv + optind, &err);
	} else {
		if (argc - optind != 1)
			return cli_usage_error("simulate", "expected one SCENARIO");
		if (opts.shards > opts.runs)
			return cli_usage_error("simulate", "--shard K/N needs at least N runs");
		opts.scenario = argv[optind];
		/*
		** Each run makes and drops Lua states and a session: glibc would hand
		** their large blocks back to the kernel and map them again, and in a
		** process with threads (jobs, the sandbox's watchdogs) every unmap
		** costs a TLB shootdown on every core. Keeping them mapped took the
		** WTPF example from 2.1 to 5.1 runs/s (bench/run_simulate.sh).
		*/
		mallopt(M_MMAP_THRESHOLD, 64 << 20);
		mallopt(M_TRIM_THRESHOLD, 256 << 20);
		opts.transcript = transcript_path != NULL ? &transcript : NULL;
		if (isatty(2)) {
			clock_gettime(CLOCK_MONOTONIC, &start);
			opts.progress = progress;
			opts.progress_data = &start;
		}
		rc = accord_simulate(&sim, &opts, &err);
	}
	if (rc != ACCORD_OK) {
		accord_buf_dispose(&transcript);
		return cli_report(&err);
	}
	rc = json ? accord_sim_render_json(&result, sim, &err) : accord_sim_render_text(&result, sim, &err);
	if (rc == ACCORD_OK && report_path != NULL)
		rc = accord_sim_render_html(&report, sim, &err);
	accord_sim_free(sim);
	if (rc != ACCORD_OK) {
		rc = cli_report(&err);
		goto done;
	}
	/* The files first, then what goes to standard output (a failure leaves no half-result there). */
	if (transcript_path != NULL && strcmp(transcript_path, "-") != 0 &&
	    (rc = cli_write_file(transcript_path, transcript.ptr ? transcript.ptr : "", transcript.size)) != EXIT_OK)
		goto done;
	if (report_path != NULL && (rc = cli_write_file(report_path, report.ptr, report.size)) != EXIT_OK)
		goto done;
	if (transcript_path != NULL && strcmp(transcript_path, "-") == 0 &&
	    (rc = cli_write_stdout(transcript.ptr ? transcript.ptr : "", transcript.size)) != EXIT_OK)
		goto done;
	rc = cli_write_file(output, result.ptr, result.size);
done:
	accord_buf_dispose(&transcript);
	accord_buf_dispose(&result);
	accord_buf_dispose(&report);
	return rc;
}
