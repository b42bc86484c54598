/* docschema.c: the document schema shared by YAML and JSON: a node tree, its validator, its builder. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "accord/text.h"
#include "model/docschema_int.h"

/* ---- the tree ------------------------------------------------------------- */

void ds_tree_dispose(ds_tree *tree)
{
	accord_arena_dispose(&tree->arena);
	tree->root = NULL;
}

ds_node *ds_add(ds_tree *tree, ds_node *parent, ds_type type, const char *text, size_t len)
{
	ds_node *node = accord_arena_alloc(&tree->arena, sizeof(*node));
	if (node == NULL)
		return NULL;
	memset(node, 0, sizeof(*node));
	node->type = type;
	node->text = "";
	if (text != NULL) {
		char *copy = accord_arena_strndup(&tree->arena, text, len);
		if (copy == NULL)
			return NULL;
		node->text = copy;
		node->len = len;
	}
	if (parent == NULL) {
		tree->root = node;
		return node;
	}
	if (parent->count == parent->cap) {
		size_t want = parent->cap ? parent->cap * 2 : 8;
		ds_node **grown = accord_arena_alloc(&tree->arena, want * sizeof(*grown));
		if (grown == NULL)
			return NULL;
		if (parent->count)
			memcpy(grown, parent->items, parent->count * sizeof(*grown));
		parent->items = grown;
		parent->cap = want;
	}
	node->parent = parent;
	node->index = parent->count;
	parent->items[parent->count++] = node;
	return node;
}

unsigned ds_depth(const ds_node *node)
{
	unsigned depth = 0;
	while ((node = node->parent) != NULL)
		depth++;
	return depth;
}

static int text_is(const char *text, size_t len, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strlen(*words) == len && memcmp(*words, text, len) == 0)
			return 1;
	return 0;
}

ds_type ds_resolve_plain(const char *text, size_t len)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL", NULL};
	/* YAML 1.2 booleans, and the YAML 1.1 ones other readers still honour. */
	static const char *const bools[] = {"true", "True", "TRUE", "false", "False", "FALSE", "y", "Y", "yes",
		"Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", NULL};
	static const char *const specials[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf",
		"-.INF", ".nan", ".NaN", ".NAN", NULL};
	size_t i = 0;
	if (text_is(text, len, nulls))
		return DS_NULL;
	if (text_is(text, len, bools))
		return DS_BOOL;
	if (text_is(text, len, specials))
		return DS_NUMBER;
	/*
	** Numbers, conservatively: an optional sign, a digit (or a dot and a
	** digit), then only characters that YAML 1.1/1.2 numbers use (hex,
	** octal, binary, exponents, underscores, sexagesimal colons). Anything
	** caught here that is not really a number is merely quoted on output.
	*/
	if (i < len && (text[i] == '+' || text[i] == '-'))
		i++;
	if (i < len && text[i] == '.')
		i++;
	if (i >= len || text[i] < '0' || text[i] > '9')
		return DS_STRING;
	for (; i < len; i++)
		if (strchr("0123456789abcdefABCDEFxXoO_.:+-", text[i]) == NULL || text[i] == '\0')
			return DS_STRING;
	return DS_NUMBER;
}

/* The length of step's part of a path: "[3]", or ".key" (without the dot when it comes first). */
static size_t path_step(const ds_node *step, char *out, size_t size, int first)
{
	const ds_node *parent = step->parent;
	int w;
	if (parent->type == DS_SEQ)
		w = snprintf(out, size, "[%zu]", step->index);
	else /* a value and its key both go by the key's name */
		w = snprintf(out, size, "%s%s", first ? "" : ".", parent->items[step->index & ~(size_t)1]->text);
	return w < 0 ? 0 : (size_t)w;
}

