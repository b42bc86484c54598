/*
** render_compilation.c: a compilation through a bracket convention, as
** text, Markdown, a standalone HTML page (render_markup.c, with the pieces
** of render_proposals.c), JSON or YAML (render_tree.c), Word
** (render_docx.c). Here: the entry
** point; render_shared.c holds the ids and fields every format shows alike.
*/
#include <stdio.h>
#include <string.h>

#include "compile/render_int.h"

/* ---- entry point ------------------------------------------------------------------------------ */

int accord_compilation_render(accord_buf *out, const accord_compilation *c, accord_format format,
	const accord_compilation_render_options *opts, accord_error *err)
{
	accord_brackets def;
	const accord_brackets *b;
	char title[512];
	int rc;

	if (out == NULL || c == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_render: missing argument");
	if (!c->built)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_render: the compilation is not built");
	if (opts != NULL && opts->version != ACCORD_COMPILATION_RENDER_OPTIONS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "accord_compilation_render: options of another version");
	b = opts && opts->brackets ? opts->brackets : NULL;
	if (b == NULL) {
		accord_brackets_default(&def);
		b = &def;
	}
	if ((rc = accord_brackets_check(b, err)) != ACCORD_OK)
		return rc;
	if (opts && opts->title) {
		snprintf(title, sizeof(title), "%s", opts->title);
	} else {
		/* the base's own title, never a proposed one: proposals are not agreed */
		const char *t = accord_doc_meta(c->base, ACCORD_META_TITLE);
		const char *origin = accord_doc_origin(c->base);
		int revision = origin != NULL && strncmp(origin, "Rev.", 4) == 0;
		char name[256];
		const char *on = t == NULL || revision || accord_doc_meta(c->base, ACCORD_META_SYMBOL) != NULL
			? render_base_name(name, sizeof(name), c, 1) : NULL;
		snprintf(title, sizeof(title), "%s%s%s", t ? t : "Compilation", on ? " \xe2\x80\x94 " : "", on ? on : "");
	}
	switch (format) {
	case ACCORD_FORMAT_TEXT:
	case ACCORD_FORMAT_MARKDOWN:
	case ACCORD_FORMAT_HTML:
		return render_markup(out, c, b, format, title, opts ? opts->color : 0, err);
	case ACCORD_FORMAT_JSON:
	case ACCORD_FORMAT_YAML:
		return render_tree(out, c, b, format == ACCORD_FORMAT_YAML, err);
	case ACCORD_FORMAT_DOCX:
		return render_docx(out, c, b, title, err);
	default:
		return accord_error_set(err, ACCORD_EINVAL, "a compilation is written as text, md, html, json, yaml or docx");
	}
}
