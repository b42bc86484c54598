/*
** heap.c: the heap of a command that reads large inputs.
**
** A diff of two 15 MB texts builds about 45 MB of structures (the
** paragraphs' copies, their tokens, the aligner's tables), each page of
** which the kernel faults in on first touch. On a virtual machine a fault
** costs microseconds, and 4 KiB pages made them a quarter of such a diff's
** time (18,000 faults; issue 16). Transparent huge pages take 2 MiB a
** fault, but where the system gives them only to memory that asks
** (/sys/kernel/mm/transparent_hugepage/enabled = madvise, the default of
** many distributions) the heap never asks. So, before reading inputs
** that large, the command grows the heap once by about what it will need
** and advises that range for huge pages; malloc then serves the
** structures from it. Nothing is touched in advance: the resident size is
** what is used, rounded up to 2 MiB. Inputs under 2 MB are left alone,
** since there the rounding would cost more than the faults.
**
** glibc only (mallopt, and a heap grown by brk); elsewhere, and under
** tools that replace malloc (valgrind, sanitizers: the block then does not
** come from the brk heap), it does nothing.
*/
#define _DEFAULT_SOURCE /* sbrk, madvise */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli.h"

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

/*
** Inputs from this size on: the structures then span several huge pages.
** A 1.5 MB pair (3 MB of input) faults 2,000 pages without, 500 to 1,000
** with, for 1.5 MB more resident (the last huge page's unused part).
*/
#define HEAP_HUGE_INPUT ((size_t)2 << 20)
/* The structures built per byte of input, measured on diffs (issue 16): 2.5 to 3. */
#define HEAP_PER_INPUT_BYTE 3
#define HEAP_MAX ((size_t)1 << 30)
#define HUGE_PAGE ((uintptr_t)2 << 20)

static void heap_expect(size_t bytes)
{
	static int done;
	char *before, *after;
	uintptr_t lo, hi;
	void *probe;
	if (done || bytes < HEAP_HUGE_INPUT)
		return;
	done = 1;
	bytes = bytes > HEAP_MAX / HEAP_PER_INPUT_BYTE ? HEAP_MAX : bytes * HEAP_PER_INPUT_BYTE;
	/* The next growth of the heap (the probe's) takes this much more, kept when freed. */
	mallopt(M_TOP_PAD, (int)bytes);
	mallopt(M_TRIM_THRESHOLD, (int)(bytes * 2 > HEAP_MAX ? HEAP_MAX : bytes * 2));
	before = sbrk(0);
	probe = malloc((size_t)1 << 20);
	after = sbrk(0);
	mallopt(M_TOP_PAD, 128 * 1024); /* glibc's default again: later growths as usual */
	if (probe == NULL || before == (char *)-1 || after == (char *)-1 || after <= before ||
	    (char *)probe < before || (char *)probe >= after) {
		free(probe);
		return;
	}
	free(probe);
	lo = ((uintptr_t)before + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	hi = (uintptr_t)after & ~(HUGE_PAGE - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE); /* advice: a refusal changes nothing */
}
#else
static void heap_expect(size_t bytes)
{
	(void)bytes;
}
#endif

void cli_heap_for_inputs(char *const *paths, size_t n)
{
	size_t total = 0, i;
	struct stat st;
	for (i = 0; i < n; i++)
		if (paths[i] != NULL && stat(paths[i], &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
			total += (size_t)st.st_size;
	heap_expect(total);
}
