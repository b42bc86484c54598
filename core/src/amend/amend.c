/* amend.c: amendment lists: deep copies, lookup by id, co-sponsors, op names. */
#include <string.h>

#include "amend/amend_int.h"

static const char *const op_names[ACCORD_OP_COUNT] = {
	"ADD", "SUP", "MOD", "MOVE", "HEADING", "ADD_SECTION", "SUP_SECTION", "MOVE_SECTION", "META", "FOOTNOTE",
};

const char *accord_op_name(accord_op op)
{
	return (unsigned)op < ACCORD_OP_COUNT ? op_names[op] : "UNKNOWN";
}

int accord_op_from_name(const char *name)
{
	int i;
	if (name == NULL)
		return -1;
	for (i = 0; i < ACCORD_OP_COUNT; i++)
		if (strcmp(op_names[i], name) == 0)
			return i;
	return -1;
}

const char *accord_amend_str(accord_amendment_list *list, const char *s, int *failed)
{
	char *copy;
	if (s == NULL)
		return NULL;
	if (s[0] == '\0')
		return ""; /* a third of a diff's edit texts and contexts (issue 16) */
	copy = accord_arena_strndup(&list->arena, s, strlen(s));
	if (copy == NULL)
		*failed = 1;
	return copy;
}

/* As accord_amend_str, reusing *last when it holds the same string. */
static const char *amend_str_repeated(accord_amendment_list *list, const char *s, const char **last, int *failed)
{
	if (s != NULL && *last != NULL && strcmp(s, *last) == 0)
		return *last;
	s = accord_amend_str(list, s, failed);
	if (s != NULL)
		*last = s;
	return s;
}

int accord_amendments_new(accord_amendment_list **out)
{
	*out = accord_calloc(1, sizeof(**out));
	return *out ? ACCORD_OK : ACCORD_ENOMEM;
}

void accord_amendments_free(accord_amendment_list *list)
{
	if (list == NULL)
		return;
	accord_id_index_dispose(&list->index);
	accord_arena_dispose(&list->arena);
	accord_free(list->items);
	accord_free(list);
}

size_t accord_amendments_count(const accord_amendment_list *list)
{
	return list != NULL ? list->count : 0;
}

const accord_amendment *accord_amendments_get(const accord_amendment_list *list, size_t i)
{
	return i < list->count ? list->items[i] : NULL;
}

const accord_amendment *accord_amendments_find(const accord_amendment_list *list, const char *id)
{
	return accord_id_index_get(&list->index, id);
}

