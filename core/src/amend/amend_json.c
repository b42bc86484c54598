/*
** amend_json.c: amendment lists as JSON ("accord": "amendments/1") and YAML
** (the same tree through the tree writer's other back end), and reading them
** back from JSON.
*/
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "accord/text.h"
#include "amend/amend_int.h"
#include "util/treew_int.h"

#define AMENDMENTS_TAG "amendments/1"

static const char *const edit_kinds[] = {"insert", "delete", "replace"};

/* ---- writing ------------------------------------------------------------------ */

static void write_amendment(treew *w, const accord_amendment *a)
{
	size_t i;
	treew_begin_object(w);
	treew_key(w, "id");
	treew_string(w, a->id);
	treew_key(w, "op");
	treew_string(w, accord_op_name(a->op));
	treew_key(w, "proposers");
	treew_begin_array(w);
	for (i = 0; i < a->n_proposers; i++)
		treew_string(w, a->proposers[i]);
	treew_end_array(w);
	treew_key(w, "source");
	treew_begin_object(w);
	treew_key(w, "file");
	treew_string(w, a->source_file);
	treew_key(w, "line");
	treew_integer(w, a->source_line);
	treew_end_object(w);
	if (a->target) {
		treew_key(w, "target");
		treew_string(w, a->target);
	}
	if (a->op == ACCORD_OP_ADD || a->op == ACCORD_OP_MOVE || a->op == ACCORD_OP_ADD_SECTION ||
	    a->op == ACCORD_OP_MOVE_SECTION) {
		treew_key(w, "position");
		treew_begin_object(w);
		if (a->op == ACCORD_OP_ADD || a->op == ACCORD_OP_MOVE) {
			treew_key(w, "section");
			treew_string(w, a->position.section);
			treew_key(w, "parent");
			treew_string(w, a->position.parent);
		}
		treew_key(w, "after");
		treew_string(w, a->position.after);
		treew_end_object(w);
	}
	switch (a->op) {
	case ACCORD_OP_ADD:
	case ACCORD_OP_SUP:
		treew_key(w, "label");
		treew_string(w, a->op == ACCORD_OP_ADD ? a->label : a->label_from);
		treew_key(w, "text");
		treew_string(w, a->text);
		break;
	case ACCORD_OP_MOD:
	case ACCORD_OP_MOVE:
		treew_key(w, "edits");
		treew_begin_array(w);
		for (i = 0; i < a->n_edits; i++) {
			const accord_edit *e = &a->edits[i];
			treew_begin_object(w);
			treew_key(w, "kind");
			treew_string(w, edit_kinds[e->kind]);
			treew_key(w, "at");
			treew_integer(w, e->base_start);
			treew_key(w, "count");
			treew_integer(w, e->base_count);
			treew_key(w, "base");
			treew_string(w, e->base_text ? e->base_text : "");
			treew_key(w, "text");
			treew_string(w, e->text ? e->text : "");
			treew_key(w, "before");
			treew_string(w, e->before ? e->before : "");
			treew_key(w, "after");
			treew_string(w, e->after ? e->after : "");
			treew_end_object(w);
		}
		treew_end_array(w);
		if (a->label_changed) {
			treew_key(w, "label");
			treew_begin_object(w);
			treew_key(w, "from");
			treew_string(w, a->label_from);
			treew_key(w, "to");
			treew_string(w, a->label_to);
			treew_end_object(w);
		}
		treew_key(w, "editorial");
		treew_bool(w, a->editorial);
		treew_key(w, "similarity");
		treew_real(w, (double)(long)(a->similarity * 1000.0 + 0.5) / 1000.0);
		break;
	case ACCORD_OP_HEADING:
	case ACCORD_OP_ADD_SECTION:
	case ACCORD_OP_SUP_SECTION:
		treew_key(w, "heading");
		treew_begin_object(w);
		if (a->op != ACCORD_OP_ADD_SECTION) {
			treew_key(w, "from");
			treew_string(w, a->heading_from);
		}
		if (a->op != ACCORD_OP_SUP_SECTION) {
			treew_key(w, "to");
			treew_string(w, a->heading);
			treew_key(w, "addressee");
			treew_string(w, a->addressee);
		}
		treew_key(w, "kind");
		treew_string(w, accord_section_kind_name(a->kind));
		treew_end_object(w);
		break;
	case ACCORD_OP_META:
	case ACCORD_OP_FOOTNOTE:
		treew_key(w, a->op == ACCORD_OP_META ? "field" : "footnote");
		treew_string(w, a->op == ACCORD_OP_META ? a->field : a->footnote);
		treew_key(w, "from");
		treew_string(w, a->value_from);
		treew_key(w, "to");
		treew_string(w, a->value_to);
		break;
	case ACCORD_OP_MOVE_SECTION:
		break;
	}
	if (a->relation) {
		treew_key(w, "relation");
		treew_begin_object(w);
		treew_key(w, "kind");
		treew_string(w, a->relation);
		treew_key(w, "paragraph");
		treew_string(w, a->related);
		treew_end_object(w);
	}
	treew_end_object(w);
}

