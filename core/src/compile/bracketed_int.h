/*
** bracketed_int.h: the reader of bracketed texts (accord/bracketed.h),
** shared by its reading (bracket_read.c), its reports (bracket_report.c)
** and its resolution (bracket_resolve.c).
*/
#ifndef ACCORD_BRACKETED_INT_H
#define ACCORD_BRACKETED_INT_H

#include "accord/bracketed.h"

/*
** The first line of a compilation's text form (render_markup.c writes it:
** "Compilation of proposals on BASE (PARTIES)"): read back, it is the
** first note; a clean text leaves it out.
*/
#define BRACKET_COMPILATION_HEADER "Compilation of proposals on "

/* What a mark span says about its paragraph or section as a whole. */
enum {
	BRACKET_MARK_NONE = 0,
	BRACKET_MARK_DELETE = 1, /* "[Delete paragraph (USA)]", "[Delete section (USA)]" */
	BRACKET_MARK_OTHER = 2,  /* a move: applied for its party (--accept) */
	BRACKET_MARK_RELABEL = 3 /* "[Label (USA): b)]" after a label: the party's own label, applied for it */
};

/*
** The template a compilation writes a party's label of a paragraph with
** (a relabel, or the proposer's own label of a new paragraph the convention
** labels "c bis)"): the convention's relabel, or else its move_paragraph
** with "Move" read "Label" ("[Label (%p): %t]", "[Label %i: %t]"), into
** buf. NULL: none (then labels are not shown).
*/
const char *bracket_relabel_template(const accord_brackets *b, char *buf, size_t size);

typedef struct bracket_unit {
	accord_bracket_unit pub;
	accord_bracket_span *spans;
	accord_bracket_group *groups;
	size_t *alts;              /* the groups' alternatives, one array */
	unsigned char *marks;      /* per span: BRACKET_MARK_* */
	unsigned char *named;      /* per span: 1 when its prefix names parties or a label ("[USA: ...]") */
	unsigned char *no_change;  /* per span: 1 for the convention's no-change option ("[NOC: ...]"), a group's last */
	size_t cap_spans;
	accord_para *para;         /* the unit's paragraph, or NULL */
	accord_section *section;   /* a paragraph's or heading's section, or NULL */
	accord_footnote *footnote; /* a footnote, or NULL */
	int meta;                  /* an accord_meta_field; -1: not a field */
	size_t note;               /* a note's index + 1; 0: not a note */
	/* spans across paragraphs (bracket_read.c, bridge_pass) */
	size_t carry_in;           /* closing brackets here that close spans opened in earlier paragraphs */
	size_t carry_out;          /* brackets left open here that later paragraphs close (the innermost ones) */
	size_t *in_ids;            /* their `across` numbers: in_ids in closing order, out_ids outermost first */
	size_t *out_ids;
} bracket_unit;

struct accord_bracketed {
	accord_doc *doc;
	accord_brackets conv;
	char open, close;          /* the bracket characters */
	bracket_unit *units;
	size_t n_units, cap_units;
	accord_bracket_block *blocks;
	size_t n_blocks;
	accord_bracket_option *options; /* every block's options, one array */
	size_t n_options;
	accord_bracket_problem *problems;
	size_t n_problems, cap_problems;
	const char **parties;      /* in order of first appearance (strings in owned) */
	size_t n_parties, cap_parties;
	void **owned;              /* everything else the reader allocated */
	size_t n_owned, cap_owned;
};

/* 1 when party is in list. */
int bracket_has_party(const char *const *list, size_t n, const char *party);

/* Keeps ptr until accord_bracketed_free (NULL: returns NULL; on failure frees it and returns NULL). */
void *bracket_own(accord_bracketed *b, void *ptr);
char *bracket_strndup(accord_bracketed *b, const char *s, size_t n);
int bracket_is_blank(char c);
/* 1 when s[0..n) is one party code ("USA", "G-77 and China"). */
int bracket_party_ok(const char *s, size_t n);
/*
** Splits s[0..n) into parties (the convention's separator; notes after
** "; " cut off) into an owned array, and notes them as the text's parties.
** 1: all are parties; 0: not (nothing kept); -1: out of memory.
*/
int bracket_read_parties(accord_bracketed *b, const char *s, size_t n, const char *const **out, size_t *n_out);
/* "[footnoteRef:12]" at s: its length (a Word artefact, not a bracket), else 0. */
size_t bracket_footnote_ref(const char *s, size_t n);
/* Groups the paragraphs of each section into option blocks. ACCORD_ENOMEM. */
int bracket_find_options(accord_bracketed *b, accord_error *err);
/* Counts a unit's agreed and open words. ACCORD_ENOMEM. */
int bracket_count_words(bracket_unit *u, char open_char);

#endif
