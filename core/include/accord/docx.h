/*
** accord/docx.h: reading Word (.docx) files: their text as accord's plain
** text (so a .docx and a text file with the same content give the same
** document), their tracked changes as they are marked (who inserted,
** deleted, moved what), and their comments; and writing documents as Word
** files (accord_doc_render_docx; a compilation: accord_compilation_render
** with ACCORD_FORMAT_DOCX).
**
** The container is read with libzip and the XML with libxml2, both bounded:
** at most ACCORD_DOCX_MAX_SIZE bytes uncompressed in all, no entry expanding
** more than ACCORD_DOCX_MAX_RATIO times, no DTD (a DOCTYPE is refused, so
** no entity tricks), no network. docs/formats.md ("Word") says what is read.
*/
#ifndef ACCORD_DOCX_H
#define ACCORD_DOCX_H

#include "accord/common.h"
#include "accord/format.h"
#include "accord/roster.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ACCORD_DOCX_MAX_SIZE (64u * 1024u * 1024u) /* bytes uncompressed, all parts read */
#define ACCORD_DOCX_MAX_RATIO 100u                  /* uncompressed / compressed, per entry */

typedef struct accord_docx accord_docx;

/* What data starts with: a zip (a .docx), an OLE compound file (an old .doc or a password-protected
 * Word file), or neither. */
typedef enum accord_docx_kind {
	ACCORD_DOCX_NONE = 0,
	ACCORD_DOCX_ZIP = 1,
	ACCORD_DOCX_OLE = 2
} accord_docx_kind;

ACCORD_API accord_docx_kind accord_docx_sniff(const char *data, size_t len);

/* Which text of the file: the tracked changes accepted, or rejected (the original). */
typedef enum accord_docx_view {
	ACCORD_DOCX_ACCEPTED = 0,
	ACCORD_DOCX_ORIGINAL = 1
} accord_docx_view;

/* One tracked change, as the file marks it. */
typedef enum accord_docx_change_kind {
	ACCORD_DOCX_INSERT = 0, /* w:ins: text inserted */
	ACCORD_DOCX_DELETE = 1, /* w:del: text deleted */
	ACCORD_DOCX_MOVE = 2,   /* w:moveFrom + w:moveTo of one name: text moved (one change) */
	ACCORD_DOCX_SPLIT = 3,  /* an inserted paragraph mark: a paragraph split in two */
	ACCORD_DOCX_JOIN = 4,   /* a deleted paragraph mark: a paragraph joined to the next */
	ACCORD_DOCX_FORMAT = 5  /* w:rPrChange / w:pPrChange: formatting only, not an amendment */
} accord_docx_change_kind;

typedef struct accord_docx_change {
	accord_docx_change_kind kind;
	const char *author; /* w:author, "" when absent */
	const char *date;   /* w:date as written, "" when absent */
	const char *text;   /* the text inserted, deleted or moved ("" for marks and formatting) */
	size_t para;        /* 0-based index of the file's paragraph where it starts (body order) */
	size_t to_para;     /* MOVE: the paragraph the text went to; else equal to para */
} accord_docx_change;

/* One comment (word/comments.xml) with its anchor. */
typedef struct accord_docx_comment {
	const char *author; /* w:author, "" when absent */
	const char *date;   /* w:date, "" when absent */
	const char *text;   /* the comment's paragraphs joined with "\n" */
	const char *quoted; /* the text between its commentRangeStart and commentRangeEnd (accepted) */
	const char *party;  /* the party it is attributed to ("US: ..."), NULL when none */
	size_t para;        /* 0-based index of the file's paragraph where its range starts */
	unsigned line;      /* that paragraph's line in accord_docx_text(ACCEPTED), 0 when not shown */
} accord_docx_comment;

/*
** Reads a .docx held in data[0..len). name (may be NULL) is for errors.
** vocab (NULL: the default) decides which Heading-styled paragraphs are
** section headings of the opinion layout. Fails with ACCORD_EPARSE (not a
** zip, an OLE file: "password-protected or old .doc Word file", a missing
** word/document.xml, malformed XML, a DOCTYPE, over the size or ratio
** bounds: bad input all), ACCORD_ENOMEM. *out is the caller's
** (accord_docx_free).
*/
ACCORD_API int accord_docx_read(accord_docx **out, const char *data, size_t len, const char *name,
	const accord_vocab *vocab, accord_error *err);
ACCORD_API void accord_docx_free(accord_docx *docx);

