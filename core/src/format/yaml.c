/* yaml.c: documents as YAML (schema "document/1", docs/formats.md), read and written with libyaml's event API. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "accord/text.h"
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

typedef struct emit_state {
	yaml_emitter_t emitter;
	accord_buf *out;
	int out_of_memory; /* the buffer could not grow */
} emit_state;

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	emit_state *state = data;
	if (accord_buf_put(state->out, (const char *)buffer, size) != ACCORD_OK) {
		state->out_of_memory = 1;
		return 0;
	}
	return 1;
}

/*
** The style to ask for: literal blocks for text with line breaks, quotes
** for strings that a YAML reader would take for null, a boolean or a
** number, plain otherwise. libyaml falls back to a quoted style whenever the
** text cannot be written in the one asked for, and escapes what it must.
*/
static yaml_scalar_style_t scalar_style(const ds_node *node)
{
	if (node->type != DS_STRING)
		return YAML_PLAIN_SCALAR_STYLE;
	/*
	** Line breaks other than LF (CR, NEL, LS, PS) would be folded into LF by
	** a reader in any style but double quotes, where libyaml escapes them.
	*/
	if (memchr(node->text, '\r', node->len) != NULL || strstr(node->text, "\xC2\x85") != NULL ||
	    strstr(node->text, "\xE2\x80\xA8") != NULL || strstr(node->text, "\xE2\x80\xA9") != NULL)
		return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	if (memchr(node->text, '\n', node->len) != NULL)
		return YAML_LITERAL_SCALAR_STYLE;
	if (ds_resolve_plain(node->text, node->len) != DS_STRING)
		return YAML_SINGLE_QUOTED_SCALAR_STYLE;
	return YAML_PLAIN_SCALAR_STYLE;
}

static int emit(emit_state *state, yaml_event_t *event)
{
	return yaml_emitter_emit(&state->emitter, event) ? ACCORD_OK : ACCORD_EINVAL;
}

static int emit_node(emit_state *state, const ds_node *node)
{
	yaml_event_t event;
	size_t i;
	int rc;

	switch (node->type) {
	case DS_MAP:
	case DS_SEQ:
		if (node->type == DS_MAP ? !yaml_mapping_start_event_initialize(&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE)
					 : !yaml_sequence_start_event_initialize(&event, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE))
			return ACCORD_ENOMEM;
		if ((rc = emit(state, &event)) != ACCORD_OK)
			return rc;
		for (i = 0; i < node->count; i++)
			if ((rc = emit_node(state, node->items[i])) != ACCORD_OK)
				return rc;
		if (node->type == DS_MAP ? !yaml_mapping_end_event_initialize(&event)
					 : !yaml_sequence_end_event_initialize(&event))
			return ACCORD_ENOMEM;
		return emit(state, &event);
	default:
		if (node->len > INT_MAX)
			return ACCORD_EINVAL;
		if (!yaml_scalar_event_initialize(&event, NULL, NULL, (yaml_char_t *)(uintptr_t)node->text,
			    node->type == DS_NULL ? -1 : (int)node->len, 1, 1, scalar_style(node))) {
			/* libyaml refuses text that is not UTF-8; otherwise it ran out of memory. */
			return accord_utf8_check(node->text, node->len, NULL) != ACCORD_OK ? ACCORD_EUTF8 : ACCORD_ENOMEM;
		}
		return emit(state, &event);
	}
}

/*
** Appends doc to out as "document/1" YAML: fixed key order, ids kept,
** absent keys left out. Fails with ACCORD_ENOMEM or ACCORD_EUTF8 (text
** that is not UTF-8); out is then as it was.
*/
int accord_doc_render_yaml(accord_buf *out, const accord_doc *doc, accord_error *err)
{
	ds_tree tree = DS_TREE_INIT;
	emit_state state;
	yaml_event_t event;
	size_t start;
	int rc, emitter_ready = 0;

	if (out == NULL || doc == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "no buffer or no document");
	start = out->size;

	memset(&state, 0, sizeof(state));
	if ((rc = ds_from_doc(&tree, doc, DS_FLAVOR_YAML)) != ACCORD_OK)
		goto cleanup;
	if (!yaml_emitter_initialize(&state.emitter)) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	emitter_ready = 1;
	state.out = out;
	yaml_emitter_set_output(&state.emitter, write_handler, &state);
	yaml_emitter_set_encoding(&state.emitter, YAML_UTF8_ENCODING);
	yaml_emitter_set_unicode(&state.emitter, 1);
	yaml_emitter_set_width(&state.emitter, -1); /* one line per paragraph: diffs stay readable */
	yaml_emitter_set_indent(&state.emitter, 2);
	yaml_emitter_set_break(&state.emitter, YAML_LN_BREAK);
	if (!yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING) || (rc = emit(&state, &event)) != ACCORD_OK ||
	    !yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1) || (rc = emit(&state, &event)) != ACCORD_OK)
		goto emitter_failed;
	if ((rc = emit_node(&state, tree.root)) != ACCORD_OK)
		goto emitter_failed;
	if (!yaml_document_end_event_initialize(&event, 1) || (rc = emit(&state, &event)) != ACCORD_OK ||
	    !yaml_stream_end_event_initialize(&event) || (rc = emit(&state, &event)) != ACCORD_OK ||
	    !yaml_emitter_flush(&state.emitter))
		goto emitter_failed;
	rc = ACCORD_OK;
	goto cleanup;
emitter_failed:
	if (state.out_of_memory || state.emitter.error == YAML_MEMORY_ERROR || rc == ACCORD_OK)
		rc = ACCORD_ENOMEM;
cleanup:
	if (rc == ACCORD_ENOMEM)
		accord_error_set(err, rc, NULL);
	else if (rc == ACCORD_EUTF8)
		accord_error_set(err, rc, "the document holds text that is not valid UTF-8");
	else if (rc != ACCORD_OK)
		accord_error_set(err, rc, "libyaml could not write the document: %s",
			emitter_ready && state.emitter.problem ? state.emitter.problem : "unknown problem");
	if (emitter_ready)
		yaml_emitter_delete(&state.emitter);
	ds_tree_dispose(&tree);
	if (rc != ACCORD_OK && out->ptr != NULL) {
		out->size = start;
		out->ptr[start] = '\0';
	}
	return rc;
}
