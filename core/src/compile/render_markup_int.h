/*
** render_markup_int.h: the writer of the compilation renderer's text,
** Markdown and HTML (render_proposals.c makes the pieces, render_markup.c
** walks the document).
*/
#ifndef ACCORD_RENDER_MARKUP_INT_H
#define ACCORD_RENDER_MARKUP_INT_H

#include "compile/render_int.h"

typedef enum role {
	ROLE_INS = 0,  /* proposed text */
	ROLE_DEL = 1,  /* base text proposed for deletion */
	ROLE_BASE = 2  /* base text shown as an option */
} role;

typedef struct writer {
	accord_format format;
	accord_buf *out;
	const accord_compilation *c;
	const accord_brackets *b;
	int color; /* text: ANSI */
	int rc;    /* the first failure (ACCORD_ENOMEM); later writes do nothing */
	size_t mark; /* text: the size of out after the title line */
	size_t seq;  /* proposals written so far: an anonymous convention's %i is this number */
} writer;

/* Bytes as they are, formatted, escaped for HTML text or attributes, escaped for Markdown. */
void rw_puts(writer *w, const char *s);
void rw_printf(writer *w, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
void rw_html(writer *w, const char *s, size_t len);
void rw_attr(writer *w, const char *s);
void rw_md(writer *w, const char *s, size_t len);

/* The colour class of a party: one for all under an anonymous convention. */
size_t rw_party_index(const writer *w, const char *code);
/* "2 parties": how an anonymous compilation speaks of its contributors. */
void rw_party_count(writer *w);
/* The parties' codes, ", " between them. */
void rw_party_list_line(writer *w);

/*
** The lines before the title: the symbol ("Document ..."), the source
** ("Source: ...") and the notes, with their proposals, each followed by
** eol; 0 when there are none.
*/
int rw_front(writer *w, const char *eol);
/* How a format lays out a list: before its first item, around each, after its last (only when not empty). */
typedef struct rw_list {
	const char *begin, *open, *between, *close, *end;
} rw_list;
/* The footnotes: the base's in their order with their proposals, then new ones (open NUMBER between TEXT close). */
void rw_footnotes(writer *w, const rw_list *l);
/* A field's base value with its proposals in place. */
void rw_field_text(writer *w, const accord_cmp_field *f);
/* A metadata line (prefix, then the value with proposals); 0 when there is neither value nor proposal. */
int rw_field_line(writer *w, const char *name, const char *prefix);

/* A paragraph's label under the convention, into label. */
void rw_para_label(writer *w, const accord_cmp_para *p, accord_buf *label);
/* A paragraph's text with its proposals and marks (deletion, move). */
void rw_para_body(writer *w, const accord_cmp_para *p);
/* The labels others propose for p, after its own. */
void rw_relabels(writer *w, const accord_cmp_para *p, const char *shown_label, int before_text);
/* HTML: the title attribute of a base paragraph's label (the labels others give it). */
void rw_label_title(writer *w, const accord_cmp_para *p);
/* A section's heading with its proposals and marks. */
void rw_section_heading(writer *w, const accord_cmp_section *s);
int rw_section_has_heading(const accord_cmp_section *s);

#endif
