/*
** accord/amend.h: amendments, and turning a contribution into them.
**
** A contribution (a delegation's version of the base text) is aligned with
** the base by content and turned into a list of amendments in ITU terms:
**
**   ADD           a new paragraph, placed where its proposer put it
**   SUP           deletion of a paragraph (with its children)
**   MOD           span edits inside a paragraph (insert, delete, replace,
**                 anchored on base token offsets with the quoted base text)
**                 and/or a new label; "editorial" when only labels or
**                 spacing change (ITU's "(MOD)")
**   MOVE          a paragraph moves (it may carry MOD edits too)
**   HEADING       a section heading changes ("invites" -> "invites Member States")
**   ADD_SECTION, SUP_SECTION, MOVE_SECTION
**   META          a metadata field or the notes change (title, body ...)
**   FOOTNOTE      a footnote is added, deleted or changed
**
** NOC (no change) is the absence of an amendment. Applying the amendments of
** accord_doc_diff(base, contribution) to base gives a document equal to the
** contribution (accord_doc_equal), so its text form is byte for byte the
** contribution's text form.
*/
#ifndef ACCORD_AMEND_H
#define ACCORD_AMEND_H

#include "accord/common.h"
#include "accord/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum accord_op {
	ACCORD_OP_ADD = 0,
	ACCORD_OP_SUP = 1,
	ACCORD_OP_MOD = 2,
	ACCORD_OP_MOVE = 3,
	ACCORD_OP_HEADING = 4,
	ACCORD_OP_ADD_SECTION = 5,
	ACCORD_OP_SUP_SECTION = 6,
	ACCORD_OP_MOVE_SECTION = 7,
	ACCORD_OP_META = 8,
	ACCORD_OP_FOOTNOTE = 9
} accord_op;
#define ACCORD_OP_COUNT 10

/* "ADD", "SUP", "MOD", "MOVE", "HEADING", "ADD_SECTION" ...; -1 when unknown. */
ACCORD_API const char *accord_op_name(accord_op op);
ACCORD_API int accord_op_from_name(const char *name);

typedef enum accord_edit_kind {
	ACCORD_EDIT_INSERT = 0,
	ACCORD_EDIT_DELETE = 1,
	ACCORD_EDIT_REPLACE = 2
} accord_edit_kind;

/* One span edit inside a paragraph's text. */
typedef struct accord_edit {
	accord_edit_kind kind;
	uint32_t base_start;   /* offset in tokens (words, punctuation, spaces) of the base text */
	uint32_t base_count;   /* tokens deleted or replaced; 0 for an insertion */
	const char *base_text; /* the base tokens quoted ("" for an insertion) */
	const char *text;      /* what goes in their place ("" for a deletion) */
	const char *before;    /* a few base tokens before the span, for re-anchoring */
	const char *after;     /* a few base tokens after the span */
} accord_edit;

/* Where a paragraph or section goes: the ids are of the document as amended. */
typedef struct accord_place {
	const char *section; /* section id (paragraphs only) */
	const char *parent;  /* parent paragraph id, NULL at top level */
	const char *after;   /* previous sibling (paragraph or section) id, NULL: first */
} accord_place;

