/*
** docx_body.c: the walk over word/document.xml and word/footnotes.xml.
**
** Each w:p becomes a docx_para: pieces of text (docx_seg) that remember
** who inserted them (w:ins, w:moveTo) and who deleted them (w:del,
** w:moveFrom), and its paragraph mark's own revision (w:pPr/w:rPr/w:ins or
** w:del: a split or a join). Nothing is decided here about which text
** shows: docx.c renders a view from the pieces. Along the way the tracked
** changes are listed as the file marks them (a move once, as MOVE), and
** formatting-only changes (w:rPrChange, w:pPrChange) are listed as FORMAT.
**
** Text comes from w:t and w:delText, w:tab (a tab), w:br and w:cr (a line
** break), w:noBreakHyphen; field instructions (w:instrText, w:delInstrText,
** and whatever lies between a field's begin and separate) are not text, a
** field's result is. Containers are entered: hyperlinks, content controls
** (w:sdt/w:sdtContent), smart tags, custom XML, simple fields, tables
** (their cells read as paragraphs). Drawings and text boxes are not read.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/docx_int.h"

#define FIELD_DEPTH 16

typedef struct move_name {
	char *name;    /* w:name of its range, or "" */
	int author;
	size_t change; /* index of its MOVE change */
	int has_from, has_to;
} move_name;

typedef struct walk {
	accord_docx *docx;
	docx_paras *paras;   /* where paragraphs go */
	docx_para *para;     /* the paragraph being read, NULL between paragraphs */
	size_t para_index;   /* its index in paras */
	int body;            /* reading the body (changes are listed) */
	int ins, del, move;  /* the authors of the enclosing w:ins / w:del, -1: none */
	const char *move_range; /* name of the open move range, NULL when none */
	int field[FIELD_DEPTH]; /* per open field: 1 while in its instructions */
	int fields;
	int in_table;
	long open_change;    /* index of the change the last piece extended, -1 */
	move_name *moves;
	size_t n_moves, cap_moves;
} walk;

/* ---- small lists ------------------------------------------------------------------------ */

int docx_grow(void **v, size_t *cap, size_t need, size_t size)
{
	size_t n;
	void *p;
	if (need <= *cap)
		return ACCORD_OK;
	n = *cap ? *cap * 2 : 8;
	while (n < need)
		n *= 2;
	if ((p = accord_realloc(*v, n * size)) == NULL)
		return ACCORD_ENOMEM;
	*v = p;
	*cap = n;
	return ACCORD_OK;
}

int docx_warn(accord_docx *docx, const char *fmt, ...)
{
	accord_buf b = ACCORD_BUF_INIT;
	va_list ap;
	char tmp[512];
	if (docx_grow((void **)&docx->warnings, &docx->cap_warnings, docx->n_warnings + 1, sizeof(char *)) != ACCORD_OK)
		return ACCORD_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (accord_buf_puts(&b, tmp) != ACCORD_OK)
		return ACCORD_ENOMEM;
	docx->warnings[docx->n_warnings++] = accord_buf_detach(&b);
	return ACCORD_OK;
}

int docx_author_index(accord_docx *docx, const char *author, const char *date)
{
	size_t i;
	if (author == NULL)
		author = "";
	for (i = 0; i < docx->n_authors; i++)
		if (strcmp(docx->authors[i], author) == 0)
			return (int)i;
	if (docx_grow((void **)&docx->authors, &docx->cap_authors, docx->n_authors + 1, sizeof(char *)) != ACCORD_OK)
		return -1;
	{
		/* dates has room for as many as authors (its old block stays when this fails) */
		char **dates = accord_realloc(docx->dates, docx->cap_authors * sizeof(char *));
		if (dates == NULL)
			return -1;
		docx->dates = dates;
	}
	docx->authors[docx->n_authors] = accord_strdup(author);
	docx->dates[docx->n_authors] = accord_strdup(date != NULL ? date : "");
	if (docx->authors[docx->n_authors] == NULL || docx->dates[docx->n_authors] == NULL) {
		accord_free(docx->authors[docx->n_authors]);
		accord_free(docx->dates[docx->n_authors]);
		return -1;
	}
	return (int)docx->n_authors++;
}

