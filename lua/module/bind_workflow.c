/*
** bind_workflow.c: rule packs in Lua (accord_pack.h).
**
** A pack runs in its own sandbox state; the calling script never touches it
** directly. Arguments are copied into the sandbox and results copied back
** (plain data only: nil, booleans, numbers, strings, tables of those), so a
** pack cannot reach the caller's objects nor the caller the pack's. A party
** given as a roster code is replaced by the roster's read-only party table,
** and ctx.roster is always the pack's read-only roster.
** Reference: docs/lua.md.
*/
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#include "accord/roster.h"
#include "accord/workflow.h"
#include "accord_lua.h"
#include "accord_pack.h"
#include "module_int.h"

#define PACK_T "accord.pack"
#define COPY_DEPTH 32

static accord_pack **new_pack_box(lua_State *L)
{
	accord_pack **box = lua_newuserdatauv(L, sizeof(*box), 1);
	*box = NULL;
	luaL_setmetatable(L, PACK_T);
	return box;
}

static accord_pack *check_pack(lua_State *L, int idx)
{
	return accord_lua_check_box(L, idx, PACK_T, "pack");
}

static int pack_close(lua_State *L)
{
	accord_pack **box = luaL_checkudata(L, 1, PACK_T);
	accord_pack_free(*box);
	*box = NULL;
	return 0;
}

/*
** accord.workflow_load(path or name [, opts]) -> pack | nil, message, code
** opts: roster (a path or a roster), memory (bytes), instructions (per
** call), lib_dir.
*/
static int l_workflow_load(lua_State *L)
{
	accord_pack_options opts = ACCORD_PACK_OPTIONS_INIT;
	const char *path = luaL_checkstring(L, 1);
	accord_error err = {0, "", "", 0, 0, 0};
	char *found = NULL;
	accord_pack **box;
	int roster_idx = 0, rc;

	if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		if (lua_getfield(L, 2, "memory") != LUA_TNIL) {
			lua_Integer m = luaL_checkinteger(L, -1);
			luaL_argcheck(L, m > 0, 2, "memory must be positive");
			opts.memory_limit = (size_t)m;
		}
		if (lua_getfield(L, 2, "instructions") != LUA_TNIL) {
			lua_Integer n = luaL_checkinteger(L, -1);
			luaL_argcheck(L, n > 0, 2, "instructions must be positive");
			opts.instruction_limit = (unsigned long)n;
		}
		if (lua_getfield(L, 2, "lib_dir") != LUA_TNIL)
			opts.lib_dir = luaL_checkstring(L, -1);
		lua_getfield(L, 2, "roster");
		roster_idx = lua_gettop(L);
		if (lua_type(L, roster_idx) == LUA_TSTRING) {
			lua_getfield(L, LUA_REGISTRYINDEX, "accord.module");
			lua_getfield(L, -1, "roster_load");
			lua_pushvalue(L, roster_idx);
			lua_call(L, 1, 3);
			if (lua_isnil(L, -3))
				return 3;
			lua_pop(L, 2);
			lua_replace(L, roster_idx);
			lua_pop(L, 1);
		}
		if (lua_isnil(L, roster_idx)) {
			roster_idx = 0;
		} else {
			opts.roster = accord_lua_to_roster(L, roster_idx);
			if (opts.roster == NULL)
				return luaL_argerror(L, 2, "roster must be a path or an open roster");
		}
	}
	box = new_pack_box(L);
	if (roster_idx != 0) { /* the pack borrows the roster: keep it alive */
		lua_pushvalue(L, roster_idx);
		lua_setiuservalue(L, -2, 1);
	}
	/* a name ("wtpf") is found as the CLI finds it (accord_workflow_find); a path is read as it is */
	if (!accord_workflow_is_path(path) && (rc = accord_workflow_find(&found, path, &err)) != 0)
		return accord_lua_push_failure(L, &err, rc);
	rc = accord_pack_load(box, found != NULL ? found : path, &opts, &err);
	accord_free(found);
	if (rc != 0)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

/* pack:validate() -> true | nil, problems, code */
static int pack_validate(lua_State *L)
{
	accord_pack *P = check_pack(L, 1);
	accord_buf *problems = accord_lua_push_temp_buf(L);
	accord_error err = {0, "", "", 0, 0, 0};
	int rc = accord_pack_validate(P, problems, &err);
	if (rc == ACCORD_ESCHEMA) {
		lua_pushnil(L);
		lua_pushlstring(L, problems->ptr ? problems->ptr : "", problems->size);
		lua_pushinteger(L, rc);
		return 3;
	}
	if (rc != 0)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushboolean(L, 1);
	return 1;
}

