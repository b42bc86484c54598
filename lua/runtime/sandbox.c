/*
** sandbox.c: Lua states for accord, sandboxed (rule packs) or trusted
** (automation scripts). See accord_lua.h for the contract.
**
** Sources of the techniques: Lua 5.4 ltests.c (a counting allocator that
** never refuses a free or a shrink), linit.c (open libraries one by one
** with luaL_requiref), lua.c (stopping a running script from a hook),
** Redis scripting (allow lists as data, a count hook that re-arms itself so
** that pcall cannot swallow the limit error).
**
** Limits against work done in C (issue 17): the count hook and the library
** functions whose loops run in C, guarded, are in sandbox_limits.c; a
** wall-clock deadline per call is checked by the hook, and a watchdog
** thread (here) sets the hook to fire at the next instruction once the
** deadline passes, so a long C call is stopped as soon as it returns to
** Lua; what leaves the sandbox is counted in bytes against its memory cap.
*/
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "accord_lua.h"
#include "runtime_int.h"
#include "sandbox_int.h"

/* Registry keys. */
#define REG_RUNTIME "accord.runtime"     /* light userdata: the accord_lua */
#define REG_LIBS "accord.sandbox.libs"   /* name -> real library table */
#define REG_PROXYMETA "accord.sandbox.proxymeta" /* name -> proxy metatable */

/*
** The base functions a rule pack may use. Everything else in the base
** library is left out, notably dofile, loadfile, load (no code from strings
** or files), print (packs have no output), collectgarbage and require (the
** sandbox has its own). setmetatable is wrapped to refuse __gc, xpcall
** so that its handler cannot run once the budget is spent, rawset so that
** it cannot write into a read-only proxy.
*/
static const char *const sandbox_base_allowed[] = {
	"assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "rawequal",
	"rawget", "rawlen", "select", "tonumber", "tostring", "type", NULL};

/* The libraries a rule pack sees, each through a read-only proxy. */
static const luaL_Reg sandbox_libraries[] = {
	{LUA_GNAME, luaopen_base},
	{LUA_TABLIBNAME, luaopen_table},
	{LUA_STRLIBNAME, luaopen_string},
	{LUA_MATHLIBNAME, luaopen_math},
	{LUA_UTF8LIBNAME, luaopen_utf8},
	{NULL, NULL}};

/*
** A refused allocation costs 1/64 of the budget: a script that catches
** memory errors in a loop (each one paying for a full emergency
** collection) is stopped after 64 of them instead of running for minutes.
*/
static void charge_memory_failure(accord_lua *S)
{
	unsigned long penalty;
	if (S->instruction_limit == 0 || S->call_depth == 0 || S->instruction_limit_hit)
		return;
	penalty = S->instruction_limit / 64 + 1;
	if (S->instructions_left > penalty) {
		S->instructions_left -= penalty;
		return;
	}
	S->instructions_left = 0;
	S->memory_exhausted = 1;
	lua_sethook(S->L, accord_lua_budget_hook, LUA_MASKCOUNT, 1);
}

/* ---- allocator ----------------------------------------------------------- */

/*
** Counts bytes against the cap. osize is garbage when ptr is NULL (it then
** tells the type of object); a free or a shrink is never refused.
*/
static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	accord_lua *S = ud;
	void *block;

	if (ptr == NULL)
		osize = 0;
	if (nsize == 0) {
		accord_free(ptr);
		S->memory_used -= osize;
		return NULL;
	}
	if (nsize > osize && S->memory_limit != 0
		&& (nsize - osize > S->memory_limit || S->memory_used + (nsize - osize) > S->memory_limit)) {
		S->memory_limit_hit = 1;
		charge_memory_failure(S);
		return NULL;
	}
	block = accord_realloc(ptr, nsize);
	if (block == NULL) {
		if (ptr != NULL && nsize <= osize) { /* a shrink must not fail: keep the block */
			S->memory_used -= osize - nsize;
			return ptr;
		}
		return NULL;
	}
	S->memory_used = S->memory_used - osize + nsize;
	if (S->memory_used > S->memory_peak)
		S->memory_peak = S->memory_used;
	return block;
}

/* ---- the watchdog -------------------------------------------------------- */

/* What the watchdog calls for a call stuck in C (accord_lua_set_stuck_handler); NULL: none. */
static _Atomic(accord_lua_stuck_fn) stuck_handler;

void accord_lua_set_stuck_handler(accord_lua_stuck_fn fn)
{
	atomic_store(&stuck_handler, fn);
}

