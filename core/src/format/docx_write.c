/*
** docx_write.c: writing a .docx: the paragraphs as WordprocessingML, the
** package zipped in memory with libzip. A minimal package that Word,
** LibreOffice, pandoc and accord's own reader (docx.c) all read: content
** types, the package relationships, the document and its relationships,
** the styles (docDefaults, Normal, Title, heading 1 and an italic heading 2
** for the phrases of a resolution, the footnote styles) and the footnotes.
*/
#include <string.h>
#include "format/docx_lib_int.h"
#include "format/docx_write_int.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define R_NS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define INDENT_STEP 567u /* twips: 1 cm */

static const char *const style_ids[] = {"Normal", "Title", "Heading1", "Heading2"};

void docx_writer_init(docx_writer *w)
{
	memset(w, 0, sizeof(*w));
}

void docx_writer_dispose(docx_writer *w)
{
	accord_buf_dispose(&w->body);
	accord_buf_dispose(&w->notes);
	accord_buf_dispose(&w->comments);
	memset(w, 0, sizeof(*w));
}

static void put(docx_writer *w, accord_buf *b, const char *s)
{
	if (w->rc == ACCORD_OK)
		w->rc = accord_buf_puts(b, s);
}

void docx_writer_end_para(docx_writer *w)
{
	unsigned i;
	for (i = 0; i < w->n_open && w->rc == ACCORD_OK; i++)
		w->rc = accord_buf_printf(&w->body,
			"<w:commentRangeEnd w:id=\"%u\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr>"
			"<w:commentReference w:id=\"%u\"/></w:r>", w->open_from + i, w->open_from + i);
	w->n_open = 0;
	if (w->in_para)
		put(w, &w->body, "</w:p>\n");
	w->in_para = 0;
}

static void put_escaped(docx_writer *w, accord_buf *b, const char *s, size_t len);

/* w:ins or w:del's opening tag, with a fresh w:id and the author (no date: the same text, the same bytes). */
static void rev_open(docx_writer *w, docx_write_rev rev, const char *author, int empty)
{
	if (w->rc != ACCORD_OK)
		return;
	w->rc = accord_buf_printf(&w->body, "<w:%s w:id=\"%u\" w:author=\"", rev == DOCX_REV_INS ? "ins" : "del", ++w->n_revs);
	put_escaped(w, &w->body, author, strlen(author));
	put(w, &w->body, empty ? "\"/>" : "\">");
}

void docx_writer_para(docx_writer *w, docx_write_style style, unsigned level, int hanging)
{
	docx_writer_para_rev(w, style, level, hanging, DOCX_REV_NONE, NULL);
}

void docx_writer_para_rev(docx_writer *w, docx_write_style style, unsigned level, int hanging, docx_write_rev mark,
	const char *author)
{
	docx_writer_end_para(w);
	if (w->rc != ACCORD_OK)
		return;
	if (level > 20)
		level = 20; /* deeper than a page is wide */
	w->rc = accord_buf_printf(&w->body, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", style_ids[style]);
	if (w->rc == ACCORD_OK && level > 0 && hanging)
		w->rc = accord_buf_printf(&w->body, "<w:ind w:left=\"%u\" w:hanging=\"%u\"/>", level * INDENT_STEP, INDENT_STEP);
	else if (w->rc == ACCORD_OK && level > 0)
		w->rc = accord_buf_printf(&w->body, "<w:ind w:left=\"%u\"/>", level * INDENT_STEP);
	if (mark != DOCX_REV_NONE) {
		put(w, &w->body, "<w:rPr>");
		rev_open(w, mark, author, 1);
		put(w, &w->body, "</w:rPr>");
	}
	put(w, &w->body, "</w:pPr>");
	w->in_para = 1;
}

/* The length of the XML-safe character at s (1 to 4 bytes), or 0 when XML cannot hold it. */
static size_t xml_char(const unsigned char *s, size_t left)
{
	if (s[0] < 0x20)
		return 0; /* tabs and line breaks are handled by the caller */
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF && left >= 2)
		return 2;
	if (s[0] >= 0xE0 && s[0] <= 0xEF && left >= 3)
		return s[0] == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF) ? 0 : 3; /* U+FFFE, U+FFFF */
	if (s[0] >= 0xF0 && s[0] <= 0xF4 && left >= 4)
		return 4;
	return 0;
}

