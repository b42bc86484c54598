/*
** test_store_log.c: the event log as records (accord_session_log) and its
** renderings (accord_session_log_render), on a session driven through
** every action: each record carries its action's fields as C values (the
** table in accord/store.h), the text form is what `accord log` prints,
** and reading the log fails cleanly when memory runs out. The rules are
** test_store's (store_fixtures.h).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/sys/testing.h"
#include "accord/format.h"
#include "accord/store.h"
#include "store_fixtures.h"

/* ---- the session ------------------------------------------------------------------ */

typedef struct fixture {
	char dir[64];
	char path[128];
	accord_session *s;
} fixture;

/* Proposes paragraph para of the latest revision with `words` appended, superseding `supersedes` (or NULL). */
static void propose_append(accord_session *s, const char *party, const char *para, const char *words,
	const char *supersedes, const char *expected_id)
{
	accord_doc *doc = NULL;
	accord_buf text = ACCORD_BUF_INIT;
	accord_error err;
	char *id = NULL;
	accord_para *p;
	assert_int_equal(accord_session_text(&doc, s, -1, &err), 0);
	p = accord_doc_find_para(doc, para);
	assert_non_null(p);
	accord_buf_printf(&text, "%s %s", accord_para_text(p), words);
	assert_int_equal(accord_para_set_text(p, text.ptr), 0);
	if (accord_session_propose_doc(&id, s, party, doc, -1, supersedes != NULL ? &supersedes : NULL,
		    supersedes != NULL ? 1 : 0, &err) != 0)
		fail_msg("propose %s: %s", party, err.message);
	assert_string_equal(id, expected_id);
	accord_free(id);
	accord_buf_dispose(&text);
	accord_doc_free(doc);
}

/* init, submit, propose (one superseding), cosponsor, withdraw, three comments, stage, positions, decide, revise. */
static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	accord_session_init init = ACCORD_SESSION_INIT_INIT;
	accord_buf roster = ACCORD_BUF_INIT, contribution = ACCORD_BUF_INIT;
	accord_session_decision *d = NULL;
	accord_doc *base;
	accord_error err;
	size_t n = 0;
	unsigned rev = 0;
	int64_t comment = 0;

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/test_store_log.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof f->path, "%s/session.db", f->dir);
	base = load_seed("base-wtpf-ieg-2-10-opinion-1.txt");
	read_seed(&roster, "roster.yaml");
	init.workflow = "test";
	init.base = base;
	init.base_name = "base.txt";
	init.roster = roster.ptr;
	init.roster_len = roster.size;
	init.roster_name = "roster.yaml";
	if (accord_session_create(&f->s, f->path, &init, &rules, &err) != 0)
		fail_msg("create: %s", err.message);
	accord_session_set_clock(f->s, 1800000000); /* 2027-01-15T08:00:00Z */
	read_seed(&contribution, "contrib-IRN.txt");
	assert_int_equal(accord_session_submit(NULL, f->s, "IRN", "contrib-IRN.txt", contribution.ptr, contribution.size,
				 &err), 0);
	propose_append(f->s, "USA", "p12", "as appropriate", NULL, "USA/1");
	propose_append(f->s, "BRA", "p11", "and others", NULL, "BRA/1");
	propose_append(f->s, "CHN", "p12", "where appropriate", "USA/1", "CHN/1");
	assert_int_equal(accord_session_cosponsor(f->s, "GBR", "CHN/1", &err), 0);
	assert_int_equal(accord_session_withdraw(f->s, "BRA", "BRA/1", &err), 0);
	assert_int_equal(accord_session_comment(&comment, f->s, "USA", "p12", "A \"quoted\" remark", &err), 0);
	assert_int_equal(accord_session_comment(&comment, f->s, "IRN", "CHN/1", "On CHN/1.", &err), 0);
	assert_int_equal(accord_session_comment(&comment, f->s, "ISOC", NULL, "On the whole text.", &err), 0);
	assert_int_equal(comment, 3);
	assert_int_equal(accord_session_stage(NULL, f->s, NULL, &err), 0);
	assert_int_equal(accord_session_position(f->s, "USA", "CHN/1", "support", &err), 0);
	assert_int_equal(accord_session_position(f->s, "IRN", "CHN/1", "reserve", &err), 0);
	assert_int_equal(accord_session_position(f->s, "USA", "IRN/1", "object", &err), 0);
	assert_int_equal(accord_session_decide(&d, &n, f->s, ACCORD_DECIDE_AMENDMENT, "CHN/1", &err), 0);
	accord_session_decisions_free(d, n);
	assert_int_equal(accord_session_decide(&d, &n, f->s, ACCORD_DECIDE_AMENDMENT, "IRN/1", &err), 0);
	accord_session_decisions_free(d, n);
	assert_int_equal(accord_session_decide(&d, &n, f->s, ACCORD_DECIDE_AMENDMENT, "IRN/2", &err), 0);
	accord_session_decisions_free(d, n);
	{ /* nothing is agreed outright here (a reserve, an objection): the revision must be asked for */
		accord_revise_options opts = ACCORD_REVISE_OPTIONS_INIT;
		accord_revise_result done;
		opts.allow_empty = 1;
		if (accord_session_revise_with(&done, f->s, &opts, &err) != 0)
			fail_msg("revise: %s", err.message);
		rev = done.rev;
	}
	assert_int_equal(rev, 1);
	accord_buf_dispose(&roster);
	accord_buf_dispose(&contribution);
	accord_doc_free(base);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	char command[200];
	accord_session_close(f->s);
	snprintf(command, sizeof command, "rm -rf '%s'", f->dir);
	if (system(command) != 0)
		return -1;
	free(f);
	return 0;
}

