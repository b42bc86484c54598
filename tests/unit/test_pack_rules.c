/*
** test_pack_rules.c: calling a rule pack's rules from C (lua/runtime/pack.c):
** accord_pack_decide reads every field of a decision and refuses each
** malformed one in its words; accord_pack_may for each action, the pack's
** reason, a party not in the roster, a rule that answers something else;
** the ctx table the rules see; the position and outcome names.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "accord/roster.h"
#include "accord_pack.h"

static const char roster_yaml[] =
	"roles: {member: Member, guest: Guest}\n"
	"parties:\n"
	"  - {code: AAA, name: Alpha, role: member}\n"
	"  - {code: BBB, name: Beta, role: guest}\n";

/* A pack whose decide returns RESULT (Lua source of an expression over positions and ctx). */
static accord_pack *load_pack(accord_roster *roster, const char *decide_result, const char *may_result)
{
	accord_pack_options opts = ACCORD_PACK_OPTIONS_INIT;
	accord_pack *pack = NULL;
	accord_error err;
	char source[4096];
	opts.roster = roster;
	opts.name = "pack.lua";
	snprintf(source, sizeof source,
		"return { api = 1, name = 'p', body = 'B', cites = { 'c' }, roles = { member = 'M', guest = 'G' },\n"
		"  stages = { { id = 'one', name = 'One', allows = {} } }, unagreed = 'drop',\n"
		"  decision = { rule = 'r', description = 'd' },\n"
		"  may_propose = function(party, ctx) return %s end,\n"
		"  may_object = function(party, ctx) return party.role == 'member', 'members object' end,\n"
		"  may_vote = function(party, ctx) return false end,\n"
		"  decide = function(positions, ctx) return %s end }\n",
		may_result, decide_result);
	if (accord_pack_load_string(&pack, source, strlen(source), &opts, &err) != 0)
		fail_msg("load: %s", err.message);
	return pack;
}

static void test_pack_rules__names(void **state)
{
	static const char *const positions[] = {"support", "object", "abstain", "reserve", "absent"};
	static const char *const outcomes[] = {"agreed", "bracketed", "rejected", "vote"};
	static const accord_outcome codes[] = {ACCORD_OUTCOME_AGREED, ACCORD_OUTCOME_BRACKETED, ACCORD_OUTCOME_REJECTED,
		ACCORD_OUTCOME_VOTE};
	int i;
	(void)state;
	for (i = 0; i < ACCORD_POS_COUNT; i++) {
		assert_string_equal(accord_position_name((accord_position)i), positions[i]);
		assert_int_equal(accord_position_from_name(positions[i]), i);
	}
	assert_null(accord_position_name((accord_position)ACCORD_POS_COUNT));
	assert_int_equal(accord_position_from_name("Support"), -1);
	assert_int_equal(accord_position_from_name(NULL), -1);
	/* a pack's outcomes are the store's (accord/store.h): one enum, one list of names */
	for (i = 0; i < 4; i++) {
		assert_string_equal(accord_session_outcome_name(codes[i]), outcomes[i]);
		assert_int_equal(accord_session_outcome_from_name(outcomes[i]), (int)codes[i]);
	}
	assert_null(accord_session_outcome_name((accord_outcome)ACCORD_SESSION_OUTCOME_COUNT));
	assert_int_equal(accord_session_outcome_from_name("Agreed"), -1);
	assert_int_equal(accord_session_outcome_from_name(NULL), -1);
}

