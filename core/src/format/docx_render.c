/*
** docx_render.c: a document as a Word file (accord_doc_render_docx). The
** paragraphs are those of the canonical text (render_text.c), one Word
** paragraph for each line, so that accord's reader (docx.c) gives the
** canonical text back: labels as text and a tab, nested paragraphs
** indented, section headings in the heading styles (the phrases of a
** resolution in italics), footnotes as Word footnotes when their numbers
** are 1, 2 ... in the order of their references (as Word numbers them),
** else as the text's "[footnoteRef:N]" and "[N: text]". And a document
** against its base as Word tracked changes (accord_doc_render_docx_changes):
** the paragraphs aligned, then the words of changed ones.
*/
#include <stdio.h>
#include <string.h>

#include "accord/diff.h"
#include "accord/docx.h"
#include "accord/text.h"
#include "format/docx_int.h"
#include "format/docx_write_int.h"

/* One Word paragraph to write: a line of the canonical text (or a block, in the generic layout). */
typedef struct docx_unit {
	docx_write_style style;
	unsigned level; /* indent steps */
	int hanging;    /* a label hangs in the first step */
	int breaks;     /* a line break in the text is a w:br (else a blank) */
	size_t at, len; /* the text: label, tab, text, in the units' buffer */
} docx_unit;

