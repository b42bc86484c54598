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
#include <time.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lauxlib.h>

#include "accord/sys/testing.h"
#include "accord/format.h"
#include "accord/roster.h"
#include "accord_brackets.h"
#include "accord_lua.h"
#include "accord_module.h"
#include "accord_pack.h"
#include "runtime_int.h"

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
	/* rawset cannot write into a proxy either */
	assert_int_equal(run(*state, "rawset(string, 'upper', function() return 'pwned' end) x_global = 1", &err),
		ACCORD_ESCRIPT);
	assert_string_equal(err.message, "attempt to modify read-only table 'string'");
	expect_true(*state, "return string.upper('a') == 'A' and ('a'):upper() == 'A' and x_global == nil "
		"and rawset({}, 'a', 1).a == 1");
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
	accord_decision_dispose(&d);
	ctx.important = 1;
	stances[15].position = ACCORD_POS_OBJECT; /* 10 yes, 6 no */
	assert_int_equal(accord_pack_decide(&d, pack, stances, n, &ctx, &err), 0);
	assert_string_equal(d.result, "rejected");
	accord_decision_dispose(&d);

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

/* ---- limits against work done in C (issue 17) ----------------------------------- */

#define TINY_MEMORY ((size_t)2 << 20)

/* A sandbox with the given limits and wall-clock milliseconds per call (0: none). */
static accord_lua *sandbox_timed(size_t memory, unsigned long instructions, unsigned long time_ms)
{
	accord_lua *S = sandbox_with(memory, instructions);
	accord_lua_set_time_limit(S, time_ms);
	return S;
}

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs a statement that must stop with `code` at line 2 and a message holding `reason`. */
static void expect_stopped(accord_lua *S, const char *statement, int code, const char *reason)
{
	char script[1024];
	accord_error err;
	int rc;
	snprintf(script, sizeof(script), "local lie = function() return math.maxinteger end\n%s\n", statement);
	rc = run(S, script, &err);
	if (rc != code)
		fail_msg("%s: code %d, expected %d (%s)", statement, rc, code, err.message);
	if (strstr(err.message, reason) == NULL)
		fail_msg("%s: message '%s' lacks '%s'", statement, err.message, reason);
	if (err.line != 2 || strcmp(err.file, "pack.lua") != 0)
		fail_msg("%s: at %s:%u, expected pack.lua:2", statement, err.file, err.line);
}

/* Library functions whose loops run in C, out of the count hook's reach, are bounded by their sizes. */
static void test_sandbox__c_loops_bounded(void **state)
{
	accord_lua *S = *state;
	expect_stopped(S, "table.move({}, 1, 1 << 62, 1)", ACCORD_ELIMIT, "table.move: a range of 4611686018427387904 elements");
	expect_stopped(S, "table.move({}, -(1 << 62), 1 << 62, 1, {})", ACCORD_ELIMIT, "exceeds the limit");
	expect_stopped(S, "table.insert(setmetatable({}, {__len = lie}), 1, 'x')", ACCORD_ELIMIT,
		"table.insert: a length of 9223372036854775807");
	expect_stopped(S, "table.insert(setmetatable({}, {__len = function() return math.maxinteger - 1 end}), 1, 'x')",
		ACCORD_ELIMIT, "exceeds the limit");
	expect_stopped(S, "table.remove(setmetatable({}, {__len = lie}), 1)", ACCORD_ELIMIT, "table.remove");
	expect_stopped(S, "table.concat(setmetatable({}, {__len = lie, __index = function() return '' end}))",
		ACCORD_ELIMIT, "table.concat");
	expect_stopped(S, "table.unpack(setmetatable({}, {__len = lie}))", ACCORD_ELIMIT, "table.unpack");
	/* sorting 2^31 zeros that neither come from Lua nor go back to it */
	expect_stopped(S, "table.sort(setmetatable({}, {__len = function() return (1 << 31) - 2 end, "
		"__index = rawlen, __newindex = rawequal}))", ACCORD_ELIMIT, "table.sort");
	/* a negative length lets a position go far below it */
	expect_stopped(S, "table.remove(setmetatable({}, {__len = function() return -5 end}), math.mininteger)",
		ACCORD_ELIMIT, "table.remove: a range of 9223372036854775803 elements");
	expect_stopped(S, "table.insert(setmetatable({}, {__len = function() return -5 end}), math.mininteger, 1)",
		ACCORD_ELIMIT, "table.insert: a range of");
	/* a __len that lies only the second time it is asked */
	expect_stopped(S, "local n = 0 table.insert(setmetatable({}, {__len = function() n = n + 1 "
		"return n == 1 and 1 or math.maxinteger end}), 1, 'x') error('no')", ACCORD_ESCRIPT, "no");
	/* an empty string repeated for ever is the empty string, at once */
	expect_true(S, "return string.rep('', math.maxinteger) == '' and ('').rep('', math.maxinteger, '') == ''");
	/* the ordinary uses work as before */
	expect_true(S, "local t = {1, 2, 3} table.insert(t, 1, 0) table.insert(t, 4) local r = table.remove(t, 1) "
		"table.sort(t, function(a, b) return a > b end) "
		"return r == 0 and table.concat(t, ',') == '4,3,2,1' and select('#', table.unpack(t)) == 4 "
		"and table.concat(table.move({1, 2, 3}, 1, 3, 2), ',') == '1,1,2,3' and table.remove({}) == nil "
		"and #table.move({1, 2}, 1, 2, 1, {}) == 2 and table.remove(t) == 1 and #t == 3");
	expect_true(S, "local ok, e = pcall(table.insert, {1}, 5, 'x') return not ok and e:find('position out of bounds') "
		"and not pcall(table.insert, {}, 1, 2, 3) and not pcall(table.sort, {3, 'a', 1})");
}

