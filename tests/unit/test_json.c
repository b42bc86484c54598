/* test_json.c: the JSON format: round trips, exact output, strict reading with positions, allocation failure. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <limits.h>

#include "accord/sys/testing.h"
#include "accord/format.h"
#include "format_fixtures.h"
#include "util/jsonw_int.h"

static const fixture_format json_format = {
	accord_doc_render_json, accord_doc_parse_json, ACCORD_FORMAT_JSON, "test.json"};

static accord_doc *parse_json(const char *json, accord_error *err)
{
	return fixture_parse(&json_format, json, err);
}

static void test_json__round_trip_keeps_text_and_ids(void **state)
{
	accord_doc *doc = fixture_hard_doc(), *back;
	accord_buf json = ACCORD_BUF_INIT, again = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_non_null(doc);
	assert_int_equal(accord_doc_render_json(&json, doc, &err), 0);
	assert_true(json.size > 0 && json.ptr[json.size - 1] == '\n' && json.ptr[json.size - 2] == '}');
	back = parse_json(json.ptr, &err);
	if (back == NULL)
		fail_msg("%s at %u:%u in\n%s", err.message, err.line, err.col, json.ptr);
	assert_true(accord_doc_equal(doc, back));
	assert_true(fixture_same_ids(doc, back));
	assert_int_equal(accord_doc_render_json(&again, back, &err), 0);
	assert_string_equal(json.ptr, again.ptr);
	accord_buf_dispose(&json);
	accord_buf_dispose(&again);
	accord_doc_free(back);
	accord_doc_free(doc);
}

/* The acceptance check (format_fixtures.h): seed text -> JSON -> document -> text is unchanged. */
static void test_json__seed_text_round_trips_through_json(void **state)
{
	(void)state;
	fixture_check_seed_round_trips(&json_format);
}

static void test_json__every_hard_text_survives_alone(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < FIXTURE_HARD_COUNT; i++) {
		accord_doc *doc, *back;
		accord_section *s;
		accord_buf json = ACCORD_BUF_INIT;
		accord_error err;
		assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_GENERIC), 0);
		assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_SYMBOL, fixture_hard_texts[i][0] ? fixture_hard_texts[i] : "x"), 0);
		assert_int_equal(accord_doc_add_section(&s, doc, NULL, NULL, ACCORD_KIND_NONE, fixture_hard_texts[i][0] ? fixture_hard_texts[i] : NULL), 0);
		assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, fixture_hard_texts[i], fixture_hard_texts[i]), 0);
		assert_int_equal(accord_doc_add_footnote(NULL, doc, "1", fixture_hard_texts[i]), 0);
		assert_int_equal(accord_doc_render_json(&json, doc, &err), 0);
		back = parse_json(json.ptr, &err);
		if (back == NULL || !accord_doc_equal(doc, back))
			fail_msg("text %zu does not survive: %s\n%s", i, back ? "differs" : err.message, json.ptr);
		accord_buf_dispose(&json);
		accord_doc_free(back);
		accord_doc_free(doc);
	}
}

