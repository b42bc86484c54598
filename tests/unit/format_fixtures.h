/*
** format_fixtures.h: documents with hard strings and the checks that
** test_yaml and test_json run alike on their format (include after cmocka.h).
*/
#ifndef ACCORD_TEST_FORMAT_FIXTURES_H
#define ACCORD_TEST_FORMAT_FIXTURES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/sys/testing.h"
#include "accord/doc.h"
#include "accord/format.h"

/* Texts that a careless YAML or JSON writer gets wrong. */
static const char *const fixture_hard_texts[] = {
	"that the Forum: met in Geneva",
	"- looks like a list item",
	"# looks like a comment",
	"  two leading spaces",
	"two trailing spaces  ",
	"line one\nline two",
	"ends with a newline\n",
	"\n starts with a newline",
	"a\r\nWindows line",
	"“curly quotes” and ‘single ones’ and ITU’s",
	"10\xC2\xA0" "000 no-break spaces\xE2\x80\xAF; and « guillemets »",
	"التنمية المستدامة",
	"电信和信息通信技术",
	"Электросвязь/ИКТ",
	"null",
	"true",
	"no",
	"123",
	"1.5e3",
	"~",
	"'single' and \"double\" quotes",
	"",
	"tab\tinside",
	"@at `back %percent !bang &amp *star",
	"{brace} [bracket] ? question | pipe > greater",
	"key: value, other: value",
	"bell\x07 and escape\x1B",
	"line\xE2\x80\xA8separator and next\xC2\x85line",
	"\xEF\xBB\xBF" "byte order mark",
	"...",
	"---",
	"a very long paragraph that goes on and on well past any line width a YAML emitter might fold at, "
	"repeating itself so that the folding question really arises: the Forum recognizes, notes, invites "
	"and resolves, again and again, until the line is clearly longer than eighty columns",
};
#define FIXTURE_HARD_COUNT (sizeof(fixture_hard_texts) / sizeof(fixture_hard_texts[0]))

/* Labels as written, the empty one included (stored as "no label"). */
static const char *const fixture_labels[] = {"a)", "1.", "", "i)", "-", "(3)", "b.", "2", "*", "Ⅳ."};
#define FIXTURE_LABEL_COUNT (sizeof(fixture_labels) / sizeof(fixture_labels[0]))

/*
** A document using every part of the model, each hard text in a paragraph,
** with nesting three deep and some explicit, non-numeric ids. Returns NULL
** only when out of memory (for allocation-failure loops).
*/
static accord_doc *fixture_hard_doc(void)
{
	accord_doc *doc = NULL;
	accord_section *s1, *s2, *s3;
	accord_para *p = NULL, *child = NULL;
	size_t i;

	if (accord_doc_new(&doc, ACCORD_MODE_OPINION) != 0)
		return NULL;
	if (accord_doc_set_meta(doc, ACCORD_META_SYMBOL, "WTPF-IEG/2/10") != 0 ||
	    accord_doc_set_meta(doc, ACCORD_META_SOURCE, "I.R. of Iran: comments") != 0 ||
	    accord_doc_set_meta(doc, ACCORD_META_TITLE, "DRAFT OPINION 1: “Supporting” IXPs") != 0 ||
	    accord_doc_set_meta(doc, ACCORD_META_BODY, "The fifth World Telecommunication/ICT Policy Forum (Geneva, 2013),") != 0 ||
	    accord_doc_add_note(doc, "Comments of I.R. of Iran for") != 0 || accord_doc_add_note(doc, "") != 0 ||
	    accord_doc_add_note(doc, "- note: with colon") != 0)
		goto fail;
	if (accord_doc_add_section(&s1, doc, NULL, "recognizing", ACCORD_KIND_PREAMBULAR, NULL) != 0 ||
	    accord_doc_add_section(&s2, doc, "operative-1", "invites Member States: all of them", ACCORD_KIND_OPERATIVE,
		    "Member States: all of them") != 0 ||
	    accord_doc_add_section(&s3, doc, NULL, NULL, ACCORD_KIND_NONE, NULL) != 0)
		goto fail;
	for (i = 0; i < FIXTURE_HARD_COUNT; i++) {
		const char *label = fixture_labels[i % FIXTURE_LABEL_COUNT];
		accord_section *s = i % 3 == 0 ? s1 : i % 3 == 1 ? s2 : s3;
		if (i % 5 == 4 && child != NULL) {
			/* a grandchild */
			if (accord_doc_add_para(NULL, doc, accord_para_section(child), child, NULL, label, fixture_hard_texts[i]) != 0)
				goto fail;
		} else if (i % 5 == 3 && p != NULL) {
			if (accord_doc_add_para(&child, doc, accord_para_section(p), p, NULL, label, fixture_hard_texts[i]) != 0)
				goto fail;
		} else {
			char id[32];
			snprintf(id, sizeof(id), "para-%zu", i);
			if (accord_doc_add_para(&p, doc, s, NULL, i % 2 ? id : NULL, label, fixture_hard_texts[i]) != 0)
				goto fail;
		}
	}
	if (accord_doc_add_footnote(NULL, doc, "1", "First: a footnote\nwith a second paragraph.") != 0 ||
	    accord_doc_add_footnote(NULL, doc, "*", "“Starred” footnote") != 0 ||
	    accord_doc_add_footnote(NULL, doc, "12", "") != 0)
		goto fail;
	return doc;
fail:
	accord_doc_free(doc);
	return NULL;
}