/* Appends s[0..len) escaped for XML text, leaving out what XML cannot hold. */
static void put_escaped(docx_writer *w, accord_buf *b, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && w->rc == ACCORD_OK) {
		size_t n = xml_char((const unsigned char *)s + i, len - i);
		if (n == 0) {
			i++;
			continue;
		}
		if (s[i] == '&')
			w->rc = accord_buf_puts(b, "&amp;");
		else if (s[i] == '<')
			w->rc = accord_buf_puts(b, "&lt;");
		else if (s[i] == '>')
			w->rc = accord_buf_puts(b, "&gt;");
		else if (s[i] == '"')
			w->rc = accord_buf_puts(b, "&quot;");
		else
			w->rc = accord_buf_put(b, s + i, n);
		i += n;
	}
}

/* One w:r of s[0..len) into b: tabs as w:tab, line breaks as w:br (or blanks). */
static void put_run(docx_writer *w, accord_buf *b, const char *s, size_t len, const docx_write_look *look, int breaks,
	int deleted)
{
	const char *t_open = deleted ? "<w:delText xml:space=\"preserve\">" : "<w:t xml:space=\"preserve\">";
	const char *t_close = deleted ? "</w:delText>" : "</w:t>";
	size_t i = 0, from = 0;
	int open = 0; /* a w:t is open */
	if (len == 0)
		return;
	put(w, b, "<w:r>");
	if (look != NULL && (look->underline || look->strike || look->color != NULL)) {
		put(w, b, "<w:rPr>");
		if (look->strike)
			put(w, b, "<w:strike/>");
		if (look->color != NULL && w->rc == ACCORD_OK)
			w->rc = accord_buf_printf(b, "<w:color w:val=\"%s\"/>", look->color);
		if (look->underline)
			put(w, b, "<w:u w:val=\"single\"/>");
		put(w, b, "</w:rPr>");
	}
	for (i = 0; i <= len && w->rc == ACCORD_OK; i++) {
		int special = i < len && (s[i] == '\t' || s[i] == '\n');
		if (i < len && !special)
			continue;
		if (i > from) {
			if (!open)
				put(w, b, t_open);
			open = 1;
			put_escaped(w, b, s + from, i - from);
		}
		if (special && s[i] == '\n' && !breaks) {
			if (!open)
				put(w, b, t_open);
			open = 1;
			put(w, b, " ");
		} else if (special) {
			if (open)
				put(w, b, t_close);
			open = 0;
			put(w, b, s[i] == '\t' ? "<w:tab/>" : "<w:br/>");
		}
		from = i + 1;
	}
	if (open)
		put(w, b, t_close);
	put(w, b, "</w:r>");
}

void docx_writer_text(docx_writer *w, const char *s, size_t len, const docx_write_look *look, int breaks)
{
	if (!w->in_para)
		docx_writer_para(w, DOCX_W_NORMAL, 0, 0);
	put_run(w, &w->body, s, len, look, breaks, 0);
}

void docx_writer_text_rev(docx_writer *w, const char *s, size_t len, docx_write_rev rev, const char *author,
	int breaks)
{
	if (!w->in_para)
		docx_writer_para(w, DOCX_W_NORMAL, 0, 0);
	if (rev == DOCX_REV_NONE || len == 0) {
		put_run(w, &w->body, s, len, NULL, breaks, 0);
		return;
	}
	rev_open(w, rev, author, 0);
	put_run(w, &w->body, s, len, NULL, breaks, rev == DOCX_REV_DEL);
	put(w, &w->body, rev == DOCX_REV_INS ? "</w:ins>" : "</w:del>");
}

static void put_run(docx_writer *w, accord_buf *b, const char *s, size_t len, const docx_write_look *look, int breaks,
	int deleted);

/* Each line of text a paragraph of style into b (the reader joins them with "\n" again); first opens the first. */
static void put_lines(docx_writer *w, accord_buf *b, const char *text, const char *style, const char *first)
{
	const char *line = text;
	for (;;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl != NULL ? (size_t)(nl - line) : strlen(line);
		put(w, b, "<w:p><w:pPr><w:pStyle w:val=\"");
		put(w, b, style);
		put(w, b, "\"/></w:pPr>");
		if (first != NULL && line == text)
			put(w, b, first);
		put_run(w, b, line, len, NULL, 0, 0);
		put(w, b, "</w:p>");
		if (nl == NULL)
			break;
		line = nl + 1;
	}
}

void docx_writer_comment(docx_writer *w, const char *author, const char *text)
{
	unsigned id;
	if (!w->in_para)
		docx_writer_para(w, DOCX_W_NORMAL, 0, 0);
	if (w->rc != ACCORD_OK)
		return;
	id = w->n_comments++;
	if (w->n_open == 0)
		w->open_from = id;
	w->n_open++;
	w->rc = accord_buf_printf(&w->body, "<w:commentRangeStart w:id=\"%u\"/>", id);
	if (w->rc == ACCORD_OK)
		w->rc = accord_buf_printf(&w->comments, "<w:comment w:id=\"%u\" w:author=\"", id);
	put_escaped(w, &w->comments, author, strlen(author));
	put(w, &w->comments, "\">");
	put_lines(w, &w->comments, text, "CommentText", NULL);
	put(w, &w->comments, "</w:comment>\n");
}

