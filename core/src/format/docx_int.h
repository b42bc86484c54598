/*
** docx_int.h: what the .docx reader's files share: the container
** (docx_zip.c), safe XML and the numbering definitions (docx_xml.c), the
** walk over the body (docx_body.c), and the texts it gives (docx.c).
*/
#ifndef ACCORD_DOCX_INT_H
#define ACCORD_DOCX_INT_H

#include "accord/docx.h"
#include "format/docx_lib_int.h"

#define DOCX_W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* ---- container (docx_zip.c) ----------------------------------------------------- */

typedef struct docx_zip docx_zip;

/*
** Opens data[0..len) as a zip and checks the bounds over its directory.
** Fails with ACCORD_EPARSE (not a zip, an OLE file), ACCORD_ELIMIT.
*/
int docx_zip_open(docx_zip **out, const char *data, size_t len, const char *name, accord_error *err);
void docx_zip_close(docx_zip *zip);
/*
** Reads entry `part` into out (replaced). *found is 0 when there is no such
** entry (not an error). Bounds are checked again while reading.
*/
int docx_zip_read(accord_buf *out, int *found, docx_zip *zip, const char *part, accord_error *err);

/* ---- XML (docx_xml.c) ---------------------------------------------------------- */

/*
** Parses part (data[0..len)) with no network, no DTD, no entity
** substitution; a DOCTYPE is refused. *out is freed with xmlFreeDoc.
*/
int docx_xml_parse(xmlDoc **out, const char *data, size_t len, const char *name, const char *part, accord_error *err);
/* Whether node is the element w:<local>. */
int docx_is_w(const xmlNode *node, const char *local);
/* The first child element w:<local> of node, or NULL. */
xmlNode *docx_child(const xmlNode *node, const char *local);
/* The value of attribute w:<local> (or unqualified <local>), or NULL; borrowed from node. */
const char *docx_attr(const xmlNode *node, const char *local);

/* The numbering definitions and paragraph styles. */
typedef struct docx_numbering docx_numbering;

int docx_numbering_new(docx_numbering **out);
void docx_numbering_free(docx_numbering *num);
/* Reads word/numbering.xml (may be NULL: no numbering) and word/styles.xml (may be NULL). */
int docx_numbering_load(docx_numbering *num, xmlDoc *numbering, xmlDoc *styles);
/* A style's heading level: 1-9 for "heading N", 0 for "Title", -1 for no heading. */
int docx_style_heading(const docx_numbering *num, const char *style_id);
/* The numbering a style gives (*num_id 0 when none). */
void docx_style_numbering(const docx_numbering *num, const char *style_id, int *num_id, int *ilvl);
/* Forgets the counters (before numbering another view). */
void docx_numbering_reset(docx_numbering *num);
/*
** Advances the counter of num_id at level ilvl and appends the label Word
** shows ("1.", "a)", "(iv)", "•"; nothing for numFmt none or unknown ids).
*/
int docx_numbering_next(accord_buf *label, docx_numbering *num, int num_id, int ilvl);

/* ---- the body (docx_body.c) ------------------------------------------------------ */

/* A piece of a paragraph: text with who inserted and who deleted it. */
typedef enum docx_seg_kind {
	DOCX_SEG_TEXT = 0,
	DOCX_SEG_FOOTREF = 1 /* a footnote reference: text holds the footnote's w:id */
} docx_seg_kind;

typedef struct docx_seg {
	docx_seg_kind kind;
	char *text;
	int ins;   /* index of the inserting author in docx->authors, -1: not inserted */
	int del;   /* the deleting author, -1: not deleted */
	int move;  /* part of a move (moveFrom as deletion, moveTo as insertion) */
} docx_seg;

/* A comment range's start or end, at a segment position of a paragraph. */
typedef struct docx_anchor {
	char *id;
	size_t seg; /* index of the segment that follows it */
	int start;  /* 1: commentRangeStart, 0: commentRangeEnd */
} docx_anchor;

typedef struct docx_para {
	docx_seg *segs;
	size_t n_segs, cap_segs;
	docx_anchor *anchors;
	size_t n_anchors, cap_anchors;
	char *style;        /* w:pStyle, NULL when none */
	int num_id, ilvl;   /* numbering (num_id 0: none) */
	int mark_ins;       /* the paragraph mark was inserted by (author index), -1: not */
	int mark_del;       /* the paragraph mark was deleted by, -1: not */
	int in_table;       /* read from a table cell */
	unsigned line;      /* its line in the accepted text, 0 when not shown there */
} docx_para;

/* A list of paragraphs: the body's, or one footnote's. */
typedef struct docx_paras {
	docx_para *v;
	size_t n, cap;
} docx_paras;

typedef struct docx_footnote {
	char *id;
	docx_paras paras;
} docx_footnote;

typedef struct docx_text_comment {
	char *id;                /* w:id, to match its anchors */
	accord_docx_comment pub; /* its fields point into the strings below */
	char *author, *date, *text, *quoted, *party;
} docx_text_comment;

struct accord_docx {
	char *name;
	docx_paras body;             /* the body's paragraphs, tables' cells included */
	docx_footnote *footnotes;
	size_t n_footnotes, cap_footnotes;
	char **authors;              /* change authors (index in docx_seg.ins/del) */
	char **dates;                /* the date of each author's first change */
	size_t n_authors, cap_authors;
	size_t n_public_authors;     /* authors of text changes (accord_docx_author) */
	int *public_authors;
	accord_docx_change *changes;
	size_t n_changes, cap_changes;
	docx_text_comment *comments;
	size_t n_comments, cap_comments;
	char **warnings;
	size_t n_warnings, cap_warnings;
	docx_numbering *numbering;
	const accord_vocab *vocab;
	accord_buf accepted, original;
	size_t n_tables;
	int endnotes;
};

/* Reads the body of document.xml and the footnotes into docx (paragraphs, changes, comment anchors). */
int docx_body_read(accord_docx *docx, xmlDoc *document, xmlDoc *footnotes);
/* Reads word/comments.xml (may be NULL). */
int docx_comments_read(accord_docx *docx, xmlDoc *comments);
/* Makes room for need items of size bytes in *v (capacity *cap), doubling. ACCORD_ENOMEM. */
int docx_grow(void **v, size_t *cap, size_t need, size_t size);
/* The index of author (added when new). -1 on ENOMEM. */
int docx_author_index(accord_docx *docx, const char *author, const char *date);
/* Adds a warning (printf-style). */
int docx_warn(accord_docx *docx, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/*
** Renders the paragraphs as accord plain text, with the changes by the
** authors in `accepted` (an array of n_authors flags; NULL: none) accepted
** and the others rejected. With record_lines, each body paragraph's line
** is recorded in docx_para.line. With generic, the paragraphs are written
** in the generic layout (a blank line between them) even when one is a
** phrase of the vocabulary (a text read with force_generic).
*/
int docx_render(accord_buf *out, accord_docx *docx, const unsigned char *accepted, int record_lines, int generic);

#endif
