/*
** session_rules.c: the rules of a drafting session over a rule pack. The
** store (core/src/session/store.c) calls the accord_session_rules callbacks; each
** is answered here by the pack through accord_pack.h, or from the pack's
** stage table (read once, protected, when the pack is loaded).
*/
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "accord/store.h"
#include "accord_brackets.h"
#include "accord_pack.h"
#include "jsonw_int.h"
#include "session_rules.h"

typedef struct pack_stage {
	char *id;
	char *name;      /* the pack's description of the stage, or NULL */
	char **allows;   /* actions allowed in it; NULL with has_allows 0: everything */
	size_t n_allows;
	int has_allows;
	int no_back;     /* back = false: the session may not go back from this stage */
} pack_stage;

struct accord_session_pack {
	accord_pack *pack;
	accord_roster *roster;
	accord_session_rules rules;
	char *name;        /* pack.name */
	char *rule;        /* pack.decision.description or .rule */
	pack_stage *stages;
	size_t n_stages;
	const char **stage_ids; /* n_stages pointers into stages[].id */
	int no_back;       /* stages_back = false: stages move forward only */
	int has_may_supersede; /* the pack has a may_supersede function */
};

/* ---- reading the pack's table (protected) --------------------------------------- */

static int raw_field(lua_State *L, int idx, const char *key)
{
	idx = lua_absindex(L, idx);
	lua_pushstring(L, key);
	return lua_rawget(L, idx);
}

/* Copies a string at the top of the stack (or NULL when it is not one); pops it. */
static char *pop_string(lua_State *L)
{
	char *copy = NULL;
	if (lua_type(L, -1) == LUA_TSTRING) {
		copy = accord_strdup(lua_tostring(L, -1));
		if (copy == NULL)
			luaL_error(L, "out of memory");
	}
	lua_pop(L, 1);
	return copy;
}

/* Reads name, decision and stages into the session pack. Argument: the session pack. */
static int read_pack_info(lua_State *L)
{
	accord_session_pack *sp = lua_touserdata(L, 1);
	lua_Integer n, i, j;
	int pack;

	accord_pack_push(sp->pack);
	pack = lua_gettop(L);
	raw_field(L, pack, "name");
	sp->name = pop_string(L);
	if (raw_field(L, pack, "decision") == LUA_TTABLE) {
		raw_field(L, -1, "description");
		sp->rule = pop_string(L);
		if (sp->rule == NULL) {
			raw_field(L, -1, "rule");
			sp->rule = pop_string(L);
		}
	}
	lua_pop(L, 1);
	raw_field(L, pack, "stages_back");
	sp->no_back = lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1);
	lua_pop(L, 1);
	sp->has_may_supersede = raw_field(L, pack, "may_supersede") == LUA_TFUNCTION;
	lua_pop(L, 1);
	if (raw_field(L, pack, "stages") == LUA_TTABLE) {
		n = (lua_Integer)lua_rawlen(L, -1);
		if (n > 0) {
			sp->stages = accord_calloc((size_t)n, sizeof *sp->stages);
			sp->stage_ids = accord_calloc((size_t)n, sizeof *sp->stage_ids);
			if (sp->stages == NULL || sp->stage_ids == NULL)
				return luaL_error(L, "out of memory");
		}
		for (i = 1; i <= n; i++) {
			pack_stage *st = &sp->stages[sp->n_stages];
			if (lua_rawgeti(L, -1, i) != LUA_TTABLE)
				return luaL_error(L, "stages[%d] is not a table", (int)i);
			raw_field(L, -1, "id");
			st->id = pop_string(L);
			if (st->id == NULL)
				return luaL_error(L, "stages[%d].id is not a string", (int)i);
			sp->stage_ids[sp->n_stages++] = st->id;
			raw_field(L, -1, "name");
			st->name = pop_string(L);
			raw_field(L, -1, "back");
			st->no_back = lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1);
			lua_pop(L, 1);
			if (raw_field(L, -1, "allows") == LUA_TTABLE) {
				lua_Integer m = (lua_Integer)lua_rawlen(L, -1);
				st->has_allows = 1;
				if (m > 0) {
					st->allows = accord_calloc((size_t)m, sizeof *st->allows);
					if (st->allows == NULL)
						return luaL_error(L, "out of memory");
				}
				for (j = 1; j <= m; j++) {
					lua_rawgeti(L, -1, j);
					st->allows[st->n_allows] = pop_string(L);
					if (st->allows[st->n_allows] != NULL)
						st->n_allows++;
				}
			}
			lua_pop(L, 2);
		}
	}
	lua_pop(L, 2);
	return 0;
}

