/*
** align_edits.c: the word edits between a base paragraph and the
** contribution's text of it: both tokenized into units (a word or mark with
** its spaces), diffed (text/worddiff.c), the changes tidied as a person
** would mark them and given their context (accord_edit). The aligner uses
** them to pair paragraphs on the diagonal; the emitter puts them in MODs.
** Here too: the sorted hash sets both use (a paragraph's bag of words, its
** fingerprint), sorted and compared by align_sort_u32 and align_shared_count.
*/
#include <string.h>

#include "accord/diff.h"
#include "accord/text.h"
#include "amend/align_int.h"

#define CONTEXT_TOKENS 4      /* tokens of context kept on each side of an edit */

/* The bytes of n tokens starting at token i, into *span (empty at 0 when n is 0). */
static void span_of(align_span *span, const accord_token *tokens, size_t count, size_t i, size_t n)
{
	size_t end;
	span->from = span->len = 0;
	if (n == 0 || i >= count)
		return;
	span->from = tokens[i].offset;
	end = i + n < count ? tokens[i + n].offset : tokens[count - 1].offset + tokens[count - 1].length;
	span->len = (uint32_t)(end - span->from);
}

/* Copies the len bytes of text at from to *at, with a NUL; returns the copy and moves *at past it. */
static const char *span_copy(char **at, const char *text, uint32_t from, uint32_t len)
{
	char *s = *at;
	memcpy(s, text + from, len);
	s[len] = '\0';
	*at = s + len + 1;
	return s;
}

/* Skips the blanks at s[*i]. */
static void skip_blanks(const char *s, size_t len, size_t *i)
{
	size_t k = *i;
	while (k < len && accord_codepoint_is_space(accord_utf8_next(s, len, &k)))
		*i = k;
}

/* 1 when a and b are the same once every blank is taken out: a change of spacing alone ("that the" -> "thatthe"). */
static int same_but_spacing(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i = 0, j = 0;
	for (;;) {
		skip_blanks(a, la, &i);
		skip_blanks(b, lb, &j);
		if (i == la || j == lb)
			return i == la && j == lb;
		if (a[i++] != b[j++])
			return 0;
	}
}

void align_free_edits(accord_edit *edits, size_t n)
{
	(void)n; /* the edits and their texts are one block (align_edits_of_refs) */
	accord_free(edits);
}

/*
** Units for the word diff: each word or mark, with the spaces after it
** (spaces at the very start are a unit of their own). A unit is compared
** by its word or mark alone, so the search runs over half the tokens and a
** changed spacing does not hide an equal word; spacing differences inside
** equal stretches become edits of their own afterwards. first[u] is the
** first token of unit u (first[n] = count).
*/
static int make_units(accord_token **units_out, size_t **first_out, size_t *n_out, const accord_token *tokens,
	size_t count)
{
	accord_token *units = accord_malloc((count + 1) * sizeof(*units));
	size_t *first = accord_malloc((count + 2) * sizeof(*first));
	size_t i = 0, n = 0;
	if (units == NULL || first == NULL) {
		accord_free(units);
		accord_free(first);
		return ACCORD_ENOMEM;
	}
	while (i < count) {
		size_t start = i++;
		if (tokens[start].kind != ACCORD_TOKEN_SPACE)
			while (i < count && tokens[i].kind == ACCORD_TOKEN_SPACE)
				i++;
		units[n] = tokens[start];
		first[n++] = start;
	}
	first[n] = count;
	*units_out = units;
	*first_out = first;
	*n_out = n;
	return ACCORD_OK;
}

static int same_token(const char *a_text, const accord_token *a, const char *b_text, const accord_token *b)
{
	return a->length == b->length && memcmp(a_text + a->offset, b_text + b->offset, a->length) == 0;
}

/* Byte span of tokens [i, j) of text (empty when i == j). */
static void token_bytes(const accord_token *tokens, size_t count, size_t text_len, size_t i, size_t j, size_t *start,
	size_t *len)
{
	size_t end = j < count ? tokens[j].offset : text_len;
	*start = i < count ? tokens[i].offset : text_len;
	*len = end - *start;
}

