/*
** bracket_read.c: reading the brackets of a document (accord/bracketed.h).
**
** Each text of the document (metadata field, heading, paragraph, footnote)
** is scanned once, left to right, with a stack of its own: the opening
** brackets and parentheses still open. The bracket characters and the
** attribution prefixes come from a bracket convention (accord_brackets):
** every bracketed piece of its templates ("[%p: %t]", "[Alt %n (%p): %t]",
** "[Delete (%p): %b]" ...) is a pattern a span's start may match. Then
** spans are grouped into alternatives, paragraphs into option blocks, and
** words counted as agreed or open.
*/
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compile/bracketed_int.h"
#include "util/utf8_int.h"

/* ---- patterns from the convention ------------------------------------------- */

/*
** A bracketed piece of a template: its inside (placeholders kept), what
** it makes of a span, and the label word before %n ("Alt").
*/
typedef struct pattern {
	char inner[128];
	char after[64];           /* the template's text after the bracket (" (%i: delete)"); "" none */
	accord_bracket_kind kind;
	int mark;                 /* BRACKET_MARK_* */
	int literals;             /* literal characters: longer patterns are tried first */
	int no_change;            /* 1: the convention's no-change option ("NOC: %b"): an alternative of the group before */
} pattern;

#define MAX_PATTERNS 40

typedef struct reader {
	accord_bracketed *b;
	const accord_bracket_read_options *opts;
	pattern patterns[MAX_PATTERNS];
	size_t n_patterns;
	char alt_outer[64];       /* the alternative template's text before its bracket ("Option %n: "); "" none */
	char relabel[160];        /* the relabel template, when derived from the move template */
	struct stack_item {
		size_t offset;        /* of the bracket or parenthesis */
		size_t span;          /* brackets: the span's index */
		size_t parens_below;  /* open parentheses under this item */
		char what;            /* '[' (any bracket) or '(' */
	} *stack;
	size_t n_stack, cap_stack;
	size_t *pending;          /* parentheses a closing bracket left open (for "[(])") */
	size_t n_pending, cap_pending;
} reader;

static void add_pattern_after(reader *r, const char *inner, size_t len, const char *after, accord_bracket_kind kind,
	int mark)
{
	pattern *p;
	size_t i;
	if (after == NULL)
		after = "";
	if (r->n_patterns >= MAX_PATTERNS || len + 1 > sizeof(p->inner) || strlen(after) + 1 > sizeof(p->after))
		return;
	/* "%b" or "%t" alone matches every span: it says nothing (unless text after the bracket says more) */
	if (len == 2 && inner[0] == '%' && (inner[1] == 'b' || inner[1] == 't') && after[0] == '\0')
		return;
	for (i = 0; i < r->n_patterns; i++)
		if (strlen(r->patterns[i].inner) == len && memcmp(r->patterns[i].inner, inner, len) == 0 &&
		    strcmp(r->patterns[i].after, after) == 0)
			return;
	p = &r->patterns[r->n_patterns++];
	memcpy(p->inner, inner, len);
	p->inner[len] = '\0';
	memcpy(p->after, after, strlen(after) + 1);
	p->kind = kind;
	p->mark = mark;
	p->literals = 0;
	p->no_change = 0;
	for (i = 0; i < len; i++) {
		if (inner[i] == '%' && i + 1 < len)
			i++;
		else
			p->literals++;
	}
	for (i = 0; after[i]; i++) {
		if (after[i] == '%' && after[i + 1] != '\0')
			i++;
		else
			p->literals++;
	}
}

static void add_pattern(reader *r, const char *inner, size_t len, accord_bracket_kind kind, int mark)
{
	add_pattern_after(r, inner, len, NULL, kind, mark);
}

/* Every bracketed piece of template t as a pattern; *outer gets the text before the first one. */
static void add_template(reader *r, const char *t, accord_bracket_kind kind, int mark, char *outer, size_t outer_size)
{
	const char *s;
	int first = 1;
	if (t == NULL)
		return;
	for (s = t; *s; s++) {
		const char *end;
		int depth = 0;
		if (*s != r->b->open)
			continue;
		for (end = s; *end; end++) {
			if (*end == r->b->open)
				depth++;
			else if (*end == r->b->close && --depth == 0)
				break;
		}
		if (*end == '\0')
			return;
		if (first && outer != NULL && (size_t)(s - t) < outer_size) {
			memcpy(outer, t, (size_t)(s - t));
			outer[s - t] = '\0';
		}
		first = 0;
		/* the last piece: what follows it in the template follows the span (" (%i: delete)") */
		if (strchr(end + 1, r->b->open) == NULL && end[1] != '\0')
			add_pattern_after(r, s + 1, (size_t)(end - s - 1), end + 1, kind, mark);
		else
			add_pattern(r, s + 1, (size_t)(end - s - 1), kind, mark);
		s = end;
	}
}

static int by_literals(const void *a, const void *b)
{
	return ((const pattern *)b)->literals - ((const pattern *)a)->literals;
}

