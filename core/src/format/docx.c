/*
** docx.c: a .docx as accord reads it: the parts are read (docx_zip.c),
** parsed (docx_xml.c) and walked (docx_body.c); here the walk becomes
** text. A view accepts the tracked changes of some authors and rejects the
** others': the accepted view (all accepted) is the file's proposed text,
** the original view (none accepted) the text it was marked up on, and
** accord_docx_text_by one author's proposal. Each view is written as
** accord plain text, so it goes through the same parser as a text file
** with the same content, and gives the same document.
*/
#include <string.h>
#include <strings.h>

#include "accord/text.h"
#include "format/docx_int.h"
#include "util/jsonw_int.h"

/* ---- reading ----------------------------------------------------------------------------- */

static void paras_dispose(docx_paras *paras)
{
	size_t i, j;
	for (i = 0; i < paras->n; i++) {
		docx_para *p = &paras->v[i];
		for (j = 0; j < p->n_segs; j++)
			accord_free(p->segs[j].text);
		for (j = 0; j < p->n_anchors; j++)
			accord_free(p->anchors[j].id);
		accord_free(p->segs);
		accord_free(p->anchors);
		accord_free(p->style);
	}
	accord_free(paras->v);
}

void accord_docx_free(accord_docx *docx)
{
	size_t i;
	if (docx == NULL)
		return;
	paras_dispose(&docx->body);
	for (i = 0; i < docx->n_footnotes; i++) {
		accord_free(docx->footnotes[i].id);
		paras_dispose(&docx->footnotes[i].paras);
	}
	for (i = 0; i < docx->n_authors; i++) {
		accord_free(docx->authors[i]);
		accord_free(docx->dates[i]);
	}
	for (i = 0; i < docx->n_changes; i++)
		accord_free((char *)docx->changes[i].text);
	for (i = 0; i < docx->n_comments; i++) {
		docx_text_comment *c = &docx->comments[i];
		accord_free(c->id);
		accord_free(c->author);
		accord_free(c->date);
		accord_free(c->text);
		accord_free(c->quoted);
		accord_free(c->party);
	}
	for (i = 0; i < docx->n_warnings; i++)
		accord_free(docx->warnings[i]);
	accord_free(docx->footnotes);
	accord_free(docx->authors);
	accord_free(docx->dates);
	accord_free(docx->public_authors);
	accord_free(docx->changes);
	accord_free(docx->comments);
	accord_free(docx->warnings);
	accord_free(docx->name);
	docx_numbering_free(docx->numbering);
	accord_buf_dispose(&docx->accepted);
	accord_buf_dispose(&docx->original);
	accord_free(docx);
}

/* Reads and parses one part; *out stays NULL when the file has no such part. */
static int read_part(xmlDoc **out, docx_zip *zip, accord_buf *scratch, const char *name, const char *part,
	accord_error *err)
{
	int found, rc;
	*out = NULL;
	if ((rc = docx_zip_read(scratch, &found, zip, part, err)) != ACCORD_OK || !found)
		return rc;
	rc = docx_xml_parse(out, scratch->ptr != NULL ? scratch->ptr : "", scratch->size, name, part, err);
	accord_buf_dispose(scratch); /* the bytes are in the tree now: memory goes to one copy at a time */
	return rc;
}

/* The accepted-view text between each comment's anchors, and the paragraph where it starts. */
static int anchor_comments(accord_docx *docx)
{
	size_t i, j, k;
	for (k = 0; k < docx->n_comments; k++) {
		docx_text_comment *c = &docx->comments[k];
		accord_buf quoted = ACCORD_BUF_INIT;
		int open = 0, done = 0;
		for (i = 0; i < docx->body.n && !done; i++) {
			docx_para *p = &docx->body.v[i];
			size_t a = 0;
			for (j = 0; j <= p->n_segs && !done; j++) {
				for (; a < p->n_anchors && p->anchors[a].seg == j; a++) {
					if (strcmp(p->anchors[a].id, c->id) != 0)
						continue;
					if (p->anchors[a].start && !open) {
						open = 1;
						c->pub.para = i;
					} else if (!p->anchors[a].start && open) {
						done = 1;
					}
				}
				if (done || !open || j == p->n_segs)
					continue;
				if (p->segs[j].kind == DOCX_SEG_TEXT && p->segs[j].del < 0 &&
				    accord_buf_puts(&quoted, p->segs[j].text) != ACCORD_OK)
					goto nomem;
			}
			if (open && !done && quoted.size > 0 && accord_buf_putc(&quoted, '\n') != ACCORD_OK)
				goto nomem;
		}
		accord_free(c->quoted);
		c->quoted = accord_buf_detach(&quoted);
		if (c->quoted == NULL)
			return ACCORD_ENOMEM;
		continue;
	nomem:
		accord_buf_dispose(&quoted);
		return ACCORD_ENOMEM;
	}
	return ACCORD_OK;
}

