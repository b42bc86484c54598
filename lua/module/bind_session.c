/*
** bind_session.c: drafting sessions in Lua (accord/store.h), guarded by a
** rule pack (session_rules.h). The same actions as the CLI:
**
**   accord.session_init(path, {workflow=W, base=FILE, roster=FILE, brackets=true, lenient=true})  -> session
**   accord.session_open(path [, {workflow=PACK.lua}])                 -> session
**   s:submit(party, file [, {rev=N}])   -> {ids}       s:revise()          -> n
**   s:propose_text(party, para, text)   -> id          s:stage([next|true]) -> stage
**   s:propose(party, {paragraph=, replace=, with= ...}) -> id    s:compile() -> compilation
**   s:cosponsor(party, id)              -> true        s:status()          -> JSON text
**   s:withdraw(party, id)               -> true        s:amendments([state]) -> {{id, op, ...}}
**   s:comment(party, target|nil, text)  -> number      s:text([rev [, format]]) -> string
**   s:position(party, id, position)     -> true        s:events()          -> {{seq, at, ...}}
**   s:log() -> {{seq, at, actor, action, party, amendment ...}}  (the log as records, accord log)
**   s:decide([{amendment=ID}|{paragraph=ID}, ruling=R, important=B]) -> {{amendment, from, to, outcome, tally, rule}}
**   s:vote(party, id, "yes"|"no"|"abstain") -> true
**   s:roll_call(id, {PARTY = VOTE, ...} [, {important = B}]) -> true   (the chair's)
**   s:replay() -> true | false, difference             s:close()
**
** Expected failures (refused, illegal transition, not found, bad input)
** return nil, message, code; misuse raises. Workflows are found by
** accord_workflow_find (accord/workflow.h), as the command line finds them.
** Reference: docs/sessions.md, docs/lua.md.
*/
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "accord/bracketed.h"
#include "accord/consolidate.h"
#include "accord/docx.h"
#include "accord/format.h"
#include "accord/proposal.h"
#include "accord/workflow.h"
#include "accord/store.h"
#include "accord_brackets.h"
#include "accord_lua.h"
#include "module_int.h"
#include "session_rules.h"

#define SESSION_T "accord.session"
#define HOLD_T "accord.session.hold"

typedef struct lua_session {
	accord_session *session;
	accord_session_pack *pack;
} lua_session;

static int session_close(lua_State *L)
{
	lua_session **box = luaL_checkudata(L, 1, SESSION_T);
	if (*box != NULL) {
		accord_session_close((*box)->session);
		accord_session_pack_free((*box)->pack);
		accord_free(*box);
		*box = NULL;
	}
	return 0;
}

static lua_session *check_session(lua_State *L)
{
	return accord_lua_check_box(L, 1, SESSION_T, "session");
}

/* ---- holding C results while pushing them (a push may raise) ---------------- */

typedef struct hold {
	void *ptr;
	size_t count;
	void (*release)(void *ptr, size_t count);
} hold;

static int hold_gc(lua_State *L)
{
	hold *h = luaL_checkudata(L, 1, HOLD_T);
	if (h->ptr != NULL && h->release != NULL)
		h->release(h->ptr, h->count);
	h->ptr = NULL;
	return 0;
}

/* Pushes a userdata that releases ptr when collected. [-0, +1, m] */
static hold *push_hold(lua_State *L, void (*release)(void *, size_t))
{
	hold *h = lua_newuserdatauv(L, sizeof *h, 0);
	h->ptr = NULL;
	h->count = 0;
	h->release = release;
	luaL_setmetatable(L, HOLD_T);
	return h;
}

static void release_amendments(void *ptr, size_t count)
{
	accord_session_amendments_free(ptr, count);
}

static void release_decisions(void *ptr, size_t count)
{
	accord_session_decisions_free(ptr, count);
}

static void release_doc(void *ptr, size_t count)
{
	(void)count;
	accord_doc_free(ptr);
}

static void release_string(void *ptr, size_t count)
{
	(void)count;
	accord_free(ptr);
}

/* ---- opening -------------------------------------------------------------------- */

/* Loads the rule pack for s (pack: an explicit path, or NULL for the recorded workflow). */
static int load_rules(lua_session *ls, const char *pack, accord_error *err)
{
	accord_roster *roster = NULL;
	char *path = NULL;
	int rc = accord_workflow_find(&path, pack != NULL ? pack : accord_session_workflow(ls->session), err);
	if (rc == ACCORD_OK)
		rc = accord_session_roster(&roster, ls->session, err);
	if (rc == ACCORD_OK)
		rc = accord_session_pack_load(&ls->pack, path, roster, err);
	if (rc == ACCORD_OK)
		accord_session_set_rules(ls->session, accord_session_pack_rules(ls->pack));
	accord_free(path);
	return rc;
}

static lua_session **new_session_box(lua_State *L)
{
	lua_session **box = lua_newuserdatauv(L, sizeof *box, 0);
	*box = NULL;
	luaL_setmetatable(L, SESSION_T);
	*box = accord_calloc(1, sizeof **box);
	if (*box == NULL)
		luaL_error(L, "not enough memory");
	return box;
}

