/*
** align.c: aligning a contribution with its base by content (matching);
** align_emit.c turns the alignment into amendments (accord_doc_diff).
**
** 1. Every paragraph gets a fingerprint: the set of hashes of its word pairs
**    (case-folded). Similarity is the Dice coefficient of two fingerprints.
** 2. Candidates: base paragraphs that share a rare word pair with a
**    contribution paragraph (an inverted index; pairs found in very many
**    paragraphs are skipped for lookup but still count for similarity).
** 3. The in-order alignment is the heaviest chain of candidates increasing
**    in both documents (weighted LIS with a Fenwick tree: O(K log N)).
** 4. Out-of-order candidates above the move threshold become moves; in each
**    gap between chain anchors the leftovers are paired by position when
**    they are still alike (a small DP).
** 5. Sections are matched by heading and by the paragraphs they share
**    (align_sections.c).
** The matching works on the document model (model/), so it lives here with
** the amendments rather than in text/, below the model.
*/
#include <stdlib.h>
#include <string.h>

#include "accord/text.h"
#include "amend/align_int.h"

#define MAX_CANDIDATES 8      /* candidates kept per contribution paragraph */
#define COMMON_POSTINGS 64    /* a word pair in more paragraphs than this is not used for lookup */
#define SKETCH 16             /* pair hashes per paragraph in the lookup index (bottom-k sketch) */
#define DIAGONAL_SIMILARITY 0.5 /* the next base paragraph is taken as is when this alike */
#define DIAGONAL_SURE 0.8     /* a diagonal match this alike is not looked up elsewhere */
#define DIAGONAL_LOOKAHEAD 3  /* base paragraphs tried on the diagonal (steps over deletions) */
#define PREDICTED_RUN 8       /* failures in a row after which the predicted place is no longer tried */

#define GAP_DP_LIMIT 4096     /* largest gap (base x contribution paragraphs) paired by DP */
#define GAP_MIN_SIMILARITY 0.15

/* ---- fingerprints ----------------------------------------------------------- */

static uint32_t fold_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 16777619u;
	}
	return h;
}

/*
** Byte classes for the fingerprint scan: 0 ends a word; otherwise the
** case-folded byte. ASCII letters, digits and apostrophes are word bytes,
** and so is every non-ASCII byte (the fingerprint only needs to be the same
** for the same text, not to agree with the tokenizer).
*/
static unsigned char word_fold[256];

static void init_word_fold(void)
{
	int c;
	if (word_fold['a'])
		return;
	for (c = 0; c < 256; c++) {
		unsigned char v = 0;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '\'')
			v = (unsigned char)c;
		else if (c >= 'A' && c <= 'Z')
			v = (unsigned char)(c - 'A' + 'a');
		word_fold[c] = v;
	}
}

/* The fingerprint: hashes of consecutive word pairs, sorted and unique, kept in the aligner's arena. */
static int fingerprint(para_info *info, accord_arena *arena, uint32_t **scratch, size_t *scratch_cap)
{
	const unsigned char *text = (const unsigned char *)accord_para_text(info->para);
	size_t len = strlen((const char *)text), i = 0, n_words = 0, n = 0, w;
	uint32_t *words, *set;

	if (len + 4 > *scratch_cap) {
		size_t want = len + 64;
		uint32_t *grown = accord_realloc(*scratch, want * sizeof(uint32_t));
		if (grown == NULL)
			return ACCORD_ENOMEM;
		*scratch = grown;
		*scratch_cap = want;
	}
	words = *scratch;
	while (i < len) {
		uint32_t h = 5381u;
		unsigned char c;
		while (i < len && word_fold[text[i]] == 0)
			i++;
		if (i == len)
			break;
		while (i < len && (c = word_fold[text[i]]) != 0) {
			h = h * 33u + c;
			i++;
		}
		words[n_words++] = h * 0x9E3779B1u;
	}
	set = accord_arena_alloc(arena, (n_words + 1) * sizeof(uint32_t));
	if (set == NULL)
		return ACCORD_ENOMEM;
	if (n_words >= 2) {
		for (i = 0; i + 1 < n_words; i++)
			set[n++] = (words[i] ^ (words[i + 1] >> 7)) * 0x85EBCA6Bu + words[i + 1];
	} else if (n_words == 1) {
		set[n++] = words[0];
	} else if (len > 0) {
		set[n++] = fold_hash((const char *)text, len) ^ 0x5bd1e995u; /* punctuation only, such as ";" */
	}
	align_sort_u32(set, words + len / 2 + 2, n);
	for (i = 0, w = 0; i < n; i++)
		if (w == 0 || set[w - 1] != set[i])
			set[w++] = set[i];
	info->shingles = set;
	info->n_shingles = w;
	info->fingerprinted = 1;
	return ACCORD_OK;
}

