/* worddiff.c: the token diff: interning, anchors, Myers in linear space with a cost bound, clean-up. */
#include <limits.h>
#include <string.h>

#include "accord/diff.h"

/* Tokens at least this many (both sides, after trimming) get k-gram anchors first. */
#define ANCHOR_MIN_TOKENS 2048
/* The gaps between anchors get anchors of their own (unique within the gap) from this size on. */
#define ANCHOR_GAP_MIN_TOKENS 256
/* How deep gaps are anchored again. */
#define ANCHOR_MAX_DEPTH 3
/*
** Smaller regions use every word start as a candidate anchor; regions of this
** size one in 2, twice the size one in 4, and so on up to one in
** 2^ANCHOR_MAX_SAMPLE_BITS (the choice depends on the k-gram's hash, so both
** sides sample the same k-grams). Large inputs get sparser anchors at the
** top level, which keeps the table small; the gaps get denser ones.
*/
#define ANCHOR_SAMPLE_MIN_TOKENS 16384
#define ANCHOR_MAX_SAMPLE_BITS 3
/* Tokens in an anchor k-gram; it starts at a word. */
#define ANCHOR_K 8
/* xdiff's constants: a snake this long is "good"; the heuristic starts after this cost. */
#define SNAKE_COUNT 20
#define HEURISTIC_MIN_COST 256
#define HEURISTIC_FACTOR 4
#define MIN_MAX_COST 256

struct accord_diff {
	accord_diff_hunk *hunks; /* the script */
	size_t hunk_count;       /* hunks used */
	accord_token *a_tokens;  /* owned tokens of A (accord_diff_text only) */
	size_t a_count;          /* tokens in a_tokens */
	accord_token *b_tokens;  /* owned tokens of B (accord_diff_text only) */
	size_t b_count;          /* tokens in b_tokens */
	accord_diff_stats stats; /* counts, filled at the end */
};

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

/* Where the middle snake (or the cut-off) splits a box. */
typedef struct myers_split {
	long i1, i2;        /* the split point */
	int min_lo, min_hi; /* whether each half must be searched exactly */
} myers_split;

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

/* ---- small helpers ------------------------------------------------------ */

static int tokens_equal(const char *text_a, const accord_token *a, const char *text_b, const accord_token *b)
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

static int side_tokens_equal(const diff_side *side, size_t i, size_t j)
{
	return tokens_equal(side->text, &side->token[i], side->text, &side->token[j]);
}

static int cross_equal(const diff_side *a, size_t i, const diff_side *b, size_t j)
{
	return tokens_equal(a->text, &a->token[i], b->text, &b->token[j]);
}

