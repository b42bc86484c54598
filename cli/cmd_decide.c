/*
** cmd_decide.c: accord decide SESSION [--amendment ID | --paragraph ID | --all]
** [--as-chair agreed|bracketed] [--important]: the pack's decision rule, or the chair's ruling.
*/
#include <getopt.h>
#include <stdio.h>

#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_decide_usage[] =
	"Usage: accord decide SESSION [--amendment ID | --paragraph ID | --all]\n"
	"                      [--as-chair agreed|bracketed] [--important]\n"
	"\n"
	"Applies the rule pack's decision rule to the positions taken on open\n"
	"amendments (every party of the roster counts; one with no position is\n"
	"silent, \"absent\" in the tally) and to the votes recorded ('accord vote'),\n"
	"and moves each to agreed, agreed ad referendum (agreed with a\n"
	"reservation), bracketed or rejected. All decisions are one transaction.\n"
	"With --as-chair the chair rules instead (\"it is so decided\"): each\n"
	"amendment becomes agreed (agreed ad referendum with a reservation) or\n"
	"stays bracketed, recorded as a chair's ruling; the stage must allow both\n"
	"\"decide\" and \"rule\".\n"
	"\n"
	"Options:\n"
	"  -m, --amendment ID   one amendment\n"
	"  -p, --paragraph ID   every open amendment on one paragraph\n"
	"      --all            every open amendment (the default)\n"
	"  -c, --as-chair R     the chair's ruling: agreed or bracketed\n"
	"  -i, --important      important questions (the pack's ctx.important: UN GA\n"
	"                       rule 83, two-thirds); also set by 'accord vote --important'\n"
	"  -j, --json           print the events the action wrote, as JSON lines (as\n"
	"                       'accord log --json'), instead of the report\n"
	"  -h, --help           print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 nothing to decide, 4 the rule pack\n"
	"failed (or returned a malformed decision), 5 storage error, 6 refused (the\n"
	"stage takes no decisions or no ruling, or the amendment is closed).\n";

int cmd_decide(int argc, char **argv)
{
	static const struct option long_options[] = {{"amendment", required_argument, NULL, 'm'},
		{"paragraph", required_argument, NULL, 'p'}, {"all", no_argument, NULL, 'A'},
		{"as-chair", required_argument, NULL, 'c'}, {"important", no_argument, NULL, 'i'},
		{"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	accord_decide_options opts = ACCORD_DECIDE_OPTIONS_INIT;
	accord_session_decision *decisions = NULL;
	accord_decide_scope scope = ACCORD_DECIDE_ALL;
	accord_error err;
	cli_session cs;
	const char *id = NULL;
	size_t n = 0, i;
	int opt, rc, scopes = 0, json = 0;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":m:p:c:ijh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'm': scope = ACCORD_DECIDE_AMENDMENT; id = optarg; scopes++; break;
		case 'p': scope = ACCORD_DECIDE_PARAGRAPH; id = optarg; scopes++; break;
		case 'A': scope = ACCORD_DECIDE_ALL; id = NULL; scopes++; break;
		case 'c':
			opts.ruling = accord_session_outcome_from_name(optarg);
			if (opts.ruling != ACCORD_SESSION_AGREED && opts.ruling != ACCORD_SESSION_BRACKETED)
				return cli_usage_error("decide", "--as-chair rules agreed or bracketed");
			break;
		case 'i': opts.important = 1; break;
		case 'j': json = 1; break;
		case 'h': return cli_help("decide");
		default: return cli_bad_option("decide", opt, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("decide", "expected one SESSION");
	if (scopes > 1)
		return cli_usage_error("decide", "give one of --amendment, --paragraph and --all");
	rc = cli_session_open(&cs, argv[optind], 1);
	if (rc != EXIT_OK)
		return rc;
	if (json && (rc = cli_session_watch(&cs)) != EXIT_OK) {
		cli_session_close(&cs);
		return rc;
	}
	if (accord_session_decide_with(&decisions, &n, cs.session, scope, id, &opts, &err) != ACCORD_OK) {
		rc = cli_report(&err);
	} else if (cs.watching) {
		rc = cli_session_print_events(&cs);
	} else {
		for (i = 0; i < n; i++)
			printf("%-10s %-13s -> %-13s %s %s\n", decisions[i].amendment, accord_state_name(decisions[i].from),
				accord_state_name(decisions[i].to), decisions[i].tally, decisions[i].rule);
		rc = cli_write_recorded();
	}
	accord_session_decisions_free(decisions, n);
	cli_session_close(&cs);
	return rc;
}