void ds_path(const ds_node *node, char *buf, size_t size)
{
	const ds_node *chain[ACCORD_DOCSCHEMA_MAX_DEPTH + 2];
	size_t n = 0, keep, need = 0, used = 0;
	int truncated = 0, first;
	if (size == 0)
		return;
	buf[0] = '\0';
	for (; node != NULL && node->parent != NULL; node = node->parent) {
		if (n == sizeof(chain) / sizeof(chain[0])) {
			truncated = 1;
			break;
		}
		chain[n++] = node; /* innermost first */
	}
	/* The innermost steps that fit, with "..." before them when the outer ones are left out. */
	for (keep = 0; keep < n; keep++) {
		size_t len = path_step(chain[keep], NULL, 0, 0);
		if (need + len + 3 >= size && (keep + 1 < n || truncated || need + len >= size))
			break;
		need += len;
	}
	if (keep < n || truncated)
		used = (size_t)snprintf(buf, size, "...");
	for (first = 1; keep-- > 0 && used < size; first = 0)
		used += path_step(chain[keep], buf + used, size - used, first);
}

/* ---- from a document -------------------------------------------------------- */

typedef struct writer {
	ds_tree *tree;
	ds_flavor flavor;
} writer;

/* Adds `key: text` to map; text NULL gives null (JSON) or nothing (YAML). */
static int put_string(writer *w, ds_node *map, const char *key, const char *text)
{
	if (text == NULL && w->flavor == DS_FLAVOR_YAML)
		return ACCORD_OK;
	if (ds_add(w->tree, map, DS_STRING, key, strlen(key)) == NULL)
		return ACCORD_ENOMEM;
	if (text == NULL)
		return ds_add(w->tree, map, DS_NULL, NULL, 0) ? ACCORD_OK : ACCORD_ENOMEM;
	return ds_add(w->tree, map, DS_STRING, text, strlen(text)) ? ACCORD_OK : ACCORD_ENOMEM;
}

static int put_number(writer *w, ds_node *map, const char *key, unsigned long value)
{
	char text[32];
	int n = snprintf(text, sizeof(text), "%lu", value);
	if (ds_add(w->tree, map, DS_STRING, key, strlen(key)) == NULL)
		return ACCORD_ENOMEM;
	return ds_add(w->tree, map, DS_NUMBER, text, (size_t)n) ? ACCORD_OK : ACCORD_ENOMEM;
}

/* Adds `key: []` to map and returns the list; *out NULL when left out (empty, YAML, optional). */
static int put_list(writer *w, ds_node *map, const char *key, size_t count, int optional, ds_node **out)
{
	*out = NULL;
	if (count == 0 && optional && w->flavor == DS_FLAVOR_YAML)
		return ACCORD_OK;
	if (ds_add(w->tree, map, DS_STRING, key, strlen(key)) == NULL)
		return ACCORD_ENOMEM;
	*out = ds_add(w->tree, map, DS_SEQ, NULL, 0);
	return *out ? ACCORD_OK : ACCORD_ENOMEM;
}

