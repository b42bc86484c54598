/*
** store_submit_file.c: a contribution as a file (accord_session_submit_file).
** Text is submitted as it is; a Word file is read for the text its tracked
** changes were made on and split by author, one submission per party, all
** of them in one transaction (store_group_begin).
*/
#include <stddef.h>
#include <string.h>

#include "accord/diff.h"
#include "accord/docx.h"
#include "accord/format.h"
#include "session/store_int.h"

/* Frees what one submission holds; it is zeroed. */
static void submission_dispose(accord_submission *sub)
{
	accord_free(sub->party);
	accord_amendments_free(sub->amendments);
	accord_submit_result_dispose(&sub->result);
	memset(sub, 0, sizeof *sub);
}

void accord_submissions_free(accord_submission *list, size_t n)
{
	size_t i;
	if (list == NULL)
		return;
	for (i = 0; i < n; i++)
		submission_dispose(&list[i]);
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

/* ---- the file's comments, kept as the parties' comments in the session ---------------------- */

/* The paragraph of doc (children included) that starts on line, or NULL. */
static const accord_para *para_at_line(const accord_para *p, unsigned line)
{
	size_t i;
	if (accord_para_line(p) == line)
		return p;
	for (i = 0; i < accord_para_child_count(p); i++) {
		const accord_para *found = para_at_line(accord_para_child(p, i), line);
		if (found != NULL)
			return found;
	}
	return NULL;
}

/* The first paragraph of p's subtree whose text is text, or NULL. */
static const accord_para *para_with_text(const accord_para *p, const char *text)
{
	size_t i;
	if (strcmp(accord_para_text(p), text) == 0)
		return p;
	for (i = 0; i < accord_para_child_count(p); i++) {
		const accord_para *found = para_with_text(accord_para_child(p, i), text);
		if (found != NULL)
			return found;
	}
	return NULL;
}

/* Over every top-level paragraph of doc: f(paragraph, arg) until one gives a paragraph. */
static const accord_para *doc_find(const accord_doc *doc, const accord_para *(*f)(const accord_para *, const void *),
	const void *arg)
{
	size_t i, j;
	for (i = 0; i < accord_doc_section_count(doc); i++) {
		const accord_section *sec = accord_doc_section(doc, i);
		for (j = 0; j < accord_section_para_count(sec); j++) {
			const accord_para *found = f(accord_section_para(sec, j), arg);
			if (found != NULL)
				return found;
		}
	}
	return NULL;
}

static const accord_para *by_line(const accord_para *p, const void *line)
{
	return para_at_line(p, *(const unsigned *)line);
}

static const accord_para *by_text(const accord_para *p, const void *text)
{
	return para_with_text(p, text);
}

/*
** What a comment on line (of the file's text, its changes accepted) is
** about: the paragraph of the latest revision there (the one an amendment
** of the file changes, or one with the same words), the new paragraph an
** amendment just recorded adds there, or NULL (the text as a whole).
** Borrowed from latest, changes or list.
*/
static const char *comment_target(const accord_doc *latest, const accord_doc *accepted,
	const accord_amendment_list *changes, const accord_submission *list, size_t n, unsigned line)
{
	const accord_para *para;
	size_t i, j;
	if (line == 0 || (para = doc_find(accepted, by_line, &line)) == NULL)
		return NULL;
	for (i = 0; i < accord_amendments_count(changes); i++) {
		const accord_amendment *a = accord_amendments_get(changes, i);
		if (a->source_line != line)
			continue;
		if (a->op == ACCORD_OP_MOD && a->target != NULL)
			return a->target;
		/* a new paragraph: the amendment a party tabled with its words */
		for (j = 0; j < n; j++) {
			size_t k;
			for (k = 0; k < accord_amendments_count(list[j].amendments); k++) {
				const accord_amendment *b = accord_amendments_get(list[j].amendments, k);
				if (b->op == ACCORD_OP_ADD && b->text != NULL && strcmp(b->text, accord_para_text(para)) == 0)
					return b->id;
			}
		}
		return NULL;
	}
	para = doc_find(latest, by_text, accord_para_text(para));
	return para != NULL ? accord_para_id(para) : NULL;
}

/* The entry of party in list (added, with no amendment, when it has none). */
static accord_submission *entry_of(accord_submission *list, size_t *n, const char *party)
{
	size_t i;
	for (i = 0; i < *n; i++)
		if (strcmp(list[i].party, party) == 0)
			return &list[i];
	if ((list[*n].party = accord_strdup(party)) == NULL)
		return NULL;
	return &list[(*n)++];
}

/*
** Records the file's comments as the comments of their parties (the WHO:
** that starts one, its author when a party, else `code`), each on the
** paragraph or amendment it is about. One the procedure refuses (no
** comments at this stage) is counted in comments_refused, not recorded.
*/
static int submit_comments(accord_submission *list, size_t *n, accord_session *s, const char *code, const char *path,
	accord_docx *docx, const accord_roster *roster, accord_error *err)
{
	accord_parse_options popts = ACCORD_PARSE_OPTIONS_INIT;
	accord_amendment_list *changes = NULL;
	accord_doc *latest = NULL, *accepted = NULL;
	const char *text;
	size_t i, len;
	int rc;

	if (accord_docx_comment_count(docx) == 0)
		return ACCORD_OK;
	if ((rc = accord_docx_attribute_comments(docx, roster)) != ACCORD_OK)
		return accord_error_set(err, rc, "out of memory");
	rc = accord_session_text(&latest, s, -1, err);
	popts.name = path;
	popts.force_generic = rc == ACCORD_OK && accord_doc_mode_of(latest) == ACCORD_MODE_GENERIC;
	text = accord_docx_text(docx, ACCORD_DOCX_ACCEPTED, &len);
	if (rc == ACCORD_OK)
		rc = accord_doc_parse(&accepted, text, len, &popts, err);
	if (rc == ACCORD_OK)
		rc = accord_doc_diff(&changes, latest, accepted, NULL, err);
	for (i = 0; rc == ACCORD_OK && i < accord_docx_comment_count(docx); i++) {
		const accord_docx_comment *c = accord_docx_comment_get(docx, i);
		const char *party = c->party != NULL ? c->party : code;
		const char *target = comment_target(latest, accepted, changes, list, *n, c->line);
		accord_submission *sub;
		accord_error quiet;
		/* empty, or accord's own note (a compilation's attribution): not a party's view */
		if (c->text[0] == '\0' || strcmp(c->author, ACCORD_DOCX_NOTE_AUTHOR) == 0)
			continue;
		accord_error_clear(&quiet);
		rc = accord_session_comment(NULL, s, party, target, c->text, &quiet);
		if (rc != ACCORD_OK && rc != ACCORD_EREFUSED) {
			if (err != NULL)
				*err = quiet;
			break;
		}
		if ((sub = entry_of(list, n, party)) == NULL) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			break;
		}
		if (rc == ACCORD_OK)
			sub->comments++;
		else
			sub->comments_refused++;
		rc = ACCORD_OK;
	}
	accord_amendments_free(changes);
	accord_doc_free(accepted);
	accord_doc_free(latest);
	return rc;
}