/*
** One amendment. All strings are owned by the list holding it; a field that
** does not apply to the op is NULL (or 0).
*/
typedef struct accord_amendment {
	const char *id;            /* "USA/3": unique in a list */
	accord_op op;
	const char *const *proposers; /* party codes, first is the original proposer */
	size_t n_proposers;
	const char *source_file;   /* the contribution it came from */
	unsigned source_line;      /* its line there (0 when unknown) */
	const char *target;        /* base paragraph or section id (SUP, MOD, MOVE, HEADING, *_SECTION) */

	/* MOD and MOVE: text edits, in base order, not overlapping */
	const accord_edit *edits;
	size_t n_edits;
	int label_changed;         /* the label goes from label_from to label_to */
	const char *label_from;    /* NULL: no label */
	const char *label_to;
	int editorial;             /* only labels or spacing change: "(MOD)" */

	/* ADD, MOVE, ADD_SECTION, MOVE_SECTION: where it goes */
	accord_place position;
	/* ADD, ADD_SECTION: the new paragraph/section (its id is the amendment id) */
	const char *label;         /* ADD: label of the new paragraph (NULL: none) */
	const char *text;          /* ADD: its text; SUP: the deleted text (quoted) */

	/* HEADING, ADD_SECTION */
	const char *heading_from;  /* HEADING: the base heading */
	const char *heading;       /* the new heading (NULL: none) */
	accord_section_kind kind;
	const char *addressee;

	/* META: field ("symbol", "title", "source", "body" or "notes"), values (notes joined by "\n") */
	const char *field;
	const char *value_from;    /* NULL: unset */
	const char *value_to;      /* NULL: unset */

	/* FOOTNOTE: number and texts (NULL from: added; NULL to: deleted) */
	const char *footnote;

	/* what the alignment saw: "split" or "merge" with the related paragraph, or NULL */
	const char *relation;
	const char *related;
	double similarity;         /* MOD/MOVE: how alike base and new text are (0..1) */
} accord_amendment;

typedef struct accord_amendment_list accord_amendment_list;

ACCORD_API int accord_amendments_new(accord_amendment_list **out);
ACCORD_API void accord_amendments_free(accord_amendment_list *list);
/* The number of amendments in list (0 for NULL). */
ACCORD_API size_t accord_amendments_count(const accord_amendment_list *list);
/* Borrowed until the list is freed. */
ACCORD_API const accord_amendment *accord_amendments_get(const accord_amendment_list *list, size_t i);
ACCORD_API const accord_amendment *accord_amendments_find(const accord_amendment_list *list, const char *id);
/* Appends a deep copy of a (its id must be new in the list: else ACCORD_EINVAL). */
ACCORD_API int accord_amendments_add(accord_amendment_list *list, const accord_amendment *a);
/* Adds a co-sponsor to amendment id (no-op when already there). */
ACCORD_API int accord_amendments_add_proposer(accord_amendment_list *list, const char *id, const char *party);

/* Where the list came from, as written into its JSON (NULL when unknown). */
ACCORD_API const char *accord_amendments_party(const accord_amendment_list *list);
ACCORD_API const char *accord_amendments_base_name(const accord_amendment_list *list);
ACCORD_API const char *accord_amendments_contribution_name(const accord_amendment_list *list);
ACCORD_API int accord_amendments_set_origin(accord_amendment_list *list, const char *party, const char *base_name,
	const char *contribution_name);

/* ---- extraction: contribution -> amendments ------------------------------ */

typedef struct accord_doc_diff_options {
	unsigned version;      /* ACCORD_DOC_DIFF_OPTIONS_VERSION */
	const char *party;     /* proposer code, and the prefix of amendment ids ("USA" -> "USA/1") */
	double min_similarity; /* below this two paragraphs are not the same one (default 0.3) */
	double move_similarity;/* an out-of-order match needs at least this (default 0.5) */
} accord_doc_diff_options;
#define ACCORD_DOC_DIFF_OPTIONS_VERSION 1
#define ACCORD_DOC_DIFF_OPTIONS_INIT {ACCORD_DOC_DIFF_OPTIONS_VERSION, NULL, 0.3, 0.5}

/*
** Aligns contribution with base by content (sections by heading and
** content, paragraphs within and across sections; moves, splits and merges
** detected) and returns the amendments that turn base into contribution,
** in the contribution's order. An empty list means no difference.
*/
ACCORD_API int accord_doc_diff(accord_amendment_list **out, const accord_doc *base, const accord_doc *contribution,
	const accord_doc_diff_options *opts, accord_error *err);

/* ---- apply ------------------------------------------------------------------ */

/*
** Applies every amendment of list to doc, in place. Edits whose quoted base
** text is no longer at its offset are re-anchored by their quoted text and
** context; when that fails: ACCORD_ECONFLICT naming the amendment (doc is
** then in an unspecified state: apply to a clone). Unknown targets:
** ACCORD_ENOTFOUND.
*/
ACCORD_API int accord_amendments_apply(accord_doc *doc, const accord_amendment_list *list, accord_error *err);