/* t + ms */
static struct timespec time_after(struct timespec t, unsigned long ms)
{
	t.tv_sec += (time_t)(ms / 1000);
	t.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

/*
** Waits for the deadline of each call; when it passes with the call still
** running, sets the count hook to fire at the next instruction. The Lua
** manual allows lua_sethook to be called asynchronously (lua.c calls it
** from a signal handler); from another thread it races with the running
** script only in the hook fields it sets and in marking the running Lua
** frames (settraps), which is the price of stopping a script that spends
** its time in C without a signal handler in a library.
**
** Some C code never returns to the VM: Lua 5.4.4 follows a __call
** metamethod that is itself a callable table (a self-referencing __call)
** in a loop inside luaD_tryfuncTM, growing the stack by one slot and
** moving it each time, for hours. When the hook has not run
** ACCORD_LUA_STUCK_GRACE_MS after the deadline (or the time limit, when
** shorter), the call is stuck: the watchdog gives the stuck handler a
** one-line message, and the handler ends the process (nothing else can
** stop that loop). Without a handler the call stays stuck.
*/
static void *watchdog_main(void *arg)
{
	accord_lua *S = arg;
	unsigned long generation;
	struct timespec grace;
	accord_lua_stuck_fn fn;
	char message[512];

	pthread_mutex_lock(&S->wd_lock);
	while (!S->wd_stop) {
		if (!S->wd_armed) {
			pthread_cond_wait(&S->wd_cond, &S->wd_lock);
			continue;
		}
		generation = S->wd_generation;
		if (pthread_cond_timedwait(&S->wd_cond, &S->wd_lock, &S->deadline) == ETIMEDOUT && !S->wd_stop
			&& S->wd_armed && S->wd_generation == generation) {
			atomic_store(&S->hook_seen, 0);
			lua_sethook(S->L, accord_lua_budget_hook, LUA_MASKCOUNT, 1);
			S->wd_armed = 0; /* once per call */
			grace = time_after(S->deadline, S->time_limit_ms < ACCORD_LUA_STUCK_GRACE_MS ? S->time_limit_ms
				: ACCORD_LUA_STUCK_GRACE_MS);
			/* the hook runs at once unless the call is in C: wait for it, or for the call to end */
			while (!S->wd_stop && S->wd_generation == generation && !atomic_load(&S->hook_seen))
				if (pthread_cond_timedwait(&S->wd_cond, &S->wd_lock, &grace) == ETIMEDOUT)
					break;
			fn = atomic_load(&stuck_handler);
			if (!S->wd_stop && S->wd_generation == generation && !atomic_load(&S->hook_seen) && fn != NULL) {
				snprintf(message, sizeof(message), "%s%stime limit exceeded (%lu ms per call) in C code that "
					"never returns to Lua (a self-calling __call?): stopped by ending the process",
					S->name, S->name[0] ? ": " : "", S->time_limit_ms);
				fn(message);
			}
		}
	}
	pthread_mutex_unlock(&S->wd_lock);
	return NULL;
}

static void watchdog_init(accord_lua *S)
{
	pthread_condattr_t attr;
	if (pthread_condattr_init(&attr) != 0)
		return;
	if (pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0 && pthread_mutex_init(&S->wd_lock, NULL) == 0) {
		if (pthread_cond_init(&S->wd_cond, &attr) == 0)
			S->wd_ready = 1;
		else
			pthread_mutex_destroy(&S->wd_lock);
	}
	pthread_condattr_destroy(&attr);
}

/* Watches the call starting now (the thread is started on the first one; without it the hook alone checks). */
static void watchdog_arm(accord_lua *S)
{
	if (!S->wd_ready)
		return;
	pthread_mutex_lock(&S->wd_lock);
	if (!S->wd_started && pthread_create(&S->wd_thread, NULL, watchdog_main, S) == 0)
		S->wd_started = 1;
	S->wd_generation++;
	S->wd_armed = 1;
	pthread_cond_signal(&S->wd_cond);
	pthread_mutex_unlock(&S->wd_lock);
}

static void watchdog_disarm(accord_lua *S)
{
	if (!S->wd_ready)
		return;
	pthread_mutex_lock(&S->wd_lock);
	S->wd_armed = 0;
	S->wd_generation++;
	pthread_mutex_unlock(&S->wd_lock);
}

static void watchdog_end(accord_lua *S)
{
	if (!S->wd_ready)
		return;
	if (S->wd_started) {
		pthread_mutex_lock(&S->wd_lock);
		S->wd_stop = 1;
		pthread_cond_signal(&S->wd_cond);
		pthread_mutex_unlock(&S->wd_lock);
		pthread_join(S->wd_thread, NULL);
	}
	pthread_cond_destroy(&S->wd_cond);
	pthread_mutex_destroy(&S->wd_lock);
	S->wd_ready = 0;
}

/* Arms the budget and the deadline of a call (watched: a top-level call, which the watchdog follows). */
static void arm_budget(accord_lua *S, int watched)
{
	S->instruction_limit_hit = 0;
	S->memory_limit_hit = 0;
	S->memory_exhausted = 0;
	S->time_limit_hit = 0;
	S->size_limit_hit = 0;
	S->out_bytes = 0;
	if (S->time_limit_ms != 0) {
		clock_gettime(CLOCK_MONOTONIC, &S->deadline);
		S->deadline.tv_sec += (time_t)(S->time_limit_ms / 1000);
		S->deadline.tv_nsec += (long)(S->time_limit_ms % 1000) * 1000000L;
		if (S->deadline.tv_nsec >= 1000000000L) {
			S->deadline.tv_sec++;
			S->deadline.tv_nsec -= 1000000000L;
		}
	}
	if (S->instruction_limit == 0 && S->time_limit_ms == 0) {
		lua_sethook(S->L, NULL, 0, 0);
		return;
	}
	S->instructions_left = S->instruction_limit;
	lua_sethook(S->L, accord_lua_budget_hook, LUA_MASKCOUNT,
		(int)(S->instruction_limit != 0 && S->instruction_limit < HOOK_STEP ? S->instruction_limit : HOOK_STEP));
	if (watched && S->time_limit_ms != 0)
		watchdog_arm(S);
}

/* Ends a top-level call: the watchdog first, so that it cannot set the hook again. */
static void disarm_budget(accord_lua *S)
{
	watchdog_disarm(S);
	lua_sethook(S->L, NULL, 0, 0);
}

/* setmetatable without __gc: finalizers would run outside the budget. */
static int safe_setmetatable(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_argerror(L, 2, "__gc metamethods are not allowed in a rule pack");
		lua_pop(L, 1);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/*
** The message handler given to xpcall, guarded: once the budget is spent,
** the script's handler is not run (an error raised by the hook calls the
** handler while hooks are off, so a looping handler would never stop).
*/
static int guarded_handler(lua_State *L)
{
	accord_lua *S = accord_lua_runtime_of(L);
	if (S != NULL && S->instruction_limit_hit) {
		lua_settop(L, 1);
		return 1;
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

/* xpcall(f, handler, ...) with the handler guarded. Upvalue 1: the real xpcall. */
static int safe_xpcall(lua_State *L)
{
	luaL_checkany(L, 2);
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, guarded_handler, 1);
	lua_replace(L, 2);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

/* ---- read-only proxies --------------------------------------------------- */

static int proxy_newindex(lua_State *L)
{
	return luaL_error(L, "attempt to modify read-only table '%s'", lua_tostring(L, lua_upvalueindex(1)));
}

static int proxy_len(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)lua_rawlen(L, lua_upvalueindex(1)));
	return 1;
}

static int proxy_next(lua_State *L)
{
	lua_settop(L, 2);
	if (lua_next(L, lua_upvalueindex(1)))
		return 2;
	lua_pushnil(L);
	return 1;
}

static int proxy_pairs(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushcclosure(L, proxy_next, 1);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/*
** Pushes the metatable that makes an empty table a read-only view of the
** table at index `real`, named `name` in messages. [-0, +1, m]
*/
void accord_lua_push_proxy_meta(lua_State *L, int real, const char *name)
{
	real = lua_absindex(L, real);
	lua_createtable(L, 0, 5);
	lua_pushvalue(L, real);
	lua_setfield(L, -2, "__index");
	lua_pushstring(L, name);
	lua_pushcclosure(L, proxy_newindex, 1);
	lua_setfield(L, -2, "__newindex");
	lua_pushvalue(L, real);
	lua_pushcclosure(L, proxy_len, 1);
	lua_setfield(L, -2, "__len");
	lua_pushvalue(L, real);
	lua_pushcclosure(L, proxy_pairs, 1);
	lua_setfield(L, -2, "__pairs");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
}

/*
** rawset that refuses a read-only proxy: the proxy is an empty table, and
** a key set in it raw would shadow the real table's for every later reader
** (the roster is one proxy for all the calls of a pack). Upvalue 1: the
** real rawset.
*/
static int safe_rawset(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	if (lua_getmetatable(L, 1)) {
		lua_pushliteral(L, "__newindex");
		if (lua_rawget(L, -2) == LUA_TFUNCTION && lua_tocfunction(L, -1) == proxy_newindex) {
			lua_getupvalue(L, -1, 1);
			return luaL_error(L, "attempt to modify read-only table '%s'", lua_tostring(L, -1));
		}
		lua_pop(L, 2);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

void accord_lua_make_readonly(lua_State *L, int depth)
{
	int t = lua_gettop(L);
	if (depth > 0) {
		lua_pushnil(L);
		while (lua_next(L, t)) {
			if (lua_type(L, -1) == LUA_TTABLE) {
				accord_lua_make_readonly(L, depth - 1);
				lua_pushvalue(L, -2);
				lua_insert(L, -2);
				lua_rawset(L, t);
			} else {
				lua_pop(L, 1);
			}
		}
	}
	lua_newtable(L);
	accord_lua_push_proxy_meta(L, t, "roster");
	lua_setmetatable(L, -2);
	lua_replace(L, t);
}

/* Tables nested deeper than this are refused. */
#define COPY_MAX_DEPTH 64

/* Values copied by one accord_lua_copy_value, at most (a cycle or a shared subtable is copied again). */
#define COPY_MAX_VALUES 1000000

/* What a copy may still take: values and bytes (what the copy allocates, about). */
typedef struct copy_budget {
	size_t values;
	size_t bytes;
} copy_budget;

/* Bytes counted per value copied, and per table, on top of a string's length. */
#define COPY_VALUE_BYTES 16
#define COPY_TABLE_BYTES 64

static int copy_limited(lua_State *from, int idx, lua_State *to, int depth, const char **why, copy_budget *left);

size_t accord_lua_out_cap(lua_State *L)
{
	accord_lua *S = accord_lua_from_state(L);
	return (S == NULL || S->memory_limit == 0) ? SIZE_MAX : S->memory_limit;
}

void accord_lua_count_out(lua_State *L, size_t bytes, const char *what)
{
	accord_lua *S = accord_lua_from_state(L);
	if (S == NULL || S->memory_limit == 0)
		return;
	S->out_bytes = bytes > SIZE_MAX - S->out_bytes ? SIZE_MAX : S->out_bytes + bytes;
	if (S->out_bytes > S->memory_limit) {
		S->size_limit_hit = 1;
		luaL_error(L, "%s: copying %I bytes out of the sandbox exceeds the limit (its memory limit, %I bytes)", what,
			(lua_Integer)S->out_bytes, (lua_Integer)S->memory_limit);
	}
}

int accord_lua_copy_value(lua_State *from, int idx, lua_State *to, int depth, const char **why)
{
	copy_budget left = {COPY_MAX_VALUES, accord_lua_out_cap(from)};
	return copy_limited(from, idx, to, depth, why, &left);
}

/* Takes `bytes` from the budget; ACCORD_ELIMIT when it is spent. */
static int copy_take(copy_budget *left, size_t bytes, const char **why)
{
	if (bytes > left->bytes) {
		*why = "value larger than the sandbox's memory limit (a table referenced n times counts n times)";
		return ACCORD_ELIMIT;
	}
	left->bytes -= bytes;
	return 0;
}

static int copy_limited(lua_State *from, int idx, lua_State *to, int depth, const char **why, copy_budget *left)
{
	size_t len;
	const char *s;
	int rc;

	if (left->values == 0) {
		*why = "value too large (or a cycle)";
		return ACCORD_ELIMIT;
	}
	left->values--;
	if (copy_take(left, COPY_VALUE_BYTES, why) != 0)
		return ACCORD_ELIMIT;

	idx = lua_absindex(from, idx);
	if (!lua_checkstack(to, 4) || !lua_checkstack(from, 4)) {
		*why = "value nested too deeply";
		return ACCORD_EINVAL;
	}
	switch (lua_type(from, idx)) {
	case LUA_TNIL:
		lua_pushnil(to);
		return 0;
	case LUA_TBOOLEAN:
		lua_pushboolean(to, lua_toboolean(from, idx));
		return 0;
	case LUA_TNUMBER:
		if (lua_isinteger(from, idx))
			lua_pushinteger(to, lua_tointeger(from, idx));
		else
			lua_pushnumber(to, lua_tonumber(from, idx));
		return 0;
	case LUA_TSTRING:
		s = lua_tolstring(from, idx, &len);
		if (copy_take(left, len, why) != 0)
			return ACCORD_ELIMIT;
		lua_pushlstring(to, s, len);
		return 0;
	case LUA_TTABLE:
		if (depth <= 0 || depth > COPY_MAX_DEPTH) {
			*why = "table nested too deeply (or a cycle)";
			return ACCORD_EINVAL;
		}
		if (copy_take(left, COPY_TABLE_BYTES, why) != 0)
			return ACCORD_ELIMIT;
		lua_newtable(to);
		lua_pushnil(from);
		while (lua_next(from, idx)) {
			int kt = lua_type(from, -2);
			if (kt != LUA_TSTRING && kt != LUA_TNUMBER && kt != LUA_TBOOLEAN) {
				lua_pop(from, 2);
				lua_pop(to, 1);
				*why = "table keys must be strings, numbers or booleans";
				return ACCORD_EINVAL;
			}
			if ((rc = copy_limited(from, -2, to, depth - 1, why, left)) != 0) {
				lua_pop(from, 2);
				lua_pop(to, 1);
				return rc;
			}
			if ((rc = copy_limited(from, -1, to, depth - 1, why, left)) != 0) {
				lua_pop(from, 2);
				lua_pop(to, 2);
				return rc;
			}
			lua_rawset(to, -3);
			lua_pop(from, 1);
		}
		return 0;
	default:
		*why = lua_typename(from, lua_type(from, idx));
		return ACCORD_EINVAL;
	}
}

/* ---- the sandbox require ------------------------------------------------- */

static int build_env(lua_State *L);

/*
** require(name): loads <dir>/<name>.lua (text only) from the first folder
** of lib_dir (folders separated by ':') that has it, once per environment,
** in a fresh sandbox environment, and returns its value.
** Upvalue 1: the table of modules loaded for this environment.
*/
static int sandbox_require(lua_State *L)
{
	accord_lua *S = accord_lua_runtime_of(L);
	const char *name = luaL_checkstring(L, 1);
	accord_buf path = ACCORD_BUF_INIT, source = ACCORD_BUF_INIT;
	accord_error err;
	char chunkname[128];
	const char *p, *dir, *end;
	int status, rc;

	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return luaL_argerror(L, 1, "a library name is letters, digits and '_' only");
	if (p == name || p - name > 64)
		return luaL_argerror(L, 1, "a library name has 1 to 64 characters");
	lua_settop(L, 1);
	if (lua_getfield(L, lua_upvalueindex(1), name) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	if (S == NULL || S->lib_dir == NULL)
		return luaL_error(L, "require: no library folder is set for this sandbox");
	lua_pushcfunction(L, build_env); /* the environment first: it may raise */
	lua_call(L, 0, 1);
	snprintf(chunkname, sizeof(chunkname), "=lib/%s.lua", name);
	/* lib_dir is a list of folders separated by ':', tried in order */
	rc = ACCORD_ENOTFOUND;
	for (dir = S->lib_dir; rc == ACCORD_ENOTFOUND && *dir != '\0'; dir = *end == ':' ? end + 1 : end) {
		end = strchr(dir, ':');
		if (end == NULL)
			end = dir + strlen(dir);
		if (end == dir)
			continue;
		accord_buf_clear(&path);
		rc = accord_buf_printf(&path, "%.*s/%s.lua", (int)(end - dir), dir, name);
		if (rc == 0 && access(path.ptr, R_OK) != 0)
			rc = ACCORD_ENOTFOUND;
		else if (rc == 0)
			rc = accord_read_file(&source, path.ptr, &err);
	}
	accord_buf_dispose(&path);
	if (rc != 0) {
		accord_buf_dispose(&source);
		if (rc == ACCORD_ENOTFOUND)
			return luaL_error(L, "require: no library '%s' (looked in %s)", name, S->lib_dir);
		return luaL_error(L, "require: no library '%s' (%s)", name, rc == ACCORD_ENOMEM ? "out of memory" : "cannot read it");
	}
	status = luaL_loadbufferx(L, source.ptr ? source.ptr : "", source.size, chunkname, "t");
	accord_buf_dispose(&source);
	if (status != LUA_OK)
		return lua_error(L);
	lua_rotate(L, -2, 1);          /* env function -> function env */
	lua_setupvalue(L, -2, 1);      /* _ENV */
	lua_pushstring(L, name);
	lua_call(L, 1, 1);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, lua_upvalueindex(1), name);
	return 1;
}

/* ---- environments -------------------------------------------------------- */

/* Pushes a fresh environment for one chunk (run protected). [-0, +1, m] */
static int build_env(lua_State *L)
{
	accord_lua *S = accord_lua_runtime_of(L);
	const luaL_Reg *lib;
	int i;

	if (S == NULL || S->trust == ACCORD_LUA_TRUSTED) {
		lua_newtable(L);
		lua_createtable(L, 0, 1);
		lua_pushglobaltable(L);
		lua_setfield(L, -2, "__index");
		lua_setmetatable(L, -2);
		return 1;
	}
	lua_createtable(L, 0, 32);
	lua_getfield(L, LUA_REGISTRYINDEX, REG_LIBS);
	lua_getfield(L, -1, LUA_GNAME);
	for (i = 0; sandbox_base_allowed[i] != NULL; i++) {
		lua_getfield(L, -1, sandbox_base_allowed[i]);
		lua_setfield(L, -4, sandbox_base_allowed[i]);
	}
	lua_getfield(L, -1, "setmetatable");
	lua_pushcclosure(L, safe_setmetatable, 1);
	lua_setfield(L, -4, "setmetatable");
	lua_getfield(L, -1, "xpcall");
	lua_pushcclosure(L, safe_xpcall, 1);
	lua_setfield(L, -4, "xpcall");
	lua_getfield(L, -1, "rawset");
	lua_pushcclosure(L, safe_rawset, 1);
	lua_setfield(L, -4, "rawset");
	lua_getfield(L, -1, "_VERSION");
	lua_setfield(L, -4, "_VERSION");
	lua_pop(L, 1);
	lua_getfield(L, LUA_REGISTRYINDEX, REG_PROXYMETA);
	for (lib = sandbox_libraries + 1; lib->name != NULL; lib++) {
		lua_newtable(L);
		lua_getfield(L, -2, lib->name);
		lua_setmetatable(L, -2);
		lua_setfield(L, -4, lib->name);
	}
	lua_pop(L, 2);
	lua_newtable(L); /* modules loaded by this environment */
	lua_pushcclosure(L, sandbox_require, 1);
	lua_setfield(L, -2, "require");
	lua_pushvalue(L, -1);
	lua_setfield(L, -2, LUA_GNAME);
	return 1;
}

/* Opens what a state needs (run protected). Argument: the accord_lua. */
static int open_state(lua_State *L)
{
	accord_lua *S = lua_touserdata(L, 1);
	const luaL_Reg *lib;

	lua_pushlightuserdata(L, S);
	lua_setfield(L, LUA_REGISTRYINDEX, REG_RUNTIME);
	if (S->trust == ACCORD_LUA_TRUSTED) {
		luaL_openlibs(L);
		return 0;
	}
	lua_newtable(L); /* real libraries */
	lua_newtable(L); /* proxy metatables */
	for (lib = sandbox_libraries; lib->name != NULL; lib++) {
		luaL_requiref(L, lib->name, lib->func, 0);
		if (strcmp(lib->name, LUA_STRLIBNAME) == 0) {
			lua_pushnil(L); /* bytecode: nothing in the sandbox could load it anyway */
			lua_setfield(L, -2, "dump");
		}
		accord_lua_guard_library(L, lib->name);
		if (strcmp(lib->name, LUA_GNAME) != 0) {
			accord_lua_push_proxy_meta(L, -1, lib->name);
			lua_setfield(L, -3, lib->name);
		}
		lua_setfield(L, -3, lib->name);
	}
	lua_setfield(L, LUA_REGISTRYINDEX, REG_PROXYMETA);
	lua_setfield(L, LUA_REGISTRYINDEX, REG_LIBS);
	/* Strings share one metatable: hide it, so no pack can reach the real string table. */
	lua_pushliteral(L, "");
	if (lua_getmetatable(L, -1)) {
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	/* The global table itself is not given to packs; empty it of loaders anyway. */
	lua_pushglobaltable(L);
	lua_pushnil(L);
	lua_setfield(L, -2, "dofile");
	lua_pushnil(L);
	lua_setfield(L, -2, "loadfile");
	lua_pushnil(L);
	lua_setfield(L, -2, "load");
	lua_pop(L, 1);
	return 0;
}

/* ---- errors -------------------------------------------------------------- */

/* Message handler: the message (tostring'ed) followed by a traceback. */
static int message_handler(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);
	if (msg == NULL) {
		if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
			msg = lua_tostring(L, -1);
		else
			msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	}
	luaL_traceback(L, L, msg, 1);
	return 1;
}

/*
** Fills err from a failed status and the message on top of the stack (a
** string or not), keeping the traceback, and pops the message.
*/
static int report_failure(accord_lua *S, int status, accord_error *err)
{
	lua_State *L = S->L;
	const char *msg = lua_tostring(L, -1);
	const char *trace, *colon, *digits;
	size_t msg_len;
	unsigned line = 0;
	char file[256] = "";
	int code;

	accord_error_clear(err);
	if (msg == NULL)
		msg = "(error object is not a string)";
	accord_buf_clear(&S->traceback);
	accord_buf_puts(&S->traceback, msg);
	trace = strstr(msg, "\nstack traceback:");
	msg_len = trace ? (size_t)(trace - msg) : strlen(msg);

	if (S->instruction_limit_hit)
		code = ACCORD_ELIMIT;
	else if (S->size_limit_hit && strstr(msg, "exceeds the limit") != NULL)
		code = ACCORD_ELIMIT;
	else if (status == LUA_ERRMEM)
		code = S->memory_limit_hit ? ACCORD_ELIMIT : ACCORD_ENOMEM;
	else if (status == LUA_ERRSYNTAX)
		code = ACCORD_EPARSE;
	else if (S->memory_limit_hit && (strstr(msg, "not enough memory") != NULL || strstr(msg, "memory limit") != NULL))
		code = ACCORD_ELIMIT;
	else
		code = ACCORD_ESCRIPT;

	/* "name:line: message" -> file, line, message */
	for (colon = memchr(msg, ':', msg_len); colon != NULL;
		colon = memchr(colon + 1, ':', msg_len - (size_t)(colon + 1 - msg))) {
		digits = colon + 1;
		while (digits < msg + msg_len && *digits >= '0' && *digits <= '9')
			digits++;
		if (digits > colon + 1 && digits < msg + msg_len && *digits == ':' && (size_t)(colon - msg) < sizeof(file)) {
			memcpy(file, msg, (size_t)(colon - msg));
			file[colon - msg] = '\0';
			line = (unsigned)strtoul(colon + 1, NULL, 10);
			msg_len -= (size_t)(digits + 1 - msg);
			msg = digits + 1;
			while (msg_len > 0 && *msg == ' ') {
				msg++;
				msg_len--;
			}
			break;
		}
	}
	if (status == LUA_ERRMEM && code == ACCORD_ELIMIT)
		accord_error_set(err, code, "memory limit exceeded (%zu bytes)", S->memory_limit);
	else
		accord_error_set(err, code, "%.*s", (int)(msg_len > 500 ? 500 : msg_len), msg);
	if (line > 0)
		accord_error_at(err, file, line, 0);
	lua_pop(L, 1);
	return code;
}

/* ---- public API ---------------------------------------------------------- */

int accord_lua_new(accord_lua **out, const accord_lua_options *opts, accord_error *err)
{
	accord_lua_options defaults = ACCORD_LUA_OPTIONS_INIT;
	accord_lua *S = NULL;
	int rc = ACCORD_OK;

	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_lua_new: out is NULL");
	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if (opts->version != 1 && opts->version != ACCORD_LUA_OPTIONS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "accord_lua_new: unknown options version %u", opts->version);
	S = accord_calloc(1, sizeof(*S));
	if (S == NULL)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	S->trust = opts->trust;
	S->memory_limit = opts->memory_limit;
	S->instruction_limit = opts->instruction_limit;
	/* version 1 has no time_limit_ms: the default */
	S->time_limit_ms = opts->version >= 2 ? opts->time_limit_ms : 0;
	if (S->time_limit_ms == 0)
		S->time_limit_ms = S->trust == ACCORD_LUA_SANDBOX ? ACCORD_LUA_DEFAULT_TIME_MS : 0;
	else if (S->time_limit_ms == ACCORD_LUA_NO_TIME_LIMIT)
		S->time_limit_ms = 0;
	watchdog_init(S);
	if (opts->lib_dir != NULL && (S->lib_dir = accord_strdup(opts->lib_dir)) == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	S->L = lua_newstate(counting_alloc, S);
	if (S->L == NULL) {
		rc = accord_error_set(err, S->memory_limit_hit ? ACCORD_ELIMIT : ACCORD_ENOMEM,
			"cannot create a Lua state (%s)", S->memory_limit_hit ? "memory limit too small" : "out of memory");
		goto cleanup;
	}
	*(accord_lua **)lua_getextraspace(S->L) = S;
	lua_pushcfunction(S->L, open_state);
	lua_pushlightuserdata(S->L, S);
	if (lua_pcall(S->L, 1, 0, 0) != LUA_OK) {
		rc = accord_error_set(err, S->memory_limit_hit ? ACCORD_ELIMIT : ACCORD_ENOMEM,
			"cannot open the Lua libraries (%s)", lua_tostring(S->L, -1) ? lua_tostring(S->L, -1) : "?");
		goto cleanup;
	}
	*out = S;
	S = NULL;
cleanup:
	accord_lua_free(S);
	return rc;
}

void accord_lua_free(accord_lua *S)
{
	if (S == NULL)
		return;
	watchdog_end(S);
	if (S->L != NULL) {
		/* Finalizers still run at close: keep them under the budget. */
		arm_budget(S, 0);
		lua_close(S->L);
	}
	accord_free(S->lib_dir);
	accord_buf_dispose(&S->traceback);
	accord_free(S);
}

lua_State *accord_lua_state(accord_lua *S)
{
	return S ? S->L : NULL;
}

accord_lua *accord_lua_from_state(lua_State *L)
{
	accord_lua *S;
	if (L == NULL)
		return NULL;
	lua_getfield(L, LUA_REGISTRYINDEX, REG_RUNTIME);
	S = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return S;
}

void accord_lua_set_limits(accord_lua *S, size_t memory_limit, unsigned long instruction_limit)
{
	if (S == NULL)
		return;
	S->memory_limit = memory_limit;
	S->instruction_limit = instruction_limit;
}

void accord_lua_set_time_limit(accord_lua *S, unsigned long time_limit_ms)
{
	if (S != NULL)
		S->time_limit_ms = time_limit_ms == ACCORD_LUA_NO_TIME_LIMIT ? 0 : time_limit_ms;
}

size_t accord_lua_memory_used(const accord_lua *S)
{
	return S ? S->memory_used : 0;
}

size_t accord_lua_memory_peak(const accord_lua *S)
{
	return S ? S->memory_peak : 0;
}

const char *accord_lua_traceback(const accord_lua *S)
{
	return (S && S->traceback.ptr) ? S->traceback.ptr : "";
}

int accord_lua_push_env(accord_lua *S, accord_error *err)
{
	int status;
	if (S == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_lua_push_env: no state");
	lua_pushcfunction(S->L, build_env);
	S->memory_limit_hit = 0;
	status = lua_pcall(S->L, 0, 1, 0);
	if (status != LUA_OK)
		return report_failure(S, status, err);
	return ACCORD_OK;
}

int accord_lua_load(accord_lua *S, const char *name, const char *data, size_t len, accord_error *err)
{
	char chunkname[256];
	int status;

	if (S == NULL || name == NULL || (data == NULL && len > 0))
		return accord_error_set(err, ACCORD_EINVAL, "accord_lua_load: bad arguments");
	snprintf(chunkname, sizeof(chunkname), "=%s", name);
	if (S->name[0] == '\0')
		snprintf(S->name, sizeof(S->name), "%s", name);
	S->memory_limit_hit = 0;
	status = luaL_loadbufferx(S->L, data ? data : "", len, chunkname, "t");
	if (status != LUA_OK) {
		int code = report_failure(S, status, err);
		lua_pop(S->L, 1); /* the environment */
		if (code == ACCORD_EPARSE && err != NULL && err->line == 0)
			accord_error_at(err, name, 0, 0);
		return code;
	}
	lua_rotate(S->L, -2, 1);
	lua_setupvalue(S->L, -2, 1);
	return ACCORD_OK;
}

int accord_lua_pcall(accord_lua *S, int nargs, int nresults, accord_error *err)
{
	lua_State *L;
	int base, status;

	if (S == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_lua_pcall: no state");
	L = S->L;
	base = lua_gettop(L) - nargs;
	lua_pushcfunction(L, message_handler);
	lua_insert(L, base);
	if (S->call_depth++ == 0)
		arm_budget(S, 1);
	status = lua_pcall(L, nargs, nresults, base);
	if (--S->call_depth == 0)
		disarm_budget(S);
	lua_remove(L, base);
	if (status != LUA_OK)
		return report_failure(S, status, err);
	return ACCORD_OK;
}

int accord_lua_dostring(accord_lua *S, const char *name, const char *data, size_t len, int nresults,
	accord_error *err)
{
	int rc = accord_lua_push_env(S, err);
	if (rc == 0)
		rc = accord_lua_load(S, name, data, len, err);
	if (rc == 0)
		rc = accord_lua_pcall(S, 0, nresults, err);
	return rc;
}

int accord_lua_dofile(accord_lua *S, const char *path, const char *name, int nresults, accord_error *err)
{
	accord_buf source = ACCORD_BUF_INIT;
	const char *data;
	int rc;

	rc = accord_read_file(&source, path, err);
	if (rc != 0)
		goto cleanup;
	data = source.ptr ? source.ptr : "";
	/* A #! line is allowed in automation scripts: skip it, keeping line numbers. */
	if (S->trust == ACCORD_LUA_TRUSTED && source.size > 1 && data[0] == '#' && data[1] == '!') {
		size_t i = 0;
		while (i < source.size && data[i] != '\n')
			source.ptr[i++] = ' ';
		source.ptr[0] = '-';
		source.ptr[1] = '-';
	}
	rc = accord_lua_dostring(S, name ? name : path, data, source.size, nresults, err);
cleanup:
	accord_buf_dispose(&source);
	return rc;
}

/* Runs luaL_requiref for accord_lua_preload (run protected). Arguments: name, open function. */
static int require_module(lua_State *L)
{
	const char *name = lua_tostring(L, 1);
	luaL_requiref(L, name, lua_tocfunction(L, 2), 1);
	return 0;
}

int accord_lua_preload(accord_lua *S, const char *name, lua_CFunction open, accord_error *err)
{
	lua_State *L;
	if (S == NULL || name == NULL || open == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_lua_preload: NULL argument");
	if (S->trust != ACCORD_LUA_TRUSTED)
		return accord_error_set(err, ACCORD_EINVAL, "accord_lua_preload: a sandbox loads no module");
	L = accord_lua_state(S);
	lua_pushcfunction(L, require_module);
	lua_pushstring(L, name);
	lua_pushcfunction(L, open);
	return accord_lua_pcall(S, 2, 0, err);
}
