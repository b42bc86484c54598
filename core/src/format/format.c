/*
** format.c: format names, and dispatching parse and render calls to the
** parser or renderer of each format.
*/
#define _DEFAULT_SOURCE /* MAP_POPULATE */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accord/docx.h"
#include "accord/format.h"
#include "format/parse_int.h"

static const struct {
	const char *name;
	accord_format format;
} format_names[] = {
	{"auto", ACCORD_FORMAT_AUTO},
	{"text", ACCORD_FORMAT_TEXT},
	{"txt", ACCORD_FORMAT_TEXT},
	{"md", ACCORD_FORMAT_MARKDOWN},
	{"markdown", ACCORD_FORMAT_MARKDOWN},
	{"yaml", ACCORD_FORMAT_YAML},
	{"yml", ACCORD_FORMAT_YAML},
	{"json", ACCORD_FORMAT_JSON},
	{"html", ACCORD_FORMAT_HTML},
	{"docx", ACCORD_FORMAT_DOCX},
};

int accord_format_from_name(const char *name)
{
	size_t i;
	if (name == NULL)
		return -1;
	for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (strcmp(format_names[i].name, name) == 0)
			return (int)format_names[i].format;
	return -1;
}

const char *accord_format_name(accord_format format)
{
	switch (format) {
	case ACCORD_FORMAT_AUTO: return "auto";
	case ACCORD_FORMAT_TEXT: return "text";
	case ACCORD_FORMAT_MARKDOWN: return "md";
	case ACCORD_FORMAT_YAML: return "yaml";
	case ACCORD_FORMAT_JSON: return "json";
	case ACCORD_FORMAT_HTML: return "html";
	case ACCORD_FORMAT_DOCX: return "docx";
	}
	return "unknown";
}

/* Whether name ends with suffix, ignoring ASCII case. */
static int ends_with(const char *name, const char *suffix)
{
	size_t n, s, i;
	if (name == NULL)
		return 0;
	n = strlen(name);
	s = strlen(suffix);
	if (n < s)
		return 0;
	for (i = 0; i < s; i++) {
		char c = name[n - s + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suffix[i])
			return 0;
	}
	return 1;
}

/* Where the content starts: past a byte order mark and blank lines. */
static size_t content_start(const char *data, size_t len)
{
	size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	return i;
}

/*
** A file named .md: Markdown (its front matter may start with "---"),
** unless it is an accord document itself: a JSON object, or YAML whose
** first key, after an optional "---", is "accord: document...".
*/
static accord_format markdown_or_schema(const char *data, size_t len)
{
	size_t i = content_start(data, len);
	if (i < len && data[i] == '{')
		return ACCORD_FORMAT_JSON;
	if (len - i >= 3 && memcmp(data + i, "---", 3) == 0) {
		i += 3;
		while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
			i++;
	}
	if (len - i >= 15 && memcmp(data + i, "accord: document", 15) == 0)
		return ACCORD_FORMAT_YAML;
	return ACCORD_FORMAT_MARKDOWN;
}

/*
** 1 when data, whose content starts with "---" at i, is front matter and a
** body (as pandoc, Jekyll, Hugo and IETF drafts in Markdown write it): a
** closing "---" or "..." line with text after it. A YAML document has
** nothing after its end marker.
*/
static int front_matter_body(const char *data, size_t len, size_t i)
{
	const char *p = memchr(data + i, '\n', len - i), *end = data + len;
	while (p != NULL && p + 1 < end) {
		const char *line = p + 1, *eol = memchr(line, '\n', (size_t)(end - line));
		size_t n = (size_t)((eol != NULL ? eol : end) - line);
		while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		if (n == 3 && (memcmp(line, "---", 3) == 0 || memcmp(line, "...", 3) == 0)) {
			size_t rest = eol != NULL ? (size_t)(eol + 1 - data) : len;
			return rest < len && content_start(data + rest, len - rest) < len - rest;
		}
		p = eol;
	}
	return 0;
}

