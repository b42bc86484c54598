/* store_propose.c: a hand-typed amendment tabled in a session (accord_session_propose_edit). */
#include "accord/proposal.h"
#include "session/store_int.h"

int accord_session_propose_edit(char **out_id, accord_session *s, const char *party, const accord_proposal *p,
	const char *const *supersedes, size_t n_supersedes, accord_error *err)
{
	accord_doc *doc = NULL;
	unsigned rev = 0;
	int rc;

	if (out_id == NULL || s == NULL || party == NULL || p == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_propose_edit: NULL argument");
	*out_id = NULL;
	if ((rc = accord_proposal_check(p, err)) != ACCORD_OK ||
	    (rc = accord_session_revision_count(&rev, s, err)) != ACCORD_OK ||
	    (rc = accord_session_text(&doc, s, (int)rev, err)) != ACCORD_OK)
		goto cleanup;
	if ((rc = accord_proposal_apply(doc, p, err)) == ACCORD_OK)
		rc = accord_session_propose_doc(out_id, s, party, doc, (int)rev, supersedes, n_supersedes, err);
cleanup:
	accord_doc_free(doc);
	return rc;
}
