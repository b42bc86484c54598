/*
** test_amend.c: alignment, amendment extraction and apply.
**
** The contract: for any base and contribution, applying accord_doc_diff's
** amendments to the base gives the contribution (equal model, same text).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/sys/testing.h"
#include "accord/amend.h"
#include "accord/format.h"
#include "accord/text.h"

static const char *const seed_files[] = {
	"base-wtpf-ieg-2-10-opinion-1.txt",
	"contrib-IRN.txt",
	"contrib-USA.txt",
	"draft-role-of-government.txt",
	"draft-opinion-n3-multistakeholder.txt",
};
#define N_SEEDS (sizeof(seed_files) / sizeof(seed_files[0]))

static accord_doc *load_seed(const char *name)
{
	char path[1024];
	accord_doc *doc = NULL;
	accord_parse_options options = ACCORD_PARSE_OPTIONS_INIT;
	accord_error err;
	snprintf(path, sizeof(path), "%s/%s", ACCORD_SEEDS, name);
	options.format = ACCORD_FORMAT_TEXT;
	if (accord_doc_parse_file(&doc, path, &options, &err) != ACCORD_OK)
		fail_msg("cannot parse %s: %s", path, err.message);
	return doc;
}

static accord_doc *parse_string(const char *text, int generic)
{
	accord_doc *doc = NULL;
	accord_parse_options options = ACCORD_PARSE_OPTIONS_INIT;
	accord_error err;
	options.format = ACCORD_FORMAT_TEXT;
	options.force_generic = generic;
	if (accord_doc_parse(&doc, text, strlen(text), &options, &err) != ACCORD_OK)
		fail_msg("cannot parse: %s", err.message);
	return doc;
}

static char *render(const accord_doc *doc)
{
	accord_buf buf = ACCORD_BUF_INIT;
	assert_int_equal(accord_doc_render_text(&buf, doc), 0);
	return accord_buf_detach(&buf);
}

/* diff, write JSON, read it back, apply to a clone of base: must equal contribution. */
static accord_amendment_list *check_round_trip(const accord_doc *base, const accord_doc *contrib, const char *party)
{
	accord_doc_diff_options options = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_amendment_list *list = NULL, *reread = NULL;
	accord_buf json = ACCORD_BUF_INIT;
	accord_doc *applied = NULL;
	accord_error err;
	char *want, *got;

	options.party = party;
	if (accord_doc_diff(&list, base, contrib, &options, &err) != ACCORD_OK)
		fail_msg("diff failed: %s", err.message);
	assert_int_equal(accord_amendments_render_json(&json, list, &err), 0);
	if (accord_amendments_parse_json(&reread, json.ptr, json.size, "t.json", &err) != ACCORD_OK)
		fail_msg("cannot read own JSON: %s", err.message);
	assert_int_equal(accord_amendments_count(reread), accord_amendments_count(list));
	assert_int_equal(accord_doc_clone(&applied, base), 0);
	if (accord_amendments_apply(applied, reread, &err) != ACCORD_OK)
		fail_msg("apply failed: %s\n%s", err.message, json.ptr);
	want = render(contrib);
	got = render(applied);
	if (strcmp(want, got) != 0) {
		fprintf(stderr, "--- want\n%s\n--- got\n%s\n--- amendments\n%s\n", want, got, json.ptr);
		fail_msg("apply did not reproduce the contribution\n--- want\n%s\n--- got\n%s\n--- amendments\n%s", want, got,
			json.ptr);
	}
	assert_true(accord_doc_equal(applied, contrib));
	accord_free(want);
	accord_free(got);
	accord_buf_dispose(&json);
	accord_amendments_free(reread);
	accord_doc_free(applied);
	return list;
}

static const accord_amendment *find_op_with_text(const accord_amendment_list *list, accord_op op, const char *prefix)
{
	size_t i;
	for (i = 0; i < accord_amendments_count(list); i++) {
		const accord_amendment *a = accord_amendments_get(list, i);
		if (a->op == op && a->text && strncmp(a->text, prefix, strlen(prefix)) == 0)
			return a;
	}
	return NULL;
}

static void test_amend__identical_texts_have_no_amendments(void **state)
{
	accord_doc *base = load_seed(seed_files[0]);
	accord_amendment_list *list = check_round_trip(base, base, "USA");
	(void)state;
	assert_int_equal(accord_amendments_count(list), 0);
	accord_amendments_free(list);
	accord_doc_free(base);
}

/* No paragraph of the contribution shares a word with the base: the aligner has no
 * candidate pair at all (its candidate array was never allocated) and must still give
 * an ADD and a SUP (qsort on the NULL array was undefined behaviour, caught by UBSan). */
static void test_amend__texts_with_no_word_in_common_round_trip(void **state)
{
	accord_doc *base = parse_string("alpha beta gamma\n", 1), *contrib = parse_string("zzz yyy\n", 1);
	accord_amendment_list *list = check_round_trip(base, contrib, "X");
	(void)state;
	assert_int_equal(accord_amendments_count(list), 2);
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(contrib);
}

/* A party code longer than the aligner's id buffer: ids are still PARTY/1, PARTY/2 ...
 * (they were cut at 63 bytes, collided, and the diff failed as "out of memory"). */
static void test_amend__long_party_code_gives_whole_ids(void **state)
{
	accord_doc *base = load_seed(seed_files[0]), *usa = load_seed("contrib-USA.txt");
	accord_amendment_list *list;
	char party[301], want[320];
	(void)state;
	memset(party, 'X', sizeof(party) - 1);
	party[sizeof(party) - 1] = '\0';
	list = check_round_trip(base, usa, party);
	assert_true(accord_amendments_count(list) > 2);
	snprintf(want, sizeof(want), "%s/2", party);
	assert_string_equal(accord_amendments_get(list, 1)->id, want);
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(usa);
}

/*
** A text of n sections (a heading from the opinion vocabulary and one
** paragraph each); with `changed`, section `moved` goes after section `after`,
** section `gone` is deleted, section `reheaded` keeps its verb with new
** words, and the paragraph of section `edited` gains a word.
*/
static accord_doc *sections_text(int n, int changed, int moved, int after, int gone, int reheaded, int edited)
{
	static const char *const heads[] = {"recognizing", "noting", "considering", "recalling", "bearing in mind",
		"resolves", "invites Member States", "instructs the Secretary-General", "encourages all stakeholders",
		"is of the view"};
	accord_buf text = ACCORD_BUF_INIT;
	accord_doc *doc = NULL;
	accord_error err;
	int i;
	for (i = 0; i < n; i++) {
		const char *h = heads[i % 10];
		if (changed && (i == moved || i == gone))
			continue;
		if (changed && i == reheaded)
			assert_int_equal(accord_buf_printf(&text, "%.*s further\n", (int)strcspn(h, " "), h), 0);
		else
			assert_int_equal(accord_buf_printf(&text, "%s\n", h), 0);
		assert_int_equal(accord_buf_printf(&text, "Item %d concerns topic %d and the %sfollow-up of report %d.\n\n", i,
			i, changed && i == edited ? "prompt " : "", i), 0);
		if (changed && i == after)
			assert_int_equal(accord_buf_printf(&text, "%s\nItem %d concerns topic %d and the follow-up of report %d.\n\n",
				heads[moved % 10], moved, moved, moved), 0);
	}
	if (accord_doc_parse(&doc, text.ptr, text.size, NULL, &err) != ACCORD_OK)
		fail_msg("cannot parse the sections: %s", err.message);
	accord_buf_dispose(&text);
	assert_int_equal((int)accord_doc_section_count(doc), n - (changed ? 1 : 0));
	return doc;
}

/*
** Sections are matched the same way with few of them (the full table) and
** with many (only the pairs that can score, issue 16: the table grew as the
** square of the sections): one move, one deletion, one new heading, one edit.
*/
static void test_amend__many_sections_match_as_few_do(void **state)
{
	static const int sizes[2][7] = {{20, 4, 12, 8, 15, 17, 0}, {400, 40, 300, 100, 150, 250, 0}};
	int k;
	(void)state;
	for (k = 0; k < 2; k++) {
		const int *z = sizes[k];
		accord_doc *base = sections_text(z[0], 0, 0, 0, 0, 0, 0);
		accord_doc *contrib = sections_text(z[0], 1, z[1], z[2], z[3], z[4], z[5]);
		accord_amendment_list *list = check_round_trip(base, contrib, "P");
		size_t i, n_move = 0, n_sup = 0, n_heading = 0, n_mod = 0;
		char want[16];
		for (i = 0; i < accord_amendments_count(list); i++) {
			const accord_amendment *a = accord_amendments_get(list, i);
			switch (a->op) {
			case ACCORD_OP_MOVE_SECTION:
				snprintf(want, sizeof(want), "s%d", z[1] + 1);
				assert_string_equal(a->target, want);
				n_move++;
				break;
			case ACCORD_OP_SUP_SECTION:
				snprintf(want, sizeof(want), "s%d", z[3] + 1);
				assert_string_equal(a->target, want);
				n_sup++;
				break;
			case ACCORD_OP_HEADING:
				snprintf(want, sizeof(want), "s%d", z[4] + 1);
				assert_string_equal(a->target, want);
				n_heading++;
				break;
			case ACCORD_OP_MOD:
				n_mod++;
				break;
			default:
				fail_msg("%d sections: unexpected %s %s", z[0], accord_op_name(a->op), a->target);
			}
		}
		assert_int_equal(n_move, 1);
		assert_int_equal(n_sup, 1);
		assert_int_equal(n_heading, 1);
		assert_int_equal(n_mod, 1);
		accord_amendments_free(list);
		accord_doc_free(base);
		accord_doc_free(contrib);
	}
}

/* A sink that keeps what it is given and counts the pieces; fails from piece fail_at on (0: never). */
typedef struct piece_sink {
	accord_buf got;
	size_t pieces, fail_at;
} piece_sink;

static int piece_write(void *ctx, const char *data, size_t len)
{
	piece_sink *s = ctx;
	if (s->fail_at != 0 && s->pieces + 1 >= s->fail_at)
		return ACCORD_EIO;
	s->pieces++;
	return accord_buf_put(&s->got, data, len);
}

