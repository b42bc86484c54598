/*
** test_store.c: drafting sessions in SQLite: schema and constraints, the
** amendment state machine, refusals that leave the file byte for byte as
** it was, damaged, foreign and newer files, two concurrent writers, kill -9
** at random moments, replay, the append-only log, allocation failures, and
** the WTPF example end to end (IRN and USA submit, positions, decisions,
** Rev.1).
**
** The rules (store_fixtures.h) are a small C implementation of accord_session_rules
** (the store knows nothing of Lua): Member States propose and decide,
** Sector Members may only comment, consensus (no objection, at least one
** support) agrees. lua/runtime/session_rules.c gives the same interface over a
** real rule pack; tests/cli/sessions.sh runs the packs end to end.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "accord/sys/testing.h"
#include "accord/format.h"
#include "accord/store.h"
#include "store_fixtures.h"

/* ---- fixtures --------------------------------------------------------------------- */

typedef struct fixture {
	char dir[64];
	char path[128];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/test_store.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof f->path, "%s/session.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	char command[200];
	snprintf(command, sizeof command, "rm -rf '%s'", f->dir);
	if (system(command) != 0)
		return -1;
	free(f);
	return 0;
}

/* Creates the session at f->path over the WTPF base and roster. */
static accord_session *create_session(const fixture *f)
{
	accord_session_init init = ACCORD_SESSION_INIT_INIT;
	accord_buf roster = ACCORD_BUF_INIT;
	accord_session *s = NULL;
	accord_doc *base = load_seed("base-wtpf-ieg-2-10-opinion-1.txt");
	accord_error err;
	int rc;
	read_seed(&roster, "roster.yaml");
	init.workflow = "test";
	init.base = base;
	init.base_name = "base-wtpf-ieg-2-10-opinion-1.txt";
	init.roster = roster.ptr;
	init.roster_len = roster.size;
	init.roster_name = "roster.yaml";
	rc = accord_session_create(&s, f->path, &init, &rules, &err);
	if (rc != 0)
		fail_msg("create: %s", err.message);
	accord_buf_dispose(&roster);
	accord_doc_free(base);
	return s;
}

static accord_session *open_session(const fixture *f)
{
	accord_session *s = NULL;
	accord_error err;
	int rc = accord_session_open(&s, f->path, &err);
	if (rc != 0)
		fail_msg("open: %s", err.message);
	accord_session_set_rules(s, &rules);
	return s;
}

/* Proposes a change to paragraph `para` of the latest revision: `words` appended to its text. */
static int propose_append(char **id, accord_session *s, const char *party, const char *para, const char *words,
	accord_error *err)
{
	accord_doc *doc = NULL;
	accord_buf text = ACCORD_BUF_INIT;
	accord_para *p;
	int rc = accord_session_text(&doc, s, -1, err);
	if (rc != 0)
		return rc;
	p = accord_doc_find_para(doc, para);
	if (p == NULL) {
		accord_doc_free(doc);
		return ACCORD_ENOTFOUND;
	}
	accord_buf_printf(&text, "%s %s", accord_para_text(p), words);
	accord_para_set_text(p, text.ptr);
	rc = accord_session_propose_doc(id, s, party, doc, -1, NULL, 0, err);
	accord_buf_dispose(&text);
	accord_doc_free(doc);
	return rc;
}

/* FNV-1a over a file's bytes (0 when it cannot be read). */
static uint64_t file_hash(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint64_t h = 1469598103934665603ULL;
	int c;
	if (fp == NULL)
		return 0;
	while ((c = fgetc(fp)) != EOF) {
		h ^= (unsigned char)c;
		h *= 1099511628211ULL;
	}
	fclose(fp);
	return h;
}

static int64_t count_rows(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	int64_t n = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return n;
}

static void assert_replays(accord_session *s)
{
	accord_buf difference = ACCORD_BUF_INIT;
	accord_error err;
	int rc = accord_session_replay(&difference, s, &err);
	if (rc != 0)
		fail_msg("replay: %d %s %s", rc, rc < 0 ? err.message : "", difference.ptr != NULL ? difference.ptr : "");
	accord_buf_dispose(&difference);
}

/* ---- the state machine ---------------------------------------------------------------- */

/* The legal transitions as docs/sessions.md lists them, written out by hand: one bit per
 * cause (D decide, W withdraw, S supersede by a compromise, L lapse). The table in
 * store.c must say exactly this, pair by pair, and so must the file's own table. */
enum { D = 1 << ACCORD_CAUSE_DECIDE, W = 1 << ACCORD_CAUSE_WITHDRAW, S = 1 << ACCORD_CAUSE_SUPERSEDE,
	L = 1 << ACCORD_CAUSE_LAPSE };
static const unsigned expected_transitions[ACCORD_STATE_COUNT][ACCORD_STATE_COUNT] = {
	/* to: proposed bracketed agreed agreed_ad_ref rejected withdrawn superseded */
	[ACCORD_STATE_PROPOSED] = {0, D, D, D, D, W, S | L},
	[ACCORD_STATE_BRACKETED] = {0, D, D, D, D, W, S | L},
	[ACCORD_STATE_AGREED] = {0, 0, 0, 0, 0, 0, S},
	[ACCORD_STATE_AGREED_AD_REF] = {0, D, D, D, D, 0, S | L},
	[ACCORD_STATE_REJECTED] = {0, 0, 0, 0, 0, 0, 0},
	[ACCORD_STATE_WITHDRAWN] = {0, 0, 0, 0, 0, 0, 0},
	[ACCORD_STATE_SUPERSEDED] = {0, 0, 0, 0, 0, 0, 0},
};

static void test_store__transition_table(void **state)
{
	int from, to, cause;
	(void)state;
	for (from = 0; from < ACCORD_STATE_COUNT; from++)
		for (to = 0; to < ACCORD_STATE_COUNT; to++)
			for (cause = ACCORD_CAUSE_DECIDE; cause <= ACCORD_CAUSE_LAPSE; cause++) {
				int legal = accord_state_transition_legal((accord_amendment_state)from,
					(accord_amendment_state)to, (accord_transition_cause)cause);
				int expected = (expected_transitions[from][to] >> cause) & 1;
				if (legal != expected)
					fail_msg("%s -> %s by cause %d: %s in store.c, %s in docs/sessions.md",
						accord_state_name((accord_amendment_state)from),
						accord_state_name((accord_amendment_state)to), cause, legal ? "legal" : "illegal",
						expected ? "legal" : "illegal");
			}
	assert_string_equal(accord_state_name(ACCORD_STATE_AGREED_AD_REF), "agreed_ad_ref");
	assert_int_equal(accord_state_from_name("superseded"), ACCORD_STATE_SUPERSEDED);
	assert_int_equal(accord_state_from_name("nonsense"), -1);
	assert_null(accord_state_name((accord_amendment_state)99));
	for (from = 0; from < ACCORD_STATE_COUNT; from++) {
		assert_int_equal(accord_state_from_name(accord_state_name((accord_amendment_state)from)), from);
		/* open: a decision can still move it */
		assert_int_equal(accord_state_is_open((accord_amendment_state)from),
			from == ACCORD_STATE_PROPOSED || from == ACCORD_STATE_BRACKETED || from == ACCORD_STATE_AGREED_AD_REF);
	}
}

static accord_amendment_state state_of(accord_session *s, const char *id)
{
	accord_session_amendment *list = NULL;
	accord_amendment_state st = (accord_amendment_state)-1;
	accord_error err;
	size_t n = 0, i;
	assert_int_equal(accord_session_amendments(&list, &n, s, -1, &err), 0);
	for (i = 0; i < n; i++)
		if (strcmp(list[i].id, id) == 0)
			st = list[i].state;
	accord_session_amendments_free(list, n);
	return st;
}

static void test_store__transitions_through_actions(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_session_decision *d = NULL;
	char *a1 = NULL, *a2 = NULL, *a3 = NULL, *a4 = NULL, *stage = NULL;
	const char *supersedes[1];
	accord_error err;
	size_t n = 0;

	assert_int_equal(propose_append(&a1, s, "USA", "p1", "one", &err), 0);
	assert_string_equal(a1, "USA/1");
	assert_int_equal(propose_append(&a2, s, "USA", "p2", "two", &err), 0);
	assert_string_equal(a2, "USA/2");
	assert_int_equal(propose_append(&a3, s, "IRN", "p3", "three", &err), 0);
	assert_string_equal(a3, "IRN/1");
	assert_int_equal(state_of(s, a1), ACCORD_STATE_PROPOSED);

	/* Decisions wait for the adoption stage (the rules refuse: EREFUSED, nothing written). */
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_ALL, NULL, &err), ACCORD_EREFUSED);
	assert_int_equal(accord_session_stage(&stage, s, "nowhere", &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_stage(&stage, s, NULL, &err), 0);
	assert_string_equal(stage, "adoption");
	accord_free(stage);
	assert_int_equal(accord_session_stage(&stage, s, NULL, &err), ACCORD_ESTATE);

	/* proposed -> agreed; -> agreed_ad_ref with a reserve; bracketed by an objection */
	assert_int_equal(accord_session_position(s, "IRN", a1, "support", &err), 0);
	assert_int_equal(accord_session_position(s, "BRA", a2, "reserve", &err), 0);
	assert_int_equal(accord_session_position(s, "USA", a3, "object", &err), 0);
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_ALL, NULL, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(d[0].to, ACCORD_STATE_AGREED);
	assert_int_equal(d[1].to, ACCORD_STATE_AGREED_AD_REF);
	assert_int_equal(d[1].outcome, ACCORD_SESSION_AGREED_AD_REF);
	assert_int_equal(d[2].to, ACCORD_STATE_BRACKETED);
	assert_string_equal(d[0].rule, "consensus (test rules)");
	accord_session_decisions_free(d, n);
	d = NULL;
	assert_int_equal(state_of(s, a1), ACCORD_STATE_AGREED);

	/* agreed is final: no decision, withdrawal, position or co-sponsor */
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_AMENDMENT, a1, &err), ACCORD_ESTATE);
	assert_int_equal(accord_session_withdraw(s, "USA", a1, &err), ACCORD_ESTATE);
	assert_int_equal(accord_session_position(s, "IRN", a1, "object", &err), ACCORD_ESTATE);
	assert_int_equal(accord_session_cosponsor(s, "IRN", a1, &err), ACCORD_ESTATE);
	/* agreed ad referendum cannot be withdrawn; the reservation lifted, it is agreed */
	assert_int_equal(accord_session_withdraw(s, "USA", a2, &err), ACCORD_ESTATE);
	assert_int_equal(accord_session_position(s, "BRA", a2, "support", &err), 0);
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_AMENDMENT, a2, &err), 0);
	assert_int_equal(d[0].from, ACCORD_STATE_AGREED_AD_REF);
	assert_int_equal(d[0].to, ACCORD_STATE_AGREED);
	accord_session_decisions_free(d, n);
	d = NULL;
	/* bracketed stays bracketed under a standing objection; then superseded by a compromise */
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_PARAGRAPH, "p3", &err), 0);
	assert_int_equal(d[0].from, ACCORD_STATE_BRACKETED);
	assert_int_equal(d[0].to, ACCORD_STATE_BRACKETED);
	accord_session_decisions_free(d, n);
	d = NULL;
	assert_int_equal(accord_session_stage_back(&stage, s, "drafting", &err), 0);
	accord_free(stage);
	supersedes[0] = a3;
	{
		accord_doc *doc = NULL, *doc2 = NULL;
		accord_para *p;
		assert_int_equal(accord_session_text(&doc, s, -1, &err), 0);
		p = accord_doc_find_para(doc, "p3");
		assert_non_null(p);
		{
			accord_buf text = ACCORD_BUF_INIT;
			/* a wholly new text would be a deletion and an addition: two amendments */
			assert_int_equal(accord_session_propose_doc(&a4, s, "BRA", doc, 0, supersedes, 1, &err), ACCORD_EEMPTY);
			assert_int_equal(accord_para_set_text(p, "a compromise text"), 0);
			assert_int_equal(accord_session_propose_doc(&a4, s, "BRA", doc, 0, supersedes, 1, &err), ACCORD_EINVAL);
			assert_non_null(strstr(err.message, "one change at a time"));
			assert_int_equal(accord_session_text(&doc2, s, -1, &err), 0);
			accord_buf_printf(&text, "%s as a compromise", accord_para_text(accord_doc_find_para(doc2, "p3")));
			accord_doc_free(doc2);
			assert_int_equal(accord_para_set_text(p, text.ptr), 0);
			accord_buf_dispose(&text);
		}
		assert_int_equal(accord_session_propose_doc(&a4, s, "BRA", doc, 0, supersedes, 1, &err), 0);
		accord_doc_free(doc);
	}
	assert_string_equal(a4, "BRA/1");
	assert_int_equal(state_of(s, a3), ACCORD_STATE_SUPERSEDED);
	/* a superseded amendment cannot be superseded again (and nothing is written) */
	{
		accord_doc *doc = NULL;
		char *again = NULL;
		accord_buf text = ACCORD_BUF_INIT;
		assert_int_equal(accord_session_text(&doc, s, -1, &err), 0);
		accord_buf_printf(&text, "%s again", accord_para_text(accord_doc_find_para(doc, "p4")));
		assert_int_equal(accord_para_set_text(accord_doc_find_para(doc, "p4"), text.ptr), 0);
		accord_buf_dispose(&text);
		assert_int_equal(accord_session_propose_doc(&again, s, "BRA", doc, 0, supersedes, 1, &err), ACCORD_ESTATE);
		assert_null(again);
		accord_doc_free(doc);
	}
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM amendments WHERE superseded_by = 'BRA/1'"), 1);
	/* withdrawn by its proposer */
	assert_int_equal(accord_session_withdraw(s, "BRA", a4, &err), 0);
	assert_int_equal(state_of(s, a4), ACCORD_STATE_WITHDRAWN);
	assert_int_equal(accord_session_withdraw(s, "BRA", a4, &err), ACCORD_ESTATE);
	assert_replays(s);
	accord_free(a1);
	accord_free(a2);
	accord_free(a3);
	accord_free(a4);
	accord_session_close(s);
}