static void reader_patterns(reader *r)
{
	const accord_brackets *c = &r->b->conv;
	size_t i, j;
	r->alt_outer[0] = '\0';
	add_template(r, c->delete_paragraph, ACCORD_BRACKET_MARK, BRACKET_MARK_DELETE, NULL, 0);
	add_template(r, c->delete_section, ACCORD_BRACKET_MARK, BRACKET_MARK_DELETE, NULL, 0);
	add_template(r, c->move_paragraph, ACCORD_BRACKET_MARK, BRACKET_MARK_OTHER, NULL, 0);
	add_template(r, c->move_section, ACCORD_BRACKET_MARK, BRACKET_MARK_OTHER, NULL, 0);
	add_template(r, bracket_relabel_template(c, r->relabel, sizeof(r->relabel)), ACCORD_BRACKET_MARK,
		BRACKET_MARK_RELABEL, NULL, 0);
	add_template(r, c->delete_text, ACCORD_BRACKET_DELETE, BRACKET_MARK_NONE, NULL, 0);
	add_template(r, c->alternative, ACCORD_BRACKET_PLAIN, BRACKET_MARK_NONE, r->alt_outer, sizeof(r->alt_outer));
	add_template(r, c->replace, ACCORD_BRACKET_PLAIN, BRACKET_MARK_NONE, NULL, 0);
	add_template(r, c->insert, ACCORD_BRACKET_PLAIN, BRACKET_MARK_NONE, NULL, 0);
	i = r->n_patterns;
	add_template(r, c->no_change, ACCORD_BRACKET_PLAIN, BRACKET_MARK_NONE, NULL, 0);
	for (; i < r->n_patterns; i++)
		r->patterns[i].no_change = 1;
	add_template(r, c->new_paragraph, ACCORD_BRACKET_PLAIN, BRACKET_MARK_NONE, NULL, 0);
	add_template(r, c->new_section, ACCORD_BRACKET_PLAIN, BRACKET_MARK_NONE, NULL, 0);
	/* the UN's own ways of naming alternatives and their sponsors inside a bracket */
	add_pattern(r, "Option %n (%p): %t", 18, ACCORD_BRACKET_PLAIN, BRACKET_MARK_NONE);
	add_pattern(r, "Option %n: %t", 13, ACCORD_BRACKET_PLAIN, BRACKET_MARK_NONE);
	add_pattern(r, "Alt %n (%p): %t", 15, ACCORD_BRACKET_PLAIN, BRACKET_MARK_NONE);
	add_pattern(r, "Alt %n: %t", 10, ACCORD_BRACKET_PLAIN, BRACKET_MARK_NONE);
	add_pattern(r, "%p: %t", 6, ACCORD_BRACKET_PLAIN, BRACKET_MARK_NONE);
	/* longest first, stable for equals */
	for (i = 1; i < r->n_patterns; i++)
		for (j = i; j > 0 && by_literals(&r->patterns[j - 1], &r->patterns[j]) > 0; j--) {
			pattern tmp = r->patterns[j];
			r->patterns[j] = r->patterns[j - 1];
			r->patterns[j - 1] = tmp;
		}
}

/* What a match of a pattern found. */
typedef struct match {
	size_t text_start, text_end;  /* absolute offsets */
	const char *parties;          /* the %p capture */
	size_t parties_len;
	const char *ref;              /* the %i capture */
	size_t ref_len;
	const char *label;            /* "Alt 1": from the literal before %n and the number */
	size_t label_len;
	size_t label_word;            /* offset of the label's start in the text */
} match;

/*
** Matches pattern p against the span's inside s[a..z) (a: after the opening
** bracket, z: the closing one). Placeholders end at the next literal of the
** pattern; %t and %b take the rest, less the pattern's literal tail.
*/
static int match_pattern(const pattern *p, const char *s, size_t a, size_t z, match *m)
{
	const char *q = p->inner;
	size_t at = a;
	memset(m, 0, sizeof(*m));
	m->text_start = m->text_end = (size_t)-1;
	while (*q) {
		if (q[0] == '%' && q[1] != '\0' && q[1] != '%') {
			char ph = q[1];
			const char *next = q + 2, *lit_end;
			size_t lit_len, found;
			if (ph == 't' || ph == 'b') {
				size_t tail = strlen(next);
				if (strchr(next, '%') != NULL || z - at < tail || memcmp(s + z - tail, next, tail) != 0)
					return 0;
				m->text_start = at;
				m->text_end = z - tail;
				return 1;
			}
			lit_end = next;
			while (*lit_end && *lit_end != '%')
				lit_end++;
			lit_len = (size_t)(lit_end - next);
			if (lit_len == 0 && *next != '\0')
				return 0; /* two placeholders side by side: no way to tell where one ends */
			if (lit_len == 0) {
				found = z;
			} else {
				for (found = at; found + lit_len <= z; found++)
					if (memcmp(s + found, next, lit_len) == 0)
						break;
				if (found + lit_len > z)
					return 0;
			}
			if (found == at)
				return 0;
			if (ph == 'n') {
				size_t i;
				size_t from = at;
				for (i = at; i < found; i++)
					if (!isdigit((unsigned char)s[i]))
						return 0;
				/* the label: the word before the number ("Alt 1") */
				if (from > a && s[from - 1] == ' ')
					from--;
				while (from > a && isalpha((unsigned char)s[from - 1]))
					from--;
				m->label = s + from;
				m->label_len = found - from;
			} else if (ph == 'p') {
				m->parties = s + at;
				m->parties_len = found - at;
			} else if (ph == 'i') {
				size_t i;
				if (found - at > 80)
					return 0;
				for (i = at; i < found; i++)
					if (s[i] == ':' || s[i] == (char)'[' || s[i] == '\n')
						return 0;
				m->ref = s + at;
				m->ref_len = found - at;
			} else if (ph == 'k') {
				size_t i;
				for (i = at; i < found; i++)
					if (!(isupper((unsigned char)s[i]) || s[i] == '(' || s[i] == ')'))
						return 0;
			} else {
				return 0;
			}
			at = found;
			q += 2;
			continue;
		}
		if (q[0] == '%' && q[1] == '%')
			q++;
		if (at >= z || s[at] != *q)
			return 0;
		at++;
		q++;
	}
	/* a pattern without %t: the whole inside (a mark) */
	if (at != z)
		return 0;
	m->text_start = m->text_end = z;
	return 1;
}

