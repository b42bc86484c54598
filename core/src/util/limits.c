/* limits.c: the process's limits on what accord reads (accord/common.h). */
#include "accord/common.h"

static accord_limits limits = {ACCORD_DEFAULT_INPUT_BYTES, ACCORD_DEFAULT_PARAGRAPHS, ACCORD_DEFAULT_DEPTH};

void accord_limits_get(accord_limits *out)
{
	if (out != NULL)
		*out = limits;
}

void accord_limits_set(const accord_limits *l)
{
	limits.input_bytes = l != NULL && l->input_bytes > 0 ? l->input_bytes : ACCORD_DEFAULT_INPUT_BYTES;
	limits.paragraphs = l != NULL && l->paragraphs > 0 ? l->paragraphs : ACCORD_DEFAULT_PARAGRAPHS;
	limits.depth = l != NULL && l->depth > 0 ? l->depth : ACCORD_DEFAULT_DEPTH;
}