/* ---- the records -------------------------------------------------------------------- */

/* The record of the n-th event (1-based), its action checked. */
static const accord_log_record *event(const accord_log_record *r, size_t count, size_t n, const char *action)
{
	assert_true(n >= 1 && n <= count);
	assert_int_equal(r[n - 1].seq, (int64_t)n);
	assert_string_equal(r[n - 1].action, action);
	return &r[n - 1];
}

/* What an action does not carry is NULL, empty or -1. */
static void assert_carries_nothing_else(const accord_log_record *r)
{
	const char *action = r->action;
	if (strcmp(action, "init") != 0)
		assert_int_equal(r->parties.count, 0);
	if (strcmp(action, "submit") != 0) {
		assert_int_equal(r->amendments.count, 0);
		assert_null(r->file);
		assert_int_equal(r->contribution, -1);
	}
	if (strcmp(action, "propose") != 0) {
		assert_int_equal(r->supersedes.count, 0);
		assert_null(r->op);
	}
	if (strcmp(action, "comment") != 0) {
		assert_int_equal(r->comment, -1);
		assert_null(r->text);
		assert_null(r->paragraph);
	}
	if (strcmp(action, "position") != 0)
		assert_int_equal(r->position, ACCORD_POS_ABSENT);
	if (strcmp(action, "decide") != 0)
		assert_int_equal(r->n_decisions, 0);
	if (strcmp(action, "revise") != 0)
		assert_int_equal(r->incorporated.count + r->carried.count + r->lapsed.count, 0);
	if (strcmp(action, "stage") != 0)
		assert_null(r->previous_stage);
	if (strcmp(action, "init") != 0 && strcmp(action, "stage") != 0)
		assert_null(r->stage);
	if (strcmp(action, "init") == 0 || strcmp(action, "stage") == 0 || strcmp(action, "decide") == 0 ||
	    strcmp(action, "revise") == 0) {
		assert_string_equal(r->actor, "chair");
		assert_null(r->party);
	} else {
		assert_string_equal(r->party, r->actor);
	}
}

