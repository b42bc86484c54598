/* amend_text.c: amendments for people: each change with [-deleted-]{+inserted+} marks. */
#include <string.h>

#include "accord/text.h"
#include "amend/amend_int.h"

#define RED "\033[31m"
#define GREEN "\033[32m"
#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RESET "\033[0m"

typedef struct view {
	accord_buf *out;
	const accord_doc *base;
	int color;
	int failed;
} view;

static void puts_(view *v, const char *s)
{
	if (s != NULL && accord_buf_puts(v->out, s) != ACCORD_OK)
		v->failed = 1;
}

static void put_len(view *v, const char *s, size_t len)
{
	if (accord_buf_put(v->out, s, len) != ACCORD_OK)
		v->failed = 1;
}

static void deleted(view *v, const char *s)
{
	puts_(v, v->color ? RED "[-" : "[-");
	puts_(v, s);
	puts_(v, v->color ? "-]" RESET : "-]");
}

static void inserted(view *v, const char *s)
{
	puts_(v, v->color ? GREEN "{+" : "{+");
	puts_(v, s);
	puts_(v, v->color ? "+}" RESET : "+}");
}

/* "recognizing b)" or the paragraph's id when it has no label. */
static void describe_para(view *v, const char *id)
{
	const accord_para *p = id ? accord_doc_find_para(v->base, id) : NULL;
	const char *heading;
	if (p == NULL) {
		puts_(v, id ? id : "(start)");
		return;
	}
	heading = accord_section_heading(accord_para_section(p));
	if (heading) {
		puts_(v, heading);
		puts_(v, " ");
	}
	puts_(v, accord_para_label(p) ? accord_para_label(p) : "(unlabelled)");
	puts_(v, " [");
	puts_(v, id);
	puts_(v, "]");
}

static void header(view *v, const accord_amendment *a)
{
	size_t i;
	puts_(v, v->color ? BOLD : "");
	puts_(v, a->op == ACCORD_OP_MOD && a->editorial ? "(MOD)" : accord_op_name(a->op));
	puts_(v, " ");
	puts_(v, a->id);
	puts_(v, v->color ? RESET : "");
	if (a->n_proposers > 1) {
		puts_(v, " (");
		for (i = 0; i < a->n_proposers; i++) {
			puts_(v, i ? ", " : "");
			puts_(v, a->proposers[i]);
		}
		puts_(v, ")");
	}
	puts_(v, "  ");
}

static void position_text(view *v, const accord_amendment *a)
{
	if (a->position.after) {
		puts_(v, "after ");
		describe_para(v, a->position.after);
	} else if (a->position.parent) {
		puts_(v, "first under ");
		describe_para(v, a->position.parent);
	} else {
		const accord_section *s = a->position.section ? accord_doc_find_section(v->base, a->position.section) : NULL;
		puts_(v, "first in ");
		puts_(v, s && accord_section_heading(s) ? accord_section_heading(s) : a->position.section);
	}
}

/* The base paragraph with the edits marked in place. */
static void marked_text(view *v, const accord_amendment *a, const char *base_text)
{
	accord_token *tokens = NULL;
	size_t count = 0, i, pos = 0, len = strlen(base_text);
	if (accord_tokenize(&tokens, &count, base_text, len) != ACCORD_OK) {
		v->failed = 1;
		return;
	}
	for (i = 0; i < a->n_edits; i++) {
		const accord_edit *e = &a->edits[i];
		size_t start = e->base_start < count ? tokens[e->base_start].offset : len;
		size_t end = (size_t)e->base_start + e->base_count < count ? tokens[e->base_start + e->base_count].offset : len;
		if (start < pos || end < start || (size_t)e->base_start + e->base_count > count) {
			/* The base moved since the edits were made: list them instead. */
			put_len(v, base_text + pos, len - pos);
			pos = len;
			for (; i < a->n_edits; i++) {
				puts_(v, "\n\t... ");
				deleted(v, a->edits[i].base_text);
				inserted(v, a->edits[i].text);
			}
			break;
		}
		put_len(v, base_text + pos, start - pos);
		if (e->base_count)
			deleted(v, e->base_text);
		if (e->text && e->text[0])
			inserted(v, e->text);
		pos = end;
	}
	put_len(v, base_text + pos, len - pos);
	accord_free(tokens);
}