/* The author index of a revision element (w:ins, w:del ...), -1 on ENOMEM. */
static int revision_author(accord_docx *docx, const xmlNode *node)
{
	return docx_author_index(docx, docx_attr(node, "author"), docx_attr(node, "date"));
}

/* Adds a change; its strings are borrowed from docx->authors/dates, text is owned (may be NULL: ""). */
static int add_change(walk *w, accord_docx_change_kind kind, int author, const char *text, size_t len)
{
	accord_docx *docx = w->docx;
	accord_docx_change *c;
	if (docx_grow((void **)&docx->changes, &docx->cap_changes, docx->n_changes + 1, sizeof(*docx->changes)) != ACCORD_OK)
		return ACCORD_ENOMEM;
	c = &docx->changes[docx->n_changes];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->author = docx->authors[author];
	c->date = docx->dates[author];
	c->para = c->to_para = w->para_index;
	if ((c->text = accord_strndup(text != NULL ? text : "", text != NULL ? len : 0)) == NULL)
		return ACCORD_ENOMEM;
	docx->n_changes++;
	return ACCORD_OK;
}

/* Appends text to change i. */
static int extend_change(accord_docx *docx, size_t i, const char *text, size_t len)
{
	accord_docx_change *c = &docx->changes[i];
	size_t old = strlen(c->text);
	char *p = accord_realloc((char *)c->text, old + len + 1);
	if (p == NULL)
		return ACCORD_ENOMEM;
	memcpy(p + old, text, len);
	p[old + len] = '\0';
	c->text = p;
	return ACCORD_OK;
}

/* ---- moves: a moveFrom and a moveTo of one name are one MOVE --------------------------------- */

static int note_move(walk *w, int author, int to, const char *text, size_t len)
{
	const char *name = w->move_range != NULL ? w->move_range : "";
	move_name *m = NULL;
	size_t i;
	int rc;
	for (i = 0; i < w->n_moves; i++) {
		move_name *c = &w->moves[i];
		if (c->author != author || strcmp(c->name, name) != 0)
			continue;
		/* an unnamed range pairs with the first of its author still missing that side */
		if (name[0] == '\0' && (to ? c->has_to : c->has_from) && (size_t)w->open_change != c->change)
			continue;
		m = c;
		break;
	}
	if (m == NULL) {
		if (docx_grow((void **)&w->moves, &w->cap_moves, w->n_moves + 1, sizeof(*w->moves)) != ACCORD_OK)
			return ACCORD_ENOMEM;
		m = &w->moves[w->n_moves];
		memset(m, 0, sizeof(*m));
		if ((m->name = accord_strdup(name)) == NULL)
			return ACCORD_ENOMEM;
		w->n_moves++;
		m->author = author;
		if ((rc = add_change(w, ACCORD_DOCX_MOVE, author, NULL, 0)) != ACCORD_OK)
			return rc;
		m->change = w->docx->n_changes - 1;
	}
	if (to) {
		if (!m->has_to)
			w->docx->changes[m->change].to_para = w->para_index;
		m->has_to = 1;
		return ACCORD_OK; /* the text is the moveFrom's: kept once */
	}
	if (!m->has_from)
		w->docx->changes[m->change].para = w->para_index;
	m->has_from = 1;
	return extend_change(w->docx, m->change, text, len);
}

/* ---- pieces -------------------------------------------------------------------------------- */

static int field_hidden(const walk *w)
{
	int i;
	for (i = 0; i < w->fields && i < FIELD_DEPTH; i++)
		if (w->field[i])
			return 1;
	return 0;
}