/* Applies only the amendments for which keep(amendment, data) returns 1. */
ACCORD_API int accord_amendments_apply_filtered(accord_doc *doc, const accord_amendment_list *list,
	int (*keep)(const accord_amendment *a, void *data), void *data, accord_error *err);

/*
** The new text of a paragraph after the edits of one MOD/MOVE amendment
** (re-anchored if needed). *out is allocated (accord_free).
*/
ACCORD_API int accord_edits_apply_text(char **out, const char *base_text, const accord_edit *edits, size_t n_edits,
	accord_error *err);

/* ---- formats ------------------------------------------------------------------ */

/*
** The list as JSON ("accord": "amendments/1"), YAML (same schema), or as
** text for people: each changed paragraph with [-deleted-]{+inserted+}
** marks (ANSI colours when color is set). base is needed for the text view.
*/
ACCORD_API int accord_amendments_render_json(accord_buf *out, const accord_amendment_list *list, accord_error *err);
/*
** The same JSON, streamed: written to sink in pieces of about 64 KiB as the
** amendments are walked, so the output is never held whole (accord diff
** writes large lists this way). A sink error is returned as it is, with err
** saying the output could not be written.
*/
ACCORD_API int accord_amendments_write_json(const accord_sink *sink, const accord_amendment_list *list,
	accord_error *err);
ACCORD_API int accord_amendments_render_yaml(accord_buf *out, const accord_amendment_list *list, accord_error *err);
ACCORD_API int accord_amendments_render_text(accord_buf *out, const accord_amendment_list *list,
	const accord_doc *base, int color);

/* Reads a list written by accord_amendments_render_json (strict; errors with line:col). */
ACCORD_API int accord_amendments_parse_json(accord_amendment_list **out, const char *data, size_t len,
	const char *name, accord_error *err);

/* ---- flattened tracked changes ---------------------------------------------- */

typedef enum accord_flattened_kind {
	ACCORD_FLATTENED_GLUED = 0, /* one word made of an inserted word and the base word it replaced */
	ACCORD_FLATTENED_KEPT = 1   /* an inserted word next to the base word it replaced, both kept */
} accord_flattened_kind;

/* A place in a contribution that looks like a flattened tracked change. */
typedef struct accord_flattened {
	accord_flattened_kind kind;
	const char *amendment; /* the id of the amendment it is in */
	unsigned line, col;    /* in the contribution (col 0: unknown; counted in code points) */
	const char *token;     /* the contribution's text there: "paragrapharticle", "paragraph article" */
	const char *inserted;  /* the inserted word ("paragraph"); NULL when two base words ran together */
	const char *base;      /* the base word it replaced ("article"); for two base words run
	                          together, both quoted for the message: "that' and 'Internet" */
	const char *message;   /* "'paragrapharticle' looks like a flattened tracked change (...)" */
	int first_inserted;    /* the inserted word comes first in the contribution */
} accord_flattened;

/*
** The places of a contribution that look like tracked changes flattened
** into plain text: inserted and deleted words both kept, often glued into
** one word ("paragrapharticle": "paragraph" inserted, "article" deleted).
** list is accord_doc_diff(base, contribution); base and contribution may
** be NULL (the words of the amendments are then all that is known of
** them); source (may be NULL) is the contribution's file text, to give each
** place a column. The rule (see
** docs/amendments.md) stays quiet on ordinary revisions: it looks only at
** words of replace edits that are not words of base, and reports the
** weaker signs only in a contribution that shows a strong one. *out
** (accord_flattened_free) holds *n places in amendment order, glued places
** first; none: *out NULL, *n 0. Fails only with ACCORD_ENOMEM.
*/
ACCORD_API int accord_amendments_flattened(accord_flattened **out, size_t *n, const accord_amendment_list *list,
	const accord_doc *base, const accord_doc *contribution, const char *source, size_t source_len,
	accord_error *err);
ACCORD_API void accord_flattened_free(accord_flattened *places, size_t n);

#ifdef __cplusplus
}
#endif
#endif
