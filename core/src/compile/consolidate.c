/*
** consolidate.c: many contributions (or amendment lists) on one base ->
** the compilation model: proposals grouped per paragraph into co-sponsored
** changes, near-duplicates and alternatives, new paragraphs in place. This
** file keeps the compilation itself: creating it, adding its inputs (the
** parties and their colours come with them), reading the built model and
** accepting one party's amendments.
**
** How the model is built, in accord_compilation_build (consolidate_build.c):
**   1. a working tree mirrors the base (sections, paragraphs in pre-order;
**      consolidate_tree.c, as are steps 2 and 3);
**   2. new sections and paragraphs (ADD_SECTION, ADD) are placed where their
**      proposers put them, after the new ones placed there by earlier parties;
**      identical ones (same place, same text) merge into one, co-sponsored;
**   3. every other amendment attaches to its target: span edits (MOD, MOVE),
**      heading and metadata changes become edits too (the smallest token
**      span that changed), deletions, moves and relabels become marks;
**   4. the edits on one text are clustered (consolidate_cluster.c): edits
**      whose base spans overlap (or insertions at one point) form a
**      cluster; within it each amendment
**      gives one option (the cluster's span as that amendment would have it),
**      equal options merge (co-sponsors), options equal but for spacing,
**      case and punctuation are flagged as near-duplicates;
**   5. new paragraphs get labels from the convention ("a bis)",
**      para_label.c) and the tree is flattened into the public view.
** Everything of the model lives in one arena, dropped on rebuild and free.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/roster.h"
#include "compile/consolidate_int.h"

/* ---- parties --------------------------------------------------------------------- */

static const char *const palette[] = {
	"#0b5cad", "#b3261e", "#1b7a3d", "#7b3fa0", "#c25400", "#00767f",
	"#a0306d", "#5d6a00", "#2f3e9e", "#7a4a12", "#00796b", "#ad1457",
};
#define PALETTE_SIZE (sizeof(palette) / sizeof(palette[0]))

/*
** A party's colour, from its code alone (FNV-1a, ASCII case folded, into
** the palette): the same in every command, run and compilation, whoever
** else takes part and in whatever order. Twelve colours a reader tells
** apart, so two parties may share one (a roster or a caller can set
** another: accord_compilation_set_party_info).
*/
static void party_color(char out[8], const char *code)
{
	uint32_t h = 2166136261u;
	for (; *code; code++) {
		unsigned char ch = (unsigned char)*code;
		h = (h ^ (ch >= 'a' && ch <= 'z' ? ch - 32u : ch)) * 16777619u;
	}
	snprintf(out, 8, "%s", palette[h % PALETTE_SIZE]);
}

size_t accord_compilation_party_index(const accord_compilation *c, const char *code)
{
	void *slot;
	if (c == NULL || code == NULL)
		return (size_t)-1;
	slot = accord_id_index_get(&c->party_index, code);
	return slot == NULL ? (size_t)-1 : (size_t)(uintptr_t)slot - 1;
}

/* The party with this code, created when new. */
static int ensure_party(accord_cmp_party **out, accord_compilation *c, const char *code)
{
	size_t i = accord_compilation_party_index(c, code);
	accord_cmp_party *p;
	char color[8];
	*out = NULL;
	if (i != (size_t)-1) {
		*out = &c->parties[i];
		return ACCORD_OK;
	}
	if (c->n_parties == c->cap_parties) {
		size_t want = c->cap_parties ? c->cap_parties * 2 : 8;
		accord_cmp_party *grown = accord_realloc(c->parties, want * sizeof(*grown));
		if (grown == NULL)
			return ACCORD_ENOMEM;
		c->parties = grown;
		c->cap_parties = want;
	}
	p = &c->parties[c->n_parties];
	memset(p, 0, sizeof(*p));
	party_color(color, code);
	p->code = cmp_arena_str(&c->keep, code);
	p->color = cmp_arena_str(&c->keep, color);
	if (p->code == NULL || p->color == NULL ||
	    accord_id_index_put(&c->party_index, p->code, (void *)(uintptr_t)(c->n_parties + 1)) != ACCORD_OK)
		return ACCORD_ENOMEM;
	c->n_parties++;
	*out = p;
	return ACCORD_OK;
}

/* ---- creating, adding ---------------------------------------------------------- */

