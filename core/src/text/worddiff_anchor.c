/*
** worddiff_anchor.c: anchors for the token diff of large regions: k-grams
** (ANCHOR_K tokens from a word start, sampled by their hash) that occur
** exactly once on each side, the longest chain of them in order on both
** sides, verified token by token. worddiff.c cuts a region at them and
** diffs the gaps.
*/
#include "text/worddiff_int.h"

/* Tokens in an anchor k-gram; it starts at a word. */
#define ANCHOR_K 8

/* A k-gram seen while anchoring. */
typedef struct gram_slot {
	uint32_t check;    /* the high half of the k-gram hash; 0 with count_a 0: empty */
	uint32_t pos_a;    /* where it starts in A */
	uint32_t pos_b;    /* where it starts in B */
	uint16_t count_a;  /* occurrences in A (saturates at 2) */
	uint16_t count_b;  /* occurrences in B (saturates at 2) */
} gram_slot;

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
int worddiff_find_anchors(anchor **out, size_t *count, const diff_side *a, size_t a_lo, size_t a_hi,
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
