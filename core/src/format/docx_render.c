/*
** docx_render.c: a document as a Word file (accord_doc_render_docx). The
** paragraphs are those of the canonical text (render_text.c), one Word
** paragraph for each line, so that accord's reader (docx.c) gives the
** canonical text back: labels as text and a tab, nested paragraphs
** indented, section headings in the heading styles (the phrases of a
** resolution in italics), footnotes as Word footnotes when their numbers
** are 1, 2 ... in the order of their references (as Word numbers them),
** else as the text's "[footnoteRef:N]" and "[N: text]".
*/
#include <stdio.h>
#include <string.h>

#include "accord/docx.h"
#include "format/docx_write_int.h"

typedef struct doc_writer {
	docx_writer w;
	const accord_doc *doc;
	int real_notes; /* footnote references as Word footnotes */
	int opinion;
} doc_writer;

/* Whether s[0..] starts "[footnoteRef:N]": its number N (1 to 9 digits) in *n and its length in *len. */
static int footnote_ref_at(const char *s, unsigned long *n, size_t *len)
{
	size_t i = 13;
	if (strncmp(s, "[footnoteRef:", 13) != 0)
		return 0;
	*n = 0;
	while (s[i] >= '0' && s[i] <= '9' && i < 22)
		*n = *n * 10 + (unsigned long)(s[i++] - '0');
	if (i == 13 || s[i] != ']')
		return 0;
	*len = i + 1;
	return 1;
}

/*
** Whether the footnotes can be Word footnotes: numbered "1", "2" ... in
** order, none blank or holding a reference, and referenced exactly once
** each, in that order, in the canonical text (the order the reader numbers
** them in).
*/
static int notes_are_real(const accord_doc *doc, accord_error *err, int *rc)
{
	accord_buf text = ACCORD_BUF_INIT;
	size_t i, n = accord_doc_footnote_count(doc);
	unsigned long seen = 0;
	const char *s;
	int ok = 1;
	*rc = ACCORD_OK;
	if (n == 0)
		return 0;
	for (i = 0; i < n && ok; i++) {
		const accord_footnote *f = accord_doc_footnote(doc, i);
		char want[24];
		snprintf(want, sizeof(want), "%zu", i + 1);
		ok = strcmp(accord_footnote_number(f), want) == 0 && strstr(accord_footnote_text(f), "[footnoteRef:") == NULL &&
		     strspn(accord_footnote_text(f), " \t\n") < strlen(accord_footnote_text(f));
	}
	if (!ok)
		return 0;
	if ((*rc = accord_doc_render_text(&text, doc)) != ACCORD_OK) {
		accord_error_set(err, *rc, "out of memory");
		return 0;
	}
	for (s = text.ptr; ok && (s = strstr(s, "[footnoteRef:")) != NULL;) {
		unsigned long k;
		size_t len;
		if (footnote_ref_at(s, &k, &len)) {
			ok = k == seen + 1;
			seen = k;
			s += len;
		} else {
			s++;
		}
	}
	accord_buf_dispose(&text);
	return ok && seen == n;
}

/* Writes s: in real_notes, "[footnoteRef:N]" as Word footnote N. Line breaks: w:br when breaks, else blanks. */
static void put_text(doc_writer *d, const char *s, int breaks)
{
	const char *from = s;
	while (d->real_notes && (s = strstr(s, "[footnoteRef:")) != NULL) {
		unsigned long k;
		size_t len;
		if (!footnote_ref_at(s, &k, &len) || k == 0 || k > accord_doc_footnote_count(d->doc)) {
			s++;
			continue;
		}
		docx_writer_text(&d->w, from, (size_t)(s - from), NULL, breaks);
		docx_writer_footnote(&d->w, accord_footnote_text(accord_doc_footnote(d->doc, k - 1)));
		s += len;
		from = s;
	}
	docx_writer_text(&d->w, from, strlen(from), NULL, breaks);
}

/* One line of the front matter (symbol, source, notes, title, body): prefix then value. */
static void meta_line(doc_writer *d, docx_write_style style, const char *prefix, const char *value)
{
	if (value == NULL)
		return;
	docx_writer_para(&d->w, style, 0, 0);
	docx_writer_text(&d->w, prefix, strlen(prefix), NULL, 0);
	put_text(d, value, 0);
}

