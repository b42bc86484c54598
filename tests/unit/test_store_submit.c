/*
** test_store_submit.c: a contribution written on an older revision
** (accord_session_submit_with, store_submit.c): which revision it is
** closest to, its changes carried forward onto the latest, those already
** adopted and those that would undo adopted text left out and reported,
** --rev given, a revision that does not exist, nothing left to propose,
** and allocation failures (ENOMEM, nothing written, nothing leaked).
**
** The session: the WTPF base; BRA deletes "standardization and " in p2,
** CHN deletes p9, IRN inserts "and developing countries" in p13; all three
** agreed and in Rev.1.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/sys/testing.h"
#include "accord/amend.h"
#include "accord/format.h"
#include "accord/proposal.h"
#include "accord/store.h"
#include "store_fixtures.h"

typedef struct fixture {
	char dir[64];
	char path[128];
	accord_session *s;
	accord_buf rev0; /* Rev.0 as text */
	accord_buf rev1; /* Rev.1 as text */
} fixture;

static void propose(accord_session *s, const char *party, accord_proposal *p)
{
	accord_error err;
	char *id = NULL;
	p->version = ACCORD_PROPOSAL_VERSION;
	if (accord_session_propose_edit(&id, s, party, p, NULL, 0, &err) != 0)
		fail_msg("propose: %s", err.message);
	accord_free(id);
}

static void text_of(accord_buf *out, accord_session *s, int rev)
{
	accord_doc *doc = NULL;
	accord_error err;
	assert_int_equal(accord_session_text(&doc, s, rev, &err), 0);
	assert_int_equal(accord_doc_render_text(out, doc), 0);
	accord_doc_free(doc);
}

static int setup(void **state)
{
	accord_proposal p;
	accord_session_decision *decisions = NULL;
	size_t n = 0;
	accord_error err;
	fixture *f = calloc(1, sizeof *f);
	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/test_store_submit.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof f->path, "%s/session.db", f->dir);
	f->s = create_wtpf_session(f->path, "base-wtpf-ieg-2-10-opinion-1.txt");

	memset(&p, 0, sizeof p);
	p.paragraph = "p2";
	p.delete_text = "standardization and ";
	propose(f->s, "BRA", &p);
	memset(&p, 0, sizeof p);
	p.delete_paragraph = "p9";
	propose(f->s, "CHN", &p);
	memset(&p, 0, sizeof p);
	p.paragraph = "p13";
	p.insert = "and developing countries";
	p.after_text = "Sector Members";
	propose(f->s, "IRN", &p);
	assert_int_equal(accord_session_stage(NULL, f->s, "adoption", &err), 0);
	assert_int_equal(accord_session_position(f->s, "BRA", "BRA/1", "support", &err), 0);
	assert_int_equal(accord_session_position(f->s, "CHN", "CHN/1", "support", &err), 0);
	assert_int_equal(accord_session_position(f->s, "IRN", "IRN/1", "support", &err), 0);
	assert_int_equal(accord_session_decide(&decisions, &n, f->s, ACCORD_DECIDE_ALL, NULL, &err), 0);
	accord_session_decisions_free(decisions, n);
	assert_int_equal(accord_session_revise(NULL, f->s, &err), 0);
	if (accord_session_stage_back(NULL, f->s, "drafting", &err) != 0)
		fail_msg("stage back: %s", err.message);
	text_of(&f->rev0, f->s, 0);
	text_of(&f->rev1, f->s, 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	char command[200];
	accord_session_close(f->s);
	accord_buf_dispose(&f->rev0);
	accord_buf_dispose(&f->rev1);
	snprintf(command, sizeof command, "rm -rf '%s'", f->dir);
	if (system(command) != 0)
		return -1;
	free(f);
	return 0;
}

/* text with its first `from` replaced by `to`, into out. */
static void edited(accord_buf *out, const accord_buf *text, const char *from, const char *to)
{
	const char *at = strstr(text->ptr, from);
	assert_non_null(at);
	accord_buf_clear(out);
	accord_buf_put(out, text->ptr, (size_t)(at - text->ptr));
	accord_buf_puts(out, to);
	accord_buf_puts(out, at + strlen(from));
}

static long count_events(const fixture *f)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	long n = -1;
	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM events", -1, &stmt, NULL), SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return n;
}

/* The UK's version of Rev.0: p1 changed (carried), p2's deleted words edited (undoes Rev.1), p13 as adopted. */
static void uk_contribution(accord_buf *out, const fixture *f)
{
	accord_buf a = ACCORD_BUF_INIT, b = ACCORD_BUF_INIT;
	edited(&a, &f->rev0, "adopted as far as possible", "adopted wherever possible");
	edited(&b, &a, "technical, standardization and socio-economic", "technical, standardization, legal and socio-economic");
	edited(out, &b, "Member States and Sector Members to support", "Member States and Sector Members and developing countries to support");
	accord_buf_dispose(&a);
	accord_buf_dispose(&b);
}

