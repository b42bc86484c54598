/*
** worddiff_myers.c: Myers in linear space with a cost bound, on one gap
** between anchors (after xdiff's xdl_split). The gap's tokens are interned
** to ids first; tokens found on one side only are changed at once, the
** search runs on the others and marks what is not in the common
** subsequence. Called by worddiff.c's walk over the regions.
*/
#include <limits.h>
#include <string.h>

#include "text/worddiff_int.h"

/* xdiff's constants: a snake this long is "good"; the heuristic starts after this cost. */
#define SNAKE_COUNT 20
#define HEURISTIC_MIN_COST 256
#define HEURISTIC_FACTOR 4
#define MIN_MAX_COST 256

/* Where the middle snake (or the cut-off) splits a box. */
typedef struct myers_split {
	long i1, i2;        /* the split point */
	int min_lo, min_hi; /* whether each half must be searched exactly */
} myers_split;

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

/* Whether a[0..n) and b[0..n) are the same: inline for the short words most tokens are, where a
   call to memcmp cost more than the comparison (issue 16). */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
	size_t i;
	if (n > 16)
		return memcmp(a, b, n) == 0;
	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
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
			if (e->length == token->length && same_bytes(e->bytes, bytes, token->length)) {
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

int worddiff_intern_init(intern_table *table)
{
	memset(table, 0, sizeof(*table));
	table->capacity = 64;
	table->entries = accord_malloc(table->capacity * sizeof(*table->entries));
	if (table->entries == NULL)
		return ACCORD_ENOMEM;
	return intern_grow_slots(table, 256);
}

void worddiff_intern_dispose(intern_table *table)
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
int worddiff_diff_gap(myers_work *work, diff_side *a, size_t a_lo, size_t a_hi, diff_side *b, size_t b_lo,
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

void worddiff_work_dispose(myers_work *work)
{
	accord_free(work->h1);
	accord_free(work->h2);
	accord_free(work->index1);
	accord_free(work->index2);
	accord_free(work->kv);
	accord_free(work->seen1);
	accord_free(work->seen2);
	accord_free(work->stack);
}
