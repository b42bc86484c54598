/*
** module_int.h: what the files of the accord module (lua/module/) share:
** the helpers of values.c, the compilation userdata, and the bindings
** module.c registers. Nobody outside lua/module/ sees it.
*/
#ifndef ACCORD_MODULE_INT_H
#define ACCORD_MODULE_INT_H

#include <lua.h>

#include "accord/common.h"
#include "runtime_int.h"

/*
** Pushes the expected-failure triple nil, "file:line:col: message", code
** and returns 3. [-0, +3, m]
*/
int accord_lua_push_failure(lua_State *L, const accord_error *err, int code);

/*
** The C object in a closed-box userdata of metatable `type` at idx; raises
** "attempt to use a closed <what>" when it was closed. [-0, +0, v]
*/
void *accord_lua_check_box(lua_State *L, int idx, const char *type, const char *what);

/*
** Pushes a userdata holding an empty accord_buf that is disposed by __gc,
** so that bytes from the C API are never lost when pushing them raises.
** [-0, +1, m]
*/
accord_buf *accord_lua_push_temp_buf(lua_State *L);

/* The roster inside a roster userdata (bind_roster.c), or NULL. */
struct accord_roster;
const struct accord_roster *accord_lua_to_roster(lua_State *L, int idx);

/*
** A compilation userdata: the compilation, and the bracket convention its
** render uses when no pack is given (a session's compilation keeps its
** pack's; NULL: the default). Both freed by __gc/__close/close.
*/
struct accord_compilation;
struct accord_pack_brackets;
typedef struct accord_lua_compilation {
	struct accord_compilation *c; /* first: accord_lua_check_box reads it */
	struct accord_pack_brackets *brackets;
} accord_lua_compilation;

/* Pushes an empty compilation userdata (one user value: the base doc it borrows, or nil). [-0, +1, m] */
accord_lua_compilation *accord_lua_push_compilation(lua_State *L);

/* The bindings, one per core concept; each adds its functions to the module table on top. */
void accord_bind_doc(lua_State *L);
void accord_bind_roster(lua_State *L);
void accord_bind_workflow(lua_State *L);
void accord_bind_amend(lua_State *L);
void accord_bind_session(lua_State *L);
void accord_bind_consolidate(lua_State *L);
void accord_bind_simulate(lua_State *L);
void accord_bind_brackets(lua_State *L);

#endif