void docx_writer_footnote(docx_writer *w, const char *text)
{
	unsigned id;
	if (!w->in_para)
		docx_writer_para(w, DOCX_W_NORMAL, 0, 0);
	if (w->rc != ACCORD_OK)
		return;
	id = ++w->n_notes;
	w->rc = accord_buf_printf(&w->body,
		"<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"%u\"/></w:r>", id);
	if (w->rc == ACCORD_OK)
		w->rc = accord_buf_printf(&w->notes, "<w:footnote w:id=\"%u\">", id);
	put_lines(w, &w->notes, text, "FootnoteText",
		"<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>"
		"<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>");
	put(w, &w->notes, "</w:footnote>\n");
}

/* ---- the package ---------------------------------------------------------------------------- */

static const char content_types[] =
	XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"%s%s</Types>\n";

static const char comments_type[] =
	"<Override PartName=\"/word/comments.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>";

static const char comments_rel[] =
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" "
	"Target=\"comments.xml\"/>";

static const char footnotes_type[] =
	"<Override PartName=\"/word/footnotes.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>";

static const char package_rels[] =
	XML_DECL
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" "
	"Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
	"Target=\"word/document.xml\"/>"
	"</Relationships>\n";

static const char document_rels[] =
	XML_DECL
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
	"Target=\"styles.xml\"/>"
	"%s%s</Relationships>\n";

static const char footnotes_rel[] =
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" "
	"Target=\"footnotes.xml\"/>";

static const char styles[] =
	XML_DECL
	"<w:styles " W_NS ">\n"
	"<w:docDefaults><w:rPrDefault><w:rPr>"
	"<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" "
	"w:cs=\"Times New Roman\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"en-GB\"/>"
	"</w:rPr></w:rPrDefault>"
	"<w:pPrDefault><w:pPr><w:spacing w:before=\"120\" w:after=\"0\"/></w:pPr></w:pPrDefault></w:docDefaults>\n"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
	"<w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"567\"/></w:tabs><w:jc w:val=\"both\"/></w:pPr></w:style>\n"
	"<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"240\"/>"
	"<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:caps/><w:sz w:val=\"28\"/></w:rPr>"
	"</w:style>\n"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/>"
	"<w:jc w:val=\"left\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"26\"/></w:rPr></w:style>\n"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"0\"/>"
	"<w:ind w:left=\"567\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>\n"
	"<w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\"><w:name w:val=\"footnote text\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"60\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/></w:rPr>"
	"</w:style>\n"
	"<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
	"<w:name w:val=\"Default Paragraph Font\"/></w:style>\n"
	"<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/>"
	"<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>\n"
	"<w:style w:type=\"paragraph\" w:styleId=\"CommentText\"><w:name w:val=\"annotation text\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/></w:rPr></w:style>\n"
	"<w:style w:type=\"character\" w:styleId=\"CommentReference\"><w:name w:val=\"annotation reference\"/>"
	"<w:rPr><w:sz w:val=\"16\"/></w:rPr></w:style>\n"
	"</w:styles>\n";

static const char footnotes_head[] =
	XML_DECL
	"<w:footnotes " W_NS ">\n"
	"<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\n"
	"<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p>"
	"</w:footnote>\n";