/* ---- stages ------------------------------------------------------------------------- */

static const pack_stage *find_stage(const accord_session_pack *sp, const char *id)
{
	size_t i;
	if (id == NULL)
		return NULL;
	for (i = 0; i < sp->n_stages; i++)
		if (strcmp(sp->stages[i].id, id) == 0)
			return &sp->stages[i];
	return NULL;
}

/* 1 when the stage lists `word` (a stage without an allows list allows everything). */
static int stage_lists(const pack_stage *st, const char *word)
{
	size_t i;
	if (st == NULL || !st->has_allows)
		return 1;
	for (i = 0; i < st->n_allows; i++)
		if (strcmp(st->allows[i], word) == 0)
			return 1;
	return 0;
}

/*
** The session's actions and the words of a stage's `allows` that let
** them in (any one will do): docs/workflows.md, "Stages and actions".
*/
typedef struct stage_gate {
	const char *action;
	int compromise;              /* a propose that supersedes others */
	const char *words[7];
	const char *what;            /* "the X stage does not <what>" */
} stage_gate;

static const stage_gate stage_gates[] = {
	{"submit", 0, {"propose", "amend", NULL}, "take proposals"},
	{"propose", 1, {"merge", NULL}, "take compromise texts"},
	{"propose", 0, {"propose", "amend", NULL}, "take proposals"},
	{"cosponsor", 0, {"propose", "amend", NULL}, "take co-sponsors"},
	{"withdraw", 0, {"propose", "amend", "merge", "object", "decide", "vote", NULL}, "take withdrawals"},
	{"position", 0, {"object", NULL}, "take positions"},
	{"comment", 0, {"comment", NULL}, "take comments"},
	{"decide", 0, {"decide", NULL}, "take decisions"},
	{"vote", 0, {"vote", NULL}, "take votes"},
	{"rule", 0, {"rule", NULL}, "take the chair's rulings"},
};

/* The gate of an action (NULL: one the stages do not govern, such as stage or revise). */
static const stage_gate *gate_of(const char *action, int compromise)
{
	size_t i;
	for (i = 0; action != NULL && i < sizeof stage_gates / sizeof stage_gates[0]; i++)
		if (strcmp(stage_gates[i].action, action) == 0 && (stage_gates[i].compromise == 0 || compromise))
			return &stage_gates[i];
	return NULL;
}

/* 1 when the stage lets the gate's action in. */
static int stage_allows(const pack_stage *st, const stage_gate *gate)
{
	size_t i;
	for (i = 0; gate->words[i] != NULL; i++)
		if (stage_lists(st, gate->words[i]))
			return 1;
	return 0;
}

/* Appends "the X stage (name) does not ...; stages that do: a, b". */
static void stage_refusal(const accord_session_pack *sp, const pack_stage *st, const stage_gate *gate,
	accord_buf *reason)
{
	size_t i, found = 0;
	accord_buf_printf(reason, "the %s stage%s%s%s does not %s", st->id, st->name != NULL ? " (" : "",
		st->name != NULL ? st->name : "", st->name != NULL ? ")" : "", gate->what);
	for (i = 0; i < sp->n_stages; i++)
		if (stage_allows(&sp->stages[i], gate))
			accord_buf_printf(reason, "%s%s", found++ == 0 ? "; stages that do: " : ", ", sp->stages[i].id);
	if (found == 0)
		accord_buf_puts(reason, "; no stage does");
}

/* The gate: whether the session's stage allows the action at all (every action asks it). */
static int rules_stage_allows(void *data, const accord_session_party *party, const accord_session_context *ctx,
	accord_buf *reason, accord_error *err)
{
	accord_session_pack *sp = data;
	const pack_stage *st = find_stage(sp, ctx->stage);
	const stage_gate *gate = gate_of(ctx->action, ctx->compromise);
	(void)party;
	(void)err;
	if (st == NULL || gate == NULL || stage_allows(st, gate))
		return 1;
	stage_refusal(sp, st, gate, reason);
	return 0;
}

