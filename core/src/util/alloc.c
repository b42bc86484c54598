/* alloc.c: the one allocator of accord, with a fault-injection hook for tests. */
#include <stdlib.h>
#include <string.h>

#include "accord/sys/testing.h"
#include "accord/common.h"
#include "util/alloc_int.h"

/* Allocations left before failures start; negative: never fail. */
static long allocations_until_failure = -1;
/* Allocations made since the hook was last set. */
static long allocations_made;
/* 1: only one allocation fails, those after it succeed again (accord_alloc_fail_one). */
static int fail_only_one;

static int allocation_allowed(void)
{
	allocations_made++;
	if (allocations_until_failure < 0)
		return 1;
	if (allocations_until_failure == 0) {
		if (fail_only_one)
			allocations_until_failure = -1;
		return 0;
	}
	allocations_until_failure--;
	return 1;
}

int accord_alloc_point(void)
{
	return allocation_allowed();
}

long accord_alloc_fail_after(long n)
{
	long made = allocations_made;
	allocations_until_failure = n;
	allocations_made = 0;
	fail_only_one = 0;
	return made;
}

long accord_alloc_fail_one(long n)
{
	long made = accord_alloc_fail_after(n);
	fail_only_one = n >= 0;
	return made;
}

void *accord_malloc(size_t size)
{
	if (!allocation_allowed())
		return NULL;
	return malloc(size ? size : 1);
}

void *accord_calloc(size_t n, size_t size)
{
	if (!allocation_allowed())
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

void *accord_realloc(void *ptr, size_t size)
{
	if (!allocation_allowed())
		return NULL;
	return realloc(ptr, size ? size : 1);
}

void accord_free(void *ptr)
{
	free(ptr);
}

char *accord_strndup(const char *s, size_t n)
{
	char *copy;
	if (s == NULL)
		return NULL;
	copy = accord_malloc(n + 1);
	if (copy == NULL)
		return NULL;
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

char *accord_strdup(const char *s)
{
	return s == NULL ? NULL : accord_strndup(s, strlen(s));
}