/* Adds one entry (data must live until zip_close), with a fixed date: 1980-01-01 00:00. */
static int add_entry(zip_t *za, const char *name, const accord_buf *data)
{
	zip_source_t *s = zip_source_buffer(za, data->ptr != NULL ? data->ptr : "", data->size, 0);
	zip_int64_t idx;
	if (s == NULL)
		return -1;
	if ((idx = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(s);
		return -1;
	}
	if (zip_file_set_dostime(za, (zip_uint64_t)idx, 0, 0x21, 0) != 0)
		return -1;
	return 0;
}

/* Copies what src holds (a closed archive's bytes) to out. */
static int read_source(accord_buf *out, zip_source_t *src)
{
	zip_int64_t size, got;
	int rc = ACCORD_EIO;
	if (zip_source_open(src) != 0)
		return ACCORD_EIO;
	if (zip_source_seek(src, 0, SEEK_END) != 0 || (size = zip_source_tell(src)) < 0 ||
	    zip_source_seek(src, 0, SEEK_SET) != 0)
		goto cleanup;
	if (accord_buf_grow(out, out->size + (size_t)size + 1) != ACCORD_OK) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	if ((got = zip_source_read(src, out->ptr + out->size, (zip_uint64_t)size)) != size)
		goto cleanup;
	out->size += (size_t)size;
	out->ptr[out->size] = '\0';
	rc = ACCORD_OK;
cleanup:
	zip_source_close(src);
	return rc;
}

int docx_writer_finish(docx_writer *w, accord_buf *out, accord_error *err)
{
	enum { TYPES, RELS, DOC, DOC_RELS, STYLES, NOTES, COMMENTS, N_PARTS };
	static const char *const names[N_PARTS] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
		"word/_rels/document.xml.rels", "word/styles.xml", "word/footnotes.xml", "word/comments.xml"};
	accord_buf parts[N_PARTS];
	zip_error_t zerr;
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	int notes = w->n_notes > 0, comments = w->n_comments > 0, rc, i;

	memset(parts, 0, sizeof(parts));
	docx_writer_end_para(w);
	if ((rc = docx_lib_load(err)) != ACCORD_OK)
		return rc;
	if ((rc = w->rc) != ACCORD_OK)
		goto cleanup;
	rc = accord_buf_printf(&parts[TYPES], content_types, notes ? footnotes_type : "", comments ? comments_type : "");
	if (rc == ACCORD_OK)
		rc = accord_buf_puts(&parts[RELS], package_rels);
	if (rc == ACCORD_OK)
		rc = accord_buf_puts(&parts[DOC], XML_DECL "<w:document " W_NS " " R_NS ">\n<w:body>\n");
	if (rc == ACCORD_OK)
		rc = accord_buf_put(&parts[DOC], w->body.ptr != NULL ? w->body.ptr : "", w->body.size);
	if (rc == ACCORD_OK)
		rc = accord_buf_puts(&parts[DOC], "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
						  "<w:pgMar w:top=\"1418\" w:right=\"1134\" w:bottom=\"1418\" w:left=\"1134\" "
						  "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>\n</w:body>\n</w:document>\n");
	if (rc == ACCORD_OK)
		rc = accord_buf_printf(&parts[DOC_RELS], document_rels, notes ? footnotes_rel : "", comments ? comments_rel : "");
	if (rc == ACCORD_OK)
		rc = accord_buf_puts(&parts[STYLES], styles);
	if (rc == ACCORD_OK && notes) {
		rc = accord_buf_puts(&parts[NOTES], footnotes_head);
		if (rc == ACCORD_OK)
			rc = accord_buf_put(&parts[NOTES], w->notes.ptr, w->notes.size);
		if (rc == ACCORD_OK)
			rc = accord_buf_puts(&parts[NOTES], "</w:footnotes>\n");
	}
	if (rc == ACCORD_OK && comments) {
		rc = accord_buf_puts(&parts[COMMENTS], XML_DECL "<w:comments " W_NS ">\n");
		if (rc == ACCORD_OK)
			rc = accord_buf_put(&parts[COMMENTS], w->comments.ptr, w->comments.size);
		if (rc == ACCORD_OK)
			rc = accord_buf_puts(&parts[COMMENTS], "</w:comments>\n");
	}
	if (rc != ACCORD_OK)
		goto cleanup;

	zip_error_init(&zerr);
	src = zip_source_buffer_create(NULL, 0, 0, &zerr);
	if (src != NULL) {
		zip_source_keep(src); /* it outlives the archive: the bytes are read from it after zip_close */
		za = zip_open_from_source(src, ZIP_TRUNCATE, &zerr);
	}
	zip_error_fini(&zerr);
	if (za == NULL) {
		rc = ACCORD_EIO;
		goto cleanup;
	}
	for (i = 0; i < N_PARTS; i++)
		if ((i != NOTES || notes) && (i != COMMENTS || comments) && add_entry(za, names[i], &parts[i]) != 0) {
			rc = ACCORD_EIO;
			goto cleanup;
		}
	if (zip_close(za) != 0) {
		rc = ACCORD_EIO;
		goto cleanup;
	}
	za = NULL;
	rc = read_source(out, src);
cleanup:
	if (za != NULL)
		zip_discard(za);
	if (src != NULL)
		zip_source_free(src);
	for (i = 0; i < N_PARTS; i++)
		accord_buf_dispose(&parts[i]);
	if (rc == ACCORD_ENOMEM)
		return accord_error_set(err, rc, "out of memory");
	if (rc != ACCORD_OK)
		return accord_error_set(err, rc, "cannot write the .docx package (libzip failed)");
	return ACCORD_OK;
}
