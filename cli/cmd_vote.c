/*
** cmd_vote.c: accord vote SESSION --as PARTY AMENDMENT yes|no|abstain, and the chair's
** roll call: accord vote SESSION AMENDMENT --roll-call PARTY=VOTE,... [--important].
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_vote_usage[] =
	"Usage: accord vote SESSION --as PARTY AMENDMENT yes|no|abstain\n"
	"       accord vote SESSION AMENDMENT --roll-call PARTY=VOTE[,PARTY=VOTE...] [--important]\n"
	"       accord vote SESSION AMENDMENT --important | --not-important\n"
	"\n"
	"A recorded vote on an open amendment. With --as, PARTY casts its vote; a\n"
	"later vote replaces it. With --roll-call, the chair records every vote\n"
	"called (USA=yes,IRN=no,FRA=abstain) at once: all are checked, and all are\n"
	"recorded or none. The stage must allow \"vote\" and the rule pack's\n"
	"may_vote says who may vote. --important marks the question important (UN\n"
	"General Assembly rule 83: a two-thirds majority); the pack's decision rule\n"
	"sees it (ctx.important) with the votes (ctx.votes) when 'accord decide'\n"
	"decides the amendment.\n"
	"\n"
	"Options:\n"
	"  -a, --as PARTY          the party voting (a code of the session's roster)\n"
	"  -r, --roll-call VOTES   the chair's roll call: PARTY=yes|no|abstain, comma-separated\n"
	"  -i, --important         the question is important (two-thirds)\n"
	"      --not-important     the question is not (or no longer) important\n"
	"  -j, --json              print the events the action wrote, as JSON lines (as\n"
	"                          'accord log --json'), instead of the report\n"
	"  -h, --help              print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 unknown amendment or a party voting twice\n"
	"in a roll call, 4 the rule pack failed, 5 storage error, 6 refused by the\n"
	"procedure (the stage takes no votes, the party may not vote) or the amendment\n"
	"is closed.\n";

/* A roll call "USA=yes,IRN=no" into ballots (pointing into the copy *text). Returns an exit code. */
static int parse_roll_call(accord_session_ballot **out, size_t *n, char **text, const char *arg)
{
	accord_session_ballot *ballots;
	size_t cap = 1, i;
	char *item, *save = NULL;
	const char *p;
	*out = NULL;
	*n = 0;
	for (p = arg; *p != '\0'; p++)
		cap += *p == ',';
	*text = accord_strdup(arg);
	ballots = accord_calloc(cap, sizeof *ballots);
	if (*text == NULL || ballots == NULL) {
		accord_free(ballots);
		return cli_fail(EXIT_INTERNAL, "out of memory");
	}
	for (item = strtok_r(*text, ",", &save), i = 0; item != NULL; item = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(item, '=');
		int vote;
		while (*item == ' ')
			item++;
		if (eq == NULL || eq == item || (vote = accord_vote_from_name(eq + 1)) < 0) {
			accord_free(ballots);
			return cli_usage_error("vote", "--roll-call takes PARTY=yes|no|abstain, comma-separated");
		}
		*eq = '\0';
		ballots[i].party = item;
		ballots[i].vote = (accord_vote_choice)vote;
		i++;
	}
	if (i == 0) {
		accord_free(ballots);
		return cli_usage_error("vote", "--roll-call takes PARTY=yes|no|abstain, comma-separated");
	}
	*out = ballots;
	*n = i;
	return EXIT_OK;
}

int cmd_vote(int argc, char **argv)
{
	static const struct option long_options[] = {{"as", required_argument, NULL, 'a'},
		{"roll-call", required_argument, NULL, 'r'}, {"important", no_argument, NULL, 'i'},
		{"not-important", no_argument, NULL, 'N'}, {"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	accord_session_ballot *ballots = NULL;
	const char *party = NULL, *roll_call = NULL;
	char *roll_text = NULL;
	accord_error err;
	cli_session cs;
	size_t n = 0;
	int opt, rc, json = 0, important = -1, vote = -1, operands;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":a:r:ijh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'a': party = optarg; break;
		case 'r': roll_call = optarg; break;
		case 'i': important = 1; break;
		case 'N': important = 0; break;
		case 'j': json = 1; break;
		case 'h': return cli_help("vote");
		default: return cli_bad_option("vote", opt, argv);
		}
	}
	operands = argc - optind;
	if (party != NULL && (roll_call != NULL || important >= 0))
		return cli_usage_error("vote", "--as is one party's vote; --roll-call and --important are the chair's");
	if (party != NULL && operands != 3)
		return cli_usage_error("vote", "expected SESSION AMENDMENT yes|no|abstain");
	if (party == NULL && roll_call == NULL && important < 0)
		return cli_usage_error("vote", "give --as PARTY, --roll-call or --important");
	if (party == NULL && operands != 2)
		return cli_usage_error("vote", "expected SESSION AMENDMENT");
	if (party != NULL && (vote = accord_vote_from_name(argv[optind + 2])) < 0)
		return cli_usage_error("vote", "a vote is yes, no or abstain");
	if (roll_call != NULL && (rc = parse_roll_call(&ballots, &n, &roll_text, roll_call)) != EXIT_OK) {
		accord_free(roll_text);
		return rc;
	}
	rc = cli_session_open(&cs, argv[optind], 1);
	if (rc != EXIT_OK) {
		accord_free(ballots);
		accord_free(roll_text);
		return rc;
	}
	if (json && (rc = cli_session_watch(&cs)) != EXIT_OK) {
		cli_session_close(&cs);
		accord_free(ballots);
		accord_free(roll_text);
		return rc;
	}
	if (party != NULL)
		rc = accord_session_cast_vote(cs.session, party, argv[optind + 1], (accord_vote_choice)vote, &err);
	else
		rc = accord_session_roll_call(cs.session, argv[optind + 1], ballots, n, important, &err);
	if (rc != ACCORD_OK) {
		rc = cli_report(&err);
	} else if (cs.watching) {
		rc = cli_session_print_events(&cs);
	} else {
		if (party != NULL)
			printf("%s: %s on %s\n", party, argv[optind + 2], argv[optind + 1]);
		else if (n > 0)
			printf("roll call on %s: %zu votes recorded%s\n", argv[optind + 1], n,
				important > 0 ? "; an important question" : important == 0 ? "; not an important question" : "");
		else
			printf("%s: %s\n", argv[optind + 1], important > 0 ? "an important question" : "not an important question");
		rc = cli_write_recorded();
	}
	cli_session_close(&cs);
	accord_free(ballots);
	accord_free(roll_text);
	return rc;
}
