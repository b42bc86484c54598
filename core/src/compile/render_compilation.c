/*
** render_compilation.c: a compilation through a bracket convention, as
** text, Markdown, a standalone HTML page, JSON or YAML.
**
** Text, Markdown and HTML share one walk over the model (document head,
** sections, paragraphs, proposals) and one template expander; what differs
** is how the pieces are written (struct out_ops below). JSON is built with
** jansson, and YAML is emitted from that same tree, so both have one schema.
*/
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "accord/text.h"
#include "compile/consolidate_int.h"

/* ---- the writer ---------------------------------------------------------------------- */

typedef enum role {
	ROLE_INS = 0,  /* proposed text */
	ROLE_DEL = 1,  /* base text proposed for deletion */
	ROLE_BASE = 2  /* base text shown as an option */
} role;

typedef struct writer {
	accord_format format;
	accord_buf *out;
	const accord_compilation *c;
	const accord_brackets *b;
	int color; /* text: ANSI */
	int rc;
} writer;

static void put(writer *w, const char *s, size_t len)
{
	if (w->rc == ACCORD_OK)
		w->rc = accord_buf_put(w->out, s, len);
}

static void puts_(writer *w, const char *s)
{
	put(w, s, strlen(s));
}

static void printf_(writer *w, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void printf_(writer *w, const char *fmt, ...)
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

static void html_escape(writer *w, const char *s, size_t len)
{
	size_t i, from = 0;
	for (i = 0; i < len; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\n': rep = "<br>"; break;
		default: break;
		}
		if (rep) {
			put(w, s + from, i - from);
			puts_(w, rep);
			from = i + 1;
		}
	}
	put(w, s + from, len - from);
}

/* Attribute values: like text, but a newline stays a newline (&#10;). */
static void attr_escape(writer *w, const char *s)
{
	const char *nl;
	while ((nl = strchr(s, '\n')) != NULL) {
		html_escape(w, s, (size_t)(nl - s));
		puts_(w, "&#10;");
		s = nl + 1;
	}
	html_escape(w, s, strlen(s));
}

static void md_escape(writer *w, const char *s, size_t len)
{
	size_t i, from = 0;
	for (i = 0; i < len; i++) {
		if (strchr("\\`*_[]<>|~#&", s[i]) != NULL && s[i] != '\0') {
			put(w, s + from, i - from);
			put(w, "\\", 1);
			from = i;
		} else if (s[i] == '\n') {
			put(w, s + from, i - from);
			puts_(w, "  \n");
			from = i + 1;
		}
	}
	put(w, s + from, len - from);
}

/* Base text outside proposals. */
static void plain(writer *w, const char *s, size_t len)
{
	if (w->format == ACCORD_FORMAT_HTML)
		html_escape(w, s, len);
	else if (w->format == ACCORD_FORMAT_MARKDOWN)
		md_escape(w, s, len);
	else
		put(w, s, len);
}

/* The colour class of a party: one for all under an anonymous convention (colours would tell parties apart). */
static size_t party_index(const writer *w, const char *code)
{
	size_t i = w->b->anonymous ? 0 : accord_compilation_party_index(w->c, code);
	return i == (size_t)-1 ? 0 : i;
}

/* "2 parties": how an anonymous compilation speaks of its contributors. */
static void party_count(writer *w)
{
	printf_(w, "%zu %s", w->c->n_parties, w->c->n_parties == 1 ? "party" : "parties");
}

/*
** The number of a new paragraph (or section) among the new ones, in the
** order of the compilation: its id under an anonymous convention ("new-3",
** "new-section-1"), where the amendment id would name the proposer.
*/
static size_t new_para_number(const accord_compilation *c, const accord_cmp_para *p)
{
	size_t i, k, n = 0;
	for (i = 0; i < c->n_sections; i++)
		for (k = 0; k < c->sections[i].n_paras; k++) {
			const accord_cmp_para *q = &c->sections[i].paras[k];
			if (q->is_new)
				n++;
			if (q == p)
				return n;
		}
	return 0;
}

static size_t new_section_number(const accord_compilation *c, const accord_cmp_section *s)
{
	size_t i, n = 0;
	for (i = 0; i < c->n_sections; i++) {
		n += c->sections[i].is_new;
		if (&c->sections[i] == s)
			return n;
	}
	return 0;
}

/* The id a paragraph shows: its own, or under an anonymous convention a new one's number. */
static const char *para_id(char *buf, size_t size, const accord_compilation *c, const accord_brackets *b,
	const accord_cmp_para *p)
{
	if (!b->anonymous || !p->is_new)
		return p->id;
	snprintf(buf, size, "new-%zu", new_para_number(c, p));
	return buf;
}

static const char *section_id(char *buf, size_t size, const accord_compilation *c, const accord_brackets *b,
	const accord_cmp_section *s)
{
	if (!b->anonymous || !s->is_new)
		return s->id;
	snprintf(buf, size, "new-section-%zu", new_section_number(c, s));
	return buf;
}

/* Literal template text: the brackets and words of the convention. */
static void lit(writer *w, const char *s, size_t len)
{
	if (len == 0)
		return;
	if (w->format == ACCORD_FORMAT_HTML) {
		puts_(w, "<span class=\"mk\">");
		html_escape(w, s, len);
		puts_(w, "</span>");
	} else if (w->format == ACCORD_FORMAT_MARKDOWN) {
		md_escape(w, s, len);
	} else {
		put(w, s, len);
	}
}

static void parties_out(writer *w, const char *const *parties, size_t n, const char *extra)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (i > 0)
			lit(w, w->b->party_separator, strlen(w->b->party_separator));
		if (w->format == ACCORD_FORMAT_HTML) {
			printf_(w, "<span class=\"pc c%zu\">", party_index(w, parties[i]));
			html_escape(w, parties[i], strlen(parties[i]));
			puts_(w, "</span>");
		} else {
			plain(w, parties[i], strlen(parties[i]));
		}
	}
	if (extra != NULL && *extra) {
		lit(w, "; ", 2);
		if (w->format == ACCORD_FORMAT_HTML) {
			puts_(w, "<span class=\"nd\">");
			html_escape(w, extra, strlen(extra));
			puts_(w, "</span>");
		} else {
			plain(w, extra, strlen(extra));
		}
	}
}

static const char *const ansi_colors[] = {"34", "31", "32", "35", "33", "36"};