/* Both documents have the same section and paragraph ids, in the same places. */
static int fixture_same_ids(const accord_doc *a, const accord_doc *b)
{
	const accord_para *p = NULL, *q = NULL;
	size_t i;
	if (accord_doc_section_count(a) != accord_doc_section_count(b))
		return 0;
	for (i = 0; i < accord_doc_section_count(a); i++)
		if (strcmp(accord_section_id(accord_doc_section(a, i)), accord_section_id(accord_doc_section(b, i))) != 0)
			return 0;
	for (;;) {
		p = accord_doc_next_para(a, p);
		q = accord_doc_next_para(b, q);
		if (p == NULL || q == NULL)
			return p == q;
		if (strcmp(accord_para_id(p), accord_para_id(q)) != 0)
			return 0;
	}
}


/* A document format under test: its writer, its reader and the name given to what it reads. */
typedef struct fixture_format {
	int (*render)(accord_buf *out, const accord_doc *doc, accord_error *err);
	int (*parse)(accord_doc **out, const char *data, size_t len, const accord_parse_options *opts,
		accord_error *err);
	accord_format format; /* the parse options' format */
	const char *name;     /* the parse options' name, expected in err->file: "test.yaml" */
} fixture_format;

/* Reads text (NUL-terminated) in format f under f's name; NULL with err filled on failure. */
static accord_doc *fixture_parse(const fixture_format *f, const char *text, accord_error *err)
{
	accord_doc *doc = NULL;
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	opts.format = f->format;
	opts.name = f->name;
	accord_error_clear(err);
	(void)f->parse(&doc, text, strlen(text), &opts, err);
	return doc;
}

/*
** The acceptance check: seed text -> format -> document -> text gives
** exactly the text that seed -> text gives, with every id in its place.
*/
static void fixture_check_seed_round_trips(const fixture_format *f)
{
	static const char *const seed_files[] = {
		"base-wtpf-ieg-2-10-opinion-1.txt",
		"contrib-IRN.txt",
		"contrib-USA.txt",
		"draft-role-of-government.txt",
		"draft-opinion-n3-multistakeholder.txt",
	};
	size_t i;
	for (i = 0; i < sizeof(seed_files) / sizeof(seed_files[0]); i++) {
		char path[512];
		accord_buf input = ACCORD_BUF_INIT, text = ACCORD_BUF_INIT, written = ACCORD_BUF_INIT, again = ACCORD_BUF_INIT;
		accord_doc *doc = NULL, *back = NULL;
		accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
		accord_error err;
		snprintf(path, sizeof(path), "%s/%s", ACCORD_SEEDS, seed_files[i]);
		assert_int_equal(accord_read_file(&input, path, &err), 0);
		opts.format = ACCORD_FORMAT_TEXT;
		opts.name = seed_files[i];
		assert_int_equal(accord_doc_parse_text(&doc, input.ptr, input.size, &opts, &err), 0);
		assert_true(accord_doc_section_count(doc) > 0);
		assert_int_equal(accord_doc_render_text(&text, doc), 0);
		assert_int_equal(f->render(&written, doc, &err), 0);
		back = fixture_parse(f, written.ptr, &err);
		if (back == NULL)
			fail_msg("%s: %s at %u:%u", seed_files[i], err.message, err.line, err.col);
		assert_true(accord_doc_equal(doc, back));
		assert_true(fixture_same_ids(doc, back));
		assert_int_equal(accord_doc_footnote_count(back), accord_doc_footnote_count(doc));
		assert_int_equal(accord_doc_render_text(&again, back), 0);
		assert_string_equal(text.ptr, again.ptr);
		accord_buf_dispose(&input);
		accord_buf_dispose(&text);
		accord_buf_dispose(&written);
		accord_buf_dispose(&again);
		accord_doc_free(doc);
		accord_doc_free(back);
	}
}

/* An input that must be refused, and how. */
typedef struct fixture_bad_case {
	const char *input;
	int code;
	unsigned line, col;
	const char *message; /* the whole message, exactly */
} fixture_bad_case;

