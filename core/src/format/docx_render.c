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
	const char *id; /* the paragraph's id, or a heading's section's (borrowed from the document); NULL for other lines */
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
	u->id = NULL;
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
		if (d->rc == ACCORD_OK)
			d->units[d->n - 1].id = accord_para_id(p);
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
		if (heading != NULL) {
			meta_line(d, d->opinion ? DOCX_W_PHRASE : DOCX_W_HEADING, "", heading);
			if (d->rc == ACCORD_OK)
				d->units[d->n - 1].id = accord_section_id(s); /* a heading goes by its section's id */
		}
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

/* ---- several parties' changes in one file ------------------------------------------------------ */

#define FATE_KEEP ((size_t)-1)   /* the party keeps the base paragraph as it is */
#define FATE_DELETE ((size_t)-2) /* the party deletes it */

/* One party's document against the base: its units, and what it does to each base unit and gap. */
typedef struct party_side {
	doc_writer d;
	accord_buf keys;     /* the units' keys (unit_tokens) */
	accord_token *tok;
	size_t *fate;        /* per base unit: FATE_KEEP, FATE_DELETE or the unit of d it becomes */
	size_t *ins_from;    /* per gap (before base unit g; n_a + 1 gaps): the units of d inserted there */
	size_t *ins_n;
} party_side;

/* The state of one merge (accord_doc_render_docx_parties). */
typedef struct merge {
	docx_writer w;
	doc_writer base;
	accord_buf base_keys;
	accord_token *base_tok;
	party_side *sides;
	const char *const *authors;
	size_t n;
	const char *separator; /* between the names of an author of several parties */
	const accord_docx_note *notes; /* to write as Word comments on their paragraphs */
	size_t n_notes;
	unsigned char *noted; /* n_notes flags: written */
	int started;          /* a paragraph was written (the notes on no paragraph go on the first) */
	unsigned char *set;    /* n flags: the parties of the author being written */
	unsigned char *done;   /* n flags: insertions written at this gap */
	size_t *next;          /* per party: its next paragraph to write of those inserted at a gap */
	accord_buf author;     /* the author of set */
} merge;

/* Whether unit i of a and unit j of b look the same (style, indent, hanging, breaks). */
static int same_look(const docx_unit *a, const docx_unit *b)
{
	return a->style == b->style && a->level == b->level && a->hanging == b->hanging && a->breaks == b->breaks;
}

/* The author of m->set: its parties' names joined by the separator ("USA, CAN"). NULL when the set is empty. */
static const char *set_author(merge *m)
{
	size_t p;
	int first = 1;
	accord_buf_clear(&m->author);
	for (p = 0; p < m->n; p++) {
		if (!m->set[p])
			continue;
		if ((!first && accord_buf_puts(&m->author, m->separator) != ACCORD_OK) ||
		    accord_buf_puts(&m->author, m->authors[p]) != ACCORD_OK) {
			m->w.rc = ACCORD_ENOMEM;
			return "";
		}
		first = 0;
	}
	return first ? NULL : m->author.ptr;
}

/* The notes on the paragraph just opened (id: its paragraph's, or NULL), each once. */
static void unit_notes(merge *m, const char *id)
{
	size_t i;
	for (i = 0; i < m->n_notes; i++) {
		const accord_docx_note *note = &m->notes[i];
		if (m->noted[i] || (note->paragraph != NULL ? id == NULL || strcmp(note->paragraph, id) != 0 : m->started))
			continue;
		m->noted[i] = 1;
		docx_writer_comment(&m->w, note->author, note->text);
	}
	m->started = 1;
}

/* A unit inserted or deleted whole, with its notes. */
static void merge_whole(merge *m, const doc_writer *d, const docx_unit *u, docx_write_rev rev, const char *author)
{
	docx_writer_para_rev(&m->w, u->style, u->level, u->hanging, rev, author);
	unit_notes(m, u->id);
	docx_writer_text_rev(&m->w, d->text.ptr + u->at, u->len, rev, author, u->breaks);
}

