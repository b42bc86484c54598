/* test_worddiff.c: the token diff: hand cases, clean-up, exactness under random edits, scale, allocation failure. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accord/sys/testing.h"
#include "accord/diff.h"

/* ---- helpers ------------------------------------------------------------ */

/* A small deterministic generator (xorshift64*). */
typedef struct rng {
	uint64_t state;
} rng;

static uint32_t rng_next(rng *r)
{
	r->state ^= r->state >> 12;
	r->state ^= r->state << 25;
	r->state ^= r->state >> 27;
	return (uint32_t)((r->state * UINT64_C(2685821657736338717)) >> 32);
}

static size_t rng_below(rng *r, size_t n)
{
	return n ? rng_next(r) % n : 0;
}

/*
** Checks that the hunks cover both sides completely and in order, that ops
** agree with counts, that EQUAL hunks pair equal tokens, and that replaying
** the hunks on A gives B byte for byte.
*/
static void assert_script_exact(const accord_diff *diff, const char *a, const accord_token *at, size_t an,
	const char *b, const accord_token *bt, size_t bn)
{
	size_t count, i, ai = 0, bi = 0;
	const accord_diff_hunk *h = accord_diff_hunks(diff, &count);
	accord_buf out = ACCORD_BUF_INIT;
	size_t b_len = bn ? bt[bn - 1].offset + bt[bn - 1].length : 0;
	for (i = 0; i < count; i++) {
		size_t k;
		assert_int_equal(h[i].a_start, ai);
		assert_int_equal(h[i].b_start, bi);
		assert_true(h[i].a_count + h[i].b_count > 0);
		switch (h[i].op) {
		case ACCORD_DIFF_EQUAL:
			assert_int_equal(h[i].a_count, h[i].b_count);
			for (k = 0; k < h[i].a_count; k++) {
				const accord_token *x = &at[ai + k], *y = &bt[bi + k];
				assert_int_equal(x->length, y->length);
				assert_memory_equal(a + x->offset, b + y->offset, x->length);
				assert_int_equal(accord_buf_put(&out, a + x->offset, x->length), 0);
			}
			if (i > 0)
				assert_int_not_equal(h[i - 1].op, ACCORD_DIFF_EQUAL); /* neighbours are merged */
			break;
		case ACCORD_DIFF_INSERT:
			assert_int_equal(h[i].a_count, 0);
			break;
		case ACCORD_DIFF_DELETE:
			assert_int_equal(h[i].b_count, 0);
			break;
		case ACCORD_DIFF_REPLACE:
			assert_true(h[i].a_count > 0 && h[i].b_count > 0);
			break;
		default:
			fail();
		}
		if (h[i].op != ACCORD_DIFF_EQUAL) {
			if (i > 0)
				assert_int_equal(h[i - 1].op, ACCORD_DIFF_EQUAL); /* changes are merged */
			for (k = 0; k < h[i].b_count; k++)
				assert_int_equal(accord_buf_put(&out, b + bt[bi + k].offset, bt[bi + k].length), 0);
		}
		ai += h[i].a_count;
		bi += h[i].b_count;
	}
	assert_int_equal(ai, an);
	assert_int_equal(bi, bn);
	assert_int_equal(out.size, b_len);
	if (b_len)
		assert_memory_equal(out.ptr, b, b_len);
	accord_buf_dispose(&out);
}

/* Diffs two strings with accord_diff_text, checks exactness, returns the script. */
static accord_diff *diff_checked(const char *a, const char *b, const accord_diff_options *opts)
{
	accord_diff *diff = NULL;
	const accord_token *at, *bt;
	size_t an, bn;
	accord_error err;
	assert_int_equal(accord_diff_text(&diff, a, strlen(a), b, strlen(b), opts, &err), 0);
	assert_non_null(diff);
	at = accord_diff_side_tokens(diff, 0, &an);
	bt = accord_diff_side_tokens(diff, 1, &bn);
	assert_script_exact(diff, a, at, an, b, bt, bn);
	return diff;
}

/* The text of tokens [start, start + count) of one side. */
static char *side_text(const accord_diff *diff, int side, const char *text, size_t start, size_t count)
{
	size_t n;
	const accord_token *t = accord_diff_side_tokens(diff, side, &n);
	size_t from, to;
	char *s;
	assert_true(start + count <= n);
	if (count == 0)
		return accord_strdup("");
	from = t[start].offset;
	to = t[start + count - 1].offset + t[start + count - 1].length;
	s = accord_strndup(text + from, to - from);
	assert_non_null(s);
	return s;
}

/* Asserts that hunk i has op and the given A and B texts. */
static void assert_hunk(const accord_diff *diff, size_t i, accord_diff_op op, const char *a, const char *a_part,
	const char *b, const char *b_part)
{
	size_t count;
	const accord_diff_hunk *h = accord_diff_hunks(diff, &count);
	char *x, *y;
	assert_true(i < count);
	assert_string_equal(accord_diff_op_name(h[i].op), accord_diff_op_name(op));
	x = side_text(diff, 0, a, h[i].a_start, h[i].a_count);
	y = side_text(diff, 1, b, h[i].b_start, h[i].b_count);
	assert_string_equal(x, a_part);
	assert_string_equal(y, b_part);
	accord_free(x);
	accord_free(y);
}

static size_t hunk_count(const accord_diff *diff)
{
	size_t n;
	accord_diff_hunks(diff, &n);
	return n;
}

static char *read_seed(const char *name)
{
	char path[1024];
	accord_buf buf = ACCORD_BUF_INIT;
	snprintf(path, sizeof(path), "%s/%s", ACCORD_SEEDS, name);
	assert_int_equal(accord_read_file(&buf, path, NULL), 0);
	return accord_buf_detach(&buf);
}

