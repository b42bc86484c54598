/*
** render_docx.c: a compilation as a Word file. Each party's proposals are
** Word tracked changes under its name (the roster's, else its code) on
** the base (accord_doc_render_docx_parties with every party's accepted
** text), for the chair to accept or reject in a word processor: words
** several parties replace deleted once under all their names, each
** party's text inserted after them under its own, co-sponsored text
** inserted once under all its sponsors' names.
**
** Under an anonymous convention (CWG-Internet), where a tracked change's
** author would name the proposer, the compilation's text (render_markup.c,
** with the body's bracket convention and attributions, as `accord
** consolidate` prints it) is written instead, a line a Word paragraph:
** the first line in the Title style, the section headings in the heading
** styles (the phrases of a resolution in italics), labels and a tab with a
** hanging indent, nested paragraphs indented. Proposed text is underlined
** and text proposed for deletion struck through, in the proposer's colour
** (the colours of the text's --color view, whose marks are read here).
*/
#include <string.h>

#include "accord/docx.h"
#include "compile/render_int.h"
#include "format/docx_write_int.h"

/* The ANSI colours of render_proposals.c as Word colours: blue, red, green, magenta, yellow (dark), cyan (dark). */
static const char *word_color(unsigned ansi)
{
	switch (ansi) {
	case 31: return "C00000";
	case 32: return "00803C";
	case 33: return "9C6500";
	case 34: return "1F4E9F";
	case 35: return "7030A0";
	case 36: return "00808F";
	default: return NULL;
	}
}

/*
** Whether s[0..len) starts with an SGR mark "\033[P;Cm" or "\033[0m"; sets
** *look from it and *mark_len to its length.
*/
static int sgr_at(const char *s, size_t len, docx_write_look *look, size_t *mark_len)
{
	unsigned params[4] = {0, 0, 0, 0}, n = 0;
	size_t i = 2;
	if (len < 3 || s[0] != '\033' || s[1] != '[')
		return 0;
	while (i < len && n < 4) {
		if (s[i] >= '0' && s[i] <= '9') {
			params[n] = params[n] * 10 + (unsigned)(s[i] - '0');
			if (params[n] > 999)
				return 0;
		} else if (s[i] == ';') {
			n++;
		} else if (s[i] == 'm') {
			break;
		} else {
			return 0;
		}
		i++;
	}
	if (i >= len || s[i] != 'm')
		return 0;
	*mark_len = i + 1;
	memset(look, 0, sizeof(*look));
	if (params[0] == 4 || params[0] == 9) {
		look->underline = params[0] == 4;
		look->strike = params[0] == 9;
		look->color = word_color(params[1]);
	}
	return 1;
}

/* The text of one line, its colour marks made run properties; *look carries over from line to line. */
static void line_text(docx_writer *w, const char *s, size_t len, docx_write_look *look)
{
	size_t i = 0, from = 0, mark;
	docx_write_look next;
	while (i < len) {
		if (s[i] != '\033') {
			i++;
			continue;
		}
		docx_writer_text(w, s + from, i - from, look, 0);
		if (sgr_at(s + i, len - i, &next, &mark)) {
			*look = next;
			i += mark;
		} else {
			i++; /* a lone escape: XML cannot hold it */
		}
		from = i;
	}
	docx_writer_text(w, s + from, len - from, look, 0);
}

/* Writes one line of the compilation's text. after_blank: the line before it was blank (or there was none). */
static void one_line(docx_writer *w, const char *s, size_t len, int first, int after_blank, int opinion,
	docx_write_look *look)
{
	size_t depth = 0, tab;
	if (first) {
		docx_writer_para(w, DOCX_W_TITLE, 0, 0);
		line_text(w, s, len, look);
		return;
	}
	if (after_blank && opinion && len > 1 && s[0] == '\t' && s[1] != '\t') {
		docx_writer_para(w, DOCX_W_PHRASE, 0, 0); /* "\trecognizing": a section heading */
		line_text(w, s + 1, len - 1, look);
		return;
	}
	if (after_blank && !opinion && len > 2 && memcmp(s, "# ", 2) == 0) {
		docx_writer_para(w, DOCX_W_HEADING, 0, 0);
		line_text(w, s + 2, len - 2, look);
		return;
	}
	while (depth < len && s[depth] == '\t')
		depth++;
	for (tab = depth; tab < len && s[tab] != '\t'; tab++)
		;
	if (tab < len) { /* "a)\ttext": a label, with the text at the next stop */
		docx_writer_para(w, DOCX_W_NORMAL, (unsigned)depth + 1, 1);
		line_text(w, s + depth, len - depth, look);
	} else {
		docx_writer_para(w, DOCX_W_NORMAL, depth > 0 ? (unsigned)depth + 1 : 0, 0);
		line_text(w, s + depth, len - depth, look);
	}
}

