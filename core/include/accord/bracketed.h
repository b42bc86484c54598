/*
** accord/bracketed.h: reading a bracketed negotiating text.
**
** A UN or UNFCCC "rolling text" carries its open questions in the text
** itself: square brackets, nested (`[[Decides][Clarifies] that ...]`),
** alternatives side by side (`[shall][should]`), paragraphs or whole
** passages given as options (`Option 1 ... Option 2: {No text required}`),
** and sometimes who wants what (`[USA: ...]`, `[text] (IRN)`). This reader
** finds that structure in a document as it was parsed: the texts stay as
** they are (so the canonical text renders back byte for byte), and the
** brackets are a structure of byte offsets over them.
**
** What the reader sees (docs/formats.md, "Bracketed texts"):
**
**   - a span: an opening bracket, its text, the matching closing bracket;
**     the bracket characters, and the attribution prefixes, are those of a
**     bracket convention (accord_brackets, the object a pack writes its
**     compilations with), so that every pack's own style reads back;
**   - a group: one or more spans that are alternatives to each other:
**     spans at the same depth with nothing between them but blanks (or the
**     convention's alternative separator and prefix, "Option 2: "). A
**     group of one span is "this text or nothing";
**   - an option block: consecutive paragraphs of a section that start with
**     "Option N" or "Alt N" (an optional label or "(PARTIES)" after the
**     number, then ":" or the end of the text); "{No text required}" is
**     the empty option. An option whose marker has text after it is that
**     paragraph (with its children); a bare marker ("Option 2" alone)
**     holds the paragraphs after it up to the next marker, a heading, or
**     the end of the section;
**   - the parties of a span, when the convention marks them: "[USA: ...]",
**     "[Alt 1 (IRN): ...]", "[MOD USA/3 (USA): ...]", or "(IRN)" right
**     after the closing bracket. Party codes are words without lower-case
**     letters ("USA", "G-77", "EU"), possibly followed by a few words
**     ("G-77 and China").
**
** A bracket may open in one paragraph and close in a later paragraph of the
** same section (a passage of several paragraphs in brackets): each
** paragraph holds a piece of that span (continues, continued; the
** paragraphs between are `inside` it), which resolves as one. Any other
** text (heading, footnote, metadata field) is read alone. Depth is unbounded:
** the reader keeps its own stack, so a 10,000-deep nesting costs memory, not
** the C stack.
*/
#ifndef ACCORD_BRACKETED_H
#define ACCORD_BRACKETED_H

#include "accord/common.h"
#include "accord/consolidate.h"
#include "accord/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum accord_bracket_kind {
	ACCORD_BRACKET_PLAIN = 0,  /* "[text]", "[USA: text]", "[Alt 1 (IRN): text]" */
	ACCORD_BRACKET_DELETE = 1, /* the convention's deletion: "[Delete (USA): text]": the text, or nothing */
	ACCORD_BRACKET_MARK = 2    /* a note on the paragraph, not text of it: "[Move (USA): after e)]",
	                              "[Delete paragraph (USA)]" */
} accord_bracket_kind;

/* "plain", "delete", "mark". */
ACCORD_API const char *accord_bracket_kind_name(accord_bracket_kind kind);

/* One bracketed span; offsets are bytes of the text it is in. */
typedef struct accord_bracket_span {
	size_t open;                  /* the opening bracket */
	size_t close;                 /* the closing bracket; the text's length when unclosed (lenient) */
	size_t text_start;            /* the span's text: after the bracket and the attribution prefix ... */
	size_t text_end;              /* ... up to here (the closing bracket, or before a template's suffix) */
	size_t end;                   /* one past all the span covers (the bracket, a "(IRN)" after it) */
	size_t start;                 /* where the span starts in its group (before an outer prefix "Option 2: ") */
	unsigned depth;               /* 1: outermost */
	size_t parent;                /* index + 1 of the enclosing span; 0 at the top */
	size_t group;                 /* the index of its group */
	accord_bracket_kind kind;
	const char *label;            /* "Alt 1", "Option 2", "NOC" ... from the prefix; NULL: none */
	const char *ref;              /* the amendment ids of the prefix ("USA/3", "#4"); NULL: none */
	const char *const *parties;   /* attributed to; n_parties 0: nobody said */
	size_t n_parties;
	int unclosed;                 /* 1: no closing bracket (lenient reading) */
	/* a span across paragraphs ("[... paragraph 1", then "paragraph 2 ...]") is one piece per paragraph: */
	int continues;                /* 1: closed in a later paragraph (close is the text's length, no closing bracket) */
	int continued;                /* 1: opened in an earlier paragraph (no opening bracket: open, start, text_start 0) */
	size_t across;                /* the pieces' number (1, 2 ... in the document), the same for each; 0: none */
} accord_bracket_span;

