/* cmd_withdraw.c: accord withdraw SESSION --as PARTY AMENDMENT. */
#include <getopt.h>
#include <stdio.h>

#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_withdraw_usage[] =
	"Usage: accord withdraw SESSION --as PARTY AMENDMENT\n"
	"\n"
	"Withdraws an open amendment. Only its proposer may; co-sponsors may not, and\n"
	"an amendment the meeting agreed (even ad referendum) stays.\n"
	"\n"
	"Options:\n"
	"  -a, --as PARTY   the party acting (a code of the session's roster)\n"
	"  -h, --help       print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 unknown amendment, 4 the rule pack failed,\n"
	"5 storage error, 6 refused by the procedure or not allowed in the amendment's state.\n";

int cmd_withdraw(int argc, char **argv)
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
		case 'h': return cli_help("withdraw");
		default: return cli_bad_option("withdraw", opt, argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("withdraw", "expected SESSION AMENDMENT");
	if (party == NULL)
		return cli_usage_error("withdraw", "--as PARTY is required");
	rc = cli_session_open(&cs, argv[optind], 0);
	if (rc != EXIT_OK)
		return rc;
	if (accord_session_withdraw(cs.session, party, argv[optind + 1], &err) != ACCORD_OK)
		rc = cli_report(&err);
	else {
		printf("%s withdrew %s\n", party, argv[optind + 1]);
		rc = cli_write_stdout(NULL, 0);
	}
	cli_session_close(&cs);
	return rc;
}
