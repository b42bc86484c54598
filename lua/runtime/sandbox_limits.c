/*
** sandbox_limits.c: the count hook (the instruction budget and the
** wall-clock deadline) and the library functions a rule pack sees, guarded
** where their work runs in C (issue 17). The hook only runs between VM
** instructions, so a library call that loops in C (table.move over 2^62
** slots, table.insert on a table whose __len says math.maxinteger, a
** backtracking pattern) is out of its reach. Each guarded function
**
**   - refuses up front a range or a length over accord_lua_max_items (no
**     table held under the memory cap has more elements), asking __len
**     once only (a __len may answer differently the second time);
**   - charges its work to the call's instruction budget
**     (accord_lua_charge), so that a loop of costly C calls is stopped;
**   - for patterns, estimates the backtracking up front and refuses a
**     pattern too costly for its subject.
**
** The wall-clock deadline, which the watchdog (sandbox.c) makes the hook
** check at the next instruction, stops what these estimates let through
** as soon as the C call returns to Lua.
*/
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>
#include <lualib.h>

#include "runtime_int.h"
#include "sandbox_int.h"

/* ---- the count hook ------------------------------------------------------ */

static int deadline_passed(const accord_lua *S)
{
	struct timespec now;
	if (S->time_limit_ms == 0)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > S->deadline.tv_sec || (now.tv_sec == S->deadline.tv_sec && now.tv_nsec >= S->deadline.tv_nsec);
}

/* Raises the error of a tripped budget or deadline, at the running Lua function (level). */
static int budget_error(lua_State *L, accord_lua *S, int level)
{
	luaL_where(L, level);
	if (S->time_limit_hit)
		lua_pushfstring(L, "time limit exceeded (%I ms per call)", (lua_Integer)S->time_limit_ms);
	else if (S->memory_exhausted)
		lua_pushfstring(L, "memory limit exceeded (%I bytes), again and again", (lua_Integer)S->memory_limit);
	else
		lua_pushfstring(L, "instruction limit exceeded (%I instructions per call)", (lua_Integer)S->instruction_limit);
	lua_concat(L, 2);
	return lua_error(L);
}

/* The count hook (sandbox_int.h); the budget is one for all coroutines. */
void accord_lua_budget_hook(lua_State *L, lua_Debug *ar)
{
	accord_lua *S = accord_lua_runtime_of(L);
	unsigned long step = (unsigned long)lua_gethookcount(L);

	(void)ar;
	if (S == NULL)
		return;
	atomic_store(&S->hook_seen, 1);
	if (!S->instruction_limit_hit) {
		if (deadline_passed(S)) {
			S->time_limit_hit = 1;
		} else if (S->instruction_limit == 0) {
			return;
		} else if (S->instructions_left > step) {
			S->instructions_left -= step;
			return;
		} else {
			S->instructions_left = 0;
		}
		S->instruction_limit_hit = 1;
	}
	lua_sethook(L, accord_lua_budget_hook, LUA_MASKCOUNT, 1);
	/* In a hook, level 0 is the Lua function that was running. */
	budget_error(L, S, 0);
}

/* ---- what the guarded functions share (runtime_int.h) --------------------- */

lua_Integer accord_lua_max_items(lua_State *L)
{
	accord_lua *S = accord_lua_runtime_of(L);
	if (S == NULL || S->memory_limit == 0)
		return LUA_MAXINTEGER;
	return (lua_Integer)(S->memory_limit / 16);
}

void accord_lua_charge(lua_State *L, size_t work)
{
	accord_lua *S = accord_lua_runtime_of(L);
	if (S == NULL || S->instruction_limit == 0 || S->call_depth == 0 || work == 0)
		return;
	if (!S->instruction_limit_hit && S->instructions_left > work) {
		S->instructions_left -= work;
		return;
	}
	/* spent: stop now, before the work, as the hook would */
	S->instructions_left = 0;
	S->instruction_limit_hit = 1;
	lua_sethook(S->L, accord_lua_budget_hook, LUA_MASKCOUNT, 1);
	budget_error(L, S, 1);
}

