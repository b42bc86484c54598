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
** levels deep. What is copied is counted in bytes (a table referenced n
** times is copied n times) against the copy-out cap of the sandbox it
** comes from (accord_lua_out_cap). Returns 0 (one value pushed on `to`),
** ACCORD_ELIMIT (over the cap) or ACCORD_EINVAL (a value that cannot be
** copied), with *why set (nothing pushed). Never raises in `from`; may
** raise a memory error in `to`.
*/
int accord_lua_copy_value(lua_State *from, int idx, lua_State *to, int depth, const char **why);

/*
** Bytes one copy out of the state may take (its memory cap: what a script
** could hold at once), SIZE_MAX for a state without a cap or not made here.
*/
size_t accord_lua_out_cap(lua_State *L);

/*
** Counts `bytes` copied out of the sandbox during the current call against
** its copy-out cap; raises an ACCORD_ELIMIT error naming `what` once the
** call's copies pass it. For C code run protected in a call. [-0, +0, v]
*/
void accord_lua_count_out(lua_State *L, size_t bytes, const char *what);

/* ---- for the guarded library functions (sandbox_limits.c) ------------------ */

/*
** Elements one library call may touch (a range, a length): a sixteenth of
** the memory cap, as no table held under the cap has more; LUA_MAXINTEGER
** without a cap.
*/
lua_Integer accord_lua_max_items(lua_State *L);

/*
** Charges `work` (about one VM instruction's worth each) done in C to the
** call's instruction budget. When it does not fit, raises the instruction
** limit error at once (call it before the work) and, as the count hook
** does, stops every later instruction too. [-0, +0, v]
*/
void accord_lua_charge(lua_State *L, size_t work);

/*
** Raises an "... exceeds the limit ..." error that the call reports as
** ACCORD_ELIMIT (luaL_error's position prefix included). [-0, +0, v]
*/
int accord_lua_limit_error(lua_State *L, const char *fmt, ...);

/*
** Replaces, in the library table on top of the stack (opened as `name`),
** the functions whose work runs in C by guarded versions: size guards,
** the pattern cost guard and charges to the budget. [-0, +0, m]
*/
void accord_lua_guard_library(lua_State *L, const char *name);

/*
** Pushes a party as the table {code, name, role, groups = {...}}: how rule
** packs and the module both see a party (pack.c). [-0, +1, m]
*/
struct accord_party;
void accord_lua_push_party(lua_State *L, const struct accord_party *p);

#endif