/* Rev.1 with the amendments of list applied, as text. */
static void applied(accord_buf *out, accord_session *s, const accord_amendment_list *list)
{
	accord_doc *doc = NULL;
	accord_error err;
	assert_int_equal(accord_session_text(&doc, s, -1, &err), 0);
	assert_int_equal(accord_amendments_apply(doc, list, &err), 0);
	accord_buf_clear(out);
	assert_int_equal(accord_doc_render_text(out, doc), 0);
	accord_doc_free(doc);
}

static void test_store_submit__detects_and_carries_forward(void **state)
{
	fixture *f = *state;
	accord_buf text = ACCORD_BUF_INIT, got = ACCORD_BUF_INIT, want = ACCORD_BUF_INIT;
	accord_amendment_list *list = NULL;
	accord_submit_result r;
	accord_error err;

	uk_contribution(&text, f);
	assert_int_equal(accord_session_submit_with(&list, &r, f->s, "gbr", "uk.txt", text.ptr, text.size, NULL, &err), 0);
	assert_int_equal(r.written_on, 0);
	assert_int_equal(r.latest, 1);
	assert_true(r.detected);
	assert_int_equal(r.carried, 1);
	assert_int_equal(r.n_adopted, 1);
	assert_int_equal(r.n_undoing, 1);
	assert_string_equal(r.left_out[0].op, "MOD");
	assert_string_equal(r.left_out[0].target, "p2");
	assert_false(r.left_out[0].adopted);
	assert_string_equal(r.left_out[1].target, "p13");
	assert_true(r.left_out[1].adopted);
	assert_string_equal(r.warning, "written on Rev.0, carried forward onto Rev.1 (1 change already adopted, "
				       "1 change that would undo text adopted since Rev.0 [MOD p2] left out)");
	assert_int_equal(accord_amendments_count(list), 1);
	assert_string_equal(accord_amendments_get(list, 0)->id, "GBR/1");
	assert_string_equal(accord_amendments_get(list, 0)->target, "p1");
	/* Rev.1 with it: only p1 changes; Rev.1's deletion and insertion stand */
	applied(&got, f->s, list);
	edited(&want, &f->rev1, "adopted as far as possible", "adopted wherever possible");
	assert_string_equal(got.ptr, want.ptr);
	accord_submit_result_dispose(&r);
	accord_submit_result_dispose(&r); /* idempotent */
	accord_amendments_free(list);
	accord_buf_dispose(&text);
	accord_buf_dispose(&got);
	accord_buf_dispose(&want);
}

static void test_store_submit__given_revision(void **state)
{
	fixture *f = *state;
	accord_submit_options opts = ACCORD_SUBMIT_OPTIONS_INIT;
	accord_buf text = ACCORD_BUF_INIT;
	accord_amendment_list *list = NULL;
	accord_submit_result r;
	accord_error err;
	long events = count_events(f);

	uk_contribution(&text, f);
	opts.rev = 2;
	assert_int_equal(accord_session_submit_with(&list, &r, f->s, "GBR", "uk.txt", text.ptr, text.size, &opts, &err),
		ACCORD_ENOTFOUND);
	assert_string_equal(err.message, "uk.txt: there is no Rev.2 in this session (the latest is Rev.1)");
	assert_null(list);
	assert_null(r.warning);
	assert_int_equal(count_events(f), events);
	opts.version = 99;
	assert_int_equal(accord_session_submit_with(&list, &r, f->s, "GBR", "uk.txt", text.ptr, text.size, &opts, &err),
		ACCORD_EINVAL);
	opts.version = ACCORD_SUBMIT_OPTIONS_VERSION;
	opts.rev = 0;
	assert_int_equal(accord_session_submit_with(&list, &r, f->s, "GBR", "uk.txt", text.ptr, text.size, &opts, &err), 0);
	assert_int_equal(r.written_on, 0);
	assert_false(r.detected);
	assert_int_equal(accord_amendments_count(list), 1);
	assert_int_equal(count_events(f), events + 1);
	accord_submit_result_dispose(&r);
	accord_amendments_free(list);
	accord_buf_dispose(&text);
}

