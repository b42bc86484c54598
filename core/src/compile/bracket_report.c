/*
** bracket_report.c: the state of a bracketed text, for programs (JSON,
** "brackets/1") and for people (a summary). Flat lists with depths and
** parent indexes, never nested objects: a 10,000-deep nesting writes as a
** long list, not a deep tree.
*/
#include <stdio.h>
#include <string.h>

#include "compile/bracketed_int.h"
#include "format/doc_tree_int.h"
#include "model/docschema_int.h"
#include "util/treew_int.h"

static void put_strings(treew *w, const char *key, const char *const *v, size_t n)
{
	size_t i;
	treew_key(w, key);
	treew_begin_flow_array(w);
	for (i = 0; i < n; i++)
		treew_string(w, v[i]);
	treew_end_array(w);
}

static void put_count(treew *w, const char *key, long long value)
{
	treew_key(w, key);
	treew_integer(w, value);
}

/* The distinct parties of a unit's spans, into list (room for all). */
static size_t unit_parties(const bracket_unit *u, const char **list, size_t room)
{
	size_t i, k, n = 0;
	for (i = 0; i < u->pub.n_spans; i++)
		for (k = 0; k < u->spans[i].n_parties; k++)
			if (!bracket_has_party(list, n, u->spans[i].parties[k]) && n < room)
				list[n++] = u->spans[i].parties[k];
	return n;
}

static void put_problems(treew *w, const accord_bracketed *b, size_t unit)
{
	size_t i;
	treew_key(w, "unbalanced");
	treew_begin_array(w);
	for (i = 0; i < b->n_problems; i++) {
		const accord_bracket_problem *p = &b->problems[i];
		if (unit != (size_t)-1 && p->unit != unit)
			continue;
		treew_begin_object(w);
		put_count(w, "line", p->line);
		put_count(w, "col", p->col);
		treew_key(w, "kind");
		treew_string(w, p->kind);
		if (unit == (size_t)-1) {
			treew_key(w, "in");
			treew_string(w, b->units[p->unit].pub.id);
		}
		treew_end_object(w);
	}
	treew_end_array(w);
}

/* The groups of a unit with their alternatives: the "brackets" list. */
static void put_brackets(treew *w, const bracket_unit *u)
{
	size_t i, k;
	treew_begin_array(w);
	for (i = 0; i < u->pub.n_groups; i++) {
		const accord_bracket_group *g = &u->groups[i];
		treew_begin_object(w);
		put_count(w, "start", (long long)g->start);
		put_count(w, "end", (long long)g->end);
		put_count(w, "depth", g->depth);
		treew_key(w, "alternatives");
		treew_begin_array(w);
		for (k = 0; k < g->n_alts; k++) {
			const accord_bracket_span *sp = &u->spans[g->alts[k]];
			treew_begin_object(w);
			put_count(w, "span", (long long)g->alts[k]);
			put_count(w, "open", (long long)sp->open);
			put_count(w, "close", (long long)sp->close);
			put_count(w, "text_start", (long long)sp->text_start);
			put_count(w, "text_end", (long long)sp->text_end);
			treew_key(w, "parent");
			if (sp->parent == 0)
				treew_null(w);
			else
				treew_integer(w, (long long)sp->parent - 1);
			treew_key(w, "kind");
			treew_string(w, accord_bracket_kind_name(sp->kind));
			treew_key(w, "label");
			treew_string(w, sp->label);
			treew_key(w, "ref");
			treew_string(w, sp->ref);
			put_strings(w, "parties", sp->parties, sp->n_parties);
			if (sp->unclosed) {
				treew_key(w, "unclosed");
				treew_bool(w, 1);
			}
			if (sp->continues || sp->continued) { /* a piece of a span across paragraphs */
				treew_key(w, sp->continues ? "continues" : "continued");
				treew_bool(w, 1);
				put_count(w, "across", (long long)sp->across);
			}
			treew_end_object(w);
		}
		treew_end_array(w);
		treew_end_object(w);
	}
	treew_end_array(w);
}