static void test_json__output_has_every_key_in_a_stable_order(void **state)
{
	accord_doc *doc, *back;
	accord_section *s;
	accord_buf json = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_OPINION), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_BODY, "The Forum (Geneva, 2013),"), 0);
	assert_int_equal(accord_doc_add_section(&s, doc, NULL, "invites Member States", ACCORD_KIND_OPERATIVE, "Member States"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, "1.", "to act: “now”"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, NULL, "unlabelled"), 0);
	assert_int_equal(accord_doc_add_footnote(NULL, doc, "1", "Two\nlines"), 0);
	assert_int_equal(accord_doc_add_warning(doc, 3, 1, "dropped \"[bookmark: _GoBack]\""), 0);
	assert_int_equal(accord_doc_render_json(&json, doc, &err), 0);
	assert_string_equal(json.ptr,
		"{\n"
		"  \"accord\": \"document/1\",\n"
		"  \"mode\": \"opinion\",\n"
		"  \"symbol\": null,\n"
		"  \"source\": null,\n"
		"  \"notes\": [],\n"
		"  \"title\": null,\n"
		"  \"body\": \"The Forum (Geneva, 2013),\",\n"
		"  \"sections\": [\n"
		"    {\n"
		"      \"id\": \"s1\",\n"
		"      \"heading\": \"invites Member States\",\n"
		"      \"kind\": \"operative\",\n"
		"      \"addressee\": \"Member States\",\n"
		"      \"paragraphs\": [\n"
		"        {\n"
		"          \"id\": \"p1\",\n"
		"          \"label\": \"1.\",\n"
		"          \"text\": \"to act: “now”\",\n"
		"          \"children\": []\n"
		"        },\n"
		"        {\n"
		"          \"id\": \"p2\",\n"
		"          \"label\": null,\n"
		"          \"text\": \"unlabelled\",\n"
		"          \"children\": []\n"
		"        }\n"
		"      ]\n"
		"    }\n"
		"  ],\n"
		"  \"footnotes\": [\n"
		"    {\n"
		"      \"number\": \"1\",\n"
		"      \"text\": \"Two\\nlines\"\n"
		"    }\n"
		"  ],\n"
		"  \"warnings\": [\n"
		"    {\n"
		"      \"line\": 3,\n"
		"      \"col\": 1,\n"
		"      \"message\": \"dropped \\\"[bookmark: _GoBack]\\\"\"\n"
		"    }\n"
		"  ]\n"
		"}\n");
	/* Warnings are output only (positions in the text that was parsed): checked, then ignored on input. */
	back = parse_json(json.ptr, &err);
	assert_non_null(back);
	assert_true(accord_doc_equal(doc, back));
	assert_int_equal(accord_doc_warning_count(back), 0);
	accord_buf_dispose(&json);
	accord_doc_free(back);
	accord_doc_free(doc);
}

/* Every key of the JSON shape with a value, nulls where nothing is set (a section without heading
   or addressee, an unlabelled child), empty lists, warnings with their positions. Exactly. */
static void test_json__every_key_set_and_unset(void **state)
{
	accord_doc *doc, *back;
	accord_section *s, *s2;
	accord_para *p;
	accord_buf json = ACCORD_BUF_INIT;
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
	assert_int_equal(accord_doc_render_json(&json, doc, &err), 0);
	assert_string_equal(json.ptr,
		"{\n"
		"  \"accord\": \"document/1\",\n"
		"  \"mode\": \"opinion\",\n"
		"  \"symbol\": \"WTPF-IEG/2/10\",\n"
		"  \"source\": \"United States\",\n"
		"  \"notes\": [\n"
		"    \"Note one\",\n"
		"    \"Note: two\"\n"
		"  ],\n"
		"  \"title\": \"OPINION (1)\",\n"
		"  \"body\": \"The Forum,\",\n"
		"  \"sections\": [\n"
		"    {\n"
		"      \"id\": \"s1\",\n"
		"      \"heading\": \"recognizing\",\n"
		"      \"kind\": \"preambular\",\n"
		"      \"addressee\": null,\n"
		"      \"paragraphs\": [\n"
		"        {\n"
		"          \"id\": \"p1\",\n"
		"          \"label\": \"a)\",\n"
		"          \"text\": \"that one:\",\n"
		"          \"children\": [\n"
		"            {\n"
		"              \"id\": \"p2\",\n"
		"              \"label\": null,\n"
		"              \"text\": \"child\",\n"
		"              \"children\": []\n"
		"            }\n"
		"          ]\n"
		"        }\n"
		"      ]\n"
		"    },\n"
		"    {\n"
		"      \"id\": \"s2\",\n"
		"      \"heading\": null,\n"
		"      \"kind\": \"none\",\n"
		"      \"addressee\": null,\n"
		"      \"paragraphs\": []\n"
		"    }\n"
		"  ],\n"
		"  \"footnotes\": [],\n"
		"  \"warnings\": [\n"
		"    {\n"
		"      \"line\": 2,\n"
		"      \"col\": 5,\n"
		"      \"message\": \"w\"\n"
		"    }\n"
		"  ]\n"
		"}\n");
	back = parse_json(json.ptr, &err);
	assert_non_null(back);
	assert_true(accord_doc_equal(doc, back));
	accord_doc_free(back);
	accord_doc_free(doc);
	accord_buf_dispose(&json);
}