/* pack:summary() -> string */
static int pack_summary(lua_State *L)
{
	accord_pack *P = check_pack(L, 1);
	accord_buf *out = accord_lua_push_temp_buf(L);
	accord_error err = {0, "", "", 0, 0, 0};
	int rc = accord_pack_summary(P, out, &err);
	if (rc != 0)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushlstring(L, out->ptr ? out->ptr : "", out->size);
	return 1;
}

/* ---- calls across the two states ------------------------------------------------ */

typedef struct cross_call {
	lua_State *caller;
	accord_pack *pack;
	const char *table;     /* NULL, or the pack field holding the function ("brackets") */
	const char *function;  /* the function's name */
	int first_arg;         /* caller index of the first argument */
	int nargs;
	int party_arg;         /* caller index of a party argument (a code or a table), or 0 */
	int ctx_arg;           /* caller index of the ctx argument, or 0 */
	const char *failure;   /* why the arguments could not be copied */
	char what[96];
} cross_call;

/* In the sandbox (protected): pushes the function and the copied arguments. */
static int prepare_cross_call(lua_State *S)
{
	cross_call *c = lua_touserdata(S, 1);
	int i;

	lua_settop(S, 0);
	accord_pack_push(c->pack);
	if (c->table != NULL) {
		lua_pushstring(S, c->table);
		if (lua_rawget(S, -2) != LUA_TTABLE)
			return luaL_error(S, "the pack has no table '%s'", c->table);
		lua_replace(S, -2);
	}
	lua_pushstring(S, c->function);
	if (lua_rawget(S, -2) != LUA_TFUNCTION)
		return luaL_error(S, "the pack has no function '%s%s%s'", c->table ? c->table : "", c->table ? "." : "",
			c->function);
	lua_replace(S, -2);
	for (i = c->first_arg; i < c->first_arg + c->nargs; i++) {
		if (i == c->party_arg && lua_type(c->caller, i) == LUA_TSTRING) {
			accord_pack_push_roster(c->pack);
			if (lua_isnil(S, -1)) {
				c->failure = "the pack has no roster: give parties as tables";
				return 0;
			}
			lua_getfield(S, -1, "parties");
			lua_getfield(S, -1, lua_tostring(c->caller, i));
			if (lua_isnil(S, -1)) {
				snprintf(c->what, sizeof(c->what), "no party '%.60s' in the roster", lua_tostring(c->caller, i));
				c->failure = c->what;
				return 0;
			}
			lua_replace(S, -3);
			lua_pop(S, 1);
			continue;
		}
		if (i == c->ctx_arg && lua_isnoneornil(c->caller, i)) {
			lua_newtable(S);
		} else if (accord_lua_copy_value(c->caller, i, S, COPY_DEPTH, &c->failure) != 0) {
			snprintf(c->what, sizeof(c->what), "argument %d: cannot pass a %s to a rule pack", i - c->first_arg + 1,
				c->failure);
			c->failure = c->what;
			return 0;
		}
		if (i == c->ctx_arg) {
			if (lua_type(S, -1) != LUA_TTABLE) {
				c->failure = "ctx must be a table";
				return 0;
			}
			accord_pack_push_roster(c->pack);
			lua_setfield(S, -2, "roster");
		}
	}
	return lua_gettop(S); /* the function and its arguments */
}