/* Decides one amendment; checks the state it left and the one it reached. */
static void decide_one(accord_session *s, const char *id, accord_amendment_state from, accord_amendment_state to)
{
	accord_session_decision *d = NULL;
	accord_error err;
	size_t n = 0;
	int rc = accord_session_decide(&d, &n, s, ACCORD_DECIDE_AMENDMENT, id, &err);
	if (rc != 0)
		fail_msg("decide %s: %d %s", id, rc, err.message);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].amendment, id);
	if (d[0].from != from || d[0].to != to)
		fail_msg("decide %s: %s -> %s, expected %s -> %s", id, accord_state_name(d[0].from),
			accord_state_name(d[0].to), accord_state_name(from), accord_state_name(to));
	accord_session_decisions_free(d, n);
	assert_int_equal(state_of(s, id), to);
}

/* Every decision a bracketed or agreed ad referendum amendment can take, through actions:
 * bracketed -> agreed, bracketed -> rejected, bracketed -> agreed_ad_ref,
 * agreed_ad_ref -> bracketed, agreed_ad_ref -> rejected, agreed_ad_ref -> agreed_ad_ref. */
static void test_store__decisions_on_bracketed_amendments(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	char *a[5] = {NULL}, *stage = NULL;
	static const char *const paras[5] = {"p1", "p2", "p3", "p4", "p5"};
	accord_error err;
	unsigned rev = 0;
	int i;

	for (i = 0; i < 5; i++)
		assert_int_equal(propose_append(&a[i], s, "USA", paras[i], "with all stakeholders", &err), 0);
	assert_int_equal(accord_session_stage(&stage, s, "adoption", &err), 0);
	accord_free(stage);
	/* an objection brackets each of them */
	for (i = 0; i < 5; i++) {
		assert_int_equal(accord_session_position(s, "IRN", a[i], "object", &err), 0);
		decide_one(s, a[i], ACCORD_STATE_PROPOSED, ACCORD_STATE_BRACKETED);
	}
	/* the objection lifted: bracketed -> agreed */
	assert_int_equal(accord_session_position(s, "IRN", a[0], "support", &err), 0);
	decide_one(s, a[0], ACCORD_STATE_BRACKETED, ACCORD_STATE_AGREED);
	/* nobody for it any more: bracketed -> rejected */
	assert_int_equal(accord_session_position(s, "IRN", a[1], "abstain", &err), 0);
	decide_one(s, a[1], ACCORD_STATE_BRACKETED, ACCORD_STATE_REJECTED);
	/* the objection turned into a reservation: bracketed -> agreed_ad_ref */
	assert_int_equal(accord_session_position(s, "IRN", a[2], "reserve", &err), 0);
	decide_one(s, a[2], ACCORD_STATE_BRACKETED, ACCORD_STATE_AGREED_AD_REF);
	/* the reservation stands: agreed_ad_ref stays */
	decide_one(s, a[2], ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_AGREED_AD_REF);
	/* an objection after all: agreed_ad_ref -> bracketed */
	assert_int_equal(accord_session_position(s, "BRA", a[2], "object", &err), 0);
	decide_one(s, a[2], ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_BRACKETED);
	assert_int_equal(accord_session_position(s, "IRN", a[3], "reserve", &err), 0);
	decide_one(s, a[3], ACCORD_STATE_BRACKETED, ACCORD_STATE_AGREED_AD_REF);
	/* the reservation withdrawn, nobody supports: agreed_ad_ref -> rejected */
	assert_int_equal(accord_session_position(s, "IRN", a[3], "abstain", &err), 0);
	decide_one(s, a[3], ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_REJECTED);
	/* a bracketed amendment under a standing objection stays bracketed */
	decide_one(s, a[4], ACCORD_STATE_BRACKETED, ACCORD_STATE_BRACKETED);

	/* the decisions table has each step, in order */
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM decisions"), 13);
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM decisions WHERE amendment = 'USA/1' AND "
					     "state_from = 'bracketed' AND state_to = 'agreed'"), 1);
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM decisions WHERE amendment = 'USA/2' AND "
					     "state_from = 'bracketed' AND state_to = 'rejected' AND outcome = 'rejected'"), 1);
	/* Rev.1 has the one agreed amendment: p1 changed, p2 ... p5 as they were */
	assert_int_equal(accord_session_revise(&rev, s, &err), 0);
	assert_int_equal(rev, 1);
	{
		accord_doc *rev0 = NULL, *rev1 = NULL;
		accord_buf want = ACCORD_BUF_INIT;
		assert_int_equal(accord_session_text(&rev0, s, 0, &err), 0);
		assert_int_equal(accord_session_text(&rev1, s, 1, &err), 0);
		accord_buf_printf(&want, "%s with all stakeholders", accord_para_text(accord_doc_find_para(rev0, "p1")));
		assert_string_equal(accord_para_text(accord_doc_find_para(rev1, "p1")), want.ptr);
		for (i = 1; i < 5; i++)
			assert_string_equal(accord_para_text(accord_doc_find_para(rev1, paras[i])),
				accord_para_text(accord_doc_find_para(rev0, paras[i])));
		accord_buf_dispose(&want);
		accord_doc_free(rev0);
		accord_doc_free(rev1);
	}
	assert_int_equal(count_rows(f->path, "SELECT incorporated FROM amendments WHERE id = 'USA/1'"), 1);
	/* the open ones (USA/3 and USA/5 bracketed) are carried over onto Rev.1 */
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM amendments WHERE revision = 1 AND state = 'bracketed'"),
		2);
	assert_replays(s);
	for (i = 0; i < 5; i++)
		accord_free(a[i]);
	accord_session_close(s);
}

/* Proposes `text` as the new text of paragraph `para` of the latest revision, superseding `ids`. */
static int propose_text(char **id, accord_session *s, const char *party, const char *para, const char *text,
	const char *const *ids, size_t n_ids, accord_error *err)
{
	accord_doc *doc = NULL;
	int rc = accord_session_text(&doc, s, -1, err);
	if (rc != 0)
		return rc;
	assert_non_null(accord_doc_find_para(doc, para));
	assert_int_equal(accord_para_set_text(accord_doc_find_para(doc, para), text), 0);
	rc = accord_session_propose_doc(id, s, party, doc, -1, ids, n_ids, err);
	accord_doc_free(doc);
	return rc;
}

static void agree(accord_session *s, const char *id)
{
	accord_error err;
	assert_int_equal(accord_session_position(s, "USA", id, "support", &err), 0);
	decide_one(s, id, ACCORD_STATE_PROPOSED, ACCORD_STATE_AGREED);
}

/* Two agreed amendments that do not fit together stop the revision (ACCORD_ECONFLICT, the
 * file as it was); a compromise text superseding them clears it, as docs/sessions.md says.
 * An agreed amendment is superseded only then, and never once a revision has applied it. */
static void test_store__conflict_and_compromise(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	char *usa = NULL, *irn = NULL, *other = NULL, *compromise = NULL, *stage = NULL, *late = NULL;
	const char *both[2];
	accord_doc *rev0 = NULL, *rev1 = NULL;
	accord_buf text = ACCORD_BUF_INIT;
	accord_error err;
	uint64_t before;
	unsigned rev = 0;

	assert_int_equal(accord_session_text(&rev0, s, 0, &err), 0);
	/* the same words of p1 replaced in two ways */
	assert_int_equal(propose_text(&usa, s, "USA", "p1",
		"that, per article 37 of the Tunis Agenda, a multi-stakeholder approach should be adopted wherever "
		"possible, at all levels, to improve the coordination of the activities of international and "
		"intergovernmental organizations and other institutions concerned with Internet governance and the "
		"exchange of information among themselves;", NULL, 0, &err), 0);
	assert_int_equal(propose_text(&irn, s, "IRN", "p1",
		"that, per article 37 of the Tunis Agenda, a multi-stakeholder approach should be adopted at all "
		"levels, to improve the coordination of the activities of international and intergovernmental "
		"organizations and other institutions concerned with Internet governance and the exchange of "
		"information among themselves;", NULL, 0, &err), 0);
	assert_int_equal(propose_append(&other, s, "BRA", "p2", "and more", &err), 0);
	assert_int_equal(accord_session_stage(&stage, s, "adoption", &err), 0);
	accord_free(stage);
	agree(s, other);
	/* nothing conflicts yet: the agreement on BRA/1 stands */
	both[0] = other;
	assert_int_equal(accord_session_stage_back(&stage, s, "drafting", &err), 0);
	accord_free(stage);
	accord_buf_printf(&text, "%s too", accord_para_text(accord_doc_find_para(rev0, "p3")));
	assert_int_equal(propose_text(NULL, s, "USA", "p3", text.ptr, both, 1, &err), ACCORD_ESTATE);
	accord_buf_clear(&text);
	assert_non_null(strstr(err.message, "only while the agreed amendments do not fit together"));
	assert_int_equal(accord_session_stage(&stage, s, "adoption", &err), 0);
	accord_free(stage);
	agree(s, usa);
	agree(s, irn);
	accord_session_close(s);

	before = file_hash(f->path);
	s = open_session(f);
	assert_int_equal(accord_session_revise(&rev, s, &err), ACCORD_ECONFLICT);
	assert_non_null(strstr(err.message, "cannot issue Rev.1: the agreed amendments do not fit together"));
	assert_non_null(strstr(err.message, irn));
	accord_session_close(s);
	assert_true(file_hash(f->path) == before);

	/* the compromise replaces both; BRA/1, which fits, is kept */
	s = open_session(f);
	assert_int_equal(accord_session_stage_back(&stage, s, "drafting", &err), 0);
	accord_free(stage);
	both[0] = usa;
	both[1] = irn;
	assert_int_equal(propose_text(&compromise, s, "BRA", "p1",
		"that, per article 37 of the Tunis Agenda, a multi-stakeholder approach should be adopted where "
		"appropriate, at all levels, to improve the coordination of the activities of international and "
		"intergovernmental organizations and other institutions concerned with Internet governance and the "
		"exchange of information among themselves;", both, 2, &err), 0);
	assert_string_equal(compromise, "BRA/2");
	assert_int_equal(state_of(s, usa), ACCORD_STATE_SUPERSEDED);
	assert_int_equal(state_of(s, irn), ACCORD_STATE_SUPERSEDED);
	assert_int_equal(state_of(s, other), ACCORD_STATE_AGREED);
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM amendments WHERE superseded_by = 'BRA/2'"), 2);
	assert_int_equal(accord_session_stage(&stage, s, "adoption", &err), 0);
	accord_free(stage);
	agree(s, compromise);
	assert_int_equal(accord_session_revise(&rev, s, &err), 0);
	assert_int_equal(rev, 1);
	assert_int_equal(accord_session_text(&rev1, s, 1, &err), 0);
	assert_string_equal(accord_para_text(accord_doc_find_para(rev1, "p1")),
		"that, per article 37 of the Tunis Agenda, a multi-stakeholder approach should be adopted where "
		"appropriate, at all levels, to improve the coordination of the activities of international and "
		"intergovernmental organizations and other institutions concerned with Internet governance and the "
		"exchange of information among themselves;");
	accord_buf_printf(&text, "%s and more", accord_para_text(accord_doc_find_para(rev0, "p2")));
	assert_string_equal(accord_para_text(accord_doc_find_para(rev1, "p2")), text.ptr);
	accord_buf_clear(&text);
	accord_buf_printf(&text, "%s too", accord_para_text(accord_doc_find_para(rev0, "p3")));
	/* once in a revision, an agreed amendment is never superseded */
	assert_int_equal(accord_session_stage_back(&stage, s, "drafting", &err), 0);
	accord_free(stage);
	both[0] = compromise;
	assert_int_equal(propose_text(&late, s, "USA", "p3", text.ptr, both, 1, &err), ACCORD_ESTATE);
	assert_non_null(strstr(err.message, "BRA/2 is agreed and in Rev.1"));
	assert_null(late);
	assert_replays(s);
	accord_buf_dispose(&text);
	accord_doc_free(rev0);
	accord_doc_free(rev1);
	accord_free(usa);
	accord_free(irn);
	accord_free(other);
	accord_free(compromise);
	accord_session_close(s);
}

/* A version 1 file (without agreed -> superseded) is migrated to version 2 when opened. */
static void test_store__migration_from_version_1(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_error err;
	sqlite3 *db = NULL;
	assert_int_equal(propose_append(NULL, s, "USA", "p1", "x", &err), 0);
	accord_session_close(s);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM state_transitions WHERE from_state = 'agreed'; "
					  "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM state_transitions WHERE from_state = 'agreed'"), 0);
	s = open_session(f);
	assert_int_equal(count_rows(f->path, "PRAGMA user_version"), ACCORD_STORE_SCHEMA_VERSION);
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM state_transitions WHERE from_state = 'agreed' "
					     "AND to_state = 'superseded'"), 1);
	assert_replays(s);
	accord_session_close(s);
}

