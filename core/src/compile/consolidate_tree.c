/*
** consolidate_tree.c: the working tree of accord_compilation_build (steps
** 1-3 of consolidate.c's outline): the base mirrored, the new sections and
** paragraphs placed where their proposers put them (an identical one, same
** place and text, merges into one, co-sponsored; a near-equal one is
** flagged), and every other amendment attached to its target as edits
** (MOD, MOVE, headings, metadata, footnotes) or marks (deletions, moves,
** relabels). With the arena vectors and sponsor lists the other steps share.
*/
#include <stdio.h>
#include <string.h>

#include "accord/text.h"
#include "compile/consolidate_tree_int.h"

/* ---- small arena-backed vectors ---------------------------------------------- */

int cmp_vec_insert(accord_arena *a, ptrvec *vec, size_t pos, void *p)
{
	if (vec->n == vec->cap) {
		size_t want = vec->cap ? vec->cap * 2 : 4;
		void **grown = accord_arena_alloc(a, want * sizeof(void *));
		if (grown == NULL)
			return ACCORD_ENOMEM;
		if (vec->n)
			memcpy(grown, vec->v, vec->n * sizeof(void *));
		vec->v = grown;
		vec->cap = want;
	}
	if (pos > vec->n)
		pos = vec->n;
	memmove(vec->v + pos + 1, vec->v + pos, (vec->n - pos) * sizeof(void *));
	vec->v[pos] = p;
	vec->n++;
	return ACCORD_OK;
}

int cmp_vec_push(accord_arena *a, ptrvec *vec, void *p)
{
	return cmp_vec_insert(a, vec, vec->n, p);
}

static int vec_has_string(const ptrvec *vec, const char *s)
{
	size_t i;
	for (i = 0; i < vec->n; i++)
		if (strcmp((const char *)vec->v[i], s) == 0)
			return 1;
	return 0;
}

static int vec_add_unique(accord_arena *a, ptrvec *vec, const char *s)
{
	if (s == NULL || vec_has_string(vec, s))
		return ACCORD_OK;
	return cmp_vec_push(a, vec, (void *)s);
}

/* Adds the proposers of a to parties (unique, in order) and its id to ids. */
int cmp_add_sponsors(accord_arena *a, ptrvec *parties, ptrvec *ids, const accord_amendment *am)
{
	size_t i;
	int rc;
	for (i = 0; i < am->n_proposers; i++)
		if ((rc = vec_add_unique(a, parties, am->proposers[i])) != ACCORD_OK)
			return rc;
	return vec_add_unique(a, ids, am->id);
}


/* ---- the working tree ------------------------------------------------------------ */

static int add_base_node(builder *b, wsection *sec, wnode *parent, const accord_para *p)
{
	wnode *n = accord_arena_alloc(b->a, sizeof(*n));
	size_t i;
	int rc;
	if (n == NULL)
		return OOM(b);
	memset(n, 0, sizeof(*n));
	n->id = p->id;
	n->label = p->label;
	n->text = p->text ? p->text : "";
	n->parent = parent;
	n->section = sec;
	if (cmp_vec_push(b->a, parent ? &parent->children : &sec->top, n) != ACCORD_OK ||
	    accord_id_index_put(&b->nodes, n->id, n) != ACCORD_OK)
		return OOM(b);
	for (i = 0; i < p->n_children; i++)
		if ((rc = add_base_node(b, sec, n, p->children[i])) != ACCORD_OK)
			return rc;
	return ACCORD_OK;
}

int cmp_mirror_base(builder *b)
{
	const accord_doc *base = b->c->base;
	size_t i, j;
	int rc;
	for (i = 0; i < base->n_sections; i++) {
		const accord_section *s = base->sections[i];
		wsection *ws = accord_arena_alloc(b->a, sizeof(*ws));
		if (ws == NULL)
			return OOM(b);
		memset(ws, 0, sizeof(*ws));
		ws->id = s->id;
		ws->heading = s->heading;
		if (cmp_vec_push(b->a, &b->sections, ws) != ACCORD_OK || accord_id_index_put(&b->secs, ws->id, ws) != ACCORD_OK)
			return OOM(b);
		for (j = 0; j < s->n_paras; j++)
			if ((rc = add_base_node(b, ws, NULL, s->paras[j])) != ACCORD_OK)
				return rc;
	}
	return ACCORD_OK;
}