static void publish_comments(accord_docx *docx)
{
	size_t i;
	for (i = 0; i < docx->n_comments; i++) {
		docx_text_comment *c = &docx->comments[i];
		c->pub.author = c->author;
		c->pub.date = c->date;
		c->pub.text = c->text;
		c->pub.quoted = c->quoted;
		c->pub.party = c->party;
		c->pub.line = c->pub.para < docx->body.n ? docx->body.v[c->pub.para].line : 0;
	}
}

/* The authors of changes to the text (not formatting only), in order of appearance. */
static int list_public_authors(accord_docx *docx)
{
	size_t i, j;
	if (docx->n_authors == 0)
		return ACCORD_OK;
	if ((docx->public_authors = accord_calloc(docx->n_authors, sizeof(int))) == NULL)
		return ACCORD_ENOMEM;
	for (i = 0; i < docx->n_changes; i++) {
		const accord_docx_change *c = &docx->changes[i];
		if (c->kind == ACCORD_DOCX_FORMAT)
			continue;
		for (j = 0; j < docx->n_authors; j++)
			if (docx->authors[j] == c->author)
				break;
		if (j == docx->n_authors)
			continue;
		{
			size_t k;
			int seen = 0;
			for (k = 0; k < docx->n_public_authors; k++)
				seen |= docx->public_authors[k] == (int)j;
			if (!seen)
				docx->public_authors[docx->n_public_authors++] = (int)j;
		}
	}
	return ACCORD_OK;
}

