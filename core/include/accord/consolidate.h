/*
** accord/consolidate.h: many contributions, one compilation text.
**
** A compilation is what a secretariat hands the chair after twenty
** delegations have sent their versions of a base text: the base, paragraph
** by paragraph, with every proposal on it visible and attributed:
**
**   - the same change proposed by several parties appears once, with all of
**     them as co-sponsors;
**   - changes that differ only in spacing, case or punctuation are kept
**     apart but flagged as near-duplicates of each other;
**   - changes to disjoint parts of a paragraph are shown independently;
**   - overlapping, different proposals on the same base span become
**     alternatives (Alt 1, Alt 2 ..., and the base text as a "no change"
**     option when the convention asks for it);
**   - new paragraphs stand where their proposers put them, labelled by the
**     convention ("a bis)", "a ter)");
**   - deletions, moves and heading changes are shown, never applied.
**
** Inputs are a base document and either contributions (each diffed against
** the base with accord_doc_diff and attributed to one party) or amendment
** lists (a session's open amendments). The compilation keeps every input
** amendment, so accepting exactly one party's proposals (the ones it made
** and the ones it co-sponsors) gives that party's text back:
** accord_compilation_accept(party) of a contribution's party is
** accord_doc_equal to the contribution.
**
** Rendering goes through a bracket convention (accord_brackets): plain
** text, Markdown, a standalone HTML page, JSON and YAML (docs/formats.md,
** "Compilation").
*/
#ifndef ACCORD_CONSOLIDATE_H
#define ACCORD_CONSOLIDATE_H

#include "accord/amend.h"
#include "accord/common.h"
#include "accord/doc.h"
#include "accord/format.h"
#include "accord/roster.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the bracket convention ------------------------------------------------ */

/*
** How proposals are written in the compilation text. Templates are
** literal text with placeholders:
**
**   %p  the parties (codes joined by party_separator; a near-duplicate
**       adds near_duplicate after them)
**   %t  the proposed text (deleted_option when a proposal deletes)
**   %b  the base text concerned
**   %n  the number of an alternative (1, 2 ...)
**   %m  the alternative a near-duplicate resembles
**   %l  (bis only) the base label without its closing mark, "a" of "a)"
**   %s  (bis only) the Latin ordinal, "bis", "ter" ...
**   %i  the ids of the amendments behind the proposal ("USA/19"; joined by
**       party_separator), so that a chair can call it by its id; under an
**       anonymous convention a neutral number ("#7", the proposal's place
**       in the compilation), which names nobody
**   %k  the mark of the proposal, as ITU bodies write it: ADD (a new
**       paragraph or section), SUP (a paragraph or section deleted), MOD
**       (any other change), (MOD) for an editorial one
**   %%  a percent sign
**
** Notes on a proposal (near-duplicate, editorial, its state in a session:
** "agreed ad ref", "bracketed") follow the parties after "; ", or the ids
** when the template has no %p.
**
** Every string is borrowed: it must outlive the calls that use the
** convention. accord_brackets_default() gives the built-in UN style.
*/
typedef struct accord_brackets {
	unsigned version;             /* ACCORD_BRACKETS_VERSION */
	const char *name;             /* "un" ... for messages and JSON */
	const char *insert;           /* "[%p: %t]" */
	const char *delete_text;      /* "[Delete (%p): %b]" */
	const char *replace;          /* "[%b] [%p: %t]": one proposal replacing base text */
	const char *alternative;      /* "[Alt %n (%p): %t]" */
	const char *alternative_separator; /* " " between alternatives */
	const char *no_change;        /* "[NOC: %b]": the base as one option */
	int no_change_option;         /* 1: alternatives on base text end with the no_change option */
	const char *near_duplicate;   /* "near-duplicate of Alt %m" */
	const char *editorial;        /* "editorial": a change of spacing, case or punctuation only */
	const char *deleted_option;   /* "delete": %t of an alternative that deletes */
	const char *party_separator;  /* ", " */
	const char *delete_paragraph; /* "[Delete paragraph (%p)]" (before a paragraph) */
	const char *move_paragraph;   /* "[Move (%p): %t]" with %t "after b)" ... */
	const char *new_paragraph;    /* "[%p: %t]" wraps the text of a new paragraph */
	const char *new_section;      /* "[%p: %t]" wraps the heading of a new section */
	const char *delete_section;   /* "[Delete section (%p)]" */
	const char *move_section;     /* "[Move section (%p): %t]" */
	const char *bis;              /* "%l %s": label of a new paragraph after label %l */
	const char *const *ordinals;  /* "bis", "ter", "quater" ...; after the last: numbers */
	size_t n_ordinals;
	const char *first_label;      /* "new": label core of a new first paragraph ("new)") */
	const char *relabel;          /* "[%p: %t]" after a label another party renumbers; NULL: not shown */
	int anonymous;                /* 1: names no party anywhere (no %p in any template; %i gives neutral
	                                 numbers; the first line, legend, hover titles, ids and JSON/YAML give
	                                 no codes): CWG-Internet */
} accord_brackets;
#define ACCORD_BRACKETS_VERSION 1

