/*
** store_brackets.c: a session that starts from a bracketed negotiating
** text (accord_session_init.brackets).
**
** Every bracket group of a paragraph (and every option block) is an open
** question, tabled in the init event as one MOD amendment per alternative:
** "keep these words, without the brackets" (for a deletion, "[Delete (USA):
** text]", "these words go"). The questions themselves are in the init
** payload ("brackets": their kind, their paragraph or section, their
** amendments in order), so a revision can find them again.
**
** A revision (store_revise.c) reads the brackets of the text anew, with
** the convention it is given, and pairs each paragraph's groups (each
** section's option blocks) with the questions of that paragraph still in
** the text, in order: groups only ever leave a text, so the n-th group
** left is the n-th question left. A question is resolved when one of its
** alternatives is agreed (its words stay, without brackets) or when all
** of them are closed otherwise (rejected, withdrawn, superseded: the words
** go); the others stay bracketed. A paragraph whose brackets no longer
** pair with its questions (a party's amendment changed them) keeps them
** all open. The revise event lists the questions resolved
** ("brackets_resolved"), those inside words that went included.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "accord/bracketed.h"
#include "accord/consolidate.h"
#include "accord/text.h"
#include "session/store_brackets.h"

#define CONTEXT_TOKENS 4 /* tokens of context on each side of an edit, as the word diff keeps */

enum { Q_GROUP = 0, Q_DELETE = 1, Q_OPTIONS = 2 };
static const char *const q_kind_names[] = {"group", "delete", "options"};

/* ---- which groups are questions ------------------------------------------------------------- */

/* The kind of question group g of unit u is, or -1: none (a mark, a heading's or a footnote's brackets). */
static int group_question(const accord_bracket_unit *u, size_t g)
{
	const accord_bracket_group *grp = &u->groups[g];
	size_t k;
	if (u->kind != ACCORD_BRACKET_UNIT_PARA)
		return -1;
	for (k = 0; k < grp->n_alts; k++) /* a span across paragraphs stays as text */
		if (u->spans[grp->alts[k]].across != 0)
			return -1;
	if (grp->n_alts == 1 && u->spans[grp->alts[0]].kind == ACCORD_BRACKET_DELETE)
		return Q_DELETE;
	for (k = 0; k < grp->n_alts; k++)
		if (u->spans[grp->alts[k]].kind != ACCORD_BRACKET_PLAIN)
			return -1;
	return Q_GROUP;
}

/* ---- an alternative as an amendment ------------------------------------------------------------ */

typedef struct byte_range {
	size_t from, to;
} byte_range;

/* Appends text[from..to) to b as a NUL-terminated string. */
static int put_range(accord_buf *b, const char *text, size_t from, size_t to)
{
	if (to > from && accord_buf_put(b, text + from, to - from) != ACCORD_OK)
		return ACCORD_ENOMEM;
	return accord_buf_puts(b, "");
}

/* Whether byte i of a text is dropped by the ranges. */
static int dropped(const byte_range *r, size_t n, size_t i)
{
	size_t k;
	for (k = 0; k < n; k++)
		if (i >= r[k].from && i < r[k].to)
			return 1;
	return 0;
}

/* An amendment being built, with the strings its edits own. */
typedef struct built {
	accord_amendment a;
	accord_edit *edits;
	size_t n_edits;
	char **strings;
	size_t n_strings, cap_strings;
} built;

static void built_dispose(built *b)
{
	size_t i;
	for (i = 0; i < b->n_strings; i++)
		accord_free(b->strings[i]);
	accord_free(b->strings);
	accord_free(b->edits);
	memset(b, 0, sizeof *b);
}

static const char *keep_string(built *b, accord_buf *s)
{
	char **grown;
	char *str = accord_buf_detach(s);
	if (str == NULL)
		str = accord_strdup("");
	if (str == NULL)
		return NULL;
	grown = store_grow(b->strings, &b->cap_strings, b->n_strings, sizeof *grown, 16);
	if (grown == NULL) {
		accord_free(str);
		return NULL;
	}
	b->strings = grown;
	b->strings[b->n_strings++] = str;
	return str;
}

