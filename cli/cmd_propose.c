/* cmd_propose.c: accord propose SESSION --as PARTY ...: one amendment typed by hand. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/proposal.h"
#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_propose_usage[] =
	"Usage: accord propose SESSION --as PARTY --paragraph ID --replace OLD --with NEW\n"
	"       accord propose SESSION --as PARTY --paragraph ID --delete TEXT\n"
	"       accord propose SESSION --as PARTY --paragraph ID --insert TEXT\n"
	"                              [--after-text WORDS | --before-text WORDS]\n"
	"       accord propose SESSION --as PARTY --add-paragraph TEXT\n"
	"                              (--after ID | --before ID | --in SECTION) [--label L]\n"
	"       accord propose SESSION --as PARTY --delete-paragraph ID\n"
	"\n"
	"Tables one amendment by PARTY against the latest revision. IDs are the\n"
	"session's stored ids, as 'accord text SESSION --format outline' shows them\n"
	"(not those of 'accord parse', which numbers a text afresh). Quoted text (OLD,\n"
	"TEXT to delete, WORDS) must occur exactly once in the paragraph. An insertion\n"
	"without --after-text/--before-text goes at the end of the paragraph. The rule\n"
	"pack decides whether PARTY may propose at this stage.\n"
	"\n"
	"Options:\n"
	"  -a, --as PARTY          the proposing party\n"
	"  -p, --paragraph ID      the paragraph whose text changes\n"
	"      --replace OLD       replace OLD ...\n"
	"      --with NEW          ... with NEW\n"
	"      --delete TEXT       delete TEXT\n"
	"      --insert TEXT       insert TEXT\n"
	"      --after-text WORDS  ... right after WORDS\n"
	"      --before-text WORDS ... right before WORDS\n"
	"      --add-paragraph TEXT  a new paragraph, placed --after or --before a\n"
	"                          paragraph, or at the end of section --in SECTION\n"
	"      --label L           the new paragraph's label (\"e)\", \"1 bis\")\n"
	"      --delete-paragraph ID  delete a paragraph (with its sub-paragraphs)\n"
	"  -s, --supersedes IDS    open amendments (comma-separated) this compromise\n"
	"                          text replaces: they become superseded (agreed ones\n"
	"                          too, while they do not fit together: see revise)\n"
	"  -j, --json              print the events the action wrote, as JSON lines (as\n"
	"                          'accord log --json'), instead of the report\n"
	"  -h, --help              print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 unknown paragraph or text not found,\n"
	"4 the rule pack failed, 5 storage error, 6 refused by the procedure.\n";

enum { O_REPLACE = 256, O_WITH, O_DELETE, O_INSERT, O_AFTER_TEXT, O_BEFORE_TEXT, O_ADD, O_AFTER, O_BEFORE, O_IN,
	O_LABEL, O_DELETE_PARA };

static int check_shape(const accord_proposal *p, const char *party)
{
	int text_ops = (p->replace != NULL) + (p->delete_text != NULL) + (p->insert != NULL);
	int forms = (p->paragraph != NULL) + (p->add_paragraph != NULL) + (p->delete_paragraph != NULL);
	if (party == NULL)
		return cli_usage_error("propose", "--as PARTY is required");
	if (forms != 1)
		return cli_usage_error("propose", "give one of --paragraph, --add-paragraph and --delete-paragraph");
	if (p->paragraph != NULL && text_ops != 1)
		return cli_usage_error("propose", "--paragraph needs one of --replace, --delete and --insert");
	if (p->paragraph == NULL && text_ops > 0)
		return cli_usage_error("propose", "--replace, --delete and --insert go with --paragraph");
	if ((p->replace != NULL) != (p->with != NULL))
		return cli_usage_error("propose", "--replace OLD goes with --with NEW");
	/* nothing to insert made an amendment adding one space; nothing to add, an empty paragraph */
	if ((p->insert != NULL && p->insert[strspn(p->insert, " \t\n\r")] == '\0') ||
	    (p->add_paragraph != NULL && p->add_paragraph[strspn(p->add_paragraph, " \t\n\r")] == '\0'))
		return cli_usage_error("propose", "--insert and --add-paragraph take some text");
	/* the canonical text ends a label at its tab: "x\ty" would come back as text */
	if (p->label != NULL && (p->label[0] == '\0' || strpbrk(p->label, "\t\n\r") != NULL))
		return cli_usage_error("propose", "--label takes a label such as \"e)\" (no tab or line break)");
	if ((p->after_text != NULL || p->before_text != NULL) && p->insert == NULL)
		return cli_usage_error("propose", "--after-text and --before-text go with --insert");
	if (p->after_text != NULL && p->before_text != NULL)
		return cli_usage_error("propose", "give one of --after-text and --before-text");
	if (p->add_paragraph != NULL && (p->after != NULL) + (p->before != NULL) + (p->in != NULL) != 1)
		return cli_usage_error("propose", "--add-paragraph needs one of --after, --before and --in");
	if (p->add_paragraph == NULL && (p->after != NULL || p->before != NULL || p->in != NULL || p->label != NULL))
		return cli_usage_error("propose", "--after, --before, --in and --label go with --add-paragraph");
	return EXIT_OK;
}

