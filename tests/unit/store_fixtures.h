/*
** store_fixtures.h: what test_store and test_store_log share (include
** after cmocka.h): the test rules, a small C implementation of
** accord_session_rules (the store knows nothing of Lua): Member States
** propose and decide, Sector Members may only comment, consensus (no
** objection, at least one support or reserve) agrees at the "adoption"
** stage; and the seed texts of examples/wtpf-2013.
*/
#ifndef ACCORD_TEST_STORE_FIXTURES_H
#define ACCORD_TEST_STORE_FIXTURES_H

#include <stdio.h>
#include <string.h>

#include "accord/format.h"
#include "accord/store.h"

/* ---- the test rules ------------------------------------------------------------ */

static const char *const test_stages[] = {"drafting", "adoption"};

/* What the rules were last asked: "action party amendment state stage", one line a call. */
static char rules_seen[4096];

static void seen(const char *rule, const accord_session_party *party, const accord_session_context *ctx)
{
	size_t used = strlen(rules_seen);
	if (used + 200 < sizeof rules_seen)
		snprintf(rules_seen + used, sizeof rules_seen - used, "%s %s %s %s %s %s\n", rule, ctx->action,
			party != NULL ? party->code : "-", ctx->amendment != NULL && ctx->amendment->id != NULL ? ctx->amendment->id : "-",
			ctx->state != NULL ? ctx->state : "-", ctx->stage != NULL ? ctx->stage : "-");
}

static int test_may_propose(void *data, const accord_session_party *party, const accord_session_context *ctx,
	accord_buf *reason, accord_error *err)
{
	(void)data;
	(void)err;
	seen("may_propose", party, ctx);
	if (strcmp(party->role, "member_state") != 0) {
		accord_buf_puts(reason, "only Member States propose");
		return 0;
	}
	if (strcmp(ctx->stage, "adoption") == 0) {
		accord_buf_puts(reason, "no new proposals at adoption");
		return 0;
	}
	return 1;
}

static int test_may_object(void *data, const accord_session_party *party, const accord_session_context *ctx,
	accord_buf *reason, accord_error *err)
{
	(void)data;
	(void)err;
	seen("may_object", party, ctx);
	if (strcmp(party->role, "member_state") != 0) {
		accord_buf_puts(reason, "only Member States take decisions");
		return 0;
	}
	return 1;
}

/* The test rules let any Member State supersede (the default rule is test_store__default_may_supersede's). */
static int test_may_supersede(void *data, const accord_session_party *party, const accord_session_context *ctx,
	accord_buf *reason, accord_error *err)
{
	(void)data;
	(void)ctx;
	(void)err;
	if (strcmp(party->role, "member_state") != 0) {
		accord_buf_puts(reason, "only Member States supersede");
		return 0;
	}
	return 1;
}

static int test_decide(void *data, const accord_session_vote *votes, size_t n, const accord_session_context *ctx,
	accord_session_outcome *outcome, accord_buf *tally, accord_buf *rule, accord_error *err)
{
	size_t i, support = 0, object = 0;
	(void)data;
	(void)err;
	seen("decide", NULL, ctx);
	if (strcmp(ctx->stage, "adoption") != 0)
		return accord_error_set(err, ACCORD_EREFUSED, "decisions are taken at adoption");
	for (i = 0; i < n; i++) {
		if (strcmp(votes[i].position, "support") == 0 || strcmp(votes[i].position, "reserve") == 0)
			support++;
		else if (strcmp(votes[i].position, "object") == 0)
			object++;
	}
	*outcome = object > 0 ? ACCORD_SESSION_BRACKETED : support > 0 ? ACCORD_SESSION_AGREED : ACCORD_SESSION_REJECTED;
	accord_buf_printf(tally, "{\"support\":%zu,\"object\":%zu}", support, object);
	accord_buf_puts(rule, "consensus (test rules)");
	return ACCORD_OK;
}

static int test_stage_list(void *data, const char *const **names, size_t *count, accord_error *err)
{
	(void)data;
	(void)err;
	*names = test_stages;
	*count = 2;
	return ACCORD_OK;
}

static const accord_session_rules rules = {ACCORD_SESSION_RULES_VERSION, NULL, "test", test_may_propose,
	test_may_object, NULL, test_decide, test_stage_list, NULL, test_may_supersede, NULL, NULL};

/* ---- the seeds ------------------------------------------------------------------- */

static accord_doc *load_seed(const char *name)
{
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc *doc = NULL;
	accord_error err;
	char path[512];
	snprintf(path, sizeof path, "%s/%s", ACCORD_SEEDS, name);
	assert_int_equal(accord_doc_parse_file(&doc, path, &opts, &err), 0);
	return doc;
}

static void read_seed(accord_buf *out, const char *name)
{
	accord_error err;
	char path[512];
	snprintf(path, sizeof path, "%s/%s", ACCORD_SEEDS, name);
	assert_int_equal(accord_read_file(out, path, &err), 0);
}

/*
** A new session at path over the WTPF base and roster (base named
** base_name), guarded by the test rules; the test fails when it cannot be
** made. (static inline: a test that does not use it gets no warning.)
*/
static inline accord_session *create_wtpf_session(const char *path, const char *base_name)
{
	accord_session_init init = ACCORD_SESSION_INIT_INIT;
	accord_buf roster = ACCORD_BUF_INIT;
	accord_session *s = NULL;
	accord_doc *base = load_seed("base-wtpf-ieg-2-10-opinion-1.txt");
	accord_error err;
	read_seed(&roster, "roster.yaml");
	init.workflow = "test";
	init.base = base;
	init.base_name = base_name;
	init.roster = roster.ptr;
	init.roster_len = roster.size;
	init.roster_name = "roster.yaml";
	if (accord_session_create(&s, path, &init, &rules, &err) != 0)
		fail_msg("create: %s", err.message);
	accord_buf_dispose(&roster);
	accord_doc_free(base);
	return s;
}

#endif
