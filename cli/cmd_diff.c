/* cmd_diff.c: accord diff BASE CONTRIB: the amendments that turn the base into a contribution. */
#include <getopt.h>
#include <string.h>

#include "accord/amend.h"
#include "accord/format.h"
#include "accord/roster.h"
#include "cli.h"

const char cmd_diff_usage[] =
	"Usage: accord diff [OPTIONS] BASE CONTRIB\n"
	"\n"
	"Aligns a contribution (a delegation's version of the base text) with the\n"
	"base by content and prints the amendments that turn the base into it:\n"
	"ADD (new paragraph), SUP (deleted paragraph), MOD (edits in a paragraph;\n"
	"(MOD) when only labels or spacing change), MOVE, HEADING, section and\n"
	"metadata changes. Either file may be '-' (standard input), not both.\n"
	"\n"
	"Options:\n"
	"  -a, --as PARTY       the proposer: amendment ids are PARTY/1, PARTY/2 ...\n"
	"                       (default: the contribution's file name without extension)\n"
	"  -f, --format FORMAT  text (default): each changed paragraph with\n"
	"                         [-deleted-]{+inserted+} marks, coloured on a terminal;\n"
	"                       json: the amendment list that 'accord apply' reads;\n"
	"                       yaml: the same list as YAML\n"
	"  -g, --generic        read both texts as plain sequences of paragraphs\n"
	"      --color WHEN     auto (default), always or never\n"
	"  -o, --output OUT     write to OUT (atomically) instead of standard output\n"
	"  -h, --help           print this help\n"
	"\n"
	"The JSON output applied to BASE with 'accord apply BASE OUT.json' gives the\n"
	"contribution's canonical text ('accord parse CONTRIB --format text') byte for byte.\n"
	"\n"
	"Places that look like tracked changes flattened into plain text (an inserted\n"
	"word glued to the word it replaced: 'paragrapharticle') are warned of on\n"
	"standard error, FILE:LINE:COL each, with a line asking for the .docx.\n"
	"\n"
	"Exit status: 0 no differences, 1 differences found, 2 usage error, 3 bad input,\n"
	"5 a file cannot be read or written.\n";

/* The default party: the file name without folders and extension. */
static void party_from_path(char *out, size_t size, const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t len;
	base = base ? base + 1 : path;
	if (strcmp(path, "-") == 0)
		base = "STDIN";
	dot = strrchr(base, '.');
	len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (len >= size)
		len = size - 1;
	memcpy(out, base, len);
	out[len] = '\0';
	/* A party code has no '/', ',' or blank (ids are PARTY/N, --only lists them with commas). */
	for (; *out; out++)
		if (strchr("/, \t\r\n", *out) != NULL)
			*out = '_';
}

int cmd_diff(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"as", required_argument, NULL, 'a'},
		{"format", required_argument, NULL, 'f'},
		{"generic", no_argument, NULL, 'g'},
		{"color", required_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	accord_parse_options parse_options = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc_diff_options diff_options = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_error err;
	accord_buf out = ACCORD_BUF_INIT;
	accord_doc *base = NULL, *contrib = NULL;
	accord_amendment_list *list = NULL;
	const char *party = NULL, *output = NULL, *format = "text", *color = "auto";
	char default_party[64];
	int opt, rc, use_color;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":a:f:go:h", long_options, NULL)) != -1) {
		switch (opt) {
		case 'a':
			party = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'g':
			parse_options.force_generic = 1;
			break;
		case 'c':
			color = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			return cli_help("diff");
		default:
			return cli_bad_option("diff", opt, argv);
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 && strcmp(format, "yaml") != 0)
		return cli_usage_error("diff", "unknown format '%s' (text, json or yaml)", format);
	if (strcmp(color, "auto") != 0 && strcmp(color, "always") != 0 && strcmp(color, "never") != 0)
		return cli_usage_error("diff", "--color takes auto, always or never");
	if (argc - optind != 2)
		return cli_usage_error("diff", "expected two files, BASE and CONTRIB");
	if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0)
		return cli_usage_error("diff", "only one of BASE and CONTRIB can be standard input");
	/* as consolidate and rosters: ids are PARTY/N, and --only takes them comma-separated */
	if (party != NULL && accord_party_code_check(party, &err) != ACCORD_OK)
		return cli_usage_error("diff", "%s", err.message);
	if (party == NULL) {
		party_from_path(default_party, sizeof(default_party), argv[optind + 1]);
		party = default_party;
	}

	cli_heap_for_inputs(argv + optind, 2);
	parse_options.name = argv[optind];
	if ((rc = accord_doc_parse_file(&base, argv[optind], &parse_options, &err)) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	cli_print_warnings(base, argv[optind]);
	parse_options.name = argv[optind + 1];
	if ((rc = accord_doc_parse_file(&contrib, argv[optind + 1], &parse_options, &err)) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	cli_print_warnings(contrib, argv[optind + 1]);

	diff_options.party = party;
	if ((rc = accord_doc_diff(&list, base, contrib, &diff_options, &err)) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	cli_print_flattened(list, base, contrib, argv[optind + 1], NULL, 0);
	use_color = strcmp(color, "always") == 0 || (strcmp(color, "auto") == 0 && output == NULL && cli_use_color(stdout));
	if (strcmp(format, "json") == 0) {
		/* streamed: a large list is never held whole (issue 16) */
		cli_out sink_out;
		accord_sink sink;
		if ((rc = cli_out_open(&sink_out, output)) != EXIT_OK)
			goto cleanup;
		sink.write = cli_out_write;
		sink.ctx = &sink_out;
		if ((rc = accord_amendments_write_json(&sink, list, &err)) != ACCORD_OK && rc != ACCORD_EIO) {
			cli_out_abort(&sink_out);
			rc = cli_report(&err);
			goto cleanup;
		}
		/* a write error is reported by the commit, with the system's reason */
		if ((rc = cli_out_commit(&sink_out)) == EXIT_OK && accord_amendments_count(list) > 0)
			rc = EXIT_DIFFERENT;
		goto cleanup;
	}
	if (strcmp(format, "yaml") == 0)
		rc = accord_amendments_render_yaml(&out, list, &err);
	else
		rc = accord_amendments_render_text(&out, list, base, use_color);
	if (rc != ACCORD_OK) {
		if (err.code == ACCORD_OK)
			accord_error_set(&err, rc, "cannot write the amendments");
		rc = cli_report(&err);
		goto cleanup;
	}
	rc = output != NULL ? cli_write_file(output, out.ptr != NULL ? out.ptr : "", out.size)
			    : cli_write_stdout(out.ptr != NULL ? out.ptr : "", out.size);
	if (rc == EXIT_OK && accord_amendments_count(list) > 0)
		rc = EXIT_DIFFERENT;
cleanup:
	accord_buf_dispose(&out);
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(contrib);
	return rc;
}