/* ---- refusals leave the file as it was ------------------------------------------------ */

static void test_store__refusals_leave_file_identical(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_session_decision *d = NULL;
	char *id = NULL;
	accord_error err;
	uint64_t before;
	size_t n = 0;
	int64_t comment;

	assert_int_equal(propose_append(&id, s, "USA", "p1", "more words", &err), 0);
	accord_session_close(s);
	before = file_hash(f->path);
	assert_true(before != 0);

	s = open_session(f);
	/* a Sector Member may not propose: the rules' own words */
	assert_int_equal(propose_append(NULL, s, "ISOC", "p2", "x", &err), ACCORD_EREFUSED);
	assert_non_null(strstr(err.message, "only Member States propose"));
	/* nor take a position */
	assert_int_equal(accord_session_position(s, "ICANN", id, "object", &err), ACCORD_EREFUSED);
	/* an unknown party */
	assert_int_equal(accord_session_position(s, "XYZ", id, "support", &err), ACCORD_EREFUSED);
	assert_non_null(strstr(err.message, "not a party"));
	assert_int_equal(propose_append(NULL, s, "XYZ", "p2", "x", &err), ACCORD_EREFUSED);
	/* a withdrawal by someone else */
	assert_int_equal(accord_session_withdraw(s, "IRN", id, &err), ACCORD_EREFUSED);
	assert_non_null(strstr(err.message, "only its proposer"));
	/* bad input */
	assert_int_equal(accord_session_position(s, "IRN", id, "maybe", &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_position(s, "IRN", "USA/99", "support", &err), ACCORD_ENOTFOUND);
	assert_int_equal(accord_session_comment(&comment, s, "IRN", "p999", "a remark", &err), ACCORD_ENOTFOUND);
	assert_int_equal(propose_append(NULL, s, "USA", "p999", "x", &err), ACCORD_ENOTFOUND);
	/* a decision outside its stage */
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_ALL, NULL, &err), ACCORD_EREFUSED);
	/* a contribution that changes nothing */
	{
		accord_buf base = ACCORD_BUF_INIT;
		read_seed(&base, "base-wtpf-ieg-2-10-opinion-1.txt");
		assert_int_equal(accord_session_submit(NULL, s, "USA", "same.txt", base.ptr, base.size, &err), ACCORD_EEMPTY);
		accord_buf_dispose(&base);
	}
	accord_session_close(s);
	assert_true(file_hash(f->path) == before);
	accord_free(id);
}

/* ---- files that are not sessions ------------------------------------------------------- */

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static void test_store__foreign_files(void **state)
{
	fixture *f = *state;
	accord_session *s = NULL;
	accord_error err;
	sqlite3 *db = NULL;
	char path[200];

	snprintf(path, sizeof path, "%s/notes.txt", f->dir);
	write_file(path, "These are notes, not a session.\n", 32);
	assert_int_equal(accord_session_open(&s, path, &err), ACCORD_ECORRUPT);
	assert_null(s);
	assert_non_null(strstr(err.message, "not an SQLite database"));

	snprintf(path, sizeof path, "%s/other.db", f->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(accord_session_open(&s, path, &err), ACCORD_ECORRUPT);
	assert_non_null(strstr(err.message, "another application"));

	snprintf(path, sizeof path, "%s/empty.db", f->dir);
	write_file(path, "", 0);
	assert_int_equal(accord_session_open(&s, path, &err), ACCORD_ECORRUPT);

	snprintf(path, sizeof path, "%s/missing.db", f->dir);
	assert_int_equal(accord_session_open(&s, path, &err), ACCORD_EIO);
	assert_int_equal(accord_session_open(&s, f->dir, &err), ACCORD_ECORRUPT);

	/* a session's marks on a file whose meta table is missing, empty, or cannot be read:
	 * each said as it is, never "out of memory" */
	{
		static const struct {
			const char *sql;
			int code;
			const char *message; /* after "PATH: " */
		} metas[] = {
			{"", ACCORD_ECORRUPT, "not an accord session (no such table: meta)"},
			{"CREATE TABLE meta (id INTEGER, workflow TEXT);", ACCORD_ECORRUPT, "the session has no meta row"},
			{"CREATE TABLE meta (id INTEGER, workflow TEXT); INSERT INTO meta VALUES (1, NULL);", ACCORD_ECORRUPT,
				"the session's meta row names no workflow"},
			{"CREATE VIEW meta AS SELECT 1 AS id, abs(-9223372036854775807 - 1) AS workflow;", ACCORD_ESTORE,
				"integer overflow"},
		};
		size_t i;
		for (i = 0; i < sizeof metas / sizeof metas[0]; i++) {
			char sql[300], expected[400];
			snprintf(path, sizeof path, "%s/meta%zu.db", f->dir, i);
			snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d; CREATE TABLE t (x); %s",
				ACCORD_STORE_APPLICATION_ID, ACCORD_STORE_SCHEMA_VERSION, metas[i].sql);
			assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
			assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
			sqlite3_close(db);
			s = NULL;
			assert_int_equal(accord_session_open(&s, path, &err), metas[i].code);
			assert_null(s);
			snprintf(expected, sizeof expected, "%s: %s", path, metas[i].message);
			assert_string_equal(err.message, expected);
		}
	}
}

static void test_store__newer_version_refused(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_error err;
	sqlite3 *db = NULL;
	accord_session_close(s);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	s = NULL;
	assert_int_equal(accord_session_open(&s, f->path, &err), ACCORD_EVERSION);
	assert_null(s);
	assert_non_null(strstr(err.message, "newer"));
}

static void test_store__damaged_file(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_error err;
	struct stat st;
	char *junk;
	FILE *fp;
	long offset;
	int i, rc;

	/* enough content for several pages */
	for (i = 0; i < 30; i++) {
		char words[32];
		snprintf(words, sizeof words, "words %d", i);
		assert_int_equal(accord_session_comment(NULL, s, "USA", NULL, words, &err), 0);
	}
	accord_session_close(s);
	assert_int_equal(stat(f->path, &st), 0);
	assert_true(st.st_size > 4 * 4096);
	/* overwrite the second half of the file with garbage */
	junk = malloc(4096);
	assert_non_null(junk);
	for (i = 0; i < 4096; i++)
		junk[i] = (char)(i * 7 + 3);
	fp = fopen(f->path, "r+b");
	assert_non_null(fp);
	for (offset = 4096; offset + 4096 <= st.st_size; offset += 4096) {
		fseek(fp, offset, SEEK_SET);
		assert_int_equal(fwrite(junk, 1, 4096, fp), 4096);
	}
	fclose(fp);
	free(junk);
	s = NULL;
	rc = accord_session_open(&s, f->path, &err);
	assert_int_equal(rc, ACCORD_ECORRUPT);
	assert_null(s);

	/* a truncated file (half a page) is damaged too */
	assert_int_equal(truncate(f->path, 1000), 0);
	assert_int_equal(accord_session_open(&s, f->path, &err), ACCORD_ECORRUPT);
}

/* An amendment whose proposers rows are gone (as a damaged proposers index shows it) is
 * damage, exit 5, not "out of memory" (exit 70) as the NULL group_concat once made it. */
static void test_store__amendment_without_proposers_is_damage(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_session_amendment *list = NULL;
	size_t count = 0;
	char *id = NULL;
	accord_error err;
	sqlite3 *db = NULL;
	assert_int_equal(propose_append(&id, s, "USA", "p1", "x", &err), 0);
	accord_session_close(s);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM proposers", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	s = NULL;
	assert_int_equal(accord_session_open(&s, f->path, &err), 0);
	assert_int_equal(accord_session_amendments(&list, &count, s, -1, &err), ACCORD_ECORRUPT);
	assert_non_null(strstr(err.message, "damaged"));
	assert_null(list);
	accord_session_close(s);
	accord_free(id);
}

/* ---- constraints, the append-only log -------------------------------------------------------- */

static void test_store__schema_constraints(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	char *id = NULL;
	accord_error err;
	sqlite3 *db = NULL;
	assert_int_equal(propose_append(&id, s, "USA", "p1", "x", &err), 0);
	accord_session_close(s);

	assert_int_equal(count_rows(f->path, "PRAGMA user_version"), ACCORD_STORE_SCHEMA_VERSION);
	assert_int_equal(count_rows(f->path, "PRAGMA application_id"), ACCORD_STORE_APPLICATION_ID);
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM events"), 2);
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM parties"), 24);

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	/* the log is append-only */
	assert_int_equal(sqlite3_exec(db, "UPDATE events SET actor = 'IRN'", NULL, NULL, NULL) & 0xff, SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM events WHERE seq = 2", NULL, NULL, NULL) & 0xff, SQLITE_CONSTRAINT);
	/* closed vocabularies */
	assert_int_equal(sqlite3_exec(db, "UPDATE amendments SET state = 'maybe'", NULL, NULL, NULL) & 0xff,
		SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO positions VALUES ('USA/1', 'IRN', 'perhaps', 'now', 2)", NULL, NULL,
				 NULL) & 0xff,
		SQLITE_CONSTRAINT);
	/* foreign keys: a position by a party not in the roster */
	assert_int_equal(sqlite3_exec(db, "INSERT INTO positions VALUES ('USA/1', 'XYZ', 'support', 'now', 2)", NULL, NULL,
				 NULL) & 0xff,
		SQLITE_CONSTRAINT);
	/* the state machine in the file itself, every pair: a copy of USA/1 put in state `from`
	 * (an INSERT, which the trigger does not watch) may be updated to `to` exactly when
	 * docs/sessions.md has that transition for some cause; all of it rolled back */
	{
		int from, to;
		char sql[400];
		for (from = 0; from < ACCORD_STATE_COUNT; from++)
			for (to = 0; to < ACCORD_STATE_COUNT; to++) {
				int legal = from == to || expected_transitions[from][to] != 0, rc;
				assert_int_equal(sqlite3_exec(db, "SAVEPOINT pair", NULL, NULL, NULL), SQLITE_OK);
				snprintf(sql, sizeof sql,
					"INSERT INTO amendments (id, op, target, state, proposer, json, revision, event) "
					"SELECT 'T/1', op, target, '%s', proposer, json, revision, event FROM amendments "
					"WHERE id = 'USA/1'",
					accord_state_name((accord_amendment_state)from));
				assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
				assert_int_equal(sqlite3_changes(db), 1);
				snprintf(sql, sizeof sql, "UPDATE amendments SET state = '%s' WHERE id = 'T/1'",
					accord_state_name((accord_amendment_state)to));
				rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
				if ((rc == SQLITE_OK) != legal)
					fail_msg("the file %s %s -> %s (sqlite %d: %s)", legal ? "refuses" : "accepts",
						accord_state_name((accord_amendment_state)from),
						accord_state_name((accord_amendment_state)to), rc, sqlite3_errmsg(db));
				if (rc != SQLITE_OK)
					assert_non_null(strstr(sqlite3_errmsg(db), "illegal amendment state transition"));
				assert_int_equal(sqlite3_exec(db, "ROLLBACK TO pair; RELEASE pair", NULL, NULL, NULL), SQLITE_OK);
			}
	}
	/* a legal hand edit (proposed -> agreed, kept for the replay below); agreed -> proposed is not legal */
	assert_int_equal(sqlite3_exec(db, "UPDATE amendments SET state = 'agreed' WHERE id = 'USA/1'", NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE amendments SET state = 'proposed' WHERE id = 'USA/1'", NULL, NULL, NULL) &
				 0xff,
		SQLITE_CONSTRAINT);
	/* only one meta row */
	assert_int_equal(sqlite3_exec(db, "INSERT INTO meta (id, workflow, stage, created) VALUES (2, 'x', 'y', 'z')", NULL,
				 NULL, NULL) & 0xff,
		SQLITE_CONSTRAINT);
	sqlite3_close(db);

	/* the one legal hand edit above is a difference replay reports */
	s = open_session(f);
	{
		accord_buf difference = ACCORD_BUF_INIT;
		assert_int_equal(accord_session_replay(&difference, s, &err), 1);
		assert_non_null(strstr(difference.ptr, "column state is 'agreed' in the file but 'proposed' from the events"));
		accord_buf_dispose(&difference);
	}
	accord_session_close(s);
	accord_free(id);
}

/* ---- the WTPF example end to end ---------------------------------------------------------------- */

static void test_store__wtpf_end_to_end(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_amendment_list *irn = NULL, *usa = NULL;
	accord_session_decision *d = NULL;
	accord_buf data = ACCORD_BUF_INIT, status = ACCORD_BUF_INIT, before = ACCORD_BUF_INIT, after = ACCORD_BUF_INIT;
	accord_doc *rev0 = NULL, *rev1 = NULL;
	const accord_amendment *a;
	char *stage = NULL;
	accord_error err;
	unsigned rev = 0;
	size_t n = 0, i;

	read_seed(&data, "contrib-IRN.txt");
	assert_int_equal(accord_session_submit(&irn, s, "IRN", "contrib-IRN.txt", data.ptr, data.size, &err), 0);
	accord_buf_dispose(&data);
	read_seed(&data, "contrib-USA.txt");
	assert_int_equal(accord_session_submit(&usa, s, "USA", "contrib-USA.txt", data.ptr, data.size, &err), 0);
	accord_buf_dispose(&data);
	assert_true(accord_amendments_count(irn) > 3);
	assert_true(accord_amendments_count(usa) > 3);
	assert_string_equal(accord_amendments_get(irn, 0)->id, "IRN/1");
	assert_string_equal(accord_amendments_get(usa, 0)->id, "USA/1");
	/* the contribution is kept as received */
	assert_int_equal(count_rows(f->path, "SELECT length(bytes) FROM contributions WHERE party = 'USA'"), 6576);
	/* a Sector Member cannot submit amendments under these rules */
	read_seed(&data, "contrib-USA.txt");
	assert_int_equal(accord_session_submit(NULL, s, "ISOC", "contrib-USA.txt", data.ptr, data.size, &err),
		ACCORD_EREFUSED);
	accord_buf_dispose(&data);

	/* find a MOD by each; the USA's is agreed, the IRN's bracketed by the USA */
	{
		const accord_amendment *usa_mod = NULL, *irn_mod = NULL;
		for (i = 0; i < accord_amendments_count(usa) && usa_mod == NULL; i++)
			if (accord_amendments_get(usa, i)->op == ACCORD_OP_MOD)
				usa_mod = accord_amendments_get(usa, i);
		for (i = 0; i < accord_amendments_count(irn) && irn_mod == NULL; i++) {
			a = accord_amendments_get(irn, i);
			if (a->op == ACCORD_OP_MOD && (usa_mod == NULL || strcmp(a->target, usa_mod->target) != 0))
				irn_mod = a;
		}
		assert_non_null(usa_mod);
		assert_non_null(irn_mod);
		assert_int_equal(accord_session_stage(&stage, s, "adoption", &err), 0);
		accord_free(stage);
		assert_int_equal(accord_session_position(s, "USA", usa_mod->id, "support", &err), 0);
		assert_int_equal(accord_session_position(s, "IRN", usa_mod->id, "support", &err), 0);
		assert_int_equal(accord_session_position(s, "USA", irn_mod->id, "object", &err), 0);
		assert_int_equal(accord_session_position(s, "IRN", irn_mod->id, "support", &err), 0);
		assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_AMENDMENT, usa_mod->id, &err), 0);
		assert_int_equal(d[0].to, ACCORD_STATE_AGREED);
		assert_string_equal(d[0].tally, "{\"support\":2,\"object\":0}");
		accord_session_decisions_free(d, n);
		assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_AMENDMENT, irn_mod->id, &err), 0);
		assert_int_equal(d[0].to, ACCORD_STATE_BRACKETED);
		accord_session_decisions_free(d, n);

		/* Rev.1: the USA's change is in the text, the IRN's is carried over */
		assert_int_equal(accord_session_revise(&rev, s, &err), 0);
		assert_int_equal(rev, 1);
		assert_int_equal(accord_session_text(&rev0, s, 0, &err), 0);
		assert_int_equal(accord_session_text(&rev1, s, -1, &err), 0);
		assert_false(accord_doc_equal(rev0, rev1));
		assert_string_not_equal(accord_para_text(accord_doc_find_para(rev0, usa_mod->target)),
			accord_para_text(accord_doc_find_para(rev1, usa_mod->target)));
		assert_string_equal(accord_para_text(accord_doc_find_para(rev0, irn_mod->target)),
			accord_para_text(accord_doc_find_para(rev1, irn_mod->target)));
		{
			char *expected = NULL;
			assert_int_equal(accord_edits_apply_text(&expected, accord_para_text(accord_doc_find_para(rev0,
				usa_mod->target)), usa_mod->edits, usa_mod->n_edits, &err), 0);
			assert_string_equal(expected, accord_para_text(accord_doc_find_para(rev1, usa_mod->target)));
			accord_free(expected);
		}
		assert_int_equal(state_of(s, irn_mod->id), ACCORD_STATE_BRACKETED);
		assert_int_equal(count_rows(f->path, "SELECT count(*) FROM amendments WHERE incorporated = 1"), 1);
		assert_int_equal(count_rows(f->path,
			"SELECT count(*) FROM amendments WHERE revision = 1 AND state IN ('proposed','bracketed')") > 0, 1);
	}
	/* a second revision with nothing agreed: refused (nothing written) unless allowed, then it keeps the text */
	{
		accord_revise_options opts = ACCORD_REVISE_OPTIONS_INIT;
		accord_revise_result done;
		assert_int_equal(accord_session_revise(&rev, s, &err), ACCORD_EEMPTY);
		assert_int_equal(rev, 0);
		assert_non_null(strstr(err.message, "nothing was agreed since Rev.1"));
		assert_int_equal(accord_session_revision_count(&rev, s, &err), 0);
		assert_int_equal(rev, 1);
		opts.allow_empty = 1;
		assert_int_equal(accord_session_revise_with(&done, s, &opts, &err), 0);
		assert_int_equal(done.rev, 2);
		assert_int_equal(done.applied, 0);
		rev = done.rev;
	}
	assert_int_equal(rev, 2);
	accord_doc_free(rev0);
	assert_int_equal(accord_session_text(&rev0, s, 2, &err), 0);
	assert_true(accord_doc_equal(rev0, rev1));
	assert_int_equal(accord_doc_render_text(&before, rev1), 0);
	assert_int_equal(accord_doc_render_text(&after, rev0), 0);
	assert_string_equal(before.ptr, after.ptr);

	assert_int_equal(accord_session_status_json(&status, s, &err), 0);
	assert_non_null(strstr(status.ptr, "\"revision\":2"));
	assert_non_null(strstr(status.ptr, "\"agreed\":1"));
	assert_replays(s);

	accord_buf_dispose(&status);
	accord_buf_dispose(&before);
	accord_buf_dispose(&after);
	accord_doc_free(rev0);
	accord_doc_free(rev1);
	accord_amendments_free(irn);
	accord_amendments_free(usa);
	accord_session_close(s);
}

