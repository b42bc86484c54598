/*
** accord_lua.h: running Lua scripts for accord.
**
** Two trust levels (docs/workflows.md, docs/lua.md):
**
**   - a SANDBOX state runs rule packs, which are untrusted: only the base,
**     table, string, math and utf8 libraries (minus dofile, loadfile, load,
**     print, collectgarbage, require), text chunks only (no bytecode), a
**     fresh _ENV per chunk whose library tables are read-only proxies, a
**     memory cap counted by the state's allocator, an instruction budget
**     per call (a count hook that, once tripped, fires on every instruction
**     so that pcall cannot swallow it) that also pays for the work library
**     functions do in C, size guards on the library functions whose loops
**     run in C, a wall-clock deadline per call (checked by the hook, which a
**     watchdog thread sets at the deadline so that long C calls are stopped
**     as soon as they return to Lua), and a byte cap on what is copied out
**     (accord_lua_copy_value). A `require` resolves only
**     <dir>/<name>.lua for the folders of lib_dir (separated by ':', tried
**     in order), loaded as text in a fresh sandbox environment.
**   - a TRUSTED state runs the user's own automation scripts (accord run):
**     the full standard library, and the modules the caller preloads
**     (accord run preloads the accord module, lua/module/accord_module.h).
**     Limits still apply when set (0 means none).
**
** Errors: every function returns 0 or a negative ACCORD_E* code and fills
** an accord_error: ACCORD_EPARSE (the chunk does not compile), ACCORD_ELIMIT
** (the memory cap, the instruction budget, the deadline or a size guard
** was hit), ACCORD_ESCRIPT (the
** script raised an error), ACCORD_ENOMEM (the process ran out of memory).
** err->file and err->line give the script position when Lua reported one,
** and err->message the message without that prefix, so cli_report prints
** "accord: script:line: message".
*/
#ifndef ACCORD_LUA_H
#define ACCORD_LUA_H

#include <stddef.h>

#include <lua.h>

#include "accord/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct accord_lua accord_lua;

typedef enum accord_lua_trust {
	ACCORD_LUA_SANDBOX = 0, /* rule packs: restricted, limited */
	ACCORD_LUA_TRUSTED = 1  /* automation scripts: full standard library */
} accord_lua_trust;

/*
** Defaults: 32 MiB of Lua memory, 50 million VM instructions and (in a
** sandbox) 10 seconds of wall-clock time per call.
*/
#define ACCORD_LUA_DEFAULT_MEMORY ((size_t)32 << 20)
#define ACCORD_LUA_DEFAULT_INSTRUCTIONS 50000000UL
#define ACCORD_LUA_DEFAULT_TIME_MS 10000UL
/* time_limit_ms asking for no deadline at all. */
#define ACCORD_LUA_NO_TIME_LIMIT ((unsigned long)-1)

typedef struct accord_lua_options {
	unsigned version;              /* ACCORD_LUA_OPTIONS_VERSION (1 is still accepted: no time_limit_ms) */
	accord_lua_trust trust;        /* SANDBOX or TRUSTED */
	size_t memory_limit;           /* bytes the state may hold; 0: no cap */
	unsigned long instruction_limit; /* VM instructions per call; 0: none */
	const char *lib_dir;           /* where the sandbox `require` looks: folders separated by ':'; NULL: none */
	unsigned long time_limit_ms;   /* wall-clock milliseconds per call; 0: the default (ACCORD_LUA_DEFAULT_TIME_MS
	                                  in a sandbox, none in a trusted state); ACCORD_LUA_NO_TIME_LIMIT: none (version 2) */
} accord_lua_options;
#define ACCORD_LUA_OPTIONS_VERSION 2
#define ACCORD_LUA_OPTIONS_INIT {ACCORD_LUA_OPTIONS_VERSION, ACCORD_LUA_SANDBOX, \
	ACCORD_LUA_DEFAULT_MEMORY, ACCORD_LUA_DEFAULT_INSTRUCTIONS, NULL, 0}

/*
** Creates a state (opts NULL: a sandbox with the default limits). Fails
** with ACCORD_ENOMEM or ACCORD_EINVAL.
*/
ACCORD_API int accord_lua_new(accord_lua **out, const accord_lua_options *opts, accord_error *err);
/* Closes the state (running __gc/__close) and frees it. NULL-safe. */
ACCORD_API void accord_lua_free(accord_lua *S);