static void test_store_log__records_of_every_action(void **state)
{
	fixture *f = *state;
	accord_log_record *log = NULL;
	const accord_log_record *r;
	accord_error err;
	size_t n = 0, i;

	assert_int_equal(accord_session_log(&log, &n, f->s, &err), 0);
	assert_int_equal(n, 18);
	for (i = 0; i < n; i++)
		assert_carries_nothing_else(&log[i]);

	r = event(log, n, 1, "init");
	assert_string_equal(r->workflow, "test");
	assert_string_equal(r->stage, "drafting");
	assert_string_equal(r->base_name, "base.txt");
	assert_int_equal(r->parties.count, 24);
	assert_string_equal(r->parties.items[0], "IRN");
	assert_int_equal(r->revision, -1);

	r = event(log, n, 2, "submit");
	assert_string_equal(r->at, "2027-01-15T08:00:00.000Z");
	assert_string_equal(r->actor, "IRN");
	assert_string_equal(r->file, "contrib-IRN.txt");
	assert_int_equal(r->contribution, 1);
	assert_int_equal(r->revision, 0);
	assert_int_equal(r->amendments.count, 12);
	assert_string_equal(r->amendments.items[0], "IRN/1");
	assert_string_equal(r->amendments.items[11], "IRN/12");

	r = event(log, n, 3, "propose");
	assert_string_equal(r->amendment, "USA/1");
	assert_string_equal(r->op, "MOD");
	assert_string_equal(r->target, "p12");
	assert_int_equal(r->revision, 0);
	assert_int_equal(r->supersedes.count, 0);
	r = event(log, n, 5, "propose");
	assert_string_equal(r->party, "CHN");
	assert_string_equal(r->amendment, "CHN/1");
	assert_int_equal(r->supersedes.count, 1);
	assert_string_equal(r->supersedes.items[0], "USA/1");

	r = event(log, n, 6, "cosponsor");
	assert_string_equal(r->party, "GBR");
	assert_string_equal(r->amendment, "CHN/1");

	r = event(log, n, 7, "withdraw");
	assert_string_equal(r->amendment, "BRA/1");
	assert_int_equal(r->from, ACCORD_STATE_PROPOSED);
	assert_int_equal(r->to, ACCORD_STATE_WITHDRAWN);

	r = event(log, n, 8, "comment");
	assert_int_equal(r->comment, 1);
	assert_string_equal(r->paragraph, "p12");
	assert_null(r->amendment);
	assert_string_equal(r->text, "A \"quoted\" remark");
	r = event(log, n, 9, "comment");
	assert_string_equal(r->amendment, "CHN/1");
	assert_null(r->paragraph);
	r = event(log, n, 10, "comment");
	assert_string_equal(r->party, "ISOC");
	assert_null(r->amendment);
	assert_null(r->paragraph);
	assert_int_equal(r->comment, 3);

	r = event(log, n, 11, "stage");
	assert_string_equal(r->previous_stage, "drafting");
	assert_string_equal(r->stage, "adoption");

	r = event(log, n, 13, "position");
	assert_string_equal(r->party, "IRN");
	assert_string_equal(r->amendment, "CHN/1");
	assert_int_equal(r->position, ACCORD_POS_RESERVE);

	r = event(log, n, 15, "decide");
	assert_int_equal(r->n_decisions, 1);
	assert_int_equal(r->decisions[0].id, 1);
	assert_string_equal(r->decisions[0].amendment, "CHN/1");
	assert_null(r->decisions[0].paragraph);
	assert_int_equal(r->decisions[0].outcome, ACCORD_SESSION_AGREED_AD_REF);
	assert_int_equal(r->decisions[0].from, ACCORD_STATE_PROPOSED);
	assert_int_equal(r->decisions[0].to, ACCORD_STATE_AGREED_AD_REF);
	assert_string_equal(r->decisions[0].rule, "consensus (test rules)");
	assert_string_equal(r->decisions[0].stage, "adoption");
	assert_string_equal(r->decisions[0].tally, "{\"support\":2,\"object\":0}");
	r = event(log, n, 16, "decide");
	assert_int_equal(r->decisions[0].outcome, ACCORD_SESSION_BRACKETED);
	assert_int_equal(r->decisions[0].to, ACCORD_STATE_BRACKETED);
	r = event(log, n, 17, "decide");
	assert_int_equal(r->decisions[0].id, 3);
	assert_int_equal(r->decisions[0].outcome, ACCORD_SESSION_REJECTED);

	r = event(log, n, 18, "revise");
	assert_int_equal(r->revision, 1);
	assert_int_equal(r->incorporated.count, 0);
	assert_true(r->carried.count > 0);
	assert_string_equal(r->carried.items[0], "IRN/1");
	accord_session_log_free(log, n);
	accord_session_log_free(NULL, 0);
}