/*
** The edits that drop the byte ranges r[0..n) of text, in tokens: each
** run of tokens a range touches is deleted, or replaced by the bytes of
** it that stay (a range may end inside a run of blanks).
*/
static int build_edits(built *b, const char *text, const byte_range *r, size_t n)
{
	accord_token *tokens = NULL;
	size_t count = 0, t, e = 0;
	accord_buf s = ACCORD_BUF_INIT;
	int rc = accord_tokenize(&tokens, &count, text, strlen(text));
	if (rc != ACCORD_OK)
		return rc;
	b->edits = accord_calloc(count + 1, sizeof *b->edits);
	if (b->edits == NULL) {
		accord_free(tokens);
		return ACCORD_ENOMEM;
	}
	for (t = 0; t < count && rc == ACCORD_OK; t++) {
		size_t first = t, last, i, j;
		accord_edit *ed;
		int touched = 0;
		for (i = tokens[t].offset; i < tokens[t].offset + tokens[t].length; i++)
			touched |= dropped(r, n, i);
		if (!touched)
			continue;
		/* the run of touched tokens */
		for (last = t; last + 1 < count; last++) {
			int next = 0;
			for (i = tokens[last + 1].offset; i < tokens[last + 1].offset + tokens[last + 1].length; i++)
				next |= dropped(r, n, i);
			if (!next)
				break;
		}
		ed = &b->edits[e++];
		ed->base_start = (uint32_t)first;
		ed->base_count = (uint32_t)(last - first + 1);
		accord_buf_clear(&s);
		rc = put_range(&s, text, tokens[first].offset, tokens[last].offset + tokens[last].length);
		if (rc == ACCORD_OK && (ed->base_text = keep_string(b, &s)) == NULL)
			rc = ACCORD_ENOMEM;
		accord_buf_clear(&s);
		for (j = tokens[first].offset; rc == ACCORD_OK && j < tokens[last].offset + tokens[last].length; j++)
			if (!dropped(r, n, j) && accord_buf_putc(&s, text[j]) != ACCORD_OK)
				rc = ACCORD_ENOMEM;
		if (rc == ACCORD_OK) {
			ed->kind = s.size == 0 ? ACCORD_EDIT_DELETE : ACCORD_EDIT_REPLACE;
			if (accord_buf_puts(&s, "") != ACCORD_OK || (ed->text = keep_string(b, &s)) == NULL)
				rc = ACCORD_ENOMEM;
		}
		accord_buf_clear(&s);
		i = first > CONTEXT_TOKENS ? first - CONTEXT_TOKENS : 0;
		if (rc == ACCORD_OK)
			rc = put_range(&s, text, first > 0 ? tokens[i].offset : 0, tokens[first].offset);
		if (rc == ACCORD_OK && (ed->before = keep_string(b, &s)) == NULL)
			rc = ACCORD_ENOMEM;
		accord_buf_clear(&s);
		j = last + CONTEXT_TOKENS < count ? last + CONTEXT_TOKENS : count - 1;
		if (rc == ACCORD_OK)
			rc = put_range(&s, text, tokens[last].offset + tokens[last].length,
				last + 1 < count ? tokens[j].offset + tokens[j].length : tokens[last].offset + tokens[last].length);
		if (rc == ACCORD_OK && (ed->after = keep_string(b, &s)) == NULL)
			rc = ACCORD_ENOMEM;
		t = last;
	}
	b->n_edits = e;
	accord_buf_dispose(&s);
	accord_free(tokens);
	return rc;
}

/*
** The amendment of alternative k of question (kind, unit u and group g, or
** option block blk): its target and edits, on the text as read. Proposers
** and id are the caller's.
*/
static int alternative_edits(built *out, const accord_bracketed *b, int kind, const accord_bracket_unit *u, size_t g,
	const accord_bracket_block *blk, size_t k)
{
	byte_range r[2];
	size_t n = 0;
	const accord_bracket_unit *target = u;
	memset(out, 0, sizeof *out);
	if (kind == Q_OPTIONS) {
		const accord_bracket_option *o = &blk->options[k];
		target = accord_bracketed_unit(b, o->first_unit);
		r[0].from = 0;
		r[0].to = o->empty ? strlen(target->text) : target->marker_end;
		n = r[0].to > 0;
	} else {
		const accord_bracket_group *grp = &u->groups[g];
		const accord_bracket_span *sp = &u->spans[grp->alts[k]];
		if (kind == Q_DELETE) {
			r[0].from = grp->start;
			r[0].to = grp->end;
			n = 1;
		} else {
			r[0].from = grp->start;
			r[0].to = sp->text_start;
			r[1].from = sp->text_end;
			r[1].to = grp->end;
			n = 2;
		}
	}
	out->a.op = ACCORD_OP_MOD;
	out->a.target = target->id;
	out->a.source_line = target->line;
	out->a.similarity = 1.0;
	if (build_edits(out, target->text, r, n) != ACCORD_OK) {
		built_dispose(out);
		return ACCORD_ENOMEM;
	}
	out->a.edits = out->edits;
	out->a.n_edits = out->n_edits;
	return ACCORD_OK;
}

/* ---- init: the questions tabled ------------------------------------------------------------------ */

/* The roster's spelling of code (any case), or NULL. */
static const char *roster_code(const accord_roster *roster, const char *code)
{
	size_t i, n = roster != NULL ? accord_roster_party_count(roster) : 0;
	for (i = 0; i < n; i++) {
		const char *c = accord_party_code(accord_roster_party(roster, i));
		if (strcasecmp(c, code) == 0)
			return c;
	}
	return NULL;
}

