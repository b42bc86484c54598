/* test_yaml.c: the YAML format: round trips, hard strings, strict reading with positions, limits, allocation failure. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/format.h"
#include "model/docschema_int.h"
#include "format_fixtures.h"

static const fixture_format yaml_format = {
	accord_doc_render_yaml, accord_doc_parse_yaml, ACCORD_FORMAT_YAML, "test.yaml"};

static accord_doc *parse_yaml(const char *yaml, accord_error *err)
{
	return fixture_parse(&yaml_format, yaml, err);
}

static void test_yaml__round_trip_keeps_text_and_ids(void **state)
{
	accord_doc *doc = fixture_hard_doc(), *back;
	accord_buf yaml = ACCORD_BUF_INIT, again = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_non_null(doc);
	assert_int_equal(accord_doc_render_yaml(&yaml, doc, &err), 0);
	back = parse_yaml(yaml.ptr, &err);
	if (back == NULL)
		fail_msg("%s at %u:%u in\n%s", err.message, err.line, err.col, yaml.ptr);
	assert_true(accord_doc_equal(doc, back));
	assert_true(fixture_same_ids(doc, back));
	assert_non_null(accord_doc_find_section(back, "operative-1"));
	assert_non_null(accord_doc_find_para(back, "para-1"));
	assert_string_equal(accord_doc_origin(back), "test.yaml");
	/* Writing what was read gives the same bytes: the output is stable. */
	assert_int_equal(accord_doc_render_yaml(&again, back, &err), 0);
	assert_string_equal(yaml.ptr, again.ptr);
	accord_buf_dispose(&yaml);
	accord_buf_dispose(&again);
	accord_doc_free(back);
	accord_doc_free(doc);
}

/* The acceptance check (format_fixtures.h): seed text -> YAML -> document -> text is unchanged. */
static void test_yaml__seed_text_round_trips_through_yaml(void **state)
{
	(void)state;
	fixture_check_seed_round_trips(&yaml_format);
}

static void test_yaml__every_hard_text_survives_alone(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < FIXTURE_HARD_COUNT; i++) {
		accord_doc *doc, *back;
		accord_section *s;
		accord_buf yaml = ACCORD_BUF_INIT;
		accord_error err;
		assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_GENERIC), 0);
		assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_TITLE, fixture_hard_texts[i][0] ? fixture_hard_texts[i] : "x"), 0);
		assert_int_equal(accord_doc_add_section(&s, doc, NULL, fixture_hard_texts[i][0] ? fixture_hard_texts[i] : NULL,
					 ACCORD_KIND_NONE, NULL),
			0);
		assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, fixture_hard_texts[i], fixture_hard_texts[i]), 0);
		assert_int_equal(accord_doc_add_note(doc, fixture_hard_texts[i]), 0);
		assert_int_equal(accord_doc_render_yaml(&yaml, doc, &err), 0);
		back = parse_yaml(yaml.ptr, &err);
		if (back == NULL || !accord_doc_equal(doc, back))
			fail_msg("text %zu does not survive: %s\n%s", i, back ? "differs" : err.message, yaml.ptr);
		accord_buf_dispose(&yaml);
		accord_doc_free(back);
		accord_doc_free(doc);
	}
}

static void test_yaml__output_is_plain_readable_yaml(void **state)
{
	accord_doc *doc;
	accord_section *s;
	accord_para *p;
	accord_buf yaml = ACCORD_BUF_INIT;
	(void)state;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_OPINION), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_BODY, "The Forum (Geneva, 2013),"), 0);
	assert_int_equal(accord_doc_add_section(&s, doc, NULL, "invites Member States", ACCORD_KIND_OPERATIVE, "Member States"), 0);
	assert_int_equal(accord_doc_add_para(&p, doc, s, NULL, NULL, "1.", "to act: now"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s, p, NULL, "a)", "null"), 0);
	assert_int_equal(accord_doc_add_footnote(NULL, doc, "1", "Two\nlines"), 0);
	assert_int_equal(accord_doc_render_yaml(&yaml, doc, NULL), 0);
	assert_string_equal(yaml.ptr,
		"accord: document/1\n"
		"mode: opinion\n"
		"body: The Forum (Geneva, 2013),\n"
		"sections:\n"
		"- id: s1\n"
		"  heading: invites Member States\n"
		"  kind: operative\n"
		"  addressee: Member States\n"
		"  paragraphs:\n"
		"  - id: p1\n"
		"    label: '1.'\n"
		"    text: 'to act: now'\n"
		"    children:\n"
		"    - id: p2\n"
		"      label: a)\n"
		"      text: 'null'\n"
		"footnotes:\n"
		"- number: '1'\n"
		"  text: |-\n"
		"    Two\n"
		"    lines\n");
	accord_buf_dispose(&yaml);
	accord_doc_free(doc);
}

/* Each string in the style a reader gives back as it is: line breaks other than LF in double
   quotes, LF in a literal block, what would read as null, a boolean or a number in single quotes. */