/*
** The streamed JSON (accord diff's) is the JSON render byte for byte, comes in
** several pieces when the list is large, and a sink that fails stops it with
** the sink's error (issue 16).
*/
static void test_amend__streamed_json_is_the_json_in_pieces(void **state)
{
	accord_buf base_text = ACCORD_BUF_INIT, contrib_text = ACCORD_BUF_INIT, json = ACCORD_BUF_INIT;
	accord_doc *base = NULL, *contrib = NULL;
	accord_amendment_list *list = NULL;
	accord_error err;
	piece_sink sink_state;
	accord_sink sink = {piece_write, &sink_state};
	int i;
	(void)state;
	for (i = 0; i < 2000; i++) {
		assert_int_equal(accord_buf_printf(&base_text, "Paragraph %d keeps the member states informed of item %d.\n\n",
			i, i), 0);
		assert_int_equal(accord_buf_printf(&contrib_text, i % 2 ? "Paragraph %d keeps all member states fully informed of item %d.\n\n"
			: "Paragraph %d keeps the member states informed of item %d.\n\n", i, i), 0);
	}
	assert_int_equal(accord_doc_parse(&base, base_text.ptr, base_text.size, NULL, &err), 0);
	assert_int_equal(accord_doc_parse(&contrib, contrib_text.ptr, contrib_text.size, NULL, &err), 0);
	assert_int_equal(accord_doc_diff(&list, base, contrib, NULL, &err), 0);
	assert_int_equal(accord_amendments_count(list), 1000);
	assert_int_equal(accord_amendments_render_json(&json, list, &err), 0);

	memset(&sink_state, 0, sizeof(sink_state));
	assert_int_equal(accord_amendments_write_json(&sink, list, &err), 0);
	assert_true(sink_state.pieces > 2);
	assert_int_equal(sink_state.got.size, json.size);
	assert_memory_equal(sink_state.got.ptr, json.ptr, json.size);
	accord_buf_dispose(&sink_state.got);

	memset(&sink_state, 0, sizeof(sink_state));
	sink_state.fail_at = 2;
	assert_int_equal(accord_amendments_write_json(&sink, list, &err), ACCORD_EIO);
	assert_int_equal(err.code, ACCORD_EIO);
	assert_int_equal(sink_state.pieces, 1);
	accord_buf_dispose(&sink_state.got);
	assert_int_equal(accord_amendments_write_json(NULL, list, &err), ACCORD_EINVAL);

	accord_buf_dispose(&json);
	accord_buf_dispose(&base_text);
	accord_buf_dispose(&contrib_text);
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(contrib);
}

static void test_amend__usa_new_noting_a_is_an_addition(void **state)
{
	accord_doc *base = load_seed(seed_files[0]), *usa = load_seed("contrib-USA.txt");
	accord_amendment_list *list = check_round_trip(base, usa, "USA");
	const accord_amendment *add = find_op_with_text(list, ACCORD_OP_ADD, "that there have been seven successful");
	accord_para *noting_a = accord_section_para(accord_doc_section(base, 1), 0);
	size_t i;
	int noting_a_modified = 0, heading_changed = 0;
	(void)state;
	assert_non_null(add);
	assert_string_equal(add->label, "a)");
	assert_string_equal(add->proposers[0], "USA");
	assert_true(strncmp(add->id, "USA/", 4) == 0);
	for (i = 0; i < accord_amendments_count(list); i++) {
		const accord_amendment *a = accord_amendments_get(list, i);
		/* The old noting a) is kept (relabelled b) and edited), not rewritten into the new a). */
		if (a->target && strcmp(a->target, accord_para_id(noting_a)) == 0) {
			assert_int_not_equal(a->op, ACCORD_OP_SUP);
			noting_a_modified = 1;
			if (a->label_changed)
				assert_string_equal(a->label_to, "b)");
		}
		if (a->op == ACCORD_OP_HEADING) {
			assert_string_equal(a->heading_from, "invites");
			assert_string_equal(a->heading, "invites Member States");
			heading_changed = 1;
		}
	}
	assert_true(noting_a_modified);
	assert_true(heading_changed);
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(usa);
}

static void test_amend__iran_unlabelled_item_is_added_after_noting_d(void **state)
{
	accord_doc *base = load_seed(seed_files[0]), *irn = load_seed("contrib-IRN.txt");
	accord_amendment_list *list = check_round_trip(base, irn, "IRN");
	const accord_amendment *add = find_op_with_text(list, ACCORD_OP_ADD, "The close collaboration");
	accord_para *noting_d = accord_section_para(accord_doc_section(base, 1), 3);
	(void)state;
	assert_non_null(add);
	assert_string_equal(add->label, ")");
	assert_non_null(add->position.after);
	assert_string_equal(add->position.after, accord_para_id(noting_d));
	/* Every base paragraph is still there: Iran edits, it does not delete. */
	assert_null(find_op_with_text(list, ACCORD_OP_SUP, "that"));
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(irn);
}

static void test_amend__every_seed_pair_round_trips(void **state)
{
	accord_doc *docs[N_SEEDS];
	size_t i, j;
	(void)state;
	for (i = 0; i < N_SEEDS; i++)
		docs[i] = load_seed(seed_files[i]);
	for (i = 0; i < N_SEEDS; i++)
		for (j = 0; j < N_SEEDS; j++)
			accord_amendments_free(check_round_trip(docs[i], docs[j], "P"));
	for (i = 0; i < N_SEEDS; i++)
		accord_doc_free(docs[i]);
}

/* ---- alignment on small hand-made texts: the expected list is known exactly ---- */

/*
** The amendments of a list, one a line: "OP target=ID after=ID [base|text] ..."
** (target for SUP/MOD/MOVE, after for ADD/MOVE, the edits' quoted base and new text).
*/
static char *describe(const accord_amendment_list *list)
{
	accord_buf out = ACCORD_BUF_INIT;
	size_t i, k;
	for (i = 0; i < accord_amendments_count(list); i++) {
		const accord_amendment *a = accord_amendments_get(list, i);
		assert_int_equal(accord_buf_puts(&out, accord_op_name(a->op)), 0);
		if (a->target != NULL)
			assert_int_equal(accord_buf_printf(&out, " target=%s", a->target), 0);
		if (a->op == ACCORD_OP_ADD || a->op == ACCORD_OP_MOVE)
			assert_int_equal(accord_buf_printf(&out, " after=%s", a->position.after ? a->position.after : "-"), 0);
		for (k = 0; k < a->n_edits; k++)
			assert_int_equal(accord_buf_printf(&out, " [%s|%s]", a->edits[k].base_text, a->edits[k].text), 0);
		assert_int_equal(accord_buf_putc(&out, '\n'), 0);
	}
	return out.ptr != NULL ? accord_buf_detach(&out) : accord_strdup("");
}

/* Diffs two generic texts (paragraphs separated by blank lines), checks the round trip and the list. */
static void expect_alignment(const char *base_text, const char *contrib_text, const char *expected)
{
	accord_doc *base = parse_string(base_text, 1), *contrib = parse_string(contrib_text, 1);
	accord_amendment_list *list = check_round_trip(base, contrib, "X");
	char *got = describe(list);
	assert_string_equal(got, expected);
	accord_free(got);
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(contrib);
}

#define PARA_A "The Forum recognizes the role of governments in international public policy related to the Internet."
#define PARA_B "Civil society has played an important role on Internet matters at community level."
#define PARA_C "The private sector has had an important role in the development of the Internet."
#define PARA_D "International organizations have had a role in the development of technical standards."
#define PARA_E "Member States are invited to contribute to the work of the Secretary-General."

/*
** A contribution paragraph alike enough (about 0.7) to the base paragraph in its place to be
** a diagonal match, but equal to the next one: the equal one is its match, the first is
** deleted. (The diagonal match is not sure, so the lookup must still be made.)
*/
static void test_amend__the_better_of_two_candidates_is_the_match(void **state)
{
	(void)state;
	expect_alignment("Member States should support the participation of developing countries in all meetings of "
			 "the Forum.\n\n"
			 "Member States should support the participation of developing countries in the preparatory "
			 "meetings of the Forum and in its working groups.\n\n"
			 "The secretariat reports to the Council every year.\n",
		"Member States should support the participation of developing countries in the preparatory meetings of "
		"the Forum and in its working groups.\n\n"
		"The secretariat reports to the Council every year.\n",
		"SUP target=p1\n");
}

/* A paragraph taken from the start to the end is a MOVE, even beside a new paragraph that shares words with it. */
static void test_amend__a_moved_paragraph_is_a_move(void **state)
{
	const char *base = PARA_A "\n\n" PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n\n" PARA_E "\n";
	(void)state;
	expect_alignment(base, PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n\n" PARA_E "\n\n" PARA_A "\n",
		"MOVE target=p1 after=p5\n");
	/* the new paragraph is a weak candidate of p1 (about 0.2): moves are matched best first */
	expect_alignment(base,
		PARA_B "\n\nThe Forum recognizes the work of the regional Internet registries in many countries.\n\n" PARA_C
		       "\n\n" PARA_D "\n\n" PARA_E "\n\n" PARA_A "\n",
		"ADD after=p2\nMOVE target=p1 after=p5\n");
	/* two out-of-order candidates for p1: the equal copy is the move, the longer variant is new */
	expect_alignment(base,
		PARA_B "\n\nThe Forum recognizes the role of governments in international public policy related to the "
		       "Internet, in consultation with all stakeholders.\n\n" PARA_C "\n\n" PARA_D "\n\n" PARA_E
		       "\n\n" PARA_A "\n",
		"ADD after=p2\nMOVE target=p1 after=p5\n");
}

