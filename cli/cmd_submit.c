/* cmd_submit.c: accord submit SESSION --as PARTY [--rev N] FILE: a contribution, turned into attributed amendments. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/docx.h"
#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_submit_usage[] =
	"Usage: accord submit SESSION --as PARTY [--rev N] FILE\n"
	"\n"
	"Records a contribution: FILE is PARTY's version of a revision of the text. It\n"
	"is kept as received, aligned with that revision by content, and turned into\n"
	"amendments attributed to PARTY (ids PARTY/1, PARTY/2 ...), each checked by the\n"
	"rule pack. All of them are recorded, or none (one transaction).\n"
	"\n"
	"A contribution written on an older revision (given with --rev, or else the\n"
	"revision its text is closest to; for a .docx with tracked changes, the one\n"
	"the changes were made on: its text with them rejected) is compared with that\n"
	"one, and its changes are carried forward onto the latest revision. A change\n"
	"already adopted since, or one that would undo text adopted since, is left\n"
	"out, never proposed; a warning on standard error names the revision and what\n"
	"was left out, and the event records them (written_on, left_out).\n"
	"\n"
	"A .docx whose tracked changes have several authors is split by author: an\n"
	"author whose name is a roster party's code, name or alias (or names several,\n"
	"\"IRN, USA\") submits that party's changes, any other author's are PARTY's.\n"
	"Its comments become the comments of the parties they name (\"US: ...\"), or of\n"
	"their author when a party, else PARTY's, on the paragraph they are anchored in.\n"
	"Each party's submission is reported; all are recorded, or none.\n"
	"\n"
	"Options:\n"
	"  -a, --as PARTY   the submitting party (a code of the session's roster)\n"
	"  -r, --rev N      the revision FILE was written on (default: detected)\n"
	"  -j, --json       print the events the action wrote, as JSON lines (as\n"
	"                   'accord log --json'), instead of the report\n"
	"  -h, --help       print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 bad contribution, no change or no such\n"
	"revision, 4 the rule pack failed, 5 storage error, 6 refused by the procedure.\n";

/* One party's report: "PARTY: N amendments from FILE" and a line per amendment. */
static void print_submission(const accord_submission *sub, const char *file)
{
	size_t i, n = accord_amendments_count(sub->amendments);
	printf("%s: %zu amendment%s", sub->party, n, n == 1 ? "" : "s");
	if (sub->comments > 0)
		printf(" and %zu comment%s", sub->comments, sub->comments == 1 ? "" : "s");
	printf(" from %s\n", file);
	for (i = 0; i < n; i++) {
		const accord_amendment *a = accord_amendments_get(sub->amendments, i);
		/* what it is about: its target, or for a new paragraph where it goes */
		const char *where = a->target != NULL ? a->target
			: a->position.after != NULL ? a->position.after
			: a->position.parent != NULL ? a->position.parent
			: a->position.section != NULL ? a->position.section : "";
		printf("  %-10s %-8s %s\n", a->id, accord_op_name(a->op), where);
	}
}

int cmd_submit(int argc, char **argv)
{
	static const struct option long_options[] = {{"as", required_argument, NULL, 'a'},
		{"rev", required_argument, NULL, 'r'}, {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	accord_submit_options opts = ACCORD_SUBMIT_OPTIONS_INIT;
	accord_submission *subs = NULL;
	accord_buf data = ACCORD_BUF_INIT;
	cli_session_args args;
	accord_error err;
	cli_session cs;
	const char *file;
	size_t i, n = 0;
	int rc, opt, docx;
	char *end;
	long value;

	accord_error_clear(&err);
	memset(&args, 0, sizeof args);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":a:r:jh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'a': args.party = optarg; break;
		case 'j': args.json = 1; break;
		case 'r':
			value = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || value < 0 || value > 1000000)
				return cli_usage_error("submit", "--rev takes a revision number (0 is the base)");
			opts.rev = (int)value;
			break;
		case 'h': return cli_help("submit");
		default: return cli_bad_option("submit", opt, argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("submit", "expected SESSION and FILE");
	if (args.party == NULL)
		return cli_usage_error("submit", "--as PARTY is required");
	args.operands = argv + optind;
	file = args.operands[1];
	if (accord_read_file(&data, file, &err) != ACCORD_OK)
		return cli_report(&err);
	docx = accord_docx_sniff(data.ptr, data.size) != ACCORD_DOCX_NONE;
	rc = cli_session_open(&cs, args.operands[0], 1);
	if (rc != EXIT_OK) {
		accord_buf_dispose(&data);
		return rc;
	}
	if (args.json && (rc = cli_session_watch(&cs)) != EXIT_OK)
		goto cleanup;
	/* a .docx: split by author, each party's changes against the text they were made on */
	if (accord_session_submit_file(&subs, &n, cs.session, args.party, file, data.ptr, data.size, &opts, &err) !=
		ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		/* not written on the latest revision: one line saying so, whatever the output */
		if (subs[i].result.warning != NULL)
			fprintf(stderr, "accord: %s: %s%s%s\n", file, n > 1 ? subs[i].party : "", n > 1 ? ": " : "",
				subs[i].result.warning);
		if (subs[i].comments_refused > 0)
			fprintf(stderr, "accord: %s: warning: %zu comment%s by %s not recorded: the procedure takes no comments now\n",
				file, subs[i].comments_refused, subs[i].comments_refused == 1 ? "" : "s", subs[i].party);
		if (!docx)
			cli_print_flattened(subs[i].amendments, NULL, NULL, file, data.ptr != NULL ? data.ptr : "", data.size);
	}
	if (cs.watching) {
		rc = cli_session_print_events(&cs);
		goto cleanup;
	}
	for (i = 0; i < n; i++)
		print_submission(&subs[i], file);
	rc = cli_write_recorded();
cleanup:
	accord_submissions_free(subs, n);
	accord_buf_dispose(&data);
	cli_session_close(&cs);
	return rc;
}
