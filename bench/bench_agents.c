/*
** bench_agents.c: the cost of calling a delegation's agent through the
** simulation runtime (sim_agent_call: ctx built in the sandbox with the
** roster's read-only proxy, instruction budget armed, protected call with a
** message handler, the answer read back as a position), as a ratio to a bare
** Lua call of the same function with prebuilt arguments (lua_call, no hook,
** no handler), in the same run and the same Lua state. Goal: at most 3x
** (issue 12). The amendment table is built once in both, as a run builds it
** once for all the delegations it asks.
**
** Usage: bench_agents [SCENARIO.lua ROSTER.yaml PARTY [ITERATIONS]]
** (default: examples/wtpf-2013/simulation.lua, its roster, BRA: a delegation
** whose model scores the amendment rather than answering at once)
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>

#include "accord/roster.h"
#include "accord_lua.h"
#include "accord_pack.h"
#include "simulate_int.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* An amendment table with the fields a run gives agents (simulate_agents.c, push_amendment). */
static void push_amendment(lua_State *L)
{
	lua_createtable(L, 0, 10);
	lua_pushstring(L, "USA/5");
	lua_setfield(L, -2, "id");
	lua_pushstring(L, "MOD");
	lua_setfield(L, -2, "op");
	lua_pushstring(L, "p4");
	lua_setfield(L, -2, "target");
	lua_pushstring(L, "that article 35 of the Tunis Agenda defines the stakeholders in Internet governance and their "
			  "respective roles and, in particular, that policy authority for Internet-related public policy "
			  "issues is the sovereign right of states;");
	lua_setfield(L, -2, "paragraph");
	lua_pushstring(L, "d)");
	lua_setfield(L, -2, "label");
	lua_pushstring(L, "per paragraph 55 of the Tunis Agenda, existing arrangements for Internet governance have "
			  "worked effectively ... multi-stakeholder model");
	lua_setfield(L, -2, "inserted");
	lua_pushstring(L, "is the sovereign right of states");
	lua_setfield(L, -2, "deleted");
	lua_createtable(L, 1, 0);
	lua_pushstring(L, "USA");
	lua_rawseti(L, -2, 1);
	lua_setfield(L, -2, "proposers");
	lua_pushstring(L, "proposed");
	lua_setfield(L, -2, "state");
}

int main(int argc, char **argv)
{
	const char *scenario = argc > 1 ? argv[1] : ACCORD_SOURCE "/examples/wtpf-2013/simulation.lua";
	const char *roster_path = argc > 2 ? argv[2] : ACCORD_SOURCE "/examples/wtpf-2013/simulation-roster.yaml";
	const char *party = argc > 3 ? argv[3] : "BRA";
	long iterations = argc > 4 ? atol(argv[4]) : 20000, k;
	accord_pack_options options = ACCORD_PACK_OPTIONS_INIT;
	accord_roster *roster = NULL;
	accord_pack *pack = NULL;
	accord_error err;
	lua_State *L;
	int amendment, said, ctx, agent, round, rc = 1;
	double best_runtime = 1e9, best_bare = 1e9;

	if (accord_roster_load(&roster, roster_path, &err) != 0) {
		fprintf(stderr, "bench_agents: %s: %s\n", roster_path, err.message);
		goto cleanup;
	}
	options.roster = roster;
	if (accord_pack_load(&pack, scenario, &options, &err) != 0) {
		fprintf(stderr, "bench_agents: %s:%u: %s\n", err.file, err.line, err.message);
		goto cleanup;
	}
	L = accord_lua_state(accord_pack_runtime(pack));
	lua_settop(L, 0);
	accord_pack_push(pack);
	lua_getfield(L, -1, "delegations");
	lua_getfield(L, -1, party);
	if (!lua_isfunction(L, -1)) {
		fprintf(stderr, "bench_agents: %s has no agent for %s\n", scenario, party);
		goto cleanup;
	}
	lua_replace(L, 1);
	lua_settop(L, 1);
	agent = 1;
	push_amendment(L);
	amendment = 2;
	lua_createtable(L, 0, 4); /* what the delegations before it said */
	lua_pushstring(L, "support");
	lua_setfield(L, -2, "USA");
	lua_pushstring(L, "object");
	lua_setfield(L, -2, "IRN");
	said = 3;
	/* the bare call's ctx, prebuilt once, with the roster as the runtime gives it */
	lua_createtable(L, 0, 6);
	lua_pushstring(L, party);
	lua_setfield(L, -2, "party");
	lua_pushinteger(L, 1);
	lua_setfield(L, -2, "round");
	lua_pushstring(L, "forum_wg");
	lua_setfield(L, -2, "stage");
	lua_pushinteger(L, 1);
	lua_setfield(L, -2, "run");
	lua_pushvalue(L, said);
	lua_setfield(L, -2, "said");
	accord_pack_push_roster(pack);
	lua_setfield(L, -2, "roster");
	ctx = 4;

	for (round = 0; round < 5; round++) {
		double t0 = now(), t1, t2;
		for (k = 0; k < iterations; k++) {
			lua_pushvalue(L, agent);
			if (sim_agent_call(pack, amendment, said, party, 1, "forum_wg", 1, &err) != 0) {
				fprintf(stderr, "bench_agents: %s\n", err.message);
				goto cleanup;
			}
			if (lua_type(L, -1) == LUA_TSTRING && sim_position_code(lua_tostring(L, -1)) < 0)
				goto cleanup;
			lua_pop(L, 1);
		}
		t1 = now();
		for (k = 0; k < iterations; k++) {
			lua_pushvalue(L, agent);
			lua_pushvalue(L, amendment);
			lua_pushvalue(L, ctx);
			lua_call(L, 2, 1);
			lua_pop(L, 1);
		}
		t2 = now();
		if (t1 - t0 < best_runtime)
			best_runtime = t1 - t0;
		if (t2 - t1 < best_bare)
			best_bare = t2 - t1;
	}
	printf("agent of %s (%s), %ld calls, best of 5:\n", party, scenario, iterations);
	printf("  through the runtime  %8.2f us a call\n", 1e6 * best_runtime / (double)iterations);
	printf("  bare lua_call        %8.2f us a call\n", 1e6 * best_bare / (double)iterations);
	printf("  ratio                %8.2fx (goal: at most 3x)\n", best_runtime / best_bare);
	rc = 0;
cleanup:
	accord_pack_free(pack);
	accord_roster_free(roster);
	return rc;
}
