/* cmd_withdraw.c: accord withdraw SESSION --as PARTY AMENDMENT. */
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
	"  -j, --json       print the events the action wrote, as JSON lines (as\n"
	"                   'accord log --json'), instead of the report\n"
	"  -h, --help       print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 unknown amendment, 4 the rule pack failed,\n"
	"5 storage error, 6 not its proposer, not allowed in the amendment's state, or\n"
	"not at this stage (the stage's allows list in the rule pack).\n";

int cmd_withdraw(int argc, char **argv)
{
	static const cli_session_command command = {"withdraw", CLI_OPTION_AS | CLI_OPTION_JSON, 2,
		"expected SESSION AMENDMENT", 1, 1};
	cli_session_args args;
	accord_error err;
	cli_session cs;
	int rc;

	accord_error_clear(&err);
	if ((rc = cli_session_start(&cs, &args, &command, argc, argv)) != CLI_SESSION_RUN)
		return rc;
	rc = accord_session_withdraw(cs.session, args.party, args.operands[1], &err);
	return cli_session_finish(&cs, rc, &err, "%s withdrew %s\n", args.party, args.operands[1]);
}