static void test_yaml__each_string_in_its_style(void **state)
{
	static const char *const notes[] = {"a\rb", "a\xC2\x85" "b", "a\xE2\x80\xA8" "b", "a\xE2\x80\xA9" "b", "a\nb",
		"true", "12", "~", "", "plain text", "- dash", "a: b", "#x", "yes", "1.5e3", "0x1F", "null ", " lead"};
	accord_doc *doc, *back;
	accord_buf yaml = ACCORD_BUF_INIT;
	accord_error err;
	size_t i;
	(void)state;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_GENERIC), 0);
	for (i = 0; i < sizeof(notes) / sizeof(notes[0]); i++)
		assert_int_equal(accord_doc_add_note(doc, notes[i]), 0);
	assert_int_equal(accord_doc_render_yaml(&yaml, doc, &err), 0);
	assert_string_equal(yaml.ptr, "accord: document/1\n"
				      "mode: generic\n"
				      "notes:\n"
				      "- \"a\\rb\"\n"
				      "- \"a\\Nb\"\n"
				      "- \"a\\Lb\"\n"
				      "- \"a\\Pb\"\n"
				      "- |-\n"
				      "  a\n"
				      "  b\n"
				      "- 'true'\n"
				      "- '12'\n"
				      "- '~'\n"
				      "- ''\n"
				      "- plain text\n"
				      "- '- dash'\n"
				      "- 'a: b'\n"
				      "- '#x'\n"
				      "- 'yes'\n"
				      "- '1.5e3'\n"
				      "- '0x1F'\n"
				      "- 'null '\n"
				      "- ' lead'\n"
				      "sections: []\n");
	back = parse_yaml(yaml.ptr, &err);
	assert_non_null(back);
	assert_true(accord_doc_equal(doc, back));
	accord_doc_free(back);
	accord_doc_free(doc);
	accord_buf_dispose(&yaml);
}

/* How a plain YAML scalar reads (and so which strings are quoted on output): every word of
   YAML 1.2 and 1.1 that is null, a boolean or a special number; numbers in every notation. */
