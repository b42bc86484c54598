/*
** test_serial.c: the one serialisation path of util/: the tree writer
** (the same tree as JSON through jsonw and as YAML through yamlw, with the
** string policies of amendment lists and compilations), refusals of text
** that is not UTF-8, allocation failures, and the one HTML escaping of
** documents and compilations. (jsonw against jansson's bytes: test_json.)
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "accord/sys/testing.h"
#include "util/html_int.h"
#include "util/treew_int.h"

/* One tree with every kind of node: what a serialiser writes through treew. */
static void sample(treew *w)
{
	treew_begin_object(w);
	treew_key(w, "accord");
	treew_string(w, "sample/1");
	treew_key(w, "count");
	treew_integer(w, -42);
	treew_key(w, "ratio");
	treew_real(w, 0.5);
	treew_key(w, "ok");
	treew_bool(w, 1);
	treew_key(w, "none");
	treew_string(w, NULL);
	treew_key(w, "words");
	treew_begin_flow_array(w);
	treew_string(w, "IRN");
	treew_string(w, "USA");
	treew_end_array(w);
	treew_key(w, "items");
	treew_begin_array(w);
	treew_begin_object(w);
	treew_key(w, "text");
	treew_string(w, "yes");
	treew_end_object(w);
	treew_begin_array(w);
	treew_end_array(w);
	treew_end_array(w);
	treew_key(w, "empty");
	treew_begin_object(w);
	treew_end_object(w);
	treew_end_object(w);
}

static void test_serial__tree_as_json(void **state)
{
	accord_buf out = ACCORD_BUF_INIT;
	treew w;
	(void)state;
	treew_init_json(&w, &out);
	sample(&w);
	assert_int_equal(treew_finish(&w), ACCORD_OK);
	assert_string_equal(out.ptr, "{\n"
				     "  \"accord\": \"sample/1\",\n"
				     "  \"count\": -42,\n"
				     "  \"ratio\": 0.5,\n"
				     "  \"ok\": true,\n"
				     "  \"none\": null,\n"
				     "  \"words\": [\n"
				     "    \"IRN\",\n"
				     "    \"USA\"\n"
				     "  ],\n"
				     "  \"items\": [\n"
				     "    {\n"
				     "      \"text\": \"yes\"\n"
				     "    },\n"
				     "    []\n"
				     "  ],\n"
				     "  \"empty\": {}\n"
				     "}\n");
	accord_buf_dispose(&out);
}

/*
** Amendment lists: "---", every string quoted. Compilations: plain strings
** unless they would read as another type. Short lists on one line in both.
*/
static void test_serial__tree_as_yaml(void **state)
{
	static const yamlw_options quoted = {-1, 1, yamlw_quoted}, guarded = {100, 0, yamlw_guarded};
	static const struct {
		const yamlw_options *opts;
		const char *want;
	} cases[] = {
		{&quoted, "---\naccord: \"sample/1\"\ncount: -42\nratio: 0.5\nok: true\nnone: null\n"
			  "words: [\"IRN\", \"USA\"]\nitems:\n- text: \"yes\"\n- []\nempty: {}\n"},
		{&guarded, "accord: sample/1\ncount: -42\nratio: 0.5\nok: true\nnone: null\n"
			   "words: [IRN, USA]\nitems:\n- text: \"yes\"\n- []\nempty: {}\n"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		accord_buf out = ACCORD_BUF_INIT;
		treew w;
		treew_init_yaml(&w, &out, cases[i].opts);
		sample(&w);
		assert_int_equal(treew_finish(&w), ACCORD_OK);
		assert_string_equal(out.ptr, cases[i].want);
		accord_buf_dispose(&out);
	}
}

static void test_serial__guarded_policy(void **state)
{
	static const char *const quoted[] = {"", "null", "~", "true", "No", "off", "y", "12 May", "-x", ".5", " lead",
		"trail "};
	static const char *const free_[] = {"IRN", "a b", "yesterday", "x-1", "Art. 5"};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(quoted) / sizeof(quoted[0]); i++)
		assert_int_equal(yamlw_guarded(quoted[i], strlen(quoted[i])), YAMLW_DOUBLE);
	for (i = 0; i < sizeof(free_) / sizeof(free_[0]); i++)
		assert_int_equal(yamlw_guarded(free_[i], strlen(free_[i])), YAMLW_ANY);
}