static void test_pack_rules__decision_read_whole(void **state)
{
	accord_roster *roster = NULL;
	accord_pack *pack;
	accord_decision d;
	accord_error err;
	static const accord_stance stances[] = {{"AAA", ACCORD_POS_OBJECT}, {"BBB", ACCORD_POS_RESERVE}};
	accord_rule_context ctx = {"one", 1, 1, "rough consensus"};
	(void)state;
	assert_int_equal(accord_roster_parse(&roster, roster_yaml, strlen(roster_yaml), "r.yaml", &err), 0);
	/* the decision echoes what the rule saw: positions and every ctx field */
	pack = load_pack(roster,
		"{ outcome = 'vote', result = 'adopted by ' .. positions.AAA .. '/' .. tostring(positions.BBB),\n"
		"  note = table.concat({ tostring(ctx.stage), tostring(ctx.important), tostring(ctx.new_item),\n"
		"    tostring(ctx.chair), ctx.roster.parties.BBB.role }, ','),\n"
		"  tally = { support = 1, object = 2, abstain = 3, reserve = 4, absent = 5, yes = 6, no = 7 } }",
		"true");
	assert_int_equal(accord_pack_decide(&d, pack, stances, 2, &ctx, &err), 0);
	assert_int_equal(d.outcome, ACCORD_OUTCOME_VOTE);
	assert_string_equal(d.result, "adopted by object/reserve");
	assert_string_equal(d.note, "one,true,true,rough consensus,guest");
	accord_decision_dispose(&d);
	assert_int_equal(d.tally[ACCORD_POS_SUPPORT], 1);
	assert_int_equal(d.tally[ACCORD_POS_OBJECT], 2);
	assert_int_equal(d.tally[ACCORD_POS_ABSTAIN], 3);
	assert_int_equal(d.tally[ACCORD_POS_RESERVE], 4);
	assert_int_equal(d.tally[ACCORD_POS_ABSENT], 5);
	assert_int_equal(d.yes, 6);
	assert_int_equal(d.no, 7);
	/* without a context: no ctx fields but the roster */
	assert_int_equal(accord_pack_decide(&d, pack, stances, 1, NULL, &err), 0);
	assert_string_equal(d.result, "adopted by object/nil");
	assert_string_equal(d.note, "nil,nil,nil,nil,guest");
	accord_decision_dispose(&d);
	accord_pack_free(pack);

	/* each outcome; counts that are not non-negative integers read as 0; no result, no note */
	{
		static const char *const names[] = {"agreed", "bracketed", "rejected"};
		int i;
		for (i = 0; i < 3; i++) {
			char result[200];
			snprintf(result, sizeof result,
				"{ outcome = '%s', tally = { support = -1, object = 2.5, abstain = 'x', yes = 1.5 } }", names[i]);
			pack = load_pack(roster, result, "true");
			memset(&d, 0x55, sizeof d);
			assert_int_equal(accord_pack_decide(&d, pack, NULL, 0, NULL, &err), 0);
			assert_int_equal(d.outcome, i == 0 ? ACCORD_OUTCOME_AGREED : i == 1 ? ACCORD_OUTCOME_BRACKETED
				: ACCORD_OUTCOME_REJECTED);
			assert_string_equal(d.result, "");
			assert_null(d.note);
			assert_int_equal(d.tally[ACCORD_POS_SUPPORT], 0);
			assert_int_equal(d.tally[ACCORD_POS_OBJECT], 0);
			assert_int_equal(d.tally[ACCORD_POS_ABSTAIN], 0);
			assert_int_equal(d.yes, 0);
			assert_int_equal(d.no, 0);
			accord_pack_free(pack);
		}
	}
	accord_roster_free(roster);
}

