/*
** accord/doc.h: the document model.
**
** A document is what a negotiation text is made of:
**
**   doc
**    |- metadata: symbol ("WTPF-IEG/2/10"), title, source (submitter), notes
**    |- body: the line that opens the text ("The fifth World ... (Geneva, 2013),")
**    |- sections[]: heading ("recognizing", "invites Member States"), kind
**    |    |          (preambular/operative), addressee ("Member States")
**    |    `- paragraphs[]: label ("a)", "1.", or none), text, children[]
**    `- footnotes[]: number ("1") and text
**
** A document in generic mode (any text that is not in the opinion layout)
** has sections without headings, or with Markdown headings, and paragraphs.
**
** Every section and paragraph has a stable id ("s2", "p14") given when it
** is created and never changed afterwards, so amendments can point at it.
**
** Ownership: the document owns every section, paragraph and string in it.
** Getters borrow: what they return stays valid until the document is freed
** or the object is changed or removed through this API.
*/
#ifndef ACCORD_DOC_H
#define ACCORD_DOC_H

#include "accord/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct accord_doc accord_doc;
typedef struct accord_section accord_section;
typedef struct accord_para accord_para;
typedef struct accord_footnote accord_footnote;

typedef enum accord_doc_mode {
	ACCORD_MODE_OPINION = 0, /* headings, labelled paragraphs, a body line */
	ACCORD_MODE_GENERIC = 1  /* a sequence of paragraphs (plain text, Markdown) */
} accord_doc_mode;

typedef enum accord_section_kind {
	ACCORD_KIND_NONE = 0,       /* generic text: no preambular/operative part */
	ACCORD_KIND_PREAMBULAR = 1, /* considering, recalling, noting ... */
	ACCORD_KIND_OPERATIVE = 2   /* is of the view, resolves, invites ... */
} accord_section_kind;

typedef enum accord_meta_field {
	ACCORD_META_SYMBOL = 0, /* document symbol, "WTPF-IEG/2/10" */
	ACCORD_META_TITLE = 1,  /* "OPINION (1) ON SUPPORTING ..." */
	ACCORD_META_SOURCE = 2, /* submitter, "United States" */
	ACCORD_META_BODY = 3    /* the opening line, "The fifth ... (Geneva, 2013)," */
} accord_meta_field;
#define ACCORD_META_COUNT 4

/* "opinion"/"generic", "preambular"/"operative"/"none", "symbol"/"title"... */
ACCORD_API const char *accord_doc_mode_name(accord_doc_mode mode);
ACCORD_API const char *accord_section_kind_name(accord_section_kind kind);
ACCORD_API const char *accord_meta_field_name(accord_meta_field field);
/* The reverse; return -1 for an unknown name. */
ACCORD_API int accord_doc_mode_from_name(const char *name);
ACCORD_API int accord_section_kind_from_name(const char *name);
ACCORD_API int accord_meta_field_from_name(const char *name);

/* ---- documents ------------------------------------------------------- */

ACCORD_API int accord_doc_new(accord_doc **out, accord_doc_mode mode);
ACCORD_API void accord_doc_free(accord_doc *doc);
/* A deep copy, ids included. */
ACCORD_API int accord_doc_clone(accord_doc **out, const accord_doc *doc);

ACCORD_API accord_doc_mode accord_doc_mode_of(const accord_doc *doc);
ACCORD_API void accord_doc_set_mode(accord_doc *doc, accord_doc_mode mode);

/* A metadata field, or NULL when unset. */
ACCORD_API const char *accord_doc_meta(const accord_doc *doc, accord_meta_field field);
/* Sets (copies) or clears (value NULL) a metadata field. */
ACCORD_API int accord_doc_set_meta(accord_doc *doc, accord_meta_field field, const char *value);

/* Notes: free lines before the title ("Comments of I.R. of Iran for"). */
ACCORD_API size_t accord_doc_note_count(const accord_doc *doc);
ACCORD_API const char *accord_doc_note(const accord_doc *doc, size_t i);
ACCORD_API int accord_doc_add_note(accord_doc *doc, const char *text);
ACCORD_API void accord_doc_clear_notes(accord_doc *doc);

/* Where the document came from (a file name, "-"); NULL when unknown. */
ACCORD_API const char *accord_doc_origin(const accord_doc *doc);
ACCORD_API int accord_doc_set_origin(accord_doc *doc, const char *origin);

/*
** Structural equality: same mode, metadata, notes, sections (heading, kind,
** addressee), paragraphs (label, text, nesting) and footnotes. Ids, source
** lines and warnings are not compared. Returns 1 when equal, 0 when not.
*/
ACCORD_API int accord_doc_equal(const accord_doc *a, const accord_doc *b);

/* ---- warnings: what a parser dropped or doubted (never silently) --------- */