/* Reads party p's paragraph diff into its fates and insertions. */
static int side_fates(merge *m, party_side *s, const accord_diff *diff)
{
	const accord_diff_hunk *h;
	size_t i, j, n, na = m->base.n;
	if ((s->fate = accord_calloc(na + 1, sizeof(*s->fate))) == NULL ||
	    (s->ins_from = accord_calloc(na + 1, sizeof(*s->ins_from))) == NULL ||
	    (s->ins_n = accord_calloc(na + 1, sizeof(*s->ins_n))) == NULL)
		return ACCORD_ENOMEM;
	for (i = 0; i <= na; i++)
		s->fate[i] = FATE_KEEP;
	h = accord_diff_hunks(diff, &n);
	for (i = 0; i < n; i++) {
		size_t pairs = 0, gap = h[i].a_start + h[i].a_count;
		if (h[i].op == ACCORD_DIFF_EQUAL)
			continue;
		/* a base paragraph changed in place while the look stays; the rest deleted and inserted */
		while (pairs < h[i].a_count && pairs < h[i].b_count &&
		       same_look(&m->base.units[h[i].a_start + pairs], &s->d.units[h[i].b_start + pairs]))
			pairs++;
		for (j = 0; j < h[i].a_count; j++)
			s->fate[h[i].a_start + j] = j < pairs ? h[i].b_start + j : FATE_DELETE;
		if (h[i].b_count > pairs) {
			if (s->ins_n[gap] == 0)
				s->ins_from[gap] = h[i].b_start + pairs;
			s->ins_n[gap] += h[i].b_count - pairs; /* hunks at one gap are adjacent in b */
		}
	}
	return ACCORD_OK;
}

/* Whether unit i of party p and unit j of party q are the same paragraph (look and text). */
static int same_unit(const merge *m, size_t p, size_t i, size_t q, size_t j)
{
	const party_side *a = &m->sides[p], *b = &m->sides[q];
	const accord_token *x = &a->tok[i], *y = &b->tok[j];
	return x->length == y->length && memcmp(a->keys.ptr + x->offset, b->keys.ptr + y->offset, x->length) == 0;
}

/* Whether a unit equal to party p's unit i is among party q's insertions at gap g after the next one. */
static int inserted_later(const merge *m, size_t p, size_t i, size_t q, size_t g)
{
	const party_side *s = &m->sides[q];
	size_t k;
	for (k = m->next[q] + 1; k < s->ins_n[g]; k++)
		if (same_unit(m, p, i, q, s->ins_from[g] + k))
			return 1;
	return 0;
}

/*
** The paragraphs inserted at gap g, each party's in its order: a paragraph
** several parties insert alike (at the head of their runs) once, under the
** author naming them all; a paragraph that another party inserts further
** on waits for that party's paragraphs before it.
*/
static void merge_insertions(merge *m, size_t g)
{
	size_t p, q;
	memset(m->next, 0, m->n * sizeof(*m->next));
	for (;;) {
		size_t pick = m->n, first = m->n, unit;
		for (p = 0; p < m->n && pick == m->n; p++) {
			const party_side *s = &m->sides[p];
			int later = 0;
			if (m->next[p] >= s->ins_n[g])
				continue;
			if (first == m->n)
				first = p;
			for (q = 0; q < m->n && !later; q++)
				later = q != p && inserted_later(m, p, s->ins_from[g] + m->next[p], q, g);
			if (!later)
				pick = p;
		}
		if (first == m->n)
			break; /* every party's insertions written */
		if (pick == m->n)
			pick = first; /* they cross: the first party's first */
		unit = m->sides[pick].ins_from[g] + m->next[pick];
		memset(m->set, 0, m->n);
		for (q = pick; q < m->n; q++) {
			const party_side *s = &m->sides[q];
			if (m->next[q] < s->ins_n[g] && same_unit(m, pick, unit, q, s->ins_from[g] + m->next[q])) {
				m->set[q] = 1;
				m->next[q]++;
			}
		}
		merge_whole(m, &m->sides[pick].d, &m->sides[pick].d.units[unit], DOCX_REV_INS, set_author(m));
	}
}