/* Output streamed to a sink goes out in pieces of about this size. */
#define SINK_PIECE 65536

/* Hands what w has written so far to sink, and empties the buffer. */
static int flush_piece(accord_buf *piece, const accord_sink *sink)
{
	int rc = piece->size > 0 ? sink->write(sink->ctx, piece->ptr, piece->size) : ACCORD_OK;
	accord_buf_clear(piece);
	return rc;
}

/*
** The list through w, which it finishes. With a sink, what w writes into
** piece goes to the sink each time it passes SINK_PIECE, and at the end.
*/
static int write_list(treew *w, accord_buf *piece, const accord_sink *sink, const accord_amendment_list *list,
	accord_error *err)
{
	size_t i;
	int rc;
	treew_begin_object(w);
	treew_key(w, "accord");
	treew_string(w, AMENDMENTS_TAG);
	treew_key(w, "party");
	treew_string(w, list->party);
	treew_key(w, "base");
	treew_string(w, list->base_name);
	treew_key(w, "contribution");
	treew_string(w, list->contribution_name);
	treew_key(w, "amendments");
	treew_begin_array(w);
	for (i = 0; i < list->count; i++) {
		write_amendment(w, list->items[i]);
		if (sink != NULL && piece->size >= SINK_PIECE && (rc = flush_piece(piece, sink)) != ACCORD_OK)
			return accord_error_set(err, rc, "cannot write the amendments");
	}
	treew_end_array(w);
	treew_end_object(w);
	if ((rc = treew_finish(w)) != ACCORD_OK)
		return accord_error_set(err, rc, rc == ACCORD_EUTF8 ? "an amendment holds text that is not valid UTF-8"
			: "out of memory writing amendments");
	if (sink != NULL && (rc = flush_piece(piece, sink)) != ACCORD_OK)
		return accord_error_set(err, rc, "cannot write the amendments");
	return ACCORD_OK;
}

int accord_amendments_render_json(accord_buf *out, const accord_amendment_list *list, accord_error *err)
{
	treew w;
	treew_init_json(&w, out);
	return write_list(&w, out, NULL, list, err);
}

int accord_amendments_write_json(const accord_sink *sink, const accord_amendment_list *list, accord_error *err)
{
	accord_buf piece = ACCORD_BUF_INIT;
	treew w;
	int rc;
	if (sink == NULL || sink->write == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "no sink to write the amendments to");
	treew_init_json(&w, &piece);
	rc = write_list(&w, &piece, sink, list, err);
	accord_buf_dispose(&piece);
	return rc;
}

/* YAML: the same tree, every string quoted so that "null", "yes" or "1" stay strings when read back. */
int accord_amendments_render_yaml(accord_buf *out, const accord_amendment_list *list, accord_error *err)
{
	static const yamlw_options yaml = {-1, 1, yamlw_quoted};
	treew w;
	treew_init_yaml(&w, out, &yaml);
	return write_list(&w, out, NULL, list, err);
}

/* ---- reading ------------------------------------------------------------------------- */

#define NO_AMENDMENT ((size_t)-1)

typedef struct reader {
	const char *name;
	size_t index; /* the amendment being read, NO_AMENDMENT for the list's own fields */
	accord_error *err;
} reader;

static int shape_error(reader *r, const char *key, const char *what)
{
	if (r->index == NO_AMENDMENT)
		accord_error_set(r->err, ACCORD_ESCHEMA, "\"%s\" %s", key, what);
	else
		accord_error_set(r->err, ACCORD_ESCHEMA, "amendment %zu: \"%s\" %s", r->index + 1, key, what);
	accord_error_at(r->err, r->name, 0, 0);
	return ACCORD_ESCHEMA;
}