/* Spans that are alternatives to each other. */
typedef struct accord_bracket_group {
	size_t start, end;            /* bytes from the first span's start to the last span's end */
	const size_t *alts;           /* span indexes, in text order */
	size_t n_alts;
	unsigned depth;
} accord_bracket_group;

typedef enum accord_bracket_unit_kind {
	ACCORD_BRACKET_UNIT_PARA = 0,
	ACCORD_BRACKET_UNIT_HEADING = 1,
	ACCORD_BRACKET_UNIT_FOOTNOTE = 2,
	ACCORD_BRACKET_UNIT_META = 3  /* symbol, source, title, body, a note */
} accord_bracket_unit_kind;

/* One text of the document and its brackets. */
typedef struct accord_bracket_unit {
	accord_bracket_unit_kind kind;
	const char *id;               /* paragraph or section id, footnote number, field name ("title", "note 2") */
	const char *label;            /* paragraphs: their label (NULL: none) */
	const char *text;             /* borrowed from the document */
	size_t section;               /* paragraphs and headings: the section's index; else (size_t)-1 */
	unsigned line;                /* the line it was read from (0: unknown) */
	unsigned para_depth;          /* paragraphs: nesting depth */
	const accord_bracket_span *spans; /* in order of their opening brackets */
	size_t n_spans;
	const accord_bracket_group *groups; /* in order of their first span */
	size_t n_groups;
	unsigned max_depth;
	size_t agreed_words;          /* words outside every bracket (and outside every option) */
	size_t open_words;            /* words inside a bracket or an option */
	size_t option_block;          /* index + 1 of the option block it is in; 0: none */
	size_t option;                /* ... and of its option in the block */
	size_t marker_end;            /* the option's marker: bytes "Option 2: " at the start of the text (0: none) */
	size_t inside;                /* a paragraph wholly inside a span across paragraphs: that span's `across`; 0: none */
} accord_bracket_unit;

/* An option of an option block: a run of paragraphs. */
typedef struct accord_bracket_option {
	unsigned number;              /* its number (letters: A 1, B 2 ...) */
	const char *marker;           /* "Option 2", "Alt 1" */
	const char *label;            /* what follows the number ("Mitigation"); NULL: none */
	const char *const *parties;
	size_t n_parties;
	size_t first_unit, n_units;   /* its paragraphs (units), the marker's first */
	int empty;                    /* 1: "{No text required}" or no text at all */
} accord_bracket_option;

typedef struct accord_bracket_block {
	size_t section;               /* the section's index */
	const accord_bracket_option *options;
	size_t n_options;
} accord_bracket_block;

/* An unbalanced bracket. */
typedef struct accord_bracket_problem {
	const char *kind;             /* "unclosed" (an opening bracket without its closing one), "unopened" (a
	                                 closing one without), "interleaved" ("[(])": a parenthesis opened inside
	                                 a bracket and closed after it) */
	size_t unit;                  /* the text it is in */
	size_t offset;                /* the culprit's byte in that text */
	unsigned line, col;           /* its position in the input (1-based; 0: unknown) */
} accord_bracket_problem;

typedef struct accord_bracketed accord_bracketed;

typedef struct accord_bracket_read_options {
	unsigned version;             /* ACCORD_BRACKET_READ_OPTIONS_VERSION */
	const accord_brackets *brackets; /* the convention; NULL: accord_brackets_default() */
	int lenient;                  /* 1: unbalanced brackets are problems and warnings, not an error */
	const char *name;             /* the input's name, for errors and warnings */
	const char *source;           /* the input as read (may be NULL): gives exact columns */
	size_t source_len;
} accord_bracket_read_options;
#define ACCORD_BRACKET_READ_OPTIONS_VERSION 1
#define ACCORD_BRACKET_READ_OPTIONS_INIT {ACCORD_BRACKET_READ_OPTIONS_VERSION, NULL, 0, NULL, NULL, 0}

/*
** Reads the brackets of doc. Strict (the default): the first unbalanced
** bracket is ACCORD_EPARSE with the line and column of the opening bracket
** (or the stray closing one, or the parenthesis of "[(])"). Lenient: each
** is a problem (accord_bracketed_problem) and a warning added to doc
** (accord_doc_add_warning; doc may then not be const for the caller), and
** the best reading: an unclosed bracket runs to the end of its text, a
** stray closing one is text. The document is borrowed: it must outlive
** *out and not change. ACCORD_ENOMEM, ACCORD_EINVAL (bad convention).
*/
ACCORD_API int accord_bracketed_read(accord_bracketed **out, accord_doc *doc, const accord_bracket_read_options *opts,
	accord_error *err);
ACCORD_API void accord_bracketed_free(accord_bracketed *b);