/*
** The file as accord plain text (docs/formats.md, "Word"), with its tracked
** changes accepted or rejected: borrowed, NUL-terminated, valid until
** accord_docx_free; *len (may be NULL) gets its length.
*/
ACCORD_API const char *accord_docx_text(const accord_docx *docx, accord_docx_view view, size_t *len);

/*
** The text with only author's changes accepted (others' rejected): what
** that author proposed against the original. Appends to out.
*/
ACCORD_API int accord_docx_text_by(accord_buf *out, const accord_docx *docx, const char *author);

/* What one party proposes in a .docx (accord_docx_proposals). */
typedef struct accord_docx_proposal {
	char *party; /* a roster party's code, or the default party */
	char *text;  /* the text with that party's authors' changes accepted, the others' rejected */
	size_t len;
} accord_docx_proposal;

/*
** The file's proposals by party. Each author of tracked changes maps to a
** party: a roster party whose code, name or alias is the author's name
** (ASCII case ignored; roster may be NULL), else to each roster party it names when it
** names several, every one a roster party, joined by "," or ";" ("IRN,
** USA": co-sponsors, as accord_doc_render_docx_parties writes them), else
** to `party`. Gives one proposal per party
** with changes, `party`'s first; a file without tracked changes gives one,
** `party`'s, with the accepted text. *out (n in *n) is freed with
** accord_docx_proposals_free. Fails with ACCORD_EINVAL, ACCORD_ENOMEM.
*/
ACCORD_API int accord_docx_proposals(accord_docx_proposal **out, size_t *n, const accord_docx *docx,
	const accord_roster *roster, const char *party);
ACCORD_API void accord_docx_proposals_free(accord_docx_proposal *proposals, size_t n);

/* The tracked changes in file order, borrowed. */
ACCORD_API size_t accord_docx_change_count(const accord_docx *docx);
ACCORD_API const accord_docx_change *accord_docx_change_get(const accord_docx *docx, size_t i);
ACCORD_API const char *accord_docx_change_kind_name(accord_docx_change_kind kind);

/* The distinct authors of tracked changes that are not formatting only, in order of appearance. */
ACCORD_API size_t accord_docx_author_count(const accord_docx *docx);
ACCORD_API const char *accord_docx_author(const accord_docx *docx, size_t i);

/* The comments in file order, borrowed. */
ACCORD_API size_t accord_docx_comment_count(const accord_docx *docx);
ACCORD_API const accord_docx_comment *accord_docx_comment_get(const accord_docx *docx, size_t i);

/*
** Attributes each comment that starts "WHO: ..." to a party: with a roster,
** WHO must be a party's code, name or alias (ASCII case ignored) and the
** party is its code, and a comment without such a WHO is its author's when
** the author is a party; without a roster (NULL), WHO is taken as written
** when it is 1 to 4 words starting with a capital letter. Fails only with
** ACCORD_ENOMEM.
*/
ACCORD_API int accord_docx_attribute_comments(accord_docx *docx, const accord_roster *roster);

/* Warnings of the reading (a table read as paragraphs, endnotes dropped), borrowed. */
ACCORD_API size_t accord_docx_warning_count(const accord_docx *docx);
ACCORD_API const char *accord_docx_warning(const accord_docx *docx, size_t i);

/*
** The document of a .docx: its text in view `which` read as plain text
** (accord_doc_parse_text with opts: vocab, force_generic, name), the docx
** warnings added to the document. *out is the caller's.
*/
ACCORD_API int accord_doc_from_docx(accord_doc **out, const accord_docx *docx, accord_docx_view which,
	const accord_parse_options *opts, accord_error *err);

/*
** Reads data[0..len) as a .docx and makes its document (accord_docx_read,
** then accord_doc_from_docx). accord_doc_parse calls it for data that
** starts as a zip or an OLE file.
*/
ACCORD_API int accord_doc_parse_docx(accord_doc **out, const char *data, size_t len,
	const accord_parse_options *opts, accord_error *err);

/*
** Appends doc as JSON (accord_doc_render_json) with one more member,
** "comments": docx's comments, each an object with author, date, text,
** party (when attributed), paragraph (the id of doc's paragraph at the
** comment's line, when there is one) and quoted.
*/
ACCORD_API int accord_docx_render_json(accord_buf *out, const accord_doc *doc, const accord_docx *docx,
	accord_error *err);