int accord_amendments_add(accord_amendment_list *list, const accord_amendment *a)
{
	accord_amendment *copy;
	int failed = 0;
	size_t i;

	if (a->id == NULL || a->id[0] == '\0' || accord_id_index_get(&list->index, a->id) != NULL ||
	    (unsigned)a->op >= ACCORD_OP_COUNT)
		return ACCORD_EINVAL;
	if (list->count == list->capacity) {
		size_t want = list->capacity ? list->capacity * 2 : 16;
		accord_amendment **grown = accord_realloc(list->items, want * sizeof(*grown));
		if (grown == NULL)
			return ACCORD_ENOMEM;
		list->items = grown;
		list->capacity = want;
	}
	copy = accord_arena_alloc(&list->arena, sizeof(*copy));
	if (copy == NULL)
		return ACCORD_ENOMEM;
	*copy = *a;
	copy->id = accord_amend_str(list, a->id, &failed);
	copy->source_file = amend_str_repeated(list, a->source_file, &list->last_source, &failed);
	copy->target = accord_amend_str(list, a->target, &failed);
	copy->label_from = accord_amend_str(list, a->label_from, &failed);
	copy->label_to = accord_amend_str(list, a->label_to, &failed);
	copy->position.section = accord_amend_str(list, a->position.section, &failed);
	copy->position.parent = accord_amend_str(list, a->position.parent, &failed);
	copy->position.after = accord_amend_str(list, a->position.after, &failed);
	copy->label = accord_amend_str(list, a->label, &failed);
	copy->text = accord_amend_str(list, a->text, &failed);
	copy->heading_from = accord_amend_str(list, a->heading_from, &failed);
	copy->heading = accord_amend_str(list, a->heading, &failed);
	copy->addressee = accord_amend_str(list, a->addressee, &failed);
	copy->field = accord_amend_str(list, a->field, &failed);
	copy->value_from = accord_amend_str(list, a->value_from, &failed);
	copy->value_to = accord_amend_str(list, a->value_to, &failed);
	copy->footnote = accord_amend_str(list, a->footnote, &failed);
	copy->relation = accord_amend_str(list, a->relation, &failed);
	copy->related = accord_amend_str(list, a->related, &failed);
	copy->proposers = NULL;
	if (a->n_proposers) {
		const char **proposers = accord_arena_alloc(&list->arena, a->n_proposers * sizeof(char *));
		if (proposers == NULL)
			return ACCORD_ENOMEM;
		for (i = 0; i < a->n_proposers; i++)
			proposers[i] = amend_str_repeated(list, a->proposers[i], &list->last_party, &failed);
		copy->proposers = proposers;
	}
	copy->edits = NULL;
	if (a->n_edits) {
		accord_edit *edits = accord_arena_alloc(&list->arena, a->n_edits * sizeof(*edits));
		if (edits == NULL)
			return ACCORD_ENOMEM;
		for (i = 0; i < a->n_edits; i++) {
			edits[i] = a->edits[i];
			edits[i].base_text = accord_amend_str(list, a->edits[i].base_text ? a->edits[i].base_text : "", &failed);
			edits[i].text = accord_amend_str(list, a->edits[i].text ? a->edits[i].text : "", &failed);
			edits[i].before = accord_amend_str(list, a->edits[i].before ? a->edits[i].before : "", &failed);
			edits[i].after = accord_amend_str(list, a->edits[i].after ? a->edits[i].after : "", &failed);
		}
		copy->edits = edits;
	}
	if (failed)
		return ACCORD_ENOMEM;
	if (accord_id_index_put(&list->index, copy->id, copy) != ACCORD_OK)
		return ACCORD_ENOMEM;
	list->items[list->count++] = copy;
	return ACCORD_OK;
}

int accord_amendments_add_proposer(accord_amendment_list *list, const char *id, const char *party)
{
	accord_amendment *a = accord_id_index_get(&list->index, id);
	const char **proposers;
	size_t i;
	int failed = 0;
	if (a == NULL)
		return ACCORD_ENOTFOUND;
	if (party == NULL || party[0] == '\0')
		return ACCORD_EINVAL;
	for (i = 0; i < a->n_proposers; i++)
		if (strcmp(a->proposers[i], party) == 0)
			return ACCORD_OK;
	proposers = accord_arena_alloc(&list->arena, (a->n_proposers + 1) * sizeof(char *));
	if (proposers == NULL)
		return ACCORD_ENOMEM;
	if (a->n_proposers)
		memcpy(proposers, a->proposers, a->n_proposers * sizeof(char *));
	proposers[a->n_proposers] = accord_amend_str(list, party, &failed);
	if (failed)
		return ACCORD_ENOMEM;
	a->proposers = proposers;
	a->n_proposers++;
	return ACCORD_OK;
}

const char *accord_amendments_party(const accord_amendment_list *list)
{
	return list->party;
}

const char *accord_amendments_base_name(const accord_amendment_list *list)
{
	return list->base_name;
}

const char *accord_amendments_contribution_name(const accord_amendment_list *list)
{
	return list->contribution_name;
}

int accord_amendments_set_origin(accord_amendment_list *list, const char *party, const char *base_name,
	const char *contribution_name)
{
	int failed = 0;
	const char *p = accord_amend_str(list, party, &failed);
	const char *b = accord_amend_str(list, base_name, &failed);
	const char *c = accord_amend_str(list, contribution_name, &failed);
	if (failed)
		return ACCORD_ENOMEM;
	list->party = p;
	list->base_name = b;
	list->contribution_name = c;
	return ACCORD_OK;
}