static void test_yaml__plain_scalars_resolve(void **state)
{
	static const struct {
		const char *text;
		ds_type type;
	} cases[] = {
		{"", DS_NULL}, {"~", DS_NULL}, {"null", DS_NULL}, {"Null", DS_NULL}, {"NULL", DS_NULL},
		{"true", DS_BOOL}, {"True", DS_BOOL}, {"TRUE", DS_BOOL}, {"false", DS_BOOL}, {"False", DS_BOOL},
		{"FALSE", DS_BOOL}, {"y", DS_BOOL}, {"Y", DS_BOOL}, {"yes", DS_BOOL}, {"Yes", DS_BOOL}, {"YES", DS_BOOL},
		{"n", DS_BOOL}, {"N", DS_BOOL}, {"no", DS_BOOL}, {"No", DS_BOOL}, {"NO", DS_BOOL}, {"on", DS_BOOL},
		{"On", DS_BOOL}, {"ON", DS_BOOL}, {"off", DS_BOOL}, {"Off", DS_BOOL}, {"OFF", DS_BOOL},
		{".inf", DS_NUMBER}, {".Inf", DS_NUMBER}, {".INF", DS_NUMBER}, {"+.inf", DS_NUMBER}, {"+.Inf", DS_NUMBER},
		{"+.INF", DS_NUMBER}, {"-.inf", DS_NUMBER}, {"-.Inf", DS_NUMBER}, {"-.INF", DS_NUMBER},
		{".nan", DS_NUMBER}, {".NaN", DS_NUMBER}, {".NAN", DS_NUMBER},
		{"0", DS_NUMBER}, {"12", DS_NUMBER}, {"+1", DS_NUMBER}, {"-7", DS_NUMBER}, {".5", DS_NUMBER},
		{"-.5", DS_NUMBER}, {"1.5e3", DS_NUMBER}, {"1e+5", DS_NUMBER}, {"1E-5", DS_NUMBER}, {"0x1F", DS_NUMBER},
		{"0o17", DS_NUMBER}, {"0b101", DS_NUMBER}, {"1_000", DS_NUMBER}, {"1:30", DS_NUMBER}, {"0X1f", DS_NUMBER},
		{"0O7", DS_NUMBER}, {"9", DS_NUMBER},
		{"nul", DS_STRING}, {"nulls", DS_STRING}, {"tRUE", DS_STRING}, {"yess", DS_STRING}, {"inf", DS_STRING},
		{"+", DS_STRING}, {"-", DS_STRING}, {".", DS_STRING}, {"+.", DS_STRING}, {"-x", DS_STRING},
		{"+a", DS_STRING}, {"..5", DS_STRING}, {"1 2", DS_STRING}, {"1z", DS_STRING}, {"1g", DS_STRING},
		{"a1", DS_STRING}, {"/", DS_STRING}, {"1,5", DS_STRING}, {":1", DS_STRING}, {"1.5.", DS_NUMBER},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (ds_resolve_plain(cases[i].text, strlen(cases[i].text)) != cases[i].type)
			fail_msg("'%s' reads as %d, not %d", cases[i].text, (int)ds_resolve_plain(cases[i].text, strlen(cases[i].text)),
				(int)cases[i].type);
	/* the length counts, not a NUL */
	assert_int_equal(ds_resolve_plain("12", 1), DS_NUMBER);
	assert_int_equal(ds_resolve_plain("1\0" "2", 3), DS_STRING);
	assert_int_equal(ds_resolve_plain("nullx", 4), DS_NULL);
}

/* Every key the YAML writer knows, in its order; an unlabelled child, a section with neither
   heading nor paragraphs; warnings are not written. Exactly. */
static void test_yaml__every_key_in_order(void **state)
{
	accord_doc *doc, *back;
	accord_section *s, *s2;
	accord_para *p;
	accord_buf yaml = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_OPINION), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_SYMBOL, "WTPF-IEG/2/10"), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_SOURCE, "United States"), 0);
	assert_int_equal(accord_doc_add_note(doc, "Note one"), 0);
	assert_int_equal(accord_doc_add_note(doc, "Note: two"), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_TITLE, "OPINION (1)"), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_BODY, "The Forum,"), 0);
	assert_int_equal(accord_doc_add_section(&s, doc, NULL, "recognizing", ACCORD_KIND_PREAMBULAR, NULL), 0);
	assert_int_equal(accord_doc_add_para(&p, doc, s, NULL, NULL, "a)", "that one:"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s, p, NULL, NULL, "child"), 0);
	assert_int_equal(accord_doc_add_section(&s2, doc, NULL, NULL, ACCORD_KIND_NONE, NULL), 0);
	assert_int_equal(accord_doc_add_warning(doc, 2, 5, "w"), 0);
	assert_int_equal(accord_doc_render_yaml(&yaml, doc, &err), 0);
	assert_string_equal(yaml.ptr, "accord: document/1\n"
				      "mode: opinion\n"
				      "symbol: WTPF-IEG/2/10\n"
				      "source: United States\n"
				      "notes:\n"
				      "- Note one\n"
				      "- 'Note: two'\n"
				      "title: OPINION (1)\n"
				      "body: The Forum,\n"
				      "sections:\n"
				      "- id: s1\n"
				      "  heading: recognizing\n"
				      "  kind: preambular\n"
				      "  paragraphs:\n"
				      "  - id: p1\n"
				      "    label: a)\n"
				      "    text: 'that one:'\n"
				      "    children:\n"
				      "    - id: p2\n"
				      "      text: child\n"
				      "- id: s2\n"
				      "  kind: none\n"
				      "  paragraphs: []\n");
	back = parse_yaml(yaml.ptr, &err);
	assert_non_null(back);
	assert_true(accord_doc_equal(doc, back));
	assert_int_equal(accord_doc_warning_count(back), 0);
	accord_doc_free(back);
	accord_doc_free(doc);
	accord_buf_dispose(&yaml);
}

static void test_yaml__hand_written_yaml_is_read(void **state)
{
	/* Plain numbers as labels and footnote numbers, no ids, no kinds, flow style, comments. */
	static const char yaml[] =
		"# a hand-written opinion\n"
		"accord: document/1\n"
		"mode: opinion\n"
		"title: OPINION 1\n"
		"sections:\n"
		"  - heading: recognizing\n"
		"    kind: preambular\n"
		"    paragraphs:\n"
		"      - {label: a), text: that one;}\n"
		"      - id: p1\n"
		"        label: 1.\n"
		"        text: \"that two:\"\n"
		"        children:\n"
		"          - text: child\n"
		"  - paragraphs: [{text: plain}]\n"
		"footnotes:\n"
		"  - number: 1\n"
		"    text: A note.\n";
	accord_error err;
	accord_doc *doc = parse_yaml(yaml, &err);
	accord_section *s;
	accord_para *p;
	(void)state;
	if (doc == NULL)
		fail_msg("%s at %u:%u", err.message, err.line, err.col);
	assert_int_equal(accord_doc_section_count(doc), 2);
	s = accord_doc_section(doc, 0);
	assert_string_equal(accord_section_id(s), "s1");
	assert_int_equal(accord_section_kind_of(s), ACCORD_KIND_PREAMBULAR);
	assert_int_equal(accord_section_line(s), 6);
	p = accord_section_para(s, 0);
	/* p1 is taken by an explicit id further down: fresh ids come after it. */
	assert_string_equal(accord_para_id(p), "p2");
	assert_string_equal(accord_para_label(p), "a)");
	p = accord_section_para(s, 1);
	assert_string_equal(accord_para_id(p), "p1");
	assert_string_equal(accord_para_label(p), "1.");
	assert_string_equal(accord_para_text(accord_para_child(p, 0)), "child");
	assert_string_equal(accord_para_id(accord_para_child(p, 0)), "p3");
	assert_int_equal(accord_section_kind_of(accord_doc_section(doc, 1)), ACCORD_KIND_NONE);
	assert_null(accord_section_heading(accord_doc_section(doc, 1)));
	assert_string_equal(accord_footnote_number(accord_doc_footnote(doc, 0)), "1");
	assert_string_equal(accord_para_id(accord_section_para(accord_doc_section(doc, 1), 0)), "p4");
	/* A paragraph added later gets a fresh id too. */
	assert_int_equal(accord_doc_add_para(&p, doc, s, NULL, NULL, NULL, "new"), 0);
	assert_string_equal(accord_para_id(p), "p5");
	accord_doc_free(doc);
}

