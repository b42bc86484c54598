/*
** test_error.c: the error codes' descriptions (every row of the table, in
** the order of the enum), unknown codes, and the error record's setters.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "accord/common.h"

/* Every code with its description, written out by hand. */
static const struct {
	int code;
	const char *description;
} descriptions[] = {
	{ACCORD_OK, "success"},
	{ACCORD_ENOMEM, "out of memory"},
	{ACCORD_EINVAL, "invalid argument"},
	{ACCORD_EPARSE, "malformed input"},
	{ACCORD_EUTF8, "invalid UTF-8"},
	{ACCORD_ESCHEMA, "input of the wrong shape"},
	{ACCORD_EIO, "input/output error"},
	{ACCORD_ENOTFOUND, "not found"},
	{ACCORD_ECONFLICT, "amendment does not fit the text"},
	{ACCORD_ELIMIT, "script limit reached"},
	{ACCORD_ESCRIPT, "script error"},
	{ACCORD_ESTORE, "session store error"},
	{ACCORD_EREFUSED, "refused by the procedure"},
	{ACCORD_ESTATE, "illegal state transition"},
	{ACCORD_EVERSION, "unsupported version"},
	{ACCORD_EEMPTY, "empty input"},
	{ACCORD_EBUSY, "session is busy"},
	{ACCORD_ECORRUPT, "damaged file or not a session"},
};

static void test_error__every_code_described(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof descriptions / sizeof descriptions[0]; i++) {
		assert_int_equal(descriptions[i].code, -(int)i);
		assert_string_equal(accord_strerror(descriptions[i].code), descriptions[i].description);
	}
	/* codes beyond either end */
	assert_string_equal(accord_strerror(ACCORD_ECORRUPT - 1), "unknown error");
	assert_string_equal(accord_strerror(-1000), "unknown error");
	assert_string_equal(accord_strerror(1), "unknown error");
	assert_string_equal(accord_strerror(2147483647), "unknown error");
	assert_string_equal(accord_strerror(-2147483647 - 1), "unknown error");
}

static void test_error__set_and_position(void **state)
{
	accord_error err;
	size_t i;
	(void)state;
	memset(&err, 'x', sizeof err);
	accord_error_clear(&err);
	assert_int_equal(err.code, 0);
	assert_string_equal(err.message, "");
	assert_string_equal(err.file, "");
	assert_int_equal(err.line, 0);
	assert_int_equal(err.col, 0);
	assert_int_equal(err.offset, 0);

	/* the code is returned and recorded; the message formatted */
	assert_int_equal(accord_error_set(&err, ACCORD_EPARSE, "line %u: %s", 7u, "oops"), ACCORD_EPARSE);
	assert_int_equal(err.code, ACCORD_EPARSE);
	assert_string_equal(err.message, "line 7: oops");
	/* without a format: the code's description, for every code */
	for (i = 0; i < sizeof descriptions / sizeof descriptions[0]; i++) {
		assert_int_equal(accord_error_set(&err, descriptions[i].code, NULL), descriptions[i].code);
		assert_int_equal(err.code, descriptions[i].code);
		assert_string_equal(err.message, descriptions[i].description);
	}
	/* a long message is cut, NUL-terminated */
	{
		char long_text[2000];
		memset(long_text, 'a', sizeof long_text - 1);
		long_text[sizeof long_text - 1] = '\0';
		accord_error_set(&err, ACCORD_EINVAL, "%s", long_text);
		assert_int_equal(strlen(err.message), sizeof err.message - 1);
	}
	/* NULL-safe: the code still comes back */
	assert_int_equal(accord_error_set(NULL, ACCORD_EIO, "%s", "ignored"), ACCORD_EIO);
	accord_error_at(NULL, "x", 1, 2);
	accord_error_clear(NULL);

	/* the position: file, line and column; a NULL file keeps the one recorded */
	accord_error_clear(&err);
	accord_error_at(&err, "input.txt", 12, 5);
	assert_string_equal(err.file, "input.txt");
	assert_int_equal(err.line, 12);
	assert_int_equal(err.col, 5);
	accord_error_at(&err, NULL, 3, 1);
	assert_string_equal(err.file, "input.txt");
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 1);
	/* setting the position leaves the code and message alone */
	accord_error_set(&err, ACCORD_EUTF8, "bad byte");
	accord_error_at(&err, "-", 0, 0);
	assert_int_equal(err.code, ACCORD_EUTF8);
	assert_string_equal(err.message, "bad byte");
	assert_string_equal(err.file, "-");
	assert_int_equal(err.line, 0);
	/* a long file name is cut, NUL-terminated */
	{
		char long_name[1000];
		memset(long_name, 'f', sizeof long_name - 1);
		long_name[sizeof long_name - 1] = '\0';
		accord_error_at(&err, long_name, 1, 1);
		assert_int_equal(strlen(err.file), sizeof err.file - 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error__every_code_described),
		cmocka_unit_test(test_error__set_and_position),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