/*
** Matches p->after at s[from..): the shortest run that the after-text
** matches. Returns where it ends, or 0. Its parties and ids go into m when
** the bracket's own pattern had none.
*/
static size_t match_after(const pattern *p, const char *s, size_t from, size_t n, match *m)
{
	pattern tail;
	size_t z, last = strlen(p->after);
	char end_char;
	if (last == 0)
		return 0;
	end_char = p->after[last - 1];
	memset(&tail, 0, sizeof(tail));
	memcpy(tail.inner, p->after, last + 1);
	for (z = from + 1; z <= n && z - from <= 160; z++) {
		match mm;
		if (s[z - 1] != end_char || !match_pattern(&tail, s, from, z, &mm))
			continue;
		if (m->parties == NULL) {
			m->parties = mm.parties;
			m->parties_len = mm.parties_len;
		}
		if (m->ref == NULL) {
			m->ref = mm.ref;
			m->ref_len = mm.ref_len;
		}
		return z;
	}
	return 0;
}

/* ---- positions ------------------------------------------------------------------ */


static int is_source_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
** Follows a unit's text through the source from where it starts (at, on
** line ln starting at ls) up to byte offset of the text, and gives that
** byte's line and column in the source. The text of a paragraph of a
** hard-wrapped input is its lines joined: where the source has blanks with
** a line break among them, the text has one space, or none after a hyphen.
** 0 when the two part otherwise (the caller falls back).
*/
static int walk_source(const char *src, size_t len, size_t at, size_t ln, size_t ls, const char *text, size_t offset,
	unsigned *line, unsigned *col)
{
	size_t t = 0;
	while (t < offset && at < len) {
		if (text[t] == src[at]) {
			if (src[at] == '\n') {
				ln++;
				ls = at + 1;
			}
			t++;
			at++;
		} else if (is_source_blank(src[at])) {
			int broken = 0;
			for (; at < len && is_source_blank(src[at]); at++)
				if (src[at] == '\n') {
					broken = 1;
					ln++;
					ls = at + 1;
				}
			if (!broken)
				return 0;
			if (text[t] == ' ')
				t++;
		} else {
			return 0;
		}
	}
	if (t < offset)
		return 0;
	*line = (unsigned)ln;
	*col = accord_utf8_column(src + ls, at - ls);
	return 1;
}

/* Line and column in the input of byte `offset` of a unit's text. */
static void position_of(const reader *r, const bracket_unit *u, size_t offset, unsigned *line, unsigned *col)
{
	const char *text = u->pub.text, *src = r->opts->source;
	size_t i, nl = 0, line_start = 0, first_len;
	unsigned base_line = u->pub.line;
	for (i = 0; i < offset; i++)
		if (text[i] == '\n') {
			nl++;
			line_start = i + 1;
		}
	for (first_len = 0; text[first_len] && text[first_len] != '\n'; first_len++)
		;
	if (first_len > 48)
		first_len = 48;
	*line = 0;
	*col = 0;
	if (src != NULL && first_len > 0) {
		/* find the text's first line in the source: on its own line when known, else anywhere */
		size_t len = r->opts->source_len, at = 0, ln = 1, found = (size_t)-1, found_ln = 0, ls = 0;
		for (at = 0; at + first_len <= len; at++) {
			if (at > 0 && src[at - 1] == '\n') {
				ln++;
				ls = at;
			}
			if ((base_line == 0 || ln == base_line) && memcmp(src + at, text, first_len) == 0) {
				found = at;
				found_ln = ln;
				break;
			}
			if (base_line != 0 && ln > base_line)
				break;
		}
		if (found != (size_t)-1) {
			if (walk_source(src, len, found, found_ln, ls, text, offset, line, col))
				return;
			*line = (unsigned)(found_ln + nl);
			if (nl == 0)
				*col = accord_utf8_column(src + ls, found - ls + offset);
			else
				*col = accord_utf8_column(text + line_start, offset - line_start);
			return;
		}
	}
	if (base_line != 0) {
		*line = base_line + (unsigned)nl;
		*col = accord_utf8_column(text + line_start, offset - line_start);
	}
}

/* ---- scanning one text -------------------------------------------------------------- */

static int push(reader *r, char what, size_t offset, size_t span)
{
	if (r->n_stack == r->cap_stack) {
		size_t cap = r->cap_stack ? r->cap_stack * 2 : 64;
		struct stack_item *grown = accord_realloc(r->stack, cap * sizeof(*grown));
		if (grown == NULL)
			return ACCORD_ENOMEM;
		r->stack = grown;
		r->cap_stack = cap;
	}
	r->stack[r->n_stack].what = what;
	r->stack[r->n_stack].offset = offset;
	r->stack[r->n_stack].span = span;
	r->stack[r->n_stack].parens_below = r->n_stack == 0
		? 0
		: r->stack[r->n_stack - 1].parens_below + (r->stack[r->n_stack - 1].what == '(');
	r->n_stack++;
	return ACCORD_OK;
}