static void paras(doc_writer *d, const accord_section *s, const accord_para *parent)
{
	size_t i, n = parent != NULL ? accord_para_child_count(parent) : accord_section_para_count(s);
	for (i = 0; i < n; i++) {
		const accord_para *p = parent != NULL ? accord_para_child(parent, i) : accord_section_para(s, i);
		const char *label = accord_para_label(p), *text = accord_para_text(p);
		unsigned depth = accord_para_depth(p);
		if (label != NULL) {
			docx_writer_para(&d->w, DOCX_W_NORMAL, depth + 1, 1);
			docx_writer_text(&d->w, label, strlen(label), NULL, 0);
			if (text[0] != '\0')
				docx_writer_text(&d->w, "\t", 1, NULL, 0);
		} else {
			docx_writer_para(&d->w, DOCX_W_NORMAL, depth > 0 ? depth + 1 : 0, 0);
		}
		put_text(d, text, !d->opinion); /* the opinion layout: one line a paragraph */
		paras(d, s, p);
	}
}

/* The footnotes that are not Word footnotes: "[N: text]", as the canonical text writes them. */
static void text_notes(doc_writer *d)
{
	size_t i;
	for (i = 0; i < accord_doc_footnote_count(d->doc); i++) {
		const accord_footnote *f = accord_doc_footnote(d->doc, i);
		const char *number = accord_footnote_number(f), *line = accord_footnote_text(f);
		docx_writer_para(&d->w, DOCX_W_NORMAL, 0, 0);
		docx_writer_text(&d->w, "[", 1, NULL, 0);
		docx_writer_text(&d->w, number, strlen(number), NULL, 0);
		docx_writer_text(&d->w, ": ", 2, NULL, 0);
		for (;;) {
			const char *nl = strchr(line, '\n');
			size_t len = nl != NULL ? (size_t)(nl - line) : strlen(line);
			docx_writer_text(&d->w, line, len, NULL, 0);
			if (nl == NULL)
				break;
			/* the reader writes a line a paragraph in the opinion layout; in the generic one, where
			 * paragraphs are blocks, a definition must stay in one */
			if (d->opinion)
				docx_writer_para(&d->w, DOCX_W_NORMAL, 0, 0);
			else
				docx_writer_text(&d->w, "\n", 1, NULL, 1);
			line = nl + 1;
		}
		docx_writer_text(&d->w, "]", 1, NULL, 0);
	}
}

int accord_doc_render_docx(accord_buf *out, const accord_doc *doc, accord_error *err)
{
	doc_writer d;
	size_t i;
	int rc;

	if (out == NULL || doc == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_render_docx: NULL argument");
	memset(&d, 0, sizeof(d));
	docx_writer_init(&d.w);
	d.doc = doc;
	d.opinion = accord_doc_mode_of(doc) == ACCORD_MODE_OPINION;
	d.real_notes = notes_are_real(doc, err, &rc);
	if (rc != ACCORD_OK)
		goto cleanup;
	if (d.opinion) {
		/* the front matter as the canonical text writes it (generic texts have none) */
		meta_line(&d, DOCX_W_NORMAL, "Document ", accord_doc_meta(doc, ACCORD_META_SYMBOL));
		meta_line(&d, DOCX_W_NORMAL, "Source: ", accord_doc_meta(doc, ACCORD_META_SOURCE));
		for (i = 0; i < accord_doc_note_count(doc); i++)
			meta_line(&d, DOCX_W_NORMAL, "", accord_doc_note(doc, i));
		meta_line(&d, DOCX_W_TITLE, "", accord_doc_meta(doc, ACCORD_META_TITLE));
		meta_line(&d, DOCX_W_NORMAL, "", accord_doc_meta(doc, ACCORD_META_BODY));
	}
	for (i = 0; i < accord_doc_section_count(doc); i++) {
		const accord_section *s = accord_doc_section(doc, i);
		const char *heading = accord_section_heading(s);
		if (heading != NULL)
			meta_line(&d, d.opinion ? DOCX_W_PHRASE : DOCX_W_HEADING, "", heading);
		paras(&d, s, NULL);
	}
	if (!d.real_notes)
		text_notes(&d);
	rc = docx_writer_finish(&d.w, out, err);
cleanup:
	docx_writer_dispose(&d.w);
	return rc;
}
