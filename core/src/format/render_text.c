/*
** render_text.c: a document as canonical text, as Markdown and as HTML.
**
** The text form is canonical (docs/formats.md, "Text"): it is a pure
** function of the model, and parsing it again gives an equal document for
** every document the text parser produces. Markdown and HTML are for
** reading: they are not parsed back.
*/
#include <string.h>

#include "accord/format.h"
#include "model/doc_int.h"
#include "util/html_int.h"

/* ---- canonical text ------------------------------------------------------------- */

/* Writes s on one line: a newline inside becomes a space, so a text that
** came from elsewhere (YAML) cannot break the line structure. */
static int put_one_line(accord_buf *out, const char *s)
{
	const char *nl;
	while ((nl = strchr(s, '\n')) != NULL) {
		if (accord_buf_put(out, s, (size_t)(nl - s)) != ACCORD_OK || accord_buf_putc(out, ' ') != ACCORD_OK)
			return ACCORD_ENOMEM;
		s = nl + 1;
	}
	return accord_buf_puts(out, s);
}

static int text_paras_opinion(accord_buf *out, accord_para *const *paras, size_t n)
{
	size_t i;
	int rc;
	for (i = 0; i < n; i++) {
		const accord_para *p = paras[i];
		if (p->label != NULL) {
			if ((rc = accord_buf_puts(out, p->label)) != ACCORD_OK)
				return rc;
			if (p->text[0] != '\0' && (rc = accord_buf_putc(out, '\t')) != ACCORD_OK)
				return rc;
		}
		if ((rc = put_one_line(out, p->text)) != ACCORD_OK || (rc = accord_buf_putc(out, '\n')) != ACCORD_OK)
			return rc;
		if ((rc = text_paras_opinion(out, p->children, p->n_children)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

/* Generic mode: each paragraph a block; *first tells whether one was written. */
static int text_paras_generic(accord_buf *out, accord_para *const *paras, size_t n, int *first)
{
	size_t i;
	int rc;
	for (i = 0; i < n; i++) {
		const accord_para *p = paras[i];
		if (!*first && (rc = accord_buf_putc(out, '\n')) != ACCORD_OK)
			return rc;
		*first = 0;
		if (p->label != NULL) {
			if ((rc = accord_buf_puts(out, p->label)) != ACCORD_OK)
				return rc;
			if (p->text[0] != '\0' && (rc = accord_buf_putc(out, '\t')) != ACCORD_OK)
				return rc;
		}
		if ((rc = accord_buf_puts(out, p->text)) != ACCORD_OK || (rc = accord_buf_putc(out, '\n')) != ACCORD_OK)
			return rc;
		if ((rc = text_paras_generic(out, p->children, p->n_children, first)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

static int text_footnotes(accord_buf *out, const accord_doc *doc, int something_before)
{
	size_t i;
	int rc;
	if (doc->n_footnotes == 0)
		return ACCORD_OK;
	if (something_before && (rc = accord_buf_putc(out, '\n')) != ACCORD_OK)
		return rc;
	for (i = 0; i < doc->n_footnotes; i++) {
		const accord_footnote *f = doc->footnotes[i];
		if ((rc = accord_buf_printf(out, "[%s: %s]\n", f->number, f->text)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

static int render_text_opinion(accord_buf *out, const accord_doc *doc)
{
	size_t i;
	int rc, wrote = 0;
	if (doc->meta[ACCORD_META_SYMBOL] != NULL) {
		if ((rc = accord_buf_puts(out, "Document ")) != ACCORD_OK ||
		    (rc = put_one_line(out, doc->meta[ACCORD_META_SYMBOL])) != ACCORD_OK ||
		    (rc = accord_buf_putc(out, '\n')) != ACCORD_OK)
			return rc;
		wrote = 1;
	}
	if (doc->meta[ACCORD_META_SOURCE] != NULL) {
		if ((rc = accord_buf_puts(out, "Source: ")) != ACCORD_OK ||
		    (rc = put_one_line(out, doc->meta[ACCORD_META_SOURCE])) != ACCORD_OK ||
		    (rc = accord_buf_putc(out, '\n')) != ACCORD_OK)
			return rc;
		wrote = 1;
	}
	for (i = 0; i < doc->n_notes; i++) {
		if ((rc = put_one_line(out, doc->notes[i])) != ACCORD_OK || (rc = accord_buf_putc(out, '\n')) != ACCORD_OK)
			return rc;
		wrote = 1;
	}
	if (doc->meta[ACCORD_META_TITLE] != NULL) {
		if ((rc = put_one_line(out, doc->meta[ACCORD_META_TITLE])) != ACCORD_OK ||
		    (rc = accord_buf_putc(out, '\n')) != ACCORD_OK)
			return rc;
		wrote = 1;
	}
	if (doc->meta[ACCORD_META_BODY] != NULL) {
		if ((rc = put_one_line(out, doc->meta[ACCORD_META_BODY])) != ACCORD_OK ||
		    (rc = accord_buf_putc(out, '\n')) != ACCORD_OK)
			return rc;
		wrote = 1;
	}
	for (i = 0; i < doc->n_sections; i++) {
		const accord_section *s = doc->sections[i];
		if (wrote && (rc = accord_buf_putc(out, '\n')) != ACCORD_OK)
			return rc;
		if (s->heading != NULL) {
			if ((rc = accord_buf_putc(out, '\t')) != ACCORD_OK || (rc = put_one_line(out, s->heading)) != ACCORD_OK ||
			    (rc = accord_buf_putc(out, '\n')) != ACCORD_OK)
				return rc;
		}
		if ((rc = text_paras_opinion(out, s->paras, s->n_paras)) != ACCORD_OK)
			return rc;
		wrote = 1;
	}
	return text_footnotes(out, doc, wrote);
}

static int render_text_generic(accord_buf *out, const accord_doc *doc)
{
	size_t i;
	int rc, first = 1;
	for (i = 0; i < doc->n_sections; i++) {
		const accord_section *s = doc->sections[i];
		if (s->heading != NULL) {
			if (!first && (rc = accord_buf_putc(out, '\n')) != ACCORD_OK)
				return rc;
			if ((rc = accord_buf_puts(out, "# ")) != ACCORD_OK || (rc = put_one_line(out, s->heading)) != ACCORD_OK ||
			    (rc = accord_buf_putc(out, '\n')) != ACCORD_OK)
				return rc;
			first = 0;
		}
		if ((rc = text_paras_generic(out, s->paras, s->n_paras, &first)) != ACCORD_OK)
			return rc;
	}
	return text_footnotes(out, doc, !first);
}

int accord_doc_render_text(accord_buf *out, const accord_doc *doc)
{
	size_t mark;
	int rc;
	if (out == NULL || doc == NULL)
		return ACCORD_EINVAL;
	mark = out->size;
	rc = doc->mode == ACCORD_MODE_GENERIC ? render_text_generic(out, doc) : render_text_opinion(out, doc);
	if (rc != ACCORD_OK) {
		out->size = mark; /* leave out as it was */
		if (out->ptr)
			out->ptr[mark] = '\0';
	}
	return rc;
}

/* ---- Markdown ---------------------------------------------------------------------- */

/* Whether s starts with "[footnoteRef:N]"; *n and *len get the number span
** and the length of the whole reference. */
static int footnote_ref_at(const char *s, const char **num, size_t *num_len, size_t *len)
{
	size_t i = 13;
	if (strncmp(s, "[footnoteRef:", 13) != 0)
		return 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 13 || s[i] != ']')
		return 0;
	*num = s + 13;
	*num_len = i - 13;
	*len = i + 1;
	return 1;
}

/* Writes one line of text escaped for Markdown; at_start: the line opens a
** block, where '#', '-', '+', "1." and the like would mean something. */
static int md_escaped(accord_buf *out, const char *s, size_t len, int at_start)
{
	size_t i = 0;
	int rc;
	if (at_start && len > 0) {
		size_t d = 0;
		while (d < len && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d > 0 && d < len && (s[d] == '.' || s[d] == ')')) {
			if ((rc = accord_buf_put(out, s, d)) != ACCORD_OK || (rc = accord_buf_putc(out, '\\')) != ACCORD_OK)
				return rc;
			i = d;
		} else if (s[0] == '#' || s[0] == '-' || s[0] == '+' || s[0] == '=') {
			if ((rc = accord_buf_putc(out, '\\')) != ACCORD_OK)
				return rc;
		}
	}
	for (; i < len; i++) {
		const char *num;
		size_t num_len, ref_len;
		char c = s[i];
		if (c == '[' && footnote_ref_at(s + i, &num, &num_len, &ref_len) && i + ref_len <= len) {
			if ((rc = accord_buf_printf(out, "[^%.*s]", (int)num_len, num)) != ACCORD_OK)
				return rc;
			i += ref_len - 1;
			continue;
		}
		if (strchr("\\`*_[]<>&|", c) != NULL && (rc = accord_buf_putc(out, '\\')) != ACCORD_OK)
			return rc;
		if ((rc = accord_buf_putc(out, c)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

/* A paragraph of text, line breaks kept as hard breaks. */
static int md_block(accord_buf *out, const char *prefix, const char *cont, const char *label, const char *text)
{
	const char *line = text;
	int rc, first = 1;
	if ((rc = accord_buf_puts(out, prefix)) != ACCORD_OK)
		return rc;
	if (label != NULL) {
		if ((rc = md_escaped(out, label, strlen(label), 1)) != ACCORD_OK)
			return rc;
		if (text[0] != '\0' && (rc = accord_buf_putc(out, ' ')) != ACCORD_OK)
			return rc;
	}
	for (;;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (!first) {
			size_t k;
			if ((rc = accord_buf_puts(out, "\\\n")) != ACCORD_OK)
				return rc;
			if (cont != NULL && (rc = accord_buf_puts(out, cont)) != ACCORD_OK)
				return rc;
			for (k = 0; cont == NULL && prefix[k] != '\0'; k++) /* continuation lines align with the text */
				if ((rc = accord_buf_putc(out, ' ')) != ACCORD_OK)
					return rc;
		}
		if ((rc = md_escaped(out, line, len, !first || label == NULL)) != ACCORD_OK)
			return rc;
		first = 0;
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	return accord_buf_puts(out, "\n\n");
}

static int md_paras(accord_buf *out, accord_para *const *paras, size_t n, unsigned depth)
{
	char prefix[64];
	size_t i;
	int rc;
	if (depth == 0) {
		prefix[0] = '\0';
	} else {
		unsigned k, indent = (depth - 1) * 2;
		if (indent > 40)
			indent = 40;
		for (k = 0; k < indent; k++)
			prefix[k] = ' ';
		memcpy(prefix + indent, "- ", 3);
	}
	for (i = 0; i < n; i++) {
		if ((rc = md_block(out, prefix, NULL, paras[i]->label, paras[i]->text)) != ACCORD_OK)
			return rc;
		if ((rc = md_paras(out, paras[i]->children, paras[i]->n_children, depth + 1)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

static int render_markdown(accord_buf *out, const accord_doc *doc)
{
	size_t i;
	int rc;
	if (doc->meta[ACCORD_META_TITLE] != NULL) {
		if ((rc = accord_buf_puts(out, "# ")) != ACCORD_OK ||
		    (rc = md_escaped(out, doc->meta[ACCORD_META_TITLE], strlen(doc->meta[ACCORD_META_TITLE]), 0)) != ACCORD_OK ||
		    (rc = accord_buf_puts(out, "\n\n")) != ACCORD_OK)
			return rc;
	}
	if (doc->meta[ACCORD_META_SYMBOL] != NULL) {
		if ((rc = accord_buf_puts(out, "Document ")) != ACCORD_OK ||
		    (rc = md_escaped(out, doc->meta[ACCORD_META_SYMBOL], strlen(doc->meta[ACCORD_META_SYMBOL]), 0)) != ACCORD_OK ||
		    (rc = accord_buf_puts(out, "\n\n")) != ACCORD_OK)
			return rc;
	}
	if (doc->meta[ACCORD_META_SOURCE] != NULL) {
		if ((rc = accord_buf_puts(out, "Source: ")) != ACCORD_OK ||
		    (rc = md_escaped(out, doc->meta[ACCORD_META_SOURCE], strlen(doc->meta[ACCORD_META_SOURCE]), 0)) != ACCORD_OK ||
		    (rc = accord_buf_puts(out, "\n\n")) != ACCORD_OK)
			return rc;
	}
	for (i = 0; i < doc->n_notes; i++)
		if ((rc = md_block(out, "", NULL, NULL, doc->notes[i])) != ACCORD_OK)
			return rc;
	if (doc->meta[ACCORD_META_BODY] != NULL && (rc = md_block(out, "", NULL, NULL, doc->meta[ACCORD_META_BODY])) != ACCORD_OK)
		return rc;
	for (i = 0; i < doc->n_sections; i++) {
		const accord_section *s = doc->sections[i];
		if (s->heading != NULL) {
			if (doc->mode == ACCORD_MODE_GENERIC) {
				rc = accord_buf_puts(out, "## ");
				if (rc == ACCORD_OK)
					rc = md_escaped(out, s->heading, strlen(s->heading), 0);
				if (rc == ACCORD_OK)
					rc = accord_buf_puts(out, "\n\n");
			} else {
				/* ITU style: headings in italics */
				rc = accord_buf_putc(out, '*');
				if (rc == ACCORD_OK)
					rc = md_escaped(out, s->heading, strlen(s->heading), 0);
				if (rc == ACCORD_OK)
					rc = accord_buf_puts(out, "*\n\n");
			}
			if (rc != ACCORD_OK)
				return rc;
		}
		if ((rc = md_paras(out, s->paras, s->n_paras, 0)) != ACCORD_OK)
			return rc;
	}
	if (doc->n_footnotes > 0 && (rc = accord_buf_puts(out, "---\n\n")) != ACCORD_OK)
		return rc;
	for (i = 0; i < doc->n_footnotes; i++) {
		const accord_footnote *f = doc->footnotes[i];
		if ((rc = accord_buf_printf(out, "[^%s]: ", f->number)) != ACCORD_OK ||
		    (rc = md_block(out, "", "    ", NULL, f->text)) != ACCORD_OK)
			return rc;
	}
	/* exactly one newline at the end */
	while (out->size >= 2 && out->ptr[out->size - 1] == '\n' && out->ptr[out->size - 2] == '\n')
		out->ptr[--out->size] = '\0';
	return ACCORD_OK;
}

int accord_doc_render_markdown(accord_buf *out, const accord_doc *doc)
{
	size_t mark;
	int rc;
	if (out == NULL || doc == NULL)
		return ACCORD_EINVAL;
	mark = out->size;
	if ((rc = render_markdown(out, doc)) != ACCORD_OK) {
		out->size = mark;
		if (out->ptr)
			out->ptr[mark] = '\0';
	}
	return rc;
}

/* ---- HTML --------------------------------------------------------------------------- */

/* Text: a line break as <br> and a new line, or (breaks 0) as a blank. */
static int html_escaped(accord_buf *out, const char *s, size_t len, int breaks)
{
	return html_escape(out, s, len, breaks ? "<br>\n" : " ", HTML_APOS);
}

static int html_str(accord_buf *out, const char *s)
{
	return html_escaped(out, s, strlen(s), 0);
}

/* Text with footnote references as links and line breaks as <br>. */
static int html_text(accord_buf *out, const char *s)
{
	size_t i = 0, from = 0;
	int rc;
	while (s[i] != '\0') {
		const char *num;
		size_t num_len, ref_len;
		if (s[i] == '[' && footnote_ref_at(s + i, &num, &num_len, &ref_len)) {
			if ((rc = html_escaped(out, s + from, i - from, 1)) != ACCORD_OK)
				return rc;
			rc = accord_buf_printf(out, "<sup class=\"ref\"><a href=\"#fn-%.*s\" id=\"ref-%.*s\">%.*s</a></sup>",
				(int)num_len, num, (int)num_len, num, (int)num_len, num);
			if (rc != ACCORD_OK)
				return rc;
			i += ref_len;
			from = i;
			continue;
		}
		i++;
	}
	return html_escaped(out, s + from, i - from, 1);
}

static const char html_style[] =
	"  body { font-family: \"Times New Roman\", Times, serif; font-size: 12pt; line-height: 1.45;\n"
	"         max-width: 42em; margin: 2em auto; padding: 0 1.5em; color: #111; background: #fff; }\n"
	"  header .meta { margin: 0.1em 0; font-size: 0.95em; }\n"
	"  h1 { font-size: 1.25em; text-align: center; text-transform: none; margin: 1.2em 0; }\n"
	"  h2 { font-size: 1.1em; margin: 1.4em 0 0.6em; }\n"
	"  .body { margin: 1.2em 0; }\n"
	"  .heading { font-style: italic; margin: 1.1em 0 0.5em 2.5em; }\n"
	"  .para { position: relative; padding-left: 2.5em; margin: 0.45em 0; text-align: justify;\n"
	"          hyphens: auto; }\n"
	"  .para .label { position: absolute; left: 0; width: 2.4em; }\n"
	"  .children { margin-left: 2.5em; }\n"
	"  .generic p { margin: 0.6em 0; }\n"
	"  sup.ref { font-size: 0.7em; line-height: 0; }\n"
	"  sup.ref a { text-decoration: none; color: inherit; }\n"
	"  .footnotes { margin-top: 2em; border-top: 1px solid #999; padding-top: 0.5em; font-size: 0.9em; }\n"
	"  .footnotes p { position: relative; padding-left: 2em; margin: 0.4em 0; }\n"
	"  .footnotes .number { position: absolute; left: 0; }\n"
	"  @media print {\n"
	"    body { margin: 0; max-width: none; padding: 0; }\n"
	"    .para, .footnotes p { page-break-inside: avoid; }\n"
	"    .heading, h1, h2 { page-break-after: avoid; }\n"
	"    a { color: inherit; text-decoration: none; }\n"
	"  }\n";

static int html_paras(accord_buf *out, accord_para *const *paras, size_t n, int generic)
{
	size_t i;
	int rc;
	for (i = 0; i < n; i++) {
		const accord_para *p = paras[i];
		if (generic && p->label == NULL && p->n_children == 0) {
			if ((rc = accord_buf_puts(out, "<p id=\"")) != ACCORD_OK || (rc = html_str(out, p->id)) != ACCORD_OK ||
			    (rc = accord_buf_puts(out, "\">")) != ACCORD_OK || (rc = html_text(out, p->text)) != ACCORD_OK ||
			    (rc = accord_buf_puts(out, "</p>\n")) != ACCORD_OK)
				return rc;
			continue;
		}
		if ((rc = accord_buf_puts(out, "<div class=\"para\" id=\"")) != ACCORD_OK || (rc = html_str(out, p->id)) != ACCORD_OK ||
		    (rc = accord_buf_puts(out, "\">")) != ACCORD_OK)
			return rc;
		if (p->label != NULL) {
			if ((rc = accord_buf_puts(out, "<span class=\"label\">")) != ACCORD_OK || (rc = html_str(out, p->label)) != ACCORD_OK ||
			    (rc = accord_buf_puts(out, "</span>")) != ACCORD_OK)
				return rc;
		}
		if ((rc = html_text(out, p->text)) != ACCORD_OK || (rc = accord_buf_puts(out, "</div>\n")) != ACCORD_OK)
			return rc;
		if (p->n_children > 0) {
			if ((rc = accord_buf_puts(out, "<div class=\"children\">\n")) != ACCORD_OK ||
			    (rc = html_paras(out, p->children, p->n_children, generic)) != ACCORD_OK ||
			    (rc = accord_buf_puts(out, "</div>\n")) != ACCORD_OK)
				return rc;
		}
	}
	return ACCORD_OK;
}

static int html_meta_line(accord_buf *out, const char *cls, const char *prefix, const char *value)
{
	int rc;
	if (value == NULL)
		return ACCORD_OK;
	if ((rc = accord_buf_printf(out, "<p class=\"%s\">%s", cls, prefix)) != ACCORD_OK || (rc = html_text(out, value)) != ACCORD_OK)
		return rc;
	return accord_buf_puts(out, "</p>\n");
}

static int render_html(accord_buf *out, const accord_doc *doc)
{
	const char *title = doc->meta[ACCORD_META_TITLE];
	int generic = doc->mode == ACCORD_MODE_GENERIC, rc;
	size_t i;

	if ((rc = accord_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
				       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
				       "<meta name=\"generator\" content=\"accord " ACCORD_VERSION_STRING "\">\n<title>")) != ACCORD_OK)
		return rc;
	if (title == NULL)
		title = doc->meta[ACCORD_META_SYMBOL];
	if (title == NULL && doc->n_sections > 0 && doc->sections[0]->heading != NULL && generic)
		title = doc->sections[0]->heading;
	if ((rc = html_str(out, title ? title : (doc->origin ? doc->origin : "Document"))) != ACCORD_OK)
		return rc;
	if ((rc = accord_buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<article class=\"%s\">\n",
		     html_style, generic ? "generic" : "opinion")) != ACCORD_OK)
		return rc;
	if (doc->meta[ACCORD_META_SYMBOL] || doc->meta[ACCORD_META_SOURCE] || doc->n_notes || doc->meta[ACCORD_META_TITLE]) {
		if ((rc = accord_buf_puts(out, "<header>\n")) != ACCORD_OK ||
		    (rc = html_meta_line(out, "meta symbol", "Document ", doc->meta[ACCORD_META_SYMBOL])) != ACCORD_OK ||
		    (rc = html_meta_line(out, "meta source", "Source: ", doc->meta[ACCORD_META_SOURCE])) != ACCORD_OK)
			return rc;
		for (i = 0; i < doc->n_notes; i++)
			if ((rc = html_meta_line(out, "meta note", "", doc->notes[i])) != ACCORD_OK)
				return rc;
		if (doc->meta[ACCORD_META_TITLE] != NULL) {
			if ((rc = accord_buf_puts(out, "<h1>")) != ACCORD_OK || (rc = html_text(out, doc->meta[ACCORD_META_TITLE])) != ACCORD_OK ||
			    (rc = accord_buf_puts(out, "</h1>\n")) != ACCORD_OK)
				return rc;
		}
		if ((rc = accord_buf_puts(out, "</header>\n")) != ACCORD_OK)
			return rc;
	}
	if ((rc = html_meta_line(out, "body", "", doc->meta[ACCORD_META_BODY])) != ACCORD_OK)
		return rc;
	for (i = 0; i < doc->n_sections; i++) {
		const accord_section *s = doc->sections[i];
		if ((rc = accord_buf_puts(out, "<section id=\"")) != ACCORD_OK || (rc = html_str(out, s->id)) != ACCORD_OK ||
		    (rc = accord_buf_printf(out, "\" class=\"%s\">\n", accord_section_kind_name(s->kind))) != ACCORD_OK)
			return rc;
		if (s->heading != NULL) {
			rc = accord_buf_puts(out, generic ? "<h2>" : "<p class=\"heading\">");
			if (rc == ACCORD_OK)
				rc = html_text(out, s->heading);
			if (rc == ACCORD_OK)
				rc = accord_buf_puts(out, generic ? "</h2>\n" : "</p>\n");
			if (rc != ACCORD_OK)
				return rc;
		}
		if ((rc = html_paras(out, s->paras, s->n_paras, generic)) != ACCORD_OK ||
		    (rc = accord_buf_puts(out, "</section>\n")) != ACCORD_OK)
			return rc;
	}
	if (doc->n_footnotes > 0) {
		if ((rc = accord_buf_puts(out, "<section class=\"footnotes\">\n")) != ACCORD_OK)
			return rc;
		for (i = 0; i < doc->n_footnotes; i++) {
			const accord_footnote *f = doc->footnotes[i];
			if ((rc = accord_buf_puts(out, "<p id=\"fn-")) != ACCORD_OK || (rc = html_str(out, f->number)) != ACCORD_OK ||
			    (rc = accord_buf_puts(out, "\"><span class=\"number\">")) != ACCORD_OK ||
			    (rc = html_str(out, f->number)) != ACCORD_OK || (rc = accord_buf_puts(out, "</span>")) != ACCORD_OK ||
			    (rc = html_text(out, f->text)) != ACCORD_OK || (rc = accord_buf_puts(out, "</p>\n")) != ACCORD_OK)
				return rc;
		}
		if ((rc = accord_buf_puts(out, "</section>\n")) != ACCORD_OK)
			return rc;
	}
	return accord_buf_puts(out, "</article>\n</body>\n</html>\n");
}

int accord_doc_render_html(accord_buf *out, const accord_doc *doc)
{
	size_t mark;
	int rc;
	if (out == NULL || doc == NULL)
		return ACCORD_EINVAL;
	mark = out->size;
	if ((rc = render_html(out, doc)) != ACCORD_OK) {
		out->size = mark;
		if (out->ptr)
			out->ptr[mark] = '\0';
	}
	return rc;
}
