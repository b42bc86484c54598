/*
** simulate.c: running simulated drafting rounds (accord_simulate.h).
**
** The set-up (read once, shared read-only by the runs): the scenario's
** fields, the base text, the roster and the contributions, and the
** amendments they put on the table (a preparation session submits them
** once). Each run then loads the pack and the scenario afresh in their own
** sandboxes, seeds math.random in both with the run's seed, and drives a
** real session file through the pack's stages: agents state positions
** where the stage takes them, the pack decides where it takes decisions,
** and what was agreed goes into a revision. Runs are spread over threads;
** each fills its own record, and the records are added up in run order.
*/
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "accord/amend.h"
#include "accord/consolidate.h"
#include "accord/format.h"
#include "accord/roster.h"
#include "accord/store.h"
#include "accord/workflow.h"
#include "accord_brackets.h"
#include "accord_lua.h"
#include "accord_pack.h"
#include "session_rules.h"
#include "simulate_int.h"

/* Simulated sessions have a fixed clock: their files depend on the seed only (2000-01-01). */
#define SIM_CLOCK 946684800


static char *dup_or_null(const char *s)
{
	return s != NULL ? accord_strdup(s) : NULL;
}

/* The folder of path, with a trailing '/', or "" (accord_free). */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return accord_strndup(path, slash != NULL ? (size_t)(slash - path) + 1 : 0);
}

/* path as the scenario names it: relative to the scenario's folder unless absolute. */
static char *beside(const char *scenario, const char *path)
{
	accord_buf b = ACCORD_BUF_INIT;
	char *dir;
	if (path[0] == '/')
		return accord_strdup(path);
	dir = folder_of(scenario);
	if (dir == NULL || accord_buf_puts(&b, dir) != ACCORD_OK || accord_buf_puts(&b, path) != ACCORD_OK) {
		accord_free(dir);
		accord_buf_dispose(&b);
		return NULL;
	}
	accord_free(dir);
	return accord_buf_detach(&b);
}

/* ---- reading the scenario ------------------------------------------------------------------- */

/* A string field of the table on top of the stack, or NULL (required: an error). */
static int string_field(char **out, lua_State *L, const char *scenario, const char *field, int required,
	accord_error *err)
{
	int t = lua_getfield(L, -1, field);
	*out = NULL;
	if (t == LUA_TNIL && !required) {
		lua_pop(L, 1);
		return ACCORD_OK;
	}
	if (t != LUA_TSTRING) {
		lua_pop(L, 1);
		accord_error_set(err, ACCORD_ESCHEMA, "scenario: %s must be a string%s", field,
			required ? " (it is required)" : "");
		accord_error_at(err, scenario, 0, 0);
		return ACCORD_ESCHEMA;
	}
	*out = accord_strdup(lua_tostring(L, -1));
	lua_pop(L, 1);
	return *out != NULL ? ACCORD_OK : accord_error_set(err, ACCORD_ENOMEM, "out of memory");
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const sim_contribution *)a)->party, ((const sim_contribution *)b)->party);
}

/* Reads scenario.contributions (code -> file), sorted by code. */
static int read_contributions(sim_setup *su, lua_State *L, const accord_roster *roster, accord_error *err)
{
	size_t cap = 0;
	int rc = ACCORD_OK;
	if (lua_getfield(L, -1, "contributions") == LUA_TNIL) {
		lua_pop(L, 1);
		return ACCORD_OK;
	}
	if (!lua_istable(L, -1)) {
		lua_pop(L, 1);
		accord_error_set(err, ACCORD_ESCHEMA, "scenario: contributions must be a table: party code -> file");
		accord_error_at(err, su->scenario, 0, 0);
		return ACCORD_ESCHEMA;
	}
	lua_pushnil(L);
	while (rc == ACCORD_OK && lua_next(L, -2) != 0) {
		sim_contribution *c;
		if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING) {
			lua_pop(L, 3);
			accord_error_set(err, ACCORD_ESCHEMA, "scenario: contributions must map party codes to file names");
			accord_error_at(err, su->scenario, 0, 0);
			return ACCORD_ESCHEMA;
		}
		if (accord_roster_find(roster, lua_tostring(L, -2)) == NULL) {
			accord_error_set(err, ACCORD_ESCHEMA, "scenario: contributions: '%s' is not in the roster",
				lua_tostring(L, -2));
			accord_error_at(err, su->scenario, 0, 0);
			lua_pop(L, 3);
			return ACCORD_ESCHEMA;
		}
		if (su->n_contributions == cap) {
			sim_contribution *grown = accord_realloc(su->contributions, (cap = cap ? cap * 2 : 8) * sizeof *grown);
			if (grown == NULL) {
				rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
				lua_pop(L, 1);
				break;
			}
			su->contributions = grown;
		}
		c = &su->contributions[su->n_contributions++];
		memset(c, 0, sizeof *c);
		c->party = accord_strdup(lua_tostring(L, -2));
		c->path = beside(su->scenario, lua_tostring(L, -1));
		if (c->party == NULL || c->path == NULL)
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		else
			rc = accord_read_file(&c->data, c->path, err);
		lua_pop(L, 1);
	}
	if (rc != ACCORD_OK) {
		lua_pop(L, 2); /* key and table */
		return rc;
	}
	lua_pop(L, 1);
	if (su->n_contributions > 1)
		qsort(su->contributions, su->n_contributions, sizeof *su->contributions, by_code);
	return ACCORD_OK;
}

