/*
** consolidate_cluster.c: the edits on one text (a paragraph, a heading, a
** field) grouped into clusters (step 4 of consolidate.c's outline): each
** edit checked against the text (re-anchored by its quoted words when it
** moved); edits whose base spans overlap, or insertions at one point, form
** a cluster; within it each amendment gives one option (the cluster's span
** as that amendment would have it); equal options merge (co-sponsors),
** options equal but for spacing, case and punctuation are flagged as
** near-duplicates, and a cluster of several options is a set of
** alternatives. An editorial edit (one that changes only spacing, case or
** punctuation: "that Internet" -> "thatInternet") never competes with
** another party's substantive proposal on the same words: it is narrowed
** to the tokens it really changes (the lost blank), and so becomes an
** editorial cluster of its own beside the proposal (issue 14).
*/
#include <stdlib.h>
#include <string.h>

#include "accord/text.h"
#include "compile/consolidate_tree_int.h"

static int edit_cmp(const void *x, const void *y)
{
	const edit_ref *a = *(const edit_ref *const *)x, *b = *(const edit_ref *const *)y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if ((a->count > 0) != (b->count > 0))
		return a->count > 0 ? 1 : -1; /* an insertion stands before a change starting at the same token */
	if (a->count != b->count)
		return a->count < b->count ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order ? 1 : 0;
}

/* Amendment input order first, then text order: each amendment's edits of a cluster in a row. */
static int edit_order_cmp(const void *x, const void *y)
{
	const edit_ref *a = *(const edit_ref *const *)x, *b = *(const edit_ref *const *)y;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return edit_cmp(x, y);
}

/* Checks (and if needed re-anchors by its quoted text) an edit against the tokens of text. */
static int verify_edit(builder *b, edit_ref *r, const char *text, const accord_token *toks, size_t ntok)
{
	size_t len = strlen(text), qlen = r->e->base_text ? strlen(r->e->base_text) : 0;
	size_t best = (size_t)-1, bestdist = (size_t)-1, i;
	uint32_t bestcount = 0;
	if ((size_t)r->start + r->count <= ntok) {
		size_t from = r->start < ntok ? toks[r->start].offset : len;
		size_t to = r->start + r->count < ntok ? toks[r->start + r->count].offset : len;
		if (r->e->base_text == NULL || (to - from == qlen && memcmp(text + from, r->e->base_text, qlen) == 0))
			return ACCORD_OK;
	}
	/* re-anchor: the quoted text at token boundaries, nearest to the old offset */
	if (qlen > 0) {
		for (i = 0; i < ntok; i++) {
			size_t off = toks[i].offset, k = i, end;
			if (off + qlen > len || memcmp(text + off, r->e->base_text, qlen) != 0)
				continue;
			end = off + qlen;
			while (k < ntok && toks[k].offset < end)
				k++;
			if ((k < ntok ? toks[k].offset : len) != end)
				continue;
			{
				size_t dist = i > r->start ? i - r->start : r->start - i;
				if (dist < bestdist) {
					bestdist = dist;
					best = i;
					bestcount = (uint32_t)(k - i);
				}
			}
		}
	}
	if (best == (size_t)-1)
		return accord_error_set(b->err, ACCORD_ECONFLICT,
			"amendment %s: \"%.60s\" is not in the paragraph it targets", r->a->id, r->e->base_text ? r->e->base_text : "");
	r->start = (uint32_t)best;
	r->count = bestcount;
	return ACCORD_OK;
}

/* The index of the token starting at byte off, searched from token from; ntok at the end; -1: none. */
static long token_at(const accord_token *toks, size_t ntok, size_t len, size_t from, size_t off)
{
	size_t i;
	if (off == len)
		return (long)ntok;
	for (i = from; i < ntok && toks[i].offset <= off; i++)
		if (toks[i].offset == off)
			return (long)i;
	return -1;
}

/* 1 when edits x and y (of one text) would fall into one cluster. */
static int spans_meet(const edit_ref *x, const edit_ref *y)
{
	if (x->count == 0 && y->count == 0)
		return x->start == y->start;
	if (x->count == 0)
		return x->start > y->start && x->start < y->start + y->count;
	if (y->count == 0)
		return y->start > x->start && y->start < x->start + x->count;
	return x->start < y->start + y->count && y->start < x->start + x->count;
}

