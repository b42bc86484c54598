/*
** render_markup.c: a compilation as text, Markdown or a standalone HTML
** page. One walk over the document (walk below: the head and front matter,
** each section and its paragraphs, the footnotes, the tail); what differs
** is how each part is written, in the ops table of each format
** (struct markup_ops). The proposals inside paragraphs, headings and
** fields are written by the pieces of render_proposals.c.
*/
#include <stdio.h>
#include <string.h>

#include "accord/text.h"
#include "compile/render_markup_int.h"

/* How a format writes each part of the document. */
typedef struct markup_ops {
	void (*head)(writer *w, const char *title); /* all before the first section */
	void (*section)(writer *w, const accord_cmp_section *s); /* a section's start and heading */
	void (*para)(writer *w, const accord_cmp_para *p, size_t k, const char *label); /* k: its index in the section */
	const char *section_end;
	rw_list footnotes;
	void (*tail)(writer *w); /* all after the footnotes */
} markup_ops;

/* ---- text --------------------------------------------------------------------------------- */

static void text_head(writer *w, const char *title)
{
	char name[256];
	const char *on = render_base_name(name, sizeof(name), w->c, 0);
	(void)title;
	rw_puts(w, "Compilation of proposals on ");
	rw_puts(w, on ? on : "the base text");
	rw_puts(w, " (");
	if (w->c->n_parties == 0) /* a session whose only questions are those of its bracketed text */
		rw_puts(w, "no party's proposals");
	else if (w->b->anonymous)
		rw_party_count(w);
	else
		rw_party_list_line(w);
	rw_puts(w, ")\n\n");
	w->mark = w->out->size;
	rw_front(w, "\n");
	if (rw_field_line(w, "title", NULL))
		rw_puts(w, "\n");
	if (rw_field_line(w, "body", NULL))
		rw_puts(w, "\n");
}

static int opinion(const writer *w)
{
	return accord_doc_mode_of(w->c->base) == ACCORD_MODE_OPINION;
}

static void text_section(writer *w, const accord_cmp_section *s)
{
	if (w->out->size > w->mark) /* a blank line between sections, none right after the title line */
		rw_puts(w, "\n");
	if (rw_section_has_heading(s)) {
		rw_puts(w, opinion(w) ? "\t" : "# ");
		rw_section_heading(w, s);
		rw_puts(w, opinion(w) ? "\n" : "\n\n");
	}
}

static void text_para(writer *w, const accord_cmp_para *p, size_t k, const char *label)
{
	unsigned d;
	if (!opinion(w) && k > 0)
		rw_puts(w, "\n");
	for (d = 0; d < p->depth; d++)
		rw_puts(w, "\t");
	if (label[0]) {
		rw_puts(w, label);
		rw_puts(w, "\t");
	}
	rw_relabels(w, p, label, 1);
	rw_para_body(w, p);
	rw_puts(w, "\n");
}

static void no_tail(writer *w)
{
	(void)w;
}

static const markup_ops text_ops = {text_head, text_section, text_para, "", {"\n", "[", ": ", "]\n", ""}, no_tail};

/* ---- Markdown ----------------------------------------------------------------------------- */

static void md_head(writer *w, const char *title)
{
	const accord_compilation *c = w->c;
	size_t i;

	rw_puts(w, "# ");
	rw_md(w, title, strlen(title));
	rw_puts(w, "\n\n");
	if (w->b->anonymous) {
		rw_puts(w, "Proposals of ");
		rw_party_count(w);
		rw_puts(w, ", not named");
	} else {
		rw_puts(w, "Parties: ");
	}
	for (i = 0; i < c->n_parties && !w->b->anonymous; i++) {
		const char *name = accord_compilation_party_name(c, i);
		if (i)
			rw_puts(w, "; ");
		rw_puts(w, "**");
		rw_md(w, c->parties[i].code, strlen(c->parties[i].code));
		rw_puts(w, "**");
		if (strcmp(name, c->parties[i].code) != 0) {
			rw_puts(w, " (");
			rw_md(w, name, strlen(name));
			rw_puts(w, ")");
		}
	}
	rw_puts(w, "\n\n");
	if (rw_front(w, "  \n")) /* symbol, source and notes: one paragraph of lines, when there is any */
		rw_puts(w, "\n");
	if (rw_field_line(w, "title", NULL))
		rw_puts(w, "\n\n");
	if (rw_field_line(w, "body", NULL))
		rw_puts(w, "\n\n");
}

static void md_section(writer *w, const accord_cmp_section *s)
{
	if (!rw_section_has_heading(s))
		return;
	rw_puts(w, opinion(w) ? "*" : "## ");
	rw_section_heading(w, s);
	rw_puts(w, opinion(w) ? "*\n\n" : "\n\n");
}

