/*
** test_sandbox.c: the Lua sandbox (lua/runtime/sandbox.c): every escape attempt
** ends with the right error, never a hang or a crash; limits are
** configurable; errors carry script:line.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "accord/sys/testing.h"
#include "accord/format.h"
#include "accord/roster.h"
#include "accord_lua.h"
#include "accord_module.h"
#include "accord_pack.h"

#define SMALL_BUDGET 2000000UL
#define SMALL_MEMORY ((size_t)4 << 20)

static accord_lua *sandbox_with(size_t memory, unsigned long instructions)
{
	accord_lua_options opts = ACCORD_LUA_OPTIONS_INIT;
	accord_lua *S = NULL;
	accord_error err;
	opts.memory_limit = memory;
	opts.instruction_limit = instructions;
	opts.lib_dir = ACCORD_WORKFLOWS "/lib";
	assert_int_equal(accord_lua_new(&S, &opts, &err), 0);
	assert_non_null(S);
	return S;
}

static int setup(void **state)
{
	*state = sandbox_with(SMALL_MEMORY, SMALL_BUDGET);
	return 0;
}

static int teardown(void **state)
{
	accord_lua_free(*state);
	return 0;
}

/* Runs code in a fresh environment; returns the code, err filled. Leaves no result. */
static int run(accord_lua *S, const char *code, accord_error *err)
{
	int rc;
	accord_error_clear(err);
	rc = accord_lua_dostring(S, "pack.lua", code, strlen(code), 0, err);
	assert_int_equal(lua_gettop(accord_lua_state(S)), 0);
	return rc;
}

/* Runs code that must return true. */
static void expect_true(accord_lua *S, const char *code)
{
	accord_error err;
	lua_State *L = accord_lua_state(S);
	int rc = accord_lua_dostring(S, "pack.lua", code, strlen(code), 1, &err);
	if (rc != 0)
		fail_msg("%s: %s (line %u)", code, err.message, err.line);
	if (!lua_toboolean(L, -1))
		fail_msg("not true: %s", code);
	lua_settop(L, 0);
}

static void test_sandbox__endless_loop_hits_budget(void **state)
{
	accord_error err;
	assert_int_equal(run(*state, "while true do end", &err), ACCORD_ELIMIT);
	assert_non_null(strstr(err.message, "instruction limit"));
	assert_string_equal(err.file, "pack.lua");
	assert_int_equal(err.line, 1);
}

static void test_sandbox__pcall_cannot_swallow_budget(void **state)
{
	accord_error err;
	assert_int_equal(run(*state, "while true do pcall(function() while true do end end) end", &err), ACCORD_ELIMIT);
	assert_int_equal(run(*state,
		"local n = 0\nwhile true do\n  local ok = pcall(function() for i = 1, 1e9 do end end)\n  n = n + 1\nend",
		&err), ACCORD_ELIMIT);
	/* a message handler that loops is caught too */
	assert_int_equal(run(*state, "xpcall(function() while true do end end, function() while true do end end)", &err),
		ACCORD_ELIMIT);
	/* an error object whose __tostring loops */
	assert_int_equal(run(*state, "error(setmetatable({}, {__tostring = function() while true do end end}))", &err),
		ACCORD_ELIMIT);
}

static void test_sandbox__budget_is_per_call(void **state)
{
	accord_error err;
	int i;
	/* many calls that each stay under the budget all succeed */
	for (i = 0; i < 5; i++)
		assert_int_equal(run(*state, "local s = 0 for i = 1, 100000 do s = s + i end", &err), 0);
	assert_int_equal(run(*state, "while true do end", &err), ACCORD_ELIMIT);
	/* after a tripped call the next one runs normally */
	assert_int_equal(run(*state, "local s = 0 for i = 1, 1000 do s = s + i end", &err), 0);
}