/* An optional string member: absent or null gives NULL. */
static int get_str(reader *r, json_t *o, const char *key, const char **out)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (v == NULL || json_is_null(v))
		return ACCORD_OK;
	if (!json_is_string(v))
		return shape_error(r, key, "must be a string");
	*out = json_string_value(v);
	return ACCORD_OK;
}

/* A string member that must be there. */
static int need_str(reader *r, json_t *o, const char *key, const char **out)
{
	int rc = get_str(r, o, key, out);
	if (rc == ACCORD_OK && *out == NULL)
		return shape_error(r, key, "is missing");
	return rc;
}

static int get_uint(reader *r, json_t *o, const char *key, uint32_t *out)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 0x7FFFFFFF)
		return shape_error(r, key, "must be a whole number");
	*out = (uint32_t)json_integer_value(v);
	return ACCORD_OK;
}

static int check_keys(reader *r, json_t *o, const char *const *allowed)
{
	const char *key;
	json_t *value;
	json_object_foreach(o, key, value)
	{
		size_t i;
		int known = 0;
		(void)value;
		for (i = 0; allowed[i]; i++)
			if (strcmp(allowed[i], key) == 0)
				known = 1;
		if (!known)
			return shape_error(r, key, "is not a known field");
	}
	return ACCORD_OK;
}

static int read_edits(reader *r, json_t *array, accord_edit **out, size_t *n)
{
	static const char *const keys[] = {"kind", "at", "count", "base", "text", "before", "after", NULL};
	size_t i, k;
	json_t *item;
	accord_edit *edits;
	*out = NULL;
	*n = 0;
	if (array == NULL)
		return ACCORD_OK;
	if (!json_is_array(array))
		return shape_error(r, "edits", "must be a list");
	edits = accord_calloc(json_array_size(array) + 1, sizeof(*edits));
	if (edits == NULL)
		return accord_error_set(r->err, ACCORD_ENOMEM, "out of memory");
	json_array_foreach(array, i, item)
	{
		const char *kind;
		int rc;
		if (!json_is_object(item)) {
			accord_free(edits);
			return shape_error(r, "edits", "must hold objects");
		}
		if ((rc = check_keys(r, item, keys)) != ACCORD_OK || (rc = need_str(r, item, "kind", &kind)) != ACCORD_OK ||
		    (rc = get_uint(r, item, "at", &edits[i].base_start)) != ACCORD_OK ||
		    (rc = get_uint(r, item, "count", &edits[i].base_count)) != ACCORD_OK ||
		    (rc = need_str(r, item, "base", &edits[i].base_text)) != ACCORD_OK ||
		    (rc = need_str(r, item, "text", &edits[i].text)) != ACCORD_OK ||
		    (rc = get_str(r, item, "before", &edits[i].before)) != ACCORD_OK ||
		    (rc = get_str(r, item, "after", &edits[i].after)) != ACCORD_OK) {
			accord_free(edits);
			return rc;
		}
		for (k = 0; k < 3; k++)
			if (strcmp(kind, edit_kinds[k]) == 0)
				break;
		if (k == 3) {
			accord_free(edits);
			return shape_error(r, "kind", "must be insert, delete or replace");
		}
		edits[i].kind = (accord_edit_kind)k;
		if (i > 0 && edits[i].base_start < edits[i - 1].base_start + edits[i - 1].base_count) {
			accord_free(edits);
			return shape_error(r, "edits", "overlap or are out of order");
		}
	}
	*out = edits;
	*n = json_array_size(array);
	return ACCORD_OK;
}

