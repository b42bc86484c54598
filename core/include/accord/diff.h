/*
** accord/diff.h: the word diff.
**
** Compares two token sequences (see accord/text.h) and returns an edit
** script: a list of hunks that covers both sequences completely and in
** order. Each hunk is EQUAL (the same tokens on both sides), INSERT (tokens
** only in B), DELETE (tokens only in A) or REPLACE (A tokens that B has
** replaced). Replaying the hunks on A (copy EQUAL and DELETE/REPLACE's B
** side, skip A's changed tokens) always gives B exactly, whatever the
** options and even when the search was cut short.
**
** How: tokens are interned to integers; the common prefix and suffix are
** trimmed; on large inputs, k-grams that occur once in each text anchor the
** alignment (as patience diff does with unique lines), and the gaps between
** anchors go to Myers' O(ND) algorithm in linear space (divide and conquer
** on the middle snake). Like git's xdiff, the search has a cost bound: when
** it is exceeded the best partial snake is taken instead, so huge or fully
** rewritten inputs stay linear in memory and bounded in time (the script is
** then still exact, only not always the shortest). Last comes a clean-up so
** the changes read as a person would mark them: deletions and insertions
** that touch become one REPLACE, changes slide to start at a word rather
** than a space, and a short common run between two changes (spaces, or one
** word such as "the" with its spaces) is absorbed into one larger REPLACE.
*/
#ifndef ACCORD_DIFF_H
#define ACCORD_DIFF_H

#include "accord/common.h"
#include "accord/text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum accord_diff_op {
	ACCORD_DIFF_EQUAL = 0,  /* a_count == b_count, the same tokens */
	ACCORD_DIFF_INSERT = 1, /* a_count == 0: B's tokens are new */
	ACCORD_DIFF_DELETE = 2, /* b_count == 0: A's tokens are gone */
	ACCORD_DIFF_REPLACE = 3 /* both > 0: A's tokens became B's */
} accord_diff_op;

/* One hunk of the edit script; ranges are in tokens, start at 0. */
typedef struct accord_diff_hunk {
	accord_diff_op op; /* what happened to this stretch */
	size_t a_start;    /* first token in A (for an INSERT: where it goes) */
	size_t a_count;    /* tokens of A covered */
	size_t b_start;    /* first token in B (for a DELETE: where it was) */
	size_t b_count;    /* tokens of B covered */
} accord_diff_hunk;

/* Flags for accord_diff_options.flags. */
#define ACCORD_DIFF_MINIMAL 0x1u      /* no cost bound: the shortest script, however long it takes */
#define ACCORD_DIFF_RAW 0x2u          /* no clean-up: the script as the search found it */
#define ACCORD_DIFF_ABSORB_PUNCT 0x4u /* absorbed common runs may also contain punctuation */
#define ACCORD_DIFF_NO_ANCHORS 0x8u   /* no unique k-gram anchoring of large inputs */

typedef struct accord_diff_options {
	unsigned int version;      /* ACCORD_DIFF_OPTIONS_VERSION */
	unsigned int flags;        /* ACCORD_DIFF_* flags, 0 by default */
	unsigned int absorb_words; /* a common run between two changes with at most this
				      many words (and otherwise spaces) joins them; 0: only
				      runs of spaces are absorbed. Default 1. */
	unsigned long max_cost;    /* bound on the edit cost searched before the search is
				      cut short; 0: automatic (sqrt of the size, at least 256) */
} accord_diff_options;

#define ACCORD_DIFF_OPTIONS_VERSION 1
#define ACCORD_DIFF_OPTIONS_INIT {ACCORD_DIFF_OPTIONS_VERSION, 0u, 1u, 0ul}

/* Counts over a finished script. */
typedef struct accord_diff_stats {
	size_t hunks;          /* hunks in the script, EQUAL ones included */
	size_t changes;        /* hunks that are not EQUAL */
	size_t equal_tokens;   /* tokens in EQUAL hunks (on each side) */
	size_t deleted_tokens; /* A tokens in DELETE and REPLACE hunks */
	size_t inserted_tokens;/* B tokens in INSERT and REPLACE hunks */
	size_t equal_bytes;    /* bytes of A in EQUAL hunks (== those of B) */
	size_t a_bytes;        /* bytes of A in all */
	size_t b_bytes;        /* bytes of B in all */
	int approximate;       /* 1 when the cost bound cut the search short */
} accord_diff_stats;

/* An edit script (opaque). */
typedef struct accord_diff accord_diff;

/*
** Diffs two token sequences: a[0..a_count) over a_text and b[0..b_count)
** over b_text, as made by accord_tokenize (offsets and lengths must lie
** inside their text; hashes must be accord_hash_bytes of the bytes). opts
** may be NULL for the defaults. On success *out (free with
** accord_diff_free) holds the script; it does not keep pointers to the
** arguments. Fails with ACCORD_EINVAL (NULL arguments, an options version
** this library does not know) or ACCORD_ENOMEM; *out is then NULL.
*/
ACCORD_API int accord_diff_tokens(accord_diff **out, const char *a_text, const accord_token *a, size_t a_count,
	const char *b_text, const accord_token *b, size_t b_count, const accord_diff_options *opts,
	accord_error *err);

/*
** Tokenizes a[0..a_len) and b[0..b_len) and diffs them. The result owns
** both token arrays (see accord_diff_side_tokens) but not the texts. The
** texts should be valid UTF-8 (invalid bytes are single tokens). Fails with
** ACCORD_EINVAL (NULL with a length, a text over 4 GiB) or ACCORD_ENOMEM.
*/
ACCORD_API int accord_diff_text(accord_diff **out, const char *a, size_t a_len, const char *b, size_t b_len,
	const accord_diff_options *opts, accord_error *err);

/* Frees a script. NULL-safe. */
ACCORD_API void accord_diff_free(accord_diff *diff);

/*
** The hunks of a script, in order, and their number in *count (may be
** NULL). Borrowed: valid until accord_diff_free. Two identical inputs give
** one EQUAL hunk (none when both are empty).
*/
ACCORD_API const accord_diff_hunk *accord_diff_hunks(const accord_diff *diff, size_t *count);

/*
** The tokens of side 0 (A) or 1 (B) of a script made by accord_diff_text,
** and their number in *count (may be NULL). Borrowed until
** accord_diff_free. NULL with *count 0 for scripts made by
** accord_diff_tokens (the caller has the tokens) or for an empty side.
*/
ACCORD_API const accord_token *accord_diff_side_tokens(const accord_diff *diff, int side, size_t *count);

/* Fills *stats with the counts of a script. */
ACCORD_API void accord_diff_get_stats(accord_diff_stats *stats, const accord_diff *diff);

/* "equal", "insert", "delete", "replace" ("unknown" for other values). */
ACCORD_API const char *accord_diff_op_name(accord_diff_op op);

#ifdef __cplusplus
}
#endif
#endif
