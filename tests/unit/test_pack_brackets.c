/*
** test_pack_brackets.c: a rule pack's `brackets` table as accord_brackets
** (lua/accord_brackets.h): templates derived from the pack's functions,
** direct templates, the built-in fallback, and failing packs.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "accord_brackets.h"
#include "accord_pack.h"

static accord_pack *load(const char *source)
{
	accord_pack *pack = NULL;
	accord_error err;
	accord_pack_options po = ACCORD_PACK_OPTIONS_INIT;
	po.name = "test.lua";
	po.instruction_limit = 100000;
	if (accord_pack_load_string(&pack, source, strlen(source), &po, &err) != 0)
		fail_msg("load: %s", err.message);
	return pack;
}

static void test_pack_brackets__functions_become_templates(void **state)
{
	accord_pack *pack = load(
		"local function who(w) return type(w) == 'table' and table.concat(w, ', ') or w end\n"
		"return { brackets = {\n"
		"  style = 'probe',\n"
		"  insertion = function(t, w) return '<' .. who(w) .. ' adds ' .. t .. '>' end,\n"
		"  deletion = function(t, w) return '{' .. t .. '} (' .. who(w) .. ': 100% out)' end,\n"
		"  replacement = function(o, n, w) return '[' .. o .. '|' .. who(w) .. ': ' .. n .. ']' end,\n"
		"  alternatives = function(l) local o = {} for i, a in ipairs(l) do\n"
		"      o[#o + 1] = 'Opt ' .. i .. ' (' .. who(a.by) .. ') ' .. a.text end return table.concat(o, ' / ') end,\n"
		"  new_label = function(label, n) local s, p = label:match('^(.-)([%.%)]?)$')\n"
		"      return s .. ({'bis', 'ter', 'quater'})[n] .. p end,\n"
		"  no_change_option = false,\n"
		"} }\n");
	accord_pack_brackets *pb = NULL;
	const accord_brackets *b;
	accord_error err;
	(void)state;
	if (accord_pack_brackets_load(&pb, pack, &err) != 0)
		fail_msg("%s:%u: %s", err.file, err.line, err.message);
	b = accord_pack_brackets_get(pb);
	assert_string_equal(b->name, "probe");
	assert_string_equal(b->insert, "<%p adds %t>");
	assert_string_equal(b->delete_text, "{%b} (%p: 100%% out)");
	assert_string_equal(b->replace, "[%b|%p: %t]");
	assert_string_equal(b->alternative, "Opt %n (%p) %t");
	assert_string_equal(b->alternative_separator, " / ");
	assert_string_equal(b->bis, "%l%s");
	assert_true(b->n_ordinals >= 3);
	assert_string_equal(b->ordinals[2], "quater");
	assert_string_equal(b->ordinals[1], "ter");
	assert_int_equal(b->no_change_option, 0);
	assert_string_equal(b->move_paragraph, "[Move (%p): %t]"); /* not given: the built-in one */
	assert_int_equal(accord_brackets_check(b, &err), 0);
	accord_pack_brackets_free(pb);
	accord_pack_free(pack);
}

static void test_pack_brackets__direct_templates_win_and_deletions_stay_visible(void **state)
{
	accord_pack *pack = load("return { brackets = { style = 'plain', insert = '(%p) %t',\n"
				 "  deletion = function(t, w) return '' end, alternative = '#%n %t' } }\n");
	accord_pack_brackets *pb = NULL;
	const accord_brackets *b;
	accord_error err;
	(void)state;
	assert_int_equal(accord_pack_brackets_load(&pb, pack, &err), 0);
	b = accord_pack_brackets_get(pb);
	assert_string_equal(b->insert, "(%p) %t");
	assert_string_equal(b->alternative, "#%n %t");
	assert_non_null(strstr(b->delete_text, "%b")); /* a deletion that would vanish keeps the built-in form */
	accord_pack_brackets_free(pb);
	accord_pack_free(pack);
}

static void test_pack_brackets__failing_packs_are_errors(void **state)
{
	accord_pack_brackets *pb = NULL;
	accord_error err;
	accord_pack *pack;
	(void)state;
	pack = load("return { brackets = { insertion = function() while true do end end } }\n");
	assert_int_equal(accord_pack_brackets_load(&pb, pack, &err), ACCORD_ELIMIT);
	assert_null(pb);
	accord_pack_free(pack);
	pack = load("return { brackets = { insertion = function() return 42 end } }\n");
	assert_int_equal(accord_pack_brackets_load(&pb, pack, &err), ACCORD_ESCRIPT);
	assert_non_null(strstr(err.message, "insertion"));
	accord_pack_free(pack);
	pack = load("return { brackets = { insert = '[%q]' } }\n");
	assert_int_equal(accord_pack_brackets_load(&pb, pack, &err), ACCORD_ESCHEMA);
	assert_non_null(strstr(err.message, "insert"));
	accord_pack_free(pack);
	pack = load("return { name = 'no brackets' }\n");
	assert_int_equal(accord_pack_brackets_load(&pb, pack, &err), ACCORD_ESCRIPT);
	accord_pack_free(pack);
}

static void test_pack_brackets__bundled_packs_load(void **state)
{
	static const char *const packs[] = {"wtpf", "cwg_internet", "igf", "un_ga"};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(packs) / sizeof(packs[0]); i++) {
		char path[1024];
		accord_pack *pack = NULL;
		accord_pack_brackets *pb = NULL;
		accord_error err;
		accord_pack_options po = ACCORD_PACK_OPTIONS_INIT;
		snprintf(path, sizeof(path), "%s/%s.lua", ACCORD_WORKFLOWS, packs[i]);
		if (accord_pack_load(&pack, path, &po, &err) != 0)
			fail_msg("%s: %s", path, err.message);
		if (accord_pack_brackets_load(&pb, pack, &err) != 0)
			fail_msg("%s brackets: %s", packs[i], err.message);
		assert_int_equal(accord_brackets_check(accord_pack_brackets_get(pb), &err), 0);
		accord_pack_brackets_free(pb);
		accord_pack_free(pack);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack_brackets__functions_become_templates),
		cmocka_unit_test(test_pack_brackets__direct_templates_win_and_deletions_stay_visible),
		cmocka_unit_test(test_pack_brackets__failing_packs_are_errors),
		cmocka_unit_test(test_pack_brackets__bundled_packs_load),
	};
	return cmocka_run_group_tests_name("pack_brackets", tests, NULL, NULL);
}