static void test_json__yaml_and_json_give_the_same_document(void **state)
{
	accord_doc *doc = fixture_hard_doc(), *from_yaml = NULL, *from_json = NULL;
	accord_buf yaml = ACCORD_BUF_INIT, json = ACCORD_BUF_INIT, json2 = ACCORD_BUF_INIT;
	(void)state;
	assert_non_null(doc);
	assert_int_equal(accord_doc_render_yaml(&yaml, doc, NULL), 0);
	assert_int_equal(accord_doc_parse_yaml(&from_yaml, yaml.ptr, yaml.size, NULL, NULL), 0);
	assert_int_equal(accord_doc_render_json(&json, doc, NULL), 0);
	assert_int_equal(accord_doc_render_json(&json2, from_yaml, NULL), 0);
	assert_string_equal(json.ptr, json2.ptr);
	assert_int_equal(accord_doc_parse_json(&from_json, json.ptr, json.size, NULL, NULL), 0);
	assert_true(accord_doc_equal(from_yaml, from_json));
	assert_true(fixture_same_ids(from_yaml, from_json));
	accord_buf_dispose(&yaml);
	accord_buf_dispose(&json);
	accord_buf_dispose(&json2);
	accord_doc_free(from_yaml);
	accord_doc_free(from_json);
	accord_doc_free(doc);
}

#define HEAD "{\n  \"accord\": \"document/1\",\n  \"mode\": \"opinion\",\n"