static void test_sandbox__memory_bomb(void **state)
{
	accord_error err;
	assert_int_equal(run(*state, "local t = {} for i = 1, 1e8 do t[i] = i end", &err), ACCORD_ELIMIT);
	assert_non_null(strstr(err.message, "memory"));
	assert_int_equal(run(*state, "local s = 'x' while true do s = s .. s end", &err), ACCORD_ELIMIT);
	/* table growth bomb under pcall: caught memory errors then the budget */
	assert_int_equal(run(*state, "local keep = {} while true do pcall(function() local t = {} keep[#keep+1] = t "
		"for i = 1, 1e8 do t[i] = i end end) end", &err), ACCORD_ELIMIT);
	/* the state is still usable and memory was given back */
	assert_int_equal(run(*state, "local t = {} for i = 1, 100 do t[i] = i end", &err), 0);
	assert_true(accord_lua_memory_used(*state) < SMALL_MEMORY);
}

static void test_sandbox__string_rep_huge(void **state)
{
	accord_error err;
	assert_int_equal(run(*state, "local s = string.rep('x', 1e10)", &err), ACCORD_ELIMIT);
	assert_non_null(strstr(err.message, "string.rep"));
	assert_int_equal(err.line, 1);
	assert_int_equal(run(*state, "local s = ('x'):rep(1e10)", &err), ACCORD_ELIMIT);
	assert_int_equal(run(*state, "local s = string.rep('ab', 1e9, ',')", &err), ACCORD_ELIMIT);
	assert_int_equal(run(*state, "local s = string.rep('x', math.maxinteger)", &err), ACCORD_ELIMIT);
	/* other amplifiers are held by the allocator */
	assert_int_equal(run(*state, "local t = {} for i = 1, 1000 do t[i] = string.rep('y', 1000) end "
		"local s = table.concat(t) s = table.concat({s, s, s, s, s, s, s, s})", &err), ACCORD_ELIMIT);
	/* a small rep is fine */
	expect_true(*state, "return string.rep('ab', 3, '-') == 'ab-ab-ab'");
}

static void test_sandbox__costly_patterns_refused(void **state)
{
	accord_error err;
	/* backtracking in C is out of the count hook's reach: refused up front */
	assert_int_equal(run(*state, "local s = string.rep('a', 20000)\nreturn s:find('.-.-.-.-b')", &err), ACCORD_ESCRIPT);
	assert_non_null(strstr(err.message, "pattern too costly"));
	assert_int_equal(err.line, 2);
	assert_int_equal(run(*state, "for w in string.gmatch(string.rep('a', 100000), '(.-)(.-)b') do end", &err),
		ACCORD_ESCRIPT);
	assert_int_equal(run(*state, "string.gsub(string.rep('a', 100000), '.*.*.*b', '')", &err), ACCORD_ESCRIPT);
	/* ordinary patterns and plain finds work */
	expect_true(*state, "return ('  x  '):match('^%s*(.-)%s*$') == 'x' and ('a.b'):find('.', 1, true) == 2 "
		"and select(2, ('a,b,c'):gsub(',', ';')) == 2 and string.rep('a', 100000):find('b', 1, true) == nil");
}

static void test_sandbox__tampering_with_shared_tables(void **state)
{
	accord_error err;
	assert_int_equal(run(*state, "string.rep = nil", &err), ACCORD_ESCRIPT);
	assert_non_null(strstr(err.message, "read-only"));
	assert_int_equal(run(*state, "table.insert = print", &err), ACCORD_ESCRIPT);
	assert_int_equal(run(*state, "math.pi = 3", &err), ACCORD_ESCRIPT);
	assert_int_equal(run(*state, "getmetatable('').__index = {}", &err), ACCORD_ESCRIPT);
	assert_int_equal(run(*state, "setmetatable(string, {})", &err), ACCORD_ESCRIPT);
	expect_true(*state, "return getmetatable('') == false and getmetatable(string) == false");
	/* rawset on a proxy only changes this environment's proxy */
	assert_int_equal(run(*state, "rawset(string, 'upper', function() return 'pwned' end) x_global = 1", &err), 0);
	expect_true(*state, "return string.upper('a') == 'A' and ('a'):upper() == 'A' and x_global == nil");
	/* __gc metamethods are refused: finalizers would run outside the budget */
	assert_int_equal(run(*state, "setmetatable({}, {__gc = function() while true do end end})", &err), ACCORD_ESCRIPT);
	assert_non_null(strstr(err.message, "__gc"));
	/* the libraries still work through the proxies */
	expect_true(*state, "local n = 0 for k in pairs(string) do n = n + 1 end return n > 10 and #string == 0 "
		"and string.format('%d', 3) == '3' and math.max(1, 2) == 2 and utf8.char(72) == 'H' "
		"and table.concat({1, 2}, ',') == '1,2'");
}