static void test_pack_rules__malformed_decisions(void **state)
{
	static const struct {
		const char *result;
		int code;
		const char *message;
	} cases[] = {
		{"nil", ACCORD_ESCHEMA, "decide must return a table (got a nil)"},
		{"'agreed'", ACCORD_ESCHEMA, "decide must return a table (got a string)"},
		{"{ tally = {} }", ACCORD_ESCHEMA, "decide: outcome must be agreed, bracketed, rejected or vote"},
		{"{ outcome = 1, tally = {} }", ACCORD_ESCHEMA, "decide: outcome must be agreed, bracketed, rejected or vote"},
		{"{ outcome = 'Agreed', tally = {} }", ACCORD_ESCHEMA, "decide: outcome must be agreed, bracketed, rejected or vote"},
		{"{ outcome = 'agreed' }", ACCORD_ESCHEMA, "decide: tally must be a table"},
		{"{ outcome = 'agreed', tally = 3 }", ACCORD_ESCHEMA, "decide: tally must be a table"},
		{"{ outcome = 'vote', result = 5, tally = {} }", ACCORD_ESCHEMA, "decide: result must be a string"},
	};
	accord_roster *roster = NULL;
	accord_decision d;
	accord_error err;
	size_t i;
	(void)state;
	assert_int_equal(accord_roster_parse(&roster, roster_yaml, strlen(roster_yaml), "r.yaml", &err), 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		accord_pack *pack = load_pack(roster, cases[i].result, "true");
		int rc = accord_pack_decide(&d, pack, NULL, 0, NULL, &err);
		if (rc != cases[i].code || strstr(err.message, cases[i].message) == NULL)
			fail_msg("%s: %d %s (expected %s)", cases[i].result, rc, err.message, cases[i].message);
		accord_pack_free(pack);
	}
	/* a note is kept whole, however long, even where a byte limit would cut a character in two;
	 * a result longer than its 31 bytes, or text that is not UTF-8, is refused, not cut */
	{
		accord_pack *pack = load_pack(roster, "{ outcome = 'agreed', note = string.rep('\\u{e9}', 200), tally = {} }", "true");
		size_t k;
		assert_int_equal(accord_pack_decide(&d, pack, NULL, 0, NULL, &err), 0);
		assert_non_null(d.note);
		assert_int_equal(strlen(d.note), 400);
		for (k = 0; k < 400; k += 2)
			assert_memory_equal(d.note + k, "\xc3\xa9", 2);
		accord_decision_dispose(&d);
		assert_null(d.note);
		accord_decision_dispose(&d); /* twice: harmless */
		accord_pack_free(pack);
		pack = load_pack(roster, "{ outcome = 'vote', result = string.rep('x', 32), tally = {} }", "true");
		assert_int_equal(accord_pack_decide(&d, pack, NULL, 0, NULL, &err), ACCORD_ESCHEMA);
		assert_non_null(strstr(err.message, "at most 31 bytes"));
		assert_null(d.note);
		accord_pack_free(pack);
		pack = load_pack(roster, "{ outcome = 'agreed', note = '\\xff\\xfe', tally = {} }", "true");
		assert_int_equal(accord_pack_decide(&d, pack, NULL, 0, NULL, &err), ACCORD_ESCHEMA);
		assert_non_null(strstr(err.message, "note must be UTF-8"));
		accord_pack_free(pack);
	}
	/* a result that is not a string is ignored unless the outcome is a vote */
	{
		accord_pack *pack = load_pack(roster, "{ outcome = 'agreed', result = 5, note = 7, tally = {} }", "true");
		assert_int_equal(accord_pack_decide(&d, pack, NULL, 0, NULL, &err), 0);
		assert_string_equal(d.result, "");
		assert_null(d.note);
		accord_pack_free(pack);
	}
	/* misuse */
	{
		accord_pack *pack = load_pack(roster, "{ outcome = 'agreed', tally = {} }", "true");
		static const accord_stance bad[] = {{"AAA", (accord_position)ACCORD_POS_COUNT}};
		static const accord_stance nameless[] = {{NULL, ACCORD_POS_SUPPORT}};
		assert_int_equal(accord_pack_decide(NULL, pack, NULL, 0, NULL, &err), ACCORD_EINVAL);
		assert_int_equal(accord_pack_decide(&d, NULL, NULL, 0, NULL, &err), ACCORD_EINVAL);
		assert_int_equal(accord_pack_decide(&d, pack, NULL, 1, NULL, &err), ACCORD_EINVAL);
		assert_int_equal(accord_pack_decide(&d, pack, bad, 1, NULL, &err), ACCORD_EINVAL);
		assert_string_equal(err.message, "accord_pack_decide: bad stance 0");
		assert_int_equal(accord_pack_decide(&d, pack, nameless, 1, NULL, &err), ACCORD_EINVAL);
		accord_pack_free(pack);
	}
	accord_roster_free(roster);
}