static size_t index_of(const ptrvec *vec, const void *p)
{
	size_t i;
	for (i = 0; i < vec->n; i++)
		if (vec->v[i] == p)
			return i;
	return (size_t)-1;
}

/* Whether any proposer of a is already a sponsor in parties. */
static int shares_party(const ptrvec *parties, const accord_amendment *a)
{
	size_t i;
	for (i = 0; i < a->n_proposers; i++)
		if (vec_has_string(parties, a->proposers[i]))
			return 1;
	return 0;
}

/*
** Letters and digits only, lower-cased (ASCII case folding): what two texts
** that differ only in spacing, case or punctuation share. Ends with a NUL
** counted in out->size, so an empty result still has a buffer.
*/
int cmp_normalize(accord_buf *out, const char *s, size_t len)
{
	size_t i = 0;
	int rc = ACCORD_OK;
	accord_buf_clear(out);
	if ((rc = accord_buf_grow(out, len + 1)) != ACCORD_OK)
		return rc;
	while (i < len) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x80) {
			if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z'))
				out->ptr[out->size++] = (char)ch;
			else if (ch >= 'A' && ch <= 'Z')
				out->ptr[out->size++] = (char)(ch - 'A' + 'a');
			i++;
		} else {
			size_t start = i;
			uint32_t cp = accord_utf8_next(s, len, &i);
			if (!accord_codepoint_is_space(cp) && !accord_codepoint_is_punct(cp)) {
				memcpy(out->ptr + out->size, s + start, i - start);
				out->size += i - start;
			}
		}
	}
	out->ptr[out->size++] = '\0';
	return ACCORD_OK;
}

/* 1 when a and b differ only in spacing, case or punctuation; <0 on failure. */
int cmp_near_equal(const char *x, size_t xl, const char *y, size_t yl)
{
	accord_buf nx = ACCORD_BUF_INIT, ny = ACCORD_BUF_INIT;
	int rc = cmp_normalize(&nx, x, xl);
	if (rc == ACCORD_OK)
		rc = cmp_normalize(&ny, y, yl);
	if (rc == ACCORD_OK)
		rc = nx.size == ny.size && memcmp(nx.ptr, ny.ptr, nx.size) == 0;
	accord_buf_dispose(&nx);
	accord_buf_dispose(&ny);
	return rc;
}

/* ---- placing new sections and paragraphs ---------------------------------------- */

/* 1 placed, 0 not yet (its anchor is not placed yet), <0 error. */
static int place_section(builder *b, const accord_amendment *a)
{
	size_t pos = 0;
	wsection *ws, *anchor = NULL;
	if (a->position.after != NULL) {
		anchor = accord_id_index_get(&b->secs, a->position.after);
		if (anchor == NULL)
			return 0;
		pos = index_of(&b->sections, anchor) + 1;
	}
	/* after the new sections earlier parties put at the same place; an identical one is co-sponsored */
	for (; pos < b->sections.n && ((wsection *)b->sections.v[pos])->is_new; pos++) {
		wsection *other = b->sections.v[pos];
		const char *h1 = other->heading ? other->heading : "", *h2 = a->heading ? a->heading : "";
		if (strcmp(h1, h2) == 0 && !shares_party(&other->parties, a)) {
			if (cmp_add_sponsors(b->a, &other->parties, &other->ids, a) != ACCORD_OK ||
			    accord_id_index_put(&b->secs, a->id, other) != ACCORD_OK)
				return OOM(b);
			return 1;
		}
	}
	ws = accord_arena_alloc(b->a, sizeof(*ws));
	if (ws == NULL)
		return OOM(b);
	memset(ws, 0, sizeof(*ws));
	ws->id = a->id;
	ws->heading = a->heading;
	ws->is_new = 1;
	if (cmp_add_sponsors(b->a, &ws->parties, &ws->ids, a) != ACCORD_OK ||
	    cmp_vec_insert(b->a, &b->sections, pos, ws) != ACCORD_OK || accord_id_index_put(&b->secs, a->id, ws) != ACCORD_OK)
		return OOM(b);
	return 1;
}

