/*
** render_int.h: what the files of the compilation renderer share
** (render_compilation.c: the entry point; render_markup.c: text, Markdown
** and HTML, with the pieces of render_proposals.c; render_tree.c: JSON and
** YAML; render_docx.c: Word; render_shared.c: ids and fields, alike in
** every format).
*/
#ifndef ACCORD_RENDER_INT_H
#define ACCORD_RENDER_INT_H

#include "compile/consolidate_int.h"

/*
** The ids a paragraph or section shows: its own, or under an anonymous
** convention a new one's number among the new ones ("new-3",
** "new-section-1"), where the amendment id would name the proposer.
*/
const char *render_para_id(char *buf, size_t size, const accord_compilation *c, const accord_brackets *b,
	const accord_cmp_para *p);
const char *render_section_id(char *buf, size_t size, const accord_compilation *c, const accord_brackets *b,
	const accord_cmp_section *s);

/*
** What the compilation is on: the base's symbol, with the revision when the
** base is a session's revision ("WTPF/1 (Rev.2)"), or its origin (a file,
** without its folders when basename is set, or "Rev.2"); NULL when the base
** has neither. Written into buf.
*/
const char *render_base_name(char *buf, size_t size, const accord_compilation *c, int basename);

/* The proposals on the field called name ("title", "footnote 3" ...), or NULL. */
const accord_cmp_field *render_find_field(const accord_compilation *c, const char *name);

/*
** Writes c as text, Markdown or HTML (title: the page's title), with b's
** templates; color: text with ANSI colours. Fails with ACCORD_ENOMEM, told
** in err.
*/
int render_markup(accord_buf *out, const accord_compilation *c, const accord_brackets *b, accord_format format,
	const char *title, int color, accord_error *err);

/*
** Writes c as JSON or YAML ("compilation/1", one schema for both). Fails
** with ACCORD_ENOMEM or ACCORD_EUTF8, told in err.
*/
int render_tree(accord_buf *out, const accord_compilation *c, const accord_brackets *b, int yaml, accord_error *err);

/*
** Writes c as a Word file (render_docx.c): each party's proposals as
** tracked changes under its name; under an anonymous convention the text
** of render_markup, a line a Word paragraph, proposals underlined or
** struck in their proposer's colour. Fails with ACCORD_ENOMEM or ACCORD_EIO, told in err.
*/
int render_docx(accord_buf *out, const accord_compilation *c, const accord_brackets *b, const char *title,
	accord_error *err);

#endif