int accord_lua_limit_error(lua_State *L, const char *fmt, ...)
{
	accord_lua *S = accord_lua_runtime_of(L);
	va_list ap;
	if (S != NULL)
		S->size_limit_hit = 1;
	luaL_where(L, 1);
	va_start(ap, fmt);
	lua_pushvfstring(L, fmt, ap);
	va_end(ap);
	lua_concat(L, 2);
	return lua_error(L);
}

/* string.rep, refusing up front a result larger than the memory left. */
static int bounded_string_rep(lua_State *L)
{
	accord_lua *S = accord_lua_runtime_of(L);
	size_t len, sep_len;
	lua_Integer count;

	luaL_checklstring(L, 1, &len);
	count = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &sep_len);
	if (count <= 0 || len + sep_len == 0) { /* the real one would loop count times for nothing */
		lua_pushliteral(L, "");
		return 1;
	}
	if (S != NULL && S->memory_limit != 0) {
		size_t unit = len + sep_len;
		size_t left = S->memory_used < S->memory_limit ? S->memory_limit - S->memory_used : 0;
		if (unit != 0 && ((lua_Unsigned)count > (lua_Unsigned)(left / unit) + 1)) {
			S->memory_limit_hit = 1;
			return luaL_error(L, "string.rep: a result of %I x %I bytes exceeds the memory limit (%I bytes)",
				count, (lua_Integer)unit, (lua_Integer)S->memory_limit);
		}
	}
	accord_lua_charge(L, (lua_Unsigned)count > SIZE_MAX / 16 / (len + sep_len) ? SIZE_MAX
		: (size_t)count * (len + sep_len) / 16 + 1);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* Calls the real function (upvalue 1) with the arguments; returns the number of results. */
