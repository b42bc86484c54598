/*
** store_vote.c: recorded votes. A party casts yes, no or abstain on an
** open amendment, or the chair takes a roll call (every ballot in one
** event) and may mark the question important (UN GA rule 83: two-thirds).
** The stage's gate lets "vote" in, the rule pack's may_vote says who may
** vote; the decision rule reads the votes when the amendment is decided
** (store_decide.c, ctx.votes).
*/
#include <string.h>

#include "session/store_int.h"

/* ---- names ------------------------------------------------------------------------------ */

static const char *const vote_names[ACCORD_VOTE_COUNT] = {"yes", "no", "abstain"};

const char *accord_vote_name(accord_vote_choice vote)
{
	return (unsigned)vote < ACCORD_VOTE_COUNT ? vote_names[vote] : NULL;
}

int accord_vote_from_name(const char *name)
{
	int i;
	for (i = 0; name != NULL && i < ACCORD_VOTE_COUNT; i++)
		if (strcmp(vote_names[i], name) == 0)
			return i;
	return -1;
}

/* ---- reading, for the decision rule -------------------------------------------------------- */

void store_ballots_dispose(store_ballots *b)
{
	size_t i;
	for (i = 0; i < b->count; i++)
		accord_free(b->codes[i]);
	accord_free(b->codes);
	accord_free(b->ballots);
	memset(b, 0, sizeof *b);
}

