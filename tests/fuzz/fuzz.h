/*
** fuzz.h: what the fuzz targets share. Each target is one
** LLVMFuzzerTestOneInput: built with -fsanitize=fuzzer it is a libFuzzer
** program (scripts/fuzz), built with replay.c it is a plain program that
** runs every file of its corpus once (ctest, under the sanitizers in CI).
**
** A target checks a documented property of the code it drives, not only
** that it does not crash: a broken property aborts with the property's
** name, and libFuzzer (or the replay driver) keeps the input.
*/
#ifndef ACCORD_FUZZ_H
#define ACCORD_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "accord/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the run: a documented property does not hold for this input. */
#define FUZZ_BROKEN(...)                                                                   \
	do {                                                                               \
		fprintf(stderr, "%s:%d: property broken: ", __FILE__, __LINE__);           \
		fprintf(stderr, __VA_ARGS__);                                              \
		fputc('\n', stderr);                                                       \
		abort();                                                                   \
	} while (0)

/*
** Inputs larger than this are skipped: the targets look for wrong
** behaviour, and the limits on size are tested in tests/bad-input.
*/
#define FUZZ_MAX_INPUT (256u * 1024u)

/*
** Splits data at NUL bytes into at most max parts (the last part keeps any
** further NULs). Returns the number of parts; parts[i]/sizes[i] point into
** data.
*/
static inline size_t fuzz_split(const uint8_t *data, size_t size, const char **parts, size_t *sizes, size_t max)
{
	size_t n = 0, start = 0, i;
	for (i = 0; i < size && n + 1 < max; i++) {
		if (data[i] == 0) {
			parts[n] = (const char *)data + start;
			sizes[n++] = i - start;
			start = i + 1;
		}
	}
	parts[n] = (const char *)data + start;
	sizes[n++] = size - start;
	return n;
}

#endif
