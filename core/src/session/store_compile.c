/*
** store_compile.c: the compilation of a session's open amendments on its
** latest revision (accord compile, session:compile()).
*/
#include <string.h>

#include "accord/consolidate.h"
#include "compile/consolidate_int.h"
#include "session/store_brackets.h"
#include "session/store_int.h"

/* What the compilation is made of: the latest text, and which amendments it shows. */
typedef struct compile_set {
	const accord_doc *text;
	const accord_session_amendment *rows;
	const unsigned char *shown; /* per row: compiled */
	size_t n;
} compile_set;

/*
** The stored amendment id when the compilation leaves it out (rejected,
** withdrawn, superseded: not shown) and the text has no paragraph or
** section of that id; else -1.
*/
static long left_out(const compile_set *cs, const char *id)
{
	size_t j;
	if (id == NULL || accord_doc_find_para(cs->text, id) != NULL || accord_doc_find_section(cs->text, id) != NULL)
		return -1;
	for (j = 0; j < cs->n; j++)
		if (!cs->shown[j] && strcmp(cs->rows[j].id, id) == 0)
			return (long)j;
	return -1;
}

/*
** A new paragraph placed by one the compilation leaves out (USA/10 after
** USA/9, rejected) takes that one's own place, as a revision does: the
** rejected one's parent and predecessor, up the chain. chain[] keeps the
** amendments read on the way (their strings are a's), freed by the caller.
*/
static int reanchor(accord_amendment *a, const compile_set *cs, accord_amendment_list **chain, size_t max,
	accord_error *err)
{
	size_t k;
	for (k = 0; k < max; k++) {
		long gone = left_out(cs, a->position.parent);
		int parent = gone >= 0;
		const accord_amendment *m;
		int rc;
		if (!parent && (gone = left_out(cs, a->position.after)) < 0)
			return ACCORD_OK;
		rc = accord_amendments_parse_json(&chain[k], cs->rows[gone].json, strlen(cs->rows[gone].json),
			cs->rows[gone].id, err);
		if (rc != ACCORD_OK)
			return rc;
		if (accord_amendments_count(chain[k]) != 1)
			return ACCORD_OK;
		m = accord_amendments_get(chain[k], 0);
		if (m->op != ACCORD_OP_ADD && m->op != ACCORD_OP_MOVE)
			return ACCORD_OK; /* no place of its own: the compilation says what is wrong */
		if (parent) {
			a->position.section = m->position.section;
			a->position.parent = m->position.parent;
			if (a->position.after == NULL || strcmp(a->position.after, cs->rows[gone].id) == 0)
				a->position.after = m->position.after;
		} else {
			a->position.after = m->position.after;
		}
	}
	return ACCORD_OK;
}

#define CHAIN_MAX 64

/*
** Appends to list the amendment stored in row, with the proposers the
** session records (the original proposer, then its co-sponsors), placed
** past the amendments the compilation leaves out.
*/
static int add_row(accord_amendment_list *list, const accord_session_amendment *row, const compile_set *cs,
	accord_error *err)
{
	accord_amendment_list *one = NULL, *chain[CHAIN_MAX] = {NULL};
	accord_amendment a;
	const char **proposers = NULL;
	char *codes = NULL;
	size_t k = 0;
	int rc = accord_amendments_parse_json(&one, row->json, strlen(row->json), row->id, err);
	if (rc != ACCORD_OK)
		return rc;
	if (accord_amendments_count(one) != 1) {
		rc = accord_error_set(err, ACCORD_ECORRUPT, "amendment %s: stored as %zu amendments", row->id,
			accord_amendments_count(one));
		goto cleanup;
	}
	a = *accord_amendments_get(one, 0);
	a.id = row->id;
	if ((a.op == ACCORD_OP_ADD || a.op == ACCORD_OP_MOVE) && (rc = reanchor(&a, cs, chain, CHAIN_MAX, err)) != ACCORD_OK)
		goto cleanup;
	if (row->proposers != NULL && row->proposers[0] != '\0') {
		size_t n = 1;
		char *p, *save = NULL, *tok;
		for (p = row->proposers; *p; p++)
			n += *p == ',';
		codes = accord_strdup(row->proposers);
		proposers = accord_calloc(n, sizeof *proposers);
		if (codes == NULL || proposers == NULL) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			goto cleanup;
		}
		for (tok = strtok_r(codes, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save))
			if (*tok)
				proposers[k++] = tok;
		if (k > 0) {
			a.proposers = proposers;
			a.n_proposers = k;
		}
	}
	rc = accord_amendments_add(list, &a);
	if (rc != ACCORD_OK)
		accord_error_set(err, rc, "amendment %s: cannot be compiled", row->id);