/* A new sub-paragraph agreed without its new parent takes the parent's place in the revision. */
static void test_store__revise_settles_orphaned_additions(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_amendment_list *usa = NULL;
	accord_session_decision *d = NULL;
	const accord_amendment *child = NULL, *parent = NULL;
	accord_buf data = ACCORD_BUF_INIT;
	accord_doc *rev1 = NULL;
	accord_para *p;
	char *stage = NULL;
	accord_error err;
	unsigned rev;
	size_t i, n;

	read_seed(&data, "contrib-USA.txt");
	assert_int_equal(accord_session_submit(&usa, s, "USA", "contrib-USA.txt", data.ptr, data.size, &err), 0);
	accord_buf_dispose(&data);
	for (i = 0; i < accord_amendments_count(usa) && child == NULL; i++) {
		const accord_amendment *a = accord_amendments_get(usa, i);
		if (a->op == ACCORD_OP_ADD && a->position.parent != NULL &&
		    accord_amendments_find(usa, a->position.parent) != NULL) {
			child = a;
			parent = accord_amendments_find(usa, a->position.parent);
		}
	}
	assert_non_null(child);
	assert_int_equal(parent->op, ACCORD_OP_ADD);
	assert_int_equal(accord_session_stage(&stage, s, "adoption", &err), 0);
	accord_free(stage);
	assert_int_equal(accord_session_position(s, "USA", child->id, "support", &err), 0);
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_AMENDMENT, child->id, &err), 0);
	accord_session_decisions_free(d, n);
	assert_int_equal(accord_session_revise(&rev, s, &err), 0);
	assert_int_equal(accord_session_text(&rev1, s, -1, &err), 0);
	p = accord_doc_find_para(rev1, child->id);
	assert_non_null(p);
	assert_string_equal(accord_para_text(p), child->text);
	/* where the parent would have been: its parent, its section */
	if (parent->position.parent == NULL)
		assert_null(accord_para_parent(p));
	else
		assert_string_equal(accord_para_id(accord_para_parent(p)), parent->position.parent);
	assert_null(accord_doc_find_para(rev1, parent->id));
	/* the parent is still open, carried over as it was */
	assert_int_equal(state_of(s, parent->id), ACCORD_STATE_PROPOSED);
	assert_replays(s);
	accord_doc_free(rev1);
	accord_amendments_free(usa);
	accord_session_close(s);
}

/* ---- two writers, kill -9 ------------------------------------------------------------------- */

/* A child's work: n actions (comments, positions, proposals), each its own transaction. */
static int child_actions(const char *path, const char *party, int n, int forever)
{
	accord_session *s = NULL;
	accord_error err;
	char text[64];
	int i, rc;
	if (accord_session_open(&s, path, &err) != 0)
		return 10;
	accord_session_set_rules(s, &rules);
	for (i = 0; forever || i < n; i++) {
		snprintf(text, sizeof text, "%s remark %d", party, i);
		switch (i % 3) {
		case 0: rc = accord_session_comment(NULL, s, party, NULL, text, &err); break;
		case 1: rc = propose_append(NULL, s, party, "p2", text, &err); break;
		default: rc = accord_session_position(s, party, "USA/1", i % 2 ? "support" : "object", &err); break;
		}
		if (rc != 0) {
			fprintf(stderr, "child %s: %d %s\n", party, rc, err.message);
			accord_session_close(s);
			return 11;
		}
	}
	accord_session_close(s);
	return 0;
}

static void test_store__two_concurrent_writers(void **state)
{
	enum { N = 45 };
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_error err;
	pid_t a, b;
	int status;
	assert_int_equal(propose_append(NULL, s, "USA", "p1", "first", &err), 0);
	accord_session_close(s);

	a = fork();
	if (a == 0)
		_exit(child_actions(f->path, "IRN", N, 0));
	b = fork();
	if (b == 0)
		_exit(child_actions(f->path, "BRA", N, 0));
	assert_int_equal(waitpid(a, &status, 0), a);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(waitpid(b, &status, 0), b);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* every action of both is there, numbered without gaps */
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM events"), 2 + 2 * N);
	assert_int_equal(count_rows(f->path, "SELECT max(seq) FROM events"), 2 + 2 * N);
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM comments"), 2 * (N / 3));
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM amendments WHERE proposer = 'IRN'"), N / 3);
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM amendments WHERE proposer = 'BRA'"), N / 3);
	assert_int_equal(count_rows(f->path, "SELECT max(CAST(substr(id, 5) AS INTEGER)) FROM amendments WHERE proposer = 'IRN'"),
		N / 3);
	s = open_session(f);
	assert_replays(s);
	accord_session_close(s);
}

static void test_store__kill_9_at_random_moments(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_error err;
	int64_t events = 0, now;
	long slow = 0; /* ms added once a round commits nothing: a slow machine or valgrind, not a loss */
	int round;
	unsigned seed = 20131;
	assert_int_equal(propose_append(NULL, s, "USA", "p1", "first", &err), 0);
	accord_session_close(s);

	for (round = 0; round < 20; round++) {
		struct timespec pause;
		pid_t child;
		int status;
		seed = seed * 1103515245u + 12345u;
		child = fork();
		assert_true(child >= 0);
		if (child == 0)
			_exit(child_actions(f->path, round % 2 ? "IRN" : "BRA", 0, 1));
		pause.tv_sec = (20 + (seed >> 16) % 180 + slow) / 1000;
		pause.tv_nsec = (long)((20 + (seed >> 16) % 180 + slow) % 1000) * 1000000L;
		nanosleep(&pause, NULL);
		kill(child, SIGKILL);
		assert_int_equal(waitpid(child, &status, 0), child);
		assert_true(WIFSIGNALED(status));

		s = NULL;
		assert_int_equal(accord_session_open(&s, f->path, &err), 0);
		accord_session_set_rules(s, &rules);
		assert_replays(s);
		accord_session_close(s);
		/* nothing committed is lost: the log only grows */
		now = count_rows(f->path, "SELECT count(*) FROM events");
		assert_true(now >= events);
		if (now == events && slow < 3000)
			slow = slow * 2 + 100;
		events = now;
	}
	assert_true(events > 2);
}

/* ---- allocation failures ---------------------------------------------------------------------- */

static void test_store__allocation_failures(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_buf status = ACCORD_BUF_INIT;
	char *id = NULL;
	accord_error err;
	long n;
	int rc;
	assert_int_equal(propose_append(&id, s, "USA", "p1", "first", &err), 0);

	for (n = 0;; n++) {
		accord_alloc_fail_after(n);
		rc = accord_session_position(s, "IRN", id, "support", &err);
		accord_alloc_fail_after(-1);
		if (rc == 0)
			break;
		assert_int_equal(rc, ACCORD_ENOMEM);
		assert_true(n < 1000);
	}
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM events"), 3);
	for (n = 0;; n++) {
		char *other = NULL;
		accord_alloc_fail_after(n);
		rc = propose_append(&other, s, "BRA", "p2", "words", &err);
		accord_alloc_fail_after(-1);
		accord_free(other);
		if (rc == 0)
			break;
		assert_int_equal(rc, ACCORD_ENOMEM);
		assert_true(n < 100000);
	}
	assert_int_equal(count_rows(f->path, "SELECT count(*) FROM events"), 4);
	for (n = 0;; n++) {
		accord_alloc_fail_after(n);
		rc = accord_session_status_json(&status, s, &err);
		accord_alloc_fail_after(-1);
		accord_buf_dispose(&status);
		if (rc == 0)
			break;
		assert_int_equal(rc, ACCORD_ENOMEM);
	}
	assert_replays(s);
	accord_free(id);
	accord_session_close(s);
}

/* ---- allocation failures over whole actions --------------------------------------------
 * Each action runs with the Nth allocation failing, N = 0, 1, 2 ... until it succeeds:
 * every failure is ACCORD_ENOMEM and leaves the file byte for byte as it was; the run that
 * succeeds leaves the session (its log, tables, texts) and returns exactly what the same
 * action returns on a copy without failures. The clock is fixed so both runs write the
 * same timestamps. */