/*
** New paragraphs go in runs: the new paragraphs that stand together between
** two base paragraphs of one list (or before its first). A paragraph placed
** after a base paragraph joins the run after it, one placed after a new
** paragraph the run that one is in, one placed first the run before the
** list's first paragraph; it always goes at the end of its run. So the runs
** are kept apart while placing and spliced into the lists at the end
** (splice_runs), which gives the lists a placement one at a time would.
**
** A run finds an identical proposal (to merge with) or a near-equal one (to
** flag) among its paragraphs through buckets in b->buckets: its paragraphs
** of one text, keyed "RUN=text", and those whose texts normalize alike
** (cmp_normalize), keyed "RUN:normalized text". A bucket keeps where the
** first paragraph not sharing a party with the last proposers that looked
** in it is: parties only grow and paragraphs only join at the end, so the
** paragraphs before it still share one, and a contribution adding
** thousands of equal or near-equal paragraphs costs linear time, not
** quadratic (issue 17). Proposers taking turns at one bucket start it over
** each time: only hand-made lists do that.
*/
typedef struct wrun {
	size_t seq;           /* its number, in the bucket keys */
	wnode *parent;        /* the list it is in: parent's children, or sec's top paragraphs */
	wsection *sec;
	ptrvec nodes;         /* its new paragraphs, in order */
	int spliced;
} wrun;

typedef struct wbucket {
	ptrvec nodes;                   /* wnode*, in run order */
	const accord_amendment *looker; /* whose proposers `from` is for */
	size_t from;                    /* nodes before it share a party with looker's proposers */
} wbucket;

static int same_proposers(const accord_amendment *x, const accord_amendment *y)
{
	size_t i;
	if (x == NULL || x->n_proposers != y->n_proposers)
		return 0;
	for (i = 0; i < x->n_proposers; i++)
		if (strcmp(x->proposers[i] ? x->proposers[i] : "", y->proposers[i] ? y->proposers[i] : "") != 0)
			return 0;
	return 1;
}

static wrun *open_run(builder *b, wrun **slot, wnode *parent, wsection *sec)
{
	wrun *r;
	if (*slot != NULL)
		return *slot;
	r = accord_arena_alloc(b->a, sizeof(*r));
	if (r == NULL)
		return NULL;
	memset(r, 0, sizeof(*r));
	r->seq = b->runs.n;
	r->parent = parent;
	r->sec = sec;
	if (cmp_vec_push(b->a, &b->runs, r) != ACCORD_OK)
		return NULL;
	*slot = r;
	return r;
}

/* The bucket of key in b->buckets, created empty when there is none; NULL when out of memory. */
static wbucket *get_bucket(builder *b, const accord_buf *key)
{
	wbucket *bk = accord_id_index_get(&b->buckets, key->ptr);
	const char *id;
	if (bk != NULL)
		return bk;
	id = accord_arena_strndup(b->a, key->ptr, strlen(key->ptr));
	bk = accord_arena_alloc(b->a, sizeof(*bk));
	if (id == NULL || bk == NULL)
		return NULL;
	memset(bk, 0, sizeof(*bk));
	return accord_id_index_put(&b->buckets, id, bk) == ACCORD_OK ? bk : NULL;
}

/* The first paragraph of bk (in run order) that shares no party with a's proposers, or NULL. */
static wnode *first_apart(wbucket *bk, const accord_amendment *a)
{
	size_t k = same_proposers(bk->looker, a) ? bk->from : 0;
	while (k < bk->nodes.n && shares_party(&((wnode *)bk->nodes.v[k])->parties, a))
		k++;
	bk->looker = a;
	bk->from = k;
	return k < bk->nodes.n ? bk->nodes.v[k] : NULL;
}

/*
** Looks in run r for a paragraph of a's text: *merge the first identical one
** not sharing a party with a, else *near the id of the first near-equal one
** not sharing a party with a (NULL: none); *same and *alike the buckets a new
** paragraph of that text joins: "RUN=text" and "RUN:normalized text". <0 on
** failure.
*/
static int run_lookup(builder *b, wrun *r, const accord_amendment *a, const char *text, wnode **merge,
	const char **near, wbucket **same, wbucket **alike)
{
	accord_buf norm = ACCORD_BUF_INIT, key = ACCORD_BUF_INIT;
	wnode *n;
	int rc = ACCORD_ENOMEM;

	*merge = NULL;
	*near = NULL;
	*alike = NULL;
	if (accord_buf_printf(&key, "%zu=", r->seq) != ACCORD_OK || accord_buf_puts(&key, text) != ACCORD_OK ||
	    (*same = get_bucket(b, &key)) == NULL)
		goto cleanup;
	if ((*merge = first_apart(*same, a)) != NULL) {
		rc = ACCORD_OK;
		goto cleanup;
	}
	accord_buf_clear(&key);
	if (cmp_normalize(&norm, text, strlen(text)) != ACCORD_OK || accord_buf_printf(&key, "%zu:", r->seq) != ACCORD_OK ||
	    accord_buf_put(&key, norm.ptr, norm.size) != ACCORD_OK || (*alike = get_bucket(b, &key)) == NULL)
		goto cleanup;
	if ((n = first_apart(*alike, a)) != NULL)
		*near = n->id;
	rc = ACCORD_OK;
cleanup:
	accord_buf_dispose(&norm);
	accord_buf_dispose(&key);
	return rc;
}

