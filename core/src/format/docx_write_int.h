/*
** docx_write_int.h: writing a .docx (docx_write.c): a paragraph at a time
** into word/document.xml, footnotes into word/footnotes.xml, then the
** package (with styles.xml and the relationships) zipped with libzip. The
** document writer (docx_render.c) and the compilation writer
** (compile/render_docx.c) share it.
*/
#ifndef ACCORD_DOCX_WRITE_INT_H
#define ACCORD_DOCX_WRITE_INT_H

#include "accord/docx.h"

/* The paragraph styles of styles.xml. */
typedef enum docx_write_style {
	DOCX_W_NORMAL = 0,  /* the body style */
	DOCX_W_TITLE = 1,   /* "Title" */
	DOCX_W_HEADING = 2, /* "heading 1": a section heading in generic mode */
	DOCX_W_PHRASE = 3   /* "heading 2", italic: a preambular or operative phrase ("recognizing") */
} docx_write_style;

/* How a run of text looks: plain, or a proposal's insertion or deletion in a party's colour. */
typedef struct docx_write_look {
	int underline; /* inserted text */
	int strike;    /* deleted text */
	const char *color; /* "RRGGBB", or NULL */
} docx_write_look;

/* A tracked change: none, an insertion or a deletion. */
typedef enum docx_write_rev {
	DOCX_REV_NONE = 0,
	DOCX_REV_INS = 1, /* w:ins */
	DOCX_REV_DEL = 2  /* w:del (its text in w:delText) */
} docx_write_rev;

typedef struct docx_writer {
	accord_buf body;  /* the w:p elements of word/document.xml */
	accord_buf notes; /* the w:footnote elements after the two separators */
	accord_buf comments; /* the w:comment elements of word/comments.xml */
	unsigned n_notes; /* footnotes written; the next one's w:id is n_notes + 1 */
	unsigned n_comments; /* comments written: the next one's w:id */
	unsigned open_from, n_open; /* the comments on the open paragraph: w:ids open_from ... */
	unsigned n_revs;  /* tracked changes written: their w:id */
	int in_para;      /* a w:p is open */
	int rc;           /* the first failure (ACCORD_ENOMEM); every call after it does nothing */
} docx_writer;

void docx_writer_init(docx_writer *w);
void docx_writer_dispose(docx_writer *w);

/*
** Opens a paragraph of style. level > 0 indents it by that many steps
** (567 twips, 1 cm, each); hanging makes the first line start one step to
** the left, where a label and a tab go.
*/
void docx_writer_para(docx_writer *w, docx_write_style style, unsigned level, int hanging);
/*
** The same with the paragraph's mark inserted or deleted by author (a
** tracked change: an inserted mark makes a new paragraph, a deleted one
** joins the paragraph to the next).
*/
void docx_writer_para_rev(docx_writer *w, docx_write_style style, unsigned level, int hanging, docx_write_rev mark,
	const char *author);
/* Appends s[0..len) as text inserted or deleted by author (rev DOCX_REV_NONE: as docx_writer_text). */
void docx_writer_text_rev(docx_writer *w, const char *s, size_t len, docx_write_rev rev, const char *author,
	int breaks);
/*
** Appends s[0..len) to the open paragraph in look (NULL: plain): a tab
** becomes w:tab, a line break w:br (or a blank when breaks is 0); other
** control characters, which XML cannot hold, are left out.
*/
void docx_writer_text(docx_writer *w, const char *s, size_t len, const docx_write_look *look, int breaks);
/*
** A footnote reference in the open paragraph, and the footnote text
** (its lines as paragraphs) in word/footnotes.xml. Footnotes are numbered
** 1, 2 ... in the order of these calls.
*/
void docx_writer_footnote(docx_writer *w, const char *text);
/*
** A Word comment by author on the whole of the open paragraph: its range
** starts here (call it right after docx_writer_para) and ends, with the
** comment's reference, when the paragraph closes; its text (its lines as
** paragraphs) goes into word/comments.xml.
*/
void docx_writer_comment(docx_writer *w, const char *author, const char *text);
/* Closes the open paragraph (also done by the next docx_writer_para and by finish). */
void docx_writer_end_para(docx_writer *w);

/*
** Appends the package to out: [Content_Types].xml, _rels/.rels,
** word/document.xml, word/styles.xml, word/_rels/document.xml.rels and,
** when there are footnotes, word/footnotes.xml, when there are comments,
** word/comments.xml. The entries carry a fixed
** date, so the same text gives the same bytes. Fails with ACCORD_ENOMEM, or
** ACCORD_EIO when libzip fails, told in err.
*/
int docx_writer_finish(docx_writer *w, accord_buf *out, accord_error *err);

#endif
