/* cmd_cosponsor.c: accord cosponsor SESSION --as PARTY AMENDMENT. */
#include <getopt.h>
#include <stdio.h>

#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_cosponsor_usage[] =
	"Usage: accord cosponsor SESSION --as PARTY AMENDMENT\n"
	"\n"
	"Adds PARTY as a co-sponsor of an open amendment, if the rule pack lets PARTY\n"
	"propose.\n"
	"\n"
	"Options:\n"
	"  -a, --as PARTY   the party acting (a code of the session's roster)\n"
	"  -h, --help       print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 unknown amendment, 4 the rule pack failed,\n"
	"5 storage error, 6 refused by the procedure or not allowed in the amendment's state.\n";

int cmd_cosponsor(int argc, char **argv)
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
		case 'h': return cli_help("cosponsor");
		default: return cli_bad_option("cosponsor", opt, argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("cosponsor", "expected SESSION AMENDMENT");
	if (party == NULL)
		return cli_usage_error("cosponsor", "--as PARTY is required");
	rc = cli_session_open(&cs, argv[optind], 1);
	if (rc != EXIT_OK)
		return rc;
	if (accord_session_cosponsor(cs.session, party, argv[optind + 1], &err) != ACCORD_OK)
		rc = cli_report(&err);
	else {
		printf("%s co-sponsors %s\n", party, argv[optind + 1]);
		rc = cli_write_stdout(NULL, 0);
	}
	cli_session_close(&cs);
	return rc;
}
