/*
** sandbox_int.h: the state of a sandbox, shared by sandbox.c (states,
** environments, calls, the watchdog, copies out) and sandbox_limits.c (the
** count hook, charges and the guarded library functions). Nobody else
** includes it.
*/
#ifndef ACCORD_SANDBOX_INT_H
#define ACCORD_SANDBOX_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include <lua.h>

#include "accord_lua.h"

/* Instructions between two visits of the count hook. */
#define HOOK_STEP 10000UL

/* A Lua state with its limits and the state of its current call. */
struct accord_lua {
	lua_State *L;
	accord_lua_trust trust;
	size_t memory_used;       /* bytes held by the state */
	size_t memory_peak;       /* the most it held */
	size_t memory_limit;      /* 0: no cap */
	int memory_limit_hit;     /* the allocator refused a growth because of the cap */
	unsigned long instruction_limit; /* per call; 0: none */
	unsigned long instructions_left; /* in the current call */
	int instruction_limit_hit; /* the hook tripped (budget or deadline): re-armed on every instruction */
	int memory_exhausted;     /* the budget was spent on refused allocations */
	int time_limit_hit;       /* what tripped the hook was the deadline */
	int size_limit_hit;       /* a size guard refused a call (accord_lua_limit_error) */
	int call_depth;           /* nested accord_lua_pcall on this state */
	unsigned long time_limit_ms; /* wall-clock time per call; 0: none */
	struct timespec deadline; /* of the current call (CLOCK_MONOTONIC), when time_limit_ms */
	size_t out_bytes;         /* copied out during the current call (accord_lua_count_out) */
	/* the watchdog: a thread that sets the hook when the deadline passes */
	pthread_mutex_t wd_lock;
	pthread_cond_t wd_cond;
	int wd_ready;             /* lock and cond initialized */
	int wd_started;           /* the thread runs */
	int wd_armed;             /* a call runs and its deadline has not been acted on (under wd_lock) */
	int wd_stop;              /* the thread must end (under wd_lock) */
	unsigned long wd_generation; /* counts calls, so a late wake-up never stops the next one (under wd_lock) */
	pthread_t wd_thread;
	atomic_int hook_seen;     /* the hook ran since the watchdog set it (cleared by the watchdog) */
	char name[128];           /* the first chunk loaded: what a stuck call's message names */
	char *lib_dir;            /* the sandbox require's folder, or NULL */
	accord_buf traceback;     /* of the last failed call */
};

/* The accord_lua of a state made by accord_lua_new (kept in its extra space). */
static inline accord_lua *accord_lua_runtime_of(lua_State *L)
{
	return *(accord_lua **)lua_getextraspace(L);
}

/*
** The count hook: visited every HOOK_STEP instructions, and at the next one
** once the watchdog saw the deadline pass or a charge spent the budget;
** raises the limit error once the budget is spent or the deadline passed,
** re-arming itself on every instruction so that pcall cannot swallow it.
*/
void accord_lua_budget_hook(lua_State *L, lua_Debug *ar);

#endif
