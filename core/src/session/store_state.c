/*
** store_state.c: the amendment state machine (which state may follow which,
** by whom) and the names of states, decision outcomes and positions
** (accord/store.h). Pure tables: no SQL.
*/
#include <string.h>

#include "session/store_int.h"
#include "util/names_int.h"

static const char *const state_names[ACCORD_STATE_COUNT] = {
	"proposed", "bracketed", "agreed", "agreed_ad_ref", "rejected", "withdrawn", "superseded"};

const char *accord_state_name(accord_amendment_state state)
{
	return accord_name_at(state_names, ACCORD_STATE_COUNT, (int)state);
}

int accord_state_from_name(const char *name)
{
	return accord_name_index(state_names, ACCORD_STATE_COUNT, name);
}

int accord_state_is_open(accord_amendment_state state)
{
	return state == ACCORD_STATE_PROPOSED || state == ACCORD_STATE_BRACKETED || state == ACCORD_STATE_AGREED_AD_REF;
}

/*
** The legal transitions. Agreed, rejected, withdrawn and superseded are
** final: an agreed amendment goes into the next revision; a change to it
** is a new amendment to that revision.
*/
typedef struct transition {
	accord_amendment_state from;
	accord_amendment_state to;
	accord_transition_cause cause;
} transition;

static const transition transitions[] = {
	/* a decision under the pack's rule */
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_BRACKETED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_AGREED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_AGREED_AD_REF, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_REJECTED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_BRACKETED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_AGREED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_AGREED_AD_REF, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_REJECTED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_AGREED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_AGREED_AD_REF, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_BRACKETED, ACCORD_CAUSE_DECIDE},
	{ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_REJECTED, ACCORD_CAUSE_DECIDE},
	/* the proposer withdraws it (not once the meeting agreed it, even ad ref) */
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_WITHDRAWN, ACCORD_CAUSE_WITHDRAW},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_WITHDRAWN, ACCORD_CAUSE_WITHDRAW},
	/* a compromise text replaces it; an agreed one only before a revision applies it, and
	 * only while the agreed amendments do not fit together (propose checks both) */
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_SUPERSEDE},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_SUPERSEDE},
	{ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_SUPERSEDE},
	{ACCORD_STATE_AGREED, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_SUPERSEDE},
	/* a revision removed what it amends */
	{ACCORD_STATE_PROPOSED, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_LAPSE},
	{ACCORD_STATE_BRACKETED, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_LAPSE},
	{ACCORD_STATE_AGREED_AD_REF, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_LAPSE},
};

int accord_state_transition_legal(accord_amendment_state from, accord_amendment_state to,
	accord_transition_cause cause)
{
	size_t i;
	for (i = 0; i < sizeof transitions / sizeof transitions[0]; i++)
		if (transitions[i].from == from && transitions[i].to == to && transitions[i].cause == cause)
			return 1;
	return 0;
}

static const char *const outcome_names[ACCORD_SESSION_OUTCOME_COUNT] = {
	"agreed", "agreed_ad_ref", "bracketed", "rejected", "vote"};

const char *accord_session_outcome_name(accord_session_outcome outcome)
{
	return accord_name_at(outcome_names, ACCORD_SESSION_OUTCOME_COUNT, (int)outcome);
}

int accord_session_outcome_from_name(const char *name)
{
	return accord_name_index(outcome_names, ACCORD_SESSION_OUTCOME_COUNT, name);
}

/* The one list of position names (the rule packs see the same strings). */
static const char *const position_names[ACCORD_POS_COUNT] = {"support", "object", "abstain", "reserve", "absent"};

const char *accord_position_name(accord_position position)
{
	return accord_name_at(position_names, ACCORD_POS_COUNT, (int)position);
}

int accord_position_from_name(const char *name)
{
	return accord_name_index(position_names, ACCORD_POS_COUNT, name);
}