/* The bytes of tokens [from, from + n) of a text of len bytes, to the next token's start (or the text's end). */
static void token_bytes(const accord_token *t, size_t n_tok, size_t len, size_t from, size_t n, size_t *start,
	size_t *end)
{
	*start = from == 0 ? 0 : t[from].offset;
	*end = from + n < n_tok ? t[from + n].offset : len;
}

/*
** Base unit g, changed by some parties: its words deleted under the author
** of the parties deleting them (once), each party's words inserted after
** them under its own (identical insertions once, under all of theirs), the
** paragraph mark deleted by the parties deleting the whole paragraph.
*/
static int merge_changed(merge *m, size_t g, accord_error *err)
{
	const docx_unit *u = &m->base.units[g];
	const char *text = m->base.text.ptr + u->at;
	accord_diff **diffs = NULL;
	const accord_token *ta = NULL;
	unsigned char *del = NULL, *run = NULL; /* n flags per base token; the run being written */
	size_t *ins_at = NULL, *ins_to = NULL;  /* per party and gap: the inserted bytes of its unit */
	size_t n_ta = 0, p, t, run_from = 0, n = m->n;
	int rc = ACCORD_ENOMEM, deleted;

	if ((diffs = accord_calloc(n, sizeof(*diffs))) == NULL || (run = accord_calloc(n, 1)) == NULL)
		goto cleanup;
	for (p = 0; p < n; p++) {
		size_t f = m->sides[p].fate[g];
		const docx_unit *ub;
		if (f == FATE_KEEP || f == FATE_DELETE)
			continue;
		ub = &m->sides[p].d.units[f];
		if ((rc = accord_diff_text(&diffs[p], text, u->len, m->sides[p].d.text.ptr + ub->at, ub->len, NULL, err)) !=
		    ACCORD_OK)
			goto cleanup;
		ta = accord_diff_side_tokens(diffs[p], 0, &n_ta); /* the same tokens for every party: the same text */
	}
	rc = ACCORD_ENOMEM;
	if ((del = accord_calloc((n_ta + 1) * n, 1)) == NULL || (ins_at = accord_calloc((n_ta + 1) * n, sizeof(size_t))) == NULL ||
	    (ins_to = accord_calloc((n_ta + 1) * n, sizeof(size_t))) == NULL)
		goto cleanup;
	for (p = 0; p < n; p++) {
		const accord_diff_hunk *h;
		const accord_token *tb;
		size_t i, nh, n_tb, f = m->sides[p].fate[g];
		if (f == FATE_DELETE)
			for (t = 0; t < n_ta; t++)
				del[t * n + p] = 1;
		if (diffs[p] == NULL)
			continue;
		tb = accord_diff_side_tokens(diffs[p], 1, &n_tb);
		h = accord_diff_hunks(diffs[p], &nh);
		for (i = 0; i < nh; i++) {
			size_t gap = h[i].a_start + h[i].a_count, from, to;
			if (h[i].op == ACCORD_DIFF_EQUAL)
				continue;
			for (t = h[i].a_start; t < gap; t++)
				del[t * n + p] = 1;
			if (h[i].b_count == 0)
				continue;
			token_bytes(tb, n_tb, m->sides[p].d.units[f].len, h[i].b_start, h[i].b_count, &from, &to);
			if (ins_to[gap * n + p] > ins_at[gap * n + p] && ins_to[gap * n + p] == from)
				from = ins_at[gap * n + p]; /* two hunks at one gap: one insertion */
			ins_at[gap * n + p] = from;
			ins_to[gap * n + p] = to;
		}
	}
	/* the paragraph mark: deleted by the parties deleting the paragraph */
	for (p = 0; p < n; p++)
		m->set[p] = m->sides[p].fate[g] == FATE_DELETE;
	{
		const char *author = set_author(m);
		docx_writer_para_rev(&m->w, u->style, u->level, u->hanging, author != NULL ? DOCX_REV_DEL : DOCX_REV_NONE,
			author);
		unit_notes(m, u->id);
		for (p = 0; p < n; p++) /* and on the paragraphs it becomes (a new one a party put in its place) */
			if (diffs[p] != NULL)
				unit_notes(m, m->sides[p].d.units[m->sides[p].fate[g]].id);
	}
	for (t = 0; t <= n_ta; t++) {
		/* the run of base tokens with the same deleters, written when they change or insertions follow */
		int has_ins = 0, same = t < n_ta && t > run_from && memcmp(run, del + t * n, n) == 0;
		for (p = 0; p < n && !has_ins; p++)
			has_ins = ins_to[t * n + p] > ins_at[t * n + p];
		if (t > run_from && (t == n_ta || has_ins || !same)) {
			size_t from, to;
			memcpy(m->set, run, n);
			token_bytes(ta, n_ta, u->len, run_from, t - run_from, &from, &to);
			deleted = memchr(run, 1, n) != NULL;
			docx_writer_text_rev(&m->w, text + from, to - from, deleted ? DOCX_REV_DEL : DOCX_REV_NONE,
				deleted ? set_author(m) : NULL, u->breaks);
			run_from = t;
		}
		if (has_ins) {
			memset(m->done, 0, n);
			for (p = 0; p < n; p++) {
				size_t q, at = ins_at[t * n + p], len = ins_to[t * n + p] - at;
				const char *s;
				if (m->done[p] || len == 0)
					continue; /* (a party that keeps or deletes the paragraph has no unit to read) */
				s = m->sides[p].d.text.ptr + m->sides[p].d.units[m->sides[p].fate[g]].at + at;
				memset(m->set, 0, n);
				for (q = p; q < n; q++) {
					size_t qat = ins_at[t * n + q], qlen = ins_to[t * n + q] - qat;
					const char *qs;
					if (m->done[q] || qlen != len)
						continue;
					qs = m->sides[q].d.text.ptr + m->sides[q].d.units[m->sides[q].fate[g]].at + qat;
					if (memcmp(s, qs, len) == 0)
						m->set[q] = m->done[q] = 1;
				}
				docx_writer_text_rev(&m->w, s, len, DOCX_REV_INS, set_author(m), u->breaks);
			}
		}
		if (t < n_ta && t == run_from)
			memcpy(run, del + t * n, n);
	}
	rc = m->w.rc;
	if (rc != ACCORD_OK)
		accord_error_set(err, rc, "out of memory");
cleanup:
	if (rc == ACCORD_ENOMEM && err != NULL && err->code == ACCORD_OK)
		accord_error_set(err, rc, "out of memory");
	for (p = 0; diffs != NULL && p < n; p++)
		accord_diff_free(diffs[p]);
	accord_free(diffs);
	accord_free(del);
	accord_free(run);
	accord_free(ins_at);
	accord_free(ins_to);
	return rc;
}