/* Fills *b with the built-in UN convention (static strings). */
ACCORD_API void accord_brackets_default(accord_brackets *b);

/*
** Checks a convention: every template set, only known placeholders, a %t
** or %b where one is needed, no %p in an anonymous one. Returns 0 or
** ACCORD_EINVAL naming the field.
*/
ACCORD_API int accord_brackets_check(const accord_brackets *b, accord_error *err);

/* ---- the compilation model (read-only views) ------------------------------- */

typedef enum accord_cluster_kind {
	ACCORD_CLUSTER_INSERT = 0,      /* one proposal inserting text at a point */
	ACCORD_CLUSTER_DELETE = 1,      /* one proposal deleting base text */
	ACCORD_CLUSTER_REPLACE = 2,     /* one proposal replacing base text */
	ACCORD_CLUSTER_ALTERNATIVES = 3 /* several different proposals on one span */
} accord_cluster_kind;

/* "insert", "delete", "replace", "alternatives". */
ACCORD_API const char *accord_cluster_kind_name(accord_cluster_kind kind);

/* One option of a cluster: a text for the cluster's base span and who proposes it. */
typedef struct accord_cmp_option {
	const char *text;             /* the span as this option has it ("" deletes it) */
	const char *const *parties;   /* co-sponsors, in order of first proposal */
	size_t n_parties;
	const char *const *amendments; /* ids of the amendments that propose it */
	size_t n_amendments;
	int near_duplicate_of;        /* 0; n: differs from alternative n only in spacing, case or punctuation */
	int editorial;                /* 1: differs from the base text only in spacing, case or punctuation */
} accord_cmp_option;

/* The proposals on one span of a paragraph (or heading, or metadata field). */
typedef struct accord_cmp_cluster {
	accord_cluster_kind kind;
	uint32_t base_start;          /* first base token of the span */
	uint32_t base_count;          /* tokens in the span (0: an insertion point) */
	size_t byte_start, byte_len;  /* the same span in bytes of the base text */
	const char *base_text;        /* the span's base text */
	const accord_cmp_option *options; /* alternatives 1..n in order of first proposal */
	size_t n_options;
} accord_cmp_cluster;

typedef enum accord_mark_kind {
	ACCORD_MARK_DELETE = 0,  /* delete the paragraph or section */
	ACCORD_MARK_MOVE = 1,    /* move it; text says where to */
	ACCORD_MARK_RELABEL = 2  /* give it a new label; text is the label */
} accord_mark_kind;

/* A proposal on a paragraph or section as a whole. */
typedef struct accord_cmp_mark {
	accord_mark_kind kind;
	const char *text;             /* MOVE: "after b) (noting)"; RELABEL: the new label; DELETE: NULL */
	const char *const *parties;
	size_t n_parties;
	const char *const *amendments;
	size_t n_amendments;
} accord_cmp_mark;

/* A paragraph of the compilation: a base paragraph, or a proposed new one. */
typedef struct accord_cmp_para {
	const char *id;               /* base paragraph id, or the id of the (first) ADD amendment */
	const char *label;            /* displayed label: the base's, or the convention's ("a bis)"); NULL: none */
	const char *proposed_label;   /* new paragraphs: the label the proposer wrote (NULL: none) */
	const char *text;             /* the base text, or the proposed text of a new paragraph */
	unsigned depth;               /* nesting depth, 0 at top level */
	int is_new;                   /* 1: proposed by parties[] */
	const char *const *parties;   /* new paragraphs: co-sponsors */
	size_t n_parties;
	const char *const *amendments; /* new paragraphs: ADD amendment ids */
	size_t n_amendments;
	const char *near_duplicate_of; /* new paragraphs: id of a new paragraph it nearly repeats, or NULL */
	const char *anchor_label;     /* new paragraphs: label of the base paragraph they follow (NULL: none) */
	const char *next_label;       /* new paragraphs first among their siblings: label of the next base one */
	unsigned bis_index;           /* new paragraphs: 1 for the first after the anchor ("bis"), 2 ("ter") ...;
	                                 0 inside a new paragraph (the proposer's label is kept) */
	const accord_cmp_cluster *clusters; /* proposals inside the text, in text order */
	size_t n_clusters;
	const accord_cmp_mark *marks; /* deletions, moves, relabels */
	size_t n_marks;
} accord_cmp_para;

