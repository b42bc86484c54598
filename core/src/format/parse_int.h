/*
** parse_int.h: what the plain-text and Markdown parsers share: checking the
** input, cutting it into lines, removing Word artefacts (footnote
** definitions, bookmarks), paragraph labels and their sequences.
*/
#ifndef ACCORD_PARSE_INT_H
#define ACCORD_PARSE_INT_H

#include "accord/format.h"
#include "model/doc_int.h"

/* One logical line: a line of the input after Word artefacts were removed. */
typedef struct parse_line {
	union {
		size_t offset;    /* while reading: where the text starts (in the input, or in text when own) */
		const char *text; /* once read: the line's bytes, in the input itself when the line is as
		                     written, else in the owning parse_input's text */
	} at;
	size_t len;         /* bytes, no line terminator */
	unsigned line;      /* 1-based line number in the input */
	unsigned char blank; /* nothing but blanks (a separator) */
	unsigned char own;   /* the text is in the parse_input's text (an artefact was removed) */
} parse_line;

typedef struct parse_input {
	accord_buf text;    /* the logical lines that differ from the input's, one after another */
	parse_line *lines;  /* the logical lines in order */
	size_t count;
	size_t cap;
} parse_input;

/*
** Checks data (binary, UTF-8, empty), strips a BOM, splits it into lines
** (LF or CRLF), removes Word artefacts: footnote definitions `[N: text]`
** become footnotes of doc, bookmarks `[bookmark: x]` are dropped with a
** warning on doc. Lines left empty by a removal are dropped too. A line as
** written points into data (which must outlive in): only the lines an
** artefact was cut from are copied. On failure returns the error (err
** filled, err->file from name) and frees what it made.
*/
int accord_parse_input_read(parse_input *in, accord_doc *doc, const char *data, size_t len, const char *name,
	accord_error *err);
void accord_parse_input_dispose(parse_input *in);

/* The text of a logical line (not NUL-terminated; use len). */
#define PARSE_LINE_TEXT(in, i) ((in)->lines[(i)].at.text)

/* Blank bytes: space, tab, CR, VT, FF, and no-break spaces (2 or 3 bytes). */
size_t accord_parse_blank_at(const char *s, size_t i, size_t len);
/* Length of the blank that ends at s[len-1], or 0. */
size_t accord_parse_blank_before(const char *s, size_t len);
/* Trims blanks at both ends of s[0..*len), moving *s. */
void accord_parse_trim(const char **s, size_t *len);

/* ASCII digits and letters, as labels use them. */
static inline int accord_parse_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int accord_parse_is_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
** The length of a paragraph label at the start of s ("a)", "1.", "(iv)",
** "1.2.", ")", a bullet), followed by a blank or the end; 0 when none.
*/
size_t accord_parse_label_len(const char *s, size_t len);

/* Whether label `next` continues the sequence of label `prev` (a) -> b)). */
int accord_parse_label_continues(const char *prev, const char *next);

/* Adds a paragraph holding s[0..len) with its line; *out borrows it. */
int accord_parse_add_para(accord_para **out, accord_doc *doc, accord_section *section, accord_para *parent,
	const char *label, size_t label_len, const char *text, size_t text_len, unsigned line);

/*
** The last checks of both parsers: a document with neither sections nor
** footnotes is ACCORD_EEMPTY, with empty_message at 0:0 of name; otherwise
** name (when not NULL) becomes the document's origin. May fail with
** ACCORD_ENOMEM.
*/
int accord_parse_finish(accord_doc *doc, const char *name, const char *empty_message, accord_error *err);

/*
** Recognises a Markdown ATX heading ("## Title"): returns 1 and the title
** span (trimmed, closing #s removed), 0 when the line is not one.
*/
int accord_parse_atx_heading(const char *s, size_t len, size_t *title_start, size_t *title_len);

/*
** An opinion in Markdown that came as text (standard input, a file named
** .txt), for accord_doc_parse when a text read as generic: *out is the
** opinion its markup reads as (docs/formats.md, "Markdown"), or NULL when
** it has no opinion heading in Markdown's markup. ACCORD_ENOMEM, or the
** text reader's errors.
*/
int accord_parse_markdown_opinion(accord_doc **out, const char *data, size_t len, const accord_parse_options *opts,
	accord_error *err);

#endif
