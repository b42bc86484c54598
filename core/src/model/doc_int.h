/* doc_int.h: the document model's private structures, shared by core modules. */
#ifndef ACCORD_DOC_INT_H
#define ACCORD_DOC_INT_H

#include "accord/doc.h"

/* A bump allocator: everything in a document lives until the document dies. */
typedef struct accord_arena_block {
	struct accord_arena_block *next;
	size_t used;  /* bytes handed out */
	size_t size;  /* bytes in data */
	max_align_t data[];
} accord_arena_block;

typedef struct accord_arena {
	accord_arena_block *head; /* the block being filled; older ones follow */
} accord_arena;

void *accord_arena_alloc(accord_arena *arena, size_t size);
char *accord_arena_strndup(accord_arena *arena, const char *s, size_t len);
void accord_arena_dispose(accord_arena *arena);

/* An id -> object map with linear probing (ids are NUL-terminated strings). */
typedef struct accord_id_slot {
	const char *id; /* NULL: empty slot */
	void *object;
} accord_id_slot;

typedef struct accord_id_index {
	accord_id_slot *slots; /* capacity entries, a power of two */
	size_t capacity;
	size_t count;
} accord_id_index;

void *accord_id_index_get(const accord_id_index *index, const char *id);
int accord_id_index_put(accord_id_index *index, const char *id, void *object);
void accord_id_index_remove(accord_id_index *index, const char *id);
void accord_id_index_dispose(accord_id_index *index);

struct accord_para {
	char *id;                /* stable id, never changed */
	char *label;             /* as written, NULL when none */
	char *text;              /* UTF-8, no surrounding blanks */
	accord_para **children;  /* nested paragraphs, in order */
	size_t n_children;
	size_t cap_children;
	accord_para *parent;     /* NULL at top level */
	accord_section *section; /* the section it stands in */
	unsigned line;           /* source line, 0 when unknown */
	int removed;             /* detached from the tree */
	size_t index_hint;       /* where it last stood among its siblings (checked before use) */
};

struct accord_section {
	char *id;                /* stable id, never changed */
	char *heading;           /* NULL for a section without heading */
	char *addressee;         /* NULL when the heading names none */
	accord_section_kind kind;
	accord_para **paras;     /* top-level paragraphs, in order */
	size_t n_paras;
	size_t cap_paras;
	accord_doc *doc;
	unsigned line;
	int removed;
};

struct accord_footnote {
	accord_doc *doc;
	char *number; /* "1" */
	char *text;   /* may hold newlines (several Word paragraphs) */
	unsigned line;
};

typedef struct accord_warning {
	unsigned line;
	unsigned col;
	char *message;
} accord_warning;

struct accord_doc {
	accord_arena arena;
	accord_doc_mode mode;
	char *meta[ACCORD_META_COUNT];
	char **notes;
	size_t n_notes, cap_notes;
	char *origin;
	accord_section **sections;
	size_t n_sections, cap_sections;
	accord_footnote **footnotes;
	size_t n_footnotes, cap_footnotes;
	accord_warning *warnings;
	size_t n_warnings, cap_warnings;
	accord_id_index para_index;
	accord_id_index section_index;
	unsigned next_para;    /* the N of the next fresh "pN" */
	unsigned next_section; /* the N of the next fresh "sN" */
};

/*
** Grows an arena-held pointer array to hold one more entry. The old array
** stays in the arena (freed with the document).
*/
int accord_doc_grow_array(accord_doc *doc, void ***array, size_t count, size_t *capacity);

/*
** If id is "<prefix><digits>" (a fresh id's form, "p12"), raises *next past
** its number so that fresh ids never collide with it; other ids are ignored.
*/
void accord_doc_note_numeric_id(const char *id, char prefix, unsigned *next);

#endif