/* Adds text (or a footnote reference) to the paragraph with the current revision state. */
static int add_piece(walk *w, docx_seg_kind kind, const char *text, size_t len)
{
	docx_para *p = w->para;
	docx_seg *last, *s;
	int rc;
	if (p == NULL || (kind == DOCX_SEG_TEXT && len == 0))
		return ACCORD_OK;
	last = p->n_segs > 0 ? &p->segs[p->n_segs - 1] : NULL;
	/* a comment anchor after the last piece starts a new piece: anchors point between pieces */
	if (p->n_anchors > 0 && p->anchors[p->n_anchors - 1].seg == p->n_segs)
		last = NULL;
	if (kind == DOCX_SEG_TEXT && last != NULL && last->kind == DOCX_SEG_TEXT && last->ins == w->ins &&
	    last->del == w->del && last->move == w->move) {
		size_t old = strlen(last->text);
		char *t = accord_realloc(last->text, old + len + 1);
		if (t == NULL)
			return ACCORD_ENOMEM;
		memcpy(t + old, text, len);
		t[old + len] = '\0';
		last->text = t;
	} else {
		if (docx_grow((void **)&p->segs, &p->cap_segs, p->n_segs + 1, sizeof(*p->segs)) != ACCORD_OK)
			return ACCORD_ENOMEM;
		s = &p->segs[p->n_segs];
		memset(s, 0, sizeof(*s));
		s->kind = kind;
		s->ins = w->ins;
		s->del = w->del;
		s->move = w->move;
		if ((s->text = accord_strndup(text, len)) == NULL)
			return ACCORD_ENOMEM;
		p->n_segs++;
	}
	if (!w->body || kind != DOCX_SEG_TEXT)
		return ACCORD_OK;
	/* the list of changes: a piece extends the change the previous piece made, or starts one */
	if (w->move) {
		if (w->del >= 0)
			return note_move(w, w->del, 0, text, len);
		if (w->ins >= 0)
			return note_move(w, w->ins, 1, text, len);
	}
	if (w->ins < 0 && w->del < 0) {
		w->open_change = -1;
		return ACCORD_OK;
	}
	{
		accord_docx_change_kind k = w->del >= 0 ? ACCORD_DOCX_DELETE : ACCORD_DOCX_INSERT;
		int author = w->del >= 0 ? w->del : w->ins;
		if (w->open_change >= 0) {
			accord_docx_change *c = &w->docx->changes[w->open_change];
			if (c->kind == k && c->author == w->docx->authors[author] && c->para == w->para_index)
				return extend_change(w->docx, (size_t)w->open_change, text, len);
		}
		if ((rc = add_change(w, k, author, text, len)) != ACCORD_OK)
			return rc;
		w->open_change = (long)w->docx->n_changes - 1;
	}
	return ACCORD_OK;
}

static int add_anchor(walk *w, const char *id, int start)
{
	docx_para *p = w->para;
	docx_anchor *a;
	if (p == NULL || id == NULL)
		return ACCORD_OK;
	if (docx_grow((void **)&p->anchors, &p->cap_anchors, p->n_anchors + 1, sizeof(*p->anchors)) != ACCORD_OK)
		return ACCORD_ENOMEM;
	a = &p->anchors[p->n_anchors];
	a->seg = p->n_segs;
	a->start = start;
	if ((a->id = accord_strdup(id)) == NULL)
		return ACCORD_ENOMEM;
	p->n_anchors++;
	return ACCORD_OK;
}

/* A formatting-only change: listed once per paragraph and author. */
static int format_change(walk *w, const xmlNode *node)
{
	int author;
	size_t i;
	if (!w->body)
		return ACCORD_OK;
	if ((author = revision_author(w->docx, node)) < 0)
		return ACCORD_ENOMEM;
	for (i = w->docx->n_changes; i > 0; i--) {
		const accord_docx_change *c = &w->docx->changes[i - 1];
		if (c->para != w->para_index)
			break;
		if (c->kind == ACCORD_DOCX_FORMAT && c->author == w->docx->authors[author])
			return ACCORD_OK;
	}
	w->open_change = -1;
	return add_change(w, ACCORD_DOCX_FORMAT, author, NULL, 0);
}

/* ---- runs ---------------------------------------------------------------------------------- */

static int text_of(walk *w, const xmlNode *node)
{
	const xmlNode *c;
	int rc;
	for (c = node->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != NULL &&
		    (rc = add_piece(w, DOCX_SEG_TEXT, (const char *)c->content, strlen((const char *)c->content))) != ACCORD_OK)
			return rc;
	return ACCORD_OK;
}

