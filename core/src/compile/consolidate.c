/*
** consolidate.c: many contributions (or amendment lists) on one base ->
** the compilation model: proposals grouped per paragraph into co-sponsored
** changes, near-duplicates and alternatives, new paragraphs in place.
**
** How it works, in accord_compilation_build:
**   1. a working tree mirrors the base (sections, paragraphs in pre-order);
**   2. new sections and paragraphs (ADD_SECTION, ADD) are placed where their
**      proposers put them, after the new ones placed there by earlier parties;
**      identical ones (same place, same text) merge into one, co-sponsored;
**   3. every other amendment attaches to its target: span edits (MOD, MOVE),
**      heading and metadata changes become edits too (the smallest token
**      span that changed), deletions, moves and relabels become marks;
**   4. the edits on one text are clustered: edits whose base spans overlap
**      (or insertions at one point) form a cluster; within it each amendment
**      gives one option (the cluster's span as that amendment would have it),
**      equal options merge (co-sponsors), options equal but for spacing,
**      case and punctuation are flagged as near-duplicates;
**   5. new paragraphs get labels from the convention ("a bis)") and the
**      tree is flattened into the public view.
** Everything of the model lives in one arena, dropped on rebuild and free.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/roster.h"
#include "accord/text.h"
#include "compile/consolidate_int.h"

/* ---- small arena-backed vectors ---------------------------------------------- */

typedef struct ptrvec {
	void **v;
	size_t n, cap;
} ptrvec;

static int vec_insert(accord_arena *a, ptrvec *vec, size_t pos, void *p)
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

static int vec_push(accord_arena *a, ptrvec *vec, void *p)
{
	return vec_insert(a, vec, vec->n, p);
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
	return vec_push(a, vec, (void *)s);
}

/* Adds the proposers of a to parties (unique, in order) and its id to ids. */
static int add_sponsors(accord_arena *a, ptrvec *parties, ptrvec *ids, const accord_amendment *am)
{
	size_t i;
	int rc;
	for (i = 0; i < am->n_proposers; i++)
		if ((rc = vec_add_unique(a, parties, am->proposers[i])) != ACCORD_OK)
			return rc;
	return vec_add_unique(a, ids, am->id);
}

static char *arena_str(accord_arena *a, const char *s)
{
	return s == NULL ? NULL : accord_arena_strndup(a, s, strlen(s));
}

/* ---- parties --------------------------------------------------------------------- */

static const char *const palette[] = {
	"#0b5cad", "#b3261e", "#1b7a3d", "#7b3fa0", "#c25400", "#00767f",
	"#a0306d", "#5d6a00", "#2f3e9e", "#7a4a12", "#00796b", "#ad1457",
};
#define PALETTE_SIZE (sizeof(palette) / sizeof(palette[0]))

/* A colour for the i-th party beyond the palette: hues by the golden angle, dark enough for white paper. */
static void generated_color(char out[8], size_t i)
{
	double h = (double)((i * 137) % 360) / 60.0, s = 0.75, l = 0.36;
	double chroma = (1.0 - (2.0 * l - 1.0 < 0 ? 1.0 - 2.0 * l : 2.0 * l - 1.0)) * s;
	double hmod = h - 2.0 * (double)(int)(h / 2.0);
	double x = chroma * (1.0 - (hmod - 1.0 < 0 ? 1.0 - hmod : hmod - 1.0));
	double r = 0, g = 0, bl = 0, m = l - chroma / 2.0;
	switch ((int)h) {
	case 0: r = chroma; g = x; break;
	case 1: r = x; g = chroma; break;
	case 2: g = chroma; bl = x; break;
	case 3: g = x; bl = chroma; break;
	case 4: r = x; bl = chroma; break;
	default: r = chroma; bl = x; break;
	}
	snprintf(out, 8, "#%02x%02x%02x", (unsigned)((r + m) * 255.0 + 0.5) & 0xff,
		(unsigned)((g + m) * 255.0 + 0.5) & 0xff, (unsigned)((bl + m) * 255.0 + 0.5) & 0xff);
}

size_t accord_compilation_party_index(const accord_compilation *c, const char *code)
{
	void *slot;
	if (c == NULL || code == NULL)
		return (size_t)-1;
	slot = accord_id_index_get(&c->party_index, code);
	return slot == NULL ? (size_t)-1 : (size_t)(uintptr_t)slot - 1;
}

/* The party with this code, created when new. */
static int ensure_party(accord_cmp_party **out, accord_compilation *c, const char *code)
{
	size_t i = accord_compilation_party_index(c, code);
	accord_cmp_party *p;
	char color[8];
	*out = NULL;
	if (i != (size_t)-1) {
		*out = &c->parties[i];
		return ACCORD_OK;
	}
	if (c->n_parties == c->cap_parties) {
		size_t want = c->cap_parties ? c->cap_parties * 2 : 8;
		accord_cmp_party *grown = accord_realloc(c->parties, want * sizeof(*grown));
		if (grown == NULL)
			return ACCORD_ENOMEM;
		c->parties = grown;
		c->cap_parties = want;
	}
	p = &c->parties[c->n_parties];
	memset(p, 0, sizeof(*p));
	if (c->n_parties < PALETTE_SIZE)
		snprintf(color, sizeof(color), "%s", palette[c->n_parties]);
	else
		generated_color(color, c->n_parties);
	p->code = arena_str(&c->keep, code);
	p->color = arena_str(&c->keep, color);
	if (p->code == NULL || p->color == NULL ||
	    accord_id_index_put(&c->party_index, p->code, (void *)(uintptr_t)(c->n_parties + 1)) != ACCORD_OK)
		return ACCORD_ENOMEM;
	c->n_parties++;
	*out = p;
	return ACCORD_OK;
}