static int place_para(builder *b, const accord_amendment *a)
{
	wsection *sec = NULL;
	wnode *parent = NULL, *after = NULL, *n, *merge;
	wrun *r;
	wbucket *same, *alike;
	const char *text = a->text ? a->text : "", *near;

	if (a->position.parent != NULL) {
		parent = accord_id_index_get(&b->nodes, a->position.parent);
		if (parent == NULL)
			return 0;
		sec = parent->section;
	} else {
		if (a->position.section == NULL)
			return accord_error_set(b->err, ACCORD_ESCHEMA, "amendment %s: a new paragraph without a section",
				a->id);
		sec = accord_id_index_get(&b->secs, a->position.section);
		if (sec == NULL)
			return 0;
	}
	if (a->position.after != NULL) {
		after = accord_id_index_get(&b->nodes, a->position.after);
		if (after == NULL)
			return 0;
		/* the proposer may have moved its neighbour: stand beside the neighbour where the base has it */
		parent = after->parent;
		sec = after->section;
		r = open_run(b, &after->run, parent, sec);
	} else {
		r = open_run(b, parent ? &parent->first_run : &sec->first_run, parent, sec);
	}
	if (r == NULL)
		return OOM(b);
	/* after what earlier parties put here; merge with an identical proposal */
	if (run_lookup(b, r, a, text, &merge, &near, &same, &alike) != ACCORD_OK)
		return OOM(b);
	if (merge != NULL) {
		if (cmp_add_sponsors(b->a, &merge->parties, &merge->ids, a) != ACCORD_OK ||
		    accord_id_index_put(&b->nodes, a->id, merge) != ACCORD_OK)
			return OOM(b);
		return 1;
	}
	n = accord_arena_alloc(b->a, sizeof(*n));
	if (n == NULL)
		return OOM(b);
	memset(n, 0, sizeof(*n));
	n->id = a->id;
	n->proposed_label = a->label;
	n->text = text;
	n->is_new = 1;
	n->parent = parent;
	n->section = sec;
	n->near_dup = near;
	n->run = r;
	if (cmp_add_sponsors(b->a, &n->parties, &n->ids, a) != ACCORD_OK || cmp_vec_push(b->a, &r->nodes, n) != ACCORD_OK ||
	    cmp_vec_push(b->a, &same->nodes, n) != ACCORD_OK ||
	    cmp_vec_push(b->a, &alike->nodes, n) != ACCORD_OK || accord_id_index_put(&b->nodes, a->id, n) != ACCORD_OK)
		return OOM(b);
	return 1;
}

/* Puts the runs into their lists: each after its base paragraph, or first. */
static int splice_runs(builder *b)
{
	size_t i, j, k, total;
	for (i = 0; i < b->runs.n; i++) {
		wrun *r = b->runs.v[i], *start;
		ptrvec *sib;
		void **v;
		if (r->spliced)
			continue;
		sib = r->parent ? &r->parent->children : &r->sec->top;
		start = r->parent ? r->parent->first_run : r->sec->first_run;
		total = sib->n + (start ? start->nodes.n : 0);
		for (j = 0; j < sib->n; j++)
			if (((wnode *)sib->v[j])->run != NULL)
				total += ((wnode *)sib->v[j])->run->nodes.n;
		v = accord_arena_alloc(b->a, (total ? total : 1) * sizeof(void *));
		if (v == NULL)
			return OOM(b);
		k = 0;
		if (start != NULL) {
			memcpy(v, start->nodes.v, start->nodes.n * sizeof(void *));
			k = start->nodes.n;
			start->spliced = 1;
		}
		for (j = 0; j < sib->n; j++) {
			wrun *after = ((wnode *)sib->v[j])->run;
			v[k++] = sib->v[j];
			if (after != NULL) {
				memcpy(v + k, after->nodes.v, after->nodes.n * sizeof(void *));
				k += after->nodes.n;
				after->spliced = 1;
			}
		}
		sib->v = v;
		sib->n = sib->cap = total;
	}
	return ACCORD_OK;
}

