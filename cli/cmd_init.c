/* cmd_init.c: accord init SESSION --workflow W --base FILE [--roster ROSTER.yaml] [--brackets]: a new drafting session. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "accord/bracketed.h"
#include "accord/format.h"
#include "accord/roster.h"
#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"
#include "accord_brackets.h"
#include "accord_pack.h"
#include "session_rules.h"

const char cmd_init_usage[] =
	"Usage: accord init SESSION --workflow W --base FILE [--roster ROSTER.yaml]\n"
	"                   [--brackets [--lenient]]\n"
	"\n"
	"Creates the drafting session SESSION (one SQLite file, which must not exist):\n"
	"the base text becomes Rev.0, the roster lists the parties, and the workflow's\n"
	"rule pack decides who may do what. The session starts at the pack's first stage.\n"
	"The pack is checked as 'accord workflow check' does, with the roster: a pack\n"
	"that does not follow the API, or a party whose role the pack does not know, is\n"
	"refused with its first problem (exit 3; 'accord workflow check' lists them all).\n"
	"\n"
	"Options:\n"
	"  -w, --workflow W     a rule pack: a name (wtpf, cwg_internet, igf, un_ga), looked\n"
	"                       up in $ACCORD_WORKFLOWS and the workflows/ folder beside the\n"
	"                       program, or the path of a .lua file\n"
	"  -b, --base FILE      the base text (text, Markdown, YAML or JSON)\n"
	"  -r, --roster FILE    the parties (YAML, see examples/wtpf-2013/roster.yaml);\n"
	"                       without it no party can act\n"
	"  -g, --generic        read the base as a plain sequence of paragraphs\n"
	"      --brackets       the base is a bracketed negotiating text (read with the\n"
	"                       pack's bracket convention, as accord brackets -w W):\n"
	"                       each bracket group of a paragraph and each option block\n"
	"                       becomes an open question, one amendment per alternative,\n"
	"                       tabled by the parties the brackets name when the roster\n"
	"                       has them, else by the roster's chair or secretariat, or\n"
	"                       by a party CHAIR the session adds. Agreeing an\n"
	"                       alternative keeps its words without brackets at the next\n"
	"                       revision; rejecting all of a group's drops its words\n"
	"      --lenient        with --brackets: unbalanced brackets are warnings (an\n"
	"                       unclosed one runs to the end of its paragraph)\n"
	"  -h, --help           print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 bad base (unbalanced brackets with\n"
	"--brackets: FILE:LINE:COL of the culprit), roster or workflow, 4 the rule\n"
	"pack failed, 5 the session cannot be written (or exists already).\n";

int cmd_init(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"workflow", required_argument, NULL, 'w'},
		{"base", required_argument, NULL, 'b'},
		{"roster", required_argument, NULL, 'r'},
		{"generic", no_argument, NULL, 'g'},
		{"brackets", no_argument, NULL, 'B'},
		{"lenient", no_argument, NULL, 'L'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	accord_parse_options popts = ACCORD_PARSE_OPTIONS_INIT;
	accord_session_init init = ACCORD_SESSION_INIT_INIT;
	accord_buf roster_text = ACCORD_BUF_INIT;
	const accord_session_rules *rules = NULL;
	accord_session *session = NULL;
	accord_doc *base = NULL;
	accord_error err;
	const char *workflow = NULL, *base_path = NULL, *roster_path = NULL, *path;
	char *pack_path = NULL, *stage = NULL;
	accord_session_pack *pack = NULL;
	accord_roster *roster = NULL;
	accord_pack_brackets *convention = NULL;
	accord_bracketed *bracketed = NULL;
	accord_buf source = ACCORD_BUF_INIT;
	int opt, rc, brackets = 0, lenient = 0;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":w:b:r:gh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'w': workflow = optarg; break;
		case 'b': base_path = optarg; break;
		case 'r': roster_path = optarg; break;
		case 'g': popts.force_generic = 1; break;
		case 'B': brackets = 1; break;
		case 'L': lenient = 1; break;
		case 'h': return cli_help("init");
		default: return cli_bad_option("init", opt, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("init", "expected one SESSION file");
	if (workflow == NULL || base_path == NULL)
		return cli_usage_error("init", "--workflow and --base are required");
	if (lenient && !brackets)
		return cli_usage_error("init", "--lenient goes with --brackets");
	path = argv[optind];
	rc = cli_workflow_path(&pack_path, workflow);
	if (rc != EXIT_OK)
		return rc;
	popts.name = base_path;
	if (accord_doc_parse_file(&base, base_path, &popts, &err) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	if (!brackets)
		cli_print_warnings(base, base_path);
	if (roster_path != NULL && accord_read_file(&roster_text, roster_path, &err) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	if (roster_path != NULL &&
	    accord_roster_parse(&roster, roster_text.ptr != NULL ? roster_text.ptr : "", roster_text.size, roster_path,
		    &err) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	rc = accord_session_pack_load(&pack, pack_path, roster, &err);
	roster = NULL;
	if (rc != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	/*
	** The pack as `workflow check` sees it, with the roster (every party's
	** role one it knows): the first problem, `workflow check` lists them all.
	*/
	if (accord_pack_validate(accord_session_pack_pack(pack), NULL, &err) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	if (brackets) {
		/* the base's brackets, as the pack writes them; the file again for exact columns */
		accord_bracket_read_options ro = ACCORD_BRACKET_READ_OPTIONS_INIT;
		if (accord_pack_brackets_load(&convention, accord_session_pack_pack(pack), &err) != ACCORD_OK) {
			rc = cli_report(&err);
			goto cleanup;
		}
		if (strcmp(base_path, "-") != 0 && accord_read_file(&source, base_path, NULL) == ACCORD_OK) {
			ro.source = source.ptr;
			ro.source_len = source.size;
		}
		ro.brackets = accord_pack_brackets_get(convention);
		ro.lenient = lenient;
		ro.name = base_path;
		if (accord_bracketed_read(&bracketed, base, &ro, &err) != ACCORD_OK) {
			rc = cli_report(&err);
			goto cleanup;
		}
		cli_print_warnings(base, base_path);
	}
	rules = accord_session_pack_rules(pack);
	init.workflow = workflow; /* the session records it (accord_session_create says how) */
	init.base = base;
	init.base_name = base_path;
	init.roster = roster_path != NULL ? (roster_text.ptr != NULL ? roster_text.ptr : "") : NULL;
	init.roster_len = roster_text.size;
	init.roster_name = roster_path;
	init.brackets = bracketed;
	if (accord_session_create(&session, path, &init, rules, &err) != ACCORD_OK ||
	    accord_session_current_stage(&stage, session, &err) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	printf("%s: a new %s session at stage '%s'; Rev.0 is %s (%zu paragraphs)\n", path, workflow, stage, base_path,
		accord_doc_para_total(base));
	if (bracketed != NULL) {
		accord_session_amendment *tabled = NULL;
		size_t n = 0;
		if (accord_session_amendments(&tabled, &n, session, -1, &err) != ACCORD_OK) {
			rc = cli_report(&err);
			goto cleanup;
		}
		accord_session_amendments_free(tabled, n);
		printf("%s: %zu amendment%s tabled for the open questions of the bracketed text\n", path, n, n == 1 ? "" : "s");
	}
	rc = cli_write_stdout(NULL, 0);
cleanup:
	accord_bracketed_free(bracketed);
	accord_pack_brackets_free(convention);
	accord_buf_dispose(&source);
	accord_free(stage);
	accord_session_close(session);
	accord_session_pack_free(pack);
	accord_roster_free(roster);
	accord_doc_free(base);
	accord_buf_dispose(&roster_text);
	accord_free(pack_path);
	return rc;
}
