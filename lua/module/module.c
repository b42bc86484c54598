/*
** module.c: the accord Lua module (require "accord"): the module table.
** Each core concept has one bind_<concept>.c that adds its functions to
** the module table (module_int.h); a new concept adds a file and one line
** in luaopen_accord. What the bindings share is in values.c. Reference:
** docs/lua.md.
*/
#include <lauxlib.h>

#include "accord_module.h"
#include "module_int.h"

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
	accord_bind_simulate(L);
	accord_bind_brackets(L);
	return 1;
}