static void label_prefix(view *v, const accord_amendment *a, const char *base_label)
{
	if (a->label_changed) {
		if (a->label_from)
			deleted(v, a->label_from);
		if (a->label_to)
			inserted(v, a->label_to);
		puts_(v, "\t");
	} else if (base_label) {
		puts_(v, base_label);
		puts_(v, "\t");
	}
}

static void render_one(view *v, const accord_amendment *a)
{
	const accord_para *p;
	header(v, a);
	switch (a->op) {
	case ACCORD_OP_ADD:
		puts_(v, "new paragraph, ");
		position_text(v, a);
		puts_(v, a->relation ? " (split from " : "");
		puts_(v, a->relation ? a->related : "");
		puts_(v, a->relation ? ")" : "");
		puts_(v, "\n\t");
		if (a->label) {
			inserted(v, a->label);
			puts_(v, "\t");
		}
		inserted(v, a->text);
		break;
	case ACCORD_OP_SUP:
		describe_para(v, a->target);
		puts_(v, a->relation ? " (merged into " : "");
		puts_(v, a->relation ? a->related : "");
		puts_(v, a->relation ? ")" : "");
		puts_(v, "\n\t");
		if (a->label_from) {
			deleted(v, a->label_from);
			puts_(v, "\t");
		}
		deleted(v, a->text);
		break;
	case ACCORD_OP_MOD:
	case ACCORD_OP_MOVE:
		describe_para(v, a->target);
		if (a->op == ACCORD_OP_MOVE) {
			puts_(v, ", moved ");
			position_text(v, a);
		}
		puts_(v, "\n\t");
		p = accord_doc_find_para(v->base, a->target);
		label_prefix(v, a, p ? accord_para_label(p) : NULL);
		if (p != NULL)
			marked_text(v, a, accord_para_text(p));
		break;
	case ACCORD_OP_HEADING:
		puts_(v, "section heading [");
		puts_(v, a->target);
		puts_(v, "]\n\t");
		if (a->heading_from)
			deleted(v, a->heading_from);
		if (a->heading)
			inserted(v, a->heading);
		break;
	case ACCORD_OP_ADD_SECTION:
		puts_(v, "new section, ");
		puts_(v, a->position.after ? "after section " : "first");
		puts_(v, a->position.after);
		puts_(v, "\n\t");
		inserted(v, a->heading ? a->heading : "(no heading)");
		break;
	case ACCORD_OP_SUP_SECTION:
		puts_(v, "section [");
		puts_(v, a->target);
		puts_(v, "] with all its paragraphs\n\t");
		deleted(v, a->heading_from ? a->heading_from : "(no heading)");
		break;
	case ACCORD_OP_MOVE_SECTION:
		puts_(v, "section [");
		puts_(v, a->target);
		puts_(v, a->position.after ? "] moved after section " : "] moved first");
		puts_(v, a->position.after);
		break;
	case ACCORD_OP_META:
	case ACCORD_OP_FOOTNOTE:
		puts_(v, a->op == ACCORD_OP_META ? a->field : "footnote ");
		puts_(v, a->op == ACCORD_OP_FOOTNOTE ? a->footnote : "");
		puts_(v, "\n\t");
		if (a->value_from)
			deleted(v, a->value_from);
		if (a->value_to)
			inserted(v, a->value_to);
		break;
	}
	puts_(v, "\n\n");
}

int accord_amendments_render_text(accord_buf *out, const accord_amendment_list *list, const accord_doc *base, int color)
{
	view v = {out, base, color, 0};
	size_t i;
	for (i = 0; i < list->count; i++)
		render_one(&v, list->items[i]);
	return v.failed ? ACCORD_ENOMEM : ACCORD_OK;
}
