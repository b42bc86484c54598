/*
** test_store_vote.c: recorded votes (store_vote.c) and the chair's ruling
** (accord_session_decide_with): a party's vote and the chair's roll call reach
** the decision rule (ctx->ballots, in roster order) with the question's
** importance; who may vote is the rules'; every refusal leaves the file as it
** was; a ruling needs the stage's leave and is recorded as such; a version 2
** file is migrated. The rules are test_store's (store_fixtures.h) with a
** gate, may_vote and a decision rule that counts the votes.
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
#include "accord/format.h"
#include "accord/store.h"
#include "store_fixtures.h"

/* ---- the rules: test_store's, with a gate, may_vote and a vote-counting decide ---------------- */

/* What the decision rule saw last: the ballots, important, round, action. */
static char decide_seen[512];

/* The gate: "vote" and "rule" at adoption only. */
static int vote_stage_allows(void *data, const accord_session_party *party, const accord_session_context *ctx,
	accord_buf *reason, accord_error *err)
{
	(void)data;
	(void)party;
	(void)err;
	if ((strcmp(ctx->action, "vote") == 0 || strcmp(ctx->action, "rule") == 0) && strcmp(ctx->stage, "adoption") != 0) {
		accord_buf_printf(reason, "the %s stage does not take %s", ctx->stage,
			strcmp(ctx->action, "vote") == 0 ? "votes" : "rulings");
		return 0;
	}
	return 1;
}

static int vote_may_vote(void *data, const accord_session_party *party, const accord_session_context *ctx,
	accord_buf *reason, accord_error *err)
{
	(void)data;
	(void)err;
	assert_non_null(ctx->vote);
	assert_non_null(ctx->amendment);
	if (strcmp(party->role, "member_state") != 0) {
		accord_buf_puts(reason, "only Member States vote");
		return 0;
	}
	return 1;
}

/* Votes when there are any (two-thirds when important), else test_decide's consensus. */
static int vote_decide(void *data, const accord_session_vote *votes, size_t n, const accord_session_context *ctx,
	accord_session_outcome *outcome, accord_buf *tally, accord_buf *rule, accord_error *err)
{
	size_t i, yes = 0, no = 0, used;
	snprintf(decide_seen, sizeof decide_seen, "%s round %u important %d:", ctx->action, ctx->round, ctx->important);
	for (i = 0; i < ctx->n_ballots; i++) {
		used = strlen(decide_seen);
		snprintf(decide_seen + used, sizeof decide_seen - used, " %s=%s", ctx->ballots[i].party,
			accord_vote_name(ctx->ballots[i].vote));
		yes += ctx->ballots[i].vote == ACCORD_VOTE_YES;
		no += ctx->ballots[i].vote == ACCORD_VOTE_NO;
	}
	if (ctx->n_ballots == 0)
		return test_decide(data, votes, n, ctx, outcome, tally, rule, err);
	*outcome = (ctx->important ? 3 * yes >= 2 * (yes + no) : yes > no) && yes > 0 ? ACCORD_SESSION_AGREED
										      : ACCORD_SESSION_REJECTED;
	accord_buf_printf(tally, "{\"yes\":%zu,\"no\":%zu}", yes, no);
	accord_buf_puts(rule, "a recorded vote (test rules)");
	return ACCORD_OK;
}

static const accord_session_rules vote_rules = {ACCORD_SESSION_RULES_VERSION, NULL, "test", test_may_propose,
	test_may_object, NULL, vote_decide, test_stage_list, vote_stage_allows, test_may_supersede, NULL, vote_may_vote};

/* ---- the session -------------------------------------------------------------------------------- */

typedef struct fixture {
	char dir[64];
	char path[128];
	accord_session *s;
} fixture;

/* Proposes paragraph para of the latest revision with `words` appended. */
static void propose_append(accord_session *s, const char *party, const char *para, const char *words,
	const char *expected_id)
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
	if (accord_session_propose_doc(&id, s, party, doc, -1, NULL, 0, &err) != 0)
		fail_msg("propose %s: %s", party, err.message);
	assert_string_equal(id, expected_id);
	accord_free(id);
	accord_buf_dispose(&text);
	accord_doc_free(doc);
}