/* Proposed or base text inside a proposal. */
static void span_out(writer *w, role r, const char *s, size_t len, size_t party, int is_word)
{
	if (w->format == ACCORD_FORMAT_HTML) {
		if (is_word) {
			puts_(w, "<i class=\"w\">");
			html_escape(w, s, len);
			puts_(w, "</i>");
			return;
		}
		printf_(w, r == ROLE_INS ? "<ins class=\"c%zu\">" : r == ROLE_DEL ? "<del class=\"c%zu\">" : "<span class=\"base\">",
			party);
		html_escape(w, s, len);
		puts_(w, r == ROLE_INS ? "</ins>" : r == ROLE_DEL ? "</del>" : "</span>");
	} else if (w->format == ACCORD_FORMAT_MARKDOWN) {
		if (is_word || len == 0) {
			if (is_word)
				puts_(w, "*");
			md_escape(w, s, len);
			if (is_word)
				puts_(w, "*");
			return;
		}
		/* emphasis must not start or end on a blank: keep blanks outside it */
		{
			size_t a = 0, z = len;
			while (a < len && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n'))
				a++;
			while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t' || s[z - 1] == '\n'))
				z--;
			md_escape(w, s, a);
			if (z > a) {
				puts_(w, r == ROLE_INS ? "**" : r == ROLE_DEL ? "~~" : "");
				md_escape(w, s + a, z - a);
				puts_(w, r == ROLE_INS ? "**" : r == ROLE_DEL ? "~~" : "");
			}
			md_escape(w, s + z, len - z);
		}
	} else if (w->color && r != ROLE_BASE && !is_word) { /* a word of the convention ("delete") is not text */
		printf_(w, "\033[%s;%sm", r == ROLE_INS ? "4" : "9", ansi_colors[party % 6]);
		put(w, s, len);
		puts_(w, "\033[0m");
	} else {
		put(w, s, len);
	}
}

/* What a template's placeholders stand for. */
typedef struct fill {
	const char *const *parties;
	size_t n_parties;
	const char *extra;      /* near-duplicate / editorial note after the parties */
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
	size_t party = f->n_parties ? party_index(w, f->parties[0]) : 0;
	for (; *t; t++) {
		if (*t != '%' || t[1] == '\0')
			continue;
		lit(w, run, (size_t)(t - run));
		t++;
		switch (*t) {
		case 'p':
			parties_out(w, f->parties, f->n_parties, f->extra);
			break;
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
	puts_(w, " title=\"");
	attr_escape(w, what);
	if (w->b->anonymous) { /* neither codes nor amendment ids, which hold the codes */
		puts_(w, "\"");
		return;
	}
	puts_(w, " by ");
	for (i = 0; i < n; i++) {
		if (i)
			puts_(w, i + 1 == n ? " and " : ", ");
		attr_escape(w, parties[i]);
		{
			size_t k = accord_compilation_party_index(w->c, parties[i]);
			const char *name = k != (size_t)-1 ? accord_compilation_party_name(w->c, k) : NULL;
			if (name && strcmp(name, parties[i]) != 0) {
				puts_(w, " (");
				attr_escape(w, name);
				puts_(w, ")");
			}
		}
	}
	if (nids) {
		puts_(w, " \xe2\x80\x94 ");
		for (i = 0; i < nids; i++) {
			if (i)
				puts_(w, ", ");
			attr_escape(w, ids[i]);
		}
	}
	puts_(w, "\"");
}

static void open_prop(writer *w, const char *what, const char *const *parties, size_t n, const char *const *ids, size_t nids)
{
	if (w->format != ACCORD_FORMAT_HTML)
		return;
	printf_(w, "<span class=\"prop c%zu%s\"", n ? party_index(w, parties[0]) : 0, n > 1 ? " co" : "");
	title_out(w, what, parties, n, ids, nids);
	puts_(w, ">");
}

static void close_prop(writer *w)
{
	if (w->format == ACCORD_FORMAT_HTML)
		puts_(w, "</span>");
}

/* ---- blanks and the edges of a proposal ------------------------------------------------------ */

enum char_class { CH_NONE = 0, CH_BLANK, CH_PUNCT, CH_WORD };

static int class_of(uint32_t cp)
{
	if (accord_codepoint_is_space(cp))
		return CH_BLANK;
	return accord_codepoint_is_punct(cp) ? CH_PUNCT : CH_WORD;
}

/* Start of the character that ends at byte end (end > 0). */
static size_t char_start_before(const char *s, size_t end)
{
	size_t i = end - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* The class of the character before byte pos of s (CH_NONE at the start). */
static int class_before(const char *s, size_t pos)
{
	size_t i;
	if (pos == 0)
		return CH_NONE;
	i = char_start_before(s, pos);
	return class_of(accord_utf8_next(s, pos, &i));
}

/* The class of the character at byte pos of s (CH_NONE at the end). */
static int class_at(const char *s, size_t len, size_t pos)
{
	if (pos >= len)
		return CH_NONE;
	return class_of(accord_utf8_next(s, len, &pos));
}

/* Bytes of blanks at the start / end of s[0..len). */
static size_t blank_prefix(const char *s, size_t len)
{
	size_t i = 0, next = 0;
	while (i < len && accord_codepoint_is_space(accord_utf8_next(s, len, &next)))
		i = next;
	return i;
}

static size_t blank_suffix(const char *s, size_t len)
{
	size_t end = len;
	while (end > 0) {
		size_t start = char_start_before(s, end), i = start;
		if (!accord_codepoint_is_space(accord_utf8_next(s, end, &i)))
			break;
		end = start;
	}
	return len - end;
}

/* 1 when two texts are the same once every blank is taken out: a change of spacing alone. */
static int same_but_spacing(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i = 0, j = 0;
	for (;;) {
		i += blank_prefix(a + i, al - i);
		j += blank_prefix(b + j, bl - j);
		if (i == al || j == bl)
			return i == al && j == bl;
		if (a[i] != b[j])
			return 0;
		i++;
		j++;
	}
}

/*
** How a cluster is typeset. Brackets hold no blanks at their edges
** (docs/formats.md): the base text and every option are shown trimmed, and
** one blank goes outside the brackets at an edge where the base has one
** ("governments [cannot] [IRN: have not yet] effectively", the base's own
** blanks) or, failing that, an option has one ("work [,] [IRN: efforts/
** tasks ,] first"), unless the text already has a blank there. Options that
** change only spacing read as the base: they are left out of the running
** text (JSON and YAML keep them).
*/
typedef struct layout {
	int *number;              /* per option: its number among the options shown (Alt n), 0: not shown */
	int small[16];            /* number's storage for clusters of up to 16 options */
	size_t n_shown;
	const char *lead, *trail; /* blanks written before / after the brackets */
	size_t lead_len, trail_len;
	const char *base;         /* the base text, trimmed */
	size_t base_len;
} layout;

static void trimmed(const char *s, size_t len, const char **out, size_t *out_len)
{
	size_t l = blank_prefix(s, len);
	*out = s + l;
	*out_len = l == len ? 0 : len - l - blank_suffix(s, len);
}

static void layout_dispose(layout *lo)
{
	if (lo->number != lo->small)
		accord_free(lo->number);
	lo->number = NULL;
}

/* Lays out cluster cl of text; prev_blank: the writer has just put a blank at cl's start. */
static int cluster_layout(layout *lo, const accord_cmp_cluster *cl, const char *text, size_t text_len, int prev_blank)
{
	size_t i, bl, bt;
	int before = prev_blank ? CH_BLANK : class_before(text, cl->byte_start);
	int after = class_at(text, text_len, cl->byte_start + cl->byte_len);
	memset(lo, 0, sizeof(*lo));
	lo->number = cl->n_options <= sizeof(lo->small) / sizeof(lo->small[0]) ? lo->small
		: accord_malloc(cl->n_options * sizeof(int));
	if (lo->number == NULL)
		return ACCORD_ENOMEM;
	for (i = 0; i < cl->n_options; i++) {
		const accord_cmp_option *o = &cl->options[i];
		lo->number[i] = same_but_spacing(cl->base_text, cl->byte_len, o->text, strlen(o->text)) ? 0
			: (int)++lo->n_shown;
	}
	trimmed(cl->base_text, cl->byte_len, &lo->base, &lo->base_len);
	bl = blank_prefix(cl->base_text, cl->byte_len);
	bt = lo->base_len == 0 ? 0 : blank_suffix(cl->base_text, cl->byte_len);
	/* before the brackets */
	if (before != CH_NONE && before != CH_BLANK) {
		if (bl > 0) {
			lo->lead = cl->base_text;
			lo->lead_len = bl;
		} else {
			for (i = 0; i < cl->n_options && lo->lead == NULL; i++) {
				const char *t = cl->options[i].text;
				size_t len = strlen(t), l = blank_prefix(t, len);
				if (lo->number[i] > 0 && l > 0 && l < len) {
					lo->lead = " ";
					lo->lead_len = 1;
				}
			}
		}
	}
	/* after them */
	if (after != CH_NONE && after != CH_BLANK) {
		if (bt > 0) {
			lo->trail = cl->base_text + cl->byte_len - bt;
			lo->trail_len = bt;
		} else {
			for (i = 0; i < cl->n_options && lo->trail == NULL; i++) {
				const char *t = cl->options[i].text;
				size_t len = strlen(t), r = blank_suffix(t, len);
				if (lo->number[i] > 0 && r > 0 && r < len) {
					lo->trail = " ";
					lo->trail_len = 1;
				}
			}
		}
	}
	return ACCORD_OK;
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

/* Writes cluster cl of text; returns 1 when it ended with a blank of its own. */
static int cluster_out(writer *w, const accord_cmp_cluster *cl, const char *text, size_t text_len, int prev_blank)
{
	const accord_brackets *b = w->b;
	size_t i;
	char note[160];
	layout lo;
	int alternatives, insertion, first = 1, ended_blank;

	if (cluster_layout(&lo, cl, text, text_len, prev_blank) != ACCORD_OK) {
		w->rc = ACCORD_ENOMEM;
		return 0;
	}
	if (lo.n_shown == 0) { /* spacing changes only: the base as it is */
		plain(w, cl->base_text, cl->byte_len);
		layout_dispose(&lo);
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
		trimmed(o->text, strlen(o->text), &f.t, &f.tlen);
		f.bt = lo.base;
		f.blen = lo.base_len;
		f.n = lo.number[i];
		option_note(note, sizeof(note), b, cl, &lo, o);
		f.extra = note;
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
			puts_(w, "<span class=\"prop noc\" title=\"No change: the base text\">");
		expand(w, b->no_change, &f);
		close_prop(w);
	}
	if (lo.trail_len)
		plain(w, lo.trail, lo.trail_len);
	ended_blank = lo.trail_len > 0;
	layout_dispose(&lo);
	return ended_blank;
}

/* A text with its proposals in place. */
static void text_with_clusters(writer *w, const char *text, const accord_cmp_cluster *cl, size_t n)
{
	size_t i, pos = 0, len = strlen(text);
	int blank = 0; /* the last cluster ended with a blank at pos */
	for (i = 0; i < n; i++) {
		if (cl[i].byte_start > pos) {
			plain(w, text + pos, cl[i].byte_start - pos);
			blank = 0;
		}
		blank = cluster_out(w, &cl[i], text, len, blank && cl[i].byte_start == pos);
		if (cl[i].byte_start + cl[i].byte_len > pos)
			pos = cl[i].byte_start + cl[i].byte_len;
	}
	if (pos < len)
		plain(w, text + pos, len - pos);
}

/* A whole text wrapped in a template's %t (new paragraph, new section) with its own proposals inside. */
static void wrapped(writer *w, const char *tmpl, const char *const *parties, size_t n, const char *extra, const char *text,
	const accord_cmp_cluster *cl, size_t ncl)
{
	const char *t;
	const char *run = tmpl;
	size_t party = n ? party_index(w, parties[0]) : 0;
	for (t = tmpl; *t; t++) {
		if (*t != '%' || t[1] == '\0')
			continue;
		lit(w, run, (size_t)(t - run));
		t++;
		if (*t == 'p') {
			parties_out(w, parties, n, extra);
		} else if (*t == 't') {
			if (w->format == ACCORD_FORMAT_HTML)
				printf_(w, "<ins class=\"c%zu whole\">", party);
			else if (w->format == ACCORD_FORMAT_MARKDOWN)
				puts_(w, "**");
			else if (w->color)
				printf_(w, "\033[4;%sm", ansi_colors[party % 6]);
			text_with_clusters(w, text, cl, ncl);
			if (w->format == ACCORD_FORMAT_HTML)
				puts_(w, "</ins>");
			else if (w->format == ACCORD_FORMAT_MARKDOWN)
				puts_(w, "**");
			else if (w->color)
				puts_(w, "\033[0m");
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
	memset(&f, 0, sizeof(f));
	f.parties = m->parties;
	f.n_parties = m->n_parties;
	f.t = m->text ? m->text : "";
	f.tlen = strlen(f.t);
	f.t_is_word = 1;
	open_prop(w, what, m->parties, m->n_parties, m->amendments, m->n_amendments);
	expand(w, tmpl, &f);
	close_prop(w);
}

/* ---- the document walk (text, Markdown, HTML) --------------------------------------------- */

static const accord_cmp_field *find_field(const accord_compilation *c, const char *name)
{
	size_t i;
	for (i = 0; i < c->n_fields; i++)
		if (strcmp(c->fields[i].name, name) == 0)
			return &c->fields[i];
	return NULL;
}

/* The field of the proposals on footnote number, or NULL. */
static const accord_cmp_field *find_footnote_field(const accord_compilation *c, const char *number)
{
	char name[96];
	snprintf(name, sizeof(name), "footnote %s", number);
	return find_field(c, name);
}

/* A field's base value ("" when the base has none) with its proposals in place. */
static void field_text(writer *w, const accord_cmp_field *f)
{
	text_with_clusters(w, f->base_value ? f->base_value : "", f->clusters, f->n_clusters);
}

/* A metadata line: the base value with proposals, or NULL when neither exists. */
static int field_line(writer *w, const char *name, const char *prefix)
{
	const accord_cmp_field *f = find_field(w->c, name);
	const char *value = NULL;
	int field = accord_meta_field_from_name(name);
	if (f == NULL && field >= 0)
		value = accord_doc_meta(w->c->base, (accord_meta_field)field);
	if (f == NULL && value == NULL)
		return 0;
	if (prefix)
		plain(w, prefix, strlen(prefix));
	if (f != NULL)
		field_text(w, f);
	else
		plain(w, value, strlen(value));
	return 1;
}

static void para_label(writer *w, const accord_cmp_para *p, accord_buf *label)
{
	if (accord_compilation_para_label(label, p, w->b) != ACCORD_OK)
		w->rc = ACCORD_ENOMEM;
}

static void para_body(writer *w, const accord_cmp_para *p)
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
				para_label(w, o, &l);
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
		open_prop(w, "New paragraph", p->parties, p->n_parties, p->amendments, p->n_amendments);
		wrapped(w, w->b->new_paragraph, p->parties, p->n_parties, note, p->text, p->clusters, p->n_clusters);
		close_prop(w);
	} else if (del != NULL && p->n_clusters == 0) {
		/* deleted and nothing else proposed: the whole text as one deletion */
		fill f;
		memset(&f, 0, sizeof(f));
		f.parties = del->parties;
		f.n_parties = del->n_parties;
		f.bt = p->text;
		f.blen = strlen(p->text);
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

static void relabels(writer *w, const accord_cmp_para *p)
{
	size_t i;
	if (w->b->relabel == NULL)
		return;
	for (i = 0; i < p->n_marks; i++)
		if (p->marks[i].kind == ACCORD_MARK_RELABEL) {
			lit(w, " ", 1);
			mark_out(w, &p->marks[i], w->b->relabel, "New label");
		}
}

/* The title attribute of a base paragraph's label: the labels others give it. */
static void label_title(writer *w, const accord_cmp_para *p)
{
	size_t i, k;
	int any = 0;
	for (i = 0; i < p->n_marks; i++) {
		const accord_cmp_mark *m = &p->marks[i];
		if (m->kind != ACCORD_MARK_RELABEL)
			continue;
		puts_(w, any ? "&#10;" : " title=\"");
		any = 1;
		if (w->b->anonymous) {
			puts_(w, "Proposed label: ");
		} else {
			for (k = 0; k < m->n_parties; k++) {
				if (k)
					puts_(w, ", ");
				attr_escape(w, m->parties[k]);
			}
			puts_(w, " relabels it ");
		}
		attr_escape(w, m->text && *m->text ? m->text : "(no label)");
	}
	if (any)
		puts_(w, "\"");
}

static void section_heading(writer *w, const accord_cmp_section *s)
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
		open_prop(w, "New section", s->parties, s->n_parties, s->amendments, s->n_amendments);
		wrapped(w, w->b->new_section, s->parties, s->n_parties, NULL, s->heading ? s->heading : "",
			s->heading_clusters, s->n_heading_clusters);
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

static int section_has_heading(const accord_cmp_section *s)
{
	return (s->heading != NULL && *s->heading) || s->n_heading_clusters > 0 || s->is_new;
}

static void party_list_line(writer *w)
{
	size_t i;
	for (i = 0; i < w->c->n_parties; i++) {
		if (i)
			puts_(w, ", ");
		plain(w, w->c->parties[i].code, strlen(w->c->parties[i].code));
	}
}

static const char *base_name(const accord_compilation *c)
{
	const char *s = accord_doc_meta(c->base, ACCORD_META_SYMBOL);
	if (s == NULL)
		s = accord_doc_origin(c->base);
	return s ? s : "the base text";
}

static void walk_text(writer *w)
{
	const accord_compilation *c = w->c;
	accord_buf label = ACCORD_BUF_INIT;
	size_t i, k, head;
	int opinion = accord_doc_mode_of(c->base) == ACCORD_MODE_OPINION;

	puts_(w, "Compilation of proposals on ");
	puts_(w, base_name(c));
	puts_(w, " (");
	if (w->b->anonymous)
		party_count(w);
	else
		party_list_line(w);
	puts_(w, ")\n\n");
	head = w->out->size;
	if (field_line(w, "symbol", "Document "))
		puts_(w, "\n");
	if (field_line(w, "source", "Source: "))
		puts_(w, "\n");
	{
		const accord_cmp_field *f = find_field(c, "notes");
		if (f != NULL) {
			field_text(w, f);
			puts_(w, "\n");
		} else {
			for (i = 0; i < accord_doc_note_count(c->base); i++) {
				puts_(w, accord_doc_note(c->base, i));
				puts_(w, "\n");
			}
		}
	}
	if (field_line(w, "title", NULL))
		puts_(w, "\n");
	if (field_line(w, "body", NULL))
		puts_(w, "\n");
	for (i = 0; i < c->n_sections; i++) {
		const accord_cmp_section *s = &c->sections[i];
		if (w->out->size > head) /* a blank line between sections, none right after the title line */
			puts_(w, "\n");
		if (section_has_heading(s)) {
			puts_(w, opinion ? "\t" : "# ");
			section_heading(w, s);
			puts_(w, opinion ? "\n" : "\n\n");
		}
		for (k = 0; k < s->n_paras; k++) {
			const accord_cmp_para *p = &s->paras[k];
			unsigned d;
			para_label(w, p, &label);
			if (!opinion && k > 0)
				puts_(w, "\n");
			for (d = 0; d < p->depth; d++)
				puts_(w, "\t");
			if (label.size > 0 && label.ptr[0]) {
				puts_(w, label.ptr);
				relabels(w, p);
				puts_(w, "\t");
			}
			para_body(w, p);
			puts_(w, "\n");
		}
	}
	/* footnotes: the base's, with proposals, and new ones */
	{
		int first = 1;
		for (i = 0; i < accord_doc_footnote_count(c->base); i++) {
			const accord_footnote *fn = accord_doc_footnote(c->base, i);
			const accord_cmp_field *f = find_footnote_field(c, accord_footnote_number(fn));
			puts_(w, first ? "\n[" : "[");
			first = 0;
			puts_(w, accord_footnote_number(fn));
			puts_(w, ": ");
			if (f)
				field_text(w, f);
			else
				puts_(w, accord_footnote_text(fn));
			puts_(w, "]\n");
		}
		for (i = 0; i < c->n_fields; i++) {
			const accord_cmp_field *f = &c->fields[i];
			if (strncmp(f->name, "footnote ", 9) != 0 || f->base_value != NULL)
				continue;
			puts_(w, first ? "\n[" : "[");
			first = 0;
			puts_(w, f->name + 9);
			puts_(w, ": ");
			field_text(w, f); /* no base value: a new footnote */
			puts_(w, "]\n");
		}
	}
	accord_buf_dispose(&label);
}

static void walk_markdown(writer *w, const char *title)
{
	const accord_compilation *c = w->c;
	accord_buf label = ACCORD_BUF_INIT;
	size_t i, k;

	puts_(w, "# ");
	md_escape(w, title, strlen(title));
	puts_(w, "\n\n");
	if (w->b->anonymous) {
		puts_(w, "Proposals of ");
		party_count(w);
		puts_(w, ", not named");
	} else {
		puts_(w, "Parties: ");
	}
	for (i = 0; i < c->n_parties && !w->b->anonymous; i++) {
		const char *name = accord_compilation_party_name(c, i);
		if (i)
			puts_(w, "; ");
		puts_(w, "**");
		md_escape(w, c->parties[i].code, strlen(c->parties[i].code));
		puts_(w, "**");
		if (strcmp(name, c->parties[i].code) != 0) {
			puts_(w, " (");
			md_escape(w, name, strlen(name));
			puts_(w, ")");
		}
	}
	puts_(w, "\n\n");
	{
		/* symbol, source and notes: one paragraph of lines, when there is any */
		const accord_cmp_field *f = find_field(c, "notes");
		int front = 0;
		if (field_line(w, "symbol", "Document ")) {
			puts_(w, "  \n");
			front = 1;
		}
		if (field_line(w, "source", "Source: ")) {
			puts_(w, "  \n");
			front = 1;
		}
		if (f != NULL) {
			field_text(w, f);
			puts_(w, "  \n");
			front = 1;
		} else if (accord_doc_note_count(c->base) > 0) {
			for (i = 0; i < accord_doc_note_count(c->base); i++) {
				md_escape(w, accord_doc_note(c->base, i), strlen(accord_doc_note(c->base, i)));
				puts_(w, "  \n");
			}
			front = 1;
		}
		if (front)
			puts_(w, "\n");
	}
	if (field_line(w, "title", NULL))
		puts_(w, "\n\n");
	if (field_line(w, "body", NULL))
		puts_(w, "\n\n");
	for (i = 0; i < c->n_sections; i++) {
		const accord_cmp_section *s = &c->sections[i];
		if (section_has_heading(s)) {
			if (accord_doc_mode_of(c->base) == ACCORD_MODE_OPINION) {
				puts_(w, "*");
				section_heading(w, s);
				puts_(w, "*\n\n");
			} else {
				puts_(w, "## ");
				section_heading(w, s);
				puts_(w, "\n\n");
			}
		}
		for (k = 0; k < s->n_paras; k++) {
			const accord_cmp_para *p = &s->paras[k];
			unsigned d;
			para_label(w, p, &label);
			for (d = 0; d < p->depth; d++)
				puts_(w, "> ");
			if (label.size > 0 && label.ptr[0]) {
				puts_(w, "**");
				md_escape(w, label.ptr, strlen(label.ptr));
				puts_(w, "**");
				relabels(w, p);
				puts_(w, " ");
			}
			para_body(w, p);
			puts_(w, "\n\n");
		}
	}
	/* footnotes: the base's in their order, with proposals, then new ones (as in text) */
	for (i = 0; i < accord_doc_footnote_count(c->base); i++) {
		const accord_footnote *fn = accord_doc_footnote(c->base, i);
		const accord_cmp_field *f = find_footnote_field(c, accord_footnote_number(fn));
		puts_(w, "\\[");
		md_escape(w, accord_footnote_number(fn), strlen(accord_footnote_number(fn)));
		puts_(w, ": ");
		if (f)
			field_text(w, f);
		else
			md_escape(w, accord_footnote_text(fn), strlen(accord_footnote_text(fn)));
		puts_(w, "\\]\n\n");
	}
	for (i = 0; i < c->n_fields; i++) {
		const accord_cmp_field *f = &c->fields[i];
		if (strncmp(f->name, "footnote ", 9) != 0 || f->base_value != NULL)
			continue;
		puts_(w, "\\[");
		md_escape(w, f->name + 9, strlen(f->name + 9));
		puts_(w, ": ");
		field_text(w, f);
		puts_(w, "\\]\n\n");
	}
	/* exactly one newline at the end, as in every other output */
	while (w->rc == ACCORD_OK && w->out->size >= 2 && w->out->ptr[w->out->size - 1] == '\n' &&
	       w->out->ptr[w->out->size - 2] == '\n')
		w->out->ptr[--w->out->size] = '\0';
	accord_buf_dispose(&label);
}

/* ---- HTML ----------------------------------------------------------------------------------- */

static const char html_css[] =
	":root{--ink:#1a1a1a;--muted:#6b6b6b;--rule:#d8d2c4;--paper:#fffdf8}\n"
	"*{box-sizing:border-box}\n"
	"html{background:#ecebe6}\n"
	"body{margin:0;font-family:\"Times New Roman\",Times,\"Liberation Serif\",\"Nimbus Roman\",\"DejaVu Serif\",serif;"
	"color:var(--ink);font-size:21px;line-height:1.5;-webkit-font-smoothing:antialiased}\n"
	"main{max-width:60rem;margin:1.5rem auto;padding:2.4rem 3.4rem 3rem;background:var(--paper);"
	"box-shadow:0 1px 4px rgba(0,0,0,.18)}\n"
	"header.doc{border-bottom:2px solid var(--ink);padding-bottom:.6rem;margin-bottom:1.2rem}\n"
	"header.doc .kicker{font-variant:small-caps;letter-spacing:.08em;color:var(--muted);font-size:.85em}\n"
	"header.doc h1{font-size:1.45em;font-weight:bold;margin:.15em 0 .25em;line-height:1.25}\n"
	"header.doc .meta{font-size:.8em;color:var(--muted)}\n"
	".legend{display:flex;flex-wrap:wrap;gap:.35em 1.1em;font-size:.78em;margin:.6rem 0 0;padding:0;list-style:none}\n"
	".legend li{white-space:nowrap}\n"
	".legend .sw{display:inline-block;width:.85em;height:.85em;border-radius:2px;vertical-align:-.05em;margin-right:.35em}\n"
	".legend .n{color:var(--muted)}\n"
	".keys{font-size:.72em;color:var(--muted);margin-top:.45rem}\n"
	".keys ins,.keys del{color:var(--ink)}\n"
	".front{text-align:center;margin:1.2rem 0 .4rem}\n"
	".front .title{font-weight:bold;text-transform:none}\n"
	".notes{font-size:.85em;color:var(--muted);margin:.2rem 0}\n"
	".body{margin:1rem 0 .4rem}\n"
	"h2{font-style:italic;font-weight:normal;font-size:1em;margin:1.1em 0 .35em 3.4rem}\n"
	".p{display:grid;grid-template-columns:3.4rem 1fr;margin:.3em 0;border-left:3px solid transparent;"
	"padding-left:.5rem;margin-left:-.8rem}\n"
	".p .lb{grid-column:1;padding-right:.4rem;overflow-wrap:anywhere}\n"
	".p .tx{grid-column:2;hyphens:auto}\n"
	".p.d1{margin-left:2.6rem}.p.d2{margin-left:6rem}.p.d3{margin-left:9.4rem}\n"
	".p.new .lb{font-style:italic;font-weight:bold}\n"
	".p.new ins.whole{text-decoration:none}\n"
	".p.new.sub{border-left-style:dotted}\n"
	".lb.rl{text-decoration:underline dotted var(--muted);cursor:help}\n"
	".mk{color:#5a5a5a;font-family:\"Helvetica Neue\",Arial,\"Liberation Sans\",\"DejaVu Sans\",sans-serif;"
	"font-size:.78em;font-weight:bold}\n"
	".pc{font-family:\"Helvetica Neue\",Arial,\"Liberation Sans\",\"DejaVu Sans\",sans-serif;font-size:.78em;"
	"font-weight:bold;letter-spacing:.02em}\n"
	".nd{font-family:\"Helvetica Neue\",Arial,sans-serif;font-size:.72em;font-style:italic;color:var(--muted)}\n"
	"ins{text-decoration:underline;text-decoration-thickness:.09em;text-underline-offset:.14em}\n"
	"del{text-decoration:line-through;text-decoration-thickness:.09em}\n"
	".base{color:#333}\n"
	"i.w{font-style:italic;color:var(--muted)}\n"
	".prop{border-radius:3px;padding:0 .06em;cursor:help}\n"
	".prop:hover{background:rgba(255,221,87,.35)}\n"
	".prop.co ins{text-decoration-style:double}\n"
	".noc .mk{color:#8a8a8a}\n"
	".fn{font-size:.8em;border-top:1px solid var(--rule);margin-top:1.4rem;padding-top:.5rem}\n"
	"footer{font-size:.7em;color:var(--muted);margin-top:2rem;border-top:1px solid var(--rule);padding-top:.4rem}\n"
	"@media print{html{background:none}body{font-size:12pt;line-height:1.4}"
	"main{box-shadow:none;margin:0;max-width:none;padding:0}"
	".prop:hover{background:none}.p{break-inside:avoid}h2{break-after:avoid}"
	"@page{size:A4;margin:2cm 2cm 2.2cm}}\n";

static void html_party_css(writer *w)
{
	size_t i;
	for (i = 0; i < w->c->n_parties && (i == 0 || !w->b->anonymous); i++) {
		const char *col = accord_compilation_party_color(w->c, i);
		printf_(w, ".c%zu{color:%s}.legend .c%zu .sw{background:%s}.b%zu{border-left-color:%s}\n", i, col, i, col, i,
			col);
	}
}

static void walk_html(writer *w, const char *title)
{
	const accord_compilation *c = w->c;
	accord_buf label = ACCORD_BUF_INIT;
	size_t i, k;

	puts_(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"accord "
		 ACCORD_VERSION_STRING "\">\n<title>");
	html_escape(w, title, strlen(title));
	puts_(w, "</title>\n<style>\n");
	puts_(w, html_css);
	html_party_css(w);
	puts_(w, "</style>\n</head>\n<body>\n<main>\n<header class=\"doc\">\n<div class=\"kicker\">Compilation of proposals</div>\n<h1>");
	html_escape(w, title, strlen(title));
	puts_(w, "</h1>\n<div class=\"meta\">Base text: ");
	{
		const char *origin = accord_doc_origin(c->base);
		const char *sym = accord_doc_meta(c->base, ACCORD_META_SYMBOL);
		if (origin != NULL && strrchr(origin, '/') != NULL)
			origin = strrchr(origin, '/') + 1;
		html_escape(w, sym ? sym : origin ? origin : "(unnamed)", strlen(sym ? sym : origin ? origin : "(unnamed)"));
	}
	printf_(w, " &middot; %zu parties &middot; %zu amendments &middot; Proposals have not been agreed.</div>\n",
		c->n_parties, accord_compilation_amendment_count(c));
	if (!w->b->anonymous)
		puts_(w, "<ul class=\"legend\">\n");
	for (i = 0; i < c->n_parties && !w->b->anonymous; i++) {
		const char *name = accord_compilation_party_name(c, i);
		const char *src = accord_compilation_party_source(c, i);
		printf_(w, "<li class=\"c%zu\"", i);
		if (src) {
			puts_(w, " title=\"");
			attr_escape(w, src);
			puts_(w, "\"");
		}
		puts_(w, "><span class=\"sw\"></span><b>");
		html_escape(w, c->parties[i].code, strlen(c->parties[i].code));
		puts_(w, "</b>");
		if (strcmp(name, c->parties[i].code) != 0) {
			puts_(w, " <span class=\"n\">");
			html_escape(w, name, strlen(name));
			puts_(w, "</span>");
		}
		printf_(w, " <span class=\"n\">(%zu)</span></li>\n", c->parties[i].n_amendments);
	}
	if (!w->b->anonymous)
		puts_(w, "</ul>\n");
	puts_(w, "<div class=\"keys\"><ins>underlined</ins>: proposed text &middot; <del>struck</del>: proposed deletion "
		 "&middot; numbered options: alternatives for the same words");
	puts_(w, w->b->anonymous ? "; the parties are not named</div>\n</header>\n"
				 : " &middot; hover a proposal for its sponsors and amendments</div>\n</header>\n");

	/* front matter */
	puts_(w, "<div class=\"front\">\n");
	if (find_field(c, "symbol") || accord_doc_meta(c->base, ACCORD_META_SYMBOL)) {
		puts_(w, "<div class=\"notes\">");
		field_line(w, "symbol", "Document ");
		puts_(w, "</div>\n");
	}
	if (find_field(c, "source") || accord_doc_meta(c->base, ACCORD_META_SOURCE)) {
		puts_(w, "<div class=\"notes\">");
		field_line(w, "source", "Source: ");
		puts_(w, "</div>\n");
	}
	{
		const accord_cmp_field *f = find_field(c, "notes");
		if (f != NULL || accord_doc_note_count(c->base) > 0) {
			puts_(w, "<div class=\"notes\">");
			if (f)
				field_text(w, f);
			else
				for (i = 0; i < accord_doc_note_count(c->base); i++) {
					if (i)
						puts_(w, "<br>");
					html_escape(w, accord_doc_note(c->base, i), strlen(accord_doc_note(c->base, i)));
				}
			puts_(w, "</div>\n");
		}
	}
	if (find_field(c, "title") || accord_doc_meta(c->base, ACCORD_META_TITLE)) {
		puts_(w, "<div class=\"title\">");
		field_line(w, "title", NULL);
		puts_(w, "</div>\n");
	}
	puts_(w, "</div>\n");
	if (find_field(c, "body") || accord_doc_meta(c->base, ACCORD_META_BODY)) {
		puts_(w, "<p class=\"body\">");
		field_line(w, "body", NULL);
		puts_(w, "</p>\n");
	}

	for (i = 0; i < c->n_sections; i++) {
		const accord_cmp_section *s = &c->sections[i];
		char sid[48];
		puts_(w, "<section id=\"");
		attr_escape(w, section_id(sid, sizeof(sid), c, w->b, s));
		puts_(w, "\">\n");
		if (section_has_heading(s)) {
			puts_(w, "<h2>");
			section_heading(w, s);
			puts_(w, "</h2>\n");
		}
		for (k = 0; k < s->n_paras; k++) {
			const accord_cmp_para *p = &s->paras[k];
			size_t m;
			int relabelled = 0;
			for (m = 0; m < p->n_marks; m++)
				relabelled |= p->marks[m].kind == ACCORD_MARK_RELABEL;
			para_label(w, p, &label);
			printf_(w, "<div class=\"p d%u", p->depth > 3 ? 3 : p->depth);
			if (p->is_new)
				printf_(w, " new b%zu%s", p->n_parties ? party_index(w, p->parties[0]) : 0, p->bis_index ? "" : " sub");
			puts_(w, "\" id=\"");
			{
				char pid[48];
				const char *id = para_id(pid, sizeof(pid), c, w->b, p);
				attr_escape(w, id);
			}
			printf_(w, "\"><span class=\"lb%s\"", relabelled ? " rl" : "");
			label_title(w, p);
			puts_(w, ">");
			if (label.size > 0 && label.ptr[0])
				html_escape(w, label.ptr, strlen(label.ptr));
			relabels(w, p);
			puts_(w, "</span><span class=\"tx\">");
			para_body(w, p);
			puts_(w, "</span></div>\n");
		}
		puts_(w, "</section>\n");
	}
	{
		/* footnotes: the base's in their order, with proposals, then new ones (as in text) */
		int any = 0;
		for (i = 0; i < accord_doc_footnote_count(c->base); i++) {
			const accord_footnote *fn = accord_doc_footnote(c->base, i);
			const accord_cmp_field *f = find_footnote_field(c, accord_footnote_number(fn));
			if (!any)
				puts_(w, "<div class=\"fn\">\n");
			any = 1;
			puts_(w, "<p><sup>");
			html_escape(w, accord_footnote_number(fn), strlen(accord_footnote_number(fn)));
			puts_(w, "</sup> ");
			if (f)
				field_text(w, f);
			else
				html_escape(w, accord_footnote_text(fn), strlen(accord_footnote_text(fn)));
			puts_(w, "</p>\n");
		}
		for (i = 0; i < c->n_fields; i++) {
			const accord_cmp_field *f = &c->fields[i];
			if (strncmp(f->name, "footnote ", 9) != 0 || f->base_value != NULL)
				continue;
			if (!any)
				puts_(w, "<div class=\"fn\">\n");
			any = 1;
			puts_(w, "<p><sup>");
			html_escape(w, f->name + 9, strlen(f->name + 9));
			puts_(w, "</sup> ");
			field_text(w, f);
			puts_(w, "</p>\n");
		}
		if (any)
			puts_(w, "</div>\n");
	}
	puts_(w, "<footer>Prepared with accord " ACCORD_VERSION_STRING ". Original numbering kept; new paragraphs are "
		 "numbered between the originals (bis, ter ...). Nothing in this compilation is agreed.</footer>\n"
		 "</main>\n</body>\n</html>\n");
	accord_buf_dispose(&label);
}

/* ---- JSON and YAML -------------------------------------------------------------------------- */

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *jlist(const char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;
	for (i = 0; a && i < n; i++)
		if (json_array_append_new(a, json_string(v[i])) != 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* json_object_set_new that remembers a failure. */
static void jset(json_t *o, const char *key, json_t *v, int *bad)
{
	if (v == NULL || o == NULL || json_object_set_new(o, key, v) != 0)
		*bad = 1;
}

static void jpush(json_t *a, json_t *v, int *bad)
{
	if (v == NULL || a == NULL || json_array_append_new(a, v) != 0)
		*bad = 1;
}

/* Who proposes: the codes, or under an anonymous convention an empty list. */
static json_t *jwho(const char *const *v, size_t n, int anonymous)
{
	return jlist(v, anonymous ? 0 : n);
}

static json_t *clusters_json(const accord_cmp_cluster *cl, size_t n, int anonymous, int *bad)
{
	json_t *arr = json_array();
	size_t i, k;
	if (arr == NULL)
		*bad = 1;
	for (i = 0; arr && i < n; i++) {
		json_t *o = json_object(), *opts = json_array();
		jset(o, "kind", json_string(accord_cluster_kind_name(cl[i].kind)), bad);
		jset(o, "start", json_integer(cl[i].base_start), bad);
		jset(o, "count", json_integer(cl[i].base_count), bad);
		jset(o, "base", json_string(cl[i].base_text), bad);
		for (k = 0; opts && k < cl[i].n_options; k++) {
			const accord_cmp_option *op = &cl[i].options[k];
			json_t *x = json_object();
			jset(x, "alt", json_integer((json_int_t)k + 1), bad);
			jset(x, "text", json_string(op->text), bad);
			jset(x, "parties", jwho(op->parties, op->n_parties, anonymous), bad);
			jset(x, "amendments", jwho(op->amendments, op->n_amendments, anonymous), bad);
			if (op->near_duplicate_of)
				jset(x, "near_duplicate_of", json_integer(op->near_duplicate_of), bad);
			if (op->editorial)
				jset(x, "editorial", json_true(), bad);
			jpush(opts, x, bad);
		}
		jset(o, "options", opts, bad);
		jpush(arr, o, bad);
	}
	return arr;
}

static json_t *marks_json(const accord_cmp_mark *m, size_t n, int anonymous, int *bad)
{
	static const char *const kinds[] = {"delete", "move", "relabel"};
	json_t *arr = json_array();
	size_t i;
	if (arr == NULL)
		*bad = 1;
	for (i = 0; arr && i < n; i++) {
		json_t *o = json_object();
		jset(o, "kind", json_string(kinds[m[i].kind]), bad);
		if (m[i].text)
			jset(o, m[i].kind == ACCORD_MARK_MOVE ? "to" : "label", json_string(m[i].text), bad);
		jset(o, "parties", jwho(m[i].parties, m[i].n_parties, anonymous), bad);
		jset(o, "amendments", jwho(m[i].amendments, m[i].n_amendments, anonymous), bad);
		jpush(arr, o, bad);
	}
	return arr;
}

static json_t *compilation_json(const accord_compilation *c, const accord_brackets *b, int *bad)
{
	json_t *root = json_object(), *parties = json_array(), *fields = json_array(), *sections = json_array();
	json_t *base = json_object();
	accord_buf label = ACCORD_BUF_INIT;
	size_t i, k;

	jset(root, "accord", json_string("compilation/1"), bad);
	jset(base, "origin", jstr(accord_doc_origin(c->base)), bad);
	jset(base, "symbol", jstr(accord_doc_meta(c->base, ACCORD_META_SYMBOL)), bad);
	jset(base, "mode", json_string(accord_doc_mode_name(accord_doc_mode_of(c->base))), bad);
	jset(root, "base", base, bad);
	jset(root, "convention", json_string(b->name ? b->name : "custom"), bad);
	if (b->anonymous)
		jset(root, "anonymous", json_true(), bad);
	for (i = 0; parties && i < c->n_parties && !b->anonymous; i++) {
		json_t *o = json_object();
		jset(o, "code", json_string(c->parties[i].code), bad);
		jset(o, "name", json_string(accord_compilation_party_name(c, i)), bad);
		jset(o, "source", jstr(c->parties[i].source), bad);
		jset(o, "color", json_string(c->parties[i].color), bad);
		jset(o, "amendments", json_integer((json_int_t)c->parties[i].n_amendments), bad);
		jpush(parties, o, bad);
	}
	jset(root, "parties", parties, bad);
	for (i = 0; fields && i < c->n_fields; i++) {
		json_t *o = json_object();
		jset(o, "name", json_string(c->fields[i].name), bad);
		jset(o, "base", jstr(c->fields[i].base_value), bad);
		jset(o, "proposals", clusters_json(c->fields[i].clusters, c->fields[i].n_clusters, b->anonymous, bad), bad);
		jpush(fields, o, bad);
	}
	jset(root, "fields", fields, bad);
	for (i = 0; sections && i < c->n_sections; i++) {
		const accord_cmp_section *s = &c->sections[i];
		json_t *o = json_object(), *paras = json_array();
		char sid[48];
		jset(o, "id", json_string(section_id(sid, sizeof(sid), c, b, s)), bad);
		jset(o, "heading", jstr(s->heading), bad);
		jset(o, "new", json_boolean(s->is_new), bad);
		if (s->is_new) {
			jset(o, "parties", jwho(s->parties, s->n_parties, b->anonymous), bad);
			jset(o, "amendments", jwho(s->amendments, s->n_amendments, b->anonymous), bad);
		}
		jset(o, "heading_proposals", clusters_json(s->heading_clusters, s->n_heading_clusters, b->anonymous, bad), bad);
		jset(o, "marks", marks_json(s->marks, s->n_marks, b->anonymous, bad), bad);
		for (k = 0; paras && k < s->n_paras; k++) {
			const accord_cmp_para *p = &s->paras[k];
			json_t *x = json_object();
			char pid[48];
			if (accord_compilation_para_label(&label, p, b) != ACCORD_OK)
				*bad = 1;
			jset(x, "id", json_string(para_id(pid, sizeof(pid), c, b, p)), bad);
			jset(x, "label", label.size && label.ptr[0] ? json_string(label.ptr) : json_null(), bad);
			jset(x, "depth", json_integer(p->depth), bad);
			jset(x, "new", json_boolean(p->is_new), bad);
			if (p->is_new) {
				jset(x, "proposed_label", jstr(p->proposed_label), bad);
				jset(x, "parties", jwho(p->parties, p->n_parties, b->anonymous), bad);
				jset(x, "amendments", jwho(p->amendments, p->n_amendments, b->anonymous), bad);
				if (p->near_duplicate_of) {
					const accord_cmp_para *o2 = accord_compilation_find_para(c, p->near_duplicate_of);
					char nid[48];
					jset(x, "near_duplicate_of",
						json_string(o2 ? para_id(nid, sizeof(nid), c, b, o2) : p->near_duplicate_of), bad);
				}
			}
			jset(x, "text", json_string(p->text), bad);
			jset(x, "proposals", clusters_json(p->clusters, p->n_clusters, b->anonymous, bad), bad);
			jset(x, "marks", marks_json(p->marks, p->n_marks, b->anonymous, bad), bad);
			jpush(paras, x, bad);
		}
		jset(o, "paragraphs", paras, bad);
		jpush(sections, o, bad);
	}
	jset(root, "sections", sections, bad);
	accord_buf_dispose(&label);
	if (*bad) {
		json_decref(root);
		return NULL;
	}
	return root;
}

static int json_dump_cb(const char *buffer, size_t size, void *data)
{
	return accord_buf_put(data, buffer, size) == ACCORD_OK ? 0 : -1;
}

static int yaml_write_cb(void *data, unsigned char *buffer, size_t size)
{
	return accord_buf_put(data, (const char *)buffer, size) == ACCORD_OK;
}

static int yaml_scalar(yaml_emitter_t *e, const char *s, size_t len, int plain_ok, int is_string)
{
	yaml_event_t ev;
	int quote = 0;
	size_t i;
	if (is_string) {
		/* strings that would read as another type, or with edge blanks, are quoted */
		static const char *const special[] = {"", "null", "Null", "NULL", "~", "true", "True", "TRUE", "false",
			"False", "FALSE", "yes", "no", "on", "off", "Yes", "No", "On", "Off", "y", "n"};
		for (i = 0; i < sizeof(special) / sizeof(special[0]); i++)
			if (strcmp(s, special[i]) == 0)
				quote = 1;
		if (len && (s[0] == ' ' || s[len - 1] == ' ' || (s[0] >= '0' && s[0] <= '9') || s[0] == '-' || s[0] == '.'))
			quote = 1;
	}
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)len, plain_ok && !quote, 1,
		    quote ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE))
		return 0;
	return yaml_emitter_emit(e, &ev);
}

static int yaml_node(yaml_emitter_t *e, json_t *v)
{
	yaml_event_t ev;
	char num[32];
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *val;
		if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) || !yaml_emitter_emit(e, &ev))
			return 0;
		json_object_foreach(v, key, val) {
			if (!yaml_scalar(e, key, strlen(key), 1, 1) || !yaml_node(e, val))
				return 0;
		}
		return yaml_mapping_end_event_initialize(&ev) && yaml_emitter_emit(e, &ev);
	}
	case JSON_ARRAY: {
		size_t i;
		int flow = json_array_size(v) == 0;
		for (i = 0; i < json_array_size(v) && !flow; i++)
			(void)0;
		if (!flow) {
			flow = 1;
			for (i = 0; i < json_array_size(v); i++)
				if (!json_is_string(json_array_get(v, i)) || json_string_length(json_array_get(v, i)) > 24)
					flow = 0;
		}
		if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
			    flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE) ||
		    !yaml_emitter_emit(e, &ev))
			return 0;
		for (i = 0; i < json_array_size(v); i++)
			if (!yaml_node(e, json_array_get(v, i)))
				return 0;
		return yaml_sequence_end_event_initialize(&ev) && yaml_emitter_emit(e, &ev);
	}
	case JSON_STRING:
		return yaml_scalar(e, json_string_value(v), json_string_length(v), 1, 1);
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return yaml_scalar(e, num, strlen(num), 1, 0);
	case JSON_REAL:
		snprintf(num, sizeof(num), "%.17g", json_real_value(v));
		return yaml_scalar(e, num, strlen(num), 1, 0);
	case JSON_TRUE:
		return yaml_scalar(e, "true", 4, 1, 0);
	case JSON_FALSE:
		return yaml_scalar(e, "false", 5, 1, 0);
	default:
		return yaml_scalar(e, "null", 4, 1, 0);
	}
}