ACCORD_API size_t accord_doc_warning_count(const accord_doc *doc);
/* The i-th warning's text; *line and *col (may be NULL) get its position. */
ACCORD_API const char *accord_doc_warning(const accord_doc *doc, size_t i, unsigned *line, unsigned *col);
ACCORD_API int accord_doc_add_warning(accord_doc *doc, unsigned line, unsigned col, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* ---- sections ---------------------------------------------------------- */

ACCORD_API size_t accord_doc_section_count(const accord_doc *doc);
ACCORD_API accord_section *accord_doc_section(const accord_doc *doc, size_t i);
/* The section with this id, or NULL. */
ACCORD_API accord_section *accord_doc_find_section(const accord_doc *doc, const char *id);

/*
** Creates a section and inserts it after `after` (NULL: first). heading and
** addressee may be NULL. id may be NULL (a fresh "sN" is given) or an id not
** yet used in doc (ACCORD_EINVAL if it is). *out (may be NULL) borrows it.
*/
ACCORD_API int accord_doc_insert_section(accord_section **out, accord_doc *doc, accord_section *after,
	const char *id, const char *heading, accord_section_kind kind, const char *addressee);
/* The same, appended at the end. */
ACCORD_API int accord_doc_add_section(accord_section **out, accord_doc *doc, const char *id,
	const char *heading, accord_section_kind kind, const char *addressee);
/* Removes a section with all its paragraphs; they are freed with the doc. */
ACCORD_API int accord_doc_remove_section(accord_doc *doc, accord_section *section);
/* Moves a section after `after` (NULL: first). */
ACCORD_API int accord_doc_move_section(accord_doc *doc, accord_section *section, accord_section *after);
/* Index of a section in the document, or (size_t)-1 when removed. */
ACCORD_API size_t accord_section_index(const accord_section *section);

ACCORD_API const char *accord_section_id(const accord_section *section);
ACCORD_API const char *accord_section_heading(const accord_section *section);
ACCORD_API accord_section_kind accord_section_kind_of(const accord_section *section);
ACCORD_API const char *accord_section_addressee(const accord_section *section);
ACCORD_API unsigned accord_section_line(const accord_section *section);
ACCORD_API void accord_section_set_line(accord_section *section, unsigned line);
ACCORD_API int accord_section_set_heading(accord_section *section, const char *heading,
	accord_section_kind kind, const char *addressee);
ACCORD_API accord_doc *accord_section_doc(const accord_section *section);

/* Top-level paragraphs of a section. */
ACCORD_API size_t accord_section_para_count(const accord_section *section);
ACCORD_API accord_para *accord_section_para(const accord_section *section, size_t i);

/* ---- paragraphs -------------------------------------------------------- */

/*
** Creates a paragraph in `section`, as a child of `parent` (NULL: top
** level; parent must be in section), after the sibling `after` (NULL:
** first). label may be NULL or "" (no label). id as for sections ("pN").
*/
ACCORD_API int accord_doc_insert_para(accord_para **out, accord_doc *doc, accord_section *section,
	accord_para *parent, accord_para *after, const char *id, const char *label, const char *text);
/* The same, appended as the last child of parent (or of the section). */
ACCORD_API int accord_doc_add_para(accord_para **out, accord_doc *doc, accord_section *section,
	accord_para *parent, const char *id, const char *label, const char *text);
/* Removes a paragraph and its children from the tree. */
ACCORD_API int accord_doc_remove_para(accord_doc *doc, accord_para *para);
/*
** Moves a paragraph (with its children) to `section`, under `parent`
** (NULL: top level), after `after` (NULL: first). Moving a paragraph under
** itself or its own descendant is ACCORD_EINVAL.
*/
ACCORD_API int accord_doc_move_para(accord_doc *doc, accord_para *para, accord_section *section,
	accord_para *parent, accord_para *after);

/* The paragraph with this id (at any depth), or NULL. */
ACCORD_API accord_para *accord_doc_find_para(const accord_doc *doc, const char *id);

ACCORD_API const char *accord_para_id(const accord_para *para);
/* The label as written ("a)", "1.", ")"), or NULL when there is none. */
ACCORD_API const char *accord_para_label(const accord_para *para);
ACCORD_API const char *accord_para_text(const accord_para *para);
ACCORD_API int accord_para_set_label(accord_para *para, const char *label);
ACCORD_API int accord_para_set_text(accord_para *para, const char *text);
ACCORD_API int accord_para_set_text_len(accord_para *para, const char *text, size_t len);
ACCORD_API unsigned accord_para_line(const accord_para *para);
ACCORD_API void accord_para_set_line(accord_para *para, unsigned line);

ACCORD_API size_t accord_para_child_count(const accord_para *para);
ACCORD_API accord_para *accord_para_child(const accord_para *para, size_t i);
ACCORD_API accord_para *accord_para_parent(const accord_para *para);
ACCORD_API accord_section *accord_para_section(const accord_para *para);
/* Index among its siblings, or (size_t)-1 when removed. */
ACCORD_API size_t accord_para_index(const accord_para *para);
/* Nesting depth: 0 for a top-level paragraph. */
ACCORD_API unsigned accord_para_depth(const accord_para *para);

/*
** Walks all paragraphs in document order (pre-order: a paragraph, then its
** children), section after section. Start with prev NULL; returns NULL at
** the end.
*/
ACCORD_API accord_para *accord_doc_next_para(const accord_doc *doc, const accord_para *prev);
/* Number of paragraphs at any depth. */
ACCORD_API size_t accord_doc_para_total(const accord_doc *doc);

/* ---- footnotes --------------------------------------------------------- */

ACCORD_API size_t accord_doc_footnote_count(const accord_doc *doc);
ACCORD_API accord_footnote *accord_doc_footnote(const accord_doc *doc, size_t i);
ACCORD_API accord_footnote *accord_doc_find_footnote(const accord_doc *doc, const char *number);
/* Appends a footnote ("1", text); the number must not be in use. */
ACCORD_API int accord_doc_add_footnote(accord_footnote **out, accord_doc *doc, const char *number, const char *text);
ACCORD_API int accord_doc_remove_footnote(accord_doc *doc, accord_footnote *footnote);
ACCORD_API const char *accord_footnote_number(const accord_footnote *footnote);
ACCORD_API const char *accord_footnote_text(const accord_footnote *footnote);
ACCORD_API int accord_footnote_set_text(accord_footnote *footnote, const char *text);
ACCORD_API unsigned accord_footnote_line(const accord_footnote *footnote);
ACCORD_API void accord_footnote_set_line(accord_footnote *footnote, unsigned line);

#ifdef __cplusplus
}
#endif
#endif