/* C work counts against the instruction budget: a loop of costly C calls stops. */
static void test_sandbox__c_work_charged(void **state)
{
	accord_error err;
	/* 100,000 arguments per call, 2 million instructions in all */
	assert_int_equal(run(*state, "local t = {} for i = 1, 50000 do t[i] = 0x10FFFF end\n"
		"for i = 1, 1e9 do local s = utf8.char(table.unpack(t)) end", &err), ACCORD_ELIMIT);
	if (err.line != 2)
		fail_msg("%s at line %u", err.message, err.line);
	assert_non_null(strstr(err.message, "instruction limit"));
	assert_int_equal(run(*state, "local t = {} for i = 1, 100000 do t[i] = 65 end\n"
		"for i = 1, 1e9 do local s = string.char(table.unpack(t)) end", &err), ACCORD_ELIMIT);
	assert_int_equal(run(*state, "local s = ('a'):rep(1 << 20)\nfor i = 1, 1e9 do local u = s:upper() end", &err),
		ACCORD_ELIMIT);
	assert_int_equal(run(*state, "local f = ('x'):rep(1 << 20)\nfor i = 1, 1e9 do local n = string.packsize(f) end", &err),
		ACCORD_ELIMIT);
	assert_int_equal(err.line, 2);
	expect_true(*state, "return string.unpack('i4', string.pack('i4', 7)) == 7 and string.packsize('i4') == 4 "
		"and utf8.len('h\xc3\xa9') == 2 and utf8.offset('abc', 2) == 2 and string.byte('A') == 65");
}