static int rules_may_go_back(void *data, const char *from, const char *to, accord_buf *reason, accord_error *err)
{
	accord_session_pack *sp = data;
	const pack_stage *st = find_stage(sp, from);
	(void)to;
	(void)err;
	if (sp->no_back) {
		accord_buf_printf(reason, "its stages move forward only (stages_back = false)");
		return 0;
	}
	if (st != NULL && st->no_back) {
		accord_buf_printf(reason, "the %s stage%s%s%s is not left backwards (back = false)", st->id,
			st->name != NULL ? " (" : "", st->name != NULL ? st->name : "", st->name != NULL ? ")" : "");
		return 0;
	}
	return 1;
}

static int rules_stages(void *data, const char *const **names, size_t *count, accord_error *err)
{
	accord_session_pack *sp = data;
	(void)err;
	*names = sp->stage_ids;
	*count = sp->n_stages;
	return ACCORD_OK;
}

/* ---- permissions ---------------------------------------------------------------------- */

static int may(accord_session_pack *sp, const char *action, const accord_session_party *party,
	const accord_session_context *ctx, accord_buf *reason, accord_error *err)
{
	accord_rule_context rc_ctx = {NULL, 0, 0, NULL};
	int allowed = 0, rc;
	rc_ctx.stage = find_stage(sp, ctx->stage) != NULL ? ctx->stage : NULL;
	rc_ctx.important = ctx->important;
	rc = accord_pack_may(&allowed, sp->pack, action, party->code, &rc_ctx, reason, err);
	if (rc == ACCORD_ESCHEMA) /* a malformed answer is the pack's failure, not the user's input */
		rc = err != NULL ? (err->code = ACCORD_ESCRIPT) : ACCORD_ESCRIPT;
	if (rc == ACCORD_ENOTFOUND) {
		accord_buf_printf(reason, "%s is not in the roster of the %s rules", party->code,
			sp->name != NULL ? sp->name : "session's");
		return 0;
	}
	if (rc != ACCORD_OK)
		return rc;
	return allowed ? 1 : 0;
}

static int rules_may_propose(void *data, const accord_session_party *party, const accord_session_context *ctx,
	accord_buf *reason, accord_error *err)
{
	return may(data, "propose", party, ctx, reason, err);
}

static int rules_may_object(void *data, const accord_session_party *party, const accord_session_context *ctx,
	accord_buf *reason, accord_error *err)
{
	return may(data, "object", party, ctx, reason, err);
}

static int rules_may_vote(void *data, const accord_session_party *party, const accord_session_context *ctx,
	accord_buf *reason, accord_error *err)
{
	return may(data, "vote", party, ctx, reason, err);
}

/* pack.may_supersede(party, ctx): the call and what it answers. */
typedef struct supersede_call {
	accord_session_pack *sp;
	const accord_session_party *party;
	const accord_session_context *ctx;
	accord_buf *reason;
	int allowed;
	int no_party;
} supersede_call;

