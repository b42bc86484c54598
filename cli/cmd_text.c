/* cmd_text.c: accord text SESSION [--rev N] [--format F] [-o OUT]: a revision of the text. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/format.h"
#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_text_usage[] =
	"Usage: accord text SESSION [--rev N] [--format FORMAT] [-o OUT]\n"
	"\n"
	"Prints the session's text: the latest revision (the text as agreed so far),\n"
	"or Rev.N (Rev.0 is the base text).\n"
	"\n"
	"Options:\n"
	"  -r, --rev N          the revision to print\n"
	"  -f, --format FORMAT  text (default, the canonical text form), md, yaml, json,\n"
	"                       html, docx (a Word file: give -o OUT.docx), or outline:\n"
	"                       the stored paragraph ids (the ids 'propose --paragraph'\n"
	"                       takes; 'accord parse' numbers afresh) with labels, and\n"
	"                       what the open amendments target\n"
	"  -o, --output OUT     write to OUT (atomically) instead of standard output\n"
	"  -h, --help           print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 no such revision, 5 not a session,\n"
	"damaged, or unreadable.\n";

int cmd_text(int argc, char **argv)
{
	static const struct option long_options[] = {{"rev", required_argument, NULL, 'r'},
		{"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	accord_buf out = ACCORD_BUF_INIT;
	accord_doc *doc = NULL;
	accord_error err;
	cli_session cs;
	const char *output = NULL;
	int opt, rc, rev = -1, format = ACCORD_FORMAT_TEXT, outline = 0;
	char *end;
	long value;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":r:f:o:h", long_options, NULL)) != -1) {
		switch (opt) {
		case 'r':
			value = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || value < 0 || value > 1000000)
				return cli_usage_error("text", "--rev takes a revision number (0 is the base)");
			rev = (int)value;
			break;
		case 'f':
			outline = strcmp(optarg, "outline") == 0;
			format = outline ? ACCORD_FORMAT_TEXT : accord_format_from_name(optarg);
			if (format < 0 || format == ACCORD_FORMAT_AUTO)
				return cli_usage_error("text", "unknown format '%s'", optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'h': return cli_help("text");
		default: return cli_bad_option("text", opt, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("text", "expected one SESSION");
	if ((rc = cli_check_binary_output("text", format, output)) != EXIT_OK)
		return rc;
	rc = cli_session_open(&cs, argv[optind], 0);
	if (rc != EXIT_OK)
		return rc;
	if (outline ? accord_session_outline(&out, cs.session, rev, 80, &err) != ACCORD_OK
		    : (accord_session_text(&doc, cs.session, rev, &err) != ACCORD_OK ||
			      accord_doc_render(&out, doc, (accord_format)format, &err) != ACCORD_OK))
		rc = cli_report(&err);
	else if (output != NULL)
		rc = cli_write_file(output, out.ptr != NULL ? out.ptr : "", out.size);
	else
		rc = cli_write_stdout(out.ptr != NULL ? out.ptr : "", out.size);
	accord_buf_dispose(&out);
	accord_doc_free(doc);
	cli_session_close(&cs);
	return rc;
}