/* A session with USA/1, USA/2 and USA/3 at the drafting stage. */
static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	accord_session_init init = ACCORD_SESSION_INIT_INIT;
	accord_buf roster = ACCORD_BUF_INIT;
	accord_doc *base;
	accord_error err;

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/test_store_vote.XXXXXX");
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
	if (accord_session_create(&f->s, f->path, &init, &vote_rules, &err) != 0)
		fail_msg("create: %s", err.message);
	propose_append(f->s, "USA", "p11", "as appropriate", "USA/1");
	propose_append(f->s, "USA", "p12", "where appropriate", "USA/2");
	propose_append(f->s, "USA", "p13", "in time", "USA/3");
	accord_buf_dispose(&roster);
	accord_doc_free(base);
	decide_seen[0] = '\0';
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

static void assert_replays(accord_session *s)
{
	accord_buf diff = ACCORD_BUF_INIT;
	accord_error err;
	int rc = accord_session_replay(&diff, s, &err);
	if (rc != 0)
		fail_msg("replay: %d %s %s", rc, err.message, diff.ptr != NULL ? diff.ptr : "");
	accord_buf_dispose(&diff);
}

/* Decides one amendment; returns its decision (to free) after checking the count. */
static accord_session_decision *decide_one(accord_session *s, const char *id, const accord_decide_options *opts)
{
	accord_session_decision *d = NULL;
	accord_error err;
	size_t n = 0;
	if (accord_session_decide_with(&d, &n, s, ACCORD_DECIDE_AMENDMENT, id, opts, &err) != 0)
		fail_msg("decide %s: %s", id, err.message);
	assert_int_equal(n, 1);
	return d;
}

/* ---- votes ---------------------------------------------------------------------------------------- */

static void test_store_vote__names(void **state)
{
	(void)state;
	assert_string_equal(accord_vote_name(ACCORD_VOTE_YES), "yes");
	assert_string_equal(accord_vote_name(ACCORD_VOTE_ABSTAIN), "abstain");
	assert_null(accord_vote_name((accord_vote_choice)3));
	assert_int_equal(accord_vote_from_name("no"), ACCORD_VOTE_NO);
	assert_int_equal(accord_vote_from_name("support"), -1);
	assert_int_equal(accord_vote_from_name(NULL), -1);
}

/* A party's vote and a roll call reach the decision rule in roster order; a later vote replaces. */
static void test_store_vote__votes_reach_the_rule(void **state)
{
	fixture *f = *state;
	accord_session_ballot calls[] = {{"gbr", ACCORD_VOTE_YES}, {"IRN", ACCORD_VOTE_NO}, {"CHN", ACCORD_VOTE_ABSTAIN}};
	accord_session_decision *d;
	accord_error err;
	assert_int_equal(accord_session_stage(NULL, f->s, "adoption", &err), 0);
	assert_int_equal(accord_session_cast_vote(f->s, "USA", "USA/1", ACCORD_VOTE_NO, &err), 0);
	assert_int_equal(accord_session_roll_call(f->s, "USA/1", calls, 3, -1, &err), 0);
	assert_int_equal(accord_session_cast_vote(f->s, "usa", "USA/1", ACCORD_VOTE_YES, &err), 0);
	d = decide_one(f->s, "USA/1", NULL);
	assert_int_equal(d->to, ACCORD_STATE_AGREED);
	assert_string_equal(d->tally, "{\"yes\":2,\"no\":1}");
	assert_string_equal(d->rule, "a recorded vote (test rules)");
	assert_non_null(strstr(decide_seen, "decide round 0 important 0:"));
	/* roster order, not the order called; USA's second vote replaced its first */
	assert_non_null(strstr(decide_seen, "CHN=abstain"));
	assert_true(strstr(decide_seen, "USA=yes") != NULL && strstr(decide_seen, "USA=no") == NULL);
	accord_session_decisions_free(d, 1);
	assert_replays(f->s);
}

