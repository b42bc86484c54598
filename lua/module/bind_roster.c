/*
** bind_roster.c: rosters of parties in Lua (roster.h). A roster is a
** closed-box userdata (see bind_doc.c); parties are returned as plain
** tables {code, name, role, groups = {...}}. Reference: docs/lua.md.
*/
#include <string.h>

#include <lauxlib.h>

#include "accord/roster.h"
#include "accord_lua.h"
#include "module_int.h"

#define ROSTER_T "accord.roster"

static accord_roster **new_roster_box(lua_State *L)
{
	accord_roster **box = lua_newuserdatauv(L, sizeof(*box), 0);
	*box = NULL;
	luaL_setmetatable(L, ROSTER_T);
	return box;
}

static accord_roster *check_roster(lua_State *L, int idx)
{
	return accord_lua_check_box(L, idx, ROSTER_T, "roster");
}

/* The roster of a roster userdata at idx, or NULL when idx is not one. */
const accord_roster *accord_lua_to_roster(lua_State *L, int idx)
{
	accord_roster **box = luaL_testudata(L, idx, ROSTER_T);
	return box ? *box : NULL;
}

static int roster_close(lua_State *L)
{
	accord_roster **box = luaL_checkudata(L, 1, ROSTER_T);
	accord_roster_free(*box);
	*box = NULL;
	return 0;
}

/* accord.roster_load(path) -> roster | nil, message, code */
static int l_roster_load(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	accord_error err = {0, "", "", 0, 0, 0};
	accord_roster **box = new_roster_box(L);
	int rc = accord_roster_load(box, path, &err);
	if (rc != 0)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

/* accord.roster_parse(text [, name]) -> roster | nil, message, code */
static int l_roster_parse(lua_State *L)
{
	size_t len;
	const char *text = luaL_checklstring(L, 1, &len);
	const char *name = luaL_optstring(L, 2, "-");
	accord_error err = {0, "", "", 0, 0, 0};
	accord_roster **box = new_roster_box(L);
	int rc = accord_roster_parse(box, text, len, name, &err);
	if (rc != 0)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

/* roster:parties([role]) -> {party...} in file order */
static int roster_parties(lua_State *L)
{
	accord_roster *R = check_roster(L, 1);
	const char *role = luaL_optstring(L, 2, NULL);
	size_t i, k = 0;
	lua_newtable(L);
	for (i = 0; i < accord_roster_party_count(R); i++) {
		const accord_party *p = accord_roster_party(R, i);
		if (role != NULL && strcmp(role, accord_party_role(p)) != 0)
			continue;
		accord_lua_push_party(L, p);
		lua_rawseti(L, -2, (lua_Integer)++k);
	}
	return 1;
}

/* roster:party(code) -> party | nil */
static int roster_party(lua_State *L)
{
	const accord_party *p = accord_roster_find(check_roster(L, 1), luaL_checkstring(L, 2));
	if (p == NULL)
		lua_pushnil(L);
	else
		accord_lua_push_party(L, p);
	return 1;
}

static int push_named(lua_State *L, const accord_roster *R, int groups)
{
	size_t i, n = groups ? accord_roster_group_count(R) : accord_roster_role_count(R);
	lua_createtable(L, 0, (int)n);
	for (i = 0; i < n; i++) {
		const char *description;
		const char *id = groups ? accord_roster_group(R, i, &description) : accord_roster_role(R, i, &description);
		lua_pushstring(L, description);
		lua_setfield(L, -2, id);
	}
	return 1;
}

/* roster:roles() -> {id = description} */
static int roster_roles(lua_State *L)
{
	return push_named(L, check_roster(L, 1), 0);
}

/* roster:groups() -> {id = description} */
static int roster_groups(lua_State *L)
{
	return push_named(L, check_roster(L, 1), 1);
}

static int roster_body(lua_State *L)
{
	const char *body = accord_roster_body(check_roster(L, 1));
	if (body)
		lua_pushstring(L, body);
	else
		lua_pushnil(L);
	return 1;
}

static int roster_len(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)accord_roster_party_count(check_roster(L, 1)));
	return 1;
}

static int roster_tostring(lua_State *L)
{
	accord_roster **box = luaL_checkudata(L, 1, ROSTER_T);
	if (*box == NULL)
		lua_pushliteral(L, "accord.roster (closed)");
	else
		lua_pushfstring(L, "accord.roster (%d parties)", (int)accord_roster_party_count(*box));
	return 1;
}

static const luaL_Reg roster_methods[] = {
	{"parties", roster_parties}, {"party", roster_party}, {"roles", roster_roles}, {"groups", roster_groups},
	{"body", roster_body}, {"count", roster_len}, {"close", roster_close}, {NULL, NULL}};

static const luaL_Reg roster_meta[] = {
	{"__gc", roster_close}, {"__close", roster_close}, {"__len", roster_len}, {"__tostring", roster_tostring},
	{"__index", NULL}, {NULL, NULL}};

static const luaL_Reg module_functions[] = {
	{"roster_load", l_roster_load}, {"roster_parse", l_roster_parse}, {NULL, NULL}};

void accord_bind_roster(lua_State *L)
{
	luaL_newmetatable(L, ROSTER_T);
	luaL_setfuncs(L, roster_meta, 0);
	luaL_newlibtable(L, roster_methods);
	luaL_setfuncs(L, roster_methods, 0);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
	luaL_setfuncs(L, module_functions, 0);
}