/* ---- hand cases --------------------------------------------------------- */

static void test_worddiff__identical_and_empty(void **state)
{
	const char *s = "The fifth World Telecommunication Policy Forum (Geneva, 2013),";
	accord_diff *d;
	accord_diff_stats st;
	(void)state;
	d = diff_checked(s, s, NULL);
	assert_int_equal(hunk_count(d), 1);
	assert_hunk(d, 0, ACCORD_DIFF_EQUAL, s, s, s, s);
	accord_diff_get_stats(&st, d);
	assert_int_equal(st.changes, 0);
	assert_int_equal(st.equal_bytes, strlen(s));
	accord_diff_free(d);

	d = diff_checked("", "", NULL);
	assert_int_equal(hunk_count(d), 0);
	accord_diff_free(d);

	d = diff_checked("", s, NULL);
	assert_int_equal(hunk_count(d), 1);
	assert_hunk(d, 0, ACCORD_DIFF_INSERT, "", "", s, s);
	accord_diff_free(d);

	d = diff_checked(s, "", NULL);
	assert_int_equal(hunk_count(d), 1);
	assert_hunk(d, 0, ACCORD_DIFF_DELETE, s, s, "", "");
	accord_diff_get_stats(&st, d);
	assert_int_equal(st.deleted_tokens, 19);
	assert_int_equal(st.inserted_tokens, 0);
	accord_diff_free(d);
}

static void test_worddiff__one_word_replaced(void **state)
{
	const char *a = "should be adopted as far as possible, at all levels";
	const char *b = "should be adopted as far as practicable, at all levels";
	accord_diff *d;
	(void)state;
	d = diff_checked(a, b, NULL);
	assert_int_equal(hunk_count(d), 3);
	assert_hunk(d, 0, ACCORD_DIFF_EQUAL, a, "should be adopted as far as ", b, "should be adopted as far as ");
	assert_hunk(d, 1, ACCORD_DIFF_REPLACE, a, "possible", b, "practicable");
	assert_hunk(d, 2, ACCORD_DIFF_EQUAL, a, ", at all levels", b, ", at all levels");
	accord_diff_free(d);
}

static void test_worddiff__glued_tokens(void **state)
{
	/* The USA's "paragrapharticle": two words glued into one token. */
	const char *a = "that, per paragraph article 37 of the Tunis Agenda";
	const char *b = "that, per paragrapharticle 37 of the Tunis Agenda";
	accord_diff *d;
	(void)state;
	d = diff_checked(a, b, NULL);
	assert_int_equal(hunk_count(d), 3);
	assert_hunk(d, 1, ACCORD_DIFF_REPLACE, a, "paragraph article", b, "paragrapharticle");
	accord_diff_free(d);
	d = diff_checked("per paragraph 37", "per paragrapharticle 37", NULL);
	assert_hunk(d, 1, ACCORD_DIFF_REPLACE, "per paragraph 37", "paragraph", "per paragrapharticle 37",
		"paragrapharticle");
	accord_diff_free(d);
}

static void test_worddiff__lone_common_word_is_absorbed(void **state)
{
	const char *a = "Member States should adopt the draft resolution today.";
	const char *b = "Member States could reject the final resolution today.";
	accord_diff_options opts = ACCORD_DIFF_OPTIONS_INIT;
	accord_diff *d;
	(void)state;
	d = diff_checked(a, b, NULL);
	assert_int_equal(hunk_count(d), 3);
	assert_hunk(d, 1, ACCORD_DIFF_REPLACE, a, "should adopt the draft", b, "could reject the final");
	accord_diff_free(d);

	/* absorb_words 0: "the" stays, the spaces between should/adopt are still absorbed. */
	opts.absorb_words = 0;
	d = diff_checked(a, b, &opts);
	assert_int_equal(hunk_count(d), 5);
	assert_hunk(d, 1, ACCORD_DIFF_REPLACE, a, "should adopt", b, "could reject");
	assert_hunk(d, 2, ACCORD_DIFF_EQUAL, a, " the ", b, " the ");
	assert_hunk(d, 3, ACCORD_DIFF_REPLACE, a, "draft", b, "final");
	accord_diff_free(d);

	/* Two common words are not absorbed by default. */
	d = diff_checked("we adopt the whole draft now", "we reject the whole text now", NULL);
	assert_int_equal(hunk_count(d), 5);
	assert_hunk(d, 2, ACCORD_DIFF_EQUAL, "we adopt the whole draft now", " the whole ",
		"we reject the whole text now", " the whole ");
	accord_diff_free(d);

	/* Punctuation between the changes is kept unless asked. */
	d = diff_checked("alpha, beta", "gamma, delta", NULL);
	assert_int_equal(hunk_count(d), 3);
	opts.absorb_words = 1;
	opts.flags = ACCORD_DIFF_ABSORB_PUNCT;
	accord_diff_free(d);
	d = diff_checked("alpha, beta", "gamma, delta", &opts);
	assert_int_equal(hunk_count(d), 1);
	assert_hunk(d, 0, ACCORD_DIFF_REPLACE, "alpha, beta", "alpha, beta", "gamma, delta", "gamma, delta");
	accord_diff_free(d);

	/* RAW keeps the search's script: no absorption. */
	opts.flags = ACCORD_DIFF_RAW;
	d = diff_checked(a, b, &opts);
	assert_true(hunk_count(d) >= 5);
	accord_diff_free(d);
}