int accord_docx_read(accord_docx **out, const char *data, size_t len, const char *name, const accord_vocab *vocab,
	accord_error *err)
{
	accord_buf scratch = ACCORD_BUF_INIT;
	xmlDoc *document = NULL, *numbering = NULL, *styles = NULL, *footnotes = NULL, *comments = NULL;
	docx_zip *zip = NULL;
	accord_docx *docx = NULL;
	unsigned char *all = NULL;
	int rc;

	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_docx_read: NULL out");
	*out = NULL;
	if (data == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_docx_read: NULL data");
	if (name == NULL)
		name = "-";
	if ((rc = docx_zip_open(&zip, data, len, name, err)) != ACCORD_OK)
		return rc;
	rc = ACCORD_ENOMEM;
	if ((docx = accord_calloc(1, sizeof(*docx))) == NULL || (docx->name = accord_strdup(name)) == NULL ||
	    docx_numbering_new(&docx->numbering) != ACCORD_OK)
		goto nomem;
	docx->vocab = vocab;
	if ((rc = read_part(&document, zip, &scratch, name, "word/document.xml", err)) != ACCORD_OK)
		goto cleanup;
	if (document == NULL) {
		rc = accord_error_set(err, ACCORD_EPARSE, "not a Word document: the zip has no word/document.xml");
		accord_error_at(err, name, 0, 0);
		goto cleanup;
	}
	if ((rc = read_part(&numbering, zip, &scratch, name, "word/numbering.xml", err)) != ACCORD_OK ||
	    (rc = read_part(&styles, zip, &scratch, name, "word/styles.xml", err)) != ACCORD_OK ||
	    (rc = read_part(&footnotes, zip, &scratch, name, "word/footnotes.xml", err)) != ACCORD_OK ||
	    (rc = read_part(&comments, zip, &scratch, name, "word/comments.xml", err)) != ACCORD_OK)
		goto cleanup;
	if ((rc = docx_numbering_load(docx->numbering, numbering, styles)) != ACCORD_OK)
		goto nomem;
	rc = docx_body_read(docx, document, footnotes);
	/* the walk copied what it needs: the trees go before the texts are made */
	xmlFreeDoc(document);
	xmlFreeDoc(footnotes);
	document = footnotes = NULL;
	if (rc == ACCORD_EPARSE) {
		accord_error_set(err, rc, "word/document.xml is not a Word document body");
		accord_error_at(err, name, 0, 0);
		goto cleanup;
	}
	if (rc != ACCORD_OK || (rc = docx_comments_read(docx, comments)) != ACCORD_OK ||
	    (rc = anchor_comments(docx)) != ACCORD_OK || (rc = list_public_authors(docx)) != ACCORD_OK)
		goto nomem;
	if (docx->n_authors > 0 && (all = accord_malloc(docx->n_authors)) == NULL)
		goto nomem;
	if (all != NULL)
		memset(all, 1, docx->n_authors);
	if ((rc = docx_render(&docx->original, docx, NULL, 0, 0)) != ACCORD_OK ||
	    (rc = docx_render(&docx->accepted, docx, all, 1, 0)) != ACCORD_OK)
		goto nomem;
	publish_comments(docx);
	*out = docx;
	docx = NULL;
	rc = ACCORD_OK;
	goto cleanup;
nomem:
	rc = ACCORD_ENOMEM;
	accord_error_set(err, rc, "out of memory");
cleanup:
	accord_free(all);
	xmlFreeDoc(document);
	xmlFreeDoc(numbering);
	xmlFreeDoc(styles);
	xmlFreeDoc(footnotes);
	xmlFreeDoc(comments);
	accord_buf_dispose(&scratch);
	docx_zip_close(zip);
	accord_docx_free(docx);
	return rc;
}

/* ---- rendering a view ------------------------------------------------------------------------ */

static int seg_shown(const docx_seg *s, const unsigned char *acc)
{
	return (s->ins < 0 || (acc != NULL && acc[s->ins])) && (s->del < 0 || acc == NULL || !acc[s->del]);
}

static int mark_shown(const docx_para *p, const unsigned char *acc)
{
	return (p->mark_ins < 0 || (acc != NULL && acc[p->mark_ins])) &&
	       (p->mark_del < 0 || acc == NULL || !acc[p->mark_del]);
}

/* One paragraph of a view: the file's paragraphs first..last joined (their marks but the last's gone). */
typedef struct view_line {
	size_t first, last;
	char *label;  /* NULL when none */
	char *text;
	int heading;  /* as docx_style_heading */
} view_line;

typedef struct view {
	view_line *v;
	size_t n, cap;
	const char **refs; /* footnote ids in order of reference: footnote i+1 */
	size_t n_refs, cap_refs;
} view;

static void view_dispose(view *vw)
{
	size_t i;
	for (i = 0; i < vw->n; i++) {
		accord_free(vw->v[i].label);
		accord_free(vw->v[i].text);
	}
	accord_free(vw->v);
	accord_free(vw->refs);
}

/* Appends the shown text of p; a footnote reference becomes "[footnoteRef:N]" (numbered in the view). */
static int para_text(accord_buf *out, const docx_para *p, const unsigned char *acc, view *vw)
{
	size_t i;
	int rc = ACCORD_OK;
	for (i = 0; i < p->n_segs && rc == ACCORD_OK; i++) {
		const docx_seg *s = &p->segs[i];
		if (!seg_shown(s, acc))
			continue;
		if (s->kind == DOCX_SEG_TEXT) {
			rc = accord_buf_puts(out, s->text);
			continue;
		}
		if (vw == NULL)
			continue;
		if (docx_grow((void **)&vw->refs, &vw->cap_refs, vw->n_refs + 1, sizeof(*vw->refs)) != ACCORD_OK)
			return ACCORD_ENOMEM;
		vw->refs[vw->n_refs++] = s->text;
		rc = accord_buf_printf(out, "[footnoteRef:%zu]", vw->n_refs);
	}
	return rc;
}

/* Whether s holds nothing but blanks. */
static int blank_only(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Cuts the view's paragraphs and gives them their labels (numbering counts only what the view shows). */
static int build_view(view *vw, accord_docx *docx, const unsigned char *acc)
{
	accord_buf text = ACCORD_BUF_INIT, label = ACCORD_BUF_INIT;
	size_t i, first = 0;
	int rc = ACCORD_OK;
	docx_numbering_reset(docx->numbering);
	for (i = 0; i < docx->body.n && rc == ACCORD_OK; i++) {
		const docx_para *last = &docx->body.v[i];
		int num_id, ilvl;
		view_line *l;
		if ((rc = para_text(&text, last, acc, vw)) != ACCORD_OK)
			break;
		if (!mark_shown(last, acc) && i + 1 < docx->body.n)
			continue; /* joined to the next paragraph in this view */
		if (blank_only(text.ptr != NULL ? text.ptr : "")) {
			accord_buf_clear(&text);
			first = i + 1;
			continue;
		}
		/* the paragraph mark that stays is the last one: its properties are the paragraph's */
		num_id = last->num_id;
		ilvl = last->ilvl;
		if (num_id == 0)
			docx_style_numbering(docx->numbering, last->style, &num_id, &ilvl);
		accord_buf_clear(&label);
		if (num_id > 0 && (rc = docx_numbering_next(&label, docx->numbering, num_id, ilvl)) != ACCORD_OK)
			break;
		if (docx_grow((void **)&vw->v, &vw->cap, vw->n + 1, sizeof(*vw->v)) != ACCORD_OK) {
			rc = ACCORD_ENOMEM;
			break;
		}
		l = &vw->v[vw->n];
		memset(l, 0, sizeof(*l));
		vw->n++;
		l->first = first;
		l->last = i;
		l->heading = docx_style_heading(docx->numbering, last->style);
		if ((l->text = accord_buf_detach(&text)) == NULL ||
		    (label.size > 0 && (l->label = accord_strndup(label.ptr, label.size)) == NULL))
			rc = ACCORD_ENOMEM;
		first = i + 1;
	}
	accord_buf_dispose(&text);
	accord_buf_dispose(&label);
	return rc;
}

/* Appends s with its blanks at both ends removed; in opinion layout, line breaks become spaces. */
static int put_trimmed(accord_buf *out, const char *s, int one_line)
{
	size_t len = strlen(s), i;
	int rc;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		s++;
		len--;
	}
	size_t at = out->size;
	if ((rc = accord_buf_put(out, s, len)) != ACCORD_OK || !one_line)
		return rc;
	for (i = at; i < out->size; i++)
		if (out->ptr[i] == '\n' || out->ptr[i] == '\r')
			out->ptr[i] = ' ';
	return rc;
}

/* The number of line breaks in b[from..size), so that the line count grows as the text does. */
static size_t count_breaks(const accord_buf *b, size_t from)
{
	size_t i, n = 0;
	for (i = from; i < b->size; i++)
		n += b->ptr[i] == '\n';
	return n;
}

static const docx_footnote *find_footnote(const accord_docx *docx, const char *id)
{
	size_t i;
	for (i = 0; i < docx->n_footnotes; i++)
		if (strcmp(docx->footnotes[i].id, id) == 0)
			return &docx->footnotes[i];
	return NULL;
}

static int render_footnotes(accord_buf *out, const accord_docx *docx, const unsigned char *acc, const view *vw)
{
	accord_buf text = ACCORD_BUF_INIT;
	size_t i, j;
	int rc = ACCORD_OK;
	for (i = 0; i < vw->n_refs && rc == ACCORD_OK; i++) {
		const docx_footnote *f = find_footnote(docx, vw->refs[i]);
		if (f == NULL)
			continue;
		accord_buf_clear(&text);
		for (j = 0; j < f->paras.n && rc == ACCORD_OK; j++) {
			size_t before = text.size;
			if (text.size > 0)
				rc = accord_buf_putc(&text, '\n');
			if (rc == ACCORD_OK)
				rc = para_text(&text, &f->paras.v[j], acc, NULL);
			if (rc == ACCORD_OK && blank_only(text.ptr + before))
				text.size = before, text.ptr[before] = '\0';
		}
		if (rc != ACCORD_OK || text.size == 0 || blank_only(text.ptr))
			continue;
		rc = accord_buf_printf(out, "%s[%zu: ", i == 0 ? "\n" : "", i + 1);
		if (rc == ACCORD_OK)
			rc = put_trimmed(out, text.ptr, 0);
		if (rc == ACCORD_OK)
			rc = accord_buf_puts(out, "]\n");
	}
	accord_buf_dispose(&text);
	return rc;
}

static int is_vocab_heading(const accord_vocab *vocab, const char *text)
{
	const char *s = text;
	size_t len = strlen(text), as, al;
	accord_section_kind kind;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	return accord_vocab_match(vocab, s, len, &kind, &as, &al);
}

int docx_render(accord_buf *out, accord_docx *docx, const unsigned char *accepted, int record_lines, int generic)
{
	accord_vocab *own = NULL;
	const accord_vocab *vocab = docx->vocab;
	view vw;
	size_t i, j, lines = 0, counted = 0;
	int rc, opinion = 0;

	memset(&vw, 0, sizeof(vw));
	accord_buf_clear(out);
	if (vocab == NULL) {
		if ((rc = accord_vocab_new_default(&own)) != ACCORD_OK)
			return rc;
		vocab = own;
	}
	if ((rc = build_view(&vw, docx, accepted)) != ACCORD_OK)
		goto cleanup;
	/* the opinion layout (a heading from the vocabulary) is written as the seeds are, one paragraph a line */
	for (i = 0; i < vw.n && !opinion && !generic; i++)
		opinion = vw.v[i].label == NULL && is_vocab_heading(vocab, vw.v[i].text);
	for (i = 0; i < vw.n && rc == ACCORD_OK; i++) {
		const view_line *l = &vw.v[i];
		unsigned line;
		if (!opinion && i > 0)
			rc = accord_buf_putc(out, '\n');
		lines += count_breaks(out, counted);
		counted = out->size;
		line = (unsigned)(lines + 1);
		if (record_lines)
			for (j = l->first; j <= l->last; j++)
				docx->body.v[j].line = line;
		if (rc == ACCORD_OK && opinion && l->label == NULL && is_vocab_heading(vocab, l->text))
			rc = accord_buf_putc(out, '\t');
		else if (rc == ACCORD_OK && !opinion && l->heading >= 0)
			rc = accord_buf_puts(out, "# ");
		if (rc == ACCORD_OK && l->label != NULL)
			rc = accord_buf_printf(out, "%s%c", l->label, opinion ? '\t' : ' ');
		if (rc == ACCORD_OK)
			rc = put_trimmed(out, l->text, opinion || l->heading >= 0);
		if (rc == ACCORD_OK)
			rc = accord_buf_putc(out, '\n');
	}
	if (rc == ACCORD_OK)
		rc = render_footnotes(out, docx, accepted, &vw);
cleanup:
	view_dispose(&vw);
	accord_vocab_free(own);
	return rc;
}

/* ---- the public accessors ----------------------------------------------------------------------- */

const char *accord_docx_text(const accord_docx *docx, accord_docx_view which, size_t *len)
{
	const accord_buf *b;
	if (docx == NULL) {
		if (len != NULL)
			*len = 0;
		return "";
	}
	b = which == ACCORD_DOCX_ORIGINAL ? &docx->original : &docx->accepted;
	if (len != NULL)
		*len = b->size;
	return b->ptr != NULL ? b->ptr : "";
}

int accord_docx_text_by(accord_buf *out, const accord_docx *docx, const char *author)
{
	accord_buf text = ACCORD_BUF_INIT;
	unsigned char *acc = NULL;
	size_t i;
	int rc;
	if (out == NULL || docx == NULL || author == NULL)
		return ACCORD_EINVAL;
	if (docx->n_authors > 0 && (acc = accord_calloc(docx->n_authors, 1)) == NULL)
		return ACCORD_ENOMEM;
	for (i = 0; i < docx->n_authors; i++)
		acc[i] = strcmp(docx->authors[i], author) == 0;
	/* rendering resets the numbering counters and line records only: the docx is not otherwise changed */
	rc = docx_render(&text, (accord_docx *)docx, acc, 0, 0);
	if (rc == ACCORD_OK)
		rc = accord_buf_put(out, text.ptr != NULL ? text.ptr : "", text.size);
	accord_buf_dispose(&text);
	accord_free(acc);
	return rc;
}

size_t accord_docx_change_count(const accord_docx *docx)
{
	return docx != NULL ? docx->n_changes : 0;
}

const accord_docx_change *accord_docx_change_get(const accord_docx *docx, size_t i)
{
	return docx != NULL && i < docx->n_changes ? &docx->changes[i] : NULL;
}

const char *accord_docx_change_kind_name(accord_docx_change_kind kind)
{
	switch (kind) {
	case ACCORD_DOCX_INSERT: return "insert";
	case ACCORD_DOCX_DELETE: return "delete";
	case ACCORD_DOCX_MOVE: return "move";
	case ACCORD_DOCX_SPLIT: return "split";
	case ACCORD_DOCX_JOIN: return "join";
	case ACCORD_DOCX_FORMAT: return "format";
	}
	return "unknown";
}

size_t accord_docx_author_count(const accord_docx *docx)
{
	return docx != NULL ? docx->n_public_authors : 0;
}

const char *accord_docx_author(const accord_docx *docx, size_t i)
{
	return docx != NULL && i < docx->n_public_authors ? docx->authors[docx->public_authors[i]] : NULL;
}

size_t accord_docx_comment_count(const accord_docx *docx)
{
	return docx != NULL ? docx->n_comments : 0;
}

const accord_docx_comment *accord_docx_comment_get(const accord_docx *docx, size_t i)
{
	return docx != NULL && i < docx->n_comments ? &docx->comments[i].pub : NULL;
}

size_t accord_docx_warning_count(const accord_docx *docx)
{
	return docx != NULL ? docx->n_warnings : 0;
}

const char *accord_docx_warning(const accord_docx *docx, size_t i)
{
	return docx != NULL && i < docx->n_warnings ? docx->warnings[i] : NULL;
}

/* ---- comments' parties ------------------------------------------------------------------------- */

/* Whether who (len bytes) names a party without a roster: 1 to 4 words, the first capitalised. */
static int looks_like_party(const char *who, size_t len)
{
	size_t i, words = 1;
	if (len == 0 || len > 40 || !((who[0] >= 'A' && who[0] <= 'Z')))
		return 0;
	for (i = 0; i < len; i++) {
		char c = who[i];
		if (c == ' ')
			words++;
		else if (c == '.' || c == ',' || c == ';' || c == '"' || c == '(' || c == ')')
			if (c != '.')
				return 0;
	}
	return words <= 4 && who[len - 1] != ' ';
}

/* The code of the roster party who[0..len) names (its code, name or an alias), or NULL. */
static const char *roster_party(const accord_roster *roster, const char *who, size_t len)
{
	return accord_party_code(accord_roster_match(roster, who, len));
}

int accord_docx_attribute_comments(accord_docx *docx, const accord_roster *roster)
{
	size_t i;
	if (docx == NULL)
		return ACCORD_OK;
	for (i = 0; i < docx->n_comments; i++) {
		docx_text_comment *c = &docx->comments[i];
		const char *colon = strchr(c->text, ':');
		const char *party = NULL;
		size_t len;
		accord_free(c->party);
		c->party = NULL;
		if (colon != NULL) {
			len = (size_t)(colon - c->text);
			if (roster != NULL)
				party = roster_party(roster, c->text, len);
			else if (looks_like_party(c->text, len))
				party = c->text;
		}
		/* no party before a colon: the author's, when the author is one */
		if (party == NULL && roster != NULL && c->author != NULL)
			party = roster_party(roster, c->author, strlen(c->author));
		if (party != NULL && (c->party = accord_strndup(party, roster != NULL ? strlen(party) : len)) == NULL)
			return ACCORD_ENOMEM;
		c->pub.party = c->party;
	}
	return ACCORD_OK;
}

/* ---- proposals by party ------------------------------------------------------------------------ */

void accord_docx_proposals_free(accord_docx_proposal *proposals, size_t n)
{
	size_t i;
	if (proposals == NULL)
		return;
	for (i = 0; i < n; i++) {
		accord_free(proposals[i].party);
		accord_free(proposals[i].text);
	}
	accord_free(proposals);
}

/*
** The k-th party (0, 1 ...) an author names, or NULL after the last: a
** roster party whose code or name is the author's name, or, for an author
** naming several ("IRN, USA", as accord_doc_render_docx_parties writes
** co-sponsors; "; " between names that hold a comma), each of them when
** every one is a roster party. Without one: the default party.
*/
static const char *author_party(const accord_roster *roster, const char *author, const char *party, size_t k)
{
	const char *sep = strchr(author, ';') != NULL ? ";" : ",", *s = author, *found;
	size_t i = 0;
	if (roster != NULL && (found = roster_party(roster, author, strlen(author))) != NULL)
		return k == 0 ? found : NULL;
	if (roster == NULL || strpbrk(author, ",;") == NULL)
		return k == 0 ? party : NULL;
	found = NULL;
	for (;;) {
		const char *end = strstr(s, sep), *p;
		size_t len;
		if (end == NULL)
			end = s + strlen(s);
		while (*s == ' ')
			s++;
		len = (size_t)(end - s);
		while (len > 0 && s[len - 1] == ' ')
			len--;
		if ((p = roster_party(roster, s, len)) == NULL)
			return k == 0 ? party : NULL; /* not all parties: the author as one */
		if (i++ == k)
			found = p;
		if (*end == '\0')
			break;
		s = end + 1;
	}
	return found;
}

int accord_docx_proposals(accord_docx_proposal **out, size_t *n, const accord_docx *docx,
	const accord_roster *roster, const char *party)
{
	unsigned char *acc = NULL;
	accord_docx_proposal *list = NULL;
	accord_buf text = ACCORD_BUF_INIT;
	size_t i, j, k, count = 0, cap = 1;
	int rc = ACCORD_ENOMEM;

	if (out == NULL || n == NULL || docx == NULL || party == NULL)
		return ACCORD_EINVAL;
	*out = NULL;
	*n = 0;
	/* at most one proposal per party an author names, and the default party's */
	for (j = 0; j < docx->n_public_authors; j++)
		for (k = 0; author_party(roster, docx->authors[docx->public_authors[j]], party, k) != NULL; k++)
			cap++;
	if ((list = accord_calloc(cap, sizeof(*list))) == NULL)
		goto cleanup;
	if (docx->n_authors > 0 && (acc = accord_calloc(docx->n_authors, 1)) == NULL)
		goto cleanup;
	for (j = 0; j <= docx->n_public_authors; j++) {
		for (k = 0;; k++) {
			/* the default party first, then each party named in order of appearance */
			const char *who = j == 0 ? (k == 0 ? party : NULL)
						 : author_party(roster, docx->authors[docx->public_authors[j - 1]], party, k);
			int has = docx->n_public_authors == 0;
			size_t m;
			if (who == NULL)
				break;
			for (i = 0; i < count; i++)
				if (strcmp(list[i].party, who) == 0)
					break;
			if (i < count)
				continue;
			for (i = 0; i < docx->n_authors; i++) {
				acc[i] = 0;
				for (m = 0; !acc[i]; m++) {
					const char *owner = author_party(roster, docx->authors[i], party, m);
					if (owner == NULL)
						break;
					acc[i] = strcmp(owner, who) == 0;
				}
				for (m = 0; m < docx->n_public_authors; m++)
					has |= acc[i] && docx->public_authors[m] == (int)i;
			}
			if (!has)
				continue;
			accord_buf_clear(&text);
			if ((rc = docx_render(&text, (accord_docx *)docx, acc, 0, 0)) != ACCORD_OK)
				goto cleanup;
			rc = ACCORD_ENOMEM;
			list[count].len = text.size;
			if ((list[count].party = accord_strdup(who)) == NULL ||
			    (list[count].text = accord_buf_detach(&text)) == NULL) {
				count++;
				goto cleanup;
			}
			count++;
		}
	}
	*out = list;
	*n = count;
	list = NULL;
	rc = ACCORD_OK;
cleanup:
	accord_docx_proposals_free(list, count);
	accord_buf_dispose(&text);
	accord_free(acc);
	return rc;
}

/* ---- documents ------------------------------------------------------------------------------ */

int accord_doc_from_docx(accord_doc **out, const accord_docx *docx, accord_docx_view which,
	const accord_parse_options *opts, accord_error *err)
{
	accord_parse_options local = ACCORD_PARSE_OPTIONS_INIT;
	accord_buf generic = ACCORD_BUF_INIT;
	unsigned char *acc = NULL;
	size_t len, i;
	const char *text;
	int rc;
	if (out == NULL || docx == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_from_docx: NULL argument");
	*out = NULL;
	if (opts != NULL)
		local = *opts;
	local.format = ACCORD_FORMAT_TEXT;
	if (local.name == NULL)
		local.name = docx->name;
	text = accord_docx_text(docx, which, &len);
	if (local.force_generic && len > 0) {
		/* read as plain paragraphs: the text in the generic layout (a blank line between paragraphs),
		 * even when a paragraph is a phrase of the vocabulary */
		if (which == ACCORD_DOCX_ACCEPTED && docx->n_authors > 0) {
			if ((acc = accord_malloc(docx->n_authors)) == NULL)
				return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			memset(acc, 1, docx->n_authors);
		}
		rc = docx_render(&generic, (accord_docx *)docx, acc, 0, 1); /* acc NULL: no change accepted */
		accord_free(acc);
		if (rc != ACCORD_OK) {
			accord_buf_dispose(&generic);
			return accord_error_set(err, rc, "out of memory");
		}
		text = generic.ptr != NULL ? generic.ptr : "";
		len = generic.size;
	}
	if (len == 0) {
		accord_buf_dispose(&generic);
		accord_error_set(err, ACCORD_EEMPTY, "the Word document has no text");
		accord_error_at(err, local.name, 0, 0);
		return ACCORD_EEMPTY;
	}
	rc = accord_doc_parse_text(out, text, len, &local, err);
	accord_buf_dispose(&generic);
	if (rc != ACCORD_OK)
		return rc;
	for (i = 0; i < docx->n_warnings; i++)
		if ((rc = accord_doc_add_warning(*out, 0, 0, "%s", docx->warnings[i])) != ACCORD_OK) {
			accord_doc_free(*out);
			*out = NULL;
			return accord_error_set(err, rc, "out of memory");
		}
	return ACCORD_OK;
}

int accord_doc_parse_docx(accord_doc **out, const char *data, size_t len, const accord_parse_options *opts,
	accord_error *err)
{
	accord_docx *docx = NULL;
	int rc;
	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_parse_docx: NULL out");
	*out = NULL;
	rc = accord_docx_read(&docx, data, len, opts != NULL ? opts->name : NULL, opts != NULL ? opts->vocab : NULL, err);
	if (rc == ACCORD_OK)
		rc = accord_doc_from_docx(out, docx, ACCORD_DOCX_ACCEPTED, opts, err);
	accord_docx_free(docx);
	return rc;
}

/* The id of doc's paragraph at line, or NULL. */
static const char *para_at_line(const accord_doc *doc, unsigned line)
{
	const accord_para *p;
	if (line == 0)
		return NULL;
	for (p = accord_doc_next_para(doc, NULL); p != NULL; p = accord_doc_next_para(doc, p))
		if (accord_para_line(p) == line)
			return accord_para_id(p);
	return NULL;
}

int accord_docx_render_json(accord_buf *out, const accord_doc *doc, const accord_docx *docx, accord_error *err)
{
	accord_buf json = ACCORD_BUF_INIT;
	jsonw w;
	size_t i, end;
	int rc;
	if (out == NULL || doc == NULL || docx == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_docx_render_json: NULL argument");
	if ((rc = accord_doc_render_json(&json, doc, err)) != ACCORD_OK)
		goto cleanup;
	/* the document object ends "\n}\n": the comments go in as its last member */
	end = json.size;
	while (end > 0 && (json.ptr[end - 1] == '\n' || json.ptr[end - 1] == '}'))
		end--;
	json.size = end;
	json.ptr[end] = '\0';
	jsonw_init(&w, &json);
	w.depth = 1;
	w.first[1] = 0;
	jsonw_key(&w, "comments");
	jsonw_begin_array(&w);
	for (i = 0; i < docx->n_comments; i++) {
		const accord_docx_comment *c = &docx->comments[i].pub;
		const char *para = para_at_line(doc, c->line);
		jsonw_begin_object(&w);
		jsonw_key(&w, "author");
		jsonw_string(&w, c->author);
		jsonw_key(&w, "date");
		jsonw_string(&w, c->date);
		jsonw_key(&w, "text");
		jsonw_string(&w, c->text);
		if (c->party != NULL) {
			jsonw_key(&w, "party");
			jsonw_string(&w, c->party);
		}
		jsonw_key(&w, "paragraph");
		jsonw_string(&w, para);
		jsonw_key(&w, "quoted");
		jsonw_string(&w, c->quoted);
		jsonw_end_object(&w);
	}
	jsonw_end_array(&w);
	w.depth = 0;
	if (w.failed || accord_buf_puts(&json, "\n}\n") != ACCORD_OK) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	rc = accord_buf_put(out, json.ptr, json.size);
	if (rc != ACCORD_OK)
		accord_error_set(err, rc, "out of memory");
cleanup:
	accord_buf_dispose(&json);
	return rc;
}

/* ---- input for callers that take text ---------------------------------------------------------- */

int accord_doc_read_input(accord_buf *out, const char *path, accord_error *err)
{
	return accord_doc_read_input_views(out, NULL, path, err);
}

int accord_doc_read_input_views(accord_buf *out, accord_buf *original, const char *path, accord_error *err)
{
	accord_buf data = ACCORD_BUF_INIT;
	accord_docx *docx = NULL;
	const char *text;
	size_t len;
	int rc;
	if (out == NULL || path == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_read_input: NULL argument");
	if (original != NULL)
		accord_buf_clear(original);
	if ((rc = accord_read_file(&data, path, err)) != ACCORD_OK)
		return rc;
	if (accord_docx_sniff(data.ptr, data.size) == ACCORD_DOCX_NONE) {
		accord_buf_dispose(out);
		*out = data;
		return ACCORD_OK;
	}
	rc = accord_docx_read(&docx, data.ptr, data.size, path, NULL, err);
	accord_buf_dispose(&data);
	if (rc != ACCORD_OK)
		return rc;
	text = accord_docx_text(docx, ACCORD_DOCX_ACCEPTED, &len);
	accord_buf_clear(out);
	rc = accord_buf_put(out, text, len);
	if (rc == ACCORD_OK && original != NULL) {
		text = accord_docx_text(docx, ACCORD_DOCX_ORIGINAL, &len);
		rc = accord_buf_put(original, text, len);
	}
	if (rc != ACCORD_OK)
		accord_error_set(err, rc, "out of memory");
	accord_docx_free(docx);
	return rc;
}