/* An edit while it is being built: base tokens [a0, a1) become text tokens [b0, b1). */
typedef struct token_edit {
	size_t a0, a1, b0, b1;
} token_edit;

/* 1 when the base tokens [from, to) are only spaces, or one word and spaces. */
static int absorbable_gap(const accord_token *bt, size_t from, size_t to)
{
	size_t words = 0, k;
	for (k = from; k < to; k++) {
		if (bt[k].kind == ACCORD_TOKEN_WORD)
			words++;
		else if (bt[k].kind != ACCORD_TOKEN_SPACE)
			return 0;
	}
	return words <= 1;
}

/* 1 when tokens [from, to) are all spaces (or there are none). */
static int spaces_only(const accord_token *t, size_t from, size_t to)
{
	size_t k;
	for (k = from; k < to; k++)
		if (t[k].kind != ACCORD_TOKEN_SPACE)
			return 0;
	return 1;
}

/* 1 when the base tokens [from, to) are one punctuation mark, with spaces at most. */
static int one_mark(const accord_token *bt, size_t from, size_t to)
{
	size_t marks = 0, k;
	for (k = from; k < to; k++) {
		if (bt[k].kind == ACCORD_TOKEN_WORD)
			return 0;
		marks += bt[k].kind == ACCORD_TOKEN_PUNCT;
	}
	return marks == 1;
}

/*
** Tidies the raw edits as a person would mark them: edits that touch, or
** that only spaces or one word separate, become one (so do an edit of
** spacing alone and its neighbour across one punctuation mark); tokens equal on both
** sides at the edges of an edit are left out of it. Returns the new count.
*/
static size_t tidy_edits(token_edit *e, size_t n, const char *base, const accord_token *bt, const char *text,
	const accord_token *tt)
{
	size_t i, w = 0;
	for (i = 0; i < n; i++) {
		int spacing = w > 0 && (spaces_only(bt, e[w - 1].a0, e[w - 1].a1) && spaces_only(tt, e[w - 1].b0, e[w - 1].b1));
		spacing = spacing || (spaces_only(bt, e[i].a0, e[i].a1) && spaces_only(tt, e[i].b0, e[i].b1));
		if (w > 0 && (absorbable_gap(bt, e[w - 1].a1, e[i].a0) || (spacing && one_mark(bt, e[w - 1].a1, e[i].a0)))) {
			e[w - 1].a1 = e[i].a1;
			e[w - 1].b1 = e[i].b1;
		} else {
			e[w++] = e[i];
		}
	}
	n = w;
	for (i = 0, w = 0; i < n; i++) {
		token_edit t = e[i];
		while (t.a1 > t.a0 && t.b1 > t.b0 && same_token(base, &bt[t.a1 - 1], text, &tt[t.b1 - 1])) {
			t.a1--;
			t.b1--;
		}
		while (t.a1 > t.a0 && t.b1 > t.b0 && same_token(base, &bt[t.a0], text, &tt[t.b0])) {
			t.a0++;
			t.b0++;
		}
		if (t.a0 != t.a1 || t.b0 != t.b1)
			e[w++] = t;
	}
	return w;
}

/* Tokenizes text into t once: tokens, units, and the bag of hashes for the bound. */
int align_tokens_make(align_tokens *t, const char *text)
{
	size_t k;
	int rc;
	memset(t, 0, sizeof(*t));
	if ((rc = accord_tokenize(&t->tokens, &t->count, text, strlen(text))) != ACCORD_OK ||
	    (rc = make_units(&t->units, &t->first, &t->n_units, t->tokens, t->count)) != ACCORD_OK)
		goto fail;
	for (k = 0; k < t->count; k++)
		t->words += t->tokens[k].kind == ACCORD_TOKEN_WORD;
	t->made = 1;
	return ACCORD_OK;
fail:
	align_tokens_free(t);
	return rc;
}

void align_tokens_free(align_tokens *t)
{
	accord_free(t->tokens);
	accord_free(t->units);
	accord_free(t->first);
	accord_free(t->bag);
	memset(t, 0, sizeof(*t));
}

