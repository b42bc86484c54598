/* cmd_position.c: accord position SESSION --as PARTY AMENDMENT support|object|abstain|reserve. */
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
	"  -j, --json       print the events the action wrote, as JSON lines (as\n"
	"                   'accord log --json'), instead of the report\n"
	"  -h, --help       print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 unknown amendment, 4 the rule pack failed,\n"
	"5 storage error, 6 refused by the procedure or not allowed in the amendment's state.\n";

int cmd_position(int argc, char **argv)
{
	static const cli_session_command command = {"position", CLI_OPTION_AS | CLI_OPTION_JSON, 3,
		"expected SESSION AMENDMENT support|object|abstain|reserve", 1, 1};
	cli_session_args args;
	accord_error err;
	cli_session cs;
	int rc;

	accord_error_clear(&err);
	if ((rc = cli_session_start(&cs, &args, &command, argc, argv)) != CLI_SESSION_RUN)
		return rc;
	rc = accord_session_position(cs.session, args.party, args.operands[1], args.operands[2], &err);
	return cli_session_finish(&cs, rc, &err, "%s: %s on %s\n", args.party, args.operands[2], args.operands[1]);
}
