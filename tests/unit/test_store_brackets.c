/*
** test_store_brackets.c: a session from a bracketed text (store_brackets.c,
** accord_session_init.brackets): the questions tabled at init, by the
** parties the brackets name or the officer the session adds; a revision
** that resolves the questions decided and leaves the others bracketed;
** the log replays; every allocation failure is a clean ACCORD_ENOMEM.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accord/bracketed.h"
#include "accord/format.h"
#include "accord/store.h"
#include "accord/sys/testing.h"
#include "store_fixtures.h"

static const char base_text[] = " TEST TEXT\nThe Forum,\n\trecognizing\n"
				"a)\tthat Parties [shall][should] act [promptly];\n"
				"b)\tthat [USA: all] States [report] (IRN);\n";

typedef struct fixture {
	char dir[64];
	char path[128];
	accord_doc *base;
	accord_bracketed *brackets;
	accord_buf roster;
} fixture;

static int setup(void **state)
{
	static fixture f;
	accord_error err;
	memset(&f, 0, sizeof f);
	snprintf(f.dir, sizeof f.dir, "/tmp/test_store_brackets.XXXXXX");
	if (mkdtemp(f.dir) == NULL)
		return -1;
	snprintf(f.path, sizeof f.path, "%s/session.db", f.dir);
	if (accord_doc_parse(&f.base, base_text, strlen(base_text), NULL, &err) != 0 ||
	    accord_bracketed_read(&f.brackets, f.base, NULL, &err) != 0)
		return -1;
	read_seed(&f.roster, "roster.yaml");
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	char command[200];
	accord_bracketed_free(f->brackets);
	accord_doc_free(f->base);
	accord_buf_dispose(&f->roster);
	snprintf(command, sizeof command, "rm -rf '%s'", f->dir);
	return system(command) == 0 ? 0 : -1;
}

static int create(accord_session **s, fixture *f, accord_error *err)
{
	accord_session_init init = ACCORD_SESSION_INIT_INIT;
	init.workflow = "test";
	init.base = f->base;
	init.base_name = "base.txt";
	init.roster = f->roster.ptr;
	init.roster_len = f->roster.size;
	init.roster_name = "roster.yaml";
	init.brackets = f->brackets;
	unlink(f->path);
	return accord_session_create(s, f->path, &init, &rules, err);
}

/* Agrees ids (a support each), rejects the others (the test rules reject silence), revises. */
static int decide_and_revise(accord_session *s, const char *const *agreed, size_t n_agreed, accord_error *err)
{
	accord_session_decision *d = NULL;
	char *stage = NULL;
	size_t i, n = 0;
	int rc = accord_session_stage(&stage, s, "adoption", err);
	accord_free(stage);
	for (i = 0; rc == ACCORD_OK && i < n_agreed; i++)
		rc = accord_session_position(s, "USA", agreed[i], "support", err);
	if (rc == ACCORD_OK)
		rc = accord_session_decide(&d, &n, s, ACCORD_DECIDE_ALL, NULL, err);
	accord_session_decisions_free(d, n);
	if (rc == ACCORD_OK)
		rc = accord_session_revise(NULL, s, err);
	return rc;
}

static char *text_of(accord_session *s)
{
	accord_doc *doc = NULL;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	assert_int_equal(accord_session_text(&doc, s, -1, &err), 0);
	assert_int_equal(accord_doc_render_text(&out, doc), 0);
	accord_doc_free(doc);
	return accord_buf_detach(&out);
}

static void test_store_brackets__questions_and_revision(void **state)
{
	static const char *const agreed[] = {"CHAIR/2", "USA/1"};
	fixture *f = *state;
	accord_session *s = NULL;
	accord_session_amendment *list = NULL;
	accord_buf diff = ACCORD_BUF_INIT;
	accord_error err;
	size_t n = 0;
	char *text;
	assert_int_equal(create(&s, f, &err), 0);
	assert_int_equal(accord_session_amendments(&list, &n, s, -1, &err), 0);
	/* [shall][should]: CHAIR/1, CHAIR/2; [promptly]: CHAIR/3; [USA: all]: USA/1; [report] (IRN): IRN/1 */
	assert_int_equal(n, 5);
	assert_string_equal(list[0].id, "CHAIR/1");
	assert_string_equal(list[2].id, "CHAIR/3");
	assert_string_equal(list[3].id, "USA/1");
	assert_string_equal(list[4].id, "IRN/1");
	assert_string_equal(list[4].proposers, "IRN");
	assert_string_equal(list[0].target, "p1");
	accord_session_amendments_free(list, n);
	/* should agreed, shall and [promptly] rejected: p1 loses its brackets; all agreed, [report] rejected */
	assert_int_equal(decide_and_revise(s, agreed, 2, &err), 0);
	text = text_of(s);
	assert_string_equal(text, "TEST TEXT\nThe Forum,\n\n\trecognizing\na)\tthat Parties should act;\nb)\tthat all States;\n");
	accord_free(text);
	assert_int_equal(accord_session_amendments(&list, &n, s, ACCORD_STATE_AGREED, &err), 0);
	assert_int_equal(n, 2);
	accord_session_amendments_free(list, n);
	assert_int_equal(accord_session_replay(&diff, s, &err), 0);
	accord_buf_dispose(&diff);
	accord_session_close(s);
}

static void test_store_brackets__out_of_memory(void **state)
{
	static const char *const agreed[] = {"CHAIR/1"};
	fixture *f = *state;
	accord_session *s = NULL;
	accord_error err;
	long n;
	int rc;
	/* init: the questions tabled, or no file */
	for (n = 0;; n++) {
		accord_alloc_fail_after(n);
		rc = create(&s, f, &err);
		accord_alloc_fail_after(-1);
		if (rc == ACCORD_OK)
			break;
		if (rc != ACCORD_ENOMEM)
			fail_msg("init, allocation %ld: %d %s", n, rc, err.message);
		assert_int_equal(access(f->path, F_OK), -1);
	}
	assert_true(n > 20);
	/* the revision: whole or nothing (the session is left as it was) */
	assert_int_equal(accord_session_set_durable(s, 0, &err), 0);
	assert_int_equal(accord_session_position(s, "USA", agreed[0], "support", &err), 0);
	{
		accord_session_decision *d = NULL;
		char *stage = NULL;
		size_t k = 0;
		assert_int_equal(accord_session_stage(&stage, s, "adoption", &err), 0);
		accord_free(stage);
		assert_int_equal(accord_session_decide(&d, &k, s, ACCORD_DECIDE_ALL, NULL, &err), 0);
		accord_session_decisions_free(d, k);
	}
	for (n = 0;; n++) {
		unsigned rev = 0;
		accord_alloc_fail_after(n);
		rc = accord_session_revise(&rev, s, &err);
		accord_alloc_fail_after(-1);
		if (rc == ACCORD_OK)
			break;
		if (rc != ACCORD_ENOMEM)
			fail_msg("revise, allocation %ld: %d %s", n, rc, err.message);
		assert_int_equal(accord_session_revision_count(&rev, s, &err), 0);
		assert_int_equal(rev, 0);
	}
	assert_true(n > 20);
	accord_session_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_brackets__questions_and_revision, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_brackets__out_of_memory, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