/* How many hashes two sorted fingerprints share. */
static size_t shared_count(const para_info *a, const para_info *b)
{
	return align_shared_count(a->shingles, a->n_shingles, b->shingles, b->n_shingles, (size_t)-1);
}

/* Dice coefficient of two fingerprints (exact text equality when both are empty). */
static double dice(const para_info *a, const para_info *b)
{
	if (a->n_shingles + b->n_shingles == 0)
		return strcmp(accord_para_text(a->para), accord_para_text(b->para)) == 0 ? 1.0 : 0.0;
	return 2.0 * (double)shared_count(a, b) / (double)(a->n_shingles + b->n_shingles);
}

/* Share of a's fingerprint that is also in b. */
static double containment(const para_info *a, const para_info *b)
{
	return a->n_shingles ? (double)shared_count(a, b) / (double)a->n_shingles : 0.0;
}

/* The paragraph's fingerprint, computed the first time it is needed. */
const para_info *align_fingerprint_of(aligner *al, para_info *info)
{
	if (!info->fingerprinted && fingerprint(info, &al->arena, &al->scratch, &al->scratch_cap) != ACCORD_OK) {
		al->failed = 1;
		info->shingles = NULL;
		info->n_shingles = 0;
		info->fingerprinted = 1;
	}
	return info;
}

/* Similarity of base paragraph b and contribution paragraph c. */
static double similarity(aligner *al, size_t b, size_t c)
{
	return dice(align_fingerprint_of(al, &al->base.paras[b]), align_fingerprint_of(al, &al->contrib.paras[c]));
}