/* The counts of one unit (spans, groups, depth, parties, words) and its brackets. */
static int put_unit_counts(treew *w, const accord_bracketed *b, size_t ui, int brackets)
{
	const bracket_unit *u = &b->units[ui];
	const char **parties = accord_calloc(b->n_parties + 1, sizeof(*parties));
	size_t n;
	if (parties == NULL)
		return ACCORD_ENOMEM;
	n = unit_parties(u, parties, b->n_parties);
	put_count(w, "spans", (long long)u->pub.n_spans);
	put_count(w, "groups", (long long)u->pub.n_groups);
	put_count(w, "max_depth", u->pub.max_depth);
	put_strings(w, "parties", parties, n);
	put_count(w, "agreed_words", (long long)u->pub.agreed_words);
	put_count(w, "open_words", (long long)u->pub.open_words);
	put_problems(w, b, ui);
	accord_free((void *)parties);
	if (brackets) {
		treew_key(w, "brackets");
		put_brackets(w, u);
	}
	return ACCORD_OK;
}

static void put_option(treew *w, const accord_bracketed *b, const accord_bracket_unit *u)
{
	const accord_bracket_block *blk;
	const accord_bracket_option *o;
	treew_key(w, "option");
	if (u->option_block == 0) {
		treew_null(w);
		return;
	}
	blk = &b->blocks[u->option_block - 1];
	o = &blk->options[u->option - 1];
	treew_begin_object(w);
	put_count(w, "block", (long long)u->option_block - 1);
	put_count(w, "number", o->number);
	treew_key(w, "marker");
	treew_string(w, o->marker);
	treew_end_object(w);
}

/* key: a list of the units of one kind (metadata fields, footnotes), each named under name_key. */
static int put_units(treew *w, const accord_bracketed *b, const char *key, accord_bracket_unit_kind kind,
	const char *name_key)
{
	size_t i;
	int rc = ACCORD_OK;
	treew_key(w, key);
	treew_begin_array(w);
	for (i = 0; i < b->n_units && rc == ACCORD_OK; i++) {
		if (b->units[i].pub.kind != kind)
			continue;
		treew_begin_object(w);
		treew_key(w, name_key);
		treew_string(w, b->units[i].pub.id);
		rc = put_unit_counts(w, b, i, 1);
		treew_end_object(w);
	}
	treew_end_array(w);
	return rc;
}