static int put_paras(writer *w, ds_node *list, accord_para *const *paras, size_t n)
{
	size_t i;
	int rc;
	for (i = 0; i < n; i++) {
		const accord_para *p = paras[i];
		ds_node *map = ds_add(w->tree, list, DS_MAP, NULL, 0), *children;
		if (map == NULL)
			return ACCORD_ENOMEM;
		if ((rc = put_string(w, map, "id", p->id)) != ACCORD_OK ||
		    (rc = put_string(w, map, "label", p->label)) != ACCORD_OK ||
		    (rc = put_string(w, map, "text", p->text)) != ACCORD_OK ||
		    (rc = put_list(w, map, "children", p->n_children, 1, &children)) != ACCORD_OK)
			return rc;
		if (children != NULL && (rc = put_paras(w, children, p->children, p->n_children)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

int ds_from_doc(ds_tree *tree, const accord_doc *doc, ds_flavor flavor)
{
	writer w = {tree, flavor};
	ds_node *root, *list, *map;
	size_t i;
	int rc;

	if ((root = ds_add(tree, NULL, DS_MAP, NULL, 0)) == NULL)
		return ACCORD_ENOMEM;
	if ((rc = put_string(&w, root, "accord", ACCORD_DOCSCHEMA_TAG)) != ACCORD_OK ||
	    (rc = put_string(&w, root, "mode", accord_doc_mode_name(doc->mode))) != ACCORD_OK ||
	    (rc = put_string(&w, root, "symbol", doc->meta[ACCORD_META_SYMBOL])) != ACCORD_OK ||
	    (rc = put_string(&w, root, "source", doc->meta[ACCORD_META_SOURCE])) != ACCORD_OK)
		return rc;
	if ((rc = put_list(&w, root, "notes", doc->n_notes, 1, &list)) != ACCORD_OK)
		return rc;
	for (i = 0; i < doc->n_notes; i++)
		if (ds_add(tree, list, DS_STRING, doc->notes[i], strlen(doc->notes[i])) == NULL)
			return ACCORD_ENOMEM;
	if ((rc = put_string(&w, root, "title", doc->meta[ACCORD_META_TITLE])) != ACCORD_OK ||
	    (rc = put_string(&w, root, "body", doc->meta[ACCORD_META_BODY])) != ACCORD_OK)
		return rc;
	if ((rc = put_list(&w, root, "sections", doc->n_sections, 0, &list)) != ACCORD_OK)
		return rc;
	for (i = 0; i < doc->n_sections; i++) {
		const accord_section *s = doc->sections[i];
		ds_node *paras;
		if ((map = ds_add(tree, list, DS_MAP, NULL, 0)) == NULL)
			return ACCORD_ENOMEM;
		if ((rc = put_string(&w, map, "id", s->id)) != ACCORD_OK ||
		    (rc = put_string(&w, map, "heading", s->heading)) != ACCORD_OK ||
		    (rc = put_string(&w, map, "kind", accord_section_kind_name(s->kind))) != ACCORD_OK ||
		    (rc = put_string(&w, map, "addressee", s->addressee)) != ACCORD_OK ||
		    (rc = put_list(&w, map, "paragraphs", s->n_paras, 0, &paras)) != ACCORD_OK ||
		    (rc = put_paras(&w, paras, s->paras, s->n_paras)) != ACCORD_OK)
			return rc;
	}
	if ((rc = put_list(&w, root, "footnotes", doc->n_footnotes, 1, &list)) != ACCORD_OK)
		return rc;
	for (i = 0; i < doc->n_footnotes; i++) {
		if ((map = ds_add(tree, list, DS_MAP, NULL, 0)) == NULL)
			return ACCORD_ENOMEM;
		if ((rc = put_string(&w, map, "number", doc->footnotes[i]->number)) != ACCORD_OK ||
		    (rc = put_string(&w, map, "text", doc->footnotes[i]->text)) != ACCORD_OK)
			return rc;
	}
	if (flavor == DS_FLAVOR_JSON) {
		if ((rc = put_list(&w, root, "warnings", doc->n_warnings, 0, &list)) != ACCORD_OK)
			return rc;
		for (i = 0; i < doc->n_warnings; i++) {
			const accord_warning *warning = &doc->warnings[i];
			if ((map = ds_add(tree, list, DS_MAP, NULL, 0)) == NULL)
				return ACCORD_ENOMEM;
			if ((rc = put_number(&w, map, "line", warning->line)) != ACCORD_OK ||
			    (rc = put_number(&w, map, "col", warning->col)) != ACCORD_OK ||
			    (rc = put_string(&w, map, "message", warning->message)) != ACCORD_OK)
				return rc;
		}
	}
	return ACCORD_OK;
}

/* ---- checks before parsing ------------------------------------------------ */

/* The entry checks of accord_doc_parse_yaml and accord_doc_parse_json (docschema_int.h). */
int ds_check_input(accord_doc **out, const char *data, size_t len, const char *name, accord_error *err)
{
	size_t i;
	int rc;

	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "no place for the document");
	*out = NULL;
	if (data == NULL && len > 0)
		return accord_error_set(err, ACCORD_EINVAL, "no input");
	if ((rc = accord_utf8_check(data ? data : "", len, err)) != ACCORD_OK) {
		if (err != NULL && name != NULL)
			snprintf(err->file, sizeof(err->file), "%s", name);
		return rc;
	}
	for (i = 0; i < len; i++)
		if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
			return ACCORD_OK;
	rc = accord_error_set(err, ACCORD_EEMPTY, "the input is empty");
	accord_error_at(err, name, 0, 0);
	return rc;
}

/* ---- to a document: the validator ------------------------------------------- */

typedef struct reader {
	accord_doc *doc;
	accord_error *err;
	const ds_node **where;
	const char *name;             /* input name, for err->file */
	accord_id_index section_ids;  /* explicit ids seen by the first pass */
	accord_id_index para_ids;
	unsigned next_section;        /* the N of the next fresh "sN" */
	unsigned next_para;
} reader;

static const char *type_name(const ds_node *node)
{
	switch (node->type) {
	case DS_NULL: return "null";
	case DS_STRING: return "a string";
	case DS_NUMBER: return "a number";
	case DS_BOOL: return "a boolean";
	case DS_MAP: return "a mapping";
	case DS_SEQ: return "a list";
	}
	return "a value";
}

/* Records a failure at node: "path: message", with its position. */
static int fail(reader *r, const ds_node *node, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static int fail(reader *r, const ds_node *node, int code, const char *fmt, ...)
{
	char path[200], message[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	ds_path(node, path, sizeof(path));
	if (path[0] != '\0')
		accord_error_set(r->err, code, "%s: %s", path, message);
	else
		accord_error_set(r->err, code, "%s", message);
	accord_error_at(r->err, r->name, node->line, node->col);
	if (r->where)
		*r->where = node;
	return code;
}

/* The value under key in map, or NULL. */
static const ds_node *get(const ds_node *map, const char *key)
{
	size_t i;
	for (i = 0; i + 1 < map->count; i += 2)
		if (strcmp(map->items[i]->text, key) == 0)
			return map->items[i + 1];
	return NULL;
}

/* Refuses keys not in allowed (a NULL-terminated list) and keys given twice. */
static int check_keys(reader *r, const ds_node *map, const char *what, const char *const *allowed)
{
	size_t i, j;
	for (i = 0; i + 1 < map->count; i += 2) {
		const ds_node *key = map->items[i];
		const char *const *a;
		for (a = allowed; *a != NULL; a++)
			if (strcmp(*a, key->text) == 0)
				break;
		if (*a == NULL) {
			char list[200];
			size_t used = 0;
			list[0] = '\0';
			for (a = allowed; *a != NULL && used < sizeof(list); a++) {
				int w = snprintf(list + used, sizeof(list) - used, "%s%s", used ? ", " : "", *a);
				if (w < 0)
					break;
				used += (size_t)w;
			}
			return fail(r, key, ACCORD_ESCHEMA, "unknown key '%s' in %s (known: %s)", key->text, what, list);
		}
		for (j = 0; j < i; j += 2)
			if (strcmp(map->items[j]->text, key->text) == 0)
				return fail(r, key, ACCORD_ESCHEMA, "key '%s' given twice", key->text);
	}
	return ACCORD_OK;
}

/* A value that may stand for a string: a string, or a YAML plain number or boolean taken as written. */
static int stringish(const ds_node *node)
{
	return node->type == DS_STRING || (node->plain && (node->type == DS_NUMBER || node->type == DS_BOOL));
}

/*
** The string under key: *out is NULL when the key is absent or null (an
** error when required).
*/
static int get_string(reader *r, const ds_node *map, const char *key, int required, const char **out,
	const ds_node **node_out)
{
	const ds_node *value = get(map, key);
	*out = NULL;
	if (node_out)
		*node_out = value;
	if (value == NULL || value->type == DS_NULL) {
		if (!required)
			return ACCORD_OK;
		return fail(r, value ? value : map, ACCORD_ESCHEMA, "missing '%s' (a string)", key);
	}
	if (!stringish(value))
		return fail(r, value, ACCORD_ESCHEMA, "'%s' must be a string, not %s", key, type_name(value));
	*out = value->text;
	return ACCORD_OK;
}

/* The list under key, or *out NULL when absent or null. */
static int get_list(reader *r, const ds_node *map, const char *key, const ds_node **out)
{
	const ds_node *value = get(map, key);
	*out = NULL;
	if (value == NULL || value->type == DS_NULL)
		return ACCORD_OK;
	if (value->type != DS_SEQ)
		return fail(r, value, ACCORD_ESCHEMA, "'%s' must be a list, not %s", key, type_name(value));
	*out = value;
	return ACCORD_OK;
}

/* Ids: non-empty, at most 64 bytes, no spaces or control characters. */
static int check_id(reader *r, const ds_node *node)
{
	size_t i;
	if (!stringish(node))
		return fail(r, node, ACCORD_ESCHEMA, "'id' must be a string, not %s", type_name(node));
	if (node->len == 0 || node->len > 64)
		return fail(r, node, ACCORD_ESCHEMA, "an id must have 1 to 64 characters");
	for (i = 0; i < node->len; i++)
		if ((unsigned char)node->text[i] <= ' ' || node->text[i] == 0x7f)
			return fail(r, node, ACCORD_ESCHEMA, "an id must not hold spaces or control characters");
	return ACCORD_OK;
}

/* First pass: records the explicit ids, refusing duplicates, so that fresh ids never collide. */
static int collect_ids(reader *r, const ds_node *list, int sections)
{
	size_t i;
	int rc;
	if (list == NULL || list->type != DS_SEQ)
		return ACCORD_OK; /* the second pass reports the shape */
	for (i = 0; i < list->count; i++) {
		const ds_node *map = list->items[i], *id;
		if (map->type != DS_MAP)
			continue;
		id = get(map, "id");
		if (id != NULL && id->type != DS_NULL) {
			accord_id_index *index = sections ? &r->section_ids : &r->para_ids;
			const ds_node *first;
			if ((rc = check_id(r, id)) != ACCORD_OK)
				return rc;
			if ((first = accord_id_index_get(index, id->text)) != NULL) {
				if (first->line == 0)
					return fail(r, id, ACCORD_ESCHEMA, "duplicate %s id '%s'",
						sections ? "section" : "paragraph", id->text);
				return fail(r, id, ACCORD_ESCHEMA, "duplicate %s id '%s' (first at line %u)",
					sections ? "section" : "paragraph", id->text, first->line);
			}
			if (accord_id_index_put(index, id->text, (void *)id) != ACCORD_OK)
				return ACCORD_ENOMEM;
			accord_doc_note_numeric_id(id->text, sections ? 's' : 'p', sections ? &r->next_section : &r->next_para);
		}
		rc = collect_ids(r, get(map, sections ? "paragraphs" : "children"), 0);
		if (rc != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

/* The explicit id of map, or a fresh "<prefix>N" in fresh. */
static const char *id_or_fresh(const ds_node *map, char prefix, unsigned *next, char *fresh, size_t size)
{
	const ds_node *id = get(map, "id");
	if (id != NULL && id->type != DS_NULL)
		return id->text;
	snprintf(fresh, size, "%c%u", prefix, (*next)++);
	return fresh;
}

static int read_paras(reader *r, accord_section *section, accord_para *parent, const ds_node *list)
{
	static const char *const keys[] = {"id", "label", "text", "children", NULL};
	size_t i;
	int rc;
	for (i = 0; i < list->count; i++) {
		const ds_node *map = list->items[i], *children;
		const char *label, *text, *id;
		char fresh[32];
		accord_para *para;
		if (map->type != DS_MAP)
			return fail(r, map, ACCORD_ESCHEMA, "a paragraph must be a mapping (id, label, text, children), not %s",
				type_name(map));
		if ((rc = check_keys(r, map, "a paragraph", keys)) != ACCORD_OK ||
		    (rc = get_string(r, map, "label", 0, &label, NULL)) != ACCORD_OK ||
		    (rc = get_string(r, map, "text", 1, &text, NULL)) != ACCORD_OK ||
		    (rc = get_list(r, map, "children", &children)) != ACCORD_OK)
			return rc;
		id = id_or_fresh(map, 'p', &r->next_para, fresh, sizeof(fresh));
		rc = accord_doc_add_para(&para, r->doc, section, parent, id, label, text);
		if (rc != ACCORD_OK)
			return rc == ACCORD_EINVAL ? fail(r, map, ACCORD_ESCHEMA, "paragraph id '%s' in use", id) : rc;
		para->line = map->line;
		if (children != NULL && (rc = read_paras(r, section, para, children)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

static int read_sections(reader *r, const ds_node *list)
{
	static const char *const keys[] = {"id", "heading", "kind", "addressee", "paragraphs", NULL};
	size_t i;
	int rc;
	for (i = 0; i < list->count; i++) {
		const ds_node *map = list->items[i], *paras, *kind_node;
		const char *heading, *kind_name, *addressee, *id;
		char fresh[32];
		int kind = ACCORD_KIND_NONE;
		accord_section *section;
		if (map->type != DS_MAP)
			return fail(r, map, ACCORD_ESCHEMA,
				"a section must be a mapping (id, heading, kind, addressee, paragraphs), not %s",
				type_name(map));
		if ((rc = check_keys(r, map, "a section", keys)) != ACCORD_OK ||
		    (rc = get_string(r, map, "heading", 0, &heading, NULL)) != ACCORD_OK ||
		    (rc = get_string(r, map, "kind", 0, &kind_name, &kind_node)) != ACCORD_OK ||
		    (rc = get_string(r, map, "addressee", 0, &addressee, NULL)) != ACCORD_OK ||
		    (rc = get_list(r, map, "paragraphs", &paras)) != ACCORD_OK)
			return rc;
		if (kind_name != NULL && (kind = accord_section_kind_from_name(kind_name)) < 0)
			return fail(r, kind_node, ACCORD_ESCHEMA,
				"unknown kind '%s' (preambular, operative or none)", kind_name);
		id = id_or_fresh(map, 's', &r->next_section, fresh, sizeof(fresh));
		rc = accord_doc_add_section(&section, r->doc, id, heading, (accord_section_kind)kind, addressee);
		if (rc != ACCORD_OK)
			return rc == ACCORD_EINVAL ? fail(r, map, ACCORD_ESCHEMA, "section id '%s' in use", id) : rc;
		section->line = map->line;
		if (paras != NULL && (rc = read_paras(r, section, NULL, paras)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

static int read_footnotes(reader *r, const ds_node *list)
{
	static const char *const keys[] = {"number", "text", NULL};
	size_t i;
	int rc;
	for (i = 0; i < list->count; i++) {
		const ds_node *map = list->items[i], *number;
		const char *text;
		accord_footnote *footnote;
		if (map->type != DS_MAP)
			return fail(r, map, ACCORD_ESCHEMA, "a footnote must be a mapping (number, text), not %s",
				type_name(map));
		if ((rc = check_keys(r, map, "a footnote", keys)) != ACCORD_OK ||
		    (rc = get_string(r, map, "text", 1, &text, NULL)) != ACCORD_OK)
			return rc;
		number = get(map, "number");
		if (number == NULL || number->type == DS_NULL)
			return fail(r, number ? number : map, ACCORD_ESCHEMA, "missing 'number' (a string or an integer)");
		if (!stringish(number) && number->type != DS_NUMBER)
			return fail(r, number, ACCORD_ESCHEMA, "'number' must be a string or an integer, not %s",
				type_name(number));
		if (number->len == 0 || strchr(number->text, '\n') != NULL)
			return fail(r, number, ACCORD_ESCHEMA, "a footnote number must be one non-empty line");
		if (accord_doc_find_footnote(r->doc, number->text) != NULL)
			return fail(r, number, ACCORD_ESCHEMA, "duplicate footnote number '%s'", number->text);
		if ((rc = accord_doc_add_footnote(&footnote, r->doc, number->text, text)) != ACCORD_OK)
			return rc;
		footnote->line = map->line;
	}
	return ACCORD_OK;
}

/* A count such as a line number: a non-negative integer (0 when absent). */
static int get_count(reader *r, const ds_node *map, const char *key, unsigned *out)
{
	const ds_node *value = get(map, key);
	unsigned long n = 0;
	size_t i;
	*out = 0;
	if (value == NULL || value->type == DS_NULL)
		return ACCORD_OK;
	if (value->type != DS_NUMBER || value->len == 0 || value->len > 9)
		goto bad;
	for (i = 0; i < value->len; i++) {
		if (value->text[i] < '0' || value->text[i] > '9')
			goto bad;
		n = n * 10 + (unsigned long)(value->text[i] - '0');
	}
	*out = (unsigned)n;
	return ACCORD_OK;
bad:
	if (value->type == DS_NUMBER)
		return fail(r, value, ACCORD_ESCHEMA, "'%s' must be a whole number from 0 to 999999999, not %s", key,
			value->text);
	return fail(r, value, ACCORD_ESCHEMA, "'%s' must be a whole number, not %s", key, type_name(value));
}

/*
** The "warnings" of a JSON file: checked, then left out of the document.
** They describe what the text parser dropped, with positions in that text;
** the document read here did not come from it.
*/
static int check_warnings(reader *r, const ds_node *list)
{
	static const char *const keys[] = {"line", "col", "message", NULL};
	size_t i;
	int rc;
	for (i = 0; i < list->count; i++) {
		const ds_node *map = list->items[i];
		const char *message;
		unsigned line, col;
		if (map->type != DS_MAP)
			return fail(r, map, ACCORD_ESCHEMA, "a warning must be a mapping (line, col, message), not %s",
				type_name(map));
		if ((rc = check_keys(r, map, "a warning", keys)) != ACCORD_OK ||
		    (rc = get_count(r, map, "line", &line)) != ACCORD_OK ||
		    (rc = get_count(r, map, "col", &col)) != ACCORD_OK ||
		    (rc = get_string(r, map, "message", 1, &message, NULL)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

/* Checks `accord: document/N`: ESCHEMA when missing or foreign, EVERSION when newer. */
static int check_tag(reader *r, const ds_node *root)
{
	const ds_node *tag = get(root, "accord");
	const char *prefix = "document/";
	size_t plen = strlen(prefix), i;
	unsigned long version = 0;
	if (tag == NULL)
		return fail(r, root, ACCORD_ESCHEMA, "not an accord document: the key 'accord: %s' is missing",
			ACCORD_DOCSCHEMA_TAG);
	if (!stringish(tag))
		return fail(r, tag, ACCORD_ESCHEMA, "'accord' must be a string such as '%s', not %s", ACCORD_DOCSCHEMA_TAG,
			type_name(tag));
	if (tag->len <= plen || tag->len > plen + 6 || memcmp(tag->text, prefix, plen) != 0)
		goto foreign;
	for (i = plen; i < tag->len; i++) {
		if (tag->text[i] < '0' || tag->text[i] > '9')
			goto foreign;
		version = version * 10 + (unsigned long)(tag->text[i] - '0');
	}
	if (version == 0)
		goto foreign;
	if (version > ACCORD_DOCSCHEMA_VERSION)
		return fail(r, tag, ACCORD_EVERSION, "'%s' is newer than this accord reads (%s)", tag->text,
			ACCORD_DOCSCHEMA_TAG);
	return ACCORD_OK;
foreign:
	return fail(r, tag, ACCORD_ESCHEMA, "unknown format tag '%.60s' (expected '%s')", tag->text,
		ACCORD_DOCSCHEMA_TAG);
}

static int read_root(reader *r, const ds_node *root)
{
	static const char *const keys[] = {"accord", "mode", "symbol", "source", "notes", "title", "body", "sections",
		"footnotes", "warnings", NULL};
	static const accord_meta_field fields[] = {ACCORD_META_SYMBOL, ACCORD_META_TITLE, ACCORD_META_SOURCE,
		ACCORD_META_BODY};
	const ds_node *notes, *sections, *footnotes, *warnings, *mode_node;
	const char *mode_name;
	int mode, rc;
	size_t i;

	if (root->type != DS_MAP)
		return fail(r, root, ACCORD_ESCHEMA,
			"the top level must be a mapping ('accord: %s', mode, sections ...), not %s", ACCORD_DOCSCHEMA_TAG,
			type_name(root));
	if ((rc = check_tag(r, root)) != ACCORD_OK || (rc = check_keys(r, root, "a document", keys)) != ACCORD_OK)
		return rc;
	if ((rc = get_string(r, root, "mode", 1, &mode_name, &mode_node)) != ACCORD_OK)
		return rc;
	if ((mode = accord_doc_mode_from_name(mode_name)) < 0)
		return fail(r, mode_node, ACCORD_ESCHEMA, "unknown mode '%s' (opinion or generic)", mode_name);
	if ((rc = get_list(r, root, "notes", &notes)) != ACCORD_OK ||
	    (rc = get_list(r, root, "sections", &sections)) != ACCORD_OK ||
	    (rc = get_list(r, root, "footnotes", &footnotes)) != ACCORD_OK ||
	    (rc = get_list(r, root, "warnings", &warnings)) != ACCORD_OK)
		return rc;
	if ((rc = collect_ids(r, sections, 1)) != ACCORD_OK)
		return rc;
	if ((rc = accord_doc_new(&r->doc, (accord_doc_mode)mode)) != ACCORD_OK)
		return rc;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *value;
		if ((rc = get_string(r, root, accord_meta_field_name(fields[i]), 0, &value, NULL)) != ACCORD_OK)
			return rc;
		if ((rc = accord_doc_set_meta(r->doc, fields[i], value)) != ACCORD_OK)
			return rc;
	}
	for (i = 0; notes != NULL && i < notes->count; i++) {
		if (!stringish(notes->items[i]))
			return fail(r, notes->items[i], ACCORD_ESCHEMA, "a note must be a string, not %s",
				type_name(notes->items[i]));
		if ((rc = accord_doc_add_note(r->doc, notes->items[i]->text)) != ACCORD_OK)
			return rc;
	}
	if (sections != NULL && (rc = read_sections(r, sections)) != ACCORD_OK)
		return rc;
	if (footnotes != NULL && (rc = read_footnotes(r, footnotes)) != ACCORD_OK)
		return rc;
	if (warnings != NULL && (rc = check_warnings(r, warnings)) != ACCORD_OK)
		return rc;
	return ACCORD_OK;
}

int ds_to_doc(accord_doc **out, const ds_tree *tree, const accord_parse_options *opts, const ds_node **where,
	accord_error *err)
{
	reader r;
	int rc;

	*out = NULL;
	if (where)
		*where = NULL;
	memset(&r, 0, sizeof(r));
	r.err = err;
	r.where = where;
	r.name = opts ? opts->name : NULL;
	r.next_section = 1;
	r.next_para = 1;
	if (tree->root == NULL) {
		rc = accord_error_set(err, ACCORD_EEMPTY, "no document in the input");
		goto cleanup;
	}
	if ((rc = read_root(&r, tree->root)) != ACCORD_OK)
		goto cleanup;
	if (r.name != NULL && (rc = accord_doc_set_origin(r.doc, r.name)) != ACCORD_OK)
		goto cleanup;
	*out = r.doc;
	r.doc = NULL;
cleanup:
	if (rc == ACCORD_ENOMEM)
		accord_error_set(err, ACCORD_ENOMEM, NULL);
	accord_doc_free(r.doc);
	accord_id_index_dispose(&r.section_ids);
	accord_id_index_dispose(&r.para_ids);
	return rc;
}
