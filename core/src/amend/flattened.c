/*
** flattened.c: places in a contribution that look like tracked changes
** flattened into plain text (issue 14).
**
** When a Word file with tracked changes is saved as plain text, both the
** inserted and the deleted words survive, often with no space between them:
** "per paragraph article 37" with "paragraph" inserted and "article" deleted
** comes out as "per paragrapharticle 37", or as "per paragraph article 35".
** Such a text cannot be read back exactly; this file only recognises it.
**
** The rule, chosen to stay quiet on ordinary revisions (a false warning is
** worse than a miss):
**
**   glued   a word of the new text of a replace edit, not a word of the
**           base document, that splits into two parts of two letters or
**           more, X|Y, where one part is a word of the base span the edit
**           replaces and the other is either
**             - the next word of that span ("that Internet" -> "thatInternet":
**               two base words run together), or
**             - a word that stands alone somewhere in the base or the
**               contribution (the inserted word: "paragraph" + "article"),
**               or any part when the join is a camelCase one ("IIRPPIInternet").
**           A sign is strong when the join is camelCase, or when an inserted
**           word and the base word are both four letters or more. The other
**           signs (two lower-case base words run together, "thatthere"; a
**           short part, "theby", "onin") are what ordinary edits also make
**           ("can not" -> "cannot", "in" -> "within"), so they are reported
**           only when the contribution shows at least one strong sign:
**           flattening affects a whole document, not one word.
**   kept    an inserted word next to the base word it replaces, separated by
**           spaces only, in the new text of an edit or of a new paragraph,
**           when that same pair (same words, same order) was reported as
**           glued elsewhere in the contribution: "paragraph article" after
**           "paragrapharticle". Alone, an inserted word before a base word
**           is an ordinary insertion and is never reported.
**
** Places are located in the contribution's source text when the caller has
** it (line and column of the token, the column in code points), else on the
** amendment's source line with no column.
*/
#include <stdlib.h>
#include <string.h>

#include "accord/text.h"
#include "amend/amend_int.h"
#include "text/tokenize_int.h"

#define STRONG_LEN 4 /* code points of each part for an inserted-word sign to be strong */

typedef struct fl_word {
	const char *s;
	size_t len;
} fl_word;

/*
** A set of word hashes: open addressing, linear probing, 0 standing for an
** empty slot (the hash 0 itself is a flag). Only the hashes are compared,
** as the sorted arrays it replaces did; it stays as small as the
** vocabulary, where an array of every word of both documents took 4 bytes
** a word and a sort.
*/
typedef struct fl_set {
	uint32_t *slot;
	size_t mask; /* slots - 1 (a power of two), 0 when none yet */
	size_t n;
	int has_zero;
	uint32_t *words; /* scratch: the hashes of one text's words */
	size_t cap_words;
} fl_set;

typedef struct fl_ctx {
	const accord_doc *base, *contrib;
	const accord_amendment_list *list;
	const char *source;
	size_t source_len;
	fl_set base_words, all_words; /* the words of base, and of both */
	int base_built, all_built;
	int may_be_strong; /* some edit has a word that could be a strong sign */
	accord_flattened *v;
	int *strong;          /* per place: a strong sign */
	size_t n, cap;
} fl_ctx;

static size_t set_place(const fl_set *set, uint32_t h)
{
	size_t i = (size_t)(h * 2654435761u) & set->mask;
	while (set->slot[i] != 0 && set->slot[i] != h)
		i = (i + 1) & set->mask;
	return i;
}

static int set_add_hash(fl_set *set, uint32_t h)
{
	size_t i;
	if (h == 0) {
		set->has_zero = 1;
		return ACCORD_OK;
	}
	if (2 * (set->n + 1) > set->mask) { /* at most half full */
		size_t slots = set->mask ? 2 * (set->mask + 1) : 4096, k;
		fl_set grown = {NULL, slots - 1, 0, set->has_zero, set->words, set->cap_words};
		if ((grown.slot = accord_calloc(slots, sizeof(uint32_t))) == NULL)
			return ACCORD_ENOMEM;
		for (k = 0; set->mask && k <= set->mask; k++)
			if (set->slot[k] != 0) {
				grown.slot[set_place(&grown, set->slot[k])] = set->slot[k];
				grown.n++;
			}
		accord_free(set->slot);
		*set = grown;
	}
	i = set_place(set, h);
	if (set->slot[i] == 0) {
		set->slot[i] = h;
		set->n++;
	}
	return ACCORD_OK;
}