static int problem(reader *r, size_t unit, size_t offset, const char *kind, accord_error *err)
{
	accord_bracketed *b = r->b;
	bracket_unit *u = &b->units[unit];
	accord_bracket_problem *p;
	unsigned line, col;
	const char *what = strcmp(kind, "unclosed") == 0 ? "opening bracket without its closing one"
		: strcmp(kind, "unopened") == 0            ? "closing bracket without an opening one"
							   : "parenthesis opened inside a bracket and closed after it";
	position_of(r, u, offset, &line, &col);
	if (!r->opts->lenient) {
		accord_error_set(err, ACCORD_EPARSE, "unbalanced brackets: %s", what);
		accord_error_at(err, r->opts->name, line, col);
		return ACCORD_EPARSE;
	}
	if (b->n_problems == b->cap_problems) {
		size_t cap = b->cap_problems ? b->cap_problems * 2 : 8;
		accord_bracket_problem *grown = accord_realloc(b->problems, cap * sizeof(*grown));
		if (grown == NULL)
			return accord_error_set(err, ACCORD_ENOMEM, NULL);
		b->problems = grown;
		b->cap_problems = cap;
	}
	p = &b->problems[b->n_problems++];
	p->kind = kind;
	p->unit = unit;
	p->offset = offset;
	p->line = line;
	p->col = col;
	if (accord_doc_add_warning(b->doc, line, col, "unbalanced brackets: %s (read as %s)", what,
		    strcmp(kind, "unclosed") == 0 ? "running to the end of the text"
			: strcmp(kind, "unopened") == 0 ? "text"
							: "closing at its bracket") != ACCORD_OK)
		return accord_error_set(err, ACCORD_ENOMEM, NULL);
	return ACCORD_OK;
}

static accord_bracket_span *new_span(bracket_unit *u)
{
	if (u->pub.n_spans == u->cap_spans) {
		size_t cap = u->cap_spans ? u->cap_spans * 2 : 8;
		accord_bracket_span *grown = accord_realloc(u->spans, cap * sizeof(*grown));
		if (grown == NULL)
			return NULL;
		u->spans = grown;
		u->cap_spans = cap;
	}
	memset(&u->spans[u->pub.n_spans], 0, sizeof(u->spans[0]));
	return &u->spans[u->pub.n_spans++];
}

/* ---- spans across paragraphs ------------------------------------------------------- */

/* The brackets of a text alone: closing ones with none open (*closes), opening ones left (*opens, their count). */
static void balance(const accord_bracketed *b, const char *s, size_t *closes, size_t *opens)
{
	size_t n = strlen(s), i, depth = 0;
	*closes = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '[' && b->open == '[') {
			size_t skip = bracket_footnote_ref(s + i, n - i);
			if (skip > 0) {
				i += skip - 1;
				continue;
			}
		}
		if (s[i] == b->open)
			depth++;
		else if (s[i] == b->close && depth > 0)
			depth--;
		else if (s[i] == b->close)
			(*closes)++;
	}
	*opens = depth;
}

/*
** Pairs brackets left open at the end of a paragraph with closing ones
** that have no opening one in a later paragraph of the same section: the
** innermost open one with the first such closing one, as a stack does.
** Each pair is one span across paragraphs, numbered in the document; the
** paragraphs between are inside it. What stays unpaired is unbalanced
** (scan reports it).
*/
static int bridge_pass(accord_bracketed *b)
{
	struct carried {
		size_t unit, id;
	} *stack = NULL;
	size_t n_stack = 0, cap = 0, i, k, next_id = 0, section = (size_t)-1;
	int rc = ACCORD_OK;
	for (i = 0; i < b->n_units && rc == ACCORD_OK; i++) {
		bracket_unit *u = &b->units[i];
		size_t closes, opens, take;
		if (u->pub.kind != ACCORD_BRACKET_UNIT_PARA) {
			continue;
		}
		if (u->pub.section != section) {
			n_stack = 0; /* a bracket never runs into another section */
			section = u->pub.section;
		}
		balance(b, u->pub.text, &closes, &opens);
		if (closes == 0 && n_stack > 0)
			u->pub.inside = stack[n_stack - 1].id;
		take = closes < n_stack ? closes : n_stack;
		if (take > 0) {
			if ((u->in_ids = bracket_own(b, accord_calloc(take, sizeof(size_t)))) == NULL) {
				rc = ACCORD_ENOMEM;
				break;
			}
			for (k = 0; k < take; k++) {
				struct carried *c = &stack[--n_stack];
				bracket_unit *from = &b->units[c->unit];
				u->in_ids[k] = c->id;
				from->carry_out++;
			}
			u->carry_in = take;
		}
		if (opens > 0) {
			if ((u->out_ids = bracket_own(b, accord_calloc(opens, sizeof(size_t)))) == NULL) {
				rc = ACCORD_ENOMEM;
				break;
			}
			for (k = 0; k < opens; k++) {
				if (n_stack == cap) {
					size_t ncap = cap ? cap * 2 : 16;
					struct carried *grown = accord_realloc(stack, ncap * sizeof(*grown));
					if (grown == NULL) {
						rc = ACCORD_ENOMEM;
						break;
					}
					stack = grown;
					cap = ncap;
				}
				u->out_ids[k] = ++next_id;
				stack[n_stack].unit = i;
				stack[n_stack].id = next_id;
				n_stack++;
			}
		}
	}
	accord_free(stack);
	return rc;
}