/*
** The format of data: by the name when it says (".yaml", ".yml": YAML;
** ".json": JSON; ".md", ".markdown": Markdown, whose front matter may start
** with "---"), else by its content: a JSON object, Markdown when front
** matter between "---" lines comes before a body, a YAML document (it
** starts with "---" or its first line is "accord: document..."), else
** plain text.
*/
static accord_format detect_format(const char *data, size_t len, const char *name)
{
	size_t i;
	if (ends_with(name, ".yaml") || ends_with(name, ".yml"))
		return ACCORD_FORMAT_YAML;
	if (ends_with(name, ".json"))
		return ACCORD_FORMAT_JSON;
	if (ends_with(name, ".md") || ends_with(name, ".markdown"))
		return markdown_or_schema(data, len);
	i = content_start(data, len);
	if (i < len && data[i] == '{')
		return ACCORD_FORMAT_JSON;
	if (len - i >= 3 && memcmp(data + i, "---", 3) == 0)
		return front_matter_body(data, len, i) ? markdown_or_schema(data, len) : ACCORD_FORMAT_YAML;
	if (len - i >= 7 && memcmp(data + i, "accord:", 7) == 0) {
		size_t j = i + 7;
		while (j < len && (data[j] == ' ' || data[j] == '\t'))
			j++;
		if (len - j >= 8 && memcmp(data + j, "document", 8) == 0)
			return ACCORD_FORMAT_YAML;
	}
	return ACCORD_FORMAT_TEXT;
}

/*
** The paragraph limits on a document just read (accord_limits): its
** paragraph count and nesting. Checked once the reader is done, so that
** every reader is held to them in the same words; the input limit bounds
** the reader's own work.
*/
static int check_limits(const accord_doc *doc, const accord_limits *limits, const char *name, accord_error *err)
{
	const accord_para *p = NULL;
	size_t count = 0;
	while ((p = accord_doc_next_para(doc, p)) != NULL) {
		if (++count > limits->paragraphs) {
			accord_error_set(err, ACCORD_ELIMIT,
				"more than %zu paragraphs, the limit (ACCORD_MAX_PARAGRAPHS raises it)", limits->paragraphs);
			accord_error_at(err, name, accord_para_line(p), 0);
			return ACCORD_ELIMIT;
		}
		if (accord_para_depth(p) >= limits->depth) {
			accord_error_set(err, ACCORD_ELIMIT,
				"paragraphs nested more than %u deep, the limit (ACCORD_MAX_DEPTH raises it)", limits->depth);
			accord_error_at(err, name, accord_para_line(p), 0);
			return ACCORD_ELIMIT;
		}
	}
	return ACCORD_OK;
}

int accord_doc_parse(accord_doc **out, const char *data, size_t len, const accord_parse_options *opts,
	accord_error *err)
{
	accord_format format;
	accord_limits limits;
	accord_docx_kind kind;
	int rc, detected = 0;
	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_parse: NULL out");
	*out = NULL;
	if (data == NULL && len > 0)
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_parse: NULL data");
	if (opts != NULL && opts->version != ACCORD_PARSE_OPTIONS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "unknown parse options version %u", opts->version);
	accord_limits_get(&limits);
	if (len > limits.input_bytes) {
		accord_error_set(err, ACCORD_ELIMIT, "larger than the input limit of %zu bytes (ACCORD_MAX_INPUT raises it)",
			limits.input_bytes);
		accord_error_at(err, opts ? opts->name : NULL, 0, 0);
		return ACCORD_ELIMIT;
	}
	format = opts ? opts->format : ACCORD_FORMAT_AUTO;
	/* A Word file is known by its first bytes, whatever its name or the format asked for; but
	   where text was asked for and the first bytes can be text (a zip's header holds NUL
	   bytes), they are text that happens to start "PK". */
	kind = accord_docx_sniff(data, len);
	if (kind == ACCORD_DOCX_ZIP && (format == ACCORD_FORMAT_TEXT || format == ACCORD_FORMAT_MARKDOWN) &&
	    memchr(data, '\0', len < 30 ? len : 30) == NULL)
		kind = ACCORD_DOCX_NONE;
	if (kind != ACCORD_DOCX_NONE) {
		if (format != ACCORD_FORMAT_AUTO && format != ACCORD_FORMAT_TEXT && format != ACCORD_FORMAT_MARKDOWN &&
		    format != ACCORD_FORMAT_DOCX) {
			accord_error_set(err, ACCORD_EPARSE, "a Word file (.docx), not %s", accord_format_name(format));
			accord_error_at(err, opts && opts->name ? opts->name : "-", 0, 0);
			return ACCORD_EPARSE;
		}
		return accord_doc_parse_docx(out, data, len, opts, err);
	}
	if (format == ACCORD_FORMAT_DOCX) {
		accord_error_set(err, ACCORD_EPARSE, "not a Word .docx file (no zip signature)");
		accord_error_at(err, opts && opts->name ? opts->name : "-", 0, 0);
		return ACCORD_EPARSE;
	}
	if (format == ACCORD_FORMAT_AUTO) {
		format = detect_format(data ? data : "", len, opts ? opts->name : NULL);
		detected = 1;
	}
	switch (format) {
	case ACCORD_FORMAT_TEXT:
		rc = accord_doc_parse_text(out, data, len, opts, err);
		/* a text read as generic may be an opinion in Markdown's markup ("*recognizing*") on
		   standard input or in a file named .txt: read as one (docs/formats.md, "Markdown") */
		if (rc == ACCORD_OK && detected && accord_doc_mode_of(*out) == ACCORD_MODE_GENERIC &&
		    (opts == NULL || !opts->force_generic)) {
			accord_doc *opinion = NULL;
			rc = accord_parse_markdown_opinion(&opinion, data, len, opts, err);
			if (rc != ACCORD_OK || opinion != NULL) {
				accord_doc_free(*out);
				*out = opinion;
			}
		}
		break;
	case ACCORD_FORMAT_MARKDOWN: rc = accord_doc_parse_markdown(out, data, len, opts, err); break;
	case ACCORD_FORMAT_YAML: rc = accord_doc_parse_yaml(out, data, len, opts, err); break;
	case ACCORD_FORMAT_JSON: rc = accord_doc_parse_json(out, data, len, opts, err); break;
	default:
		return accord_error_set(err, ACCORD_EINVAL, "cannot parse the %s format", accord_format_name(format));
	}
	if (rc == ACCORD_OK && (rc = check_limits(*out, &limits, opts ? opts->name : NULL, err)) != ACCORD_OK) {
		accord_doc_free(*out);
		*out = NULL;
	}
	return rc;
}