/* The limits themselves are accepted: a 64-character id, a line of 9 digits, a plain number or
** boolean where a string goes (as written). */
static void test_yaml__values_at_the_limits_are_read(void **state)
{
	static const char yaml[] =
		"accord: document/1\n"
		"mode: opinion\n"
		"symbol: 12\n"
		"source: yes\n"
		"sections:\n"
		"  - id: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
		"    paragraphs:\n"
		"      - {id: \"a~b\", label: 1.5, text: 007}\n"
		"footnotes:\n"
		"  - {number: 12, text: x}\n"
		"warnings:\n"
		"  - {line: 999999999, col: 0, message: m}\n";
	accord_error err;
	accord_doc *doc = parse_yaml(yaml, &err);
	accord_section *s;
	accord_para *p;
	(void)state;
	if (doc == NULL)
		fail_msg("%s at %u:%u", err.message, err.line, err.col);
	assert_string_equal(accord_doc_meta(doc, ACCORD_META_SYMBOL), "12");
	assert_string_equal(accord_doc_meta(doc, ACCORD_META_SOURCE), "yes");
	s = accord_doc_section(doc, 0);
	assert_string_equal(accord_section_id(s), "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	p = accord_section_para(s, 0);
	assert_string_equal(accord_para_id(p), "a~b");
	assert_string_equal(accord_para_label(p), "1.5");
	assert_string_equal(accord_para_text(p), "007");
	assert_string_equal(accord_footnote_number(accord_doc_footnote(doc, 0)), "12");
	accord_doc_free(doc);
}

#define HEAD "accord: document/1\nmode: opinion\n"

static void test_yaml__wrong_shapes_are_refused_with_positions(void **state)
{
	static const fixture_bad_case cases[] = {
		{"just a scalar\n", ACCORD_ESCHEMA, 1, 1,
			"the top level must be a mapping ('accord: document/1', mode, sections ...), not a string"},
		{"- a\n- b\n", ACCORD_ESCHEMA, 1, 1,
			"the top level must be a mapping ('accord: document/1', mode, sections ...), not a list"},
		{"mode: opinion\nsections: []\n", ACCORD_ESCHEMA, 1, 1,
			"not an accord document: the key 'accord: document/1' is missing"},
		{"accord: document/2\nmode: opinion\nnew_key: 1\n", ACCORD_EVERSION, 1, 9,
			"accord: 'document/2' is newer than this accord reads (document/1)"},
		{"accord: document/0\nmode: opinion\n", ACCORD_ESCHEMA, 1, 9,
			"accord: unknown format tag 'document/0' (expected 'document/1')"},
		{"accord: something-else\n", ACCORD_ESCHEMA, 1, 9,
			"accord: unknown format tag 'something-else' (expected 'document/1')"},
		{"accord: [document/1]\n", ACCORD_ESCHEMA, 1, 9,
			"accord: 'accord' must be a string such as 'document/1', not a list"},
		{HEAD "colour: red\n", ACCORD_ESCHEMA, 3, 1,
			"colour: unknown key 'colour' in a document (known: accord, mode, symbol, source, notes, "
			"title, body, sections, footnotes, warnings)"},
		{HEAD "mode: generic\n", ACCORD_ESCHEMA, 3, 1, "mode: key 'mode' given twice"},
		{"accord: document/1\nmode: poem\n", ACCORD_ESCHEMA, 2, 7,
			"mode: unknown mode 'poem' (opinion or generic)"},
		{"accord: document/1\n", ACCORD_ESCHEMA, 1, 1, "missing 'mode' (a string)"},
		{HEAD "title: [a, b]\n", ACCORD_ESCHEMA, 3, 8, "title: 'title' must be a string, not a list"},
		{HEAD "sections: {a: 1}\n", ACCORD_ESCHEMA, 3, 11,
			"sections: 'sections' must be a list, not a mapping"},
		{HEAD "notes: [ok, {a: 1}]\n", ACCORD_ESCHEMA, 3, 13,
			"notes[1]: a note must be a string, not a mapping"},
		{HEAD "notes: [«a», {a: 1}]\n", ACCORD_ESCHEMA, 3, 14, /* columns count characters */
			"notes[1]: a note must be a string, not a mapping"},
		{HEAD "sections:\n  - heading: recognizing\n    kind: foo\n", ACCORD_ESCHEMA, 5, 11,
			"sections[0].kind: unknown kind 'foo' (preambular, operative or none)"},
		{HEAD "sections:\n  - heading: recognizing\n    paragraphs:\n      - label: a)\n", ACCORD_ESCHEMA, 6, 9,
			"sections[0].paragraphs[0]: missing 'text' (a string)"},
		{HEAD "sections:\n  - paragraphs:\n      - text: ~\n", ACCORD_ESCHEMA, 5, 15,
			"sections[0].paragraphs[0].text: missing 'text' (a string)"},
		{HEAD "sections:\n  - paragraphs:\n      - text: ok\n        colour: red\n", ACCORD_ESCHEMA, 6, 9,
			"sections[0].paragraphs[0].colour: unknown key 'colour' in a paragraph (known: id, "
			"label, text, children)"},
		{HEAD "sections:\n  - paragraphs: [just text]\n", ACCORD_ESCHEMA, 4, 18,
			"sections[0].paragraphs[0]: a paragraph must be a mapping (id, label, text, children), "
			"not a string"},
		{HEAD "sections:\n  - paragraphs:\n      - text: ok\n        children: yes\n", ACCORD_ESCHEMA, 6, 19,
			"sections[0].paragraphs[0].children: 'children' must be a list, not a boolean"},
		{HEAD "sections:\n  - paragraphs:\n      - {id: p1, text: a}\n      - {id: p1, text: b}\n", ACCORD_ESCHEMA, 6,
			14, "sections[0].paragraphs[1].id: duplicate paragraph id 'p1' (first at line 5)"},
		{HEAD "sections:\n  - {id: s1}\n  - {id: s1}\n", ACCORD_ESCHEMA, 5, 10,
			"sections[1].id: duplicate section id 's1' (first at line 4)"},
		{HEAD "sections:\n  - paragraphs:\n      - {id: p1, text: a, children: [{id: p1, text: b}]}\n",
			ACCORD_ESCHEMA, 5, 43,
			"sections[0].paragraphs[0].children[0].id: duplicate paragraph id 'p1' (first at line 5)"},
		{HEAD "sections:\n  - {id: \"\"}\n", ACCORD_ESCHEMA, 4, 10,
			"sections[0].id: an id must have 1 to 64 characters"},
		{HEAD "sections:\n  - {id: a b}\n", ACCORD_ESCHEMA, 4, 10,
			"sections[0].id: an id must not hold spaces or control characters"},
		{HEAD "sections:\n  - {kind: [operative]}\n", ACCORD_ESCHEMA, 4, 12,
			"sections[0].kind: 'kind' must be a string, not a list"},
		{HEAD "footnotes:\n  - text: x\n", ACCORD_ESCHEMA, 4, 5,
			"footnotes[0]: missing 'number' (a string or an integer)"},
		{HEAD "footnotes:\n  - {number: 1, text: x}\n  - {number: '1', text: y}\n", ACCORD_ESCHEMA, 5, 14,
			"footnotes[1].number: duplicate footnote number '1'"},
		{HEAD "footnotes:\n  - {number: [1], text: x}\n", ACCORD_ESCHEMA, 4, 14,
			"footnotes[0].number: 'number' must be a string or an integer, not a list"},
		{HEAD "footnotes: [note]\n", ACCORD_ESCHEMA, 3, 13,
			"footnotes[0]: a footnote must be a mapping (number, text), not a string"},
		{HEAD "warnings: 3\n", ACCORD_ESCHEMA, 3, 11, "warnings: 'warnings' must be a list, not a number"},
		/* every field of the schema, each of the wrong type */
		{"accord: document/1\nmode: [opinion]\n", ACCORD_ESCHEMA, 2, 7,
			"mode: 'mode' must be a string, not a list"},
		{"accord: document/1\nmode: ~\n", ACCORD_ESCHEMA, 2, 7,
			"mode: missing 'mode' (a string)"},
		{HEAD "symbol: [a]\n", ACCORD_ESCHEMA, 3, 9,
			"symbol: 'symbol' must be a string, not a list"},
		{HEAD "source: {a: b}\n", ACCORD_ESCHEMA, 3, 9,
			"source: 'source' must be a string, not a mapping"},
		{HEAD "body: [a]\n", ACCORD_ESCHEMA, 3, 7,
			"body: 'body' must be a string, not a list"},
		{HEAD "notes: a note\n", ACCORD_ESCHEMA, 3, 8,
			"notes: 'notes' must be a list, not a string"},
		{HEAD "footnotes: {number: 1}\n", ACCORD_ESCHEMA, 3, 12,
			"footnotes: 'footnotes' must be a list, not a mapping"},
		{HEAD "sections: [recognizing]\n", ACCORD_ESCHEMA, 3, 12,
			"sections[0]: a section must be a mapping (id, heading, kind, addressee, paragraphs), not a string"},
		{HEAD "sections:\n  - {heading: [a]}\n", ACCORD_ESCHEMA, 4, 15,
			"sections[0].heading: 'heading' must be a string, not a list"},
		{HEAD "sections:\n  - {addressee: {a: b}}\n", ACCORD_ESCHEMA, 4, 17,
			"sections[0].addressee: 'addressee' must be a string, not a mapping"},
		{HEAD "sections:\n  - {colour: red}\n", ACCORD_ESCHEMA, 4, 6,
			"sections[0].colour: unknown key 'colour' in a section (known: id, heading, kind, addressee, paragraphs)"},
		{HEAD "sections:\n  - {heading: a, heading: b}\n", ACCORD_ESCHEMA, 4, 18,
			"sections[0].heading: key 'heading' given twice"},
		{HEAD "sections:\n  - {id: [s1]}\n", ACCORD_ESCHEMA, 4, 10,
			"sections[0].id: 'id' must be a string, not a list"},
		{HEAD "sections:\n  - {id: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}\n", ACCORD_ESCHEMA, 4, 10,
			"sections[0].id: an id must have 1 to 64 characters"},
		{HEAD "sections:\n  - {id: \"a\\x7fb\"}\n", ACCORD_ESCHEMA, 4, 10,
			"sections[0].id: an id must not hold spaces or control characters"},
		{HEAD "sections:\n  - paragraphs: [{text: a, label: {a: b}}]\n", ACCORD_ESCHEMA, 4, 35,
			"sections[0].paragraphs[0].label: 'label' must be a string, not a mapping"},
		{HEAD "sections:\n  - paragraphs: [{text: [a]}]\n", ACCORD_ESCHEMA, 4, 25,
			"sections[0].paragraphs[0].text: 'text' must be a string, not a list"},
		{HEAD "sections:\n  - paragraphs: [{text: a, id: \"\"}]\n", ACCORD_ESCHEMA, 4, 32,
			"sections[0].paragraphs[0].id: an id must have 1 to 64 characters"},
		{HEAD "footnotes:\n  - {number: 1}\n", ACCORD_ESCHEMA, 4, 5,
			"footnotes[0]: missing 'text' (a string)"},
		{HEAD "footnotes:\n  - {number: 1, text: x, colour: red}\n", ACCORD_ESCHEMA, 4, 26,
			"footnotes[0].colour: unknown key 'colour' in a footnote (known: number, text)"},
		{HEAD "footnotes:\n  - {number: \"\", text: x}\n", ACCORD_ESCHEMA, 4, 14,
			"footnotes[0].number: a footnote number must be one non-empty line"},
		{HEAD "footnotes:\n  - {number: \"1\\n2\", text: x}\n", ACCORD_ESCHEMA, 4, 14,
			"footnotes[0].number: a footnote number must be one non-empty line"},
		{HEAD "footnotes:\n  - {number: true, text: x}\n  - {number: \"true\", text: y}\n", ACCORD_ESCHEMA, 5, 14,
			"footnotes[1].number: duplicate footnote number 'true'"},
		{HEAD "warnings: [{line: x, message: m}]\n", ACCORD_ESCHEMA, 3, 19,
			"warnings[0].line: 'line' must be a whole number, not a string"},
		{HEAD "warnings: [{line: 1, col: 1.5, message: m}]\n", ACCORD_ESCHEMA, 3, 27,
			"warnings[0].col: 'col' must be a whole number from 0 to 999999999, not 1.5"},
		{HEAD "warnings: [{line: 1234567890, message: m}]\n", ACCORD_ESCHEMA, 3, 19,
			"warnings[0].line: 'line' must be a whole number from 0 to 999999999, not 1234567890"},
		{HEAD "warnings: [{line: 1, message: [m]}]\n", ACCORD_ESCHEMA, 3, 31,
			"warnings[0].message: 'message' must be a string, not a list"},
		{HEAD "warnings: [{line: 1, message: m, colour: red}]\n", ACCORD_ESCHEMA, 3, 34,
			"warnings[0].colour: unknown key 'colour' in a warning (known: line, col, message)"},
		{HEAD "title: &t Title\nbody: *t\n", ACCORD_ESCHEMA, 4, 7, "aliases (*name) are not supported"},
		{HEAD "title: !!python/object:os.system x\n", ACCORD_ESCHEMA, 3, 8,
			"unsupported tag (only strings, lists and mappings)"},
		{HEAD "title: \"a\\0b\"\n", ACCORD_ESCHEMA, 3, 8, "a string holds a NUL character"},
		{HEAD "? [complex, key]\n: value\n", ACCORD_ESCHEMA, 3, 3, "a mapping key must be a plain string"},
		{HEAD "---\naccord: document/1\n", ACCORD_ESCHEMA, 3, 1,
			"more than one YAML document (one accord document per file)"},
		{HEAD "title: [unclosed\n", ACCORD_EPARSE, 4, 1,
			"did not find expected ',' or ']' while parsing a flow sequence"},
		{HEAD "title: \"unclosed\n", ACCORD_EPARSE, 4, 1,
			"found unexpected end of stream while scanning a quoted scalar"},
		{HEAD "  bad: indent\n", ACCORD_EPARSE, 3, 6, "mapping values are not allowed in this context"},
		{HEAD "title: a\tb: c\n", ACCORD_EPARSE, 3, 11, "mapping values are not allowed in this context"},
		{"# only a comment\n", ACCORD_EEMPTY, 0, 0, "the input holds no YAML document"},
		{" \n\t\n", ACCORD_EEMPTY, 0, 0, "the input is empty"},
	};
	(void)state;
	fixture_check_refusals(&yaml_format, cases, sizeof(cases) / sizeof(cases[0]));
}

/* A refusal deep in nested paragraphs names its path in full, or its innermost part after "..."
   when the whole would not fit: never the outer part without the key at fault. */
static void test_yaml__deep_paths_keep_their_innermost_part(void **state)
{
	accord_buf yaml = ACCORD_BUF_INIT, want = ACCORD_BUF_INIT;
	accord_doc *doc;
	accord_error err;
	int i, depth;
	(void)state;
	for (depth = 5; depth <= 40; depth += 35) {
		accord_buf_clear(&yaml);
		accord_buf_clear(&want);
		assert_int_equal(accord_buf_puts(&yaml, "accord: document/1\nmode: opinion\nsections:\n- paragraphs:\n  - text: top\n"), 0);
		for (i = 0; i < depth; i++)
			assert_int_equal(accord_buf_printf(&yaml, "%*schildren:\n%*s- text: t%d\n", 4 + 2 * i, "", 4 + 2 * i, "", i), 0);
		assert_int_equal(accord_buf_printf(&yaml, "%*scolour: red\n", 4 + 2 * depth, ""), 0);
		doc = parse_yaml(yaml.ptr, &err);
		assert_null(doc);
		assert_int_equal(err.line, 5 + 2 * depth + 1);
		assert_int_equal(err.col, 4 + 2 * depth + 1);
		if (depth == 5) {
			assert_int_equal(accord_buf_puts(&want, "sections[0].paragraphs[0]"), 0);
			for (i = 0; i < depth; i++)
				assert_int_equal(accord_buf_puts(&want, ".children[0]"), 0);
		} else {
			assert_int_equal(accord_buf_puts(&want, "...[0]"), 0); /* 196 characters of path at most */
			for (i = 0; i < 15; i++)
				assert_int_equal(accord_buf_puts(&want, ".children[0]"), 0);
		}
		assert_int_equal(accord_buf_puts(&want, ".colour: unknown key 'colour' in a paragraph (known: id, label, text, children)"), 0);
		assert_string_equal(err.message, want.ptr);
	}
	accord_buf_dispose(&yaml);
	accord_buf_dispose(&want);
}

/* Nesting: 256 levels are read (the lists in notes are then refused for what they are), 257 are
   too deep, at the bracket that goes past, in the words of the JSON reader. */
static void test_yaml__nesting_limit_exactly(void **state)
{
	accord_buf in = ACCORD_BUF_INIT;
	accord_error err;
	size_t levels, i;
	(void)state;
	for (levels = 255; levels <= 256; levels++) {
		accord_buf_clear(&in);
		assert_int_equal(accord_buf_puts(&in, "accord: document/1\nmode: generic\nnotes: "), 0);
		for (i = 0; i < 2 * levels; i++)
			assert_int_equal(accord_buf_putc(&in, i < levels ? '[' : ']'), 0);
		assert_int_equal(accord_buf_putc(&in, '\n'), 0);
		assert_null(parse_yaml(in.ptr, &err));
		assert_int_equal(err.code, ACCORD_ESCHEMA);
		assert_int_equal(err.line, 3);
		assert_string_equal(err.message, levels == 255 ? "notes[0]: a note must be a string, not a list"
							       : "nested too deeply (more than 256 levels)");
		assert_int_equal(err.col, levels == 255 ? 9 : 263);
	}
	accord_buf_dispose(&in);
}

static void test_yaml__invalid_utf8_is_refused_with_offset(void **state)
{
	static const char yaml[] = "accord: document/1\nmode: opinion\ntitle: caf\xC3\n";
	accord_doc *doc = NULL;
	accord_error err;
	(void)state;
	accord_error_clear(&err);
	assert_int_equal(accord_doc_parse_yaml(&doc, yaml, sizeof(yaml) - 1, NULL, &err), ACCORD_EUTF8);
	assert_null(doc);
	assert_int_equal(err.offset, 43);
	assert_int_equal(err.line, 3);
}

/* Inputs meant to hurt: no crash, no hang, a clean error. */
static void test_yaml__hostile_inputs_fail_cleanly(void **state)
{
	accord_buf yaml = ACCORD_BUF_INIT;
	accord_error err;
	accord_doc *doc;
	size_t i;
	(void)state;
	/* Deep flow nesting. */
	assert_int_equal(accord_buf_puts(&yaml, HEAD "title: "), 0);
	for (i = 0; i < 100000; i++)
		assert_int_equal(accord_buf_putc(&yaml, '['), 0);
	doc = parse_yaml(yaml.ptr, &err);
	assert_null(doc);
	assert_true(err.code == ACCORD_ESCHEMA || err.code == ACCORD_EPARSE);
	/* Deep paragraph nesting in block style. */
	accord_buf_clear(&yaml);
	assert_int_equal(accord_buf_puts(&yaml, HEAD "sections:\n- paragraphs:\n"), 0);
	for (i = 0; i < 400; i++)
		assert_int_equal(accord_buf_printf(&yaml, "%*s- text: level %zu\n%*s  children:\n", (int)(i * 2), "", i,
					 (int)(i * 2), ""),
			0);
	doc = parse_yaml(yaml.ptr, &err);
	assert_null(doc);
	assert_int_equal(err.code, ACCORD_ESCHEMA);
	assert_non_null(strstr(err.message, "nested too deeply"));
	assert_true(err.line > 100);
	/* A billion laughs. */
	doc = parse_yaml("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
			 "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
		&err);
	assert_null(doc);
	assert_int_equal(err.code, ACCORD_ESCHEMA);
	/* Binary junk and a NUL byte in the middle. */
	{
		static const char junk[] = "accord: document/1\nmode: opinion\x00\x01\x02";
		assert_int_equal(accord_doc_parse_yaml(&doc, junk, sizeof(junk) - 1, NULL, &err), ACCORD_EPARSE);
		assert_null(doc);
	}
	accord_buf_dispose(&yaml);
}

/* Cut and mangled copies of a real file: every one gives a document or a clean error. */
static void test_yaml__mangled_inputs_never_crash(void **state)
{
	(void)state;
	fixture_check_mangled_inputs(&yaml_format, "-:#&*!|>'\"{}[], \n\t?%@`");
}

static void test_yaml__large_document_round_trips(void **state)
{
	accord_doc *doc, *back;
	accord_section *s = NULL;
	accord_buf yaml = ACCORD_BUF_INIT;
	accord_error err;
	size_t i;
	(void)state;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_GENERIC), 0);
	for (i = 0; i < 20000; i++) {
		char text[96];
		if (i % 100 == 0)
			assert_int_equal(accord_doc_add_section(&s, doc, NULL, NULL, ACCORD_KIND_NONE, NULL), 0);
		snprintf(text, sizeof(text), "Paragraph %zu: “text”, with — punctuation; and a number %zu.", i, i * 7);
		assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, NULL, text), 0);
	}
	assert_int_equal(accord_doc_render_yaml(&yaml, doc, &err), 0);
	back = parse_yaml(yaml.ptr, &err);
	assert_non_null(back);
	assert_true(accord_doc_equal(doc, back));
	assert_true(fixture_same_ids(doc, back));
	accord_buf_dispose(&yaml);
	accord_doc_free(back);
	accord_doc_free(doc);
}