static void md_para(writer *w, const accord_cmp_para *p, size_t k, const char *label)
{
	unsigned d;
	(void)k;
	for (d = 0; d < p->depth; d++)
		rw_puts(w, "> ");
	if (label[0]) {
		rw_puts(w, "**");
		rw_md(w, label, strlen(label));
		rw_puts(w, "**");
		rw_relabels(w, p, label, 0);
		rw_puts(w, " ");
	}
	rw_para_body(w, p);
	rw_puts(w, "\n\n");
}

/* Exactly one newline at the end, as in every other output. */
static void md_tail(writer *w)
{
	while (w->rc == ACCORD_OK && w->out->size >= 2 && w->out->ptr[w->out->size - 1] == '\n' &&
	       w->out->ptr[w->out->size - 2] == '\n')
		w->out->ptr[--w->out->size] = '\0';
}

static const markup_ops markdown_ops = {md_head, md_section, md_para, "", {"", "\\[", ": ", "\\]\n\n", ""}, md_tail};

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
	"sup.ref{font-size:.7em;line-height:0}sup.ref a{text-decoration:none;color:inherit}\n"
	".id{font-family:\"Helvetica Neue\",Arial,\"Liberation Sans\",\"DejaVu Sans\",sans-serif;font-size:.78em;"
	"color:#5a5a5a}\n"
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
		rw_printf(w, ".c%zu{color:%s}.legend .c%zu .sw{background:%s}.b%zu{border-left-color:%s}\n", i, col, i, col, i,
			col);
	}
}

static void html_head(writer *w, const char *title)
{
	const accord_compilation *c = w->c;
	size_t i;

	rw_puts(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"accord "
		 ACCORD_VERSION_STRING "\">\n<title>");
	rw_html(w, title, strlen(title));
	rw_puts(w, "</title>\n<style>\n");
	rw_puts(w, html_css);
	html_party_css(w);
	rw_puts(w, "</style>\n</head>\n<body>\n<main>\n<header class=\"doc\">\n<div class=\"kicker\">Compilation of proposals</div>\n<h1>");
	rw_html(w, title, strlen(title));
	rw_puts(w, "</h1>\n<div class=\"meta\">Base text: ");
	{
		char name[256];
		const char *on = render_base_name(name, sizeof(name), c, 1);
		rw_html(w, on ? on : "(unnamed)", strlen(on ? on : "(unnamed)"));
	}
	rw_printf(w, " &middot; %zu parties &middot; %zu amendments &middot; Proposals have not been agreed.</div>\n",
		c->n_parties, accord_compilation_amendment_count(c));
	if (!w->b->anonymous)
		rw_puts(w, "<ul class=\"legend\">\n");
	for (i = 0; i < c->n_parties && !w->b->anonymous; i++) {
		const char *name = accord_compilation_party_name(c, i);
		const char *src = accord_compilation_party_source(c, i);
		rw_printf(w, "<li class=\"c%zu\"", i);
		if (src) {
			rw_puts(w, " title=\"");
			rw_attr(w, src);
			rw_puts(w, "\"");
		}
		rw_puts(w, "><span class=\"sw\"></span><b>");
		rw_html(w, c->parties[i].code, strlen(c->parties[i].code));
		rw_puts(w, "</b>");
		if (strcmp(name, c->parties[i].code) != 0) {
			rw_puts(w, " <span class=\"n\">");
			rw_html(w, name, strlen(name));
			rw_puts(w, "</span>");
		}
		rw_printf(w, " <span class=\"n\">(%zu)</span></li>\n", c->parties[i].n_amendments);
	}
	if (!w->b->anonymous)
		rw_puts(w, "</ul>\n");
	rw_puts(w, "<div class=\"keys\"><ins>underlined</ins>: proposed text &middot; <del>struck</del>: proposed deletion "
		 "&middot; numbered options: alternatives for the same words");
	rw_puts(w, w->b->anonymous ? "; the parties are not named</div>\n</header>\n"
				 : " &middot; hover a proposal for its sponsors and amendments</div>\n</header>\n");

	/* front matter */
	rw_puts(w, "<div class=\"front\">\n");
	if (render_find_field(c, "symbol") || accord_doc_meta(c->base, ACCORD_META_SYMBOL)) {
		rw_puts(w, "<div class=\"notes\">");
		rw_field_line(w, "symbol", "Document ");
		rw_puts(w, "</div>\n");
	}
	if (render_find_field(c, "source") || accord_doc_meta(c->base, ACCORD_META_SOURCE)) {
		rw_puts(w, "<div class=\"notes\">");
		rw_field_line(w, "source", "Source: ");
		rw_puts(w, "</div>\n");
	}
	{
		const accord_cmp_field *f = render_find_field(c, "notes");
		if (f != NULL || accord_doc_note_count(c->base) > 0) {
			rw_puts(w, "<div class=\"notes\">");
			if (f)
				rw_field_text(w, f);
			else
				for (i = 0; i < accord_doc_note_count(c->base); i++) {
					if (i)
						rw_puts(w, "<br>");
					rw_html(w, accord_doc_note(c->base, i), strlen(accord_doc_note(c->base, i)));
				}
			rw_puts(w, "</div>\n");
		}
	}
	if (render_find_field(c, "title") || accord_doc_meta(c->base, ACCORD_META_TITLE)) {
		rw_puts(w, "<div class=\"title\">");
		rw_field_line(w, "title", NULL);
		rw_puts(w, "</div>\n");
	}
	rw_puts(w, "</div>\n");
	if (render_find_field(c, "body") || accord_doc_meta(c->base, ACCORD_META_BODY)) {
		rw_puts(w, "<p class=\"body\">");
		rw_field_line(w, "body", NULL);
		rw_puts(w, "</p>\n");
	}
}