/* The cost guard's blind spots: %b, a literal ^ in gmatch, back references, long literal finds. */
static void test_sandbox__costly_patterns_blind_spots(void **state)
{
	accord_lua *S = *state;
	expect_stopped(S, "local m = ('('):rep(100000):find('%b()')", ACCORD_ESCRIPT, "pattern too costly");
	expect_stopped(S, "for m in ('^'):rep(200000):gmatch('^.-b') do end", ACCORD_ESCRIPT, "pattern too costly");
	expect_stopped(S, "local m = ('a'):rep(50000):find('(.-)%1b')", ACCORD_ESCRIPT, "pattern too costly");
	expect_stopped(S, "local m = ('a'):rep(1 << 20):find(('a'):rep(1 << 19) .. 'b', 1, true)", ACCORD_ESCRIPT,
		"pattern too costly");
	expect_stopped(S, "local m = ('a'):rep(1 << 20):find(('a'):rep(1 << 19) .. 'b')", ACCORD_ESCRIPT,
		"pattern too costly");
	/* what packs do stays allowed */
	expect_true(S, "local s = (' '):rep(5000) .. 'x' .. (' '):rep(5000) "
		"return s:gsub('^%s+', ''):gsub('%s+$', '') == 'x' and ('f(a(b)c)'):match('%b()') == '(a(b)c)' "
		"and ('abab'):find('(ab)%1') == 1 and ('x^y'):gmatch('^y')() == '^y' "
		"and ('[a-z]'):find('[a-z]', 1, true) == 1 and ('key_1'):match('^[%w_-]+$') == 'key_1'");
	/* a quantifier that ends the pattern never backtracks: linear, allowed on a long subject */
	expect_true(S, "local s = ('a  '):rep(100000) return select(2, s:gsub('%s+', ' ')) == 100000 "
		"and #s:match('(a*)') == 1 and select(2, s:gsub('a(%s-)', '')) == 100000");
	expect_stopped(S, "local m = ('a'):rep(100000):find('a*b')", ACCORD_ESCRIPT, "(2 quantifiers)");
}

/* A wall-clock deadline per call, checked by the hook and by a watchdog. */
static void test_sandbox__time_limit(void **state)
{
	accord_lua *S = sandbox_timed((size_t)64 << 20, 0, 300);
	accord_error err;
	double start;
	(void)state;
	assert_int_equal(run(S, "local n = 0\nwhile true do n = n + 1 end", &err), ACCORD_ELIMIT);
	assert_non_null(strstr(err.message, "time limit exceeded (300 ms per call)"));
	assert_int_equal(err.line, 2);
	/* pcall cannot swallow it */
	assert_int_equal(run(S, "while true do pcall(function() while true do end end) end", &err), ACCORD_ELIMIT);
	assert_non_null(strstr(err.message, "time limit"));
	/* long C calls between two visits of the hook: the watchdog sets it at the deadline */
	start = seconds_now();
	assert_int_equal(run(S, "local s = ('a'):rep(8 << 20)\nwhile true do local u = s:upper() end", &err),
		ACCORD_ELIMIT);
	assert_non_null(strstr(err.message, "time limit"));
	/* no timed assertion (a loaded machine, a sanitizer): only that it stops, long before ctest's timeout */
	if (seconds_now() - start > 60)
		fail_msg("stopped after %.1f s, not near the deadline", seconds_now() - start);
	/* the next call has its own deadline */
	assert_int_equal(run(S, "local s = 0 for i = 1, 1000 do s = s + i end", &err), 0);
	/* hash-colliding keys: each insertion walks a long chain */
	accord_lua_set_limits(S, (size_t)2 << 20, 0);
	assert_int_equal(run(S, "local t = {}\nfor j = 1, 1 << 20 do t[1 + j * 2^-52] = true end", &err), ACCORD_ELIMIT);
	if (strstr(err.message, "time limit") == NULL)
		fail_msg("colliding keys: %s", err.message);
	accord_lua_set_time_limit(S, 0); /* none */
	assert_int_equal(run(S, "local s = 0 for i = 1, 1000 do s = s + i end", &err), 0);
	accord_lua_free(S);
}

/* The stuck handler of the child in test_sandbox__stuck_call_ends_process: the message down the pipe, exit 42. */
static int stuck_pipe = -1;

static void stuck_exit(const char *message)
{
	size_t n = strlen(message);
	if (write(stuck_pipe, message, n) != (ssize_t)n)
		_exit(43);
	_exit(42);
}