/* The texts, in document order: metadata, then per section its heading and paragraphs (pre-order), then footnotes. */
ACCORD_API size_t accord_bracketed_unit_count(const accord_bracketed *b);
ACCORD_API const accord_bracket_unit *accord_bracketed_unit(const accord_bracketed *b, size_t i);
ACCORD_API size_t accord_bracketed_block_count(const accord_bracketed *b);
ACCORD_API const accord_bracket_block *accord_bracketed_block(const accord_bracketed *b, size_t i);
ACCORD_API size_t accord_bracketed_problem_count(const accord_bracketed *b);
ACCORD_API const accord_bracket_problem *accord_bracketed_problem(const accord_bracketed *b, size_t i);
/* Every party named, in order of first appearance. */
ACCORD_API size_t accord_bracketed_party_count(const accord_bracketed *b);
ACCORD_API const char *accord_bracketed_party(const accord_bracketed *b, size_t i);

/* The totals of a text. */
typedef struct accord_bracket_totals {
	size_t spans, groups, option_blocks, options, problems, parties;
	unsigned max_depth;
	size_t agreed_words, open_words;
} accord_bracket_totals;
ACCORD_API void accord_bracketed_totals(const accord_bracketed *b, accord_bracket_totals *out);

/*
** Appends the state of the text as JSON (docs/formats.md, "Bracketed
** texts"): the totals, "parties", "unbalanced", "option_blocks" and per
** unit (metadata, sections with their paragraphs, footnotes) the same
** counts and the spans and groups. ACCORD_ENOMEM, ACCORD_EUTF8.
*/
ACCORD_API int accord_bracketed_render_json(accord_buf *out, const accord_bracketed *b, accord_error *err);

/* Appends a summary for people to read: totals, then one line per text with brackets. */
ACCORD_API int accord_bracketed_render_summary(accord_buf *out, const accord_bracketed *b);

/*
** Appends doc as YAML (yaml 1) or JSON "document/1" with, on every
** paragraph (and section, for its heading) that has brackets, a
** "brackets" list: each group with its alternatives (span offsets, depth,
** kind, label, parties). ACCORD_ENOMEM, ACCORD_EUTF8.
*/
ACCORD_API int accord_bracketed_render_doc(accord_buf *out, const accord_bracketed *b, int yaml, accord_error *err);

typedef enum accord_bracket_take {
	ACCORD_TAKE_FIRST = 0,    /* every group's first alternative; a lone span kept */
	ACCORD_TAKE_LAST = 1,     /* the last; a lone span dropped (its alternatives: the span, then nothing) */
	ACCORD_TAKE_SHORTEST = 2, /* the shortest text (the first of equals); a lone span dropped */
	ACCORD_TAKE_PARTY = 3     /* the alternatives attributed to a party, else the first unattributed one */
} accord_bracket_take;

/*
** A clean document: every group resolved as take says, brackets, prefixes
** and marks removed, option blocks reduced to one option (its marker
** removed); paragraphs left without text that had text, and sections left
** without heading and paragraphs, are removed. party is for
** ACCORD_TAKE_PARTY (a deletion attributed to it deletes; a paragraph mark
** "[Delete paragraph (P)]" removes the paragraph). ACCORD_ENOMEM, ACCORD_EINVAL.
*/
ACCORD_API int accord_bracketed_resolve(accord_doc **out, const accord_bracketed *b, accord_bracket_take take,
	const char *party, accord_error *err);

/* What accord_bracketed_resolve_with is told to do with a group or an option block. */
#define ACCORD_BRACKET_OPEN ((size_t)-2) /* leave it as it is: brackets (or markers), alternatives and all */
#define ACCORD_BRACKET_DROP ((size_t)-1) /* none of its alternatives (options): its words go */

/*
** The caller's choice for each group and option block: an alternative's
** (option's) index, ACCORD_BRACKET_DROP or ACCORD_BRACKET_OPEN. A NULL
** callback leaves everything of its kind open. Groups inside an
** alternative that goes go with it, whatever was chosen for them.
*/
typedef struct accord_bracket_choices {
	/* group `group` (an index into the unit's groups) of unit `unit` */
	size_t (*group)(void *data, size_t unit, size_t group);
	/* option block `block` (accord_bracketed_block) */
	size_t (*option)(void *data, size_t block);
	void *data;
} accord_bracket_choices;

/*
** A document with some groups resolved, as the caller chooses, and the
** others left bracketed (a session's next revision: the questions decided
** lose their brackets, the others keep them). An alternative kept loses
** its brackets and prefix; a group dropped vanishes with the blanks
** tidied as accord_bracketed_resolve does; an option kept loses its
** marker, the others their paragraphs. Marks are left alone unless the
** callback resolves them. ACCORD_ENOMEM, ACCORD_EINVAL.
*/
ACCORD_API int accord_bracketed_resolve_with(accord_doc **out, const accord_bracketed *b,
	const accord_bracket_choices *choices, accord_error *err);

/* 1 when a text holds at least one well-formed bracket group (for a hint: "read with --brackets"). */
ACCORD_API int accord_doc_has_brackets(const accord_doc *doc, const accord_brackets *convention);

#ifdef __cplusplus
}
#endif
#endif