#define FIXED_CLOCK 1795000000

/* The allocation that fails in this run (-1: none); an action starts the failures once its
 * inputs are ready, just before the session call. */
static long failing_allocation = -1;

static void start_failures(void)
{
	if (failing_allocation >= 0)
		accord_alloc_fail_after(failing_allocation);
}

typedef int (*session_action)(accord_session *s, accord_buf *result, accord_error *err);

static int print_event(const accord_session_event *ev, void *data)
{
	accord_buf *out = data;
	/* 1: the test's own buffer failed (the library's failures are negative) */
	return accord_buf_printf(out, "%lld %s %s %s %s\n", (long long)ev->seq, ev->at, ev->actor, ev->action,
		ev->payload) == ACCORD_OK ? 0 : 1;
}

/* Everything a session holds, as text: the log, the amendments, the stage, every revision, the status. */
static void fingerprint(accord_buf *out, accord_session *s)
{
	accord_session_amendment *list = NULL;
	accord_buf text = ACCORD_BUF_INIT;
	accord_error err;
	char *stage = NULL;
	unsigned latest = 0, r;
	size_t n = 0, i;
	assert_int_equal(accord_session_events(s, print_event, out, &err), 0);
	assert_int_equal(accord_session_amendments(&list, &n, s, -1, &err), 0);
	for (i = 0; i < n; i++)
		accord_buf_printf(out, "%s %s %s %s %s %u %d %s\n", list[i].id, list[i].op,
			list[i].target != NULL ? list[i].target : "-", accord_state_name(list[i].state), list[i].proposers,
			list[i].revision, list[i].incorporated, list[i].json);
	accord_session_amendments_free(list, n);
	assert_int_equal(accord_session_current_stage(&stage, s, &err), 0);
	accord_buf_printf(out, "stage %s\n", stage);
	accord_free(stage);
	assert_int_equal(accord_session_revision_count(&latest, s, &err), 0);
	for (r = 0; r <= latest; r++) {
		accord_doc *doc = NULL;
		assert_int_equal(accord_session_text(&doc, s, (int)r, &err), 0);
		assert_int_equal(accord_doc_render_text(&text, doc), 0);
		accord_buf_printf(out, "Rev.%u\n%s", r, text.ptr);
		accord_buf_clear(&text);
		accord_doc_free(doc);
	}
	accord_buf_dispose(&text);
	assert_int_equal(accord_session_status_json(out, s, &err), 0);
	assert_replays(s);
}

static void copy_file(const char *from, const char *to)
{
	accord_buf data = ACCORD_BUF_INIT;
	accord_error err;
	assert_int_equal(accord_read_file(&data, from, &err), 0);
	write_file(to, data.ptr != NULL ? data.ptr : "", data.size);
	accord_buf_dispose(&data);
}

static accord_session *open_at(const char *path)
{
	accord_session *s = NULL;
	accord_error err;
	if (accord_session_open(&s, path, &err) != 0)
		fail_msg("open %s: %s", path, err.message);
	accord_session_set_rules(s, &rules);
	accord_session_set_clock(s, FIXED_CLOCK);
	return s;
}

static void alloc_failure_loop(const fixture *f, const char *name, session_action act)
{
	accord_buf expected = ACCORD_BUF_INIT, got = ACCORD_BUF_INIT;
	accord_session *s;
	accord_error err;
	char ref[200];
	uint64_t before;
	long n;
	int rc;

	/* the reference: the action on a copy, without failures */
	snprintf(ref, sizeof ref, "%s/reference.db", f->dir);
	copy_file(f->path, ref);
	s = open_at(ref);
	rc = act(s, &expected, &err);
	if (rc != 0)
		fail_msg("%s: %d %s", name, rc, err.message);
	fingerprint(&expected, s);
	accord_session_close(s);
	unlink(ref);

	before = file_hash(f->path);
	for (n = 0;; n++) {
		s = open_at(f->path);
		accord_error_clear(&err);
		failing_allocation = n;
		rc = act(s, &got, &err);
		accord_alloc_fail_after(-1);
		failing_allocation = -1;
		if (rc == 0)
			break;
		accord_session_close(s);
		if (rc != ACCORD_ENOMEM)
			fail_msg("%s with allocation %ld failing: %d %s", name, n, rc, err.message);
		if (err.code != ACCORD_ENOMEM)
			fail_msg("%s with allocation %ld failing: ENOMEM returned, err says %d %s", name, n, err.code,
				err.message);
		if (file_hash(f->path) != before)
			fail_msg("%s with allocation %ld failing: the file changed", name, n);
		accord_buf_clear(&got);
		assert_true(n < 200000);
	}
	fingerprint(&got, s);
	accord_session_close(s);
	if (strcmp(expected.ptr, got.ptr) != 0)
		fail_msg("%s succeeded after %ld failures with another result:\n%s\n---- expected ----\n%s", name, n,
			got.ptr, expected.ptr);
	accord_buf_dispose(&expected);
	accord_buf_dispose(&got);
}

/* The scenario the actions start from, built up to `level` with the fixed clock:
 * 1: USA/1 on p1, IRN/1 on p2, USA/2 on p3 (drafting); 2: at adoption, IRN supports
 * USA/1, USA objects to IRN/1, BRA reserves on USA/2; 3: every open amendment decided. */
static void prepare(const fixture *f, int level)
{
	accord_session *s;
	accord_error err;
	char *stage = NULL;
	unlink(f->path);
	s = create_session(f);
	accord_session_close(s);
	s = open_at(f->path);
	if (level >= 1) {
		assert_int_equal(propose_append(NULL, s, "USA", "p1", "one", &err), 0);
		assert_int_equal(propose_append(NULL, s, "IRN", "p2", "two", &err), 0);
		assert_int_equal(propose_append(NULL, s, "USA", "p3", "three", &err), 0);
	}
	if (level >= 2) {
		assert_int_equal(accord_session_stage(&stage, s, "adoption", &err), 0);
		accord_free(stage);
		assert_int_equal(accord_session_position(s, "IRN", "USA/1", "support", &err), 0);
		assert_int_equal(accord_session_position(s, "USA", "IRN/1", "object", &err), 0);
		assert_int_equal(accord_session_position(s, "BRA", "USA/2", "reserve", &err), 0);
	}
	if (level >= 3) {
		accord_session_decision *d = NULL;
		size_t n = 0;
		assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_ALL, NULL, &err), 0);
		accord_session_decisions_free(d, n);
	}
	accord_session_close(s);
}

static int act_submit(accord_session *s, accord_buf *result, accord_error *err)
{
	accord_amendment_list *list = NULL;
	accord_buf data = ACCORD_BUF_INIT;
	int rc;
	read_seed(&data, "contrib-USA.txt");
	start_failures();
	rc = accord_session_submit(&list, s, "USA", "contrib-USA.txt", data.ptr, data.size, err);
	accord_alloc_fail_after(-1);
	accord_buf_dispose(&data);
	if (rc == 0)
		assert_int_equal(accord_amendments_render_json(result, list, err), 0);
	accord_amendments_free(list);
	return rc;
}

/* Proposes `text` as paragraph para's new text, superseding ids. */
static int act_propose_text(accord_session *s, accord_buf *result, const char *party, const char *para,
	const char *text, const char *const *ids, size_t n_ids, accord_error *err)
{
	accord_doc *doc = NULL;
	char *id = NULL;
	int rc;
	assert_int_equal(accord_session_text(&doc, s, -1, err), 0);
	assert_int_equal(accord_para_set_text(accord_doc_find_para(doc, para), text), 0);
	start_failures();
	rc = accord_session_propose_doc(&id, s, party, doc, -1, ids, n_ids, err);
	accord_alloc_fail_after(-1);
	if (rc == 0)
		accord_buf_puts(result, id);
	accord_free(id);
	accord_doc_free(doc);
	return rc;
}

/* Proposes paragraph para's text with `words` appended, superseding ids. */
static int act_propose_append(accord_session *s, accord_buf *result, const char *party, const char *para,
	const char *words, const char *const *ids, size_t n_ids, accord_error *err)
{
	accord_doc *doc = NULL;
	accord_buf text = ACCORD_BUF_INIT;
	int rc;
	assert_int_equal(accord_session_text(&doc, s, -1, err), 0);
	assert_int_equal(accord_buf_printf(&text, "%s %s", accord_para_text(accord_doc_find_para(doc, para)), words), 0);
	accord_doc_free(doc);
	rc = act_propose_text(s, result, party, para, text.ptr, ids, n_ids, err);
	accord_buf_dispose(&text);
	return rc;
}

static int act_propose_doc(accord_session *s, accord_buf *result, accord_error *err)
{
	return act_propose_append(s, result, "BRA", "p4", "and a fourth", NULL, 0, err);
}

/* A compromise on p1 and p3 would be two amendments: it supersedes USA/1 alone, and USA/2 too. */
static int act_propose_compromise(accord_session *s, accord_buf *result, accord_error *err)
{
	const char *supersedes[2] = {"USA/1", "USA/2"};
	return act_propose_append(s, result, "BRA", "p1", "as a compromise", supersedes, 2, err);
}

static int act_cosponsor(accord_session *s, accord_buf *result, accord_error *err)
{
	(void)result;
	int rc;
	start_failures();
	rc = accord_session_cosponsor(s, "BRA", "USA/1", err);
	accord_alloc_fail_after(-1);
	return rc;
}

static int act_withdraw(accord_session *s, accord_buf *result, accord_error *err)
{
	(void)result;
	int rc;
	start_failures();
	rc = accord_session_withdraw(s, "USA", "USA/2", err);
	accord_alloc_fail_after(-1);
	return rc;
}

static int comment_on(accord_session *s, accord_buf *result, const char *party, const char *target, accord_error *err)
{
	int64_t id = 0;
	int rc;
	start_failures();
	rc = accord_session_comment(&id, s, party, target, "a remark", err);
	accord_alloc_fail_after(-1);
	if (rc == 0)
		accord_buf_printf(result, "%lld", (long long)id);
	return rc;
}

static int act_comment_amendment(accord_session *s, accord_buf *result, accord_error *err)
{
	return comment_on(s, result, "ISOC", "USA/1", err);
}

static int act_comment_paragraph(accord_session *s, accord_buf *result, accord_error *err)
{
	return comment_on(s, result, "IRN", "p2", err);
}

static int act_comment_text(accord_session *s, accord_buf *result, accord_error *err)
{
	return comment_on(s, result, "USA", NULL, err);
}

static int act_position(accord_session *s, accord_buf *result, accord_error *err)
{
	(void)result;
	int rc;
	start_failures();
	rc = accord_session_position(s, "IRN", "USA/1", "support", err);
	accord_alloc_fail_after(-1);
	return rc;
}

static int act_stage(accord_session *s, accord_buf *result, accord_error *err)
{
	char *stage = NULL;
	int rc;
	start_failures();
	rc = accord_session_stage(&stage, s, NULL, err);
	accord_alloc_fail_after(-1);
	if (rc == 0)
		accord_buf_puts(result, stage);
	accord_free(stage);
	return rc;
}

static int act_decide(accord_session *s, accord_buf *result, accord_error *err)
{
	accord_session_decision *d = NULL;
	size_t n = 0, i;
	int rc;
	start_failures();
	rc = accord_session_decide(&d, &n, s, ACCORD_DECIDE_ALL, NULL, err);
	accord_alloc_fail_after(-1);
	for (i = 0; rc == 0 && i < n; i++)
		accord_buf_printf(result, "%s %d %s->%s %s %s\n", d[i].amendment, (int)d[i].outcome,
			accord_state_name(d[i].from), accord_state_name(d[i].to), d[i].tally, d[i].rule);
	accord_session_decisions_free(d, n);
	return rc;
}

static int act_revise(accord_session *s, accord_buf *result, accord_error *err)
{
	unsigned rev = 0;
	int rc;
	start_failures();
	rc = accord_session_revise(&rev, s, err);
	accord_alloc_fail_after(-1);
	if (rc == 0)
		accord_buf_printf(result, "Rev.%u", rev);
	return rc;
}

/* The readers: what they return, or ENOMEM. */
/* A buffer's own failure, recorded in err. */
static int checked(accord_error *err, int rc)
{
	return rc == ACCORD_ENOMEM ? accord_error_set(err, rc, "out of memory (the test's buffer)") : rc;
}

static int act_read(accord_session *s, accord_buf *result, accord_error *err)
{
	accord_session_amendment *list = NULL;
	accord_roster *roster = NULL;
	accord_doc *doc = NULL;
	accord_buf difference = ACCORD_BUF_INIT;
	char *stage = NULL;
	size_t n = 0, i;
	unsigned latest = 0;
	int rc;
	start_failures();
	rc = accord_session_amendments(&list, &n, s, -1, err);
	for (i = 0; rc == 0 && i < n; i++)
		rc = checked(err, accord_buf_printf(result, "%s %s %s\n", list[i].id, accord_state_name(list[i].state), list[i].json));
	accord_session_amendments_free(list, n);
	if (rc == 0)
		rc = accord_session_status_json(result, s, err);
	if (rc == 0)
		rc = accord_session_text(&doc, s, -1, err);
	if (rc == 0)
		rc = checked(err, accord_doc_render_text(result, doc));
	accord_doc_free(doc);
	if (rc == 0)
		rc = accord_session_current_stage(&stage, s, err);
	if (rc == 0)
		rc = checked(err, accord_buf_printf(result, "stage %s\n", stage));
	accord_free(stage);
	if (rc == 0)
		rc = accord_session_revision_count(&latest, s, err);
	if (rc == 0)
		rc = accord_session_roster(&roster, s, err);
	if (rc == 0)
		rc = checked(err, accord_buf_printf(result, "latest %u, %zu parties\n", latest, accord_roster_party_count(roster)));
	accord_roster_free(roster);
	if (rc == 0)
		rc = accord_session_events(s, print_event, result, err);
	if (rc == 1)
		rc = checked(err, ACCORD_ENOMEM);
	if (rc == 0)
		rc = accord_session_replay(&difference, s, err);
	accord_alloc_fail_after(-1);
	if (rc == 0 && difference.size > 0)
		fail_msg("replay: %s", difference.ptr);
	accord_buf_dispose(&difference);
	return rc;
}