void cmp_model_reset(accord_compilation *c)
{
	accord_arena_dispose(&c->model);
	accord_id_index_dispose(&c->para_index);
	c->sections = NULL;
	c->n_sections = 0;
	c->fields = NULL;
	c->n_fields = 0;
	c->all = NULL;
	c->n_all = 0;
	c->built = 0;
}

int accord_compilation_new(accord_compilation **out, const accord_doc *base, accord_error *err)
{
	accord_compilation *c;
	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_new: no out pointer");
	*out = NULL;
	if (base == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_new: no base document");
	c = accord_calloc(1, sizeof(*c));
	if (c == NULL)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	c->base = base;
	*out = c;
	return ACCORD_OK;
}

void accord_compilation_free(accord_compilation *c)
{
	size_t i;
	if (c == NULL)
		return;
	cmp_model_reset(c);
	for (i = 0; i < c->n_lists; i++)
		accord_amendments_free(c->lists[i]);
	accord_free(c->lists);
	accord_free(c->parties);
	accord_id_index_dispose(&c->party_index);
	accord_id_index_dispose(&c->amendment_ids);
	accord_id_index_dispose(&c->states);
	accord_arena_dispose(&c->keep);
	accord_doc_free(c->owned_base);
	accord_free(c);
}

void accord_compilation_own_base(accord_compilation *c, accord_doc *base)
{
	c->owned_base = base;
}

/* Takes ownership of list (freed on failure too). */
static int adopt_list(accord_compilation *c, accord_amendment_list *list, const char *source, accord_error *err)
{
	size_t i, j, n = accord_amendments_count(list);
	int rc;
	if (c->n_lists == c->cap_lists) {
		size_t want = c->cap_lists ? c->cap_lists * 2 : 8;
		accord_amendment_list **grown = accord_realloc(c->lists, want * sizeof(*grown));
		if (grown == NULL) {
			accord_amendments_free(list);
			return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		}
		c->lists = grown;
		c->cap_lists = want;
	}
	c->lists[c->n_lists++] = list;
	for (i = 0; i < n; i++) {
		const accord_amendment *a = accord_amendments_get(list, i);
		if (accord_id_index_put(&c->amendment_ids, a->id, (void *)a) != ACCORD_OK)
			return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		for (j = 0; j < a->n_proposers; j++) {
			accord_cmp_party *p;
			if ((rc = ensure_party(&p, c, a->proposers[j])) != ACCORD_OK)
				return accord_error_set(err, rc, "out of memory");
			p->n_amendments++;
			if (p->source == NULL && source != NULL && j == 0 && (p->source = cmp_arena_str(&c->keep, source)) == NULL)
				return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		}
	}
	c->built = 0;
	return ACCORD_OK;
}

/* Whether an amendment id is already used by an input list. */
static const char *find_amendment_id(const accord_compilation *c, const char *id)
{
	return accord_id_index_get(&c->amendment_ids, id) != NULL ? id : NULL;
}

int accord_compilation_add_contribution(accord_compilation *c, const char *party, const accord_doc *contribution,
	const char *source, accord_error *err)
{
	accord_doc_diff_options opts = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_amendment_list *list = NULL;
	accord_cmp_party *p;
	size_t i;
	int rc;

	if (c == NULL || party == NULL || contribution == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_add_contribution: missing argument");
	if ((rc = accord_party_code_check(party, err)) != ACCORD_OK)
		return rc;
	if (accord_compilation_party_index(c, party) != (size_t)-1)
		return accord_error_set(err, ACCORD_EINVAL, "party %s contributes twice", party);
	if (source == NULL)
		source = accord_doc_origin(contribution);
	opts.party = party;
	if ((rc = accord_doc_diff(&list, c->base, contribution, &opts, err)) != ACCORD_OK)
		return rc;
	for (i = 0; i < accord_amendments_count(list); i++)
		if (find_amendment_id(c, accord_amendments_get(list, i)->id) != NULL) {
			rc = accord_error_set(err, ACCORD_EINVAL, "amendment id %s is used twice",
				accord_amendments_get(list, i)->id);
			accord_amendments_free(list);
			return rc;
		}
	/* The party exists even when it proposes nothing (its text is the base). */
	if ((rc = ensure_party(&p, c, party)) != ACCORD_OK) {
		accord_amendments_free(list);
		return accord_error_set(err, rc, "out of memory");
	}
	if (source != NULL && p->source == NULL && (p->source = cmp_arena_str(&c->keep, source)) == NULL) {
		accord_amendments_free(list);
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	return adopt_list(c, list, source, err);
}

int accord_compilation_add_amendments(accord_compilation *c, const accord_amendment_list *list, accord_error *err)
{
	accord_amendment_list *copy = NULL;
	size_t i, n;
	int rc;

	if (c == NULL || list == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_add_amendments: missing argument");
	n = accord_amendments_count(list);
	for (i = 0; i < n; i++) {
		const accord_amendment *a = accord_amendments_get(list, i);
		if (a->n_proposers == 0)
			return accord_error_set(err, ACCORD_EINVAL, "amendment %s has no proposer", a->id);
		if (find_amendment_id(c, a->id) != NULL)
			return accord_error_set(err, ACCORD_EINVAL, "amendment id %s is used twice", a->id);
	}
	if ((rc = accord_amendments_new(&copy)) != ACCORD_OK)
		return accord_error_set(err, rc, "out of memory");
	for (i = 0; i < n; i++)
		if ((rc = accord_amendments_add(copy, accord_amendments_get(list, i))) != ACCORD_OK) {
			accord_amendments_free(copy);
			return accord_error_set(err, rc, rc == ACCORD_ENOMEM ? "out of memory" : "bad amendment %s",
				accord_amendments_get(list, i)->id);
		}
	if ((rc = accord_amendments_set_origin(copy, accord_amendments_party(list), accord_amendments_base_name(list),
		     accord_amendments_contribution_name(list))) != ACCORD_OK) {
		accord_amendments_free(copy);
		return accord_error_set(err, rc, "out of memory");
	}
	return adopt_list(c, copy, accord_amendments_contribution_name(list), err);
}

int accord_compilation_set_party_info(accord_compilation *c, const char *party, const char *name, const char *color)
{
	size_t i = accord_compilation_party_index(c, party);
	if (i == (size_t)-1)
		return ACCORD_ENOTFOUND;
	if (name != NULL && (c->parties[i].name = cmp_arena_str(&c->keep, name)) == NULL)
		return ACCORD_ENOMEM;
	if (color != NULL) {
		size_t k, len = strlen(color);
		if (len != 7 || color[0] != '#')
			return ACCORD_EINVAL;
		for (k = 1; k < 7; k++)
			if (!((color[k] >= '0' && color[k] <= '9') || (color[k] >= 'a' && color[k] <= 'f') ||
				    (color[k] >= 'A' && color[k] <= 'F')))
				return ACCORD_EINVAL;
		if ((c->parties[i].color = cmp_arena_str(&c->keep, color)) == NULL)
			return ACCORD_ENOMEM;
	}
	return ACCORD_OK;
}

int accord_compilation_set_roster(accord_compilation *c, const accord_roster *roster, accord_error *err)
{
	size_t i;
	if (c == NULL || roster == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_set_roster: missing argument");
	for (i = 0; i < c->n_parties; i++)
		if (accord_roster_find(roster, c->parties[i].code) == NULL)
			return accord_error_set(err, ACCORD_ENOTFOUND, "party %s is not in the roster%s%s", c->parties[i].code,
				accord_roster_body(roster) ? " of " : "", accord_roster_body(roster) ? accord_roster_body(roster) : "");
	for (i = 0; i < c->n_parties; i++) {
		const accord_party *p = accord_roster_find(roster, c->parties[i].code);
		const char *name = accord_party_name(p);
		if (name != NULL && *name && (c->parties[i].name = cmp_arena_str(&c->keep, name)) == NULL)
			return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	return ACCORD_OK;
}

int accord_compilation_set_state(accord_compilation *c, const char *amendment, const char *state)
{
	const accord_amendment *a;
	char *copy;
	if (c == NULL || amendment == NULL)
		return ACCORD_EINVAL;
	if ((a = accord_id_index_get(&c->amendment_ids, amendment)) == NULL)
		return ACCORD_ENOTFOUND;
	accord_id_index_remove(&c->states, a->id);
	if (state == NULL || strcmp(state, "proposed") == 0)
		return ACCORD_OK;
	if ((copy = cmp_arena_str(&c->keep, state)) == NULL)
		return ACCORD_ENOMEM;
	return accord_id_index_put(&c->states, a->id, copy); /* the key lives in the amendment list */
}

const char *accord_compilation_state(const accord_compilation *c, const char *amendment)
{
	return c && amendment ? accord_id_index_get(&c->states, amendment) : NULL;
}

/* ---- reading ------------------------------------------------------------------------------ */

const accord_doc *accord_compilation_base(const accord_compilation *c)
{
	return c ? c->base : NULL;
}

size_t accord_compilation_party_count(const accord_compilation *c)
{
	return c ? c->n_parties : 0;
}

const char *accord_compilation_party(const accord_compilation *c, size_t i)
{
	return c && i < c->n_parties ? c->parties[i].code : NULL;
}

const char *accord_compilation_party_name(const accord_compilation *c, size_t i)
{
	if (c == NULL || i >= c->n_parties)
		return NULL;
	return c->parties[i].name ? c->parties[i].name : c->parties[i].code;
}

const char *accord_compilation_party_source(const accord_compilation *c, size_t i)
{
	return c && i < c->n_parties ? c->parties[i].source : NULL;
}

size_t accord_compilation_party_amendments(const accord_compilation *c, size_t i)
{
	return c && i < c->n_parties ? c->parties[i].n_amendments : 0;
}

const char *accord_compilation_party_color(const accord_compilation *c, size_t i)
{
	return c && i < c->n_parties ? c->parties[i].color : NULL;
}

size_t accord_compilation_section_count(const accord_compilation *c)
{
	return c && c->built ? c->n_sections : 0;
}

const accord_cmp_section *accord_compilation_section(const accord_compilation *c, size_t i)
{
	return c && c->built && i < c->n_sections ? &c->sections[i] : NULL;
}

size_t accord_compilation_field_count(const accord_compilation *c)
{
	return c && c->built ? c->n_fields : 0;
}

const accord_cmp_field *accord_compilation_field(const accord_compilation *c, size_t i)
{
	return c && c->built && i < c->n_fields ? &c->fields[i] : NULL;
}

const accord_cmp_para *accord_compilation_find_para(const accord_compilation *c, const char *id)
{
	return c && c->built ? accord_id_index_get(&c->para_index, id) : NULL;
}

size_t accord_compilation_amendment_count(const accord_compilation *c)
{
	size_t i, n = 0;
	if (c == NULL)
		return 0;
	for (i = 0; i < c->n_lists; i++)
		n += accord_amendments_count(c->lists[i]);
	return n;
}

const accord_amendment *accord_compilation_amendment(const accord_compilation *c, size_t i)
{
	size_t k;
	if (c == NULL)
		return NULL;
	for (k = 0; k < c->n_lists; k++) {
		size_t n = accord_amendments_count(c->lists[k]);
		if (i < n)
			return accord_amendments_get(c->lists[k], i);
		i -= n;
	}
	return NULL;
}

const char *accord_cluster_kind_name(accord_cluster_kind kind)
{
	static const char *const names[] = {"insert", "delete", "replace", "alternatives"};
	return (unsigned)kind < 4 ? names[kind] : "?";
}

/* ---- accepting ------------------------------------------------------------------------------ */

static int proposed_by(const accord_amendment *a, void *data)
{
	const char *party = data;
	size_t i;
	for (i = 0; i < a->n_proposers; i++)
		if (strcmp(a->proposers[i], party) == 0)
			return 1;
	return 0;
}

int accord_compilation_accept(accord_doc **out, const accord_compilation *c, const char *party, accord_error *err)
{
	accord_doc *doc = NULL;
	size_t i;
	int rc;

	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_accept: no out pointer");
	*out = NULL;
	if (c == NULL || party == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_accept: missing argument");
	if (accord_compilation_party_index(c, party) == (size_t)-1)
		return accord_error_set(err, ACCORD_ENOTFOUND, "no party %s in the compilation", party);
	if ((rc = accord_doc_clone(&doc, c->base)) != ACCORD_OK)
		return accord_error_set(err, rc, "out of memory");
	for (i = 0; i < c->n_lists; i++)
		if ((rc = accord_amendments_apply_filtered(doc, c->lists[i], proposed_by, (void *)party, err)) != ACCORD_OK) {
			accord_doc_free(doc);
			return rc;
		}
	*out = doc;
	return ACCORD_OK;
}