/*
** A regular file of a size within the input limit, mapped read-only with its
** pages populated: its bytes are the page cache's, not a copy on the heap
** (which on a virtual machine costs a page fault a page, issue 16). Returns
** NULL for anything else (standard input, a pipe, an empty or too large
** file, any failure): the caller then reads it as before, and reports.
*/
static const char *map_file(const char *path, size_t *len)
{
	struct stat st;
	accord_limits limits;
	void *p = MAP_FAILED;
	int fd;
	if (strcmp(path, "-") == 0 || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	accord_limits_get(&limits);
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size <= limits.input_bytes) {
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		*len = (size_t)st.st_size;
	}
	close(fd);
	return p != MAP_FAILED ? p : NULL;
}

int accord_doc_parse_file(accord_doc **out, const char *path, const accord_parse_options *opts, accord_error *err)
{
	accord_buf data = ACCORD_BUF_INIT;
	accord_parse_options local = ACCORD_PARSE_OPTIONS_INIT;
	const char *mapped;
	size_t mapped_len = 0;
	int rc;
	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_parse_file: NULL out");
	*out = NULL;
	if (path == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_parse_file: NULL path");
	if (opts != NULL) {
		if (opts->version != ACCORD_PARSE_OPTIONS_VERSION)
			return accord_error_set(err, ACCORD_EINVAL, "unknown parse options version %u", opts->version);
		local = *opts;
	}
	if (local.name == NULL)
		local.name = path;
	if ((mapped = map_file(path, &mapped_len)) != NULL) {
		rc = accord_doc_parse(out, mapped, mapped_len, &local, err);
		munmap((void *)mapped, mapped_len);
		if (rc != ACCORD_OK)
			goto cleanup;
	} else {
		if ((rc = accord_read_file(&data, path, err)) != ACCORD_OK)
			goto cleanup;
		if ((rc = accord_doc_parse(out, data.ptr ? data.ptr : "", data.size, &local, err)) != ACCORD_OK)
			goto cleanup;
	}
	if ((rc = accord_doc_set_origin(*out, local.name)) != ACCORD_OK) {
		accord_doc_free(*out);
		*out = NULL;
		accord_error_set(err, rc, "out of memory");
	}
cleanup:
	accord_buf_dispose(&data);
	return rc;
}

int accord_doc_render(accord_buf *out, const accord_doc *doc, accord_format format, accord_error *err)
{
	int rc;
	if (out == NULL || doc == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_render: NULL argument");
	switch (format) {
	case ACCORD_FORMAT_TEXT: rc = accord_doc_render_text(out, doc); break;
	case ACCORD_FORMAT_MARKDOWN: rc = accord_doc_render_markdown(out, doc); break;
	case ACCORD_FORMAT_HTML: rc = accord_doc_render_html(out, doc); break;
	case ACCORD_FORMAT_YAML: return accord_doc_render_yaml(out, doc, err);
	case ACCORD_FORMAT_JSON: return accord_doc_render_json(out, doc, err);
	case ACCORD_FORMAT_DOCX: return accord_doc_render_docx(out, doc, err);
	default:
		return accord_error_set(err, ACCORD_EINVAL, "cannot render the %s format", accord_format_name(format));
	}
	if (rc != ACCORD_OK)
		accord_error_set(err, rc, "%s", accord_strerror(rc));
	return rc;
}
