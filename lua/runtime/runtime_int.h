/*
** runtime_int.h: what the files of the Lua runtime (lua/runtime/) share
** with each other and with the module's bindings (lua/module/); nobody
** outside lua/ sees it.
*/
#ifndef ACCORD_RUNTIME_INT_H
#define ACCORD_RUNTIME_INT_H

#include <lua.h>

#include "accord/common.h"

/*
** Pushes the metatable that makes an empty table a read-only view of the
** table at index `real` (__index, __newindex raising, __len, __pairs,
** __metatable false), named `name` in messages. [-0, +1, m]
*/
void accord_lua_push_proxy_meta(lua_State *L, int real, const char *name);

/*
** Replaces the table on top of the stack, and every table inside it, with
** read-only proxies. [-1, +1, m]
*/
void accord_lua_make_readonly(lua_State *L, int depth);

/*
** Copies the value at `idx` of `from` onto `to`: nil, booleans, numbers,
** strings and tables of those (raw, without metamethods), at most `depth`
** levels deep. Returns 0 (one value pushed on `to`) or -1 with *why set
** (nothing pushed). Never raises in `from`; may raise a memory error in `to`.
*/
int accord_lua_copy_value(lua_State *from, int idx, lua_State *to, int depth, const char **why);

/*
** Pushes a party as the table {code, name, role, groups = {...}}: how rule
** packs and the module both see a party (pack.c). [-0, +1, m]
*/
struct accord_party;
void accord_lua_push_party(lua_State *L, const struct accord_party *p);

#endif