static const char *opt_field(lua_State *L, int idx, const char *key)
{
	const char *value = NULL;
	if (lua_isnoneornil(L, idx))
		return NULL;
	luaL_checktype(L, idx, LUA_TTABLE);
	lua_getfield(L, idx, key);
	if (!lua_isnil(L, -1))
		value = luaL_checkstring(L, -1);
	lua_pop(L, 1); /* the string stays alive: the options table holds it */
	return value;
}

/* accord.session_open(path [, {workflow = PACK.lua}]) -> session | nil, message, code */
static int l_session_open(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	const char *pack = opt_field(L, 2, "workflow");
	lua_session **box = new_session_box(L);
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	int rc = accord_session_open(&(*box)->session, path, &err);
	if (rc == ACCORD_OK)
		rc = load_rules(*box, pack, &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

static void release_bracketed(void *ptr, size_t count)
{
	(void)count;
	accord_bracketed_free(ptr);
}

static void release_convention(void *ptr, size_t count)
{
	(void)count;
	accord_pack_brackets_free(ptr);
}

/* A boolean field of the table at idx (absent: 0). */
static int opt_flag(lua_State *L, int idx, const char *key)
{
	int on;
	lua_getfield(L, idx, key);
	on = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return on;
}

/*
** accord.session_init(path, {workflow = W, base = FILE, roster = FILE, brackets = true, lenient = true})
**   -> session | nil, message, code
** brackets: the base is a bracketed text, each group an open question (accord init --brackets).
*/
static int l_session_init(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	const char *workflow, *base_path, *roster_path;
	accord_parse_options popts = ACCORD_PARSE_OPTIONS_INIT;
	accord_session_init init = ACCORD_SESSION_INIT_INIT;
	accord_buf *roster_text, *pack_path;
	accord_roster *roster = NULL;
	accord_doc *base = NULL;
	lua_session **box;
	hold *base_hold, *read_hold, *convention_hold;
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	int rc, brackets, lenient;

	luaL_checktype(L, 2, LUA_TTABLE);
	workflow = opt_field(L, 2, "workflow");
	base_path = opt_field(L, 2, "base");
	roster_path = opt_field(L, 2, "roster");
	brackets = opt_flag(L, 2, "brackets");
	lenient = opt_flag(L, 2, "lenient");
	if (workflow == NULL || base_path == NULL)
		return luaL_argerror(L, 2, "workflow and base are required");
	roster_text = accord_lua_push_temp_buf(L);
	pack_path = accord_lua_push_temp_buf(L);
	base_hold = push_hold(L, release_doc);
	read_hold = push_hold(L, release_bracketed);
	convention_hold = push_hold(L, release_convention);
	box = new_session_box(L);
	accord_error_clear(&err);
	{
		char *found = NULL;
		rc = accord_workflow_find(&found, workflow, &err);
		if (rc == ACCORD_OK) {
			rc = accord_buf_puts(pack_path, found);
			accord_free(found);
			if (rc != ACCORD_OK)
				return luaL_error(L, "not enough memory");
		}
	}
	popts.name = base_path;
	if (rc == ACCORD_OK)
		rc = accord_doc_parse_file(&base, base_path, &popts, &err);
	base_hold->ptr = base;
	if (rc == ACCORD_OK && roster_path != NULL)
		rc = accord_read_file(roster_text, roster_path, &err);
	if (rc == ACCORD_OK && roster_path != NULL)
		rc = accord_roster_parse(&roster, roster_text->ptr != NULL ? roster_text->ptr : "", roster_text->size,
			roster_path, &err);
	if (rc == ACCORD_OK)
		rc = accord_session_pack_load(&(*box)->pack, pack_path->ptr, roster, &err);
	if (rc == ACCORD_OK && brackets) {
		/* the base's brackets as the pack writes them (accord init --brackets) */
		accord_bracket_read_options ro = ACCORD_BRACKET_READ_OPTIONS_INIT;
		accord_pack_brackets *convention = NULL;
		accord_bracketed *read = NULL;
		rc = accord_pack_brackets_load(&convention, accord_session_pack_pack((*box)->pack), &err);
		convention_hold->ptr = convention;
		if (rc == ACCORD_OK) {
			ro.brackets = accord_pack_brackets_get(convention);
			ro.lenient = lenient;
			ro.name = base_path;
			rc = accord_bracketed_read(&read, base, &ro, &err);
			read_hold->ptr = read;
			init.brackets = read;
		}
	}
	if (rc == ACCORD_OK) {
		init.workflow = workflow;
		init.base = base;
		init.base_name = base_path;
		init.roster = roster_path != NULL ? (roster_text->ptr != NULL ? roster_text->ptr : "") : NULL;
		init.roster_len = roster_text->size;
		init.roster_name = roster_path;
		rc = accord_session_create(&(*box)->session, path, &init, accord_session_pack_rules((*box)->pack), &err);
	}
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

/* ---- actions ------------------------------------------------------------------------ */

static int push_true_or_failure(lua_State *L, int rc, const accord_error *err)
{
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, err, rc);
	lua_pushboolean(L, 1);
	return 1;
}

static void release_submissions(void *ptr, size_t count)
{
	accord_submissions_free(ptr, count);
}

/* Sets written_on, latest and, when carried forward, warning and left_out on the table on top. */
static void set_submit_result(lua_State *L, const accord_submit_result *result)
{
	size_t i;
	lua_pushinteger(L, (lua_Integer)result->written_on);
	lua_setfield(L, -2, "written_on");
	lua_pushinteger(L, (lua_Integer)result->latest);
	lua_setfield(L, -2, "latest");
	if (result->warning == NULL)
		return;
	lua_pushstring(L, result->warning);
	lua_setfield(L, -2, "warning");
	lua_createtable(L, (int)(result->n_adopted + result->n_undoing), 0);
	for (i = 0; i < result->n_adopted + result->n_undoing; i++) {
		const accord_submit_left_out *o = &result->left_out[i];
		lua_createtable(L, 0, 3);
		lua_pushstring(L, o->op);
		lua_setfield(L, -2, "op");
		lua_pushstring(L, o->target); /* nil when none */
		lua_setfield(L, -2, "target");
		lua_pushstring(L, o->adopted ? "adopted" : "undoes");
		lua_setfield(L, -2, "why");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "left_out");
}

/* Appends the ids of a submission's amendments to the list on top, from position *k + 1. */
static void append_ids(lua_State *L, const accord_amendment_list *list, lua_Integer *k)
{
	size_t i;
	for (i = 0; i < accord_amendments_count(list); i++) {
		lua_pushstring(L, accord_amendments_get(list, i)->id);
		lua_rawseti(L, -2, ++*k);
	}
}

/*
** s:submit(party, file [, {rev=N}]) -> {ids} | nil, message, code
** The table also holds written_on and latest (revision numbers) and, for a
** contribution carried forward from an older revision, warning (one line)
** and left_out ({{op=, target=, why="adopted"|"undoes"}}); and parties:
** one {party=, ids=, written_on=, ...} per party, several for a .docx whose
** tracked changes have several authors (accord_session_submit_file), the
** top-level ids being all of theirs and the other fields the first's.
*/
static int session_submit(lua_State *L)
{
	lua_session *ls = check_session(L);
	const char *party = luaL_checkstring(L, 2);
	const char *file = luaL_checkstring(L, 3);
	accord_submit_options opts = ACCORD_SUBMIT_OPTIONS_INIT;
	accord_submission *subs = NULL;
	accord_buf *data;
	hold *h;
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	lua_Integer k = 0;
	size_t i, n = 0;
	int rc;

	if (!lua_isnoneornil(L, 4)) {
		luaL_checktype(L, 4, LUA_TTABLE);
		if (lua_getfield(L, 4, "rev") != LUA_TNIL) {
			lua_Integer rev = luaL_checkinteger(L, -1);
			luaL_argcheck(L, rev >= 0 && rev <= 1000000, 4, "rev must be a revision number (0 is the base)");
			opts.rev = (int)rev;
		}
		lua_pop(L, 1);
	}
	data = accord_lua_push_temp_buf(L);
	h = push_hold(L, release_submissions);
	/* a .docx as the CLI reads it: split by author, against the text its changes were made on */
	rc = accord_read_file(data, file, &err);
	if (rc == ACCORD_OK)
		rc = accord_session_submit_file(&subs, &n, ls->session, party, file, data->ptr, data->size, &opts, &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	h->ptr = subs;
	h->count = n;
	lua_createtable(L, 0, 5);
	for (i = 0; i < n; i++)
		append_ids(L, subs[i].amendments, &k);
	if (n > 0)
		set_submit_result(L, &subs[0].result);
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_Integer m = 0;
		lua_createtable(L, 0, 4);
		lua_pushstring(L, subs[i].party);
		lua_setfield(L, -2, "party");
		lua_createtable(L, (int)accord_amendments_count(subs[i].amendments), 0);
		append_ids(L, subs[i].amendments, &m);
		lua_setfield(L, -2, "ids");
		lua_pushinteger(L, (lua_Integer)subs[i].comments);
		lua_setfield(L, -2, "comments");
		lua_pushinteger(L, (lua_Integer)subs[i].comments_refused);
		lua_setfield(L, -2, "comments_refused");
		set_submit_result(L, &subs[i].result);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "parties");
	return 1;
}

/* s:propose_text(party, paragraph, new_text [, {supersedes}]) -> id | nil, message, code */
static int session_propose_text(lua_State *L)
{
	lua_session *ls = check_session(L);
	const char *party = luaL_checkstring(L, 2);
	const char *para_id = luaL_checkstring(L, 3);
	const char *text = luaL_checkstring(L, 4);
	const char *supersedes[64];
	size_t n_supersedes = 0;
	hold *doc_hold, *id_hold;
	accord_doc *doc = NULL;
	accord_para *para;
	char *id = NULL;
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	unsigned rev;
	int rc;

	if (!lua_isnoneornil(L, 5)) {
		lua_Integer i, n;
		luaL_checktype(L, 5, LUA_TTABLE);
		n = (lua_Integer)lua_rawlen(L, 5);
		luaL_argcheck(L, n <= 64, 5, "at most 64 amendments superseded at once");
		for (i = 1; i <= n; i++) {
			lua_rawgeti(L, 5, i);
			supersedes[n_supersedes++] = luaL_checkstring(L, -1);
			lua_pop(L, 1); /* the table keeps the string */
		}
	}
	doc_hold = push_hold(L, release_doc);
	id_hold = push_hold(L, release_string);
	rc = accord_session_revision_count(&rev, ls->session, &err);
	if (rc == ACCORD_OK)
		rc = accord_session_text(&doc, ls->session, (int)rev, &err);
	doc_hold->ptr = doc;
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	para = accord_doc_find_para(doc, para_id);
	if (para == NULL) {
		accord_error_set(&err, ACCORD_ENOTFOUND, "no paragraph '%s' in Rev.%u", para_id, rev);
		return accord_lua_push_failure(L, &err, ACCORD_ENOTFOUND);
	}
	if (accord_para_set_text(para, text) != ACCORD_OK)
		return luaL_error(L, "not enough memory");
	rc = accord_session_propose_doc(&id, ls->session, party, doc, (int)rev, supersedes, n_supersedes, &err);
	id_hold->ptr = id;
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushstring(L, id);
	return 1;
}

/* The string field `key` of the table at idx, or NULL; the table keeps it alive. */
static const char *string_field(lua_State *L, int idx, const char *key)
{
	const char *value = NULL;
	if (lua_getfield(L, idx, key) != LUA_TNIL) {
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "bad field '%s' (a string expected, got %s)", key, luaL_typename(L, -1));
		value = lua_tostring(L, -1);
	}
	lua_pop(L, 1);
	return value;
}

/*
** s:propose(party, {paragraph=ID, replace=OLD, with=NEW | delete_text=T | insert=T [, after_text=W |
**   before_text=W]} | {add_paragraph=T, after=ID | before=ID | in=SECTION [, label=L]} |
**   {delete_paragraph=ID} [, supersedes={IDS}]) -> id | nil, message, code
** accord propose: a hand-typed amendment on the latest revision (accord/proposal.h).
*/
static int session_propose(lua_State *L)
{
	static const char *const known[] = {"paragraph", "replace", "with", "delete_text", "insert", "after_text",
		"before_text", "add_paragraph", "after", "before", "in", "label", "delete_paragraph", "supersedes", NULL};
	lua_session *ls = check_session(L);
	const char *party = luaL_checkstring(L, 2);
	accord_proposal p = ACCORD_PROPOSAL_INIT;
	const char *supersedes[64];
	size_t n_supersedes = 0, k;
	hold *id_hold;
	char *id = NULL;
	accord_error err;
	int rc;

	luaL_checktype(L, 3, LUA_TTABLE);
	lua_pushnil(L);
	while (lua_next(L, 3) != 0) {
		int ok = 0;
		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TSTRING)
			for (k = 0; known[k] != NULL && !ok; k++)
				ok = strcmp(lua_tostring(L, -1), known[k]) == 0;
		if (!ok)
			return luaL_argerror(L, 3, lua_pushfstring(L, "unknown field '%s'", luaL_tolstring(L, -1, NULL)));
	}
	p.paragraph = string_field(L, 3, "paragraph");
	p.replace = string_field(L, 3, "replace");
	p.with = string_field(L, 3, "with");
	p.delete_text = string_field(L, 3, "delete_text");
	p.insert = string_field(L, 3, "insert");
	p.after_text = string_field(L, 3, "after_text");
	p.before_text = string_field(L, 3, "before_text");
	p.add_paragraph = string_field(L, 3, "add_paragraph");
	p.after = string_field(L, 3, "after");
	p.before = string_field(L, 3, "before");
	p.in = string_field(L, 3, "in");
	p.label = string_field(L, 3, "label");
	p.delete_paragraph = string_field(L, 3, "delete_paragraph");
	if (lua_getfield(L, 3, "supersedes") != LUA_TNIL) {
		lua_Integer i, n;
		luaL_checktype(L, -1, LUA_TTABLE);
		n = (lua_Integer)lua_rawlen(L, -1);
		luaL_argcheck(L, n <= 64, 3, "at most 64 amendments superseded at once");
		for (i = 1; i <= n; i++) {
			lua_rawgeti(L, -1, i);
			supersedes[n_supersedes++] = luaL_checkstring(L, -1);
			lua_pop(L, 1); /* the table keeps the string */
		}
	}
	lua_pop(L, 1);
	accord_error_clear(&err);
	id_hold = push_hold(L, release_string);
	rc = accord_session_propose_edit(&id, ls->session, party, &p, supersedes, n_supersedes, &err);
	id_hold->ptr = id;
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushstring(L, id);
	return 1;
}

