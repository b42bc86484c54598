/* cmd_brackets.c: accord brackets FILE: the state of a bracketed negotiating text, or a clean text from it. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "accord/bracketed.h"
#include "accord/format.h"
#include "cli.h"
#include "cli_brackets.h"
#include "cli_session.h"
#include "accord_brackets.h"
#include "accord_pack.h"

const char cmd_brackets_usage[] =
	"Usage: accord brackets [OPTIONS] FILE\n"
	"\n"
	"Reads the square brackets of a negotiating text (FILE may be '-' for standard\n"
	"input): bracket groups and their alternatives ([shall][should]; a bracket alone\n"
	"is \"this text or nothing\"), nested to any depth, option blocks (Option 1 ...\n"
	"Option 2: {No text required}), and who proposes what when the text says so\n"
	"([USA: ...], [Alt 1 (IRN): ...], [text] (G-77)). Prints the state of the text:\n"
	"totals, then one line per paragraph with brackets; or, with --take or --accept,\n"
	"a clean text (the canonical text form).\n"
	"\n"
	"Options:\n"
	"  -w, --workflow W       read brackets as the rule pack W writes them (its\n"
	"                         bracket convention, as accord consolidate --workflow);\n"
	"                         default: the UN style\n"
	"  -l, --lenient          read unbalanced brackets anyway: each is a warning on\n"
	"                         standard error and in \"unbalanced\"; an unclosed one\n"
	"                         runs to the end of its paragraph\n"
	"  -j, --json             the state as JSON (\"brackets/1\", docs/formats.md):\n"
	"                         spans, groups, option_blocks, max_depth, parties,\n"
	"                         agreed_words, open_words, unbalanced, and the same per\n"
	"                         section and paragraph\n"
	"  -t, --take WHICH       the clean text with every group resolved to its first,\n"
	"                         last or shortest alternative (a bracket alone: first\n"
	"                         keeps it, last and shortest drop it), and every option\n"
	"                         block to its first, last or shortest option\n"
	"  -a, --accept PARTY     the clean text PARTY wants: in each group the\n"
	"                         alternative attributed to PARTY, else the first one\n"
	"                         attributed to nobody; a bracket alone attributed to\n"
	"                         another party is dropped, one attributed to nobody kept;\n"
	"                         a deletion by PARTY deletes, a move by PARTY moves\n"
	"  -o, --output OUT       write to OUT (atomically) instead of standard output\n"
	"  -h, --help             print this help\n"
	"\n"
	"Exit status: 0 ok (also with --lenient when brackets are unbalanced), 2 usage\n"
	"error, 3 bad input (unbalanced brackets without --lenient: FILE:LINE:COL of\n"
	"the culprit), 4 the rule pack failed, 5 the file cannot be read or written.\n";

int cli_bracketed_read(cli_bracketed *cb, accord_doc *doc, const char *path, const char *workflow, int lenient)
{
	accord_bracket_read_options ro = ACCORD_BRACKET_READ_OPTIONS_INIT;
	accord_error err;
	accord_buf source = ACCORD_BUF_INIT;
	char *pack_path = NULL;
	int rc;

	accord_error_clear(&err);
	memset(cb, 0, sizeof(*cb));
	if (workflow != NULL) {
		accord_pack_options po = ACCORD_PACK_OPTIONS_INIT;
		if ((rc = cli_workflow_path(&pack_path, workflow)) != EXIT_OK)
			return rc;
		po.name = pack_path;
		if ((rc = accord_pack_load(&cb->pack, pack_path, &po, &err)) != ACCORD_OK ||
		    (rc = accord_pack_brackets_load(&cb->convention, cb->pack, &err)) != ACCORD_OK)
			goto report;
		ro.brackets = accord_pack_brackets_get(cb->convention);
	}
	/* the text again, for exact columns (standard input is gone by now) */
	if (strcmp(path, "-") != 0 && accord_read_file(&source, path, NULL) == ACCORD_OK) {
		ro.source = source.ptr;
		ro.source_len = source.size;
	}
	ro.lenient = lenient;
	ro.name = path;
	if ((rc = accord_bracketed_read(&cb->brackets, doc, &ro, &err)) != ACCORD_OK)
		goto report;
	rc = EXIT_OK;
	goto cleanup;
