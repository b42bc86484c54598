/*
** render_proposals.c: the pieces of a compilation in text, Markdown and
** HTML: escaping, the bracket convention's templates (%p, %t, %b, %n), the
** layout of a cluster of proposals (trimmed options, blanks outside the
** brackets), the paragraphs, headings, marks, front matter and footnotes
** that carry them. The one document walk of render_markup.c puts these
** pieces in place; small pieces switch on the format themselves.
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "accord/text.h"
#include "compile/bracketed_int.h"
#include "compile/render_layout_int.h"
#include "compile/render_markup_int.h"
#include "util/html_int.h"

/* ---- the writer ---------------------------------------------------------------------- */

static void put(writer *w, const char *s, size_t len)
{
	if (w->rc == ACCORD_OK)
		w->rc = accord_buf_put(w->out, s, len);
}

void rw_puts(writer *w, const char *s)
{
	put(w, s, strlen(s));
}

void rw_printf(writer *w, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	put(w, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

/* Text in HTML: a line break as <br>. */
void rw_html(writer *w, const char *s, size_t len)
{
	if (w->rc == ACCORD_OK)
		w->rc = html_escape(w->out, s, len, "<br>", 0);
}

/* The length of the footnote reference "[footnoteRef:N]" at s (of n bytes), 0 when there is none. */
static size_t footnote_ref(const char *s, size_t n)
{
	static const char open[] = "[footnoteRef:";
	size_t i = sizeof(open) - 1;
	if (n <= i || memcmp(s, open, i) != 0)
		return 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > sizeof(open) - 1 && i < n && s[i] == ']' ? i + 1 : 0;
}

/* Document text in HTML: as rw_html, with footnote references as links to the notes, as `accord parse` writes them. */
static void html_text(writer *w, const char *s, size_t len)
{
	size_t i, from = 0, ref;
	for (i = 0; i < len; i++) {
		if (s[i] != '[' || (ref = footnote_ref(s + i, len - i)) == 0)
			continue;
		rw_html(w, s + from, i - from);
		rw_printf(w, "<sup class=\"ref\"><a href=\"#fn-%.*s\">%.*s</a></sup>", (int)(ref - 14), s + i + 13,
			(int)(ref - 14), s + i + 13);
		i += ref - 1;
		from = i + 1;
	}
	rw_html(w, s + from, len - from);
}

/* Attribute values: like text, but a newline stays a newline (&#10;). */
void rw_attr(writer *w, const char *s)
{
	if (w->rc == ACCORD_OK)
		w->rc = html_escape(w->out, s, strlen(s), "&#10;", 0);
}

void rw_md(writer *w, const char *s, size_t len)
{
	size_t i, from = 0;
	for (i = 0; i < len; i++) {
		if (strchr("\\`*_[]<>|~#&", s[i]) != NULL && s[i] != '\0') {
			put(w, s + from, i - from);
			put(w, "\\", 1);
			from = i;
		} else if (s[i] == '\n') {
			put(w, s + from, i - from);
			rw_puts(w, "  \n");
			from = i + 1;
		}
	}
	put(w, s + from, len - from);
}

/* Base text outside proposals. */
static void plain(writer *w, const char *s, size_t len)
{
	if (w->format == ACCORD_FORMAT_HTML)
		html_text(w, s, len);
	else if (w->format == ACCORD_FORMAT_MARKDOWN)
		rw_md(w, s, len);
	else
		put(w, s, len);
}

/* The colour class of a party: one for all under an anonymous convention (colours would tell parties apart). */
size_t rw_party_index(const writer *w, const char *code)
{
	size_t i = w->b->anonymous ? 0 : accord_compilation_party_index(w->c, code);
	return i == (size_t)-1 ? 0 : i;
}

/* "2 parties": how an anonymous compilation speaks of its contributors. */
void rw_party_count(writer *w)
{
	rw_printf(w, "%zu %s", w->c->n_parties, w->c->n_parties == 1 ? "party" : "parties");
}

/*
** The number of a new paragraph (or section) among the new ones, in the
** order of the compilation: its id under an anonymous convention ("new-3",
** "new-section-1"), where the amendment id would name the proposer.
*/
/* Literal template text: the brackets and words of the convention. */
static void lit(writer *w, const char *s, size_t len)
{
	if (len == 0)
		return;
	if (w->format == ACCORD_FORMAT_HTML) {
		rw_puts(w, "<span class=\"mk\">");
		rw_html(w, s, len);
		rw_puts(w, "</span>");
	} else if (w->format == ACCORD_FORMAT_MARKDOWN) {
		rw_md(w, s, len);
	} else {
		put(w, s, len);
	}
}

/* A proposal's notes ("near-duplicate of Alt 1; agreed ad ref") after "; ". */
static void note_out(writer *w, const char *extra)
{
	if (extra == NULL || *extra == '\0')
		return;
	lit(w, "; ", 2);
	if (w->format == ACCORD_FORMAT_HTML) {
		rw_puts(w, "<span class=\"nd\">");
		rw_html(w, extra, strlen(extra));
		rw_puts(w, "</span>");
	} else {
		plain(w, extra, strlen(extra));
	}
}

static void parties_out(writer *w, const char *const *parties, size_t n, const char *extra)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (i > 0)
			lit(w, w->b->party_separator, strlen(w->b->party_separator));
		if (w->format == ACCORD_FORMAT_HTML) {
			rw_printf(w, "<span class=\"pc c%zu\">", rw_party_index(w, parties[i]));
			rw_html(w, parties[i], strlen(parties[i]));
			rw_puts(w, "</span>");
		} else {
			plain(w, parties[i], strlen(parties[i]));
		}
	}
	note_out(w, extra);
}