/* Finds the spans of unit ui: offsets, depth, parents; problems. */
static int scan(reader *r, size_t ui, accord_error *err)
{
	bracket_unit *u = &r->b->units[ui];
	const char *s = u->pub.text;
	size_t n = strlen(s), i, opens_left = 0, first_out;
	int rc;
	r->n_stack = 0;
	r->n_pending = 0;
	/* spans opened in earlier paragraphs and closed here: open from the start, outermost first */
	for (i = u->carry_in; i-- > 0;) {
		accord_bracket_span *sp = new_span(u);
		if (sp == NULL || push(r, '[', 0, u->pub.n_spans - 1) != ACCORD_OK)
			return accord_error_set(err, ACCORD_ENOMEM, NULL);
		sp->continued = 1;
		sp->across = u->in_ids[i];
		sp->depth = (unsigned)(u->carry_in - i);
		sp->parent = sp->depth > 1 ? u->pub.n_spans - 1 : 0;
		if (sp->depth > u->pub.max_depth)
			u->pub.max_depth = sp->depth;
	}
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == '[' && r->b->open == '[') {
			size_t skip = bracket_footnote_ref(s + i, n - i);
			if (skip > 0) {
				i += skip - 1;
				continue;
			}
		}
		if (c == r->b->open) {
			accord_bracket_span *sp;
			size_t parent = 0, k;
			unsigned depth = 1;
			for (k = r->n_stack; k > 0; k--)
				if (r->stack[k - 1].what == '[') {
					parent = r->stack[k - 1].span + 1;
					depth = u->spans[r->stack[k - 1].span].depth + 1;
					break;
				}
			if ((sp = new_span(u)) == NULL || push(r, '[', i, u->pub.n_spans - 1) != ACCORD_OK)
				return accord_error_set(err, ACCORD_ENOMEM, NULL);
			sp->open = i;
			sp->start = i;
			sp->parent = parent;
			sp->depth = depth;
			if (depth > u->pub.max_depth)
				u->pub.max_depth = depth;
		} else if (c == r->b->close) {
			size_t k = r->n_stack;
			while (k > 0 && r->stack[k - 1].what == '(')
				k--;
			if (k == 0) {
				if ((rc = problem(r, ui, i, "unopened", err)) != ACCORD_OK)
					return rc;
				continue;
			}
			/* parentheses opened inside this bracket and still open: closed later, they interleave */
			for (; r->n_stack > k; r->n_stack--) {
				if (r->n_pending == r->cap_pending) {
					size_t cap = r->cap_pending ? r->cap_pending * 2 : 16;
					size_t *grown = accord_realloc(r->pending, cap * sizeof(*grown));
					if (grown == NULL)
						return accord_error_set(err, ACCORD_ENOMEM, NULL);
					r->pending = grown;
					r->cap_pending = cap;
				}
				r->pending[r->n_pending++] = r->stack[r->n_stack - 1].offset;
			}
			u->spans[r->stack[k - 1].span].close = i;
			r->n_stack = k - 1;
		} else if (c == '(') {
			if (push(r, '(', i, 0) != ACCORD_OK)
				return accord_error_set(err, ACCORD_ENOMEM, NULL);
		} else if (c == ')') {
			if (r->n_stack > 0 && r->stack[r->n_stack - 1].what == '(') {
				r->n_stack--;
			} else if (r->n_stack > 0 && r->stack[r->n_stack - 1].parens_below > 0) {
				/* "([)]": a parenthesis closes across an open bracket */
				if ((rc = problem(r, ui, r->stack[r->n_stack - 1].offset, "interleaved", err)) != ACCORD_OK)
					return rc;
			} else if (r->n_pending > 0) {
				size_t at = r->pending[--r->n_pending];
				if ((rc = problem(r, ui, at, "interleaved", err)) != ACCORD_OK)
					return rc;
			}
		}
	}
	/* brackets still open: the innermost ones go on into later paragraphs; the others are unclosed */
	for (i = 0; i < r->n_stack; i++)
		opens_left += r->stack[i].what == '[';
	first_out = opens_left > u->carry_out ? opens_left - u->carry_out : 0;
	opens_left = 0;
	for (i = 0; i < r->n_stack; i++) {
		if (r->stack[i].what != '[')
			continue;
		if (opens_left++ >= first_out && !u->spans[r->stack[i].span].continued) {
			accord_bracket_span *sp = &u->spans[r->stack[i].span];
			sp->close = n;
			sp->continues = 1;
			sp->across = u->out_ids != NULL ? u->out_ids[opens_left - 1] : 0;
			continue;
		}
		if ((rc = problem(r, ui, r->stack[i].offset, "unclosed", err)) != ACCORD_OK)
			return rc;
		u->spans[r->stack[i].span].close = n;
		u->spans[r->stack[i].span].unclosed = 1;
	}
	return ACCORD_OK;
}

