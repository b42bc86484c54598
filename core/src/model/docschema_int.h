/*
** docschema_int.h: the document schema shared by the YAML and JSON formats.
**
** YAML and JSON are two syntaxes of one mapping (docs/formats.md, "YAML"
** and "JSON"). Each front end turns its input into a small tree of nodes
** (mappings, sequences, scalars, with positions), and the one validator
** here turns the tree into a document, so the checks exist once. Rendering
** goes the other way: the document becomes a tree in a fixed key order, and
** each back end writes the tree in its syntax.
*/
#ifndef ACCORD_DOCSCHEMA_INT_H
#define ACCORD_DOCSCHEMA_INT_H

#include "accord/format.h"
#include "model/doc_int.h"

/* The format tag and version this build reads and writes. */
#define ACCORD_DOCSCHEMA_TAG "document/1"
#define ACCORD_DOCSCHEMA_VERSION 1

/*
** The deepest nesting of mappings and sequences accepted on input: enough
** for paragraphs nested about 120 levels deep (each level is a mapping and a
** `children` list), low enough that no input can exhaust the stack.
*/
#define ACCORD_DOCSCHEMA_MAX_DEPTH 256

typedef enum ds_type {
	DS_NULL = 0,   /* YAML ~/null/empty, JSON null */
	DS_STRING = 1, /* a string (quoted in YAML, or plain and not null/bool/number) */
	DS_NUMBER = 2, /* a number (JSON number, YAML plain scalar that reads as one) */
	DS_BOOL = 3,   /* true/false */
	DS_MAP = 4,    /* items hold key, value, key, value ... */
	DS_SEQ = 5     /* items hold the elements */
} ds_type;

typedef struct ds_node ds_node;
struct ds_node {
	ds_type type;
	unsigned line;         /* 1-based position in the input, 0 when unknown */
	unsigned col;          /* 1-based, in code points, 0 when unknown */
	const ds_node *parent; /* the containing mapping or sequence, NULL at the top */
	size_t index;          /* position in parent->items (a key is even in a mapping) */
	const char *text;      /* scalars: NUL-terminated text ("" for null) */
	size_t len;            /* bytes in text */
	int plain;             /* YAML: an unquoted scalar (its type was guessed) */
	ds_node **items;       /* containers: children in order */
	size_t count;          /* entries in items */
	size_t cap;            /* room in items */
};

/* A tree: every node and string lives in the arena. */
typedef struct ds_tree {
	accord_arena arena;
	ds_node *root; /* NULL until the first node is added */
} ds_tree;

#define DS_TREE_INIT {{NULL}, NULL}

void ds_tree_dispose(ds_tree *tree);

/*
** Makes a node (a scalar when text is non-NULL; text is copied) and appends
** it to parent (NULL: it becomes the root). Returns NULL when out of memory.
*/
ds_node *ds_add(ds_tree *tree, ds_node *parent, ds_type type, const char *text, size_t len);

/* How many containers enclose node (0 for the root). */
unsigned ds_depth(const ds_node *node);

/*
** A YAML plain scalar's type under the YAML 1.1 and 1.2 core resolvers:
** DS_NULL, DS_BOOL, DS_NUMBER or DS_STRING. Writers quote strings that would
** not read back as strings.
*/
ds_type ds_resolve_plain(const char *text, size_t len);

/*
** The checks both readers make before parsing, in order: out must not be
** NULL (then *out is set to NULL) and data not NULL with len > 0 (both
** ACCORD_EINVAL); data must be UTF-8 (ACCORD_EUTF8, err->offset, err->file
** from name) and hold more than blanks and line breaks (ACCORD_EEMPTY at
** 0:0). ACCORD_OK when parsing may go on.
*/
int ds_check_input(accord_doc **out, const char *data, size_t len, const char *name, accord_error *err);

/* Which tree to build from a document. */
typedef enum ds_flavor {
	DS_FLAVOR_YAML = 0, /* absent optional keys and empty optional lists left out */
	DS_FLAVOR_JSON = 1  /* every key present (null, []), plus the parser's warnings */
} ds_flavor;

/* Builds tree (which must be empty) from doc. Fails only with ACCORD_ENOMEM. */
int ds_from_doc(ds_tree *tree, const accord_doc *doc, ds_flavor flavor);

/*
** Validates tree against the schema and builds a document. Fails with
** ACCORD_ESCHEMA, ACCORD_EVERSION (a newer "document/N") or ACCORD_ENOMEM;
** err->message names the place ("sections[1].paragraphs[0]: ...") and, on
** a schema failure, *where points at the offending node (for positions).
*/
int ds_to_doc(accord_doc **out, const ds_tree *tree, const accord_parse_options *opts, const ds_node **where,
	accord_error *err);

/* Writes the path of node ("sections[1].kind") into buf; "" for the root. */
void ds_path(const ds_node *node, char *buf, size_t size);

#endif