/*
** Sorts n records of size bytes (4 or 8) by the uint32_t each starts with,
** with an LSD radix sort, byte by byte (tmp holds n more); stable. The four
** counts are made in one pass, and a byte that is the same in every key
** costs no pass: most calls sort a paragraph's hundred or so hashes, where
** the counting, not the moving, is the cost. Inlined for each size.
*/
static inline void radix_sort(void *v, void *tmp, size_t n, size_t size)
{
	uint32_t count[4][256];
	size_t i;
	unsigned b;
	unsigned char *from = v, *to = tmp;
	if (n < 2)
		return;
	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++) {
		uint32_t x;
		memcpy(&x, from + i * size, sizeof(x));
		count[0][x & 0xFF]++;
		count[1][(x >> 8) & 0xFF]++;
		count[2][(x >> 16) & 0xFF]++;
		count[3][x >> 24]++;
	}
	for (b = 0; b < 4; b++) {
		uint32_t sum = 0, *c = count[b], first;
		unsigned shift = b * 8;
		memcpy(&first, from, sizeof(first));
		if (c[(first >> shift) & 0xFF] == n)
			continue; /* one bucket: the order stays */
		for (i = 0; i < 256; i++) {
			uint32_t k = c[i];
			c[i] = sum;
			sum += k;
		}
		for (i = 0; i < n; i++) {
			uint32_t x;
			memcpy(&x, from + i * size, sizeof(x));
			memcpy(to + (size_t)c[(x >> shift) & 0xFF]++ * size, from + i * size, size);
		}
		{
			unsigned char *t = from;
			from = to;
			to = t;
		}
	}
	if (from != (unsigned char *)v)
		memcpy(v, from, n * size);
}

void align_sort_u32(uint32_t *v, uint32_t *tmp, size_t n)
{
	radix_sort(v, tmp, n, sizeof(uint32_t));
}

void align_sort_by_key32(void *v, void *tmp, size_t n)
{
	radix_sort(v, tmp, n, 2 * sizeof(uint32_t));
}

/* How many values two sorted arrays share (counted with their repeats), at most cap. */
size_t align_shared_count(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, size_t cap)
{
	size_t i = 0, j = 0, shared = 0;
	/* Without branches on the values: which side moves is as good as random, and a mispredicted
	   branch a step made this 15 % of a re-flowed diff's time (issue 16). */
	while (i < na && j < nb && shared < cap) {
		uint32_t x = a[i], y = b[j];
		shared += x == y;
		i += x <= y;
		j += y <= x;
	}
	return shared;
}

/* Makes t's bag (the hashes of its tokens other than spaces, sorted) the first time it is needed. */
static int make_bag(align_tokens *t)
{
	size_t k, n = 0;
	if (t->bag != NULL)
		return ACCORD_OK;
	t->bag = accord_malloc((2 * t->count + 1) * sizeof(uint32_t)); /* the second half: sorting room */
	if (t->bag == NULL)
		return ACCORD_ENOMEM;
	for (k = 0; k < t->count; k++)
		if (t->tokens[k].kind != ACCORD_TOKEN_SPACE)
			t->bag[n++] = t->tokens[k].hash;
	align_sort_u32(t->bag, t->bag + t->count, n);
	t->n_bag = n;
	return ACCORD_OK;
}

/*
** An upper bound of the word similarity align_tokens_diff would find: every
** pair of equal words the diff keeps is a pair of equal hashes in the two
** bags, so the equal words are at most the bags' common hashes (and at most
** the smaller side's words).
*/
int align_tokens_bound(double *out, align_tokens *a, align_tokens *b)
{
	size_t cap = a->words < b->words ? a->words : b->words;
	*out = 1.0;
	if (make_bag(a) != ACCORD_OK || make_bag(b) != ACCORD_OK)
		return ACCORD_ENOMEM;
	if (a->words + b->words == 0)
		return ACCORD_OK;
	*out = 2.0 * (double)align_shared_count(a->bag, a->n_bag, b->bag, b->n_bag, cap) / (double)(a->words + b->words);
	return ACCORD_OK;
}

