/*
** worddiff_int.h: the token diff's private parts, shared by worddiff.c (the
** entry points, the walk that marks changed tokens, the hunks from the
** marks), worddiff_myers.c
** (interning and Myers in linear space), worddiff_anchor.c (k-gram anchors)
** and worddiff_cleanup.c (the clean-up of the hunk list).
*/
#ifndef ACCORD_WORDDIFF_INT_H
#define ACCORD_WORDDIFF_INT_H

#include <string.h>

#include "accord/diff.h"

/* One side of the comparison. */
typedef struct diff_side {
	const char *text;          /* the bytes the tokens point into */
	const accord_token *token; /* the tokens */
	size_t count;              /* number of tokens */
	uint32_t *id;              /* interned id of each token (valid in the trimmed middle) */
	unsigned char *changed;    /* 1: the token is not in the common subsequence */
} diff_side;

/* A distinct token: the bytes of its first occurrence. */
typedef struct intern_entry {
	const char *bytes; /* first occurrence */
	uint32_t length;   /* bytes */
	uint32_t hash;     /* accord_hash_bytes of the bytes */
} intern_entry;

/* The growable hash table that maps token bytes to ids. */
typedef struct intern_table {
	uint64_t *slots;       /* (hash << 32) | (id + 1), or 0 for an empty slot */
	size_t mask;           /* slots - 1 (a power of two minus one) */
	intern_entry *entries; /* by id */
	size_t used;           /* ids given */
	size_t capacity;       /* entries allocated */
	uint32_t single[256];  /* id + 1 of each one-byte token (a space, a comma), 0 when not seen */
} intern_table;

/* A box of the Myers search, waiting on the work stack. */
typedef struct myers_box {
	long off1, lim1, off2, lim2; /* [off1, lim1) of A x [off2, lim2) of B */
	int need_min;                /* 1: no heuristic in this box */
} myers_box;

/* Scratch space for diffing the gaps between anchors, sized once for the largest gap. */
typedef struct myers_work {
	uint32_t *h1, *h2;         /* the ids of the gap's tokens that may match */
	size_t *index1, *index2;   /* their positions in the whole sequences */
	size_t capacity1, capacity2; /* entries allocated in h1/index1 and h2/index2 */
	long *kv;                  /* forward and backward furthest-reaching diagonals */
	size_t kv_capacity;        /* entries allocated in kv */
	uint32_t gaps;             /* gaps diffed so far (their stamps in seen1/seen2) */
	uint32_t *seen1, *seen2;   /* per id: the gap number + 1 where it occurs on each side */
	size_t seen_capacity;      /* ids the seen arrays can hold */
	intern_table *table;       /* ids of the tokens in the gaps, shared by all gaps */
	myers_box *stack;          /* pending boxes */
	size_t stack_used, stack_capacity;
	unsigned long max_cost;    /* the option; 0 for automatic */
	int minimal;               /* ACCORD_DIFF_MINIMAL */
	int anchoring;             /* anchors allowed (no ACCORD_DIFF_NO_ANCHORS) */
	int approximate;           /* set when a heuristic or the cut-off was used */
} myers_work;

/* The hunk list under construction. */
typedef struct hunk_list {
	accord_diff_hunk *items;
	size_t used, capacity;
} hunk_list;

/* A matched stretch: a[a, a + length) equals b[b, b + length). */
typedef struct anchor {
	size_t a, b, length;
} anchor;

/* ---- small helpers (inline: they run per token or per hunk, as they did in one file) ---- */

static inline int tokens_equal(const char *text_a, const accord_token *a, const char *text_b, const accord_token *b)
{
	const char *x = text_a + a->offset, *y = text_b + b->offset;
	uint32_t i;
	if (a->hash != b->hash || a->length != b->length)
		return 0;
	if (a->length > 16)
		return memcmp(x, y, a->length) == 0;
	for (i = 0; i < a->length; i++) /* most tokens are short: no call */
		if (x[i] != y[i])
			return 0;
	return 1;
}

static inline int side_tokens_equal(const diff_side *side, size_t i, size_t j)
{
	return tokens_equal(side->text, &side->token[i], side->text, &side->token[j]);
}