static void test_worddiff__whitespace_only_changes(void **state)
{
	accord_diff *d;
	(void)state;
	d = diff_checked("Tunis Agenda,  that the", "Tunis Agenda, that the", NULL);
	assert_int_equal(hunk_count(d), 3);
	assert_hunk(d, 1, ACCORD_DIFF_REPLACE, "Tunis Agenda,  that the", "  ", "Tunis Agenda, that the", " ");
	accord_diff_free(d);
	d = diff_checked("a)\tthat", "a) that", NULL);
	assert_hunk(d, 1, ACCORD_DIFF_REPLACE, "a)\tthat", "\t", "a) that", " ");
	accord_diff_free(d);
	/* A trailing space removed. */
	d = diff_checked("public policy issues. ", "public policy issues.", NULL);
	assert_int_equal(hunk_count(d), 2);
	assert_hunk(d, 1, ACCORD_DIFF_DELETE, "public policy issues. ", " ", "public policy issues.", "");
	accord_diff_free(d);
}

static void test_worddiff__insertions_start_at_words(void **state)
{
	accord_diff *d;
	size_t n, i;
	const accord_diff_hunk *h;
	const accord_token *bt;
	(void)state;
	d = diff_checked("the cat sat on the mat", "the big cat sat on the mat", NULL);
	assert_int_equal(hunk_count(d), 3);
	assert_hunk(d, 1, ACCORD_DIFF_INSERT, "the cat sat on the mat", "", "the big cat sat on the mat", "big ");
	accord_diff_free(d);
	d = diff_checked("the cat sat on the mat", "the cat sat on the mat mat", NULL);
	assert_hunk(d, 1, ACCORD_DIFF_INSERT, "the cat sat on the mat", "", "the cat sat on the mat mat", " mat");
	accord_diff_free(d);
	d = diff_checked("of the the Internet", "of the Internet", NULL);
	assert_int_equal(hunk_count(d), 3);
	assert_hunk(d, 1, ACCORD_DIFF_DELETE, "of the the Internet", "the ", "of the Internet", "");
	accord_diff_free(d);
	/* A longer sentence: every pure insertion that can start at a word does. */
	d = diff_checked("States have rights and responsibilities for public policy issues.",
		"States have rights, duties and responsibilities for international public policy issues.", NULL);
	h = accord_diff_hunks(d, &n);
	bt = accord_diff_side_tokens(d, 1, NULL);
	for (i = 0; i < n; i++)
		if (h[i].op == ACCORD_DIFF_INSERT)
			assert_int_not_equal(bt[h[i].b_start].kind, ACCORD_TOKEN_SPACE);
	accord_diff_free(d);
}

/*
** Sliding a pure insertion or deletion (docs/amendments.md: "snaps changes to words"):
** among the places where it can stand, it starts at a word (or mark) rather than a space,
** then ends at one; it may slide over the whole equal stretch beside it.
*/
static void test_worddiff__changes_slide_to_word_boundaries(void **state)
{
	const char *a, *b;
	accord_diff *d;
	(void)state;
	/* ", Sector Members" (starts at a mark, ends at a word) rather than "Sector Members, " */
	a = "Member States, Sector Members and others";
	b = "Member States, Sector Members, Sector Members and others";
	d = diff_checked(a, b, NULL);
	assert_int_equal(hunk_count(d), 3);
	assert_hunk(d, 0, ACCORD_DIFF_EQUAL, a, "Member States, Sector Members", b, "Member States, Sector Members");
	assert_hunk(d, 1, ACCORD_DIFF_INSERT, a, "", b, ", Sector Members");
	assert_hunk(d, 2, ACCORD_DIFF_EQUAL, a, " and others", b, " and others");
	accord_diff_free(d);
	/* the same, slid left over the whole equal stretch before it (to the start of the text) */
	a = ", and others";
	b = ", Sector Members, and others";
	d = diff_checked(a, b, NULL);
	assert_int_equal(hunk_count(d), 2);
	assert_hunk(d, 0, ACCORD_DIFF_INSERT, a, "", b, ", Sector Members");
	assert_hunk(d, 1, ACCORD_DIFF_EQUAL, a, ", and others", b, ", and others");
	accord_diff_free(d);
	/* a deletion slid right over the whole equal stretch after it (to the end of the text) */
	a = "peace and security, security";
	b = "the peace and security";
	d = diff_checked(a, b, NULL);
	assert_int_equal(hunk_count(d), 3);
	assert_hunk(d, 0, ACCORD_DIFF_INSERT, a, "", b, "the ");
	assert_hunk(d, 1, ACCORD_DIFF_EQUAL, a, "peace and security", b, "peace and security");
	assert_hunk(d, 2, ACCORD_DIFF_DELETE, a, ", security", b, "");
	accord_diff_free(d);
	b = "Peace and security";
	d = diff_checked(a, b, NULL);
	assert_int_equal(hunk_count(d), 3);
	assert_hunk(d, 0, ACCORD_DIFF_REPLACE, a, "peace", b, "Peace");
	assert_hunk(d, 1, ACCORD_DIFF_EQUAL, a, " and security", b, " and security");
	assert_hunk(d, 2, ACCORD_DIFF_DELETE, a, ", security", b, "");
	accord_diff_free(d);
}

