/*
** bind_amend.c: amendments in Lua (amend.h): accord.diff, amendment lists,
** reading them from JSON, and applying them to a document.
**
**   accord.diff(base, contrib [, {party = "USA"}]) -> list     [-0, +1, m]
**   accord.amendments(json [, name]) -> list | nil, msg, code  [-0, +1|3, m]
**   list:count() / #list -> n;  list[i] -> table (a copy)      [-0, +1, m]
**   list:json() / list:yaml() / list:text(base [, color])     [-0, +1, m]
**   list:party(), list:ids()
**   list:apply(doc [, {only = {"USA/1", ...}}]) -> true | nil, msg, code
**   list:flattened([base [, contrib [, source]]]) -> {places}      [-0, +1, m]
**   list:close() (also __gc, __close)
**
** An amendment table has the fields of accord_amendment (docs/lua.md):
** id, op, proposers, source_file, source_line, target, edits (a list of
** {kind, at, count, base, text}), label_from, label_to, label_changed,
** editorial, position {section, parent, after}, label, text, heading_from,
** heading, kind, addressee, field, from, to, footnote, relation, related,
** similarity.
*/
#include <string.h>

#include <lauxlib.h>

#include "accord/amend.h"
#include "accord/doc.h"
#include "accord/roster.h"
#include "accord_lua.h"
#include "module_int.h"

#define LIST_T "accord.amendments"
#define DOC_T "accord.doc"
#define PLACES_T "accord.flattened"

static accord_amendment_list **new_list_box(lua_State *L)
{
	accord_amendment_list **box = lua_newuserdatauv(L, sizeof(*box), 0);
	*box = NULL;
	luaL_setmetatable(L, LIST_T);
	return box;
}

static accord_amendment_list *check_list(lua_State *L, int idx)
{
	return accord_lua_check_box(L, idx, LIST_T, "amendment list");
}

static int list_close(lua_State *L)
{
	accord_amendment_list **box = luaL_checkudata(L, 1, LIST_T);
	accord_amendments_free(*box);
	*box = NULL;
	return 0;
}