static void test_json__wrong_shapes_are_refused_with_positions(void **state)
{
	static const fixture_bad_case cases[] = {
		{"\"just a string\"\n", ACCORD_ESCHEMA, 1, 1,
			"the top level must be a mapping ('accord: document/1', mode, sections ...), not a string"},
		{"  [1, 2]\n", ACCORD_ESCHEMA, 1, 3,
			"the top level must be a mapping ('accord: document/1', mode, sections ...), not a list"},
		{"{\"mode\": \"opinion\"}", ACCORD_ESCHEMA, 1, 1,
			"not an accord document: the key 'accord: document/1' is missing"},
		{"{\"accord\": \"document/2\", \"x\": 1}", ACCORD_EVERSION, 1, 12,
			"accord: 'document/2' is newer than this accord reads (document/1)"},
		{"{\"accord\": 1}", ACCORD_ESCHEMA, 1, 12,
			"accord: 'accord' must be a string such as 'document/1', not a number"},
		{HEAD "  \"colour\": \"red\"\n}\n", ACCORD_ESCHEMA, 4, 3,
			"colour: unknown key 'colour' in a document (known: accord, mode, symbol, source, notes, "
			"title, body, sections, footnotes, warnings)"},
		{HEAD "  \"title\": [\"a\"]\n}\n", ACCORD_ESCHEMA, 4, 12,
			"title: 'title' must be a string, not a list"},
		{HEAD "  \"title\": 12\n}\n", ACCORD_ESCHEMA, 4, 12, "title: 'title' must be a string, not a number"},
		{HEAD "  \"sections\": [\n    {\"heading\": \"recognizing\", \"kind\": \"foo\"}\n  ]\n}\n", ACCORD_ESCHEMA, 5, 40,
			"sections[0].kind: unknown kind 'foo' (preambular, operative or none)"},
		{HEAD "  \"sections\": [\n    {\"paragraphs\": [{\"label\": \"a)\"}]}\n  ]\n}\n", ACCORD_ESCHEMA, 5, 21,
			"sections[0].paragraphs[0]: missing 'text' (a string)"},
		{HEAD "  \"sections\": [{\"paragraphs\": [{\"text\": \"a\", \"label\": true}]}]\n}\n", ACCORD_ESCHEMA, 4, 55,
			"sections[0].paragraphs[0].label: 'label' must be a string, not a boolean"},
		{HEAD "  \"sections\": [{\"paragraphs\": [{\"id\": \"p1\", \"text\": \"a\"}, {\"id\": \"p1\", \"text\": \"b\"}]}]\n}\n",
			ACCORD_ESCHEMA, 4, 66, "sections[0].paragraphs[1].id: duplicate paragraph id 'p1'"},
		{HEAD "  \"sections\": [{\"paragraphs\": [{\"text\": \"a\", \"children\": {}}]}]\n}\n", ACCORD_ESCHEMA, 4, 58,
			"sections[0].paragraphs[0].children: 'children' must be a list, not a mapping"},
		{HEAD "  \"footnotes\": [{\"number\": 1, \"text\": \"x\"}, {\"number\": \"1\", \"text\": \"y\"}]\n}\n",
			ACCORD_ESCHEMA, 4, 56, "footnotes[1].number: duplicate footnote number '1'"},
		{HEAD "  \"notes\": [\"a\", null]\n}\n", ACCORD_ESCHEMA, 4, 18,
			"notes[1]: a note must be a string, not null"},
		{HEAD "  \"notes\": [\"«a»\", 1]\n}\n", ACCORD_ESCHEMA, 4, 20, /* columns count characters */
			"notes[1]: a note must be a string, not a number"},
		{HEAD "  \"mode\": \"generic\"\n}\n", ACCORD_ESCHEMA, 4, 8, "duplicate object key near '\"mode\"'"},
		{HEAD "  \"warnings\": [{\"line\": -1, \"message\": \"m\"}]\n}\n", ACCORD_ESCHEMA, 4, 25,
			"warnings[0].line: 'line' must be a whole number from 0 to 999999999, not -1"},
		{HEAD "  \"warnings\": [{\"line\": 1, \"col\": 2}]\n}\n", ACCORD_ESCHEMA, 4, 16,
			"warnings[0]: missing 'message' (a string)"},
		{HEAD "  \"warnings\": [\"m\"]\n}\n", ACCORD_ESCHEMA, 4, 16,
			"warnings[0]: a warning must be a mapping (line, col, message), not a string"},
		{HEAD "  \"title\": \"x\",\n}\n", ACCORD_EPARSE, 5, 1, "string or '}' expected near '}'"},
		{HEAD "  \"title\": 'x'\n}\n", ACCORD_EPARSE, 4, 12, "invalid token near '''"},
		{"{\"accord\": \"document/1\"", ACCORD_EPARSE, 1, 23, "'}' expected near end of file"},
		/* positions found past every kind of value: numbers, literals, strings with escapes and
		   brackets, nested containers, blanks of every kind */
		{HEAD "  \"footnotes\": [{\"number\": 1, \"text\": \"x\"}, {\"number\": -2.5e-3, \"text\": false}]\n}\n",
			ACCORD_ESCHEMA, 4, 73,
			"footnotes[1].text: 'text' must be a string, not a boolean"},
		{HEAD "  \"warnings\": [{\"line\": 1, \"col\": 22, \"message\": null}]\n}\n", ACCORD_ESCHEMA, 4, 50,
			"warnings[0].message: missing 'message' (a string)"},
		{HEAD "  \"notes\": [\"a \\\"]\\\" b\", \"[{\", \"c\\\\\"],\r\n\t\"sections\": [{\"heading\": \"h\", \"paragraphs\": "
			"[{\"text\": \"t\", \"children\": [[1], {\"x\": [true]}], \"label\": \"a)\"}], \"kind\": 1}]\n}\n",
			ACCORD_ESCHEMA, 5, 120,
			"sections[0].kind: 'kind' must be a string, not a number"},
		{HEAD "  \"symbol\": \"s\", \"source\": null, \"body\": \"b\", \"title\": 1e5\n}\n", ACCORD_ESCHEMA, 4, 56,
			"title: 'title' must be a string, not a number"},
		{"   \n", ACCORD_EEMPTY, 0, 0, "the input is empty"},
	};
	(void)state;
	fixture_check_refusals(&json_format, cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_json__hostile_inputs_fail_cleanly(void **state)
{
	accord_buf json = ACCORD_BUF_INIT;
	accord_error err;
	accord_doc *doc;
	size_t i;
	(void)state;
	/* Nesting deeper than our limit but within jansson's. */
	assert_int_equal(accord_buf_puts(&json, "{\"accord\": \"document/1\", \"mode\": \"generic\", \"notes\": "), 0);
	for (i = 0; i < 1000; i++)
		assert_int_equal(accord_buf_putc(&json, '['), 0);
	for (i = 0; i < 1000; i++)
		assert_int_equal(accord_buf_putc(&json, ']'), 0);
	assert_int_equal(accord_buf_putc(&json, '}'), 0);
	doc = parse_json(json.ptr, &err);
	assert_null(doc);
	assert_int_equal(err.code, ACCORD_ESCHEMA);
	assert_non_null(strstr(err.message, "nested too deeply"));
	assert_int_equal(err.line, 1);
	/* Deeper than jansson's own limit. */
	accord_buf_clear(&json);
	for (i = 0; i < 100000; i++)
		assert_int_equal(accord_buf_putc(&json, '['), 0);
	doc = parse_json(json.ptr, &err);
	assert_null(doc);
	assert_int_equal(err.code, ACCORD_EPARSE);
	/* A string with an escaped NUL, invalid UTF-8. */
	doc = parse_json("{\"accord\": \"document/1\", \"mode\": \"generic\", \"title\": \"a\\u0000b\"}", &err);
	assert_null(doc);
	assert_int_equal(err.code, ACCORD_EPARSE);
	doc = parse_json("{\"accord\": \"document/1\", \"title\": \"\xC0\xAF\"}", &err);
	assert_null(doc);
	assert_int_equal(err.code, ACCORD_EUTF8);
	assert_int_equal(err.offset, 35);
	/* A byte order mark is skipped. */
	doc = parse_json("\xEF\xBB\xBF{\"accord\": \"document/1\", \"mode\": \"generic\"}", &err);
	assert_non_null(doc);
	accord_doc_free(doc);
	accord_buf_dispose(&json);
}

/* Cut and mangled copies of a real file: every one gives a document or a clean error. */
static void test_json__mangled_inputs_never_crash(void **state)
{
	(void)state;
	fixture_check_mangled_inputs(&json_format, "{}[],:\"\\ \n0-etnul.");
}

/* ---- the streaming writer (amendment lists): what jansson would write, byte for byte ---------- */

static void test_json__streaming_writer_matches_jansson(void **state)
{
	static const char *const strings[] = {"", "plain", "q\"uote", "back\\slash", "nl\nt\tcr\rbs\bff\f",
		"\x01\x1f\x7f", "caf\xc3\xa9 \xe2\x80\x94", "/slash"};
	accord_buf out = ACCORD_BUF_INIT;
	json_t *root = json_object(), *list = json_array(), *nested = json_object();
	char *want;
	jsonw w;
	size_t i;
	(void)state;
	jsonw_init(&w, &out);
	jsonw_begin_object(&w);
	jsonw_key(&w, "strings");
	jsonw_begin_array(&w);
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		jsonw_string(&w, strings[i]);
		json_array_append_new(list, json_string(strings[i]));
	}
	jsonw_end_array(&w);
	json_object_set_new(root, "strings", list);
	jsonw_key(&w, "numbers");
	jsonw_begin_array(&w);
	list = json_array();
	{
		static const long long ints[] = {0, 7, -1, 1234567890123LL, LLONG_MAX, LLONG_MIN};
		static const double reals[] = {1.0, 0.5, -2.5, 0.001, 0.0};
		for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
			jsonw_integer(&w, ints[i]);
			json_array_append_new(list, json_integer(ints[i]));
		}
		for (i = 0; i < sizeof(reals) / sizeof(reals[0]); i++) {
			jsonw_real(&w, reals[i]);
			json_array_append_new(list, json_real(reals[i]));
		}
	}
	jsonw_end_array(&w);
	json_object_set_new(root, "numbers", list);
	jsonw_key(&w, "empty object");
	jsonw_begin_object(&w);
	jsonw_end_object(&w);
	json_object_set_new(root, "empty object", json_object());
	jsonw_key(&w, "empty list");
	jsonw_begin_array(&w);
	jsonw_end_array(&w);
	json_object_set_new(root, "empty list", json_array());
	jsonw_key(&w, "nested");
	jsonw_begin_object(&w);
	jsonw_key(&w, "yes");
	jsonw_bool(&w, 1);
	jsonw_key(&w, "no");
	jsonw_bool(&w, 0);
	jsonw_key(&w, "nothing");
	jsonw_null(&w);
	jsonw_key(&w, "no string");
	jsonw_string(&w, NULL);
	jsonw_key(&w, "lists");
	jsonw_begin_array(&w);
	jsonw_begin_array(&w);
	jsonw_integer(&w, 1);
	jsonw_end_array(&w);
	jsonw_begin_object(&w);
	jsonw_key(&w, "a");
	jsonw_integer(&w, 2);
	jsonw_end_object(&w);
	jsonw_end_array(&w);
	jsonw_end_object(&w);
	json_object_set_new(nested, "yes", json_true());
	json_object_set_new(nested, "no", json_false());
	json_object_set_new(nested, "nothing", json_null());
	json_object_set_new(nested, "no string", json_null());
	list = json_array();
	json_array_append_new(list, json_pack("[i]", 1));
	json_array_append_new(list, json_pack("{s:i}", "a", 2));
	json_object_set_new(nested, "lists", list);
	json_object_set_new(root, "nested", nested);
	jsonw_end_object(&w);
	assert_int_equal(jsonw_finish(&w), 0);
	want = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	assert_non_null(want);
	if (out.size != strlen(want) + 1 || memcmp(out.ptr, want, strlen(want)) != 0)
		fail_msg("the writer wrote\n%s\njansson\n%s", out.ptr, want);
	assert_string_equal(out.ptr + strlen(want), "\n");
	free(want);
	json_decref(root);

	/* reals with 6 significant digits, always with a point or an exponent */
	accord_buf_clear(&out);
	jsonw_init(&w, &out);
	jsonw_begin_array(&w);
	jsonw_real(&w, 1e20);
	jsonw_real(&w, 0.1234567);
	jsonw_real(&w, -3);
	jsonw_end_array(&w);
	assert_int_equal(jsonw_finish(&w), 0);
	assert_string_equal(out.ptr, "[\n  1e+20,\n  0.123457,\n  -3.0\n]\n");
	/* a value at the top level, and what cannot be written */
	accord_buf_clear(&out);
	jsonw_init(&w, &out);
	jsonw_string(&w, "top");
	assert_int_equal(jsonw_finish(&w), 0);
	assert_string_equal(out.ptr, "\"top\"\n");
	jsonw_init(&w, &out);
	jsonw_begin_array(&w);
	assert_int_equal(jsonw_finish(&w), ACCORD_ENOMEM); /* left open */
	jsonw_init(&w, &out);
	jsonw_end_object(&w);
	assert_int_equal(jsonw_finish(&w), ACCORD_ENOMEM); /* closed what was not open */
	accord_buf_clear(&out);
	jsonw_init(&w, &out);
	for (i = 0; i < JSONW_MAX_DEPTH - 1; i++)
		jsonw_begin_array(&w);
	for (i = 0; i < JSONW_MAX_DEPTH - 1; i++)
		jsonw_end_array(&w);
	assert_int_equal(jsonw_finish(&w), 0); /* the deepest it goes */
	jsonw_init(&w, &out);
	for (i = 0; i < JSONW_MAX_DEPTH; i++)
		jsonw_begin_array(&w);
	assert_int_equal(jsonw_finish(&w), ACCORD_ENOMEM);
	/* out of memory: a failure is reported at the end, and nothing more is written */
	accord_buf_dispose(&out);
	jsonw_init(&w, &out);
	accord_alloc_fail_after(0);
	jsonw_begin_object(&w);
	jsonw_key(&w, "k");
	jsonw_string(&w, "v");
	jsonw_end_object(&w);
	assert_int_equal(jsonw_finish(&w), ACCORD_ENOMEM);
	accord_alloc_fail_after(-1);
	assert_int_equal(out.size, 0);
	accord_buf_dispose(&out);
}

