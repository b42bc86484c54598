/*
** align_sections.c: matching a contribution's sections with the base's, once
** their paragraphs are matched (align.c calls align_sections last).
**
** A pair of sections scores 1 for the same heading (0.5 for the same opening
** verb: "invites" / "invites Member States") plus the share of the smaller
** one's paragraphs they have in common. The in-order alignment is the
** heaviest chain of pairs scoring at least 0.5; a section out of that order
** that clearly is the same one (score at least 1) is a move.
**
** Texts with few sections are aligned by the full table (a weighted LCS over
** every pair). Past SECTION_DENSE_CELLS pairs, the table grew as the square of
** the sections (74 MB for a 15 MB text of 2,000 sections, issue 16): only the
** pairs that can score are scored then (those that share a paragraph, and
** for each contribution section the base sections nearest its place with the
** same opening word), and the chain is a weighted increasing subsequence over
** them (a Fenwick tree), linear in the paragraphs.
*/
#include <stdlib.h>
#include <string.h>

#include "amend/align_int.h"

#ifndef SECTION_DENSE_CELLS /* a build may set it, to compare the two ways (bench/README.md) */
#define SECTION_DENSE_CELLS 65536 /* largest table (base x contribution sections, +1 each) aligned in full */
#endif
#define HEADING_NEAR 4            /* same-word base sections tried each side of a section's place */

static int heading_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	while (*a || *b) {
		while (*a == ' ' || *a == '\t')
			a++;
		while (*b == ' ' || *b == '\t')
			b++;
		if ((*a | 0x20) != (*b | 0x20) && !(*a == '\0' && *b == '\0'))
			return 0;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		a++;
		b++;
	}
	return 1;
}

/* The length of the heading's opening word (up to a space), 0 for none. */
static size_t verb_length(const char *h)
{
	size_t i = 0;
	if (h == NULL)
		return 0;
	while (h[i] && h[i] != ' ')
		i++;
	return i;
}

/* 1 when the two headings open with the same word ("invites" / "invites Member States"). */
static int heading_same_verb(const char *a, const char *b)
{
	size_t i = 0;
	if (a == NULL || b == NULL)
		return 0;
	while (a[i] && b[i] && a[i] != ' ' && b[i] != ' ' && (a[i] | 0x20) == (b[i] | 0x20))
		i++;
	return i > 0 && (a[i] == '\0' || a[i] == ' ') && (b[i] == '\0' || b[i] == ' ');
}

/* The score of base section s with contribution section t sharing `shared` top-level paragraphs. */
static double pair_score(const aligner *al, size_t s, size_t t, double shared)
{
	const accord_section *bs = accord_doc_section(al->base.doc, s);
	const accord_section *cs = accord_doc_section(al->contrib.doc, t);
	size_t nb = accord_section_para_count(bs), nc = accord_section_para_count(cs);
	size_t smaller = nb < nc ? nb : nc;
	double score = 0.0;
	const char *hb = accord_section_heading(bs), *hc = accord_section_heading(cs);
	if (heading_equal(hb, hc))
		score += 1.0;
	else if (heading_same_verb(hb, hc))
		score += 0.5;
	if (smaller > 0)
		score += shared / (double)smaller;
	return score;
}

/* ---- the full table ------------------------------------------------------------------- */