int accord_bracketed_render_json(accord_buf *out, const accord_bracketed *b, accord_error *err)
{
	accord_bracket_totals t;
	treew w;
	size_t i, k, start;
	int rc = ACCORD_OK, finished;

	if (out == NULL || b == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "no buffer or nothing read");
	start = out->size;
	accord_bracketed_totals(b, &t);
	treew_init_json(&w, out);
	treew_begin_object(&w);
	treew_key(&w, "accord");
	treew_string(&w, "brackets/1");
	treew_key(&w, "convention");
	treew_string(&w, b->conv.name);
	put_count(&w, "spans", (long long)t.spans);
	put_count(&w, "groups", (long long)t.groups);
	put_count(&w, "option_blocks", (long long)t.option_blocks);
	put_count(&w, "options", (long long)t.options);
	put_count(&w, "max_depth", t.max_depth);
	put_strings(&w, "parties", b->parties, b->n_parties);
	put_count(&w, "agreed_words", (long long)t.agreed_words);
	put_count(&w, "open_words", (long long)t.open_words);
	put_problems(&w, b, (size_t)-1);

	rc = put_units(&w, b, "metadata", ACCORD_BRACKET_UNIT_META, "field");

	treew_key(&w, "sections");
	treew_begin_array(&w);
	for (k = 0; k < accord_doc_section_count(b->doc) && rc == ACCORD_OK; k++) {
		const accord_section *s = accord_doc_section(b->doc, k);
		size_t spans = 0, groups = 0, agreed = 0, open = 0, blocks = 0, problems = 0, j;
		unsigned depth = 0;
		for (i = 0; i < b->n_units; i++) {
			const accord_bracket_unit *u = &b->units[i].pub;
			if (u->section != k || u->kind == ACCORD_BRACKET_UNIT_FOOTNOTE || u->kind == ACCORD_BRACKET_UNIT_META)
				continue;
			spans += u->n_spans;
			groups += u->n_groups;
			for (j = 0; j < u->n_spans; j++) /* a span across paragraphs counts once */
				if (u->spans[j].continued) {
					spans--;
					groups -= u->groups[u->spans[j].group].n_alts == 1;
				}
			agreed += u->agreed_words;
			open += u->open_words;
			if (u->max_depth > depth)
				depth = u->max_depth;
		}
		for (j = 0; j < b->n_blocks; j++)
			blocks += b->blocks[j].section == k;
		for (j = 0; j < b->n_problems; j++)
			problems += b->units[b->problems[j].unit].pub.section == k;
		treew_begin_object(&w);
		treew_key(&w, "id");
		treew_string(&w, accord_section_id(s));
		treew_key(&w, "heading");
		treew_string(&w, accord_section_heading(s));
		put_count(&w, "spans", (long long)spans);
		put_count(&w, "groups", (long long)groups);
		put_count(&w, "option_blocks", (long long)blocks);
		put_count(&w, "max_depth", depth);
		put_count(&w, "agreed_words", (long long)agreed);
		put_count(&w, "open_words", (long long)open);
		put_count(&w, "unbalanced", (long long)problems);
		for (i = 0; i < b->n_units && rc == ACCORD_OK; i++) {
			if (b->units[i].pub.kind == ACCORD_BRACKET_UNIT_HEADING && b->units[i].pub.section == k) {
				treew_key(&w, "heading_brackets");
				treew_begin_object(&w);
				rc = put_unit_counts(&w, b, i, 1);
				treew_end_object(&w);
			}
		}
		treew_key(&w, "paragraphs");
		treew_begin_array(&w);
		for (i = 0; i < b->n_units && rc == ACCORD_OK; i++) {
			const accord_bracket_unit *u = &b->units[i].pub;
			if (u->kind != ACCORD_BRACKET_UNIT_PARA || u->section != k)
				continue;
			treew_begin_object(&w);
			treew_key(&w, "id");
			treew_string(&w, u->id);
			treew_key(&w, "label");
			treew_string(&w, u->label);
			put_count(&w, "line", u->line);
			put_count(&w, "depth", u->para_depth);
			put_option(&w, b, u);
			if (u->inside != 0)
				put_count(&w, "inside", (long long)u->inside);
			rc = put_unit_counts(&w, b, i, 1);
			treew_end_object(&w);
		}
		treew_end_array(&w);
		treew_end_object(&w);
	}
	treew_end_array(&w);

	if (rc == ACCORD_OK)
		rc = put_units(&w, b, "footnotes", ACCORD_BRACKET_UNIT_FOOTNOTE, "number");

	treew_key(&w, "blocks");
	treew_begin_array(&w);
	for (i = 0; i < b->n_blocks; i++) {
		const accord_bracket_block *blk = &b->blocks[i];
		treew_begin_object(&w);
		treew_key(&w, "section");
		treew_string(&w, accord_section_id(accord_doc_section(b->doc, blk->section)));
		treew_key(&w, "options");
		treew_begin_array(&w);
		for (k = 0; k < blk->n_options; k++) {
			const accord_bracket_option *o = &blk->options[k];
			size_t j;
			treew_begin_object(&w);
			put_count(&w, "number", o->number);
			treew_key(&w, "marker");
			treew_string(&w, o->marker);
			treew_key(&w, "label");
			treew_string(&w, o->label);
			put_strings(&w, "parties", o->parties, o->n_parties);
			treew_key(&w, "empty");
			treew_bool(&w, o->empty);
			treew_key(&w, "paragraphs");
			treew_begin_flow_array(&w);
			for (j = 0; j < o->n_units; j++)
				treew_string(&w, b->units[o->first_unit + j].pub.id);
			treew_end_array(&w);
			treew_end_object(&w);
		}
		treew_end_array(&w);
		treew_end_object(&w);
	}
	treew_end_array(&w);
	treew_end_object(&w);
	finished = treew_finish(&w);
	if (rc == ACCORD_OK)
		rc = finished;
	if (rc == ACCORD_OK && (rc = accord_buf_putc(out, '\n')) == ACCORD_OK)
		return ACCORD_OK;
	out->size = start;
	if (out->ptr != NULL)
		out->ptr[start] = '\0';
	return accord_error_set(err, rc, rc == ACCORD_EUTF8 ? "the text is not valid UTF-8" : NULL);
}

