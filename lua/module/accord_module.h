/*
** accord_module.h: the accord Lua module (require "accord", docs/lua.md).
**
** luaopen_accord is the entry point of accord.so for the stock
** interpreter; a program embedding Lua preloads it into a trusted state:
**
**     accord_lua_preload(S, "accord", luaopen_accord, &err);
*/
#ifndef ACCORD_MODULE_H
#define ACCORD_MODULE_H

#include <lua.h>

#include "accord/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Opens the accord module: pushes the module table. [-0, +1, m] */
ACCORD_API int luaopen_accord(lua_State *L);

#ifdef __cplusplus
}
#endif
#endif
