/*
** doc_tree_int.h: documents written through the tree writer (util/treew):
** the "document/1" tree of model/docschema, walked once for JSON and YAML.
*/
#ifndef ACCORD_DOC_TREE_INT_H
#define ACCORD_DOC_TREE_INT_H

#include "accord/doc.h"
#include "util/yamlw_int.h"

/*
** Appends doc to out as "document/1": YAML written with yaml's options
** (the YAML tree: absent keys left out), or JSON when yaml is NULL (every
** key present, plus "warnings"). Fails with ACCORD_EINVAL (no buffer or no
** document), ACCORD_ENOMEM or ACCORD_EUTF8 (text that is not UTF-8), all
** told in err; out is then as it was.
*/
int doc_render_tree(accord_buf *out, const accord_doc *doc, const yamlw_options *yaml, accord_error *err);

/*
** The same, with extend (when not NULL) called on the tree before it is
** written: a caller adds keys of its own (bracketed texts add "brackets"
** to paragraphs). What extend returns other than ACCORD_OK stops it.
*/
struct ds_tree;
/* The options accord_doc_render_yaml writes documents with. */
const yamlw_options *doc_yaml_options(void);
int doc_render_tree_extended(accord_buf *out, const accord_doc *doc, const yamlw_options *yaml,
	int (*extend)(struct ds_tree *tree, void *ctx), void *ctx, accord_error *err);

#endif