static void test_worddiff__cjk_and_french(void **state)
{
	accord_diff *d;
	(void)state;
	/* Ideographs are tokens of their own: one character replaced, not the whole run. */
	d = diff_checked("互联网治理的多利益攸关方模式。", "互联网管理的多利益攸关方模式。", NULL);
	assert_int_equal(hunk_count(d), 3);
	assert_hunk(d, 1, ACCORD_DIFF_REPLACE, "互联网治理的多利益攸关方模式。", "治",
		"互联网管理的多利益攸关方模式。", "管");
	accord_diff_free(d);
	/* A narrow no-break space before the colon replaced by an ordinary one. */
	d = diff_checked("le Forum\u202F: « gouvernance »", "le Forum : « gouvernance »", NULL);
	assert_int_equal(hunk_count(d), 3);
	assert_hunk(d, 1, ACCORD_DIFF_REPLACE, "le Forum\u202F: « gouvernance »", "\u202F", "le Forum : « gouvernance »",
		" ");
	accord_diff_free(d);
}

static void test_worddiff__seed_pair(void **state)
{
	char *base = read_seed("base-wtpf-ieg-2-10-opinion-1.txt");
	char *usa = read_seed("contrib-USA.txt");
	char *irn = read_seed("contrib-IRN.txt");
	accord_diff *d;
	accord_diff_stats st;
	(void)state;
	d = diff_checked(base, usa, NULL);
	accord_diff_get_stats(&st, d);
	assert_true(st.changes > 10);
	assert_true(st.equal_tokens > 300);
	assert_int_equal(st.approximate, 0);
	accord_diff_free(d);
	d = diff_checked(base, irn, NULL);
	accord_diff_free(d);
	d = diff_checked(usa, irn, NULL);
	accord_diff_free(d);
	accord_free(base);
	accord_free(usa);
	accord_free(irn);
}

static void test_worddiff__bad_arguments(void **state)
{
	accord_diff *d = (accord_diff *)&d;
	accord_diff_options opts = ACCORD_DIFF_OPTIONS_INIT;
	accord_error err;
	accord_token t = {0, 1, 0, 0};
	(void)state;
	assert_int_equal(accord_diff_text(NULL, "a", 1, "b", 1, NULL, NULL), ACCORD_EINVAL);
	assert_int_equal(accord_diff_text(&d, NULL, 3, "b", 1, NULL, &err), ACCORD_EINVAL);
	assert_null(d);
	assert_int_equal(err.code, ACCORD_EINVAL);
	assert_int_equal(accord_diff_tokens(&d, NULL, &t, 1, "b", &t, 1, NULL, NULL), ACCORD_EINVAL);
	opts.version = 99;
	assert_int_equal(accord_diff_text(&d, "a", 1, "b", 1, &opts, &err), ACCORD_EINVAL);
	assert_null(d);
	accord_diff_free(NULL);
	assert_null(accord_diff_hunks(NULL, NULL));
	assert_null(accord_diff_side_tokens(NULL, 0, NULL));
	assert_string_equal(accord_diff_op_name((accord_diff_op)42), "unknown");
}

/*
** More distinct words than the interning table first has room for (it
** doubles at 128): a word interned before the table grew is still the same
** word after it. A: w0 .. w599 then "end"; B: "start" then w0 .. w599. The
** changed first and last tokens leave all 600 words in the diffed middle
** (without anchors, which would match them before interning; with them too).
*/
static void test_worddiff__words_interned_before_the_table_grows_still_match(void **state)
{
	accord_buf a = ACCORD_BUF_INIT, b = ACCORD_BUF_INIT;
	accord_diff_options opts = ACCORD_DIFF_OPTIONS_INIT;
	accord_diff *d;
	const accord_diff_hunk *h;
	size_t count, i;
	int flags;
	(void)state;
	assert_int_equal(accord_buf_puts(&b, "start "), 0);
	for (i = 0; i < 600; i++) {
		assert_int_equal(accord_buf_printf(&a, "word%zu ", i), 0);
		assert_int_equal(accord_buf_printf(&b, "word%zu%s", i, i + 1 < 600 ? " " : ""), 0);
	}
	assert_int_equal(accord_buf_puts(&a, "end"), 0);
	for (flags = 0; flags < 2; flags++) {
		opts.flags = flags ? 0 : ACCORD_DIFF_NO_ANCHORS;
		d = diff_checked(a.ptr, b.ptr, &opts);
		h = accord_diff_hunks(d, &count);
		assert_int_equal(count, 3);
		assert_int_equal(h[0].op, ACCORD_DIFF_INSERT);
		assert_int_equal(h[0].b_count, 2); /* "start" and its space */
		assert_int_equal(h[1].op, ACCORD_DIFF_EQUAL);
		assert_int_equal(h[1].a_count, 1199); /* 600 words, 599 spaces */
		assert_int_equal(h[2].op, ACCORD_DIFF_DELETE);
		assert_int_equal(h[2].a_count, 2);
		accord_diff_free(d);
	}
	accord_buf_dispose(&a);
	accord_buf_dispose(&b);
}