static void test_yaml__render_refuses_invalid_utf8(void **state)
{
	accord_doc *doc;
	accord_buf yaml = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_GENERIC), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_TITLE, "bad \xFF byte"), 0);
	assert_int_equal(accord_buf_puts(&yaml, "kept"), 0);
	assert_int_equal(accord_doc_render_yaml(&yaml, doc, &err), ACCORD_EUTF8);
	/* What was in the buffer before stays; nothing half-written follows it. */
	assert_string_equal(yaml.ptr, "kept");
	accord_buf_dispose(&yaml);
	accord_doc_free(doc);
}

static void test_yaml__allocation_failures_are_clean(void **state)
{
	(void)state;
	fixture_check_allocation_failures(&yaml_format);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml__round_trip_keeps_text_and_ids),
		cmocka_unit_test(test_yaml__every_hard_text_survives_alone),
		cmocka_unit_test(test_yaml__seed_text_round_trips_through_yaml),
		cmocka_unit_test(test_yaml__output_is_plain_readable_yaml),
		cmocka_unit_test(test_yaml__each_string_in_its_style),
		cmocka_unit_test(test_yaml__plain_scalars_resolve),
		cmocka_unit_test(test_yaml__every_key_in_order),
		cmocka_unit_test(test_yaml__hand_written_yaml_is_read),
		cmocka_unit_test(test_yaml__values_at_the_limits_are_read),
		cmocka_unit_test(test_yaml__wrong_shapes_are_refused_with_positions),
		cmocka_unit_test(test_yaml__deep_paths_keep_their_innermost_part),
		cmocka_unit_test(test_yaml__nesting_limit_exactly),
		cmocka_unit_test(test_yaml__invalid_utf8_is_refused_with_offset),
		cmocka_unit_test(test_yaml__hostile_inputs_fail_cleanly),
		cmocka_unit_test(test_yaml__mangled_inputs_never_crash),
		cmocka_unit_test(test_yaml__large_document_round_trips),
		cmocka_unit_test(test_yaml__render_refuses_invalid_utf8),
		cmocka_unit_test(test_yaml__allocation_failures_are_clean),
	};
	return cmocka_run_group_tests_name("yaml", tests, NULL, NULL);
}