static void test_sandbox__dangerous_functions_absent(void **state)
{
	expect_true(*state, "return io == nil and os == nil and package == nil and debug == nil and load == nil "
		"and loadfile == nil and dofile == nil and loadstring == nil and print == nil "
		"and collectgarbage == nil and coroutine == nil and string.dump == nil");
	expect_true(*state, "return _G == _ENV and type(require) == 'function' and _VERSION == 'Lua 5.4'");
}

static void test_sandbox__bytecode_refused(void **state)
{
	accord_lua_options opts = ACCORD_LUA_OPTIONS_INIT;
	accord_lua *trusted = NULL;
	accord_error err;
	lua_State *T;
	const char *bytecode;
	size_t len;

	opts.trust = ACCORD_LUA_TRUSTED;
	assert_int_equal(accord_lua_new(&trusted, &opts, &err), 0);
	T = accord_lua_state(trusted);
	assert_int_equal(luaL_dostring(T, "return string.dump(function() return 42 end)"), LUA_OK);
	bytecode = lua_tolstring(T, -1, &len);
	assert_true(len > 4 && bytecode[0] == '\x1b');
	assert_int_equal(accord_lua_dostring(*state, "evil.luac", bytecode, len, 0, &err), ACCORD_EPARSE);
	assert_non_null(strstr(err.message, "binary"));
	accord_lua_free(trusted);
}

static void test_sandbox__error_position(void **state)
{
	accord_error err;
	assert_int_equal(run(*state, "local x = 1\n\nerror('the rule failed')\n", &err), ACCORD_ESCRIPT);
	assert_string_equal(err.file, "pack.lua");
	assert_int_equal(err.line, 3);
	assert_string_equal(err.message, "the rule failed");
	assert_non_null(strstr(accord_lua_traceback(*state), "stack traceback"));
	assert_int_equal(run(*state, "local x = \n\n = 2", &err), ACCORD_EPARSE);
	assert_string_equal(err.file, "pack.lua");
	assert_int_equal(err.line, 3);
	assert_int_equal(run(*state, "error({})", &err), ACCORD_ESCRIPT);
	assert_non_null(strstr(err.message, "table"));
}