/* Builds the span edits turning base text into new text (word diff); *similarity_out from equal words. */
int align_text_edits(accord_edit **out, size_t *n_out, int *spacing_only, double *similarity_out, const char *base,
	const char *text)
{
	align_tokens bt, tt;
	align_edit_ref *refs = NULL;
	size_t n = 0;
	int rc;
	memset(&tt, 0, sizeof(tt));
	*out = NULL;
	*n_out = 0;
	*spacing_only = 1;
	if ((rc = align_tokens_make(&bt, base)) == ACCORD_OK && (rc = align_tokens_make(&tt, text)) == ACCORD_OK &&
	    (rc = align_tokens_diff(&refs, &n, spacing_only, similarity_out, base, &bt, text, &tt)) == ACCORD_OK &&
	    (rc = align_edits_of_refs(out, refs, n, base, text)) == ACCORD_OK)
		*n_out = n;
	accord_free(refs);
	align_tokens_free(&bt);
	align_tokens_free(&tt);
	return rc;
}

int align_tokens_diff(align_edit_ref **out, size_t *n_out, int *spacing_only, double *similarity_out, const char *base,
	const align_tokens *btok, const char *text, const align_tokens *ttok)
{
	const accord_token *bt = btok->tokens, *tt = ttok->tokens, *bu = btok->units, *tu = ttok->units;
	const size_t nb = btok->count, nt = ttok->count, nbu = btok->n_units, ntu = ttok->n_units;
	const size_t *bfirst = btok->first, *tfirst = ttok->first;
	size_t h, n_hunks = 0, k, n_raw = 0;
	size_t base_len = strlen(base), text_len = strlen(text);
	const accord_diff_hunk *hunks;
	accord_diff *diff = NULL;
	token_edit *raw = NULL;
	align_edit_ref *refs = NULL;
	size_t equal_words = 0, n = 0;
	int rc;

	*out = NULL;
	*n_out = 0;
	*spacing_only = 1;
	if ((rc = accord_diff_tokens(&diff, base, bu, nbu, text, tu, ntu, NULL, NULL)) != ACCORD_OK)
		goto cleanup;
	hunks = accord_diff_hunks(diff, &n_hunks);
	/* At most one edit per changed hunk plus one per unit of the equal ones. */
	raw = accord_malloc((n_hunks + nbu + 1) * sizeof(*raw));
	if (raw == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	for (h = 0; h < n_hunks; h++) {
		const accord_diff_hunk *hk = &hunks[h];
		if (hk->op != ACCORD_DIFF_EQUAL) {
			raw[n_raw].a0 = bfirst[hk->a_start];
			raw[n_raw].a1 = bfirst[hk->a_start + hk->a_count];
			raw[n_raw].b0 = tfirst[hk->b_start];
			raw[n_raw].b1 = tfirst[hk->b_start + hk->b_count];
			n_raw++;
			continue;
		}
		/* Equal words; the spaces after them may still differ. */
		for (k = 0; k < hk->a_count; k++) {
			size_t ua = hk->a_start + k, ub = hk->b_start + k, sa, la, sb, lb;
			size_t ta0 = bfirst[ua] + 1, ta1 = bfirst[ua + 1], tb0 = tfirst[ub] + 1, tb1 = tfirst[ub + 1];
			equal_words += bt[bfirst[ua]].kind == ACCORD_TOKEN_WORD;
			if (bt[bfirst[ua]].kind == ACCORD_TOKEN_SPACE) {
				ta0--; /* a unit of spaces only: compare all of it */
				tb0--;
			}
			token_bytes(bt, nb, base_len, ta0, ta1, &sa, &la);
			token_bytes(tt, nt, text_len, tb0, tb1, &sb, &lb);
			if (la != lb || memcmp(base + sa, text + sb, la) != 0) {
				raw[n_raw].a0 = ta0;
				raw[n_raw].a1 = ta1;
				raw[n_raw].b0 = tb0;
				raw[n_raw].b1 = tb1;
				n_raw++;
			}
		}
	}
	n_raw = tidy_edits(raw, n_raw, base, bt, text, tt);
	/* The edits as byte ranges: their texts are copied only for the ones emitted (issue 16: a
	   long text's edits held while aligning took more memory than the text). */
	if ((refs = accord_malloc((n_raw + 1) * sizeof(*refs))) == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	for (k = 0; k < n_raw; k++) {
		const token_edit *t = &raw[k];
		align_edit_ref *e = &refs[n++];
		size_t before_start = t->a0 > CONTEXT_TOKENS ? t->a0 - CONTEXT_TOKENS : 0;
		size_t after_count = nb - t->a1 < CONTEXT_TOKENS ? nb - t->a1 : CONTEXT_TOKENS;
		e->kind = t->a0 == t->a1 ? ACCORD_EDIT_INSERT : t->b0 == t->b1 ? ACCORD_EDIT_DELETE : ACCORD_EDIT_REPLACE;
		e->base_start = (uint32_t)t->a0;
		e->base_count = (uint32_t)(t->a1 - t->a0);
		span_of(&e->span[ALIGN_SPAN_BASE], bt, nb, t->a0, t->a1 - t->a0);
		span_of(&e->span[ALIGN_SPAN_TEXT], tt, nt, t->b0, t->b1 - t->b0);
		span_of(&e->span[ALIGN_SPAN_BEFORE], bt, nb, before_start, t->a0 - before_start);
		span_of(&e->span[ALIGN_SPAN_AFTER], bt, nb, t->a1, after_count);
		if (!same_but_spacing(base + e->span[ALIGN_SPAN_BASE].from, e->span[ALIGN_SPAN_BASE].len,
			    text + e->span[ALIGN_SPAN_TEXT].from, e->span[ALIGN_SPAN_TEXT].len))
			*spacing_only = 0;
	}
	if (similarity_out != NULL) {
		/* Words only: spaces and common punctuation align between any two texts. */
		size_t words = btok->words + ttok->words;
		*similarity_out = words ? 2.0 * (double)equal_words / (double)words : (strcmp(base, text) == 0 ? 1.0 : 0.0);
	}
	*out = refs;
	*n_out = n;
	refs = NULL;
	rc = ACCORD_OK;
cleanup:
	accord_free(refs);
	accord_free(raw);
	accord_diff_free(diff);
	return rc;
}

int align_edits_of_refs(accord_edit **out, const align_edit_ref *refs, size_t n, const char *base, const char *text)
{
	/* The edits and their four texts in one block: a diff of a long text has thousands of them, and
	   a block each cost more in the allocator's headers than the texts themselves (issue 16). */
	size_t bytes = (n + 1) * sizeof(accord_edit), k;
	accord_edit *edits;
	char *strings;
	*out = NULL;
	for (k = 0; k < n; k++)
		bytes += (size_t)refs[k].span[0].len + refs[k].span[1].len + refs[k].span[2].len + refs[k].span[3].len + 4;
	if ((edits = accord_malloc(bytes)) == NULL)
		return ACCORD_ENOMEM;
	memset(edits, 0, (n + 1) * sizeof(*edits));
	strings = (char *)(edits + n + 1);
	for (k = 0; k < n; k++) {
		const align_edit_ref *r = &refs[k];
		accord_edit *e = &edits[k];
		e->kind = (accord_edit_kind)r->kind;
		e->base_start = r->base_start;
		e->base_count = r->base_count;
		e->base_text = span_copy(&strings, base, r->span[ALIGN_SPAN_BASE].from, r->span[ALIGN_SPAN_BASE].len);
		e->text = span_copy(&strings, text, r->span[ALIGN_SPAN_TEXT].from, r->span[ALIGN_SPAN_TEXT].len);
		e->before = span_copy(&strings, base, r->span[ALIGN_SPAN_BEFORE].from, r->span[ALIGN_SPAN_BEFORE].len);
		e->after = span_copy(&strings, base, r->span[ALIGN_SPAN_AFTER].from, r->span[ALIGN_SPAN_AFTER].len);
	}
	*out = edits;
	return ACCORD_OK;
}