/* 1 when edit r changes only spacing, case or punctuation of its span. */
static int edit_is_editorial(const edit_ref *r, const char *text, const accord_token *toks, size_t ntok, size_t len)
{
	size_t from = r->start < ntok ? toks[r->start].offset : len;
	size_t to = r->start + r->count < ntok ? toks[r->start + r->count].offset : len;
	const char *t = r->e->text ? r->e->text : "";
	return cmp_near_equal(text + from, to - from, t, strlen(t)) == 1;
}

/*
** Editorial edits that meet another party's substantive edit are narrowed
** to the tokens they change (their common beginning and end with the base,
** at token boundaries, left out), when that keeps them apart from every
** such edit: "that Internet" -> "thatInternet" becomes the deletion of the
** blank, beside an insertion before "Internet". Otherwise left as they are.
*/
static int narrow_editorial(builder *b, const char *text, const accord_token *toks, size_t ntok, ptrvec *edits)
{
	size_t len = strlen(text), i, j;
	for (i = 0; i < edits->n; i++) {
		edit_ref *r = edits->v[i], narrowed;
		const char *t = r->e->text ? r->e->text : "";
		size_t from, to, tl = strlen(t), p = 0, q = 0, bl;
		long i0 = -1, i1 = -1;
		int meets = 0, apart = 1;
		accord_edit *e;
		for (j = 0; j < edits->n && !meets; j++) {
			const edit_ref *o = edits->v[j];
			meets = o->a != r->a && spans_meet(r, o) && !edit_is_editorial(o, text, toks, ntok, len);
		}
		if (!meets || !edit_is_editorial(r, text, toks, ntok, len))
			continue;
		from = r->start < ntok ? toks[r->start].offset : len;
		to = r->start + r->count < ntok ? toks[r->start + r->count].offset : len;
		bl = to - from;
		while (p < bl && p < tl && text[from + p] == t[p])
			p++;
		for (; p > 0 && (i0 = token_at(toks, ntok, len, r->start, from + p)) < 0; p--)
			;
		if (p == 0)
			i0 = (long)r->start;
		while (q < bl - p && q < tl - p && text[to - 1 - q] == t[tl - 1 - q])
			q++;
		for (; q > 0 && (i1 = token_at(toks, ntok, len, (size_t)i0, to - q)) < 0; q--)
			;
		if (q == 0)
			i1 = (long)(r->start + r->count);
		if (i0 > i1 || (i0 == i1 && tl - p - q == 0))
			continue;
		narrowed = *r;
		narrowed.start = (uint32_t)i0;
		narrowed.count = (uint32_t)(i1 - i0);
		for (j = 0; j < edits->n && apart; j++) {
			const edit_ref *o = edits->v[j];
			if (o != r && spans_meet(&narrowed, o) && !(o->a == r->a))
				apart = 0;
		}
		if (!apart)
			continue;
		if ((e = accord_arena_alloc(b->a, sizeof(*e))) == NULL)
			return OOM(b);
		*e = *r->e;
		e->base_start = narrowed.start;
		e->base_count = narrowed.count;
		e->kind = narrowed.count == 0 ? ACCORD_EDIT_INSERT : tl - p - q == 0 ? ACCORD_EDIT_DELETE : ACCORD_EDIT_REPLACE;
		e->base_text = accord_arena_strndup(b->a, text + from + p, bl - p - q);
		e->text = accord_arena_strndup(b->a, t + p, tl - p - q);
		if (e->base_text == NULL || e->text == NULL)
			return OOM(b);
		r->e = e;
		r->start = narrowed.start;
		r->count = narrowed.count;
	}
	return ACCORD_OK;
}

int cmp_sponsors_view(builder *b, const ptrvec *v, const char *const **out, size_t *n)
{
	*out = NULL;
	*n = v->n;
	if (v->n == 0)
		return ACCORD_OK;
	*out = accord_arena_alloc(b->a, v->n * sizeof(char *));
	if (*out == NULL)
		return OOM(b);
	memcpy((void *)*out, v->v, v->n * sizeof(char *));
	return ACCORD_OK;
}