typedef struct accord_cmp_section {
	const char *id;               /* base section id, or the ADD_SECTION amendment id */
	const char *heading;          /* base heading (or proposed, when new); NULL: none */
	int is_new;
	const char *const *parties;   /* new sections: co-sponsors */
	size_t n_parties;
	const char *const *amendments;
	size_t n_amendments;
	const accord_cmp_cluster *heading_clusters; /* heading changes, on the heading's tokens */
	size_t n_heading_clusters;
	const accord_cmp_mark *marks; /* deletions and moves of the section */
	size_t n_marks;
	const accord_cmp_para *paras; /* in display order (pre-order, new ones in place) */
	size_t n_paras;
} accord_cmp_section;

/* A proposal on a metadata field or footnote ("title", "notes", "footnote 1"). */
typedef struct accord_cmp_field {
	const char *name;             /* "symbol", "title", "source", "body", "notes", "footnote 2" */
	const char *base_value;       /* NULL: unset in the base */
	const accord_cmp_cluster *clusters;
	size_t n_clusters;
} accord_cmp_field;

/*
** The label a paragraph of the compilation shows under a convention: a
** base paragraph's own, "a bis)" / "a ter)" for new ones after "a)", "new)"
** for a new first one, the proposer's inside a new paragraph. Clears out
** and appends the label (empty: none). Returns 0 or ACCORD_ENOMEM.
*/
ACCORD_API int accord_compilation_para_label(accord_buf *out, const accord_cmp_para *p, const accord_brackets *b);

/*
** Labels in a revision, so that none repeats in its list. Each paragraph
** of doc whose id is in ids (the ones a revision added or moved) keeps its
** label when it fits where it stands: no sibling holds it, and in a list of
** letters or numbers it comes between the labels around it. One that does
** not fit, or has no label where every other paragraph of its list has
** one and a labelled one comes before it, gets the convention's label for
** a new paragraph (b NULL: the
** built-in one), as a compilation shows it: "d bis)" after "d)", "d ter)"
** after "d bis)", "new)" before every labelled sibling, the first such
** label no sibling holds. In document order, so a run of new paragraphs
** goes bis, ter ... Returns 0, ACCORD_EINVAL (NULL doc) or ACCORD_ENOMEM.
*/
ACCORD_API int accord_doc_label_placed(accord_doc *doc, const char *const *ids, size_t n_ids, const accord_brackets *b,
	accord_error *err);

/*
** Renumbers every list of doc (a section's top-level paragraphs, a
** paragraph's children): its labelled paragraphs go 1, 2, 3 ... in the
** kind and marks of its first label of letters or numbers ("a)": a) b)
** c); "(1)": (1) (2) ... ; after z), aa) bb)). Unlabelled paragraphs and
** ones labelled without a core (")") are left as they are, and so is a list
** with no such label ("i.", "ii." ...: roman numbers are not guessed).
** Returns 0, ACCORD_EINVAL or ACCORD_ENOMEM.
*/
ACCORD_API int accord_doc_renumber(accord_doc *doc, accord_error *err);

/* ---- building -------------------------------------------------------------- */

typedef struct accord_compilation accord_compilation;

/*
** A new, empty compilation on a base document. The base is borrowed: it
** must outlive the compilation and not change meanwhile.
*/
ACCORD_API int accord_compilation_new(accord_compilation **out, const accord_doc *base, accord_error *err);
ACCORD_API void accord_compilation_free(accord_compilation *c);

/*
** Diffs contribution against the base (accord_doc_diff with party as the
** proposer) and adds the amendments. A party may contribute once
** (ACCORD_EINVAL otherwise). source names the contribution (a file name;
** NULL: the document's origin). The contribution is not kept.
*/
ACCORD_API int accord_compilation_add_contribution(accord_compilation *c, const char *party,
	const accord_doc *contribution, const char *source, accord_error *err);

/*
** Adds a copy of an amendment list (a session's open amendments, or a list
** read from JSON), whose proposers are its parties. Amendment ids must be
** new in the compilation (ACCORD_EINVAL otherwise).
*/
ACCORD_API int accord_compilation_add_amendments(accord_compilation *c, const accord_amendment_list *list,
	accord_error *err);

/*
** Groups the proposals into the compilation model (co-sponsors,
** near-duplicates, alternatives, new paragraphs in place). Call after the
** last add; calling it again rebuilds the model. Fails with
** ACCORD_ENOTFOUND for an amendment whose target is neither in the base nor
** proposed, ACCORD_ECONFLICT when an edit's quoted base text is not in its
** paragraph, ACCORD_ENOMEM.
*/
ACCORD_API int accord_compilation_build(accord_compilation *c, accord_error *err);

