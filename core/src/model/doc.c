/* doc.c: the document model: sections, paragraphs, footnotes, stable ids. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc_int.h"
#include "model/doc_int.h"
#include "util/names_int.h"

/* ---- arena --------------------------------------------------------------- */

#define ARENA_BLOCK_SIZE 65536
#define ARENA_FIRST_BLOCK 1024

/*
** Takes size bytes aligned to align (a power of two, at most max_align_t's)
** from the arena. Strings ask for an alignment of 1, so that a document's
** hundreds of thousands of short ids, labels and edit texts are packed
** rather than each rounded up to 16 bytes (issue 16).
*/
static void *arena_take(accord_arena *arena, size_t size, size_t align)
{
	accord_arena_block *block = arena->head;
	size_t at = 0;
	if (size == 0)
		size = 1;
	if (!accord_alloc_point())
		return NULL;
	if (block != NULL)
		at = (block->used + align - 1) & ~(align - 1);
	if (block == NULL || at > block->size || block->size - at < size) {
		/* Blocks double from ARENA_FIRST_BLOCK up to ARENA_BLOCK_SIZE: a small arena (an amendment list
		 * of a few changes, one per contribution in a compilation) no longer holds 64 KiB (issue 16). */
		size_t regular = block == NULL ? ARENA_FIRST_BLOCK
			: block->size >= ARENA_BLOCK_SIZE / 2 ? ARENA_BLOCK_SIZE : block->size * 2;
		int one_off = size > ARENA_BLOCK_SIZE / 4;
		size_t data_size;
		accord_arena_block *fresh;
		while (regular < size && regular < ARENA_BLOCK_SIZE)
			regular *= 2;
		data_size = one_off ? size : regular;
		fresh = accord_malloc(sizeof(*fresh) + data_size);
		if (fresh == NULL)
			return NULL;
		fresh->used = 0;
		fresh->size = data_size;
		if (block != NULL && one_off) {
			/* A large one-off: keep filling the current block afterwards. */
			fresh->next = block->next;
			block->next = fresh;
			fresh->used = size;
			return fresh->data;
		}
		fresh->next = block;
		arena->head = block = fresh;
		at = 0;
	}
	block->used = at + size;
	return (char *)block->data + at;
}

void *accord_arena_alloc(accord_arena *arena, size_t size)
{
	return arena_take(arena, size, sizeof(max_align_t));
}