static int read_run(walk *w, const xmlNode *run)
{
	const xmlNode *c;
	int rc = ACCORD_OK;
	for (c = run->children; c != NULL && rc == ACCORD_OK; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (docx_is_w(c, "fldChar")) {
			const char *type = docx_attr(c, "fldCharType");
			if (type == NULL)
				continue;
			if (strcmp(type, "begin") == 0) {
				if (w->fields < FIELD_DEPTH)
					w->field[w->fields] = 1;
				w->fields++;
			} else if (strcmp(type, "separate") == 0 && w->fields > 0 && w->fields <= FIELD_DEPTH) {
				w->field[w->fields - 1] = 0;
			} else if (strcmp(type, "end") == 0 && w->fields > 0) {
				w->fields--;
			}
			continue;
		}
		if (docx_is_w(c, "rPr")) {
			if (docx_child(c, "rPrChange") != NULL)
				rc = format_change(w, docx_child(c, "rPrChange"));
			continue;
		}
		if (field_hidden(w))
			continue;
		if (docx_is_w(c, "t") || docx_is_w(c, "delText"))
			rc = text_of(w, c);
		else if (docx_is_w(c, "tab") || docx_is_w(c, "ptab"))
			rc = add_piece(w, DOCX_SEG_TEXT, "\t", 1);
		else if (docx_is_w(c, "br") || docx_is_w(c, "cr")) {
			const char *type = docx_attr(c, "type");
			if (type == NULL || strcmp(type, "textWrapping") == 0)
				rc = add_piece(w, DOCX_SEG_TEXT, "\n", 1);
		} else if (docx_is_w(c, "noBreakHyphen"))
			rc = add_piece(w, DOCX_SEG_TEXT, "-", 1);
		else if (docx_is_w(c, "footnoteReference")) {
			const char *id = docx_attr(c, "id");
			if (id != NULL && w->body)
				rc = add_piece(w, DOCX_SEG_FOOTREF, id, strlen(id));
		} else if (docx_is_w(c, "endnoteReference")) {
			w->docx->endnotes++;
		}
		/* instrText, delInstrText, footnoteRef, drawings, symbols: not text */
	}
	return rc;
}

/* ---- paragraphs and containers --------------------------------------------------------------- */

static int walk_children(walk *w, const xmlNode *node);

static int read_para_props(walk *w, const xmlNode *ppr)
{
	docx_para *p = w->para;
	xmlNode *numpr, *rpr, *c;
	const char *style;
	int author, rc;
	if (ppr == NULL)
		return ACCORD_OK;
	style = docx_attr(docx_child(ppr, "pStyle"), "val");
	if (style != NULL && (p->style = accord_strdup(style)) == NULL)
		return ACCORD_ENOMEM;
	if ((numpr = docx_child(ppr, "numPr")) != NULL) {
		const char *id = docx_attr(docx_child(numpr, "numId"), "val");
		const char *lvl = docx_attr(docx_child(numpr, "ilvl"), "val");
		p->num_id = id != NULL ? atoi(id) : 0;
		p->ilvl = lvl != NULL ? atoi(lvl) : 0;
		if (p->num_id == 0)
			p->num_id = -1; /* numId 0 removes the style's numbering */
	}
	if (docx_child(ppr, "pPrChange") != NULL && (rc = format_change(w, docx_child(ppr, "pPrChange"))) != ACCORD_OK)
		return rc;
	if ((rpr = docx_child(ppr, "rPr")) == NULL)
		return ACCORD_OK;
	for (c = rpr->children; c != NULL; c = c->next) {
		int ins = docx_is_w(c, "ins") || docx_is_w(c, "moveTo");
		int del = docx_is_w(c, "del") || docx_is_w(c, "moveFrom");
		if (!ins && !del)
			continue;
		if ((author = revision_author(w->docx, c)) < 0)
			return ACCORD_ENOMEM;
		if (ins)
			p->mark_ins = author;
		else
			p->mark_del = author;
		if (w->body && (rc = add_change(w, ins ? ACCORD_DOCX_SPLIT : ACCORD_DOCX_JOIN, author, NULL, 0)) != ACCORD_OK)
			return rc;
		w->open_change = -1;
	}
	return ACCORD_OK;
}

static int read_para(walk *w, const xmlNode *node)
{
	docx_paras *list = w->paras;
	docx_para *p;
	int rc;
	if (w->para != NULL) /* a paragraph inside a paragraph (a text box): not read */
		return ACCORD_OK;
	if (docx_grow((void **)&list->v, &list->cap, list->n + 1, sizeof(*list->v)) != ACCORD_OK)
		return ACCORD_ENOMEM;
	p = &list->v[list->n];
	memset(p, 0, sizeof(*p));
	p->mark_ins = p->mark_del = -1;
	p->in_table = w->in_table;
	w->para_index = list->n;
	list->n++;
	w->para = p;
	w->open_change = -1;
	rc = read_para_props(w, docx_child(node, "pPr"));
	if (rc == ACCORD_OK)
		rc = walk_children(w, node);
	w->para = NULL;
	return rc;
}

