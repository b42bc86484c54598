/* doc_tree.c: a document's "document/1" tree through the tree writer, as JSON or YAML. */
#include <stdlib.h>
#include <string.h>

#include "accord/text.h"
#include "format/doc_tree_int.h"
#include "model/docschema_int.h"
#include "util/treew_int.h"

static int write_node(treew *w, const ds_node *node)
{
	size_t i;
	int rc;
	switch (node->type) {
	case DS_MAP:
		treew_begin_object(w);
		for (i = 0; i + 1 < node->count; i += 2) {
			treew_key(w, node->items[i]->text); /* the schema's own names */
			if ((rc = write_node(w, node->items[i + 1])) != ACCORD_OK)
				return rc;
		}
		treew_end_object(w);
		break;
	case DS_SEQ:
		treew_begin_array(w);
		for (i = 0; i < node->count; i++)
			if ((rc = write_node(w, node->items[i])) != ACCORD_OK)
				return rc;
		treew_end_array(w);
		break;
	case DS_STRING:
		if (accord_utf8_check(node->text, node->len, NULL) != ACCORD_OK)
			return ACCORD_EUTF8;
		treew_string(w, node->text);
		break;
	case DS_NUMBER:
		treew_integer(w, strtoll(node->text, NULL, 10));
		break;
	case DS_BOOL:
		treew_bool(w, node->text[0] == 't');
		break;
	case DS_NULL:
		treew_null(w);
		break;
	}
	return ACCORD_OK;
}

int doc_render_tree(accord_buf *out, const accord_doc *doc, const yamlw_options *yaml, accord_error *err)
{
	return doc_render_tree_extended(out, doc, yaml, NULL, NULL, err);
}

int doc_render_tree_extended(accord_buf *out, const accord_doc *doc, const yamlw_options *yaml,
	int (*extend)(ds_tree *tree, void *ctx), void *ctx, accord_error *err)
{
	ds_tree tree = DS_TREE_INIT;
	treew w;
	size_t start;
	int rc, finished;

	if (out == NULL || doc == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "no buffer or no document");
	start = out->size;
	memset(&w, 0, sizeof(w));
	if ((rc = ds_from_doc(&tree, doc, yaml ? DS_FLAVOR_YAML : DS_FLAVOR_JSON)) != ACCORD_OK)
		goto cleanup;
	if (extend != NULL && (rc = extend(&tree, ctx)) != ACCORD_OK)
		goto cleanup;
	if (yaml)
		treew_init_yaml(&w, out, yaml);
	else
		treew_init_json(&w, out);
	rc = write_node(&w, tree.root);
	finished = treew_finish(&w);
	if (rc == ACCORD_OK)
		rc = finished;
cleanup:
	ds_tree_dispose(&tree);
	if (rc == ACCORD_OK)
		return ACCORD_OK;
	if (rc == ACCORD_EUTF8)
		accord_error_set(err, rc, "the document holds text that is not valid UTF-8");
	else if (rc == ACCORD_EINVAL)
		accord_error_set(err, rc, "libyaml could not write the document: %s",
			w.yaml && w.as.yaml.problem ? w.as.yaml.problem : "unknown problem");
	else
		accord_error_set(err, rc, NULL);
	if (out->ptr != NULL) {
		out->size = start;
		out->ptr[start] = '\0';
	}
	return rc;
}