static int load_side(side *s, const accord_doc *doc)
{
	accord_para *p = NULL;
	const accord_section *section = NULL;
	size_t i = 0, section_index = 0, depth_cap = 8;
	long *last_at_depth = NULL; /* the last paragraph seen at each depth */
	int rc = ACCORD_OK;
	s->doc = doc;
	s->count = accord_doc_para_total(doc);
	s->paras = accord_calloc(s->count ? s->count : 1, sizeof(para_info));
	last_at_depth = accord_malloc(depth_cap * sizeof(long));
	if (s->paras == NULL || last_at_depth == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	while ((p = accord_doc_next_para(doc, p)) != NULL) {
		para_info *info = &s->paras[i];
		unsigned depth = accord_para_depth(p), d;
		if (accord_para_section(p) != section) {
			section = accord_para_section(p);
			section_index = accord_section_index(section);
			for (d = 0; d < depth_cap; d++)
				last_at_depth[d] = -1;
		}
		if (depth + 1 >= depth_cap) {
			size_t want = (depth + 1) * 2;
			long *grown = accord_realloc(last_at_depth, want * sizeof(long));
			if (grown == NULL) {
				rc = ACCORD_ENOMEM;
				goto cleanup;
			}
			for (d = (unsigned)depth_cap; d < want; d++)
				grown[d] = -1;
			last_at_depth = grown;
			depth_cap = want;
		}
		info->para = p;
		info->section = section_index;
		info->match = -1;
		info->edits_base = -1;
		info->prev = last_at_depth[depth];
		if (info->prev >= 0 && accord_para_parent(s->paras[info->prev].para) != accord_para_parent(p))
			info->prev = -1;
		last_at_depth[depth] = (long)i;
		for (d = depth + 1; d < depth_cap; d++)
			last_at_depth[d] = -1;
		i++;
	}
cleanup:
	accord_free(last_at_depth);
	return rc;
}

static void free_side(side *s)
{
	size_t i;
	if (s->paras == NULL)
		return;
	for (i = 0; i < s->count; i++) {
		accord_free(s->paras[i].edits);
		align_tokens_free(&s->paras[i].tok);
	}
	accord_free(s->paras);
	s->paras = NULL;
}

/* ---- candidates ---------------------------------------------------------------- */

typedef struct posting {
	uint32_t shingle;
	uint32_t para;
} posting;

/*
** Sorts postings by shingle, then paragraph: they are made in the order of
** their paragraphs, so a stable sort on the shingle gives that order.
*/
static int sort_postings(posting *v, size_t n)
{
	posting *tmp;
	if (n < 2)
		return ACCORD_OK;
	if ((tmp = accord_malloc(n * sizeof(*tmp))) == NULL)
		return ACCORD_ENOMEM;
	align_sort_by_key32(v, tmp, n);
	accord_free(tmp);
	return ACCORD_OK;
}

static int push_candidate(aligner *al, size_t base, size_t contrib, double similarity)
{
	if (al->n_cands == al->cap_cands) {
		size_t want = al->cap_cands ? al->cap_cands * 2 : 256;
		candidate *grown = accord_realloc(al->cands, want * sizeof(*grown));
		if (grown == NULL)
			return ACCORD_ENOMEM;
		al->cands = grown;
		al->cap_cands = want;
	}
	al->cands[al->n_cands].base = base;
	al->cands[al->n_cands].contrib = contrib;
	al->cands[al->n_cands].similarity = similarity;
	al->n_cands++;
	return ACCORD_OK;
}

/* The sketch of a paragraph: its SKETCH smallest pair hashes (they are sorted). */
static size_t sketch_size(const para_info *p)
{
	return p->n_shingles < SKETCH ? p->n_shingles : SKETCH;
}

/* The inverted index over the base sketches, built the first time it is needed. */
typedef struct sketch_index {
	posting *postings;
	size_t count;
	uint32_t *hits;    /* per base paragraph, reset after each lookup */
	uint32_t *touched; /* base paragraphs with hits */
	int built;
} sketch_index;

static int build_index(aligner *al, sketch_index *index, const side *base, const unsigned char *skip)
{
	size_t i, j, k = 0;
	int rc;
	for (i = 0; i < base->count; i++)
		if (!skip[i])
			index->count += sketch_size(align_fingerprint_of(al, &base->paras[i]));
	if (al->failed)
		return ACCORD_ENOMEM;
	index->postings = accord_malloc((index->count ? index->count : 1) * sizeof(posting));
	index->hits = accord_calloc(base->count ? base->count : 1, sizeof(uint32_t));
	index->touched = accord_malloc((base->count ? base->count : 1) * sizeof(uint32_t));
	if (index->postings == NULL || index->hits == NULL || index->touched == NULL)
		return ACCORD_ENOMEM;
	for (i = 0; i < base->count; i++)
		for (j = 0; !skip[i] && j < sketch_size(&base->paras[i]); j++) {
			index->postings[k].shingle = base->paras[i].shingles[j];
			index->postings[k].para = (uint32_t)i;
			k++;
		}
	if ((rc = sort_postings(index->postings, index->count)) != ACCORD_OK)
		return rc;
	index->built = 1;
	return ACCORD_OK;
}

/* Candidates for contribution paragraph j from the index. */
static int lookup(aligner *al, sketch_index *index, size_t j)
{
	const para_info *c = align_fingerprint_of(al, &al->contrib.paras[j]);
	size_t n_touched = 0, s, k, n_best = 0;
	candidate best[MAX_CANDIDATES];
	int rc;
	for (s = 0; s < sketch_size(c); s++) {
		size_t lo = 0, hi = index->count, start, end;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (index->postings[mid].shingle < c->shingles[s])
				lo = mid + 1;
			else
				hi = mid;
		}
		start = lo;
		/* A common pair is seen from its (COMMON_POSTINGS + 1)-th posting, without walking its
		   run: in a text of few words a run has thousands (half a re-flowed diff's lookups). */
		if (start + COMMON_POSTINGS < index->count &&
		    index->postings[start + COMMON_POSTINGS].shingle == c->shingles[s])
			continue;
		for (end = start; end < index->count && index->postings[end].shingle == c->shingles[s]; end++)
			;
		for (k = start; k < end; k++)
			if (index->hits[index->postings[k].para]++ == 0)
				index->touched[n_touched++] = index->postings[k].para;
	}
	/* Keep the MAX_CANDIDATES base paragraphs sharing most of the sketch. */
	for (s = 0; s < n_touched; s++) {
		size_t b = index->touched[s], pos;
		double score = (double)index->hits[b];
		index->hits[b] = 0;
		if (n_best == MAX_CANDIDATES && score <= best[n_best - 1].similarity)
			continue;
		if (n_best < MAX_CANDIDATES)
			n_best++;
		for (pos = n_best - 1; pos > 0 && best[pos - 1].similarity < score; pos--)
			best[pos] = best[pos - 1];
		best[pos].base = b;
		best[pos].similarity = score;
	}
	for (s = 0; s < n_best; s++) {
		double sim = similarity(al, best[s].base, j);
		if (sim < GAP_MIN_SIMILARITY)
			continue;
		if ((rc = push_candidate(al, best[s].base, j, sim)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

/* A base paragraph's text by its length, for text_in. */
typedef struct text_ref {
	size_t len;
	const char *text;
} text_ref;

static int cmp_text_ref(const void *a, const void *b)
{
	const text_ref *x = a, *y = b;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* Whether text is one of the n texts given sorted by length. */
static int text_in(const text_ref *texts, size_t n, const char *text)
{
	size_t len = strlen(text), lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (texts[mid].len < len)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && texts[lo].len == len; lo++)
		if (memcmp(texts[lo].text, text, len) == 0)
			return 1;
	return 0;
}

/*
** The base paragraphs' texts sorted by length (NULL: out of memory): made
** the first time text_in is asked, from their lengths alone, where hashing
** every base text cost 5 % of a diff.
*/
static text_ref *base_texts_by_length(const aligner *al)
{
	text_ref *texts = accord_malloc((al->base.count + 1) * sizeof(*texts));
	size_t j;
	if (texts == NULL)
		return NULL;
	for (j = 0; j < al->base.count; j++) {
		texts[j].text = accord_para_text(al->base.paras[j].para);
		texts[j].len = strlen(texts[j].text);
	}
	qsort(texts, al->base.count, sizeof(*texts), cmp_text_ref);
	return texts;
}

/* 1 when two texts are too different in length to be the same paragraph. */
static int lengths_apart(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	return la * 3 < lb || lb * 3 < la;
}

/*
** Pass 1, the diagonal: most paragraphs of a contribution follow the base
** in order, so each is compared with the base paragraph after the last
** match (and the few after it, to step over deleted ones) by a word diff,
** which the amendment needs anyway. The expected place follows the offset
** of the last match for the first paragraphs that match nothing in a row
** (re-flowed ones straddle two base paragraphs); each paragraph is tokenized
** once, and a pair whose bags of words cannot reach the threshold is not
** diffed.
** Pass 2: the paragraphs left over are looked up in a sketch index of the
** base paragraphs left over.
*/
static int find_candidates(aligner *al)
{
	sketch_index index;
	size_t j, expected = 0, tokens_from = 0;
	size_t last_contrib = 0; /* the contribution paragraph after the last match on the diagonal */
	int on_diagonal = 1;     /* the last paragraph matched the base paragraph expected for it */
	unsigned char *base_taken = NULL, *contrib_found = NULL;
	text_ref *base_texts = NULL; /* the base paragraphs' texts by length, once asked */
	int rc = ACCORD_OK;

	memset(&index, 0, sizeof(index));
	base_taken = accord_calloc(al->base.count + 1, 1);
	contrib_found = accord_calloc(al->contrib.count + 1, 1);
	if (base_taken == NULL || contrib_found == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	for (j = 0; j < al->contrib.count; j++) {
		para_info *c = &al->contrib.paras[j];
		const char *ct = accord_para_text(c->para);
		/* Where the offset of the last match puts this paragraph: after paragraphs that matched
		   nothing (re-flowed ones straddle two base paragraphs), the diagonal is looked for there
		   as well, so a short run of them does not lose it. */
		size_t predicted = expected + (j - last_contrib), tries = 0, k;
		if (j != last_contrib)
			on_diagonal = 0; /* the last paragraph matched nothing */
		for (k = expected; k < al->base.count && tries < 2 * DIAGONAL_LOOKAHEAD; k++, tries++) {
			const char *bt;
			double sim = 0.0;
			if (tries == DIAGONAL_LOOKAHEAD) { /* the old window failed: the predicted one, if further on */
				/* Not after a long run of failures: the offset has moved by more than the window
				   follows, and near misses (straddling paragraphs) cost a diff each. */
				if (predicted <= expected + DIAGONAL_LOOKAHEAD - 1 ||
				    j - last_contrib > PREDICTED_RUN)
					break;
				k = predicted - 1;
				if (k >= al->base.count)
					break;
			}
			bt = accord_para_text(al->base.paras[k].para);
			if (strcmp(bt, ct) == 0) {
				sim = 1.0;
			} else if (!lengths_apart(bt, ct)) {
				para_info *b = &al->base.paras[k];
				if ((!c->tok.made && (rc = align_tokens_make(&c->tok, ct)) != ACCORD_OK) ||
				    (!b->tok.made && (rc = align_tokens_make(&b->tok, bt)) != ACCORD_OK))
					goto cleanup;
				/* A pair whose bags of words cannot reach the threshold is not diffed; the
				   bound is skipped where the diagonal is sure of itself (the next paragraph,
				   the last one having matched there), the diff being needed then anyway. */
				double bound = 1.0;
				if (!(tries == 0 && on_diagonal) && (rc = align_tokens_bound(&bound, &b->tok, &c->tok)) != ACCORD_OK)
					goto cleanup;
				if (bound >= DIAGONAL_SIMILARITY) {
					/* The word diff is needed anyway if they are the same paragraph: keep it. */
					if ((rc = align_tokens_diff(&c->edits, &c->n_edits, &c->spacing_only, &sim, bt, &b->tok,
						     ct, &c->tok)) != ACCORD_OK)
						goto cleanup;
					c->edits_base = (long)k;
					c->edits_similarity = sim;
					if (sim < DIAGONAL_SIMILARITY) {
						accord_free(c->edits);
						c->edits = NULL;
						c->n_edits = 0;
						c->edits_base = -1;
					}
				}
			}
			if (sim >= DIAGONAL_SIMILARITY) {
				if ((rc = push_candidate(al, k, j, sim)) != ACCORD_OK)
					goto cleanup;
				/* Only a sure match keeps the paragraph out of the index lookup; a close match is
				   not sure when the base has the very text elsewhere (of two near copies the
				   contribution kept the second: that one, not an edit of the first). Only an
				   identical one takes the base paragraph out of the index: the contribution may
				   hold a closer copy of it further on (an edited fragment first, the paragraph
				   itself later), and the chain must see both. */
				if (sim < 1.0 && sim >= DIAGONAL_SURE && base_texts == NULL) {
					if ((base_texts = base_texts_by_length(al)) == NULL) {
						rc = ACCORD_ENOMEM;
						goto cleanup;
					}
				}
				if (sim >= 1.0 || (sim >= DIAGONAL_SURE && !text_in(base_texts, al->base.count, ct)))
					contrib_found[j] = 1;
				if (sim >= 1.0)
					base_taken[k] = 1;
				on_diagonal = tries == 0;
				expected = k + 1;
				last_contrib = j + 1;
				break;
			}
		}
		/* Tokens are kept only while the diagonal may come back to them: the predicted window moves
		   on by one paragraph for each one that matched nothing. */
		align_tokens_free(&c->tok);
		if (tries > DIAGONAL_LOOKAHEAD) {
			/* the next paragraph's window starts one further on, if it is tried at all */
			size_t from = predicted - 1, to = predicted + 2, next_run = j + 1 - last_contrib;
			if (next_run <= PREDICTED_RUN)
				to = predicted;
			for (k = from; k < to && k < al->base.count; k++)
				if (k >= expected + DIAGONAL_LOOKAHEAD)
					align_tokens_free(&al->base.paras[k].tok);
		}
		for (; tokens_from < expected; tokens_from++)
			align_tokens_free(&al->base.paras[tokens_from].tok);
	}
	for (j = 0; j < al->contrib.count; j++) {
		if (contrib_found[j])
			continue;
		if (!index.built && (rc = build_index(al, &index, &al->base, base_taken)) != ACCORD_OK)
			goto cleanup;
		if ((rc = lookup(al, &index, j)) != ACCORD_OK)
			goto cleanup;
	}
cleanup:
	accord_free(base_taken);
	accord_free(contrib_found);
	accord_free(base_texts);
	accord_free(index.postings);
	accord_free(index.hits);
	accord_free(index.touched);
	return rc;
}

/* ---- the chain: heaviest increasing sequence of candidates ------------------------- */

static int cmp_candidate(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	if (x->contrib != y->contrib)
		return x->contrib < y->contrib ? -1 : 1;
	return x->base < y->base ? -1 : x->base > y->base;
}

static int build_chain(aligner *al, double min_similarity)
{
	size_t n = al->base.count, i, c;
	double *tree_score = NULL, *score = NULL;
	long *tree_cand = NULL, *prev = NULL;
	long best = -1;
	double best_score = 0.0;
	int rc = ACCORD_OK;

	if (al->n_cands > 1) /* no candidates: cands is NULL */
		qsort(al->cands, al->n_cands, sizeof(candidate), cmp_candidate);
	tree_score = accord_calloc(n + 1, sizeof(double));
	tree_cand = accord_malloc((n + 1) * sizeof(long));
	score = accord_malloc((al->n_cands ? al->n_cands : 1) * sizeof(double));
	prev = accord_malloc((al->n_cands ? al->n_cands : 1) * sizeof(long));
	if (tree_score == NULL || tree_cand == NULL || score == NULL || prev == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	for (i = 0; i <= n; i++)
		tree_cand[i] = -1;
	for (c = 0; c < al->n_cands;) {
		size_t group_end = c, g;
		while (group_end < al->n_cands && al->cands[group_end].contrib == al->cands[c].contrib)
			group_end++;
		for (g = c; g < group_end; g++) {
			double q = 0.0;
			long q_cand = -1;
			size_t pos;
			if (al->cands[g].similarity < min_similarity) {
				score[g] = -1.0;
				continue;
			}
			for (pos = al->cands[g].base; pos > 0; pos -= pos & (~pos + 1)) {
				if (tree_score[pos] > q) {
					q = tree_score[pos];
					q_cand = tree_cand[pos];
				}
			}
			score[g] = q + al->cands[g].similarity;
			prev[g] = q_cand;
			if (score[g] > best_score) {
				best_score = score[g];
				best = (long)g;
			}
		}
		for (g = c; g < group_end; g++) {
			size_t pos;
			if (score[g] < 0)
				continue;
			for (pos = al->cands[g].base + 1; pos <= n; pos += pos & (~pos + 1)) {
				if (score[g] > tree_score[pos]) {
					tree_score[pos] = score[g];
					tree_cand[pos] = (long)g;
				}
			}
		}
		c = group_end;
	}
	for (; best >= 0; best = prev[best]) {
		const candidate *cd = &al->cands[best];
		al->base.paras[cd->base].match = (long)cd->contrib;
		al->contrib.paras[cd->contrib].match = (long)cd->base;
		al->base.paras[cd->base].in_chain = al->contrib.paras[cd->contrib].in_chain = 1;
		al->base.paras[cd->base].similarity = al->contrib.paras[cd->contrib].similarity = cd->similarity;
	}
cleanup:
	accord_free(tree_score);
	accord_free(tree_cand);
	accord_free(score);
	accord_free(prev);
	return rc;
}

static int cmp_candidate_desc(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	if (x->similarity != y->similarity)
		return x->similarity > y->similarity ? -1 : 1;
	if (x->contrib != y->contrib)
		return x->contrib < y->contrib ? -1 : 1;
	return x->base < y->base ? -1 : x->base > y->base;
}

static void match_moves(aligner *al, double move_similarity)
{
	size_t c;
	if (al->n_cands > 1)
		qsort(al->cands, al->n_cands, sizeof(candidate), cmp_candidate_desc);
	for (c = 0; c < al->n_cands && al->cands[c].similarity >= move_similarity; c++) {
		para_info *b = &al->base.paras[al->cands[c].base], *t = &al->contrib.paras[al->cands[c].contrib];
		if (b->match >= 0 || t->match >= 0)
			continue;
		b->match = (long)al->cands[c].contrib;
		t->match = (long)al->cands[c].base;
		b->similarity = t->similarity = al->cands[c].similarity;
	}
}

/* Pairs the leftovers of one gap by position when they are still alike (Needleman-Wunsch). */
static int pair_gap(aligner *al, const size_t *bs, size_t nb, const size_t *cs, size_t nc)
{
	double *dp, *sims;
	size_t i, j, w = nc + 1;
	if (nb == 0 || nc == 0 || nb * nc > GAP_DP_LIMIT)
		return ACCORD_OK;
	dp = accord_calloc(2 * (nb + 1) * (nc + 1), sizeof(double));
	if (dp == NULL)
		return ACCORD_ENOMEM;
	sims = dp + (nb + 1) * (nc + 1); /* each pair's similarity, for the way back */
	for (i = 1; i <= nb; i++)
		for (j = 1; j <= nc; j++) {
			double sim = sims[i * w + j] = similarity(al, bs[i - 1], cs[j - 1]);
			double best = dp[(i - 1) * w + j] > dp[i * w + j - 1] ? dp[(i - 1) * w + j] : dp[i * w + j - 1];
			if (sim >= GAP_MIN_SIMILARITY && dp[(i - 1) * w + j - 1] + sim > best)
				best = dp[(i - 1) * w + j - 1] + sim;
			dp[i * w + j] = best;
		}
	for (i = nb, j = nc; i > 0 && j > 0;) {
		double sim = sims[i * w + j];
		if (sim >= GAP_MIN_SIMILARITY && dp[i * w + j] == dp[(i - 1) * w + j - 1] + sim) {
			para_info *b = &al->base.paras[bs[i - 1]], *t = &al->contrib.paras[cs[j - 1]];
			b->match = (long)cs[j - 1];
			t->match = (long)bs[i - 1];
			b->in_chain = t->in_chain = 1;
			b->similarity = t->similarity = sim;
			i--;
			j--;
		} else if (dp[i * w + j] == dp[(i - 1) * w + j]) {
			i--;
		} else {
			j--;
		}
	}
	accord_free(dp);
	return ACCORD_OK;
}

static int pair_gaps(aligner *al)
{
	size_t *bs = NULL, *cs = NULL, nb, nc;
	size_t bi = 0, ci = 0;
	int rc = ACCORD_OK;
	bs = accord_malloc((al->base.count + 1) * sizeof(size_t));
	cs = accord_malloc((al->contrib.count + 1) * sizeof(size_t));
	if (bs == NULL || cs == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	/* Walk both sides between consecutive chain anchors. */
	while (bi <= al->base.count || ci <= al->contrib.count) {
		nb = nc = 0;
		while (bi < al->base.count && !al->base.paras[bi].in_chain) {
			if (al->base.paras[bi].match < 0)
				bs[nb++] = bi;
			bi++;
		}
		while (ci < al->contrib.count && !al->contrib.paras[ci].in_chain) {
			if (al->contrib.paras[ci].match < 0)
				cs[nc++] = ci;
			ci++;
		}
		if ((rc = pair_gap(al, bs, nb, cs, nc)) != ACCORD_OK)
			goto cleanup;
		if (bi >= al->base.count && ci >= al->contrib.count)
			break;
		bi++;
		ci++;
	}
cleanup:
	accord_free(bs);
	accord_free(cs);
	return rc;
}

/*
** For each unmatched paragraph, the neighbour on its own side it was merged
** into (base) or split from (contribution): a neighbour that kept a match
** whose text holds at least 0.6 of the paragraph's word pairs. Noted here so
** that the fingerprints can go before the amendments are made: with both, a
** 15 MB pair peaked at 96 MB, 18 MB of it fingerprints (issue 16).
*/
static void relate_unmatched(aligner *al, side *own, side *other)
{
	size_t i;
	for (i = 0; i < own->count; i++) {
		para_info *p = &own->paras[i];
		long k;
		p->related = -1;
		if (p->match >= 0 || align_fingerprint_of(al, p)->n_shingles < 2)
			continue;
		for (k = (long)i - 1; k <= (long)i + 1; k += 2) {
			const para_info *n;
			if (k < 0 || (size_t)k >= own->count || own->paras[k].match < 0)
				continue;
			n = align_fingerprint_of(al, &other->paras[own->paras[k].match]);
			if (containment(p, n) >= 0.6) {
				p->related = k;
				break;
			}
		}
	}
}

/* Frees the fingerprints (align_match is done with them); their sizes stay. */
static void drop_fingerprints(aligner *al)
{
	size_t i;
	for (i = 0; i < al->base.count; i++)
		al->base.paras[i].shingles = NULL;
	for (i = 0; i < al->contrib.count; i++)
		al->contrib.paras[i].shingles = NULL;
	accord_arena_dispose(&al->arena);
	accord_free(al->scratch);
	al->scratch = NULL;
	al->scratch_cap = 0;
}

int align_match(aligner *al, const accord_doc *base, const accord_doc *contribution)
{
	int rc;
	init_word_fold();
	if ((rc = load_side(&al->base, base)) != ACCORD_OK || (rc = load_side(&al->contrib, contribution)) != ACCORD_OK ||
	    (rc = find_candidates(al)) != ACCORD_OK || (rc = build_chain(al, al->opts->min_similarity)) != ACCORD_OK)
		return accord_error_set(al->err, rc, "out of memory aligning the texts");
	match_moves(al, al->opts->move_similarity);
	if ((rc = pair_gaps(al)) != ACCORD_OK || (rc = align_sections(al)) != ACCORD_OK || al->failed)
		return accord_error_set(al->err, ACCORD_ENOMEM, "out of memory aligning the texts");
	relate_unmatched(al, &al->base, &al->contrib);
	relate_unmatched(al, &al->contrib, &al->base);
	if (al->failed)
		return accord_error_set(al->err, ACCORD_ENOMEM, "out of memory aligning the texts");
	drop_fingerprints(al);
	return ACCORD_OK;
}

void align_dispose(aligner *al)
{
	free_side(&al->base);
	free_side(&al->contrib);
	accord_free(al->cands);
	accord_arena_dispose(&al->arena);
	accord_free(al->scratch);
	accord_free(al->section_match);
	accord_free(al->section_in_chain);
	accord_free(al->base_section_match);
	accord_free((void *)al->section_target_id);
}