/* A revision container (w:ins, w:del, w:moveFrom, w:moveTo) around runs. */
static int read_revision(walk *w, const xmlNode *node, int del, int move)
{
	int saved_ins = w->ins, saved_del = w->del, saved_move = w->move, author, rc;
	if ((author = revision_author(w->docx, node)) < 0)
		return ACCORD_ENOMEM;
	if (del)
		w->del = author;
	else
		w->ins = author;
	w->move = move;
	rc = walk_children(w, node);
	w->ins = saved_ins;
	w->del = saved_del;
	w->move = saved_move;
	return rc;
}

static int walk_node(walk *w, const xmlNode *c)
{
	static const char *const containers[] = {"body", "hyperlink", "sdt", "sdtContent", "smartTag", "customXml",
		"fldSimple", "dir", "bdo", "tr", "tc", "footnote"};
	size_t i;
	if (docx_is_w(c, "p"))
		return read_para(w, c);
	if (docx_is_w(c, "r"))
		return read_run(w, c);
	if (docx_is_w(c, "ins"))
		return read_revision(w, c, 0, 0);
	if (docx_is_w(c, "del"))
		return read_revision(w, c, 1, 0);
	if (docx_is_w(c, "moveTo"))
		return read_revision(w, c, 0, 1);
	if (docx_is_w(c, "moveFrom"))
		return read_revision(w, c, 1, 1);
	if (docx_is_w(c, "moveFromRangeStart") || docx_is_w(c, "moveToRangeStart")) {
		w->move_range = docx_attr(c, "name");
		return ACCORD_OK;
	}
	if (docx_is_w(c, "moveFromRangeEnd") || docx_is_w(c, "moveToRangeEnd")) {
		w->move_range = NULL;
		return ACCORD_OK;
	}
	if (docx_is_w(c, "commentRangeStart") || docx_is_w(c, "commentRangeEnd"))
		return w->body ? add_anchor(w, docx_attr(c, "id"), docx_is_w(c, "commentRangeStart")) : ACCORD_OK;
	if (docx_is_w(c, "tbl")) {
		int rc;
		w->docx->n_tables += w->body && !w->in_table;
		w->in_table++;
		rc = walk_children(w, c);
		w->in_table--;
		return rc;
	}
	for (i = 0; i < sizeof(containers) / sizeof(containers[0]); i++)
		if (docx_is_w(c, containers[i]))
			return walk_children(w, c);
	return ACCORD_OK;
}

static int walk_children(walk *w, const xmlNode *node)
{
	const xmlNode *c;
	int rc;
	for (c = node->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && (rc = walk_node(w, c)) != ACCORD_OK)
			return rc;
	return ACCORD_OK;
}

static void walk_init(walk *w, accord_docx *docx, docx_paras *paras, int body)
{
	memset(w, 0, sizeof(*w));
	w->docx = docx;
	w->paras = paras;
	w->body = body;
	w->ins = w->del = -1;
	w->open_change = -1;
}

static void walk_dispose(walk *w)
{
	size_t i;
	for (i = 0; i < w->n_moves; i++)
		accord_free(w->moves[i].name);
	accord_free(w->moves);
}

static int read_footnotes(accord_docx *docx, xmlDoc *footnotes)
{
	xmlNode *root, *c;
	int rc = ACCORD_OK;
	if (footnotes == NULL || (root = xmlDocGetRootElement(footnotes)) == NULL)
		return ACCORD_OK;
	for (c = root->children; c != NULL && rc == ACCORD_OK; c = c->next) {
		const char *type, *id;
		docx_footnote *f;
		walk w;
		if (!docx_is_w(c, "footnote"))
			continue;
		type = docx_attr(c, "type");
		id = docx_attr(c, "id");
		if ((type != NULL && strcmp(type, "normal") != 0) || id == NULL)
			continue; /* separators */
		if (docx_grow((void **)&docx->footnotes, &docx->cap_footnotes, docx->n_footnotes + 1, sizeof(*docx->footnotes)) !=
		    ACCORD_OK)
			return ACCORD_ENOMEM;
		f = &docx->footnotes[docx->n_footnotes];
		memset(f, 0, sizeof(*f));
		if ((f->id = accord_strdup(id)) == NULL)
			return ACCORD_ENOMEM;
		docx->n_footnotes++;
		walk_init(&w, docx, &f->paras, 0);
		rc = walk_children(&w, c);
		walk_dispose(&w);
	}
	return rc;
}

