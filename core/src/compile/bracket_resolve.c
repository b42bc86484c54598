/*
** bracket_resolve.c: a clean text from a bracketed one
** (accord_bracketed_resolve). Every byte of a text is kept or dropped by a
** mask: an alternative not taken drops from its start to its end, the one
** taken drops only its brackets and prefix; so nesting needs no recursion
** (an inner group inside a dropped alternative drops nothing more).
*/
#include <ctype.h>
#include <string.h>

#include "compile/bracketed_int.h"

/* Mask values: kept, dropped, dropped with its whole group (the blanks around it are tidied). */
enum { KEEP = 0, DROP = 1, VANISH = 2 };

static int span_is(const accord_bracket_span *sp, const char *party)
{
	return party != NULL && bracket_has_party(sp->parties, sp->n_parties, party);
}

/* The alternative of g to keep (an index into g->alts), or (size_t)-1: none. */
static size_t choose(const bracket_unit *u, const accord_bracket_group *g, accord_bracket_take take, const char *party)
{
	size_t i, best = 0;
	if (g->n_alts == 1) {
		const accord_bracket_span *sp = &u->spans[g->alts[0]];
		switch (take) {
		case ACCORD_TAKE_FIRST:
			return 0;
		case ACCORD_TAKE_LAST:
		case ACCORD_TAKE_SHORTEST:
			return (size_t)-1;
		case ACCORD_TAKE_PARTY:
			if (sp->kind == ACCORD_BRACKET_DELETE)
				return span_is(sp, party) ? (size_t)-1 : 0;
			if (sp->n_parties > 0)
				return span_is(sp, party) ? 0 : (size_t)-1;
			return 0;
		}
		return 0;
	}
	switch (take) {
	case ACCORD_TAKE_FIRST:
		return 0;
	case ACCORD_TAKE_LAST:
		return g->n_alts - 1;
	case ACCORD_TAKE_SHORTEST:
		for (i = 1; i < g->n_alts; i++) {
			const accord_bracket_span *a = &u->spans[g->alts[i]], *b = &u->spans[g->alts[best]];
			if (a->text_end - a->text_start < b->text_end - b->text_start)
				best = i;
		}
		return best;
	case ACCORD_TAKE_PARTY:
		for (i = 0; i < g->n_alts; i++)
			if (span_is(&u->spans[g->alts[i]], party))
				return i;
		for (i = 0; i < g->n_alts; i++)
			if (u->spans[g->alts[i]].n_parties == 0)
				return i;
		return (size_t)-1;
	}
	return 0;
}

static void mark(unsigned char *mask, size_t from, size_t to, unsigned char value)
{
	size_t i;
	for (i = from; i < to; i++)
		if (mask[i] < value || (mask[i] == KEEP))
			mask[i] = value;
}

/* 1 for a byte a vanished group leaves no blank before. */
static int closes_up(char c)
{
	return c == '.' || c == ',' || c == ';' || c == ':' || c == ')' || c == '!' || c == '?';
}

/*
** Writes the kept bytes of text[from..to) to out, tidying the blanks where
** a whole group vanished: no doubled blank, no blank before punctuation,
** none at the ends.
*/
static int put_kept(accord_buf *out, const char *text, const unsigned char *mask, size_t from, size_t to)
{
	size_t i, start = out->size;
	int vanished = 0; /* a vanished group since the last kept byte */
	for (i = from; i < to; i++) {
		char c = text[i];
		if (mask[i] != KEEP) {
			if (mask[i] == VANISH)
				vanished = 1;
			continue;
		}
		if (vanished) {
			int prev_blank = out->size > start && out->ptr[out->size - 1] == ' ';
			if (c == ' ' && (prev_blank || out->size == start))
				continue; /* the blank before the group is enough */
			if (c == '\t' && out->size == start)
				continue; /* "[Label (USA): b)]<TAB>text": the tab after a mark at the start */
			if (closes_up(c) && prev_blank)
				out->size--;
			if (c != ' ')
				vanished = 0;
		}
		if (accord_buf_putc(out, c) != ACCORD_OK)
			return ACCORD_ENOMEM;
	}
	if (vanished)
		while (out->size > start && out->ptr[out->size - 1] == ' ')
			out->size--;
	if (out->ptr != NULL)
		out->ptr[out->size] = '\0';
	return ACCORD_OK;
}