cleanup:
	for (k = 0; k < CHAIN_MAX; k++)
		accord_amendments_free(chain[k]);
	accord_free((void *)proposers);
	accord_free(codes);
	accord_amendments_free(one);
	return rc;
}

/*
** The roster's names in the compilation's legend. A party the roster does
** not have is the officer a session from a bracketed text added
** (store_brackets.c): it keeps its code.
*/
static int set_names(accord_compilation *c, const accord_roster *roster, accord_error *err)
{
	size_t i;
	for (i = 0; i < accord_compilation_party_count(c); i++)
		if (accord_roster_find(roster, accord_compilation_party(c, i)) == NULL)
			break;
	if (i == accord_compilation_party_count(c))
		return accord_compilation_set_roster(c, roster, err);
	for (i = 0; i < accord_compilation_party_count(c); i++) {
		const accord_party *p = accord_roster_find(roster, accord_compilation_party(c, i));
		const char *name = p != NULL ? accord_party_name(p) : NULL;
		int rc;
		if (name != NULL && *name &&
		    (rc = accord_compilation_set_party_info(c, accord_compilation_party(c, i), name, NULL)) != ACCORD_OK)
			return accord_error_set(err, rc, "out of memory");
	}
	return ACCORD_OK;
}

int accord_session_compile(accord_compilation **out, accord_session *s, accord_error *err)
{
	accord_session_amendment *rows = NULL;
	accord_amendment_list *list = NULL;
	accord_compilation *c = NULL;
	accord_doc *text = NULL;
	accord_roster *roster = NULL;
	unsigned char *question = NULL; /* per row: an open question of the bracketed text */
	unsigned char *shown = NULL;    /* per row: compiled (open, not such a question) */
	compile_set cs;
	size_t n = 0, i;
	int rc;

	if (out == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_compile: NULL argument");
	*out = NULL;
	if ((rc = accord_session_text(&text, s, -1, err)) != ACCORD_OK ||
	    (rc = accord_session_amendments(&rows, &n, s, -1, err)) != ACCORD_OK)
		goto cleanup;
	if ((rc = accord_amendments_new(&list)) != ACCORD_OK) {
		rc = accord_error_set(err, rc, "out of memory");
		goto cleanup;
	}
	/*
	** The open questions of a bracketed text are in the revision's text, in their brackets: shown
	** again as proposals they read as deletions of the bracket characters (issue 15). The others,
	** the parties' own proposals, are compiled as in any session.
	*/
	if ((question = accord_calloc(n + 1, 1)) == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	if ((shown = accord_calloc(n + 1, 1)) == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	for (i = 0; i < n && rc == ACCORD_OK; i++) {
		int q = 0;
		if (accord_state_is_open(rows[i].state) &&
		    (rc = store_brackets_is_question(&q, s, rows[i].id, err)) == ACCORD_OK)
			shown[i] = !(question[i] = (unsigned char)q);
	}
	cs.text = text;
	cs.rows = rows;
	cs.shown = shown;
	cs.n = n;
	for (i = 0; i < n && rc == ACCORD_OK; i++)
		if (shown[i])
			rc = add_row(list, &rows[i], &cs, err);
	if (rc == ACCORD_OK && (rc = accord_compilation_new(&c, text, err)) == ACCORD_OK) {
		accord_compilation_own_base(c, text);
		text = NULL;
		if ((rc = accord_compilation_add_amendments(c, list, err)) == ACCORD_OK)
			rc = accord_compilation_build(c, err);
		for (i = 0; i < n && rc == ACCORD_OK; i++) /* the compilation shows "agreed ad ref", "bracketed" */
			if (accord_state_is_open(rows[i].state) && !question[i])
				rc = accord_compilation_set_state(c, rows[i].id, accord_state_name(rows[i].state));
		if (rc == ACCORD_OK && (rc = accord_session_roster(&roster, s, err)) == ACCORD_OK && roster != NULL)
			rc = set_names(c, roster, err); /* the legend names the parties */
	}
	if (rc == ACCORD_OK) {
		*out = c;
		c = NULL;
	}
cleanup:
	accord_free(shown);
	accord_free(question);
	accord_roster_free(roster);
	accord_compilation_free(c);
	accord_amendments_free(list);
	accord_session_amendments_free(rows, n);
	accord_doc_free(text);
	return rc;
}