/*
** Narrows a[*a_lo, *a_hi) x b[*b_lo, *b_hi) by the tokens both start with,
** then by the tokens both end with (what is left may be empty on one side).
*/
static void trim_common(const diff_side *a, size_t *a_lo, size_t *a_hi, const diff_side *b, size_t *b_lo,
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
static void *grow_array(void *items, size_t *capacity, size_t size, size_t first)
{
	size_t grown = *capacity ? *capacity * 2 : first;
	void *bigger = accord_realloc(items, grown * size);
	if (bigger != NULL)
		*capacity = grown;
	return bigger;
}

/* The op of a change that takes a_count tokens of A and b_count of B (not both 0). */
static accord_diff_op change_op(size_t a_count, size_t b_count)
{
	return a_count == 0 ? ACCORD_DIFF_INSERT : b_count == 0 ? ACCORD_DIFF_DELETE : ACCORD_DIFF_REPLACE;
}

const char *accord_diff_op_name(accord_diff_op op)
{
	switch (op) {
	case ACCORD_DIFF_EQUAL:
		return "equal";
	case ACCORD_DIFF_INSERT:
		return "insert";
	case ACCORD_DIFF_DELETE:
		return "delete";
	case ACCORD_DIFF_REPLACE:
		return "replace";
	}
	return "unknown";
}

/* ---- interning ---------------------------------------------------------- */

static int intern_grow_slots(intern_table *table, size_t slot_count)
{
	uint64_t *slots = accord_calloc(slot_count, sizeof(*slots));
	size_t id;
	if (slots == NULL)
		return ACCORD_ENOMEM;
	for (id = 0; id < table->used; id++) {
		uint32_t hash = table->entries[id].hash;
		size_t at = hash & (slot_count - 1);
		if (table->entries[id].length == 1)
			continue; /* in the single-byte table */
		while (slots[at] != 0)
			at = (at + 1) & (slot_count - 1);
		slots[at] = ((uint64_t)hash << 32) | (uint64_t)(id + 1);
	}
	accord_free(table->slots);
	table->slots = slots;
	table->mask = slot_count - 1;
	return 0;
}

/* Gives the next id to the bytes of token (their first occurrence). */
static int intern_add(uint32_t *id_out, intern_table *table, const char *bytes, const accord_token *token)
{
	if (table->used == table->capacity) {
		intern_entry *bigger = grow_array(table->entries, &table->capacity, sizeof(*bigger), 64);
		if (bigger == NULL)
			return ACCORD_ENOMEM;
		table->entries = bigger;
	}
	table->entries[table->used].bytes = bytes;
	table->entries[table->used].length = token->length;
	table->entries[table->used].hash = token->hash;
	*id_out = (uint32_t)table->used;
	table->used++;
	return 0;
}

/* The id of a token's bytes, given a new one when they are new. */
static int intern_token(uint32_t *id_out, intern_table *table, const char *text, const accord_token *token)
{
	const char *bytes = text + token->offset;
	size_t at;
	int rc;
	if (token->length == 1) {
		uint32_t *single = &table->single[(unsigned char)bytes[0]];
		if (*single == 0) {
			if ((rc = intern_add(single, table, bytes, token)) != 0)
				return rc;
			*single += 1;
		}
		*id_out = *single - 1;
		return 0;
	}
	at = token->hash & table->mask;
	for (;;) {
		uint64_t slot = table->slots[at];
		if (slot == 0)
			break;
		if ((uint32_t)(slot >> 32) == token->hash) {
			const intern_entry *e = &table->entries[(uint32_t)slot - 1];
			if (e->length == token->length && memcmp(e->bytes, bytes, token->length) == 0) {
				*id_out = (uint32_t)slot - 1;
				return 0;
			}
		}
		at = (at + 1) & table->mask;
	}
	if ((rc = intern_add(id_out, table, bytes, token)) != 0)
		return rc;
	table->slots[at] = ((uint64_t)token->hash << 32) | (uint64_t)(*id_out + 1);
	/* Keep the load under one half (the count includes one-byte tokens: a little early). */
	if (table->used * 2 > table->mask + 1)
		return intern_grow_slots(table, (table->mask + 1) * 2);
	return 0;
}

static int intern_init(intern_table *table)
{
	memset(table, 0, sizeof(*table));
	table->capacity = 64;
	table->entries = accord_malloc(table->capacity * sizeof(*table->entries));
	if (table->entries == NULL)
		return ACCORD_ENOMEM;
	return intern_grow_slots(table, 256);
}

static void intern_dispose(intern_table *table)
{
	accord_free(table->slots);
	accord_free(table->entries);
}

/* ---- Myers in linear space (after xdiff's xdl_split) -------------------- */

/* A rough square root, a power of two (xdiff's xdl_bogosqrt). */
static long rough_sqrt(long n)
{
	long i;
	for (i = 1; n > 0; n >>= 2)
		i <<= 1;
	return i;
}

/*
** Finds where to split the box [off1, lim1) x [off2, lim2): the middle
** snake of a shortest path, or, past the cost bound, the furthest point
** reached (xdiff's "too expensive" heuristic). kvf and kvb are indexed by
** diagonal (i1 - i2).
*/
static void myers_find_split(myers_split *split, const uint32_t *h1, long off1, long lim1, const uint32_t *h2,
	long off2, long lim2, long *kvf, long *kvb, int need_min, long max_cost, int *approximate)
{
	long dmin = off1 - lim2, dmax = lim1 - off2;
	long fmid = off1 - off2, bmid = lim1 - lim2;
	int odd = (int)((fmid - bmid) & 1);
	long fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
	long cost, d, i1, i2, prev1, k;

	kvf[fmid] = off1;
	kvb[bmid] = lim1;
	for (cost = 1;; cost++) {
		int got_snake = 0;

		/* Extend the forward search by one unit of cost. */
		if (fmin > dmin)
			kvf[--fmin - 1] = -1;
		else
			++fmin;
		if (fmax < dmax)
			kvf[++fmax + 1] = -1;
		else
			--fmax;
		for (d = fmax; d >= fmin; d -= 2) {
			if (kvf[d - 1] >= kvf[d + 1])
				i1 = kvf[d - 1] + 1;
			else
				i1 = kvf[d + 1];
			prev1 = i1;
			i2 = i1 - d;
			while (i1 < lim1 && i2 < lim2 && h1[i1] == h2[i2]) {
				i1++;
				i2++;
			}
			if (i1 - prev1 > SNAKE_COUNT)
				got_snake = 1;
			kvf[d] = i1;
			if (odd && bmin <= d && d <= bmax && kvb[d] <= i1) {
				split->i1 = i1;
				split->i2 = i2;
				split->min_lo = split->min_hi = 1;
				return;
			}
		}

		/* Extend the backward search by one unit of cost. */
		if (bmin > dmin)
			kvb[--bmin - 1] = LONG_MAX;
		else
			++bmin;
		if (bmax < dmax)
			kvb[++bmax + 1] = LONG_MAX;
		else
			--bmax;
		for (d = bmax; d >= bmin; d -= 2) {
			if (kvb[d - 1] < kvb[d + 1])
				i1 = kvb[d - 1];
			else
				i1 = kvb[d + 1] - 1;
			prev1 = i1;
			i2 = i1 - d;
			while (i1 > off1 && i2 > off2 && h1[i1 - 1] == h2[i2 - 1]) {
				i1--;
				i2--;
			}
			if (prev1 - i1 > SNAKE_COUNT)
				got_snake = 1;
			kvb[d] = i1;
			if (!odd && fmin <= d && d <= fmax && i1 <= kvf[d]) {
				split->i1 = i1;
				split->i2 = i2;
				split->min_lo = split->min_hi = 1;
				return;
			}
		}

		if (need_min)
			continue;

		/* A long snake far along a diagonal: split there. */
		if (got_snake && cost > HEURISTIC_MIN_COST) {
			long best = 0;
			for (d = fmax; d >= fmin; d -= 2) {
				long distance = d > fmid ? d - fmid : fmid - d;
				long value;
				i1 = kvf[d];
				i2 = i1 - d;
				value = (i1 - off1) + (i2 - off2) - distance;
				if (value > HEURISTIC_FACTOR * cost && value > best && off1 + SNAKE_COUNT <= i1 &&
				    i1 < lim1 && off2 + SNAKE_COUNT <= i2 && i2 < lim2) {
					for (k = 1; h1[i1 - k] == h2[i2 - k]; k++) {
						if (k == SNAKE_COUNT) {
							best = value;
							split->i1 = i1;
							split->i2 = i2;
							break;
						}
					}
				}
			}
			if (best > 0) {
				split->min_lo = 1;
				split->min_hi = 0;
				*approximate = 1;
				return;
			}
			best = 0;
			for (d = bmax; d >= bmin; d -= 2) {
				long distance = d > bmid ? d - bmid : bmid - d;
				long value;
				i1 = kvb[d];
				i2 = i1 - d;
				value = (lim1 - i1) + (lim2 - i2) - distance;
				if (value > HEURISTIC_FACTOR * cost && value > best && off1 < i1 &&
				    i1 <= lim1 - SNAKE_COUNT && off2 < i2 && i2 <= lim2 - SNAKE_COUNT) {
					for (k = 0; h1[i1 + k] == h2[i2 + k]; k++) {
						if (k == SNAKE_COUNT - 1) {
							best = value;
							split->i1 = i1;
							split->i2 = i2;
							break;
						}
					}
				}
			}
			if (best > 0) {
				split->min_lo = 0;
				split->min_hi = 1;
				*approximate = 1;
				return;
			}
		}

		/* Too expensive: take the furthest point reached in either direction. */
		if (cost >= max_cost) {
			long fbest = -1, fbest1 = -1, bbest = LONG_MAX, bbest1 = LONG_MAX;
			for (d = fmax; d >= fmin; d -= 2) {
				i1 = kvf[d] < lim1 ? kvf[d] : lim1;
				i2 = i1 - d;
				if (lim2 < i2) {
					i1 = lim2 + d;
					i2 = lim2;
				}
				if (fbest < i1 + i2) {
					fbest = i1 + i2;
					fbest1 = i1;
				}
			}
			for (d = bmax; d >= bmin; d -= 2) {
				i1 = kvb[d] > off1 ? kvb[d] : off1;
				i2 = i1 - d;
				if (i2 < off2) {
					i1 = off2 + d;
					i2 = off2;
				}
				if (i1 + i2 < bbest) {
					bbest = i1 + i2;
					bbest1 = i1;
				}
			}
			*approximate = 1;
			if ((lim1 + lim2) - bbest < fbest - (off1 + off2)) {
				split->i1 = fbest1;
				split->i2 = fbest - fbest1;
				split->min_lo = 1;
				split->min_hi = 0;
			} else {
				split->i1 = bbest1;
				split->i2 = bbest - bbest1;
				split->min_lo = 0;
				split->min_hi = 1;
			}
			return;
		}
	}
}

static int push_box(myers_work *work, long off1, long lim1, long off2, long lim2, int need_min)
{
	myers_box *box;
	if (work->stack_used == work->stack_capacity) {
		myers_box *bigger = grow_array(work->stack, &work->stack_capacity, sizeof(*bigger), 64);
		if (bigger == NULL)
			return ACCORD_ENOMEM;
		work->stack = bigger;
	}
	box = &work->stack[work->stack_used++];
	box->off1 = off1;
	box->lim1 = lim1;
	box->off2 = off2;
	box->lim2 = lim2;
	box->need_min = need_min;
	return 0;
}

/*
** Makes one side's scratch arrays h and index (*capacity entries each) hold
** at least need entries, growing them at least twofold.
*/
static int reserve_side(uint32_t **h, size_t **index, size_t *capacity, size_t need)
{
	size_t grown = need > 2 * *capacity ? need : 2 * *capacity;
	uint32_t *bigger_h;
	size_t *bigger_index;
	if (need <= *capacity)
		return 0;
	if ((bigger_h = accord_realloc(*h, grown * sizeof(*bigger_h))) == NULL)
		return ACCORD_ENOMEM;
	*h = bigger_h;
	if ((bigger_index = accord_realloc(*index, grown * sizeof(*bigger_index))) == NULL)
		return ACCORD_ENOMEM;
	*index = bigger_index;
	*capacity = grown;
	return 0;
}

/* Makes the scratch arrays big enough for a gap of n1 x n2 tokens. */
static int reserve_work(myers_work *work, size_t n1, size_t n2)
{
	size_t kv_need = 2 * (n1 + n2 + 3) + 2;
	int rc;
	if ((rc = reserve_side(&work->h1, &work->index1, &work->capacity1, n1 + 1)) != 0 ||
	    (rc = reserve_side(&work->h2, &work->index2, &work->capacity2, n2 + 1)) != 0)
		return rc;
	if (kv_need > work->kv_capacity) {
		size_t grown = kv_need > 2 * work->kv_capacity ? kv_need : 2 * work->kv_capacity;
		long *kv = accord_realloc(work->kv, grown * sizeof(*kv));
		if (kv == NULL)
			return ACCORD_ENOMEM;
		work->kv = kv;
		work->kv_capacity = grown;
	}
	return 0;
}

/*
** Marks the changed tokens of the gap a[a_lo, a_hi) x b[b_lo, b_hi).
** Tokens whose id does not occur on the other side of the gap cannot match
** and are marked at once (xdiff discards them the same way); Myers runs on
** the others.
*/
static int diff_gap(myers_work *work, diff_side *a, size_t a_lo, size_t a_hi, diff_side *b, size_t b_lo,
	size_t b_hi)
{
	size_t i, n1 = 0, n2 = 0;
	long *kvf, *kvb, ndiags, max_cost;
	uint32_t stamp = ++work->gaps;
	int rc;

	trim_common(a, &a_lo, &a_hi, b, &b_lo, &b_hi);
	if (a_lo == a_hi || b_lo == b_hi) {
		memset(a->changed + a_lo, 1, a_hi - a_lo);
		memset(b->changed + b_lo, 1, b_hi - b_lo);
		return 0;
	}
	if ((rc = reserve_work(work, a_hi - a_lo, b_hi - b_lo)) != 0)
		return rc;
	/* Only what is left needs ids. */
	for (i = a_lo; i < a_hi; i++)
		if ((rc = intern_token(&a->id[i], work->table, a->text, &a->token[i])) != 0)
			return rc;
	for (i = b_lo; i < b_hi; i++)
		if ((rc = intern_token(&b->id[i], work->table, b->text, &b->token[i])) != 0)
			return rc;
	if (work->table->used > work->seen_capacity) {
		size_t grown = work->table->capacity;
		uint32_t *seen1 = accord_realloc(work->seen1, grown * sizeof(*seen1));
		uint32_t *seen2;
		if (seen1 == NULL)
			return ACCORD_ENOMEM;
		work->seen1 = seen1;
		seen2 = accord_realloc(work->seen2, grown * sizeof(*seen2));
		if (seen2 == NULL)
			return ACCORD_ENOMEM;
		work->seen2 = seen2;
		memset(seen1 + work->seen_capacity, 0, (grown - work->seen_capacity) * sizeof(*seen1));
		memset(seen2 + work->seen_capacity, 0, (grown - work->seen_capacity) * sizeof(*seen2));
		work->seen_capacity = grown;
	}
	for (i = a_lo; i < a_hi; i++)
		work->seen1[a->id[i]] = stamp;
	for (i = b_lo; i < b_hi; i++)
		work->seen2[b->id[i]] = stamp;
	for (i = a_lo; i < a_hi; i++) {
		if (work->seen2[a->id[i]] == stamp) {
			work->h1[n1] = a->id[i];
			work->index1[n1++] = i;
		} else {
			a->changed[i] = 1;
		}
	}
	for (i = b_lo; i < b_hi; i++) {
		if (work->seen1[b->id[i]] == stamp) {
			work->h2[n2] = b->id[i];
			work->index2[n2++] = i;
		} else {
			b->changed[i] = 1;
		}
	}

	ndiags = (long)(n1 + n2 + 3);
	kvf = work->kv + n2 + 1;
	kvb = work->kv + ndiags + n2 + 1;
	max_cost = work->max_cost ? (long)work->max_cost : rough_sqrt(ndiags);
	if (max_cost < MIN_MAX_COST && !work->max_cost)
		max_cost = MIN_MAX_COST;

	work->stack_used = 0;
	if ((rc = push_box(work, 0, (long)n1, 0, (long)n2, work->minimal)) != 0)
		return rc;
	while (work->stack_used > 0) {
		myers_box box = work->stack[--work->stack_used];
		const uint32_t *h1 = work->h1, *h2 = work->h2;
		while (box.off1 < box.lim1 && box.off2 < box.lim2 && h1[box.off1] == h2[box.off2]) {
			box.off1++;
			box.off2++;
		}
		while (box.off1 < box.lim1 && box.off2 < box.lim2 && h1[box.lim1 - 1] == h2[box.lim2 - 1]) {
			box.lim1--;
			box.lim2--;
		}
		if (box.off1 == box.lim1) {
			long j;
			for (j = box.off2; j < box.lim2; j++)
				b->changed[work->index2[j]] = 1;
		} else if (box.off2 == box.lim2) {
			long j;
			for (j = box.off1; j < box.lim1; j++)
				a->changed[work->index1[j]] = 1;
		} else {
			myers_split split;
			myers_find_split(&split, h1, box.off1, box.lim1, h2, box.off2, box.lim2, kvf, kvb,
				box.need_min, max_cost, &work->approximate);
			if ((rc = push_box(work, split.i1, box.lim1, split.i2, box.lim2, split.min_hi)) != 0 ||
			    (rc = push_box(work, box.off1, split.i1, box.off2, split.i2, split.min_lo)) != 0)
				return rc;
		}
	}
	return 0;
}

/* ---- anchors: k-grams that occur once on each side ----------------------- */

/* A k-gram seen while anchoring. */
typedef struct gram_slot {
	uint32_t check;    /* the high half of the k-gram hash; 0 with count_a 0: empty */
	uint32_t pos_a;    /* where it starts in A */
	uint32_t pos_b;    /* where it starts in B */
	uint16_t count_a;  /* occurrences in A (saturates at 2) */
	uint16_t count_b;  /* occurrences in B (saturates at 2) */
} gram_slot;

/* A matched stretch: a[a, a + length) equals b[b, b + length). */
typedef struct anchor {
	size_t a, b, length;
} anchor;

/* The multiplier of the rolling k-gram hash, and its power K - 1. */
#define GRAM_BASE UINT64_C(0x9E3779B97F4A7C15)

static uint64_t gram_base_power(void)
{
	uint64_t p = 1;
	int k;
	for (k = 1; k < ANCHOR_K; k++)
		p *= GRAM_BASE;
	return p;
}

/* The rolling hash of the token hashes of t[0, K). */
static uint64_t gram_first(const accord_token *t)
{
	uint64_t h = 0;
	int k;
	for (k = 0; k < ANCHOR_K; k++)
		h = h * GRAM_BASE + t[k].hash + 1;
	return h;
}

/* Mixes a rolling hash so all its bits are usable. */
static uint64_t gram_mix(uint64_t h)
{
	h ^= h >> 31;
	h *= UINT64_C(0xd6e8feb86659fd93);
	h ^= h >> 32;
	return h;
}

static int gram_sampled(uint64_t mixed, unsigned bits)
{
	return (mixed & ((UINT64_C(1) << bits) - 1)) == 0;
}

/* The rolling hash of t[i + 1, i + 1 + K) from h, that of t[i, i + K) (power: gram_base_power()). */
static uint64_t gram_roll(uint64_t h, const accord_token *t, size_t i, uint64_t power)
{
	return (h - (t[i].hash + UINT64_C(1)) * power) * GRAM_BASE + t[i + ANCHOR_K].hash + 1;
}

/* What a slot keeps of a mixed k-gram hash to tell k-grams apart (never 0). */
static uint32_t gram_check(uint64_t mixed)
{
	return (uint32_t)(mixed >> 32) | 1u;
}

/* The slot of a sampled k-gram in the table: the one holding its check, or the empty one where it goes. */
static size_t gram_probe(const gram_slot *slots, size_t mask, uint64_t mixed, unsigned bits)
{
	uint32_t check = gram_check(mixed);
	size_t at = (size_t)(mixed >> bits) & mask;
	while (slots[at].check != 0 && slots[at].check != check)
		at = (at + 1) & mask;
	return at;
}

/*
** Finds anchors in a[a_lo, a_hi) x b[b_lo, b_hi): sampled k-grams that
** start at a word and occur exactly once on each side, the longest chain of
** them increasing on both sides (patience sorting), verified token by token
** and clipped so they do not overlap. *out (accord_free) gets them in order.
*/
static int find_anchors(anchor **out, size_t *count, const diff_side *a, size_t a_lo, size_t a_hi,
	const diff_side *b, size_t b_lo, size_t b_hi, unsigned bits)
{
	gram_slot *slots = NULL;
	size_t *sampled_pos = NULL, *sampled_slot = NULL, *cand_a = NULL, *cand_b = NULL, *tails = NULL, *prev = NULL;
	anchor *anchors = NULL;
	size_t slot_count = 64, mask, i, sampled = 0, distinct = 0, candidates = 0, length = 0, used = 0, max_sampled = 0;
	size_t end_a = a_lo, end_b = b_lo;
	uint64_t power = gram_base_power(), h;
	int rc = ACCORD_ENOMEM;

	*out = NULL;
	*count = 0;
	if (a_hi - a_lo < ANCHOR_K || b_hi - b_lo < ANCHOR_K)
		return 0;
	/* One word start in 2^bits is sampled: keep the load of the table under 1/2. */
	for (i = a_lo; i + ANCHOR_K <= a_hi; i++)
		max_sampled += a->token[i].kind == ACCORD_TOKEN_WORD;
	while (slot_count < 2 * ((max_sampled >> bits) + 16))
		slot_count *= 2;
	mask = slot_count - 1;
	slots = accord_calloc(slot_count, sizeof(*slots));
	sampled_pos = accord_malloc((max_sampled + 1) * sizeof(*sampled_pos));
	sampled_slot = accord_malloc((max_sampled + 1) * sizeof(*sampled_slot));
	if (slots == NULL || sampled_pos == NULL || sampled_slot == NULL)
		goto cleanup;
	h = gram_first(a->token + a_lo);
	for (i = a_lo;; i++) {
		if (a->token[i].kind == ACCORD_TOKEN_WORD) {
			uint64_t m = gram_mix(h);
			if (gram_sampled(m, bits)) {
				size_t at = gram_probe(slots, mask, m, bits);
				if (slots[at].check == 0) {
					if (sampled == max_sampled || ++distinct * 2 >= slot_count)
						break; /* the table is full (text without spaces): anchor on what was seen */
					slots[at].check = gram_check(m);
					slots[at].pos_a = (uint32_t)i;
				}
				if (slots[at].count_a < 2)
					slots[at].count_a++;
				sampled_pos[sampled] = i;
				sampled_slot[sampled++] = at;
			}
		}
		if (i + ANCHOR_K >= a_hi)
			break;
		h = gram_roll(h, a->token, i, power);
	}
	h = gram_first(b->token + b_lo);
	for (i = b_lo;; i++) {
		if (b->token[i].kind == ACCORD_TOKEN_WORD) {
			uint64_t m = gram_mix(h);
			if (gram_sampled(m, bits)) {
				size_t at = gram_probe(slots, mask, m, bits);
				if (slots[at].check != 0) {
					if (slots[at].count_b == 0)
						slots[at].pos_b = (uint32_t)i;
					if (slots[at].count_b < 2)
						slots[at].count_b++;
				}
			}
		}
		if (i + ANCHOR_K >= b_hi)
			break;
		h = gram_roll(h, b->token, i, power);
	}
	/* Unique pairs, in A's order: reuse the sampled arrays. */
	for (i = 0; i < sampled; i++) {
		const gram_slot *slot = &slots[sampled_slot[i]];
		if (slot->count_a == 1 && slot->count_b == 1) {
			sampled_pos[candidates] = sampled_pos[i];
			sampled_slot[candidates++] = slot->pos_b;
		}
	}
	if (candidates == 0) {
		rc = 0;
		goto cleanup;
	}
	cand_a = sampled_pos;
	cand_b = sampled_slot;
	tails = accord_malloc(candidates * sizeof(*tails));
	prev = accord_malloc(candidates * sizeof(*prev));
	if (tails == NULL || prev == NULL)
		goto cleanup;
	/* Longest increasing subsequence of cand_b (patience sorting). */
	for (i = 0; i < candidates; i++) {
		size_t lo = 0, hi = length;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (cand_b[tails[mid]] < cand_b[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo > 0 ? tails[lo - 1] : SIZE_MAX;
		tails[lo] = i;
		if (lo == length)
			length++;
	}
	/* The chain, backwards into tails (no longer needed as such). */
	{
		size_t at = tails[length - 1], n = length;
		while (n > 0) {
			tails[--n] = at;
			at = prev[at];
		}
	}
	anchors = accord_malloc(length * sizeof(*anchors));
	if (anchors == NULL)
		goto cleanup;
	for (i = 0; i < length; i++) {
		size_t pa = cand_a[tails[i]], pb = cand_b[tails[i]], skip = 0, k;
		int same = 1;
		for (k = 0; k < ANCHOR_K; k++)
			if (!cross_equal(a, pa + k, b, pb + k))
				same = 0;
		if (!same)
			continue; /* a hash collision */
		if (end_a > pa)
			skip = end_a - pa;
		if (end_b > pb && end_b - pb > skip)
			skip = end_b - pb;
		if (skip >= ANCHOR_K)
			continue;
		if (used > 0 && anchors[used - 1].a + anchors[used - 1].length == pa + skip &&
		    anchors[used - 1].b + anchors[used - 1].length == pb + skip) {
			anchors[used - 1].length += ANCHOR_K - skip;
		} else {
			anchors[used].a = pa + skip;
			anchors[used].b = pb + skip;
			anchors[used].length = ANCHOR_K - skip;
			used++;
		}
		end_a = pa + ANCHOR_K;
		end_b = pb + ANCHOR_K;
	}
	*out = anchors;
	*count = used;
	anchors = NULL;
	rc = 0;
cleanup:
	accord_free(slots);
	accord_free(sampled_pos);
	accord_free(sampled_slot);
	accord_free(tails);
	accord_free(prev);
	accord_free(anchors);
	return rc;
}

/* ---- the changed-token marks -------------------------------------------- */

/*
** Aligns the region a[a_lo, a_hi) x b[b_lo, b_hi): large regions are cut
** at anchors and each gap aligned again (a few levels deep, with anchors
** unique within the gap); the rest goes to Myers.
*/
static int align_region(myers_work *work, diff_side *a, size_t a_lo, size_t a_hi, diff_side *b, size_t b_lo,
	size_t b_hi, int depth)
{
	anchor *anchors = NULL;
	size_t anchor_count = 0, gap, size;
	int rc = 0;

	trim_common(a, &a_lo, &a_hi, b, &b_lo, &b_hi);
	size = (a_hi - a_lo) + (b_hi - b_lo);
	if (work->anchoring && depth < ANCHOR_MAX_DEPTH && a_lo < a_hi && b_lo < b_hi &&
	    size >= (depth == 0 ? ANCHOR_MIN_TOKENS : ANCHOR_GAP_MIN_TOKENS)) {
		/* Sparser candidates in larger regions; the gaps get their own. */
		unsigned bits = 0;
		while (bits < ANCHOR_MAX_SAMPLE_BITS && size >= ((size_t)ANCHOR_SAMPLE_MIN_TOKENS << bits))
			bits++;
		if ((rc = find_anchors(&anchors, &anchor_count, a, a_lo, a_hi, b, b_lo, b_hi, bits)) != 0)
			return rc;
	}
	if (anchor_count == 0) {
		accord_free(anchors);
		return diff_gap(work, a, a_lo, a_hi, b, b_lo, b_hi);
	}
	for (gap = 0; gap <= anchor_count; gap++) {
		size_t ga = gap == 0 ? a_lo : anchors[gap - 1].a + anchors[gap - 1].length;
		size_t gb = gap == 0 ? b_lo : anchors[gap - 1].b + anchors[gap - 1].length;
		size_t ea = gap == anchor_count ? a_hi : anchors[gap].a;
		size_t eb = gap == anchor_count ? b_hi : anchors[gap].b;
		if ((rc = align_region(work, a, ga, ea, b, gb, eb, depth + 1)) != 0)
			break;
	}
	accord_free(anchors);
	return rc;
}

/* Fills a->changed and b->changed so the unmarked tokens form a common subsequence. */
static int mark_changes(diff_side *a, diff_side *b, const accord_diff_options *opts, int *approximate)
{
	intern_table table;
	myers_work work;
	int rc;

	memset(&work, 0, sizeof(work));
	if ((rc = intern_init(&table)) != 0)
		goto cleanup;
	work.table = &table;
	work.max_cost = opts->max_cost;
	work.minimal = (opts->flags & ACCORD_DIFF_MINIMAL) != 0;
	work.anchoring = !(opts->flags & ACCORD_DIFF_NO_ANCHORS);
	if ((rc = align_region(&work, a, 0, a->count, b, 0, b->count, 0)) != 0)
		goto cleanup;
	*approximate = work.approximate;
cleanup:
	accord_free(work.h1);
	accord_free(work.h2);
	accord_free(work.index1);
	accord_free(work.index2);
	accord_free(work.kv);
	accord_free(work.seen1);
	accord_free(work.seen2);
	accord_free(work.stack);
	intern_dispose(&table);
	return rc;
}

/* ---- the hunk list ------------------------------------------------------ */

static int hunk_push(hunk_list *list, size_t a_start, size_t a_count, size_t b_start, size_t b_count, int equal)
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

/*
** Turns the marks into hunks. An equal stretch needs unmarked tokens that
** are really equal, so the script is exact even if the marks were not.
*/
static int build_hunks(hunk_list *list, const diff_side *a, const diff_side *b)
{
	size_t i = 0, j = 0;
	int rc;
	while (i < a->count || j < b->count) {
		size_t si = i, sj = j;
		while (i < a->count && j < b->count && !a->changed[i] && !b->changed[j] &&
		       a->token[i].hash == b->token[j].hash && a->token[i].length == b->token[j].length) {
			i++;
			j++;
		}
		if (i > si && (rc = hunk_push(list, si, i - si, sj, j - sj, 1)) != 0)
			return rc;
		si = i;
		sj = j;
		while (i < a->count && a->changed[i])
			i++;
		while (j < b->count && b->changed[j])
			j++;
		if (i == si && j == sj) {
			/* Unmarked tokens that do not match: cannot happen; stay exact anyway. */
			if (i < a->count)
				i++;
			if (j < b->count)
				j++;
		}
		if ((i > si || j > sj) && (rc = hunk_push(list, si, i - si, sj, j - sj, 0)) != 0)
			return rc;
	}
	return 0;
}

/* Drops empty hunks, joins neighbours of the same kind (changes join into one), sets the ops. */
static void normalize_hunks(hunk_list *list)
{
	size_t in, out = 0;
	for (in = 0; in < list->used; in++) {
		accord_diff_hunk h = list->items[in];
		int equal = h.op == ACCORD_DIFF_EQUAL;
		if (h.a_count == 0 && h.b_count == 0)
			continue;
		if (out > 0 && (list->items[out - 1].op == ACCORD_DIFF_EQUAL) == equal) {
			list->items[out - 1].a_count += h.a_count;
			list->items[out - 1].b_count += h.b_count;
		} else {
			list->items[out++] = h;
		}
		if (!equal) {
			accord_diff_hunk *last = &list->items[out - 1];
			last->op = change_op(last->a_count, last->b_count);
		}
	}
	list->used = out;
}

/* How well a change over tokens [start, end) of a side reads: it should start and end at a word. */
static int slide_score(const diff_side *side, size_t start, size_t end)
{
	int score = 0;
	if (side->token[start].kind != ACCORD_TOKEN_SPACE)
		score += 2;
	if (side->token[end - 1].kind != ACCORD_TOKEN_SPACE)
		score += 1;
	return score;
}

/*
** Slides each pure insertion or deletion that sits between two equal
** stretches to where it reads best. Sliding left by one is possible when
** the token before the change equals its last token (then the equal
** stretches still pair equal tokens), and right by one when the token after
** equals its first.
*/
static void slide_hunks(hunk_list *list, const diff_side *a, const diff_side *b)
{
	size_t i;
	for (i = 1; i + 1 < list->used; i++) {
		accord_diff_hunk *prev = &list->items[i - 1], *h = &list->items[i], *next = &list->items[i + 1];
		const diff_side *side;
		size_t start, count, left = 0, right = 0, best, p;
		int best_score;
		if (prev->op != ACCORD_DIFF_EQUAL || next->op != ACCORD_DIFF_EQUAL)
			continue;
		if (h->op == ACCORD_DIFF_DELETE) {
			side = a;
			start = h->a_start;
			count = h->a_count;
		} else if (h->op == ACCORD_DIFF_INSERT) {
			side = b;
			start = h->b_start;
			count = h->b_count;
		} else {
			continue;
		}
		while (left < prev->a_count && side_tokens_equal(side, start - left - 1, start + count - left - 1))
			left++;
		while (right < next->a_count && side_tokens_equal(side, start + right, start + count + right))
			right++;
		if (left == 0 && right == 0)
			continue;
		best = left;
		best_score = slide_score(side, start, start + count);
		for (p = 0; p <= left + right; p++) {
			size_t s = start - left + p;
			int score = slide_score(side, s, s + count);
			if (score > best_score) {
				best_score = score;
				best = p;
			}
		}
		if (best != left) {
			/*
			** delta = best - left, applied to the change and both equal
			** neighbours; a move left is a negative delta, which size_t
			** arithmetic (modulo SIZE_MAX + 1) applies exactly.
			*/
			size_t delta = best - left;
			prev->a_count += delta;
			prev->b_count += delta;
			h->a_start += delta;
			h->b_start += delta;
			next->a_start += delta;
			next->b_start += delta;
			next->a_count -= delta;
			next->b_count -= delta;
		}
	}
	normalize_hunks(list);
}

/* Whether an equal stretch between two changes is short enough to join them. */
static int absorbable(const diff_side *a, const accord_diff_hunk *h, const accord_diff_options *opts)
{
	size_t i, words = 0, punct = 0;
	for (i = h->a_start; i < h->a_start + h->a_count; i++) {
		if (a->token[i].kind == ACCORD_TOKEN_WORD)
			words++;
		else if (a->token[i].kind == ACCORD_TOKEN_PUNCT)
			punct++;
		if (words > opts->absorb_words)
			return 0; /* long common runs end here */
	}
	if (words == 0 && punct == 0)
		return 1;
	if (punct > 0 && !(opts->flags & ACCORD_DIFF_ABSORB_PUNCT))
		return 0;
	return words <= opts->absorb_words;
}

/* Moves the tokens that both sides of a replacement start or end with out of it. */
static int trim_replacements(hunk_list *list, const diff_side *a, const diff_side *b)
{
	hunk_list out = {NULL, 0, 0};
	size_t i;
	int rc = 0;
	for (i = 0; i < list->used; i++) {
		accord_diff_hunk h = list->items[i];
		size_t a_lo = h.a_start, a_hi = h.a_start + h.a_count, b_lo = h.b_start, b_hi = h.b_start + h.b_count;
		size_t head, tail;
		if (h.op != ACCORD_DIFF_REPLACE) {
			if ((rc = hunk_push(&out, h.a_start, h.a_count, h.b_start, h.b_count, h.op == ACCORD_DIFF_EQUAL)) != 0)
				goto cleanup;
			continue;
		}
		trim_common(a, &a_lo, &a_hi, b, &b_lo, &b_hi);
		head = a_lo - h.a_start;
		tail = h.a_start + h.a_count - a_hi;
		if ((head && (rc = hunk_push(&out, h.a_start, head, h.b_start, head, 1)) != 0) ||
		    (rc = hunk_push(&out, h.a_start + head, h.a_count - head - tail, h.b_start + head,
			     h.b_count - head - tail, 0)) != 0 ||
		    (tail && (rc = hunk_push(&out, h.a_start + h.a_count - tail, tail, h.b_start + h.b_count - tail, tail,
				      1)) != 0))
			goto cleanup;
	}
	accord_free(list->items);
	*list = out;
	out.items = NULL;
	normalize_hunks(list);
cleanup:
	accord_free(out.items);
	return rc;
}

/* The clean-up: slide to word boundaries, absorb short common runs, trim replacements. */
static int clean_up(hunk_list *list, const diff_side *a, const diff_side *b, const accord_diff_options *opts)
{
	size_t i;
	slide_hunks(list, a, b);
	for (i = 1; i + 1 < list->used; i++) {
		accord_diff_hunk *h = &list->items[i];
		if (h->op == ACCORD_DIFF_EQUAL && list->items[i - 1].op != ACCORD_DIFF_EQUAL &&
		    list->items[i + 1].op != ACCORD_DIFF_EQUAL && absorbable(a, h, opts))
			h->op = ACCORD_DIFF_REPLACE; /* joined with its neighbours by normalize */
	}
	normalize_hunks(list);
	return trim_replacements(list, a, b);
}

/* ---- entry points ------------------------------------------------------- */

static void compute_stats(accord_diff *diff, const diff_side *a, const diff_side *b, int approximate)
{
	accord_diff_stats *st = &diff->stats;
	size_t i;
	memset(st, 0, sizeof(*st));
	st->hunks = diff->hunk_count;
	st->approximate = approximate;
	for (i = 0; i < a->count; i++)
		st->a_bytes += a->token[i].length;
	for (i = 0; i < b->count; i++)
		st->b_bytes += b->token[i].length;
	for (i = 0; i < diff->hunk_count; i++) {
		const accord_diff_hunk *h = &diff->hunks[i];
		if (h->op == ACCORD_DIFF_EQUAL) {
			size_t k;
			st->equal_tokens += h->a_count;
			for (k = h->a_start; k < h->a_start + h->a_count; k++)
				st->equal_bytes += a->token[k].length;
		} else {
			st->changes++;
			st->deleted_tokens += h->a_count;
			st->inserted_tokens += h->b_count;
		}
	}
}

int accord_diff_tokens(accord_diff **out, const char *a_text, const accord_token *a_tokens, size_t a_count,
	const char *b_text, const accord_token *b_tokens, size_t b_count, const accord_diff_options *opts,
	accord_error *err)
{
	static const accord_diff_options defaults = ACCORD_DIFF_OPTIONS_INIT;
	diff_side a, b;
	hunk_list list = {NULL, 0, 0};
	accord_diff *diff = NULL;
	int rc = 0, approximate = 0;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_diff_tokens: out is NULL");
	*out = NULL;
	if ((a_count > 0 && (a_text == NULL || a_tokens == NULL)) || (b_count > 0 && (b_text == NULL || b_tokens == NULL)))
		return accord_error_set(err, ACCORD_EINVAL, "accord_diff_tokens: tokens without their text");
	if (opts == NULL)
		opts = &defaults;
	if (opts->version != ACCORD_DIFF_OPTIONS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "accord_diff_tokens: unknown options version %u", opts->version);
	if (a_count > UINT32_MAX || b_count > UINT32_MAX)
		return accord_error_set(err, ACCORD_EINVAL, "accord_diff_tokens: too many tokens");

	a.text = a_text;
	a.token = a_tokens;
	a.count = a_count;
	b.text = b_text;
	b.token = b_tokens;
	b.count = b_count;
	diff = accord_calloc(1, sizeof(*diff));
	a.id = accord_malloc((a_count + 1) * sizeof(*a.id));
	b.id = accord_malloc((b_count + 1) * sizeof(*b.id));
	a.changed = accord_calloc(a_count + 1, 1);
	b.changed = accord_calloc(b_count + 1, 1);
	if (diff == NULL || a.id == NULL || b.id == NULL || a.changed == NULL || b.changed == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	if ((rc = mark_changes(&a, &b, opts, &approximate)) != 0)
		goto cleanup;
	/* The ids are no longer needed: free them before the hunks grow. */
	accord_free(a.id);
	accord_free(b.id);
	a.id = b.id = NULL;
	if ((rc = build_hunks(&list, &a, &b)) != 0)
		goto cleanup;
	if (!(opts->flags & ACCORD_DIFF_RAW) && (rc = clean_up(&list, &a, &b, opts)) != 0)
		goto cleanup;
	diff->hunks = list.items;
	diff->hunk_count = list.used;
	list.items = NULL;
	compute_stats(diff, &a, &b, approximate);
	*out = diff;
	diff = NULL;
cleanup:
	if (rc == ACCORD_ENOMEM)
		accord_error_set(err, rc, "out of memory while diffing %zu and %zu tokens", a_count, b_count);
	accord_free(list.items);
	accord_free(a.id);
	accord_free(b.id);
	accord_free(a.changed);
	accord_free(b.changed);
	accord_diff_free(diff);
	return rc;
}

int accord_diff_text(accord_diff **out, const char *a, size_t a_len, const char *b, size_t b_len,
	const accord_diff_options *opts, accord_error *err)
{
	accord_token *a_tokens = NULL, *b_tokens = NULL;
	size_t a_count = 0, b_count = 0;
	accord_diff *diff = NULL;
	int rc;

	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_diff_text: out is NULL");
	*out = NULL;
	if ((a == NULL && a_len > 0) || (b == NULL && b_len > 0))
		return accord_error_set(err, ACCORD_EINVAL, "accord_diff_text: NULL text with a length");
	if ((rc = accord_tokenize(&a_tokens, &a_count, a, a_len)) != 0 ||
	    (rc = accord_tokenize(&b_tokens, &b_count, b, b_len)) != 0) {
		accord_error_set(err, rc, rc == ACCORD_ENOMEM ? "out of memory while tokenizing" : "text too large to diff");
		goto cleanup;
	}
	if ((rc = accord_diff_tokens(&diff, a, a_tokens, a_count, b, b_tokens, b_count, opts, err)) != 0)
		goto cleanup;
	diff->a_tokens = a_tokens;
	diff->a_count = a_count;
	diff->b_tokens = b_tokens;
	diff->b_count = b_count;
	a_tokens = b_tokens = NULL;
	*out = diff;
cleanup:
	accord_free(a_tokens);
	accord_free(b_tokens);
	return rc;
}

void accord_diff_free(accord_diff *diff)
{
	if (diff == NULL)
		return;
	accord_free(diff->hunks);
	accord_free(diff->a_tokens);
	accord_free(diff->b_tokens);
	accord_free(diff);
}

const accord_diff_hunk *accord_diff_hunks(const accord_diff *diff, size_t *count)
{
	if (count != NULL)
		*count = diff != NULL ? diff->hunk_count : 0;
	return diff != NULL ? diff->hunks : NULL;
}

const accord_token *accord_diff_side_tokens(const accord_diff *diff, int side, size_t *count)
{
	if (count != NULL)
		*count = 0;
	if (diff == NULL || (side != 0 && side != 1))
		return NULL;
	if (count != NULL)
		*count = side == 0 ? diff->a_count : diff->b_count;
	return side == 0 ? diff->a_tokens : diff->b_tokens;
}

void accord_diff_get_stats(accord_diff_stats *stats, const accord_diff *diff)
{
	if (stats == NULL)
		return;
	if (diff == NULL) {
		memset(stats, 0, sizeof(*stats));
		return;
	}
	*stats = diff->stats;
}
