/*
** values.c: what the bindings of the accord module share: the
** expected-failure triple, closed-box userdata, and temporary buffers that
** are freed when pushing raises.
*/
#include <lauxlib.h>

#include "module_int.h"

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