static int emit_yaml(accord_buf *out, json_t *root)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	int ok;
	if (!yaml_emitter_initialize(&e))
		return ACCORD_ENOMEM;
	yaml_emitter_set_output(&e, yaml_write_cb, out);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, 100);
	ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) && yaml_emitter_emit(&e, &ev) &&
	     yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) && yaml_emitter_emit(&e, &ev) &&
	     yaml_node(&e, root) && yaml_document_end_event_initialize(&ev, 1) && yaml_emitter_emit(&e, &ev) &&
	     yaml_stream_end_event_initialize(&ev) && yaml_emitter_emit(&e, &ev) && yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
	return ok ? ACCORD_OK : ACCORD_ENOMEM;
}

/* ---- entry point ------------------------------------------------------------------------------ */

int accord_compilation_render(accord_buf *out, const accord_compilation *c, accord_format format,
	const accord_compilation_render_options *opts, accord_error *err)
{
	accord_brackets def;
	const accord_brackets *b;
	writer w;
	char title[512];
	int rc;

	if (out == NULL || c == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_render: missing argument");
	if (!c->built)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_render: the compilation is not built");
	if (opts != NULL && opts->version != ACCORD_COMPILATION_RENDER_OPTIONS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_render: options of another version");
	b = opts && opts->brackets ? opts->brackets : NULL;
	if (b == NULL) {
		accord_brackets_default(&def);
		b = &def;
	}
	if ((rc = accord_brackets_check(b, err)) != ACCORD_OK)
		return rc;
	if (opts && opts->title) {
		snprintf(title, sizeof(title), "%s", opts->title);
	} else {
		const char *t = accord_doc_meta(c->base, ACCORD_META_TITLE);
		const char *s = accord_doc_meta(c->base, ACCORD_META_SYMBOL);
		const accord_cmp_field *f = find_field(c, "title");
		if (t == NULL && f != NULL && f->n_clusters == 1 && f->clusters[0].n_options == 1)
			t = f->clusters[0].options[0].text; /* a title every proposer agrees on */
		snprintf(title, sizeof(title), "%s%s%s", t ? t : "Compilation", s ? " \xe2\x80\x94 " : "", s ? s : "");
	}
	memset(&w, 0, sizeof(w));
	w.format = format;
	w.out = out;
	w.c = c;
	w.b = b;
	w.color = opts ? opts->color : 0;
	switch (format) {
	case ACCORD_FORMAT_TEXT:
		walk_text(&w);
		break;
	case ACCORD_FORMAT_MARKDOWN:
		walk_markdown(&w, title);
		break;
	case ACCORD_FORMAT_HTML:
		walk_html(&w, title);
		break;
	case ACCORD_FORMAT_JSON:
	case ACCORD_FORMAT_YAML: {
		int bad = 0;
		json_t *root = compilation_json(c, b, &bad);
		if (root == NULL)
			return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		if (format == ACCORD_FORMAT_JSON) {
			if (json_dump_callback(root, json_dump_cb, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
			    accord_buf_putc(out, '\n') != ACCORD_OK)
				w.rc = ACCORD_ENOMEM;
		} else {
			w.rc = emit_yaml(out, root);
		}
		json_decref(root);
		break;
	}
	default:
		return accord_error_set(err, ACCORD_EINVAL, "a compilation is written as text, md, html, json or yaml");
	}
	if (w.rc != ACCORD_OK)
		return accord_error_set(err, w.rc, "out of memory");
	return ACCORD_OK;
}