int store_ballots_load(store_ballots *b, accord_session *s, const char *amendment, accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	size_t cap = 0;
	int rc;
	memset(b, 0, sizeof *b);
	rc = sqlite3_prepare_v2(s->conn.db,
		"SELECT votes.party, votes.vote FROM votes JOIN parties ON parties.code = votes.party "
		"WHERE votes.amendment = ?1 ORDER BY parties.ord",
		-1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	sqlite3_bind_text(stmt, 1, amendment, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		size_t cap_codes = cap;
		char **codes = store_grow(b->codes, &cap_codes, b->count, sizeof *b->codes, 8);
		accord_session_ballot *ballots;
		int vote;
		if (codes == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		b->codes = codes;
		ballots = store_grow(b->ballots, &cap, b->count, sizeof *b->ballots, 8);
		if (ballots == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		b->ballots = ballots;
		if ((b->codes[b->count] = store_column_dup(stmt, 0)) == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		vote = accord_vote_from_name((const char *)sqlite3_column_text(stmt, 1));
		b->ballots[b->count].party = b->codes[b->count];
		b->ballots[b->count].vote = vote >= 0 ? (accord_vote_choice)vote : ACCORD_VOTE_ABSTAIN;
		b->count++;
	}
	rc = store_rows_done(s, stmt, rc, err);
	if (rc != ACCORD_OK)
		store_ballots_dispose(b);
	return rc;
}

int store_amendment_int(int64_t *out, accord_session *s, const char *sql, const char *amendment, accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;
	*out = 0;
	rc = sqlite3_prepare_v2(s->conn.db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	sqlite3_bind_text(stmt, 1, amendment, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(stmt, 0);
		rc = SQLITE_DONE;
	}
	return store_rows_done(s, stmt, rc, err);
}

int store_question_important(int *out, accord_session *s, const char *amendment, accord_error *err)
{
	int64_t important = 0;
	int rc = store_amendment_int(&important, s, "SELECT important FROM questions WHERE amendment = ?1", amendment, err);
	*out = important != 0;
	return rc;
}

/* ---- voting ---------------------------------------------------------------------------------- */

/* Asks the rules' may_vote about party: ACCORD_EREFUSED with the pack's words. */
static int ask_may_vote(accord_session *s, const store_party_row *p, const accord_session_context *ctx,
	accord_error *err)
{
	accord_buf reason = ACCORD_BUF_INIT;
	int rc;
	if (s->rules->may_vote == NULL)
		return ACCORD_OK;
	rc = s->rules->may_vote(s->rules->data, &p->view, ctx, &reason, err);
	if (rc == 0)
		rc = accord_error_set(err, ACCORD_EREFUSED, "%s may not vote on %s: %s", p->code,
			ctx->amendment != NULL && ctx->amendment->id != NULL ? ctx->amendment->id : "it",
			reason.size > 0 ? reason.ptr : "refused by the rule pack");
	else if (rc > 0)
		rc = ACCORD_OK;
	accord_buf_dispose(&reason);
	return rc;
}

/*
** The votes of a vote event, checked: each party in the roster (its
** roster spelling), at most once, allowed by may_vote; appended to the
** payload as "votes":[{"party":..,"vote":..}].
*/
static int ballots_locked(store_action *act, const accord_session_ballot *ballots, size_t n, int important,
	accord_error *err)
{
	accord_session *s = act->s;
	char **seen = NULL;
	size_t i, j, kept = 0;
	int rc = ACCORD_OK, was_important = 0;

	if (!accord_state_is_open(act->amendment.state))
		return accord_error_set(err, ACCORD_ESTATE, "%s is %s: only an open amendment is put to the vote",
			act->amendment.id, accord_state_name(act->amendment.state));
	if ((rc = store_question_important(&was_important, s, act->amendment.id, err)) != ACCORD_OK)
		return rc;
	if (n > 0 && (seen = accord_calloc(n, sizeof *seen)) == NULL)
		return store_nomem(err);
	rc = accord_buf_puts(&act->payload, "{\"party\":");
	rc |= store_json_str(&act->payload, act->party.code);
	rc |= accord_buf_puts(&act->payload, ",\"amendment\":");
	rc |= store_json_str(&act->payload, act->amendment.id);
	rc |= accord_buf_puts(&act->payload, ",\"votes\":[");
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
	for (i = 0; rc == ACCORD_OK && i < n; i++) {
		accord_session_context ctx;
		store_party_row p;
		char *code = NULL;
		if (accord_vote_name(ballots[i].vote) == NULL) {
			rc = accord_error_set(err, ACCORD_EINVAL, "a vote is yes, no or abstain");
			break;
		}
		if ((rc = store_party_code(&code, s, ballots[i].party, err)) != ACCORD_OK)
			break;
		for (j = 0; j < kept; j++)
			if (strcmp(seen[j], code) == 0)
				break;
		if (j < kept) {
			rc = accord_error_set(err, ACCORD_ECONFLICT, "%s votes twice in the roll call on %s", code, act->amendment.id);
			accord_free(code);
			break;
		}
		seen[kept++] = code;
		if ((rc = store_party_load(&p, s, code, err)) != ACCORD_OK)
			break;
		store_context_init(&ctx, s, "vote", act->stage);
		ctx.amendment = store_row_amendment(&act->amendment);
		ctx.state = accord_state_name(act->amendment.state);
		ctx.vote = accord_vote_name(ballots[i].vote);
		ctx.important = important >= 0 ? important : was_important;
		rc = ask_may_vote(s, &p, &ctx, err);
		store_party_dispose(&p);
		if (rc != ACCORD_OK)
			break;
		rc = accord_buf_printf(&act->payload, "%s{\"party\":", i > 0 ? "," : "");
		rc |= store_json_str(&act->payload, code);
		rc |= accord_buf_printf(&act->payload, ",\"vote\":\"%s\"}", accord_vote_name(ballots[i].vote));
		if (rc != ACCORD_OK)
			rc = store_nomem(err);
	}
	if (rc == ACCORD_OK) {
		rc = accord_buf_putc(&act->payload, ']');
		if (important >= 0)
			rc |= accord_buf_printf(&act->payload, ",\"important\":%s", important ? "true" : "false");
		rc |= accord_buf_putc(&act->payload, '}');
		if (rc != ACCORD_OK)
			rc = store_nomem(err);
	}
	for (j = 0; j < kept; j++)
		accord_free(seen[j]);
	accord_free(seen);
	return rc;
}

int accord_session_cast_vote(accord_session *s, const char *party, const char *amendment, accord_vote_choice vote,
	accord_error *err)
{
	accord_session_ballot ballot;
	store_action act;
	char *code = NULL;
	int rc;
	if (s == NULL || amendment == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_cast_vote: NULL argument");
	if (accord_vote_name(vote) == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "a vote is yes, no or abstain");
	if ((rc = store_party_code(&code, s, party, err)) != ACCORD_OK)
		return rc;
	ballot.party = code;
	ballot.vote = vote;
	rc = store_action_begin(&act, s, "vote", STORE_ACTION_RULES | STORE_ACTION_PARTY | STORE_ACTION_AMENDMENT |
		STORE_ACTION_STAGE, code, amendment, err);
	if (rc == ACCORD_OK)
		rc = ballots_locked(&act, &ballot, 1, -1, err);
	rc = store_action_end(&act, rc, err);
	accord_free(code);
	return rc;
}

int accord_session_roll_call(accord_session *s, const char *amendment, const accord_session_ballot *ballots, size_t n,
	int important, accord_error *err)
{
	store_action act;
	int rc;
	if (s == NULL || amendment == NULL || (ballots == NULL && n > 0))
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_roll_call: NULL argument");
	if (n == 0 && important < 0)
		return accord_error_set(err, ACCORD_EINVAL, "a roll call on %s with no vote in it", amendment);
	rc = store_action_begin(&act, s, "vote", STORE_ACTION_RULES | STORE_ACTION_AMENDMENT | STORE_ACTION_STAGE, NULL,
		amendment, err);
	if (rc == ACCORD_OK)
		rc = ballots_locked(&act, ballots, n, important > 0 ? 1 : important, err);
	return store_action_end(&act, rc, err);
}