/* Every refusal is a script error at the refused statement's line, with its reason. */
static void test_sandbox__refusals_name_the_line(void **state)
{
	static const struct {
		const char *statement;
		int code;
		const char *reason;
	} refusals[] = {
		{"local f = io.open('/etc/passwd')", ACCORD_ESCRIPT, "attempt to index a nil value (global 'io')"},
		{"os.exit(1)", ACCORD_ESCRIPT, "attempt to index a nil value (global 'os')"},
		{"load('return 1')()", ACCORD_ESCRIPT, "attempt to call a nil value (global 'load')"},
		{"dofile('/etc/passwd')", ACCORD_ESCRIPT, "attempt to call a nil value (global 'dofile')"},
		{"loadfile('/etc/passwd')", ACCORD_ESCRIPT, "attempt to call a nil value (global 'loadfile')"},
		{"print('out')", ACCORD_ESCRIPT, "attempt to call a nil value (global 'print')"},
		{"collectgarbage()", ACCORD_ESCRIPT, "attempt to call a nil value (global 'collectgarbage')"},
		{"coroutine.wrap(print)", ACCORD_ESCRIPT, "attempt to index a nil value (global 'coroutine')"},
		{"debug.sethook()", ACCORD_ESCRIPT, "attempt to index a nil value (global 'debug')"},
		{"package.loaded.os = 1", ACCORD_ESCRIPT, "attempt to index a nil value (global 'package')"},
		{"string.dump(tostring)", ACCORD_ESCRIPT, "attempt to call a nil value (field 'dump')"},
		{"string.rep = nil", ACCORD_ESCRIPT, "attempt to modify read-only table 'string'"},
		{"math.huge = 1", ACCORD_ESCRIPT, "attempt to modify read-only table 'math'"},
		{"utf8.char = nil", ACCORD_ESCRIPT, "attempt to modify read-only table 'utf8'"},
		{"setmetatable({}, {__gc = error})", ACCORD_ESCRIPT,
			"bad argument #2 to 'setmetatable' (__gc metamethods are not allowed in a rule pack)"},
		{"require '../wtpf'", ACCORD_ESCRIPT,
			"bad argument #1 to 'require' (a library name is letters, digits and '_' only)"},
		{"require 'io'", ACCORD_ESCRIPT, "require: no library 'io' (looked in " ACCORD_WORKFLOWS "/lib)"},
		{"local s = string.rep('x', 1e10)", ACCORD_ELIMIT,
			"string.rep: a result of 10000000000 x 1 bytes exceeds the memory limit (4194304 bytes)"},
		{"local n = 0 while true do n = n + 1 end", ACCORD_ELIMIT,
			"instruction limit exceeded (2000000 instructions per call)"},
		{"local m = ('a'):rep(30000):match('.-.-.-b')", ACCORD_ESCRIPT,
			"pattern too costly for a subject of 30000 bytes (4 quantifiers)"},
	};
	char code[512];
	accord_error err;
	size_t i;
	for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		snprintf(code, sizeof(code), "-- a rule pack\nlocal ok = true\n%s\nreturn {}\n", refusals[i].statement);
		if (run(*state, code, &err) != refusals[i].code)
			fail_msg("%s: code %d, message %s", refusals[i].statement, err.code, err.message);
		assert_string_equal(err.file, "pack.lua");
		if (err.line != 3)
			fail_msg("%s: line %u, expected 3", refusals[i].statement, err.line);
		assert_string_equal(err.message, refusals[i].reason);
	}
	/* the cost estimate counts quantifiers, not the content: two (one, unanchored) on 110,000 bytes is
	** refused even where the match would be quick; anchored, the same pattern runs */
	assert_int_equal(run(*state, "local s = 'b' .. ('a'):rep(110000)\nlocal m = s:match('.-b')", &err), ACCORD_ESCRIPT);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.message, "pattern too costly for a subject of 110001 bytes (2 quantifiers)");
	expect_true(*state, "local s = 'b' .. ('a'):rep(110000) return s:match('^.-b') == 'b'");
	/* a library name has 1 to 64 characters */
	snprintf(code, sizeof(code), "require '%065d'", 0);
	assert_int_equal(run(*state, code, &err), ACCORD_ESCRIPT);
	assert_string_equal(err.message, "bad argument #1 to 'require' (a library name has 1 to 64 characters)");
	snprintf(code, sizeof(code), "require '%064d'", 0);
	assert_int_equal(run(*state, code, &err), ACCORD_ESCRIPT);
	assert_string_equal(err.message,
		"require: no library '0000000000000000000000000000000000000000000000000000000000000000' (looked in " ACCORD_WORKFLOWS
		"/lib)");
	assert_int_equal(run(*state, "require ''", &err), ACCORD_ESCRIPT);
	assert_string_equal(err.message, "bad argument #1 to 'require' (a library name has 1 to 64 characters)");
}

static void test_sandbox__fresh_environment_per_chunk(void **state)
{
	accord_error err;
	assert_int_equal(run(*state, "leaked = 'yes' string_copy = string", &err), 0);
	expect_true(*state, "return leaked == nil and string_copy == nil");
}

static void test_sandbox__require_only_resolves_lib(void **state)
{
	accord_error err;
	expect_true(*state, "local t = require 'thresholds' return t.simple_majority(10, 5) and require('thresholds') == t");
	assert_int_equal(run(*state, "require '../wtpf'", &err), ACCORD_ESCRIPT);
	assert_int_equal(run(*state, "require 'a.b'", &err), ACCORD_ESCRIPT);
	assert_int_equal(run(*state, "require 'no_such_library'", &err), ACCORD_ESCRIPT);
	assert_non_null(strstr(err.message, "no library"));
}