/* The officer who tables the text's unattributed questions: a chair or secretariat of the roster, or NULL. */
static const char *roster_officer(const accord_roster *roster)
{
	size_t i, n = roster != NULL ? accord_roster_party_count(roster) : 0;
	for (i = 0; i < n; i++) {
		const accord_party *p = accord_roster_party(roster, i);
		if (strcmp(accord_party_role(p), "chair") == 0 || strcmp(accord_party_role(p), "secretariat") == 0)
			return accord_party_code(p);
	}
	return roster_code(roster, STORE_BRACKETS_OFFICER);
}

/* Per proposer, the last number given ("USA/3"). */
typedef struct numbering {
	const char **codes;
	unsigned *last;
	size_t n, cap;
} numbering;

static int next_number(unsigned *out, numbering *nb, const char *code)
{
	size_t i;
	for (i = 0; i < nb->n; i++)
		if (strcmp(nb->codes[i], code) == 0) {
			*out = ++nb->last[i];
			return ACCORD_OK;
		}
	if (nb->n == nb->cap) {
		size_t cap = nb->cap;
		const char **codes = store_grow(nb->codes, &cap, nb->n, sizeof *codes, 8);
		unsigned *last;
		if (codes == NULL)
			return ACCORD_ENOMEM;
		nb->codes = codes;
		cap = nb->cap;
		last = store_grow(nb->last, &cap, nb->n, sizeof *last, 8);
		if (last == NULL)
			return ACCORD_ENOMEM;
		nb->last = last;
		nb->cap = cap;
	}
	nb->codes[nb->n] = code;
	nb->last[nb->n++] = 1;
	*out = 1;
	return ACCORD_OK;
}

typedef struct init_state {
	const accord_session_init *init;
	const accord_roster *roster;
	const char *officer;      /* the roster's officer, or STORE_BRACKETS_OFFICER */
	int officer_used;         /* an unattributed question was tabled by the added officer */
	numbering numbers;
	accord_buf amendments;    /* the payload's "amendments" items */
	accord_buf questions;     /* the payload's "brackets" items */
	size_t n_amendments, n_questions;
} init_state;

/* Tables alternative k of a question: its amendment, by the parties that are in the roster or the officer. */
static int table_alternative(init_state *st, built *bt, const char *const *parties, size_t n_parties,
	accord_error *err)
{
	const char *codes[16];
	char id[160];
	unsigned number;
	size_t i, n = 0;
	accord_buf json = ACCORD_BUF_INIT;
	int rc;
	for (i = 0; i < n_parties && n < 16; i++) {
		const char *c = roster_code(st->roster, parties[i]);
		size_t j;
		int twice = 0;
		for (j = 0; j < n; j++)
			twice |= c != NULL && strcmp(codes[j], c) == 0;
		if (c != NULL && !twice)
			codes[n++] = c;
	}
	if (n == 0) {
		codes[n++] = st->officer;
		if (strcmp(st->officer, STORE_BRACKETS_OFFICER) == 0 && roster_code(st->roster, STORE_BRACKETS_OFFICER) == NULL)
			st->officer_used = 1;
	}
	if (next_number(&number, &st->numbers, codes[0]) != ACCORD_OK)
		return store_nomem(err);
	snprintf(id, sizeof id, "%s/%u", codes[0], number);
	bt->a.id = id;
	bt->a.proposers = codes;
	bt->a.n_proposers = n;
	bt->a.source_file = st->init->base_name;
	rc = store_render_one(&json, &bt->a, err);
	if (rc == ACCORD_OK) {
		rc = accord_buf_puts(&st->amendments, st->n_amendments++ > 0 ? ",{\"id\":" : "{\"id\":");
		rc |= store_json_str(&st->amendments, id);
		rc |= accord_buf_puts(&st->amendments, ",\"op\":\"MOD\",\"target\":");
		rc |= store_json_str(&st->amendments, bt->a.target);
		rc |= accord_buf_puts(&st->amendments, ",\"proposers\":[");
		for (i = 0; i < n; i++) {
			rc |= accord_buf_puts(&st->amendments, i > 0 ? "," : "");
			rc |= store_json_str(&st->amendments, codes[i]);
		}
		rc |= accord_buf_puts(&st->amendments, "],\"json\":");
		rc |= store_json_str(&st->amendments, json.ptr);
		rc |= accord_buf_putc(&st->amendments, '}');
		rc |= accord_buf_puts(&st->questions, st->questions.size > 0 && st->questions.ptr[st->questions.size - 1] != '[' ? "," : "");
		rc |= store_json_str(&st->questions, id);
		if (rc != ACCORD_OK)
			rc = store_nomem(err);
	}
	accord_buf_dispose(&json);
	return rc;
}

