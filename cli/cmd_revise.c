/* cmd_revise.c: accord revise SESSION [--allow-empty]: issue Rev.N+1. */
#include <getopt.h>
#include <stdio.h>

#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"
#include "session_rules.h"

const char cmd_revise_usage[] =
	"Usage: accord revise SESSION [--allow-empty]\n"
	"\n"
	"Issues the next revision (Rev.N+1): the agreed amendments are applied to\n"
	"Rev.N; the open ones (proposed, bracketed, agreed ad referendum) are carried\n"
	"over and re-anchored on the new text; one whose paragraph is gone, or whose\n"
	"change the new text already makes, lapses (superseded). Two agreed amendments\n"
	"that do not fit together stop the revision: supersede them with a compromise\n"
	"('accord propose --supersedes'). With nothing agreed since Rev.N, no revision\n"
	"is issued unless --allow-empty says so.\n"
	"\n"
	"Labels never repeat in a list. A paragraph the revision adds or moves keeps\n"
	"the label its proposer wrote when it fits where it stands; else it gets the\n"
	"rule pack's label for a new paragraph (\"d bis)\" after d), \"new)\" before\n"
	"a)). A pack with renumber = \"revision\" has every list renumbered at each\n"
	"revision; ITU and UN practice (\"adoption\", the default) renumbers only the\n"
	"adopted text.\n"
	"\n"
	"Options:\n"
	"  -e, --allow-empty   issue Rev.N+1 even when nothing was agreed since Rev.N\n"
	"  -j, --json          print the events the action wrote, as JSON lines (as\n"
	"                      'accord log --json'), instead of the report\n"
	"  -h, --help          print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 the agreed amendments conflict or nothing\n"
	"was agreed, 4 the rule pack failed, 5 storage error.\n";

int cmd_revise(int argc, char **argv)
{
	static const struct option long_options[] = {{"allow-empty", no_argument, NULL, 'e'},
		{"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	accord_revise_options opts = ACCORD_REVISE_OPTIONS_INIT;
	accord_revise_result done;
	accord_error err;
	cli_session cs;
	int opt, rc, json = 0;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":ejh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'e': opts.allow_empty = 1; break;
		case 'j': json = 1; break;
		case 'h': return cli_help("revise");
		default: return cli_bad_option("revise", opt, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("revise", "expected one SESSION");
	if ((rc = cli_session_open(&cs, argv[optind], 1)) != EXIT_OK)
		return rc;
	if (json && (rc = cli_session_watch(&cs)) != EXIT_OK) {
		cli_session_close(&cs);
		return rc;
	}
	/* under the pack's renumbering and label convention; what the revision did comes back with it */
	rc = accord_session_pack_revise(&done, cs.session, cs.pack, &opts, &err);
	if (rc != ACCORD_OK) {
		rc = cli_report(&err);
	} else if (cs.watching) {
		rc = cli_session_print_events(&cs);
	} else {
		printf("Rev.%u: %zu agreed amendment%s applied, %zu open amendment%s carried over", done.rev, done.applied,
			done.applied == 1 ? "" : "s", done.carried, done.carried == 1 ? "" : "s");
		/* open amendments the revision left without their text (or their question): superseded */
		if (done.lapsed > 0)
			printf(", %zu lapsed", done.lapsed);
		putchar('\n');
		rc = cli_write_recorded();
	}
	cli_session_close(&cs);
	return rc;
}