/* The compilation's text, a line a paragraph, proposals underlined or struck in their colours. */
static int render_docx_text(accord_buf *out, const accord_compilation *c, const accord_brackets *b, const char *title,
	accord_error *err)
{
	accord_buf text = ACCORD_BUF_INIT;
	docx_writer w;
	docx_write_look look;
	const char *s, *end;
	int rc, first = 1, after_blank = 1, opinion = accord_doc_mode_of(c->base) == ACCORD_MODE_OPINION;

	memset(&look, 0, sizeof(look));
	docx_writer_init(&w);
	/* the text with its colour marks: they say what is proposed and what proposed for deletion, by whom */
	if ((rc = render_markup(&text, c, b, ACCORD_FORMAT_TEXT, title, 1, err)) != ACCORD_OK)
		goto cleanup;
	s = text.ptr != NULL ? text.ptr : "";
	end = s + text.size;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl != NULL ? (size_t)(nl - s) : (size_t)(end - s);
		if (len == 0) {
			after_blank = 1;
		} else {
			one_line(&w, s, len, first, after_blank, opinion, &look);
			first = after_blank = 0;
		}
		s += len + (nl != NULL);
	}
	rc = docx_writer_finish(&w, out, err);
cleanup:
	accord_buf_dispose(&text);
	docx_writer_dispose(&w);
	return rc;
}

/* Appends "ids (parties)" and the states a session records for the ids ("; agreed_ad_ref"). */
static int put_proposal(accord_buf *b, const accord_compilation *c, const char *what, const char *const *ids, size_t n_ids,
	const char *const *parties, size_t n_parties)
{
	size_t i;
	int rc = accord_buf_puts(b, what);
	for (i = 0; i < n_ids && rc == ACCORD_OK; i++)
		rc = accord_buf_printf(b, "%s%s", i > 0 ? ", " : " ", ids[i]);
	for (i = 0; i < n_parties && rc == ACCORD_OK; i++)
		rc = accord_buf_printf(b, "%s%s", i > 0 ? ", " : " (", parties[i]);
	if (rc == ACCORD_OK && n_parties > 0)
		rc = accord_buf_putc(b, ')');
	for (i = 0; i < n_ids && rc == ACCORD_OK; i++) {
		const char *state = accord_compilation_state(c, ids[i]);
		if (state != NULL)
			rc = accord_buf_printf(b, "; %s %s", ids[i], state);
	}
	return rc == ACCORD_OK ? accord_buf_putc(b, '\n') : rc;
}

/* Leaves out the lines of b that repeat an earlier one (an amendment with several spans says so once). */
static int unique_lines(accord_buf *b)
{
	accord_buf kept = ACCORD_BUF_INIT;
	const char *line = b->ptr != NULL ? b->ptr : "", *end = line + b->size;
	int rc = ACCORD_OK;
	while (line < end && rc == ACCORD_OK) {
		const char *nl = memchr(line, '\n', (size_t)(end - line)), *seen;
		size_t len = nl != NULL ? (size_t)(nl - line) : (size_t)(end - line);
		int repeat = 0;
		for (seen = b->ptr; seen < line && !repeat;) {
			const char *snl = memchr(seen, '\n', (size_t)(line - seen));
			size_t slen = snl != NULL ? (size_t)(snl - seen) : (size_t)(line - seen);
			repeat = slen == len && memcmp(seen, line, len) == 0;
			seen += slen + 1;
		}
		if (!repeat && kept.size > 0)
			rc = accord_buf_putc(&kept, '\n');
		if (!repeat && rc == ACCORD_OK)
			rc = accord_buf_put(&kept, line, len);
		line += len + 1;
	}
	if (rc == ACCORD_OK) {
		accord_buf_clear(b);
		rc = accord_buf_put(b, kept.ptr != NULL ? kept.ptr : "", kept.size);
	}
	accord_buf_dispose(&kept);
	return rc;
}