/*
** Past a cost of 256 the search splits at a long common run (xdiff's
** heuristic) instead of looking further. With a cost bound high enough for
** that heuristic to be what cuts the search short, light random edits of
** a 3000-word text (common runs of dozens of tokens between changes) must
** lose no common token: the heuristic splits only inside real common runs,
** from the front and from the back (edits packed at the start or at the end
** make the search take one side or the other), so the script keeps as many
** equal tokens as the shortest one.
*/
static void test_worddiff__long_run_heuristic_loses_no_common_token(void **state)
{
	static const struct {
		unsigned vocabulary, edits, where; /* where: 0 anywhere, 1 first half, 2 second half */
	} shapes[] = {{1000, 300, 0}, {40, 600, 1}, {30, 400, 2}, {1000, 300, 1}, {1000, 300, 2}};
	size_t shape, round, heuristic_rounds = 0;
	(void)state;
	for (shape = 0; shape < sizeof(shapes) / sizeof(shapes[0]); shape++) {
		for (round = 0; round < 6; round++) {
			accord_buf a = ACCORD_BUF_INIT, b = ACCORD_BUF_INIT;
			accord_diff_options opts = ACCORD_DIFF_OPTIONS_INIT, minimal = ACCORD_DIFF_OPTIONS_INIT;
			accord_diff_stats st, best;
			accord_diff *d;
			rng r = {1000 * shape + round + 1};
			unsigned words[3000];
			size_t n = 3000, i;
			for (i = 0; i < n; i++) {
				words[i] = (unsigned)rng_below(&r, shapes[shape].vocabulary);
				assert_int_equal(accord_buf_printf(&a, "%sw%u", i ? " " : "", words[i]), 0);
			}
			for (i = 0; i < n; i++) {
				int edit_here = shapes[shape].where == 0 || (shapes[shape].where == 1 ? i < n / 2 : i >= n / 2);
				if (edit_here && rng_below(&r, n) < shapes[shape].edits) {
					size_t op = rng_below(&r, 3), len = 1 + rng_below(&r, 8), k;
					for (k = 0; op != 0 && k < len; k++)
						assert_int_equal(accord_buf_printf(&b, " v%u",
									 (unsigned)rng_below(&r, shapes[shape].vocabulary)),
							0);
					if (op != 2)
						i += len; /* deleted or replaced */
				}
				if (i < n)
					assert_int_equal(accord_buf_printf(&b, " w%u", words[i]), 0);
			}
			opts.flags = ACCORD_DIFF_RAW | ACCORD_DIFF_NO_ANCHORS;
			opts.max_cost = 100000;
			minimal.flags = ACCORD_DIFF_RAW | ACCORD_DIFF_NO_ANCHORS | ACCORD_DIFF_MINIMAL;
			d = diff_checked(a.ptr, b.ptr, &opts);
			accord_diff_get_stats(&st, d);
			accord_diff_free(d);
			d = diff_checked(a.ptr, b.ptr, &minimal);
			accord_diff_get_stats(&best, d);
			accord_diff_free(d);
			assert_int_equal(best.approximate, 0);
			heuristic_rounds += (size_t)st.approximate;
			if (st.equal_tokens != best.equal_tokens)
				fail_msg("shape %zu round %zu: %zu equal tokens, the shortest script has %zu", shape, round,
					st.equal_tokens, best.equal_tokens);
			accord_buf_dispose(&a);
			accord_buf_dispose(&b);
		}
	}
	/* the heuristic did cut most searches short: the test is about it */
	assert_true(heuristic_rounds >= 20);
}