/*
** Reads a file as text for callers that take text: a Word file (by its
** zip signature) becomes its accepted text (accord_docx_text), anything
** else is returned as read. out is replaced. Fails as accord_read_file
** and accord_docx_read.
*/
ACCORD_API int accord_doc_read_input(accord_buf *out, const char *path, accord_error *err);
/*
** The same, with the text a .docx was marked up on: original (may be NULL)
** gets the file's text with its tracked changes rejected, and is emptied for
** a plain-text file (which does not say what it was written on).
** accord submit gives it to accord_session_submit_with, which finds the
** revision the changes were made against by it.
*/
ACCORD_API int accord_doc_read_input_views(accord_buf *out, accord_buf *original, const char *path,
	accord_error *err);

/* ---- writing ----------------------------------------------------------------------------- */

/*
** Appends doc to out as a Word package (.docx, zipped with libzip):
** [Content_Types].xml, _rels/.rels, word/document.xml, word/styles.xml,
** word/_rels/document.xml.rels and, with footnotes, word/footnotes.xml.
** One Word paragraph for each line of the canonical text
** (accord_doc_render_text): the front matter, the title in the Title
** style, section headings in "heading 1" (generic mode) or an italic
** "heading 2" (the phrases of the opinion layout), labels as text and a
** tab with a hanging indent, nested paragraphs indented a step for each
** level, footnotes as Word footnotes when they are numbered 1, 2 ... in the
** order of their references (else as their "[N: text]" lines). Reading the
** result (accord_doc_parse_docx) gives a document equal to doc for every
** document the text parser gives. The same document gives the same bytes
** (the entries carry a fixed date). Fails with ACCORD_EINVAL (NULL
** arguments), ACCORD_ENOMEM, ACCORD_EIO (libzip failed), told in err.
*/
ACCORD_API int accord_doc_render_docx(accord_buf *out, const accord_doc *doc, accord_error *err);

/*
** Appends doc to out as a Word file in which what differs from base is
** marked as tracked changes by author (w:ins and w:del with w:author, no
** date), for a word processor to accept or reject: the paragraphs of both
** (as accord_doc_render_docx cuts them, footnotes as their text) are
** aligned; a new paragraph is inserted whole (its mark too), a removed one
** deleted whole, a changed one keeps its place with its words deleted and
** inserted as the word diff (accord_diff_text) says. Read back by
** accord_docx_read, the accepted text is doc's canonical text and the
** original text base's. Fails as accord_doc_render_docx.
*/
ACCORD_API int accord_doc_render_docx_changes(accord_buf *out, const accord_doc *base, const accord_doc *doc,
	const char *author, accord_error *err);

/* A Word comment to write (accord_doc_render_docx_parties). */
/*
** The author of the comments accord writes itself (a compilation's
** attributions, "MOD USA/3 (USA)"): read back, they are accord's notes,
** never a party's view (accord_session_submit_file leaves them out).
*/
#define ACCORD_DOCX_NOTE_AUTHOR "accord"

typedef struct accord_docx_note {
	const char *paragraph; /* the id of the paragraph it is on; NULL: the document as a whole */
	const char *author;    /* w:author */
	const char *text;      /* its text; a line a comment paragraph */
} accord_docx_note;

/*
** Appends to out a Word file of base in which each of n parties' versions
** (docs[i], by authors[i]) is marked as tracked changes under its author,
** so that accepting one author's changes and rejecting the others' gives
** that party's document: the compilation as a chair edits it in a word
** processor. The paragraphs and words are aligned with base as
** accord_doc_render_docx_changes aligns them, each party on its own, and
** then merged on base: base words several parties delete are deleted once,
** under an author naming them all ("IRN, USA"; the names joined by "; "
** when one holds a comma), each party's text for them inserted after them
** under its own author, and a text or paragraph several parties insert
** alike is inserted once under all of their names (co-sponsors). A
** paragraph whose look (style, indent) a party changes is deleted and
** inserted. Read back with a roster naming the authors
** (accord_docx_proposals), each party's proposal is docs[i]'s text. No
** dates. notes[0..n_notes) become Word comments (word/comments.xml) over
** the whole of their paragraphs, each once: the first paragraph with the
** note's id (a base paragraph, or a party's new one), the first paragraph
** of the file for a note on none. Fails as accord_doc_render_docx
** (ACCORD_EINVAL for NULL arguments).
*/
ACCORD_API int accord_doc_render_docx_parties(accord_buf *out, const accord_doc *base, const accord_doc *const *docs,
	const char *const *authors, size_t n, const accord_docx_note *notes, size_t n_notes, accord_error *err);

#ifdef __cplusplus
}
#endif

#endif