static void test_serial__yaml_refuses_bad_utf8(void **state)
{
	accord_buf out = ACCORD_BUF_INIT;
	treew w;
	(void)state;
	treew_init_yaml(&w, &out, NULL);
	treew_begin_array(&w);
	treew_string(&w, "ok");
	treew_string(&w, "bad \xff byte");
	treew_string(&w, "after");
	treew_end_array(&w);
	assert_int_equal(treew_finish(&w), ACCORD_EUTF8);
	accord_buf_dispose(&out);
}

/* Whatever allocation fails, the writers say ACCORD_ENOMEM (or write it all) and leak nothing. */
static void test_serial__out_of_memory(void **state)
{
	int yaml;
	(void)state;
	for (yaml = 0; yaml < 2; yaml++) {
		long n;
		for (n = 0;; n++) {
			accord_buf out = ACCORD_BUF_INIT;
			treew w;
			int rc;
			accord_alloc_fail_after(n);
			if (yaml)
				treew_init_yaml(&w, &out, NULL);
			else
				treew_init_json(&w, &out);
			sample(&w);
			rc = treew_finish(&w);
			accord_alloc_fail_after(-1);
			accord_buf_dispose(&out);
			if (rc == ACCORD_OK)
				break;
			assert_int_equal(rc, ACCORD_ENOMEM);
		}
		assert_true(n > 0);
	}
}

/*
** One HTML escaping: documents escape ' and turn a line break into "<br>\n"
** or a blank; compilations keep ' and write <br> (text) or &#10; (attributes).
*/
static void test_serial__html_escape(void **state)
{
	accord_buf out = ACCORD_BUF_INIT;
	const char *s = "a<b & \"c\" 'd'\ne>";
	(void)state;
	assert_int_equal(html_escape(&out, s, strlen(s), "<br>\n", HTML_APOS), ACCORD_OK);
	assert_string_equal(out.ptr, "a&lt;b &amp; &quot;c&quot; &#39;d&#39;<br>\ne&gt;");
	accord_buf_clear(&out);
	assert_int_equal(html_escape(&out, s, strlen(s), " ", HTML_APOS), ACCORD_OK);
	assert_string_equal(out.ptr, "a&lt;b &amp; &quot;c&quot; &#39;d&#39; e&gt;");
	accord_buf_clear(&out);
	assert_int_equal(html_escape(&out, s, strlen(s), "<br>", 0), ACCORD_OK);
	assert_string_equal(out.ptr, "a&lt;b &amp; &quot;c&quot; 'd'<br>e&gt;");
	accord_buf_clear(&out);
	assert_int_equal(html_escape(&out, s, strlen(s), "&#10;", 0), ACCORD_OK);
	assert_string_equal(out.ptr, "a&lt;b &amp; &quot;c&quot; 'd'&#10;e&gt;");
	accord_buf_clear(&out);
	assert_int_equal(html_escape(&out, s, 3, NULL, 0), ACCORD_OK); /* only len bytes; NULL: a line break kept */
	assert_string_equal(out.ptr, "a&lt;b");
	assert_int_equal(html_escape(&out, "x\ny", 3, NULL, 0), ACCORD_OK);
	assert_string_equal(out.ptr, "a&lt;bx\ny");
	accord_buf_dispose(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_serial__tree_as_json),
		cmocka_unit_test(test_serial__tree_as_yaml),
		cmocka_unit_test(test_serial__guarded_policy),
		cmocka_unit_test(test_serial__yaml_refuses_bad_utf8),
		cmocka_unit_test(test_serial__out_of_memory),
		cmocka_unit_test(test_serial__html_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
