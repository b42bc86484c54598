/*
** yaml.c: documents as YAML (schema "document/1", docs/formats.md), read with
** libyaml's event API and written with the tree writer (format/doc_tree.c).
*/
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "accord/text.h"
#include "format/doc_tree_int.h"
#include "model/docschema_int.h"

/* ---- reading ---------------------------------------------------------------- */

static unsigned mark_line(yaml_mark_t mark)
{
	return mark.line >= UINT_MAX ? UINT_MAX : (unsigned)mark.line + 1;
}

static unsigned mark_col(yaml_mark_t mark)
{
	return mark.column >= UINT_MAX ? UINT_MAX : (unsigned)mark.column + 1;
}

static int fail_at(accord_error *err, const char *name, yaml_mark_t mark, int code, const char *what)
{
	accord_error_set(err, code, "%s", what);
	accord_error_at(err, name, mark_line(mark), mark_col(mark));
	return code;
}

/* Only the standard tag of each kind of node is accepted ("!!str", "!!map" ...). */
static int tag_allowed(const yaml_char_t *tag, const char *standard)
{
	return tag == NULL || strcmp((const char *)tag, "!") == 0 || strcmp((const char *)tag, standard) == 0;
}

/* Adds the node an event opens (a scalar, a mapping or a list) under parent. */
static int add_node(ds_tree *tree, ds_node *parent, const yaml_event_t *event, const char *name, ds_node **out,
	accord_error *err)
{
	ds_node *node;
	ds_type type;
	const char *text = NULL;
	size_t len = 0;
	int plain = 0;

	*out = NULL;
	if (parent != NULL && parent->type == DS_MAP && parent->count % 2 == 0 && event->type != YAML_SCALAR_EVENT)
		return fail_at(err, name, event->start_mark, ACCORD_ESCHEMA, "a mapping key must be a plain string");
	if (parent != NULL && ds_depth(parent) + 1 >= ACCORD_DOCSCHEMA_MAX_DEPTH) {
		char what[64]; /* as the JSON reader says it */
		snprintf(what, sizeof(what), "nested too deeply (more than %d levels)", ACCORD_DOCSCHEMA_MAX_DEPTH);
		return fail_at(err, name, event->start_mark, ACCORD_ESCHEMA, what);
	}
	switch (event->type) {
	case YAML_SCALAR_EVENT:
		text = (const char *)event->data.scalar.value;
		len = event->data.scalar.length;
		if (memchr(text, '\0', len) != NULL)
			return fail_at(err, name, event->start_mark, ACCORD_ESCHEMA, "a string holds a NUL character");
		if (event->data.scalar.tag != NULL) {
			if (!tag_allowed(event->data.scalar.tag, YAML_STR_TAG))
				return fail_at(err, name, event->start_mark, ACCORD_ESCHEMA,
					"unsupported tag (only strings, lists and mappings)");
			type = DS_STRING;
		} else if (event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
			type = ds_resolve_plain(text, len);
			plain = 1;
		} else {
			type = DS_STRING;
		}
		break;
	case YAML_SEQUENCE_START_EVENT:
		if (!tag_allowed(event->data.sequence_start.tag, YAML_SEQ_TAG))
			return fail_at(err, name, event->start_mark, ACCORD_ESCHEMA, "unsupported tag on a list");
		type = DS_SEQ;
		break;
	case YAML_MAPPING_START_EVENT:
		if (!tag_allowed(event->data.mapping_start.tag, YAML_MAP_TAG))
			return fail_at(err, name, event->start_mark, ACCORD_ESCHEMA, "unsupported tag on a mapping");
		type = DS_MAP;
		break;
	default:
		return fail_at(err, name, event->start_mark, ACCORD_EPARSE, "unexpected YAML event");
	}
	if ((node = ds_add(tree, parent, type, text, len)) == NULL)
		return accord_error_set(err, ACCORD_ENOMEM, NULL);
	node->plain = plain;
	node->line = mark_line(event->start_mark);
	node->col = mark_col(event->start_mark);
	*out = node;
	return ACCORD_OK;
}