static void html_section(writer *w, const accord_cmp_section *s)
{
	char sid[48];
	rw_puts(w, "<section id=\"");
	rw_attr(w, render_section_id(sid, sizeof(sid), w->c, w->b, s));
	rw_puts(w, "\">\n");
	if (rw_section_has_heading(s)) {
		rw_puts(w, "<h2>");
		rw_section_heading(w, s);
		rw_puts(w, "</h2>\n");
	}
}

static void html_para(writer *w, const accord_cmp_para *p, size_t k, const char *label)
{
	char pid[48];
	size_t m;
	int relabelled = 0;
	(void)k;
	for (m = 0; m < p->n_marks; m++)
		relabelled |= p->marks[m].kind == ACCORD_MARK_RELABEL;
	rw_printf(w, "<div class=\"p d%u", p->depth > 3 ? 3 : p->depth);
	if (p->is_new)
		rw_printf(w, " new b%zu%s", p->n_parties ? rw_party_index(w, p->parties[0]) : 0, p->bis_index ? "" : " sub");
	rw_puts(w, "\" id=\"");
	rw_attr(w, render_para_id(pid, sizeof(pid), w->c, w->b, p));
	rw_printf(w, "\"><span class=\"lb%s\"", relabelled ? " rl" : "");
	rw_label_title(w, p);
	rw_puts(w, ">");
	rw_html(w, label, strlen(label));
	rw_relabels(w, p, label, 0);
	rw_puts(w, "</span><span class=\"tx\">");
	rw_para_body(w, p);
	rw_puts(w, "</span></div>\n");
}

static void html_tail(writer *w)
{
	rw_puts(w, "<footer>Prepared with accord " ACCORD_VERSION_STRING ". Original numbering kept; new paragraphs are "
		 "numbered between the originals (bis, ter ...). Nothing in this compilation is agreed.</footer>\n"
		 "</main>\n</body>\n</html>\n");
}

static const markup_ops html_ops = {html_head, html_section, html_para, "</section>\n",
	{"<div class=\"fn\">\n", "<p><sup>", "</sup> ", "</p>\n", "</div>\n"}, html_tail};

/* ---- the walk ------------------------------------------------------------------------------- */

static void walk(writer *w, const markup_ops *ops, const char *title)
{
	const accord_compilation *c = w->c;
	accord_buf label = ACCORD_BUF_INIT;
	size_t i, k;

	ops->head(w, title);
	for (i = 0; i < c->n_sections; i++) {
		const accord_cmp_section *s = &c->sections[i];
		ops->section(w, s);
		for (k = 0; k < s->n_paras; k++) {
			rw_para_label(w, &s->paras[k], &label);
			ops->para(w, &s->paras[k], k, label.size > 0 ? label.ptr : "");
		}
		rw_puts(w, ops->section_end);
	}
	rw_footnotes(w, &ops->footnotes);
	ops->tail(w);
	accord_buf_dispose(&label);
}

int render_markup(accord_buf *out, const accord_compilation *c, const accord_brackets *b, accord_format format,
	const char *title, int color, accord_error *err)
{
	writer w = {format, out, c, b, color, ACCORD_OK, 0, 0};
	walk(&w, format == ACCORD_FORMAT_TEXT ? &text_ops : format == ACCORD_FORMAT_MARKDOWN ? &markdown_ops : &html_ops,
		title);
	if (w.rc != ACCORD_OK)
		return accord_error_set(err, w.rc, "out of memory");
	return ACCORD_OK;
}
