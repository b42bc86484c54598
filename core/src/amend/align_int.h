/*
** align_int.h: the aligner's private parts, shared by align.c (matching a
** contribution's paragraphs with the base's), align_sections.c (then its
** sections), align_edits.c
** (the word edits between two paragraph texts) and align_emit.c (turning the
** alignment into amendments: accord_doc_diff).
*/
#ifndef ACCORD_ALIGN_INT_H
#define ACCORD_ALIGN_INT_H

#include "accord/diff.h"
#include "amend/amend_int.h"

/* A paragraph's text tokenized once (align_tokens_make), for every word diff it takes part in. */
typedef struct align_tokens {
	accord_token *tokens;
	size_t count;
	accord_token *units;  /* each word or mark with the spaces after it (see make_units) */
	size_t *first;        /* first token of each unit; first[n_units] = count */
	size_t n_units;
	uint32_t *bag;        /* hashes of the tokens other than spaces, sorted; made by the first bound */
	size_t n_bag;
	size_t words;         /* word tokens */
	int made;
} align_tokens;

/* Bytes of a paragraph's text. */
typedef struct align_span {
	uint32_t from, len;
} align_span;

enum { ALIGN_SPAN_BASE, ALIGN_SPAN_TEXT, ALIGN_SPAN_BEFORE, ALIGN_SPAN_AFTER };

/*
** A word edit without its texts (align_tokens_diff): an accord_edit's
** fields, and where its base span, new text and context are in the two
** paragraphs' texts. Kept while aligning, 44 bytes where the edit with its
** texts took about 120; made an accord_edit when emitted.
*/
typedef struct align_edit_ref {
	uint32_t kind; /* accord_edit_kind */
	uint32_t base_start, base_count;
	align_span span[4]; /* ALIGN_SPAN_*: the base span and context in the base, the new text in the text */
} align_edit_ref;

typedef struct para_info {
	accord_para *para;
	size_t section;      /* index of its section in its document */
	uint32_t *shingles;  /* sorted, unique */
	size_t n_shingles;
	long match;          /* index in the other document, -1 */
	double similarity;
	int in_chain;
	int fingerprinted;   /* shingles computed */
	int emitted;         /* base side: a SUP was written or covered */
	const char *target_id; /* contribution side: its id in the amended text */
	int moved;           /* contribution side: emitted as a MOVE (its base place is not kept) */
	long related;        /* unmatched: the neighbour (same side) it merged into or split from, -1 */
	long prev;           /* index of its previous sibling, -1 */
	/* contribution side: the word diff against base paragraph edits_base, when made while aligning */
	align_edit_ref *edits;
	size_t n_edits;
	long edits_base;     /* -1: none cached */
	int spacing_only;
	double edits_similarity; /* the word similarity of that diff */
	align_tokens tok;     /* while aligning on the diagonal: its tokens, made once, freed when passed */
} para_info;

typedef struct side {
	const accord_doc *doc;
	para_info *paras;
	size_t count;
} side;

typedef struct candidate {
	size_t base;
	size_t contrib;
	double similarity;
} candidate;

typedef struct aligner {
	side base, contrib;
	candidate *cands;
	size_t n_cands, cap_cands;
	long *section_match;       /* contribution section -> base section, -1 */
	int *section_in_chain;     /* contribution section: kept its place */
	long *base_section_match;  /* base section -> contribution section, -1 */
	const char **section_target_id; /* contribution section -> id in the amended text */
	accord_amendment_list *list;
	const accord_doc_diff_options *opts;
	const char *party;
	unsigned next_number;
	accord_error *err;
	accord_arena arena;      /* fingerprints */
	uint32_t *scratch;       /* word hashes of the paragraph being fingerprinted */
	size_t scratch_cap;
	int failed;              /* an allocation failed while fingerprinting */
} aligner;

/* ---- align.c ---- */

/*
** Aligns contribution with base into al (al->opts, al->err set, the rest
** zero): paragraphs by content, then sections by heading and the
** paragraphs they share. ACCORD_ENOMEM (with the message in al->err).
*/
int align_match(aligner *al, const accord_doc *base, const accord_doc *contribution);
/* Frees what align_match and the emitting kept in al (not al->list). */
void align_dispose(aligner *al);
/*
** The paragraph's fingerprint, computed the first time it is needed (al->failed
** set when that fails). Only while aligning: align_match frees them all when it
** is done, having noted what the emitting needs (para_info.related).
*/
const para_info *align_fingerprint_of(aligner *al, para_info *info);

/* ---- align_sections.c ---- */

/*
** Matches the sections once the paragraphs are matched (al->section_*,
** al->base_section_match), and puts back in their chain the paragraphs that
** moved only because their section moved. ACCORD_OK or ACCORD_ENOMEM.
*/
int align_sections(aligner *al);

/* ---- align_edits.c ---- */

/*
** Builds the span edits turning base text into new text (word diff), each
** with its context; *spacing_only when every edit only changes spacing;
** *similarity_out (may be NULL) from the equal words. *out (align_free_edits)
** gets n_out edits. ACCORD_ENOMEM or a tokenizer error.
*/
int align_text_edits(accord_edit **out, size_t *n_out, int *spacing_only, double *similarity_out, const char *base,
	const char *text);
/*
** The same from tokens made once by align_tokens_make (of base and text),
** as byte ranges (align_edit_ref; *out freed with accord_free): the texts
** are copied by align_edits_of_refs for the edits emitted only. The tokens
** are only read.
*/
int align_tokens_diff(align_edit_ref **out, size_t *n_out, int *spacing_only, double *similarity_out, const char *base,
	const align_tokens *bt, const char *text, const align_tokens *tt);
/* The n edits of refs with their texts copied from base and text, in one block (align_free_edits). ACCORD_ENOMEM. */
int align_edits_of_refs(accord_edit **out, const align_edit_ref *refs, size_t n, const char *base, const char *text);
/* Tokenizes text into *t (align_tokens_free). ACCORD_ENOMEM or a tokenizer error; *t is then empty. */
int align_tokens_make(align_tokens *t, const char *text);
/* Frees what align_tokens_make made (an empty or freed *t too). */
void align_tokens_free(align_tokens *t);
/*
** *out: an upper bound of the word similarity align_tokens_diff finds
** between the two texts; makes their bags the first time. ACCORD_ENOMEM.
*/
int align_tokens_bound(double *out, align_tokens *base, align_tokens *text);
/* Sorts n hashes (tmp holds n more). */
void align_sort_u32(uint32_t *v, uint32_t *tmp, size_t n);
/* Sorts n records of two uint32_t by the first, stably (tmp holds n more). */
void align_sort_by_key32(void *v, void *tmp, size_t n);
/* How many values two sorted arrays share (counted with their repeats), at most cap. */
size_t align_shared_count(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, size_t cap);
/* Frees n edits made by align_text_edits (NULL-safe). */
void align_free_edits(accord_edit *edits, size_t n);

#endif
