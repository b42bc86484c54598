/*
** consolidate_build.c: accord_compilation_build: every input amendment in
** order, the working tree grown (consolidate_tree.c), then flattened into
** the public view (step 5 of consolidate.c's outline): sections and their
** paragraphs in pre-order, new paragraphs labelled by the convention
** (para_label.c), their edits clustered (consolidate_cluster.c), the marks
** with where a move goes ("after e) under c bis)"), the fields in the order
** of the text form and the paragraph index.
*/
#include <stdlib.h>
#include <string.h>

#include "compile/consolidate_tree_int.h"

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
		if (cmp_sponsors_view(b, &m->parties, &v[i].parties, &v[i].n_parties) != ACCORD_OK ||
		    cmp_sponsors_view(b, &m->ids, &v[i].amendments, &v[i].n_amendments) != ACCORD_OK)
			return OOM(b);
	}
	*out = v;
	return ACCORD_OK;
}

/* Pre-order: a paragraph, then its children; new paragraphs get their bis labels on the way. */
static int flatten_nodes(flat *f, const ptrvec *sib, unsigned depth, int parent_new)
{
	size_t i, next = 0; /* next: the first base paragraph after i (sib->n: none), found once per list */
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
				if (anchor == NULL) { /* first among siblings: take the closing mark of the next base one */
					if (next <= i)
						for (next = i + 1; next < sib->n && ((wnode *)sib->v[next])->is_new; next++)
							;
					if (next < sib->n)
						p->next_label = ((wnode *)sib->v[next])->label;
				}
			}
			if ((rc = accord_compilation_para_label(&f->label, p, f->brackets)) != ACCORD_OK)
				return OOM(f->b);
			if (f->label.size > 0 && f->label.ptr[0] != '\0' &&
			    (p->label = accord_arena_strndup(f->b->a, f->label.ptr, strlen(f->label.ptr))) == NULL)
				return OOM(f->b);
			n->label = p->label;
		}
		if (cmp_sponsors_view(f->b, &n->parties, &p->parties, &p->n_parties) != ACCORD_OK ||
		    cmp_sponsors_view(f->b, &n->ids, &p->amendments, &p->n_amendments) != ACCORD_OK)
			return OOM(f->b);
		if ((rc = cmp_build_clusters(f->b, n->text, &n->edits, &p->clusters, &p->n_clusters)) != ACCORD_OK)
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
		if (cmp_sponsors_view(b, &s->parties, &v->parties, &v->n_parties) != ACCORD_OK ||
		    cmp_sponsors_view(b, &s->ids, &v->amendments, &v->n_amendments) != ACCORD_OK) {
			rc = OOM(b);
			goto cleanup;
		}
		if ((rc = cmp_build_clusters(b, s->heading ? s->heading : "", &s->edits, &v->heading_clusters,
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
		if ((rc = cmp_build_clusters(b, w->base_value ? w->base_value : "", &w->edits, &v->clusters, &v->n_clusters)) !=
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
	cmp_model_reset(c);
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
	if ((rc = cmp_mirror_base(&b)) != ACCORD_OK || (rc = cmp_place_new(&b)) != ACCORD_OK || (rc = cmp_attach_all(&b)) != ACCORD_OK ||
	    (rc = flatten(&b, &def)) != ACCORD_OK)
		goto cleanup;
	c->built = 1;
cleanup:
	accord_id_index_dispose(&b.nodes);
	accord_id_index_dispose(&b.secs);
	if (rc != ACCORD_OK)
		cmp_model_reset(c);
	return rc;
}