int accord_bracketed_render_summary(accord_buf *out, const accord_bracketed *b)
{
	accord_bracket_totals t;
	size_t i, k;
	int rc;
	if (out == NULL || b == NULL)
		return ACCORD_EINVAL;
	accord_bracketed_totals(b, &t);
	rc = accord_buf_printf(out,
		"%zu bracket group%s (%zu span%s, deepest %u), %zu option block%s (%zu option%s)\n"
		"words: %zu agreed, %zu open\n",
		t.groups, t.groups == 1 ? "" : "s", t.spans, t.spans == 1 ? "" : "s", t.max_depth, t.option_blocks,
		t.option_blocks == 1 ? "" : "s", t.options, t.options == 1 ? "" : "s", t.agreed_words, t.open_words);
	if (rc == ACCORD_OK && b->n_parties > 0) {
		rc = accord_buf_puts(out, "parties:");
		for (i = 0; i < b->n_parties && rc == ACCORD_OK; i++)
			rc = accord_buf_printf(out, "%s %s", i ? "," : "", b->parties[i]);
		if (rc == ACCORD_OK)
			rc = accord_buf_putc(out, '\n');
	}
	if (rc == ACCORD_OK && b->n_problems > 0)
		rc = accord_buf_printf(out, "unbalanced: %zu\n", b->n_problems);
	for (i = 0; i < b->n_problems && rc == ACCORD_OK; i++)
		rc = accord_buf_printf(out, "  %u:%u: %s bracket\n", b->problems[i].line, b->problems[i].col,
			b->problems[i].kind);
	for (i = 0; i < b->n_units && rc == ACCORD_OK; i++) {
		const accord_bracket_unit *u = &b->units[i].pub;
		const char *where = u->kind == ACCORD_BRACKET_UNIT_PARA ? "paragraph"
			: u->kind == ACCORD_BRACKET_UNIT_HEADING        ? "heading"
			: u->kind == ACCORD_BRACKET_UNIT_FOOTNOTE       ? "footnote"
									: "field";
		if (u->n_groups == 0 && u->marker_end == 0 && u->inside == 0)
			continue;
		rc = accord_buf_printf(out, "%s %s%s%s%s: %zu group%s, %zu span%s, depth %u, %zu open word%s", where,
			u->id ? u->id : "", u->label ? " (" : "", u->label ? u->label : "", u->label ? ")" : "", u->n_groups,
			u->n_groups == 1 ? "" : "s", u->n_spans, u->n_spans == 1 ? "" : "s", u->max_depth, u->open_words,
			u->open_words == 1 ? "" : "s");
		if (rc == ACCORD_OK && u->option_block != 0)
			rc = accord_buf_printf(out, ", %s of block %zu", b->blocks[u->option_block - 1].options[u->option - 1].marker,
				u->option_block);
		for (k = 0; rc == ACCORD_OK && k < u->n_spans; k++) {
			if (u->spans[k].continues)
				rc = accord_buf_printf(out, ", opens a bracket across paragraphs (%zu)", u->spans[k].across);
			else if (u->spans[k].continued)
				rc = accord_buf_printf(out, ", closes the bracket across paragraphs (%zu)", u->spans[k].across);
		}
		if (rc == ACCORD_OK && u->inside != 0)
			rc = accord_buf_printf(out, ", inside the bracket across paragraphs (%zu)", u->inside);
		if (rc == ACCORD_OK)
			rc = accord_buf_putc(out, '\n');
	}
	return rc;
}

