/* cmd_parse.c: accord parse FILE: read a document and print it in one format. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accord/docx.h"
#include "accord/bracketed.h"
#include "accord/format.h"
#include "cli.h"
#include "cli_brackets.h"

const char cmd_parse_usage[] =
	"Usage: accord parse [OPTIONS] FILE\n"
	"\n"
	"Reads a document (FILE may be '-' for standard input) and prints it. A Word\n"
	"file (.docx, known by its content) is read with its tracked changes accepted;\n"
	"as JSON it carries its comments too (docs/formats.md, \"Word\").\n"
	"\n"
	"Options:\n"
	"  -f, --format FORMAT        outline (default): the structure for people to read:\n"
	"                               metadata, sections with heading, kind and addressee,\n"
	"                               paragraphs with id, label and the start of the text,\n"
	"                               footnotes and warnings;\n"
	"                             text: the canonical text form (parses back to the same\n"
	"                               document);\n"
	"                             yaml, json: the document model (docs/formats.md);\n"
	"                             md: Markdown; html: a standalone HTML page;\n"
	"                             docx: a Word file (binary: with -o, or redirected;\n"
	"                               read back, it gives the same document)\n"
	"  -i, --input-format FORMAT  auto (default: YAML or JSON by content, else text),\n"
	"                             text, md, yaml, json or docx (a Word file, also known\n"
	"                             by its content whatever the name)\n"
	"  -g, --generic              read text as a plain sequence of paragraphs, without\n"
	"                             looking for the opinion layout (headings, labels)\n"
	"  -w, --width COLUMNS        outline: cut paragraph text to fit COLUMNS (default 80;\n"
	"                             0: never cut)\n"
	"  -b, --brackets             read the square brackets of a negotiating text\n"
	"                             (accord brackets): unbalanced ones are an error\n"
	"                             (exit 3, FILE:LINE:COL of the culprit); yaml and json\n"
	"                             carry a \"brackets\" list on each paragraph and\n"
	"                             heading that has some; text stays byte for byte\n"
	"      --lenient              with --brackets: unbalanced brackets are warnings\n"
	"      --workflow W           with --brackets: read them as rule pack W writes them\n"
	"  -o, --output OUT           write to OUT (atomically) instead of standard output\n"
	"      --original             .docx: read the text with its tracked changes\n"
	"                             rejected (the text it was marked up on)\n"
	"      --changes              .docx: list its tracked changes (kind, author, date,\n"
	"                             paragraph, text) and comments instead of the document\n"
	"  -h, --help                 print this help\n"
	"\n"
	"Words dropped from the input (Word artefacts such as bookmarks) are reported on\n"
	"standard error as \"accord: FILE:LINE:COL: warning: ...\". A text with bracket\n"
	"groups read without --brackets gets a one-line note on standard error when that\n"
	"is a terminal.\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 bad input (empty, binary, invalid UTF-8,\n"
	"malformed or wrongly shaped YAML/JSON), 5 the file cannot be read or written.\n";

/* The value of --format: a document format, or the outline. */
#define FORMAT_OUTLINE (-100)

static int output_format_from_name(const char *name)
{
	if (strcmp(name, "outline") == 0)
		return FORMAT_OUTLINE;
	return accord_format_from_name(name);
}

/* Writes s with tabs and line breaks as \t and \n (one change a line). */
static int put_escaped(accord_buf *out, const char *s)
{
	int rc = ACCORD_OK;
	for (; *s != '\0' && rc == ACCORD_OK; s++)
		rc = *s == '\n' ? accord_buf_puts(out, "\\n") : *s == '\t' ? accord_buf_puts(out, "\\t") : accord_buf_putc(out, *s);
	return rc;
}