/* Equally good candidates: the earlier one wins, in the contribution and in the base. */
static void test_amend__ties_go_to_the_earlier_paragraph(void **state)
{
	(void)state;
	/* two copies of the moved paragraph: the first is the move, the second is new */
	expect_alignment(PARA_A "\n\n" PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n\n" PARA_E "\n",
		PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n\n" PARA_A "\n\n" PARA_E "\n\n" PARA_A "\n",
		"MOVE target=p1 after=p4\nADD after=p5\n");
	/* a base paragraph written twice, moved once: the first copy moves, the second is deleted */
	expect_alignment(PARA_A "\n\n" PARA_A "\n\n" PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n",
		PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n\n" PARA_A "\n", "SUP target=p2\nMOVE target=p1 after=p5\n");
}

/*
** A move needs a similarity of at least 0.5 (docs/amendments.md): 2 word pairs shared out of
** 4 + 4 is exactly 0.5, a MOVE with its edit; out of 4 + 5 (0.44) the paragraph is deleted
** and a new one added.
*/
static void test_amend__move_threshold_is_inclusive(void **state)
{
	const char *base = "alpha beta gamma delta epsilon\n\n" PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n";
	(void)state;
	expect_alignment(base, PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n\nalpha beta gamma zeta eta\n",
		"MOVE target=p1 after=p4 [delta epsilon|zeta eta]\n");
	expect_alignment(base, PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n\nalpha beta gamma zeta eta theta\n",
		"SUP target=p1\nADD after=p4\n");
}

/* Diffs two Markdown texts (sections under '#' headings) and checks the list, as expect_alignment. */
static void expect_markdown_alignment(const char *base_text, const char *contrib_text, const char *expected)
{
	accord_doc *base = NULL, *contrib = NULL;
	accord_parse_options options = ACCORD_PARSE_OPTIONS_INIT;
	accord_amendment_list *list;
	accord_error err;
	char *got;
	options.format = ACCORD_FORMAT_MARKDOWN;
	if (accord_doc_parse(&base, base_text, strlen(base_text), &options, &err) != ACCORD_OK ||
	    accord_doc_parse(&contrib, contrib_text, strlen(contrib_text), &options, &err) != ACCORD_OK)
		fail_msg("cannot parse: %s", err.message);
	list = check_round_trip(base, contrib, "X");
	got = describe(list);
	assert_string_equal(got, expected);
	accord_free(got);
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(contrib);
}

/*
** Sections are matched by their headings and by the paragraphs they share:
** a section whose heading was rewritten is the same section when its
** paragraphs are (one shared paragraph of one is enough), so the change is
** a HEADING, not a deleted section and a new one. Each paragraph counts,
** the first of the text too.
*/
static void test_amend__a_renamed_section_is_matched_by_its_paragraphs(void **state)
{
	(void)state;
	/* the first section, of one paragraph (the first of the text) */
	expect_markdown_alignment("# Alpha things\n\n" PARA_A "\n\n# Beta things\n\n" PARA_B "\n",
		"# Gamma matters\n\n" PARA_A "\n\n# Beta things\n\n" PARA_B "\n", "HEADING target=s1\n");
	/* the last section */
	expect_markdown_alignment("# Alpha things\n\n" PARA_A "\n\n# Beta things\n\n" PARA_B "\n",
		"# Alpha things\n\n" PARA_A "\n\n# Delta matters\n\n" PARA_B "\n", "HEADING target=s2\n");
	/* both renamed: each still found by its paragraph */
	expect_markdown_alignment("# Alpha things\n\n" PARA_A "\n\n" PARA_C "\n\n# Beta things\n\n" PARA_B "\n",
		"# Gamma matters\n\n" PARA_A "\n\n" PARA_C "\n\n# Delta matters\n\n" PARA_B "\n",
		"HEADING target=s1\nHEADING target=s2\n");
	/* no paragraph shared and another heading of the same length: a section deleted, another added */
	expect_markdown_alignment("# Alpha things\n\n" PARA_A "\n\n# Beta things\n\n" PARA_B "\n",
		"# Gamma things\n\n" PARA_D "\n\n# Beta things\n\n" PARA_B "\n",
		"ADD_SECTION\nADD after=-\nSUP_SECTION target=s1\n");
	/* the same heading but for case and spacing is the same section */
	expect_markdown_alignment("# Alpha things\n\n" PARA_A "\n\n# Beta things\n\n" PARA_B "\n",
		"# ALPHA   Things\n\n" PARA_D "\n\n# Beta things\n\n" PARA_B "\n",
		"HEADING target=s1\nADD after=-\nSUP target=p1\n");
	/* no paragraph shared and another heading: a section deleted, another added */
	expect_markdown_alignment("# Alpha things\n\n" PARA_A "\n\n# Beta things\n\n" PARA_B "\n",
		"# Gamma matters\n\n" PARA_D "\n\n# Beta things\n\n" PARA_B "\n",
		"ADD_SECTION\nADD after=-\nSUP_SECTION target=s1\n");
}

/* The similarity of the one MOD of a generic diff. */
static double mod_similarity(const char *base_text, const char *contrib_text)
{
	accord_doc *base = parse_string(base_text, 1), *contrib = parse_string(contrib_text, 1);
	accord_amendment_list *list = check_round_trip(base, contrib, "X");
	double similarity = -1.0;
	size_t i;
	for (i = 0; i < accord_amendments_count(list); i++)
		if (accord_amendments_get(list, i)->op == ACCORD_OP_MOD) {
			assert_true(similarity < 0.0); /* only one */
			similarity = accord_amendments_get(list, i)->similarity;
		}
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(contrib);
	return similarity;
}

/*
** A MOD's similarity says how alike its two texts are (the share of words
** kept): the same pair gives the same figure whether the aligner found it
** next to the last match or through the index (after more deletions than it
** looks ahead over). It was 0.857 one way and 0.833 the other.
*/
static void test_amend__similarity_of_a_pair_does_not_depend_on_how_it_was_found(void **state)
{
	const char *changed = "Epsilon nineteen twenty twentyone twentytwo twentythree changed.\n\n";
	const char *base = PARA_A "\n\n" PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n\n"
			   "Epsilon nineteen twenty twentyone twentytwo twentythree twentyfour.\n\n" PARA_E "\n";
	char contrib[1024];
	double found_next, found_by_lookup;
	(void)state;
	snprintf(contrib, sizeof(contrib), "%s\n\n%s\n\n%s\n\n%s\n\n%s%s\n", PARA_A, PARA_B, PARA_C, PARA_D, changed,
		PARA_E);
	found_next = mod_similarity(base, contrib);
	snprintf(contrib, sizeof(contrib), "%s\n\n%s%s\n", PARA_A, changed, PARA_E); /* B, C and D deleted */
	found_by_lookup = mod_similarity(base, contrib);
	/* 6 of 7 words kept on each side: 12 / 14 */
	assert_true(found_next > 0.857 && found_next < 0.858);
	assert_true(found_by_lookup == found_next);
}

/*
** Two near copies in the base (B and B', 0.9 alike): the contribution that
** keeps B' and drops B deletes B; it does not edit B into B' and delete B'
** (as it did when B was a close match on the diagonal), however many
** paragraphs were deleted before them. Kept both, they are no amendment.
*/
#define NEAR_B "Member States are invited to contribute to the work of the Secretary-General on this matter."
#define NEAR_B2 "Member States are invited to contribute to the work of the Secretary-General on this question."
static void test_amend__of_two_near_copies_the_one_kept_is_matched(void **state)
{
	static const char *const expected[] = {
		"SUP target=p2\n",
		"SUP target=p2\nSUP target=p3\n",
		"SUP target=p2\nSUP target=p3\nSUP target=p4\n",
		"SUP target=p2\nSUP target=p3\nSUP target=p4\nSUP target=p5\n",
	};
	static const char *const deleted[] = {PARA_C "\n\n", PARA_D "\n\n", PARA_E "\n\n"};
	size_t n, i;
	(void)state;
	for (n = 0; n < 4; n++) {
		char base[2048];
		size_t at = (size_t)snprintf(base, sizeof(base), "%s\n\n", PARA_A);
		for (i = 0; i < n; i++)
			at += (size_t)snprintf(base + at, sizeof(base) - at, "%s", deleted[i]);
		snprintf(base + at, sizeof(base) - at, "%s\n\n%s\n\n%s\n", NEAR_B, NEAR_B2, PARA_B);
		expect_alignment(base, PARA_A "\n\n" NEAR_B2 "\n\n" PARA_B "\n", expected[n]);
	}
	/* both kept, the paragraph before them edited: that edit alone */
	expect_alignment(PARA_A "\n\n" NEAR_B "\n\n" NEAR_B2 "\n\n" PARA_B "\n",
		"The Forum recognizes the role of all governments in international public policy related to the "
		"Internet.\n\n" NEAR_B "\n\n" NEAR_B2 "\n\n" PARA_B "\n",
		"MOD target=p1 [|all ]\n");
	/* the first edited a little (still nearer to itself than to the second): an edit of the first */
	expect_alignment(PARA_A "\n\n" NEAR_B "\n\n" NEAR_B2 "\n\n" PARA_B "\n",
		"The Forum recognizes the role of all governments in international public policy related to the "
		"Internet.\n\nMember States are invited to contribute to the work of the Secretary-General on this "
		"matter now.\n\n" NEAR_B2 "\n\n" PARA_B "\n",
		"MOD target=p1 [|all ]\nMOD target=p2 [| now]\n");
	/* the first kept: the second deleted */
	expect_alignment(PARA_A "\n\n" NEAR_B "\n\n" NEAR_B2 "\n\n" PARA_B "\n", PARA_A "\n\n" NEAR_B "\n\n" PARA_B "\n",
		"SUP target=p3\n");
}
#undef NEAR_B
#undef NEAR_B2

/*
** A paragraph that follows its base sibling, where that sibling moved away, moves too: it is
** not in place because it comes after the same paragraph (fuzz_consolidate found the
** compilation putting it back where the base had it).
*/
static void test_amend__a_paragraph_after_one_that_moved_moves_with_it(void **state)
{
	(void)state;
	expect_alignment(PARA_A "\n\n" PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n\n" PARA_E "\n",
		PARA_A "\n\n" PARA_D "\n\n" PARA_E "\n\n"
		       "Civil society has played an important role on Internet matters at community level today.\n\n"
		       "The private sector has had an important role in the development of the Internet today.\n",
		"MOVE target=p2 after=p5 [| today]\nMOVE target=p3 after=p2 [| today]\n");
}

/*
** A contribution that opens with an edited fragment of a base paragraph and keeps the paragraph
** itself further on: the paragraph is the match, the fragment is new (the close match on the
** diagonal must not hide the base paragraph from the later, closer copy).
*/
static void test_amend__a_closer_copy_further_on_is_the_match(void **state)
{
	(void)state;
	expect_alignment(PARA_A "\n\n" PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n",
		PARA_A "\n\nhas had an important role in the development of the Internet.\n\n" PARA_B "\n\n"
		       "The private sector has had an important role in the development of the Internet today.\n\n" PARA_D
		       "\n",
		"ADD after=p1\nMOD target=p3 [| today]\n");
}

/* Every operation's name, both ways; anything else is UNKNOWN or -1. */
static void test_amend__operation_names(void **state)
{
	static const char *const names[] = {"ADD", "SUP", "MOD", "MOVE", "HEADING", "ADD_SECTION", "SUP_SECTION",
		"MOVE_SECTION", "META", "FOOTNOTE"};
	int op;
	(void)state;
	assert_int_equal(sizeof(names) / sizeof(names[0]), ACCORD_OP_COUNT);
	for (op = 0; op < ACCORD_OP_COUNT; op++) {
		assert_string_equal(accord_op_name((accord_op)op), names[op]);
		assert_int_equal(accord_op_from_name(names[op]), op);
	}
	assert_string_equal(accord_op_name((accord_op)ACCORD_OP_COUNT), "UNKNOWN");
	assert_string_equal(accord_op_name((accord_op)-1), "UNKNOWN");
	assert_int_equal(accord_op_from_name("add"), -1);
	assert_int_equal(accord_op_from_name("ADDX"), -1);
	assert_int_equal(accord_op_from_name(""), -1);
	assert_int_equal(accord_op_from_name(NULL), -1);
}

static void test_amend__edit_is_reanchored_when_the_base_moves(void **state)
{
	accord_edit edit = {ACCORD_EDIT_REPLACE, 2, 1, "quick", "slow", "the ", " brown"};
	accord_error err;
	char *out = NULL;
	(void)state;
	assert_int_equal(accord_edits_apply_text(&out, "the quick brown fox", &edit, 1, &err), 0);
	assert_string_equal(out, "the slow brown fox");
	accord_free(out);
	/* Two words were inserted before it: found again by its text and context. */
	assert_int_equal(accord_edits_apply_text(&out, "oh well, the quick brown fox", &edit, 1, &err), 0);
	assert_string_equal(out, "oh well, the slow brown fox");
	accord_free(out);
	/* The quoted text is gone: a conflict, not a guess. */
	assert_int_equal(accord_edits_apply_text(&out, "the fast brown fox", &edit, 1, &err), ACCORD_ECONFLICT);
	assert_null(out);
	assert_non_null(strstr(err.message, "quick"));
}

/*
** Every way the amendment list reader refuses its input, with its code,
** its exact message and position ("FILE:LINE:COL", 0 when JSON gives no
** place). A field of the list itself is named alone; a field of an
** amendment with the amendment's number.
*/
#define H "{\"accord\": \"amendments/1\", \"amendments\": ["
#define T "]}"
static void test_amend__json_of_the_wrong_shape_is_refused(void **state)
{
	static const struct {
		const char *json;
		int code;
		unsigned line, col;
		const char *message;
	} cases[] = {
		{"",
			ACCORD_EPARSE, 1, 0, "'[' or '{' expected near end of file"},
		{"{",
			ACCORD_EPARSE, 1, 1, "string or '}' expected near end of file"},
		{"[1,2]",
			ACCORD_ESCHEMA, 1, 1, "not an amendment list (no \"accord\": \"amendments/1\")"},
		{"{\"accord\": 3}",
			ACCORD_ESCHEMA, 1, 1, "not an amendment list (no \"accord\": \"amendments/1\")"},
		{"{\"accord\": \"document/1\", \"amendments\": []}",
			ACCORD_ESCHEMA, 1, 1, "\"document/1\" is not an amendment list this version reads (amendments/1)"},
		{"{\"accord\": \"amendments/9\", \"amendments\": []}",
			ACCORD_EVERSION, 1, 1, "\"amendments/9\" is not an amendment list this version reads (amendments/1)"},
		{"{\"accord\": \"amendments/1\"}",
			ACCORD_ESCHEMA, 0, 0, "\"amendments\" must be a list"},
		{"{\"accord\": \"amendments/1\", \"amendments\": {}}",
			ACCORD_ESCHEMA, 0, 0, "\"amendments\" must be a list"},
		{"{\"accord\": \"amendments/1\", \"party\": 3, \"amendments\": []}",
			ACCORD_ESCHEMA, 0, 0, "\"party\" must be a string"},
		{"{\"accord\": \"amendments/1\", \"base\": [], \"amendments\": []}",
			ACCORD_ESCHEMA, 0, 0, "\"base\" must be a string"},
		{"{\"accord\": \"amendments/1\", \"contribution\": {}, \"amendments\": []}",
			ACCORD_ESCHEMA, 0, 0, "\"contribution\" must be a string"},
		{"{\"accord\": \"amendments/1\", \"amendments\": [], \"amendments\": []}",
			ACCORD_EPARSE, 1, 57, "duplicate object key near '\"amendments\"'"},
		{H "3" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"amendments\" must hold objects"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\", \"bogus\": 1}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"bogus\" is not a known field"},
		{H "{\"op\": \"SUP\", \"target\": \"p1\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"id\" is missing"},
		{H "{\"id\": 3, \"op\": \"SUP\", \"target\": \"p1\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"id\" must be a string"},
		{H "{\"id\": \"A/1\", \"target\": \"p1\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"op\" is missing"},
		{H "{\"id\": \"A/1\", \"op\": \"ZAP\", \"target\": \"p1\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"op\" is not an operation (ADD, SUP, MOD, MOVE, HEADING, ...)"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": 1}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"target\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\", \"proposers\": \"USA\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"proposers\" must be a list of at most 64 party codes"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\", \"proposers\": [1]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"proposers\" must hold strings"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\", \"source\": {\"file\": 1}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"file\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\", \"position\": 1}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"position\" must be an object"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\", \"position\": {\"section\": 1}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"section\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\", \"position\": {\"parent\": 1}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"parent\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\", \"position\": {\"after\": 1}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"after\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\", \"label\": 1}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"label\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\", \"text\": 1}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"text\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"target\" is missing"},
		{H "{\"id\": \"A/1\", \"op\": \"ADD\", \"position\": {\"section\": \"s1\"}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"text\" is missing"},
		{H "{\"id\": \"A/1\", \"op\": \"ADD\", \"text\": \"x\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"position\" must name a section"},
		{H "{\"id\": \"A/1\", \"op\": \"ADD\", \"text\": \"x\", \"position\": {}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"position\" must name a section"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": {}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"edits\" must be a list"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [1]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"edits\" must hold objects"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [{\"kind\": \"insert\", \"at\": 0, \"count\": 0, \"base\": \"\", \"text\": \"b\", \"zzz\": 1}]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"zzz\" is not a known field"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [{\"at\": 0, \"count\": 0, \"base\": \"\", \"text\": \"b\"}]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"kind\" is missing"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [{\"kind\": \"insert\", \"count\": 0, \"base\": \"\", \"text\": \"b\"}]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"at\" must be a whole number"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [{\"kind\": \"insert\", \"at\": -4, \"count\": 0, \"base\": \"\", \"text\": \"b\"}]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"at\" must be a whole number"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [{\"kind\": \"insert\", \"at\": 2147483648, \"count\": 0, \"base\": \"\", \"text\": \"b\"}]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"at\" must be a whole number"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [{\"kind\": \"insert\", \"at\": 0, \"count\": 1.5, \"base\": \"\", \"text\": \"b\"}]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"count\" must be a whole number"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [{\"kind\": \"insert\", \"at\": 0, \"count\": 0, \"text\": \"b\"}]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"base\" is missing"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [{\"kind\": \"insert\", \"at\": 0, \"count\": 0, \"base\": \"\"}]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"text\" is missing"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [{\"kind\": \"insert\", \"at\": 0, \"count\": 0, \"base\": \"\", \"text\": \"b\", \"before\": 1}]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"before\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [{\"kind\": \"insert\", \"at\": 0, \"count\": 0, \"base\": \"\", \"text\": \"b\", \"after\": 1}]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"after\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [{\"kind\": \"swap\", \"at\": 0, \"count\": 1, \"base\": \"a\", \"text\": \"b\"}]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"kind\" must be insert, delete or replace"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [{\"kind\": \"replace\", \"at\": 2, \"count\": 2, \"base\": \"a b\", \"text\": \"c\"}, {\"kind\": \"insert\", \"at\": 3, \"count\": 0, \"base\": \"\", \"text\": \"d\"}]}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"edits\" overlap or are out of order"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"label\": \"b)\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"label\" must be an object with from and to"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"label\": {\"from\": 1}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"from\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"label\": {\"to\": 1}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"to\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"MOD\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"target\" is missing"},
		{H "{\"id\": \"A/1\", \"op\": \"MOVE\", \"target\": \"p1\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"position\" must name a section"},
		{H "{\"id\": \"A/1\", \"op\": \"HEADING\", \"target\": \"s1\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"heading\" must be an object"},
		{H "{\"id\": \"A/1\", \"op\": \"HEADING\", \"target\": \"s1\", \"heading\": {\"from\": 1}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"from\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"HEADING\", \"target\": \"s1\", \"heading\": {\"to\": 1}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"to\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"HEADING\", \"target\": \"s1\", \"heading\": {\"addressee\": 1}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"addressee\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"HEADING\", \"target\": \"s1\", \"heading\": {\"kind\": 1}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"kind\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"HEADING\", \"target\": \"s1\", \"heading\": {\"kind\": \"other\"}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"kind\" must be preambular, operative or none"},
		{H "{\"id\": \"A/1\", \"op\": \"HEADING\", \"heading\": {}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"target\" is missing"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP_SECTION\", \"heading\": {}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"target\" is missing"},
		{H "{\"id\": \"A/1\", \"op\": \"MOVE_SECTION\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"target\" is missing"},
		{H "{\"id\": \"A/1\", \"op\": \"META\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"field\" is missing"},
		{H "{\"id\": \"A/1\", \"op\": \"META\", \"field\": \"title\", \"from\": 1}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"from\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"META\", \"field\": \"title\", \"to\": 1}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"to\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"FOOTNOTE\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"footnote\" is missing"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\", \"relation\": {\"kind\": 1}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"kind\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\", \"relation\": {\"paragraph\": 1}}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 1: \"paragraph\" must be a string"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\"}, {\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p2\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 2: \"id\" is used twice"},
		{H "{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p1\"}, {\"id\": \"A/2\", \"op\": \"SUP\"}" T,
			ACCORD_ESCHEMA, 0, 0, "amendment 2: \"target\" is missing"},
		{"{\"accord\": \"amendments/1\", \"amendments\": [] \xff}",
			ACCORD_EUTF8, 1, 45, "invalid UTF-8 byte 0xFF at line 1, column 45 (byte offset 44)"},
		{"{\"accord\": \"amendments/1\",\n \"amendments\": [}",
			ACCORD_EPARSE, 2, 17, "unexpected token near '}'"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		accord_amendment_list *list = (accord_amendment_list *)1;
		accord_error err;
		accord_error_clear(&err);
		if (accord_amendments_parse_json(&list, cases[i].json, strlen(cases[i].json), "x.json", &err) !=
			cases[i].code)
			fail_msg("case %zu (%s): %s", i, cases[i].json, err.message);
		assert_null(list);
		assert_int_equal(err.code, cases[i].code);
		assert_string_equal(err.message, cases[i].message);
		assert_string_equal(err.file, "x.json");
		if (err.line != cases[i].line || err.col != cases[i].col)
			fail_msg("case %zu: at %u:%u, want %u:%u", i, err.line, err.col, cases[i].line, cases[i].col);
	}
}
#undef H
#undef T

/*
** The reader asks only for what an operation needs: every optional field
** may be absent or null. One amendment of each operation with its required
** fields alone, then the same with every optional field null.
*/
static void test_amend__only_required_fields_are_required(void **state)
{
	static const char *const lists[] = {
		"{\"accord\": \"amendments/1\", \"amendments\": ["
		"{\"id\": \"A/1\", \"op\": \"ADD\", \"text\": \"new\", \"position\": {\"section\": \"s1\"}},"
		"{\"id\": \"A/2\", \"op\": \"SUP\", \"target\": \"p1\"},"
		"{\"id\": \"A/3\", \"op\": \"MOD\", \"target\": \"p2\", \"edits\": [{\"kind\": \"insert\", \"at\": 0, "
		"\"count\": 0, \"base\": \"\", \"text\": \"x\"}]},"
		"{\"id\": \"A/4\", \"op\": \"MOVE\", \"target\": \"p3\", \"position\": {\"section\": \"s2\"}},"
		"{\"id\": \"A/5\", \"op\": \"HEADING\", \"target\": \"s1\", \"heading\": {}},"
		"{\"id\": \"A/6\", \"op\": \"ADD_SECTION\", \"heading\": {}},"
		"{\"id\": \"A/7\", \"op\": \"SUP_SECTION\", \"target\": \"s2\", \"heading\": {}},"
		"{\"id\": \"A/8\", \"op\": \"MOVE_SECTION\", \"target\": \"s3\"},"
		"{\"id\": \"A/9\", \"op\": \"META\", \"field\": \"title\"},"
		"{\"id\": \"A/10\", \"op\": \"FOOTNOTE\", \"footnote\": \"1\"}]}",
		"{\"accord\": \"amendments/1\", \"party\": null, \"base\": null, \"contribution\": null, \"amendments\": ["
		"{\"id\": \"A/1\", \"op\": \"ADD\", \"text\": \"new\", \"label\": null, \"target\": null, \"proposers\": [],"
		" \"source\": {\"file\": null}, \"position\": {\"section\": \"s1\", \"parent\": null, \"after\": null},"
		" \"relation\": {\"kind\": null, \"paragraph\": null}},"
		"{\"id\": \"A/2\", \"op\": \"SUP\", \"target\": \"p1\", \"label\": null, \"text\": null},"
		"{\"id\": \"A/3\", \"op\": \"MOD\", \"target\": \"p2\", \"label\": {\"from\": null, \"to\": null}, \"edits\":"
		" [{\"kind\": \"insert\", \"at\": 0, \"count\": 0, \"base\": \"\", \"text\": \"x\", \"before\": null,"
		" \"after\": null}]},"
		"{\"id\": \"A/4\", \"op\": \"MOVE\", \"target\": \"p3\", \"position\": {\"section\": \"s2\"}, \"edits\": []},"
		"{\"id\": \"A/5\", \"op\": \"HEADING\", \"target\": \"s1\", \"heading\": {\"from\": null, \"to\": null, "
		"\"addressee\": null, \"kind\": null}},"
		"{\"id\": \"A/6\", \"op\": \"ADD_SECTION\", \"heading\": {\"kind\": \"operative\"}},"
		"{\"id\": \"A/7\", \"op\": \"SUP_SECTION\", \"target\": \"s2\", \"heading\": {\"kind\": \"preambular\"}},"
		"{\"id\": \"A/8\", \"op\": \"MOVE_SECTION\", \"target\": \"s3\", \"position\": {}},"
		"{\"id\": \"A/9\", \"op\": \"META\", \"field\": \"title\", \"from\": null, \"to\": null},"
		"{\"id\": \"A/10\", \"op\": \"FOOTNOTE\", \"footnote\": \"1\", \"from\": null, \"to\": null}]}",
	};
	static const accord_op ops[] = {ACCORD_OP_ADD, ACCORD_OP_SUP, ACCORD_OP_MOD, ACCORD_OP_MOVE, ACCORD_OP_HEADING,
		ACCORD_OP_ADD_SECTION, ACCORD_OP_SUP_SECTION, ACCORD_OP_MOVE_SECTION, ACCORD_OP_META, ACCORD_OP_FOOTNOTE};
	size_t l, i;
	(void)state;
	for (l = 0; l < 2; l++) {
		accord_amendment_list *list = NULL;
		const accord_amendment *a;
		accord_error err;
		accord_error_clear(&err);
		if (accord_amendments_parse_json(&list, lists[l], strlen(lists[l]), "x.json", &err) != ACCORD_OK)
			fail_msg("list %zu refused: %s", l, err.message);
		assert_int_equal(accord_amendments_count(list), 10);
		for (i = 0; i < 10; i++)
			assert_int_equal(accord_amendments_get(list, i)->op, ops[i]);
		a = accord_amendments_get(list, 0);
		assert_string_equal(a->text, "new");
		assert_null(a->label);
		assert_string_equal(a->position.section, "s1");
		assert_null(a->position.after);
		assert_null(accord_amendments_get(list, 1)->label_from);
		a = accord_amendments_get(list, 2);
		assert_int_equal(a->n_edits, 1);
		assert_string_equal(a->edits[0].before, ""); /* no context given: empty */
		assert_string_equal(a->edits[0].after, "");
		assert_int_equal(a->label_changed, l == 1);
		assert_null(accord_amendments_get(list, 4)->heading);
		assert_int_equal(accord_amendments_get(list, 5)->kind, l == 1 ? ACCORD_KIND_OPERATIVE : ACCORD_KIND_NONE);
		assert_string_equal(accord_amendments_get(list, 8)->field, "title");
		assert_null(accord_amendments_get(list, 8)->value_to);
		assert_string_equal(accord_amendments_get(list, 9)->footnote, "1");
		accord_amendments_free(list);
	}
}

/*
** Every way applying an amendment can fail on a text that does not fit it,
** with its code and exact message: the base is "recognizing a) b)" (p1, p2 in
** s1), "decides 1." (p3 in s2) and footnote 1.
*/
#define L(items) "{\"accord\": \"amendments/1\", \"amendments\": [" items "]}"
static void test_amend__apply_refuses_what_does_not_fit_the_text(void **state)
{
	static const char base_text[] = "The Forum,\n\n\trecognizing\na)\tthat one[1: a note];\nb)\tthat two;\n\n"
					"\tdecides\n1.\tto act;\n";
	static const struct {
		const char *json;
		int code;
		const char *message;
	} cases[] = {
		{L("{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p1\", \"edits\": [{\"kind\": \"replace\", \"at\": 2, "
		   "\"count\": 1, \"base\": \"seven\", \"text\": \"six\"}]}"),
			ACCORD_ECONFLICT, "amendment A/1 on p1: the text \"seven\" is no longer in the paragraph"},
		{L("{\"id\": \"A/1\", \"op\": \"MOD\", \"target\": \"p9\", \"edits\": []}"), ACCORD_ENOTFOUND,
			"amendment A/1: no paragraph p9 in the text"},
		{L("{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p9\"}"), ACCORD_ENOTFOUND,
			"amendment A/1: no paragraph p9 in the text"},
		{L("{\"id\": \"A/1\", \"op\": \"MOVE\", \"target\": \"p9\", \"position\": {\"section\": \"s2\"}}"),
			ACCORD_ENOTFOUND, "amendment A/1: no paragraph p9 in the text"},
		{L("{\"id\": \"A/1\", \"op\": \"MOVE\", \"target\": \"p1\", \"position\": {\"section\": \"s2\", \"parent\": "
		   "\"p1\"}}"),
			ACCORD_ECONFLICT, "amendment A/1: its position no longer exists"},
		{L("{\"id\": \"A/1\", \"op\": \"MOVE\", \"target\": \"p1\", \"position\": {\"section\": \"s1\", \"parent\": "
		   "\"p1\"}}"),
			ACCORD_ECONFLICT, "amendment A/1: cannot move p1 there"},
		{L("{\"id\": \"A/1\", \"op\": \"HEADING\", \"target\": \"s9\", \"heading\": {\"to\": \"notes\"}}"),
			ACCORD_ENOTFOUND, "amendment A/1: no section s9 in the text"},
		{L("{\"id\": \"A/1\", \"op\": \"SUP_SECTION\", \"target\": \"s9\", \"heading\": {}}"), ACCORD_ENOTFOUND,
			"amendment A/1: no section s9 in the text"},
		{L("{\"id\": \"A/1\", \"op\": \"MOVE_SECTION\", \"target\": \"s9\"}"), ACCORD_ENOTFOUND,
			"amendment A/1: no section s9 in the text"},
		{L("{\"id\": \"A/1\", \"op\": \"MOVE_SECTION\", \"target\": \"s1\", \"position\": {\"after\": \"s9\"}}"),
			ACCORD_ENOTFOUND, "amendment A/1: no section s9 in the text"},
		{L("{\"id\": \"A/1\", \"op\": \"ADD_SECTION\", \"position\": {\"after\": \"s9\"}, \"heading\": {}}"),
			ACCORD_ENOTFOUND, "amendment A/1: no section s9 in the text"},
		{L("{\"id\": \"s2\", \"op\": \"ADD_SECTION\", \"heading\": {\"to\": \"notes\"}}"), ACCORD_ECONFLICT,
			"amendment s2: section id already in use"},
		{L("{\"id\": \"A/1\", \"op\": \"ADD\", \"text\": \"x\", \"position\": {\"section\": \"s9\"}}"),
			ACCORD_ENOTFOUND, "amendment A/1: no section s9 in the text"},
		{L("{\"id\": \"A/1\", \"op\": \"ADD\", \"text\": \"x\", \"position\": {\"section\": \"s1\", \"parent\": "
		   "\"p9\"}}"),
			ACCORD_ENOTFOUND, "amendment A/1: no paragraph p9 in the text"},
		{L("{\"id\": \"A/1\", \"op\": \"ADD\", \"text\": \"x\", \"position\": {\"section\": \"s1\", \"after\": "
		   "\"p9\"}}"),
			ACCORD_ENOTFOUND, "amendment A/1: no paragraph p9 in the text"},
		{L("{\"id\": \"A/1\", \"op\": \"ADD\", \"text\": \"x\", \"position\": {\"section\": \"s1\", \"after\": "
		   "\"p3\"}}"),
			ACCORD_ECONFLICT, "amendment A/1: its position no longer exists"},
		{L("{\"id\": \"A/1\", \"op\": \"ADD\", \"text\": \"x\", \"position\": {\"section\": \"s2\", \"parent\": "
		   "\"p1\"}}"),
			ACCORD_ECONFLICT, "amendment A/1: its position no longer exists"},
		{L("{\"id\": \"A/1\", \"op\": \"ADD\", \"text\": \"x\", \"position\": {\"section\": \"s1\", \"parent\": "
		   "\"p1\", \"after\": \"p2\"}}"),
			ACCORD_ECONFLICT, "amendment A/1: its position no longer exists"},
		{L("{\"id\": \"p2\", \"op\": \"ADD\", \"text\": \"x\", \"position\": {\"section\": \"s1\"}}"),
			ACCORD_ECONFLICT, "amendment p2: paragraph id already in use"},
		{L("{\"id\": \"A/1\", \"op\": \"META\", \"field\": \"mode\", \"to\": \"sonnet\"}"), ACCORD_ESCHEMA,
			"amendment A/1: unknown mode sonnet"},
		{L("{\"id\": \"A/1\", \"op\": \"META\", \"field\": \"mode\"}"), ACCORD_ESCHEMA,
			"amendment A/1: unknown mode (none)"},
		{L("{\"id\": \"A/1\", \"op\": \"META\", \"field\": \"colour\", \"to\": \"red\"}"), ACCORD_ESCHEMA,
			"amendment A/1: unknown field colour"},
		{L("{\"id\": \"A/1\", \"op\": \"FOOTNOTE\", \"footnote\": \"9\"}"), ACCORD_ENOTFOUND,
			"amendment A/1: no footnote 9 in the text"},
		{L("{\"id\": \"A/1\", \"op\": \"FOOTNOTE\", \"footnote\": \"1\", \"to\": \"another\"}"), ACCORD_ECONFLICT,
			"amendment A/1: footnote 1 already exists"},
		/* the first failure stops the list: A/2 is never reached */
		{L("{\"id\": \"A/1\", \"op\": \"SUP\", \"target\": \"p8\"}, {\"id\": \"A/2\", \"op\": \"SUP\", \"target\": "
		   "\"p9\"}"),
			ACCORD_ENOTFOUND, "amendment A/1: no paragraph p8 in the text"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		accord_doc *base = parse_string(base_text, 0);
		accord_amendment_list *list = NULL;
		accord_error err;
		accord_error_clear(&err);
		if (accord_amendments_parse_json(&list, cases[i].json, strlen(cases[i].json), "x.json", &err) != ACCORD_OK)
			fail_msg("case %zu not read: %s", i, err.message);
		if (accord_amendments_apply(base, list, &err) != cases[i].code)
			fail_msg("case %zu: %s (code %d)", i, err.message, err.code);
		assert_int_equal(err.code, cases[i].code);
		if (strcmp(err.message, cases[i].message) != 0)
			fail_msg("case %zu: \"%s\", want \"%s\"", i, err.message, cases[i].message);
		accord_amendments_free(list);
		accord_doc_free(base);
	}
}
#undef L

/* Two edits that land on the same words are a conflict, not a guess (from C, which the reader would refuse). */
static void test_amend__edits_that_overlap_in_the_text_conflict(void **state)
{
	accord_edit edits[2] = {{ACCORD_EDIT_REPLACE, 2, 1, "quick", "slow", "the ", " brown"},
		{ACCORD_EDIT_REPLACE, 2, 1, "quick", "fast", "the ", " brown"}};
	accord_edit inserts[2] = {{ACCORD_EDIT_INSERT, 2, 0, "", "very ", "the ", "quick"},
		{ACCORD_EDIT_INSERT, 2, 0, "", "so ", "the ", "quick"}};
	accord_error err;
	char *out = (char *)1;
	(void)state;
	assert_int_equal(accord_edits_apply_text(&out, "the quick brown fox", edits, 2, &err), ACCORD_ECONFLICT);
	assert_null(out);
	assert_string_equal(err.message, "edits overlap or are out of order");
	/* two insertions at the same place: which goes first is not known */
	assert_int_equal(accord_edits_apply_text(&out, "the quick brown fox", inserts, 2, &err), ACCORD_ECONFLICT);
	assert_string_equal(err.message, "edits overlap or are out of order");
	/* one of each is fine */
	assert_int_equal(accord_edits_apply_text(&out, "the quick brown fox", edits, 1, &err), 0);
	assert_string_equal(out, "the slow brown fox");
	accord_free(out);
	assert_int_equal(accord_edits_apply_text(&out, "the quick brown fox", inserts, 1, &err), 0);
	assert_string_equal(out, "the very quick brown fox");
	accord_free(out);
}

static void test_amend__unknown_target_is_not_found(void **state)
{
	const char *json = "{\"accord\": \"amendments/1\", \"amendments\": [{\"id\": \"A/1\", \"op\": \"SUP\", "
			   "\"target\": \"p999\"}]}";
	accord_amendment_list *list = NULL;
	accord_doc *base = load_seed(seed_files[0]);
	accord_error err;
	(void)state;
	assert_int_equal(accord_amendments_parse_json(&list, json, strlen(json), "x.json", &err), 0);
	assert_int_equal(accord_amendments_apply(base, list, &err), ACCORD_ENOTFOUND);
	assert_non_null(strstr(err.message, "p999"));
	accord_amendments_free(list);
	accord_doc_free(base);
}

/* A META amendment naming no known field is bad input (exit 3), not API misuse (EINVAL
 * made the command line exit 2, as for a usage error). */
static void test_amend__unknown_meta_field_is_bad_input(void **state)
{
	const char *json = "{\"accord\": \"amendments/1\", \"amendments\": [{\"id\": \"A/1\", \"op\": \"META\", "
			   "\"field\": \"zzz\", \"from\": null, \"to\": \"x\"}]}";
	accord_amendment_list *list = NULL;
	accord_doc *base = load_seed(seed_files[0]);
	accord_error err;
	(void)state;
	assert_int_equal(accord_amendments_parse_json(&list, json, strlen(json), "x.json", &err), 0);
	assert_int_equal(accord_amendments_apply(base, list, &err), ACCORD_ESCHEMA);
	assert_non_null(strstr(err.message, "unknown field zzz"));
	accord_amendments_free(list);
	accord_doc_free(base);
}

/* ---- property test: random edit scripts ------------------------------------------------ */

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return n ? (unsigned)((rng_state >> 33) % n) : 0;
}

static const char *const vocabulary[] = {"the", "governments", "stakeholders", "Internet", "policy", "of",
	"enhanced", "cooperation", "multi-stakeholder", "model", "and", "in", "public", "international", "role",
	"ITU", "Member", "States", "shall", "should", "consultation", "with", "all", ",", ";", "(IGF)", "’s",
	"«", "»", "development", "framework", "sovereign"};

static void random_words(accord_buf *buf, unsigned n)
{
	unsigned i;
	for (i = 0; i < n; i++) {
		if (i)
			assert_int_equal(accord_buf_putc(buf, ' '), 0);
		assert_int_equal(accord_buf_puts(buf, vocabulary[rnd(sizeof(vocabulary) / sizeof(vocabulary[0]))]), 0);
	}
}

static accord_para *random_para(accord_doc *doc)
{
	size_t total = accord_doc_para_total(doc), k;
	accord_para *p = NULL;
	if (total == 0)
		return NULL;
	k = rnd((unsigned)total);
	p = accord_doc_next_para(doc, NULL);
	while (k-- > 0)
		p = accord_doc_next_para(doc, p);
	return p;
}

static void mutate_words(accord_para *p)
{
	const char *text = accord_para_text(p);
	accord_token *tokens = NULL;
	size_t count = 0, start, len;
	accord_buf buf = ACCORD_BUF_INIT;
	assert_int_equal(accord_tokenize(&tokens, &count, text, strlen(text)), 0);
	start = count ? rnd((unsigned)count) : 0;
	len = count - start ? rnd((unsigned)(count - start < 6 ? count - start : 6) + 1) : 0;
	assert_int_equal(accord_buf_put(&buf, text, start < count ? tokens[start].offset : strlen(text)), 0);
	switch (rnd(3)) {
	case 0: /* replace */
		random_words(&buf, 1 + rnd(4));
		break;
	case 1: /* insert */
		random_words(&buf, 1 + rnd(3));
		assert_int_equal(accord_buf_putc(&buf, ' '), 0);
		len = 0;
		break;
	default: /* delete */
		break;
	}
	if (start + len < count)
		assert_int_equal(accord_buf_puts(&buf, text + tokens[start + len].offset), 0);
	assert_int_equal(accord_para_set_text(p, buf.ptr ? buf.ptr : ""), 0);
	accord_buf_dispose(&buf);
	accord_free(tokens);
}

static void mutate(accord_doc *doc)
{
	accord_para *p = random_para(doc), *q;
	accord_buf buf = ACCORD_BUF_INIT;
	accord_section *s;
	const char *labels[] = {"a)", "b)", "c bis)", "1.", "(ii)", NULL};
	if (p == NULL)
		return;
	switch (rnd(9)) {
	case 0:
	case 1:
	case 2:
		mutate_words(p);
		break;
	case 3: /* delete a paragraph */
		assert_int_equal(accord_doc_remove_para(doc, p), 0);
		break;
	case 4: /* add a paragraph */
		random_words(&buf, 3 + rnd(20));
		assert_int_equal(accord_doc_insert_para(NULL, doc, accord_para_section(p), accord_para_parent(p), p, NULL,
					 labels[rnd(6)], buf.ptr),
			0);
		break;
	case 5: /* move a paragraph to the top of a random section */
		s = accord_doc_section(doc, rnd((unsigned)accord_doc_section_count(doc)));
		assert_int_equal(accord_doc_move_para(doc, p, s, NULL, NULL), 0);
		break;
	case 6: { /* split a paragraph in two */
		const char *text = accord_para_text(p);
		size_t cut = strlen(text) / 2;
		while (cut > 0 && text[cut] != ' ')
			cut--;
		if (cut == 0)
			break;
		assert_int_equal(accord_doc_insert_para(NULL, doc, accord_para_section(p), accord_para_parent(p), p, NULL,
					 NULL, text + cut + 1),
			0);
		assert_int_equal(accord_para_set_text_len(p, text, cut), 0);
		break;
	}
	case 7: /* merge with the next sibling */
		q = accord_para_parent(p) ? accord_para_child(accord_para_parent(p), accord_para_index(p) + 1)
					  : accord_section_para(accord_para_section(p), accord_para_index(p) + 1);
		if (q == NULL || accord_para_child_count(q) > 0)
			break;
		assert_int_equal(accord_buf_printf(&buf, "%s %s", accord_para_text(p), accord_para_text(q)), 0);
		assert_int_equal(accord_para_set_text(p, buf.ptr), 0);
		assert_int_equal(accord_doc_remove_para(doc, q), 0);
		break;
	default: /* relabel */
		assert_int_equal(accord_para_set_label(p, labels[rnd(6)]), 0);
		break;
	}
	accord_buf_dispose(&buf);
}

static void property_round(const accord_doc *base, int generic, unsigned iterations)
{
	unsigned it;
	for (it = 0; it < iterations; it++) {
		accord_doc *edited = NULL, *contrib;
		accord_amendment_list *list;
		char *text;
		unsigned n = 1 + rnd(6), k;
		assert_int_equal(accord_doc_clone(&edited, base), 0);
		for (k = 0; k < n; k++)
			mutate(edited);
		/* The contribution is what a delegation's file would be: the edited text, read again. */
		text = render(edited);
		contrib = parse_string(text, generic);
		list = check_round_trip(base, contrib, "R");
		accord_amendments_free(list);
		accord_free(text);
		accord_doc_free(contrib);
		accord_doc_free(edited);
	}
}

static void test_amend__random_edit_scripts_on_the_seeds_round_trip(void **state)
{
	size_t i;
	(void)state;
	rng_state = 20130514;
	for (i = 0; i < N_SEEDS; i++) {
		accord_doc *base = load_seed(seed_files[i]);
		property_round(base, 0, 400);
		accord_doc_free(base);
	}
}

static void test_amend__random_edit_scripts_on_generic_text_round_trip(void **state)
{
	accord_buf buf = ACCORD_BUF_INIT;
	accord_doc *base;
	unsigned p;
	(void)state;
	rng_state = 42;
	for (p = 0; p < 60; p++) {
		random_words(&buf, 20 + rnd(120));
		assert_int_equal(accord_buf_puts(&buf, ".\n\n"), 0);
	}
	base = parse_string(buf.ptr, 1);
	property_round(base, 1, 600);
	accord_doc_free(base);
	accord_buf_dispose(&buf);
}


/* ---- generic documents: Markdown and wrapped plain text with realistic edits ----------- */

/* Sentences taken from the seed texts, so the prose is real. */
static void seed_sentences(char ***out, size_t *n)
{
	char path[1024];
	accord_buf all = ACCORD_BUF_INIT;
	accord_error err;
	char **sentences = NULL, *p, *start;
	size_t count = 0, cap = 0, i;
	for (i = 0; i < N_SEEDS; i++) {
		snprintf(path, sizeof(path), "%s/%s", ACCORD_SEEDS, seed_files[i]);
		assert_int_equal(accord_read_file(&all, path, &err), 0);
	}
	for (p = all.ptr; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '[' || *p == ']')
			*p = ' ';
	for (start = all.ptr, p = all.ptr; *p; p++) {
		if ((*p == ';' || *p == '.') && (p[1] == ' ' || p[1] == '\0')) {
			size_t len = (size_t)(p - start) + 1;
			while (len && *start == ' ') {
				start++;
				len--;
			}
			if (len > 40) {
				if (count == cap) {
					cap = cap ? cap * 2 : 64;
					sentences = realloc(sentences, cap * sizeof(char *));
				}
				sentences[count] = malloc(len + 1);
				memcpy(sentences[count], start, len);
				sentences[count][len] = '\0';
				count++;
			}
			start = p + 1;
		}
	}
	accord_buf_dispose(&all);
	*out = sentences;
	*n = count;
}

static void free_sentences(char **sentences, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(sentences[i]);
	free(sentences);
}

/* One section of the Markdown document; its content depends only on its number. */
static void markdown_section(accord_buf *out, char **sentences, size_t n, unsigned section, int edited)
{
	unsigned p, s;
	assert_int_equal(accord_buf_printf(out, "## Part %u: %s\n\n", section, section % 2 ? "Principles" : "Actions"), 0);
	for (p = 0; p < 4; p++) {
		for (s = 0; s < 4; s++) {
			unsigned k = section * 100 + p * 10 + s;
			const char *sentence = sentences[(k * 7919u) % n];
			if (edited && k % 23 == 0)
				sentence = "In this respect, the Forum stresses the importance of capacity building.";
			if (edited && k % 31 == 0)
				continue; /* a sentence deleted */
			assert_int_equal(accord_buf_printf(out, "%s%s", s ? " " : "", sentence), 0);
		}
		assert_int_equal(accord_buf_puts(out, "\n\n"), 0);
	}
	for (p = 0; p < 3; p++) {
		if (edited && section == 5 && p == 1)
			continue; /* a list item deleted */
		assert_int_equal(accord_buf_printf(out, "- %s\n", sentences[((section * 10 + p) * 104729u) % n]), 0);
	}
	if (edited && section == 2)
		assert_int_equal(accord_buf_puts(out, "- a new item proposed for the list\n"), 0);
	assert_int_equal(accord_buf_puts(out, "\n"), 0);
}

/* A Markdown document of `sections` sections (about 500 words each); edited moves section 3 last. */
static void build_markdown(accord_buf *out, char **sentences, size_t n, unsigned sections, int edited)
{
	unsigned section;
	for (section = 1; section <= sections; section++)
		if (!(edited && section == 3))
			markdown_section(out, sentences, n, section, edited);
	if (edited)
		markdown_section(out, sentences, n, 3, edited);
}

static accord_doc *parse_markdown(const char *text)
{
	accord_doc *doc = NULL;
	accord_parse_options options = ACCORD_PARSE_OPTIONS_INIT;
	accord_error err;
	options.format = ACCORD_FORMAT_MARKDOWN;
	if (accord_doc_parse(&doc, text, strlen(text), &options, &err) != ACCORD_OK)
		fail_msg("cannot parse Markdown: %s", err.message);
	return doc;
}

static void test_amend__markdown_documents_with_real_edits_round_trip(void **state)
{
	char **sentences;
	size_t n, i;
	accord_buf a = ACCORD_BUF_INIT, b = ACCORD_BUF_INIT;
	accord_doc *base, *contrib;
	accord_amendment_list *list;
	int moved_section = 0, deleted = 0, added = 0;
	(void)state;
	seed_sentences(&sentences, &n);
	assert_true(n > 50);
	build_markdown(&a, sentences, n, 12, 0);
	build_markdown(&b, sentences, n, 12, 1);
	base = parse_markdown(a.ptr);
	contrib = parse_markdown(b.ptr);
	if (getenv("ACCORD_DUMP")) {
		FILE *f = fopen("/tmp/md_a.md", "w");
		fputs(a.ptr, f);
		fclose(f);
		f = fopen("/tmp/md_b.md", "w");
		fputs(b.ptr, f);
		fclose(f);
	}
	assert_true(accord_doc_section_count(base) > 8);
	list = check_round_trip(base, contrib, "MD");
	for (i = 0; i < accord_amendments_count(list); i++) {
		const accord_amendment *am = accord_amendments_get(list, i);
		moved_section += am->op == ACCORD_OP_MOVE_SECTION || am->op == ACCORD_OP_ADD_SECTION;
		deleted += am->op == ACCORD_OP_SUP;
		added += am->op == ACCORD_OP_ADD;
	}
	assert_true(moved_section > 0);
	assert_true(deleted > 0);
	assert_true(added > 0);
	/* Most of the text is unchanged: far fewer amendments than paragraphs. */
	assert_true(accord_amendments_count(list) < accord_doc_para_total(base));
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(contrib);
	accord_buf_dispose(&a);
	accord_buf_dispose(&b);
	free_sentences(sentences, n);
}

/* Plain text wrapped at 72 columns, as an Internet-Draft is; the edit re-wraps a paragraph. */
static void wrap(accord_buf *out, const char *text, unsigned width)
{
	unsigned col = 0;
	const char *p = text;
	while (*p) {
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (col && col + 1 + len > width) {
			assert_int_equal(accord_buf_putc(out, '\n'), 0);
			col = 0;
		} else if (col) {
			assert_int_equal(accord_buf_putc(out, ' '), 0);
			col++;
		}
		assert_int_equal(accord_buf_put(out, p, len), 0);
		col += (unsigned)len;
		p += len;
		while (*p == ' ')
			p++;
	}
}

static void test_amend__wrapped_plain_text_round_trips(void **state)
{
	char **sentences;
	size_t n, i;
	accord_buf a = ACCORD_BUF_INIT, b = ACCORD_BUF_INIT, para = ACCORD_BUF_INIT;
	accord_doc *base, *contrib;
	(void)state;
	seed_sentences(&sentences, &n);
	for (i = 0; i < 80; i++) {
		accord_buf_clear(&para);
		assert_int_equal(accord_buf_printf(&para, "%s %s %s", sentences[i % n], sentences[(i * 13 + 5) % n],
					 sentences[(i * 29 + 11) % n]),
			0);
		wrap(&a, para.ptr, 72);
		assert_int_equal(accord_buf_puts(&a, "\n\n"), 0);
		if (i == 10)
			continue; /* deleted */
		if (i % 9 == 4) /* edited, and re-wrapped narrower */
			assert_int_equal(accord_buf_puts(&para, " The Forum takes note of this."), 0);
		wrap(&b, para.ptr, i % 9 == 4 ? 60 : 72);
		assert_int_equal(accord_buf_puts(&b, "\n\n"), 0);
	}
	base = parse_string(a.ptr, 1);
	contrib = parse_string(b.ptr, 1);
	accord_amendments_free(check_round_trip(base, contrib, "ID"));
	accord_doc_free(base);
	accord_doc_free(contrib);
	accord_buf_dispose(&a);
	accord_buf_dispose(&b);
	accord_buf_dispose(&para);
	free_sentences(sentences, n);
}

/*
** The views of a list and the reader, each failing at every allocation in
** turn: ACCORD_ENOMEM each time, no leak, and once enough memory is there,
** the very output of a run that never failed.
*/
static void test_amend__views_and_reader_under_allocation_failure(void **state)
{
	accord_doc *base = load_seed(seed_files[0]), *usa = load_seed("contrib-USA.txt");
	accord_amendment_list *list = NULL, *reread = NULL;
	accord_buf want[4] = {ACCORD_BUF_INIT, ACCORD_BUF_INIT, ACCORD_BUF_INIT, ACCORD_BUF_INIT};
	accord_error err;
	long fail_at;
	int view;
	(void)state;
	assert_int_equal(accord_doc_diff(&list, base, usa, NULL, &err), 0);
	assert_int_equal(accord_amendments_render_json(&want[0], list, &err), 0);
	assert_int_equal(accord_amendments_render_yaml(&want[1], list, &err), 0);
	assert_int_equal(accord_amendments_render_text(&want[2], list, base, 0), 0);
	assert_int_equal(accord_amendments_render_text(&want[3], list, base, 1), 0);
	for (view = 0; view < 4; view++) {
		long n;
		for (n = 0;; n++) {
			accord_buf got = ACCORD_BUF_INIT;
			int rc;
			accord_alloc_fail_after(n);
			rc = view == 0 ? accord_amendments_render_json(&got, list, &err)
			   : view == 1 ? accord_amendments_render_yaml(&got, list, &err)
				       : accord_amendments_render_text(&got, list, base, view == 3);
			accord_alloc_fail_after(-1);
			if (rc == ACCORD_OK) {
				assert_int_equal(got.size, want[view].size);
				assert_memory_equal(got.ptr, want[view].ptr, got.size);
				accord_buf_dispose(&got);
				break;
			}
			assert_int_equal(rc, ACCORD_ENOMEM);
			accord_buf_dispose(&got);
		}
		assert_true(n > 0);
	}
	for (fail_at = 0;; fail_at++) {
		int rc;
		accord_alloc_fail_after(fail_at);
		rc = accord_amendments_parse_json(&reread, want[0].ptr, want[0].size, "x.json", &err);
		accord_alloc_fail_after(-1);
		if (rc == ACCORD_OK)
			break;
		assert_int_equal(rc, ACCORD_ENOMEM);
		assert_null(reread);
	}
	{
		accord_buf again = ACCORD_BUF_INIT;
		assert_int_equal(accord_amendments_render_json(&again, reread, &err), 0);
		assert_int_equal(again.size, want[0].size);
		assert_memory_equal(again.ptr, want[0].ptr, again.size);
		accord_buf_dispose(&again);
	}
	for (view = 0; view < 4; view++)
		accord_buf_dispose(&want[view]);
	accord_amendments_free(reread);
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(usa);
}

/* Asserts an out-of-memory failure: the code and a message that says so. */
static void assert_oom(int rc, const accord_error *err, const char *what, long n)
{
	if (rc != ACCORD_ENOMEM)
		fail_msg("%s, allocation %ld failing alone: code %d (%s)", what, n, rc, err->message);
	if (strstr(err->message, "out of memory") == NULL)
		fail_msg("%s, allocation %ld: message \"%s\"", what, n, err->message);
}

/*
** Each allocation of a diff, an apply, the views and the reader failing on
** its own (those after it succeed): every one is reported as out of
** memory, none is ignored, nothing leaks.
*/
#define EXTRA_F "The secretariat reports to the Council every year on the progress made."
#define EXTRA_G "Regional Internet registries allocate numbers in their regions of the world."
#define EXTRA_H "The technical community develops open standards through rough consensus."

static void each_allocation_alone(const accord_doc *base, const accord_doc *contrib)
{
	accord_doc *applied = NULL;
	accord_amendment_list *list = NULL, *reread = NULL;
	accord_buf json = ACCORD_BUF_INIT;
	accord_error err;
	long n, total;
	int rc;
	accord_alloc_fail_after(-1);
	assert_int_equal(accord_doc_diff(&list, base, contrib, NULL, &err), 0);
	total = accord_alloc_fail_after(-1);
	accord_amendments_free(list);
	for (n = 0; n < total; n++) {
		accord_alloc_fail_one(n);
		rc = accord_doc_diff(&list, base, contrib, NULL, &err);
		accord_alloc_fail_after(-1);
		assert_oom(rc, &err, "diff", n);
		assert_null(list);
	}
	assert_int_equal(accord_doc_diff(&list, base, contrib, NULL, &err), 0);
	assert_int_equal(accord_doc_clone(&applied, base), 0);
	accord_alloc_fail_after(-1);
	assert_int_equal(accord_amendments_apply(applied, list, &err), 0);
	total = accord_alloc_fail_after(-1);
	assert_true(accord_doc_equal(applied, contrib));
	accord_doc_free(applied);
	for (n = 0; n < total; n++) {
		assert_int_equal(accord_doc_clone(&applied, base), 0);
		accord_alloc_fail_one(n);
		rc = accord_amendments_apply(applied, list, &err);
		accord_alloc_fail_after(-1);
		assert_oom(rc, &err, "apply", n);
		accord_doc_free(applied);
	}
	accord_alloc_fail_after(-1);
	assert_int_equal(accord_amendments_render_json(&json, list, &err), 0);
	total = accord_alloc_fail_after(-1);
	for (n = 0; n < total; n++) {
		accord_buf out = ACCORD_BUF_INIT;
		accord_alloc_fail_one(n);
		rc = accord_amendments_render_json(&out, list, &err);
		accord_alloc_fail_after(-1);
		assert_oom(rc, &err, "render_json", n);
		accord_buf_dispose(&out);
	}
	accord_alloc_fail_after(-1);
	assert_int_equal(accord_amendments_parse_json(&reread, json.ptr, json.size, "x.json", &err), 0);
	total = accord_alloc_fail_after(-1);
	accord_amendments_free(reread);
	for (n = 0; n < total; n++) {
		accord_alloc_fail_one(n);
		rc = accord_amendments_parse_json(&reread, json.ptr, json.size, "x.json", &err);
		accord_alloc_fail_after(-1);
		assert_oom(rc, &err, "parse_json", n);
		assert_null(reread);
	}
	accord_buf_dispose(&json);
	accord_amendments_free(list);
}

/*
** Each allocation of a diff, an apply, the JSON view and its reader failing
** on its own (those after it succeed): every one is reported as out of
** memory, none is ignored, nothing leaks. On the two real contributions, a
** move, and sections added, moved and renamed.
*/
static void test_amend__each_allocation_failing_alone_is_reported(void **state)
{
	accord_doc *base = load_seed(seed_files[0]), *usa = load_seed("contrib-USA.txt"), *irn = load_seed("contrib-IRN.txt");
	accord_doc *moved_from = parse_string(PARA_A "\n\n" PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n\n" PARA_E "\n", 1);
	accord_doc *moved_to = parse_string(PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n\n" PARA_E "\n\n" PARA_A "\n", 1);
	accord_doc *sections_from = NULL, *sections_to = NULL;
	accord_parse_options options = ACCORD_PARSE_OPTIONS_INIT;
	static const char md_from[] = "# Alpha things\n\n" PARA_A "\n\n# Beta things\n\n" PARA_B "\n\n# Gamma\n\n" PARA_C "\n";
	static const char md_to[] = "# Beta things\n\n" PARA_B "\n\n# Alpha matters\n\n" PARA_A "\n\n# Delta\n\n" PARA_D "\n";
	accord_error err;
	(void)state;
	options.format = ACCORD_FORMAT_MARKDOWN;
	assert_int_equal(accord_doc_parse(&sections_from, md_from, strlen(md_from), &options, &err), 0);
	assert_int_equal(accord_doc_parse(&sections_to, md_to, strlen(md_to), &options, &err), 0);
	each_allocation_alone(base, usa);
	each_allocation_alone(base, irn);
	each_allocation_alone(moved_from, moved_to);
	{
		/* eight paragraphs, a full array: the move makes room first (an allocation of its own) */
		const char *eight = PARA_A "\n\n" PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n\n" PARA_E "\n\n" EXTRA_F
					   "\n\n" EXTRA_G "\n\n" EXTRA_H "\n";
		const char *eight_moved = PARA_B "\n\n" PARA_C "\n\n" PARA_D "\n\n" PARA_E "\n\n" EXTRA_F "\n\n" EXTRA_G
					 "\n\n" EXTRA_H "\n\n" PARA_A "\n";
		accord_doc *from = parse_string(eight, 1), *to = parse_string(eight_moved, 1);
		each_allocation_alone(from, to);
		accord_doc_free(from);
		accord_doc_free(to);
	}
	each_allocation_alone(sections_from, sections_to);
	accord_doc_free(base);
	accord_doc_free(usa);
	accord_doc_free(irn);
	accord_doc_free(moved_from);
	accord_doc_free(moved_to);
	accord_doc_free(sections_from);
	accord_doc_free(sections_to);
}

static void test_amend__allocation_failures_are_clean(void **state)
{
	accord_doc *base = load_seed(seed_files[0]), *usa = load_seed("contrib-USA.txt"), *applied = NULL;
	accord_amendment_list *list = NULL;
	accord_error err;
	long n;
	int rc;
	(void)state;
	for (n = 0;; n++) {
		accord_alloc_fail_after(n);
		rc = accord_doc_diff(&list, base, usa, NULL, &err);
		accord_alloc_fail_after(-1);
		if (rc == ACCORD_OK)
			break;
		assert_int_equal(rc, ACCORD_ENOMEM);
		assert_null(list);
	}
	for (n = 0;; n++) {
		assert_int_equal(accord_doc_clone(&applied, base), 0);
		accord_alloc_fail_after(n);
		rc = accord_amendments_apply(applied, list, &err);
		accord_alloc_fail_after(-1);
		if (rc == ACCORD_OK)
			break;
		assert_int_equal(rc, ACCORD_ENOMEM);
		accord_doc_free(applied);
	}
	assert_true(accord_doc_equal(applied, usa));
	accord_doc_free(applied);
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(usa);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amend__identical_texts_have_no_amendments),
		cmocka_unit_test(test_amend__texts_with_no_word_in_common_round_trip),
		cmocka_unit_test(test_amend__long_party_code_gives_whole_ids),
		cmocka_unit_test(test_amend__usa_new_noting_a_is_an_addition),
		cmocka_unit_test(test_amend__iran_unlabelled_item_is_added_after_noting_d),
		cmocka_unit_test(test_amend__every_seed_pair_round_trips),
		cmocka_unit_test(test_amend__the_better_of_two_candidates_is_the_match),
		cmocka_unit_test(test_amend__a_moved_paragraph_is_a_move),
		cmocka_unit_test(test_amend__ties_go_to_the_earlier_paragraph),
		cmocka_unit_test(test_amend__move_threshold_is_inclusive),
		cmocka_unit_test(test_amend__a_renamed_section_is_matched_by_its_paragraphs),
		cmocka_unit_test(test_amend__similarity_of_a_pair_does_not_depend_on_how_it_was_found),
		cmocka_unit_test(test_amend__of_two_near_copies_the_one_kept_is_matched),
		cmocka_unit_test(test_amend__a_paragraph_after_one_that_moved_moves_with_it),
		cmocka_unit_test(test_amend__a_closer_copy_further_on_is_the_match),
		cmocka_unit_test(test_amend__operation_names),
		cmocka_unit_test(test_amend__edit_is_reanchored_when_the_base_moves),
		cmocka_unit_test(test_amend__json_of_the_wrong_shape_is_refused),
		cmocka_unit_test(test_amend__only_required_fields_are_required),
		cmocka_unit_test(test_amend__apply_refuses_what_does_not_fit_the_text),
		cmocka_unit_test(test_amend__edits_that_overlap_in_the_text_conflict),
		cmocka_unit_test(test_amend__unknown_target_is_not_found),
		cmocka_unit_test(test_amend__unknown_meta_field_is_bad_input),
		cmocka_unit_test(test_amend__random_edit_scripts_on_the_seeds_round_trip),
		cmocka_unit_test(test_amend__random_edit_scripts_on_generic_text_round_trip),
		cmocka_unit_test(test_amend__markdown_documents_with_real_edits_round_trip),
		cmocka_unit_test(test_amend__wrapped_plain_text_round_trips),
		cmocka_unit_test(test_amend__allocation_failures_are_clean),
		cmocka_unit_test(test_amend__each_allocation_failing_alone_is_reported),
		cmocka_unit_test(test_amend__views_and_reader_under_allocation_failure),
		cmocka_unit_test(test_amend__streamed_json_is_the_json_in_pieces),
		cmocka_unit_test(test_amend__many_sections_match_as_few_do),
	};
	return cmocka_run_group_tests_name("amend", tests, NULL, NULL);
}
