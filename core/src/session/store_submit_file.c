/*
** store_submit_file.c: a contribution as a file (accord_session_submit_file).
** Text is submitted as it is; a Word file is read for the text its tracked
** changes were made on and split by author, one submission per party, all
** of them in one transaction (store_group_begin).
*/
#include <stddef.h>
#include <string.h>

#include "accord/docx.h"
#include "session/store_int.h"

void accord_submissions_free(accord_submission *list, size_t n)
{
	size_t i;
	if (list == NULL)
		return;
	for (i = 0; i < n; i++) {
		accord_free(list[i].party);
		accord_amendments_free(list[i].amendments);
		accord_submit_result_dispose(&list[i].result);
	}
	accord_free(list);
}

/* Records party's text as list[*n] (skipped, with ACCORD_OK, when skip_empty and it changes nothing). */
static int submit_one(accord_submission *list, size_t *n, accord_session *s, const char *party, const char *path,
	const char *text, size_t len, const accord_submit_options *opts, int skip_empty, accord_error *err)
{
	accord_submission *sub = &list[*n];
	accord_error quiet;
	int rc;
	accord_error_clear(&quiet);
	rc = accord_session_submit_with(&sub->amendments, &sub->result, s, party, path, text, len, opts,
		skip_empty ? &quiet : err);
	if (rc == ACCORD_EEMPTY && skip_empty)
		return ACCORD_OK;
	if (rc != ACCORD_OK) {
		if (skip_empty && err != NULL)
			*err = quiet;
		return rc;
	}
	(*n)++;
	if ((sub->party = accord_strdup(party)) == NULL)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	return ACCORD_OK;
}

/* A Word file: one submission per party its authors name, in one transaction. */
static int submit_docx(accord_submission *list, size_t *n, accord_session *s, const char *code, const char *path,
	const accord_docx_proposal *proposals, size_t n_proposals, const accord_submit_options *opts,
	accord_error *err)
{
	size_t i;
	int rc;
	if (n_proposals == 1)
		return submit_one(list, n, s, proposals[0].party, path, proposals[0].text, proposals[0].len, opts, 0, err);
	if ((rc = store_group_begin(s, err)) != ACCORD_OK)
		return rc;
	for (i = 0; i < n_proposals && rc == ACCORD_OK; i++)
		rc = submit_one(list, n, s, proposals[i].party, path, proposals[i].text, proposals[i].len, opts, 1, err);
	if (rc == ACCORD_OK && *n == 0)
		rc = accord_error_set(err, ACCORD_EEMPTY, "%s: the tracked changes make no change to the text (%s and %zu more)",
			path, code, n_proposals - 1);
	rc = store_group_end(s, rc, err);
	if (rc != ACCORD_OK) {
		/* nothing was recorded: no submission to report */
		for (i = 0; i < *n; i++) {
			accord_free(list[i].party);
			accord_amendments_free(list[i].amendments);
			accord_submit_result_dispose(&list[i].result);
			memset(&list[i], 0, sizeof list[i]);
		}
		*n = 0;
	}
	return rc;
}

int accord_session_submit_file(accord_submission **out, size_t *n, accord_session *s, const char *party,
	const char *path, const char *data, size_t len, const accord_submit_options *opts, accord_error *err)
{
	accord_submit_options with = ACCORD_SUBMIT_OPTIONS_INIT;
	accord_docx_proposal *proposals = NULL;
	accord_submission *list = NULL;
	accord_roster *roster = NULL;
	accord_docx *docx = NULL;
	size_t count = 0, n_proposals = 0;
	char *code = NULL;
	int rc;

	if (out == NULL || n == NULL || s == NULL || party == NULL || path == NULL || (data == NULL && len > 0))
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_submit_file: NULL argument");
	*out = NULL;
	*n = 0;
	if (opts != NULL && opts->version != 1 && opts->version != ACCORD_SUBMIT_OPTIONS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_submit_file: unknown options version %u",
			opts->version);
	if (opts != NULL)
		memcpy(&with, opts, opts->version == 1 ? offsetof(accord_submit_options, original) : sizeof with);
	with.version = ACCORD_SUBMIT_OPTIONS_VERSION;
	if ((rc = store_party_code(&code, s, party, err)) != ACCORD_OK)
		return rc;
	if ((list = accord_calloc(1, sizeof *list)) == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	if (accord_docx_sniff(data, len) == ACCORD_DOCX_NONE) {
		rc = submit_one(list, &count, s, code, path, data != NULL ? data : "", len, &with, 0, err);
		goto cleanup;
	}
	if ((rc = accord_docx_read(&docx, data, len, path, NULL, err)) != ACCORD_OK)
		goto cleanup;
	if (with.original == NULL) {
		with.original = accord_docx_text(docx, ACCORD_DOCX_ORIGINAL, &with.original_len);
		/* no tracked changes: a clean text, its revision found by its own content */
		if (accord_docx_change_count(docx) == 0)
			with.original = NULL;
	}
	if ((rc = accord_session_roster(&roster, s, err)) != ACCORD_OK)
		goto cleanup;
	if ((rc = accord_docx_proposals(&proposals, &n_proposals, docx, roster, code)) != ACCORD_OK) {
		accord_error_set(err, rc, "%s: %s", path, accord_strerror(rc));
		goto cleanup;
	}
	accord_free(list);
	if ((list = accord_calloc(n_proposals ? n_proposals : 1, sizeof *list)) == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	rc = submit_docx(list, &count, s, code, path, proposals, n_proposals, &with, err);
cleanup:
	if (rc == ACCORD_OK) {
		*out = list;
		*n = count;
	} else {
		accord_submissions_free(list, count);
	}
	accord_docx_proposals_free(proposals, n_proposals);
	accord_roster_free(roster);
	accord_docx_free(docx);
	accord_free(code);
	return rc;
}