/* Nesting: 256 levels are read (the lists in notes are then refused for what they are), 257 are
   too deep, at the bracket that goes past, in the words of the YAML reader. */
/* A fixed document of keys at depths 1 to 3 (first in their object, after a value, after a list). */
static void write_keys(jsonw *w)
{
	static const char *const keys[] = {"k", "op", "base_text", "a rather longer key than the others", ""};
	size_t i;
	jsonw_begin_object(w);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		jsonw_key(w, keys[i]);
		jsonw_string(w, "v\"\\");
	}
	jsonw_key(w, "edits");
	jsonw_begin_array(w);
	for (i = 0; i < 3; i++) {
		jsonw_begin_object(w);
		jsonw_key(w, "kind");
		jsonw_integer(w, (long long)i);
		jsonw_key(w, "nested");
		jsonw_begin_object(w);
		jsonw_key(w, "deep");
		jsonw_null(w);
		jsonw_end_object(w);
		jsonw_key(w, "after");
		jsonw_bool(w, 1);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
	jsonw_key(w, "last");
	jsonw_real(w, 0.5);
	jsonw_end_object(w);
}

/*
** A key written in one copy when the buffer has room (jsonw_key's fast
** path), else piece by piece: the same bytes wherever the buffer ends,
** after whatever the buffer already held, and at the top level.
*/
static void test_json__keys_at_every_buffer_boundary(void **state)
{
	accord_buf want = ACCORD_BUF_INIT;
	jsonw w;
	size_t cap, held;
	(void)state;
	jsonw_init(&w, &want);
	write_keys(&w);
	assert_int_equal(jsonw_finish(&w), 0);
	for (held = 0; held < 3; held++)
		for (cap = held + 1; cap < want.size + 64; cap++) {
			accord_buf out = ACCORD_BUF_INIT;
			/* exactly cap bytes, held of them used: every key meets the end of the buffer somewhere */
			out.ptr = accord_malloc(cap);
			assert_non_null(out.ptr);
			out.asize = cap;
			memset(out.ptr, 'x', held);
			out.size = held;
			out.ptr[held] = '\0';
			jsonw_init(&w, &out);
			write_keys(&w);
			assert_int_equal(jsonw_finish(&w), 0);
			assert_int_equal(out.size, held + want.size);
			assert_int_equal(strlen(out.ptr), out.size);
			if (memcmp(out.ptr + held, want.ptr, want.size) != 0)
				fail_msg("with %zu bytes (%zu held) the writer wrote\n%s\nnot\n%s", cap, held, out.ptr + held,
					want.ptr);
			accord_buf_dispose(&out);
		}
	/* a key at the top level: no comma, no new line */
	accord_buf_clear(&want);
	jsonw_init(&w, &want);
	jsonw_key(&w, "top");
	jsonw_integer(&w, 1);
	assert_int_equal(jsonw_finish(&w), 0);
	assert_string_equal(want.ptr, "\"top\": 1\n");
	accord_buf_dispose(&want);
}

