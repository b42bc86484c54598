/*
** store_decide.c: the chair's actions: deciding amendments under the rule
** pack (consensus or a vote) and moving the session to another stage.
*/
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "accord/text.h"
#include "session/store_int.h"

/* ---- decide --------------------------------------------------------------------------------- */

void accord_session_decisions_free(accord_session_decision *decisions, size_t count)
{
	size_t i;
	if (decisions == NULL)
		return;
	for (i = 0; i < count; i++) {
		accord_free(decisions[i].amendment);
		accord_free(decisions[i].tally);
		accord_free(decisions[i].rule);
	}
	accord_free(decisions);
}

/* Every party's position on one amendment (absent included), in roster order. */
typedef struct vote_set {
	store_party_row *parties;
	char **positions;
	accord_session_vote *votes;
	size_t count;
	int any_reserve;
} vote_set;

static void vote_set_dispose(vote_set *v)
{
	size_t i;
	for (i = 0; i < v->count; i++) {
		store_party_dispose(&v->parties[i]);
		accord_free(v->positions[i]);
	}
	accord_free(v->parties);
	accord_free(v->positions);
	accord_free(v->votes);
	memset(v, 0, sizeof *v);
}

static int vote_set_load(vote_set *v, accord_session *s, const char *amendment, accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	size_t cap = s->n_parties, i;
	int rc;
	memset(v, 0, sizeof v[0]);
	if (cap == 0)
		return ACCORD_OK;
	v->parties = accord_calloc(cap, sizeof *v->parties);
	v->positions = accord_calloc(cap, sizeof *v->positions);
	v->votes = accord_calloc(cap, sizeof *v->votes);
	if (v->parties == NULL || v->positions == NULL || v->votes == NULL) {
		vote_set_dispose(v);
		return store_nomem(err);
	}
	rc = sqlite3_prepare_v2(s->conn.db,
		"SELECT parties.code, coalesce(positions.position, 'absent') FROM parties "
		"LEFT JOIN positions ON positions.party = parties.code AND positions.amendment = ?1 ORDER BY parties.ord",
		-1, &stmt, NULL);
	if (rc != SQLITE_OK) {
		vote_set_dispose(v);
		return store_step_error(s, rc, err);
	}
	sqlite3_bind_text(stmt, 1, amendment, -1, SQLITE_STATIC);
	while (v->count < cap && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		v->positions[v->count] = store_column_dup(stmt, 1);
		if (v->positions[v->count] == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		v->parties[v->count].code = store_column_dup(stmt, 0);
		v->count++;
	}
	/* The loop stops at a row once every party is in. */
	rc = store_rows_done(s, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, err);
	if (rc != ACCORD_OK) {
		vote_set_dispose(v);
		return rc;
	}
	for (i = 0; i < v->count; i++) {
		char *code = v->parties[i].code;
		if (code == NULL) {
			vote_set_dispose(v);
			return store_nomem(err);
		}
		v->parties[i].code = NULL;
		rc = store_party_load(&v->parties[i], s, code, err);
		accord_free(code);
		if (rc != ACCORD_OK) {
			vote_set_dispose(v);
			return rc;
		}
		v->votes[i].party = &v->parties[i].view;
		v->votes[i].position = v->positions[i];
		if (strcmp(v->positions[i], "reserve") == 0)
			v->any_reserve = 1;
	}
	return ACCORD_OK;
}

/* The open amendments in scope, in submission order. */
static int scope_ids(char ***out, size_t *count, accord_session *s, accord_decide_scope scope, const char *id,
	accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	char **ids = NULL;
	size_t n = 0, cap = 0;
	const char *sql;
	int rc;
	*out = NULL;
	*count = 0;
	if (scope == ACCORD_DECIDE_AMENDMENT)
		sql = "SELECT id FROM amendments WHERE id = ?1";
	else if (scope == ACCORD_DECIDE_PARAGRAPH)
		sql = "SELECT id FROM amendments WHERE target = ?1 AND state IN ('proposed','bracketed','agreed_ad_ref') "
		      "ORDER BY seq";
	else
		sql = "SELECT id FROM amendments WHERE state IN ('proposed','bracketed','agreed_ad_ref') ORDER BY seq";
	rc = sqlite3_prepare_v2(s->conn.db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	if (scope != ACCORD_DECIDE_ALL)
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char **grown = store_grow(ids, &cap, n, sizeof *ids, 16);
		if (grown == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		ids = grown;
		ids[n] = store_column_dup(stmt, 0);
		if (ids[n] == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		n++;
	}
	rc = store_rows_done(s, stmt, rc, err);
	if (rc != ACCORD_OK) {
		size_t i;
		for (i = 0; i < n; i++)
			accord_free(ids[i]);
		accord_free(ids);
		return rc;
	}
	*out = ids;
	*count = n;
	return ACCORD_OK;
}

static accord_amendment_state outcome_state(accord_session_outcome outcome)
{
	switch (outcome) {
	case ACCORD_SESSION_AGREED: return ACCORD_STATE_AGREED;
	case ACCORD_SESSION_AGREED_AD_REF: return ACCORD_STATE_AGREED_AD_REF;
	case ACCORD_SESSION_REJECTED: return ACCORD_STATE_REJECTED;
	case ACCORD_SESSION_BRACKETED:
	case ACCORD_SESSION_VOTE:
	default: return ACCORD_STATE_BRACKETED;
	}
}

/* Checks that the tally is a JSON object and appends it compactly. */
static int put_tally(accord_buf *payload, char **copy, const accord_buf *tally, accord_error *err)
{
	json_error_t jerr;
	json_t *value;
	char *dumped;
	int rc;
	*copy = NULL;
	value = json_loadb(tally->ptr != NULL ? tally->ptr : "{}", tally->ptr != NULL ? tally->size : 2, 0, &jerr);
	if (value == NULL || !json_is_object(value)) {
		json_decref(value);
		return accord_error_set(err, ACCORD_ESCRIPT, "the decision rule's tally is not a JSON object");
	}
	dumped = json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(value);
	if (dumped == NULL)
		return store_nomem(err);
	rc = accord_buf_puts(payload, dumped);
	*copy = accord_strdup(dumped);
	free(dumped);
	if (rc != ACCORD_OK || *copy == NULL) {
		accord_free(*copy);
		*copy = NULL;
		return store_nomem(err);
	}
	return ACCORD_OK;
}

/*
** The chair's ruling on one amendment: the outcome ruled, and a tally of the
** positions taken (every roster party counts; one silent is absent).
*/
static int ruling_tally(accord_buf *tally, accord_buf *rule, const vote_set *votes, accord_session_outcome ruling)
{
	unsigned counts[ACCORD_POS_COUNT] = {0};
	size_t i;
	int p, rc = accord_buf_putc(tally, '{');
	for (i = 0; i < votes->count; i++) {
		p = accord_position_from_name(votes->votes[i].position);
		counts[p >= 0 ? p : ACCORD_POS_ABSENT]++;
	}
	for (p = 0; p < ACCORD_POS_COUNT; p++)
		rc |= accord_buf_printf(tally, "\"%s\":%u,", accord_position_name((accord_position)p), counts[p]);
	rc |= accord_buf_printf(tally, "\"ruling\":\"%s\",\"note\":\"%s\"}", accord_session_outcome_name(ruling),
		ruling == ACCORD_SESSION_AGREED ? "the chair's ruling: it is so decided"
						: "the chair's ruling: the text stays in square brackets");
	rc |= accord_buf_puts(rule, "chair's ruling");
	return rc;
}

/*
** A permission callback's answer rc (1 allowed, 0 refused, < 0 failed) as a
** result: a refusal is ACCORD_EREFUSED, "WHAT refused by PACK: reason".
** Disposes of reason.
*/
static int chair_answer(accord_session *s, int rc, accord_buf *reason, const char *what, accord_error *err)
{
	if (rc == 0)
		rc = accord_error_set(err, ACCORD_EREFUSED, "%s refused by %s: %s", what,
			s->rules->name != NULL ? s->rules->name : "the rules",
			reason->size > 0 ? reason->ptr : "the rule pack does not allow it");
	else if (rc > 0)
		rc = ACCORD_OK;
	accord_buf_dispose(reason);
	return rc;
}

/* Asks the stage's gate whether the chair may rule there (the stage allows "rule"). */
static int ask_rule(accord_session *s, const char *stage, accord_session_outcome ruling, accord_error *err)
{
	accord_buf reason = ACCORD_BUF_INIT;
	accord_session_context ctx;
	if (s->rules->stage_allows == NULL)
		return ACCORD_OK;
	store_context_init(&ctx, s, "rule", stage);
	ctx.ruling = accord_session_outcome_name(ruling);
	return chair_answer(s, s->rules->stage_allows(s->rules->data, NULL, &ctx, &reason, err), &reason,
		"a chair's ruling", err);
}

int accord_session_decide(accord_session_decision **out, size_t *count, accord_session *s, accord_decide_scope scope,
	const char *id, accord_error *err)
{
	return accord_session_decide_with(out, count, s, scope, id, NULL, err);
}

int accord_session_decide_with(accord_session_decision **out, size_t *count, accord_session *s,
	accord_decide_scope scope, const char *id, const accord_decide_options *opts, accord_error *err)
{
	static const accord_decide_options defaults = ACCORD_DECIDE_OPTIONS_INIT;
	accord_session_decision *decisions = NULL;
	accord_buf *payload;
	char **ids = NULL;
	size_t n = 0, i, made = 0;
	store_action act;
	int64_t decision_id;
	int rc;

	if (out != NULL)
		*out = NULL;
	if (count != NULL)
		*count = 0;
	if (s == NULL || (scope != ACCORD_DECIDE_ALL && (id == NULL || id[0] == '\0')))
		return accord_error_set(err, ACCORD_EINVAL, "decide: name the amendment or paragraph (or decide all)");
	rc = store_need_rules(s, "decide", err);
	if (rc != ACCORD_OK)
		return rc;
	if (opts == NULL)
		opts = &defaults;
	if (opts->ruling != -1 && opts->ruling != ACCORD_SESSION_AGREED && opts->ruling != ACCORD_SESSION_BRACKETED)
		return accord_error_set(err, ACCORD_EINVAL, "a chair's ruling is agreed or bracketed");
	if (s->rules->decide == NULL && opts->ruling == -1)
		return accord_error_set(err, ACCORD_EINVAL, "the rule pack has no decision rule");
	payload = &act.payload;
	rc = store_action_begin(&act, s, "decide", STORE_ACTION_STAGE, NULL, NULL, err);
	if (rc == ACCORD_OK && opts->ruling != -1)
		rc = ask_rule(s, act.stage, (accord_session_outcome)opts->ruling, err);
	if (rc == ACCORD_OK)
		rc = scope_ids(&ids, &n, s, scope, id, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	if (n == 0) {
		if (scope == ACCORD_DECIDE_AMENDMENT)
			rc = accord_error_set(err, ACCORD_ENOTFOUND, "no amendment '%s' in this session", id);
		else if (scope == ACCORD_DECIDE_PARAGRAPH)
			rc = accord_error_set(err, ACCORD_ENOTFOUND, "no open amendment on paragraph '%s'", id);
		else
			rc = accord_error_set(err, ACCORD_ENOTFOUND, "no open amendment to decide");
		goto cleanup;
	}
	decisions = accord_calloc(n, sizeof *decisions);
	if (decisions == NULL) {
		rc = store_nomem(err);
		goto cleanup;
	}
	decision_id = store_next_rowid(s, "decisions");
	if (accord_buf_puts(payload, "{\"decisions\":[") != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		accord_buf tally = ACCORD_BUF_INIT, rule = ACCORD_BUF_INIT;
		accord_session_outcome outcome = ACCORD_SESSION_BRACKETED;
		accord_amendment_state to;
		accord_session_context ctx;
		store_amendment_row a;
		store_ballots ballots;
		vote_set votes;
		int important = 0;
		int64_t round = 0;

		rc = store_amendment_load(&a, s, ids[i], err);
		if (rc != ACCORD_OK)
			goto cleanup;
		if (!accord_state_is_open(a.state)) {
			rc = accord_error_set(err, ACCORD_ESTATE, "%s is %s: it cannot be decided again", a.id,
				accord_state_name(a.state));
			store_amendment_row_dispose(&a);
			goto cleanup;
		}
		rc = store_amendment_int(&round, s, "SELECT revision FROM amendments WHERE id = ?1", a.id, err);
		if (rc == ACCORD_OK)
			rc = store_question_important(&important, s, a.id, err);
		if (rc != ACCORD_OK) {
			store_amendment_row_dispose(&a);
			goto cleanup;
		}
		rc = store_ballots_load(&ballots, s, a.id, err);
		if (rc != ACCORD_OK) {
			store_amendment_row_dispose(&a);
			goto cleanup;
		}
		rc = vote_set_load(&votes, s, a.id, err);
		if (rc != ACCORD_OK) {
			store_ballots_dispose(&ballots);
			store_amendment_row_dispose(&a);
			goto cleanup;
		}
		store_context_init(&ctx, s, "decide", act.stage);
		ctx.amendment = store_row_amendment(&a);
		ctx.state = accord_state_name(a.state);
		ctx.paragraph = scope == ACCORD_DECIDE_PARAGRAPH ? id : NULL;
		ctx.round = (unsigned)round;
		ctx.ballots = ballots.ballots;
		ctx.n_ballots = ballots.count;
		ctx.important = opts->important || important;
		if (opts->ruling != -1) {
			outcome = (accord_session_outcome)opts->ruling;
			rc = ruling_tally(&tally, &rule, &votes, outcome) != ACCORD_OK ? store_nomem(err) : ACCORD_OK;
		} else {
			rc = s->rules->decide(s->rules->data, votes.votes, votes.count, &ctx, &outcome, &tally, &rule, err);
		}
		if (rc == ACCORD_OK && ((int)outcome < 0 || outcome >= ACCORD_SESSION_OUTCOME_COUNT))
			rc = accord_error_set(err, ACCORD_ESCRIPT, "the decision rule returned an unknown outcome");
		if (rc == ACCORD_OK) {
			/* A reservation turns an agreement into an agreement ad referendum. */
			if (outcome == ACCORD_SESSION_AGREED && votes.any_reserve)
				outcome = ACCORD_SESSION_AGREED_AD_REF;
			to = outcome_state(outcome);
			if (!accord_state_transition_legal(a.state, to, ACCORD_CAUSE_DECIDE))
				rc = accord_error_set(err, ACCORD_ESTATE, "%s: a decision cannot take it from %s to %s", a.id,
					accord_state_name(a.state), accord_state_name(to));
		}
		if (rc == ACCORD_OK) {
			accord_session_decision *d = &decisions[made];
			d->outcome = outcome;
			d->from = a.state;
			d->to = to;
			d->amendment = accord_strdup(a.id);
			d->rule = accord_strdup(rule.size > 0 ? rule.ptr : (s->rules->name != NULL ? s->rules->name : "rule pack"));
			made++;
			if (d->amendment == NULL || d->rule == NULL)
				rc = store_nomem(err);
			if (rc == ACCORD_OK) {
				rc = accord_buf_printf(payload, "%s{\"id\":%lld,\"amendment\":", i > 0 ? "," : "",
					(long long)(decision_id + (int64_t)i));
				rc |= store_json_str(payload, a.id);
				rc |= accord_buf_puts(payload, ",\"paragraph\":");
				rc |= store_json_str(payload, ctx.paragraph);
				rc |= accord_buf_printf(payload, ",\"outcome\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"rule\":",
					accord_session_outcome_name(outcome), accord_state_name(a.state), accord_state_name(to));
				rc |= store_json_str(payload, d->rule);
				rc |= accord_buf_puts(payload, ",\"stage\":");
				rc |= store_json_str(payload, act.stage);
				rc |= accord_buf_puts(payload, ",\"tally\":");
				if (rc != ACCORD_OK)
					rc = store_nomem(err);
			}
			if (rc == ACCORD_OK)
				rc = put_tally(payload, &d->tally, &tally, err);
			if (rc == ACCORD_OK && accord_buf_putc(payload, '}') != ACCORD_OK)
				rc = store_nomem(err);
		}
		accord_buf_dispose(&tally);
		accord_buf_dispose(&rule);
		store_ballots_dispose(&ballots);
		vote_set_dispose(&votes);
		store_amendment_row_dispose(&a);
		if (rc != ACCORD_OK)
			goto cleanup;
	}
	if (accord_buf_puts(payload, "]}") != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	rc = store_action_end(&act, rc, err);
	if (rc == ACCORD_OK && out != NULL && count != NULL) {
		*out = decisions;
		*count = made;
		decisions = NULL;
	}
	accord_session_decisions_free(decisions, made);
	for (i = 0; i < n; i++)
		accord_free(ids[i]);
	accord_free(ids);
	return rc;
}

/* ---- stage ------------------------------------------------------------------------------------ */

int accord_session_current_stage(char **out, accord_session *s, accord_error *err)
{
	if (out == NULL || s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_current_stage: NULL argument");
	return store_read_stage(out, s, err);
}

/* Asks the rules whether the session may go back from `from` to `to`: ACCORD_EREFUSED with their reason. */
static int ask_go_back(accord_session *s, const char *from, const char *to, accord_error *err)
{
	accord_buf reason = ACCORD_BUF_INIT, what = ACCORD_BUF_INIT;
	int rc;
	if (s->rules->may_go_back == NULL)
		return ACCORD_OK;
	if (accord_buf_printf(&what, "going back from stage '%s' to '%s'", from, to) != ACCORD_OK)
		return store_nomem(err);
	rc = chair_answer(s, s->rules->may_go_back(s->rules->data, from, to, &reason, err), &reason, what.ptr, err);
	accord_buf_dispose(&what);
	return rc;
}

/*
** Moves the session to `target` (NULL: the stage after the current one,
** or before it when back): forward only, or back only, as asked.
*/
static int stage_move(char **out_stage, accord_session *s, const char *target, int back, accord_error *err)
{
	static const char *const single[] = {"session"};
	accord_buf known = ACCORD_BUF_INIT;
	const char *const *names = single;
	size_t count = 1, i, at_index = (size_t)-1, to_index = (size_t)-1;
	const char *to = NULL, *stage;
	char *copy = NULL;
	store_action act;
	int rc;

	if (out_stage != NULL)
		*out_stage = NULL;
	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_stage: NULL session");
	rc = store_need_rules(s, "stage", err);
	if (rc != ACCORD_OK)
		return rc;
	if (s->rules->stages != NULL) {
		rc = s->rules->stages(s->rules->data, &names, &count, err);
		if (rc != ACCORD_OK)
			return rc;
	}
	rc = store_action_begin(&act, s, "stage", STORE_ACTION_STAGE, NULL, NULL, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	stage = act.stage;
	for (i = 0; i < count; i++) {
		if (strcmp(names[i], stage) == 0)
			at_index = i;
		if (target != NULL && strcmp(names[i], target) == 0) {
			to = names[i];
			to_index = i;
		}
		rc |= accord_buf_printf(&known, "%s%s", i > 0 ? ", " : "", names[i]);
	}
	if (rc != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	if (target == NULL && !back) {
		if (at_index == (size_t)-1 || at_index + 1 >= count) {
			rc = accord_error_set(err, ACCORD_ESTATE, "the session is at stage '%s': there is no next stage (%s)", stage,
				known.ptr != NULL ? known.ptr : "");
			goto cleanup;
		}
		to = names[at_index + 1];
	} else if (target == NULL) {
		if (at_index == (size_t)-1 || at_index == 0) {
			rc = accord_error_set(err, ACCORD_ESTATE, "the session is at stage '%s': there is no stage before it (%s)",
				stage, known.ptr != NULL ? known.ptr : "");
			goto cleanup;
		}
		to = names[at_index - 1];
	} else if (to == NULL) {
		rc = accord_error_set(err, ACCORD_EINVAL, "no stage '%s' in %s (stages: %s)", target, s->workflow,
			known.ptr != NULL ? known.ptr : "");
		goto cleanup;
	} else if (strcmp(to, stage) == 0) {
		rc = accord_error_set(err, ACCORD_ESTATE, "the session is already at stage '%s'", stage);
		goto cleanup;
	} else if (!back && at_index != (size_t)-1 && to_index < at_index) {
		rc = accord_error_set(err, ACCORD_ESTATE,
			"stage '%s' comes before the current stage '%s': stages move forward; going back needs --back", to, stage);
		goto cleanup;
	} else if (back && (at_index == (size_t)-1 || to_index > at_index)) {
		rc = accord_error_set(err, ACCORD_ESTATE, "stage '%s' is not before the current stage '%s': --back goes back only",
			to, stage);
		goto cleanup;
	}
	if (back && (rc = ask_go_back(s, stage, to, err)) != ACCORD_OK)
		goto cleanup;
	rc = accord_buf_puts(&act.payload, "{\"from\":");
	rc |= store_json_str(&act.payload, stage);
	rc |= accord_buf_puts(&act.payload, ",\"to\":");
	rc |= store_json_str(&act.payload, to);
	rc |= accord_buf_putc(&act.payload, '}');
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
	/* the copy for the caller is made before the commit: a failure then writes nothing */
	if (rc == ACCORD_OK && out_stage != NULL && (copy = accord_strdup(to)) == NULL)
		rc = store_nomem(err);
cleanup:
	rc = store_action_end(&act, rc, err);
	if (rc == ACCORD_OK && out_stage != NULL) {
		*out_stage = copy;
		copy = NULL;
	}
	accord_free(copy);
	accord_buf_dispose(&known);
	return rc;
}

int accord_session_stage(char **out_stage, accord_session *s, const char *next, accord_error *err)
{
	return stage_move(out_stage, s, next, 0, err);
}

int accord_session_stage_back(char **out_stage, accord_session *s, const char *prev, accord_error *err)
{
	return stage_move(out_stage, s, prev, 1, err);
}