/* ---- the document with its brackets (parse --brackets) -------------------------------------- */

typedef struct extend_ctx {
	const accord_bracketed *b;
	size_t next;        /* the next unit to match */
} extend_ctx;

/* The value of key in a mapping node, or NULL. */
static ds_node *map_get(const ds_node *map, const char *key)
{
	size_t i;
	for (i = 0; i + 1 < map->count; i += 2)
		if (strcmp(map->items[i]->text, key) == 0)
			return map->items[i + 1];
	return NULL;
}

static ds_node *add_scalar(ds_tree *t, ds_node *parent, ds_type type, const char *text)
{
	return ds_add(t, parent, type, text, strlen(text));
}

static int add_key(ds_tree *t, ds_node *map, const char *key)
{
	return add_scalar(t, map, DS_STRING, key) != NULL ? ACCORD_OK : ACCORD_ENOMEM;
}

static int add_int(ds_tree *t, ds_node *map, const char *key, long long value)
{
	char num[32];
	snprintf(num, sizeof(num), "%lld", value);
	return add_key(t, map, key) == ACCORD_OK && add_scalar(t, map, DS_NUMBER, num) != NULL ? ACCORD_OK : ACCORD_ENOMEM;
}

static int add_str(ds_tree *t, ds_node *map, const char *key, const char *value)
{
	if (add_key(t, map, key) != ACCORD_OK)
		return ACCORD_ENOMEM;
	if (value == NULL)
		return ds_add(t, map, DS_NULL, "", 0) != NULL ? ACCORD_OK : ACCORD_ENOMEM;
	return add_scalar(t, map, DS_STRING, value) != NULL ? ACCORD_OK : ACCORD_ENOMEM;
}

/* Adds "brackets" to map (after its "text" or "heading" key) for unit u. */
static int add_brackets(ds_tree *t, ds_node *map, const bracket_unit *u, const char *after)
{
	ds_node *list, *moved[2];
	size_t i, k, at = map->count;
	if (u->pub.n_groups == 0)
		return ACCORD_OK;
	if (add_key(t, map, "brackets") != ACCORD_OK || (list = ds_add(t, map, DS_SEQ, NULL, 0)) == NULL)
		return ACCORD_ENOMEM;
	for (i = 0; i < u->pub.n_groups; i++) {
		const accord_bracket_group *g = &u->groups[i];
		ds_node *gm = ds_add(t, list, DS_MAP, NULL, 0), *alts;
		if (gm == NULL || add_int(t, gm, "start", (long long)g->start) != ACCORD_OK ||
		    add_int(t, gm, "end", (long long)g->end) != ACCORD_OK || add_int(t, gm, "depth", g->depth) != ACCORD_OK ||
		    add_key(t, gm, "alternatives") != ACCORD_OK || (alts = ds_add(t, gm, DS_SEQ, NULL, 0)) == NULL)
			return ACCORD_ENOMEM;
		for (k = 0; k < g->n_alts; k++) {
			const accord_bracket_span *sp = &u->spans[g->alts[k]];
			ds_node *am = ds_add(t, alts, DS_MAP, NULL, 0), *pl;
			size_t j;
			if (am == NULL || add_int(t, am, "open", (long long)sp->open) != ACCORD_OK ||
			    add_int(t, am, "close", (long long)sp->close) != ACCORD_OK ||
			    add_int(t, am, "text_start", (long long)sp->text_start) != ACCORD_OK ||
			    add_int(t, am, "text_end", (long long)sp->text_end) != ACCORD_OK ||
			    add_str(t, am, "kind", accord_bracket_kind_name(sp->kind)) != ACCORD_OK ||
			    (sp->label != NULL && add_str(t, am, "label", sp->label) != ACCORD_OK) ||
			    add_key(t, am, "parties") != ACCORD_OK || (pl = ds_add(t, am, DS_SEQ, NULL, 0)) == NULL)
				return ACCORD_ENOMEM;
			for (j = 0; j < sp->n_parties; j++)
				if (add_scalar(t, pl, DS_STRING, sp->parties[j]) == NULL)
					return ACCORD_ENOMEM;
		}
	}
	/* move the two new items to right after the key `after` */
	for (i = 0; i + 1 < at; i += 2)
		if (strcmp(map->items[i]->text, after) == 0)
			break;
	if (i + 1 >= at)
		return ACCORD_OK;
	moved[0] = map->items[at];
	moved[1] = map->items[at + 1];
	memmove(map->items + i + 4, map->items + i + 2, (at - i - 2) * sizeof(map->items[0]));
	map->items[i + 2] = moved[0];
	map->items[i + 3] = moved[1];
	for (k = 0; k < map->count; k++)
		map->items[k]->index = k;
	return ACCORD_OK;
}