char *accord_arena_strndup(accord_arena *arena, const char *s, size_t len)
{
	char *copy;
	if (len == SIZE_MAX)
		return NULL;
	copy = arena_take(arena, len + 1, 1);
	if (copy == NULL)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

void accord_arena_dispose(accord_arena *arena)
{
	accord_arena_block *block = arena->head;
	while (block != NULL) {
		accord_arena_block *next = block->next;
		accord_free(block);
		block = next;
	}
	arena->head = NULL;
}

/* ---- id index ------------------------------------------------------------ */

static size_t id_hash(const char *id)
{
	size_t h = 1469598103934665603ULL & (size_t)-1;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * (size_t)1099511628211ULL;
	return h;
}

void *accord_id_index_get(const accord_id_index *index, const char *id)
{
	size_t mask, i;
	if (index->capacity == 0 || id == NULL)
		return NULL;
	mask = index->capacity - 1;
	for (i = id_hash(id) & mask; index->slots[i].id != NULL; i = (i + 1) & mask)
		if (strcmp(index->slots[i].id, id) == 0)
			return index->slots[i].object;
	return NULL;
}

static void id_index_insert_slot(accord_id_slot *slots, size_t capacity, const char *id, void *object)
{
	size_t mask = capacity - 1, i = id_hash(id) & mask;
	while (slots[i].id != NULL)
		i = (i + 1) & mask;
	slots[i].id = id;
	slots[i].object = object;
}

int accord_id_index_put(accord_id_index *index, const char *id, void *object)
{
	if ((index->count + 1) * 2 > index->capacity) {
		size_t capacity = index->capacity ? index->capacity * 2 : 64, i;
		accord_id_slot *slots = accord_calloc(capacity, sizeof(*slots));
		if (slots == NULL)
			return ACCORD_ENOMEM;
		for (i = 0; i < index->capacity; i++)
			if (index->slots[i].id != NULL)
				id_index_insert_slot(slots, capacity, index->slots[i].id, index->slots[i].object);
		accord_free(index->slots);
		index->slots = slots;
		index->capacity = capacity;
	}
	id_index_insert_slot(index->slots, index->capacity, id, object);
	index->count++;
	return ACCORD_OK;
}

void accord_id_index_remove(accord_id_index *index, const char *id)
{
	size_t mask, i, j;
	if (index->capacity == 0)
		return;
	mask = index->capacity - 1;
	for (i = id_hash(id) & mask; index->slots[i].id != NULL; i = (i + 1) & mask)
		if (strcmp(index->slots[i].id, id) == 0)
			break;
	if (index->slots[i].id == NULL)
		return;
	/* Backward-shift deletion keeps probe chains whole without tombstones. */
	index->slots[i].id = NULL;
	index->count--;
	for (j = (i + 1) & mask; index->slots[j].id != NULL; j = (j + 1) & mask) {
		size_t home = id_hash(index->slots[j].id) & mask;
		int movable = (i <= j) ? (home <= i || home > j) : (home <= i && home > j);
		if (movable) {
			index->slots[i] = index->slots[j];
			index->slots[j].id = NULL;
			i = j;
		}
	}
}

void accord_id_index_dispose(accord_id_index *index)
{
	accord_free(index->slots);
	index->slots = NULL;
	index->capacity = index->count = 0;
}

/* ---- names ----------------------------------------------------------------- */

static const char *const mode_names[] = {"opinion", "generic"};
static const char *const kind_names[] = {"none", "preambular", "operative"};
static const char *const meta_names[] = {"symbol", "title", "source", "body"};

const char *accord_doc_mode_name(accord_doc_mode mode)
{
	return (unsigned)mode < 2 ? mode_names[mode] : "unknown";
}

const char *accord_section_kind_name(accord_section_kind kind)
{
	return (unsigned)kind < 3 ? kind_names[kind] : "unknown";
}

const char *accord_meta_field_name(accord_meta_field field)
{
	return (unsigned)field < ACCORD_META_COUNT ? meta_names[field] : "unknown";
}

int accord_doc_mode_from_name(const char *name)
{
	return accord_name_index(mode_names, 2, name);
}

int accord_section_kind_from_name(const char *name)
{
	return accord_name_index(kind_names, 3, name);
}

int accord_meta_field_from_name(const char *name)
{
	return accord_name_index(meta_names, ACCORD_META_COUNT, name);
}

/* ---- documents -------------------------------------------------------------- */

int accord_doc_grow_array(accord_doc *doc, void ***array, size_t count, size_t *capacity)
{
	void **grown;
	size_t want;
	if (count < *capacity)
		return ACCORD_OK;
	want = *capacity ? *capacity * 2 : 8;
	grown = accord_arena_alloc(&doc->arena, want * sizeof(void *));
	if (grown == NULL)
		return ACCORD_ENOMEM;
	if (count)
		memcpy(grown, *array, count * sizeof(void *));
	*array = grown;
	*capacity = want;
	return ACCORD_OK;
}

#define GROW(doc, arr, count, cap) accord_doc_grow_array((doc), (void ***)&(arr), (count), &(cap))

/* Copies s into the doc's arena; NULL and "" both give NULL when empty_is_null. */
static int doc_string(accord_doc *doc, char **slot, const char *s, size_t len, int empty_is_null)
{
	char *copy = NULL;
	if (s != NULL && !(empty_is_null && len == 0)) {
		copy = accord_arena_strndup(&doc->arena, s, len);
		if (copy == NULL)
			return ACCORD_ENOMEM;
	}
	*slot = copy;
	return ACCORD_OK;
}

int accord_doc_new(accord_doc **out, accord_doc_mode mode)
{
	accord_doc *doc;
	*out = NULL;
	doc = accord_calloc(1, sizeof(*doc));
	if (doc == NULL)
		return ACCORD_ENOMEM;
	doc->mode = mode;
	doc->next_para = 1;
	doc->next_section = 1;
	*out = doc;
	return ACCORD_OK;
}

void accord_doc_free(accord_doc *doc)
{
	if (doc == NULL)
		return;
	accord_id_index_dispose(&doc->para_index);
	accord_id_index_dispose(&doc->section_index);
	accord_arena_dispose(&doc->arena);
	accord_free(doc);
}

accord_doc_mode accord_doc_mode_of(const accord_doc *doc)
{
	return doc->mode;
}

void accord_doc_set_mode(accord_doc *doc, accord_doc_mode mode)
{
	doc->mode = mode;
}

const char *accord_doc_meta(const accord_doc *doc, accord_meta_field field)
{
	if ((unsigned)field >= ACCORD_META_COUNT)
		return NULL;
	return doc->meta[field];
}

int accord_doc_set_meta(accord_doc *doc, accord_meta_field field, const char *value)
{
	if ((unsigned)field >= ACCORD_META_COUNT)
		return ACCORD_EINVAL;
	return doc_string(doc, &doc->meta[field], value, value ? strlen(value) : 0, 1);
}

size_t accord_doc_note_count(const accord_doc *doc)
{
	return doc->n_notes;
}

const char *accord_doc_note(const accord_doc *doc, size_t i)
{
	return i < doc->n_notes ? doc->notes[i] : NULL;
}

int accord_doc_add_note(accord_doc *doc, const char *text)
{
	char *copy;
	if (text == NULL)
		return ACCORD_EINVAL;
	if (GROW(doc, doc->notes, doc->n_notes, doc->cap_notes) != ACCORD_OK)
		return ACCORD_ENOMEM;
	copy = accord_arena_strndup(&doc->arena, text, strlen(text));
	if (copy == NULL)
		return ACCORD_ENOMEM;
	doc->notes[doc->n_notes++] = copy;
	return ACCORD_OK;
}

void accord_doc_clear_notes(accord_doc *doc)
{
	doc->n_notes = 0;
}

const char *accord_doc_origin(const accord_doc *doc)
{
	return doc->origin;
}

int accord_doc_set_origin(accord_doc *doc, const char *origin)
{
	return doc_string(doc, &doc->origin, origin, origin ? strlen(origin) : 0, 1);
}

/* ---- warnings ---------------------------------------------------------------- */

size_t accord_doc_warning_count(const accord_doc *doc)
{
	return doc->n_warnings;
}

const char *accord_doc_warning(const accord_doc *doc, size_t i, unsigned *line, unsigned *col)
{
	if (i >= doc->n_warnings)
		return NULL;
	if (line)
		*line = doc->warnings[i].line;
	if (col)
		*col = doc->warnings[i].col;
	return doc->warnings[i].message;
}

int accord_doc_add_warning(accord_doc *doc, unsigned line, unsigned col, const char *fmt, ...)
{
	char message[512];
	va_list ap;
	if (doc->n_warnings == doc->cap_warnings) {
		size_t want = doc->cap_warnings ? doc->cap_warnings * 2 : 8;
		accord_warning *grown = accord_arena_alloc(&doc->arena, want * sizeof(*grown));
		if (grown == NULL)
			return ACCORD_ENOMEM;
		if (doc->n_warnings)
			memcpy(grown, doc->warnings, doc->n_warnings * sizeof(*grown));
		doc->warnings = grown;
		doc->cap_warnings = want;
	}
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	doc->warnings[doc->n_warnings].message = accord_arena_strndup(&doc->arena, message, strlen(message));
	if (doc->warnings[doc->n_warnings].message == NULL)
		return ACCORD_ENOMEM;
	doc->warnings[doc->n_warnings].line = line;
	doc->warnings[doc->n_warnings].col = col;
	doc->n_warnings++;
	return ACCORD_OK;
}

/* ---- ids ------------------------------------------------------------------------ */

/* If id is "<prefix><digits>", makes sure fresh ids start after it. */
void accord_doc_note_numeric_id(const char *id, char prefix, unsigned *next)
{
	char *end;
	unsigned long n;
	if (id[0] != prefix || id[1] < '0' || id[1] > '9')
		return;
	n = strtoul(id + 1, &end, 10);
	if (*end == '\0' && n < 0xFFFFFFF0UL && n + 1 > *next)
		*next = (unsigned)n + 1;
}

/* Copies a caller's id, or makes a fresh "<prefix>N" that is not in use. */
static int assign_id(accord_doc *doc, accord_id_index *index, char prefix, unsigned *next, const char *id,
	char **out)
{
	char fresh[32];
	if (id != NULL) {
		if (id[0] == '\0' || accord_id_index_get(index, id) != NULL)
			return ACCORD_EINVAL;
		*out = accord_arena_strndup(&doc->arena, id, strlen(id));
		if (*out == NULL)
			return ACCORD_ENOMEM;
		accord_doc_note_numeric_id(id, prefix, next);
		return ACCORD_OK;
	}
	do
		snprintf(fresh, sizeof(fresh), "%c%u", prefix, (*next)++);
	while (accord_id_index_get(index, fresh) != NULL);
	*out = accord_arena_strndup(&doc->arena, fresh, strlen(fresh));
	return *out ? ACCORD_OK : ACCORD_ENOMEM;
}

/* ---- sections ------------------------------------------------------------------ */

size_t accord_doc_section_count(const accord_doc *doc)
{
	return doc->n_sections;
}

accord_section *accord_doc_section(const accord_doc *doc, size_t i)
{
	return i < doc->n_sections ? doc->sections[i] : NULL;
}

accord_section *accord_doc_find_section(const accord_doc *doc, const char *id)
{
	return accord_id_index_get(&doc->section_index, id);
}

size_t accord_section_index(const accord_section *section)
{
	const accord_doc *doc = section->doc;
	size_t i;
	if (section->removed)
		return (size_t)-1;
	for (i = 0; i < doc->n_sections; i++)
		if (doc->sections[i] == section)
			return i;
	return (size_t)-1;
}

/* Inserts ptr into array[0..*count) at position pos (array has room). */
static void array_insert(void **array, size_t *count, size_t pos, void *ptr)
{
	memmove(array + pos + 1, array + pos, (*count - pos) * sizeof(void *));
	array[pos] = ptr;
	(*count)++;
}

static void array_remove(void **array, size_t *count, size_t pos)
{
	memmove(array + pos, array + pos + 1, (*count - pos - 1) * sizeof(void *));
	(*count)--;
}

static size_t array_find(void *const *array, size_t count, const void *ptr)
{
	size_t i;
	for (i = 0; i < count; i++)
		if (array[i] == ptr)
			return i;
	return (size_t)-1;
}

/* Position of para among its siblings: its hint when still right, else found near it. */
static size_t find_sibling(accord_para *const *siblings, size_t count, const accord_para *para)
{
	size_t hint = para->index_hint, d;
	for (d = 0; d < 4; d++) {
		if (hint + d < count && siblings[hint + d] == para)
			return hint + d;
		if (d <= hint && hint - d < count && siblings[hint - d] == para)
			return hint - d;
	}
	return array_find((void *const *)siblings, count, para);
}

static int set_heading_fields(accord_doc *doc, accord_section *section, const char *heading,
	accord_section_kind kind, const char *addressee)
{
	char *h = NULL, *a = NULL;
	if (doc_string(doc, &h, heading, heading ? strlen(heading) : 0, 1) != ACCORD_OK ||
	    doc_string(doc, &a, addressee, addressee ? strlen(addressee) : 0, 1) != ACCORD_OK)
		return ACCORD_ENOMEM;
	section->heading = h;
	section->addressee = a;
	section->kind = kind;
	return ACCORD_OK;
}

int accord_doc_insert_section(accord_section **out, accord_doc *doc, accord_section *after, const char *id,
	const char *heading, accord_section_kind kind, const char *addressee)
{
	accord_section *section;
	size_t pos = 0;
	int rc;
	if (out)
		*out = NULL;
	if ((unsigned)kind > ACCORD_KIND_OPERATIVE)
		return ACCORD_EINVAL;
	if (after != NULL) {
		if (after->doc != doc || after->removed)
			return ACCORD_EINVAL;
		pos = accord_section_index(after) + 1;
	}
	if (GROW(doc, doc->sections, doc->n_sections, doc->cap_sections) != ACCORD_OK)
		return ACCORD_ENOMEM;
	section = accord_arena_alloc(&doc->arena, sizeof(*section));
	if (section == NULL)
		return ACCORD_ENOMEM;
	memset(section, 0, sizeof(*section));
	section->doc = doc;
	if ((rc = assign_id(doc, &doc->section_index, 's', &doc->next_section, id, &section->id)) != ACCORD_OK)
		return rc;
	if ((rc = set_heading_fields(doc, section, heading, kind, addressee)) != ACCORD_OK)
		return rc;
	if ((rc = accord_id_index_put(&doc->section_index, section->id, section)) != ACCORD_OK)
		return rc;
	array_insert((void **)doc->sections, &doc->n_sections, pos, section);
	if (out)
		*out = section;
	return ACCORD_OK;
}

int accord_doc_add_section(accord_section **out, accord_doc *doc, const char *id, const char *heading,
	accord_section_kind kind, const char *addressee)
{
	accord_section *last = doc->n_sections ? doc->sections[doc->n_sections - 1] : NULL;
	if (last == NULL) {
		/* insert_section(after NULL) means "first", which is also "last" here. */
		return accord_doc_insert_section(out, doc, NULL, id, heading, kind, addressee);
	}
	return accord_doc_insert_section(out, doc, last, id, heading, kind, addressee);
}

static void unindex_subtree(accord_doc *doc, accord_para *para)
{
	size_t i;
	accord_id_index_remove(&doc->para_index, para->id);
	para->removed = 1;
	for (i = 0; i < para->n_children; i++)
		unindex_subtree(doc, para->children[i]);
}

int accord_doc_remove_section(accord_doc *doc, accord_section *section)
{
	size_t pos, i;
	if (section == NULL || section->doc != doc || section->removed)
		return ACCORD_EINVAL;
	pos = accord_section_index(section);
	for (i = 0; i < section->n_paras; i++)
		unindex_subtree(doc, section->paras[i]);
	accord_id_index_remove(&doc->section_index, section->id);
	array_remove((void **)doc->sections, &doc->n_sections, pos);
	section->removed = 1;
	return ACCORD_OK;
}

int accord_doc_move_section(accord_doc *doc, accord_section *section, accord_section *after)
{
	size_t pos;
	if (section == NULL || section->doc != doc || section->removed || section == after)
		return ACCORD_EINVAL;
	if (after != NULL && (after->doc != doc || after->removed))
		return ACCORD_EINVAL;
	array_remove((void **)doc->sections, &doc->n_sections, accord_section_index(section));
	pos = after ? accord_section_index(after) + 1 : 0;
	array_insert((void **)doc->sections, &doc->n_sections, pos, section);
	return ACCORD_OK;
}

const char *accord_section_id(const accord_section *section)
{
	return section->id;
}

const char *accord_section_heading(const accord_section *section)
{
	return section->heading;
}

accord_section_kind accord_section_kind_of(const accord_section *section)
{
	return section->kind;
}

const char *accord_section_addressee(const accord_section *section)
{
	return section->addressee;
}

unsigned accord_section_line(const accord_section *section)
{
	return section->line;
}

void accord_section_set_line(accord_section *section, unsigned line)
{
	section->line = line;
}

int accord_section_set_heading(accord_section *section, const char *heading, accord_section_kind kind,
	const char *addressee)
{
	if ((unsigned)kind > ACCORD_KIND_OPERATIVE)
		return ACCORD_EINVAL;
	return set_heading_fields(section->doc, section, heading, kind, addressee);
}

accord_doc *accord_section_doc(const accord_section *section)
{
	return section->doc;
}

size_t accord_section_para_count(const accord_section *section)
{
	return section->n_paras;
}

accord_para *accord_section_para(const accord_section *section, size_t i)
{
	return i < section->n_paras ? section->paras[i] : NULL;
}

/* ---- paragraphs ------------------------------------------------------------------ */

/* The sibling array a paragraph lives in (or would live in). */
static accord_para ***sibling_array(accord_section *section, accord_para *parent, size_t **count, size_t **cap)
{
	if (parent != NULL) {
		*count = &parent->n_children;
		*cap = &parent->cap_children;
		return &parent->children;
	}
	*count = &section->n_paras;
	*cap = &section->cap_paras;
	return &section->paras;
}

static int check_position(accord_doc *doc, accord_section *section, accord_para *parent, accord_para *after,
	size_t *pos)
{
	accord_para **siblings;
	size_t *count, *cap;
	if (section == NULL || section->doc != doc || section->removed)
		return ACCORD_EINVAL;
	if (parent != NULL && (parent->removed || parent->section != section))
		return ACCORD_EINVAL;
	siblings = *sibling_array(section, parent, &count, &cap);
	if (after == NULL) {
		*pos = 0;
		return ACCORD_OK;
	}
	if (after->removed || after->parent != parent || after->section != section)
		return ACCORD_EINVAL;
	*pos = find_sibling(siblings, *count, after) + 1;
	return ACCORD_OK;
}

static void set_section_recursive(accord_para *para, accord_section *section)
{
	size_t i;
	para->section = section;
	for (i = 0; i < para->n_children; i++)
		set_section_recursive(para->children[i], section);
}

/* Puts para at pos among its new siblings. The caller has made room (accord_doc_grow_array, or
** detached para from that same list), so this cannot fail. */
static void attach(accord_para *para, accord_section *section, accord_para *parent, size_t pos)
{
	accord_para ***siblings;
	size_t *count, *cap;
	siblings = sibling_array(section, parent, &count, &cap);
	array_insert((void **)*siblings, count, pos, para);
	para->parent = parent;
	para->index_hint = pos;
	set_section_recursive(para, section);
}

static void detach(accord_para *para)
{
	accord_para ***siblings;
	size_t *count, *cap;
	siblings = sibling_array(para->section, para->parent, &count, &cap);
	array_remove((void **)*siblings, count, find_sibling(*siblings, *count, para));
}

int accord_doc_insert_para(accord_para **out, accord_doc *doc, accord_section *section, accord_para *parent,
	accord_para *after, const char *id, const char *label, const char *text)
{
	accord_para *para;
	size_t pos;
	int rc;
	if (out)
		*out = NULL;
	if (text == NULL)
		return ACCORD_EINVAL;
	if ((rc = check_position(doc, section, parent, after, &pos)) != ACCORD_OK)
		return rc;
	para = accord_arena_alloc(&doc->arena, sizeof(*para));
	if (para == NULL)
		return ACCORD_ENOMEM;
	memset(para, 0, sizeof(*para));
	if ((rc = assign_id(doc, &doc->para_index, 'p', &doc->next_para, id, &para->id)) != ACCORD_OK)
		return rc;
	if (doc_string(doc, &para->label, label, label ? strlen(label) : 0, 1) != ACCORD_OK ||
	    doc_string(doc, &para->text, text, strlen(text), 0) != ACCORD_OK)
		return ACCORD_ENOMEM;
	/* Reserve the sibling slot before indexing, so a failure leaves no trace. */
	{
		accord_para ***siblings;
		size_t *count, *cap;
		siblings = sibling_array(section, parent, &count, &cap);
		if (accord_doc_grow_array(doc, (void ***)siblings, *count, cap) != ACCORD_OK)
			return ACCORD_ENOMEM;
	}
	if ((rc = accord_id_index_put(&doc->para_index, para->id, para)) != ACCORD_OK)
		return rc;
	attach(para, section, parent, pos); /* room reserved above */
	if (out)
		*out = para;
	return ACCORD_OK;
}

int accord_doc_add_para(accord_para **out, accord_doc *doc, accord_section *section, accord_para *parent,
	const char *id, const char *label, const char *text)
{
	accord_para *last = NULL;
	if (section == NULL)
		return ACCORD_EINVAL;
	if (parent != NULL && parent->n_children)
		last = parent->children[parent->n_children - 1];
	else if (parent == NULL && section->n_paras)
		last = section->paras[section->n_paras - 1];
	return accord_doc_insert_para(out, doc, section, parent, last, id, label, text);
}

int accord_doc_remove_para(accord_doc *doc, accord_para *para)
{
	if (para == NULL || para->removed || para->section == NULL || para->section->doc != doc)
		return ACCORD_EINVAL;
	detach(para);
	unindex_subtree(doc, para);
	para->parent = NULL;
	return ACCORD_OK;
}

int accord_doc_move_para(accord_doc *doc, accord_para *para, accord_section *section, accord_para *parent,
	accord_para *after)
{
	accord_para *p;
	size_t pos;
	int rc;
	accord_section *old_section;
	accord_para *old_parent;
	size_t old_pos;
	accord_para ***siblings;
	size_t *count, *cap;

	if (para == NULL || para->removed || para->section->doc != doc || para == after)
		return ACCORD_EINVAL;
	for (p = parent; p != NULL; p = p->parent)
		if (p == para)
			return ACCORD_EINVAL;
	/* Make room first so that a failed move leaves the tree unchanged. */
	if (section == NULL || section->doc != doc || section->removed)
		return ACCORD_EINVAL;
	siblings = sibling_array(section, parent, &count, &cap);
	if (accord_doc_grow_array(doc, (void ***)siblings, *count, cap) != ACCORD_OK)
		return ACCORD_ENOMEM;
	old_section = para->section;
	old_parent = para->parent;
	siblings = sibling_array(old_section, old_parent, &count, &cap);
	old_pos = find_sibling(*siblings, *count, para);
	detach(para);
	if ((rc = check_position(doc, section, parent, after, &pos)) != ACCORD_OK) {
		attach(para, old_section, old_parent, old_pos);
		return rc;
	}
	attach(para, section, parent, pos);
	return ACCORD_OK;
}

accord_para *accord_doc_find_para(const accord_doc *doc, const char *id)
{
	return accord_id_index_get(&doc->para_index, id);
}

const char *accord_para_id(const accord_para *para)
{
	return para->id;
}

const char *accord_para_label(const accord_para *para)
{
	return para->label;
}

const char *accord_para_text(const accord_para *para)
{
	return para->text;
}

int accord_para_set_label(accord_para *para, const char *label)
{
	return doc_string(para->section->doc, &para->label, label, label ? strlen(label) : 0, 1);
}

int accord_para_set_text_len(accord_para *para, const char *text, size_t len)
{
	if (text == NULL)
		return ACCORD_EINVAL;
	return doc_string(para->section->doc, &para->text, text, len, 0);
}

int accord_para_set_text(accord_para *para, const char *text)
{
	if (text == NULL)
		return ACCORD_EINVAL;
	return accord_para_set_text_len(para, text, strlen(text));
}

unsigned accord_para_line(const accord_para *para)
{
	return para->line;
}

void accord_para_set_line(accord_para *para, unsigned line)
{
	para->line = line;
}

size_t accord_para_child_count(const accord_para *para)
{
	return para->n_children;
}

accord_para *accord_para_child(const accord_para *para, size_t i)
{
	return i < para->n_children ? para->children[i] : NULL;
}

accord_para *accord_para_parent(const accord_para *para)
{
	return para->parent;
}

accord_section *accord_para_section(const accord_para *para)
{
	return para->section;
}

size_t accord_para_index(const accord_para *para)
{
	accord_para **siblings;
	size_t *count, *cap;
	if (para->removed)
		return (size_t)-1;
	siblings = *sibling_array(para->section, para->parent, &count, &cap);
	{
		size_t index = find_sibling(siblings, *count, para);
		((accord_para *)para)->index_hint = index;
		return index;
	}
}

unsigned accord_para_depth(const accord_para *para)
{
	unsigned depth = 0;
	while ((para = para->parent) != NULL)
		depth++;
	return depth;
}

/* The first paragraph of sections[from..], or NULL. */
static accord_para *first_para_from(const accord_doc *doc, size_t from)
{
	size_t i;
	for (i = from; i < doc->n_sections; i++)
		if (doc->sections[i]->n_paras)
			return doc->sections[i]->paras[0];
	return NULL;
}

accord_para *accord_doc_next_para(const accord_doc *doc, const accord_para *prev)
{
	const accord_para *p;
	if (prev == NULL)
		return first_para_from(doc, 0);
	if (prev->n_children)
		return prev->children[0];
	for (p = prev; p != NULL; p = p->parent) {
		size_t idx = accord_para_index(p);
		accord_para **siblings;
		size_t *count, *cap;
		siblings = *sibling_array(p->section, p->parent, &count, &cap);
		if (idx + 1 < *count)
			return siblings[idx + 1];
	}
	return first_para_from(doc, accord_section_index(prev->section) + 1);
}

static size_t count_subtree(const accord_para *para)
{
	size_t n = 1, i;
	for (i = 0; i < para->n_children; i++)
		n += count_subtree(para->children[i]);
	return n;
}

size_t accord_doc_para_total(const accord_doc *doc)
{
	size_t n = 0, i, j;
	for (i = 0; i < doc->n_sections; i++)
		for (j = 0; j < doc->sections[i]->n_paras; j++)
			n += count_subtree(doc->sections[i]->paras[j]);
	return n;
}

/* ---- footnotes ------------------------------------------------------------------- */

size_t accord_doc_footnote_count(const accord_doc *doc)
{
	return doc->n_footnotes;
}

accord_footnote *accord_doc_footnote(const accord_doc *doc, size_t i)
{
	return i < doc->n_footnotes ? doc->footnotes[i] : NULL;
}

accord_footnote *accord_doc_find_footnote(const accord_doc *doc, const char *number)
{
	size_t i;
	for (i = 0; i < doc->n_footnotes; i++)
		if (strcmp(doc->footnotes[i]->number, number) == 0)
			return doc->footnotes[i];
	return NULL;
}

int accord_doc_add_footnote(accord_footnote **out, accord_doc *doc, const char *number, const char *text)
{
	accord_footnote *footnote;
	if (out)
		*out = NULL;
	if (number == NULL || number[0] == '\0' || text == NULL || accord_doc_find_footnote(doc, number))
		return ACCORD_EINVAL;
	if (GROW(doc, doc->footnotes, doc->n_footnotes, doc->cap_footnotes) != ACCORD_OK)
		return ACCORD_ENOMEM;
	footnote = accord_arena_alloc(&doc->arena, sizeof(*footnote));
	if (footnote == NULL)
		return ACCORD_ENOMEM;
	memset(footnote, 0, sizeof(*footnote));
	footnote->doc = doc;
	if (doc_string(doc, &footnote->number, number, strlen(number), 0) != ACCORD_OK ||
	    doc_string(doc, &footnote->text, text, strlen(text), 0) != ACCORD_OK)
		return ACCORD_ENOMEM;
	doc->footnotes[doc->n_footnotes++] = footnote;
	if (out)
		*out = footnote;
	return ACCORD_OK;
}

int accord_doc_remove_footnote(accord_doc *doc, accord_footnote *footnote)
{
	size_t pos = array_find((void *const *)doc->footnotes, doc->n_footnotes, footnote);
	if (pos == (size_t)-1)
		return ACCORD_EINVAL;
	array_remove((void **)doc->footnotes, &doc->n_footnotes, pos);
	return ACCORD_OK;
}

const char *accord_footnote_number(const accord_footnote *footnote)
{
	return footnote->number;
}

const char *accord_footnote_text(const accord_footnote *footnote)
{
	return footnote->text;
}

int accord_footnote_set_text(accord_footnote *footnote, const char *text)
{
	if (text == NULL)
		return ACCORD_EINVAL;
	return doc_string(footnote->doc, &footnote->text, text, strlen(text), 0);
}

unsigned accord_footnote_line(const accord_footnote *footnote)
{
	return footnote->line;
}

void accord_footnote_set_line(accord_footnote *footnote, unsigned line)
{
	footnote->line = line;
}

/* ---- clone and equality -------------------------------------------------------------- */

static int clone_children(accord_doc *dst, accord_section *section, accord_para *parent, accord_para *const *paras,
	size_t n)
{
	size_t i;
	int rc;
	for (i = 0; i < n; i++) {
		accord_para *copy;
		rc = accord_doc_add_para(&copy, dst, section, parent, paras[i]->id, paras[i]->label, paras[i]->text);
		if (rc != ACCORD_OK)
			return rc;
		copy->line = paras[i]->line;
		if ((rc = clone_children(dst, section, copy, paras[i]->children, paras[i]->n_children)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

int accord_doc_clone(accord_doc **out, const accord_doc *doc)
{
	accord_doc *copy = NULL;
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = accord_doc_new(&copy, doc->mode)) != ACCORD_OK)
		return rc;
	for (i = 0; i < ACCORD_META_COUNT; i++)
		if ((rc = accord_doc_set_meta(copy, (accord_meta_field)i, doc->meta[i])) != ACCORD_OK)
			goto cleanup;
	for (i = 0; i < doc->n_notes; i++)
		if ((rc = accord_doc_add_note(copy, doc->notes[i])) != ACCORD_OK)
			goto cleanup;
	if ((rc = accord_doc_set_origin(copy, doc->origin)) != ACCORD_OK)
		goto cleanup;
	for (i = 0; i < doc->n_sections; i++) {
		const accord_section *s = doc->sections[i];
		accord_section *section;
		rc = accord_doc_add_section(&section, copy, s->id, s->heading, s->kind, s->addressee);
		if (rc != ACCORD_OK)
			goto cleanup;
		section->line = s->line;
		if ((rc = clone_children(copy, section, NULL, s->paras, s->n_paras)) != ACCORD_OK)
			goto cleanup;
	}
	for (i = 0; i < doc->n_footnotes; i++) {
		accord_footnote *f;
		rc = accord_doc_add_footnote(&f, copy, doc->footnotes[i]->number, doc->footnotes[i]->text);
		if (rc != ACCORD_OK)
			goto cleanup;
		f->line = doc->footnotes[i]->line;
	}
	for (i = 0; i < doc->n_warnings; i++) {
		const accord_warning *w = &doc->warnings[i];
		if ((rc = accord_doc_add_warning(copy, w->line, w->col, "%s", w->message)) != ACCORD_OK)
			goto cleanup;
	}
	copy->next_para = doc->next_para > copy->next_para ? doc->next_para : copy->next_para;
	copy->next_section = doc->next_section > copy->next_section ? doc->next_section : copy->next_section;
	*out = copy;
	return ACCORD_OK;
cleanup:
	accord_doc_free(copy);
	return rc;
}

static int str_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static int paras_equal(accord_para *const *a, size_t na, accord_para *const *b, size_t nb)
{
	size_t i;
	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		if (!str_equal(a[i]->label, b[i]->label) || !str_equal(a[i]->text, b[i]->text))
			return 0;
		if (!paras_equal(a[i]->children, a[i]->n_children, b[i]->children, b[i]->n_children))
			return 0;
	}
	return 1;
}

int accord_doc_equal(const accord_doc *a, const accord_doc *b)
{
	size_t i;
	if (a->mode != b->mode || a->n_notes != b->n_notes || a->n_sections != b->n_sections ||
	    a->n_footnotes != b->n_footnotes)
		return 0;
	for (i = 0; i < ACCORD_META_COUNT; i++)
		if (!str_equal(a->meta[i], b->meta[i]))
			return 0;
	for (i = 0; i < a->n_notes; i++)
		if (!str_equal(a->notes[i], b->notes[i]))
			return 0;
	for (i = 0; i < a->n_sections; i++) {
		const accord_section *x = a->sections[i], *y = b->sections[i];
		if (!str_equal(x->heading, y->heading) || x->kind != y->kind || !str_equal(x->addressee, y->addressee))
			return 0;
		if (!paras_equal(x->paras, x->n_paras, y->paras, y->n_paras))
			return 0;
	}
	for (i = 0; i < a->n_footnotes; i++)
		if (!str_equal(a->footnotes[i]->number, b->footnotes[i]->number) ||
		    !str_equal(a->footnotes[i]->text, b->footnotes[i]->text))
			return 0;
	return 1;
}
