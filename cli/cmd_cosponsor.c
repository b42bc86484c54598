/* cmd_cosponsor.c: accord cosponsor SESSION --as PARTY AMENDMENT. */
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
	"  -j, --json       print the events the action wrote, as JSON lines (as\n"
	"                   'accord log --json'), instead of the report\n"
	"  -h, --help       print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 unknown amendment, 4 the rule pack failed,\n"
	"5 storage error, 6 refused by the procedure, not allowed in the amendment's state,\n"
	"or PARTY already sponsors it (nothing changes).\n";

int cmd_cosponsor(int argc, char **argv)
{
	static const cli_session_command command = {"cosponsor", CLI_OPTION_AS | CLI_OPTION_JSON, 2,
		"expected SESSION AMENDMENT", 1, 1};
	cli_session_args args;
	accord_error err;
	cli_session cs;
	int rc;

	accord_error_clear(&err);
	if ((rc = cli_session_start(&cs, &args, &command, argc, argv)) != CLI_SESSION_RUN)
		return rc;
	rc = accord_session_cosponsor(cs.session, args.party, args.operands[1], &err);
	return cli_session_finish(&cs, rc, &err, "%s co-sponsors %s\n", args.party, args.operands[1]);
}