int cmp_place_new(builder *b)
{
	accord_compilation *c = b->c;
	unsigned char *done = NULL;
	size_t i, left = 0;
	int rc = ACCORD_OK, pass;

	done = accord_calloc(c->n_all ? c->n_all : 1, 1);
	if (done == NULL)
		return OOM(b);
	for (i = 0; i < c->n_all; i++)
		if (c->all[i]->op == ACCORD_OP_ADD_SECTION || c->all[i]->op == ACCORD_OP_ADD)
			left++;
		else
			done[i] = 1;
	/* sections first, then paragraphs; more passes for anchors proposed later in the input */
	for (pass = 0; pass < 2; pass++) {
		accord_op op = pass == 0 ? ACCORD_OP_ADD_SECTION : ACCORD_OP_ADD;
		int progress = 1;
		while (progress) {
			progress = 0;
			for (i = 0; i < c->n_all; i++) {
				if (done[i] || c->all[i]->op != op)
					continue;
				rc = op == ACCORD_OP_ADD ? place_para(b, c->all[i]) : place_section(b, c->all[i]);
				if (rc < 0)
					goto cleanup;
				if (rc == 1) {
					done[i] = 1;
					left--;
					progress = 1;
				}
			}
		}
		for (i = 0; i < c->n_all; i++)
			if (!done[i] && c->all[i]->op == op) {
				const accord_amendment *a = c->all[i];
				rc = accord_error_set(b->err, ACCORD_ENOTFOUND,
					"amendment %s: no paragraph or section '%s' to place it by", a->id,
					a->position.after ? a->position.after
					: a->position.parent ? a->position.parent : a->position.section ? a->position.section : "");
				goto cleanup;
			}
	}
	rc = splice_runs(b);
cleanup:
	accord_id_index_dispose(&b->buckets);
	accord_free(done);
	return rc;
}

/* ---- edits and marks ---------------------------------------------------------------- */