/*
** The mask of a unit's text: each group resolved, marks dropped.
** *delete_whole is set when a mark deletes the paragraph (or section) for
** the party.
*/
/* How a unit's groups are chosen: by a rule (take, party) or by the caller (choose_group). */
typedef struct chooser {
	accord_bracket_take take;
	const char *party;
	const accord_bracket_choices *choices; /* NULL: take and party */
	size_t unit;                           /* the unit's index, for choices */
	int keep_marker;                       /* 1: an option marker stays (its block is still open) */
	const unsigned char *bridge;           /* per span across paragraphs (its `across`): BRIDGE_* */
	char open;                             /* the convention's opening bracket */
	const char *deleted_option;            /* the convention's word for an alternative that deletes ("delete") */
} chooser;

/* 1 when an alternative's text is the convention's word for a deletion, and it names who or which. */
static int deletes(const bracket_unit *u, const accord_bracket_span *sp, const char *word)
{
	size_t n = strlen(word);
	return sp->text_end - sp->text_start == n && strncmp(u->pub.text + sp->text_start, word, n) == 0 &&
		(sp->n_parties > 0 || sp->label != NULL || sp->ref != NULL);
}

/*
** Bytes of a label a compilation wrote at the start of a paragraph's text
** that the parser did not take for a label ("new)<TAB>[...]": the label of
** a new paragraph before the first one), with its tab; 0: none. Such a
** label is the paragraph's label in a clean text.
*/
static size_t text_label_len(const bracket_unit *u, char open)
{
	const char *s = u->pub.text;
	size_t i;
	if (u->pub.kind != ACCORD_BRACKET_UNIT_PARA || u->para == NULL || accord_para_label(u->para) != NULL)
		return 0;
	for (i = 0; i < 16 && s[i] != '\0' && s[i] != '\t' && s[i] != '\n' && s[i] != ' '; i++)
		;
	if (i == 0 || s[i] != '\t' || (s[i - 1] != ')' && s[i - 1] != '.') || s[i + 1] != open)
		return 0;
	return i + 1;
}

/* What became of a span across paragraphs: decided by its opening piece, followed by the others. */
enum { BRIDGE_OPEN = 0, BRIDGE_KEEP = 1, BRIDGE_DROP = 2 };

static size_t choose_in(const chooser *c, const bracket_unit *u, size_t group)
{
	const accord_bracket_group *g = &u->groups[group];
	if (c->bridge != NULL && g->n_alts == 1 && u->spans[g->alts[0]].continued) {
		unsigned char st = c->bridge[u->spans[g->alts[0]].across];
		return st == BRIDGE_KEEP ? 0 : st == BRIDGE_DROP ? ACCORD_BRACKET_DROP : ACCORD_BRACKET_OPEN;
	}
	if (c->choices != NULL)
		return c->choices->group != NULL ? c->choices->group(c->choices->data, c->unit, group) : ACCORD_BRACKET_OPEN;
	return choose(u, &u->groups[group], c->take, c->party);
}