/*
** Sets the display name and colour ("#0072b2"; NULL: the party's own,
** derived from its code, so the same in every compilation) of a party, for
** the legend.
*/
ACCORD_API int accord_compilation_set_party_info(accord_compilation *c, const char *party, const char *name,
	const char *color);

/*
** Gives the compilation the roster of the negotiation: every party of the
** compilation must be in it (ACCORD_ENOTFOUND naming the first that is
** not, and nothing changes), and the legend shows the roster's names. The roster
** is not kept. Call after the last add.
*/
ACCORD_API int accord_compilation_set_roster(accord_compilation *c, const accord_roster *roster, accord_error *err);

/*
** Records the state of an amendment of the compilation in a session
** ("proposed", "bracketed", "agreed_ad_ref" ...; NULL or "proposed": none),
** which the text, Markdown and HTML show beside the proposal ("agreed ad
** ref") and JSON and YAML as "state". ACCORD_ENOTFOUND for an id that is
** not in the compilation, ACCORD_ENOMEM.
*/
ACCORD_API int accord_compilation_set_state(accord_compilation *c, const char *amendment, const char *state);

/* The state recorded for an amendment ("agreed_ad_ref" ...), or NULL. */
ACCORD_API const char *accord_compilation_state(const accord_compilation *c, const char *amendment);

/* ---- reading the model (valid until the next build or free) ----------------- */

ACCORD_API const accord_doc *accord_compilation_base(const accord_compilation *c);
/* Parties in order of first appearance. */
ACCORD_API size_t accord_compilation_party_count(const accord_compilation *c);
ACCORD_API const char *accord_compilation_party(const accord_compilation *c, size_t i);
/* The party's display name (its code when none was set), source and amendment count. */
ACCORD_API const char *accord_compilation_party_name(const accord_compilation *c, size_t i);
ACCORD_API const char *accord_compilation_party_source(const accord_compilation *c, size_t i);
ACCORD_API size_t accord_compilation_party_amendments(const accord_compilation *c, size_t i);
ACCORD_API const char *accord_compilation_party_color(const accord_compilation *c, size_t i);

ACCORD_API size_t accord_compilation_section_count(const accord_compilation *c);
ACCORD_API const accord_cmp_section *accord_compilation_section(const accord_compilation *c, size_t i);
ACCORD_API size_t accord_compilation_field_count(const accord_compilation *c);
ACCORD_API const accord_cmp_field *accord_compilation_field(const accord_compilation *c, size_t i);
/* The paragraph with this id (base id or new paragraph id), or NULL. */
ACCORD_API const accord_cmp_para *accord_compilation_find_para(const accord_compilation *c, const char *id);

/* Every amendment of the compilation, in input order (borrowed). */
ACCORD_API size_t accord_compilation_amendment_count(const accord_compilation *c);
ACCORD_API const accord_amendment *accord_compilation_amendment(const accord_compilation *c, size_t i);

/* ---- accepting --------------------------------------------------------------- */

/*
** A new document: the base with exactly the amendments that party proposes
** or co-sponsors applied, in input order. For a party added with
** accord_compilation_add_contribution the result equals its contribution.
** Unknown party: ACCORD_ENOTFOUND.
*/
ACCORD_API int accord_compilation_accept(accord_doc **out, const accord_compilation *c, const char *party,
	accord_error *err);

/* ---- rendering ----------------------------------------------------------------- */

typedef struct accord_compilation_render_options {
	unsigned version;              /* ACCORD_COMPILATION_RENDER_OPTIONS_VERSION */
	const accord_brackets *brackets; /* NULL: accord_brackets_default() */
	const char *title;             /* HTML/Markdown title; NULL: from the base */
	int color;                     /* text: ANSI colours per party */
} accord_compilation_render_options;
#define ACCORD_COMPILATION_RENDER_OPTIONS_VERSION 1
#define ACCORD_COMPILATION_RENDER_OPTIONS_INIT {ACCORD_COMPILATION_RENDER_OPTIONS_VERSION, NULL, NULL, 0}

/*
** Appends the compilation (after accord_compilation_build) to out as TEXT,
** MARKDOWN, HTML (a standalone page), JSON or YAML ("accord":
** "compilation/1", docs/formats.md). ACCORD_EINVAL for another format, an
** unbuilt compilation or a bad convention.
*/
ACCORD_API int accord_compilation_render(accord_buf *out, const accord_compilation *c, accord_format format,
	const accord_compilation_render_options *opts, accord_error *err);

#ifdef __cplusplus
}
#endif
#endif
