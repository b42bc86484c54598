/*
** json.c: documents as JSON (the "document/1" schema of docs/formats.md),
** read with jansson and written with the tree writer (format/doc_tree.c).
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "accord/text.h"
#include "format/doc_tree_int.h"
#include "model/docschema_int.h"

/* ---- reading ------------------------------------------------------------------ */

/* Copies a jansson value into the tree under parent, refusing nesting past the limit. */
static int from_json(ds_tree *tree, ds_node *parent, json_t *value, const ds_node **deep)
{
	ds_node *node;
	char number[64];
	int rc;

	switch (json_typeof(value)) {
	case JSON_OBJECT:
	case JSON_ARRAY:
		if (parent != NULL && ds_depth(parent) + 1 >= ACCORD_DOCSCHEMA_MAX_DEPTH) {
			*deep = parent;
			return ACCORD_ESCHEMA;
		}
		node = ds_add(tree, parent, json_is_object(value) ? DS_MAP : DS_SEQ, NULL, 0);
		if (node == NULL)
			return ACCORD_ENOMEM;
		if (json_is_object(value)) {
			const char *key;
			json_t *member;
			json_object_foreach(value, key, member) {
				if (ds_add(tree, node, DS_STRING, key, strlen(key)) == NULL)
					return ACCORD_ENOMEM;
				if ((rc = from_json(tree, node, member, deep)) != ACCORD_OK)
					return rc;
			}
		} else {
			size_t i;
			json_t *item;
			json_array_foreach(value, i, item) {
				if ((rc = from_json(tree, node, item, deep)) != ACCORD_OK)
					return rc;
			}
		}
		return ACCORD_OK;
	case JSON_STRING:
		if (memchr(json_string_value(value), '\0', json_string_length(value)) != NULL)
			return ACCORD_EPARSE; /* not reached: jansson refuses \u0000 unless asked */
		node = ds_add(tree, parent, DS_STRING, json_string_value(value), json_string_length(value));
		break;
	case JSON_INTEGER:
		snprintf(number, sizeof(number), "%" JSON_INTEGER_FORMAT, json_integer_value(value));
		node = ds_add(tree, parent, DS_NUMBER, number, strlen(number));
		break;
	case JSON_REAL:
		snprintf(number, sizeof(number), "%.17g", json_real_value(value));
		node = ds_add(tree, parent, DS_NUMBER, number, strlen(number));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		node = ds_add(tree, parent, DS_BOOL, json_is_true(value) ? "true" : "false", json_is_true(value) ? 4 : 5);
		break;
	default:
		node = ds_add(tree, parent, DS_NULL, "null", 4);
		break;
	}
	return node ? ACCORD_OK : ACCORD_ENOMEM;
}

