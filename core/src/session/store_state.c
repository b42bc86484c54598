/*
** store_state.c: the amendment state machine (which state may follow which,
** by whom) and the names of states, decision outcomes and positions
** (accord/store.h). Pure tables: no SQL.
*/
#include <string.h>

#include "session/store_int.h"

/* names[i] of count names, NULL when i is out of range. */
static const char *name_at(const char *const *names, int count, int i)
{
	return i >= 0 && i < count ? names[i] : NULL;
}

/* The index of name among count names, -1 when it is not one of them (or NULL). */
static int name_lookup(const char *const *names, int count, const char *name)
{
	int i;
	if (name == NULL)
		return -1;
	for (i = 0; i < count; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

static const char *const state_names[ACCORD_STATE_COUNT] = {
	"proposed", "bracketed", "agreed", "agreed_ad_ref", "rejected", "withdrawn", "superseded"};

const char *accord_state_name(accord_amendment_state state)
{
	return name_at(state_names, ACCORD_STATE_COUNT, (int)state);
}

int accord_state_from_name(const char *name)
{
	return name_lookup(state_names, ACCORD_STATE_COUNT, name);
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
	return name_at(outcome_names, ACCORD_SESSION_OUTCOME_COUNT, (int)outcome);
}

int accord_session_outcome_from_name(const char *name)
{
	return name_lookup(outcome_names, ACCORD_SESSION_OUTCOME_COUNT, name);
}

/* The one list of position names (the rule packs see the same strings). */
static const char *const position_names[ACCORD_POS_COUNT] = {"support", "object", "abstain", "reserve", "absent"};

const char *accord_position_name(accord_position position)
{
	return name_at(position_names, ACCORD_POS_COUNT, (int)position);
}

int accord_position_from_name(const char *name)
{
	return name_lookup(position_names, ACCORD_POS_COUNT, name);
}
