/* test_bracket_readback.c: a compilation's text form read back (issue 15): --accept P gives P's text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "accord/bracketed.h"
#include "accord/format.h"

/*
** A compilation in the built-in UN convention with what a compilation
** writes so that it reads back: the parties' labels ("[Label (X): b)]", an
** empty one for none), a "new)" label the parser leaves in the text, an
** alternative that deletes, the no-change option, blanks inside the
** brackets where the trimmed layout would be ambiguous, a move to a
** paragraph without a label in another section, a section deleted.
*/
static const char compilation[] =
	"Compilation of proposals on base (X, Y)\n"
	"\n"
	"The Forum,\n"
	"\n"
	"\trecognizing\n"
	"new)\t[Label (X): a)] [X: that it grew;]\n"
	"a)\t[Label (X): b)] that the Internet is a [Alt 1 (X): delete] [Alt 2 (Y): common] [NOC: global] resource;\n"
	"b)\tthat governments[Y:   really] act;\n"
	"c)\tthat CWG-[Internet] [Y:  IIRPPIInternet] works; [Move (X): after \"that it ends;\" (noting)]\n"
	"c bis)\t[Label (Y): ] [Y: ;]\n"
	"\n"
	"\t[Delete section (Y)] noting\n"
	"that it ends;\n";

/* The clean text of party's acceptance, canonical form, into out (size bytes). */
static void accepted(char *out, size_t size, const char *party)
{
	accord_doc *doc = NULL, *clean = NULL;
	accord_bracketed *b = NULL;
	accord_buf text = ACCORD_BUF_INIT;
	accord_error err;
	assert_int_equal(accord_doc_parse(&doc, compilation, strlen(compilation), NULL, &err), ACCORD_OK);
	assert_int_equal(accord_bracketed_read(&b, doc, NULL, &err), ACCORD_OK);
	assert_int_equal(accord_bracketed_resolve(&clean, b, ACCORD_TAKE_PARTY, party, &err), ACCORD_OK);
	assert_int_equal(accord_doc_render_text(&text, clean), ACCORD_OK);
	assert_true(text.size < size);
	memcpy(out, text.ptr, text.size + 1);
	accord_buf_dispose(&text);
	accord_doc_free(clean);
	accord_bracketed_free(b);
	accord_doc_free(doc);
}

static void test_bracket_readback__labels_moves_and_a_deleting_alternative(void **state)
{
	char out[1024];
	(void)state;
	accepted(out, sizeof(out), "X");
	assert_string_equal(out, "The Forum,\n\n\trecognizing\n"
				 "a)\tthat it grew;\n"
				 "b)\tthat the Internet is a resource;\n"
				 "b)\tthat governments act;\n"
				 "\n\tnoting\n"
				 "that it ends;\n"
				 "c)\tthat CWG-Internet works;\n");
}

static void test_bracket_readback__exact_blanks_no_label_and_a_deleted_section(void **state)
{
	char out[1024];
	(void)state;
	accepted(out, sizeof(out), "Y");
	assert_string_equal(out, "The Forum,\n\n\trecognizing\n"
				 "a)\tthat the Internet is a common resource;\n"
				 "b)\tthat governments  really act;\n"
				 "c)\tthat CWG- IIRPPIInternet works;\n"
				 ";\n");
}

static void test_bracket_readback__a_party_with_nothing_gets_the_base(void **state)
{
	char out[1024];
	(void)state;
	accepted(out, sizeof(out), "Z");
	assert_string_equal(out, "The Forum,\n\n\trecognizing\n"
				 "a)\tthat the Internet is a global resource;\n"
				 "b)\tthat governments act;\n"
				 "c)\tthat CWG-Internet works;\n"
				 "\n\tnoting\n"
				 "that it ends;\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bracket_readback__labels_moves_and_a_deleting_alternative),
		cmocka_unit_test(test_bracket_readback__exact_blanks_no_label_and_a_deleted_section),
		cmocka_unit_test(test_bracket_readback__a_party_with_nothing_gets_the_base),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