/*
** A self-referencing __call loops inside one instruction of Lua 5.4.4
** (luaD_tryfuncTM), out of the hook's reach; the watchdog sees the hook not
** run after the deadline and calls the stuck handler, which ends the
** process. In a child process, which without the handler would run for
** minutes: the parent gives it 60 s. A long C call that does return to Lua
** is stopped by the hook as before, without the handler.
*/
static void test_sandbox__stuck_call_ends_process(void **state)
{
	int fds[2], status = 0, waited = 0;
	char got[600];
	ssize_t n, len = 0;
	pid_t pid;
	(void)state;
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		accord_lua *S;
		accord_error err;
		close(fds[0]);
		stuck_pipe = fds[1];
		accord_lua_set_stuck_handler(stuck_exit);
		S = sandbox_timed((size_t)64 << 20, 0, 200);
		if (run(S, "local s = ('a'):rep(8 << 20)\nwhile true do local u = s:upper() end", &err) != ACCORD_ELIMIT ||
		    write(fds[1], "stopped;", 8) != 8)
			_exit(44);
		run(S, "local t = setmetatable({}, {}); getmetatable(t).__call = t; t()", &err);
		_exit(45); /* not stuck after all */
	}
	close(fds[1]);
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (waited++ > 600) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			close(fds[0]);
			fail_msg("the stuck call ran past 60 s");
		}
		{
			struct timespec tenth = {0, 100000000L};
			nanosleep(&tenth, NULL);
		}
	}
	while ((n = read(fds[0], got + len, sizeof(got) - 1 - (size_t)len)) > 0)
		len += n;
	close(fds[0]);
	got[len] = '\0';
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 42)
		fail_msg("child status %d, output '%s'", status, got);
	assert_string_equal(got, "stopped;pack.lua: time limit exceeded (200 ms per call) in C code that never returns to "
		"Lua (a self-calling __call?): stopped by ending the process");
}

/* Options of version 1 (without the time limit) are still accepted; a sandbox then gets the default. */
static void test_sandbox__options_version_1(void **state)
{
	accord_lua_options opts = ACCORD_LUA_OPTIONS_INIT;
	accord_lua *S = NULL;
	accord_error err;
	(void)state;
	assert_int_equal(ACCORD_LUA_OPTIONS_VERSION, 2);
	opts.version = 1;
	assert_int_equal(accord_lua_new(&S, &opts, &err), 0);
	expect_true(S, "return true");
	accord_lua_free(S);
	opts.version = 3;
	assert_int_equal(accord_lua_new(&S, &opts, &err), ACCORD_EINVAL);
}

/* What leaves the sandbox is counted in bytes: a value referenced many times is copied many times. */
static void test_sandbox__copy_out_counted(void **state)
{
	accord_lua *S = sandbox_with(TINY_MEMORY, SMALL_BUDGET);
	lua_State *L = accord_lua_state(S), *T = luaL_newstate();
	const char *why = NULL;
	accord_error err;
	const char *code = "local s = ('x'):rep(256 << 10) local t = {} for i = 1, 100 do t[i] = s end return t";
	const char *shared = "local sub = {} for i = 1, 20 do sub[i] = ('y'):rep(1000) .. i end "
		"local t = {} for i = 1, 1000 do t[i] = sub end return t";
	(void)state;
	assert_non_null(T);
	assert_int_equal(accord_lua_dostring(S, "pack.lua", code, strlen(code), 1, &err), 0);
	assert_int_equal(accord_lua_copy_value(L, -1, T, 8, &why), ACCORD_ELIMIT);
	assert_non_null(strstr(why, "limit"));
	assert_int_equal(lua_gettop(T), 0);
	lua_settop(L, 0);
	assert_int_equal(accord_lua_dostring(S, "pack.lua", shared, strlen(shared), 1, &err), 0);
	assert_int_equal(accord_lua_copy_value(L, -1, T, 8, &why), ACCORD_ELIMIT);
	lua_settop(L, 0);
	/* a small value still leaves */
	assert_int_equal(accord_lua_dostring(S, "pack.lua", "return {a = 'b', 1, 2}", 22, 1, &err), 0);
	assert_int_equal(accord_lua_copy_value(L, -1, T, 8, &why), 0);
	assert_int_equal(lua_gettop(T), 1);
	lua_settop(L, 0);
	lua_close(T);
	accord_lua_free(S);
}

static accord_pack *pack_from(const char *code, accord_roster *roster, size_t memory)
{
	accord_pack_options opts = ACCORD_PACK_OPTIONS_INIT;
	accord_pack *pack = NULL;
	accord_error err;
	opts.roster = roster;
	opts.memory_limit = memory;
	opts.instruction_limit = SMALL_BUDGET;
	if (accord_pack_load_string(&pack, code, strlen(code), &opts, &err) != 0)
		fail_msg("pack: %s", err.message);
	return pack;
}