/*
** Calls pack.may_supersede(party, ctx) with ctx {stage, amendment (its
** id), state, proposers (codes, the original first), roster} (protected,
** under the pack's limits). Argument: the call.
*/
static int run_may_supersede(lua_State *L)
{
	supersede_call *c = lua_touserdata(L, 1);
	const accord_amendment *a = c->ctx->amendment;
	size_t i;

	lua_settop(L, 0);
	accord_pack_push(c->sp->pack);
	raw_field(L, 1, "may_supersede");
	lua_remove(L, 1);
	accord_pack_push_roster(c->sp->pack);
	if (lua_isnil(L, -1))
		return luaL_error(L, "may_supersede: no roster");
	lua_getfield(L, -1, "parties"); /* read-only proxies: through __index */
	lua_getfield(L, -1, c->party->code);
	if (lua_isnil(L, -1)) {
		c->no_party = 1;
		return 0;
	}
	lua_replace(L, -3);
	lua_pop(L, 1);
	lua_createtable(L, 0, 5);
	if (c->ctx->stage != NULL && find_stage(c->sp, c->ctx->stage) != NULL) {
		lua_pushstring(L, c->ctx->stage);
		lua_setfield(L, -2, "stage");
	}
	if (a != NULL && a->id != NULL) {
		lua_pushstring(L, a->id);
		lua_setfield(L, -2, "amendment");
	}
	if (c->ctx->state != NULL) {
		lua_pushstring(L, c->ctx->state);
		lua_setfield(L, -2, "state");
	}
	lua_createtable(L, a != NULL ? (int)a->n_proposers : 0, 0);
	for (i = 0; a != NULL && i < a->n_proposers; i++) {
		lua_pushstring(L, a->proposers[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "proposers");
	accord_pack_push_roster(c->sp->pack);
	lua_setfield(L, -2, "roster");
	lua_call(L, 2, 2);
	if (lua_type(L, -2) != LUA_TBOOLEAN)
		return luaL_error(L, "may_supersede must return true or false, reason");
	c->allowed = lua_toboolean(L, -2);
	if (!c->allowed && lua_type(L, -1) == LUA_TSTRING && accord_buf_puts(c->reason, lua_tostring(L, -1)) != ACCORD_OK)
		return luaL_error(L, "out of memory");
	return 0;
}

static int rules_may_supersede(void *data, const accord_session_party *party, const accord_session_context *ctx,
	accord_buf *reason, accord_error *err)
{
	supersede_call c;
	accord_lua *S;
	int rc;
	memset(&c, 0, sizeof c);
	c.sp = data;
	c.party = party;
	c.ctx = ctx;
	c.reason = reason;
	S = accord_pack_runtime(c.sp->pack);
	lua_settop(accord_lua_state(S), 0);
	lua_pushcfunction(accord_lua_state(S), run_may_supersede);
	lua_pushlightuserdata(accord_lua_state(S), &c);
	rc = accord_lua_pcall(S, 1, 0, err);
	lua_settop(accord_lua_state(S), 0);
	if (rc != ACCORD_OK)
		return rc;
	if (c.no_party) {
		accord_buf_printf(reason, "%s is not in the roster of the %s rules", party->code,
			c.sp->name != NULL ? c.sp->name : "session's");
		return 0;
	}
	return c.allowed ? 1 : 0;
}

/* ---- the decision rule -------------------------------------------------------------------- */

/*
** The tally of a decision as a JSON object: the count of each position, the
** vote, the result and the note (the pack's strings, escaped by the writer).
** The store checks it and keeps it compact.
*/
static int write_tally(accord_buf *tally, const accord_decision *d)
{
	jsonw w;
	int p;
	jsonw_init(&w, tally);
	jsonw_begin_object(&w);
	for (p = 0; p < ACCORD_POS_COUNT; p++) {
		jsonw_key(&w, accord_position_name((accord_position)p));
		jsonw_integer(&w, d->tally[p]);
	}
	if (d->outcome == ACCORD_OUTCOME_VOTE) {
		jsonw_key(&w, "yes");
		jsonw_integer(&w, d->yes);
		jsonw_key(&w, "no");
		jsonw_integer(&w, d->no);
	}
	if (d->result[0] != '\0') {
		jsonw_key(&w, "result");
		jsonw_string(&w, d->result);
	}
	if (d->note != NULL) {
		jsonw_key(&w, "note");
		jsonw_string(&w, d->note);
	}
	jsonw_end_object(&w);
	return jsonw_finish(&w);
}

/* What decide's ctx carries beyond accord_rule_context (decide_extend). */
typedef struct decide_call {
	const accord_session_context *ctx;
	const accord_session_vote *votes;
	size_t n_votes;
} decide_call;

/* Pushes a list of strings. [-0, +1, m] */
static void push_names(lua_State *L, const char *const *names, size_t n)
{
	size_t i;
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_pushstring(L, names[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

/* Sets t[key] = value when value is not NULL (t on top). [-0, +0, m] */
static void set_string(lua_State *L, const char *key, const char *value)
{
	if (value != NULL) {
		lua_pushstring(L, value);
		lua_setfield(L, -2, key);
	}
}

/* ctx.amendment: id, op, target, text, label, edits, proposers, proposer, cosponsors, state, round. */
static void push_amendment(lua_State *L, const accord_session_context *ctx)
{
	const accord_amendment *a = ctx->amendment;
	size_t i;
	lua_createtable(L, 0, 12);
	set_string(L, "id", a->id);
	set_string(L, "op", accord_op_name(a->op));
	set_string(L, "target", a->target);
	set_string(L, "text", a->text);
	set_string(L, "label", a->label);
	set_string(L, "state", ctx->state);
	lua_pushinteger(L, (lua_Integer)ctx->round);
	lua_setfield(L, -2, "round");
	lua_createtable(L, (int)a->n_edits, 0);
	for (i = 0; i < a->n_edits; i++) {
		lua_createtable(L, 0, 2);
		set_string(L, "old", a->edits[i].base_text);
		set_string(L, "new", a->edits[i].text);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "edits");
	push_names(L, a->proposers, a->n_proposers);
	lua_setfield(L, -2, "proposers");
	if (a->n_proposers > 0)
		set_string(L, "proposer", a->proposers[0]);
	push_names(L, a->n_proposers > 1 ? a->proposers + 1 : NULL, a->n_proposers > 1 ? a->n_proposers - 1 : 0);
	lua_setfield(L, -2, "cosponsors");
}

/*
** Adds to decide's ctx (on top): action, paragraph, parties, the
** amendment, the tally with names (ctx.tally[position] = {codes}, roster
** order; `silent` the same list as `absent`) and, when a vote was
** recorded, ctx.votes {yes, no, abstain = {codes}}.
*/
static void decide_extend(lua_State *L, void *data)
{
	const decide_call *c = data;
	const accord_session_context *ctx = c->ctx;
	size_t i;
	int p;
	set_string(L, "action", "decide");
	set_string(L, "paragraph", ctx->paragraph);
	set_string(L, "workflow", ctx->workflow);
	lua_pushinteger(L, (lua_Integer)ctx->n_parties);
	lua_setfield(L, -2, "parties");
	if (ctx->amendment != NULL) {
		push_amendment(L, ctx);
		lua_setfield(L, -2, "amendment");
	}
	lua_createtable(L, 0, ACCORD_POS_COUNT + 1);
	for (p = 0; p < ACCORD_POS_COUNT; p++) {
		lua_Integer n = 0;
		lua_newtable(L);
		for (i = 0; i < c->n_votes; i++)
			if (strcmp(c->votes[i].position, accord_position_name((accord_position)p)) == 0) {
				lua_pushstring(L, c->votes[i].party->code);
				lua_rawseti(L, -2, ++n);
			}
		if (p == ACCORD_POS_ABSENT) {
			lua_pushvalue(L, -1);
			lua_setfield(L, -3, "silent");
		}
		lua_setfield(L, -2, accord_position_name((accord_position)p));
	}
	lua_setfield(L, -2, "tally");
	if (ctx->n_ballots > 0) {
		int v;
		lua_createtable(L, 0, ACCORD_VOTE_COUNT);
		for (v = 0; v < ACCORD_VOTE_COUNT; v++) {
			lua_Integer n = 0;
			lua_newtable(L);
			for (i = 0; i < ctx->n_ballots; i++)
				if ((int)ctx->ballots[i].vote == v) {
					lua_pushstring(L, ctx->ballots[i].party);
					lua_rawseti(L, -2, ++n);
				}
			lua_setfield(L, -2, accord_vote_name((accord_vote_choice)v));
		}
		lua_setfield(L, -2, "votes");
	}
}

static int rules_decide(void *data, const accord_session_vote *votes, size_t n_votes, const accord_session_context *ctx,
	accord_session_outcome *outcome, accord_buf *tally, accord_buf *rule, accord_error *err)
{
	accord_session_pack *sp = data;
	const pack_stage *st = find_stage(sp, ctx->stage);
	accord_rule_context rc_ctx = {NULL, 0, 0, NULL};
	accord_stance *stances = NULL;
	decide_call call;
	accord_decision d;
	size_t i;
	int rc, p;

	/* The stage's gate (rules_stage_allows) has let decide in. */
	if (n_votes > 0) {
		stances = accord_calloc(n_votes, sizeof *stances);
		if (stances == NULL)
			return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	for (i = 0; i < n_votes; i++) {
		p = accord_position_from_name(votes[i].position);
		stances[i].party = votes[i].party->code;
		stances[i].position = p >= 0 ? (accord_position)p : ACCORD_POS_ABSENT;
	}
	rc_ctx.stage = st != NULL ? ctx->stage : NULL;
	rc_ctx.important = ctx->important;
	call.ctx = ctx;
	call.votes = votes;
	call.n_votes = n_votes;
	rc = accord_pack_decide_with(&d, sp->pack, stances, n_votes, &rc_ctx, decide_extend, &call, err);
	accord_free(stances);
	if (rc == ACCORD_ESCHEMA) { /* a malformed decision is the pack's failure (exit 4), not the user's input */
		if (err != NULL)
			err->code = ACCORD_ESCRIPT;
		rc = ACCORD_ESCRIPT;
	}
	if (rc != ACCORD_OK)
		return rc;
	*outcome = d.outcome;
	/* A vote already taken by the rule decides; one still to be taken keeps it bracketed (ACCORD_SESSION_VOTE). */
	if (d.outcome == ACCORD_OUTCOME_VOTE && strcmp(d.result, "adopted") == 0)
		*outcome = ACCORD_SESSION_AGREED;
	else if (d.outcome == ACCORD_OUTCOME_VOTE && strcmp(d.result, "rejected") == 0)
		*outcome = ACCORD_SESSION_REJECTED;
	rc = write_tally(tally, &d);
	accord_decision_dispose(&d);
	rc |= accord_buf_puts(rule, sp->rule != NULL ? sp->rule : (sp->name != NULL ? sp->name : "the rule pack"));
	if (rc != ACCORD_OK)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	return ACCORD_OK;
}

/* ---- loading ----------------------------------------------------------------------------------- */

void accord_session_pack_free(accord_session_pack *sp)
{
	size_t i, j;
	if (sp == NULL)
		return;
	accord_pack_free(sp->pack);
	accord_roster_free(sp->roster);
	for (i = 0; i < sp->n_stages; i++) {
		accord_free(sp->stages[i].id);
		accord_free(sp->stages[i].name);
		for (j = 0; j < sp->stages[i].n_allows; j++)
			accord_free(sp->stages[i].allows[j]);
		accord_free(sp->stages[i].allows);
	}
	/* Stages whose id failed to read were never counted; their names are freed here. */
	accord_free(sp->stages);
	accord_free(sp->stage_ids);
	accord_free(sp->name);
	accord_free(sp->rule);
	accord_free(sp);
}

int accord_session_pack_load(accord_session_pack **out, const char *path, accord_roster *roster, accord_error *err)
{
	accord_pack_options opts = ACCORD_PACK_OPTIONS_INIT;
	accord_session_pack *sp;
	lua_State *L;
	int rc;

	if (out == NULL || path == NULL) {
		accord_roster_free(roster);
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_pack_load: NULL argument");
	}
	*out = NULL;
	sp = accord_calloc(1, sizeof *sp);
	if (sp == NULL) {
		accord_roster_free(roster);
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	sp->roster = roster;
	opts.roster = roster;
	rc = accord_pack_load(&sp->pack, path, &opts, err);
	if (rc != ACCORD_OK)
		goto fail;
	L = accord_lua_state(accord_pack_runtime(sp->pack));
	lua_settop(L, 0);
	lua_pushcfunction(L, read_pack_info);
	lua_pushlightuserdata(L, sp);
	rc = accord_lua_pcall(accord_pack_runtime(sp->pack), 1, 0, err);
	if (rc != ACCORD_OK)
		goto fail;
	sp->rules.version = ACCORD_SESSION_RULES_VERSION;
	sp->rules.data = sp;
	sp->rules.name = sp->name;
	sp->rules.may_propose = rules_may_propose;
	sp->rules.may_object = rules_may_object;
	sp->rules.may_comment = NULL; /* the stage's gate decides (rules_stage_allows) */
	sp->rules.stage_allows = rules_stage_allows;
	sp->rules.may_supersede = sp->has_may_supersede ? rules_may_supersede : NULL;
	sp->rules.may_go_back = rules_may_go_back;
	sp->rules.may_vote = rules_may_vote;
	sp->rules.decide = rules_decide;
	sp->rules.stages = sp->n_stages > 0 ? rules_stages : NULL;
	*out = sp;
	return ACCORD_OK;
fail:
	accord_session_pack_free(sp);
	return rc;
}

const accord_session_rules *accord_session_pack_rules(const accord_session_pack *sp)
{
	return sp != NULL ? &sp->rules : NULL;
}

accord_pack *accord_session_pack_pack(const accord_session_pack *sp)
{
	return sp != NULL ? sp->pack : NULL;
}

int accord_session_pack_revise(accord_revise_result *out, accord_session *s, accord_session_pack *sp,
	const accord_revise_options *opts, accord_error *err)
{
	accord_revise_options o = ACCORD_REVISE_OPTIONS_INIT;
	accord_pack_brackets *brackets = NULL;
	int rc;
	if (opts != NULL)
		o.allow_empty = opts->allow_empty;
	if ((rc = accord_pack_renumbers(&o.renumber, accord_session_pack_pack(sp), err)) != ACCORD_OK ||
	    (rc = accord_pack_brackets_load(&brackets, accord_session_pack_pack(sp), err)) != ACCORD_OK)
		return rc;
	o.brackets = accord_pack_brackets_get(brackets);
	rc = accord_session_revise_with(out, s, &o, err);
	accord_pack_brackets_free(brackets);
	return rc;
}