/*
** Calls a pack function with arguments copied from the caller and pushes
** its results on the caller, or nil, message, code.
*/
static int cross(lua_State *L, cross_call *c)
{
	accord_lua *S = accord_pack_runtime(c->pack);
	lua_State *SL = accord_lua_state(S);
	accord_error err = {0, "", "", 0, 0, 0};
	int rc, n, i, top;
	const char *why = NULL;

	c->caller = L;
	lua_settop(SL, 0);
	lua_pushcfunction(SL, prepare_cross_call);
	lua_pushlightuserdata(SL, c);
	rc = accord_lua_pcall(S, 1, LUA_MULTRET, &err);
	if (rc != 0)
		return accord_lua_push_failure(L, &err, rc);
	if (c->failure != NULL) {
		lua_settop(SL, 0);
		if (strncmp(c->failure, "no party", 8) == 0) {
			accord_error_set(&err, ACCORD_ENOTFOUND, "%s", c->failure);
			return accord_lua_push_failure(L, &err, ACCORD_ENOTFOUND);
		}
		return luaL_error(L, "%s", c->failure);
	}
	rc = accord_lua_pcall(S, lua_gettop(SL) - 1, LUA_MULTRET, &err);
	if (rc != 0)
		return accord_lua_push_failure(L, &err, rc);
	n = lua_gettop(SL);
	top = lua_gettop(L);
	luaL_checkstack(L, n + 4, "too many results");
	for (i = 1; i <= n; i++) {
		int copied = accord_lua_copy_value(SL, i, L, COPY_DEPTH, &why);
		if (copied != 0) {
			/* too big to leave (the sandbox's cap on what it hands out): a limit; else a value of the wrong kind */
			int code = copied == ACCORD_ELIMIT ? ACCORD_ELIMIT : ACCORD_ESCHEMA;
			lua_settop(L, top);
			lua_settop(SL, 0);
			if (code == ACCORD_ELIMIT)
				accord_error_set(&err, code, "%s returned a %s", c->function, why);
			else
				accord_error_set(&err, code, "%s returned a %s, which cannot leave the sandbox", c->function, why);
			return accord_lua_push_failure(L, &err, code);
		}
	}
	lua_settop(SL, 0);
	return n;
}