/* --changes: "KIND<TAB>AUTHOR<TAB>DATE<TAB>PARA[->TO]<TAB>TEXT", then "comment<TAB>AUTHOR<TAB>DATE<TAB>PARA<TAB>PARTY: TEXT". */
static int render_changes(accord_buf *out, const accord_docx *docx)
{
	size_t i;
	int rc = ACCORD_OK;
	for (i = 0; i < accord_docx_change_count(docx) && rc == ACCORD_OK; i++) {
		const accord_docx_change *c = accord_docx_change_get(docx, i);
		rc = accord_buf_printf(out, "%s\t%s\t%s\t%zu", accord_docx_change_kind_name(c->kind), c->author, c->date,
			c->para + 1);
		if (rc == ACCORD_OK && c->to_para != c->para)
			rc = accord_buf_printf(out, "->%zu", c->to_para + 1);
		if (rc == ACCORD_OK)
			rc = accord_buf_putc(out, '\t');
		if (rc == ACCORD_OK)
			rc = put_escaped(out, c->text);
		if (rc == ACCORD_OK)
			rc = accord_buf_putc(out, '\n');
	}
	for (i = 0; i < accord_docx_comment_count(docx) && rc == ACCORD_OK; i++) {
		const accord_docx_comment *c = accord_docx_comment_get(docx, i);
		rc = accord_buf_printf(out, "comment\t%s\t%s\t%zu\t%s%s", c->author, c->date, c->para + 1,
			c->party != NULL ? c->party : "", c->party != NULL ? " | " : "");
		if (rc == ACCORD_OK)
			rc = put_escaped(out, c->text);
		if (rc == ACCORD_OK)
			rc = accord_buf_puts(out, " | quoted: ");
		if (rc == ACCORD_OK)
			rc = put_escaped(out, c->quoted);
		if (rc == ACCORD_OK)
			rc = accord_buf_putc(out, '\n');
	}
	return rc;
}