static int call_real(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

/* Charges n results on top of the stack: one each, and a sixteenth of their string bytes. */
static int charge_results(lua_State *L, int n)
{
	size_t work = (size_t)n;
	int i;
	for (i = lua_gettop(L) - n + 1; i <= lua_gettop(L); i++)
		if (lua_type(L, i) == LUA_TSTRING)
			work += lua_rawlen(L, i) / 16;
	accord_lua_charge(L, work);
	return n;
}

/* A library function charged with its arguments and its results (string.char, utf8.char ...). */
static int charged(lua_State *L)
{
	accord_lua_charge(L, (size_t)lua_gettop(L));
	return charge_results(L, call_real(L));
}

/* A library function that scans its first argument (utf8.len, string.pack ...): charged with its length. */
static int charged_subject(lua_State *L)
{
	if (lua_type(L, 1) == LUA_TSTRING)
		accord_lua_charge(L, lua_rawlen(L, 1) / 16 + 1);
	return charge_results(L, call_real(L));
}

/* ---- tables -------------------------------------------------------------- */

/* Refuses the range first..last of a call over the limit, and charges it. */
static void check_range(lua_State *L, const char *fname, lua_Integer first, lua_Integer last)
{
	lua_Integer max = accord_lua_max_items(L);
	lua_Unsigned n;
	if (last < first)
		return;
	n = (lua_Unsigned)last - (lua_Unsigned)first + 1u; /* 0: all 2^64 integers */
	if (n == 0 || n > (lua_Unsigned)max) {
		char count[32];
		if (n == 0)
			snprintf(count, sizeof(count), "18446744073709551616");
		else
			snprintf(count, sizeof(count), "%llu", (unsigned long long)n);
		accord_lua_limit_error(L, "%s: a range of %s elements exceeds the limit (%I elements per call)", fname, count,
			max);
	}
	accord_lua_charge(L, (size_t)n);
}

/* The length of the table at 1, asked once, refused over the limit. */
static lua_Integer checked_len(lua_State *L, const char *fname)
{
	lua_Integer n, max = accord_lua_max_items(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	n = luaL_len(L, 1);
	if (n > max)
		accord_lua_limit_error(L, "%s: a length of %I exceeds the limit (%I elements per call)", fname, n, max);
	return n;
}

/* table.move(a1, f, e, t [, a2]): the range is given, no __len is asked. */
static int guarded_move(lua_State *L)
{
	lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
	check_range(L, "table.move", f, e);
	return call_real(L);
}

/*
** The range i, j of concat and unpack (arguments `first` and first + 1):
** j asked of __len once, checked, and given to the real function so that
** it does not ask again.
*/
static void fix_range(lua_State *L, const char *fname, int first)
{
	lua_Integer i = luaL_optinteger(L, first, 1);
	lua_Integer j = lua_isnoneornil(L, first + 1) ? luaL_len(L, 1) : luaL_checkinteger(L, first + 1);
	check_range(L, fname, i, j);
	lua_settop(L, first + 1);
	lua_pushinteger(L, j);
	lua_replace(L, first + 1);
}

/* table.concat(t [, sep [, i [, j]]]) */
static int guarded_concat(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	fix_range(L, "table.concat", 3);
	return charge_results(L, call_real(L));
}

/* table.unpack(t [, i [, j]]) */
static int guarded_unpack(lua_State *L)
{
	luaL_checkany(L, 1);
	fix_range(L, "table.unpack", 2);
	return call_real(L);
}

/*
** table.insert(t, [pos,] value), as the manual says, with the length
** asked once: the real one would ask __len again and shift whatever range
** the second answer gives.
*/
static int guarded_insert(lua_State *L)
{
	lua_Integer e, pos, i;
	e = (lua_Integer)((lua_Unsigned)checked_len(L, "table.insert") + 1u); /* first empty slot */
	switch (lua_gettop(L)) {
	case 2:
		pos = e;
		break;
	case 3:
		pos = luaL_checkinteger(L, 2);
		luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
		check_range(L, "table.insert", pos, e - 1); /* a negative length lets pos go far below it */
		for (i = e; i > pos; i--) { /* shift up t[pos..e-1] */
			lua_geti(L, 1, i - 1);
			lua_seti(L, 1, i);
		}
		break;
	default:
		return luaL_error(L, "wrong number of arguments to 'insert'");
	}
	lua_seti(L, 1, pos);
	return 0;
}

/* table.remove(t [, pos]), the same way. */
static int guarded_remove(lua_State *L)
{
	lua_Integer size = checked_len(L, "table.remove");
	lua_Integer pos = luaL_optinteger(L, 2, size);
	if (pos != size)
		luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
	check_range(L, "table.remove", pos, size - 1); /* the same */
	lua_geti(L, 1, pos);
	for (; pos < size; pos++) { /* shift down t[pos+1..size] */
		lua_geti(L, 1, pos + 1);
		lua_seti(L, 1, pos);
	}
	lua_pushnil(L);
	lua_seti(L, 1, pos);
	return 1;
}

/*
** table.sort(t [, comp]): a table without a metatable is sorted by the
** real function (its length is the raw one, asked as often as it likes);
** one with a metatable is read once into a plain table of the length
** __len gave, sorted there and written back.
*/
static int guarded_sort(lua_State *L)
{
	lua_Integer n = checked_len(L, "table.sort"), i;
	size_t work = 0, k;
	if (n < 2)
		return 0;
	if (!lua_isnoneornil(L, 2))
		luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_settop(L, 2);
	for (k = (size_t)n; k > 0 && work <= SIZE_MAX / 2 - (size_t)n; k >>= 1)
		work += (size_t)n; /* n log n */
	accord_lua_charge(L, work);
	if (!lua_getmetatable(L, 1)) {
		lua_pushvalue(L, lua_upvalueindex(1));
		lua_pushvalue(L, 1);
		lua_pushvalue(L, 2);
		lua_call(L, 2, 0);
		return 0;
	}
	lua_pop(L, 1);
	lua_createtable(L, (int)n, 0);
	for (i = 1; i <= n; i++) {
		if (lua_geti(L, 1, i) == LUA_TNIL)
			return luaL_error(L, "table.sort: element %I of a table of length %I is nil", i, n);
		lua_rawseti(L, 3, i);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushvalue(L, 3);
	lua_pushvalue(L, 2);
	lua_call(L, 2, 0);
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, 3, i);
		lua_seti(L, 1, i);
	}
	return 0;
}

/* ---- patterns ------------------------------------------------------------ */

/*
** Pattern matching backtracks in C. The guard estimates the work of a call
** up front: (subject length + 1) for every item that may scan the subject
** (a quantified item, %b, a back reference %1-%9, and the start position
** when the pattern is not anchored), twice for an optional item, and for a
** literal pattern (a plain find, or one without specials) the subject
** times the pattern's length; over PATTERN_WORK_MAX the call is refused.
*/
#define PATTERN_WORK_MAX 1e9

enum { PATTERN_MATCH, PATTERN_FIND, PATTERN_GMATCH };

/* The end of the set starting at p[i] == '['. */
static size_t set_end(const char *p, size_t len, size_t i)
{
	i++;
	if (i < len && p[i] == '^')
		i++;
	do { /* a ']' first in the set is literal */
		if (i >= len)
			return len;
		if (p[i] == '%')
			i++;
		i++;
	} while (i < len && p[i] != ']');
	return i + 1;
}

/*
** Counts the items that may scan the subject (*scans) and the optional ones
** (*optional). A quantified item that ends the pattern (but for closing
** captures) does not count: once it has matched, nothing is left to fail,
** so it never backtracks ('%s+' costs its run, not the run squared).
*/
static void count_items(const char *p, size_t len, int *scans, int *optional)
{
	size_t i = 0, end, last_quantified = 0; /* just after the last *, + or - */
	*scans = *optional = 0;
	while (i < len) {
		if (p[i] == '%' && i + 1 < len) {
			if (p[i + 1] == 'b') { /* %bxy */
				(*scans)++;
				i += 4;
				continue;
			}
			if (p[i + 1] >= '1' && p[i + 1] <= '9') { /* a back reference */
				(*scans)++;
				i += 2;
				continue;
			}
			if (p[i + 1] == 'f') { /* %f[set] */
				i += 2;
				if (i < len && p[i] == '[')
					i = set_end(p, len, i);
				continue;
			}
			end = i + 2;
		} else if (p[i] == '[') {
			end = set_end(p, len, i);
		} else if (p[i] == '(' || p[i] == ')') {
			i++;
			continue;
		} else {
			end = i + 1;
		}
		if (end < len && (p[end] == '*' || p[end] == '+' || p[end] == '-')) {
			(*scans)++;
			end++;
			last_quantified = end;
		} else if (end < len && p[end] == '?') {
			(*optional)++;
			end++;
		}
		i = end;
	}
	if (last_quantified > 0) {
		for (i = last_quantified; i < len && p[i] == ')'; i++)
			;
		if (i >= len)
			(*scans)--;
	}
}

static int has_specials(const char *p, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		if (p[i] != '\0' && strchr("^$*+?.([%-", p[i]) != NULL)
			return 1;
	return 0;
}

/* string.find/match/gmatch/gsub with the cost guard. Upvalues: the real function, the kind. */
static int guarded_pattern(lua_State *L)
{
	int kind = (int)lua_tointeger(L, lua_upvalueindex(2));
	size_t n, m, i;
	const char *pattern;
	double work, subject;
	int scans, optional, anchored;

	luaL_checklstring(L, 1, &n);
	pattern = luaL_checklstring(L, 2, &m);
	subject = (double)n + 1.0;
	if (kind == PATTERN_FIND && (lua_toboolean(L, 4) || !has_specials(pattern, m))) {
		work = n >= m ? ((double)(n - m) + 1.0) * (double)m : 0.0;
		if (work > PATTERN_WORK_MAX)
			return luaL_error(L, "pattern too costly for a subject of %I bytes (a literal of %I bytes)",
				(lua_Integer)n, (lua_Integer)m);
	} else {
		/* gmatch takes a leading '^' literally: it anchors nothing there */
		anchored = kind != PATTERN_GMATCH && m > 0 && pattern[0] == '^';
		count_items(pattern + anchored, m - (size_t)anchored, &scans, &optional);
		scans += !anchored;
		work = m > 0 ? (double)m : 1.0;
		for (i = 0; i < (size_t)scans && work <= PATTERN_WORK_MAX; i++)
			work *= subject;
		for (i = 0; i < (size_t)optional && work <= PATTERN_WORK_MAX; i++)
			work *= 2.0;
		if (work > PATTERN_WORK_MAX)
			return luaL_error(L, "pattern too costly for a subject of %I bytes (%d quantifiers)", (lua_Integer)n,
				scans + optional);
	}
	accord_lua_charge(L, n / 16 + 1);
	return charge_results(L, call_real(L));
}

/* ---- installing ---------------------------------------------------------- */

/*
** The guarded functions, as data (Redis keeps its lists so): library,
** field, the guard and its kind. The guard is a closure over the real
** function and the kind.
*/
static const struct {
	const char *library, *field;
	lua_CFunction guard;
	int kind;
} guarded[] = {
	{LUA_STRLIBNAME, "find", guarded_pattern, PATTERN_FIND},
	{LUA_STRLIBNAME, "match", guarded_pattern, PATTERN_MATCH},
	{LUA_STRLIBNAME, "gmatch", guarded_pattern, PATTERN_GMATCH},
	{LUA_STRLIBNAME, "gsub", guarded_pattern, PATTERN_MATCH},
	{LUA_STRLIBNAME, "rep", bounded_string_rep, 0},
	{LUA_STRLIBNAME, "byte", charged, 0},
	{LUA_STRLIBNAME, "char", charged, 0},
	{LUA_STRLIBNAME, "format", charged, 0},
	{LUA_STRLIBNAME, "lower", charged, 0},
	{LUA_STRLIBNAME, "upper", charged, 0},
	{LUA_STRLIBNAME, "reverse", charged, 0},
	{LUA_STRLIBNAME, "sub", charged, 0},
	{LUA_STRLIBNAME, "pack", charged_subject, 0}, /* the format is the subject */
	{LUA_STRLIBNAME, "packsize", charged_subject, 0},
	{LUA_STRLIBNAME, "unpack", charged_subject, 0},
	{LUA_TABLIBNAME, "move", guarded_move, 0},
	{LUA_TABLIBNAME, "concat", guarded_concat, 0},
	{LUA_TABLIBNAME, "unpack", guarded_unpack, 0},
	{LUA_TABLIBNAME, "insert", guarded_insert, 0},
	{LUA_TABLIBNAME, "remove", guarded_remove, 0},
	{LUA_TABLIBNAME, "sort", guarded_sort, 0},
	{LUA_UTF8LIBNAME, "char", charged, 0},
	{LUA_UTF8LIBNAME, "codepoint", charged, 0},
	{LUA_UTF8LIBNAME, "len", charged_subject, 0},
	{LUA_UTF8LIBNAME, "offset", charged_subject, 0},
};

void accord_lua_guard_library(lua_State *L, const char *name)
{
	size_t i;
	for (i = 0; i < sizeof(guarded) / sizeof(guarded[0]); i++) {
		if (strcmp(guarded[i].library, name) != 0)
			continue;
		lua_getfield(L, -1, guarded[i].field);
		lua_pushinteger(L, guarded[i].kind);
		lua_pushcclosure(L, guarded[i].guard, 2);
		lua_setfield(L, -2, guarded[i].field);
	}
}
