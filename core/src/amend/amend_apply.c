/* amend_apply.c: applying amendments to a document, re-anchoring edits when the base moved. */
#include <string.h>

#include "accord/text.h"
#include "amend/amend_int.h"

/* An edit resolved to bytes of the base text. */
typedef struct resolved_edit {
	size_t start; /* byte offset */
	size_t len;   /* bytes replaced */
	const char *text;
} resolved_edit;

/* Byte offset where token i starts (len of the text for i == count). */
static size_t token_byte(const accord_token *tokens, size_t count, size_t i, size_t text_len)
{
	return i < count ? tokens[i].offset : text_len;
}

/* 1 when s[0..len) ends with suffix. */
static int ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return n <= len && memcmp(s + len - n, suffix, n) == 0;
}

/* Is byte offset pos a token boundary? (binary search on token starts) */
static int is_boundary(const accord_token *tokens, size_t count, size_t pos, size_t text_len)
{
	size_t lo = 0, hi = count;
	if (pos == text_len || pos == 0)
		return 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (tokens[mid].offset < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < count && tokens[lo].offset == pos;
}

/*
** Finds the occurrence of needle (pre + core + post) nearest to byte offset
** hint, returning the offset of core in *at. 0 when there is none.
*/
static int find_nearest(const char *hay, size_t hay_len, const char *pre, const char *core, const char *post,
	size_t hint, const accord_token *tokens, size_t count, size_t *at)
{
	size_t pre_len = strlen(pre), core_len = strlen(core), post_len = strlen(post);
	size_t need = pre_len + core_len + post_len, i, best = (size_t)-1, best_dist = (size_t)-1;
	if (need == 0 || need > hay_len)
		return 0;
	for (i = 0; i + need <= hay_len; i++) {
		size_t pos, dist;
		if (memcmp(hay + i, pre, pre_len) != 0 || memcmp(hay + i + pre_len, core, core_len) != 0 ||
		    memcmp(hay + i + pre_len + core_len, post, post_len) != 0)
			continue;
		pos = i + pre_len;
		if (!is_boundary(tokens, count, pos, hay_len) || !is_boundary(tokens, count, pos + core_len, hay_len))
			continue;
		dist = pos > hint ? pos - hint : hint - pos;
		if (dist < best_dist) {
			best_dist = dist;
			best = pos;
		}
	}
	if (best == (size_t)-1)
		return 0;
	*at = best;
	return 1;
}

/* Resolves one edit against the base text; re-anchors it when the base has moved. */
static int resolve_edit(resolved_edit *out, const char *base, size_t base_len, const accord_token *tokens,
	size_t count, const accord_edit *edit, accord_error *err)
{
	const char *quoted = edit->base_text ? edit->base_text : "";
	const char *before = edit->before ? edit->before : "";
	const char *after = edit->after ? edit->after : "";
	size_t quoted_len = strlen(quoted), at;

	if ((size_t)edit->base_start + edit->base_count <= count) {
		size_t start = token_byte(tokens, count, edit->base_start, base_len);
		size_t end = token_byte(tokens, count, (size_t)edit->base_start + edit->base_count, base_len);
		int quoted_ok = end - start == quoted_len && memcmp(base + start, quoted, quoted_len) == 0;
		int context_ok = ends_with(base, start, before) &&
			strlen(after) <= base_len - end && memcmp(base + end, after, strlen(after)) == 0;
		if (quoted_ok && (edit->base_count > 0 || context_ok)) {
			out->start = start;
			out->len = end - start;
			out->text = edit->text ? edit->text : "";
			return ACCORD_OK;
		}
	}
	/* The base moved: look for the quoted text with its context, then with less of it. */
	{
		size_t hint = edit->base_start < count ? tokens[edit->base_start].offset : base_len;
		if (find_nearest(base, base_len, before, quoted, after, hint, tokens, count, &at) ||
		    (quoted_len && find_nearest(base, base_len, before, quoted, "", hint, tokens, count, &at)) ||
		    (quoted_len && find_nearest(base, base_len, "", quoted, after, hint, tokens, count, &at)) ||
		    (quoted_len && find_nearest(base, base_len, "", quoted, "", hint, tokens, count, &at))) {
			out->start = at;
			out->len = quoted_len;
			out->text = edit->text ? edit->text : "";
			return ACCORD_OK;
		}
	}
	return accord_error_set(err, ACCORD_ECONFLICT, "the text \"%.80s\" is no longer in the paragraph",
		quoted_len ? quoted : before);
}

int accord_edits_apply_text(char **out, const char *base_text, const accord_edit *edits, size_t n_edits,
	accord_error *err)
{
	accord_token *tokens = NULL;
	resolved_edit *resolved = NULL;
	size_t count = 0, base_len = strlen(base_text), i, pos = 0;
	accord_buf buf = ACCORD_BUF_INIT;
	int rc;

	*out = NULL;
	if ((rc = accord_tokenize(&tokens, &count, base_text, base_len)) != ACCORD_OK)
		goto cleanup;
	if (n_edits) {
		resolved = accord_malloc(n_edits * sizeof(*resolved));
		if (resolved == NULL) {
			rc = ACCORD_ENOMEM;
			goto cleanup;
		}
	}
	for (i = 0; i < n_edits; i++) {
		if ((rc = resolve_edit(&resolved[i], base_text, base_len, tokens, count, &edits[i], err)) != ACCORD_OK)
			goto cleanup;
		if (i > 0 && (resolved[i].start < resolved[i - 1].start + resolved[i - 1].len ||
			      (resolved[i].start == resolved[i - 1].start && resolved[i - 1].len == 0 &&
				      resolved[i].len == 0))) {
			rc = accord_error_set(err, ACCORD_ECONFLICT, "edits overlap or are out of order");
			goto cleanup;
		}
	}
	if ((rc = accord_buf_grow(&buf, base_len)) != ACCORD_OK)
		goto cleanup;
	for (i = 0; i < n_edits; i++) {
		if ((rc = accord_buf_put(&buf, base_text + pos, resolved[i].start - pos)) != ACCORD_OK ||
		    (rc = accord_buf_puts(&buf, resolved[i].text)) != ACCORD_OK)
			goto cleanup;
		pos = resolved[i].start + resolved[i].len;
	}
	if ((rc = accord_buf_put(&buf, base_text + pos, base_len - pos)) != ACCORD_OK)
		goto cleanup;
	*out = accord_buf_detach(&buf);
	rc = *out ? ACCORD_OK : ACCORD_ENOMEM;
cleanup:
	if (rc == ACCORD_ENOMEM)
		accord_error_set(err, rc, "out of memory applying edits");
	accord_buf_dispose(&buf);
	accord_free(resolved);
	accord_free(tokens);
	return rc;
}

/* ---- the document ------------------------------------------------------------ */

static int not_found(accord_error *err, const accord_amendment *a, const char *what, const char *id)
{
	return accord_error_set(err, ACCORD_ENOTFOUND, "amendment %s: no %s %s in the text", a->id, what,
		id ? id : "(none)");
}

static int find_para(accord_para **out, accord_doc *doc, const accord_amendment *a, const char *id, accord_error *err)
{
	*out = NULL;
	if (id == NULL)
		return ACCORD_OK;
	*out = accord_doc_find_para(doc, id);
	return *out ? ACCORD_OK : not_found(err, a, "paragraph", id);
}

static int apply_text_edits(accord_doc *doc, accord_para *para, const accord_amendment *a, accord_error *err)
{
	char *text = NULL;
	int rc;
	(void)doc;
	if (a->label_changed && accord_para_set_label(para, a->label_to) != ACCORD_OK)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	if (a->n_edits == 0)
		return ACCORD_OK;
	rc = accord_edits_apply_text(&text, accord_para_text(para), a->edits, a->n_edits, err);
	if (rc != ACCORD_OK) {
		char detail[sizeof(err->message)];
		if (err != NULL) {
			memcpy(detail, err->message, sizeof(detail));
			accord_error_set(err, rc, "amendment %s on %s: %s", a->id, a->target, detail);
		}
		return rc;
	}
	rc = accord_para_set_text(para, text);
	accord_free(text);
	return rc == ACCORD_OK ? ACCORD_OK : accord_error_set(err, rc, "out of memory");
}

static int apply_meta(accord_doc *doc, const accord_amendment *a, accord_error *err)
{
	int field;
	if (a->field == NULL)
		return accord_error_set(err, ACCORD_ESCHEMA, "amendment %s: META without a field", a->id);
	if (strcmp(a->field, "notes") == 0) {
		const char *p = a->value_to;
		accord_doc_clear_notes(doc);
		while (p != NULL) {
			const char *nl = strchr(p, '\n');
			char *line = accord_strndup(p, nl ? (size_t)(nl - p) : strlen(p));
			int rc;
			if (line == NULL)
				return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			rc = accord_doc_add_note(doc, line);
			accord_free(line);
			if (rc != ACCORD_OK)
				return accord_error_set(err, rc, "out of memory");
			p = nl ? nl + 1 : NULL;
		}
		return ACCORD_OK;
	}
	if (strcmp(a->field, "mode") == 0) {
		int mode = accord_doc_mode_from_name(a->value_to);
		if (mode < 0)
			return accord_error_set(err, ACCORD_ESCHEMA, "amendment %s: unknown mode %s", a->id,
				a->value_to ? a->value_to : "(none)");
		accord_doc_set_mode(doc, (accord_doc_mode)mode);
		return ACCORD_OK;
	}
	field = accord_meta_field_from_name(a->field);
	if (field < 0)
		return accord_error_set(err, ACCORD_ESCHEMA, "amendment %s: unknown field %s", a->id, a->field);
	if (accord_doc_set_meta(doc, (accord_meta_field)field, a->value_to) != ACCORD_OK)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	return ACCORD_OK;
}

static int apply_footnote(accord_doc *doc, const accord_amendment *a, accord_error *err)
{
	accord_footnote *footnote;
	if (a->footnote == NULL)
		return accord_error_set(err, ACCORD_ESCHEMA, "amendment %s: FOOTNOTE without a number", a->id);
	footnote = accord_doc_find_footnote(doc, a->footnote);
	if (a->value_to == NULL) {
		if (footnote == NULL)
			return not_found(err, a, "footnote", a->footnote);
		return accord_doc_remove_footnote(doc, footnote);
	}
	if (footnote != NULL && a->value_from != NULL) {
		if (accord_footnote_set_text(footnote, a->value_to) != ACCORD_OK)
			return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		return ACCORD_OK;
	}
	if (footnote != NULL)
		return accord_error_set(err, ACCORD_ECONFLICT, "amendment %s: footnote %s already exists", a->id,
			a->footnote);
	if (accord_doc_add_footnote(NULL, doc, a->footnote, a->value_to) != ACCORD_OK)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	return ACCORD_OK;
}

static int apply_section_position(accord_doc *doc, const accord_amendment *a, accord_error *err)
{
	accord_section *after = NULL, *section;
	if (a->position.after != NULL && (after = accord_doc_find_section(doc, a->position.after)) == NULL)
		return not_found(err, a, "section", a->position.after);
	if (a->op == ACCORD_OP_ADD_SECTION) {
		int rc = accord_doc_insert_section(NULL, doc, after, a->id, a->heading, a->kind, a->addressee);
		if (rc == ACCORD_EINVAL)
			return accord_error_set(err, ACCORD_ECONFLICT, "amendment %s: section id already in use", a->id);
		return rc == ACCORD_OK ? ACCORD_OK : accord_error_set(err, rc, "out of memory");
	}
	if ((section = accord_doc_find_section(doc, a->target)) == NULL)
		return not_found(err, a, "section", a->target);
	if (section == after)
		return ACCORD_OK;
	return accord_doc_move_section(doc, section, after);
}

static int apply_para_position(accord_doc *doc, const accord_amendment *a, accord_error *err)
{
	accord_section *section;
	accord_para *parent, *after, *para;
	int rc;
	if ((section = accord_doc_find_section(doc, a->position.section)) == NULL)
		return not_found(err, a, "section", a->position.section);
	if ((rc = find_para(&parent, doc, a, a->position.parent, err)) != ACCORD_OK ||
	    (rc = find_para(&after, doc, a, a->position.after, err)) != ACCORD_OK)
		return rc;
	if ((parent != NULL && accord_para_section(parent) != section) ||
	    (after != NULL && (accord_para_parent(after) != parent || accord_para_section(after) != section)))
		return accord_error_set(err, ACCORD_ECONFLICT, "amendment %s: its position no longer exists", a->id);
	if (a->op == ACCORD_OP_ADD) {
		rc = accord_doc_insert_para(&para, doc, section, parent, after, a->id, a->label, a->text ? a->text : "");
		if (rc == ACCORD_EINVAL)
			return accord_error_set(err, ACCORD_ECONFLICT, "amendment %s: paragraph id already in use", a->id);
		return rc == ACCORD_OK ? ACCORD_OK : accord_error_set(err, rc, "out of memory");
	}
	if ((rc = find_para(&para, doc, a, a->target, err)) != ACCORD_OK)
		return rc;
	if (para == after)
		return ACCORD_OK;
	rc = accord_doc_move_para(doc, para, section, parent, after);
	if (rc == ACCORD_EINVAL)
		return accord_error_set(err, ACCORD_ECONFLICT, "amendment %s: cannot move %s there", a->id, a->target);
	return rc == ACCORD_OK ? ACCORD_OK : accord_error_set(err, rc, "out of memory");
}

/* The passes of apply, in order: each op is applied in the pass named for it. */
enum { PASS_DOC, PASS_SECTIONS, PASS_PARAS, PASS_TEXT, PASS_DELETE_PARAS, PASS_DELETE_SECTIONS, PASS_COUNT };

static int pass_of(accord_op op)
{
	switch (op) {
	case ACCORD_OP_META:
	case ACCORD_OP_FOOTNOTE:
	case ACCORD_OP_HEADING:
		return PASS_DOC;
	case ACCORD_OP_ADD_SECTION:
	case ACCORD_OP_MOVE_SECTION:
		return PASS_SECTIONS;
	case ACCORD_OP_ADD:
	case ACCORD_OP_MOVE:
		return PASS_PARAS;
	case ACCORD_OP_MOD:
		return PASS_TEXT;
	case ACCORD_OP_SUP:
		return PASS_DELETE_PARAS;
	case ACCORD_OP_SUP_SECTION:
		return PASS_DELETE_SECTIONS;
	}
	return PASS_COUNT;
}

static int apply_one(accord_doc *doc, const accord_amendment *a, int pass, accord_error *err)
{
	accord_para *para;
	accord_section *section;
	int rc;
	switch (a->op) {
	case ACCORD_OP_META:
		return apply_meta(doc, a, err);
	case ACCORD_OP_FOOTNOTE:
		return apply_footnote(doc, a, err);
	case ACCORD_OP_HEADING:
		if ((section = accord_doc_find_section(doc, a->target)) == NULL)
			return not_found(err, a, "section", a->target);
		if (accord_section_set_heading(section, a->heading, a->kind, a->addressee) != ACCORD_OK)
			return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		return ACCORD_OK;
	case ACCORD_OP_ADD_SECTION:
	case ACCORD_OP_MOVE_SECTION:
		return apply_section_position(doc, a, err);
	case ACCORD_OP_ADD:
		return apply_para_position(doc, a, err);
	case ACCORD_OP_MOVE:
		if (pass == PASS_PARAS)
			return apply_para_position(doc, a, err);
		/* PASS_TEXT: the edits a moved paragraph carries */
		/* fall through */
	case ACCORD_OP_MOD:
		if ((rc = find_para(&para, doc, a, a->target, err)) != ACCORD_OK)
			return rc;
		if (para == NULL)
			return not_found(err, a, "paragraph", a->target);
		return apply_text_edits(doc, para, a, err);
	case ACCORD_OP_SUP:
		if ((para = accord_doc_find_para(doc, a->target)) == NULL)
			return not_found(err, a, "paragraph", a->target);
		return accord_doc_remove_para(doc, para);
	case ACCORD_OP_SUP_SECTION:
		if ((section = accord_doc_find_section(doc, a->target)) == NULL)
			return not_found(err, a, "section", a->target);
		return accord_doc_remove_section(doc, section);
	}
	return accord_error_set(err, ACCORD_EINVAL, "amendment %s: unknown operation", a->id);
}

int accord_amendments_apply_filtered(accord_doc *doc, const accord_amendment_list *list,
	int (*keep)(const accord_amendment *a, void *data), void *data, accord_error *err)
{
	int pass, rc;
	size_t i;
	for (pass = 0; pass < PASS_COUNT; pass++) {
		for (i = 0; i < list->count; i++) {
			const accord_amendment *a = list->items[i];
			int in_pass = pass_of(a->op) == pass || (a->op == ACCORD_OP_MOVE && pass == PASS_TEXT);
			if (!in_pass || (keep != NULL && !keep(a, data)))
				continue;
			if ((rc = apply_one(doc, a, pass, err)) != ACCORD_OK)
				return rc;
		}
	}
	return ACCORD_OK;
}

int accord_amendments_apply(accord_doc *doc, const accord_amendment_list *list, accord_error *err)
{
	return accord_amendments_apply_filtered(doc, list, NULL, NULL, err);
}