/* An edit from a whole old value to a new one: the smallest token span that differs. */
static int value_edit(builder *b, accord_edit **out, const char *from, const char *to)
{
	accord_token *tf = NULL, *tt = NULL;
	size_t nf = 0, nt = 0, p = 0, s = 0, lf = strlen(from), lt = strlen(to);
	accord_edit *e;
	int rc;

	*out = NULL;
	if ((rc = accord_tokenize(&tf, &nf, from, lf)) != ACCORD_OK ||
	    (rc = accord_tokenize(&tt, &nt, to, lt)) != ACCORD_OK)
		goto cleanup;
	while (p < nf && p < nt && tf[p].length == tt[p].length &&
	       memcmp(from + tf[p].offset, to + tt[p].offset, tf[p].length) == 0)
		p++;
	while (s < nf - p && s < nt - p && tf[nf - 1 - s].length == tt[nt - 1 - s].length &&
	       memcmp(from + tf[nf - 1 - s].offset, to + tt[nt - 1 - s].offset, tf[nf - 1 - s].length) == 0)
		s++;
	e = accord_arena_alloc(b->a, sizeof(*e));
	if (e == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	memset(e, 0, sizeof(*e));
	{
		size_t fb = p < nf ? tf[p].offset : lf, fe = s ? tf[nf - s].offset : lf;
		size_t tb = p < nt ? tt[p].offset : lt, te = s ? tt[nt - s].offset : lt;
		e->base_start = (uint32_t)p;
		e->base_count = (uint32_t)(nf - p - s);
		e->base_text = accord_arena_strndup(b->a, from + fb, fe - fb);
		e->text = accord_arena_strndup(b->a, to + tb, te - tb);
		e->kind = e->base_count == 0 ? ACCORD_EDIT_INSERT : te == tb ? ACCORD_EDIT_DELETE : ACCORD_EDIT_REPLACE;
		if (e->base_text == NULL || e->text == NULL) {
			rc = ACCORD_ENOMEM;
			goto cleanup;
		}
	}
	*out = e;
cleanup:
	accord_free(tf);
	accord_free(tt);
	return rc;
}

static int push_edit(builder *b, ptrvec *edits, const accord_amendment *a, size_t order, const accord_edit *e)
{
	edit_ref *r = accord_arena_alloc(b->a, sizeof(*r));
	if (r == NULL)
		return OOM(b);
	r->a = a;
	r->order = order;
	r->e = e;
	r->start = e->base_start;
	r->count = e->base_count;
	return cmp_vec_push(b->a, edits, r) == ACCORD_OK ? ACCORD_OK : OOM(b);
}

static int add_mark(builder *b, ptrvec *marks, accord_mark_kind kind, const char *text, const accord_amendment *a)
{
	size_t i;
	wmark *m;
	for (i = 0; i < marks->n; i++) {
		m = marks->v[i];
		if (m->kind != kind)
			continue;
		if (kind == ACCORD_MARK_DELETE || (kind == ACCORD_MARK_RELABEL && text && m->text && !strcmp(text, m->text)) ||
		    (kind == ACCORD_MARK_MOVE && m->first != NULL &&
			    !strcmp(m->first->position.section ? m->first->position.section : "",
				    a->position.section ? a->position.section : "") &&
			    !strcmp(m->first->position.parent ? m->first->position.parent : "",
				    a->position.parent ? a->position.parent : "") &&
			    !strcmp(m->first->position.after ? m->first->position.after : "",
				    a->position.after ? a->position.after : "")))
			return cmp_add_sponsors(b->a, &m->parties, &m->ids, a) == ACCORD_OK ? ACCORD_OK : OOM(b);
	}
	m = accord_arena_alloc(b->a, sizeof(*m));
	if (m == NULL)
		return OOM(b);
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->text = text;
	m->first = a;
	if (cmp_add_sponsors(b->a, &m->parties, &m->ids, a) != ACCORD_OK || cmp_vec_push(b->a, marks, m) != ACCORD_OK)
		return OOM(b);
	return ACCORD_OK;
}

static const char *const field_order[] = {"symbol", "source", "notes", "title", "body"};

static int get_field(builder *b, wfield **out, const char *name, const char *base_value)
{
	size_t i;
	wfield *f;
	for (i = 0; i < b->fields.n; i++) {
		f = b->fields.v[i];
		if (strcmp(f->name, name) == 0) {
			*out = f;
			return ACCORD_OK;
		}
	}
	f = accord_arena_alloc(b->a, sizeof(*f));
	if (f == NULL)
		return OOM(b);
	memset(f, 0, sizeof(*f));
	f->name = cmp_arena_str(b->a, name);
	f->base_value = base_value ? cmp_arena_str(b->a, base_value) : NULL;
	f->rank = 100 + (int)b->fields.n;
	for (i = 0; i < sizeof(field_order) / sizeof(field_order[0]); i++)
		if (strcmp(name, field_order[i]) == 0)
			f->rank = (int)i;
	if (f->name == NULL || (base_value && f->base_value == NULL) || cmp_vec_push(b->a, &b->fields, f) != ACCORD_OK)
		return OOM(b);
	*out = f;
	return ACCORD_OK;
}

static int attach_field(builder *b, const accord_amendment *a, size_t order)
{
	const accord_doc *base = b->c->base;
	const char *base_value = NULL, *to;
	char name[96];
	accord_buf notes = ACCORD_BUF_INIT;
	wfield *f = NULL;
	accord_edit *e = NULL;
	int rc;

	if (a->op == ACCORD_OP_FOOTNOTE) {
		const accord_footnote *fn = a->footnote ? accord_doc_find_footnote(base, a->footnote) : NULL;
		snprintf(name, sizeof(name), "footnote %s", a->footnote ? a->footnote : "?");
		base_value = fn ? fn->text : NULL;
		to = a->value_to;
	} else {
		int field = a->field ? accord_meta_field_from_name(a->field) : -1;
		snprintf(name, sizeof(name), "%s", a->field ? a->field : "?");
		if (field >= 0) {
			base_value = accord_doc_meta(base, (accord_meta_field)field);
		} else if (a->field && strcmp(a->field, "notes") == 0) {
			size_t i;
			for (i = 0; i < base->n_notes; i++)
				if ((i && accord_buf_putc(&notes, '\n') != ACCORD_OK) || accord_buf_puts(&notes, base->notes[i]) != ACCORD_OK) {
					rc = OOM(b);
					goto cleanup;
				}
			base_value = notes.size ? notes.ptr : NULL;
		} else if (a->field && strcmp(a->field, "mode") == 0) {
			/* How the contribution was read (a Markdown or generic text against
			** an opinion), not a proposal on the text: nothing to show. Accepting
			** the party's proposals still applies it (accord_compilation_accept). */
			rc = ACCORD_OK;
			goto cleanup;
		} else {
			rc = accord_error_set(b->err, ACCORD_ESCHEMA, "amendment %s: unknown field '%s'", a->id, name);
			goto cleanup;
		}
		to = a->value_to;
	}
	if ((rc = get_field(b, &f, name, base_value)) != ACCORD_OK)
		goto cleanup;
	if ((rc = value_edit(b, &e, base_value ? base_value : "", to ? to : "")) != ACCORD_OK) {
		rc = accord_error_set(b->err, rc, rc == ACCORD_ENOMEM ? "out of memory" : "amendment %s: bad text", a->id);
		goto cleanup;
	}
	if (e->base_count == 0 && e->text[0] == '\0') /* no change after all */
		goto cleanup;
	rc = push_edit(b, &f->edits, a, order, e);
cleanup:
	accord_buf_dispose(&notes);
	return rc;
}

int cmp_attach_all(builder *b)
{
	accord_compilation *c = b->c;
	size_t i, j;
	int rc;
	for (i = 0; i < c->n_all; i++) {
		const accord_amendment *a = c->all[i];
		wnode *n = NULL;
		wsection *s = NULL;
		switch (a->op) {
		case ACCORD_OP_ADD:
		case ACCORD_OP_ADD_SECTION:
			break;
		case ACCORD_OP_SUP:
		case ACCORD_OP_MOD:
		case ACCORD_OP_MOVE:
			n = a->target ? accord_id_index_get(&b->nodes, a->target) : NULL;
			if (n == NULL)
				return accord_error_set(b->err, ACCORD_ENOTFOUND, "amendment %s: no paragraph '%s'", a->id,
					a->target ? a->target : "");
			if (a->op == ACCORD_OP_SUP) {
				if ((rc = add_mark(b, &n->marks, ACCORD_MARK_DELETE, NULL, a)) != ACCORD_OK)
					return rc;
				break;
			}
			if (a->op == ACCORD_OP_MOVE && (rc = add_mark(b, &n->marks, ACCORD_MARK_MOVE, NULL, a)) != ACCORD_OK)
				return rc;
			if (a->label_changed) {
				const char *to = a->label_to ? a->label_to : "";
				if ((rc = add_mark(b, &n->marks, ACCORD_MARK_RELABEL, to, a)) != ACCORD_OK)
					return rc;
			}
			for (j = 0; j < a->n_edits; j++)
				if ((rc = push_edit(b, &n->edits, a, i, &a->edits[j])) != ACCORD_OK)
					return rc;
			break;
		case ACCORD_OP_HEADING:
		case ACCORD_OP_SUP_SECTION:
		case ACCORD_OP_MOVE_SECTION:
			s = a->target ? accord_id_index_get(&b->secs, a->target) : NULL;
			if (s == NULL)
				return accord_error_set(b->err, ACCORD_ENOTFOUND, "amendment %s: no section '%s'", a->id,
					a->target ? a->target : "");
			if (a->op == ACCORD_OP_HEADING) {
				accord_edit *e;
				if ((rc = value_edit(b, &e, s->heading ? s->heading : "", a->heading ? a->heading : "")) != ACCORD_OK)
					return accord_error_set(b->err, rc, rc == ACCORD_ENOMEM ? "out of memory" : "amendment %s: bad heading", a->id);
				if ((e->base_count > 0 || e->text[0] != '\0') && (rc = push_edit(b, &s->edits, a, i, e)) != ACCORD_OK)
					return rc;
			} else if ((rc = add_mark(b, &s->marks, a->op == ACCORD_OP_SUP_SECTION ? ACCORD_MARK_DELETE : ACCORD_MARK_MOVE,
					    NULL, a)) != ACCORD_OK)
				return rc;
			break;
		case ACCORD_OP_META:
		case ACCORD_OP_FOOTNOTE:
			if ((rc = attach_field(b, a, i)) != ACCORD_OK)
				return rc;
			break;
		default:
			return accord_error_set(b->err, ACCORD_ESCHEMA, "amendment %s: unknown operation", a->id);
		}
	}
	return ACCORD_OK;
}