static void test_json__nesting_limit_exactly(void **state)
{
	accord_buf in = ACCORD_BUF_INIT;
	accord_error err;
	size_t levels, i;
	(void)state;
	for (levels = 255; levels <= 256; levels++) {
		accord_buf_clear(&in);
		assert_int_equal(accord_buf_puts(&in, "{\"accord\": \"document/1\", \"mode\": \"generic\", \"notes\": "), 0);
		for (i = 0; i < 2 * levels; i++)
			assert_int_equal(accord_buf_putc(&in, i < levels ? '[' : ']'), 0);
		assert_int_equal(accord_buf_putc(&in, '}'), 0);
		assert_null(parse_json(in.ptr, &err));
		assert_int_equal(err.code, ACCORD_ESCHEMA);
		assert_int_equal(err.line, 1);
		assert_string_equal(err.message, levels == 255 ? "notes[0]: a note must be a string, not a list"
							       : "nested too deeply (more than 256 levels)");
		assert_int_equal(err.col, levels == 255 ? 55 : 308);
	}
	accord_buf_dispose(&in);
}

/* Rendering needs a buffer and a document. */
static void test_json__render_refuses_missing_arguments(void **state)
{
	accord_doc *doc;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_GENERIC), 0);
	assert_int_equal(accord_doc_render_json(NULL, doc, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "no buffer or no document");
	assert_int_equal(accord_doc_render_json(&out, NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "no buffer or no document");
	assert_int_equal(accord_doc_render_yaml(NULL, doc, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "no buffer or no document");
	assert_int_equal(accord_doc_render_yaml(&out, NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "no buffer or no document");
	assert_int_equal(out.size, 0);
	accord_doc_free(doc);
}

static void test_json__allocation_failures_are_clean(void **state)
{
	(void)state;
	fixture_check_allocation_failures(&json_format);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json__round_trip_keeps_text_and_ids),
		cmocka_unit_test(test_json__every_hard_text_survives_alone),
		cmocka_unit_test(test_json__seed_text_round_trips_through_json),
		cmocka_unit_test(test_json__output_has_every_key_in_a_stable_order),
		cmocka_unit_test(test_json__every_key_set_and_unset),
		cmocka_unit_test(test_json__yaml_and_json_give_the_same_document),
		cmocka_unit_test(test_json__wrong_shapes_are_refused_with_positions),
		cmocka_unit_test(test_json__hostile_inputs_fail_cleanly),
		cmocka_unit_test(test_json__mangled_inputs_never_crash),
		cmocka_unit_test(test_json__streaming_writer_matches_jansson),
		cmocka_unit_test(test_json__keys_at_every_buffer_boundary),
		cmocka_unit_test(test_json__nesting_limit_exactly),
		cmocka_unit_test(test_json__render_refuses_missing_arguments),
		cmocka_unit_test(test_json__allocation_failures_are_clean),
	};
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
