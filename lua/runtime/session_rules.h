/*
** session_rules.h: a rule pack (accord_pack.h) as the rules of a drafting
** session (accord_session_rules in accord/store.h).
**
** The store owns legality (the amendment state machine); the pack decides
** who may do what:
**   every action first         -> the stage's `allows` lets it in
**                                 (docs/workflows.md, "Stages and actions")
**   propose, submit, cosponsor  -> pack.may_propose(party, ctx)
**   propose --supersedes        -> pack.may_supersede(party, ctx) per
**                                 amendment (none: the store's default)
**   position (any of the four)  -> pack.may_object(party, ctx)
**   vote                        -> pack.may_vote(party, ctx), per party voting
**   decide                      -> pack.decide(positions, ctx), ctx with the
**                                 amendment, the tally with names and the
**                                 recorded votes (docs/sessions.md)
**   decide --as-chair           -> the stage's `allows` has "rule" (the gate's
**                                 action "rule"); decide is not asked
**   stage                       -> the ids of pack.stages, in order
**   stage --back                -> refused by stages_back = false or the
**                                 stage's back = false
** A pack without stages allows every action at any time. A "vote" outcome
** with a result ("adopted"/"rejected") becomes agreed/rejected. A pack's
** malformed answer (a decision without its tally, a may_* that returns no
** boolean) is ACCORD_ESCRIPT: the pack failed, as when it raises.
*/
#ifndef ACCORD_SESSION_RULES_H
#define ACCORD_SESSION_RULES_H

#include "accord/roster.h"
#include "accord/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct accord_session_pack accord_session_pack;

/*
** Loads the pack file at path for a session whose roster is `roster`
** (ownership passes to the pack, even on failure; may be NULL). Fails as
** accord_pack_load does.
*/
ACCORD_API int accord_session_pack_load(accord_session_pack **out, const char *path, accord_roster *roster,
	accord_error *err);

/* The callbacks, valid until accord_session_pack_free. */
ACCORD_API const accord_session_rules *accord_session_pack_rules(const accord_session_pack *sp);

/* The rule pack itself (its bracket convention...), valid until accord_session_pack_free. */
struct accord_pack;
ACCORD_API struct accord_pack *accord_session_pack_pack(const accord_session_pack *sp);

/*
** accord_session_revise_with under the pack: opts (may be NULL: the
** defaults) with the pack's renumbering rule (renumber = "adoption" or
** "revision") and its bracket convention for the labels of the paragraphs
** the revision places ("d bis)"). What `accord revise`, s:revise() and the
** simulated runs call. Errors: those of accord_session_revise_with, and of
** reading the pack's fields (ACCORD_ESCRIPT, ACCORD_ESCHEMA).
*/
struct accord_revise_options;
struct accord_revise_result;
ACCORD_API int accord_session_pack_revise(struct accord_revise_result *out, accord_session *s, accord_session_pack *sp,
	const struct accord_revise_options *opts, accord_error *err);

/* Frees the pack, its sandbox and the roster. NULL-safe. */
ACCORD_API void accord_session_pack_free(accord_session_pack *sp);

#ifdef __cplusplus
}
#endif
#endif