/*
** %i: the ids of the amendments behind a proposal, or under an anonymous
** convention the proposal's number in the compilation ("#7"), which names
** nobody; the notes follow when the template has no %p to carry them.
*/
static void ids_out(writer *w, const char *const *ids, size_t n, const char *extra, int notes)
{
	size_t i;
	char num[32];
	const char *one[1];
	if (w->b->anonymous) {
		snprintf(num, sizeof(num), "#%zu", w->seq);
		one[0] = num;
		ids = one;
		n = 1;
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			lit(w, w->b->party_separator, strlen(w->b->party_separator));
		if (w->format == ACCORD_FORMAT_HTML) {
			rw_puts(w, "<span class=\"id\">");
			rw_html(w, ids[i], strlen(ids[i]));
			rw_puts(w, "</span>");
		} else {
			plain(w, ids[i], strlen(ids[i]));
		}
	}
	if (notes)
		note_out(w, extra);
}

/* %k: the ITU mark of a proposal, from its (first) amendment: ADD, SUP, MOD, or (MOD) when editorial. */
static const char *mark_word(const writer *w, const char *const *ids, size_t n)
{
	const accord_amendment *a = n > 0 ? accord_id_index_get(&w->c->amendment_ids, ids[0]) : NULL;
	if (a == NULL)
		return "MOD";
	switch (a->op) {
	case ACCORD_OP_ADD:
	case ACCORD_OP_ADD_SECTION:
		return "ADD";
	case ACCORD_OP_SUP:
	case ACCORD_OP_SUP_SECTION:
		return "SUP";
	case ACCORD_OP_MOVE:
	case ACCORD_OP_MOVE_SECTION:
		return "MOD"; /* a move is no editorial change, whatever its labels */
	default:
		return a->editorial ? "(MOD)" : "MOD";
	}
}

/* 1 when template t has placeholder %ch. */
static int has_placeholder(const char *t, char ch)
{
	for (; *t; t++)
		if (t[0] == '%' && t[1] != '\0') {
			if (t[1] == ch)
				return 1;
			t++;
		}
	return 0;
}

static const char *const ansi_colors[] = {"34", "31", "32", "35", "33", "36"};