/* Base unit g: as it is, deleted whole, or with its words changed. */
static int merge_unit(merge *m, size_t g, accord_error *err)
{
	const docx_unit *u = &m->base.units[g];
	size_t p;
	int changed = 0, deleted = 0;
	for (p = 0; p < m->n; p++) {
		size_t f = m->sides[p].fate[g];
		changed |= f != FATE_KEEP && f != FATE_DELETE;
		deleted |= f == FATE_DELETE;
		m->set[p] = f == FATE_DELETE;
	}
	if (changed)
		return merge_changed(m, g, err);
	if (deleted) {
		merge_whole(m, &m->base, u, DOCX_REV_DEL, set_author(m));
		return ACCORD_OK;
	}
	docx_writer_para(&m->w, u->style, u->level, u->hanging);
	unit_notes(m, u->id);
	docx_writer_text(&m->w, m->base.text.ptr + u->at, u->len, NULL, u->breaks);
	return ACCORD_OK;
}

static void merge_dispose(merge *m)
{
	size_t p;
	docx_writer_dispose(&m->w);
	doc_writer_dispose(&m->base);
	accord_buf_dispose(&m->base_keys);
	accord_free(m->base_tok);
	for (p = 0; m->sides != NULL && p < m->n; p++) {
		party_side *s = &m->sides[p];
		doc_writer_dispose(&s->d);
		accord_buf_dispose(&s->keys);
		accord_free(s->tok);
		accord_free(s->fate);
		accord_free(s->ins_from);
		accord_free(s->ins_n);
	}
	accord_free(m->sides);
	accord_free(m->set);
	accord_free(m->done);
	accord_free(m->next);
	accord_free(m->noted);
	accord_buf_dispose(&m->author);
}

