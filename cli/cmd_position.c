/* cmd_position.c: accord position SESSION --as PARTY AMENDMENT support|object|abstain|reserve. */
#include <getopt.h>
#include <stdio.h>

#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_position_usage[] =
	"Usage: accord position SESSION --as PARTY AMENDMENT support|object|abstain|reserve\n"
	"\n"
	"Records PARTY's position on an open amendment: support, object, abstain or\n"
	"reserve (agreement subject to confirmation: an agreement becomes \"agreed ad\n"
	"referendum\"). A new position replaces the earlier one; the log keeps both.\n"
	"\n"
	"Options:\n"
	"  -a, --as PARTY   the party acting (a code of the session's roster)\n"
	"  -h, --help       print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 unknown amendment, 4 the rule pack failed,\n"
	"5 storage error, 6 refused by the procedure or not allowed in the amendment's state.\n";

int cmd_position(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"as", required_argument, NULL, 'a'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	accord_error err;
	cli_session cs;
	const char *party = NULL;
	int opt, rc;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":a:h", long_options, NULL)) != -1) {
		switch (opt) {
		case 'a': party = optarg; break;
		case 'h': return cli_help("position");
		default: return cli_bad_option("position", opt, argv);
		}
	}
	if (argc - optind != 3)
		return cli_usage_error("position", "expected SESSION AMENDMENT support|object|abstain|reserve");
	if (party == NULL)
		return cli_usage_error("position", "--as PARTY is required");
	rc = cli_session_open(&cs, argv[optind], 1);
	if (rc != EXIT_OK)
		return rc;
	if (accord_session_position(cs.session, party, argv[optind + 1], argv[optind + 2], &err) != ACCORD_OK)
		rc = cli_report(&err);
	else {
		printf("%s: %s on %s\n", party, argv[optind + 2], argv[optind + 1]);
		rc = cli_write_stdout(NULL, 0);
	}
	cli_session_close(&cs);
	return rc;
}
