/*
** worddiff.c: the token diff's entry points (accord_diff_tokens,
** accord_diff_text) and the walk that marks the changed tokens: large
** regions are cut at anchors (worddiff_anchor.c), the gaps go to Myers
** (worddiff_myers.c); the marks then become hunks, cleaned up by
** worddiff_cleanup.c.
*/
#include <string.h>

#include "text/worddiff_int.h"

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

struct accord_diff {
	accord_diff_hunk *hunks; /* the script */
	size_t hunk_count;       /* hunks used */
	accord_token *a_tokens;  /* owned tokens of A (accord_diff_text only) */
	size_t a_count;          /* tokens in a_tokens */
	accord_token *b_tokens;  /* owned tokens of B (accord_diff_text only) */
	size_t b_count;          /* tokens in b_tokens */
	accord_diff_stats stats; /* counts, filled at the end */
};

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
		if ((rc = worddiff_find_anchors(&anchors, &anchor_count, a, a_lo, a_hi, b, b_lo, b_hi, bits)) != 0)
			return rc;
	}
	if (anchor_count == 0) {
		accord_free(anchors);
		return worddiff_diff_gap(work, a, a_lo, a_hi, b, b_lo, b_hi);
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
	if ((rc = worddiff_intern_init(&table)) != 0)
		goto cleanup;
	work.table = &table;
	work.max_cost = opts->max_cost;
	work.minimal = (opts->flags & ACCORD_DIFF_MINIMAL) != 0;
	work.anchoring = !(opts->flags & ACCORD_DIFF_NO_ANCHORS);
	if ((rc = align_region(&work, a, 0, a->count, b, 0, b->count, 0)) != 0)
		goto cleanup;
	*approximate = work.approximate;
cleanup:
	worddiff_work_dispose(&work);
	worddiff_intern_dispose(&table);
	return rc;
}

/* ---- the hunk list ------------------------------------------------------ */

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
	if (!(opts->flags & ACCORD_DIFF_RAW) && (rc = worddiff_clean_up(&list, &a, &b, opts)) != 0)
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