/* Two-thirds for an important question: marked by a roll call, or by the decision itself. */
static void test_store_vote__important_question(void **state)
{
	fixture *f = *state;
	accord_session_ballot calls[] = {{"USA", ACCORD_VOTE_YES}, {"GBR", ACCORD_VOTE_YES}, {"IRN", ACCORD_VOTE_NO},
		{"CHN", ACCORD_VOTE_NO}, {"BRA", ACCORD_VOTE_YES}};
	accord_decide_options opts = ACCORD_DECIDE_OPTIONS_INIT;
	accord_session_decision *d;
	accord_error err;
	assert_int_equal(accord_session_stage(NULL, f->s, "adoption", &err), 0);
	/* 3 yes 2 no: a simple majority, not two-thirds */
	assert_int_equal(accord_session_roll_call(f->s, "USA/1", calls, 5, 1, &err), 0);
	assert_int_equal(accord_session_roll_call(f->s, "USA/2", calls, 5, -1, &err), 0);
	assert_int_equal(accord_session_roll_call(f->s, "USA/3", calls, 5, -1, &err), 0);
	/* marked, then unmarked: a mark alone is a roll call of no votes */
	assert_int_equal(accord_session_roll_call(f->s, "USA/3", NULL, 0, 1, &err), 0);
	assert_int_equal(accord_session_roll_call(f->s, "USA/3", NULL, 0, 0, &err), 0);
	assert_int_equal(accord_session_roll_call(f->s, "USA/3", NULL, 0, -1, &err), ACCORD_EINVAL);
	d = decide_one(f->s, "USA/1", NULL);
	assert_int_equal(d->to, ACCORD_STATE_REJECTED);
	assert_non_null(strstr(decide_seen, "important 1"));
	accord_session_decisions_free(d, 1);
	d = decide_one(f->s, "USA/2", NULL);
	assert_int_equal(d->to, ACCORD_STATE_AGREED);
	assert_non_null(strstr(decide_seen, "important 0"));
	accord_session_decisions_free(d, 1);
	opts.important = 1;
	d = decide_one(f->s, "USA/3", &opts);
	assert_int_equal(d->to, ACCORD_STATE_REJECTED);
	accord_session_decisions_free(d, 1);
	assert_replays(f->s);
}

/* Refused or failed votes: the rules' words or the core's, and the file as it was. */
static void test_store_vote__refusals_change_nothing(void **state)
{
	fixture *f = *state;
	accord_session_ballot twice[] = {{"USA", ACCORD_VOTE_YES}, {"usa", ACCORD_VOTE_NO}};
	accord_session_ballot with_isoc[] = {{"USA", ACCORD_VOTE_YES}, {"ISOC", ACCORD_VOTE_NO}};
	accord_session_decision *d;
	accord_error err;
	uint64_t before = file_hash(f->path);
	/* the drafting stage takes no votes */
	assert_int_equal(accord_session_cast_vote(f->s, "USA", "USA/1", ACCORD_VOTE_YES, &err), ACCORD_EREFUSED);
	assert_non_null(strstr(err.message, "the drafting stage does not take votes"));
	assert_int_equal(file_hash(f->path), before);
	assert_int_equal(accord_session_stage(NULL, f->s, "adoption", &err), 0);
	before = file_hash(f->path);
	assert_int_equal(accord_session_cast_vote(f->s, "ISOC", "USA/1", ACCORD_VOTE_YES, &err), ACCORD_EREFUSED);
	assert_string_equal(err.message, "ISOC may not vote on USA/1: only Member States vote");
	assert_int_equal(accord_session_roll_call(f->s, "USA/1", with_isoc, 2, -1, &err), ACCORD_EREFUSED);
	assert_int_equal(accord_session_roll_call(f->s, "USA/1", twice, 2, -1, &err), ACCORD_ECONFLICT);
	assert_string_equal(err.message, "USA votes twice in the roll call on USA/1");
	assert_int_equal(accord_session_cast_vote(f->s, "XYZ", "USA/1", ACCORD_VOTE_YES, &err), ACCORD_EREFUSED);
	assert_int_equal(accord_session_cast_vote(f->s, "USA", "USA/9", ACCORD_VOTE_YES, &err), ACCORD_ENOTFOUND);
	assert_int_equal(accord_session_cast_vote(f->s, "USA", "USA/1", (accord_vote_choice)7, &err), ACCORD_EINVAL);
	assert_int_equal(file_hash(f->path), before);
	/* a decided amendment takes no vote */
	d = decide_one(f->s, "USA/1", NULL);
	accord_session_decisions_free(d, 1);
	before = file_hash(f->path);
	assert_int_equal(accord_session_cast_vote(f->s, "USA", "USA/1", ACCORD_VOTE_YES, &err), ACCORD_ESTATE);
	assert_int_equal(file_hash(f->path), before);
}

/* ---- the chair's ruling ------------------------------------------------------------------------ */

