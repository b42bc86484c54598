/*
** bind_simulate.c: simulated drafting rounds in Lua (lua/runtime/accord_simulate.h,
** docs/simulation.md).
**
**   accord.simulate{scenario = PATH, seed = S, runs = N, jobs = J, shard = "K/N",
**                   session = PATH, transcript = true, report = PATH}
**   accord.simulate{merge = {PART, ...}, report = PATH}
**       -> result [, transcript] | nil, message, code                  [-0, +1|2|3, m]
**     result: the "simulation/1" object as Lua tables (the keys of `accord simulate
**     --json`); with shard, a part for merge; transcript (when asked): the first
**     run's, as text; report: the HTML report written to PATH.
*/
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <lauxlib.h>

#include "accord_simulate.h"
#include "module_int.h"

/* Pushes a JSON value as Lua values (objects and arrays as tables, null as nil). [-0, +1, m] */
static void push_json(lua_State *L, json_t *v)
{
	size_t i;
	const char *key;
	json_t *item;
	luaL_checkstack(L, 3, "JSON too deep");
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		lua_createtable(L, 0, (int)json_object_size(v));
		json_object_foreach(v, key, item)
		{
			push_json(L, item);
			lua_setfield(L, -2, key);
		}
		break;
	case JSON_ARRAY:
		lua_createtable(L, (int)json_array_size(v), 0);
		json_array_foreach(v, i, item)
		{
			push_json(L, item);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		break;
	case JSON_STRING: lua_pushlstring(L, json_string_value(v), json_string_length(v)); break;
	case JSON_INTEGER: lua_pushinteger(L, (lua_Integer)json_integer_value(v)); break;
	case JSON_REAL: lua_pushnumber(L, json_real_value(v)); break;
	case JSON_TRUE: lua_pushboolean(L, 1); break;
	case JSON_FALSE: lua_pushboolean(L, 0); break;
	default: lua_pushnil(L); break;
	}
}

static const char *opt_string(lua_State *L, const char *field)
{
	const char *s = NULL;
	if (lua_getfield(L, 1, field) != LUA_TNIL)
		s = luaL_checkstring(L, -1) != NULL ? lua_tostring(L, -1) : NULL;
	lua_pop(L, 1); /* the options table keeps the string alive */
	return s;
}

static unsigned long long opt_count(lua_State *L, const char *field, unsigned long long def, unsigned long long min,
	unsigned long long max)
{
	lua_Integer v;
	int isnum;
	if (lua_getfield(L, 1, field) == LUA_TNIL) {
		lua_pop(L, 1);
		return def;
	}
	v = lua_tointegerx(L, -1, &isnum);
	lua_pop(L, 1);
	if (!isnum || v < 0 || (unsigned long long)v < min || (unsigned long long)v > max) {
		char range[96]; /* lua_pushfstring has no %llu */
		snprintf(range, sizeof range, "%llu to %llu", min, max);
		luaL_error(L, "accord.simulate: %s must be a whole number from %s", field, range);
	}
	return (unsigned long long)v;
}

/* Merges the parts listed in options.merge into *out. */
static int merge_parts(lua_State *L, accord_sim **out, accord_error *err)
{
	lua_Integer i, n;
	int rc = ACCORD_OK;
	*out = NULL;
	lua_getfield(L, 1, "merge");
	n = (lua_Integer)luaL_len(L, -1);
	if (n < 1)
		luaL_error(L, "accord.simulate: merge must list the parts");
	for (i = 1; i <= n && rc == ACCORD_OK; i++) {
		accord_buf *data = accord_lua_push_temp_buf(L);
		accord_sim *part = NULL;
		const char *path;
		lua_geti(L, -2, i);
		path = luaL_checkstring(L, -1);
		rc = accord_read_file(data, path, err);
		if (rc == ACCORD_OK)
			rc = accord_sim_parse_json(&part, data->ptr ? data->ptr : "", data->size, path, err);
		if (rc == ACCORD_OK && *out == NULL)
			*out = part;
		else if (rc == ACCORD_OK) {
			rc = accord_sim_merge(*out, part, err);
			accord_sim_free(part);
		}
		lua_pop(L, 2);
	}
	lua_pop(L, 1);
	if (rc != ACCORD_OK) {
		accord_sim_free(*out);
		*out = NULL;
	}
	return rc;
}

static int l_simulate(lua_State *L)
{
	accord_sim_options opts = ACCORD_SIM_OPTIONS_INIT;
	accord_sim *sim = NULL;
	accord_error err;
	accord_buf *transcript, *json, *html;
	const char *shard, *report;
	json_t *root;
	json_error_t jerr;
	int want_transcript, rc;

	luaL_checktype(L, 1, LUA_TTABLE);
	accord_error_clear(&err);
	transcript = accord_lua_push_temp_buf(L);
	json = accord_lua_push_temp_buf(L);
	html = accord_lua_push_temp_buf(L);
	report = opt_string(L, "report");
	lua_getfield(L, 1, "transcript");
	want_transcript = lua_toboolean(L, -1);
	lua_pop(L, 1);
	if (lua_getfield(L, 1, "merge") != LUA_TNIL) {
		lua_pop(L, 1);
		rc = merge_parts(L, &sim, &err);
	} else {
		lua_pop(L, 1);
		opts.scenario = opt_string(L, "scenario");
		if (opts.scenario == NULL)
			return luaL_error(L, "accord.simulate: scenario (a file) is required");
		opts.seed = opt_count(L, "seed", 1, 0, (unsigned long long)LUA_MAXINTEGER);
		opts.runs = (unsigned long)opt_count(L, "runs", 1, 1, 100000000ULL);
		opts.jobs = (unsigned)opt_count(L, "jobs", 1, 1, 64);
		opts.session_out = opt_string(L, "session");
		opts.transcript = want_transcript ? transcript : NULL;
		shard = opt_string(L, "shard");
		if (shard != NULL) {
			unsigned long k, n;
			char tail;
			if (sscanf(shard, "%lu/%lu%c", &k, &n, &tail) != 2 || k == 0 || n == 0 || k > n || n > opts.runs)
				return luaL_error(L, "accord.simulate: shard must be \"K/N\" with 1 <= K <= N <= runs");
			opts.shard = k - 1;
			opts.shards = n;
		}
		rc = accord_simulate(&sim, &opts, &err);
	}
	if (rc == ACCORD_OK)
		rc = accord_sim_render_json(json, sim, &err);
	if (rc == ACCORD_OK && report != NULL) {
		rc = accord_sim_render_html(html, sim, &err);
		if (rc == ACCORD_OK) {
			FILE *f = fopen(report, "wb");
			if (f == NULL || fwrite(html->ptr, 1, html->size, f) != html->size) {
				rc = accord_error_set(&err, ACCORD_EIO, "cannot write the report");
				accord_error_at(&err, report, 0, 0);
			}
			if (f != NULL && fclose(f) != 0 && rc == ACCORD_OK) {
				rc = accord_error_set(&err, ACCORD_EIO, "cannot write the report");
				accord_error_at(&err, report, 0, 0);
			}
		}
	}
	accord_sim_free(sim);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	root = json_loadb(json->ptr, json->size, 0, &jerr);
	if (root == NULL)
		return luaL_error(L, "accord.simulate: %s", jerr.text);
	push_json(L, root);
	json_decref(root);
	if (!want_transcript)
		return 1;
	lua_pushlstring(L, transcript->ptr ? transcript->ptr : "", transcript->size);
	return 2;
}

void accord_bind_simulate(lua_State *L)
{
	lua_pushcfunction(L, l_simulate);
	lua_setfield(L, -2, "simulate");
}