/* pack:decide(positions [, ctx]) -> decision | nil, message, code */
static int pack_decide(lua_State *L)
{
	cross_call c;
	memset(&c, 0, sizeof(c));
	c.pack = check_pack(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	if (!lua_isnoneornil(L, 3))
		luaL_checktype(L, 3, LUA_TTABLE);
	lua_settop(L, 3);
	c.function = "decide";
	c.first_arg = 2;
	c.nargs = 2;
	c.ctx_arg = 3;
	return cross(L, &c);
}

/* pack:may_<action>(party [, ctx]) -> allowed, reason | nil, message, code */
static int pack_may(lua_State *L, const char *function)
{
	cross_call c;
	memset(&c, 0, sizeof(c));
	c.pack = check_pack(L, 1);
	if (lua_type(L, 2) != LUA_TSTRING && lua_type(L, 2) != LUA_TTABLE)
		return luaL_argerror(L, 2, "a party code or a party table");
	if (!lua_isnoneornil(L, 3))
		luaL_checktype(L, 3, LUA_TTABLE);
	lua_settop(L, 3);
	c.function = function;
	c.first_arg = 2;
	c.nargs = 2;
	c.party_arg = 2;
	c.ctx_arg = 3;
	return cross(L, &c);
}

static int pack_may_propose(lua_State *L)
{
	return pack_may(L, "may_propose");
}

static int pack_may_object(lua_State *L)
{
	return pack_may(L, "may_object");
}

static int pack_may_vote(lua_State *L)
{
	return pack_may(L, "may_vote");
}

/* pack:bracket(kind, ...) -> string: calls brackets[kind](...) */
static int pack_bracket(lua_State *L)
{
	cross_call c;
	memset(&c, 0, sizeof(c));
	c.pack = check_pack(L, 1);
	c.table = "brackets";
	c.function = luaL_checkstring(L, 2);
	c.first_arg = 3;
	c.nargs = lua_gettop(L) - 2;
	return cross(L, &c);
}

/* pack:call(name, ...) -> results: any function field of the pack */
static int pack_call(lua_State *L)
{
	cross_call c;
	memset(&c, 0, sizeof(c));
	c.pack = check_pack(L, 1);
	c.function = luaL_checkstring(L, 2);
	c.first_arg = 3;
	c.nargs = lua_gettop(L) - 2;
	return cross(L, &c);
}

/* Copies the data fields of the pack (functions left out) (protected, in the sandbox). */
static int copy_info(lua_State *S)
{
	lua_State *L = lua_touserdata(S, 1);
	accord_pack *P = lua_touserdata(S, 2);
	static const char *const fields[] = {"api", "name", "body", "cites", "roles", "stages", "unagreed", "decision",
		"vocabulary", NULL};
	const char *why;
	int i;

	accord_pack_push(P);
	for (i = 0; fields[i] != NULL; i++) {
		lua_pushstring(S, fields[i]);
		lua_rawget(S, -2);
		if (accord_lua_copy_value(S, -1, L, COPY_DEPTH, &why) == 0)
			lua_setfield(L, -2, fields[i]);
		lua_pop(S, 1);
	}
	lua_pushliteral(S, "brackets");
	if (lua_rawget(S, -2) == LUA_TTABLE) {
		lua_pushliteral(S, "style");
		lua_rawget(S, -2);
		if (lua_type(S, -1) == LUA_TSTRING) {
			lua_pushstring(L, lua_tostring(S, -1));
			lua_setfield(L, -2, "bracket_style");
		}
	}
	return 0;
}

/* pack:info() -> {name, body, cites, roles, stages, unagreed, decision, vocabulary, bracket_style} */
static int pack_info(lua_State *L)
{
	accord_pack *P = check_pack(L, 1);
	accord_lua *S = accord_pack_runtime(P);
	lua_State *SL = accord_lua_state(S);
	accord_error err = {0, "", "", 0, 0, 0};
	int rc;

	lua_settop(L, 1);
	lua_newtable(L);
	lua_settop(SL, 0);
	lua_pushcfunction(SL, copy_info);
	lua_pushlightuserdata(SL, L);
	lua_pushlightuserdata(SL, P);
	rc = accord_lua_pcall(S, 2, 0, &err);
	if (rc != 0)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

/* pack:memory() -> bytes used by the sandbox, peak */
static int pack_memory(lua_State *L)
{
	accord_lua *S = accord_pack_runtime(check_pack(L, 1));
	lua_pushinteger(L, (lua_Integer)accord_lua_memory_used(S));
	lua_pushinteger(L, (lua_Integer)accord_lua_memory_peak(S));
	return 2;
}

static int pack_tostring(lua_State *L)
{
	accord_pack **box = luaL_checkudata(L, 1, PACK_T);
	lua_pushstring(L, *box ? "accord.pack" : "accord.pack (closed)");
	return 1;
}

static const luaL_Reg pack_methods[] = {
	{"validate", pack_validate}, {"summary", pack_summary}, {"decide", pack_decide},
	{"may_propose", pack_may_propose}, {"may_object", pack_may_object}, {"may_vote", pack_may_vote},
	{"bracket", pack_bracket}, {"call", pack_call}, {"info", pack_info}, {"memory", pack_memory},
	{"close", pack_close}, {NULL, NULL}};

static const luaL_Reg pack_meta[] = {
	{"__gc", pack_close}, {"__close", pack_close}, {"__tostring", pack_tostring}, {"__index", NULL}, {NULL, NULL}};

/* The list accord.workflow_list is copying, freed by __gc if pushing raises. */
typedef struct workflow_list_box {
	accord_workflow_entry *entries;
	size_t n;
} workflow_list_box;

static int workflow_list_box_gc(lua_State *L)
{
	workflow_list_box *box = lua_touserdata(L, 1);
	accord_workflow_list_free(box->entries, box->n);
	box->entries = NULL;
	box->n = 0;
	return 0;
}

/* accord.workflow_list() -> { {name =, path =}, ... } sorted by name | nil, message, code */
static int l_workflow_list(lua_State *L)
{
	accord_error err = {0, "", "", 0, 0, 0};
	workflow_list_box *box = lua_newuserdatauv(L, sizeof *box, 0);
	size_t i;
	int rc;
	box->entries = NULL;
	box->n = 0;
	if (luaL_newmetatable(L, "accord.workflow_list")) {
		lua_pushcfunction(L, workflow_list_box_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	if ((rc = accord_workflow_list(&box->entries, &box->n, &err)) != 0)
		return accord_lua_push_failure(L, &err, rc);
	lua_createtable(L, (int)box->n, 0);
	for (i = 0; i < box->n; i++) {
		lua_createtable(L, 0, 2);
		lua_pushstring(L, box->entries[i].name);
		lua_setfield(L, -2, "name");
		lua_pushstring(L, box->entries[i].path);
		lua_setfield(L, -2, "path");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

static const luaL_Reg module_functions[] = {{"workflow_load", l_workflow_load}, {"workflow_list", l_workflow_list},
	{NULL, NULL}};

void accord_bind_workflow(lua_State *L)
{
	luaL_newmetatable(L, PACK_T);
	luaL_setfuncs(L, pack_meta, 0);
	luaL_newlibtable(L, pack_methods);
	luaL_setfuncs(L, pack_methods, 0);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
	luaL_setfuncs(L, module_functions, 0);
	/* workflow_load finds roster_load through the registry */
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, "accord.module");
}
