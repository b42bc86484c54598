/*
** render_tree.c: a compilation as JSON or YAML ("accord": "compilation/1"):
** one walk through the tree writer (util/treew), so both formats have one
** schema. Under an anonymous convention the lists of parties and
** amendments are left empty and new paragraphs go by their numbers.
*/
#include <string.h>

#include "compile/render_int.h"
#include "util/treew_int.h"

/* Who proposes: the codes, or under an anonymous convention an empty list; on one line in YAML when short. */
static void who(treew *w, const char *key, const char *const *v, size_t n, int anonymous)
{
	size_t i;
	int flow = 1;
	if (anonymous)
		n = 0;
	for (i = 0; i < n; i++)
		if (strlen(v[i]) > 24)
			flow = 0;
	treew_key(w, key);
	if (flow)
		treew_begin_flow_array(w);
	else
		treew_begin_array(w);
	for (i = 0; i < n; i++)
		treew_string(w, v[i]);
	treew_end_array(w);
}

/* "state": the state a session records for the first of the amendments ids that has one ("agreed_ad_ref"). */
static void state(treew *w, const accord_compilation *c, const char *const *ids, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		const char *st = accord_compilation_state(c, ids[i]);
		if (st != NULL) {
			treew_key(w, "state");
			treew_string(w, st);
			return;
		}
	}
}

static void clusters(treew *w, const accord_compilation *c, const char *key, const accord_cmp_cluster *cl, size_t n,
	int anonymous)
{
	size_t i, k;
	treew_key(w, key);
	treew_begin_array(w);
	for (i = 0; i < n; i++) {
		treew_begin_object(w);
		treew_key(w, "kind");
		treew_string(w, accord_cluster_kind_name(cl[i].kind));
		treew_key(w, "start");
		treew_integer(w, cl[i].base_start);
		treew_key(w, "count");
		treew_integer(w, cl[i].base_count);
		treew_key(w, "base");
		treew_string(w, cl[i].base_text);
		treew_key(w, "options");
		treew_begin_array(w);
		for (k = 0; k < cl[i].n_options; k++) {
			const accord_cmp_option *op = &cl[i].options[k];
			treew_begin_object(w);
			treew_key(w, "alt");
			treew_integer(w, (long long)k + 1);
			treew_key(w, "text");
			treew_string(w, op->text);
			who(w, "parties", op->parties, op->n_parties, anonymous);
			who(w, "amendments", op->amendments, op->n_amendments, anonymous);
			if (op->near_duplicate_of) {
				treew_key(w, "near_duplicate_of");
				treew_integer(w, op->near_duplicate_of);
			}
			if (op->editorial) {
				treew_key(w, "editorial");
				treew_bool(w, 1);
			}
			state(w, c, op->amendments, op->n_amendments);
			treew_end_object(w);
		}
		treew_end_array(w);
		treew_end_object(w);
	}
	treew_end_array(w);
}

static void marks(treew *w, const accord_compilation *c, const accord_cmp_mark *m, size_t n, int anonymous)
{
	static const char *const kinds[] = {"delete", "move", "relabel"};
	size_t i;
	treew_key(w, "marks");
	treew_begin_array(w);
	for (i = 0; i < n; i++) {
		treew_begin_object(w);
		treew_key(w, "kind");
		treew_string(w, kinds[m[i].kind]);
		if (m[i].text) {
			treew_key(w, m[i].kind == ACCORD_MARK_MOVE ? "to" : "label");
			treew_string(w, m[i].text);
		}
		who(w, "parties", m[i].parties, m[i].n_parties, anonymous);
		who(w, "amendments", m[i].amendments, m[i].n_amendments, anonymous);
		state(w, c, m[i].amendments, m[i].n_amendments);
		treew_end_object(w);
	}
	treew_end_array(w);
}

static int paragraph(treew *w, const accord_compilation *c, const accord_brackets *b, const accord_cmp_para *p,
	accord_buf *label)
{
	char pid[48];
	if (accord_compilation_para_label(label, p, b) != ACCORD_OK)
		return ACCORD_ENOMEM;
	treew_begin_object(w);
	treew_key(w, "id");
	treew_string(w, render_para_id(pid, sizeof(pid), c, b, p));
	treew_key(w, "label");
	treew_string(w, label->size && label->ptr[0] ? label->ptr : NULL);
	treew_key(w, "depth");
	treew_integer(w, p->depth);
	treew_key(w, "new");
	treew_bool(w, p->is_new);
	if (p->is_new) {
		treew_key(w, "proposed_label");
		treew_string(w, p->proposed_label);
		who(w, "parties", p->parties, p->n_parties, b->anonymous);
		who(w, "amendments", p->amendments, p->n_amendments, b->anonymous);
		state(w, c, p->amendments, p->n_amendments);
		if (p->near_duplicate_of) {
			const accord_cmp_para *o = accord_compilation_find_para(c, p->near_duplicate_of);
			char nid[48];
			treew_key(w, "near_duplicate_of");
			treew_string(w, o ? render_para_id(nid, sizeof(nid), c, b, o) : p->near_duplicate_of);
		}
	}
	treew_key(w, "text");
	treew_string(w, p->text);
	clusters(w, c, "proposals", p->clusters, p->n_clusters, b->anonymous);
	marks(w, c, p->marks, p->n_marks, b->anonymous);
	treew_end_object(w);
	return ACCORD_OK;
}