/* Checks scenario.delegations (code -> agent function) and scenario.default (an agent or nil). */
static int check_agents(const sim_setup *su, lua_State *L, const accord_roster *roster, accord_error *err)
{
	int t = lua_getfield(L, -1, "delegations");
	if (t != LUA_TNIL && t != LUA_TTABLE) {
		lua_pop(L, 1);
		accord_error_set(err, ACCORD_ESCHEMA, "scenario: delegations must be a table: party code -> agent");
		accord_error_at(err, su->scenario, 0, 0);
		return ACCORD_ESCHEMA;
	}
	if (t == LUA_TTABLE) {
		lua_pushnil(L);
		while (lua_next(L, -2) != 0) {
			const char *code = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
			const char *problem = NULL;
			if (code == NULL)
				problem = "a key that is not a party code";
			else if (accord_roster_find(roster, code) == NULL)
				problem = "a party that is not in the roster";
			else if (!lua_isfunction(L, -1))
				problem = "an agent that is not a function (agent.model{...} makes one)";
			if (problem != NULL) {
				accord_error_set(err, ACCORD_ESCHEMA, "scenario: delegations%s%s%s: %s", code ? "." : "",
					code ? code : "", "", problem);
				accord_error_at(err, su->scenario, 0, 0);
				lua_pop(L, 3);
				return ACCORD_ESCHEMA;
			}
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	t = lua_getfield(L, -1, "default");
	lua_pop(L, 1);
	if (t != LUA_TNIL && t != LUA_TFUNCTION) {
		accord_error_set(err, ACCORD_ESCHEMA, "scenario: default must be an agent (a function) or nil");
		accord_error_at(err, su->scenario, 0, 0);
		return ACCORD_ESCHEMA;
	}
	t = lua_getfield(L, -1, "chair");
	if (t != LUA_TNIL && t != LUA_TFUNCTION && !(t == LUA_TBOOLEAN && !lua_toboolean(L, -1))) {
		lua_pop(L, 1);
		accord_error_set(err, ACCORD_ESCHEMA,
			"scenario: chair must be a function (require(\"chair\").model{...} makes one), false or nil");
		accord_error_at(err, su->scenario, 0, 0);
		return ACCORD_ESCHEMA;
	}
	lua_pop(L, 1);
	return ACCORD_OK;
}

/* The names the engine reads from a scenario's table, outside any protected call. */
static const char *const scenario_keys[] = {"name", "workflow", "base", "roster", "contributions", "delegations",
	"default", "chair"};
static const char scenario_keys_pin = 0; /* the registry's key of their table */

static int pin_keys(lua_State *L)
{
	size_t i;
	lua_createtable(L, (int)(sizeof scenario_keys / sizeof *scenario_keys), 0);
	for (i = 0; i < sizeof scenario_keys / sizeof *scenario_keys; i++) {
		lua_pushstring(L, scenario_keys[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_rawsetp(L, LUA_REGISTRYINDEX, &scenario_keys_pin);
	return 0;
}

/*
** Loads the scenario file in a sandbox (its helpers from the scenario's
** lib/, then the shipped ones), and keeps the names of its fields interned
** in its state: lua_getfield of a name Lua does not hold allocates, and an
** allocation that fails outside a protected call ends the process.
*/
static int load_scenario(accord_pack **out, const char *path, const accord_roster *roster, accord_error *err)
{
	accord_pack_options po = ACCORD_PACK_OPTIONS_INIT;
	lua_State *L;
	int rc;
	po.roster = roster;
	if ((rc = accord_pack_load(out, path, &po, err)) != ACCORD_OK)
		return rc;
	L = accord_lua_state(accord_pack_runtime(*out));
	lua_pushcfunction(L, pin_keys);
	if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
		lua_pop(L, 1);
		accord_pack_free(*out);
		*out = NULL;
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	return ACCORD_OK;
}

static int read_scenario(sim_setup *su, accord_error *err)
{
	accord_pack *scenario = NULL;
	accord_roster *roster = NULL;
	lua_State *L;
	char *base = NULL, *roster_file = NULL, *workflow = NULL;
	int rc;

	/* A first reading without a roster, for the file names. */
	if ((rc = load_scenario(&scenario, su->scenario, NULL, err)) != ACCORD_OK)
		return rc;
	L = accord_lua_state(accord_pack_runtime(scenario));
	accord_pack_push(scenario);
	if ((rc = string_field(&su->sim->name, L, su->scenario, "name", 0, err)) == ACCORD_OK &&
	    (rc = string_field(&workflow, L, su->scenario, "workflow", 1, err)) == ACCORD_OK &&
	    (rc = string_field(&base, L, su->scenario, "base", 1, err)) == ACCORD_OK)
		rc = string_field(&roster_file, L, su->scenario, "roster", 1, err);
	lua_pop(L, 1);
	accord_pack_free(scenario);
	scenario = NULL;
	if (rc != ACCORD_OK)
		goto done;
	su->sim->workflow = workflow;
	workflow = NULL;
	if (su->sim->name == NULL && (su->sim->name = accord_strdup(su->scenario)) == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto done;
	}
	/* The pack: a name, or a path beside the scenario. */
	if (accord_workflow_is_path(su->sim->workflow)) {
		char *path = beside(su->scenario, su->sim->workflow);
		rc = path != NULL ? accord_workflow_find(&su->pack_path, path, err)
				  : accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		accord_free(path);
	} else {
		rc = accord_workflow_find(&su->pack_path, su->sim->workflow, err);
	}
	if (rc != ACCORD_OK)
		goto done;
	su->base_name = beside(su->scenario, base);
	su->roster_name = beside(su->scenario, roster_file);
	if (su->base_name == NULL || su->roster_name == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto done;
	}
	if ((rc = accord_doc_parse_file(&su->base, su->base_name, NULL, err)) != ACCORD_OK ||
	    (rc = accord_read_file(&su->roster, su->roster_name, err)) != ACCORD_OK ||
	    (rc = accord_roster_parse(&roster, su->roster.ptr ? su->roster.ptr : "", su->roster.size, su->roster_name,
		     err)) != ACCORD_OK)
		goto done;
	/* Again with the roster: the delegations and contributions are checked against it. */
	if ((rc = load_scenario(&scenario, su->scenario, roster, err)) != ACCORD_OK)
		goto done;
	L = accord_lua_state(accord_pack_runtime(scenario));
	accord_pack_push(scenario);
	rc = read_contributions(su, L, roster, err);
	if (rc == ACCORD_OK)
		rc = check_agents(su, L, roster, err);
	lua_pop(L, 1);
	if (rc == ACCORD_OK) {
		size_t i, n = accord_roster_party_count(roster);
		su->sim->parties = accord_calloc(n ? n : 1, sizeof *su->sim->parties);
		if (su->sim->parties == NULL) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			goto done;
		}
		for (i = 0; i < n; i++) {
			if ((su->sim->parties[i] = accord_strdup(accord_party_code(accord_roster_party(roster, i)))) == NULL) {
				rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
				goto done;
			}
			su->sim->n_parties++;
		}
	}
done:
	accord_pack_free(scenario);
	accord_roster_free(roster);
	accord_free(base);
	accord_free(roster_file);
	accord_free(workflow);
	return rc;
}

/* ---- one session --------------------------------------------------------------------------- */

/* A session of the scenario at path, with the pack loaded for it and the contributions submitted. */

static void remove_session_files(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	char name[4096];
	size_t i;
	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
		unlink(name);
	}
}

static void session_close(sim_session *ss)
{
	accord_session_close(ss->s);
	accord_session_pack_free(ss->sp);
	if (ss->path != NULL && !ss->keep)
		remove_session_files(ss->path);
	accord_free(ss->path);
	memset(ss, 0, sizeof *ss);
}

/*
** Moves a new session to the first stage that takes contributions (a
** pack may start with a stage that does not: un_ga's zero draft), and
** records it in ss->first_stage. Without one, the session stays where it is.
*/
static int first_stage(sim_session *ss, accord_error *err)
{
	const accord_session_rules *rules = accord_session_pack_rules(ss->sp);
	const char *const *names = NULL;
	accord_buf reason = ACCORD_BUF_INIT;
	size_t n = 0, k;
	int rc = ACCORD_OK;
	ss->first_stage = 0;
	if (rules->stages == NULL || rules->stage_allows == NULL)
		return ACCORD_OK;
	if ((rc = rules->stages(rules->data, &names, &n, err)) != ACCORD_OK)
		return rc;
	for (k = 0; k < n; k++) {
		accord_session_context ctx;
		int allowed;
		memset(&ctx, 0, sizeof ctx);
		ctx.action = "submit";
		ctx.stage = names[k];
		accord_buf_clear(&reason);
		allowed = rules->stage_allows(rules->data, NULL, &ctx, &reason, err);
		if (allowed < 0) {
			rc = allowed;
			break;
		}
		if (allowed) {
			if (k > 0) {
				char *now = NULL;
				rc = accord_session_stage(&now, ss->s, names[k], err);
				accord_free(now);
			}
			ss->first_stage = k;
			break;
		}
	}
	accord_buf_dispose(&reason);
	return rc;
}

static int session_open(sim_session *ss, const sim_setup *su, const char *path, int keep, accord_error *err)
{
	accord_session_init init = ACCORD_SESSION_INIT_INIT;
	accord_roster *roster = NULL;
	size_t i;
	int rc;
	memset(ss, 0, sizeof *ss);
	if ((ss->path = accord_strdup(path)) == NULL)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	rc = accord_roster_parse(&roster, su->roster.ptr ? su->roster.ptr : "", su->roster.size, su->roster_name, err);
	if (rc == ACCORD_OK)
		rc = accord_session_pack_load(&ss->sp, su->pack_path, roster, err); /* takes the roster */
	if (rc != ACCORD_OK)
		goto fail;
	/* a pack named by a path is the file found beside the scenario, whatever the working folder */
	init.workflow = accord_workflow_is_path(su->sim->workflow) ? su->pack_path : su->sim->workflow;
	init.base = su->base;
	init.base_name = su->base_name;
	init.roster = su->roster.ptr;
	init.roster_len = su->roster.size;
	init.roster_name = su->roster_name;
	init.clock = SIM_CLOCK;
	if ((rc = accord_session_create(&ss->s, path, &init, accord_session_pack_rules(ss->sp), err)) != ACCORD_OK)
		goto fail;
	ss->keep = keep;
	if (!keep && (rc = accord_session_set_durable(ss->s, 0, err)) != ACCORD_OK)
		goto fail;
	if ((rc = first_stage(ss, err)) != ACCORD_OK)
		goto fail;
	for (i = 0; i < su->n_contributions; i++) {
		const sim_contribution *c = &su->contributions[i];
		accord_amendment_list *list = NULL;
		rc = accord_session_submit(&list, ss->s, c->party, c->path, c->data.ptr ? c->data.ptr : "", c->data.size,
			err);
		accord_amendments_free(list);
		if (rc != ACCORD_OK)
			goto fail;
	}
	return ACCORD_OK;
fail:
	ss->keep = 0;
	session_close(ss);
	return rc;
}

/* ---- preparation: what is on the table ------------------------------------------------------ */

static char *summary_of(const char *json)
{
	accord_amendment_list *list = NULL;
	accord_buf b = ACCORD_BUF_INIT;
	const accord_amendment *a;
	size_t i;
	if (accord_amendments_parse_json(&list, json, strlen(json), "stored", NULL) != ACCORD_OK ||
	    accord_amendments_count(list) != 1) {
		accord_amendments_free(list);
		return accord_strdup("");
	}
	a = accord_amendments_get(list, 0);
	if (a->op == ACCORD_OP_ADD && a->text != NULL)
		accord_buf_printf(&b, "+ %s", a->text);
	else if (a->op == ACCORD_OP_SUP && a->text != NULL)
		accord_buf_printf(&b, "- %s", a->text);
	else if (a->op == ACCORD_OP_META)
		accord_buf_printf(&b, "%s: %s", a->field ? a->field : "?", a->value_to ? a->value_to : "(none)");
	else
		for (i = 0; i < a->n_edits; i++) {
			const accord_edit *e = &a->edits[i];
			if (e->base_text[0] != '\0')
				accord_buf_printf(&b, "%s[-%s-]", b.size ? " " : "", e->base_text);
			if (e->text[0] != '\0')
				accord_buf_printf(&b, "%s{+%s+}", b.size && e->base_text[0] == '\0' ? " " : "", e->text);
		}
	accord_amendments_free(list);
	if (b.size > 160) {
		size_t cut = 157;
		while (cut > 0 && ((unsigned char)b.ptr[cut] & 0xC0) == 0x80)
			cut--;
		b.size = cut;
		accord_buf_puts(&b, "...");
	}
	return accord_buf_detach(&b);
}

static int prepare(sim_setup *su, accord_error *err)
{
	accord_sim *sim = su->sim;
	const accord_session_rules *rules;
	accord_session_amendment *list = NULL;
	sim_session ss;
	char path[4096];
	const char *const *names = NULL;
	size_t n = 0, i, count = 0;
	const accord_para *p = NULL;
	int rc;

	snprintf(path, sizeof path, "%s/prepare.session", su->tmpdir);
	if ((rc = session_open(&ss, su, path, 0, err)) != ACCORD_OK)
		return rc;
	rules = accord_session_pack_rules(ss.sp);
	if (rules->stages != NULL && (rc = rules->stages(rules->data, &names, &n, err)) != ACCORD_OK)
		goto done;
	if (n == 0 || n >= SIM_NO_STAGE) {
		rc = accord_error_set(err, ACCORD_ESCHEMA, "%s: a simulation needs a pack with 1 to %u stages", su->pack_path,
			SIM_NO_STAGE - 1);
		goto done;
	}
	sim->stages = accord_calloc(n, sizeof *sim->stages);
	if (sim->stages == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < n; i++, sim->n_stages++)
		if ((sim->stages[i] = accord_strdup(names[i])) == NULL) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			goto done;
		}
	if ((rc = accord_session_amendments(&list, &count, ss.s, -1, err)) != ACCORD_OK)
		goto done;
	sim->items = accord_calloc(count ? count : 1, sizeof *sim->items);
	if (sim->items == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < count; i++, sim->n_items++) {
		sim_item *it = &sim->items[i];
		it->id = accord_strdup(list[i].id);
		it->op = accord_strdup(list[i].op);
		it->target = dup_or_null(list[i].target);
		it->proposers = accord_strdup(list[i].proposers);
		it->summary = summary_of(list[i].json);
		if (it->id == NULL || it->op == NULL || it->proposers == NULL || it->summary == NULL ||
		    (list[i].target != NULL && it->target == NULL)) {
			sim->n_items++;
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			goto done;
		}
	}
	n = accord_doc_para_total(su->base);
	sim->paras = accord_calloc(n ? n : 1, sizeof *sim->paras);
	if (sim->paras == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto done;
	}
	while ((p = accord_doc_next_para(su->base, p)) != NULL && sim->n_paras < n) {
		sim_para *sp = &sim->paras[sim->n_paras++];
		const char *heading = accord_section_heading(accord_para_section(p));
		sp->id = accord_strdup(accord_para_id(p));
		sp->label = dup_or_null(accord_para_label(p));
		sp->section = dup_or_null(heading);
		if (sp->id == NULL || (accord_para_label(p) != NULL && sp->label == NULL) ||
		    (heading != NULL && sp->section == NULL)) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			goto done;
		}
	}
	rc = sim_alloc_counts(sim, err);
done:
	accord_session_amendments_free(list, count);
	session_close(&ss);
	return rc;
}

/* ---- one run --------------------------------------------------------------------------------- */


/* Seeds math.random of a sandbox (the real library, loaded below the read-only proxy). */
static int seed_state(accord_lua *S, unsigned long long seed, accord_error *err)
{
	lua_State *L = accord_lua_state(S);
	int rc = ACCORD_OK;
	lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	if (lua_getfield(L, -1, LUA_MATHLIBNAME) != LUA_TTABLE || lua_getfield(L, -1, "randomseed") != LUA_TFUNCTION) {
		lua_settop(L, lua_gettop(L) - 3);
		return accord_error_set(err, ACCORD_ESCRIPT, "a sandbox without math.randomseed");
	}
	lua_pushinteger(L, (lua_Integer)seed);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
		rc = accord_error_set(err, ACCORD_ESCRIPT, "math.randomseed: %s", lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	lua_pop(L, 2);
	return rc;
}

/* The index of an amendment on the table, or -1 (one made during the run). Linear: a few hundred at most. */
/*
** One stage: positions where it takes them, votes where it takes votes,
** decisions where it takes them, a revision after agreement.
*/
static int run_stage(run_state *rs, size_t k, accord_error *err)
{
	const accord_sim *sim = rs->su->sim;
	const char *stage = sim->stages[k];
	accord_session_amendment *open = NULL;
	size_t n_open = 0, i;
	int allowed, rc = ACCORD_OK;

	if (rs->transcript != NULL)
		accord_buf_printf(rs->transcript, "\nStage %s\n", stage);
	if ((allowed = sim_stage_allows(rs, stage, "position", err)) < 0)
		return allowed;
	if (allowed) {
		accord_doc *now = NULL;
		rs->round++;
		if ((rc = accord_session_text(&now, rs->ss.s, -1, err)) != ACCORD_OK)
			return rc;
		rc = accord_session_amendments(&open, &n_open, rs->ss.s, -1, err);
		for (i = 0; rc == ACCORD_OK && i < n_open; i++)
			if (accord_state_is_open(open[i].state))
				rc = sim_ask_about(rs, &open[i], now, stage, err);
		accord_session_amendments_free(open, n_open);
		accord_doc_free(now);
		open = NULL;
		n_open = 0;
		if (rc == ACCORD_OK && lua_isfunction(rs->L, rs->chair))
			rc = sim_chair_stage(rs, stage, err);
		if (rc != ACCORD_OK)
			return rc;
	}
	if ((allowed = sim_stage_allows(rs, stage, "vote", err)) < 0)
		return allowed;
	if (allowed && (rc = sim_cast_votes(rs, err)) != ACCORD_OK)
		return rc;
	if ((allowed = sim_stage_allows(rs, stage, "decide", err)) < 0)
		return allowed;
	if (allowed) {
		accord_session_decision *d = NULL;
		size_t n = 0;
		int agreed = 0;
		rc = accord_session_decide(&d, &n, rs->ss.s, ACCORD_DECIDE_ALL, NULL, err);
		if (rc == ACCORD_EREFUSED || rc == ACCORD_ENOTFOUND) {
			rc = ACCORD_OK;
		} else if (rc == ACCORD_OK) {
			for (i = 0; i < n; i++) {
				int item = sim_item_of(rs, d[i].amendment);
				if (!accord_state_is_open(d[i].to)) {
					size_t c;
					if (item >= 0) {
						rs->run->decided_stage[item] = (unsigned char)k;
						sim_vote_pivots(sim, rs->run, (size_t)item, d[i].tally,
							d[i].to == ACCORD_STATE_AGREED || d[i].to == ACCORD_STATE_AGREED_AD_REF);
					}
					/* a chair's compromise stands for every amendment it replaced */
					for (c = 0; c < rs->n_compromises; c++)
						if (strcmp(rs->compromises[c].id, d[i].amendment) == 0)
							rs->run->decided_stage[rs->compromises[c].item] = (unsigned char)k;
					rs->run->last_stage = (unsigned)k;
				}
				if (d[i].to == ACCORD_STATE_AGREED || d[i].to == ACCORD_STATE_AGREED_AD_REF)
					agreed = 1;
				if (rs->run->trace != NULL &&
				    accord_buf_printf(rs->run->trace, "pack\t-\t%s\t%s\n", d[i].amendment,
					    accord_state_name(d[i].to)) != ACCORD_OK)
					rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
				if (rs->transcript != NULL)
					accord_buf_printf(rs->transcript, "  decided: %s %s (%s)\n", d[i].amendment,
						accord_state_name(d[i].to), d[i].rule ? d[i].rule : "");
			}
		}
		accord_session_decisions_free(d, n);
		if (rc != ACCORD_OK)
			return rc;
		if (agreed) {
			accord_revise_result r;
			rc = accord_session_pack_revise(&r, rs->ss.s, rs->ss.sp, NULL, err);
			if (rc == ACCORD_OK && rs->transcript != NULL)
				accord_buf_printf(rs->transcript, "  Rev.%u issued: %zu applied, %zu carried over, %zu lapsed\n",
					r.rev, r.applied, r.carried, r.lapsed);
			if (rc == ACCORD_EEMPTY || rc == ACCORD_ECONFLICT) {
				if (rs->transcript != NULL && rc == ACCORD_ECONFLICT)
					accord_buf_printf(rs->transcript, "  no revision: %s\n", err->message);
				rc = ACCORD_OK;
			}
			if (rc != ACCORD_OK)
				return rc;
		}
	}
	/* open amendments after the stage */
	if ((rc = accord_session_amendments(&open, &n_open, rs->ss.s, -1, err)) != ACCORD_OK)
		return rc;
	for (i = 0; i < n_open; i++)
		if (accord_state_is_open(open[i].state))
			rs->run->open_after[k]++;
	accord_session_amendments_free(open, n_open);
	if (k + 1 < sim->n_stages) {
		char *next = NULL;
		rc = accord_session_stage(&next, rs->ss.s, NULL, err);
		accord_free(next);
	}
	return rc;
}

/* How the run ended for each amendment, which paragraphs are free of brackets, who was pivotal. */
static int finish_run(run_state *rs, accord_error *err)
{
	const accord_sim *sim = rs->su->sim;
	accord_session_amendment *all = NULL;
	size_t n = 0, i, p;
	int rc = accord_session_amendments(&all, &n, rs->ss.s, -1, err);
	if (rc != ACCORD_OK)
		return rc;
	for (i = 0; i < sim->n_items; i++)
		rs->run->outcome[i] = SIM_OTHER;
	/* The amendments on the table, then the compromise texts in the order they were tabled: the
	   last one not superseded in its turn tells how the amendment it stands for ended. */
	for (i = 0; i < n; i++) {
		size_t k, from = 0;
		int item = -1, compromise = 0;
		unsigned char o;
		for (k = 0; k < sim->n_items && item < 0; k++)
			if (strcmp(sim->items[k].id, all[i].id) == 0)
				item = (int)k;
		if (item < 0)
			compromise = 1;
		switch (all[i].state) {
		case ACCORD_STATE_AGREED: o = compromise ? SIM_COMPROMISE : SIM_AGREED; break;
		case ACCORD_STATE_AGREED_AD_REF: o = compromise ? SIM_COMPROMISE : SIM_AGREED_AD_REF; break;
		case ACCORD_STATE_REJECTED: o = SIM_REJECTED; break;
		default: o = accord_state_is_open(all[i].state) ? SIM_OPEN : SIM_OTHER; break;
		}
		/* a compromise text stands for one amendment, a chair's for each one it replaced */
		for (;;) {
			if (compromise) {
				item = -1;
				for (k = from; k < rs->n_compromises && item < 0; k++)
					if (strcmp(rs->compromises[k].id, all[i].id) == 0)
						item = (int)rs->compromises[k].item;
				from = k;
				if (item < 0 || all[i].state == ACCORD_STATE_SUPERSEDED)
					break;
			} else if (all[i].state == ACCORD_STATE_SUPERSEDED && rs->run->outcome[item] != SIM_OTHER) {
				break; /* its compromise was listed first */
			}
			rs->run->outcome[item] = o;
			if (!compromise)
				break;
		}
	}
	for (p = 0; p < sim->n_paras; p++) {
		rs->run->paras_clean[p] = 1;
		for (i = 0; i < sim->n_items; i++)
			if (rs->run->outcome[i] == SIM_OPEN && sim->items[i].target != NULL &&
			    strcmp(sim->items[i].target, sim->paras[p].id) == 0)
				rs->run->paras_clean[p] = 0;
	}
	accord_session_amendments_free(all, n);
	return ACCORD_OK;
}

/* The compilation of what is still open, in the pack's convention (the report's final text). */
static int example_text(run_state *rs, accord_error *err)
{
	accord_compilation *c = NULL;
	accord_pack_brackets *pb = NULL;
	accord_compilation_render_options ro = ACCORD_COMPILATION_RENDER_OPTIONS_INIT;
	accord_buf out = ACCORD_BUF_INIT;
	int rc = accord_session_compile(&c, rs->ss.s, err);
	if (rc == ACCORD_ENOTFOUND || rc == ACCORD_ECONFLICT) {
		/* a session the compiler cannot lay out (an ADD agreed after one that was dropped): the
		   run stands, without its text */
		rc = accord_buf_printf(&out, "(no compilation: %s)\n", err->message);
		accord_error_clear(err);
		if (rc == ACCORD_OK && (rs->run->example = accord_buf_detach(&out)) == NULL)
			rc = ACCORD_ENOMEM;
		accord_buf_dispose(&out);
		return rc == ACCORD_OK ? ACCORD_OK : accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	if (rc == ACCORD_OK && (rc = accord_pack_brackets_load(&pb, accord_session_pack_pack(rs->ss.sp), err)) == ACCORD_OK) {
		ro.brackets = accord_pack_brackets_get(pb);
		rc = accord_compilation_render(&out, c, ACCORD_FORMAT_TEXT, &ro, err);
	}
	if (rc == ACCORD_OK)
		rs->run->example = accord_buf_detach(&out);
	accord_buf_dispose(&out);
	accord_pack_brackets_free(pb);
	accord_compilation_free(c);
	return rc;
}

static int run_one(const sim_setup *su, sim_run *run, int first, accord_error *err)
{
	const accord_sim_options *opts = su->opts;
	run_state rs;
	char path[4096];
	size_t k;
	int rc, keep = first && opts->session_out != NULL;

	memset(&rs, 0, sizeof rs);
	rs.su = su;
	rs.run = run;
	rs.transcript = first ? opts->transcript : NULL;
	if (keep)
		snprintf(path, sizeof path, "%s", opts->session_out);
	else
		snprintf(path, sizeof path, "%s/run-%lu.session", su->tmpdir, run->index);
	if ((rc = session_open(&rs.ss, su, path, keep, err)) != ACCORD_OK)
		goto done;
	if ((rc = load_scenario(&rs.scenario, su->scenario, accord_pack_roster(accord_session_pack_pack(rs.ss.sp)), err)) !=
		    ACCORD_OK ||
	    (rc = seed_state(accord_pack_runtime(rs.scenario), opts->seed + run->index, err)) != ACCORD_OK ||
	    (rc = seed_state(accord_pack_runtime(accord_session_pack_pack(rs.ss.sp)), opts->seed + run->index, err)) !=
		    ACCORD_OK)
		goto done;
	rs.L = accord_lua_state(accord_pack_runtime(rs.scenario));
	accord_pack_push(rs.scenario);
	lua_getfield(rs.L, -1, "delegations");
	rs.agents = lua_gettop(rs.L);
	lua_getfield(rs.L, -2, "default");
	rs.fallback = lua_gettop(rs.L);
	lua_getfield(rs.L, -3, "chair");
	rs.chair = lua_gettop(rs.L);
	if (rs.transcript != NULL)
		accord_buf_printf(rs.transcript, "Simulation of %s under %s, run %lu (seed %llu)\n", su->sim->name,
			su->sim->workflow, run->index + 1, opts->seed + run->index);
	for (k = rs.ss.first_stage; k < su->sim->n_stages && rc == ACCORD_OK; k++)
		rc = run_stage(&rs, k, err);
	if (rc == ACCORD_OK)
		rc = finish_run(&rs, err);
	if (rc == ACCORD_OK && first)
		rc = example_text(&rs, err);
	if (rc == ACCORD_OK && rs.transcript != NULL && run->example != NULL)
		accord_buf_printf(rs.transcript, "\nThe text at the end, with what remains open:\n\n%s", run->example);
done:
	if (rs.L != NULL)
		lua_settop(rs.L, 0);
	accord_pack_free(rs.scenario);
	if (rc != ACCORD_OK)
		rs.ss.keep = 0;
	session_close(&rs.ss);
	accord_buf_dispose(&rs.scratch);
	sim_compromises_dispose(&rs);
	return rc;
}

/* ---- the runs, on threads ---------------------------------------------------------------------- */

typedef struct sim_pool {
	const sim_setup *su;
	sim_run *runs;          /* this process's runs, in order */
	size_t n_runs;
	size_t next;            /* the next run to take */
	size_t done;
	int stop;               /* a run failed: take no more */
	pthread_mutex_t lock;
} sim_pool;

static void *worker(void *data)
{
	sim_pool *pool = data;
	for (;;) {
		size_t i;
		sim_run *run;
		pthread_mutex_lock(&pool->lock);
		if (pool->stop || pool->next >= pool->n_runs) {
			pthread_mutex_unlock(&pool->lock);
			return NULL;
		}
		i = pool->next++;
		pthread_mutex_unlock(&pool->lock);
		run = &pool->runs[i];
		accord_error_clear(&run->err);
		{
			double t0 = sim_thread_seconds();
			run->rc = run_one(pool->su, run, i == 0, &run->err);
			run->seconds = sim_thread_seconds() - t0;
		}
		pthread_mutex_lock(&pool->lock);
		pool->done++;
		if (run->rc != ACCORD_OK)
			pool->stop = 1;
		if (pool->su->opts->progress != NULL)
			pool->su->opts->progress(pool->su->opts->progress_data, pool->done, pool->n_runs);
		pthread_mutex_unlock(&pool->lock);
	}
}

static int run_alloc(sim_run *run, const accord_sim *sim)
{
	size_t n_items = sim->n_items ? sim->n_items : 1;
	run->rc = ACCORD_OK;
	run->outcome = accord_calloc(n_items, 1);
	run->decided_stage = accord_malloc(n_items);
	run->positions = accord_calloc(sim->n_parties * n_items + 1, 1);
	run->paras_clean = accord_calloc(sim->n_paras + 1, 1);
	run->ballots = accord_calloc(sim->n_parties * n_items + 1, 1);
	run->voted = accord_calloc(n_items, 1);
	run->vote_pivot = accord_calloc(sim->n_parties * n_items + 1, 1);
	run->open_after = accord_calloc(sim->n_stages, sizeof *run->open_after);
	run->last_stage = SIM_NO_STAGE;
	if (run->outcome == NULL || run->decided_stage == NULL || run->positions == NULL || run->paras_clean == NULL ||
	    run->open_after == NULL || run->ballots == NULL || run->voted == NULL || run->vote_pivot == NULL)
		return ACCORD_ENOMEM;
	memset(run->decided_stage, SIM_NO_STAGE, n_items);
	return ACCORD_OK;
}

static void run_dispose(sim_run *run)
{
	accord_free(run->outcome);
	accord_free(run->decided_stage);
	accord_free(run->positions);
	accord_free(run->paras_clean);
	accord_free(run->ballots);
	accord_free(run->voted);
	accord_free(run->vote_pivot);
	accord_free(run->open_after);
	accord_free(run->example);
}

/* The first line where two traces differ: its start in each (the end of the shorter when one is a prefix). */
static void first_difference(const accord_buf *a, const accord_buf *b, size_t *at)
{
	size_t i = 0, line = 0, n = a->size < b->size ? a->size : b->size;
	while (i < n && a->ptr[i] == b->ptr[i]) {
		if (a->ptr[i] == '\n')
			line = i + 1;
		i++;
	}
	*at = line;
}

/* One trace line's fields (who, party, amendment, answer) copied out of s, tab-separated. */
static void trace_fields(const accord_buf *t, size_t at, char fields[4][128])
{
	size_t f = 0, k = 0, i;
	for (f = 0; f < 4; f++)
		strcpy(fields[f], "(nothing)");
	f = 0;
	for (i = at; i < t->size && t->ptr[i] != '\n' && f < 4; i++) {
		if (t->ptr[i] == '\t') {
			fields[f][k] = '\0';
			f++;
			k = 0;
			continue;
		}
		if (k + 1 < sizeof fields[0])
			fields[f][k++] = t->ptr[i];
	}
	if (f < 4 && i > at)
		fields[f][k] = '\0';
}

/*
** A run made from a stack 8 KB deeper than any run before: Lua seeds the
** hashes of a new state's strings with, among others, the address of a
** local variable, so that the order of pairs() over string keys differs from
** the first time, and an answer that depends on it shows.
*/
static int run_deeper(const sim_setup *su, sim_run *run, accord_error *err)
{
	volatile char shift[8192];
	int rc;
	shift[0] = 0;
	rc = run_one(su, run, 0, err);
	shift[sizeof shift - 1] = shift[0];
	return rc;
}

/*
** Runs the process's first run again, with the same seed, and compares every
** answer and decision of the two: an agent or a pack whose answer varies for
** the same inputs (the order of pairs(), a table's address in tostring ...)
** is reported as the script's failure (ACCORD_ESCRIPT), naming it.
*/
static int check_determinism(const sim_setup *su, sim_run *first, accord_error *err)
{
	sim_run again;
	accord_buf trace = ACCORD_BUF_INIT;
	size_t at;
	int rc;
	if (first->trace == NULL)
		return ACCORD_OK;
	memset(&again, 0, sizeof again);
	again.index = first->index;
	again.trace = &trace;
	if ((rc = run_alloc(&again, su->sim)) == ACCORD_OK)
		rc = run_deeper(su, &again, err);
	else
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	if (rc == ACCORD_OK && (trace.size != first->trace->size ||
				       (trace.size > 0 && memcmp(trace.ptr, first->trace->ptr, trace.size) != 0))) {
		char one[4][128], two[4][128];
		first_difference(first->trace, &trace, &at);
		trace_fields(first->trace, at, one);
		trace_fields(&trace, at, two);
		if (strcmp(one[0], "agent") == 0 && strcmp(one[1], two[1]) == 0 && strcmp(one[2], two[2]) == 0)
			rc = accord_error_set(err, ACCORD_ESCRIPT,
				"agent of %s on %s (run %lu) answered '%s', and '%s' when the run was made again with the same "
				"seed: its answer depends on more than its inputs and math.random (the order of pairs(), a "
				"table's address?)",
				one[1], one[2], first->index + 1, one[3], two[3]);
		else if (strcmp(one[0], "pack") == 0 && strcmp(one[2], two[2]) == 0)
			rc = accord_error_set(err, ACCORD_ESCRIPT,
				"the rule pack decided %s '%s' (run %lu), and '%s' when the run was made again with the same seed: "
				"its decision depends on more than its inputs and math.random (the order of pairs(), a table's "
				"address?)",
				one[2], one[3], first->index + 1, two[3]);
		else
			rc = accord_error_set(err, ACCORD_ESCRIPT,
				"run %lu went another way when made again with the same seed (%s %s %s, then %s %s %s): an agent or "
				"the rule pack depends on more than its inputs and math.random",
				first->index + 1, one[0], one[1], one[2], two[0], two[1], two[2]);
		accord_error_at(err, su->scenario, 0, 0);
	}
	run_dispose(&again);
	accord_buf_dispose(&trace);
	return rc;
}

static int run_all(sim_setup *su, accord_error *err)
{
	const accord_sim_options *opts = su->opts;
	accord_sim *sim = su->sim;
	sim_pool pool;
	accord_buf first_trace = ACCORD_BUF_INIT; /* the first run's answers and decisions */
	pthread_t threads[64];
	unsigned long i, shards = opts->shards > 1 ? opts->shards : 1;
	size_t t, jobs, started = 0;
	int rc = ACCORD_OK;

	memset(&pool, 0, sizeof pool);
	pool.su = su;
	for (i = opts->shards > 1 ? opts->shard : 0; i < opts->runs; i += shards)
		pool.n_runs++;
	pool.runs = accord_calloc(pool.n_runs ? pool.n_runs : 1, sizeof *pool.runs);
	if (pool.runs == NULL)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	for (t = 0, i = opts->shards > 1 ? opts->shard : 0; t < pool.n_runs; t++, i += shards) {
		pool.runs[t].index = i;
		if (run_alloc(&pool.runs[t], sim) != ACCORD_OK) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			pool.n_runs = t + 1;
			goto done;
		}
	}
	if (pool.n_runs > 0)
		pool.runs[0].trace = &first_trace;
	pthread_mutex_init(&pool.lock, NULL);
	jobs = opts->jobs > 0 ? opts->jobs : 1;
	if (jobs > sizeof threads / sizeof threads[0])
		jobs = sizeof threads / sizeof threads[0];
	if (jobs > pool.n_runs)
		jobs = pool.n_runs;
	for (t = 1; t < jobs; t++) {
		if (pthread_create(&threads[started], NULL, worker, &pool) != 0)
			break;
		started++;
	}
	worker(&pool);
	for (t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	pthread_mutex_destroy(&pool.lock);
	/* the lowest failing run decides the error, whatever the threads did */
	for (t = 0; t < pool.n_runs; t++)
		if (pool.runs[t].rc != ACCORD_OK && (pool.runs[t].rc != 0 || pool.runs[t].err.message[0])) {
			if (pool.runs[t].err.message[0] == '\0' && pool.runs[t].rc == ACCORD_ENOMEM)
				accord_error_set(&pool.runs[t].err, ACCORD_ENOMEM, "out of memory");
			*err = pool.runs[t].err;
			rc = pool.runs[t].rc;
			goto done;
		}
	if (pool.n_runs > 0 && (rc = check_determinism(su, &pool.runs[0], err)) != ACCORD_OK)
		goto done;
	for (t = 0; t < pool.n_runs; t++)
		sim_add_run(sim, &pool.runs[t]);
	if (pool.n_runs > 0 && pool.runs[0].example != NULL) {
		sim->example = pool.runs[0].example;
		sim->example_run = pool.runs[0].index;
		pool.runs[0].example = NULL;
	}
	sim->shards = shards;
	sim->shard_done = accord_calloc(shards, 1);
	if (sim->shard_done == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto done;
	}
	sim->shard_done[opts->shards > 1 ? opts->shard : 0] = 1;
done:
	for (t = 0; t < pool.n_runs; t++)
		run_dispose(&pool.runs[t]);
	accord_free(pool.runs);
	accord_buf_dispose(&first_trace);
	return rc;
}

/* ---- the entry point -------------------------------------------------------------------------- */

static void setup_dispose(sim_setup *su)
{
	size_t i;
	for (i = 0; i < su->n_contributions; i++) {
		accord_free(su->contributions[i].party);
		accord_free(su->contributions[i].path);
		accord_buf_dispose(&su->contributions[i].data);
	}
	accord_free(su->contributions);
	accord_free(su->scenario);
	accord_free(su->pack_path);
	accord_doc_free(su->base);
	accord_free(su->base_name);
	accord_buf_dispose(&su->roster);
	accord_free(su->roster_name);
	if (su->tmpdir != NULL) {
		rmdir(su->tmpdir);
		accord_free(su->tmpdir);
	}
}

static int make_tmpdir(char **out, accord_error *err)
{
	const char *base = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/accord-simulate-XXXXXX", base != NULL && base[0] != '\0' ? base : "/tmp");
	if (mkdtemp(path) == NULL)
		return accord_error_set(err, ACCORD_EIO, "cannot make a scratch folder in %s: %s",
			base != NULL && base[0] != '\0' ? base : "/tmp", strerror(errno));
	*out = accord_strdup(path);
	if (*out == NULL) {
		rmdir(path); /* nobody else knows of it */
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	return ACCORD_OK;
}

int accord_simulate(accord_sim **out, const accord_sim_options *opts, accord_error *err)
{
	sim_setup su;
	struct timespec start, end;
	int rc;
	if (out == NULL || opts == NULL || opts->scenario == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_simulate: NULL argument");
	*out = NULL;
	if (opts->version != ACCORD_SIM_OPTIONS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "unknown simulation options version %u", opts->version);
	if (opts->runs == 0)
		return accord_error_set(err, ACCORD_EINVAL, "a simulation needs at least one run");
	if (opts->shards > 1 && opts->shard >= opts->shards)
		return accord_error_set(err, ACCORD_EINVAL, "shard %lu of %lu does not exist (shards count from 1)",
			opts->shard + 1, opts->shards);
	memset(&su, 0, sizeof su);
	su.opts = opts;
	su.sim = accord_calloc(1, sizeof *su.sim);
	su.scenario = accord_strdup(opts->scenario);
	if (su.sim == NULL || su.scenario == NULL) {
		accord_free(su.sim);
		accord_free(su.scenario);
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	su.sim->seed = opts->seed;
	su.sim->runs_planned = opts->runs;
	su.sim->example_run = SIM_NO_RUN;
	clock_gettime(CLOCK_MONOTONIC, &start);
	if ((rc = read_scenario(&su, err)) == ACCORD_OK && (rc = make_tmpdir(&su.tmpdir, err)) == ACCORD_OK &&
	    (rc = prepare(&su, err)) == ACCORD_OK)
		rc = run_all(&su, err);
	if (rc == ACCORD_OK) {
		clock_gettime(CLOCK_MONOTONIC, &end);
		su.sim->stats.wall_seconds =
			(double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
		*out = su.sim;
	} else {
		accord_sim_free(su.sim);
	}
	setup_dispose(&su);
	return rc;
}