static void test_store__allocation_failures_in_every_action(void **state)
{
	static const struct {
		const char *name;
		int level;
		session_action act;
	} actions[] = {
		{"submit", 0, act_submit},
		{"propose", 1, act_propose_doc},
		{"propose a compromise", 1, act_propose_compromise},
		{"cosponsor", 1, act_cosponsor},
		{"withdraw", 1, act_withdraw},
		{"comment on an amendment", 1, act_comment_amendment},
		{"comment on a paragraph", 1, act_comment_paragraph},
		{"comment on the text", 1, act_comment_text},
		{"stage", 1, act_stage},
		{"position", 2, act_position},
		{"decide", 2, act_decide},
		{"revise", 3, act_revise},
		{"read", 3, act_read},
	};
	fixture *f = *state;
	size_t i;
	for (i = 0; i < sizeof actions / sizeof actions[0]; i++) {
		prepare(f, actions[i].level);
		alloc_failure_loop(f, actions[i].name, actions[i].act);
	}
}

/* Replaces every "YYYY-MM-DDThh:mm:ss.mmmZ" in b with zeros. */
static void blank_times(accord_buf *b)
{
	size_t i, k;
	static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
	for (i = 0; i + sizeof shape - 1 <= b->size; i++) {
		for (k = 0; k < sizeof shape - 1; k++)
			if (shape[k] == 'd' ? (b->ptr[i + k] < '0' || b->ptr[i + k] > '9') : b->ptr[i + k] != shape[k])
				break;
		if (k == sizeof shape - 1)
			for (k = 0; k < sizeof shape - 1; k++)
				if (shape[k] == 'd')
					b->ptr[i + k] = '0';
	}
}

/* Creating and opening: ENOMEM leaves no file behind (create) or the file as it was (open). */
static void test_store__allocation_failures_create_open(void **state)
{
	fixture *f = *state;
	accord_session_init init = ACCORD_SESSION_INIT_INIT;
	accord_buf roster = ACCORD_BUF_INIT, expected = ACCORD_BUF_INIT, got = ACCORD_BUF_INIT;
	accord_session *s = NULL;
	accord_doc *base = load_seed("base-wtpf-ieg-2-10-opinion-1.txt");
	accord_error err;
	uint64_t before;
	long n;
	int rc;
	read_seed(&roster, "roster.yaml");
	init.workflow = "test";
	init.base = base;
	init.base_name = "base-wtpf-ieg-2-10-opinion-1.txt";
	init.roster = roster.ptr;
	init.roster_len = roster.size;
	init.roster_name = "roster.yaml";

	/* the reference (the init event's time is the system's: compared from its end on) */
	{
		accord_session *r = NULL;
		assert_int_equal(accord_session_create(&r, f->path, &init, &rules, &err), 0);
		accord_session_close(r);
		r = open_at(f->path);
		fingerprint(&expected, r);
		accord_session_close(r);
		unlink(f->path);
	}
	for (n = 0;; n++) {
		struct stat st;
		accord_alloc_fail_after(n);
		rc = accord_session_create(&s, f->path, &init, &rules, &err);
		accord_alloc_fail_after(-1);
		if (rc == 0)
			break;
		if (rc != ACCORD_ENOMEM)
			fail_msg("create with allocation %ld failing: %d %s", n, rc, err.message);
		assert_null(s);
		if (stat(f->path, &st) == 0)
			fail_msg("create with allocation %ld failing left %s behind", n, f->path);
		assert_true(n < 200000);
	}
	accord_session_close(s);
	s = open_at(f->path);
	fingerprint(&got, s);
	accord_session_close(s);
	/* the two differ only by their times */
	blank_times(&expected);
	blank_times(&got);
	{
		const char *a = expected.ptr, *b = got.ptr;
		assert_non_null(a);
		assert_non_null(b);
		if (strcmp(a, b) != 0) {
			size_t k = 0;
			while (a[k] == b[k])
				k++;
			fail_msg("created after failures: differs at %zu: %.200s\n---- expected ----\n%.200s", k, b + k, a + k);
		}
	}

	before = file_hash(f->path);
	for (n = 0;; n++) {
		accord_alloc_fail_after(n);
		rc = accord_session_open(&s, f->path, &err);
		accord_alloc_fail_after(-1);
		if (rc == 0)
			break;
		if (rc != ACCORD_ENOMEM)
			fail_msg("open with allocation %ld failing: %d %s", n, rc, err.message);
		assert_null(s);
		assert_true(file_hash(f->path) == before);
	}
	assert_string_equal(accord_session_workflow(s), "test");
	accord_session_close(s);
	accord_buf_dispose(&expected);
	accord_buf_dispose(&got);
	accord_buf_dispose(&roster);
	accord_doc_free(base);
}

/* ---- the API's contract: NULL and invalid arguments are ACCORD_EINVAL, nothing written ---------- */