/* Each case gives no document and its error code, position and message, with err->file set to f's name. */
static void fixture_check_refusals(const fixture_format *f, const fixture_bad_case *cases, size_t count)
{
	size_t i, failures = 0;
	for (i = 0; i < count; i++) {
		accord_error err;
		accord_doc *doc = fixture_parse(f, cases[i].input, &err);
		if (doc != NULL || err.code != cases[i].code || err.line != cases[i].line || err.col != cases[i].col ||
		    strcmp(err.message, cases[i].message) != 0)
			print_error("case %zu: got %s (%d) at %u:%u \"%s\", expected %d at %u:%u \"%s\"\n", i,
				doc ? "a document" : "an error", err.code, err.line, err.col, err.message, cases[i].code,
				cases[i].line, cases[i].col, cases[i].message),
				failures++;
		accord_doc_free(doc);
		if (doc == NULL)
			assert_string_equal(err.file, f->name);
	}
	assert_int_equal(failures, 0);
}

/*
** Cut and mangled copies of the hard document in format f (bytes from
** charset among the edits): every one gives a document or a clean error.
*/
static void fixture_check_mangled_inputs(const fixture_format *f, const char *charset)
{
	accord_doc *doc = fixture_hard_doc();
	accord_buf text = ACCORD_BUF_INIT;
	unsigned seed = 12345;
	size_t round, ok = 0, charset_len = strlen(charset);
	assert_non_null(doc);
	assert_int_equal(f->render(&text, doc, NULL), 0);
	for (round = 0; round < 3000; round++) {
		char *copy = malloc(text.size + 1);
		size_t len = text.size, k, edits;
		accord_doc *back = NULL;
		accord_error err;
		int rc;
		assert_non_null(copy);
		memcpy(copy, text.ptr, text.size + 1);
		seed = seed * 1103515245u + 12345u;
		edits = 1 + (seed >> 16) % 4;
		for (k = 0; k < edits && len > 0; k++) {
			size_t at;
			seed = seed * 1103515245u + 12345u;
			at = (seed >> 8) % len;
			switch ((seed >> 4) % 4) {
			case 0: copy[at] = charset[(seed >> 20) % charset_len]; break;
			case 1: len = at + 1; break; /* cut short */
			case 2: copy[at] = ' '; break;
			default: copy[at] = (char)('a' + (seed >> 20) % 26); break;
			}
		}
		accord_error_clear(&err);
		rc = f->parse(&back, copy, len, NULL, &err);
		if (rc == ACCORD_OK) {
			assert_non_null(back);
			ok++;
		} else {
			assert_null(back);
			assert_true(rc == ACCORD_EPARSE || rc == ACCORD_ESCHEMA || rc == ACCORD_EUTF8 ||
				rc == ACCORD_EVERSION || rc == ACCORD_EEMPTY);
			assert_int_equal(err.code, rc);
			assert_true(err.message[0] != '\0');
			if (rc == ACCORD_EPARSE || rc == ACCORD_ESCHEMA)
				assert_true(err.line > 0);
		}
		accord_doc_free(back);
		free(copy);
	}
	assert_true(ok > 0);
	accord_buf_dispose(&text);
	accord_doc_free(doc);
}

/*
** Writing and reading the hard document in format f with the Nth
** allocation failing, for every N until both succeed: a clean
** ACCORD_ENOMEM each time, then the same document.
*/
static void fixture_check_allocation_failures(const fixture_format *f)
{
	accord_doc *doc = fixture_hard_doc();
	accord_buf written = ACCORD_BUF_INIT;
	long n;
	int rc;
	assert_non_null(doc);
	for (n = 0;; n++) {
		accord_buf out = ACCORD_BUF_INIT;
		accord_alloc_fail_after(n);
		rc = f->render(&out, doc, NULL);
		accord_alloc_fail_after(-1);
		if (rc == ACCORD_OK) {
			written = out;
			break;
		}
		assert_int_equal(rc, ACCORD_ENOMEM);
		accord_buf_dispose(&out);
	}
	assert_true(n > 0);
	for (n = 0;; n++) {
		accord_doc *back = NULL;
		accord_error err;
		accord_alloc_fail_after(n);
		rc = f->parse(&back, written.ptr, written.size, NULL, &err);
		accord_alloc_fail_after(-1);
		if (rc == ACCORD_OK) {
			assert_true(accord_doc_equal(doc, back));
			accord_doc_free(back);
			break;
		}
		assert_int_equal(rc, ACCORD_ENOMEM);
		assert_int_equal(err.code, ACCORD_ENOMEM);
		assert_null(back);
	}
	assert_true(n > 0);
	accord_buf_dispose(&written);
	accord_doc_free(doc);
}

#endif