/* ---- creating, adding ---------------------------------------------------------- */

static void model_reset(accord_compilation *c)
{
	accord_arena_dispose(&c->model);
	accord_id_index_dispose(&c->para_index);
	c->sections = NULL;
	c->n_sections = 0;
	c->fields = NULL;
	c->n_fields = 0;
	c->all = NULL;
	c->n_all = 0;
	c->built = 0;
}

int accord_compilation_new(accord_compilation **out, const accord_doc *base, accord_error *err)
{
	accord_compilation *c;
	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_new: no out pointer");
	*out = NULL;
	if (base == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_new: no base document");
	c = accord_calloc(1, sizeof(*c));
	if (c == NULL)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	c->base = base;
	*out = c;
	return ACCORD_OK;
}

void accord_compilation_free(accord_compilation *c)
{
	size_t i;
	if (c == NULL)
		return;
	model_reset(c);
	for (i = 0; i < c->n_lists; i++)
		accord_amendments_free(c->lists[i]);
	accord_free(c->lists);
	accord_free(c->parties);
	accord_id_index_dispose(&c->party_index);
	accord_id_index_dispose(&c->amendment_ids);
	accord_arena_dispose(&c->keep);
	accord_doc_free(c->owned_base);
	accord_free(c);
}

void accord_compilation_own_base(accord_compilation *c, accord_doc *base)
{
	c->owned_base = base;
}

/* Takes ownership of list (freed on failure too). */
static int adopt_list(accord_compilation *c, accord_amendment_list *list, const char *source, accord_error *err)
{
	size_t i, j, n = accord_amendments_count(list);
	int rc;
	if (c->n_lists == c->cap_lists) {
		size_t want = c->cap_lists ? c->cap_lists * 2 : 8;
		accord_amendment_list **grown = accord_realloc(c->lists, want * sizeof(*grown));
		if (grown == NULL) {
			accord_amendments_free(list);
			return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		}
		c->lists = grown;
		c->cap_lists = want;
	}
	c->lists[c->n_lists++] = list;
	for (i = 0; i < n; i++) {
		const accord_amendment *a = accord_amendments_get(list, i);
		if (accord_id_index_put(&c->amendment_ids, a->id, (void *)a) != ACCORD_OK)
			return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		for (j = 0; j < a->n_proposers; j++) {
			accord_cmp_party *p;
			if ((rc = ensure_party(&p, c, a->proposers[j])) != ACCORD_OK)
				return accord_error_set(err, rc, "out of memory");
			p->n_amendments++;
			if (p->source == NULL && source != NULL && j == 0 && (p->source = arena_str(&c->keep, source)) == NULL)
				return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		}
	}
	c->built = 0;
	return ACCORD_OK;
}

/* Whether an amendment id is already used by an input list. */
static const char *find_amendment_id(const accord_compilation *c, const char *id)
{
	return accord_id_index_get(&c->amendment_ids, id) != NULL ? id : NULL;
}

int accord_compilation_add_contribution(accord_compilation *c, const char *party, const accord_doc *contribution,
	const char *source, accord_error *err)
{
	accord_doc_diff_options opts = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_amendment_list *list = NULL;
	accord_cmp_party *p;
	size_t i;
	int rc;

	if (c == NULL || party == NULL || contribution == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_add_contribution: missing argument");
	if ((rc = accord_party_code_check(party, err)) != ACCORD_OK)
		return rc;
	if (accord_compilation_party_index(c, party) != (size_t)-1)
		return accord_error_set(err, ACCORD_EINVAL, "party %s contributes twice", party);
	if (source == NULL)
		source = accord_doc_origin(contribution);
	opts.party = party;
	if ((rc = accord_doc_diff(&list, c->base, contribution, &opts, err)) != ACCORD_OK)
		return rc;
	for (i = 0; i < accord_amendments_count(list); i++)
		if (find_amendment_id(c, accord_amendments_get(list, i)->id) != NULL) {
			rc = accord_error_set(err, ACCORD_EINVAL, "amendment id %s is used twice",
				accord_amendments_get(list, i)->id);
			accord_amendments_free(list);
			return rc;
		}
	/* The party exists even when it proposes nothing (its text is the base). */
	if ((rc = ensure_party(&p, c, party)) != ACCORD_OK) {
		accord_amendments_free(list);
		return accord_error_set(err, rc, "out of memory");
	}
	if (source != NULL && p->source == NULL && (p->source = arena_str(&c->keep, source)) == NULL) {
		accord_amendments_free(list);
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	return adopt_list(c, list, source, err);
}

int accord_compilation_add_amendments(accord_compilation *c, const accord_amendment_list *list, accord_error *err)
{
	accord_amendment_list *copy = NULL;
	size_t i, n;
	int rc;

	if (c == NULL || list == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_add_amendments: missing argument");
	n = accord_amendments_count(list);
	for (i = 0; i < n; i++) {
		const accord_amendment *a = accord_amendments_get(list, i);
		if (a->n_proposers == 0)
			return accord_error_set(err, ACCORD_EINVAL, "amendment %s has no proposer", a->id);
		if (find_amendment_id(c, a->id) != NULL)
			return accord_error_set(err, ACCORD_EINVAL, "amendment id %s is used twice", a->id);
	}
	if ((rc = accord_amendments_new(&copy)) != ACCORD_OK)
		return accord_error_set(err, rc, "out of memory");
	for (i = 0; i < n; i++)
		if ((rc = accord_amendments_add(copy, accord_amendments_get(list, i))) != ACCORD_OK) {
			accord_amendments_free(copy);
			return accord_error_set(err, rc, rc == ACCORD_ENOMEM ? "out of memory" : "bad amendment %s",
				accord_amendments_get(list, i)->id);
		}
	if ((rc = accord_amendments_set_origin(copy, accord_amendments_party(list), accord_amendments_base_name(list),
		     accord_amendments_contribution_name(list))) != ACCORD_OK) {
		accord_amendments_free(copy);
		return accord_error_set(err, rc, "out of memory");
	}
	return adopt_list(c, copy, accord_amendments_contribution_name(list), err);
}

int accord_compilation_set_party_info(accord_compilation *c, const char *party, const char *name, const char *color)
{
	size_t i = accord_compilation_party_index(c, party);
	if (i == (size_t)-1)
		return ACCORD_ENOTFOUND;
	if (name != NULL && (c->parties[i].name = arena_str(&c->keep, name)) == NULL)
		return ACCORD_ENOMEM;
	if (color != NULL) {
		size_t k, len = strlen(color);
		if (len != 7 || color[0] != '#')
			return ACCORD_EINVAL;
		for (k = 1; k < 7; k++)
			if (!((color[k] >= '0' && color[k] <= '9') || (color[k] >= 'a' && color[k] <= 'f') ||
				    (color[k] >= 'A' && color[k] <= 'F')))
				return ACCORD_EINVAL;
		if ((c->parties[i].color = arena_str(&c->keep, color)) == NULL)
			return ACCORD_ENOMEM;
	}
	return ACCORD_OK;
}

/* ---- the working tree ------------------------------------------------------------ */

typedef struct edit_ref {
	const accord_amendment *a; /* the amendment the edit belongs to */
	size_t order;              /* a's index in input order */
	const accord_edit *e;
	uint32_t start, count;     /* the verified span */
} edit_ref;

typedef struct wmark {
	accord_mark_kind kind;
	const char *text;
	const accord_amendment *first; /* MOVE: where to */
	ptrvec parties, ids;
} wmark;

struct wsection;

typedef struct wnode {
	const char *id;
	const char *label, *proposed_label, *text;
	int is_new;
	struct wnode *parent;
	struct wsection *section;
	ptrvec children;
	ptrvec parties, ids;
	const char *near_dup;
	ptrvec edits;  /* edit_ref* */
	ptrvec marks;  /* wmark* */
	accord_cmp_para *view;
} wnode;

typedef struct wsection {
	const char *id, *heading;
	int is_new;
	ptrvec parties, ids;
	ptrvec top;    /* wnode* */
	ptrvec edits;  /* heading edits */
	ptrvec marks;
} wsection;

typedef struct wfield {
	const char *name;
	const char *base_value;
	int rank;
	ptrvec edits;
} wfield;

typedef struct builder {
	accord_compilation *c;
	accord_arena *a;
	ptrvec sections;         /* wsection*, display order */
	accord_id_index nodes;   /* id -> wnode (base ids, ADD ids, merged aliases) */
	accord_id_index secs;    /* id -> wsection */
	ptrvec fields;           /* wfield* */
	accord_error *err;
} builder;

#define OOM(b) accord_error_set((b)->err, ACCORD_ENOMEM, "out of memory")

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
	if (vec_push(b->a, parent ? &parent->children : &sec->top, n) != ACCORD_OK ||
	    accord_id_index_put(&b->nodes, n->id, n) != ACCORD_OK)
		return OOM(b);
	for (i = 0; i < p->n_children; i++)
		if ((rc = add_base_node(b, sec, n, p->children[i])) != ACCORD_OK)
			return rc;
	return ACCORD_OK;
}

static int mirror_base(builder *b)
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
		if (vec_push(b->a, &b->sections, ws) != ACCORD_OK || accord_id_index_put(&b->secs, ws->id, ws) != ACCORD_OK)
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
static int normalize(accord_buf *out, const char *s, size_t len)
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
static int near_equal(const char *x, size_t xl, const char *y, size_t yl)
{
	accord_buf nx = ACCORD_BUF_INIT, ny = ACCORD_BUF_INIT;
	int rc = normalize(&nx, x, xl);
	if (rc == ACCORD_OK)
		rc = normalize(&ny, y, yl);
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
			if (add_sponsors(b->a, &other->parties, &other->ids, a) != ACCORD_OK ||
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
	if (add_sponsors(b->a, &ws->parties, &ws->ids, a) != ACCORD_OK ||
	    vec_insert(b->a, &b->sections, pos, ws) != ACCORD_OK || accord_id_index_put(&b->secs, a->id, ws) != ACCORD_OK)
		return OOM(b);
	return 1;
}

static int place_para(builder *b, const accord_amendment *a)
{
	wsection *sec = NULL;
	wnode *parent = NULL, *after = NULL, *n;
	ptrvec *sib;
	size_t pos = 0, k;
	const char *text = a->text ? a->text : "";

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
	sib = parent ? &parent->children : &sec->top;
	if (a->position.after != NULL) {
		after = accord_id_index_get(&b->nodes, a->position.after);
		if (after == NULL)
			return 0;
		if (after->parent != parent || after->section != sec) {
			/* the proposer moved its neighbour: stand beside the neighbour where the base has it */
			parent = after->parent;
			sec = after->section;
			sib = parent ? &parent->children : &sec->top;
		}
		pos = index_of(sib, after) + 1;
	}
	/* after what earlier parties put here; merge with an identical proposal */
	{
		const char *near = NULL;
		size_t run = pos;
		/* the whole run of new paragraphs next to the same base anchor */
		size_t first = pos;
		while (first > 0 && ((wnode *)sib->v[first - 1])->is_new)
			first--;
		while (run < sib->n && ((wnode *)sib->v[run])->is_new)
			run++;
		for (k = first; k < run; k++) {
			wnode *other = sib->v[k];
			if (shares_party(&other->parties, a))
				continue;
			if (strcmp(other->text, text) == 0) {
				if (add_sponsors(b->a, &other->parties, &other->ids, a) != ACCORD_OK ||
				    accord_id_index_put(&b->nodes, a->id, other) != ACCORD_OK)
					return OOM(b);
				return 1;
			}
			if (near == NULL) {
				int eq = near_equal(other->text, strlen(other->text), text, strlen(text));
				if (eq < 0)
					return OOM(b);
				if (eq)
					near = other->id;
			}
		}
		pos = run;
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
	}
	if (add_sponsors(b->a, &n->parties, &n->ids, a) != ACCORD_OK || vec_insert(b->a, sib, pos, n) != ACCORD_OK ||
	    accord_id_index_put(&b->nodes, a->id, n) != ACCORD_OK)
		return OOM(b);
	return 1;
}

static int place_new(builder *b)
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
	rc = ACCORD_OK;
cleanup:
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
	return vec_push(b->a, edits, r) == ACCORD_OK ? ACCORD_OK : OOM(b);
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
			return add_sponsors(b->a, &m->parties, &m->ids, a) == ACCORD_OK ? ACCORD_OK : OOM(b);
	}
	m = accord_arena_alloc(b->a, sizeof(*m));
	if (m == NULL)
		return OOM(b);
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->text = text;
	m->first = a;
	if (add_sponsors(b->a, &m->parties, &m->ids, a) != ACCORD_OK || vec_push(b->a, marks, m) != ACCORD_OK)
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
	f->name = arena_str(b->a, name);
	f->base_value = base_value ? arena_str(b->a, base_value) : NULL;
	f->rank = 100 + (int)b->fields.n;
	for (i = 0; i < sizeof(field_order) / sizeof(field_order[0]); i++)
		if (strcmp(name, field_order[i]) == 0)
			f->rank = (int)i;
	if (f->name == NULL || (base_value && f->base_value == NULL) || vec_push(b->a, &b->fields, f) != ACCORD_OK)
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

static int attach_all(builder *b)
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

/* ---- clusters ---------------------------------------------------------------------- */

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

static int sponsors_view(builder *b, const ptrvec *v, const char *const **out, size_t *n)
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

static int build_clusters(builder *b, const char *text, ptrvec *edits, const accord_cmp_cluster **out, size_t *n_out)
{
	accord_token *toks = NULL;
	size_t ntok = 0, len = strlen(text), i, j, ncl = 0;
	edit_ref **sorted = NULL;
	unsigned char *used = NULL;
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
	used = accord_calloc(edits->n, 1);
	cl = accord_arena_alloc(b->a, edits->n * sizeof(*cl));
	if (sorted == NULL || used == NULL || cl == NULL) {
		rc = OOM(b);
		goto cleanup;
	}
	for (i = 0; i < edits->n; i++) {
		sorted[i] = edits->v[i];
		if ((rc = verify_edit(b, sorted[i], text, toks, ntok)) != ACCORD_OK)
			goto cleanup;
	}
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
		/* one option per amendment, in input order */
		opts.n = 0;
		base_norm = NULL;
		base_norm_len = 0;
		for (;;) {
			size_t best = (size_t)-1, pos = bs;
			const accord_amendment *am;
			wopt *w = NULL;
			for (k = i; k < j; k++)
				if (!used[k] && (best == (size_t)-1 || sorted[k]->order < sorted[best]->order))
					best = k;
			if (best == (size_t)-1)
				break;
			am = sorted[best]->a;
			accord_buf_clear(&opt);
			rc = ACCORD_OK;
			for (k = i; k < j && rc == ACCORD_OK; k++) {
				edit_ref *r = sorted[k];
				size_t es, ee;
				if (used[k] || r->a != am)
					continue;
				used[k] = 1;
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
				if (w == NULL || vec_push(b->a, &opts, w) != ACCORD_OK) {
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
				if (normalize(&norm, w->text, w->len) != ACCORD_OK ||
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
					if (normalize(&norm, C->base_text, C->byte_len) != ACCORD_OK ||
					    (base_norm = accord_arena_strndup(b->a, norm.ptr, norm.size)) == NULL) {
						rc = OOM(b);
						goto cleanup;
					}
					base_norm_len = norm.size;
				}
				w->editorial = base_norm_len == w->norm_len && memcmp(base_norm, w->norm, w->norm_len) == 0;
			}
			if (add_sponsors(b->a, &w->parties, &w->ids, am) != ACCORD_OK) {
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
			if (sponsors_view(b, &w->parties, &v->parties, &v->n_parties) != ACCORD_OK ||
			    sponsors_view(b, &w->ids, &v->amendments, &v->n_amendments) != ACCORD_OK) {
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
	accord_free(used);
	accord_free(sorted);
	accord_free(toks);
	return rc;
}

/* ---- labels -------------------------------------------------------------------------- */

static int label_char(unsigned char ch)
{
	return ch >= 0x80 || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Appends template t with %l and %s (and %%) expanded. */
static int expand_bis(accord_buf *out, const char *t, const char *core, size_t core_len, const char *ordinal)
{
	int rc = ACCORD_OK;
	for (; *t && rc == ACCORD_OK; t++) {
		if (*t != '%' || t[1] == '\0') {
			rc = accord_buf_putc(out, *t);
			continue;
		}
		t++;
		if (*t == 'l')
			rc = accord_buf_put(out, core, core_len);
		else if (*t == 's')
			rc = accord_buf_puts(out, ordinal);
		else if (*t == '%')
			rc = accord_buf_putc(out, '%');
	}
	return rc;
}

int accord_compilation_para_label(accord_buf *out, const accord_cmp_para *p, const accord_brackets *brackets)
{
	accord_brackets def;
	const char *ref, *core;
	size_t len, pre, suf, core_len;
	unsigned k;
	char number[24];
	const char *ordinal;
	int rc;

	if (out == NULL || p == NULL)
		return ACCORD_EINVAL;
	accord_buf_clear(out);
	if (brackets == NULL) {
		accord_brackets_default(&def);
		brackets = &def;
	}
	if (!p->is_new)
		return p->label ? accord_buf_puts(out, p->label) : ACCORD_OK;
	if (p->bis_index == 0)
		return p->proposed_label ? accord_buf_puts(out, p->proposed_label) : ACCORD_OK;
	ref = p->anchor_label ? p->anchor_label : p->next_label;
	if (ref == NULL || *ref == '\0')
		return ACCORD_OK; /* unlabelled text: new paragraphs are unlabelled too */
	len = strlen(ref);
	for (pre = 0; pre < len && !label_char((unsigned char)ref[pre]); pre++)
		;
	for (suf = len; suf > pre && !label_char((unsigned char)ref[suf - 1]); suf--)
		;
	k = p->bis_index;
	if (p->anchor_label != NULL) {
		core = ref + pre;
		core_len = suf - pre;
	} else {
		core = brackets->first_label ? brackets->first_label : "new";
		core_len = strlen(core);
		k--; /* the first new one before everything is just "new)" */
	}
	if ((rc = accord_buf_put(out, ref, pre)) != ACCORD_OK)
		return rc;
	if (k == 0) {
		rc = accord_buf_put(out, core, core_len);
	} else {
		if (k <= brackets->n_ordinals && brackets->ordinals != NULL) {
			ordinal = brackets->ordinals[k - 1];
		} else {
			snprintf(number, sizeof(number), "%u", k + 1);
			ordinal = number;
		}
		rc = expand_bis(out, brackets->bis ? brackets->bis : "%l %s", core, core_len, ordinal);
	}
	if (rc == ACCORD_OK)
		rc = accord_buf_put(out, ref + suf, len - suf);
	if (rc == ACCORD_OK && out->size == 0)
		rc = accord_buf_putc(out, '\0');
	return rc;
}

/* ---- flattening ------------------------------------------------------------------------- */

typedef struct flat {
	builder *b;
	accord_cmp_para *paras;
	size_t n;
	const accord_brackets *brackets;
	accord_buf label;
} flat;

static size_t count_nodes(const ptrvec *sib)
{
	size_t i, n = sib->n;
	for (i = 0; i < sib->n; i++)
		n += count_nodes(&((wnode *)sib->v[i])->children);
	return n;
}

static int marks_view(builder *b, const ptrvec *marks, const accord_cmp_mark **out, size_t *n)
{
	accord_cmp_mark *v;
	size_t i;
	*out = NULL;
	*n = marks->n;
	if (marks->n == 0)
		return ACCORD_OK;
	v = accord_arena_alloc(b->a, marks->n * sizeof(*v));
	if (v == NULL)
		return OOM(b);
	for (i = 0; i < marks->n; i++) {
		wmark *m = marks->v[i];
		memset(&v[i], 0, sizeof(v[i]));
		v[i].kind = m->kind;
		v[i].text = m->text;
		if (sponsors_view(b, &m->parties, &v[i].parties, &v[i].n_parties) != ACCORD_OK ||
		    sponsors_view(b, &m->ids, &v[i].amendments, &v[i].n_amendments) != ACCORD_OK)
			return OOM(b);
	}
	*out = v;
	return ACCORD_OK;
}

/* Pre-order: a paragraph, then its children; new paragraphs get their bis labels on the way. */
static int flatten_nodes(flat *f, const ptrvec *sib, unsigned depth, int parent_new)
{
	size_t i, j;
	const char *anchor = NULL;
	unsigned bis = 0;
	int rc;
	for (i = 0; i < sib->n; i++) {
		wnode *n = sib->v[i];
		accord_cmp_para *p = &f->paras[f->n++];
		memset(p, 0, sizeof(*p));
		n->view = p;
		p->id = n->id;
		p->text = n->text;
		p->depth = depth;
		p->is_new = n->is_new;
		p->proposed_label = n->proposed_label;
		p->near_duplicate_of = n->near_dup;
		if (!n->is_new) {
			anchor = n->label;
			bis = 0;
			p->label = n->label;
		} else {
			if (!parent_new) {
				p->bis_index = ++bis;
				p->anchor_label = anchor;
				if (anchor == NULL) /* first among siblings: take the closing mark of the next base one */
					for (j = i + 1; j < sib->n; j++)
						if (!((wnode *)sib->v[j])->is_new) {
							p->next_label = ((wnode *)sib->v[j])->label;
							break;
						}
			}
			if ((rc = accord_compilation_para_label(&f->label, p, f->brackets)) != ACCORD_OK)
				return OOM(f->b);
			if (f->label.size > 0 && f->label.ptr[0] != '\0' &&
			    (p->label = accord_arena_strndup(f->b->a, f->label.ptr, strlen(f->label.ptr))) == NULL)
				return OOM(f->b);
			n->label = p->label;
		}
		if (sponsors_view(f->b, &n->parties, &p->parties, &p->n_parties) != ACCORD_OK ||
		    sponsors_view(f->b, &n->ids, &p->amendments, &p->n_amendments) != ACCORD_OK)
			return OOM(f->b);
		if ((rc = build_clusters(f->b, n->text, &n->edits, &p->clusters, &p->n_clusters)) != ACCORD_OK)
			return rc;
		if ((rc = flatten_nodes(f, &n->children, depth + 1, parent_new || n->is_new)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

/* Appends at most max bytes of s, cut at a character boundary, with "..." when cut. */
static int put_excerpt(accord_buf *t, const char *s, size_t max)
{
	size_t len = strlen(s), n = len;
	int rc;
	if (len > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	rc = accord_buf_put(t, s, n);
	return rc == ACCORD_OK && n < len ? accord_buf_puts(t, "...") : rc;
}

/*
** How a reader of the compilation finds a paragraph: its label as shown (or
** the start of its text), then " under " the paragraph it is nested in, up
** to the top: "e) under c bis)" is the e) of the new c bis), not the e)
** of the section.
*/
static int node_name(accord_buf *t, const wnode *n)
{
	int rc;
	if (n->label != NULL && *n->label != '\0') {
		rc = accord_buf_puts(t, n->label);
	} else {
		rc = accord_buf_putc(t, '"');
		if (rc == ACCORD_OK)
			rc = put_excerpt(t, n->text, 40);
		if (rc == ACCORD_OK)
			rc = accord_buf_putc(t, '"');
	}
	if (rc == ACCORD_OK && n->parent != NULL) {
		rc = accord_buf_puts(t, " under ");
		if (rc == ACCORD_OK)
			rc = node_name(t, n->parent);
	}
	return rc;
}

/* "after b)", "after e) under c bis)", "first under d)", "to the start (noting)": where a MOVE sends a paragraph or section. */
static int move_texts(builder *b)
{
	accord_buf t = ACCORD_BUF_INIT;
	size_t i, k;
	int rc = ACCORD_OK;
	for (i = 0; i < b->nodes.capacity && rc == ACCORD_OK; i++) {
		wnode *n = b->nodes.slots[i].object;
		if (b->nodes.slots[i].id == NULL || n == NULL || strcmp(b->nodes.slots[i].id, n->id) != 0)
			continue;
		for (k = 0; k < n->marks.n && rc == ACCORD_OK; k++) {
			wmark *m = n->marks.v[k];
			const accord_place *pos;
			wnode *after, *parent;
			wsection *sec;
			if (m->kind != ACCORD_MARK_MOVE)
				continue;
			pos = &m->first->position;
			after = pos->after ? accord_id_index_get(&b->nodes, pos->after) : NULL;
			parent = pos->parent ? accord_id_index_get(&b->nodes, pos->parent) : NULL;
			sec = pos->section ? accord_id_index_get(&b->secs, pos->section) : NULL;
			if (sec == NULL)
				sec = after ? after->section : parent ? parent->section : n->section;
			accord_buf_clear(&t);
			if (after != NULL) {
				rc = accord_buf_puts(&t, "after ");
				if (rc == ACCORD_OK)
					rc = node_name(&t, after);
			} else if (parent != NULL) {
				rc = accord_buf_puts(&t, "first under ");
				if (rc == ACCORD_OK)
					rc = node_name(&t, parent);
			} else {
				rc = accord_buf_puts(&t, "to the start");
			}
			if (rc == ACCORD_OK && sec != NULL && (sec != n->section || (after == NULL && parent == NULL)))
				rc = accord_buf_printf(&t, " (%s)", sec->heading ? sec->heading : sec->id);
			if (rc == ACCORD_OK && (m->text = accord_arena_strndup(b->a, t.ptr ? t.ptr : "", t.size)) == NULL)
				rc = ACCORD_ENOMEM;
		}
	}
	/* sections */
	for (i = 0; i < b->sections.n && rc == ACCORD_OK; i++) {
		wsection *s = b->sections.v[i];
		for (k = 0; k < s->marks.n && rc == ACCORD_OK; k++) {
			wmark *m = s->marks.v[k];
			wsection *after;
			if (m->kind != ACCORD_MARK_MOVE)
				continue;
			after = m->first->position.after ? accord_id_index_get(&b->secs, m->first->position.after) : NULL;
			accord_buf_clear(&t);
			rc = after ? accord_buf_printf(&t, "after %s", after->heading ? after->heading : after->id)
				   : accord_buf_puts(&t, "to the start");
			if (rc == ACCORD_OK && (m->text = accord_arena_strndup(b->a, t.ptr ? t.ptr : "", t.size)) == NULL)
				rc = ACCORD_ENOMEM;
		}
	}
	accord_buf_dispose(&t);
	return rc == ACCORD_OK ? ACCORD_OK : OOM(b);
}

static int field_rank_cmp(const void *x, const void *y)
{
	const wfield *a = *(const wfield *const *)x, *b = *(const wfield *const *)y;
	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

static int flatten(builder *b, const accord_brackets *brackets)
{
	accord_compilation *c = b->c;
	flat f;
	size_t i, k;
	int rc = ACCORD_OK;

	memset(&f, 0, sizeof(f));
	f.b = b;
	f.brackets = brackets;
	c->sections = accord_arena_alloc(b->a, (b->sections.n ? b->sections.n : 1) * sizeof(*c->sections));
	if (c->sections == NULL)
		return OOM(b);
	for (i = 0; i < b->sections.n; i++) {
		wsection *s = b->sections.v[i];
		accord_cmp_section *v = &c->sections[i];
		size_t total = count_nodes(&s->top);
		memset(v, 0, sizeof(*v));
		v->id = s->id;
		v->heading = s->heading;
		v->is_new = s->is_new;
		f.paras = accord_arena_alloc(b->a, (total ? total : 1) * sizeof(*f.paras));
		f.n = 0;
		if (f.paras == NULL) {
			rc = OOM(b);
			goto cleanup;
		}
		if (sponsors_view(b, &s->parties, &v->parties, &v->n_parties) != ACCORD_OK ||
		    sponsors_view(b, &s->ids, &v->amendments, &v->n_amendments) != ACCORD_OK) {
			rc = OOM(b);
			goto cleanup;
		}
		if ((rc = build_clusters(b, s->heading ? s->heading : "", &s->edits, &v->heading_clusters,
			     &v->n_heading_clusters)) != ACCORD_OK)
			goto cleanup;
		/* in a new section, as in a new paragraph, the proposer's own labels stand */
		if ((rc = flatten_nodes(&f, &s->top, 0, s->is_new)) != ACCORD_OK)
			goto cleanup;
		v->paras = f.paras;
		v->n_paras = f.n;
	}
	c->n_sections = b->sections.n;
	/* marks need labels, which flattening gave the new paragraphs */
	if ((rc = move_texts(b)) != ACCORD_OK)
		goto cleanup;
	for (i = 0; i < b->sections.n; i++) {
		wsection *s = b->sections.v[i];
		accord_cmp_section *v = &c->sections[i];
		if ((rc = marks_view(b, &s->marks, &v->marks, &v->n_marks)) != ACCORD_OK)
			goto cleanup;
		for (k = 0; k < v->n_paras; k++) {
			accord_cmp_para *p = (accord_cmp_para *)&v->paras[k];
			wnode *n = accord_id_index_get(&b->nodes, p->id);
			if ((rc = marks_view(b, &n->marks, &p->marks, &p->n_marks)) != ACCORD_OK)
				goto cleanup;
		}
	}
	/* the paragraph index: ids and the ids of merged (co-sponsored) new paragraphs */
	for (i = 0; i < b->nodes.capacity; i++) {
		wnode *n = b->nodes.slots[i].object;
		if (b->nodes.slots[i].id != NULL && n != NULL && n->view != NULL &&
		    accord_id_index_put(&c->para_index, b->nodes.slots[i].id, n->view) != ACCORD_OK) {
			rc = OOM(b);
			goto cleanup;
		}
	}
	/* fields in the order of the text form */
	if (b->fields.n > 1)
		qsort(b->fields.v, b->fields.n, sizeof(void *), field_rank_cmp);
	c->fields = accord_arena_alloc(b->a, (b->fields.n ? b->fields.n : 1) * sizeof(*c->fields));
	if (c->fields == NULL) {
		rc = OOM(b);
		goto cleanup;
	}
	for (i = 0; i < b->fields.n; i++) {
		wfield *w = b->fields.v[i];
		accord_cmp_field *v = &c->fields[i];
		memset(v, 0, sizeof(*v));
		v->name = w->name;
		v->base_value = w->base_value;
		if ((rc = build_clusters(b, w->base_value ? w->base_value : "", &w->edits, &v->clusters, &v->n_clusters)) !=
			ACCORD_OK)
			goto cleanup;
		c->n_fields++;
	}
cleanup:
	accord_buf_dispose(&f.label);
	return rc;
}

int accord_compilation_build(accord_compilation *c, accord_error *err)
{
	builder b;
	accord_brackets def;
	size_t i, j, total = 0;
	int rc;

	if (c == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_build: no compilation");
	model_reset(c);
	memset(&b, 0, sizeof(b));
	b.c = c;
	b.a = &c->model;
	b.err = err;
	accord_brackets_default(&def);
	for (i = 0; i < c->n_lists; i++)
		total += accord_amendments_count(c->lists[i]);
	c->all = accord_arena_alloc(&c->model, (total ? total : 1) * sizeof(*c->all));
	if (c->all == NULL) {
		rc = OOM(&b);
		goto cleanup;
	}
	for (i = 0; i < c->n_lists; i++)
		for (j = 0; j < accord_amendments_count(c->lists[i]); j++)
			c->all[c->n_all++] = accord_amendments_get(c->lists[i], j);
	if ((rc = mirror_base(&b)) != ACCORD_OK || (rc = place_new(&b)) != ACCORD_OK || (rc = attach_all(&b)) != ACCORD_OK ||
	    (rc = flatten(&b, &def)) != ACCORD_OK)
		goto cleanup;
	c->built = 1;
cleanup:
	accord_id_index_dispose(&b.nodes);
	accord_id_index_dispose(&b.secs);
	if (rc != ACCORD_OK)
		model_reset(c);
	return rc;
}

/* ---- reading ------------------------------------------------------------------------------ */

const accord_doc *accord_compilation_base(const accord_compilation *c)
{
	return c ? c->base : NULL;
}

size_t accord_compilation_party_count(const accord_compilation *c)
{
	return c ? c->n_parties : 0;
}

const char *accord_compilation_party(const accord_compilation *c, size_t i)
{
	return c && i < c->n_parties ? c->parties[i].code : NULL;
}

const char *accord_compilation_party_name(const accord_compilation *c, size_t i)
{
	if (c == NULL || i >= c->n_parties)
		return NULL;
	return c->parties[i].name ? c->parties[i].name : c->parties[i].code;
}

const char *accord_compilation_party_source(const accord_compilation *c, size_t i)
{
	return c && i < c->n_parties ? c->parties[i].source : NULL;
}

size_t accord_compilation_party_amendments(const accord_compilation *c, size_t i)
{
	return c && i < c->n_parties ? c->parties[i].n_amendments : 0;
}

const char *accord_compilation_party_color(const accord_compilation *c, size_t i)
{
	return c && i < c->n_parties ? c->parties[i].color : NULL;
}

size_t accord_compilation_section_count(const accord_compilation *c)
{
	return c && c->built ? c->n_sections : 0;
}

const accord_cmp_section *accord_compilation_section(const accord_compilation *c, size_t i)
{
	return c && c->built && i < c->n_sections ? &c->sections[i] : NULL;
}

size_t accord_compilation_field_count(const accord_compilation *c)
{
	return c && c->built ? c->n_fields : 0;
}

const accord_cmp_field *accord_compilation_field(const accord_compilation *c, size_t i)
{
	return c && c->built && i < c->n_fields ? &c->fields[i] : NULL;
}

const accord_cmp_para *accord_compilation_find_para(const accord_compilation *c, const char *id)
{
	return c && c->built ? accord_id_index_get(&c->para_index, id) : NULL;
}

size_t accord_compilation_amendment_count(const accord_compilation *c)
{
	size_t i, n = 0;
	if (c == NULL)
		return 0;
	for (i = 0; i < c->n_lists; i++)
		n += accord_amendments_count(c->lists[i]);
	return n;
}

const accord_amendment *accord_compilation_amendment(const accord_compilation *c, size_t i)
{
	size_t k;
	if (c == NULL)
		return NULL;
	for (k = 0; k < c->n_lists; k++) {
		size_t n = accord_amendments_count(c->lists[k]);
		if (i < n)
			return accord_amendments_get(c->lists[k], i);
		i -= n;
	}
	return NULL;
}

const char *accord_cluster_kind_name(accord_cluster_kind kind)
{
	static const char *const names[] = {"insert", "delete", "replace", "alternatives"};
	return (unsigned)kind < 4 ? names[kind] : "?";
}

/* ---- accepting ------------------------------------------------------------------------------ */

static int proposed_by(const accord_amendment *a, void *data)
{
	const char *party = data;
	size_t i;
	for (i = 0; i < a->n_proposers; i++)
		if (strcmp(a->proposers[i], party) == 0)
			return 1;
	return 0;
}

int accord_compilation_accept(accord_doc **out, const accord_compilation *c, const char *party, accord_error *err)
{
	accord_doc *doc = NULL;
	size_t i;
	int rc;

	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_accept: no out pointer");
	*out = NULL;
	if (c == NULL || party == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_accept: missing argument");
	if (accord_compilation_party_index(c, party) == (size_t)-1)
		return accord_error_set(err, ACCORD_ENOTFOUND, "no party %s in the compilation", party);
	if ((rc = accord_doc_clone(&doc, c->base)) != ACCORD_OK)
		return accord_error_set(err, rc, "out of memory");
	for (i = 0; i < c->n_lists; i++)
		if ((rc = accord_amendments_apply_filtered(doc, c->lists[i], proposed_by, (void *)party, err)) != ACCORD_OK) {
			accord_doc_free(doc);
			return rc;
		}
	*out = doc;
	return ACCORD_OK;
}
