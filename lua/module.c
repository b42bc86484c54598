/*
** module.c: the accord Lua module (require "accord"): the module table and
** what the bind_*.c files share. Each core concept has one bind_<concept>.c
** that adds its functions to the module table (lua_int.h); a new concept
** adds a file and one line in luaopen_accord. Reference: docs/lua.md.
*/
#include <lauxlib.h>

#include "accord_lua.h"
#include "lua_int.h"

/* The error codes, as accord.E<NAME> constants. */
static const struct {
	const char *name;
	int code;
} error_codes[] = {
	{"ENOMEM", ACCORD_ENOMEM}, {"EINVAL", ACCORD_EINVAL}, {"EPARSE", ACCORD_EPARSE}, {"EUTF8", ACCORD_EUTF8},
	{"ESCHEMA", ACCORD_ESCHEMA}, {"EIO", ACCORD_EIO}, {"ENOTFOUND", ACCORD_ENOTFOUND},
	{"ECONFLICT", ACCORD_ECONFLICT}, {"ELIMIT", ACCORD_ELIMIT}, {"ESCRIPT", ACCORD_ESCRIPT},
	{"ESTORE", ACCORD_ESTORE}, {"EREFUSED", ACCORD_EREFUSED}, {"ESTATE", ACCORD_ESTATE},
	{"EVERSION", ACCORD_EVERSION}, {"EEMPTY", ACCORD_EEMPTY}, {"EBUSY", ACCORD_EBUSY},
	{"ECORRUPT", ACCORD_ECORRUPT}, {NULL, 0}};

int accord_lua_push_failure(lua_State *L, const accord_error *err, int code)
{
	luaL_Buffer b;
	lua_pushnil(L);
	luaL_buffinit(L, &b);
	if (err != NULL && err->file[0] != '\0') {
		luaL_addstring(&b, err->file);
		if (err->line > 0) {
			lua_pushfstring(L, ":%d", (int)err->line);
			luaL_addvalue(&b);
			if (err->col > 0) {
				lua_pushfstring(L, ":%d", (int)err->col);
				luaL_addvalue(&b);
			}
		}
		luaL_addstring(&b, ": ");
	}
	luaL_addstring(&b, (err != NULL && err->message[0] != '\0') ? err->message : accord_strerror(code));
	luaL_pushresult(&b);
	lua_pushinteger(L, code);
	return 3;
}

void *accord_lua_check_box(lua_State *L, int idx, const char *type, const char *what)
{
	void **box = luaL_checkudata(L, idx, type);
	if (*box == NULL)
		luaL_error(L, "attempt to use a closed %s", what);
	return *box;
}

#define TEMP_BUF_T "accord.buffer"

static int temp_buf_gc(lua_State *L)
{
	accord_buf_dispose(luaL_checkudata(L, 1, TEMP_BUF_T));
	return 0;
}

accord_buf *accord_lua_push_temp_buf(lua_State *L)
{
	accord_buf *buf = lua_newuserdatauv(L, sizeof(accord_buf), 0);
	buf->ptr = NULL;
	buf->size = buf->asize = 0;
	if (luaL_newmetatable(L, TEMP_BUF_T)) {
		lua_pushcfunction(L, temp_buf_gc);
		lua_setfield(L, -2, "__gc");
		lua_pushvalue(L, -1);
		lua_setfield(L, -2, "__close");
	}
	lua_setmetatable(L, -2);
	return buf;
}

int luaopen_accord(lua_State *L)
{
	int i;
	luaL_checkversion(L);
	lua_newtable(L);
	lua_pushliteral(L, ACCORD_VERSION_STRING);
	lua_setfield(L, -2, "version");
	for (i = 0; error_codes[i].name != NULL; i++) {
		lua_pushinteger(L, error_codes[i].code);
		lua_setfield(L, -2, error_codes[i].name);
	}
	accord_bind_doc(L);
	accord_bind_roster(L);
	accord_bind_workflow(L);
	accord_bind_amend(L);
	accord_bind_session(L);
	accord_bind_consolidate(L);
	return 1;
}
