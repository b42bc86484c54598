/* cmd_list.c: accord list SESSION [--state S]: the amendments. */
#include <getopt.h>

#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_list_usage[] =
	"Usage: accord list SESSION [--state S] [--json]\n"
	"\n"
	"Lists the amendments in the order they were tabled: id, state, operation,\n"
	"target (a stored paragraph id; for a new paragraph, the one it follows), that\n"
	"paragraph's label (as 'accord text SESSION --format outline' shows it; - for\n"
	"a section or none), proposers (first the original proposer, then co-sponsors)\n"
	"and the revision it applies to.\n"
	"\n"
	"Options:\n"
	"  -s, --state S   only those in state S: proposed, bracketed, agreed,\n"
	"                  agreed_ad_ref, rejected, withdrawn or superseded\n"
	"  -j, --json      each amendment as stored (one JSON amendment list per line)\n"
	"  -h, --help      print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 a session written by a newer accord,\n"
	"5 not a session, damaged, or unreadable.\n";

int cmd_list(int argc, char **argv)
{
	static const struct option long_options[] = {{"state", required_argument, NULL, 's'},
		{"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	cli_session cs;
	int opt, rc, state = -1, as_json = 0;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":s:jh", long_options, NULL)) != -1) {
		switch (opt) {
		case 's':
			state = accord_state_from_name(optarg);
			if (state < 0)
				return cli_usage_error("list", "unknown state '%s'", optarg);
			break;
		case 'j': as_json = 1; break;
		case 'h': return cli_help("list");
		default: return cli_bad_option("list", opt, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("list", "expected one SESSION");
	rc = cli_session_open(&cs, argv[optind], 0);
	if (rc != EXIT_OK)
		return rc;
	rc = accord_session_list_render(&out, cs.session, state, as_json ? ACCORD_SESSION_FORMAT_JSON : ACCORD_SESSION_FORMAT_TEXT,
		&err);
	return cli_session_print(&cs, rc, &err, &out);
}