/* Reads what the convention says at the start of each span: label, parties, kind. */
static int attribute(reader *r, bracket_unit *u, accord_error *err)
{
	const char *s = u->pub.text;
	size_t n = strlen(s), i, k;
	if ((u->marks = accord_calloc(u->pub.n_spans ? u->pub.n_spans : 1, 1)) == NULL ||
	    (u->named = accord_calloc(u->pub.n_spans ? u->pub.n_spans : 1, 1)) == NULL ||
	    (u->no_change = accord_calloc(u->pub.n_spans ? u->pub.n_spans : 1, 1)) == NULL)
		return accord_error_set(err, ACCORD_ENOMEM, NULL);
	for (i = 0; i < u->pub.n_spans; i++) {
		accord_bracket_span *sp = &u->spans[i];
		size_t a = sp->continued ? 0 : sp->open + 1, z = sp->close;
		sp->text_start = a;
		sp->text_end = z;
		sp->end = sp->unclosed || sp->continues ? n : z + 1;
		sp->kind = ACCORD_BRACKET_PLAIN;
		for (k = 0; k < r->n_patterns && !sp->continued; k++) {
			const pattern *p = &r->patterns[k];
			match m;
			const char *const *parties = NULL;
			size_t n_parties = 0;
			int ok;
			size_t after_end = 0;
			if (!match_pattern(p, s, a, z, &m))
				continue;
			if (p->after[0] != '\0' && (sp->unclosed || sp->continues || (after_end = match_after(p, s, z + 1, n, &m)) == 0))
				continue;
			/* no bracket of the text may start inside the prefix */
			if (i + 1 < u->pub.n_spans && u->spans[i + 1].open < m.text_start)
				continue;
			if (m.parties != NULL) {
				ok = bracket_read_parties(r->b, m.parties, m.parties_len, &parties, &n_parties);
				if (ok < 0)
					return accord_error_set(err, ACCORD_ENOMEM, NULL);
				if (ok == 0)
					continue;
			}
			sp->text_start = m.text_start;
			sp->text_end = m.text_end;
			if (after_end != 0)
				sp->end = after_end;
			sp->kind = p->kind;
			u->marks[i] = (unsigned char)p->mark;
			sp->parties = parties;
			sp->n_parties = n_parties;
			u->named[i] = n_parties > 0 || m.label != NULL || m.ref != NULL || p->no_change;
			u->no_change[i] = (unsigned char)p->no_change;
			if (m.label != NULL && (sp->label = bracket_strndup(r->b, m.label, m.label_len)) == NULL)
				return accord_error_set(err, ACCORD_ENOMEM, NULL);
			if (m.ref != NULL && (sp->ref = bracket_strndup(r->b, m.ref, m.ref_len)) == NULL)
				return accord_error_set(err, ACCORD_ENOMEM, NULL);
			break;
		}
		/* "[text] (IRN)": the parties right after the closing bracket */
		if (!sp->unclosed && !sp->continues && sp->n_parties == 0 && sp->kind == ACCORD_BRACKET_PLAIN) {
			size_t at = sp->end;
			if (at < n && s[at] == ' ')
				at++;
			if (at < n && s[at] == '(') {
				size_t e = at + 1;
				while (e < n && s[e] != ')' && s[e] != '(' && s[e] != r->b->open)
					e++;
				if (e < n && s[e] == ')') {
					int ok = bracket_read_parties(r->b, s + at + 1, e - at - 1, &sp->parties, &sp->n_parties);
					if (ok < 0)
						return accord_error_set(err, ACCORD_ENOMEM, NULL);
					if (ok > 0)
						sp->end = e + 1;
				}
			}
		}
	}
	return ACCORD_OK;
}

/*
** 1 when s[a..z) separates two alternatives: nothing ("[shall][should]");
** blanks on one line when the second one's prefix names who or which
** ("[article] [USA: paragraph]", "[Alt 1 ...] [Alt 2 ...]": the way a
** compilation writes them; "[a] [b]" alone are two questions); or the
** convention's alternative prefix ("Option 2: "), when it has one.
*/
static int separates(const reader *r, const char *s, size_t a, size_t z, int named, size_t *outer_start)
{
	size_t i;
	*outer_start = z;
	if (a == z)
		return 1;
	for (i = a; i < z && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i == z)
		return named && z - a <= 3;
	if (r->alt_outer[0] != '\0') {
		/* "Option 2: " before the next bracket: the template's outer text with %n a number */
		const char *q = r->alt_outer;
		size_t at = i;
		while (*q && at < z) {
			if (q[0] == '%' && q[1] == 'n') {
				size_t d = at;
				while (d < z && isdigit((unsigned char)s[d]))
					d++;
				if (d == at)
					return 0;
				at = d;
				q += 2;
			} else if (*q == s[at]) {
				q++;
				at++;
			} else {
				return 0;
			}
		}
		if (*q == '\0' && at == z) {
			*outer_start = i;
			return 1;
		}
	}
	return 0;
}