/* s:compile() -> compilation | nil, message, code: accord compile (renders in the session pack's convention) */
static int session_compile(lua_State *L)
{
	lua_session *ls = check_session(L);
	accord_lua_compilation *box = accord_lua_push_compilation(L);
	accord_error err;
	int rc;
	accord_error_clear(&err);
	rc = accord_session_compile(&box->c, ls->session, &err);
	if (rc == ACCORD_OK && ls->pack != NULL)
		rc = accord_pack_brackets_load(&box->brackets, accord_session_pack_pack(ls->pack), &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

static int session_cosponsor(lua_State *L)
{
	lua_session *ls = check_session(L);
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	int rc = accord_session_cosponsor(ls->session, luaL_checkstring(L, 2), luaL_checkstring(L, 3), &err);
	return push_true_or_failure(L, rc, &err);
}

static int session_withdraw(lua_State *L)
{
	lua_session *ls = check_session(L);
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	int rc = accord_session_withdraw(ls->session, luaL_checkstring(L, 2), luaL_checkstring(L, 3), &err);
	return push_true_or_failure(L, rc, &err);
}

static int session_position(lua_State *L)
{
	lua_session *ls = check_session(L);
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	int rc = accord_session_position(ls->session, luaL_checkstring(L, 2), luaL_checkstring(L, 3),
		luaL_checkstring(L, 4), &err);
	return push_true_or_failure(L, rc, &err);
}

/* s:comment(party, target|nil, text) -> number */
static int session_comment(lua_State *L)
{
	lua_session *ls = check_session(L);
	const char *party = luaL_checkstring(L, 2);
	const char *target = luaL_optstring(L, 3, NULL);
	const char *text = luaL_checkstring(L, 4);
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	int64_t id = 0;
	int rc = accord_session_comment(&id, ls->session, party, target, text, &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushinteger(L, (lua_Integer)id);
	return 1;
}

/* s:vote(party, id, "yes" | "no" | "abstain") -> true | nil, message, code */
static int session_vote(lua_State *L)
{
	static const char *const votes[] = {"yes", "no", "abstain", NULL};
	lua_session *ls = check_session(L);
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	const char *party = luaL_checkstring(L, 2), *id = luaL_checkstring(L, 3);
	int vote = luaL_checkoption(L, 4, NULL, votes);
	int rc = accord_session_cast_vote(ls->session, party, id, (accord_vote_choice)vote, &err);
	return push_true_or_failure(L, rc, &err);
}

static int compare_ballots(const void *a, const void *b)
{
	return strcmp(((const accord_session_ballot *)a)->party, ((const accord_session_ballot *)b)->party);
}

/*
** s:roll_call(id, {PARTY = "yes"|"no"|"abstain", ...} [, {important = true|false}]) -> true | nil, message, code:
** the chair's roll call (in the order of the codes), all recorded or none.
*/
static int session_roll_call(lua_State *L)
{
	lua_session *ls = check_session(L);
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	const char *id = luaL_checkstring(L, 2);
	accord_session_ballot *ballots;
	size_t n = 0, cap = 0;
	int rc, important = -1;
	luaL_checktype(L, 3, LUA_TTABLE);
	if (!lua_isnoneornil(L, 4)) {
		luaL_checktype(L, 4, LUA_TTABLE);
		lua_getfield(L, 4, "important");
		if (!lua_isnil(L, -1)) {
			luaL_argcheck(L, lua_isboolean(L, -1), 4, "important must be true or false");
			important = lua_toboolean(L, -1);
		}
		lua_pop(L, 1);
	}
	lua_pushnil(L);
	while (lua_next(L, 3) != 0) {
		cap++;
		lua_pop(L, 1);
	}
	/* userdata memory: nothing to free if a check below raises */
	ballots = lua_newuserdatauv(L, (cap > 0 ? cap : 1) * sizeof *ballots, 0);
	lua_pushnil(L);
	while (lua_next(L, 3) != 0) {
		int vote = accord_vote_from_name(lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL);
		luaL_argcheck(L, lua_type(L, -2) == LUA_TSTRING && vote >= 0, 3,
			"a roll call maps party codes to \"yes\", \"no\" or \"abstain\"");
		ballots[n].party = lua_tostring(L, -2); /* kept alive by the table */
		ballots[n].vote = (accord_vote_choice)vote;
		n++;
		lua_pop(L, 1);
	}
	qsort(ballots, n, sizeof *ballots, compare_ballots);
	rc = accord_session_roll_call(ls->session, id, ballots, n, important, &err);
	return push_true_or_failure(L, rc, &err);
}

/*
** s:decide([{amendment = ID} | {paragraph = ID}, ruling = "agreed"|"bracketed", important = true])
** -> {{amendment, from, to, outcome, tally, rule}}
*/
static int session_decide(lua_State *L)
{
	lua_session *ls = check_session(L);
	const char *amendment = opt_field(L, 2, "amendment");
	const char *paragraph = opt_field(L, 2, "paragraph");
	const char *ruling = opt_field(L, 2, "ruling");
	accord_decide_options opts = ACCORD_DECIDE_OPTIONS_INIT;
	hold *h;
	accord_session_decision *d = NULL;
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	size_t n = 0, i;
	int rc;
	luaL_argcheck(L, amendment == NULL || paragraph == NULL, 2, "give amendment or paragraph, not both");
	if (ruling != NULL) {
		opts.ruling = accord_session_outcome_from_name(ruling);
		luaL_argcheck(L, opts.ruling == ACCORD_SESSION_AGREED || opts.ruling == ACCORD_SESSION_BRACKETED, 2,
			"ruling must be \"agreed\" or \"bracketed\"");
	}
	if (lua_istable(L, 2)) {
		lua_getfield(L, 2, "important");
		opts.important = lua_toboolean(L, -1);
		lua_pop(L, 1);
	}
	h = push_hold(L, release_decisions);
	rc = accord_session_decide_with(&d, &n, ls->session,
		amendment != NULL ? ACCORD_DECIDE_AMENDMENT : paragraph != NULL ? ACCORD_DECIDE_PARAGRAPH : ACCORD_DECIDE_ALL,
		amendment != NULL ? amendment : paragraph, &opts, &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	h->ptr = d;
	h->count = n;
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_createtable(L, 0, 6);
		lua_pushstring(L, d[i].amendment);
		lua_setfield(L, -2, "amendment");
		lua_pushstring(L, accord_state_name(d[i].from));
		lua_setfield(L, -2, "from");
		lua_pushstring(L, accord_state_name(d[i].to));
		lua_setfield(L, -2, "to");
		lua_pushstring(L, accord_session_outcome_name(d[i].outcome));
		lua_setfield(L, -2, "outcome");
		lua_pushstring(L, d[i].tally);
		lua_setfield(L, -2, "tally");
		lua_pushstring(L, d[i].rule);
		lua_setfield(L, -2, "rule");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* s:stage() -> current; s:stage(NAME) / s:stage(true) -> the new stage */
static int session_stage(lua_State *L)
{
	lua_session *ls = check_session(L);
	hold *h;
	char *stage = NULL;
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	int rc;
	const char *next = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : NULL;
	int move, back = 0;
	luaL_argcheck(L, lua_isnoneornil(L, 2) || lua_type(L, 2) == LUA_TSTRING || lua_toboolean(L, 2), 2,
		"a stage name or true (the next stage)");
	if (!lua_isnoneornil(L, 3)) { /* s:stage(PREV | true, {back = true}): going back, as accord stage --back */
		luaL_checktype(L, 3, LUA_TTABLE);
		lua_getfield(L, 3, "back");
		back = lua_toboolean(L, -1);
		lua_pop(L, 1);
	}
	move = !lua_isnoneornil(L, 2);
	h = push_hold(L, release_string);
	if (!move)
		rc = accord_session_current_stage(&stage, ls->session, &err);
	else if (back)
		rc = accord_session_stage_back(&stage, ls->session, next, &err);
	else
		rc = accord_session_stage(&stage, ls->session, next, &err);
	h->ptr = stage;
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushstring(L, stage);
	return 1;
}

/* s:revise([{allow_empty = true}]) -> rev, {applied =, carried =, lapsed =} | nil, message, code */
static int session_revise(lua_State *L)
{
	lua_session *ls = check_session(L);
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	accord_revise_options opts = ACCORD_REVISE_OPTIONS_INIT;
	accord_revise_result done;
	int rc;
	if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		lua_getfield(L, 2, "allow_empty");
		opts.allow_empty = lua_toboolean(L, -1);
		lua_pop(L, 1);
	}
	rc = accord_session_pack_revise(&done, ls->session, ls->pack, &opts, &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushinteger(L, (lua_Integer)done.rev);
	lua_createtable(L, 0, 3);
	lua_pushinteger(L, (lua_Integer)done.applied);
	lua_setfield(L, -2, "applied");
	lua_pushinteger(L, (lua_Integer)done.carried);
	lua_setfield(L, -2, "carried");
	lua_pushinteger(L, (lua_Integer)done.lapsed);
	lua_setfield(L, -2, "lapsed");
	return 2;
}

/* ---- reading --------------------------------------------------------------------------- */

static int session_status(lua_State *L)
{
	lua_session *ls = check_session(L);
	accord_buf *out = accord_lua_push_temp_buf(L);
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	int rc = accord_session_status_json(out, ls->session, &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushlstring(L, out->ptr != NULL ? out->ptr : "", out->size);
	return 1;
}

/* s:amendments([state]) -> {{id, op, target, state, proposers, revision, incorporated, json}} */
static int session_amendments(lua_State *L)
{
	lua_session *ls = check_session(L);
	const char *state_name = luaL_optstring(L, 2, NULL);
	int state = state_name != NULL ? accord_state_from_name(state_name) : -1;
	hold *h = push_hold(L, release_amendments);
	accord_session_amendment *list = NULL;
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	size_t n = 0, i;
	int rc;
	luaL_argcheck(L, state_name == NULL || state >= 0, 2, "not an amendment state");
	rc = accord_session_amendments(&list, &n, ls->session, state, &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	h->ptr = list;
	h->count = n;
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_createtable(L, 0, 8);
		lua_pushstring(L, list[i].id);
		lua_setfield(L, -2, "id");
		lua_pushstring(L, list[i].op);
		lua_setfield(L, -2, "op");
		if (list[i].target != NULL) {
			lua_pushstring(L, list[i].target);
			lua_setfield(L, -2, "target");
		}
		lua_pushstring(L, accord_state_name(list[i].state));
		lua_setfield(L, -2, "state");
		lua_pushstring(L, list[i].proposers);
		lua_setfield(L, -2, "proposers");
		lua_pushinteger(L, (lua_Integer)list[i].revision);
		lua_setfield(L, -2, "revision");
		if (list[i].incorporated >= 0) {
			lua_pushinteger(L, list[i].incorporated);
			lua_setfield(L, -2, "incorporated");
		}
		lua_pushstring(L, list[i].json);
		lua_setfield(L, -2, "json");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* s:text([rev [, format]]) -> string */
static int session_text(lua_State *L)
{
	lua_session *ls = check_session(L);
	lua_Integer rev = luaL_optinteger(L, 2, -1);
	const char *format_name = luaL_optstring(L, 3, "text");
	int outline = strcmp(format_name, "outline") == 0;
	int format = outline ? ACCORD_FORMAT_TEXT : accord_format_from_name(format_name);
	accord_buf *out;
	hold *h;
	accord_doc *doc = NULL;
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	int rc;
	luaL_argcheck(L, format > 0, 3, "text, md, yaml, json, html or outline");
	luaL_argcheck(L, rev >= -1 && rev < 1000000, 2, "a revision number");
	out = accord_lua_push_temp_buf(L);
	if (outline) { /* the stored ids, and what the open amendments target (accord text --format outline) */
		rc = accord_session_outline(out, ls->session, (int)rev, 80, &err);
		if (rc != ACCORD_OK)
			return accord_lua_push_failure(L, &err, rc);
		lua_pushlstring(L, out->ptr != NULL ? out->ptr : "", out->size);
		return 1;
	}
	h = push_hold(L, release_doc);
	rc = accord_session_text(&doc, ls->session, (int)rev, &err);
	h->ptr = doc;
	if (rc == ACCORD_OK)
		rc = accord_doc_render(out, doc, (accord_format)format, &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushlstring(L, out->ptr != NULL ? out->ptr : "", out->size);
	return 1;
}

/* Appends one event to the table (protected). Arguments: the table, the event. */
static int add_event(lua_State *L)
{
	const accord_session_event *ev = lua_touserdata(L, 2);
	lua_createtable(L, 0, 5);
	lua_pushinteger(L, (lua_Integer)ev->seq);
	lua_setfield(L, -2, "seq");
	lua_pushstring(L, ev->at);
	lua_setfield(L, -2, "at");
	lua_pushstring(L, ev->actor);
	lua_setfield(L, -2, "actor");
	lua_pushstring(L, ev->action);
	lua_setfield(L, -2, "action");
	lua_pushstring(L, ev->payload);
	lua_setfield(L, -2, "payload");
	lua_rawseti(L, 1, (lua_Integer)lua_rawlen(L, 1) + 1);
	return 0;
}

/* The events callback: never raises while the log is being read (a failure stops it). */
static int push_event(const accord_session_event *ev, void *data)
{
	lua_State *L = data;
	lua_pushcfunction(L, add_event);
	lua_pushvalue(L, -2);
	lua_pushlightuserdata(L, (void *)ev);
	return lua_pcall(L, 2, 0, 0) == LUA_OK ? 0 : 1;
}

/* s:events() -> {{seq, at, actor, action, payload}} */
static int session_events(lua_State *L)
{
	lua_session *ls = check_session(L);
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	int rc;
	lua_newtable(L);
	rc = accord_session_events(ls->session, push_event, L, &err);
	if (rc == 1)
		return lua_error(L); /* the message of the failed append, after the log was closed */
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

static void release_log(void *ptr, size_t count)
{
	accord_session_log_free(ptr, count);
}

/* Sets t[key] = s (the table on top) unless s is NULL. [-0, +0, m] */
static void set_string(lua_State *L, const char *key, const char *s)
{
	if (s == NULL)
		return;
	lua_pushstring(L, s);
	lua_setfield(L, -2, key);
}

/* Sets t[key] = n (the table on top) unless n is negative (not carried). [-0, +0, m] */
static void set_number(lua_State *L, const char *key, int64_t n)
{
	if (n < 0)
		return;
	lua_pushinteger(L, (lua_Integer)n);
	lua_setfield(L, -2, key);
}

/* Sets t[key] = {strings} (the table on top). [-0, +0, m] */
static void set_list(lua_State *L, const char *key, const accord_log_list *list)
{
	size_t i;
	lua_createtable(L, (int)list->count, 0);
	for (i = 0; i < list->count; i++) {
		lua_pushstring(L, list->items[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, key);
}

/* Pushes one log record as a table with the C struct's field names (docs/sessions.md). [-0, +1, m] */
static void push_log_record(lua_State *L, const accord_log_record *r)
{
	const char *action = r->action;
	size_t i;
	lua_createtable(L, 0, 8);
	lua_pushinteger(L, (lua_Integer)r->seq);
	lua_setfield(L, -2, "seq");
	set_string(L, "at", r->at);
	set_string(L, "actor", r->actor);
	set_string(L, "action", action);
	set_string(L, "party", r->party);
	set_string(L, "amendment", r->amendment);
	set_string(L, "op", r->op);
	set_string(L, "target", r->target);
	set_string(L, "paragraph", r->paragraph);
	set_string(L, "text", r->text);
	set_string(L, "file", r->file);
	set_string(L, "workflow", r->workflow);
	set_string(L, "base_name", r->base_name);
	set_string(L, "stage", r->stage);
	set_string(L, "previous_stage", r->previous_stage);
	set_number(L, "contribution", r->contribution);
	set_number(L, "comment", r->comment);
	set_number(L, "revision", r->revision);
	if (strcmp(action, "position") == 0)
		set_string(L, "position", accord_position_name(r->position));
	if (strcmp(action, "withdraw") == 0) {
		set_string(L, "from", accord_state_name(r->from));
		set_string(L, "to", accord_state_name(r->to));
	}
	if (strcmp(action, "init") == 0)
		set_list(L, "parties", &r->parties);
	if (strcmp(action, "submit") == 0)
		set_list(L, "amendments", &r->amendments);
	if (strcmp(action, "propose") == 0)
		set_list(L, "supersedes", &r->supersedes);
	if (strcmp(action, "revise") == 0) {
		set_list(L, "incorporated", &r->incorporated);
		set_list(L, "carried", &r->carried);
		set_list(L, "lapsed", &r->lapsed);
	}
	if (strcmp(action, "vote") == 0) {
		set_list(L, "voters", &r->voters);
		set_list(L, "votes", &r->votes);
		if (r->important >= 0) {
			lua_pushboolean(L, r->important);
			lua_setfield(L, -2, "important");
		}
	}
	if (strcmp(action, "decide") == 0) {
		lua_createtable(L, (int)r->n_decisions, 0);
		for (i = 0; i < r->n_decisions; i++) {
			const accord_log_decision *d = &r->decisions[i];
			lua_createtable(L, 0, 9);
			set_number(L, "id", d->id);
			set_string(L, "amendment", d->amendment);
			set_string(L, "paragraph", d->paragraph);
			set_string(L, "outcome", accord_session_outcome_name(d->outcome));
			set_string(L, "from", accord_state_name(d->from));
			set_string(L, "to", accord_state_name(d->to));
			set_string(L, "rule", d->rule);
			set_string(L, "stage", d->stage);
			set_string(L, "tally", d->tally);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		lua_setfield(L, -2, "decisions");
	}
}

/* s:log() -> {{seq, at, actor, action, ...}} | nil, message, code: the log as records (accord log) */
static int session_log(lua_State *L)
{
	lua_session *ls = check_session(L);
	hold *h = push_hold(L, release_log);
	accord_log_record *records = NULL;
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	size_t n = 0, i;
	int rc = accord_session_log(&records, &n, ls->session, &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	h->ptr = records;
	h->count = n;
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		push_log_record(L, &records[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* s:replay() -> true | false, difference | nil, message, code */
static int session_replay(lua_State *L)
{
	lua_session *ls = check_session(L);
	accord_buf *difference = accord_lua_push_temp_buf(L);
	accord_error err = {0, "", "", 0, 0, 0}; /* no position unless a failure gives one */
	int rc = accord_session_replay(difference, ls->session, &err);
	if (rc < 0)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushboolean(L, rc == 0);
	if (rc == 0)
		return 1;
	lua_pushlstring(L, difference->ptr != NULL ? difference->ptr : "", difference->size);
	return 2;
}

static int session_tostring(lua_State *L)
{
	lua_session **box = luaL_checkudata(L, 1, SESSION_T);
	if (*box == NULL)
		lua_pushliteral(L, "accord.session (closed)");
	else
		lua_pushfstring(L, "accord.session (%s)", accord_session_workflow((*box)->session));
	return 1;
}

static const luaL_Reg session_methods[] = {{"submit", session_submit}, {"propose_text", session_propose_text},
	{"propose", session_propose}, {"compile", session_compile},
	{"cosponsor", session_cosponsor}, {"withdraw", session_withdraw}, {"comment", session_comment},
	{"position", session_position}, {"decide", session_decide}, {"vote", session_vote},
	{"roll_call", session_roll_call}, {"stage", session_stage},
	{"revise", session_revise}, {"status", session_status}, {"amendments", session_amendments},
	{"text", session_text}, {"events", session_events}, {"log", session_log}, {"replay", session_replay}, {"close", session_close},
	{NULL, NULL}};

static const luaL_Reg session_meta[] = {{"__gc", session_close}, {"__close", session_close},
	{"__tostring", session_tostring}, {"__index", NULL}, {NULL, NULL}};

static const luaL_Reg module_functions[] = {
	{"session_open", l_session_open}, {"session_init", l_session_init}, {NULL, NULL}};

void accord_bind_session(lua_State *L)
{
	luaL_newmetatable(L, HOLD_T);
	lua_pushcfunction(L, hold_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	luaL_newmetatable(L, SESSION_T);
	luaL_setfuncs(L, session_meta, 0);
	luaL_newlibtable(L, session_methods);
	luaL_setfuncs(L, session_methods, 0);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
	luaL_setfuncs(L, module_functions, 0);
}