/* A pack's bracket templates and vocabulary leave the sandbox under the cap. */
static void test_sandbox__pack_copies_out_counted(void **state)
{
	accord_pack *pack;
	accord_pack_brackets *pb = NULL;
	accord_vocab *vocab = NULL;
	accord_error err;
	(void)state;
	/* a template copied once, then repeated for every bracket of a compilation */
	pack = pack_from("return { brackets = { insert = '[' .. ('x'):rep(1 << 20) .. ' %t]' } }", NULL, SMALL_MEMORY);
	assert_int_equal(accord_pack_brackets_load(&pb, pack, &err), ACCORD_ELIMIT);
	assert_non_null(strstr(err.message, "brackets.insert"));
	assert_null(pb);
	accord_pack_free(pack);
	pack = pack_from("return { brackets = { insertion = function(t) return '[' .. ('x'):rep(1 << 20) .. t .. ']' end } }",
		NULL, SMALL_MEMORY);
	assert_int_equal(accord_pack_brackets_load(&pb, pack, &err), ACCORD_ELIMIT);
	assert_non_null(strstr(err.message, "brackets.insertion"));
	accord_pack_free(pack);
	/* one phrase of 512 KB referenced 100 times */
	pack = pack_from("local e = {phrase = ('p'):rep(512 << 10), kind = 'operative'} "
		"local v = {} for i = 1, 100 do v[i] = e end return { vocabulary = v }", NULL, SMALL_MEMORY);
	assert_int_equal(accord_vocab_new(&vocab), 0);
	assert_int_equal(accord_pack_add_vocabulary(pack, vocab, &err), ACCORD_ELIMIT);
	assert_non_null(strstr(err.message, "vocabulary"));
	accord_vocab_free(vocab);
	accord_pack_free(pack);
}

/* rawset on the read-only roster must not change what the next rule call sees. */
static void test_sandbox__roster_rawset(void **state)
{
	accord_roster *roster = NULL;
	accord_pack *pack;
	accord_rule_context ctx = {"adoption", 0, 0, NULL};
	accord_buf reason = ACCORD_BUF_INIT;
	accord_error err;
	int allowed = 0, i;
	(void)state;
	assert_int_equal(accord_roster_load(&roster, ACCORD_TESTDATA "/workflows/un-roster.yaml", &err), 0);
	pack = pack_from("return { may_vote = function(party, ctx)\n"
		"  local r = ctx.roster\n"
		"  if rawget(r, 'count') ~= nil or r.count == -1 or r.parties.USA == false or r.codes[1] == 'XXX' then\n"
		"    return false, 'tampered by an earlier call'\n"
		"  end\n"
		"  pcall(rawset, r, 'count', -1) pcall(rawset, r.parties, 'USA', false)\n"
		"  pcall(rawset, r.codes, 1, 'XXX')\n"
		"  if r.count == -1 or r.parties.USA == false or r.codes[1] == 'XXX' then return false, 'rawset' end\n"
		"  return true\n"
		"end }", roster, SMALL_MEMORY);
	for (i = 0; i < 3; i++) {
		accord_buf_clear(&reason);
		if (accord_pack_may(&allowed, pack, "vote", "USA", &ctx, &reason, &err) != 0)
			fail_msg("call %d: %s", i + 1, err.message);
		if (!allowed)
			fail_msg("call %d: %s", i + 1, reason.ptr ? reason.ptr : "?");
	}
	accord_buf_dispose(&reason);
	accord_pack_free(pack);
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
		cmocka_unit_test_setup_teardown(test_sandbox__c_loops_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__c_work_charged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sandbox__costly_patterns_blind_spots, setup, teardown),
		cmocka_unit_test(test_sandbox__time_limit),
		cmocka_unit_test(test_sandbox__stuck_call_ends_process),
		cmocka_unit_test(test_sandbox__options_version_1),
		cmocka_unit_test(test_sandbox__copy_out_counted),
		cmocka_unit_test(test_sandbox__pack_copies_out_counted),
		cmocka_unit_test(test_sandbox__roster_rawset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