report:
	rc = cli_report(&err);
cleanup:
	accord_buf_dispose(&source);
	accord_free(pack_path);
	return rc;
}

void cli_bracketed_close(cli_bracketed *cb)
{
	accord_bracketed_free(cb->brackets);
	accord_pack_brackets_free(cb->convention);
	accord_pack_free(cb->pack);
	memset(cb, 0, sizeof(*cb));
}

int cmd_brackets(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"workflow", required_argument, NULL, 'w'},
		{"lenient", no_argument, NULL, 'l'},
		{"json", no_argument, NULL, 'j'},
		{"take", required_argument, NULL, 't'},
		{"accept", required_argument, NULL, 'a'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	accord_parse_options options = ACCORD_PARSE_OPTIONS_INIT;
	accord_error err;
	accord_buf out = ACCORD_BUF_INIT;
	accord_doc *doc = NULL, *clean = NULL;
	cli_bracketed cb;
	const char *workflow = NULL, *accept = NULL, *output = NULL, *path;
	int lenient = 0, json = 0, take = -1;
	int opt, rc;

	accord_error_clear(&err);
	memset(&cb, 0, sizeof(cb));
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":w:ljt:a:o:h", long_options, NULL)) != -1) {
		switch (opt) {
		case 'w':
			workflow = optarg;
			break;
		case 'l':
			lenient = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 't':
			if (strcmp(optarg, "first") == 0)
				take = ACCORD_TAKE_FIRST;
			else if (strcmp(optarg, "last") == 0)
				take = ACCORD_TAKE_LAST;
			else if (strcmp(optarg, "shortest") == 0)
				take = ACCORD_TAKE_SHORTEST;
			else
				return cli_usage_error("brackets", "--take: '%s' is not first, last or shortest", optarg);
			break;
		case 'a':
			if (optarg[0] == '\0')
				return cli_usage_error("brackets", "--accept: no party");
			accept = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			return cli_help("brackets");
		default:
			return cli_bad_option("brackets", opt, argv);
		}
	}
	if (optind >= argc)
		return cli_usage_error("brackets", "no input file");
	if (argc - optind > 1)
		return cli_usage_error("brackets", "one input file only (got '%s' too)", argv[optind + 1]);
	if (accept != NULL && take >= 0)
		return cli_usage_error("brackets", "--take and --accept do not go together");
	if (json && (accept != NULL || take >= 0))
		return cli_usage_error("brackets", "--json prints the state, not a clean text: leave out --take/--accept");
	path = argv[optind];
	options.name = path;

	if ((rc = accord_doc_parse_file(&doc, path, &options, &err)) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	if ((rc = cli_bracketed_read(&cb, doc, path, workflow, lenient)) != EXIT_OK)
		goto cleanup;
	cli_print_warnings(doc, path);
	if (accept != NULL || take >= 0) {
		rc = accord_bracketed_resolve(&clean, cb.brackets, accept != NULL ? ACCORD_TAKE_PARTY : (accord_bracket_take)take,
			accept, &err);
		if (rc == ACCORD_OK)
			rc = accord_doc_render_text(&out, clean);
	} else if (json) {
		rc = accord_bracketed_render_json(&out, cb.brackets, &err);
	} else {
		rc = accord_bracketed_render_summary(&out, cb.brackets);
	}
	if (rc != ACCORD_OK) {
		if (err.code == ACCORD_OK)
			accord_error_set(&err, rc, "%s", accord_strerror(rc));
		if (err.file[0] == '\0')
			accord_error_at(&err, path, 0, 0);
		rc = cli_report(&err);
		goto cleanup;
	}
	rc = output != NULL ? cli_write_file(output, out.ptr != NULL ? out.ptr : "", out.size)
			    : cli_write_stdout(out.ptr, out.size);
cleanup:
	accord_buf_dispose(&out);
	cli_bracketed_close(&cb);
	accord_doc_free(clean);
	accord_doc_free(doc);
	return rc;
}