static inline int cross_equal(const diff_side *a, size_t i, const diff_side *b, size_t j)
{
	return tokens_equal(a->text, &a->token[i], b->text, &b->token[j]);
}

/*
** Narrows a[*a_lo, *a_hi) x b[*b_lo, *b_hi) by the tokens both start with,
** then by the tokens both end with (what is left may be empty on one side).
*/
static inline void trim_common(const diff_side *a, size_t *a_lo, size_t *a_hi, const diff_side *b, size_t *b_lo,
	size_t *b_hi)
{
	size_t al = *a_lo, ah = *a_hi, bl = *b_lo, bh = *b_hi;
	while (al < ah && bl < bh && cross_equal(a, al, b, bl)) {
		al++;
		bl++;
	}
	while (al < ah && bl < bh && cross_equal(a, ah - 1, b, bh - 1)) {
		ah--;
		bh--;
	}
	*a_lo = al;
	*a_hi = ah;
	*b_lo = bl;
	*b_hi = bh;
}

/*
** Doubles the room of an array of *capacity entries of size bytes each
** (first: the room given to an array that has none). Returns the moved
** array and updates *capacity, or returns NULL when out of memory (then
** items and *capacity are unchanged).
*/
static inline void *grow_array(void *items, size_t *capacity, size_t size, size_t first)
{
	size_t grown = *capacity ? *capacity * 2 : first;
	void *bigger = accord_realloc(items, grown * size);
	if (bigger != NULL)
		*capacity = grown;
	return bigger;
}

/* The op of a change that takes a_count tokens of A and b_count of B (not both 0). */
static inline accord_diff_op change_op(size_t a_count, size_t b_count)
{
	return a_count == 0 ? ACCORD_DIFF_INSERT : b_count == 0 ? ACCORD_DIFF_DELETE : ACCORD_DIFF_REPLACE;
}

/* Appends a hunk (an equal one, or a change whose op follows from its counts); ACCORD_ENOMEM. */
static inline int hunk_push(hunk_list *list, size_t a_start, size_t a_count, size_t b_start, size_t b_count, int equal)
{
	accord_diff_hunk *h;
	if (list->used == list->capacity) {
		accord_diff_hunk *bigger = grow_array(list->items, &list->capacity, sizeof(*bigger), 16);
		if (bigger == NULL)
			return ACCORD_ENOMEM;
		list->items = bigger;
	}
	h = &list->items[list->used++];
	h->a_start = a_start;
	h->a_count = a_count;
	h->b_start = b_start;
	h->b_count = b_count;
	h->op = equal ? ACCORD_DIFF_EQUAL : change_op(a_count, b_count);
	return 0;
}

/* ---- worddiff_myers.c ---- */

/* An empty intern table (0 or ACCORD_ENOMEM); worddiff_intern_dispose frees it, even after a failure. */
int worddiff_intern_init(intern_table *table);
void worddiff_intern_dispose(intern_table *table);
/*
** Marks the changed tokens of the gap a[a_lo, a_hi) x b[b_lo, b_hi) with
** Myers in linear space under work's cost bound (0 or ACCORD_ENOMEM).
*/
int worddiff_diff_gap(myers_work *work, diff_side *a, size_t a_lo, size_t a_hi, diff_side *b, size_t b_lo,
	size_t b_hi);
/* Frees work's scratch arrays (not its table). */
void worddiff_work_dispose(myers_work *work);

/* ---- worddiff_anchor.c ---- */

/*
** Finds anchors in a[a_lo, a_hi) x b[b_lo, b_hi) among the word starts
** sampled one in 2^bits: *out (accord_free) gets them in order, *count how
** many (0 or ACCORD_ENOMEM).
*/
int worddiff_find_anchors(anchor **out, size_t *count, const diff_side *a, size_t a_lo, size_t a_hi,
	const diff_side *b, size_t b_lo, size_t b_hi, unsigned bits);

/* ---- worddiff_cleanup.c ---- */

/* The clean-up: slide to word boundaries, absorb short common runs, trim replacements. */
int worddiff_clean_up(hunk_list *list, const diff_side *a, const diff_side *b, const accord_diff_options *opts);

#endif