static void test_store__create_refusals(void **state)
{
	fixture *f = *state;
	accord_session_init init = ACCORD_SESSION_INIT_INIT;
	accord_buf roster = ACCORD_BUF_INIT;
	accord_session *s = NULL;
	accord_doc *base = load_seed("base-wtpf-ieg-2-10-opinion-1.txt");
	accord_error err;
	struct stat st;
	read_seed(&roster, "roster.yaml");
	init.workflow = "test";
	init.base = base;
	init.roster = roster.ptr;
	init.roster_len = roster.size;
	init.roster_name = "roster.yaml";

	assert_int_equal(accord_session_create(NULL, f->path, &init, &rules, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_create(&s, NULL, &init, &rules, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_create(&s, f->path, NULL, &rules, &err), ACCORD_EINVAL);
	init.workflow = NULL;
	assert_int_equal(accord_session_create(&s, f->path, &init, &rules, &err), ACCORD_EINVAL);
	init.workflow = "";
	assert_int_equal(accord_session_create(&s, f->path, &init, &rules, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_session_create: a path, a workflow and a base are needed");
	init.workflow = "test";
	init.base = NULL;
	assert_int_equal(accord_session_create(&s, f->path, &init, &rules, &err), ACCORD_EINVAL);
	init.base = base;
	assert_null(s);
	assert_int_equal(stat(f->path, &st), -1);

	/* a roster that is not one: its line:col, and no file left behind */
	init.roster = "parties:\n  - code: [\n";
	init.roster_len = strlen(init.roster);
	assert_int_equal(accord_session_create(&s, f->path, &init, &rules, &err), ACCORD_EPARSE);
	assert_string_equal(err.file, "roster.yaml");
	assert_true(err.line > 0);
	assert_null(s);
	assert_int_equal(stat(f->path, &st), -1);
	init.roster = "parties: 3\n";
	init.roster_len = strlen(init.roster);
	assert_int_equal(accord_session_create(&s, f->path, &init, &rules, &err), ACCORD_ESCHEMA);
	assert_int_equal(stat(f->path, &st), -1);
	init.roster = roster.ptr;
	init.roster_len = roster.size;

	/* a base that cannot be written down (not UTF-8): refused, no file */
	{
		accord_doc *bad = NULL;
		assert_int_equal(accord_doc_clone(&bad, base), 0);
		assert_int_equal(accord_para_set_text(accord_doc_find_para(bad, "p1"), "caf\xe9"), 0);
		init.base = bad;
		assert_int_equal(accord_session_create(&s, f->path, &init, &rules, &err), ACCORD_EUTF8);
		assert_null(s);
		assert_int_equal(stat(f->path, &st), -1);
		init.base = base;
		accord_doc_free(bad);
	}

	/* created once; a second time is ACCORD_EIO, the file as it was */
	assert_int_equal(accord_session_create(&s, f->path, &init, &rules, &err), 0);
	accord_session_close(s);
	s = NULL;
	{
		uint64_t before = file_hash(f->path);
		assert_int_equal(accord_session_create(&s, f->path, &init, &rules, &err), ACCORD_EIO);
		assert_non_null(strstr(err.message, "already exists"));
		assert_null(s);
		assert_true(file_hash(f->path) == before);
	}
	/* without rules: one stage, "session"; without a roster: no parties */
	{
		char path[200];
		char *stage = NULL;
		accord_roster *r = (accord_roster *)1;
		snprintf(path, sizeof path, "%s/plain.db", f->dir);
		init.roster = NULL;
		init.roster_len = 0;
		assert_int_equal(accord_session_create(&s, path, &init, NULL, &err), 0);
		assert_int_equal(accord_session_current_stage(&stage, s, &err), 0);
		assert_string_equal(stage, "session");
		accord_free(stage);
		assert_int_equal(accord_session_roster(&r, s, &err), 0);
		assert_null(r);
		assert_string_equal(accord_session_workflow(s), "test");
		accord_session_close(s);
	}
	accord_buf_dispose(&roster);
	accord_doc_free(base);
}

static void test_store__null_arguments(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_session_amendment *list = NULL;
	accord_session_decision *d = NULL;
	accord_amendment_list *out = NULL;
	accord_buf buf = ACCORD_BUF_INIT;
	accord_doc *doc = NULL;
	accord_roster *roster = NULL;
	char *text = NULL, *id = NULL;
	int64_t comment = 0;
	unsigned rev = 0;
	size_t n = 0;
	accord_error err;
	uint64_t before;
	assert_int_equal(propose_append(NULL, s, "USA", "p1", "one", &err), 0);
	assert_int_equal(propose_append(NULL, s, "USA", "p2", "two", &err), 0);
	accord_session_close(s);
	before = file_hash(f->path);
	s = open_session(f);

	assert_int_equal(accord_session_open(NULL, f->path, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_open(&s, NULL, &err), ACCORD_EINVAL);
	assert_non_null(s);
	assert_int_equal(accord_session_submit(&out, NULL, "USA", "x.txt", "text", 4, &err), ACCORD_EINVAL);
	assert_null(out);
	assert_int_equal(accord_session_submit(&out, s, "USA", "x.txt", NULL, 0, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_propose(&id, NULL, "USA", NULL, NULL, 0, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_propose(&id, s, "USA", NULL, NULL, 0, &err), ACCORD_EINVAL);
	assert_null(id);
	assert_int_equal(accord_session_propose_doc(&id, s, "USA", NULL, -1, NULL, 0, &err), ACCORD_EINVAL);
	assert_null(id);
	assert_int_equal(accord_session_cosponsor(NULL, "IRN", "USA/1", &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_cosponsor(s, "IRN", NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_withdraw(NULL, "USA", "USA/1", &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_withdraw(s, "USA", NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_comment(&comment, NULL, "USA", NULL, "x", &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_comment(&comment, s, "USA", NULL, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_position(NULL, "IRN", "USA/1", "support", &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_position(s, "IRN", NULL, "support", &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_position(s, "IRN", "USA/1", NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_decide(&d, &n, NULL, ACCORD_DECIDE_ALL, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_AMENDMENT, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_PARAGRAPH, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_decide(&d, &n, s, (accord_decide_scope)7, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_stage(&text, NULL, "adoption", &err), ACCORD_EINVAL);
	assert_null(text);
	assert_int_equal(accord_session_current_stage(NULL, s, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_current_stage(&text, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_revise(&rev, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_revision_count(NULL, s, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_revision_count(&rev, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_text(NULL, s, -1, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_text(&doc, NULL, -1, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_text(&doc, s, 5, &err), ACCORD_ENOTFOUND);
	assert_null(doc);
	assert_int_equal(accord_session_amendments(NULL, &n, s, -1, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_amendments(&list, NULL, s, -1, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_amendments(&list, &n, NULL, -1, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_amendments(&list, &n, s, ACCORD_STATE_COUNT, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_status_json(NULL, s, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_status_json(&buf, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_events(NULL, print_event, &buf, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_events(s, NULL, &buf, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_replay(&buf, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_roster(NULL, s, &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_roster(&roster, NULL, &err), ACCORD_EINVAL);
	assert_null(accord_session_workflow(NULL));
	accord_session_set_rules(NULL, &rules);
	accord_session_set_clock(NULL, 1);
	accord_session_close(NULL);
	accord_session_decisions_free(NULL, 0);
	accord_session_amendments_free(NULL, 0);

	/* outputs are cleared when an action fails; NULL outputs are allowed where documented */
	{
		static int sentinel;
		const char *supersedes[1] = {"USA/1"};
		d = (accord_session_decision *)&sentinel;
		n = 99;
		assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_ALL, NULL, &err), ACCORD_EREFUSED);
		assert_null(d);
		assert_int_equal(n, 0);
		assert_int_equal(accord_session_decide(NULL, NULL, s, ACCORD_DECIDE_ALL, NULL, &err), ACCORD_EREFUSED);
		d = (accord_session_decision *)&sentinel;
		n = 99;
		assert_int_equal(accord_session_decide(&d, &n, NULL, ACCORD_DECIDE_ALL, NULL, &err), ACCORD_EINVAL);
		assert_null(d);
		assert_int_equal(n, 0);
		out = (accord_amendment_list *)&sentinel;
		assert_int_equal(accord_session_submit(&out, s, "ISOC", "x.txt", "text", 4, &err), ACCORD_EREFUSED);
		assert_null(out);
		out = (accord_amendment_list *)&sentinel;
		assert_int_equal(accord_session_submit(&out, NULL, "USA", "x.txt", "text", 4, &err), ACCORD_EINVAL);
		assert_null(out);
		id = (char *)&sentinel;
		assert_int_equal(accord_session_propose(&id, s, "USA", NULL, NULL, 0, &err), ACCORD_EINVAL);
		assert_null(id);
		id = (char *)&sentinel;
		assert_int_equal(accord_session_propose_doc(&id, s, "USA", NULL, -1, NULL, 0, &err), ACCORD_EINVAL);
		assert_null(id);
		id = (char *)&sentinel;
		assert_int_equal(propose_append(&id, s, "ISOC", "p2", "x", &err), ACCORD_EREFUSED);
		assert_null(id);
		/* a supersedes list of 1 with no list is misuse */
		{
			accord_doc *doc2 = NULL;
			assert_int_equal(accord_session_text(&doc2, s, -1, &err), 0);
			assert_int_equal(accord_session_propose_doc(NULL, s, "USA", doc2, -1, NULL, 1, &err), ACCORD_EINVAL);
			assert_int_equal(accord_session_propose_doc(NULL, s, "USA", doc2, -1, supersedes, 0, &err), ACCORD_EEMPTY);
			accord_doc_free(doc2);
		}
		text = (char *)&sentinel;
		assert_int_equal(accord_session_stage(&text, s, "nowhere", &err), ACCORD_EINVAL);
		assert_null(text);
		doc = (accord_doc *)&sentinel;
		assert_int_equal(accord_session_text(&doc, s, 7, &err), ACCORD_ENOTFOUND);
		assert_null(doc);
		list = (accord_session_amendment *)&sentinel;
		n = 99;
		assert_int_equal(accord_session_amendments(&list, &n, s, ACCORD_STATE_COUNT, &err), ACCORD_EINVAL);
		assert_null(list);
		assert_int_equal(n, 0);
		roster = (accord_roster *)&sentinel;
		assert_int_equal(accord_session_roster(&roster, s, &err), 0);
		assert_int_equal(accord_roster_party_count(roster), 24);
		accord_roster_free(roster);
		roster = NULL;
	}
	/* the amendments filtered by state: each state's own */
	assert_int_equal(accord_session_amendments(&list, &n, s, ACCORD_STATE_PROPOSED, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].id, "USA/1");
	assert_string_equal(list[0].op, "MOD");
	assert_string_equal(list[0].target, "p1");
	assert_string_equal(list[0].proposers, "USA");
	assert_int_equal(list[0].revision, 0);
	assert_int_equal(list[0].incorporated, -1);
	accord_session_amendments_free(list, n);
	assert_int_equal(accord_session_amendments(&list, &n, s, ACCORD_STATE_AGREED, &err), 0);
	assert_int_equal(n, 0);
	accord_session_amendments_free(list, n);
	/* without rules, the actions that need them are refused, in these words */
	accord_session_set_rules(s, NULL);
	{
		accord_buf data = ACCORD_BUF_INIT;
		read_seed(&data, "contrib-USA.txt");
		assert_int_equal(accord_session_submit(NULL, s, "USA", "contrib-USA.txt", data.ptr, data.size, &err),
			ACCORD_EINVAL);
		assert_string_equal(err.message, "submit needs the session's rule pack (none is loaded)");
		accord_buf_dispose(&data);
	}
	assert_int_equal(propose_append(NULL, s, "USA", "p2", "two", &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "propose needs the session's rule pack (none is loaded)");
	assert_int_equal(accord_session_cosponsor(s, "IRN", "USA/1", &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "cosponsor needs the session's rule pack (none is loaded)");
	assert_int_equal(accord_session_position(s, "IRN", "USA/1", "support", &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "position needs the session's rule pack (none is loaded)");
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_ALL, NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "decide needs the session's rule pack (none is loaded)");
	assert_int_equal(accord_session_stage(&text, s, NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "stage needs the session's rule pack (none is loaded)");
	assert_null(text);
	accord_session_close(s);
	assert_true(file_hash(f->path) == before);

	/* a withdrawal and a comment need no rules */
	assert_int_equal(accord_session_open(&s, f->path, &err), 0);
	assert_int_equal(accord_session_comment(&comment, s, "ISOC", "USA/1", "a remark", &err), 0);
	assert_int_equal(comment, 1);
	assert_int_equal(accord_session_withdraw(s, "USA", "USA/1", &err), 0);
	assert_int_equal(state_of(s, "USA/1"), ACCORD_STATE_WITHDRAWN);
	accord_session_close(s);
}

/* Replay names the first difference between the tables and the log: a changed value, a
 * NULL for a value (the tables are STRICT: no other change of type is possible), a row
 * missing, a row too many, in every table it compares. */
static void test_store__replay_reports_each_difference(void **state)
{
	static const struct {
		const char *sql;
		const char *table;      /* the difference starts "table TABLE, row " */
		const char *difference; /* and holds this */
	} edits[] = {
		{"UPDATE comments SET text = 'changed' WHERE id = 2", "comments",
			"row 2 (id = 2): column text is 'changed' in the file but 'second remark' from the events"},
		{"UPDATE comments SET paragraph = NULL WHERE id = 1", "comments",
			"row 1 (id = 1): column paragraph is NULL in the file but 'p1' from the events"},
		{"UPDATE comments SET event = 2 WHERE id = 3", "comments", "row 3 (id = 3): column event is 2 in the file but "},
		{"DELETE FROM comments WHERE id = 3", "comments", "row 3 (id = 3): produced by the events but not in the file"},
		{"INSERT INTO comments (id, party, paragraph, text, at, event) VALUES (4, 'USA', 'p2', 'forged', 'x', 2)",
			"comments", "row 4 (id = 4): in the file but not produced by the events"},
		{"UPDATE meta SET stage = 'drafting'", "meta",
			"row 1 (id = 1): column stage is 'drafting' in the file but 'adoption' from the events"},
		{"UPDATE revisions SET doc = '{}'", "revisions", "row 1 (n = 0): column doc is '{}' in the file but '{"},
		{"UPDATE parties SET name = 'Somewhere' WHERE code = 'BRA'", "parties",
			"(code = 'BRA'): column name is 'Somewhere' in the file but 'Brazil' from the events"},
		{"UPDATE contributions SET file = 'other.txt'", "contributions",
			"row 1 (id = 1): column file is 'other.txt' in the file but 'contrib-IRN.txt' from the events"},
		{"UPDATE amendments SET target = 'p99' WHERE id = 'IRN/1'", "amendments",
			"row 1 (seq = 1): column target is 'p99' in the file but "},
		{"INSERT INTO proposers (amendment, party, ord, event) VALUES ('IRN/1', 'USA', 1, 2)", "proposers",
			"row 2 (amendment = 'IRN/1'): column amendment is 'IRN/1' in the file but 'IRN/10' from the events"},
		{"UPDATE positions SET position = 'support'", "positions",
			"row 1 (amendment = 'IRN/1'): column position is 'support' in the file but 'object' from the events"},
		{"UPDATE decisions SET rule = 'other'", "decisions",
			"row 1 (id = 1): column rule is 'other' in the file but 'consensus (test rules)' from the events"},
		{"DELETE FROM state_transitions WHERE from_state = 'agreed'", "state_transitions",
			"row 1 (from_state = 'agreed_ad_ref'): column from_state is 'agreed_ad_ref' in the file but 'agreed' from the "
			"events"},
	};
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_session_decision *d = NULL;
	accord_buf data = ACCORD_BUF_INIT;
	accord_error err;
	char copy[200], *stage = NULL;
	size_t i, n = 0;
	read_seed(&data, "contrib-IRN.txt");
	assert_int_equal(accord_session_submit(NULL, s, "IRN", "contrib-IRN.txt", data.ptr, data.size, &err), 0);
	accord_buf_dispose(&data);
	assert_int_equal(accord_session_comment(NULL, s, "IRN", "p1", "first remark", &err), 0);
	assert_int_equal(accord_session_comment(NULL, s, "ISOC", "IRN/1", "second remark", &err), 0);
	assert_int_equal(accord_session_comment(NULL, s, "BRA", NULL, "third remark", &err), 0);
	assert_int_equal(accord_session_stage(&stage, s, "adoption", &err), 0);
	accord_free(stage);
	assert_int_equal(accord_session_position(s, "USA", "IRN/1", "object", &err), 0);
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_AMENDMENT, "IRN/1", &err), 0);
	accord_session_decisions_free(d, n);
	assert_replays(s);
	accord_session_close(s);
	snprintf(copy, sizeof copy, "%s/edited.db", f->dir);
	for (i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		accord_buf difference = ACCORD_BUF_INIT;
		char head[100];
		sqlite3 *db = NULL;
		int rc;
		unlink(copy);
		copy_file(f->path, copy);
		assert_int_equal(sqlite3_open(copy, &db), SQLITE_OK);
		if (sqlite3_exec(db, edits[i].sql, NULL, NULL, NULL) != SQLITE_OK)
			fail_msg("%s: %s", edits[i].sql, sqlite3_errmsg(db));
		sqlite3_close(db);
		s = open_at(copy);
		rc = accord_session_replay(&difference, s, &err);
		snprintf(head, sizeof head, "table %s, row ", edits[i].table);
		if (rc != 1 || strncmp(difference.ptr, head, strlen(head)) != 0 || strstr(difference.ptr, edits[i].difference) == NULL)
			fail_msg("%s: %d %s\n  expected %s... %s", edits[i].sql, rc, difference.ptr != NULL ? difference.ptr : err.message,
				head, edits[i].difference);
		accord_buf_dispose(&difference);
		accord_session_close(s);
	}
}

/* Rules that refuse without giving a reason, and say nothing about who may propose. */
static int silent_no(void *data, const accord_session_party *party, const accord_session_context *ctx,
	accord_buf *reason, accord_error *err)
{
	(void)data;
	(void)party;
	(void)ctx;
	(void)reason;
	(void)err;
	return 0;
}

static const accord_session_rules silent_rules = {ACCORD_SESSION_RULES_VERSION, NULL, "silent", NULL, silent_no,
	silent_no, test_decide, test_stage_list, NULL, NULL, NULL, NULL};

/* Each refusal names the party, the action (in words) and the amendment, then the rules' reason. */
static void test_store__refusals_in_words(void **state)
{
	fixture *f = *state;
	accord_session *s = create_session(f);
	accord_session_decision *d = NULL;
	accord_error err;
	int64_t comment = 0;
	size_t n = 0;
	size_t i;
	uint64_t before;
	assert_int_equal(propose_append(NULL, s, "USA", "p1", "one", &err), 0);
	accord_session_close(s);
	before = file_hash(f->path);
	s = open_session(f);

	assert_int_equal(propose_append(NULL, s, "ISOC", "p2", "x", &err), ACCORD_EREFUSED);
	assert_string_equal(err.message, "ISOC may not propose ISOC/1: only Member States propose");
	assert_int_equal(accord_session_position(s, "ICANN", "USA/1", "object", &err), ACCORD_EREFUSED);
	assert_string_equal(err.message, "ICANN may not take a position on USA/1: only Member States take decisions");
	assert_int_equal(accord_session_cosponsor(s, "ISOC", "USA/1", &err), ACCORD_EREFUSED);
	assert_string_equal(err.message, "ISOC may not co-sponsor USA/1: only Member States propose");
	assert_int_equal(accord_session_withdraw(s, "IRN", "USA/1", &err), ACCORD_EREFUSED);
	assert_int_equal(accord_session_withdraw(s, "XYZ", "USA/1", &err), ACCORD_EREFUSED);
	assert_non_null(strstr(err.message, "XYZ"));
	assert_non_null(strstr(err.message, "not a party"));
	assert_int_equal(accord_session_withdraw(s, "USA", "USA/9", &err), ACCORD_ENOTFOUND);
	assert_non_null(strstr(err.message, "USA/9"));
	assert_int_equal(accord_session_cosponsor(s, "XYZ", "USA/1", &err), ACCORD_EREFUSED);
	assert_int_equal(accord_session_comment(&comment, s, "XYZ", NULL, "x", &err), ACCORD_EREFUSED);
	assert_int_equal(accord_session_comment(&comment, s, "USA", "USA/9", "x", &err), ACCORD_ENOTFOUND);
	assert_int_equal(accord_session_comment(&comment, s, "USA", NULL, "", &err), ACCORD_EINVAL);
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_PARAGRAPH, "", &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "decide: name the amendment or paragraph (or decide all)");
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_AMENDMENT, "", &err), ACCORD_EINVAL);

	/* rules that give no reason, and no may_propose */
	accord_session_set_rules(s, &silent_rules);
	assert_int_equal(accord_session_position(s, "IRN", "USA/1", "support", &err), ACCORD_EREFUSED);
	assert_string_equal(err.message, "IRN may not take a position on USA/1: refused by the rule pack");
	assert_int_equal(accord_session_comment(&comment, s, "IRN", "USA/1", "a remark", &err), ACCORD_EREFUSED);
	assert_string_equal(err.message, "IRN may not comment on USA/1: refused by the rule pack");
	assert_int_equal(accord_session_comment(&comment, s, "IRN", "p1", "a remark", &err), ACCORD_EREFUSED);
	assert_string_equal(err.message, "IRN may not comment: refused by the rule pack");
	assert_int_equal(propose_append(NULL, s, "USA", "p2", "x", &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "the rule pack does not say who may propose");
	assert_int_equal(accord_session_cosponsor(s, "IRN", "USA/1", &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "the rule pack does not say who may cosponsor");
	accord_session_close(s);
	assert_true(file_hash(f->path) == before);

	/* the outcomes by name, every row */
	{
		static const char *const names[ACCORD_SESSION_OUTCOME_COUNT] = {"agreed", "agreed_ad_ref", "bracketed",
			"rejected", "vote"};
		for (i = 0; i < ACCORD_SESSION_OUTCOME_COUNT; i++) {
			assert_string_equal(accord_session_outcome_name((accord_session_outcome)i), names[i]);
			assert_int_equal(accord_session_outcome_from_name(names[i]), (int)i);
		}
		assert_int_equal(ACCORD_SESSION_AGREED, 0);
		assert_int_equal(ACCORD_SESSION_VOTE, 4);
		assert_null(accord_session_outcome_name(ACCORD_SESSION_OUTCOME_COUNT));
		assert_int_equal(accord_session_outcome_from_name("Agreed"), -1);
		assert_int_equal(accord_session_outcome_from_name(NULL), -1);
		assert_null(accord_state_name((accord_amendment_state)-1));
		assert_int_equal(accord_state_from_name(NULL), -1);
	}
}

static int collect_from_5(const accord_session_event *ev, void *data)
{
	accord_buf *out = data;
	if (ev->seq < 5)
		return 0;
	return accord_buf_printf(out, "%lld %s %s %s %s\n", (long long)ev->seq, ev->at, ev->actor, ev->action,
		ev->payload) == ACCORD_OK ? 0 : 1;
}

/* The log's events, payloads exactly (docs/sessions.md, "The event log"): stage, position,
 * decide, comment (every escape of a JSON string) and withdraw. */
static void test_store__event_payloads(void **state)
{
	static const char expected[] =
		"5 2026-11-18T11:06:40.000Z chair stage {\"from\":\"drafting\",\"to\":\"adoption\"}\n"
		"6 2026-11-18T11:06:40.000Z IRN position {\"party\":\"IRN\",\"amendment\":\"USA/1\",\"position\":\"support\"}\n"
		"7 2026-11-18T11:06:40.000Z USA position {\"party\":\"USA\",\"amendment\":\"IRN/1\",\"position\":\"object\"}\n"
		"8 2026-11-18T11:06:40.000Z BRA position {\"party\":\"BRA\",\"amendment\":\"USA/2\",\"position\":\"reserve\"}\n"
		"9 2026-11-18T11:06:40.000Z chair decide {\"decisions\":["
		"{\"id\":1,\"amendment\":\"USA/1\",\"paragraph\":null,\"outcome\":\"agreed\",\"from\":\"proposed\",\"to\":\"agreed\","
		"\"rule\":\"consensus (test rules)\",\"stage\":\"adoption\",\"tally\":{\"support\":1,\"object\":0}},"
		"{\"id\":2,\"amendment\":\"IRN/1\",\"paragraph\":null,\"outcome\":\"bracketed\",\"from\":\"proposed\","
		"\"to\":\"bracketed\",\"rule\":\"consensus (test rules)\",\"stage\":\"adoption\",\"tally\":{\"support\":0,\"object\":1}},"
		"{\"id\":3,\"amendment\":\"USA/2\",\"paragraph\":null,\"outcome\":\"agreed_ad_ref\",\"from\":\"proposed\","
		"\"to\":\"agreed_ad_ref\",\"rule\":\"consensus (test rules)\",\"stage\":\"adoption\",\"tally\":{\"support\":1,\"object\":0}}]}\n"
		"10 2026-11-18T11:06:40.000Z ISOC comment {\"id\":1,\"party\":\"ISOC\",\"amendment\":\"USA/1\",\"paragraph\":null,"
		"\"text\":\"a \\\"quoted\\\" remark\\\\with\\ttab\\nnewline\\r\\u0001\\u001f end \xc3\xa9 \xe2\x80\xa8.\"}\n"
		"11 2026-11-18T11:06:40.000Z IRN comment {\"id\":2,\"party\":\"IRN\",\"amendment\":null,\"paragraph\":\"p2\","
		"\"text\":\"plain\"}\n"
		"12 2026-11-18T11:06:40.000Z USA comment {\"id\":3,\"party\":\"USA\",\"amendment\":null,\"paragraph\":null,"
		"\"text\":\"on the whole\"}\n"
		"13 2026-11-18T11:06:40.000Z IRN withdraw {\"party\":\"IRN\",\"amendment\":\"IRN/1\",\"from\":\"bracketed\","
		"\"to\":\"withdrawn\"}\n";
	fixture *f = *state;
	accord_session *s;
	accord_error err;
	accord_buf out = ACCORD_BUF_INIT;
	prepare(f, 3);
	s = open_at(f->path);
	assert_int_equal(accord_session_comment(NULL, s, "ISOC", "USA/1",
		"a \"quoted\" remark\\with\ttab\nnewline\r\x01\x1f end \xc3\xa9 \xe2\x80\xa8.", &err), 0);
	assert_int_equal(accord_session_comment(NULL, s, "IRN", "p2", "plain", &err), 0);
	assert_int_equal(accord_session_comment(NULL, s, "USA", NULL, "on the whole", &err), 0);
	assert_int_equal(accord_session_withdraw(s, "IRN", "IRN/1", &err), 0);
	assert_int_equal(accord_session_events(s, collect_from_5, &out, &err), 0);
	assert_string_equal(out.ptr, expected);
	assert_replays(s);
	accord_buf_dispose(&out);
	accord_session_close(s);
}

/* What the rules are told: the action, the party, the amendment, its state and the stage. */
static void test_store__what_the_rules_see(void **state)
{
	fixture *f = *state;
	accord_session *s;
	accord_session_decision *d = NULL;
	accord_buf data = ACCORD_BUF_INIT;
	accord_error err;
	size_t n = 0;
	prepare(f, 1);
	s = open_at(f->path);
	rules_seen[0] = '\0';
	assert_int_equal(accord_session_cosponsor(s, "BRA", "USA/1", &err), 0);
	assert_int_equal(propose_append(NULL, s, "IRN", "p4", "four", &err), 0);
	read_seed(&data, "contrib-IRN.txt");
	assert_int_equal(accord_session_submit(NULL, s, "ISOC", "contrib-IRN.txt", data.ptr, data.size, &err), ACCORD_EREFUSED);
	accord_buf_dispose(&data);
	assert_int_equal(accord_session_position(s, "USA", "IRN/1", "object", &err), 0);
	assert_string_equal(rules_seen,
		"may_propose cosponsor BRA USA/1 proposed drafting\n"
		"may_propose propose IRN IRN/2 - drafting\n"
		"may_propose submit ISOC ISOC/1 - drafting\n"
		"may_object position USA IRN/1 proposed drafting\n");
	rules_seen[0] = '\0';
	assert_int_equal(accord_session_decide(&d, &n, s, ACCORD_DECIDE_AMENDMENT, "IRN/1", &err), ACCORD_EREFUSED);
	assert_string_equal(rules_seen, "decide decide - IRN/1 proposed drafting\n");
	accord_session_close(s);
}

/* A proposal made against an older revision is a conflict; against the latest, it stands. */
static void test_store__proposal_against_an_older_revision(void **state)
{
	fixture *f = *state;
	accord_session *s;
	accord_doc *rev0 = NULL;
	accord_error err;
	unsigned rev = 0;
	char *id = NULL;
	prepare(f, 3);
	s = open_at(f->path);
	assert_int_equal(accord_session_text(&rev0, s, 0, &err), 0);
	assert_int_equal(accord_session_revise(&rev, s, &err), 0);
	assert_int_equal(rev, 1);
	assert_int_equal(accord_session_stage_back(NULL, s, "drafting", &err), 0);
	assert_int_equal(accord_para_set_text(accord_doc_find_para(rev0, "p5"), "a new fifth paragraph"), 0);
	assert_int_equal(accord_session_propose_doc(&id, s, "USA", rev0, 0, NULL, 0, &err), ACCORD_ECONFLICT);
	assert_string_equal(err.message, "Rev.1 was issued meanwhile; propose against it again");
	assert_null(id);
	accord_doc_free(rev0);
	assert_int_equal(accord_session_text(&rev0, s, 1, &err), 0);
	{
		accord_buf text = ACCORD_BUF_INIT;
		accord_buf_printf(&text, "%s more", accord_para_text(accord_doc_find_para(rev0, "p5")));
		assert_int_equal(accord_para_set_text(accord_doc_find_para(rev0, "p5"), text.ptr), 0);
		accord_buf_dispose(&text);
	}
	assert_int_equal(accord_session_propose_doc(&id, s, "USA", rev0, 1, NULL, 0, &err), 0);
	assert_string_equal(id, "USA/3");
	accord_free(id);
	accord_doc_free(rev0);
	accord_session_close(s);
}

/* accord_session_status_json exactly (docs/sessions.md, "accord status --json"): a count per
 * state is a number, 0 included, also in a session without amendments. */
static void test_store__status_exactly(void **state)
{
	static const char fresh[] =
		"{\"workflow\":\"test\",\"stage\":\"drafting\",\"created\":\"0000-00-00T00:00:00.000Z\","
		"\"base\":\"base-wtpf-ieg-2-10-opinion-1.txt\",\"revision\":0,\"parties\":24,\"contributions\":[],"
		"\"amendments\":{\"total\":0,\"proposed\":0,\"bracketed\":0,\"agreed\":0,\"agreed_ad_ref\":0,\"rejected\":0,"
		"\"withdrawn\":0,\"superseded\":0},\"open\":[],\"decisions\":0,\"comments\":0,\"events\":1,"
		"\"last_event\":\"0000-00-00T00:00:00.000Z\"}";
	static const char later[] =
		"{\"workflow\":\"test\",\"stage\":\"adoption\",\"created\":\"0000-00-00T00:00:00.000Z\","
		"\"base\":\"base-wtpf-ieg-2-10-opinion-1.txt\",\"revision\":0,\"parties\":24,\"contributions\":[],"
		"\"amendments\":{\"total\":3,\"proposed\":3,\"bracketed\":0,\"agreed\":0,\"agreed_ad_ref\":0,\"rejected\":0,"
		"\"withdrawn\":0,\"superseded\":0},\"open\":["
		"{\"id\":\"USA/1\",\"op\":\"MOD\",\"target\":\"p1\",\"state\":\"proposed\",\"positions\":{\"IRN\":\"support\"}},"
		"{\"id\":\"IRN/1\",\"op\":\"MOD\",\"target\":\"p2\",\"state\":\"proposed\",\"positions\":{\"USA\":\"object\"}},"
		"{\"id\":\"USA/2\",\"op\":\"MOD\",\"target\":\"p3\",\"state\":\"proposed\",\"positions\":{\"BRA\":\"reserve\"}}],"
		"\"decisions\":0,\"comments\":1,\"events\":9,\"last_event\":\"0000-00-00T00:00:00.000Z\"}";
	static const char decided[] =
		"\"amendments\":{\"total\":3,\"proposed\":0,\"bracketed\":1,\"agreed\":1,\"agreed_ad_ref\":1,\"rejected\":0,"
		"\"withdrawn\":0,\"superseded\":0},\"open\":["
		"{\"id\":\"IRN/1\",\"op\":\"MOD\",\"target\":\"p2\",\"state\":\"bracketed\",\"positions\":{\"USA\":\"object\"}},"
		"{\"id\":\"USA/2\",\"op\":\"MOD\",\"target\":\"p3\",\"state\":\"agreed_ad_ref\",\"positions\":{\"BRA\":\"reserve\"}}],"
		"\"decisions\":3,";
	fixture *f = *state;
	accord_session *s;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	prepare(f, 0);
	s = open_at(f->path);
	assert_int_equal(accord_session_status_json(&out, s, &err), 0);
	blank_times(&out);
	assert_string_equal(out.ptr, fresh);
	accord_session_close(s);
	accord_buf_clear(&out);

	prepare(f, 2);
	s = open_at(f->path);
	assert_int_equal(accord_session_comment(NULL, s, "IRN", "p1", "x", &err), 0);
	assert_int_equal(accord_session_status_json(&out, s, &err), 0);
	blank_times(&out);
	assert_string_equal(out.ptr, later);
	accord_session_close(s);
	accord_buf_clear(&out);

	prepare(f, 3);
	s = open_at(f->path);
	assert_int_equal(accord_session_status_json(&out, s, &err), 0);
	if (strstr(out.ptr, decided) == NULL)
		fail_msg("status %s lacks %s", out.ptr, decided);
	accord_session_close(s);
	accord_buf_dispose(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store__transition_table),
		cmocka_unit_test_setup_teardown(test_store__transitions_through_actions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__decisions_on_bracketed_amendments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__conflict_and_compromise, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__migration_from_version_1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__refusals_leave_file_identical, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__foreign_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__newer_version_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__damaged_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__amendment_without_proposers_is_damage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__schema_constraints, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__wtpf_end_to_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__revise_settles_orphaned_additions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__two_concurrent_writers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__kill_9_at_random_moments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__allocation_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__allocation_failures_in_every_action, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__allocation_failures_create_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__create_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__null_arguments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__replay_reports_each_difference, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__refusals_in_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__event_payloads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__what_the_rules_see, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__proposal_against_an_older_revision, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store__status_exactly, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