/* accord.diff(base, contrib [, opts]) */
static int l_diff(lua_State *L)
{
	accord_doc *base = accord_lua_check_box(L, 1, DOC_T, "doc");
	accord_doc *contrib = accord_lua_check_box(L, 2, DOC_T, "doc");
	accord_doc_diff_options options = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_amendment_list **box;
	accord_error err;
	int rc;
	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		if (lua_getfield(L, 3, "party") != LUA_TNIL)
			options.party = luaL_checkstring(L, -1); /* kept alive by the table */
		lua_pop(L, 1);
	}
	accord_error_clear(&err);
	if (options.party != NULL && accord_party_code_check(options.party, &err) != ACCORD_OK)
		return luaL_argerror(L, 3, err.message);
	box = new_list_box(L);
	rc = accord_doc_diff(box, base, contrib, &options, &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

/* accord.amendments(json [, name]) */
static int l_amendments(lua_State *L)
{
	size_t len;
	const char *json = luaL_checklstring(L, 1, &len);
	const char *name = luaL_optstring(L, 2, "(string)");
	accord_amendment_list **box = new_list_box(L);
	accord_error err;
	int rc;
	accord_error_clear(&err);
	rc = accord_amendments_parse_json(box, json, len, name, &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

static int list_count(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)accord_amendments_count(check_list(L, 1)));
	return 1;
}

static void set_string(lua_State *L, const char *key, const char *value)
{
	if (value == NULL)
		return;
	lua_pushstring(L, value);
	lua_setfield(L, -2, key);
}

/* Pushes a table describing one amendment. [-0, +1, m] */
static void push_amendment(lua_State *L, const accord_amendment *a)
{
	size_t i;
	lua_createtable(L, 0, 24);
	set_string(L, "id", a->id);
	set_string(L, "op", accord_op_name(a->op));
	lua_createtable(L, (int)a->n_proposers, 0);
	for (i = 0; i < a->n_proposers; i++) {
		lua_pushstring(L, a->proposers[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "proposers");
	set_string(L, "source_file", a->source_file);
	lua_pushinteger(L, a->source_line);
	lua_setfield(L, -2, "source_line");
	set_string(L, "target", a->target);
	if (a->op == ACCORD_OP_MOD || a->op == ACCORD_OP_MOVE) {
		static const char *const kinds[] = {"insert", "delete", "replace"};
		lua_createtable(L, (int)a->n_edits, 0);
		for (i = 0; i < a->n_edits; i++) {
			const accord_edit *e = &a->edits[i];
			lua_createtable(L, 0, 5);
			set_string(L, "kind", kinds[e->kind]);
			lua_pushinteger(L, e->base_start);
			lua_setfield(L, -2, "at");
			lua_pushinteger(L, e->base_count);
			lua_setfield(L, -2, "count");
			set_string(L, "base", e->base_text);
			set_string(L, "text", e->text);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		lua_setfield(L, -2, "edits");
		lua_pushboolean(L, a->label_changed);
		lua_setfield(L, -2, "label_changed");
		lua_pushboolean(L, a->editorial);
		lua_setfield(L, -2, "editorial");
		lua_pushnumber(L, a->similarity);
		lua_setfield(L, -2, "similarity");
	}
	set_string(L, "label_from", a->label_from);
	set_string(L, "label_to", a->label_to);
	if (a->position.section || a->position.parent || a->position.after) {
		lua_createtable(L, 0, 3);
		set_string(L, "section", a->position.section);
		set_string(L, "parent", a->position.parent);
		set_string(L, "after", a->position.after);
		lua_setfield(L, -2, "position");
	}
	set_string(L, "label", a->label);
	set_string(L, "text", a->text);
	set_string(L, "heading_from", a->heading_from);
	set_string(L, "heading", a->heading);
	if (a->op == ACCORD_OP_HEADING || a->op == ACCORD_OP_ADD_SECTION || a->op == ACCORD_OP_SUP_SECTION)
		set_string(L, "kind", accord_section_kind_name(a->kind));
	set_string(L, "addressee", a->addressee);
	set_string(L, "field", a->field);
	set_string(L, "from", a->value_from);
	set_string(L, "to", a->value_to);
	set_string(L, "footnote", a->footnote);
	set_string(L, "relation", a->relation);
	set_string(L, "related", a->related);
}

/* list[i] (1-based) or list.method */
static int list_index(lua_State *L)
{
	accord_amendment_list *list = check_list(L, 1);
	if (lua_type(L, 2) == LUA_TNUMBER) {
		lua_Integer i = lua_tointeger(L, 2);
		if (i < 1 || (size_t)i > accord_amendments_count(list)) {
			lua_pushnil(L);
			return 1;
		}
		push_amendment(L, accord_amendments_get(list, (size_t)(i - 1)));
		return 1;
	}
	if (lua_type(L, 2) == LUA_TSTRING) {
		lua_getmetatable(L, 1);
		lua_getfield(L, -1, "methods");
		lua_getfield(L, -1, lua_tostring(L, 2));
		if (!lua_isnil(L, -1))
			return 1;
		/* an amendment id: list["USA/3"] */
		{
			const accord_amendment *a = accord_amendments_find(list, lua_tostring(L, 2));
			if (a == NULL)
				lua_pushnil(L);
			else
				push_amendment(L, a);
		}
		return 1;
	}
	lua_pushnil(L);
	return 1;
}

static int list_ids(lua_State *L)
{
	accord_amendment_list *list = check_list(L, 1);
	size_t i, n = accord_amendments_count(list);
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_pushstring(L, accord_amendments_get(list, i)->id);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

static int list_party(lua_State *L)
{
	const char *party = accord_amendments_party(check_list(L, 1));
	if (party == NULL)
		lua_pushnil(L);
	else
		lua_pushstring(L, party);
	return 1;
}

/* json / yaml / text: the list written out. */
static int render(lua_State *L, int which)
{
	accord_amendment_list *list = check_list(L, 1);
	/* the text view's arguments first: the buffer below is pushed on top of them */
	accord_doc *base = which == 2 ? accord_lua_check_box(L, 2, DOC_T, "doc") : NULL;
	int color = which == 2 && lua_toboolean(L, 3);
	accord_buf *buf = accord_lua_push_temp_buf(L);
	accord_error err;
	int rc;
	accord_error_clear(&err);
	if (which == 0)
		rc = accord_amendments_render_json(buf, list, &err);
	else if (which == 1)
		rc = accord_amendments_render_yaml(buf, list, &err);
	else
		rc = accord_amendments_render_text(buf, list, base, color);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushlstring(L, buf->ptr ? buf->ptr : "", buf->size);
	return 1;
}

static int list_json(lua_State *L)
{
	return render(L, 0);
}

static int list_yaml(lua_State *L)
{
	return render(L, 1);
}

static int list_text(lua_State *L)
{
	return render(L, 2);
}

/* keep() for apply with {only = {...}}: the ids are in a Lua table at the given state index. */
typedef struct only_filter {
	lua_State *L;
	int table;
} only_filter;

static int keep_only(const accord_amendment *a, void *data)
{
	only_filter *f = data;
	int keep;
	lua_pushstring(f->L, a->id);
	keep = lua_rawget(f->L, f->table) != LUA_TNIL;
	lua_pop(f->L, 1);
	return keep;
}

/* list:apply(doc [, {only = {...}}]): applies in place. */
static int list_apply(lua_State *L)
{
	accord_amendment_list *list = check_list(L, 1);
	accord_doc *doc = accord_lua_check_box(L, 2, DOC_T, "doc");
	accord_error err;
	int rc;
	accord_error_clear(&err);
	if (!lua_isnoneornil(L, 3)) {
		only_filter filter;
		luaL_checktype(L, 3, LUA_TTABLE);
		lua_getfield(L, 3, "only");
		luaL_argcheck(L, lua_istable(L, -1), 3, "expected {only = {ids...}}");
		/* A set of the ids, so that each lookup is a rawget. */
		lua_newtable(L);
		lua_pushnil(L);
		while (lua_next(L, -3) != 0) {
			lua_pushboolean(L, 1);
			lua_rawset(L, -4); /* set[id] = true */
		}
		filter.L = L;
		filter.table = lua_gettop(L);
		rc = accord_amendments_apply_filtered(doc, list, keep_only, &filter, &err);
	} else {
		rc = accord_amendments_apply(doc, list, &err);
	}
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushboolean(L, 1);
	return 1;
}

/* The places of accord_amendments_flattened, freed with their userdata. */
typedef struct places_box {
	accord_flattened *places;
	size_t n;
} places_box;

static int places_gc(lua_State *L)
{
	places_box *box = luaL_checkudata(L, 1, PLACES_T);
	accord_flattened_free(box->places, box->n);
	box->places = NULL;
	box->n = 0;
	return 0;
}

/*
** list:flattened([base [, contrib [, source]]]): the places that look like
** tracked changes flattened into plain text (accord_amendments_flattened),
** a list of {kind = "glued"|"kept", amendment, line, col, token, inserted,
** base, message, first_inserted}; base and contrib are the docs the list was
** diffed from, source the contribution's file text (for columns).
*/
static int list_flattened(lua_State *L)
{
	accord_amendment_list *list = check_list(L, 1);
	const accord_doc *base = lua_isnoneornil(L, 2) ? NULL : accord_lua_check_box(L, 2, DOC_T, "doc");
	const accord_doc *contrib = lua_isnoneornil(L, 3) ? NULL : accord_lua_check_box(L, 3, DOC_T, "doc");
	size_t source_len = 0, i;
	const char *source = luaL_optlstring(L, 4, NULL, &source_len);
	places_box *box;
	accord_error err;
	int rc;

	accord_error_clear(&err);
	box = lua_newuserdatauv(L, sizeof *box, 0); /* before the places: pushing may raise */
	box->places = NULL;
	box->n = 0;
	luaL_setmetatable(L, PLACES_T);
	rc = accord_amendments_flattened(&box->places, &box->n, list, base, contrib, source, source_len, &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	lua_createtable(L, (int)box->n, 0);
	for (i = 0; i < box->n; i++) {
		const accord_flattened *f = &box->places[i];
		lua_createtable(L, 0, 9);
		lua_pushstring(L, f->kind == ACCORD_FLATTENED_GLUED ? "glued" : "kept");
		lua_setfield(L, -2, "kind");
		lua_pushstring(L, f->amendment);
		lua_setfield(L, -2, "amendment");
		lua_pushinteger(L, (lua_Integer)f->line);
		lua_setfield(L, -2, "line");
		lua_pushinteger(L, (lua_Integer)f->col);
		lua_setfield(L, -2, "col");
		lua_pushstring(L, f->token);
		lua_setfield(L, -2, "token");
		lua_pushstring(L, f->inserted); /* nil for two base words run together */
		lua_setfield(L, -2, "inserted");
		lua_pushstring(L, f->base);
		lua_setfield(L, -2, "base");
		lua_pushstring(L, f->message);
		lua_setfield(L, -2, "message");
		lua_pushboolean(L, f->first_inserted);
		lua_setfield(L, -2, "first_inserted");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

static int list_tostring(lua_State *L)
{
	accord_amendment_list **box = luaL_checkudata(L, 1, LIST_T);
	if (*box == NULL)
		lua_pushliteral(L, "accord.amendments (closed)");
	else
		lua_pushfstring(L, "accord.amendments (%d)", (int)accord_amendments_count(*box));
	return 1;
}

void accord_bind_amend(lua_State *L)
{
	static const luaL_Reg methods[] = {{"count", list_count}, {"ids", list_ids}, {"party", list_party},
		{"json", list_json}, {"yaml", list_yaml}, {"text", list_text}, {"apply", list_apply},
		{"flattened", list_flattened}, {"close", list_close}, {NULL, NULL}};
	static const luaL_Reg meta[] = {{"__gc", list_close}, {"__close", list_close}, {"__len", list_count},
		{"__index", list_index}, {"__tostring", list_tostring}, {NULL, NULL}};
	static const luaL_Reg functions[] = {{"diff", l_diff}, {"amendments", l_amendments}, {NULL, NULL}};

	luaL_newmetatable(L, PLACES_T);
	lua_pushcfunction(L, places_gc);
	lua_setfield(L, -2, "__gc");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
	luaL_newmetatable(L, LIST_T);
	luaL_setfuncs(L, meta, 0);
	luaL_newlib(L, methods);
	lua_setfield(L, -2, "methods");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
	luaL_setfuncs(L, functions, 0); /* into the module table on top */
}
