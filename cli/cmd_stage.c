/* cmd_stage.c: accord stage SESSION [NEXT | --next | --back [PREV]]: the stage of the round, or move to another. */
#include <getopt.h>
#include <stdio.h>

#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_stage_usage[] =
	"Usage: accord stage SESSION [NEXT | --next | --back [PREV]]\n"
	"\n"
	"Without NEXT, prints the session's stage. With NEXT (a later stage of the\n"
	"rule pack) or --next (the stage after the current one), moves the session\n"
	"there. Stages move forward: going back to PREV (an earlier stage; without it\n"
	"the one before the current) needs --back, and the pack may forbid it\n"
	"(stages_back = false, or back = false on the stage being left).\n"
	"What may be done in each stage is the pack's ('accord workflow check').\n"
	"\n"
	"Options:\n"
	"  -n, --next   move to the stage after the current one\n"
	"  -b, --back   move back to PREV (or to the stage before the current one)\n"
	"  -h, --help   print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error or an unknown stage, 4 the rule pack failed,\n"
	"5 storage error, 6 already there, no stage after (or before) this one, a stage\n"
	"behind without --back, or going back refused by the pack.\n";

int cmd_stage(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"next", no_argument, NULL, 'n'}, {"back", no_argument, NULL, 'b'}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	accord_error err;
	cli_session cs;
	char *stage = NULL;
	int opt, rc, next = 0, back = 0;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":nbh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'n': next = 1; break;
		case 'b': back = 1; break;
		case 'h': return cli_help("stage");
		default: return cli_bad_option("stage", opt, argv);
		}
	}
	if (argc - optind < 1 || argc - optind > 2 || (next && argc - optind == 2) || (next && back))
		return cli_usage_error("stage", "expected SESSION and at most one of NEXT, --next and --back [PREV]");
	rc = cli_session_open(&cs, argv[optind], next || back || argc - optind == 2);
	if (rc != EXIT_OK)
		return rc;
	if (back)
		rc = accord_session_stage_back(&stage, cs.session, argc - optind == 2 ? argv[optind + 1] : NULL, &err);
	else if (!next && argc - optind == 1)
		rc = accord_session_current_stage(&stage, cs.session, &err);
	else
		rc = accord_session_stage(&stage, cs.session, next ? NULL : argv[optind + 1], &err);
	if (rc != ACCORD_OK) {
		rc = cli_report(&err);
	} else {
		printf("%s\n", stage);
		rc = cli_write_stdout(NULL, 0);
	}
	accord_free(stage);
	cli_session_close(&cs);
	return rc;
}