static int read_amendment(reader *r, json_t *o, accord_amendment_list *list)
{
	static const char *const keys[] = {"id", "op", "proposers", "source", "target", "position", "label", "text",
		"edits", "editorial", "similarity", "heading", "field", "from", "to", "footnote", "relation", NULL};
	accord_amendment a;
	const char *op_name, *proposers[64];
	json_t *v, *item;
	accord_edit *edits = NULL;
	size_t i;
	int op, rc;

	memset(&a, 0, sizeof(a));
	if (!json_is_object(o))
		return shape_error(r, "amendments", "must hold objects");
	if ((rc = check_keys(r, o, keys)) != ACCORD_OK || (rc = need_str(r, o, "id", &a.id)) != ACCORD_OK ||
	    (rc = need_str(r, o, "op", &op_name)) != ACCORD_OK || (rc = get_str(r, o, "target", &a.target)) != ACCORD_OK)
		return rc;
	if ((op = accord_op_from_name(op_name)) < 0)
		return shape_error(r, "op", "is not an operation (ADD, SUP, MOD, MOVE, HEADING, ...)");
	a.op = (accord_op)op;
	v = json_object_get(o, "proposers");
	if (v != NULL) {
		if (!json_is_array(v) || json_array_size(v) > 64)
			return shape_error(r, "proposers", "must be a list of at most 64 party codes");
		json_array_foreach(v, i, item)
		{
			if (!json_is_string(item))
				return shape_error(r, "proposers", "must hold strings");
			proposers[i] = json_string_value(item);
		}
		a.proposers = proposers;
		a.n_proposers = json_array_size(v);
	}
	if ((v = json_object_get(o, "source")) != NULL && json_is_object(v)) {
		json_t *line = json_object_get(v, "line");
		if ((rc = get_str(r, v, "file", &a.source_file)) != ACCORD_OK)
			return rc;
		if (json_is_integer(line) && json_integer_value(line) >= 0)
			a.source_line = (unsigned)json_integer_value(line);
	}
	if ((v = json_object_get(o, "position")) != NULL) {
		if (!json_is_object(v))
			return shape_error(r, "position", "must be an object");
		if ((rc = get_str(r, v, "section", &a.position.section)) != ACCORD_OK ||
		    (rc = get_str(r, v, "parent", &a.position.parent)) != ACCORD_OK ||
		    (rc = get_str(r, v, "after", &a.position.after)) != ACCORD_OK)
			return rc;
	}
	switch (a.op) {
	case ACCORD_OP_ADD:
	case ACCORD_OP_SUP:
		if ((rc = get_str(r, o, "label", a.op == ACCORD_OP_ADD ? &a.label : &a.label_from)) != ACCORD_OK ||
		    (rc = (a.op == ACCORD_OP_ADD ? need_str : get_str)(r, o, "text", &a.text)) != ACCORD_OK)
			return rc;
		if (a.op == ACCORD_OP_ADD && a.position.section == NULL)
			return shape_error(r, "position", "must name a section");
		break;
	case ACCORD_OP_MOD:
	case ACCORD_OP_MOVE:
		if ((rc = read_edits(r, json_object_get(o, "edits"), &edits, &a.n_edits)) != ACCORD_OK)
			return rc;
		a.edits = edits;
		if ((v = json_object_get(o, "label")) != NULL) {
			if (!json_is_object(v)) {
				accord_free(edits);
				return shape_error(r, "label", "must be an object with from and to");
			}
			a.label_changed = 1;
			if ((rc = get_str(r, v, "from", &a.label_from)) != ACCORD_OK ||
			    (rc = get_str(r, v, "to", &a.label_to)) != ACCORD_OK) {
				accord_free(edits);
				return rc;
			}
		}
		a.editorial = json_is_true(json_object_get(o, "editorial"));
		if (json_is_number(json_object_get(o, "similarity")))
			a.similarity = json_number_value(json_object_get(o, "similarity"));
		if (a.op == ACCORD_OP_MOVE && a.position.section == NULL) {
			accord_free(edits);
			return shape_error(r, "position", "must name a section");
		}
		break;
	case ACCORD_OP_HEADING:
	case ACCORD_OP_ADD_SECTION:
	case ACCORD_OP_SUP_SECTION: {
		const char *kind = NULL;
		int k;
		v = json_object_get(o, "heading");
		if (!json_is_object(v))
			return shape_error(r, "heading", "must be an object");
		if ((rc = get_str(r, v, "from", &a.heading_from)) != ACCORD_OK ||
		    (rc = get_str(r, v, "to", &a.heading)) != ACCORD_OK ||
		    (rc = get_str(r, v, "addressee", &a.addressee)) != ACCORD_OK ||
		    (rc = get_str(r, v, "kind", &kind)) != ACCORD_OK)
			return rc;
		k = kind ? accord_section_kind_from_name(kind) : 0;
		if (k < 0)
			return shape_error(r, "kind", "must be preambular, operative or none");
		a.kind = (accord_section_kind)k;
		break;
	}
	case ACCORD_OP_META:
	case ACCORD_OP_FOOTNOTE:
		if ((rc = need_str(r, o, a.op == ACCORD_OP_META ? "field" : "footnote",
			     a.op == ACCORD_OP_META ? &a.field : &a.footnote)) != ACCORD_OK ||
		    (rc = get_str(r, o, "from", &a.value_from)) != ACCORD_OK ||
		    (rc = get_str(r, o, "to", &a.value_to)) != ACCORD_OK)
			return rc;
		break;
	case ACCORD_OP_MOVE_SECTION:
		break;
	}
	if ((v = json_object_get(o, "relation")) != NULL && json_is_object(v)) {
		if ((rc = get_str(r, v, "kind", &a.relation)) != ACCORD_OK ||
		    (rc = get_str(r, v, "paragraph", &a.related)) != ACCORD_OK) {
			accord_free(edits);
			return rc;
		}
	}
	if ((a.op == ACCORD_OP_SUP || a.op == ACCORD_OP_MOD || a.op == ACCORD_OP_MOVE || a.op == ACCORD_OP_HEADING ||
		    a.op == ACCORD_OP_SUP_SECTION || a.op == ACCORD_OP_MOVE_SECTION) &&
	    a.target == NULL) {
		accord_free(edits);
		return shape_error(r, "target", "is missing");
	}
	rc = accord_amendments_add(list, &a);
	accord_free(edits);
	if (rc == ACCORD_EINVAL)
		return shape_error(r, "id", "is used twice");
	return rc == ACCORD_OK ? ACCORD_OK : accord_error_set(r->err, rc, "out of memory");
}

