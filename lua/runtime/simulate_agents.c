/*
** simulate_agents.c: what a run asks the agents (simulate.c runs the
** stages): the table of an open amendment, built from what the session
** stores, and each delegation's agent called on it in roster order, its
** answer recorded as a position. The Lua API raises when an allocation
** fails, and these are called from C with no Lua call around them, so the
** tables are built inside protected calls (an allocation failure there was
** a Lua panic, found by test_simulate_oom; issue 17).
*/
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>
#include <lua.h>

#include "accord/amend.h"
#include "accord/store.h"
#include "accord_lua.h"
#include "accord_pack.h"
#include "simulate_int.h"

/* This thread's CPU time, in seconds. */
double sim_thread_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Pushes a list of the comma-separated codes. */
static void push_codes(lua_State *L, const char *codes)
{
	lua_Integer n = 0;
	const char *p = codes;
	lua_newtable(L);
	while (p != NULL && *p != '\0') {
		const char *comma = strchr(p, ',');
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		lua_pushlstring(L, p, len);
		lua_rawseti(L, -2, ++n);
		p = comma != NULL ? comma + 1 : NULL;
	}
}

/* What push_amendment_p puts in the amendment's table. */
typedef struct amendment_view {
	const accord_session_amendment *stored;
	const accord_doc *now;
	const accord_amendment *a;
	const accord_buf *ins, *del;
} amendment_view;

/* Builds the table of an amendment_view (lightuserdata 1) and returns it; raises on memory errors. */
static int push_amendment_p(lua_State *L)
{
	const amendment_view *v = lua_touserdata(L, 1);
	const accord_session_amendment *stored = v->stored;
	lua_createtable(L, 0, 10);
	lua_pushstring(L, stored->id);
	lua_setfield(L, -2, "id");
	lua_pushstring(L, stored->op);
	lua_setfield(L, -2, "op");
	if (stored->target != NULL) {
		const accord_para *p = accord_doc_find_para(v->now, stored->target);
		lua_pushstring(L, stored->target);
		lua_setfield(L, -2, "target");
		if (p != NULL) {
			lua_pushstring(L, accord_para_text(p));
			lua_setfield(L, -2, "paragraph");
			if (accord_para_label(p) != NULL) {
				lua_pushstring(L, accord_para_label(p));
				lua_setfield(L, -2, "label");
			}
		}
	}
	if (v->a->text != NULL) {
		lua_pushstring(L, v->a->text);
		lua_setfield(L, -2, "text");
	}
	lua_pushlstring(L, v->ins->ptr ? v->ins->ptr : "", v->ins->size);
	lua_setfield(L, -2, "inserted");
	lua_pushlstring(L, v->del->ptr ? v->del->ptr : "", v->del->size);
	lua_setfield(L, -2, "deleted");
	push_codes(L, stored->proposers);
	lua_setfield(L, -2, "proposers");
	lua_pushstring(L, accord_state_name(stored->state));
	lua_setfield(L, -2, "state");
	return 1;
}

/* The code of a protected call's status; pops the error message. */
static int protected_status(lua_State *L, int status, accord_error *err)
{
	if (status == LUA_OK)
		return ACCORD_OK;
	lua_pop(L, 1);
	return status == LUA_ERRMEM ? accord_error_set(err, ACCORD_ENOMEM, "out of memory")
		: accord_error_set(err, ACCORD_ESCRIPT, "simulation: a Lua error outside the scripts");
}

/*
** Calls f (a C function that may raise) protected, with ud as its one
** argument and nresults results: a memory error is ACCORD_ENOMEM, another
** error ACCORD_ESCRIPT (nothing pushed then). The Lua API raises when an
** allocation fails, and this C code holds no Lua call of its own around it.
*/
static int protected_c(lua_State *L, lua_CFunction f, void *ud, int nresults, accord_error *err)
{
	int status;
	if (!lua_checkstack(L, 3))
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	lua_pushcfunction(L, f);
	lua_pushlightuserdata(L, ud);
	status = lua_pcall(L, 1, nresults, 0);
	return protected_status(L, status, err);
}

/*
** Pushes the table an agent is asked about: id, op, target, paragraph (the
** target's text now), label, text (ADD), inserted and deleted words,
** proposers.
*/
int sim_push_amendment(run_state *rs, const accord_session_amendment *stored, const accord_doc *now,
	accord_error *err)
{
	accord_amendment_list *list = NULL;
	const accord_amendment *a;
	accord_buf ins = ACCORD_BUF_INIT, del = ACCORD_BUF_INIT;
	amendment_view v;
	size_t i;
	int rc = accord_amendments_parse_json(&list, stored->json, strlen(stored->json), stored->id, err);
	if (rc != ACCORD_OK)
		return rc;
	a = accord_amendments_get(list, 0);
	for (i = 0; rc == ACCORD_OK && i < a->n_edits; i++) {
		if (a->edits[i].text[0] != '\0')
			rc = accord_buf_printf(&ins, "%s%s", ins.size ? " ... " : "", a->edits[i].text);
		if (rc == ACCORD_OK && a->edits[i].base_text[0] != '\0')
			rc = accord_buf_printf(&del, "%s%s", del.size ? " ... " : "", a->edits[i].base_text);
	}
	if (rc == ACCORD_OK && a->op == ACCORD_OP_ADD && a->text != NULL)
		rc = accord_buf_puts(&ins, a->text);
	if (rc == ACCORD_OK && a->op == ACCORD_OP_SUP && a->text != NULL)
		rc = accord_buf_puts(&del, a->text);
	if (rc == ACCORD_OK && a->op == ACCORD_OP_META && a->value_to != NULL)
		rc = accord_buf_puts(&ins, a->value_to);
	if (rc != ACCORD_OK) {
		rc = accord_error_set(err, rc, "out of memory");
		goto cleanup;
	}
	v.stored = stored;
	v.now = now;
	v.a = a;
	v.ins = &ins;
	v.del = &del;
	rc = protected_c(rs->L, push_amendment_p, &v, 1, err);
cleanup:
	accord_buf_dispose(&ins);
	accord_buf_dispose(&del);
	accord_amendments_free(list);
	return rc;
}