static int set_has(const fl_set *set, const char *s, size_t len)
{
	uint32_t h = accord_hash_bytes(s, len);
	if (h == 0)
		return set->has_zero;
	return set->mask != 0 && set->slot[set_place(set, h)] == h;
}

/* Adds the hashes of the words of text to set. */
static int add_words(fl_set *set, const char *text)
{
	size_t len, n, i;
	int rc = ACCORD_OK;
	if (text == NULL)
		return ACCORD_OK;
	len = strlen(text);
	if (len / 2 + 1 > set->cap_words) {
		size_t cap = len / 2 + 1 > 1024 ? len / 2 + 1 : 1024;
		uint32_t *p = accord_realloc(set->words, cap * sizeof(*p));
		if (p == NULL)
			return ACCORD_ENOMEM;
		set->words = p;
		set->cap_words = cap;
	}
	n = accord_word_hashes(text, len, set->words);
	for (i = 0; rc == ACCORD_OK && i < n; i++)
		rc = set_add_hash(set, set->words[i]);
	return rc;
}

static int add_para_words(fl_set *set, const accord_para *p)
{
	size_t i;
	int rc = add_words(set, accord_para_text(p));
	for (i = 0; rc == ACCORD_OK && i < accord_para_child_count(p); i++)
		rc = add_para_words(set, accord_para_child(p, i));
	return rc;
}

static int add_doc_words(fl_set *set, const accord_doc *doc)
{
	size_t s, i;
	int rc = ACCORD_OK;
	if (doc == NULL)
		return ACCORD_OK;
	for (s = 0; rc == ACCORD_OK && s < accord_doc_section_count(doc); s++) {
		const accord_section *sec = accord_doc_section(doc, s);
		rc = add_words(set, accord_section_heading(sec));
		for (i = 0; rc == ACCORD_OK && i < accord_section_para_count(sec); i++)
			rc = add_para_words(set, accord_section_para(sec, i));
	}
	return rc;
}

/* The words of the amendments: what they quote of the base (base 1), or what they bring (base 0). */
static int add_list_words(fl_set *set, const accord_amendment_list *list, int base)
{
	size_t i, k;
	int rc = ACCORD_OK;
	for (i = 0; rc == ACCORD_OK && i < accord_amendments_count(list); i++) {
		const accord_amendment *a = accord_amendments_get(list, i);
		if (a->op == ACCORD_OP_SUP ? base : a->op == ACCORD_OP_ADD ? !base : 0)
			rc = add_words(set, a->text);
		for (k = 0; rc == ACCORD_OK && k < a->n_edits; k++) {
			const accord_edit *e = &a->edits[k];
			if (!base) {
				rc = add_words(set, e->text);
				continue;
			}
			rc = add_words(set, e->before);
			if (rc == ACCORD_OK)
				rc = add_words(set, e->after);
			if (rc == ACCORD_OK)
				rc = add_words(set, e->base_text);
		}
	}
	return rc;
}

/*
** The word sets, each built the first time a candidate needs it: from the
** documents when the caller has them, and from the amendments' texts. The
** words of both come second and only for a word the base does not have: a
** contribution whose edits bring words of the base only (most revisions)
** never pays for reading its own text again.
*/
static int build_base_set(fl_ctx *c)
{
	int rc;
	if (c->base_built)
		return ACCORD_OK;
	c->base_built = 1;
	/* The list is the diff of the two documents: what its amendments quote of the base is in the
	   base, what they bring is in the contribution; their texts count only where a document is
	   missing (a diff of a long text quotes the base once or twice over in its contexts). */
	if ((rc = add_doc_words(&c->base_words, c->base)) != ACCORD_OK ||
	    (c->base == NULL && (rc = add_list_words(&c->base_words, c->list, 1)) != ACCORD_OK))
		return rc;
	return ACCORD_OK;
}

static int build_all_set(fl_ctx *c)
{
	int rc;
	if (c->all_built)
		return ACCORD_OK;
	c->all_built = 1;
	if ((rc = build_base_set(c)) != ACCORD_OK)
		return rc;
	c->all_words = c->base_words;
	c->all_words.slot = NULL;
	c->all_words.words = NULL;
	c->all_words.cap_words = 0;
	if (c->base_words.mask != 0) {
		size_t bytes = (c->base_words.mask + 1) * sizeof(uint32_t);
		if ((c->all_words.slot = accord_malloc(bytes)) == NULL) {
			c->all_words.mask = 0;
			return ACCORD_ENOMEM;
		}
		memcpy(c->all_words.slot, c->base_words.slot, bytes);
	}
	if ((rc = add_doc_words(&c->all_words, c->contrib)) != ACCORD_OK ||
	    (c->contrib == NULL && (rc = add_list_words(&c->all_words, c->list, 0)) != ACCORD_OK))
		return rc;
	return ACCORD_OK;
}