/*
** The diff reads no token past the ends of the arrays it is given, even
** when one side is shorter than an anchor k-gram and the other is long
** enough to be anchored: each array ends at a page that may not be read.
*/
static void test_worddiff__no_token_read_past_the_arrays(void **state)
{
	static const char *const shorts[] = {"", "x", "x y", "alpha beta gamma", "one two three four"};
	long page = sysconf(_SC_PAGESIZE);
	accord_buf longer = ACCORD_BUF_INIT;
	accord_token *lt = NULL;
	size_t ln, i, side;
	(void)state;
	for (i = 0; i < 1500; i++)
		assert_int_equal(accord_buf_printf(&longer, "%sw%zu", i ? " " : "", i % 700), 0);
	assert_int_equal(accord_tokenize(&lt, &ln, longer.ptr, longer.size), 0);
	assert_true(ln >= 2048);
	for (i = 0; i < sizeof(shorts) / sizeof(shorts[0]); i++) {
		accord_token *st = NULL;
		size_t sn;
		assert_int_equal(accord_tokenize(&st, &sn, shorts[i], strlen(shorts[i])), 0);
		for (side = 0; side < 2; side++) {
			/* the short side's tokens, then the long side's, each at the end of its own guarded pages */
			size_t lbytes = ln * sizeof(accord_token), sbytes = sn * sizeof(accord_token);
			size_t lpages = (lbytes + (size_t)page - 1) / (size_t)page + 1, spages = sbytes / (size_t)page + 2;
			unsigned char *lmem = mmap(NULL, lpages * (size_t)page, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			unsigned char *smem = mmap(NULL, spages * (size_t)page, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			accord_token *lg, *sg;
			accord_diff *d = NULL;
			accord_error err;
			assert_true(lmem != MAP_FAILED && smem != MAP_FAILED);
			assert_int_equal(mprotect(lmem + (lpages - 1) * (size_t)page, (size_t)page, PROT_NONE), 0);
			assert_int_equal(mprotect(smem + (spages - 1) * (size_t)page, (size_t)page, PROT_NONE), 0);
			lg = (accord_token *)(lmem + (lpages - 1) * (size_t)page - lbytes);
			sg = (accord_token *)(smem + (spages - 1) * (size_t)page - sbytes);
			memcpy(lg, lt, lbytes);
			if (sn)
				memcpy(sg, st, sbytes);
			if (side == 0)
				assert_int_equal(accord_diff_tokens(&d, shorts[i], sg, sn, longer.ptr, lg, ln, NULL, &err), 0);
			else
				assert_int_equal(accord_diff_tokens(&d, longer.ptr, lg, ln, shorts[i], sg, sn, NULL, &err), 0);
			accord_diff_free(d);
			munmap(lmem, lpages * (size_t)page);
			munmap(smem, spages * (size_t)page);
		}
		accord_free(st);
	}
	accord_free(lt);
	accord_buf_dispose(&longer);
}

/* ---- properties --------------------------------------------------------- */

/* The words of all seeds, as a vocabulary for generated text. */
typedef struct vocabulary {
	char **words;
	size_t count;
} vocabulary;

static void vocabulary_load(vocabulary *v)
{
	static const char *const names[] = {"base-wtpf-ieg-2-10-opinion-1.txt", "contrib-IRN.txt", "contrib-USA.txt",
		"draft-role-of-government.txt", "draft-opinion-n3-multistakeholder.txt"};
	size_t s;
	v->words = NULL;
	v->count = 0;
	for (s = 0; s < sizeof(names) / sizeof(names[0]); s++) {
		char *text = read_seed(names[s]);
		accord_token *t;
		size_t n, i;
		assert_int_equal(accord_tokenize(&t, &n, text, strlen(text)), 0);
		v->words = realloc(v->words, (v->count + n) * sizeof(*v->words));
		assert_non_null(v->words);
		for (i = 0; i < n; i++)
			if (t[i].kind != ACCORD_TOKEN_SPACE)
				v->words[v->count++] = accord_strndup(text + t[i].offset, t[i].length);
		accord_free(t);
		accord_free(text);
	}
	assert_true(v->count > 1000);
}

static void vocabulary_free(vocabulary *v)
{
	size_t i;
	for (i = 0; i < v->count; i++)
		accord_free(v->words[i]);
	free(v->words);
}

/* Appends n random words (with spaces) to buf. */
static void put_words(accord_buf *buf, const vocabulary *v, rng *r, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		const char *w = v->words[rng_below(r, v->count)];
		if (buf->size > 0 && w[0] != ',' && w[0] != '.' && w[0] != ';')
			assert_int_equal(accord_buf_putc(buf, rng_below(r, 50) ? ' ' : '\n'), 0);
		assert_int_equal(accord_buf_puts(buf, w), 0);
	}
}

/* Writes an edited copy of a into b: random insertions, deletions, replacements, moves, space changes. */
static void random_edit(accord_buf *b, const char *a, const vocabulary *v, rng *r, size_t edits)
{
	accord_token *t;
	size_t n, i;
	unsigned char *op;
	assert_int_equal(accord_tokenize(&t, &n, a, strlen(a)), 0);
	op = calloc(n + 1, 1);
	assert_non_null(op);
	/* 1 delete, 2 replace, 3 insert before, 4 double the space, 5 glue to the next */
	for (i = 0; i < edits && n > 0; i++) {
		size_t at = rng_below(r, n), len = 1 + rng_below(r, 4), k;
		unsigned char what = (unsigned char)(1 + rng_below(r, 5));
		for (k = at; k < at + len && k < n; k++)
			op[k] = what == 1 || what == 2 ? what : (k == at ? what : op[k]);
	}
	accord_buf_clear(b);
	for (i = 0; i < n; i++) {
		const char *tok = a + t[i].offset;
		switch (op[i]) {
		case 1:
			break;
		case 2:
			put_words(b, v, r, 1);
			break;
		case 3:
			put_words(b, v, r, 1 + rng_below(r, 3));
			assert_int_equal(accord_buf_putc(b, ' '), 0);
			assert_int_equal(accord_buf_put(b, tok, t[i].length), 0);
			break;
		case 4:
			assert_int_equal(accord_buf_put(b, tok, t[i].length), 0);
			if (t[i].kind == ACCORD_TOKEN_SPACE)
				assert_int_equal(accord_buf_putc(b, ' '), 0);
			break;
		case 5:
			if (t[i].kind != ACCORD_TOKEN_SPACE)
				assert_int_equal(accord_buf_put(b, tok, t[i].length), 0);
			break;
		default:
			assert_int_equal(accord_buf_put(b, tok, t[i].length), 0);
		}
	}
	/* Sometimes move a stretch of the result to the end. */
	if (b->size > 40 && rng_below(r, 4) == 0) {
		size_t from = rng_below(r, b->size / 2), len = 1 + rng_below(r, b->size / 4);
		char *moved = accord_strndup(b->ptr + from, len);
		memmove(b->ptr + from, b->ptr + from + len, b->size - from - len);
		b->size -= len;
		assert_int_equal(accord_buf_put(b, moved, len), 0);
		accord_free(moved);
	}
	if (b->size == 0)
		assert_int_equal(accord_buf_puts(b, ""), 0);
	free(op);
	accord_free(t);
}

/* The longest common subsequence length of two token sequences (dynamic programming, small inputs). */
static size_t lcs_length(const char *a, const accord_token *at, size_t an, const char *b, const accord_token *bt,
	size_t bn)
{
	size_t *row = calloc((bn + 1) * 2, sizeof(*row));
	size_t i, j, result;
	assert_non_null(row);
	for (i = 1; i <= an; i++) {
		size_t *cur = row + (i % 2) * (bn + 1), *prev = row + ((i + 1) % 2) * (bn + 1);
		cur[0] = 0;
		for (j = 1; j <= bn; j++) {
			const accord_token *x = &at[i - 1], *y = &bt[j - 1];
			if (x->length == y->length && memcmp(a + x->offset, b + y->offset, x->length) == 0)
				cur[j] = prev[j - 1] + 1;
			else
				cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
		}
	}
	result = row[(an % 2) * (bn + 1) + bn];
	free(row);
	return result;
}

static void run_random_rounds(const char *const *bases, size_t base_count, size_t rounds, uint64_t seed, int check_lcs)
{
	static const unsigned flag_sets[] = {0, ACCORD_DIFF_RAW, ACCORD_DIFF_ABSORB_PUNCT, ACCORD_DIFF_MINIMAL,
		ACCORD_DIFF_NO_ANCHORS | ACCORD_DIFF_RAW};
	vocabulary v;
	accord_buf b = ACCORD_BUF_INIT;
	rng r = {seed};
	size_t round;
	vocabulary_load(&v);
	for (round = 0; round < rounds; round++) {
		const char *a = bases[rng_below(&r, base_count)];
		accord_diff_options opts = ACCORD_DIFF_OPTIONS_INIT;
		accord_diff *d;
		accord_diff_stats st;
		random_edit(&b, a, &v, &r, 1 + rng_below(&r, 12));
		opts.flags = flag_sets[round % (sizeof(flag_sets) / sizeof(flag_sets[0]))];
		opts.absorb_words = (unsigned)rng_below(&r, 3);
		if (round % 7 == 3)
			opts.max_cost = 1 + rng_below(&r, 8); /* force the cut-off */
		d = diff_checked(a, b.ptr, &opts);
		accord_diff_get_stats(&st, d);
		if (check_lcs && (opts.flags & ACCORD_DIFF_RAW) && !opts.max_cost) {
			size_t an, bn;
			const accord_token *at = accord_diff_side_tokens(d, 0, &an), *bt = accord_diff_side_tokens(d, 1, &bn);
			/* Exact search: the equal tokens are a longest common subsequence. */
			assert_int_equal(st.approximate, 0);
			assert_int_equal(st.equal_tokens, lcs_length(a, at, an, b.ptr, bt, bn));
		}
		accord_diff_free(d);
	}
	accord_buf_dispose(&b);
	vocabulary_free(&v);
}

static void test_worddiff__random_edits_on_seed_sentences(void **state)
{
	char *text = read_seed("draft-role-of-government.txt");
	const char *sentences[64];
	size_t count = 0;
	char *p = text;
	(void)state;
	/* Split the seed at line ends: each line is a sentence or a paragraph. */
	while (*p && count < 64) {
		char *end = strchr(p, '\n');
		if (end)
			*end = '\0';
		if (strlen(p) > 20)
			sentences[count++] = p;
		if (!end)
			break;
		p = end + 1;
	}
	assert_true(count >= 10);
	run_random_rounds(sentences, count, 4000, 20131114, 1);
	accord_free(text);
}

static void test_worddiff__random_edits_on_generated_text(void **state)
{
	vocabulary v;
	accord_buf texts[3] = {ACCORD_BUF_INIT, ACCORD_BUF_INIT, ACCORD_BUF_INIT};
	const char *bases[3];
	rng r = {77};
	size_t i;
	(void)state;
	vocabulary_load(&v);
	put_words(&texts[0], &v, &r, 40);
	put_words(&texts[1], &v, &r, 600);
	put_words(&texts[2], &v, &r, 3000); /* over the anchoring threshold */
	for (i = 0; i < 3; i++)
		bases[i] = texts[i].ptr;
	vocabulary_free(&v);
	run_random_rounds(bases, 2, 600, 4242, 0);
	run_random_rounds(bases + 2, 1, 150, 99, 0);
	for (i = 0; i < 3; i++)
		accord_buf_dispose(&texts[i]);
}

static void test_worddiff__seeds_against_each_other(void **state)
{
	static const char *const names[] = {"base-wtpf-ieg-2-10-opinion-1.txt", "contrib-IRN.txt", "contrib-USA.txt",
		"draft-role-of-government.txt", "draft-opinion-n3-multistakeholder.txt"};
	char *texts[5];
	size_t i, j;
	(void)state;
	for (i = 0; i < 5; i++)
		texts[i] = read_seed(names[i]);
	for (i = 0; i < 5; i++)
		for (j = 0; j < 5; j++) {
			accord_diff_options opts = ACCORD_DIFF_OPTIONS_INIT;
			accord_diff_free(diff_checked(texts[i], texts[j], NULL));
			opts.max_cost = 3;
			accord_diff_free(diff_checked(texts[i], texts[j], &opts));
		}
	for (i = 0; i < 5; i++)
		accord_free(texts[i]);
}

/* ---- scale -------------------------------------------------------------- */

static double seconds_since(struct timespec start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9;
}

/*
** Anchors speed up large diffs without costing precision on light edits:
** on texts long enough to be anchored on sampled k-grams (12000 to 72000
** tokens on the two sides: all word starts, 1 in 2, 1 in 4, 1 in 8
** sampled), a few scattered edits keep as many equal tokens as the exact
** search without anchors.
*/
static void test_worddiff__anchors_keep_light_edits_exact(void **state)
{
	static const size_t sizes[] = {3000, 5000, 9000, 18000};
	vocabulary v;
	size_t k;
	(void)state;
	vocabulary_load(&v);
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		accord_buf a = ACCORD_BUF_INIT, b = ACCORD_BUF_INIT;
		accord_diff_options exact = ACCORD_DIFF_OPTIONS_INIT, raw = ACCORD_DIFF_OPTIONS_INIT;
		accord_diff_stats anchored, best;
		accord_diff *d;
		rng r = {77 + k};
		put_words(&a, &v, &r, sizes[k]);
		random_edit(&b, a.ptr, &v, &r, 25);
		raw.flags = ACCORD_DIFF_RAW; /* no clean-up: the common tokens as found */
		d = diff_checked(a.ptr, b.ptr, &raw);
		accord_diff_get_stats(&anchored, d);
		accord_diff_free(d);
		exact.flags = ACCORD_DIFF_RAW | ACCORD_DIFF_NO_ANCHORS | ACCORD_DIFF_MINIMAL;
		d = diff_checked(a.ptr, b.ptr, &exact);
		accord_diff_get_stats(&best, d);
		accord_diff_free(d);
		assert_int_equal(anchored.approximate, 0);
		if (anchored.equal_tokens != best.equal_tokens)
			fail_msg("%zu words: %zu equal tokens, the exact search %zu", sizes[k], anchored.equal_tokens,
				best.equal_tokens);
		accord_buf_dispose(&a);
		accord_buf_dispose(&b);
	}
	vocabulary_free(&v);
}