static int position_code(const char *name)
{
	static const char *const names[] = {NULL, "support", "object", "abstain", "reserve"};
	int i;
	for (i = 1; i < SIM_POSITIONS; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

/*
** Asks every delegation's agent about one open amendment (its table on top
** of the stack, popped) and records the answers. ctx.said grows as they
** answer, in roster order.
*/
static int ask_agents_in(run_state *rs, const char *id, int item, const char *stage, int agents, int fallback,
	accord_error *err)
{
	lua_State *L = rs->L;
	const accord_sim *sim = rs->su->sim;
	int amendment = lua_gettop(L), said, rc = ACCORD_OK;
	size_t p;
	lua_newtable(L);
	said = lua_gettop(L);
	for (p = 0; p < sim->n_parties && rc == ACCORD_OK; p++) {
		const char *code = sim->parties[p];
		const char *answer;
		int pos;
		if (lua_istable(L, agents))
			lua_getfield(L, agents, code);
		else
			lua_pushnil(L);
		if (lua_isnil(L, -1)) {
			lua_pop(L, 1);
			lua_pushvalue(L, fallback);
		}
		if (lua_isnil(L, -1)) { /* no agent: silent */
			lua_pop(L, 1);
			continue;
		}
		lua_pushvalue(L, amendment);
		lua_createtable(L, 0, 6);
		lua_pushstring(L, code);
		lua_setfield(L, -2, "party");
		lua_pushinteger(L, (lua_Integer)rs->round);
		lua_setfield(L, -2, "round");
		lua_pushstring(L, stage);
		lua_setfield(L, -2, "stage");
		lua_pushinteger(L, (lua_Integer)rs->run->index + 1);
		lua_setfield(L, -2, "run");
		lua_pushvalue(L, said);
		lua_setfield(L, -2, "said");
		accord_pack_push_roster(rs->scenario);
		lua_setfield(L, -2, "roster");
		{
			double t0 = sim_thread_seconds();
			rc = accord_lua_pcall(accord_pack_runtime(rs->scenario), 2, 1, err);
			rs->run->agent_seconds += sim_thread_seconds() - t0;
			rs->run->agent_calls++;
		}
		if (rc != ACCORD_OK) {
			char what[600];
			snprintf(what, sizeof what, "%s", err->message);
			accord_error_set(err, rc, "agent of %s on %s (run %lu): %s", code, id, rs->run->index + 1, what);
			break;
		}
		if (lua_isnil(L, -1)) {
			lua_pop(L, 1);
			continue;
		}
		answer = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
		pos = answer != NULL ? position_code(answer) : -1;
		if (pos < 0) {
			rc = accord_error_set(err, ACCORD_ESCHEMA,
				"agent of %s on %s (run %lu) answered %s%s%s: not support, object, abstain, reserve or nil", code,
				id, rs->run->index + 1, answer ? "'" : "a ", answer ? answer : luaL_typename(L, -1),
				answer ? "'" : "");
			accord_error_at(err, rs->su->scenario, 0, 0);
			lua_pop(L, 1);
			break;
		}
		lua_setfield(L, said, code);
		rc = accord_session_position(rs->ss.s, code, id, answer, err);
		if (rc == ACCORD_EREFUSED) { /* the pack does not hear this party on this: it stays silent */
			rc = ACCORD_OK;
			continue;
		}
		if (rc == ACCORD_OK && item >= 0)
			rs->run->positions[p * sim->n_items + (size_t)item] = (unsigned char)pos;
	}
	lua_settop(L, amendment - 1);
	return rc;
}

/* ask_agents' call, protected: the Lua API raises when an allocation fails. */
typedef struct ask_call {
	run_state *rs;
	const char *id, *stage;
	int item, rc;
	accord_error *err;
} ask_call;

/* Arguments: the ask_call, the amendment's table, the agents, the fallback agent. */
static int ask_agents_p(lua_State *L)
{
	ask_call *c = lua_touserdata(L, 1);
	lua_pushvalue(L, 2);
	c->rc = ask_agents_in(c->rs, c->id, c->item, c->stage, 3, 4, c->err);
	return 0;
}

int sim_ask_agents(run_state *rs, const char *id, int item, const char *stage, accord_error *err)
{
	lua_State *L = rs->L;
	ask_call c = {NULL, NULL, NULL, 0, ACCORD_OK, NULL};
	int status;
	c.rs = rs;
	c.id = id;
	c.stage = stage;
	c.item = item;
	c.err = err;
	if (!lua_checkstack(L, 6)) {
		lua_pop(L, 1);
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	lua_pushcfunction(L, ask_agents_p);
	lua_pushlightuserdata(L, &c);
	lua_pushvalue(L, -3);
	lua_pushvalue(L, rs->agents);
	lua_pushvalue(L, rs->fallback);
	status = lua_pcall(L, 4, 0, 0);
	if (status != LUA_OK)
		c.rc = protected_status(L, status, err);
	lua_pop(L, 1); /* the amendment */
	return c.rc;
}

