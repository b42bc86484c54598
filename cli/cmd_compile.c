/* cmd_compile.c: accord compile SESSION: the compilation of a session's open amendments. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/consolidate.h"
#include "accord/format.h"
#include "accord/store.h"
#include "cli.h"
#include "cli_consolidate.h"
#include "cli_session.h"

const char cmd_compile_usage[] =
	"Usage: accord compile [OPTIONS] SESSION\n"
	"\n"
	"Builds the compilation of the session's open amendments (proposed, bracketed,\n"
	"agreed ad ref) on its latest revision, as `accord consolidate` does for\n"
	"contributions: co-sponsors (as recorded in the session), near-duplicates,\n"
	"alternatives, new paragraphs in place, deletions and moves marked. Each\n"
	"proposal shows its amendment id and its state when it is not merely\n"
	"proposed (agreed ad ref, bracketed); the legend names the roster's parties.\n"
	"\n"
	"Options:\n"
	"  -w, --workflow W       the rule pack whose bracket convention to use (a name\n"
	"                         or a path); default: the session's workflow\n"
	"  -f, --format FORMAT    text (default), md, html, json, yaml, or docx: a Word\n"
	"                         file (binary: give -o OUT.docx), each party's\n"
	"                         proposals as tracked changes under its roster name\n"
	"  -o, --output OUT       write to OUT (atomically) instead of standard output\n"
	"  -a, --accept PARTY     print the latest revision with exactly PARTY's open\n"
	"                         amendments (proposed or co-sponsored) applied; with\n"
	"                         --format docx, as Word tracked changes under its name\n"
	"                         (the roster's, else its code)\n"
	"  -t, --title TITLE      the title of the HTML/Markdown page\n"
	"      --color WHEN       text: auto (default), always, never\n"
	"  -h, --help             print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 bad input, 4 the rule pack failed,\n"
	"5 not a session, damaged or unreadable, 70 internal error.\n";

int cmd_compile(int argc, char **argv)
{
	static const struct option long_options[] = {
		CLI_COMPILATION_LONG_OPTIONS, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	cli_compilation_options co = CLI_COMPILATION_OPTIONS_INIT;
	accord_error err;
	accord_compilation *c = NULL;
	const char *workflow;
	char *pack_path = NULL;
	cli_session cs;
	int opt, rc, opened = 0;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":" CLI_COMPILATION_OPTSTRING "h", long_options, NULL)) != -1) {
		if (opt == 'h')
			return cli_help("compile");
		if ((rc = cli_compilation_option(&co, "compile", opt, argv)) != EXIT_OK)
			return rc;
	}
	if (argc - optind != 1)
		return cli_usage_error("compile", "expected one SESSION");
	if ((rc = cli_check_binary_output("compile", co.format, co.output)) != EXIT_OK)
		return rc;
	if ((rc = cli_session_open(&cs, argv[optind], 0)) != EXIT_OK)
		return rc;
	opened = 1;
	workflow = co.workflow != NULL ? co.workflow : accord_session_workflow(cs.session);
	if (workflow != NULL && (rc = cli_workflow_path(&pack_path, workflow)) != EXIT_OK)
		goto cleanup;
	if ((rc = accord_session_compile(&c, cs.session, &err)) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	rc = cli_compilation_output(c, "compile", pack_path, &co);
cleanup:
	accord_compilation_free(c);
	accord_free(pack_path);
	if (opened)
		cli_session_close(&cs);
	return rc;
}