static void test_sandbox__limits_configurable(void **state)
{
	accord_lua *S = sandbox_with(SMALL_MEMORY, 1000);
	accord_error err;
	(void)state;
	assert_int_equal(run(S, "for i = 1, 10000 do end", &err), ACCORD_ELIMIT);
	accord_lua_set_limits(S, SMALL_MEMORY, 10000000);
	assert_int_equal(run(S, "for i = 1, 10000 do end", &err), 0);
	accord_lua_set_limits(S, (size_t)512 << 10, 10000000);
	assert_int_equal(run(S, "local s = string.rep('x', 1 << 20)", &err), ACCORD_ELIMIT);
	accord_lua_set_limits(S, (size_t)16 << 20, 10000000);
	assert_int_equal(run(S, "local s = string.rep('x', 1 << 20)", &err), 0);
	assert_true(accord_lua_memory_peak(S) > ((size_t)1 << 20));
	accord_lua_free(S);
}

static void test_sandbox__trusted_state_has_everything(void **state)
{
	accord_lua_options opts = ACCORD_LUA_OPTIONS_INIT;
	accord_lua *T = NULL;
	accord_error err;
	(void)state;
	opts.trust = ACCORD_LUA_TRUSTED;
	opts.memory_limit = 0;
	opts.instruction_limit = 0;
	assert_int_equal(accord_lua_new(&T, &opts, &err), 0);
	expect_true(T, "return accord == nil");
	assert_int_equal(accord_lua_preload(T, "accord", luaopen_accord, &err), 0);
	expect_true(T, "return io ~= nil and os ~= nil and type(load) == 'function' and accord ~= nil "
		"and require('accord') == accord and type(accord.parse) == 'function'");
	accord_lua_free(T);
}

static void test_sandbox__sandbox_preloads_nothing(void **state)
{
	accord_error err;
	assert_int_equal(accord_lua_preload(*state, "accord", luaopen_accord, &err), ACCORD_EINVAL);
	assert_non_null(strstr(err.message, "sandbox"));
	expect_true(*state, "return accord == nil");
}

static void test_sandbox__allocation_failures(void **state)
{
	long n;
	int done = 0;
	(void)state;
	for (n = 0; n < 5000 && !done; n++) {
		accord_lua_options opts = ACCORD_LUA_OPTIONS_INIT;
		accord_lua *S = NULL;
		accord_error err;
		int rc;
		accord_alloc_fail_after(n);
		rc = accord_lua_new(&S, &opts, &err);
		if (rc == 0) {
			rc = accord_lua_dostring(S, "pack.lua", "local t = {} for i = 1, 100 do t[i] = tostring(i) end return #t",
				strlen("local t = {} for i = 1, 100 do t[i] = tostring(i) end return #t"), 1, &err);
			if (rc == 0)
				done = 1;
			else
				assert_true(rc == ACCORD_ENOMEM || rc == ACCORD_ESCRIPT);
		} else {
			assert_int_equal(rc, ACCORD_ENOMEM);
			assert_null(S);
		}
		accord_alloc_fail_after(-1);
		accord_lua_free(S);
	}
	assert_true(done);
}