static int unit_mask(unsigned char **out, const bracket_unit *u, const chooser *c, int *delete_whole)
{
	accord_bracket_take take = c->take;
	const char *party = c->party;
	size_t n = strlen(u->pub.text), i, k;
	unsigned char *mask = accord_calloc(n + 1, 1);
	*out = NULL;
	if (mask == NULL)
		return ACCORD_ENOMEM;
	if (!c->keep_marker)
		mark(mask, 0, u->pub.marker_end, VANISH);
	if (c->choices == NULL)
		mark(mask, 0, text_label_len(u, c->open), DROP); /* the label, not text */
	for (i = 0; i < u->pub.n_groups; i++) {
		const accord_bracket_group *g = &u->groups[i];
		size_t keep = choose_in(c, u, i);
		if (keep == ACCORD_BRACKET_OPEN)
			continue; /* left as it is, brackets and all */
		if (g->n_alts == 1 && u->marks[g->alts[0]] != BRACKET_MARK_NONE && c->choices == NULL) {
			const accord_bracket_span *sp = &u->spans[g->alts[0]];
			if (u->marks[g->alts[0]] == BRACKET_MARK_DELETE && take == ACCORD_TAKE_PARTY && span_is(sp, party))
				*delete_whole = 1;
			mark(mask, g->start, g->end, VANISH);
			continue;
		}
		if (keep != (size_t)-1 && keep != ACCORD_BRACKET_DROP && g->n_alts > 1 && c->deleted_option != NULL &&
		    deletes(u, &u->spans[g->alts[keep]], c->deleted_option))
			keep = (size_t)-1; /* "[Alt 1 (IRN): delete]": the alternative that deletes */
		if (keep == (size_t)-1) {
			mark(mask, g->start, g->end, VANISH);
			continue;
		}
		for (k = 0; k < g->n_alts; k++) {
			const accord_bracket_span *sp = &u->spans[g->alts[k]];
			if (k > 0) /* the separator before it */
				mark(mask, u->spans[g->alts[k - 1]].end, sp->start, DROP);
			if (k != keep) {
				mark(mask, sp->start, sp->end, DROP);
			} else {
				mark(mask, sp->start, sp->text_start, DROP);
				mark(mask, sp->text_end, sp->end, DROP);
			}
		}
	}
	*out = mask;
	return ACCORD_OK;
}

/* The option of a block to keep (an index), or (size_t)-1. */
static size_t choose_option(const accord_bracketed *b, const accord_bracket_block *blk, accord_bracket_take take,
	const char *party)
{
	size_t i, best = 0, best_len = (size_t)-1;
	switch (take) {
	case ACCORD_TAKE_FIRST:
		return 0;
	case ACCORD_TAKE_LAST:
		return blk->n_options - 1;
	case ACCORD_TAKE_SHORTEST:
		for (i = 0; i < blk->n_options; i++) {
			const accord_bracket_option *o = &blk->options[i];
			size_t len = 0, k;
			for (k = 0; k < o->n_units; k++)
				len += strlen(b->units[o->first_unit + k].pub.text);
			len -= b->units[o->first_unit].pub.marker_end;
			if (o->empty)
				len = 0;
			if (len < best_len) {
				best = i;
				best_len = len;
			}
		}
		return best;
	case ACCORD_TAKE_PARTY:
		for (i = 0; i < blk->n_options; i++)
			if (party != NULL && bracket_has_party(blk->options[i].parties, blk->options[i].n_parties, party))
				return i;
		for (i = 0; i < blk->n_options; i++)
			if (blk->options[i].n_parties == 0)
				return i;
		return (size_t)-1;
	}
	return 0;
}

/*
** 1 when what is left of a paragraph is a label the text itself carried
** ("c bis)" and a tab, as a compilation labels the new paragraphs it shows)
** while all its words went.
*/
static int only_label(const char *left, const char *original)
{
	const char *tab = strchr(left, '\t');
	size_t i, n = strlen(left);
	if (tab == NULL || tab == left || tab - left > 16 || tab[-1] != ')' || strcmp(left, original) == 0)
		return 0;
	for (i = (size_t)(tab - left); i < n; i++)
		if (!bracket_is_blank(left[i]))
			return 0;
	return 1;
}