static void test_store_vote__chair_ruling(void **state)
{
	fixture *f = *state;
	accord_decide_options opts = ACCORD_DECIDE_OPTIONS_INIT;
	accord_session_decision *d = NULL;
	accord_log_record *log = NULL;
	accord_error err;
	size_t n = 0;
	uint64_t before;
	assert_int_equal(accord_session_position(f->s, "IRN", "USA/1", "object", &err), 0);
	assert_int_equal(accord_session_stage(NULL, f->s, "adoption", &err), 0);
	before = file_hash(f->path);
	opts.ruling = ACCORD_SESSION_REJECTED;
	assert_int_equal(accord_session_decide_with(&d, &n, f->s, ACCORD_DECIDE_ALL, NULL, &opts, &err), ACCORD_EINVAL);
	assert_int_equal(file_hash(f->path), before);
	/* over an objection: the chair's ruling, not the rule */
	opts.ruling = ACCORD_SESSION_AGREED;
	d = decide_one(f->s, "USA/1", &opts);
	assert_int_equal(d->to, ACCORD_STATE_AGREED);
	assert_string_equal(d->rule, "chair's ruling");
	assert_non_null(strstr(d->tally, "\"object\":1,"));
	assert_non_null(strstr(d->tally, "\"ruling\":\"agreed\""));
	accord_session_decisions_free(d, 1);
	assert_string_equal(decide_seen, ""); /* the rule was not asked */
	opts.ruling = ACCORD_SESSION_BRACKETED;
	d = decide_one(f->s, "USA/2", &opts);
	assert_int_equal(d->to, ACCORD_STATE_BRACKETED);
	accord_session_decisions_free(d, 1);
	assert_int_equal(accord_session_log(&log, &n, f->s, &err), 0);
	assert_string_equal(log[n - 1].action, "decide");
	assert_string_equal(log[n - 1].decisions[0].rule, "chair's ruling");
	accord_session_log_free(log, n);
	assert_replays(f->s);
}

/* At a stage whose gate refuses "rule": the rules' words, nothing written. */
static void test_store_vote__ruling_refused_by_the_stage(void **state)
{
	fixture *f = *state;
	accord_decide_options opts = ACCORD_DECIDE_OPTIONS_INIT;
	accord_session_decision *d = NULL;
	accord_error err;
	size_t n = 0;
	uint64_t before = file_hash(f->path);
	opts.ruling = ACCORD_SESSION_AGREED;
	assert_int_equal(accord_session_decide_with(&d, &n, f->s, ACCORD_DECIDE_ALL, NULL, &opts, &err), ACCORD_EREFUSED);
	assert_string_equal(err.message, "a chair's ruling refused by test: the drafting stage does not take rulings");
	assert_null(d);
	assert_int_equal(file_hash(f->path), before);
}

/* ---- the schema ----------------------------------------------------------------------------------- */

/* A version 2 file (no votes, no questions, no 'vote' event) is migrated when opened. */
static void test_store_vote__migration_from_version_2(void **state)
{
	fixture *f = *state;
	accord_error err;
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	accord_session_close(f->s);
	f->s = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				 "DROP TABLE votes; DROP TABLE questions; PRAGMA writable_schema = ON; "
				 "UPDATE sqlite_schema SET sql = replace(sql, ',''vote''))', '))') WHERE name = 'events'; "
				 "PRAGMA writable_schema = OFF; PRAGMA user_version = 2",
				 NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(accord_session_open(&f->s, f->path, &err), 0);
	accord_session_set_rules(f->s, &vote_rules);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT (SELECT user_version FROM pragma_user_version), "
						"(SELECT count(*) FROM sqlite_schema WHERE name IN ('votes', 'questions')), "
						"(SELECT instr(sql, '''vote''') > 0 FROM sqlite_schema WHERE name = 'events')",
				 -1, &stmt, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(stmt, 0), ACCORD_STORE_SCHEMA_VERSION);
	assert_int_equal(sqlite3_column_int(stmt, 1), 2);
	assert_int_equal(sqlite3_column_int(stmt, 2), 1);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	assert_int_equal(accord_session_stage(NULL, f->s, "adoption", &err), 0);
	assert_int_equal(accord_session_cast_vote(f->s, "USA", "USA/1", ACCORD_VOTE_YES, &err), 0);
	assert_replays(f->s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_vote__names),
		cmocka_unit_test_setup_teardown(test_store_vote__votes_reach_the_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_vote__important_question, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_vote__refusals_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_vote__chair_ruling, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_vote__ruling_refused_by_the_stage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_vote__migration_from_version_2, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
