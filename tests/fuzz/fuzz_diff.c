/*
** fuzz_diff.c: alignment and apply. The input is BASE NUL CONTRIBUTION,
** two texts.
**
** Property (accord/amend.h): applying the amendments of
** accord_doc_diff(base, contribution) to base gives a document equal to
** the contribution; and the list, written as JSON and read back, does the
** same.
*/
#include "accord/amend.h"
#include "accord/doc.h"
#include "accord/format.h"
#include "fuzz.h"

static void check_apply(const accord_doc *base, const accord_doc *contribution, const accord_amendment_list *list,
	const char *what)
{
	accord_doc *doc = NULL;
	accord_error err;
	if (accord_doc_clone(&doc, base) != ACCORD_OK)
		return;
	if (accord_amendments_apply(doc, list, &err) != ACCORD_OK)
		FUZZ_BROKEN("the %s do not apply to their base: %s", what, err.message);
	if (!accord_doc_equal(doc, contribution))
		FUZZ_BROKEN("the %s applied to the base do not give the contribution", what);
	accord_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *parts[2];
	size_t sizes[2];
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc_diff_options diff = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_doc *base = NULL, *contribution = NULL;
	accord_amendment_list *list = NULL, *again = NULL;
	accord_buf json = ACCORD_BUF_INIT;
	accord_error err;
	if (size > FUZZ_MAX_INPUT || fuzz_split(data, size, parts, sizes, 2) != 2)
		return 0;
	opts.format = ACCORD_FORMAT_TEXT;
	if (accord_doc_parse(&base, parts[0], sizes[0], &opts, &err) != ACCORD_OK)
		return 0;
	if (accord_doc_parse(&contribution, parts[1], sizes[1], &opts, &err) != ACCORD_OK) {
		accord_doc_free(base);
		return 0;
	}
	diff.party = "FUZ";
	if (accord_doc_diff(&list, base, contribution, &diff, &err) != ACCORD_OK)
		FUZZ_BROKEN("diff fails on two documents it read: %s", err.message);
	check_apply(base, contribution, list, "amendments");
	if (accord_amendments_render_json(&json, list, &err) != ACCORD_OK)
		FUZZ_BROKEN("the amendments cannot be written: %s", err.message);
	if (accord_amendments_parse_json(&again, json.ptr, json.size, "again", &err) != ACCORD_OK)
		FUZZ_BROKEN("the amendments' JSON does not read back: %s\n%s", err.message, json.ptr);
	check_apply(base, contribution, again, "amendments read back from JSON");
	accord_amendments_free(again);
	accord_buf_dispose(&json);
	accord_amendments_free(list);
	accord_doc_free(contribution);
	accord_doc_free(base);
	return 0;
}