static void test_worddiff__large_rewrite_is_bounded(void **state)
{
	vocabulary v;
	accord_buf a = ACCORD_BUF_INIT, b = ACCORD_BUF_INIT;
	rng r = {2026};
	accord_diff *d;
	accord_diff_stats st;
	struct timespec start;
	double elapsed;
	(void)state;
	vocabulary_load(&v);
	put_words(&a, &v, &r, 100000); /* about 200k tokens */
	put_words(&b, &v, &r, 100000); /* a different text: fully rewritten */
	clock_gettime(CLOCK_MONOTONIC, &start);
	d = diff_checked(a.ptr, b.ptr, NULL);
	elapsed = seconds_since(start);
	accord_diff_get_stats(&st, d);
	print_message("200k-token rewrite: %.2f s, %zu hunks, %zu equal tokens, approximate %d\n", elapsed, st.hunks,
		st.equal_tokens, st.approximate);
	assert_true(st.approximate);
	assert_true(elapsed < 60.0); /* seconds even under sanitizers; about 0.3 s in a release build */
	accord_diff_free(d);

	/* The same text with a few edits: the anchors keep it fast and precise. */
	random_edit(&b, a.ptr, &v, &r, 2000);
	clock_gettime(CLOCK_MONOTONIC, &start);
	d = diff_checked(a.ptr, b.ptr, NULL);
	elapsed = seconds_since(start);
	accord_diff_get_stats(&st, d);
	print_message("200k-token light edit: %.2f s, %zu changes\n", elapsed, st.changes);
	assert_true(st.changes >= 100 && st.changes <= 2100);
	assert_true(elapsed < 20.0);
	accord_diff_free(d);
	accord_buf_dispose(&a);
	accord_buf_dispose(&b);
	vocabulary_free(&v);
}