/* A line for each option of a cluster: "MOD ids (parties)", near-duplicates and editorial changes said. */
static int put_options(accord_buf *b, const accord_compilation *c, const accord_cmp_cluster *k)
{
	size_t j;
	int rc = ACCORD_OK;
	for (j = 0; j < k->n_options && rc == ACCORD_OK; j++) {
		const accord_cmp_option *o = &k->options[j];
		rc = put_proposal(b, c, "MOD", o->amendments, o->n_amendments, o->parties, o->n_parties);
		if (rc == ACCORD_OK && (o->near_duplicate_of > 0 || o->editorial)) {
			b->size--; /* before the line's end */
			if (o->near_duplicate_of > 0)
				rc = accord_buf_printf(b, "; near-duplicate of option %d", o->near_duplicate_of);
			if (rc == ACCORD_OK && o->editorial)
				rc = accord_buf_puts(b, "; editorial");
			if (rc == ACCORD_OK)
				rc = accord_buf_putc(b, '\n');
		}
	}
	return rc;
}

/* A line for a deletion, move or relabelling: "Move ids (parties): after e)". */
static int put_mark(accord_buf *b, const accord_compilation *c, const accord_cmp_mark *k)
{
	static const char *const what[] = {"Delete", "Move", "Relabel"};
	int rc = put_proposal(b, c, what[k->kind], k->amendments, k->n_amendments, k->parties, k->n_parties);
	if (rc == ACCORD_OK && k->text != NULL && k->text[0] != '\0') {
		b->size--;
		rc = accord_buf_printf(b, ": %s\n", k->text);
	}
	return rc;
}

/*
** Adds the lines of one (without repeats and the last line's end) as a
** note on paragraph (NULL: the document), its text at at[*n] in texts.
** Nothing when one is empty.
*/
static int note_add(accord_docx_note *notes, size_t *n, size_t *at, accord_buf *texts, accord_buf *one,
	const char *paragraph)
{
	int rc;
	if (one->size == 0)
		return ACCORD_OK;
	one->ptr[--one->size] = '\0';
	if ((rc = unique_lines(one)) != ACCORD_OK)
		return rc;
	at[*n] = texts->size;
	notes[*n].paragraph = paragraph;
	notes[*n].author = ACCORD_DOCX_NOTE_AUTHOR;
	(*n)++;
	return accord_buf_put(texts, one->ptr, one->size + 1); /* with its NUL */
}

/*
** The attribution of a paragraph's proposals, a line each, for its Word
** comment: "MOD USA/3 (USA)", "ADD USA/5 (USA)", "Delete USA/12 (USA)",
** "Move USA/12 (USA): after e)", with near-duplicates, editorial changes
** and the states a session records. Nothing for a paragraph without.
*/
static int para_attribution(accord_buf *b, const accord_compilation *c, const accord_cmp_para *p)
{
	size_t i;
	int rc = ACCORD_OK;
	accord_buf_clear(b);
	if (p->is_new)
		rc = put_proposal(b, c, "ADD", p->amendments, p->n_amendments, p->parties, p->n_parties);
	for (i = 0; i < p->n_clusters && rc == ACCORD_OK; i++)
		rc = put_options(b, c, &p->clusters[i]);
	for (i = 0; i < p->n_marks && rc == ACCORD_OK; i++)
		rc = put_mark(b, c, &p->marks[i]);
	return rc;
}