static int match_dense(aligner *al, size_t ns, size_t nt)
{
	size_t i, j, w = nt + 1;
	double *shared = accord_calloc(ns * nt + 1, sizeof(double));
	double *dp = accord_calloc((ns + 1) * (nt + 1), sizeof(double));
	int rc = ACCORD_OK;

	if (shared == NULL || dp == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	for (j = 0; j < al->contrib.count; j++) {
		const para_info *t = &al->contrib.paras[j];
		if (t->match >= 0 && accord_para_depth(t->para) == 0)
			shared[al->base.paras[t->match].section * nt + t->section] += 1.0;
	}
	/* In-order alignment of sections (weighted LCS); a pair needs a score of 0.5. */
	for (i = 1; i <= ns; i++)
		for (j = 1; j <= nt; j++) {
			double sc = pair_score(al, i - 1, j - 1, shared[(i - 1) * nt + j - 1]);
			double best = dp[(i - 1) * w + j] > dp[i * w + j - 1] ? dp[(i - 1) * w + j] : dp[i * w + j - 1];
			if (sc >= 0.5 && dp[(i - 1) * w + j - 1] + sc > best)
				best = dp[(i - 1) * w + j - 1] + sc;
			dp[i * w + j] = best;
		}
	for (i = ns, j = nt; i > 0 && j > 0;) {
		double sc = pair_score(al, i - 1, j - 1, shared[(i - 1) * nt + j - 1]);
		if (sc >= 0.5 && dp[i * w + j] == dp[(i - 1) * w + j - 1] + sc) {
			al->section_match[j - 1] = (long)(i - 1);
			al->base_section_match[i - 1] = (long)(j - 1);
			al->section_in_chain[j - 1] = 1;
			i--;
			j--;
		} else if (dp[i * w + j] == dp[(i - 1) * w + j]) {
			i--;
		} else {
			j--;
		}
	}
	/* Out of order but clearly the same section: a move. */
	for (j = 0; j < nt; j++) {
		double best = 1.0;
		long best_s = -1;
		if (al->section_match[j] >= 0)
			continue;
		for (i = 0; i < ns; i++) {
			double sc;
			if (al->base_section_match[i] >= 0)
				continue;
			sc = pair_score(al, i, j, shared[i * nt + j]);
			if (sc >= best) {
				best = sc;
				best_s = (long)i;
			}
		}
		if (best_s >= 0) {
			al->section_match[j] = best_s;
			al->base_section_match[best_s] = (long)j;
		}
	}
cleanup:
	accord_free(shared);
	accord_free(dp);
	return rc;
}

/* ---- only the pairs that can score ------------------------------------------------------ */

typedef struct sec_pair {
	size_t s, t;
	double shared; /* top-level paragraphs in common */
	double score;
	long prev;     /* the pair before it in the heaviest chain ending here, -1 */
} sec_pair;

static int cmp_by_s_then_t(const void *a, const void *b)
{
	const sec_pair *x = a, *y = b;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

/* For the chain: s rising, and t falling within one s (so that a pair never follows one of its own s). */
static int cmp_for_chain(const void *a, const void *b)
{
	const sec_pair *x = a, *y = b;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return x->t > y->t ? -1 : x->t < y->t;
}

static int cmp_by_t_then_s(const void *a, const void *b)
{
	const sec_pair *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->s < y->s ? -1 : x->s > y->s;
}

/* Base sections ordered by their opening word (case-folded as heading_same_verb compares), then place. */
typedef struct verb_ref {
	const char *heading;
	size_t len, s;
} verb_ref;

static int cmp_verb(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i;
	for (i = 0; i < na && i < nb; i++) {
		int ca = a[i] | 0x20, cb = b[i] | 0x20;
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return na < nb ? -1 : na > nb;
}

static int cmp_verb_ref(const void *a, const void *b)
{
	const verb_ref *x = a, *y = b;
	int c = cmp_verb(x->heading, x->len, y->heading, y->len);
	if (c != 0)
		return c;
	return x->s < y->s ? -1 : x->s > y->s;
}

/* Adds the pairs of contribution section t with the same-word base sections nearest its place. */
static void add_heading_pairs(sec_pair *pairs, size_t *n, const verb_ref *refs, size_t n_refs, const char *heading,
	size_t t, size_t place)
{
	size_t len = verb_length(heading), lo = 0, hi = n_refs, first, last, at, k;
	if (len == 0)
		return;
	while (lo < hi) { /* the first ref of this word */
		size_t mid = (lo + hi) / 2;
		if (cmp_verb(refs[mid].heading, refs[mid].len, heading, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	hi = n_refs;
	while (lo < hi) { /* past its last */
		size_t mid = (lo + hi) / 2;
		if (cmp_verb(refs[mid].heading, refs[mid].len, heading, len) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	last = lo;
	at = first;
	while (at < last && refs[at].s < place)
		at++;
	for (k = at > first + HEADING_NEAR ? at - HEADING_NEAR : first; k < last && k < at + HEADING_NEAR; k++) {
		pairs[*n].s = refs[k].s;
		pairs[*n].t = t;
		pairs[*n].shared = 0.0;
		(*n)++;
	}
}

static int match_sparse(aligner *al, size_t ns, size_t nt)
{
	size_t cap = al->contrib.count + nt * 2 * HEADING_NEAR + 1, n = 0, m, i, j, n_refs = 0;
	sec_pair *pairs = accord_malloc(cap * sizeof(*pairs));
	verb_ref *refs = accord_malloc((ns + 1) * sizeof(*refs));
	double *tree = accord_malloc((nt + 1) * sizeof(double));
	long *tree_at = accord_malloc((nt + 1) * sizeof(long));
	double best_total = 0.0;
	long best_end = -1, k;
	int rc = ACCORD_OK;

	if (pairs == NULL || refs == NULL || tree == NULL || tree_at == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	/* 1. the pairs that share a paragraph, and the pairs of same-word headings near each other */
	for (j = 0; j < al->contrib.count; j++) {
		const para_info *t = &al->contrib.paras[j];
		if (t->match >= 0 && accord_para_depth(t->para) == 0) {
			pairs[n].s = al->base.paras[t->match].section;
			pairs[n].t = t->section;
			pairs[n].shared = 1.0;
			n++;
		}
	}
	for (i = 0; i < ns; i++) {
		const char *h = accord_section_heading(accord_doc_section(al->base.doc, i));
		size_t len = verb_length(h);
		if (len > 0) {
			refs[n_refs].heading = h;
			refs[n_refs].len = len;
			refs[n_refs].s = i;
			n_refs++;
		}
	}
	qsort(refs, n_refs, sizeof(*refs), cmp_verb_ref);
	for (j = 0; j < nt; j++)
		add_heading_pairs(pairs, &n, refs, n_refs, accord_section_heading(accord_doc_section(al->contrib.doc, j)), j,
			(size_t)((double)j * (double)ns / (double)nt));
	/* 2. one entry per pair, scored; those below 0.5 dropped */
	qsort(pairs, n, sizeof(*pairs), cmp_by_s_then_t);
	for (i = 0, m = 0; i < n; i++) {
		if (m > 0 && pairs[m - 1].s == pairs[i].s && pairs[m - 1].t == pairs[i].t)
			pairs[m - 1].shared += pairs[i].shared;
		else
			pairs[m++] = pairs[i];
	}
	for (i = 0, n = 0; i < m; i++) {
		pairs[i].score = pair_score(al, pairs[i].s, pairs[i].t, pairs[i].shared);
		if (pairs[i].score >= 0.5)
			pairs[n++] = pairs[i];
	}
	/* 3. the heaviest chain rising in both (a Fenwick tree of the best chain ending at or before each t) */
	qsort(pairs, n, sizeof(*pairs), cmp_for_chain);
	for (j = 0; j <= nt; j++) {
		tree[j] = 0.0;
		tree_at[j] = -1;
	}
	for (i = 0; i < n; i++) {
		double before = 0.0, total;
		long before_at = -1;
		size_t q;
		for (q = pairs[i].t; q > 0; q -= q & (~q + 1)) /* best over t' < t (tree index t' + 1) */
			if (tree[q] > before) {
				before = tree[q];
				before_at = tree_at[q];
			}
		total = before + pairs[i].score;
		pairs[i].prev = before_at;
		if (total > best_total) {
			best_total = total;
			best_end = (long)i;
		}
		for (q = pairs[i].t + 1; q <= nt; q += q & (~q + 1))
			if (total > tree[q]) {
				tree[q] = total;
				tree_at[q] = (long)i;
			}
	}
	for (k = best_end; k >= 0; k = pairs[k].prev) {
		al->section_match[pairs[k].t] = (long)pairs[k].s;
		al->base_section_match[pairs[k].s] = (long)pairs[k].t;
		al->section_in_chain[pairs[k].t] = 1;
	}
	/* 4. out of order but clearly the same section: a move (the full table's rule, over these pairs) */
	qsort(pairs, n, sizeof(*pairs), cmp_by_t_then_s);
	for (i = 0; i < n;) {
		size_t t = pairs[i].t;
		double best = 1.0;
		long best_s = -1;
		for (; i < n && pairs[i].t == t; i++)
			if (al->section_match[t] < 0 && al->base_section_match[pairs[i].s] < 0 && pairs[i].score >= best) {
				best = pairs[i].score;
				best_s = (long)pairs[i].s;
			}
		if (best_s >= 0) {
			al->section_match[t] = best_s;
			al->base_section_match[best_s] = (long)t;
		}
	}
cleanup:
	accord_free(pairs);
	accord_free(refs);
	accord_free(tree);
	accord_free(tree_at);
	return rc;
}

/*
** A section that moved carries its paragraphs along: those that keep their
** order inside it (a longest increasing run of their base positions) are
** in place relative to the section, not moves of their own.
*/
static int rechain_moved_sections(aligner *al, size_t nt)
{
	size_t *members = NULL, *tails = NULL, *first = NULL, *order = NULL, t, j;
	long *prev = NULL;
	int rc = ACCORD_OK;

	members = accord_malloc((al->contrib.count + 1) * sizeof(size_t));
	tails = accord_malloc((al->contrib.count + 1) * sizeof(size_t));
	prev = accord_malloc((al->contrib.count + 1) * sizeof(long));
	first = accord_calloc(nt + 2, sizeof(size_t));
	order = accord_malloc((al->contrib.count + 1) * sizeof(size_t));
	if (members == NULL || tails == NULL || prev == NULL || first == NULL || order == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	/* the paragraphs of each section, in document order (a counting sort) */
	for (j = 0; j < al->contrib.count; j++)
		first[al->contrib.paras[j].section + 1]++;
	for (t = 0; t < nt; t++)
		first[t + 1] += first[t];
	for (j = 0; j < al->contrib.count; j++)
		order[first[al->contrib.paras[j].section]++] = j;
	for (t = nt; t > 0; t--)
		first[t] = first[t - 1];
	first[0] = 0;
	for (t = 0; t < nt; t++) {
		size_t m = 0, n_tails = 0, k, o;
		long s = al->section_match[t];
		if (s < 0 || al->section_in_chain[t])
			continue;
		for (o = first[t]; o < first[t + 1]; o++) {
			para_info *c = &al->contrib.paras[order[o]];
			if (c->match >= 0 && al->base.paras[c->match].section == (size_t)s)
				members[m++] = order[o];
		}
		/* Patience sorting on the base positions. */
		for (k = 0; k < m; k++) {
			long base = al->contrib.paras[members[k]].match;
			size_t lo = 0, hi = n_tails;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				if (al->contrib.paras[members[tails[mid]]].match < base)
					lo = mid + 1;
				else
					hi = mid;
			}
			prev[k] = lo > 0 ? (long)tails[lo - 1] : -1;
			tails[lo] = k;
			if (lo == n_tails)
				n_tails++;
		}
		for (k = 0; k < m; k++)
			al->contrib.paras[members[k]].in_chain = 0;
		if (n_tails > 0) {
			long k2;
			for (k2 = (long)tails[n_tails - 1]; k2 >= 0; k2 = prev[k2])
				al->contrib.paras[members[k2]].in_chain = 1;
		}
	}
cleanup:
	accord_free(members);
	accord_free(tails);
	accord_free(prev);
	accord_free(first);
	accord_free(order);
	return rc;
}

int align_sections(aligner *al)
{
	size_t ns = accord_doc_section_count(al->base.doc), nt = accord_doc_section_count(al->contrib.doc), i;
	int rc;

	al->section_match = accord_malloc((nt + 1) * sizeof(long));
	al->section_in_chain = accord_calloc(nt + 1, sizeof(int));
	al->base_section_match = accord_malloc((ns + 1) * sizeof(long));
	al->section_target_id = accord_calloc(nt + 1, sizeof(char *));
	if (!al->section_match || !al->section_in_chain || !al->base_section_match || !al->section_target_id)
		return ACCORD_ENOMEM;
	for (i = 0; i < nt; i++)
		al->section_match[i] = -1;
	for (i = 0; i < ns; i++)
		al->base_section_match[i] = -1;
	if (ns > 0 && nt > 0) {
		rc = (ns + 1) * (nt + 1) <= SECTION_DENSE_CELLS ? match_dense(al, ns, nt) : match_sparse(al, ns, nt);
		if (rc != ACCORD_OK)
			return rc;
	}
	return rechain_moved_sections(al, nt);
}
