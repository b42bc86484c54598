/*
** store_carry.h: a contribution written on an older revision, carried
** forward onto the latest (store_submit.c), with the one function of
** store_revise.c it shares.
*/
#ifndef ACCORD_STORE_CARRY_H
#define ACCORD_STORE_CARRY_H

#include "session/store_int.h"

/*
** (store_revise.c) Re-anchors one amendment (id, its stored JSON, its
** proposer) on the text next, as accord_session_revise re-anchors the open
** ones: *json gets it anchored on next (with *target its target column),
** or NULL when it is kept in its old form (a new paragraph, or one that
** comes back as several); *lapsed 1 when it no longer applies to next or
** asks for what next already says.
*/
int store_reanchor_one(char **json, char **target, int *lapsed, accord_session *s, const accord_doc *next,
	const char *id, const char *amendment_json, const char *proposer, accord_error *err);

/*
** (store_submit.c) The amendments of a contribution, anchored on the
** latest revision (number latest, text latest_doc): computed against
** revision rev (< 0: the one marked_on is closest to, the text the
** contribution was marked up on when the file says so; NULL: the one the
** contribution itself is closest to) and, when
** that is older, carried forward onto latest_doc; changes already adopted
** since, and those that would turn back text adopted since, are left out
** and counted in *result. Ids are "PARTY/n" from 1 (the caller renumbers).
** ACCORD_ENOTFOUND for a revision the session does not have.
*/
int store_submit_changes(accord_amendment_list **out, accord_submit_result *result, accord_session *s,
	unsigned latest, const accord_doc *latest_doc, const accord_doc *contribution, const accord_doc *marked_on,
	const char *party, int rev,
	const char *name, accord_error *err);

/* Appends ,"written_on":N,"left_out":[...] to a submit payload when the contribution was carried forward. */
int store_submit_payload(accord_buf *payload, const accord_submit_result *result);

#endif