int accord_doc_render_docx_parties(accord_buf *out, const accord_doc *base, const accord_doc *const *docs,
	const char *const *authors, size_t n, const accord_docx_note *notes, size_t n_notes, accord_error *err)
{
	accord_diff_options opts = ACCORD_DIFF_OPTIONS_INIT;
	accord_diff *diff = NULL;
	merge m;
	size_t p, g;
	int rc;

	if (out == NULL || base == NULL || (n > 0 && (docs == NULL || authors == NULL)) || (n_notes > 0 && notes == NULL))
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_render_docx_parties: NULL argument");
	for (p = 0; p < n_notes; p++)
		if (notes[p].author == NULL || notes[p].text == NULL)
			return accord_error_set(err, ACCORD_EINVAL, "accord_doc_render_docx_parties: NULL argument");
	for (p = 0; p < n; p++)
		if (docs[p] == NULL || authors[p] == NULL)
			return accord_error_set(err, ACCORD_EINVAL, "accord_doc_render_docx_parties: NULL argument");
	memset(&m, 0, sizeof(m));
	docx_writer_init(&m.w);
	m.authors = authors;
	m.n = n;
	m.separator = ", ";
	m.notes = notes;
	m.n_notes = n_notes;
	for (p = 0; p < n; p++)
		if (strchr(authors[p], ',') != NULL)
			m.separator = "; "; /* "Korea, Republic of; Japan" */
	rc = ACCORD_ENOMEM;
	if (n > 0 && ((m.sides = accord_calloc(n, sizeof(*m.sides))) == NULL || (m.set = accord_calloc(n, 1)) == NULL ||
		      (m.done = accord_calloc(n, 1)) == NULL || (m.next = accord_calloc(n, sizeof(*m.next))) == NULL))
		goto nomem;
	if (n_notes > 0 && (m.noted = accord_calloc(n_notes, 1)) == NULL)
		goto nomem;
	/* footnotes as text on every side, as accord_doc_render_docx_changes writes them */
	if ((rc = collect(&m.base, base)) != ACCORD_OK || (rc = accord_buf_putc(&m.base.text, '\0')) != ACCORD_OK ||
	    (rc = unit_tokens(&m.base_tok, &m.base_keys, &m.base)) != ACCORD_OK)
		goto nomem;
	opts.flags = ACCORD_DIFF_RAW;
	for (p = 0; p < n; p++) {
		party_side *s = &m.sides[p];
		if ((rc = collect(&s->d, docs[p])) != ACCORD_OK || (rc = accord_buf_putc(&s->d.text, '\0')) != ACCORD_OK ||
		    (rc = unit_tokens(&s->tok, &s->keys, &s->d)) != ACCORD_OK)
			goto nomem;
		if ((rc = accord_diff_tokens(&diff, m.base_keys.ptr != NULL ? m.base_keys.ptr : "", m.base_tok, m.base.n,
			     s->keys.ptr != NULL ? s->keys.ptr : "", s->tok, s->d.n, &opts, err)) != ACCORD_OK)
			goto cleanup;
		rc = side_fates(&m, s, diff);
		accord_diff_free(diff);
		diff = NULL;
		if (rc != ACCORD_OK)
			goto nomem;
	}
	for (g = 0; g <= m.base.n && rc == ACCORD_OK; g++) {
		merge_insertions(&m, g);
		if (g < m.base.n)
			rc = merge_unit(&m, g, err);
	}
	if (rc == ACCORD_OK && m.w.rc != ACCORD_OK)
		goto nomem;
	if (rc == ACCORD_OK)
		rc = docx_writer_finish(&m.w, out, err);
	goto cleanup;
nomem:
	rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
cleanup:
	accord_diff_free(diff);
	merge_dispose(&m);
	return rc;
}