typedef struct doc_writer {
	docx_writer w;
	const accord_doc *doc;
	int real_notes; /* footnote references as Word footnotes */
	int opinion;
	docx_unit *units; /* the paragraphs, before they are written */
	size_t n, cap;
	accord_buf text;  /* the units' texts, one after the other */
	int rc;           /* ACCORD_ENOMEM once a unit could not be kept */
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

/* Writes s[0..len): in real_notes, "[footnoteRef:N]" as Word footnote N. Line breaks: w:br when breaks, else blanks. */
static void put_text(doc_writer *d, const char *s, size_t len, int breaks)
{
	const char *from = s, *end = s + len;
	char *copy = NULL;
	if (d->real_notes) { /* strstr wants a terminated string */
		if ((copy = accord_strndup(s, len)) == NULL) {
			d->w.rc = ACCORD_ENOMEM;
			return;
		}
		from = s = copy;
		end = copy + len;
	}
	while (d->real_notes && (s = strstr(s, "[footnoteRef:")) != NULL) {
		unsigned long k;
		if (!footnote_ref_at(s, &k, &len) || k == 0 || k > accord_doc_footnote_count(d->doc)) {
			s++;
			continue;
		}
		docx_writer_text(&d->w, from, (size_t)(s - from), NULL, breaks);
		docx_writer_footnote(&d->w, accord_footnote_text(accord_doc_footnote(d->doc, k - 1)));
		s += len;
		from = s;
	}
	docx_writer_text(&d->w, from, (size_t)(end - from), NULL, breaks);
	accord_free(copy);
}

/* Starts a unit (its text follows with unit_put). */
static void unit_open(doc_writer *d, docx_write_style style, unsigned level, int hanging, int breaks)
{
	docx_unit *u;
	if (d->rc != ACCORD_OK)
		return;
	if ((d->rc = docx_grow((void **)&d->units, &d->cap, d->n + 1, sizeof(*d->units))) != ACCORD_OK)
		return;
	u = &d->units[d->n++];
	u->style = style;
	u->level = level;
	u->hanging = hanging;
	u->breaks = breaks;
	u->at = d->text.size;
	u->len = 0;
}

static void unit_put(doc_writer *d, const char *s)
{
	if (d->rc != ACCORD_OK || d->n == 0)
		return;
	if ((d->rc = accord_buf_puts(&d->text, s)) == ACCORD_OK)
		d->units[d->n - 1].len = d->text.size - d->units[d->n - 1].at;
}

/* One line of the front matter (symbol, source, notes, title, body): prefix then value. */
static void meta_line(doc_writer *d, docx_write_style style, const char *prefix, const char *value)
{
	if (value == NULL)
		return;
	unit_open(d, style, 0, 0, 0);
	unit_put(d, prefix);
	unit_put(d, value);
}

static void paras(doc_writer *d, const accord_section *s, const accord_para *parent)
{
	size_t i, n = parent != NULL ? accord_para_child_count(parent) : accord_section_para_count(s);
	for (i = 0; i < n; i++) {
		const accord_para *p = parent != NULL ? accord_para_child(parent, i) : accord_section_para(s, i);
		const char *label = accord_para_label(p), *text = accord_para_text(p);
		unsigned depth = accord_para_depth(p);
		/* the opinion layout: one line a paragraph; the generic one keeps line breaks */
		if (label != NULL) {
			unit_open(d, DOCX_W_NORMAL, depth + 1, 1, !d->opinion);
			unit_put(d, label);
			if (text[0] != '\0')
				unit_put(d, "\t");
		} else {
			unit_open(d, DOCX_W_NORMAL, depth > 0 ? depth + 1 : 0, 0, !d->opinion);
		}
		unit_put(d, text);
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
		/* the reader writes a line a paragraph in the opinion layout; in the generic one, where
		 * paragraphs are blocks, a definition stays in one, with line breaks */
		unit_open(d, DOCX_W_NORMAL, 0, 0, 1);
		unit_put(d, "[");
		unit_put(d, number);
		unit_put(d, ": ");
		for (;;) {
			const char *nl = strchr(line, '\n');
			size_t len = nl != NULL ? (size_t)(nl - line) : strlen(line);
			if (d->rc == ACCORD_OK && (d->rc = accord_buf_put(&d->text, line, len)) == ACCORD_OK)
				d->units[d->n - 1].len = d->text.size - d->units[d->n - 1].at;
			if (nl == NULL)
				break;
			if (d->opinion)
				unit_open(d, DOCX_W_NORMAL, 0, 0, 1);
			else
				unit_put(d, "\n");
			line = nl + 1;
		}
		unit_put(d, "]");
	}
}

/* Cuts doc into units (the Word paragraphs to write), in d. */
static int collect(doc_writer *d, const accord_doc *doc)
{
	size_t i;
	d->doc = doc;
	d->opinion = accord_doc_mode_of(doc) == ACCORD_MODE_OPINION;
	if (d->opinion) {
		/* the front matter as the canonical text writes it (generic texts have none) */
		meta_line(d, DOCX_W_NORMAL, "Document ", accord_doc_meta(doc, ACCORD_META_SYMBOL));
		meta_line(d, DOCX_W_NORMAL, "Source: ", accord_doc_meta(doc, ACCORD_META_SOURCE));
		for (i = 0; i < accord_doc_note_count(doc); i++)
			meta_line(d, DOCX_W_NORMAL, "", accord_doc_note(doc, i));
		meta_line(d, DOCX_W_TITLE, "", accord_doc_meta(doc, ACCORD_META_TITLE));
		meta_line(d, DOCX_W_NORMAL, "", accord_doc_meta(doc, ACCORD_META_BODY));
	}
	for (i = 0; i < accord_doc_section_count(doc); i++) {
		const accord_section *s = accord_doc_section(doc, i);
		const char *heading = accord_section_heading(s);
		if (heading != NULL)
			meta_line(d, d->opinion ? DOCX_W_PHRASE : DOCX_W_HEADING, "", heading);
		paras(d, s, NULL);
	}
	if (!d->real_notes)
		text_notes(d);
	return d->rc;
}

static void doc_writer_dispose(doc_writer *d)
{
	docx_writer_dispose(&d->w);
	accord_free(d->units);
	accord_buf_dispose(&d->text);
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
	d.real_notes = notes_are_real(doc, err, &rc);
	if (rc != ACCORD_OK)
		goto cleanup;
	if ((rc = collect(&d, doc)) != ACCORD_OK) {
		accord_error_set(err, rc, "out of memory");
		goto cleanup;
	}
	for (i = 0; i < d.n; i++) {
		const docx_unit *u = &d.units[i];
		docx_writer_para(&d.w, u->style, u->level, u->hanging);
		put_text(&d, d.text.ptr != NULL ? d.text.ptr + u->at : "", u->len, u->breaks);
	}
	rc = docx_writer_finish(&d.w, out, err);
cleanup:
	doc_writer_dispose(&d);
	return rc;
}

/* ---- tracked changes -------------------------------------------------------------------------- */

/* One token for each unit, over keys: its look and its text, so that equal tokens are equal paragraphs. */
static int unit_tokens(accord_token **out, accord_buf *keys, const doc_writer *d)
{
	size_t i;
	*out = NULL;
	if (d->n > 0 && (*out = accord_calloc(d->n, sizeof(**out))) == NULL)
		return ACCORD_ENOMEM;
	for (i = 0; i < d->n; i++) {
		const docx_unit *u = &d->units[i];
		size_t at = keys->size;
		if (accord_buf_printf(keys, "%d/%u/%d/%d|", (int)u->style, u->level, u->hanging, u->breaks) != ACCORD_OK ||
		    accord_buf_put(keys, d->text.ptr + u->at, u->len) != ACCORD_OK)
			return ACCORD_ENOMEM;
		(*out)[i].offset = (uint32_t)at;
		(*out)[i].length = (uint32_t)(keys->size - at);
		(*out)[i].hash = accord_hash_bytes(keys->ptr + at, keys->size - at);
		(*out)[i].kind = ACCORD_TOKEN_WORD;
	}
	return ACCORD_OK;
}

/* A unit inserted or deleted whole: its text and its mark. */
static void unit_whole(docx_writer *w, const doc_writer *d, const docx_unit *u, docx_write_rev rev, const char *author)
{
	docx_writer_para_rev(w, u->style, u->level, u->hanging, rev, author);
	docx_writer_text_rev(w, d->text.ptr + u->at, u->len, rev, author, u->breaks);
}

/* The bytes of tokens [from, from + n) of text. */
static void token_span(docx_writer *w, const char *text, const accord_token *t, size_t from, size_t n, docx_write_rev rev,
	const char *author, int breaks)
{
	size_t start, end;
	if (n == 0)
		return;
	start = t[from].offset;
	end = t[from + n - 1].offset + t[from + n - 1].length;
	docx_writer_text_rev(w, text + start, end - start, rev, author, breaks);
}

/* A unit of base changed into one of doc: one paragraph, its words deleted and inserted as the word diff says. */
static int unit_changed(docx_writer *w, const doc_writer *a, const docx_unit *ua, const doc_writer *b,
	const docx_unit *ub, const char *author, accord_error *err)
{
	const char *at = a->text.ptr + ua->at, *bt = b->text.ptr + ub->at;
	const accord_diff_hunk *h;
	const accord_token *ta, *tb;
	accord_diff *diff = NULL;
	size_t i, n;
	int rc;
	if ((rc = accord_diff_text(&diff, at, ua->len, bt, ub->len, NULL, err)) != ACCORD_OK)
		return rc;
	ta = accord_diff_side_tokens(diff, 0, NULL);
	tb = accord_diff_side_tokens(diff, 1, NULL);
	h = accord_diff_hunks(diff, &n);
	docx_writer_para(w, ub->style, ub->level, ub->hanging);
	for (i = 0; i < n; i++) {
		if (h[i].op == ACCORD_DIFF_EQUAL) {
			token_span(w, bt, tb, h[i].b_start, h[i].b_count, DOCX_REV_NONE, author, ub->breaks);
			continue;
		}
		token_span(w, at, ta, h[i].a_start, h[i].a_count, DOCX_REV_DEL, author, ub->breaks);
		token_span(w, bt, tb, h[i].b_start, h[i].b_count, DOCX_REV_INS, author, ub->breaks);
	}
	accord_diff_free(diff);
	return ACCORD_OK;
}

int accord_doc_render_docx_changes(accord_buf *out, const accord_doc *base, const accord_doc *doc, const char *author,
	accord_error *err)
{
	accord_diff_options opts = ACCORD_DIFF_OPTIONS_INIT;
	doc_writer a, b;
	accord_buf akeys = ACCORD_BUF_INIT, bkeys = ACCORD_BUF_INIT;
	accord_token *atok = NULL, *btok = NULL;
	accord_diff *diff = NULL;
	const accord_diff_hunk *h;
	size_t i, j, n;
	int rc;

	if (out == NULL || base == NULL || doc == NULL || author == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_render_docx_changes: NULL argument");
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	docx_writer_init(&b.w);
	/* footnotes as text on both sides: a reference is then text like any other */
	if ((rc = collect(&a, base)) != ACCORD_OK || (rc = collect(&b, doc)) != ACCORD_OK ||
	    (rc = accord_buf_putc(&a.text, '\0')) != ACCORD_OK || (rc = accord_buf_putc(&b.text, '\0')) != ACCORD_OK ||
	    (rc = unit_tokens(&atok, &akeys, &a)) != ACCORD_OK || (rc = unit_tokens(&btok, &bkeys, &b)) != ACCORD_OK) {
		accord_error_set(err, rc, "out of memory");
		goto cleanup;
	}
	/* the paragraphs aligned as they are: no clean-up joining changes across an equal paragraph */
	opts.flags = ACCORD_DIFF_RAW;
	if ((rc = accord_diff_tokens(&diff, akeys.ptr != NULL ? akeys.ptr : "", atok, a.n, bkeys.ptr != NULL ? bkeys.ptr : "",
		     btok, b.n, &opts, err)) != ACCORD_OK)
		goto cleanup;
	h = accord_diff_hunks(diff, &n);
	for (i = 0; i < n && rc == ACCORD_OK; i++) {
		size_t pairs = h[i].op == ACCORD_DIFF_EQUAL ? 0 : h[i].a_count < h[i].b_count ? h[i].a_count : h[i].b_count;
		if (h[i].op == ACCORD_DIFF_EQUAL) {
			for (j = 0; j < h[i].b_count; j++) {
				const docx_unit *u = &b.units[h[i].b_start + j];
				docx_writer_para(&b.w, u->style, u->level, u->hanging);
				docx_writer_text(&b.w, b.text.ptr + u->at, u->len, NULL, u->breaks);
			}
			continue;
		}
		for (j = 0; j < pairs && rc == ACCORD_OK; j++)
			rc = unit_changed(&b.w, &a, &a.units[h[i].a_start + j], &b, &b.units[h[i].b_start + j], author, err);
		for (j = pairs; j < h[i].a_count; j++)
			unit_whole(&b.w, &a, &a.units[h[i].a_start + j], DOCX_REV_DEL, author);
		for (j = pairs; j < h[i].b_count; j++)
			unit_whole(&b.w, &b, &b.units[h[i].b_start + j], DOCX_REV_INS, author);
	}
	if (rc == ACCORD_OK)
		rc = docx_writer_finish(&b.w, out, err);
cleanup:
	accord_diff_free(diff);
	accord_free(atok);
	accord_free(btok);
	accord_buf_dispose(&akeys);
	accord_buf_dispose(&bkeys);
	doc_writer_dispose(&a);
	doc_writer_dispose(&b);
	return rc;
}