/* Proposed or base text inside a proposal. */
static void span_out(writer *w, role r, const char *s, size_t len, size_t party, int is_word)
{
	if (w->format == ACCORD_FORMAT_HTML) {
		if (is_word) {
			rw_puts(w, "<i class=\"w\">");
			rw_html(w, s, len);
			rw_puts(w, "</i>");
			return;
		}
		rw_printf(w, r == ROLE_INS ? "<ins class=\"c%zu\">" : r == ROLE_DEL ? "<del class=\"c%zu\">" : "<span class=\"base\">",
			party);
		html_text(w, s, len);
		rw_puts(w, r == ROLE_INS ? "</ins>" : r == ROLE_DEL ? "</del>" : "</span>");
	} else if (w->format == ACCORD_FORMAT_MARKDOWN) {
		if (is_word || len == 0) {
			if (is_word)
				rw_puts(w, "*");
			rw_md(w, s, len);
			if (is_word)
				rw_puts(w, "*");
			return;
		}
		/* emphasis must not start or end on a blank: keep blanks outside it */
		{
			size_t a = 0, z = len;
			while (a < len && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n'))
				a++;
			while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t' || s[z - 1] == '\n'))
				z--;
			rw_md(w, s, a);
			if (z > a) {
				rw_puts(w, r == ROLE_INS ? "**" : r == ROLE_DEL ? "~~" : "");
				rw_md(w, s + a, z - a);
				rw_puts(w, r == ROLE_INS ? "**" : r == ROLE_DEL ? "~~" : "");
			}
			rw_md(w, s + z, len - z);
		}
	} else if (w->color && r != ROLE_BASE && !is_word) { /* a word of the convention ("delete") is not text */
		rw_printf(w, "\033[%s;%sm", r == ROLE_INS ? "4" : "9", ansi_colors[party % 6]);
		put(w, s, len);
		rw_puts(w, "\033[0m");
	} else {
		put(w, s, len);
	}
}

/* What a template's placeholders stand for. */
typedef struct fill {
	const char *const *parties;
	size_t n_parties;
	const char *const *ids; /* %i, %k: the amendments behind the proposal */
	size_t n_ids;
	const char *extra;      /* near-duplicate / editorial / state notes after the parties */
	const char *t;          /* %t (NULL: deleted_option, as a word) */
	size_t tlen;
	const char *bt;         /* %b */
	size_t blen;
	role b_role;            /* how %b is shown */
	int n;                  /* %n */
	int t_is_word;          /* %t is a word of the convention, not text */
} fill;

static void expand(writer *w, const char *t, const fill *f)
{
	const char *run = t;
	size_t party = f->n_parties ? rw_party_index(w, f->parties[0]) : 0;
	int notes_with_ids = !has_placeholder(t, 'p');
	for (; *t; t++) {
		if (*t != '%' || t[1] == '\0')
			continue;
		lit(w, run, (size_t)(t - run));
		t++;
		switch (*t) {
		case 'p':
			parties_out(w, f->parties, f->n_parties, f->extra);
			break;
		case 'i':
			ids_out(w, f->ids, f->n_ids, f->extra, notes_with_ids);
			break;
		case 'k': {
			const char *m = mark_word(w, f->ids, f->n_ids);
			lit(w, m, strlen(m));
			break;
		}
		case 't':
			if (f->t == NULL || (f->tlen == 0 && f->t_is_word))
				span_out(w, ROLE_INS, w->b->deleted_option, strlen(w->b->deleted_option), party, 1);
			else
				span_out(w, ROLE_INS, f->t, f->tlen, party, f->t_is_word);
			break;
		case 'b':
			span_out(w, f->b_role, f->bt ? f->bt : "", f->bt ? f->blen : 0, party, 0);
			break;
		case 'n': {
			char num[16];
			snprintf(num, sizeof(num), "%d", f->n);
			lit(w, num, strlen(num));
			break;
		}
		case '%':
			lit(w, "%", 1);
			break;
		default:
			break;
		}
		run = t + 1;
	}
	lit(w, run, (size_t)(t - run));
}

/* The hover text of a proposal: who, which amendments. */
static void title_out(writer *w, const char *what, const char *const *parties, size_t n, const char *const *ids, size_t nids)
{
	size_t i;
	rw_puts(w, " title=\"");
	rw_attr(w, what);
	if (w->b->anonymous) { /* neither codes nor amendment ids, which hold the codes */
		rw_puts(w, "\"");
		return;
	}
	rw_puts(w, " by ");
	for (i = 0; i < n; i++) {
		if (i)
			rw_puts(w, i + 1 == n ? " and " : ", ");
		rw_attr(w, parties[i]);
		{
			size_t k = accord_compilation_party_index(w->c, parties[i]);
			const char *name = k != (size_t)-1 ? accord_compilation_party_name(w->c, k) : NULL;
			if (name && strcmp(name, parties[i]) != 0) {
				rw_puts(w, " (");
				rw_attr(w, name);
				rw_puts(w, ")");
			}
		}
	}
	if (nids) {
		rw_puts(w, " \xe2\x80\x94 ");
		for (i = 0; i < nids; i++) {
			if (i)
				rw_puts(w, ", ");
			rw_attr(w, ids[i]);
		}
	}
	rw_puts(w, "\"");
}

static void open_prop(writer *w, const char *what, const char *const *parties, size_t n, const char *const *ids, size_t nids)
{
	w->seq++; /* every proposal opens here, in every format: the numbers agree */
	if (w->format != ACCORD_FORMAT_HTML)
		return;
	rw_printf(w, "<span class=\"prop c%zu%s\"", n ? rw_party_index(w, parties[0]) : 0, n > 1 ? " co" : "");
	title_out(w, what, parties, n, ids, nids);
	rw_puts(w, ">");
}

static void close_prop(writer *w)
{
	if (w->format == ACCORD_FORMAT_HTML)
		rw_puts(w, "</span>");
}

/* The near-duplicate or editorial note of option o. */
static void option_note(char *note, size_t size, const accord_brackets *b, const accord_cmp_cluster *cl,
	const layout *lo, const accord_cmp_option *o)
{
	int like = 0;
	note[0] = '\0';
	if (o->near_duplicate_of > 0 && (size_t)o->near_duplicate_of <= cl->n_options)
		like = lo->number[o->near_duplicate_of - 1]; /* 0 when that one is not shown */
	if (like > 0) {
		char other[32];
		const char *p;
		size_t n = 0;
		snprintf(other, sizeof(other), "Alt %d", like);
		for (p = b->near_duplicate; *p && n + 32 < size; p++) {
			if (p[0] == '%' && p[1] == 'm') {
				n += (size_t)snprintf(note + n, size - n, "%s", other);
				p++;
			} else if (p[0] == '%' && p[1] == '%') {
				note[n++] = '%';
				p++;
			} else {
				note[n++] = *p;
			}
		}
		note[n] = '\0';
	} else if (o->editorial) {
		snprintf(note, size, "%s", b->editorial);
	}
}

/*
** Appends to note the states a session records for the amendments ids
** ("agreed ad ref", "bracketed"), each once, after "; " when note is not
** empty.
*/
static void state_notes(const writer *w, char *note, size_t size, const char *const *ids, size_t n)
{
	size_t i, k, len = strlen(note);
	for (i = 0; i < n; i++) {
		const char *st = accord_compilation_state(w->c, ids[i]);
		char label[64];
		if (st == NULL)
			continue;
		snprintf(label, sizeof(label), "%s", strcmp(st, "agreed_ad_ref") == 0 ? "agreed ad ref" : st);
		for (k = 0; label[k]; k++)
			if (label[k] == '_')
				label[k] = ' ';
		if (strstr(note, label) != NULL || len + strlen(label) + 3 >= size)
			continue;
		len += (size_t)snprintf(note + len, size - len, "%s%s", len ? "; " : "", label);
	}
}

/*
** A fill for a proposal as a whole (a mark, a new paragraph or section, a
** whole deletion): who, which amendments, and their states in note (size
** bytes, which may hold a note already).
*/
static void whole_fill(const writer *w, fill *f, char *note, size_t size, const char *const *parties, size_t n,
	const char *const *ids, size_t nids)
{
	memset(f, 0, sizeof(*f));
	f->parties = parties;
	f->n_parties = n;
	f->ids = ids;
	f->n_ids = nids;
	state_notes(w, note, size, ids, nids);
	f->extra = note;
}

/* Writes cluster cl of text; returns 1 when it ended with a blank of its own. */
static int cluster_out(writer *w, const accord_cmp_cluster *cl, const char *text, size_t text_len, int prev_blank)
{
	const accord_brackets *b = w->b;
	size_t i;
	char note[160];
	layout lo;
	int alternatives, insertion, first = 1, ended_blank;

	if (rl_cluster_layout(&lo, cl, text, text_len, prev_blank, b) != ACCORD_OK) {
		w->rc = ACCORD_ENOMEM;
		return 0;
	}
	if (lo.n_shown == 0) { /* spacing changes only (anonymous): the base as it is */
		plain(w, cl->base_text, cl->byte_len);
		rl_layout_dispose(&lo);
		return 0;
	}
	insertion = lo.base_len == 0;
	alternatives = lo.n_shown > 1;
	if (lo.lead_len)
		plain(w, lo.lead, lo.lead_len);
	for (i = 0; i < cl->n_options; i++) {
		const accord_cmp_option *o = &cl->options[i];
		fill f;
		const char *tmpl, *what;
		if (lo.number[i] == 0)
			continue;
		memset(&f, 0, sizeof(f));
		f.parties = o->parties;
		f.n_parties = o->n_parties;
		rl_shown(&lo, o->text, strlen(o->text), &f.t, &f.tlen);
		f.bt = lo.base;
		f.blen = lo.base_len;
		f.n = lo.number[i];
		option_note(note, sizeof(note), b, cl, &lo, o);
		state_notes(w, note, sizeof(note), o->amendments, o->n_amendments);
		f.extra = note;
		f.ids = o->amendments;
		f.n_ids = o->n_amendments;
		if (alternatives) {
			tmpl = b->alternative;
			what = "Alternative";
			f.b_role = ROLE_BASE;
			if (!first)
				lit(w, b->alternative_separator, strlen(b->alternative_separator));
		} else if (insertion) {
			tmpl = b->insert;
			what = "Insertion";
		} else if (f.tlen == 0) {
			tmpl = b->delete_text;
			what = "Deletion";
			f.b_role = ROLE_DEL;
		} else {
			tmpl = b->replace;
			what = "Replacement";
			f.b_role = ROLE_BASE;
		}
		first = 0;
		if (f.tlen == 0 && alternatives) {
			f.t = NULL; /* this alternative deletes: the convention's word for it */
			f.t_is_word = 1;
		}
		open_prop(w, what, o->parties, o->n_parties, o->amendments, o->n_amendments);
		expand(w, tmpl, &f);
		close_prop(w);
	}
	if (alternatives && !insertion && b->no_change_option) {
		fill f;
		memset(&f, 0, sizeof(f));
		f.bt = lo.base;
		f.blen = lo.base_len;
		f.b_role = ROLE_BASE;
		lit(w, b->alternative_separator, strlen(b->alternative_separator));
		if (w->format == ACCORD_FORMAT_HTML)
			rw_puts(w, "<span class=\"prop noc\" title=\"No change: the base text\">");
		expand(w, b->no_change, &f);
		close_prop(w);
	}
	if (lo.trail_len)
		plain(w, lo.trail, lo.trail_len);
	ended_blank = lo.trail_len > 0;
	rl_layout_dispose(&lo);
	return ended_blank;
}

/* Bytes [from, to) of text, with the proposals on them in place. */
static void range_with_clusters(writer *w, const char *text, size_t from, size_t to, const accord_cmp_cluster *cl,
	size_t n)
{
	size_t i, pos = from, len = to;
	int blank = 0; /* the last cluster ended with a blank at pos */
	for (i = 0; i < n; i++) {
		if (cl[i].byte_start > pos) {
			plain(w, text + pos, cl[i].byte_start - pos);
			blank = 0;
		}
		blank = cluster_out(w, &cl[i], text, strlen(text), blank && cl[i].byte_start == pos);
		if (cl[i].byte_start + cl[i].byte_len > pos)
			pos = cl[i].byte_start + cl[i].byte_len;
	}
	if (pos < len)
		plain(w, text + pos, len - pos);
}

/* A text with its proposals in place. */
static void text_with_clusters(writer *w, const char *text, const accord_cmp_cluster *cl, size_t n)
{
	range_with_clusters(w, text, 0, strlen(text), cl, n);
}

/*
** A whole text wrapped in a template's %t (new paragraph, new section) with
** its own proposals inside; the blanks at its edges stay out of the
** brackets (they are nothing at the edges of a paragraph: dropped).
*/
static void wrapped(writer *w, const char *tmpl, const fill *f, const char *text, const accord_cmp_cluster *cl,
	size_t ncl)
{
	const char *t;
	const char *run = tmpl;
	size_t party = f->n_parties ? rw_party_index(w, f->parties[0]) : 0;
	size_t len = strlen(text), from = rl_blank_prefix(text, len), to = from == len ? len : len - rl_blank_suffix(text, len);
	int notes_with_ids = !has_placeholder(tmpl, 'p');
	for (t = tmpl; *t; t++) {
		if (*t != '%' || t[1] == '\0')
			continue;
		lit(w, run, (size_t)(t - run));
		t++;
		if (*t == 'p') {
			parties_out(w, f->parties, f->n_parties, f->extra);
		} else if (*t == 'i') {
			ids_out(w, f->ids, f->n_ids, f->extra, notes_with_ids);
		} else if (*t == 'k') {
			const char *m = mark_word(w, f->ids, f->n_ids);
			lit(w, m, strlen(m));
		} else if (*t == 't') {
			if (w->format == ACCORD_FORMAT_HTML)
				rw_printf(w, "<ins class=\"c%zu whole\">", party);
			else if (w->format == ACCORD_FORMAT_MARKDOWN)
				rw_puts(w, "**");
			else if (w->color)
				rw_printf(w, "\033[4;%sm", ansi_colors[party % 6]);
			if (to > from || ncl > 0)
				range_with_clusters(w, text, from, to, cl, ncl);
			if (w->format == ACCORD_FORMAT_HTML)
				rw_puts(w, "</ins>");
			else if (w->format == ACCORD_FORMAT_MARKDOWN)
				rw_puts(w, "**");
			else if (w->color)
				rw_puts(w, "\033[0m");
		} else if (*t == '%') {
			lit(w, "%", 1);
		}
		run = t + 1;
	}
	lit(w, run, (size_t)(t - run));
}

static void mark_out(writer *w, const accord_cmp_mark *m, const char *tmpl, const char *what)
{
	fill f;
	char note[96] = "";
	whole_fill(w, &f, note, sizeof(note), m->parties, m->n_parties, m->amendments, m->n_amendments);
	f.t = m->text ? m->text : "";
	f.tlen = strlen(f.t);
	f.t_is_word = f.tlen > 0; /* an empty label is nothing, not the convention's "delete" */
	open_prop(w, what, m->parties, m->n_parties, m->amendments, m->n_amendments);
	expand(w, tmpl, &f);
	close_prop(w);
}

/* ---- the pieces of the document walks ------------------------------------------------------- */

/* The proposals on footnote number, or NULL. */
static const accord_cmp_field *footnote_field(const accord_compilation *c, const char *number)
{
	char name[96];
	snprintf(name, sizeof(name), "footnote %s", number);
	return render_find_field(c, name);
}

/* A field's base value ("" when the base has none) with its proposals in place. */
void rw_field_text(writer *w, const accord_cmp_field *f)
{
	text_with_clusters(w, f->base_value ? f->base_value : "", f->clusters, f->n_clusters);
}

/* A metadata line: the base value with proposals, or NULL when neither exists. */
int rw_field_line(writer *w, const char *name, const char *prefix)
{
	const accord_cmp_field *f = render_find_field(w->c, name);
	const char *value = NULL;
	int field = accord_meta_field_from_name(name);
	if (f == NULL && field >= 0)
		value = accord_doc_meta(w->c->base, (accord_meta_field)field);
	if (f == NULL && value == NULL)
		return 0;
	if (prefix)
		plain(w, prefix, strlen(prefix));
	if (f != NULL)
		rw_field_text(w, f);
	else
		plain(w, value, strlen(value));
	return 1;
}

void rw_para_label(writer *w, const accord_cmp_para *p, accord_buf *label)
{
	if (accord_compilation_para_label(label, p, w->b) != ACCORD_OK)
		w->rc = ACCORD_ENOMEM;
}

void rw_para_body(writer *w, const accord_cmp_para *p)
{
	size_t i;
	const accord_cmp_mark *del = NULL;
	for (i = 0; i < p->n_marks; i++)
		if (p->marks[i].kind == ACCORD_MARK_DELETE)
			del = &p->marks[i];
	if (p->is_new) {
		char note[160] = "";
		if (p->near_duplicate_of != NULL) {
			const accord_cmp_para *o = accord_compilation_find_para(w->c, p->near_duplicate_of);
			accord_buf l = ACCORD_BUF_INIT;
			const char *m = w->b->near_duplicate, *s;
			size_t k = 0;
			if (o)
				rw_para_label(w, o, &l);
			for (s = m; *s && k + 40 < sizeof(note); s++) {
				if (s[0] == '%' && s[1] == 'm') {
					k += (size_t)snprintf(note + k, sizeof(note) - k, "%s",
						l.size && l.ptr[0] ? l.ptr : p->near_duplicate_of);
					s++;
				} else {
					note[k++] = *s;
				}
			}
			note[k] = '\0';
			accord_buf_dispose(&l);
		}
		if (del != NULL) {
			mark_out(w, del, w->b->delete_paragraph, "Deletion of the paragraph");
			lit(w, " ", 1);
		}
		{
			fill f;
			whole_fill(w, &f, note, sizeof(note), p->parties, p->n_parties, p->amendments, p->n_amendments);
			open_prop(w, "New paragraph", p->parties, p->n_parties, p->amendments, p->n_amendments);
			wrapped(w, w->b->new_paragraph, &f, p->text, p->clusters, p->n_clusters);
			close_prop(w);
		}
	} else if (del != NULL && p->n_clusters == 0) {
		/* deleted and nothing else proposed: the whole text as one deletion */
		fill f;
		char note[96] = "";
		whole_fill(w, &f, note, sizeof(note), del->parties, del->n_parties, del->amendments, del->n_amendments);
		rl_trimmed(p->text, strlen(p->text), &f.bt, &f.blen);
		f.b_role = ROLE_DEL;
		open_prop(w, "Deletion of the paragraph", del->parties, del->n_parties, del->amendments, del->n_amendments);
		expand(w, w->b->delete_text, &f);
		close_prop(w);
	} else {
		if (del != NULL) {
			mark_out(w, del, w->b->delete_paragraph, "Deletion of the paragraph");
			lit(w, " ", 1);
		}
		text_with_clusters(w, p->text, p->clusters, p->n_clusters);
	}
	for (i = 0; i < p->n_marks; i++)
		if (p->marks[i].kind == ACCORD_MARK_MOVE) {
			lit(w, " ", 1);
			mark_out(w, &p->marks[i], w->b->move_paragraph, "Move");
		}
}

/* 1 when two labels are the same (NULL and "" are no label). */
static int same_label(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/*
** After a paragraph's label: the labels parties give it, and for a new
** paragraph its proposer's own label when the convention shows another
** ("c bis)" for the proposer's "d)"), so that accepting a party reads its
** labels back ("[Label (USA): d)]"; an empty one: no label). before_text:
** at the start of the text, each followed by a blank (the text form, where
** the label stays as the parser reads labels); else after the label.
*/
void rw_relabels(writer *w, const accord_cmp_para *p, const char *shown_label, int before_text)
{
	char buf[160];
	/* Markdown and HTML: a convention's own relabel only (the hover titles say the rest) */
	const char *tmpl = before_text && !w->b->anonymous ? bracket_relabel_template(w->b, buf, sizeof(buf)) : w->b->relabel;
	size_t i;
	if (tmpl == NULL)
		return;
	if (before_text && p->is_new && p->n_parties > 0 && !same_label(p->proposed_label, shown_label)) {
		accord_cmp_mark m;
		memset(&m, 0, sizeof(m));
		m.kind = ACCORD_MARK_RELABEL;
		m.text = p->proposed_label ? p->proposed_label : "";
		m.parties = p->parties;
		m.n_parties = p->n_parties;
		m.amendments = p->amendments;
		m.n_amendments = p->n_amendments;
		if (!before_text)
			lit(w, " ", 1);
		mark_out(w, &m, tmpl, "Label");
		if (before_text)
			lit(w, " ", 1);
	}
	for (i = 0; i < p->n_marks; i++)
		if (p->marks[i].kind == ACCORD_MARK_RELABEL) {
			if (!before_text)
				lit(w, " ", 1);
			mark_out(w, &p->marks[i], tmpl, "New label");
			if (before_text)
				lit(w, " ", 1);
		}
}

/* The title attribute of a base paragraph's label: the labels others give it. */
void rw_label_title(writer *w, const accord_cmp_para *p)
{
	size_t i, k;
	int any = 0;
	for (i = 0; i < p->n_marks; i++) {
		const accord_cmp_mark *m = &p->marks[i];
		if (m->kind != ACCORD_MARK_RELABEL)
			continue;
		rw_puts(w, any ? "&#10;" : " title=\"");
		any = 1;
		if (w->b->anonymous) {
			rw_puts(w, "Proposed label: ");
		} else {
			for (k = 0; k < m->n_parties; k++) {
				if (k)
					rw_puts(w, ", ");
				rw_attr(w, m->parties[k]);
			}
			rw_puts(w, " relabels it ");
		}
		rw_attr(w, m->text && *m->text ? m->text : "(no label)");
	}
	if (any)
		rw_puts(w, "\"");
}

void rw_section_heading(writer *w, const accord_cmp_section *s)
{
	size_t i;
	const accord_cmp_mark *del = NULL;
	for (i = 0; i < s->n_marks; i++)
		if (s->marks[i].kind == ACCORD_MARK_DELETE)
			del = &s->marks[i];
	if (del != NULL) {
		mark_out(w, del, w->b->delete_section, "Deletion of the section");
		lit(w, " ", 1);
	}
	if (s->is_new) {
		fill f;
		char note[96] = "";
		whole_fill(w, &f, note, sizeof(note), s->parties, s->n_parties, s->amendments, s->n_amendments);
		open_prop(w, "New section", s->parties, s->n_parties, s->amendments, s->n_amendments);
		wrapped(w, w->b->new_section, &f, s->heading ? s->heading : "", s->heading_clusters, s->n_heading_clusters);
		close_prop(w);
	} else {
		text_with_clusters(w, s->heading ? s->heading : "", s->heading_clusters, s->n_heading_clusters);
	}
	for (i = 0; i < s->n_marks; i++)
		if (s->marks[i].kind == ACCORD_MARK_MOVE) {
			lit(w, " ", 1);
			mark_out(w, &s->marks[i], w->b->move_section, "Move of the section");
		}
}

int rw_section_has_heading(const accord_cmp_section *s)
{
	return (s->heading != NULL && *s->heading) || s->n_heading_clusters > 0 || s->is_new;
}

void rw_party_list_line(writer *w)
{
	size_t i;
	for (i = 0; i < w->c->n_parties; i++) {
		if (i)
			rw_puts(w, ", ");
		plain(w, w->c->parties[i].code, strlen(w->c->parties[i].code));
	}
}

/*
** The n-th footnote of the list (number, then the field's proposals, or
** text when none); in HTML the note is the target of its references
** (id "fn-N", as `accord parse` writes it).
*/
static void footnote_out(writer *w, const rw_list *l, size_t n, const char *number, const accord_cmp_field *f,
	const char *text)
{
	if (n == 0)
		rw_puts(w, l->begin);
	if (w->format == ACCORD_FORMAT_HTML) {
		rw_puts(w, "<p id=\"fn-");
		rw_attr(w, number);
		rw_puts(w, "\"><sup>");
	} else {
		rw_puts(w, l->open);
	}
	plain(w, number, strlen(number));
	rw_puts(w, l->between);
	if (f)
		rw_field_text(w, f);
	else
		plain(w, text, strlen(text));
	rw_puts(w, l->close);
}

void rw_footnotes(writer *w, const rw_list *l)
{
	const accord_compilation *c = w->c;
	size_t i, n = 0;
	for (i = 0; i < accord_doc_footnote_count(c->base); i++, n++) {
		const accord_footnote *fn = accord_doc_footnote(c->base, i);
		footnote_out(w, l, n, accord_footnote_number(fn), footnote_field(c, accord_footnote_number(fn)),
			accord_footnote_text(fn));
	}
	for (i = 0; i < c->n_fields; i++) {
		const accord_cmp_field *f = &c->fields[i];
		if (strncmp(f->name, "footnote ", 9) != 0 || f->base_value != NULL)
			continue; /* not a footnote, or the base's own */
		footnote_out(w, l, n++, f->name + 9, f, NULL); /* no base value: a new footnote */
	}
	if (n)
		rw_puts(w, l->end);
}

int rw_front(writer *w, const char *eol)
{
	const accord_cmp_field *f = render_find_field(w->c, "notes");
	size_t i, n = f ? 0 : accord_doc_note_count(w->c->base);
	int any = 0;
	if (rw_field_line(w, "symbol", "Document ")) {
		rw_puts(w, eol);
		any = 1;
	}
	if (rw_field_line(w, "source", "Source: ")) {
		rw_puts(w, eol);
		any = 1;
	}
	if (f != NULL) {
		rw_field_text(w, f);
		rw_puts(w, eol);
		any = 1;
	}
	for (i = 0; i < n; i++) {
		plain(w, accord_doc_note(w->c->base, i), strlen(accord_doc_note(w->c->base, i)));
		rw_puts(w, eol);
		any = 1;
	}
	return any;
}