/* The comments on the compilation's paragraphs: who proposes what, by amendment id. */
static int attributions(accord_docx_note **out, size_t *n, accord_buf *texts, const accord_compilation *c)
{
	accord_buf one = ACCORD_BUF_INIT;
	size_t s, i, cap = 0, *at = NULL;
	int rc = ACCORD_OK;
	*out = NULL;
	*n = 0;
	for (s = 0; s < accord_compilation_section_count(c); s++)
		cap += accord_compilation_section(c, s)->n_paras + 1; /* and its heading */
	cap += accord_compilation_field_count(c);
	if (cap == 0)
		return ACCORD_OK;
	if ((*out = accord_calloc(cap, sizeof(**out))) == NULL || (at = accord_calloc(cap, sizeof(*at))) == NULL)
		rc = ACCORD_ENOMEM;
	for (s = 0; s < accord_compilation_section_count(c) && rc == ACCORD_OK; s++) {
		const accord_cmp_section *sec = accord_compilation_section(c, s);
		for (i = 0; i < sec->n_paras && rc == ACCORD_OK; i++)
			if ((rc = para_attribution(&one, c, &sec->paras[i])) == ACCORD_OK)
				rc = note_add(*out, n, at, texts, &one, sec->paras[i].id);
	}
	for (s = 0; s < accord_compilation_section_count(c) && rc == ACCORD_OK; s++) {
		/* a section's heading: its changes, deletion, move, or the new section */
		const accord_cmp_section *sec = accord_compilation_section(c, s);
		accord_buf_clear(&one);
		if (sec->is_new)
			rc = put_proposal(&one, c, "ADD", sec->amendments, sec->n_amendments, sec->parties, sec->n_parties);
		for (i = 0; i < sec->n_heading_clusters && rc == ACCORD_OK; i++)
			rc = put_options(&one, c, &sec->heading_clusters[i]);
		for (i = 0; i < sec->n_marks && rc == ACCORD_OK; i++)
			rc = put_mark(&one, c, &sec->marks[i]);
		rc = rc == ACCORD_OK ? note_add(*out, n, at, texts, &one, sec->id) : rc;
	}
	for (s = 0; s < accord_compilation_field_count(c) && rc == ACCORD_OK; s++) {
		/* the title, notes, footnotes ...: on the document as a whole, named */
		const accord_cmp_field *f = accord_compilation_field(c, s);
		accord_buf_clear(&one);
		for (i = 0; i < f->n_clusters && rc == ACCORD_OK; i++)
			rc = put_options(&one, c, &f->clusters[i]);
		if (rc == ACCORD_OK && one.size > 0)
			rc = accord_buf_printf(&one, "(%s)\n", f->name);
		rc = rc == ACCORD_OK ? note_add(*out, n, at, texts, &one, NULL) : rc;
	}
	/* the texts are in place now: the buffer grows no more */
	for (i = 0; i < *n && rc == ACCORD_OK; i++)
		(*out)[i].text = texts->ptr + at[i];
	accord_buf_dispose(&one);
	accord_free(at);
	return rc;
}

/* Every party's accepted text, as its tracked changes on the base under its name, with the attributions. */
static int render_docx_tracked(accord_buf *out, const accord_compilation *c, accord_error *err)
{
	size_t i, n = accord_compilation_party_count(c), n_notes = 0;
	accord_docx_note *notes = NULL;
	accord_buf texts = ACCORD_BUF_INIT;
	accord_doc **docs = NULL;
	const char **names = NULL;
	int rc = ACCORD_ENOMEM;

	if ((n > 0 && ((docs = accord_calloc(n, sizeof(*docs))) == NULL || (names = accord_calloc(n, sizeof(*names))) == NULL)) ||
	    attributions(&notes, &n_notes, &texts, c) != ACCORD_OK) {
		accord_error_set(err, rc, "out of memory");
		goto cleanup;
	}
	rc = ACCORD_OK;
	for (i = 0; i < n && rc == ACCORD_OK; i++) {
		names[i] = accord_compilation_party_name(c, i);
		rc = accord_compilation_accept(&docs[i], c, accord_compilation_party(c, i), err);
	}
	if (rc == ACCORD_OK)
		rc = accord_doc_render_docx_parties(out, accord_compilation_base(c), (const accord_doc *const *)docs, names, n,
			notes, n_notes, err);
cleanup:
	for (i = 0; docs != NULL && i < n; i++)
		accord_doc_free(docs[i]);
	accord_free(docs);
	accord_free(names);
	accord_free(notes);
	accord_buf_dispose(&texts);
	return rc;
}

int render_docx(accord_buf *out, const accord_compilation *c, const accord_brackets *b, const char *title,
	accord_error *err)
{
	if (b->anonymous)
		return render_docx_text(out, c, b, title, err);
	return render_docx_tracked(out, c, err);
}
