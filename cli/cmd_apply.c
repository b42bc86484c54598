/* cmd_apply.c: accord apply BASE AMENDMENTS.json: the base text with the amendments applied. */
#include <getopt.h>
#include <string.h>

#include "accord/amend.h"
#include "accord/format.h"
#include "cli.h"

const char cmd_apply_usage[] =
	"Usage: accord apply [OPTIONS] BASE AMENDMENTS.json\n"
	"\n"
	"Applies an amendment list written by 'accord diff --format json' to the base\n"
	"text and prints the result. Edits whose quoted base text has moved are\n"
	"re-anchored by their text and context; an amendment that no longer fits is\n"
	"an error naming it.\n"
	"\n"
	"Options:\n"
	"  -f, --format FORMAT  text (default, the canonical text form), yaml, json, md,\n"
	"                       html or docx (a Word file: give -o OUT.docx)\n"
	"  -g, --generic        read BASE as a plain sequence of paragraphs (use it when\n"
	"                       the diff was made with --generic)\n"
	"      --only IDS       apply only these amendments (comma-separated ids)\n"
	"  -o, --output OUT     write to OUT (atomically) instead of standard output\n"
	"  -h, --help           print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 bad input or an amendment that does not\n"
	"fit the text, 5 a file cannot be read or written.\n";

/* --only: keep an amendment whose id is in the comma-separated list. */
static int keep_listed(const accord_amendment *a, void *data)
{
	const char *list = data, *p = list;
	size_t len = strlen(a->id);
	while (p != NULL && *p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == len && strncmp(p, a->id, len) == 0)
			return 1;
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}

int cmd_apply(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"format", required_argument, NULL, 'f'},
		{"generic", no_argument, NULL, 'g'},
		{"only", required_argument, NULL, 'n'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	accord_parse_options parse_options = ACCORD_PARSE_OPTIONS_INIT;
	accord_error err;
	accord_buf out = ACCORD_BUF_INIT, data = ACCORD_BUF_INIT;
	accord_doc *doc = NULL;
	accord_amendment_list *list = NULL;
	const char *output = NULL, *only = NULL;
	int format = ACCORD_FORMAT_TEXT, opt, rc;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":f:go:h", long_options, NULL)) != -1) {
		switch (opt) {
		case 'f':
			format = accord_format_from_name(optarg);
			if (format < 0 || format == ACCORD_FORMAT_AUTO)
				return cli_usage_error("apply", "unknown format '%s'", optarg);
			break;
		case 'g':
			parse_options.force_generic = 1;
			break;
		case 'n':
			only = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			return cli_help("apply");
		default:
			return cli_bad_option("apply", opt, argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("apply", "expected two files, BASE and AMENDMENTS.json");
	if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0)
		return cli_usage_error("apply", "only one of BASE and AMENDMENTS can be standard input");
	if ((rc = cli_check_binary_output("apply", format, output)) != EXIT_OK)
		return rc;

	cli_heap_for_inputs(argv + optind, 2);
	parse_options.name = argv[optind];
	if ((rc = accord_doc_parse_file(&doc, argv[optind], &parse_options, &err)) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	if ((rc = accord_read_file(&data, argv[optind + 1], &err)) != ACCORD_OK ||
	    (rc = accord_amendments_parse_json(&list, data.ptr ? data.ptr : "", data.size, argv[optind + 1], &err)) !=
		    ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	rc = only ? accord_amendments_apply_filtered(doc, list, keep_listed, (void *)only, &err)
		  : accord_amendments_apply(doc, list, &err);
	if (rc != ACCORD_OK) {
		accord_error_at(&err, argv[optind + 1], 0, 0);
		rc = cli_report(&err);
		goto cleanup;
	}
	if ((rc = accord_doc_render(&out, doc, (accord_format)format, &err)) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	rc = output != NULL ? cli_write_file(output, out.ptr != NULL ? out.ptr : "", out.size)
			    : cli_write_stdout(out.ptr != NULL ? out.ptr : "", out.size);
cleanup:
	accord_buf_dispose(&out);
	accord_buf_dispose(&data);
	accord_amendments_free(list);
	accord_doc_free(doc);
	return rc;
}