/* The underlying lua_State, borrowed until accord_lua_free. */
ACCORD_API lua_State *accord_lua_state(accord_lua *S);
/* The accord_lua a lua_State belongs to, or NULL for a state not made here. */
ACCORD_API accord_lua *accord_lua_from_state(lua_State *L);

/* Changes the limits for the next calls (0: none). */
ACCORD_API void accord_lua_set_limits(accord_lua *S, size_t memory_limit, unsigned long instruction_limit);
/* Changes the wall-clock deadline of the next calls, in milliseconds (0: none). */
ACCORD_API void accord_lua_set_time_limit(accord_lua *S, unsigned long time_limit_ms);
/*
** A call stuck in C code that never returns to the VM (Lua 5.4.4 loops
** inside luaD_tryfuncTM on a self-referencing __call) cannot be stopped by
** the hook: when the hook has not run ACCORD_LUA_STUCK_GRACE_MS after the
** deadline (or the time limit, when shorter), the watchdog calls the stuck
** handler, on its own thread, with a one-line message naming the first
** chunk the state loaded ("pack.lua: time limit exceeded ..."). The handler
** must end the process (the accord program prints the message and exits
** with status 4; a session's open transaction is rolled back by SQLite);
** if it returns, the call stays stuck. Process-wide; NULL (the default):
** no handler. Set it before creating states.
*/
#define ACCORD_LUA_STUCK_GRACE_MS 1000UL
typedef void (*accord_lua_stuck_fn)(const char *message);
ACCORD_API void accord_lua_set_stuck_handler(accord_lua_stuck_fn fn);
/* Bytes the state holds now, and the most it held. */
ACCORD_API size_t accord_lua_memory_used(const accord_lua *S);
ACCORD_API size_t accord_lua_memory_peak(const accord_lua *S);

/*
** Pushes a fresh environment for one chunk: in a sandbox, a table with
** the allowed base functions, read-only proxies of the library tables, a
** sandboxed `require` and _G pointing to itself; in a trusted state, a
** table whose __index is the global table. [-0, +1, m]
*/
ACCORD_API int accord_lua_push_env(accord_lua *S, accord_error *err);

/*
** Compiles data[0..len) as a text chunk named `name` (shown in messages as
** "name:line:") with the environment on top of the stack as its _ENV
** (which it pops), and pushes the function. Bytecode is refused
** (ACCORD_EPARSE). On failure nothing is pushed. [-1, +(0|1), -]
*/
ACCORD_API int accord_lua_load(accord_lua *S, const char *name, const char *data, size_t len, accord_error *err);

/*
** Calls the function below nargs arguments, like lua_pcall, under the
** state's limits, with a message handler that keeps a traceback
** (accord_lua_traceback). On failure pops the function and arguments and
** pushes nothing. [-(nargs+1), +(nresults|0), -]
*/
ACCORD_API int accord_lua_pcall(accord_lua *S, int nargs, int nresults, accord_error *err);

/*
** Loads and runs a script file in a fresh environment (push_env + load +
** pcall); leaves nresults results (LUA_MULTRET allowed). name: the name
** used in messages (NULL: path).
*/
ACCORD_API int accord_lua_dofile(accord_lua *S, const char *path, const char *name, int nresults, accord_error *err);
/* The same for a string. */
ACCORD_API int accord_lua_dostring(accord_lua *S, const char *name, const char *data, size_t len,
	int nresults, accord_error *err);

/* The traceback of the last failed call ("" when none); borrowed. */
ACCORD_API const char *accord_lua_traceback(const accord_lua *S);

/*
** Makes a module available to a TRUSTED state: runs open(L) once, keeps
** the result as package.loaded[name] (so require(name) returns it) and as
** the global `name`. A sandbox loads no module (ACCORD_EINVAL); a failure
** of open is reported as by accord_lua_pcall.
*/
ACCORD_API int accord_lua_preload(accord_lua *S, const char *name, lua_CFunction open, accord_error *err);

#ifdef __cplusplus
}
#endif
#endif