static int compilation(treew *w, const accord_compilation *c, const accord_brackets *b)
{
	accord_buf label = ACCORD_BUF_INIT;
	size_t i, k;
	int rc = ACCORD_OK;

	treew_begin_object(w);
	treew_key(w, "accord");
	treew_string(w, "compilation/1");
	treew_key(w, "base");
	treew_begin_object(w);
	treew_key(w, "origin");
	treew_string(w, accord_doc_origin(c->base));
	treew_key(w, "symbol");
	treew_string(w, accord_doc_meta(c->base, ACCORD_META_SYMBOL));
	treew_key(w, "mode");
	treew_string(w, accord_doc_mode_name(accord_doc_mode_of(c->base)));
	treew_end_object(w);
	treew_key(w, "convention");
	treew_string(w, b->name ? b->name : "custom");
	if (b->anonymous) {
		treew_key(w, "anonymous");
		treew_bool(w, 1);
	}
	treew_key(w, "parties");
	treew_begin_array(w);
	for (i = 0; i < c->n_parties && !b->anonymous; i++) {
		treew_begin_object(w);
		treew_key(w, "code");
		treew_string(w, c->parties[i].code);
		treew_key(w, "name");
		treew_string(w, accord_compilation_party_name(c, i));
		treew_key(w, "source");
		treew_string(w, c->parties[i].source);
		treew_key(w, "color");
		treew_string(w, c->parties[i].color);
		treew_key(w, "amendments");
		treew_integer(w, (long long)c->parties[i].n_amendments);
		treew_end_object(w);
	}
	treew_end_array(w);
	treew_key(w, "fields");
	treew_begin_array(w);
	for (i = 0; i < c->n_fields; i++) {
		treew_begin_object(w);
		treew_key(w, "name");
		treew_string(w, c->fields[i].name);
		treew_key(w, "base");
		treew_string(w, c->fields[i].base_value);
		clusters(w, c, "proposals", c->fields[i].clusters, c->fields[i].n_clusters, b->anonymous);
		treew_end_object(w);
	}
	treew_end_array(w);
	treew_key(w, "sections");
	treew_begin_array(w);
	for (i = 0; i < c->n_sections && rc == ACCORD_OK; i++) {
		const accord_cmp_section *s = &c->sections[i];
		char sid[48];
		treew_begin_object(w);
		treew_key(w, "id");
		treew_string(w, render_section_id(sid, sizeof(sid), c, b, s));
		treew_key(w, "heading");
		treew_string(w, s->heading);
		treew_key(w, "new");
		treew_bool(w, s->is_new);
		if (s->is_new) {
			who(w, "parties", s->parties, s->n_parties, b->anonymous);
			who(w, "amendments", s->amendments, s->n_amendments, b->anonymous);
			state(w, c, s->amendments, s->n_amendments);
		}
		clusters(w, c, "heading_proposals", s->heading_clusters, s->n_heading_clusters, b->anonymous);
		marks(w, c, s->marks, s->n_marks, b->anonymous);
		treew_key(w, "paragraphs");
		treew_begin_array(w);
		for (k = 0; k < s->n_paras && rc == ACCORD_OK; k++)
			rc = paragraph(w, c, b, &s->paras[k], &label);
		treew_end_array(w);
		treew_end_object(w);
	}
	treew_end_array(w);
	treew_end_object(w);
	accord_buf_dispose(&label);
	return rc;
}

int render_tree(accord_buf *out, const accord_compilation *c, const accord_brackets *b, int yaml, accord_error *err)
{
	static const yamlw_options yaml_options = {100, 0, yamlw_guarded};
	treew w;
	int rc, finished;
	if (yaml)
		treew_init_yaml(&w, out, &yaml_options);
	else
		treew_init_json(&w, out);
	rc = compilation(&w, c, b);
	finished = treew_finish(&w);
	if (rc == ACCORD_OK)
		rc = finished;
	if (rc == ACCORD_EUTF8)
		return accord_error_set(err, rc, "the compilation holds text that is not valid UTF-8");
	if (rc != ACCORD_OK)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	return ACCORD_OK;
}
