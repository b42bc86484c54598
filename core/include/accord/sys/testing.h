/*
** accord/sys/testing.h: hooks for accord's own tests, kept out of the
** public headers (as libgit2 keeps its git2/sys/). A program using accord
** has no need of them; they may change between versions.
*/
#ifndef ACCORD_SYS_TESTING_H
#define ACCORD_SYS_TESTING_H

#include <stdint.h>

#include "accord/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
** Fault injection: after n more successful allocations (arena allocations
** included), every allocation fails until this is called again; n < 0
** turns failures off. Returns the number of allocations made since the
** last call. Not thread-safe.
*/
ACCORD_API long accord_alloc_fail_after(long n);

/*
** A fixed clock (seconds since the epoch) for the timestamps of a
** session's next actions; 0 returns to the system clock.
*/
struct accord_session;
ACCORD_API void accord_session_set_clock(struct accord_session *s, int64_t seconds);

#ifdef __cplusplus
}
#endif
#endif