typedef struct wopt {
	const char *text;
	size_t len;
	const char *norm; /* words only, lower case: what near-duplicates share */
	size_t norm_len;
	ptrvec parties, ids;
	int near, editorial;
} wopt;

int cmp_build_clusters(builder *b, const char *text, ptrvec *edits, const accord_cmp_cluster **out, size_t *n_out)
{
	accord_token *toks = NULL;
	size_t ntok = 0, len = strlen(text), i, j, ncl = 0;
	edit_ref **sorted = NULL, **by_order = NULL;
	size_t g, g_end;
	accord_cmp_cluster *cl = NULL;
	accord_buf opt = ACCORD_BUF_INIT, norm = ACCORD_BUF_INIT;
	ptrvec opts = {NULL, 0, 0};
	int rc;

	*out = NULL;
	*n_out = 0;
	if (edits->n == 0)
		return ACCORD_OK;
	if ((rc = accord_tokenize(&toks, &ntok, text, len)) != ACCORD_OK) {
		rc = accord_error_set(b->err, rc, rc == ACCORD_ENOMEM ? "out of memory" : "bad text");
		goto cleanup;
	}
	sorted = accord_malloc(edits->n * sizeof(*sorted));
	by_order = accord_malloc(edits->n * sizeof(*by_order));
	cl = accord_arena_alloc(b->a, edits->n * sizeof(*cl));
	if (sorted == NULL || by_order == NULL || cl == NULL) {
		rc = OOM(b);
		goto cleanup;
	}
	for (i = 0; i < edits->n; i++) {
		sorted[i] = edits->v[i];
		if ((rc = verify_edit(b, sorted[i], text, toks, ntok)) != ACCORD_OK)
			goto cleanup;
	}
	if ((rc = narrow_editorial(b, text, toks, ntok, edits)) != ACCORD_OK)
		goto cleanup;
	qsort(sorted, edits->n, sizeof(*sorted), edit_cmp);

	for (i = 0; i < edits->n; i = j) {
		uint32_t cs = sorted[i]->start, ce = sorted[i]->start + sorted[i]->count;
		size_t bs, be, k, o, base_norm_len = 0;
		const char *base_norm = NULL;
		accord_cmp_cluster *C = &cl[ncl];
		accord_cmp_option *views;
		/* the cluster: every following edit that overlaps it */
		for (j = i + 1; j < edits->n; j++) {
			edit_ref *r = sorted[j];
			int overlap;
			if (ce == cs) /* an insertion point */
				overlap = r->count == 0 && r->start == cs;
			else if (r->count == 0)
				overlap = r->start > cs && r->start < ce;
			else
				overlap = r->start < ce;
			if (!overlap)
				break;
			if (r->start + r->count > ce)
				ce = r->start + r->count;
		}
		bs = cs < ntok ? toks[cs].offset : len;
		be = ce < ntok ? toks[ce].offset : len;
		memset(C, 0, sizeof(*C));
		C->base_start = cs;
		C->base_count = ce - cs;
		C->byte_start = bs;
		C->byte_len = be - bs;
		if ((C->base_text = accord_arena_strndup(b->a, text + bs, be - bs)) == NULL) {
			rc = OOM(b);
			goto cleanup;
		}
		/* one option per amendment, in input order: the cluster's edits by amendment, each
		   amendment's in text order (one sort, not a search per option) */
		opts.n = 0;
		base_norm = NULL;
		base_norm_len = 0;
		memcpy(by_order, sorted + i, (j - i) * sizeof(*by_order));
		qsort(by_order, j - i, sizeof(*by_order), edit_order_cmp);
		for (g = 0; g < j - i; g = g_end) {
			size_t pos = bs;
			const accord_amendment *am = by_order[g]->a;
			wopt *w = NULL;
			for (g_end = g; g_end < j - i && by_order[g_end]->a == am; g_end++)
				;
			accord_buf_clear(&opt);
			rc = ACCORD_OK;
			for (k = g; k < g_end && rc == ACCORD_OK; k++) {
				edit_ref *r = by_order[k];
				size_t es, ee;
				es = r->start < ntok ? toks[r->start].offset : len;
				ee = r->start + r->count < ntok ? toks[r->start + r->count].offset : len;
				if (es < pos) { /* overlapping edits of one amendment: not well formed */
					rc = accord_error_set(b->err, ACCORD_ECONFLICT, "amendment %s: overlapping edits", am->id);
					goto cleanup;
				}
				rc = accord_buf_put(&opt, text + pos, es - pos);
				if (rc == ACCORD_OK)
					rc = accord_buf_puts(&opt, r->e->text ? r->e->text : "");
				pos = ee;
			}
			if (rc == ACCORD_OK)
				rc = accord_buf_put(&opt, text + pos, be - pos);
			if (rc != ACCORD_OK) {
				rc = OOM(b);
				goto cleanup;
			}
			/* equal to an option already there: co-sponsor it */
			for (o = 0; o < opts.n; o++) {
				wopt *x = opts.v[o];
				if (x->len == opt.size && memcmp(x->text, opt.ptr ? opt.ptr : "", opt.size) == 0) {
					w = x;
					break;
				}
			}
			if (w == NULL) {
				w = accord_arena_alloc(b->a, sizeof(*w));
				if (w == NULL || cmp_vec_push(b->a, &opts, w) != ACCORD_OK) {
					rc = OOM(b);
					goto cleanup;
				}
				memset(w, 0, sizeof(*w));
				w->len = opt.size;
				w->text = accord_arena_strndup(b->a, opt.ptr ? opt.ptr : "", opt.size);
				if (w->text == NULL) {
					rc = OOM(b);
					goto cleanup;
				}
				if (cmp_normalize(&norm, w->text, w->len) != ACCORD_OK ||
				    (w->norm = accord_arena_strndup(b->a, norm.ptr, norm.size)) == NULL) {
					rc = OOM(b);
					goto cleanup;
				}
				w->norm_len = norm.size;
				for (o = 0; o + 1 < opts.n && !w->near; o++) {
					wopt *x = opts.v[o];
					if (x->norm_len == w->norm_len && memcmp(x->norm, w->norm, w->norm_len) == 0)
						w->near = (int)o + 1;
				}
				if (base_norm == NULL) {
					if (cmp_normalize(&norm, C->base_text, C->byte_len) != ACCORD_OK ||
					    (base_norm = accord_arena_strndup(b->a, norm.ptr, norm.size)) == NULL) {
						rc = OOM(b);
						goto cleanup;
					}
					base_norm_len = norm.size;
				}
				w->editorial = base_norm_len == w->norm_len && memcmp(base_norm, w->norm, w->norm_len) == 0;
			}
			if (cmp_add_sponsors(b->a, &w->parties, &w->ids, am) != ACCORD_OK) {
				rc = OOM(b);
				goto cleanup;
			}
		}
		views = accord_arena_alloc(b->a, opts.n * sizeof(*views));
		if (views == NULL) {
			rc = OOM(b);
			goto cleanup;
		}
		for (o = 0; o < opts.n; o++) {
			wopt *w = opts.v[o];
			accord_cmp_option *v = &views[o];
			memset(v, 0, sizeof(*v));
			v->text = w->text;
			v->near_duplicate_of = w->near;
			v->editorial = w->editorial;
			if (cmp_sponsors_view(b, &w->parties, &v->parties, &v->n_parties) != ACCORD_OK ||
			    cmp_sponsors_view(b, &w->ids, &v->amendments, &v->n_amendments) != ACCORD_OK) {
				rc = OOM(b);
				goto cleanup;
			}
		}
		C->options = views;
		C->n_options = opts.n;
		if (opts.n > 1)
			C->kind = ACCORD_CLUSTER_ALTERNATIVES;
		else if (C->base_count == 0)
			C->kind = ACCORD_CLUSTER_INSERT;
		else if (views[0].text[0] == '\0')
			C->kind = ACCORD_CLUSTER_DELETE;
		else
			C->kind = ACCORD_CLUSTER_REPLACE;
		ncl++;
	}
	*out = cl;
	*n_out = ncl;
	rc = ACCORD_OK;
cleanup:
	accord_buf_dispose(&opt);
	accord_buf_dispose(&norm);
	accord_free(by_order);
	accord_free(sorted);
	accord_free(toks);
	return rc;
}