static void test_store_submit__latest_gets_no_warning(void **state)
{
	fixture *f = *state;
	accord_buf text = ACCORD_BUF_INIT;
	accord_amendment_list *list = NULL;
	accord_submit_result r;
	accord_error err;

	edited(&text, &f->rev1, "adopted as far as possible", "adopted wherever possible");
	assert_int_equal(accord_session_submit_with(&list, &r, f->s, "GBR", "uk.txt", text.ptr, text.size, NULL, &err), 0);
	assert_int_equal(r.written_on, 1);
	assert_int_equal(r.latest, 1);
	assert_null(r.warning);
	assert_int_equal(r.carried, 0);
	assert_int_equal(r.n_adopted + r.n_undoing, 0);
	assert_int_equal(accord_amendments_count(list), 1);
	accord_submit_result_dispose(&r);
	accord_amendments_free(list);
	/* the plain call detects the same way */
	edited(&text, &f->rev1, "adopted as far as possible", "adopted where possible");
	assert_int_equal(accord_session_submit(&list, f->s, "KEN", "ken.txt", text.ptr, text.size, &err), 0);
	assert_int_equal(accord_amendments_count(list), 1);
	accord_amendments_free(list);
	accord_buf_dispose(&text);
}

/* Deleting a paragraph amended since, or amending one deleted since: left out; nothing left: EEMPTY. */
static void test_store_submit__nothing_left(void **state)
{
	fixture *f = *state;
	accord_buf text = ACCORD_BUF_INIT, a = ACCORD_BUF_INIT;
	accord_amendment_list *list = NULL;
	accord_submit_result r;
	accord_error err;
	const char *p13 = strstr(f->rev0.ptr, "b)\tMember States and Sector Members");
	long events = count_events(f);

	assert_non_null(p13);
	/* p13 deleted (Rev.1 amended it), p9 edited (Rev.1 deleted it) */
	accord_buf_put(&a, f->rev0.ptr, (size_t)(p13 - f->rev0.ptr));
	edited(&text, &a, "that these attempts by the UN family", "that these efforts by the UN family");
	assert_int_equal(accord_session_submit_with(&list, &r, f->s, "GBR", "uk.txt", text.ptr, text.size, NULL, &err),
		ACCORD_EEMPTY);
	assert_non_null(strstr(err.message, "uk.txt: nothing to propose: written on Rev.0, carried forward onto Rev.1 (2 "
					    "changes that would undo text adopted since Rev.0 ["));
	assert_non_null(strstr(err.message, "SUP p13"));
	assert_non_null(strstr(err.message, "MOD p9"));
	assert_null(list);
	assert_int_equal(count_events(f), events);
	accord_buf_dispose(&text);
	accord_buf_dispose(&a);
}

/* A new paragraph after one deleted since goes after the nearest earlier one still there. */
static void test_store_submit__new_paragraph_after_deleted_one(void **state)
{
	fixture *f = *state;
	accord_buf text = ACCORD_BUF_INIT;
	accord_amendment_list *list = NULL;
	accord_submit_result r;
	accord_error err;
	const accord_amendment *a;
	const char *p9 = strstr(f->rev0.ptr, "c)\tthat these attempts");
	const char *p10 = strstr(f->rev0.ptr, "d)\tthat the UN family");

	assert_non_null(p9);
	assert_non_null(p10);
	accord_buf_put(&text, f->rev0.ptr, (size_t)(p10 - f->rev0.ptr));
	accord_buf_puts(&text, "c bis)\tthat capacity building is essential;\n");
	accord_buf_puts(&text, p10);
	assert_int_equal(accord_session_submit_with(&list, &r, f->s, "GBR", "uk.txt", text.ptr, text.size, NULL, &err), 0);
	assert_int_equal(r.written_on, 0);
	assert_int_equal(accord_amendments_count(list), 1);
	a = accord_amendments_get(list, 0);
	assert_int_equal(a->op, ACCORD_OP_ADD);
	assert_string_equal(a->position.after, "p8");
	accord_submit_result_dispose(&r);
	accord_amendments_free(list);
	accord_buf_dispose(&text);
}

static void test_store_submit__allocation_failures(void **state)
{
	fixture *f = *state;
	accord_buf text = ACCORD_BUF_INIT;
	accord_amendment_list *list = NULL;
	accord_submit_result r;
	accord_error err;
	long n, events = count_events(f);
	int rc;

	uk_contribution(&text, f);
	for (n = 0;; n++) {
		accord_alloc_fail_after(n);
		rc = accord_session_submit_with(&list, &r, f->s, "GBR", "uk.txt", text.ptr, text.size, NULL, &err);
		accord_alloc_fail_after(-1);
		if (rc == 0)
			break;
		if (rc != ACCORD_ENOMEM)
			fail_msg("allocation %ld: %d %s", n, rc, err.message);
		assert_null(list);
		assert_null(r.warning);
		assert_int_equal(count_events(f), events);
		assert_true(n < 1000000);
	}
	assert_int_equal(count_events(f), events + 1);
	assert_int_equal(accord_amendments_count(list), 1);
	accord_submit_result_dispose(&r);
	accord_amendments_free(list);
	accord_buf_dispose(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_submit__detects_and_carries_forward, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_submit__given_revision, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_submit__latest_gets_no_warning, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_submit__nothing_left, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_submit__new_paragraph_after_deleted_one, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_submit__allocation_failures, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