/* 1 when a text has a letter or digit (a heading left with only its ":" has none: it goes). */
static int has_words(const char *s)
{
	for (; s != NULL && *s; s++)
		if (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* The unit's text resolved into buf (a NUL-terminated string); *gone: the paragraph is to go. */
static int resolve_text(accord_buf *buf, const bracket_unit *u, const chooser *c, int *gone)
{
	unsigned char *mask = NULL;
	int rc;
	*gone = 0;
	accord_buf_clear(buf);
	if ((rc = unit_mask(&mask, u, c, gone)) != ACCORD_OK)
		return rc;
	rc = put_kept(buf, u->pub.text, mask, 0, strlen(u->pub.text));
	if (rc == ACCORD_OK && buf->ptr == NULL)
		rc = accord_buf_puts(buf, "");
	accord_free(mask);
	return rc;
}

/*
** 1 when paragraph q is the one a compilation names name[0..len): its label,
** or '"the start of its text..."' (a paragraph without a label).
*/
static int para_named(const accord_para *q, const char *name, size_t len)
{
	const char *l = accord_para_label(q), *t = accord_para_text(q);
	if (len >= 2 && name[0] == '"' && name[len - 1] == '"') {
		size_t n = len - 2;
		if (n >= 3 && strncmp(name + len - 4, "...", 3) == 0)
			n -= 3;
		return (l == NULL || *l == '\0') && t != NULL && strncmp(t, name + 1, n) == 0 && (n == len - 2 ? strlen(t) == n : 1);
	}
	return l != NULL && strlen(l) == len && strncmp(l, name, len) == 0;
}

/* The length of the first name of a place ("e)", '"text..."'), up to " under " or the end. */
static size_t first_name_len(const char *t, size_t len)
{
	static const char under[] = " under ";
	size_t i = 0;
	if (len > 0 && t[0] == '"')
		for (i = 1; i < len && !(t[i] == '"' && (i + 1 == len || strncmp(t + i + 1, under, 7) == 0)); i++)
			;
	for (; i + 7 <= len; i++)
		if (strncmp(t + i, under, 7) == 0)
			return i;
	return len;
}

/*
** The paragraph of section s a compilation names: "e)", '"text..."', "e) under
** c bis)" (the e) nested in c bis); in a text read back flat, the first e)
** after c bis). NULL: not found. not: a paragraph that is not it.
*/
static accord_para *find_named(const accord_doc *doc, accord_section *s, const char *t, size_t len, const accord_para *not)
{
	size_t n = first_name_len(t, len), k;
	accord_para *q;
	if (n < len) {
		accord_para *parent = find_named(doc, s, t + n + 7, len - n - 7, not);
		if (parent == NULL)
			return NULL;
		for (k = 0; k < accord_para_child_count(parent); k++)
			if (accord_para_child(parent, k) != not && para_named(accord_para_child(parent, k), t, n))
				return accord_para_child(parent, k);
		for (q = accord_doc_next_para(doc, parent); q != NULL && accord_para_section(q) == s; q = accord_doc_next_para(doc, q))
			if (q != not && para_named(q, t, n))
				return q;
		return NULL;
	}
	q = s != NULL && accord_section_para_count(s) > 0 ? accord_section_para(s, 0) : NULL;
	for (; q != NULL && accord_para_section(q) == s; q = accord_doc_next_para(doc, q))
		if (q != not && para_named(q, t, n))
			return q;
	return NULL;
}

/* The section headed (or with the id) h[0..len), or NULL. */
static accord_section *section_named(const accord_doc *doc, const char *h, size_t len)
{
	size_t i;
	for (i = 0; i < accord_doc_section_count(doc); i++) {
		accord_section *s = accord_doc_section(doc, i);
		const char *hd = accord_section_heading(s), *id = accord_section_id(s);
		if ((hd != NULL && strlen(hd) == len && strncmp(hd, h, len) == 0) ||
		    (id != NULL && strlen(id) == len && strncmp(id, h, len) == 0))
			return s;
	}
	return NULL;
}

/*
** Applies a move mark ("[Move (P): after e)]") the party accepts: where
** the compilation says the paragraph goes ("after e)", "after e) under
** c bis)", "first under d)", "to the start", '"after "text..."', each with
** " (heading)" when in another section, as consolidate_build.c writes it),
** found by the labels (or texts) of that section. A place not found leaves
** it where it is.
*/
static int apply_move(accord_doc *doc, accord_para *p, const char *t, size_t len)
{
	static const char after_word[] = "after ", first_word[] = "first under ", start_word[] = "to the start";
	accord_section *s = accord_para_section(p);
	accord_para *parent = NULL, *after = NULL, *q;
	/* " (heading)": another section */
	if (len > 3 && t[len - 1] == ')') {
		size_t i;
		for (i = len - 1; i-- > 1;)
			if (t[i] == '(' && t[i - 1] == ' ') {
				accord_section *other = section_named(doc, t + i + 1, len - i - 2);
				if (other != NULL) {
					s = other;
					len = i - 1;
				}
				break;
			}
	}
	if (len >= sizeof(first_word) - 1 && strncmp(t, first_word, sizeof(first_word) - 1) == 0) {
		if ((parent = find_named(doc, s, t + sizeof(first_word) - 1, len - (sizeof(first_word) - 1), p)) == NULL)
			return ACCORD_OK;
	} else if (len > sizeof(after_word) - 1 && strncmp(t, after_word, sizeof(after_word) - 1) == 0) {
		if ((after = find_named(doc, s, t + sizeof(after_word) - 1, len - (sizeof(after_word) - 1), p)) == NULL)
			return ACCORD_OK;
		parent = accord_para_parent(after);
	} else if (!(len == sizeof(start_word) - 1 && strncmp(t, start_word, len) == 0)) {
		return ACCORD_OK;
	}
	for (q = parent; q != NULL; q = accord_para_parent(q)) /* never under itself */
		if (q == p)
			return ACCORD_OK;
	for (q = after; q != NULL; q = accord_para_parent(q))
		if (q == p)
			return ACCORD_OK;
	return accord_doc_move_para(doc, p, s, parent, after);
}

/*
** Applies the marks of kind `kind` that party proposes, in the clean text:
** a move (BRACKET_MARK_OTHER: "[Move (P): after e)]", the paragraph goes
** there) or a label (BRACKET_MARK_RELABEL: "[Label (P): d)]"). text: a
** scratch buffer.
*/
static int party_marks(accord_doc *doc, const accord_bracketed *b, accord_para *const *paras, const unsigned char *remove,
	const char *party, int kind, accord_buf *text)
{
	size_t i, k;
	int rc;
	for (i = 0; i < b->n_units; i++) {
		const bracket_unit *u = &b->units[i];
		if (u->pub.kind != ACCORD_BRACKET_UNIT_PARA || paras[i] == NULL ||
		    (kind == BRACKET_MARK_OTHER && remove[i] != 0) || accord_doc_find_para(doc, u->pub.id) != paras[i])
			continue;
		for (k = 0; k < u->pub.n_spans; k++) {
			const accord_bracket_span *sp = &u->spans[k];
			if (u->marks[k] != kind || !span_is(sp, party))
				continue;
			if (kind == BRACKET_MARK_OTHER) {
				rc = apply_move(doc, paras[i], u->pub.text + sp->text_start, sp->text_end - sp->text_start);
			} else {
				accord_buf_clear(text);
				if ((rc = accord_buf_put(text, u->pub.text + sp->text_start, sp->text_end - sp->text_start)) == ACCORD_OK &&
				    (rc = accord_buf_puts(text, "")) == ACCORD_OK)
					rc = accord_para_set_label(paras[i], text->size > 0 ? text->ptr : NULL);
			}
			if (rc != ACCORD_OK)
				return rc;
			break;
		}
	}
	return ACCORD_OK;
}

/* accord_bracketed_resolve and accord_bracketed_resolve_with: choices NULL, or take and party unused. */
static int resolve(accord_doc **out, const accord_bracketed *b, accord_bracket_take take, const char *party,
	const accord_bracket_choices *choices, accord_error *err)
{
	chooser c;
	accord_doc *doc = NULL;
	accord_buf text = ACCORD_BUF_INIT;
	accord_para **paras = NULL;         /* the clone's paragraph of each unit */
	accord_section **sections = NULL;   /* the clone's section of each unit */
	unsigned char *remove = NULL;       /* per unit: 1 an option not taken, 2 emptied */
	unsigned char *drop_marker = NULL;  /* per unit (choices): 1 the marker of the option kept */
	unsigned char *bridge = NULL;       /* per span across paragraphs: BRIDGE_* */
	char **notes = NULL;
	size_t n_notes = 0, i, k;
	int rc = ACCORD_OK;

	if (out != NULL)
		*out = NULL;
	if (out == NULL || b == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "no output or nothing read");
	if (choices == NULL && take == ACCORD_TAKE_PARTY && party == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "no party to accept");
	c.take = take;
	c.party = party;
	c.open = b->open;
	c.deleted_option = b->conv.deleted_option;
	c.choices = choices;
	c.unit = 0;
	c.keep_marker = 0;
	c.bridge = NULL;
	if ((rc = accord_doc_clone(&doc, b->doc)) != ACCORD_OK ||
	    (paras = accord_calloc(b->n_units + 1, sizeof(*paras))) == NULL ||
	    (sections = accord_calloc(b->n_units + 1, sizeof(*sections))) == NULL ||
	    (remove = accord_calloc(b->n_units + 1, 1)) == NULL ||
	    (drop_marker = accord_calloc(b->n_units + 1, 1)) == NULL ||
	    (notes = accord_calloc(accord_doc_note_count(b->doc) + 1, sizeof(*notes))) == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, NULL);
		goto cleanup;
	}
	/* the clone's paragraphs and sections, unit by unit (the same order) */
	{
		accord_para *p = NULL;
		for (i = 0; i < b->n_units; i++) {
			const bracket_unit *u = &b->units[i];
			if (u->pub.kind == ACCORD_BRACKET_UNIT_PARA) {
				p = accord_doc_next_para(doc, p);
				paras[i] = p;
			}
			if (u->pub.section != (size_t)-1)
				sections[i] = accord_doc_section(doc, u->pub.section);
		}
	}
	/* spans across paragraphs: as their opening piece goes */
	{
		size_t n_across = 0, g;
		for (i = 0; i < b->n_units; i++) {
			for (k = 0; k < b->units[i].pub.n_spans; k++)
				if (b->units[i].spans[k].across > n_across)
					n_across = b->units[i].spans[k].across;
			if (b->units[i].pub.inside > n_across) /* a paragraph inside a span whose pieces are not all read */
				n_across = b->units[i].pub.inside;
		}
		if (n_across > 0) {
			if ((bridge = accord_calloc(n_across + 1, 1)) == NULL) {
				rc = accord_error_set(err, ACCORD_ENOMEM, NULL);
				goto cleanup;
			}
			for (i = 0; i < b->n_units; i++) {
				const bracket_unit *u = &b->units[i];
				c.unit = i;
				for (g = 0; g < u->pub.n_groups; g++) {
					const accord_bracket_group *grp = &u->groups[g];
					size_t keep = ACCORD_BRACKET_OPEN;
					int chosen = 0;
					for (k = 0; k < grp->n_alts; k++) {
						const accord_bracket_span *sp = &u->spans[grp->alts[k]];
						if (!sp->continues || sp->across == 0)
							continue;
						if (!chosen) {
							keep = choose_in(&c, u, g);
							chosen = 1;
						}
						bridge[sp->across] = keep == ACCORD_BRACKET_OPEN ? BRIDGE_OPEN : keep == k ? BRIDGE_KEEP : BRIDGE_DROP;
					}
				}
			}
			c.bridge = bridge;
			for (i = 0; i < b->n_units; i++)
				if (b->units[i].pub.inside != 0 && bridge[b->units[i].pub.inside] == BRIDGE_DROP)
					remove[i] = 1;
		}
	}
	/* options not taken go */
	for (i = 0; i < b->n_blocks; i++) {
		const accord_bracket_block *blk = &b->blocks[i];
		size_t keep;
		if (choices != NULL) {
			keep = choices->option != NULL ? choices->option(choices->data, i) : ACCORD_BRACKET_OPEN;
			if (keep == ACCORD_BRACKET_OPEN) {
				continue; /* its markers stay */
			}
			if (keep < blk->n_options) /* the kept one loses its marker */
				drop_marker[blk->options[keep].first_unit] = 1;
		} else {
			keep = choose_option(b, blk, take, party);
		}
		for (k = 0; k < blk->n_options; k++) {
			const accord_bracket_option *o = &blk->options[k];
			size_t j;
			if (k == keep && !o->empty)
				continue;
			for (j = 0; j < o->n_units; j++)
				remove[o->first_unit + j] = 1;
		}
	}
	for (i = 0; i < b->n_units && rc == ACCORD_OK; i++) {
		const bracket_unit *u = &b->units[i];
		int gone = 0;
		if (remove[i])
			continue;
		c.unit = i;
		c.keep_marker = choices != NULL && !drop_marker[i];
		if ((rc = resolve_text(&text, u, &c, &gone)) != ACCORD_OK) {
			accord_error_set(err, rc, NULL);
			break;
		}
		switch (u->pub.kind) {
		case ACCORD_BRACKET_UNIT_PARA:
			if (gone || (text.size == 0 && u->pub.text[0] != '\0') || only_label(text.ptr, u->pub.text)) {
				remove[i] = 2;
			} else {
				size_t ll = choices == NULL ? text_label_len(u, b->open) : 0;
				char label[20];
				rc = accord_para_set_text(paras[i], text.ptr);
				if (rc == ACCORD_OK && ll > 0) {
					memcpy(label, u->pub.text, ll - 1);
					label[ll - 1] = '\0';
					rc = accord_para_set_label(paras[i], label);
				}
			}
			break;
		case ACCORD_BRACKET_UNIT_HEADING: {
			accord_section *s = sections[i];
			const char *addressee = accord_section_addressee(s);
			const char *heading = u->pub.text;
			size_t hl = strlen(heading), al = addressee != NULL ? strlen(addressee) : 0;
			char *new_addressee = NULL;
			if (al > 0 && al <= hl && strcmp(heading + hl - al, addressee) == 0) {
				/* the addressee is the heading's tail: resolved with it */
				unsigned char *mask = NULL;
				accord_buf tail = ACCORD_BUF_INIT;
				int whole = 0;
				if ((rc = unit_mask(&mask, u, &c, &whole)) == ACCORD_OK &&
				    (rc = put_kept(&tail, heading, mask, hl - al, hl)) == ACCORD_OK)
					new_addressee = tail.size > 0 ? accord_buf_detach(&tail) : NULL;
				accord_buf_dispose(&tail);
				accord_free(mask);
			} else if (addressee != NULL) {
				new_addressee = accord_strdup(addressee);
			}
			if (rc == ACCORD_OK)
				rc = accord_section_set_heading(s, has_words(text.ptr) || u->pub.text[0] == '\0' ? text.ptr : NULL,
					accord_section_kind_of(s), new_addressee);
			accord_free(new_addressee);
			if (gone)
				remove[i] = 3; /* "[Delete section (P)]" for P: the section goes, at the end */
			break;
		}
		case ACCORD_BRACKET_UNIT_FOOTNOTE:
			rc = accord_footnote_set_text(accord_doc_find_footnote(doc, u->pub.id), text.ptr);
			break;
		case ACCORD_BRACKET_UNIT_META:
			if (u->note == 1 && strncmp(u->pub.text, BRACKET_COMPILATION_HEADER,
						 sizeof(BRACKET_COMPILATION_HEADER) - 1) == 0)
				break; /* a compilation's own first line */
			if (u->note != 0) {
				if (text.size > 0 && (notes[n_notes++] = accord_strdup(text.ptr)) == NULL)
					rc = ACCORD_ENOMEM;
			} else {
				rc = accord_doc_set_meta(doc, (accord_meta_field)u->meta, text.size > 0 ? text.ptr : NULL);
			}
			break;
		}
		if (rc != ACCORD_OK)
			accord_error_set(err, rc, NULL);
	}
	if (rc != ACCORD_OK)
		goto cleanup;
	if (accord_doc_note_count(doc) > 0) {
		accord_doc_clear_notes(doc);
		for (i = 0; i < n_notes; i++)
			if ((rc = accord_doc_add_note(doc, notes[i])) != ACCORD_OK) {
				accord_error_set(err, rc, NULL);
				goto cleanup;
			}
	}
	/* paragraphs that go, children first (pre-order backwards); an emptied one stays if a child stays */
	for (i = b->n_units; i-- > 0;) {
		if (remove[i] == 0 || paras[i] == NULL)
			continue;
		if (remove[i] == 2 && accord_para_child_count(paras[i]) > 0)
			continue;
		if ((rc = accord_doc_remove_para(doc, paras[i])) != ACCORD_OK) {
			accord_error_set(err, rc, NULL);
			goto cleanup;
		}
	}
	/* the moves the party proposes, then the labels it gives (moves find places by the labels shown) */
	if (take == ACCORD_TAKE_PARTY && ((rc = party_marks(doc, b, paras, remove, party, BRACKET_MARK_OTHER, &text)) != ACCORD_OK ||
					   (rc = party_marks(doc, b, paras, remove, party, BRACKET_MARK_RELABEL, &text)) != ACCORD_OK)) {
		accord_error_set(err, rc, NULL);
		goto cleanup;
	}
	/* the sections the party deletes, with their paragraphs */
	for (i = 0; i < b->n_units; i++)
		if (remove[i] == 3 && sections[i] != NULL && (rc = accord_doc_remove_section(doc, sections[i])) != ACCORD_OK) {
			accord_error_set(err, rc, NULL);
			goto cleanup;
		}
	*out = doc;
	doc = NULL;
cleanup:
	for (i = 0; i < n_notes; i++)
		accord_free(notes[i]);
	accord_free(notes);
	accord_free(paras);
	accord_free(sections);
	accord_free(remove);
	accord_free(drop_marker);
	accord_free(bridge);
	accord_buf_dispose(&text);
	accord_doc_free(doc);
	return rc;
}

int accord_bracketed_resolve(accord_doc **out, const accord_bracketed *b, accord_bracket_take take,
	const char *party, accord_error *err)
{
	if (take == ACCORD_TAKE_PARTY && b != NULL) {
		/* A text that names nobody (an anonymous convention: CWG-Internet, IGF) cannot say what a party
		 * wants: taking the first alternative for it would pass a guess for an answer. */
		accord_bracket_totals t;
		accord_bracketed_totals(b, &t);
		if (t.parties == 0 && (t.groups > 0 || t.option_blocks > 0)) {
			if (out != NULL)
				*out = NULL;
			return accord_error_set(err, ACCORD_ENOTFOUND,
				"the text names no party (an anonymous convention), so it cannot say which proposals are %s's: "
				"use --take first|last|shortest",
				party != NULL ? party : "a party");
		}
	}
	return resolve(out, b, take, party, NULL, err);
}

int accord_bracketed_resolve_with(accord_doc **out, const accord_bracketed *b, const accord_bracket_choices *choices,
	accord_error *err)
{
	if (choices == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "no choices");
	return resolve(out, b, ACCORD_TAKE_FIRST, NULL, choices, err);
}