int cmd_propose(int argc, char **argv)
{
	static const struct option long_options[] = {{"as", required_argument, NULL, 'a'},
		{"paragraph", required_argument, NULL, 'p'}, {"replace", required_argument, NULL, O_REPLACE},
		{"with", required_argument, NULL, O_WITH}, {"delete", required_argument, NULL, O_DELETE},
		{"insert", required_argument, NULL, O_INSERT}, {"after-text", required_argument, NULL, O_AFTER_TEXT},
		{"before-text", required_argument, NULL, O_BEFORE_TEXT}, {"add-paragraph", required_argument, NULL, O_ADD},
		{"after", required_argument, NULL, O_AFTER}, {"before", required_argument, NULL, O_BEFORE},
		{"in", required_argument, NULL, O_IN}, {"label", required_argument, NULL, O_LABEL},
		{"delete-paragraph", required_argument, NULL, O_DELETE_PARA},
		{"supersedes", required_argument, NULL, 's'}, {"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	accord_proposal p = ACCORD_PROPOSAL_INIT;
	const char *party = NULL, *supersedes_arg = NULL;
	accord_error err;
	cli_session cs;
	char *id = NULL, *list = NULL, *tok, *save = NULL;
	const char **supersedes = NULL;
	size_t n_supersedes = 0;
	int opt, rc, json = 0;

	memset(&cs, 0, sizeof cs);
	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":a:p:s:jh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'a': party = optarg; break;
		case 'p': p.paragraph = optarg; break;
		case O_REPLACE: p.replace = optarg; break;
		case O_WITH: p.with = optarg; break;
		case O_DELETE: p.delete_text = optarg; break;
		case O_INSERT: p.insert = optarg; break;
		case O_AFTER_TEXT: p.after_text = optarg; break;
		case O_BEFORE_TEXT: p.before_text = optarg; break;
		case O_ADD: p.add_paragraph = optarg; break;
		case O_AFTER: p.after = optarg; break;
		case O_BEFORE: p.before = optarg; break;
		case O_IN: p.in = optarg; break;
		case O_LABEL: p.label = optarg; break;
		case O_DELETE_PARA: p.delete_paragraph = optarg; break;
		case 's': supersedes_arg = optarg; break;
		case 'j': json = 1; break;
		case 'h': return cli_help("propose");
		default: return cli_bad_option("propose", opt, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("propose", "expected one SESSION");
	rc = check_shape(&p, party);
	if (rc != EXIT_OK)
		return rc;
	if (supersedes_arg != NULL) {
		list = accord_strdup(supersedes_arg);
		supersedes = accord_calloc(strlen(supersedes_arg) + 1, sizeof *supersedes);
		if (list == NULL || supersedes == NULL) {
			rc = cli_fail(EXIT_INTERNAL, "out of memory");
			goto cleanup;
		}
		for (tok = strtok_r(list, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save))
			supersedes[n_supersedes++] = tok;
	}
	rc = cli_session_open(&cs, argv[optind], 1);
	if (rc != EXIT_OK || (json && (rc = cli_session_watch(&cs)) != EXIT_OK))
		goto cleanup;
	if (accord_session_propose_edit(&id, cs.session, party, &p, supersedes, n_supersedes, &err) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	if (cs.watching) {
		rc = cli_session_print_events(&cs);
		goto cleanup;
	}
	printf("%s\n", id);
	rc = cli_write_recorded();
cleanup:
	accord_free(id);
	accord_free(list);
	accord_free((void *)supersedes);
	if (cs.session != NULL)
		cli_session_close(&cs);
	return rc;
}