static void test_pack_rules__may(void **state)
{
	accord_roster *roster = NULL;
	accord_buf reason = ACCORD_BUF_INIT;
	accord_pack *pack;
	accord_error err;
	accord_rule_context ctx = {"one", 0, 1, NULL};
	int allowed = -1;
	(void)state;
	assert_int_equal(accord_roster_parse(&roster, roster_yaml, strlen(roster_yaml), "r.yaml", &err), 0);
	pack = load_pack(roster, "{ outcome = 'agreed', tally = {} }",
		"party.role == 'member' and not ctx.new_item, party.code .. ' may not, at ' .. tostring(ctx.stage)");
	assert_int_equal(accord_pack_may(&allowed, pack, "propose", "AAA", NULL, &reason, &err), 0);
	assert_int_equal(allowed, 1);
	assert_int_equal(reason.size, 0); /* allowed: the second value is no reason */
	assert_int_equal(accord_pack_may(&allowed, pack, "propose", "AAA", &ctx, &reason, &err), 0);
	assert_int_equal(allowed, 0);
	assert_string_equal(reason.ptr, "AAA may not, at one");
	accord_buf_clear(&reason);
	assert_int_equal(accord_pack_may(&allowed, pack, "propose", "BBB", NULL, &reason, &err), 0);
	assert_int_equal(allowed, 0);
	assert_string_equal(reason.ptr, "BBB may not, at nil");
	accord_buf_clear(&reason);
	assert_int_equal(accord_pack_may(&allowed, pack, "object", "AAA", NULL, &reason, &err), 0);
	assert_int_equal(allowed, 1);
	assert_int_equal(reason.size, 0);
	assert_int_equal(accord_pack_may(&allowed, pack, "object", "BBB", NULL, NULL, &err), 0);
	assert_int_equal(allowed, 0);
	allowed = 1;
	assert_int_equal(accord_pack_may(&allowed, pack, "vote", "AAA", NULL, &reason, &err), 0);
	assert_int_equal(allowed, 0);
	assert_int_equal(reason.size, 0);
	/* not in the roster; an action that is not one; misuse */
	allowed = 1;
	assert_int_equal(accord_pack_may(&allowed, pack, "propose", "ZZZ", NULL, &reason, &err), ACCORD_ENOTFOUND);
	assert_int_equal(allowed, 0);
	assert_int_equal(accord_pack_may(&allowed, pack, "comment", "AAA", NULL, &reason, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_pack_may: action is propose, object or vote");
	assert_int_equal(accord_pack_may(NULL, pack, "propose", "AAA", NULL, &reason, &err), ACCORD_EINVAL);
	assert_int_equal(accord_pack_may(&allowed, NULL, "propose", "AAA", NULL, &reason, &err), ACCORD_EINVAL);
	assert_int_equal(accord_pack_may(&allowed, pack, NULL, "AAA", NULL, &reason, &err), ACCORD_EINVAL);
	assert_int_equal(accord_pack_may(&allowed, pack, "propose", NULL, NULL, &reason, &err), ACCORD_EINVAL);
	accord_pack_free(pack);

	/* a rule that answers something other than true or false */
	pack = load_pack(roster, "{ outcome = 'agreed', tally = {} }", "'yes'");
	assert_int_equal(accord_pack_may(&allowed, pack, "propose", "AAA", NULL, &reason, &err), ACCORD_ESCHEMA);
	assert_string_equal(err.message, "pack.lua: may_propose must return true or false, reason");
	accord_pack_free(pack);

	/* a pack without a roster knows no party */
	{
		accord_pack_options opts = ACCORD_PACK_OPTIONS_INIT;
		static const char source[] = "return { may_propose = function() return true end }";
		opts.name = "bare.lua";
		assert_int_equal(accord_pack_load_string(&pack, source, strlen(source), &opts, &err), 0);
		assert_int_equal(accord_pack_may(&allowed, pack, "propose", "AAA", NULL, &reason, &err), ACCORD_ENOTFOUND);
		assert_string_equal(err.message, "no party 'AAA': the pack has no roster");
		accord_pack_free(pack);
	}
	accord_buf_dispose(&reason);
	accord_roster_free(roster);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack_rules__names),
		cmocka_unit_test(test_pack_rules__decision_read_whole),
		cmocka_unit_test(test_pack_rules__malformed_decisions),
		cmocka_unit_test(test_pack_rules__may),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