/* Opens a question's item in the payload's "brackets". */
static int open_question(init_state *st, int kind, const char *key, const char *where)
{
	int rc = accord_buf_puts(&st->questions, st->n_questions++ > 0 ? ",{\"kind\":" : "{\"kind\":");
	rc |= store_json_str(&st->questions, q_kind_names[kind]);
	rc |= accord_buf_printf(&st->questions, ",\"%s\":", key);
	rc |= store_json_str(&st->questions, where);
	rc |= accord_buf_puts(&st->questions, ",\"alternatives\":[");
	return rc;
}

int store_brackets_init_payload(accord_buf *p, const accord_session_init *init, const accord_roster *roster,
	accord_error *err)
{
	const accord_bracketed *b = init->brackets;
	init_state st;
	size_t i, g, k;
	int rc = ACCORD_OK;

	memset(&st, 0, sizeof st);
	st.init = init;
	st.roster = roster;
	st.officer = roster_officer(roster);
	if (st.officer == NULL)
		st.officer = STORE_BRACKETS_OFFICER;
	for (i = 0; rc == ACCORD_OK && i < accord_bracketed_unit_count(b); i++) {
		const accord_bracket_unit *u = accord_bracketed_unit(b, i);
		for (g = 0; rc == ACCORD_OK && g < u->n_groups; g++) {
			int kind = group_question(u, g);
			if (kind < 0)
				continue;
			if (open_question(&st, kind, "paragraph", u->id) != ACCORD_OK)
				rc = store_nomem(err);
			for (k = 0; rc == ACCORD_OK && k < u->groups[g].n_alts; k++) {
				const accord_bracket_span *sp = &u->spans[u->groups[g].alts[k]];
				built bt;
				if ((rc = alternative_edits(&bt, b, kind, u, g, NULL, k)) != ACCORD_OK) {
					rc = store_nomem(err);
					break;
				}
				rc = table_alternative(&st, &bt, sp->parties, sp->n_parties, err);
				built_dispose(&bt);
			}
			if (rc == ACCORD_OK && accord_buf_puts(&st.questions, "]}") != ACCORD_OK)
				rc = store_nomem(err);
		}
	}
	for (i = 0; rc == ACCORD_OK && i < accord_bracketed_block_count(b); i++) {
		const accord_bracket_block *blk = accord_bracketed_block(b, i);
		const accord_doc *doc = init->base;
		if (open_question(&st, Q_OPTIONS, "section", accord_section_id(accord_doc_section(doc, blk->section))) !=
		    ACCORD_OK)
			rc = store_nomem(err);
		for (k = 0; rc == ACCORD_OK && k < blk->n_options; k++) {
			built bt;
			if ((rc = alternative_edits(&bt, b, Q_OPTIONS, NULL, 0, blk, k)) != ACCORD_OK) {
				rc = store_nomem(err);
				break;
			}
			rc = table_alternative(&st, &bt, blk->options[k].parties, blk->options[k].n_parties, err);
			built_dispose(&bt);
		}
		if (rc == ACCORD_OK && accord_buf_puts(&st.questions, "]}") != ACCORD_OK)
			rc = store_nomem(err);
	}
	if (rc == ACCORD_OK) {
		if (st.officer_used) {
			rc |= accord_buf_puts(p, ",\"officer\":{\"code\":");
			rc |= store_json_str(p, STORE_BRACKETS_OFFICER);
			rc |= accord_buf_puts(p, ",\"name\":\"Chair (the questions of the bracketed text)\",\"role\":\"chair\"}");
		}
		rc |= accord_buf_puts(p, ",\"amendments\":[");
		if (st.amendments.size > 0)
			rc |= accord_buf_put(p, st.amendments.ptr, st.amendments.size);
		rc |= accord_buf_puts(p, "],\"brackets\":[");
		if (st.questions.size > 0)
			rc |= accord_buf_put(p, st.questions.ptr, st.questions.size);
		rc |= accord_buf_puts(p, "]");
		if (rc != ACCORD_OK)
			rc = store_nomem(err);
	}
	accord_free(st.numbers.codes);
	accord_free(st.numbers.last);
	accord_buf_dispose(&st.amendments);
	accord_buf_dispose(&st.questions);
	return rc;
}

/* ---- revise: the questions decided lose their brackets ---------------------------------------- */

typedef struct q_alt {
	char *id;
	accord_amendment_state state;
	int incorporated;
	char *json;
} q_alt;

typedef struct question {
	int kind;
	char *where;       /* its paragraph or section id */
	q_alt *alts;
	size_t n_alts, cap_alts;
	int gone;          /* resolved by an earlier revision */
	size_t choice;     /* this revision: ACCORD_BRACKET_OPEN, ACCORD_BRACKET_DROP or an alternative */
	int resolved;      /* this revision resolves it (chosen, or inside words that went) */
} question;

typedef struct q_set {
	question *q;
	size_t n, cap;
	size_t **unit_q;   /* per unit of the reading, per group: the question's index + 1 (0: none) */
	size_t *block_q;   /* per option block: the question's index + 1 */
	size_t n_units;
} q_set;