/* Groups the spans: siblings with only separators between them are alternatives. */
static int group(reader *r, bracket_unit *u, accord_error *err)
{
	const char *s = u->pub.text;
	size_t i, n_groups = 0, n_alts = 0;
	size_t *last_of_parent = NULL; /* per parent + 1: the last span seen under it, + 1 */
	u->pub.n_groups = 0;
	if (u->pub.n_spans == 0)
		return ACCORD_OK;
	if ((u->groups = accord_calloc(u->pub.n_spans, sizeof(*u->groups))) == NULL ||
	    (u->alts = accord_calloc(u->pub.n_spans, sizeof(*u->alts))) == NULL ||
	    (last_of_parent = accord_calloc(u->pub.n_spans + 1, sizeof(*last_of_parent))) == NULL) {
		accord_free(last_of_parent);
		return accord_error_set(err, ACCORD_ENOMEM, NULL);
	}
	/* a group's alternatives are consecutive in alts when taken in span order per parent: count first */
	for (i = 0; i < u->pub.n_spans; i++) {
		accord_bracket_span *sp = &u->spans[i];
		size_t prev = last_of_parent[sp->parent], outer = 0;
		/* the no-change option ("[NOC: ...]") is its group's last: a proposal after it is another question */
		if (prev != 0 && !u->spans[prev - 1].unclosed && !u->spans[prev - 1].continues && !sp->continued &&
		    !u->no_change[prev - 1] &&
		    separates(r, s, u->spans[prev - 1].end, sp->open, u->named[i], &outer) && sp->kind == ACCORD_BRACKET_PLAIN &&
		    u->spans[prev - 1].kind == ACCORD_BRACKET_PLAIN) {
			sp->group = u->spans[prev - 1].group;
			sp->start = outer;
		} else {
			sp->group = n_groups++;
			u->groups[sp->group].depth = sp->depth;
			u->groups[sp->group].start = sp->start;
		}
		u->groups[sp->group].n_alts++;
		u->groups[sp->group].end = sp->end;
		last_of_parent[sp->parent] = i + 1;
	}
	/* the first alternative's own outer prefix ("Option 1: " before the group) */
	if (r->alt_outer[0] != '\0') {
		for (i = 0; i < n_groups; i++) {
			accord_bracket_group *g = &u->groups[i];
			size_t from, outer;
			if (g->n_alts < 2)
				continue;
			for (from = g->start; from-- > 0 && g->start - from <= 24;) {
				if ((from == 0 || s[from - 1] == ' ') && s[from] != ' ' && separates(r, s, from, g->start, 0, &outer) &&
				    outer == from) {
					g->start = from;
					break;
				}
			}
		}
	}
	/* lay out the alternatives */
	for (i = 0; i < n_groups; i++) {
		u->groups[i].alts = u->alts + n_alts;
		n_alts += u->groups[i].n_alts;
		u->groups[i].n_alts = 0;
	}
	for (i = 0; i < u->pub.n_spans; i++) {
		accord_bracket_group *g = &u->groups[u->spans[i].group];
		((size_t *)g->alts)[g->n_alts++] = i;
		if (g->n_alts == 1)
			u->spans[i].start = g->start;
	}
	u->pub.n_groups = n_groups;
	accord_free(last_of_parent);
	return ACCORD_OK;
}

/* ---- the document ---------------------------------------------------------------------- */

static bracket_unit *add_unit(accord_bracketed *b, accord_bracket_unit_kind kind, const char *id, const char *text,
	size_t section, unsigned line)
{
	bracket_unit *u;
	if (b->n_units == b->cap_units) {
		size_t cap = b->cap_units ? b->cap_units * 2 : 32;
		bracket_unit *grown = accord_realloc(b->units, cap * sizeof(*grown));
		if (grown == NULL)
			return NULL;
		b->units = grown;
		b->cap_units = cap;
	}
	u = &b->units[b->n_units++];
	memset(u, 0, sizeof(*u));
	u->pub.kind = kind;
	u->pub.id = id;
	u->pub.text = text;
	u->pub.section = section;
	u->pub.line = line;
	u->meta = -1;
	return u;
}

static int collect_units(accord_bracketed *b)
{
	accord_doc *doc = b->doc;
	size_t i, k;
	static const char *const field_names[ACCORD_META_COUNT] = {"symbol", "title", "source", "body"};
	static const accord_meta_field order[] = {ACCORD_META_SYMBOL, ACCORD_META_SOURCE, ACCORD_META_TITLE};
	bracket_unit *u;
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const char *v = accord_doc_meta(doc, order[i]);
		if (v == NULL)
			continue;
		if ((u = add_unit(b, ACCORD_BRACKET_UNIT_META, field_names[order[i]], v, (size_t)-1, 0)) == NULL)
			return ACCORD_ENOMEM;
		u->meta = (int)order[i];
	}
	for (i = 0; i < accord_doc_note_count(doc); i++) {
		char name[32];
		snprintf(name, sizeof(name), "note %zu", i + 1);
		if ((u = add_unit(b, ACCORD_BRACKET_UNIT_META, NULL, accord_doc_note(doc, i), (size_t)-1, 0)) == NULL ||
		    (u->pub.id = bracket_strndup(b, name, strlen(name))) == NULL)
			return ACCORD_ENOMEM;
		u->note = i + 1;
	}
	if (accord_doc_meta(doc, ACCORD_META_BODY) != NULL) {
		if ((u = add_unit(b, ACCORD_BRACKET_UNIT_META, "body", accord_doc_meta(doc, ACCORD_META_BODY), (size_t)-1,
			     0)) == NULL)
			return ACCORD_ENOMEM;
		u->meta = ACCORD_META_BODY;
	}
	for (i = 0; i < accord_doc_section_count(doc); i++) {
		accord_section *s = accord_doc_section(doc, i);
		accord_para *p;
		if (accord_section_heading(s) != NULL) {
			if ((u = add_unit(b, ACCORD_BRACKET_UNIT_HEADING, accord_section_id(s), accord_section_heading(s), i,
				     accord_section_line(s))) == NULL)
				return ACCORD_ENOMEM;
			u->section = s;
		}
		if (accord_section_para_count(s) == 0)
			continue;
		for (p = accord_section_para(s, 0); p != NULL && accord_para_section(p) == s; p = accord_doc_next_para(doc, p)) {
			if ((u = add_unit(b, ACCORD_BRACKET_UNIT_PARA, accord_para_id(p), accord_para_text(p), i,
				     accord_para_line(p))) == NULL)
				return ACCORD_ENOMEM;
			u->para = p;
			u->section = s;
			u->pub.label = accord_para_label(p);
			u->pub.para_depth = accord_para_depth(p);
		}
	}
	for (k = 0; k < accord_doc_footnote_count(doc); k++) {
		accord_footnote *f = accord_doc_footnote(doc, k);
		if ((u = add_unit(b, ACCORD_BRACKET_UNIT_FOOTNOTE, accord_footnote_number(f), accord_footnote_text(f),
			     (size_t)-1, accord_footnote_line(f))) == NULL)
			return ACCORD_ENOMEM;
		u->footnote = f;
	}
	return ACCORD_OK;
}

