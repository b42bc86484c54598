/* cmd_comment.c: accord comment SESSION --as PARTY [--on ID] TEXT: a comment, not an amendment. */
#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_comment_usage[] =
	"Usage: accord comment SESSION --as PARTY [--on ID] TEXT\n"
	"\n"
	"Records a comment by PARTY on an amendment or a paragraph (or on the text as a\n"
	"whole): the form stakeholders' inputs take where the procedure wants comments,\n"
	"not amendments (CWG-Internet's open consultations, IGF). The stage must take\n"
	"comments.\n"
	"\n"
	"Options:\n"
	"  -a, --as PARTY   the party commenting (a code of the session's roster)\n"
	"  -o, --on ID      an amendment id (USA/3) or a paragraph or section id (p7)\n"
	"  -j, --json       print the events the action wrote, as JSON lines (as\n"
	"                   'accord log --json'), instead of the report\n"
	"  -h, --help       print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 unknown target, 4 the rule pack failed,\n"
	"5 storage error, 6 refused by the procedure.\n";

int cmd_comment(int argc, char **argv)
{
	static const cli_session_command command = {"comment", CLI_OPTION_AS | CLI_OPTION_ON | CLI_OPTION_JSON, 2,
		"expected SESSION and TEXT", 1, 1};
	cli_session_args args;
	accord_error err;
	cli_session cs;
	int64_t id = 0;
	int rc;

	accord_error_clear(&err);
	if ((rc = cli_session_start(&cs, &args, &command, argc, argv)) != CLI_SESSION_RUN)
		return rc;
	rc = accord_session_comment(&id, cs.session, args.party, args.on, args.operands[1], &err);
	return cli_session_finish(&cs, rc, &err, "comment %lld by %s%s%s\n", (long long)id, args.party,
		args.on != NULL ? " on " : "", args.on != NULL ? args.on : "");
}