static void unit_map_free(q_set *qs)
{
	size_t i;
	for (i = 0; qs->unit_q != NULL && i < qs->n_units; i++)
		accord_free(qs->unit_q[i]);
	accord_free(qs->unit_q);
	accord_free(qs->block_q);
	qs->unit_q = NULL;
	qs->block_q = NULL;
	qs->n_units = 0;
}

static void q_set_dispose(q_set *qs)
{
	size_t i, k;
	unit_map_free(qs);
	for (i = 0; i < qs->n; i++) {
		for (k = 0; k < qs->q[i].n_alts; k++) {
			accord_free(qs->q[i].alts[k].id);
			accord_free(qs->q[i].alts[k].json);
		}
		accord_free(qs->q[i].alts);
		accord_free(qs->q[i].where);
	}
	accord_free(qs->q);
	memset(qs, 0, sizeof *qs);
}

/* The questions of the init event with their amendments' states (none: qs->n 0). */
static int q_set_load(q_set *qs, accord_session *s, accord_error *err)
{
	static const char sql[] =
		"SELECT q.key, q.value ->> 'kind', coalesce(q.value ->> 'paragraph', q.value ->> 'section'), a.value, "
		"amendments.state, amendments.incorporated IS NOT NULL, amendments.json "
		"FROM events, json_each(events.payload, '$.brackets') AS q, json_each(q.value, '$.alternatives') AS a "
		"JOIN amendments ON amendments.id = a.value WHERE events.seq = 1 ORDER BY q.key, a.key";
	static const char resolved_sql[] =
		"SELECT r.value FROM events, json_each(events.payload, '$.brackets_resolved') AS r "
		"WHERE events.action = 'revise'";
	sqlite3_stmt *stmt = NULL;
	int64_t last_key = -1;
	int rc;
	memset(qs, 0, sizeof *qs);
	rc = sqlite3_prepare_v2(s->conn.db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t key = sqlite3_column_int64(stmt, 0);
		const char *kind = (const char *)sqlite3_column_text(stmt, 1), *state;
		question *q;
		q_alt *alt;
		if (key != last_key) {
			question *grown = store_grow(qs->q, &qs->cap, qs->n, sizeof *grown, 16);
			if (grown == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			qs->q = grown;
			q = &qs->q[qs->n++];
			memset(q, 0, sizeof *q);
			q->kind = kind != NULL && strcmp(kind, "options") == 0 ? Q_OPTIONS
				  : kind != NULL && strcmp(kind, "delete") == 0 ? Q_DELETE : Q_GROUP;
			q->where = store_column_dup(stmt, 2);
			q->choice = ACCORD_BRACKET_OPEN;
			last_key = key;
			if (q->where == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
		}
		q = &qs->q[qs->n - 1];
		alt = store_grow(q->alts, &q->cap_alts, q->n_alts, sizeof *alt, 4);
		if (alt == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		q->alts = alt;
		alt = &q->alts[q->n_alts++];
		memset(alt, 0, sizeof *alt);
		alt->id = store_column_dup(stmt, 3);
		state = (const char *)sqlite3_column_text(stmt, 4);
		alt->state = (accord_amendment_state)accord_state_from_name(state != NULL ? state : "");
		alt->incorporated = sqlite3_column_int(stmt, 5);
		alt->json = store_column_dup(stmt, 6);
		if (alt->id == NULL || alt->json == NULL || (int)alt->state < 0) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	rc = store_rows_done(s, stmt, rc, err);
	if (rc != ACCORD_OK || qs->n == 0) {
		if (rc != ACCORD_OK)
			q_set_dispose(qs);
		return rc;
	}
	rc = sqlite3_prepare_v2(s->conn.db, resolved_sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK) {
		q_set_dispose(qs);
		return store_step_error(s, rc, err);
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t i = sqlite3_column_int64(stmt, 0);
		if (i >= 0 && (size_t)i < qs->n)
			qs->q[i].gone = 1;
	}
	rc = store_rows_done(s, stmt, rc, err);
	if (rc != ACCORD_OK)
		q_set_dispose(qs);
	return rc;
}

int store_brackets_is_question(int *out, accord_session *s, const char *id, accord_error *err)
{
	static const char sql[] =
		"SELECT 1 FROM events, json_each(events.payload, '$.brackets') AS q, json_each(q.value, '$.alternatives') AS a "
		"WHERE events.seq = 1 AND a.value = ?1 LIMIT 1";
	sqlite3_stmt *stmt = NULL;
	int rc;
	*out = 0;
	rc = sqlite3_prepare_v2(s->conn.db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	rc = sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*out = 1;
		rc = SQLITE_DONE;
	}
	return store_rows_done(s, stmt, rc, err);
}

/*
** Pairs the groups of each paragraph (the option blocks of each section)
** of reading b with the questions still in the text (not gone, and not
** resolved when skip_resolved), in order. A paragraph or section whose
** count differs pairs nothing.
*/
static int q_set_map(q_set *qs, const accord_bracketed *b, const accord_doc *doc, int skip_resolved)
{
	size_t i, g, k, n_units = accord_bracketed_unit_count(b), n_blocks = accord_bracketed_block_count(b);
	unit_map_free(qs);
	qs->unit_q = accord_calloc(n_units + 1, sizeof *qs->unit_q);
	qs->block_q = accord_calloc(n_blocks + 1, sizeof *qs->block_q);
	if (qs->unit_q == NULL || qs->block_q == NULL)
		return ACCORD_ENOMEM;
	qs->n_units = n_units;
	for (i = 0; i < n_units; i++) {
		const accord_bracket_unit *u = accord_bracketed_unit(b, i);
		size_t n_groups = 0, n_q = 0, next = 0;
		if (u->kind != ACCORD_BRACKET_UNIT_PARA || u->n_groups == 0)
			continue;
		for (g = 0; g < u->n_groups; g++)
			n_groups += group_question(u, g) >= 0;
		for (k = 0; k < qs->n; k++)
			n_q += qs->q[k].kind != Q_OPTIONS && !qs->q[k].gone && !(skip_resolved && qs->q[k].resolved) &&
			       strcmp(qs->q[k].where, u->id) == 0;
		if (n_groups != n_q || n_q == 0)
			continue;
		if ((qs->unit_q[i] = accord_calloc(u->n_groups, sizeof **qs->unit_q)) == NULL)
			return ACCORD_ENOMEM;
		for (g = 0; g < u->n_groups; g++) {
			if (group_question(u, g) < 0)
				continue;
			while (next < qs->n && (qs->q[next].kind == Q_OPTIONS || qs->q[next].gone ||
						 (skip_resolved && qs->q[next].resolved) || strcmp(qs->q[next].where, u->id) != 0))
				next++;
			if (next < qs->n && qs->q[next].n_alts == u->groups[g].n_alts)
				qs->unit_q[i][g] = ++next; /* index + 1 */
			else
				next++;
		}
	}
	for (i = 0; i < n_blocks; i++) {
		const accord_bracket_block *blk = accord_bracketed_block(b, i);
		const char *sid = accord_section_id(accord_doc_section(doc, blk->section));
		size_t n_here = 0, n_q = 0, rank = 0, next;
		for (k = 0; k < n_blocks; k++) {
			if (accord_bracketed_block(b, k)->section == blk->section) {
				if (k < i)
					rank++;
				n_here++;
			}
		}
		for (k = 0; k < qs->n; k++)
			n_q += qs->q[k].kind == Q_OPTIONS && !qs->q[k].gone && !(skip_resolved && qs->q[k].resolved) &&
			       strcmp(qs->q[k].where, sid) == 0;
		if (n_here != n_q)
			continue;
		for (next = 0; next < qs->n; next++) {
			question *q = &qs->q[next];
			if (q->kind != Q_OPTIONS || q->gone || (skip_resolved && q->resolved) || strcmp(q->where, sid) != 0)
				continue;
			if (rank-- == 0) {
				if (q->n_alts == blk->n_options)
					qs->block_q[i] = next + 1;
				break;
			}
		}
	}
	return ACCORD_OK;
}

static size_t choose_group(void *data, size_t unit, size_t group)
{
	q_set *qs = data;
	size_t q = qs->unit_q[unit] != NULL ? qs->unit_q[unit][group] : 0;
	return q == 0 ? ACCORD_BRACKET_OPEN : qs->q[q - 1].choice;
}

static size_t choose_option(void *data, size_t block)
{
	q_set *qs = data;
	size_t q = qs->block_q[block];
	return q == 0 ? ACCORD_BRACKET_OPEN : qs->q[q - 1].choice;
}

/* What the decisions make of question q: its choice (ACCORD_BRACKET_OPEN: not decided). ECONFLICT: two agreed. */
static int decide_question(question *q, accord_error *err)
{
	size_t k, agreed = ACCORD_BRACKET_OPEN;
	int closed = 1;
	for (k = 0; k < q->n_alts; k++) {
		accord_amendment_state st = q->alts[k].state;
		if (st == ACCORD_STATE_AGREED && !q->alts[k].incorporated) {
			if (agreed != ACCORD_BRACKET_OPEN)
				return accord_error_set(err, ACCORD_ECONFLICT,
					"%s and %s are alternatives of one bracket group of %s: both cannot be agreed",
					q->alts[agreed].id, q->alts[k].id, q->where);
			agreed = k;
		}
		if (st != ACCORD_STATE_REJECTED && st != ACCORD_STATE_WITHDRAWN && st != ACCORD_STATE_SUPERSEDED)
			closed = 0;
	}
	if (q->kind == Q_DELETE) /* agreeing a deletion drops the words; rejecting it keeps them */
		q->choice = agreed != ACCORD_BRACKET_OPEN ? ACCORD_BRACKET_DROP : closed ? 0 : ACCORD_BRACKET_OPEN;
	else
		q->choice = agreed != ACCORD_BRACKET_OPEN ? agreed : closed ? ACCORD_BRACKET_DROP : ACCORD_BRACKET_OPEN;
	return ACCORD_OK;
}

/* 1 when span sp of unit u is inside words that go (an alternative not kept, a group dropped). */
static int inside_gone(const q_set *qs, size_t unit, const accord_bracket_unit *u, size_t span)
{
	size_t p = u->spans[span].parent;
	while (p != 0) {
		const accord_bracket_span *outer = &u->spans[p - 1];
		size_t g = outer->group, k, choice = choose_group((void *)qs, unit, g);
		if (choice == ACCORD_BRACKET_DROP)
			return 1;
		if (choice != ACCORD_BRACKET_OPEN) {
			for (k = 0; k < u->groups[g].n_alts; k++)
				if (u->groups[g].alts[k] == p - 1)
					break;
			if (k != choice && group_question(u, g) == Q_GROUP)
				return 1;
		}
		p = outer->parent;
	}
	return 0;
}

/* Marks the questions this revision resolves: those chosen, and those inside words that go. */
static void mark_resolved(q_set *qs, const accord_bracketed *b)
{
	size_t i, g, k, n_units = accord_bracketed_unit_count(b);
	unsigned char *removed = accord_calloc(n_units + 1, 1);
	for (i = 0; i < accord_bracketed_block_count(b); i++) {
		const accord_bracket_block *blk = accord_bracketed_block(b, i);
		size_t q = qs->block_q[i], choice = q > 0 ? qs->q[q - 1].choice : ACCORD_BRACKET_OPEN;
		if (q > 0 && choice != ACCORD_BRACKET_OPEN)
			qs->q[q - 1].resolved = 1;
		for (k = 0; removed != NULL && choice != ACCORD_BRACKET_OPEN && k < blk->n_options; k++) {
			size_t j;
			if (k == choice && !blk->options[k].empty)
				continue;
			for (j = 0; j < blk->options[k].n_units; j++)
				removed[blk->options[k].first_unit + j] = 1;
		}
	}
	for (i = 0; i < n_units; i++) {
		const accord_bracket_unit *u = accord_bracketed_unit(b, i);
		for (g = 0; qs->unit_q[i] != NULL && g < u->n_groups; g++) {
			size_t q = qs->unit_q[i][g];
			if (q == 0)
				continue;
			if (qs->q[q - 1].choice != ACCORD_BRACKET_OPEN || (removed != NULL && removed[i]) ||
			    inside_gone(qs, i, u, u->groups[g].alts[0]))
				qs->q[q - 1].resolved = 1;
		}
	}
	accord_free(removed);
}

/* A list item: ",\"id\"" into buf. */
static int put_id(accord_buf *buf, size_t *n, const char *id)
{
	int rc = accord_buf_puts(buf, (*n)++ > 0 ? "," : "");
	rc |= store_json_str(buf, id);
	return rc;
}

/*
** The open amendments of the questions left, anchored anew on the new
** text (read as b): their edits taken from the brackets there.
*/
static int carry_open(store_brackets_result *r, q_set *qs, const accord_bracketed *b, const accord_doc *doc,
	accord_error *err)
{
	size_t i, g, k;
	int rc = q_set_map(qs, b, doc, 1);
	if (rc != ACCORD_OK)
		return store_nomem(err);
	for (i = 0; i < qs->n; i++) {
		question *q = &qs->q[i];
		const accord_bracket_unit *u = NULL;
		const accord_bracket_block *blk = NULL;
		size_t gi = 0;
		if (q->gone || q->resolved)
			continue;
		/* where it is in the new text */
		for (k = 0; k < accord_bracketed_unit_count(b) && u == NULL; k++)
			for (g = 0; qs->unit_q[k] != NULL && g < accord_bracketed_unit(b, k)->n_groups; g++)
				if (qs->unit_q[k][g] == i + 1) {
					u = accord_bracketed_unit(b, k);
					gi = g;
					break;
				}
		for (k = 0; k < accord_bracketed_block_count(b) && blk == NULL; k++)
			if (qs->block_q[k] == i + 1)
				blk = accord_bracketed_block(b, k);
		if (u == NULL && blk == NULL)
			continue; /* not paired: kept as it was */
		for (k = 0; k < q->n_alts; k++) {
			accord_amendment_list *old = NULL;
			accord_buf json = ACCORD_BUF_INIT;
			built bt;
			if (!accord_state_is_open(q->alts[k].state))
				continue;
			rc = accord_amendments_parse_json(&old, q->alts[k].json, strlen(q->alts[k].json), q->alts[k].id, err);
			if (rc != ACCORD_OK)
				return rc;
			rc = alternative_edits(&bt, b, q->kind, u, gi, blk, k);
			if (rc == ACCORD_OK) {
				accord_amendment a = *accord_amendments_get(old, 0);
				a.target = bt.a.target;
				a.edits = bt.a.edits;
				a.n_edits = bt.a.n_edits;
				rc = store_render_one(&json, &a, err);
				if (rc == ACCORD_OK) {
					rc = accord_buf_puts(&r->carried, r->n_carried++ > 0 ? ",{\"id\":" : "{\"id\":");
					rc |= store_json_str(&r->carried, q->alts[k].id);
					rc |= accord_buf_puts(&r->carried, ",\"target\":");
					rc |= store_json_str(&r->carried, a.target);
					rc |= accord_buf_puts(&r->carried, ",\"json\":");
					rc |= store_json_str(&r->carried, json.ptr);
					rc |= accord_buf_putc(&r->carried, '}');
					if (rc != ACCORD_OK)
						rc = store_nomem(err);
				}
			} else {
				rc = store_nomem(err);
			}
			built_dispose(&bt);
			accord_buf_dispose(&json);
			accord_amendments_free(old);
			if (rc != ACCORD_OK)
				return rc;
		}
	}
	return ACCORD_OK;
}

void store_brackets_result_dispose(store_brackets_result *r)
{
	accord_buf_dispose(&r->incorporated);
	accord_buf_dispose(&r->carried);
	accord_buf_dispose(&r->lapsed);
	accord_buf_dispose(&r->resolved);
	memset(r, 0, sizeof *r);
}

int store_brackets_revise(store_brackets_result *r, accord_doc **doc, accord_session *s,
	const struct accord_brackets *convention, accord_error *err)
{
	accord_bracket_read_options ro = ACCORD_BRACKET_READ_OPTIONS_INIT;
	accord_bracket_choices choices;
	accord_bracketed *b = NULL, *after = NULL;
	accord_doc *next = NULL;
	q_set qs;
	size_t i, k;
	int rc;

	memset(r, 0, sizeof *r);
	rc = q_set_load(&qs, s, err);
	if (rc != ACCORD_OK || qs.n == 0)
		return rc;
	ro.brackets = convention;
	ro.lenient = 1; /* as read at init: a text read leniently reads the same way again */
	ro.name = "the latest revision";
	if ((rc = accord_bracketed_read(&b, *doc, &ro, err)) != ACCORD_OK)
		goto cleanup;
	if ((rc = q_set_map(&qs, b, *doc, 0)) != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	for (i = 0; i < qs.n; i++)
		if (!qs.q[i].gone && (rc = decide_question(&qs.q[i], err)) != ACCORD_OK)
			goto cleanup;
	mark_resolved(&qs, b);
	for (i = 0; i < qs.n; i++)
		r->n_resolved += qs.q[i].resolved;
	choices.group = choose_group;
	choices.option = choose_option;
	choices.data = &qs;
	if ((rc = accord_bracketed_resolve_with(&next, b, &choices, err)) != ACCORD_OK)
		goto cleanup;
	/* questions whose paragraph (section) is gone, by a party's amendment or with words that went */
	for (i = 0; i < qs.n; i++) {
		question *q = &qs.q[i];
		if (!q->gone && !q->resolved &&
		    (q->kind == Q_OPTIONS ? accord_doc_find_section(next, q->where) == NULL
					  : accord_doc_find_para(next, q->where) == NULL)) {
			q->resolved = 1;
			r->n_resolved++;
		}
	}
	rc = ACCORD_OK;
	for (i = 0; i < qs.n && rc == ACCORD_OK; i++) {
		question *q = &qs.q[i];
		if (!q->resolved)
			continue;
		rc |= accord_buf_printf(&r->resolved, r->resolved.size > 0 ? ",%zu" : "%zu", i);
		for (k = 0; k < q->n_alts; k++) {
			if (q->alts[k].state == ACCORD_STATE_AGREED && !q->alts[k].incorporated)
				rc |= put_id(&r->incorporated, &r->n_incorporated, q->alts[k].id);
			else if (accord_state_is_open(q->alts[k].state))
				rc |= put_id(&r->lapsed, &r->n_lapsed, q->alts[k].id);
		}
	}
	if (rc != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	if ((rc = accord_bracketed_read(&after, next, &ro, err)) != ACCORD_OK)
		goto cleanup;
	if ((rc = carry_open(r, &qs, after, next, err)) != ACCORD_OK)
		goto cleanup;
	/* the reading borrows the documents: freed before them */
	accord_bracketed_free(b);
	accord_bracketed_free(after);
	b = after = NULL;
	accord_doc_free(*doc);
	*doc = next;
	next = NULL;
cleanup:
	accord_bracketed_free(b);
	accord_bracketed_free(after);
	accord_doc_free(next);
	q_set_dispose(&qs);
	if (rc != ACCORD_OK) {
		store_brackets_result_dispose(r);
		if (rc == ACCORD_ENOMEM)
			store_nomem(err);
	}
	return rc;
}
