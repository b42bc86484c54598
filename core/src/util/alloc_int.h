/* alloc_int.h: what the allocator offers the rest of the core and no one else. */
#ifndef ACCORD_ALLOC_INT_H
#define ACCORD_ALLOC_INT_H

/*
** A place where memory is taken without a call to the allocator (an arena
** handing out part of a block it already has) counts as an allocation for the
** fault-injection hook: 1 when the caller may go on, 0 when accord_alloc_fail_after
** says this allocation fails. So a test that fails the Nth allocation reaches
** every allocation site, those that a block usually serves included, as
** SQLite's fault tests turn off its lookaside buffers.
*/
int accord_alloc_point(void);

#endif
