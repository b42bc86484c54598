/*
** accord/format.h: reading documents from, and writing them to, text
** (the opinion layout or generic plain text), Markdown, YAML, JSON, HTML
** and Word (.docx, accord/docx.h).
**
** The text form is canonical: rendering a document as text and parsing
** that again gives an equal document (accord_doc_equal), and a document
** read from YAML and written as text gives the same text as the original.
*/
#ifndef ACCORD_FORMAT_H
#define ACCORD_FORMAT_H

#include "accord/common.h"
#include "accord/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum accord_format {
	ACCORD_FORMAT_AUTO = 0, /* by content: YAML/JSON documents, else text */
	ACCORD_FORMAT_TEXT = 1, /* plain text: opinion layout, or generic paragraphs */
	ACCORD_FORMAT_MARKDOWN = 2,
	ACCORD_FORMAT_YAML = 3,
	ACCORD_FORMAT_JSON = 4,
	ACCORD_FORMAT_HTML = 5, /* output only */
	ACCORD_FORMAT_DOCX = 6  /* Word: a binary zip package (accord/docx.h); read by its first bytes */
} accord_format;

/* "text", "md" (also "markdown"), "yaml", "json", "html", "docx"; -1 when unknown. */
ACCORD_API int accord_format_from_name(const char *name);
ACCORD_API const char *accord_format_name(accord_format format);

/* ---- heading vocabulary ------------------------------------------------- */

/*
** The phrases that open a section ("recognizing", "invites"), as data. A
** phrase with takes_addressee set may be followed by one ("invites Member
** States"). Matching is case-insensitive and tolerant of spacing ("taking
** in to account"). A rule pack may extend the default vocabulary.
*/
typedef struct accord_vocab accord_vocab;

/* The built-in vocabulary of UN and ITU preambular and operative phrases. */
ACCORD_API int accord_vocab_new_default(accord_vocab **out);
/* An empty vocabulary. */
ACCORD_API int accord_vocab_new(accord_vocab **out);
ACCORD_API void accord_vocab_free(accord_vocab *vocab);
/* Adds a phrase (copied); a phrase already there is updated. */
ACCORD_API int accord_vocab_add(accord_vocab *vocab, const char *phrase, accord_section_kind kind, int takes_addressee);
ACCORD_API size_t accord_vocab_count(const accord_vocab *vocab);
ACCORD_API const char *accord_vocab_phrase(const accord_vocab *vocab, size_t i, accord_section_kind *kind, int *takes_addressee);

/*
** Whether a line is a section heading. On a match returns 1 and fills
** *kind and, when the heading names one, *addressee_start/_len (a span of
** line; length 0 when none). Returns 0 when the line is not a heading.
*/
ACCORD_API int accord_vocab_match(const accord_vocab *vocab, const char *line, size_t len,
	accord_section_kind *kind, size_t *addressee_start, size_t *addressee_len);

/* ---- parsing ----------------------------------------------------------- */

typedef struct accord_parse_options {
	unsigned version;           /* ACCORD_PARSE_OPTIONS_VERSION */
	accord_format format;       /* AUTO, TEXT, MARKDOWN, YAML or JSON */
	const accord_vocab *vocab;  /* NULL: the default vocabulary */
	const char *name;           /* input name for errors and origin ("-": stdin) */
	int force_generic;          /* text: skip opinion detection */
} accord_parse_options;
#define ACCORD_PARSE_OPTIONS_VERSION 1
#define ACCORD_PARSE_OPTIONS_INIT {ACCORD_PARSE_OPTIONS_VERSION, ACCORD_FORMAT_AUTO, NULL, NULL, 0}

/*
** Parses data[0..len) into a new document. Fails with ACCORD_EUTF8 (with
** err->offset), ACCORD_EEMPTY (nothing but blanks), ACCORD_EPARSE or
** ACCORD_ESCHEMA (YAML/JSON, with err->line/col), ACCORD_ENOMEM. err->file
** is set from opts->name. Artefacts that were dropped (Word bookmarks) are
** reported as warnings on the document.
*/
ACCORD_API int accord_doc_parse(accord_doc **out, const char *data, size_t len,
	const accord_parse_options *opts, accord_error *err);

/* Reads and parses a file ("-": standard input); opts->name defaults to path. */
ACCORD_API int accord_doc_parse_file(accord_doc **out, const char *path,
	const accord_parse_options *opts, accord_error *err);

/* Format-specific parsers (accord_doc_parse dispatches to these). */
ACCORD_API int accord_doc_parse_text(accord_doc **out, const char *data, size_t len,
	const accord_parse_options *opts, accord_error *err);
ACCORD_API int accord_doc_parse_markdown(accord_doc **out, const char *data, size_t len,
	const accord_parse_options *opts, accord_error *err);
ACCORD_API int accord_doc_parse_yaml(accord_doc **out, const char *data, size_t len,
	const accord_parse_options *opts, accord_error *err);
ACCORD_API int accord_doc_parse_json(accord_doc **out, const char *data, size_t len,
	const accord_parse_options *opts, accord_error *err);

/* ---- rendering ----------------------------------------------------------- */

/*
** Appends the document in the given format to out. HTML is a full page;
** DOCX is a Word package (binary, with NUL bytes: out->size is its length),
** written by accord_doc_render_docx (accord/docx.h).
*/
ACCORD_API int accord_doc_render(accord_buf *out, const accord_doc *doc, accord_format format, accord_error *err);

ACCORD_API int accord_doc_render_text(accord_buf *out, const accord_doc *doc);
ACCORD_API int accord_doc_render_markdown(accord_buf *out, const accord_doc *doc);
ACCORD_API int accord_doc_render_yaml(accord_buf *out, const accord_doc *doc, accord_error *err);
ACCORD_API int accord_doc_render_json(accord_buf *out, const accord_doc *doc, accord_error *err);
ACCORD_API int accord_doc_render_html(accord_buf *out, const accord_doc *doc);

/*
** Appends an outline of the document for people to read (accord parse's
** default view): metadata, a count line, each section (id, heading, kind,
** addressee) with its paragraphs (id, label, the start of the text, indented
** by depth), footnotes and warnings. Paragraph and footnote lines are cut to
** `width` columns (0: never cut). Not meant to be parsed back. Fails with
** ACCORD_EINVAL (NULL arguments) or ACCORD_ENOMEM.
*/
ACCORD_API int accord_doc_render_outline(accord_buf *out, const accord_doc *doc, unsigned width);

#ifdef __cplusplus
}
#endif
#endif
