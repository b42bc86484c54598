/*
** bench_rules.c: the cost of calling a rule pack's decision rule through
** the runtime (accord_pack_decide: positions and ctx built in the sandbox,
** instruction budget armed, protected call with a message handler, the
** decision read back), as a ratio to a bare Lua call of the same function
** with prebuilt arguments (lua_call, no hook, no handler), in the same run.
** Goal: at most 3x.
**
** Usage: bench_rules [PACK.lua ROSTER.yaml [ITERATIONS]]
** (default: workflows/un_ga.lua with tests/data/workflows/un-roster.yaml)
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>

#include "accord/roster.h"
#include "accord_pack.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Builds the same arguments as accord_pack_decide in the state (bare run). */
static int push_bare_args(lua_State *L)
{
	const accord_stance *stances = lua_touserdata(L, 1);
	size_t i, count = (size_t)lua_tointeger(L, 2);
	lua_settop(L, 0);
	lua_createtable(L, 0, (int)count);
	for (i = 0; i < count; i++) {
		lua_pushstring(L, accord_position_name(stances[i].position));
		lua_setfield(L, -2, stances[i].party);
	}
	lua_createtable(L, 0, 2);
	return 2;
}

int main(int argc, char **argv)
{
	const char *pack_path = argc > 1 ? argv[1] : ACCORD_SOURCE "/workflows/un_ga.lua";
	const char *roster_path = argc > 2 ? argv[2] : ACCORD_SOURCE "/tests/data/workflows/un-roster.yaml";
	long iterations = argc > 3 ? atol(argv[3]) : 20000;
	accord_pack_options options = ACCORD_PACK_OPTIONS_INIT;
	accord_roster *roster = NULL;
	accord_pack *pack = NULL;
	accord_stance *stances = NULL;
	accord_decision decision;
	accord_rule_context ctx = {NULL, 0, 0, NULL};
	accord_error err;
	lua_State *L;
	size_t i, n;
	long k;
	int positions_ref, ctx_ref, decide_ref, rc = 1, round;
	double best_runtime = 1e9, best_bare = 1e9, best_may = 1e9, best_bare_may = 1e9;

	if (accord_roster_load(&roster, roster_path, &err) != 0) {
		fprintf(stderr, "bench_rules: %s: %s\n", roster_path, err.message);
		goto cleanup;
	}
	options.roster = roster;
	if (accord_pack_load(&pack, pack_path, &options, &err) != 0) {
		fprintf(stderr, "bench_rules: %s:%u: %s\n", err.file, err.line, err.message);
		goto cleanup;
	}
	/* positions: a contested item, 10 support, 5 object, the rest abstain (a vote) */
	n = accord_roster_party_count(roster);
	stances = calloc(n, sizeof(*stances));
	if (stances == NULL)
		goto cleanup;
	for (i = 0; i < n; i++) {
		stances[i].party = accord_party_code(accord_roster_party(roster, i));
		stances[i].position = i < 10 ? ACCORD_POS_SUPPORT : i < 15 ? ACCORD_POS_OBJECT : ACCORD_POS_ABSTAIN;
	}
	if (accord_pack_decide(&decision, pack, stances, n, &ctx, &err) != 0) {
		fprintf(stderr, "bench_rules: decide: %s\n", err.message);
		goto cleanup;
	}
	printf("pack %s, %zu parties: outcome %s %s (yes %u, no %u, abstain %u)\n", pack_path, n,
		accord_session_outcome_name(decision.outcome), decision.result, decision.yes, decision.no,
		decision.tally[ACCORD_POS_ABSTAIN]);
	accord_decision_dispose(&decision);

	/* the bare call's arguments, prebuilt once, with ctx.roster as the runtime gives it */
	L = accord_lua_state(accord_pack_runtime(pack));
	lua_settop(L, 0);
	lua_pushcfunction(L, push_bare_args);
	lua_pushlightuserdata(L, stances);
	lua_pushinteger(L, (lua_Integer)n);
	if (accord_lua_pcall(accord_pack_runtime(pack), 2, 2, &err) != 0)
		goto cleanup;
	accord_pack_push_roster(pack);
	lua_setfield(L, 2, "roster");
	ctx_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	positions_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	accord_pack_push(pack);
	lua_getfield(L, -1, "decide");
	decide_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pop(L, 1);

	for (round = 0; round < 5; round++) {
		double t0 = now(), t1, t2, t3, t4;
		for (k = 0; k < iterations; k++) {
			if (accord_pack_decide(&decision, pack, stances, n, &ctx, &err) != 0)
				goto cleanup;
			accord_decision_dispose(&decision);
		}
		t1 = now();
		for (k = 0; k < iterations; k++) {
			lua_rawgeti(L, LUA_REGISTRYINDEX, decide_ref);
			lua_rawgeti(L, LUA_REGISTRYINDEX, positions_ref);
			lua_rawgeti(L, LUA_REGISTRYINDEX, ctx_ref);
			lua_call(L, 2, 1);
			lua_pop(L, 1);
		}
		t2 = now();
		for (k = 0; k < iterations; k++) {
			int allowed;
			if (accord_pack_may(&allowed, pack, "vote", stances[k % n].party, &ctx, NULL, &err) != 0)
				goto cleanup;
		}
		t3 = now();
		accord_pack_push(pack);
		lua_getfield(L, -1, "may_vote");
		lua_remove(L, -2);
		for (k = 0; k < iterations; k++) {
			lua_pushvalue(L, -1);
			accord_pack_push_roster(pack);
			lua_getfield(L, -1, "parties");
			lua_getfield(L, -1, stances[k % n].party);
			lua_replace(L, -3);
			lua_pop(L, 1);
			lua_rawgeti(L, LUA_REGISTRYINDEX, ctx_ref);
			lua_call(L, 2, 2);
			lua_pop(L, 2);
		}
		lua_pop(L, 1);
		t4 = now();
		if (t1 - t0 < best_runtime)
			best_runtime = t1 - t0;
		if (t2 - t1 < best_bare)
			best_bare = t2 - t1;
		if (t3 - t2 < best_may)
			best_may = t3 - t2;
		if (t4 - t3 < best_bare_may)
			best_bare_may = t4 - t3;
	}
	printf("decide through the runtime: %8.2f us/call\n", best_runtime / (double)iterations * 1e6);
	printf("decide, bare lua_call:      %8.2f us/call\n", best_bare / (double)iterations * 1e6);
	printf("ratio decide:               %8.2fx (goal <= 3x)\n", best_runtime / best_bare);
	printf("may_vote through runtime:   %8.2f us/call\n", best_may / (double)iterations * 1e6);
	printf("may_vote, bare lua_call:    %8.2f us/call\n", best_bare_may / (double)iterations * 1e6);
	printf("ratio may_vote:             %8.2fx (a trivial rule: the fixed cost)\n", best_may / best_bare_may);
	rc = best_runtime / best_bare <= 3.0 ? 0 : 2;
cleanup:
	free(stances);
	accord_pack_free(pack);
	accord_roster_free(roster);
	return rc;
}