int cmd_parse(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"format", required_argument, NULL, 'f'},
		{"input-format", required_argument, NULL, 'i'},
		{"generic", no_argument, NULL, 'g'},
		{"width", required_argument, NULL, 'w'},
		{"output", required_argument, NULL, 'o'},
		{"brackets", no_argument, NULL, 'b'},
		{"lenient", no_argument, NULL, 'L'},
		{"workflow", required_argument, NULL, 'W'},
		{"help", no_argument, NULL, 'h'},
		{"original", no_argument, NULL, 'O'},
		{"changes", no_argument, NULL, 'C'},
		{NULL, 0, NULL, 0}};
	accord_parse_options options = ACCORD_PARSE_OPTIONS_INIT;
	accord_error err;
	accord_buf out = ACCORD_BUF_INIT;
	accord_doc *doc = NULL;
	accord_docx *docx = NULL;
	accord_buf data = ACCORD_BUF_INIT;
	const char *output = NULL, *workflow = NULL;
	int original = 0, changes = 0;
	const char *path;
	cli_bracketed cb;
	int brackets = 0, lenient = 0;
	int format = FORMAT_OUTLINE;
	unsigned long width = 80;
	int opt, rc;

	accord_error_clear(&err);
	memset(&cb, 0, sizeof(cb));
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":f:i:gw:o:bh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'f':
			format = output_format_from_name(optarg);
			if (format < 0 && format != FORMAT_OUTLINE)
				return cli_usage_error("parse", "unknown output format '%s'", optarg);
			break;
		case 'i':
			if (strcmp(optarg, "auto") == 0) {
				options.format = ACCORD_FORMAT_AUTO;
				break;
			}
			rc = accord_format_from_name(optarg);
			if (rc < 0 || rc == ACCORD_FORMAT_HTML)
				return cli_usage_error("parse", "unknown input format '%s'", optarg);
			options.format = (accord_format)rc;
			break;
		case 'g':
			options.force_generic = 1;
			break;
		case 'w': {
			char *end;
			width = strtoul(optarg, &end, 10);
			if (end == optarg || *end != '\0' || optarg[0] == '-' || width > 100000)
				return cli_usage_error("parse", "bad width '%s'", optarg);
			break;
		}
		case 'o':
			output = optarg;
			break;
		case 'b':
			brackets = 1;
			break;
		case 'L':
			lenient = 1;
			break;
		case 'W':
			workflow = optarg;
			break;
		case 'h':
			return cli_help("parse");
		case 'O':
			original = 1;
			break;
		case 'C':
			changes = 1;
			break;
		default:
			return cli_bad_option("parse", opt, argv);
		}
	}
	if (optind >= argc)
		return cli_usage_error("parse", "no input file");
	if (argc - optind > 1)
		return cli_usage_error("parse", "one input file only (got '%s' too)", argv[optind + 1]);
	path = argv[optind];
	cli_heap_for_inputs(argv + optind, 1);
	options.name = path;
	if ((lenient || workflow != NULL) && !brackets)
		return cli_usage_error("parse", "--lenient and --workflow go with --brackets");
	if (!changes && (rc = cli_check_binary_output("parse", format, output)) != EXIT_OK)
		return rc;

	/* A Word file is read here rather than by accord_doc_parse_file: its comments and changes are wanted too. */
	if ((rc = accord_read_file(&data, path, &err)) == ACCORD_OK) {
		if (accord_docx_sniff(data.ptr, data.size) != ACCORD_DOCX_NONE && (options.format == ACCORD_FORMAT_YAML ||
		    options.format == ACCORD_FORMAT_JSON)) {
			rc = accord_doc_parse(&doc, data.ptr, data.size, &options, &err); /* says it is a Word file */
		} else if (accord_docx_sniff(data.ptr, data.size) != ACCORD_DOCX_NONE) {
			rc = accord_docx_read(&docx, data.ptr, data.size, path, NULL, &err);
			if (rc == ACCORD_OK)
				rc = accord_docx_attribute_comments(docx, NULL);
			if (rc == ACCORD_OK && !changes)
				rc = accord_doc_from_docx(&doc, docx, original ? ACCORD_DOCX_ORIGINAL : ACCORD_DOCX_ACCEPTED,
					&options, &err);
		} else if (original || changes) {
			rc = accord_error_set(&err, ACCORD_EINVAL, "%s: --original and --changes are for Word files", path);
		} else {
			rc = accord_doc_parse(&doc, data.ptr != NULL ? data.ptr : "", data.size, &options, &err);
			if (rc == ACCORD_OK && (rc = accord_doc_set_origin(doc, path)) != ACCORD_OK)
				accord_error_set(&err, rc, "out of memory");
		}
	}
	if (rc == ACCORD_ENOMEM && err.code == ACCORD_OK)
		accord_error_set(&err, rc, "out of memory");
	if (rc != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	if (changes) {
		rc = render_changes(&out, docx);
		goto write;
	}
	if (brackets && (rc = cli_bracketed_read(&cb, doc, path, workflow, lenient)) != EXIT_OK)
		goto cleanup;
	cli_print_warnings(doc, path);
	/* the hint only for a person at a terminal: scripts keep an empty standard error on success */
	if (!brackets && isatty(STDERR_FILENO) && accord_doc_has_brackets(doc, NULL))
		fprintf(stderr, "accord: %s: note: the text has bracket groups: read them with --brackets\n", path);

	if (brackets && (format == ACCORD_FORMAT_YAML || format == ACCORD_FORMAT_JSON))
		rc = accord_bracketed_render_doc(&out, cb.brackets, format == ACCORD_FORMAT_YAML, &err);
	else if (docx != NULL && format == ACCORD_FORMAT_JSON)
		rc = accord_docx_render_json(&out, doc, docx, &err);
	else if (format == FORMAT_OUTLINE)
		rc = accord_doc_render_outline(&out, doc, (unsigned)width);
	else
		rc = accord_doc_render(&out, doc, (accord_format)format, &err);
	if (rc != ACCORD_OK) {
		if (err.code == ACCORD_OK)
			accord_error_set(&err, rc, "cannot render the document as %s: %s",
				format == FORMAT_OUTLINE ? "an outline" : accord_format_name((accord_format)format),
				accord_strerror(rc));
		rc = cli_report(&err);
		goto cleanup;
	}
write:
	if (rc != ACCORD_OK) {
		rc = cli_fail(EXIT_INTERNAL, "out of memory");
		goto cleanup;
	}
	rc = output != NULL ? cli_write_file(output, out.ptr != NULL ? out.ptr : "", out.size)
			    : cli_write_stdout(out.ptr, out.size);
cleanup:
	accord_buf_dispose(&out);
	accord_buf_dispose(&data);
	accord_docx_free(docx);
	cli_bracketed_close(&cb);
	accord_doc_free(doc);
	return rc;
}
