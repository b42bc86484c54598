/* cmd_comment.c: accord comment SESSION --as PARTY [--on ID] TEXT: a comment, not an amendment. */
#include <getopt.h>
#include <stdio.h>

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
	"  -h, --help       print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 unknown target, 4 the rule pack failed,\n"
	"5 storage error, 6 refused by the procedure.\n";

int cmd_comment(int argc, char **argv)
{
	static const struct option long_options[] = {{"as", required_argument, NULL, 'a'},
		{"on", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	accord_error err;
	cli_session cs;
	const char *party = NULL, *on = NULL;
	int64_t id = 0;
	int opt, rc;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":a:o:h", long_options, NULL)) != -1) {
		switch (opt) {
		case 'a': party = optarg; break;
		case 'o': on = optarg; break;
		case 'h': return cli_help("comment");
		default: return cli_bad_option("comment", opt, argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("comment", "expected SESSION and TEXT");
	if (party == NULL)
		return cli_usage_error("comment", "--as PARTY is required");
	rc = cli_session_open(&cs, argv[optind], 1);
	if (rc != EXIT_OK)
		return rc;
	if (accord_session_comment(&id, cs.session, party, on, argv[optind + 1], &err) != ACCORD_OK) {
		rc = cli_report(&err);
	} else {
		printf("comment %lld by %s%s%s\n", (long long)id, party, on != NULL ? " on " : "", on != NULL ? on : "");
		rc = cli_write_stdout(NULL, 0);
	}
	cli_session_close(&cs);
	return rc;
}