/*
** jansson keeps no positions, so a schema error is placed by walking the
** (already valid) JSON text along the node's path: the n-th member of an
** object, the n-th element of an array.
*/
static size_t skip_blank(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

static size_t skip_string(const char *s, size_t len, size_t i)
{
	for (i++; i < len && s[i] != '"'; i++)
		if (s[i] == '\\')
			i++;
	return i < len ? i + 1 : len;
}

static size_t skip_value(const char *s, size_t len, size_t i)
{
	size_t depth = 0;
	if (i >= len)
		return len;
	if (s[i] == '"')
		return skip_string(s, len, i);
	if (s[i] != '{' && s[i] != '[') {
		while (i < len && strchr(",]} \t\r\n", s[i]) == NULL)
			i++;
		return i;
	}
	while (i < len) {
		if (s[i] == '"') {
			i = skip_string(s, len, i);
			continue;
		}
		if (s[i] == '{' || s[i] == '[')
			depth++;
		else if ((s[i] == '}' || s[i] == ']') && --depth == 0)
			return i + 1;
		i++;
	}
	return len;
}

/* After one member or element: past the blanks and the comma. */
static size_t skip_separator(const char *s, size_t len, size_t i)
{
	i = skip_blank(s, len, i);
	if (i < len && s[i] == ',')
		i++;
	return skip_blank(s, len, i);
}

static void locate(const ds_node *node, const char *s, size_t len, unsigned *line, unsigned *col)
{
	const ds_node *chain[ACCORD_DOCSCHEMA_MAX_DEPTH + 2];
	size_t n = 0, i, k, at, line_start = 0;
	unsigned lines = 1, cols = 1;

	for (; node != NULL && node->parent != NULL && n < sizeof(chain) / sizeof(chain[0]); node = node->parent)
		chain[n++] = node;
	i = skip_blank(s, len, 0);
	while (n-- > 0 && i < len) {
		const ds_node *step = chain[n];
		if (step->parent->type == DS_MAP) {
			size_t member = step->index / 2;
			i = skip_blank(s, len, i + 1); /* past '{' */
			for (k = 0; k < member && i < len; k++) {
				i = skip_string(s, len, i);
				i = skip_blank(s, len, i);
				i = skip_blank(s, len, i + 1); /* past ':' */
				i = skip_separator(s, len, skip_value(s, len, i));
			}
			if (step->index % 2 == 0)
				break; /* the key itself */
			i = skip_blank(s, len, skip_string(s, len, i));
			i = skip_blank(s, len, i + 1);
		} else {
			i = skip_blank(s, len, i + 1); /* past '[' */
			for (k = 0; k < step->index && i < len; k++)
				i = skip_separator(s, len, skip_value(s, len, i));
		}
	}
	at = i < len ? i : len;
	for (i = 0; i < at; i++)
		if (s[i] == '\n') {
			lines++;
			line_start = i + 1;
		}
	for (i = line_start; i < at; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			cols++;
	*line = lines;
	*col = cols;
}

/*
** Reads a "document/1" JSON file: the YAML schema in JSON syntax. Errors as
** for YAML; a key given twice is ACCORD_ESCHEMA; syntax errors carry
** jansson's line and column.
*/
int accord_doc_parse_json(accord_doc **out, const char *data, size_t len, const accord_parse_options *opts,
	accord_error *err)
{
	ds_tree tree = DS_TREE_INIT;
	const char *name = opts ? opts->name : NULL;
	const ds_node *where = NULL;
	json_t *root = NULL;
	json_error_t jerr;
	size_t bom = 0;
	int rc;

	if ((rc = ds_check_input(out, data, len, name, err)) != ACCORD_OK)
		return rc;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		/* A byte order mark, as some Windows tools write: skipped (jansson refuses it). */
		data += 3;
		len -= 3;
		bom = 3;
	}
	root = json_loadb(data, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		switch (json_error_code(&jerr)) {
		case json_error_out_of_memory:
			rc = ACCORD_ENOMEM;
			break;
		case json_error_duplicate_key:
			rc = ACCORD_ESCHEMA;
			break;
		case json_error_invalid_utf8:
			rc = ACCORD_EUTF8;
			break;
		default:
			rc = ACCORD_EPARSE;
			break;
		}
		accord_error_set(err, rc, "%s", jerr.text);
		accord_error_at(err, name, jerr.line > 0 ? (unsigned)jerr.line : 0, jerr.column > 0 ? (unsigned)jerr.column : 0);
		if (err != NULL && jerr.position > 0)
			err->offset = (size_t)jerr.position + bom;
		return rc;
	}
	if ((rc = from_json(&tree, NULL, root, &where)) != ACCORD_OK) {
		if (rc == ACCORD_ENOMEM) {
			accord_error_set(err, rc, NULL);
		} else {
			unsigned line = 0, col = 0;
			locate(where, data, len, &line, &col);
			accord_error_set(err, rc, "nested too deeply (more than %d levels)", ACCORD_DOCSCHEMA_MAX_DEPTH);
			accord_error_at(err, name, line, col);
		}
		goto cleanup;
	}
	rc = ds_to_doc(out, &tree, opts, &where, err);
	if (rc != ACCORD_OK && where != NULL && err != NULL) {
		unsigned line = 0, col = 0;
		locate(where, data, len, &line, &col);
		err->line = line;
		err->col = col;
	}
cleanup:
	json_decref(root);
	ds_tree_dispose(&tree);
	return rc;
}

/* ---- writing -------------------------------------------------------------------- */

/*
** Appends doc to out as "document/1" JSON: every key present (null, []),
** plus "warnings"; 2-space indent, fixed key order, ends with a newline.
** Fails with ACCORD_ENOMEM or ACCORD_EUTF8; out is then as it was.
*/
int accord_doc_render_json(accord_buf *out, const accord_doc *doc, accord_error *err)
{
	return doc_render_tree(out, doc, NULL, err);
}