/* Turns the YAML stream into a tree: one document, no aliases, bounded depth. */
static int load_tree(ds_tree *tree, const char *data, size_t len, const char *name, accord_error *err)
{
	yaml_parser_t parser;
	yaml_event_t event;
	ds_node *current = NULL;
	int documents = 0, done = 0, rc = ACCORD_OK;

	if (!yaml_parser_initialize(&parser))
		return accord_error_set(err, ACCORD_ENOMEM, NULL);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		ds_node *node;
		if (!yaml_parser_parse(&parser, &event)) {
			if (parser.error == YAML_MEMORY_ERROR) {
				rc = accord_error_set(err, ACCORD_ENOMEM, NULL);
			} else {
				rc = accord_error_set(err, ACCORD_EPARSE, "%s%s%s", parser.problem ? parser.problem : "bad YAML",
					parser.context ? " " : "", parser.context ? parser.context : "");
				accord_error_at(err, name, mark_line(parser.problem_mark), mark_col(parser.problem_mark));
			}
			break;
		}
		switch (event.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1)
				rc = fail_at(err, name, event.start_mark, ACCORD_ESCHEMA,
					"more than one YAML document (one accord document per file)");
			break;
		case YAML_ALIAS_EVENT:
			rc = fail_at(err, name, event.start_mark, ACCORD_ESCHEMA, "aliases (*name) are not supported");
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			rc = add_node(tree, current, &event, name, &node, err);
			if (rc == ACCORD_OK && event.type != YAML_SCALAR_EVENT)
				current = node;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (current != NULL)
				current = (ds_node *)current->parent;
			break;
		default:
			break;
		}
		yaml_event_delete(&event);
		if (rc != ACCORD_OK)
			break;
	}
	yaml_parser_delete(&parser);
	return rc;
}

/*
** Reads a "document/1" YAML file (docs/formats.md). Checks UTF-8 first
** (ACCORD_EUTF8 with err->offset); blanks only: ACCORD_EEMPTY; libyaml
** syntax errors: ACCORD_EPARSE; wrong shape: ACCORD_ESCHEMA; a newer
** version: ACCORD_EVERSION; all with err->line/col (1-based) of the node.
*/
int accord_doc_parse_yaml(accord_doc **out, const char *data, size_t len, const accord_parse_options *opts,
	accord_error *err)
{
	ds_tree tree = DS_TREE_INIT;
	const char *name = opts ? opts->name : NULL;
	int rc;

	if ((rc = ds_check_input(out, data, len, name, err)) != ACCORD_OK)
		return rc;
	if ((rc = load_tree(&tree, data, len, name, err)) != ACCORD_OK)
		goto cleanup;
	if (tree.root == NULL) {
		rc = accord_error_set(err, ACCORD_EEMPTY, "the input holds no YAML document");
		accord_error_at(err, name, 0, 0);
		goto cleanup;
	}
	rc = ds_to_doc(out, &tree, opts, NULL, err);
cleanup:
	ds_tree_dispose(&tree);
	return rc;
}

/* ---- writing ------------------------------------------------------------------- */

/*
** The style to ask for: literal blocks for text with line breaks, quotes
** for strings that a YAML reader would take for null, a boolean or a
** number, plain otherwise. libyaml falls back to a quoted style whenever the
** text cannot be written in the one asked for, and escapes what it must.
*/
static yamlw_style string_style(const char *text, size_t len)
{
	/*
	** Line breaks other than LF (CR, NEL, LS, PS) would be folded into LF by
	** a reader in any style but double quotes, where libyaml escapes them.
	*/
	if (memchr(text, '\r', len) != NULL || strstr(text, "\xC2\x85") != NULL || strstr(text, "\xE2\x80\xA8") != NULL ||
	    strstr(text, "\xE2\x80\xA9") != NULL)
		return YAMLW_DOUBLE;
	if (memchr(text, '\n', len) != NULL)
		return YAMLW_LITERAL;
	if (ds_resolve_plain(text, len) != DS_STRING)
		return YAMLW_SINGLE;
	return YAMLW_PLAIN;
}

/*
** Appends doc to out as "document/1" YAML: fixed key order, ids kept,
** absent keys left out, one line per paragraph (diffs stay readable).
** Fails with ACCORD_ENOMEM or ACCORD_EUTF8 (text that is not UTF-8); out is
** then as it was.
*/
static const yamlw_options doc_yaml = {-1, 0, string_style};

int accord_doc_render_yaml(accord_buf *out, const accord_doc *doc, accord_error *err)
{
	return doc_render_tree(out, doc, &doc_yaml, err);
}

const yamlw_options *doc_yaml_options(void)
{
	return &doc_yaml;
}