/* The convention's bracket characters: the first bracket of its insertion template. */
static int convention_brackets(accord_bracketed *b, accord_error *err)
{
	static const char pairs[] = "[]{}()<>";
	const char *t = b->conv.insert, *s;
	for (s = t; s != NULL && *s; s++) {
		const char *p = strchr(pairs, *s);
		if (p != NULL && (p - pairs) % 2 == 0 && *s != '(') {
			b->open = p[0];
			b->close = p[1];
			return ACCORD_OK;
		}
	}
	return accord_error_set(err, ACCORD_EINVAL, "bracket convention '%s': no bracket in its insertion template",
		b->conv.name ? b->conv.name : "?");
}

int accord_bracketed_read(accord_bracketed **out, accord_doc *doc, const accord_bracket_read_options *opts,
	accord_error *err)
{
	accord_bracket_read_options defaults = ACCORD_BRACKET_READ_OPTIONS_INIT;
	accord_bracketed *b = NULL;
	reader r;
	size_t i, k;
	int rc;

	if (out != NULL)
		*out = NULL;
	if (out == NULL || doc == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "no output or no document");
	if (opts == NULL)
		opts = &defaults;
	memset(&r, 0, sizeof(r));
	if ((b = accord_calloc(1, sizeof(*b))) == NULL)
		return accord_error_set(err, ACCORD_ENOMEM, NULL);
	b->doc = doc;
	if (opts->brackets != NULL)
		b->conv = *opts->brackets;
	else
		accord_brackets_default(&b->conv);
	if ((rc = accord_brackets_check(&b->conv, err)) != ACCORD_OK || (rc = convention_brackets(b, err)) != ACCORD_OK)
		goto fail;
	r.b = b;
	r.opts = opts;
	reader_patterns(&r);
	if ((rc = collect_units(b)) != ACCORD_OK || (rc = bridge_pass(b)) != ACCORD_OK) {
		accord_error_set(err, rc, NULL);
		goto fail;
	}
	for (i = 0; i < b->n_units; i++) {
		bracket_unit *u = &b->units[i];
		if ((rc = scan(&r, i, err)) != ACCORD_OK || (rc = attribute(&r, u, err)) != ACCORD_OK ||
		    (rc = group(&r, u, err)) != ACCORD_OK)
			goto fail;
		for (k = 0; k < u->pub.n_spans; k++) {
			accord_bracket_span *sp = &u->spans[k];
			if (sp->label == NULL && sp->start < sp->open) {
				/* "Option 2: [...]": the label is the text before the bracket */
				size_t z = sp->open;
				while (z > sp->start && (bracket_is_blank(u->pub.text[z - 1]) || u->pub.text[z - 1] == ':'))
					z--;
				if ((sp->label = bracket_strndup(b, u->pub.text + sp->start, z - sp->start)) == NULL) {
					rc = accord_error_set(err, ACCORD_ENOMEM, NULL);
					goto fail;
				}
			}
		}
		u->pub.spans = u->spans;
		u->pub.groups = u->groups;
	}
	if ((rc = bracket_find_options(b, err)) != ACCORD_OK)
		goto fail;
	for (i = 0; i < b->n_units; i++)
		if (bracket_count_words(&b->units[i], b->open) != ACCORD_OK) {
			rc = accord_error_set(err, ACCORD_ENOMEM, NULL);
			goto fail;
		}
	accord_free(r.stack);
	accord_free(r.pending);
	*out = b;
	return ACCORD_OK;
fail:
	accord_free(r.stack);
	accord_free(r.pending);
	accord_bracketed_free(b);
	return rc;
}

void accord_bracketed_free(accord_bracketed *b)
{
	size_t i;
	if (b == NULL)
		return;
	for (i = 0; i < b->n_units; i++) {
		accord_free(b->units[i].spans);
		accord_free(b->units[i].groups);
		accord_free(b->units[i].alts);
		accord_free(b->units[i].marks);
		accord_free(b->units[i].named);
		accord_free(b->units[i].no_change);
	}
	for (i = 0; i < b->n_owned; i++)
		accord_free(b->owned[i]);
	accord_free(b->owned);
	accord_free(b->units);
	accord_free(b->blocks);
	accord_free(b->options);
	accord_free(b->problems);
	accord_free((void *)b->parties);
	accord_free(b);
}

int accord_doc_has_brackets(const accord_doc *doc, const accord_brackets *convention)
{
	accord_bracketed *b = NULL;
	accord_bracket_read_options o = ACCORD_BRACKET_READ_OPTIONS_INIT;
	accord_doc *copy = NULL;
	accord_bracket_totals t;
	/* read a copy leniently: warnings go to the copy, and a broken text still counts */
	if (doc == NULL || accord_doc_clone(&copy, doc) != ACCORD_OK)
		return 0;
	o.brackets = convention;
	o.lenient = 1;
	if (accord_bracketed_read(&b, copy, &o, NULL) != ACCORD_OK) {
		accord_doc_free(copy);
		return 0;
	}
	accord_bracketed_totals(b, &t);
	accord_bracketed_free(b);
	accord_doc_free(copy);
	return t.groups > 0 || t.option_blocks > 0;
}