int accord_amendments_parse_json(accord_amendment_list **out, const char *data, size_t len, const char *name,
	accord_error *err)
{
	json_error_t jerr;
	json_t *root = NULL, *items, *item;
	accord_amendment_list *list = NULL;
	const char *tag, *party, *base_name, *contribution_name;
	reader r = {name ? name : "-", NO_AMENDMENT, err};
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = accord_utf8_check(data, len, err)) != ACCORD_OK) {
		accord_error_at(err, r.name, err ? err->line : 0, err ? err->col : 0);
		return rc;
	}
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		accord_error_set(err, ACCORD_EPARSE, "%s", jerr.text);
		accord_error_at(err, r.name, jerr.line > 0 ? (unsigned)jerr.line : 0, jerr.column > 0 ? (unsigned)jerr.column : 0);
		return ACCORD_EPARSE;
	}
	rc = ACCORD_ESCHEMA;
	if (!json_is_object(root) || !json_is_string(json_object_get(root, "accord"))) {
		accord_error_set(err, rc, "not an amendment list (no \"accord\": \"%s\")", AMENDMENTS_TAG);
		accord_error_at(err, r.name, 1, 1);
		goto cleanup;
	}
	tag = json_string_value(json_object_get(root, "accord"));
	if (strcmp(tag, AMENDMENTS_TAG) != 0) {
		rc = strncmp(tag, "amendments/", 11) == 0 ? ACCORD_EVERSION : ACCORD_ESCHEMA;
		accord_error_set(err, rc, "\"%s\" is not an amendment list this version reads (%s)", tag, AMENDMENTS_TAG);
		accord_error_at(err, r.name, 1, 1);
		goto cleanup;
	}
	items = json_object_get(root, "amendments");
	if (!json_is_array(items)) {
		accord_error_set(err, rc, "\"amendments\" must be a list");
		accord_error_at(err, r.name, 0, 0);
		goto cleanup;
	}
	if ((rc = accord_amendments_new(&list)) != ACCORD_OK)
		goto oom;
	r.index = NO_AMENDMENT;
	if ((rc = get_str(&r, root, "party", &party)) != ACCORD_OK ||
	    (rc = get_str(&r, root, "base", &base_name)) != ACCORD_OK ||
	    (rc = get_str(&r, root, "contribution", &contribution_name)) != ACCORD_OK)
		goto cleanup;
	if (accord_amendments_set_origin(list, party, base_name, contribution_name) != ACCORD_OK)
		goto oom;
	json_array_foreach(items, i, item)
	{
		r.index = i;
		if ((rc = read_amendment(&r, item, list)) != ACCORD_OK)
			goto cleanup;
	}
	*out = list;
	list = NULL;
	rc = ACCORD_OK;
	goto cleanup;
oom:
	rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory reading amendments");
cleanup:
	accord_amendments_free(list);
	json_decref(root);
	return rc;
}