/* ---- allocation failure ------------------------------------------------- */

static void test_worddiff__allocation_failure(void **state)
{
	vocabulary v;
	accord_buf a = ACCORD_BUF_INIT, b = ACCORD_BUF_INIT;
	rng r = {5};
	long n;
	(void)state;
	vocabulary_load(&v);
	put_words(&a, &v, &r, 1500); /* anchors and Myers both allocate */
	random_edit(&b, a.ptr, &v, &r, 60);
	for (n = 0;; n++) {
		accord_diff *d = (accord_diff *)&d;
		accord_error err;
		int rc;
		accord_alloc_fail_after(n);
		rc = accord_diff_text(&d, a.ptr, a.size, b.ptr, b.size, NULL, &err);
		accord_alloc_fail_after(-1);
		if (rc == 0) {
			accord_diff_free(d);
			break;
		}
		assert_int_equal(rc, ACCORD_ENOMEM);
		assert_int_equal(err.code, ACCORD_ENOMEM);
		assert_null(d);
	}
	assert_true(n > 10);
	/* each allocation failing on its own, those after it succeeding */
	{
		long total, k;
		accord_diff *d = NULL;
		accord_error err;
		accord_alloc_fail_after(-1);
		assert_int_equal(accord_diff_text(&d, a.ptr, a.size, b.ptr, b.size, NULL, &err), 0);
		total = accord_alloc_fail_after(-1);
		accord_diff_free(d);
		for (k = 0; k < total; k++) {
			int rc;
			accord_alloc_fail_one(k);
			rc = accord_diff_text(&d, a.ptr, a.size, b.ptr, b.size, NULL, &err);
			accord_alloc_fail_after(-1);
			if (rc != ACCORD_ENOMEM)
				fail_msg("allocation %ld failing alone gave %d", k, rc);
			assert_null(d);
		}
	}
	accord_buf_dispose(&a);
	accord_buf_dispose(&b);
	vocabulary_free(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worddiff__identical_and_empty),
		cmocka_unit_test(test_worddiff__one_word_replaced),
		cmocka_unit_test(test_worddiff__glued_tokens),
		cmocka_unit_test(test_worddiff__lone_common_word_is_absorbed),
		cmocka_unit_test(test_worddiff__whitespace_only_changes),
		cmocka_unit_test(test_worddiff__insertions_start_at_words),
		cmocka_unit_test(test_worddiff__changes_slide_to_word_boundaries),
		cmocka_unit_test(test_worddiff__cjk_and_french),
		cmocka_unit_test(test_worddiff__seed_pair),
		cmocka_unit_test(test_worddiff__bad_arguments),
		cmocka_unit_test(test_worddiff__words_interned_before_the_table_grows_still_match),
		cmocka_unit_test(test_worddiff__long_run_heuristic_loses_no_common_token),
		cmocka_unit_test(test_worddiff__no_token_read_past_the_arrays),
		cmocka_unit_test(test_worddiff__random_edits_on_seed_sentences),
		cmocka_unit_test(test_worddiff__random_edits_on_generated_text),
		cmocka_unit_test(test_worddiff__seeds_against_each_other),
		cmocka_unit_test(test_worddiff__anchors_keep_light_edits_exact),
		cmocka_unit_test(test_worddiff__large_rewrite_is_bounded),
		cmocka_unit_test(test_worddiff__allocation_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