/* Pushes the items of list on the stack, last first (so that they pop in order). */
static int push_items(ds_node ***stack, size_t *n, size_t *cap, const ds_node *list)
{
	size_t i;
	for (i = list->count; i-- > 0;) {
		if (*n == *cap) {
			size_t c = *cap ? *cap * 2 : 64;
			ds_node **grown = accord_realloc(*stack, c * sizeof(*grown));
			if (grown == NULL)
				return ACCORD_ENOMEM;
			*stack = grown;
			*cap = c;
		}
		(*stack)[(*n)++] = list->items[i];
	}
	return ACCORD_OK;
}

/* Walks the tree in pre-order (a stack of its own) and matches paragraphs and sections with the units. */
static int extend_tree(ds_tree *t, void *vctx)
{
	extend_ctx *ctx = vctx;
	const accord_bracketed *b = ctx->b;
	ds_node *sections = map_get(t->root, "sections");
	ds_node **stack = NULL;
	size_t n = 0, cap = 0;
	int rc = ACCORD_OK;
	if (sections == NULL || sections->type != DS_SEQ)
		return ACCORD_OK;
	rc = push_items(&stack, &n, &cap, sections);
	while (n > 0 && rc == ACCORD_OK) {
		ds_node *map = stack[--n], *kids;
		int is_section = map->parent == sections;
		const char *want = is_section ? "heading" : "text";
		if (map->type != DS_MAP)
			continue;
		/* the next unit of this kind, in document order */
		for (; ctx->next < b->n_units; ctx->next++) {
			const bracket_unit *u = &b->units[ctx->next];
			if (is_section && u->pub.kind == ACCORD_BRACKET_UNIT_PARA)
				break; /* a section without heading */
			if (is_section ? u->pub.kind == ACCORD_BRACKET_UNIT_HEADING : u->pub.kind == ACCORD_BRACKET_UNIT_PARA) {
				rc = add_brackets(t, map, u, want);
				ctx->next++;
				break;
			}
		}
		kids = map_get(map, is_section ? "paragraphs" : "children");
		if (kids == NULL || kids->type != DS_SEQ)
			continue;
		rc = push_items(&stack, &n, &cap, kids);
	}
	accord_free(stack);
	return rc;
}

int accord_bracketed_render_doc(accord_buf *out, const accord_bracketed *b, int yaml, accord_error *err)
{
	extend_ctx ctx;
	int rc;
	if (b == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "nothing read");
	memset(&ctx, 0, sizeof(ctx));
	ctx.b = b;
	/* the units start with the metadata: skip to the first heading or paragraph */
	while (ctx.next < b->n_units && (b->units[ctx.next].pub.kind == ACCORD_BRACKET_UNIT_META))
		ctx.next++;
	rc = doc_render_tree_extended(out, b->doc, yaml ? doc_yaml_options() : NULL, extend_tree, &ctx, err);
	return rc;
}