static void test_store_log__renderings(void **state)
{
	fixture *f = *state;
	accord_buf text = ACCORD_BUF_INIT, json = ACCORD_BUF_INIT;
	accord_error err;
	size_t lines = 0;
	const char *p;

	assert_int_equal(accord_session_log_render(&text, f->s, ACCORD_SESSION_FORMAT_TEXT, &err), 0);
	assert_non_null(strstr(text.ptr, "chair    init       workflow test, stage drafting, base base.txt, 24 parties\n"));
	assert_non_null(strstr(text.ptr, "\n   2  2027-01-15T08:00:00.000Z  IRN      submit     contrib-IRN.txt: IRN/1 IRN/2 "));
	assert_non_null(strstr(text.ptr, "  CHN      propose    CHN/1 MOD p12 superseding USA/1\n"));
	assert_non_null(strstr(text.ptr, "  GBR      cosponsor  CHN/1\n"));
	assert_non_null(strstr(text.ptr, "  BRA      withdraw   BRA/1\n"));
	assert_non_null(strstr(text.ptr, "  USA      comment    p12: \"A \"quoted\" remark\"\n"));
	assert_non_null(strstr(text.ptr, "  ISOC     comment    \"On the whole text.\"\n"));
	assert_non_null(strstr(text.ptr, "  chair    stage      drafting -> adoption\n"));
	assert_non_null(strstr(text.ptr, "  IRN      position   reserve on CHN/1\n"));
	assert_non_null(strstr(text.ptr, "  chair    decide     CHN/1 agreed_ad_ref\n"));
	assert_non_null(strstr(text.ptr, "  chair    revise     Rev.1: 0 applied, "));

	assert_int_equal(accord_session_log_render(&json, f->s, ACCORD_SESSION_FORMAT_JSON, &err), 0);
	for (p = json.ptr; *p != '\0'; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 18);
	assert_non_null(strstr(json.ptr, "\n{\"seq\":6,\"at\":\"2027-01-15T08:00:00.000Z\",\"actor\":\"GBR\","
					 "\"action\":\"cosponsor\",\"payload\":{\"party\":\"GBR\",\"amendment\":\"CHN/1\","));
	assert_int_equal(accord_session_log_render(&json, f->s, (accord_session_format)7, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_log_render(NULL, f->s, ACCORD_SESSION_FORMAT_TEXT, &err), ACCORD_EINVAL);
	accord_buf_dispose(&text);
	accord_buf_dispose(&json);
}

/* Every allocation of reading the log fails in turn: ACCORD_ENOMEM, nothing returned, nothing leaked. */
static void test_store_log__allocation_failures(void **state)
{
	fixture *f = *state;
	accord_log_record *log = NULL;
	accord_buf text = ACCORD_BUF_INIT;
	accord_error err;
	size_t n = 0;
	long k;
	int rc = ACCORD_ENOMEM;
	for (k = 0; rc != ACCORD_OK; k++) {
		accord_alloc_fail_after(k);
		rc = accord_session_log(&log, &n, f->s, &err);
		accord_alloc_fail_after(-1);
		if (rc != ACCORD_OK) {
			assert_int_equal(rc, ACCORD_ENOMEM);
			assert_null(log);
			assert_int_equal(n, 0);
		}
		assert_true(k < 100000);
	}
	assert_int_equal(n, 18);
	accord_session_log_free(log, n);
	for (rc = ACCORD_ENOMEM, k = 0; rc != ACCORD_OK; k++) {
		accord_buf_dispose(&text);
		accord_alloc_fail_after(k);
		rc = accord_session_log_render(&text, f->s, ACCORD_SESSION_FORMAT_TEXT, &err);
		accord_alloc_fail_after(-1);
		if (rc != ACCORD_OK)
			assert_int_equal(rc, ACCORD_ENOMEM);
	}
	accord_buf_dispose(&text);
}

static void test_store_log__null_arguments(void **state)
{
	fixture *f = *state;
	accord_log_record *log = NULL;
	accord_error err;
	size_t n = 0;
	assert_int_equal(accord_session_log(NULL, &n, f->s, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_log(&log, NULL, f->s, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_log(&log, &n, NULL, &err), ACCORD_EINVAL);
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* accord list and accord status print what these render. */
static void test_store_log__list_and_status(void **state)
{
	fixture *f = *state;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;

	assert_int_equal(accord_session_list_render(&out, f->s, ACCORD_STATE_AGREED_AD_REF, ACCORD_SESSION_FORMAT_TEXT, &err), 0);
	assert_string_equal(out.ptr, "CHN/1      agreed_ad_ref MOD      p12      a)      CHN,GBR          Rev.1\n");
	accord_buf_clear(&out);
	assert_int_equal(accord_session_list_render(&out, f->s, ACCORD_STATE_WITHDRAWN, ACCORD_SESSION_FORMAT_JSON, &err), 0);
	assert_true(starts_with(out.ptr, "{\"accord\":\"amendments/1\","));
	assert_non_null(strstr(out.ptr, "\"id\":\"BRA/1\""));
	assert_true(strchr(out.ptr, '\n') == out.ptr + out.size - 1); /* compact: one line */
	accord_buf_clear(&out);
	assert_int_equal(accord_session_status_render(&out, f->s, "NAME", ACCORD_SESSION_FORMAT_TEXT, &err), 0);
	assert_true(starts_with(out.ptr, "session:       NAME\nworkflow:      test\nstage:         adoption\n"
					 "text:          Rev.1 (base base.txt)\nparties:       24\ncontributions: 1\n"));
	assert_non_null(strstr(out.ptr, "\n  CHN/1      agreed_ad_ref MOD      p12      a)      IRN:reserve USA:support\n"));
	assert_non_null(strstr(out.ptr, "\ndecisions:     3\ncomments:      3\nevents:        18 (last "));
	accord_buf_clear(&out);
	assert_int_equal(accord_session_status_render(&out, f->s, NULL, ACCORD_SESSION_FORMAT_JSON, &err), 0);
	assert_true(out.ptr[0] == '{' && out.ptr[out.size - 2] == '}' && out.ptr[out.size - 1] == '\n');
	assert_int_equal(accord_session_list_render(&out, f->s, -1, (accord_session_format)2, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_list_render(&out, f->s, ACCORD_STATE_COUNT, ACCORD_SESSION_FORMAT_TEXT, &err),
		ACCORD_EINVAL);
	assert_int_equal(accord_session_status_render(&out, f->s, NULL, (accord_session_format)2, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_status_render(NULL, f->s, NULL, ACCORD_SESSION_FORMAT_TEXT, &err), ACCORD_EINVAL);
	accord_buf_dispose(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_log__records_of_every_action, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_log__renderings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_log__allocation_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_log__null_arguments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_log__list_and_status, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