static void test_sandbox__pack_c_api(void **state)
{
	accord_pack_options opts = ACCORD_PACK_OPTIONS_INIT;
	accord_roster *roster = NULL;
	accord_pack *pack = NULL;
	accord_stance *stances;
	accord_decision d;
	accord_rule_context ctx = {"adoption", 0, 0, NULL};
	accord_vocab *vocab = NULL;
	accord_buf reason = ACCORD_BUF_INIT, problems = ACCORD_BUF_INIT;
	accord_error err;
	accord_section_kind kind;
	size_t i, n, start, len, before;
	int allowed;
	const char *bad = "return { api = 1, name = 'x', body = 'B', cites = {}, roles = {}, stages = {{id = 1}} }";
	(void)state;

	assert_int_equal(accord_roster_load(&roster, ACCORD_TESTDATA "/workflows/un-roster.yaml", &err), 0);
	opts.roster = roster;
	assert_int_equal(accord_pack_load(&pack, ACCORD_WORKFLOWS "/un_ga.lua", &opts, &err), 0);
	assert_int_equal(accord_pack_validate(pack, NULL, &err), 0);
	n = accord_roster_party_count(roster);
	stances = calloc(n, sizeof(*stances));
	assert_non_null(stances);
	for (i = 0; i < n; i++) {
		stances[i].party = accord_party_code(accord_roster_party(roster, i));
		stances[i].position = i < 10 ? ACCORD_POS_SUPPORT : i < 15 ? ACCORD_POS_OBJECT : i < 35 ? ACCORD_POS_ABSTAIN : ACCORD_POS_ABSENT;
	}
	assert_int_equal(accord_pack_decide(&d, pack, stances, n, &ctx, &err), 0);
	assert_int_equal(d.outcome, ACCORD_OUTCOME_VOTE);
	assert_string_equal(d.result, "adopted");
	assert_int_equal(d.yes, 10);
	assert_int_equal(d.no, 5);
	assert_int_equal(d.tally[ACCORD_POS_ABSTAIN], 20);
	ctx.important = 1;
	stances[15].position = ACCORD_POS_OBJECT; /* 10 yes, 6 no */
	assert_int_equal(accord_pack_decide(&d, pack, stances, n, &ctx, &err), 0);
	assert_string_equal(d.result, "rejected");

	assert_int_equal(accord_pack_may(&allowed, pack, "vote", "VAT", &ctx, &reason, &err), 0);
	assert_false(allowed);
	assert_non_null(strstr(reason.ptr, "Member States"));
	assert_int_equal(accord_pack_may(&allowed, pack, "vote", "USA", &ctx, NULL, &err), 0);
	assert_true(allowed);
	assert_int_equal(accord_pack_may(&allowed, pack, "vote", "XXX", &ctx, NULL, &err), ACCORD_ENOTFOUND);
	assert_int_equal(accord_pack_may(&allowed, pack, "dance", "USA", &ctx, NULL, &err), ACCORD_EINVAL);

	assert_int_equal(accord_vocab_new(&vocab), 0);
	before = accord_vocab_count(vocab);
	assert_int_equal(accord_pack_add_vocabulary(pack, vocab, &err), 0);
	assert_true(accord_vocab_count(vocab) > before);
	assert_int_equal(accord_vocab_match(vocab, "calls upon Member States", 24, &kind, &start, &len), 1);
	assert_int_equal(kind, ACCORD_KIND_OPERATIVE);
	accord_vocab_free(vocab);
	accord_pack_free(pack);
	pack = NULL;

	/* an invalid pack: every problem listed */
	assert_int_equal(accord_pack_load_string(&pack, bad, strlen(bad), &opts, &err), 0);
	assert_int_equal(accord_pack_validate(pack, &problems, &err), ACCORD_ESCHEMA);
	assert_non_null(strstr(problems.ptr, "cites"));
	assert_non_null(strstr(problems.ptr, "stages[1].id"));
	assert_non_null(strstr(problems.ptr, "decide: must be a function"));
	assert_non_null(strstr(problems.ptr, "roles: must be"));
	accord_pack_free(pack);
	pack = NULL;
	/* a pack that does not return a table */
	assert_int_equal(accord_pack_load_string(&pack, "return 42", 9, &opts, &err), ACCORD_ESCHEMA);
	assert_null(pack);
	free(stances);
	accord_buf_dispose(&reason);
	accord_buf_dispose(&problems);
	accord_roster_free(roster);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sandbox__endless_loop_hits_budget, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__pcall_cannot_swallow_budget, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__budget_is_per_call, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__memory_bomb, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__string_rep_huge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__costly_patterns_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__tampering_with_shared_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__dangerous_functions_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__bytecode_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__error_position, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__refusals_name_the_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__fresh_environment_per_chunk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__require_only_resolves_lib, setup, teardown),
		cmocka_unit_test(test_sandbox__limits_configurable),
		cmocka_unit_test(test_sandbox__trusted_state_has_everything),
		cmocka_unit_test_setup_teardown(test_sandbox__sandbox_preloads_nothing, setup, teardown),
		cmocka_unit_test(test_sandbox__allocation_failures),
		cmocka_unit_test(test_sandbox__pack_c_api),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
