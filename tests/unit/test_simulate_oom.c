/*
** test_simulate_oom.c: allocation failure through accord_simulate (issue
** 17): the Nth allocation fails, for N = 0, 1, 2 ..., on a tiny scenario
** (tests/data/simulate/fixed.lua, one run): each failure must end with
** ACCORD_ENOMEM (or, where the failure hit Lua code that reports it as a
** script error, ACCORD_ESCRIPT naming memory), no result, no leak (the ASan
** and valgrind stages check that) and no temporary file left behind.
**
** One run makes about 9,000 allocations and takes about 0.1 s, so failing
** each one takes minutes: every N below DENSE is failed (the start of the
** work, where reading the scenario and its files, making the session and
** loading the pack run once each), then every STRIDE-th (a prime, so as
** not to follow the period of a loop), which still fails inside every
** stage of the run (positions, votes, decisions, revisions, the
** aggregate), and the loop ends at the first N that succeeds.
** ACCORD_OOM_STRIDE=1 in the environment fails every allocation (9,209
** when this was written, all clean).
*/
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accord/sys/testing.h"
#include "accord_simulate.h"

#define DENSE 1500
#define STRIDE 37

static char tmpdir[] = "/tmp/accord-sim-oom.XXXXXX";

/* Entries of tmpdir (what a simulation left behind). */
static int tmp_entries(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static int simulate_once(const char *scenario, long fail_after, accord_error *err)
{
	accord_sim_options o = ACCORD_SIM_OPTIONS_INIT;
	accord_sim *sim = NULL;
	accord_buf out = ACCORD_BUF_INIT;
	int rc;
	o.scenario = scenario;
	o.runs = 1;
	accord_alloc_fail_after(fail_after);
	rc = accord_simulate(&sim, &o, err);
	if (rc == 0)
		rc = accord_sim_render_json(&out, sim, err);
	accord_alloc_fail_after(-1);
	if (rc == 0)
		assert_non_null(strstr(out.ptr, "\"accord\""));
	accord_buf_dispose(&out);
	accord_sim_free(sim);
	return rc;
}

/* Every allocation of one run of scenario failing in turn (N stepped as above). */
static void each_allocation_fails(const char *scenario)
{
	accord_error err;
	const char *env = getenv("ACCORD_OOM_STRIDE");
	long n, stride = env && atol(env) > 0 ? atol(env) : STRIDE, tried = 0;
	int rc = -1;
	assert_non_null(mkdtemp(tmpdir));
	assert_int_equal(setenv("TMPDIR", tmpdir, 1), 0);
	assert_int_equal(setenv("ACCORD_WORKFLOWS", ACCORD_WORKFLOWS, 1), 0);
	/* it works when nothing fails */
	if (simulate_once(scenario, -1, &err) != 0)
		fail_msg("simulate: %s", err.message);
	assert_int_equal(tmp_entries(), 0);
	for (n = 0; n < 1000000; n += n < DENSE ? 1 : stride) {
		accord_error_clear(&err);
		rc = simulate_once(scenario, n, &err);
		tried++;
		if (rc == 0)
			break;
		if (rc != ACCORD_ENOMEM && !(rc == ACCORD_ESCRIPT && strstr(err.message, "memory") != NULL))
			fail_msg("allocation %ld failed: error %d (%s), not ACCORD_ENOMEM", n, rc, err.message);
		if (tmp_entries() != 0)
			fail_msg("allocation %ld failed: a temporary file was left in %s", n, tmpdir);
	}
	assert_int_equal(rc, 0);
	print_message("%s: %ld allocation failures tried, up to allocation %ld\n", scenario, tried, n);
	rmdir(tmpdir);
	strcpy(tmpdir + strlen(tmpdir) - 6, "XXXXXX");
}

static void test_simulate_oom__each_allocation_fails_cleanly(void **state)
{
	(void)state;
	each_allocation_fails(ACCORD_TESTDATA "/simulate/fixed.lua");
}

/* The compromise path too: offers tabled as MOD and ADD amendments, superseding. */
static void test_simulate_oom__with_compromise_texts(void **state)
{
	(void)state;
	each_allocation_fails(ACCORD_TESTDATA "/simulate/offers.lua");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simulate_oom__each_allocation_fails_cleanly),
		cmocka_unit_test(test_simulate_oom__with_compromise_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