int docx_body_read(accord_docx *docx, xmlDoc *document, xmlDoc *footnotes)
{
	xmlNode *root = xmlDocGetRootElement(document), *body;
	walk w;
	int rc;
	if (root == NULL || !docx_is_w(root, "document") || (body = docx_child(root, "body")) == NULL)
		return ACCORD_EPARSE;
	walk_init(&w, docx, &docx->body, 1);
	rc = walk_children(&w, body);
	walk_dispose(&w);
	if (rc == ACCORD_OK)
		rc = read_footnotes(docx, footnotes);
	if (rc == ACCORD_OK && docx->n_tables > 0)
		rc = docx_warn(docx, "%zu table%s read as paragraphs (one per cell paragraph)", docx->n_tables,
			docx->n_tables == 1 ? "" : "s");
	if (rc == ACCORD_OK && docx->endnotes > 0)
		rc = docx_warn(docx, "%d endnote reference%s dropped (endnotes are not read)", docx->endnotes,
			docx->endnotes == 1 ? "" : "s");
	return rc;
}

/* ---- comments ------------------------------------------------------------------------------- */

/* The text of every w:t below node, paragraphs joined with "\n". */
static int plain_text(accord_buf *out, const xmlNode *node)
{
	const xmlNode *c;
	int rc = ACCORD_OK;
	for (c = node->children; c != NULL && rc == ACCORD_OK; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (docx_is_w(c, "p") && out->size > 0)
			rc = accord_buf_putc(out, '\n');
		if (rc == ACCORD_OK && docx_is_w(c, "t")) {
			const xmlNode *t;
			for (t = c->children; t != NULL && rc == ACCORD_OK; t = t->next)
				if (t->type == XML_TEXT_NODE && t->content != NULL)
					rc = accord_buf_puts(out, (const char *)t->content);
		} else if (rc == ACCORD_OK && docx_is_w(c, "tab")) {
			rc = accord_buf_putc(out, '\t');
		} else if (rc == ACCORD_OK && !docx_is_w(c, "delText") && !docx_is_w(c, "instrText")) {
			rc = plain_text(out, c);
		}
	}
	return rc;
}

int docx_comments_read(accord_docx *docx, xmlDoc *comments)
{
	xmlNode *root, *c;
	if (comments == NULL || (root = xmlDocGetRootElement(comments)) == NULL)
		return ACCORD_OK;
	for (c = root->children; c != NULL; c = c->next) {
		accord_buf text = ACCORD_BUF_INIT;
		docx_text_comment *k;
		const char *id = docx_attr(c, "id"), *author = docx_attr(c, "author"), *date = docx_attr(c, "date");
		if (!docx_is_w(c, "comment") || id == NULL)
			continue;
		if (docx_grow((void **)&docx->comments, &docx->cap_comments, docx->n_comments + 1, sizeof(*docx->comments)) !=
		    ACCORD_OK)
			return ACCORD_ENOMEM;
		k = &docx->comments[docx->n_comments];
		memset(k, 0, sizeof(*k));
		docx->n_comments++;
		k->pub.para = (size_t)-1;
		if (plain_text(&text, c) != ACCORD_OK) {
			accord_buf_dispose(&text);
			return ACCORD_ENOMEM;
		}
		k->text = accord_buf_detach(&text);
		k->id = accord_strdup(id);
		k->author = accord_strdup(author != NULL ? author : "");
		k->date = accord_strdup(date != NULL ? date : "");
		k->quoted = accord_strdup("");
		if (k->text == NULL || k->id == NULL || k->author == NULL || k->date == NULL || k->quoted == NULL)
			return ACCORD_ENOMEM;
	}
	return ACCORD_OK;
}
