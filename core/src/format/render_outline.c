/* render_outline.c: a document's structure for people to read (accord parse's default view). */
#include <string.h>

#include "accord/format.h"

/* Columns an outline line needs at least for the text, however deep it is. */
#define OUTLINE_MIN_TEXT 24

/* The number of UTF-8 code points in s[0..len) (a stand-in for columns). */
static size_t count_chars(const char *s, size_t len)
{
	size_t i, n = 0;
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/*
** Appends text on one line: line breaks and tabs become spaces, and when
** budget > 0 the text is cut after budget - 3 characters (never inside a
** UTF-8 sequence) and ends with "...".
*/
static int put_line_text(accord_buf *out, const char *text, size_t budget)
{
	size_t len = strlen(text), i, chars = 0, cut = len;
	int rc = ACCORD_OK;

	if (budget > 0 && count_chars(text, len) > budget) {
		size_t keep = budget > 3 ? budget - 3 : 1;
		for (i = 0; i < len; i++) {
			if (((unsigned char)text[i] & 0xC0) != 0x80) {
				if (chars == keep) {
					cut = i;
					break;
				}
				chars++;
			}
		}
		/* Do not leave a blank before the "...". */
		while (cut > 0 && text[cut - 1] == ' ')
			cut--;
	}
	for (i = 0; i < cut && rc == ACCORD_OK; i++) {
		char c = text[i];
		rc = accord_buf_putc(out, c == '\n' || c == '\t' || c == '\r' ? ' ' : c);
	}
	if (rc == ACCORD_OK && cut < len)
		rc = accord_buf_puts(out, "...");
	return rc;
}

static int put_field(accord_buf *out, const char *name, const char *value)
{
	int rc;
	if (value == NULL)
		return ACCORD_OK;
	rc = accord_buf_printf(out, "%-9s ", name);
	if (rc == ACCORD_OK)
		rc = put_line_text(out, value, 0);
	if (rc == ACCORD_OK)
		rc = accord_buf_putc(out, '\n');
	return rc;
}

/* The longest paragraph id, so that labels line up. */
static size_t widest_para_id(const accord_doc *doc)
{
	const accord_para *para = NULL;
	size_t widest = 0;
	while ((para = accord_doc_next_para(doc, para)) != NULL) {
		size_t len = strlen(accord_para_id(para));
		if (len > widest)
			widest = len;
	}
	return widest;
}

static int put_para(accord_buf *out, const accord_para *para, unsigned depth, size_t id_width, unsigned width)
{
	const char *label = accord_para_label(para);
	size_t before = out->size, used, budget = 0, i;
	int rc;

	rc = accord_buf_printf(out, "%*s%-*s  ", (int)(2 + 2 * depth), "", (int)id_width, accord_para_id(para));
	if (rc == ACCORD_OK && label != NULL && label[0] != '\0')
		rc = accord_buf_printf(out, "%s  ", label);
	if (rc != ACCORD_OK)
		return rc;
	if (width > 0) {
		used = count_chars(out->ptr + before, out->size - before);
		budget = used + OUTLINE_MIN_TEXT < width ? width - used : OUTLINE_MIN_TEXT;
	}
	rc = put_line_text(out, accord_para_text(para), budget);
	if (rc == ACCORD_OK)
		rc = accord_buf_putc(out, '\n');
	for (i = 0; rc == ACCORD_OK && i < accord_para_child_count(para); i++)
		rc = put_para(out, accord_para_child(para, i), depth + 1, id_width, width);
	return rc;
}

static int put_section(accord_buf *out, const accord_section *section, size_t id_width, unsigned width)
{
	const char *heading = accord_section_heading(section);
	const char *addressee = accord_section_addressee(section);
	accord_section_kind kind = accord_section_kind_of(section);
	size_t i;
	int rc;

	rc = accord_buf_printf(out, "%s  ", accord_section_id(section));
	if (rc == ACCORD_OK)
		rc = heading != NULL ? put_line_text(out, heading, 0) : accord_buf_puts(out, "(no heading)");
	if (rc == ACCORD_OK && kind != ACCORD_KIND_NONE)
		rc = accord_buf_printf(out, "  [%s", accord_section_kind_name(kind));
	if (rc == ACCORD_OK && kind != ACCORD_KIND_NONE && addressee != NULL)
		rc = accord_buf_printf(out, "; addressee: %s", addressee);
	if (rc == ACCORD_OK && kind != ACCORD_KIND_NONE)
		rc = accord_buf_putc(out, ']');
	if (rc == ACCORD_OK && kind == ACCORD_KIND_NONE && addressee != NULL)
		rc = accord_buf_printf(out, "  [addressee: %s]", addressee);
	if (rc == ACCORD_OK)
		rc = accord_buf_putc(out, '\n');
	for (i = 0; rc == ACCORD_OK && i < accord_section_para_count(section); i++)
		rc = put_para(out, accord_section_para(section, i), 0, id_width, width);
	return rc;
}

/*
** Appends the outline of doc to out: metadata, a count line, each section
** (id, heading, kind, addressee) with its paragraphs (id, label, the start of
** the text, indented by depth), footnotes and warnings. Paragraph lines are
** cut to `width` columns (0: never). For people, not for parsing back; on
** failure (ACCORD_ENOMEM, ACCORD_EINVAL) out may hold a partial outline.
*/
int accord_doc_render_outline(accord_buf *out, const accord_doc *doc, unsigned width)
{
	size_t i, n_sections, n_footnotes, n_warnings, id_width;
	int rc = ACCORD_OK;

	if (out == NULL || doc == NULL)
		return ACCORD_EINVAL;
	n_sections = accord_doc_section_count(doc);
	n_footnotes = accord_doc_footnote_count(doc);
	n_warnings = accord_doc_warning_count(doc);
	id_width = widest_para_id(doc);

	rc = put_field(out, "document", accord_doc_meta(doc, ACCORD_META_SYMBOL));
	if (rc == ACCORD_OK)
		rc = put_field(out, "source", accord_doc_meta(doc, ACCORD_META_SOURCE));
	for (i = 0; rc == ACCORD_OK && i < accord_doc_note_count(doc); i++)
		rc = put_field(out, "note", accord_doc_note(doc, i));
	if (rc == ACCORD_OK)
		rc = put_field(out, "title", accord_doc_meta(doc, ACCORD_META_TITLE));
	if (rc == ACCORD_OK)
		rc = put_field(out, "body", accord_doc_meta(doc, ACCORD_META_BODY));
	if (rc == ACCORD_OK)
		rc = accord_buf_printf(out, "%-9s %s: %zu section%s, %zu paragraph%s, %zu footnote%s, %zu warning%s\n",
			"mode", accord_doc_mode_name(accord_doc_mode_of(doc)), n_sections, n_sections == 1 ? "" : "s",
			accord_doc_para_total(doc), accord_doc_para_total(doc) == 1 ? "" : "s", n_footnotes,
			n_footnotes == 1 ? "" : "s", n_warnings, n_warnings == 1 ? "" : "s");
	for (i = 0; rc == ACCORD_OK && i < n_sections; i++) {
		rc = accord_buf_putc(out, '\n');
		if (rc == ACCORD_OK)
			rc = put_section(out, accord_doc_section(doc, i), id_width, width);
	}
	if (rc == ACCORD_OK && n_footnotes > 0)
		rc = accord_buf_puts(out, "\nfootnotes\n");
	for (i = 0; rc == ACCORD_OK && i < n_footnotes; i++) {
		const accord_footnote *footnote = accord_doc_footnote(doc, i);
		size_t before = out->size, used, budget = 0;
		rc = accord_buf_printf(out, "  [%s]  ", accord_footnote_number(footnote));
		if (rc == ACCORD_OK && width > 0) {
			used = count_chars(out->ptr + before, out->size - before);
			budget = used + OUTLINE_MIN_TEXT < width ? width - used : OUTLINE_MIN_TEXT;
		}
		if (rc == ACCORD_OK)
			rc = put_line_text(out, accord_footnote_text(footnote), budget);
		if (rc == ACCORD_OK)
			rc = accord_buf_putc(out, '\n');
	}
	if (rc == ACCORD_OK && n_warnings > 0)
		rc = accord_buf_puts(out, "\nwarnings\n");
	for (i = 0; rc == ACCORD_OK && i < n_warnings; i++) {
		unsigned line = 0, col = 0;
		const char *message = accord_doc_warning(doc, i, &line, &col);
		rc = accord_buf_printf(out, "  %u:%u  ", line, col);
		if (rc == ACCORD_OK)
			rc = put_line_text(out, message, 0);
		if (rc == ACCORD_OK)
			rc = accord_buf_putc(out, '\n');
	}
	return rc;
}
