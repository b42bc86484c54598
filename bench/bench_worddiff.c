/*
** bench_worddiff.c: the word diff engine alone on two files, for the benchmark.
**
**   bench_worddiff [--quiet] [--stats] [--raw] A B
**
** Reads both files, checks UTF-8, tokenizes them, diffs the token sequences
** and writes the word diff to standard output in the inline form
** "[-deleted-]{+inserted+}" (the whole text, as git --word-diff prints its
** hunks). --quiet skips the output (the engine only); --raw skips the
** clean-up (ACCORD_DIFF_RAW); --stats prints phase
** timings (processor time) and counts on standard error. Exit 0 when the files are equal, 1
** when they differ, 2 on usage errors, 3 on bad input.
*/
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "accord/diff.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void put_tokens(FILE *out, const char *text, const accord_token *t, size_t start, size_t count)
{
	if (count > 0)
		fwrite(text + t[start].offset, 1, t[start + count - 1].offset + t[start + count - 1].length - t[start].offset,
			out);
}

int main(int argc, char **argv)
{
	accord_buf a = ACCORD_BUF_INIT, b = ACCORD_BUF_INIT;
	accord_token *at = NULL, *bt = NULL;
	size_t an = 0, bn = 0, count, i;
	accord_diff *diff = NULL;
	const accord_diff_hunk *h;
	accord_diff_stats st;
	accord_error err;
	accord_diff_options opts = ACCORD_DIFF_OPTIONS_INIT;
	int quiet = 0, stats = 0, argi = 1, status = 3;
	double t0, t1, t2, t3, t4;

	for (; argi < argc && argv[argi][0] == '-' && argv[argi][1] == '-'; argi++) {
		if (strcmp(argv[argi], "--quiet") == 0)
			quiet = 1;
		else if (strcmp(argv[argi], "--stats") == 0)
			stats = 1;
		else if (strcmp(argv[argi], "--raw") == 0)
			opts.flags |= ACCORD_DIFF_RAW;
		else
			break;
	}
	if (argc - argi != 2) {
		fputs("usage: bench_worddiff [--quiet] [--stats] [--raw] A B\n", stderr);
		return 2;
	}
	t0 = now();
	if (accord_read_file(&a, argv[argi], &err) != 0 || accord_read_file(&b, argv[argi + 1], &err) != 0) {
		fprintf(stderr, "bench_worddiff: %s\n", err.message);
		goto cleanup;
	}
	if (accord_utf8_check(a.ptr, a.size, &err) != 0 || accord_utf8_check(b.ptr, b.size, &err) != 0) {
		fprintf(stderr, "bench_worddiff: %s\n", err.message);
		goto cleanup;
	}
	t1 = now();
	if (accord_tokenize(&at, &an, a.ptr, a.size) != 0 || accord_tokenize(&bt, &bn, b.ptr, b.size) != 0) {
		fputs("bench_worddiff: cannot tokenize\n", stderr);
		goto cleanup;
	}
	t2 = now();
	if (accord_diff_tokens(&diff, a.ptr, at, an, b.ptr, bt, bn, &opts, &err) != 0) {
		fprintf(stderr, "bench_worddiff: %s\n", err.message);
		goto cleanup;
	}
	t3 = now();
	h = accord_diff_hunks(diff, &count);
	if (!quiet) {
		for (i = 0; i < count; i++) {
			if (h[i].op == ACCORD_DIFF_EQUAL) {
				put_tokens(stdout, a.ptr, at, h[i].a_start, h[i].a_count);
				continue;
			}
			if (h[i].a_count) {
				fputs("[-", stdout);
				put_tokens(stdout, a.ptr, at, h[i].a_start, h[i].a_count);
				fputs("-]", stdout);
			}
			if (h[i].b_count) {
				fputs("{+", stdout);
				put_tokens(stdout, b.ptr, bt, h[i].b_start, h[i].b_count);
				fputs("+}", stdout);
			}
		}
		fflush(stdout);
	}
	t4 = now();
	accord_diff_get_stats(&st, diff);
	if (stats)
		fprintf(stderr,
			"read+check %.1f ms, tokenize %.1f ms (%zu + %zu tokens), diff %.1f ms, output %.1f ms; "
			"%zu changes, %zu deleted, %zu inserted tokens%s\n",
			(t1 - t0) * 1e3, (t2 - t1) * 1e3, an, bn, (t3 - t2) * 1e3, (t4 - t3) * 1e3, st.changes,
			st.deleted_tokens, st.inserted_tokens, st.approximate ? ", approximate" : "");
	status = ferror(stdout) ? 3 : st.changes > 0 ? 1 : 0;
cleanup:
	accord_diff_free(diff);
	accord_free(at);
	accord_free(bt);
	accord_buf_dispose(&a);
	accord_buf_dispose(&b);
	return status;
}