static size_t cp_count(const char *s, size_t len)
{
	size_t i, n = 0;
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static int is_lower(char ch)
{
	return ch >= 'a' && ch <= 'z';
}

static int is_upper(char ch)
{
	return ch >= 'A' && ch <= 'Z';
}

/* "thatInternet" at "that|Internet", "IIRPPIInternet" at "IIRPPI|Internet". */
static int camel_join(const char *x, size_t xl, const char *y, size_t yl)
{
	char last = x[xl - 1];
	if (!is_upper(y[0]))
		return 0;
	return is_lower(last) || (is_upper(last) && yl > 1 && is_lower(y[1]));
}

static int word_index(const fl_word *w, size_t n, const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (w[i].len == len && memcmp(w[i].s, s, len) == 0)
			return (int)i;
	return -1;
}

static int is_word_byte(unsigned char ch)
{
	return ch >= 0x80 || (ch >= '0' && ch <= '9') || is_lower((char)ch) || is_upper((char)ch) || ch == '\'';
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/*
** The end of "first<blanks>second" as whole words at s[i] (0 when not
** there); second may be NULL (first alone).
*/
static size_t match_at(const char *s, size_t len, size_t i, const char *first, const char *second)
{
	size_t fl = strlen(first), j;
	if (i + fl > len || memcmp(s + i, first, fl) != 0 || (i > 0 && is_word_byte((unsigned char)s[i - 1])))
		return 0;
	j = i + fl;
	if (second != NULL) {
		size_t sl = strlen(second), k = j;
		while (k < len && is_blank(s[k]))
			k++;
		if (k == j || k + sl > len || memcmp(s + k, second, sl) != 0)
			return 0;
		j = k + sl;
	}
	if (j < len && is_word_byte((unsigned char)s[j]))
		return 0;
	return j;
}

/* Line and column of the skip-th occurrence of the place at or after line in the source. */
static void locate(const fl_ctx *c, unsigned line, const char *first, const char *second, unsigned skip,
	unsigned *out_line, unsigned *out_col)
{
	size_t i = 0, line_start;
	unsigned l = 1;
	*out_line = line;
	*out_col = 0;
	if (c->source == NULL || line == 0)
		return;
	while (l < line && i < c->source_len) {
		if (c->source[i++] == '\n')
			l++;
	}
	if (l < line)
		return;
	line_start = i;
	for (; i < c->source_len; i++) {
		if (c->source[i] == '\n') {
			l++;
			line_start = i + 1;
			continue;
		}
		if (match_at(c->source, c->source_len, i, first, second) == 0)
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		*out_line = l;
		*out_col = (unsigned)cp_count(c->source + line_start, i - line_start) + 1;
		return;
	}
}

static int add_place(fl_ctx *c, const accord_amendment *a, accord_flattened_kind kind, int strong,
	const char *token, size_t token_len, const char *inserted, size_t ins_len, const char *base, size_t base_len)
{
	accord_flattened *p;
	accord_buf msg = ACCORD_BUF_INIT;
	int rc;
	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 8;
		accord_flattened *v = accord_realloc(c->v, nc * sizeof(*v));
		int *st;
		if (v == NULL)
			return ACCORD_ENOMEM;
		c->v = v;
		if ((st = accord_realloc(c->strong, nc * sizeof(*st))) == NULL)
			return ACCORD_ENOMEM;
		c->strong = st;
		c->cap = nc;
	}
	p = &c->v[c->n];
	memset(p, 0, sizeof(*p));
	c->strong[c->n] = strong;
	c->n++;
	p->kind = kind;
	p->line = a->source_line;
	p->amendment = accord_strdup(a->id != NULL ? a->id : "");
	p->token = accord_strndup(token, token_len);
	p->inserted = inserted != NULL ? accord_strndup(inserted, ins_len) : NULL;
	p->base = accord_strndup(base, base_len);
	if (p->amendment == NULL || p->token == NULL || (inserted != NULL && p->inserted == NULL) || p->base == NULL)
		return ACCORD_ENOMEM;
	if (kind == ACCORD_FLATTENED_KEPT)
		rc = accord_buf_printf(&msg, "'%s' looks like a flattened tracked change ('%s' inserted, '%s' deleted, both kept)",
			p->token, p->inserted, p->base);
	else if (p->inserted != NULL)
		rc = accord_buf_printf(&msg, "'%s' looks like a flattened tracked change ('%s' inserted, '%s' deleted)",
			p->token, p->inserted, p->base);
	else
		rc = accord_buf_printf(&msg, "'%s' looks like a flattened tracked change ('%s' run together)", p->token,
			p->base);
	if (rc != ACCORD_OK || msg.ptr == NULL) {
		accord_buf_dispose(&msg);
		return ACCORD_ENOMEM;
	}
	p->message = accord_buf_detach(&msg);
	return p->message != NULL ? ACCORD_OK : ACCORD_ENOMEM;
}

/*
** The split of t at byte k into X|Y, both of two code points or more (0 when
** it is not one): their lengths in code points, and their places among the
** words of the base span (-1: not one of them).
*/
static int split_word(const fl_word *bw, size_t nw, const char *t, size_t tl, size_t k, size_t *xc, size_t *yc,
	int *xi, int *yi)
{
	if (((unsigned char)t[k] & 0xC0) == 0x80)
		return 0;
	*xc = cp_count(t, k);
	*yc = cp_count(t + k, tl - k);
	if (*xc < 2 || *yc < 2)
		return 0;
	*xi = word_index(bw, nw, t, k);
	*yi = word_index(bw, nw, t + k, tl - k);
	return 1;
}

/*
** Whether some split X|Y of t could make a strong sign in find_glued: a
** camelCase join of a part that is a word of the base span, or an inserted
** part and a base part of STRONG_LEN code points or more (whether the
** inserted part stands alone somewhere is not asked: that takes the sets).
*/
static int could_be_strong(const fl_word *bw, size_t nw, const char *t, size_t tl)
{
	size_t k, xc, yc;
	int xi, yi;
	for (k = 1; k < tl; k++) {
		if (!split_word(bw, nw, t, tl, k, &xc, &yc, &xi, &yi))
			continue;
		if (xi >= 0 && yi == xi + 1) {
			if (camel_join(t, k, t + k, tl - k))
				return 1;
		} else if ((xi >= 0) != (yi >= 0)) {
			if (camel_join(t, k, t + k, tl - k) || (xc >= STRONG_LEN && yc >= STRONG_LEN))
				return 1;
		}
	}
	return 0;
}

/*
** The glued words of one replace edit. With probe set, finds nothing but
** sets c->may_be_strong when a word of the edit could be a strong sign,
** whatever the word sets say: a contribution where none can keeps no place
** at all (weak signs count only beside a strong one), so the sets, the
** words of both documents, are not built for it.
*/
static int find_glued(fl_ctx *c, const accord_amendment *a, const accord_edit *e, int probe)
{
	accord_token *bt = NULL, *nt = NULL;
	size_t nb = 0, nn = 0, i, nw = 0;
	fl_word *bw = NULL;
	int rc;
	const char *text = e->text;
	if ((rc = accord_tokenize(&bt, &nb, e->base_text, strlen(e->base_text))) != ACCORD_OK)
		goto cleanup;
	if ((rc = accord_tokenize(&nt, &nn, text, strlen(text))) != ACCORD_OK)
		goto cleanup;
	if (nb > 0 && (bw = accord_malloc(nb * sizeof(*bw))) == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	for (i = 0; i < nb; i++)
		if (bt[i].kind == ACCORD_TOKEN_WORD) {
			bw[nw].s = e->base_text + bt[i].offset;
			bw[nw++].len = bt[i].length;
		}
	for (i = 0; i < nn && nw > 0; i++) {
		const char *t = text + nt[i].offset;
		size_t tl = nt[i].length, k;
		int found = 0, best_strong = 0;
		size_t best_k = 0, best_ins = 0; /* best_ins: 0 join, 1 X inserted, 2 Y inserted */
		if (nt[i].kind != ACCORD_TOKEN_WORD || word_index(bw, nw, t, tl) >= 0 || cp_count(t, tl) < 4)
			continue;
		if (probe) {
			if (could_be_strong(bw, nw, t, tl)) {
				c->may_be_strong = 1;
				break;
			}
			continue;
		}
		if ((rc = build_base_set(c)) != ACCORD_OK)
			goto cleanup;
		if (set_has(&c->base_words, t, tl))
			continue;
		for (k = 1; k < tl && !(found && best_strong); k++) {
			const char *y = t + k;
			size_t xl = k, yl = tl - k, xc, yc;
			int xi, yi, camel, strong = -1, ins = 0;
			if (!split_word(bw, nw, t, tl, k, &xc, &yc, &xi, &yi))
				continue;
			camel = camel_join(t, xl, y, yl);
			if (xi >= 0 && yi == xi + 1) {
				strong = camel;
				ins = 0;
			} else if ((xi >= 0) != (yi >= 0)) {
				const char *is = xi >= 0 ? y : t;
				size_t il = xi >= 0 ? yl : xl, ic = xi >= 0 ? yc : xc, bc = xi >= 0 ? xc : yc;
				ins = xi >= 0 ? 2 : 1;
				if (camel)
					strong = 1;
				else if ((rc = build_all_set(c)) != ACCORD_OK)
					goto cleanup;
				else if (set_has(&c->all_words, is, il))
					strong = ic >= STRONG_LEN && bc >= STRONG_LEN;
			}
			if (strong < 0)
				continue;
			if (!found || (strong && !best_strong)) {
				found = 1;
				best_strong = strong;
				best_k = k;
				best_ins = (size_t)ins;
			}
		}
		if (!found)
			continue;
		if (best_ins == 0) {
			accord_buf both = ACCORD_BUF_INIT;
			if (accord_buf_printf(&both, "%.*s' and '%.*s", (int)best_k, t, (int)(tl - best_k), t + best_k) !=
				    ACCORD_OK ||
			    both.ptr == NULL) {
				accord_buf_dispose(&both);
				rc = ACCORD_ENOMEM;
				goto cleanup;
			}
			rc = add_place(c, a, ACCORD_FLATTENED_GLUED, best_strong, t, tl, NULL, 0, both.ptr, both.size);
			accord_buf_dispose(&both);
		} else if (best_ins == 1)
			rc = add_place(c, a, ACCORD_FLATTENED_GLUED, best_strong, t, tl, t, best_k, t + best_k, tl - best_k);
		else
			rc = add_place(c, a, ACCORD_FLATTENED_GLUED, best_strong, t, tl, t + best_k, tl - best_k, t, best_k);
		if (rc != ACCORD_OK)
			goto cleanup;
		/* the order they came in, for the kept pass: first is the part before the join */
		c->v[c->n - 1].first_inserted = best_ins == 1;
	}
cleanup:
	accord_free(bw);
	accord_free(bt);
	accord_free(nt);
	return rc;
}

/* "first second" in s, overlapping s[from..to): kept places for pair g. */
static int find_kept_in(fl_ctx *c, const accord_amendment *a, const char *s, size_t from, size_t to, size_t g)
{
	/* The pair's words and order, not the place: adding a place may move c->v (its strings stay). */
	const char *inserted = c->v[g].inserted, *base = c->v[g].base;
	const int first_inserted = c->v[g].first_inserted;
	const char *first = first_inserted ? inserted : base;
	const char *second = first_inserted ? base : inserted;
	size_t len = strlen(s), i, end;
	int rc;
	for (i = 0; i < len; i++) {
		if ((end = match_at(s, len, i, first, second)) == 0 || end <= from || i >= to)
			continue;
		if ((rc = add_place(c, a, ACCORD_FLATTENED_KEPT, 1, s + i, end - i, inserted, strlen(inserted), base,
			     strlen(base))) != ACCORD_OK)
			return rc;
		c->v[c->n - 1].first_inserted = first_inserted;
		i = end - 1;
	}
	return ACCORD_OK;
}

static int find_kept(fl_ctx *c, const accord_amendment_list *list, size_t n_glued)
{
	size_t i, j, g;
	int rc = ACCORD_OK;
	accord_buf s = ACCORD_BUF_INIT;
	for (g = 0; g < n_glued && rc == ACCORD_OK; g++) {
		if (c->v[g].inserted == NULL)
			continue;
		for (j = 0; j < g && (c->v[j].inserted == NULL || strcmp(c->v[j].inserted, c->v[g].inserted) != 0 ||
					     strcmp(c->v[j].base, c->v[g].base) != 0 || c->v[j].first_inserted != c->v[g].first_inserted);
		     j++)
			;
		if (j < g)
			continue; /* that pair was looked for already */
		for (i = 0; i < accord_amendments_count(list) && rc == ACCORD_OK; i++) {
			const accord_amendment *a = accord_amendments_get(list, i);
			size_t k;
			if (a->op == ACCORD_OP_ADD && a->text != NULL) {
				rc = find_kept_in(c, a, a->text, 0, strlen(a->text), g);
				continue;
			}
			for (k = 0; k < a->n_edits && rc == ACCORD_OK; k++) {
				const accord_edit *e = &a->edits[k];
				size_t bl = e->before ? strlen(e->before) : 0, tl = e->text ? strlen(e->text) : 0;
				if (tl == 0)
					continue;
				accord_buf_clear(&s);
				if (accord_buf_printf(&s, "%s%s%s", e->before ? e->before : "", e->text,
					    e->after ? e->after : "") != ACCORD_OK) {
					rc = ACCORD_ENOMEM;
					break;
				}
				rc = find_kept_in(c, a, s.ptr, bl, bl + tl, g);
			}
		}
	}
	accord_buf_dispose(&s);
	return rc;
}

void accord_flattened_free(accord_flattened *places, size_t n)
{
	size_t i;
	if (places == NULL)
		return;
	for (i = 0; i < n; i++) {
		accord_free((void *)places[i].amendment);
		accord_free((void *)places[i].token);
		accord_free((void *)places[i].inserted);
		accord_free((void *)places[i].base);
		accord_free((void *)places[i].message);
	}
	accord_free(places);
}

int accord_amendments_flattened(accord_flattened **out, size_t *n_out, const accord_amendment_list *list,
	const accord_doc *base, const accord_doc *contribution, const char *source, size_t source_len, accord_error *err)
{
	fl_ctx c;
	size_t i, k, n_glued, any_strong = 0;
	int rc = ACCORD_OK, probe;

	*out = NULL;
	*n_out = 0;
	memset(&c, 0, sizeof(c));
	c.base = base;
	c.contrib = contribution;
	c.list = list;
	c.source = source;
	c.source_len = source != NULL ? source_len : 0;
	for (probe = 1; probe >= 0 && rc == ACCORD_OK; probe--) {
		for (i = 0; i < accord_amendments_count(list) && rc == ACCORD_OK; i++) {
			const accord_amendment *a = accord_amendments_get(list, i);
			for (k = 0; k < a->n_edits && rc == ACCORD_OK && !(probe && c.may_be_strong); k++) {
				const accord_edit *e = &a->edits[k];
				if (e->base_text != NULL && e->base_text[0] != '\0' && e->text != NULL && e->text[0] != '\0')
					rc = find_glued(&c, a, e, probe);
			}
		}
		if (probe && !c.may_be_strong)
			break; /* no strong sign can be found: no place will be kept */
	}
	if (rc != ACCORD_OK)
		goto cleanup;
	/* weak signs count only beside a strong one */
	for (i = 0; i < c.n; i++)
		any_strong |= (size_t)c.strong[i];
	if (!any_strong) {
		accord_flattened_free(c.v, c.n);
		c.v = NULL;
		c.n = c.cap = 0;
	}
	n_glued = c.n;
	if ((rc = find_kept(&c, list, n_glued)) != ACCORD_OK)
		goto cleanup;
	/* where each place is: the k-th of its words on its amendment's lines */
	for (i = 0; i < c.n; i++) {
		accord_flattened *p = &c.v[i];
		const char *first = p->token, *second = NULL;
		unsigned skip = 0;
		for (k = 0; k < i; k++)
			if (c.v[k].kind == p->kind && strcmp(c.v[k].amendment, p->amendment) == 0 &&
			    strcmp(c.v[k].token, p->token) == 0)
				skip++;
		if (p->kind == ACCORD_FLATTENED_KEPT) {
			/* "paragraph   article": the words, whatever blanks the source has */
			first = p->first_inserted ? p->inserted : p->base;
			second = p->first_inserted ? p->base : p->inserted;
		}
		locate(&c, p->line, first, second, skip, &p->line, &p->col);
	}
	*out = c.v;
	*n_out = c.n;
	c.v = NULL;
	c.n = 0;
cleanup:
	if (rc != ACCORD_OK) {
		accord_error_set(err, rc, rc == ACCORD_ENOMEM ? "out of memory" : "cannot read the amendments' text");
		accord_flattened_free(c.v, c.n);
	}
	accord_free(c.strong);
	accord_free(c.base_words.slot);
	accord_free(c.base_words.words);
	accord_free(c.all_words.slot);
	accord_free(c.all_words.words);
	return rc;
}