/* How many amendments and comments list records. */
static size_t recorded(const accord_submission *list, size_t n)
{
	size_t i, count = 0;
	for (i = 0; i < n; i++)
		count += accord_amendments_count(list[i].amendments) + list[i].comments;
	return count;
}

/*
** A Word file: one submission per party its authors name, and its
** comments, in one transaction.
*/
static int submit_docx(accord_submission *list, size_t *n, accord_session *s, const char *code, const char *path,
	const accord_docx_proposal *proposals, size_t n_proposals, accord_docx *docx, const accord_roster *roster,
	const accord_submit_options *opts, accord_error *err)
{
	size_t i;
	int rc;
	if (n_proposals == 1 && accord_docx_comment_count(docx) == 0)
		return submit_one(list, n, s, proposals[0].party, path, proposals[0].text, proposals[0].len, opts, 0, err);
	if ((rc = store_group_begin(s, err)) != ACCORD_OK)
		return rc;
	/* a party whose changes come to nothing is skipped; a file of comments alone is one too */
	for (i = 0; i < n_proposals && rc == ACCORD_OK; i++)
		rc = submit_one(list, n, s, proposals[i].party, path, proposals[i].text, proposals[i].len, opts, 1, err);
	if (rc == ACCORD_OK)
		rc = submit_comments(list, n, s, code, path, docx, roster, err);
	if (rc == ACCORD_OK && recorded(list, *n) == 0)
		rc = accord_error_set(err, ACCORD_EEMPTY, "%s: no change to the text and no comment the procedure takes", path);
	rc = store_group_end(s, rc, err);
	if (rc != ACCORD_OK) {
		/* nothing was recorded: no submission to report */
		for (i = 0; i < *n; i++)
			submission_dispose(&list[i]);
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
	/* an entry per party with changes, and per party with comments only */
	if ((list = accord_calloc(n_proposals + accord_docx_comment_count(docx) + 1, sizeof *list)) == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	rc = submit_docx(list, &count, s, code, path, proposals, n_proposals, docx, roster, &with, err);
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
