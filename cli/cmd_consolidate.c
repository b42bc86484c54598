/* cmd_consolidate.c: accord consolidate BASE PARTY=FILE ...: one compilation text from many contributions. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/consolidate.h"
#include "accord/docx.h"
#include "accord/format.h"
#include "accord/roster.h"
#include "cli.h"
#include "cli_consolidate.h"
#include "cli_session.h"
#include "accord_brackets.h"
#include "accord_pack.h"

const char cmd_consolidate_usage[] =
	"Usage: accord consolidate [OPTIONS] BASE PARTY=FILE [PARTY=FILE ...]\n"
	"\n"
	"Builds the compilation of the contributions: every party's version of the\n"
	"BASE text is diffed against it, and the proposals are shown paragraph by\n"
	"paragraph, attributed and bracketed by the body's convention: identical\n"
	"changes once with their co-sponsors, near-duplicates flagged, overlapping\n"
	"proposals as alternatives (Alt 1, Alt 2 ... and the base as NOC), new\n"
	"paragraphs where their proposers put them (a bis), a ter) ...), deletions,\n"
	"moves and heading changes marked, never applied.\n"
	"\n"
	"Options:\n"
	"  -w, --workflow W       the rule pack whose bracket convention to use: a name\n"
	"                         (wtpf, cwg_internet, igf, un_ga: workflows/W.lua, looked\n"
	"                         up in $ACCORD_WORKFLOWS, ./workflows and the source tree)\n"
	"                         or a path; default: the built-in UN convention\n"
	"  -r, --roster R         a roster (YAML): party names for the legend; every\n"
	"                         PARTY must be in it\n"
	"  -f, --format FORMAT    text (default), md, html (a standalone page), json, yaml,\n"
	"                         or docx: a Word file (binary: give -o OUT.docx): the\n"
	"                         base with each party's proposals as tracked changes\n"
	"                         under its name (the roster's, else its code); words\n"
	"                         several parties replace deleted once, each party's\n"
	"                         text inserted after them; co-sponsored text once\n"
	"                         under all their names (an anonymous convention: the\n"
	"                         text, proposals underlined or struck in colours)\n"
	"  -o, --output OUT       write to OUT (atomically) instead of standard output\n"
	"  -a, --accept PARTY     print the base with exactly PARTY's proposals accepted\n"
	"                         (those it made or co-sponsors), in FORMAT (text: the\n"
	"                         canonical text form, equal to `accord parse FILE\n"
	"                         --format text` of PARTY's contribution; docx: the base\n"
	"                         with PARTY's proposals as Word tracked changes under\n"
	"                         its name (the roster's, else its code), to accept or\n"
	"                         reject in a word processor)\n"
	"  -t, --title TITLE      the title of the HTML/Markdown page\n"
	"  -g, --generic          read texts as plain paragraphs (no opinion layout)\n"
	"      --color WHEN       text: colour proposals by party: auto (default), always, never\n"
	"  -h, --help             print this help\n"
	"\n"
	"Example:\n"
	"  accord consolidate --workflow wtpf examples/wtpf-2013/base-wtpf-ieg-2-10-opinion-1.txt \\\n"
	"      IRN=examples/wtpf-2013/contrib-IRN.txt USA=examples/wtpf-2013/contrib-USA.txt\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 bad input, 4 the rule pack failed,\n"
	"5 a file cannot be read or written, 70 internal error.\n";

static int parse_doc(accord_doc **out, const char *path, int generic, accord_error *err)
{
	accord_parse_options po = ACCORD_PARSE_OPTIONS_INIT;
	int rc;
	po.name = path;
	po.force_generic = generic;
	rc = accord_doc_parse_file(out, path, &po, err);
	if (rc == ACCORD_OK)
		cli_print_warnings(*out, path);
	return rc;
}

/*
** The warnings of flattened tracked changes of the contribution whose
** amendments start at first, into warnings (printed once the compilation
** is built: a failed command says only what failed).
*/
static void flattened_warnings(accord_buf *warnings, const accord_compilation *c, size_t first, const accord_doc *doc,
	const char *path, const char *text, size_t len)
{
	accord_amendment_list *list = NULL;
	size_t i, n = accord_compilation_amendment_count(c);
	if (accord_amendments_new(&list) != ACCORD_OK)
		return;
	for (i = first; i < n; i++)
		if (accord_amendments_add(list, accord_compilation_amendment(c, i)) != ACCORD_OK)
			break;
	if (i == n)
		cli_flattened_warnings(warnings, list, accord_compilation_base(c), doc, path, text != NULL ? text : "", len);
	accord_amendments_free(list);
}

/*
** Adds PARTY=FILE's contribution. A Word file with tracked changes by several
** authors gives each party its own: authors named as a roster party (code or
** name) are that party, the others PARTY (accord_docx_proposals).
*/
static int add_contribution(accord_compilation *c, const char *party, const char *path, int generic,
	const accord_roster *roster, accord_buf *warnings, accord_error *err)
{
	accord_parse_options po = ACCORD_PARSE_OPTIONS_INIT;
	accord_docx_proposal *proposals = NULL;
	accord_buf data = ACCORD_BUF_INIT;
	accord_docx *docx = NULL;
	accord_doc *doc = NULL;
	size_t i, n = 0;
	int rc;

	if ((rc = accord_read_file(&data, path, err)) != ACCORD_OK)
		return rc;
	if (accord_docx_sniff(data.ptr, data.size) == ACCORD_DOCX_NONE) {
		size_t first = accord_compilation_amendment_count(c);
		if ((rc = parse_doc(&doc, path, generic, err)) == ACCORD_OK)
			rc = accord_compilation_add_contribution(c, party, doc, path, err);
		if (rc == ACCORD_OK)
			flattened_warnings(warnings, c, first, doc, path, data.ptr, data.size);
		accord_buf_dispose(&data);
		accord_doc_free(doc);
		return rc;
	}
	po.name = path;
	po.force_generic = generic;
	rc = accord_docx_read(&docx, data.ptr, data.size, path, NULL, err);
	if (rc == ACCORD_OK && (rc = accord_docx_proposals(&proposals, &n, docx, roster, party)) != ACCORD_OK)
		accord_error_set(err, rc, "%s: %s", path, accord_strerror(rc));
	for (i = 0; i < n && rc == ACCORD_OK; i++) {
		if ((rc = accord_doc_parse_text(&doc, proposals[i].text, proposals[i].len, &po, err)) != ACCORD_OK)
			break;
		cli_print_warnings(doc, path);
		rc = accord_compilation_add_contribution(c, proposals[i].party, doc, path, err);
		accord_doc_free(doc);
		doc = NULL;
	}
	accord_docx_proposals_free(proposals, n);
	accord_docx_free(docx);
	accord_buf_dispose(&data);
	return rc;
}

int cmd_consolidate(int argc, char **argv)
{
	static const struct option long_options[] = {
		CLI_COMPILATION_LONG_OPTIONS,
		{"roster", required_argument, NULL, 'r'},
		{"generic", no_argument, NULL, 'g'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	cli_compilation_options co = CLI_COMPILATION_OPTIONS_INIT;
	accord_error err;
	accord_buf warnings = ACCORD_BUF_INIT;
	accord_doc *base = NULL;
	accord_compilation *c = NULL;
	accord_roster *roster = NULL;
	const char *roster_path = NULL;
	char *pack_path = NULL;
	int generic = 0;
	int opt, rc, i;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":" CLI_COMPILATION_OPTSTRING "r:gh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'r':
			roster_path = optarg;
			break;
		case 'g':
			generic = 1;
			break;
		case 'h':
			return cli_help("consolidate");
		default:
			if ((rc = cli_compilation_option(&co, "consolidate", opt, argv)) != EXIT_OK)
				return rc;
		}
	}
	if (optind >= argc)
		return cli_usage_error("consolidate", "no base text");
	if (argc - optind < 2)
		return cli_usage_error("consolidate", "no contribution (PARTY=FILE)");
	for (i = optind + 1; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		if (eq == NULL || eq == argv[i] || eq[1] == '\0')
			return cli_usage_error("consolidate", "'%s' is not PARTY=FILE", argv[i]);
	}
	if ((rc = cli_check_binary_output("consolidate", co.format, co.output)) != EXIT_OK)
		return rc;
	if (co.workflow != NULL && (rc = cli_workflow_path(&pack_path, co.workflow)) != EXIT_OK)
		return rc;

	if ((rc = parse_doc(&base, argv[optind], generic, &err)) != ACCORD_OK)
		goto report;
	if ((rc = accord_compilation_new(&c, base, &err)) != ACCORD_OK)
		goto report;
	/* the roster first: it maps the authors of a Word file's tracked changes to parties */
	if (roster_path != NULL && (rc = accord_roster_load(&roster, roster_path, &err)) != ACCORD_OK)
		goto report;
	for (i = optind + 1; i < argc; i++) {
		char *party = accord_strndup(argv[i], (size_t)(strchr(argv[i], '=') - argv[i]));
		const char *path = strchr(argv[i], '=') + 1;
		if (party == NULL) {
			rc = accord_error_set(&err, ACCORD_ENOMEM, "out of memory");
			goto report;
		}
		rc = add_contribution(c, party, path, generic, roster, &warnings, &err);
		accord_free(party);
		if (rc == ACCORD_EINVAL && err.file[0] == '\0') {
			rc = cli_usage_error("consolidate", "%s", err.message);
			goto cleanup;
		}
		if (rc != ACCORD_OK)
			goto report;
	}
	if (roster != NULL && (rc = accord_compilation_set_roster(c, roster, &err)) != ACCORD_OK) {
		char why[sizeof(err.message)];
		snprintf(why, sizeof(why), "%s", err.message); /* err is written over next */
		if (rc == ACCORD_ENOTFOUND)
			accord_error_set(&err, rc, "%s: %s", roster_path, why);
		goto report;
	}
	if ((rc = accord_compilation_build(c, &err)) != ACCORD_OK)
		goto report;
	rc = cli_compilation_output(c, "consolidate", pack_path, &co);
	if (rc == EXIT_OK && warnings.size > 0)
		fwrite(warnings.ptr, 1, warnings.size, stderr);
	goto cleanup;
report:
	rc = cli_report(&err);
cleanup:
	accord_buf_dispose(&warnings);
	accord_free(pack_path);
	accord_compilation_free(c);
	accord_roster_free(roster);
	accord_doc_free(base);
	return rc;
}

/* ---- shared with accord compile ------------------------------------------------------------- */

int cli_compilation_option(cli_compilation_options *o, const char *command, int opt, char **argv)
{
	switch (opt) {
	case 'w':
		o->workflow = optarg;
		break;
	case 'f':
		o->format = accord_format_from_name(optarg);
		if (o->format < 0 || o->format == ACCORD_FORMAT_AUTO)
			return cli_usage_error(command, "unknown format '%s' (text, md, html, json, yaml, docx)", optarg);
		break;
	case 'o':
		o->output = optarg;
		break;
	case 'a':
		o->accept = optarg;
		break;
	case 't':
		o->render.title = optarg;
		break;
	case 'C':
		if (strcmp(optarg, "always") == 0)
			o->color = 1;
		else if (strcmp(optarg, "never") == 0)
			o->color = 0;
		else if (strcmp(optarg, "auto") == 0)
			o->color = -1;
		else
			return cli_usage_error(command, "--color takes auto, always or never");
		break;
	default:
		return cli_bad_option(command, opt, argv);
	}
	return EXIT_OK;
}

/* The display name of party (the roster's, else its code). */
static const char *party_name(const accord_compilation *c, const char *party)
{
	size_t i;
	for (i = 0; i < accord_compilation_party_count(c); i++)
		if (strcmp(accord_compilation_party(c, i), party) == 0)
			return accord_compilation_party_name(c, i);
	return party;
}

int cli_compilation_output(accord_compilation *c, const char *command, const char *pack_path,
	cli_compilation_options *o)
{
	accord_error err;
	accord_buf out = ACCORD_BUF_INIT;
	accord_doc *accepted = NULL;
	accord_pack *pack = NULL;
	accord_pack_brackets *pb = NULL;
	int rc;

	accord_error_clear(&err);
	if (o->accept != NULL) {
		rc = accord_compilation_accept(&accepted, c, o->accept, &err);
		if (rc == ACCORD_ENOTFOUND) {
			rc = cli_usage_error(command, "--accept %s: no such party in the compilation", o->accept);
			goto cleanup;
		}
		if (rc != ACCORD_OK)
			goto report;
		if (o->format == ACCORD_FORMAT_TEXT)
			rc = accord_doc_render_text(&out, accepted);
		else if (o->format == ACCORD_FORMAT_DOCX) /* PARTY's proposals as its tracked changes under its name */
			rc = accord_doc_render_docx_changes(&out, accord_compilation_base(c), accepted, party_name(c, o->accept),
				&err);
		else
			rc = accord_doc_render(&out, accepted, (accord_format)o->format, &err);
		if (rc != ACCORD_OK) {
			if (err.code == ACCORD_OK)
				accord_error_set(&err, rc, "cannot render the accepted text: %s", accord_strerror(rc));
			goto report;
		}
	} else {
		if (pack_path != NULL) {
			accord_pack_options po = ACCORD_PACK_OPTIONS_INIT;
			po.name = pack_path;
			if ((rc = accord_pack_load(&pack, pack_path, &po, &err)) != ACCORD_OK ||
			    (rc = accord_pack_brackets_load(&pb, pack, &err)) != ACCORD_OK)
				goto report;
			o->render.brackets = accord_pack_brackets_get(pb);
		}
		o->render.color = o->format == ACCORD_FORMAT_TEXT && o->output == NULL &&
			(o->color == 1 || (o->color == -1 && cli_use_color(stdout)));
		if ((rc = accord_compilation_render(&out, c, (accord_format)o->format, &o->render, &err)) != ACCORD_OK)
			goto report;
	}
	rc = o->output != NULL ? cli_write_file(o->output, out.ptr != NULL ? out.ptr : "", out.size)
				: cli_write_stdout(out.ptr, out.size);
	goto cleanup;
report:
	rc = cli_report(&err);
cleanup:
	accord_pack_brackets_free(pb);
	accord_pack_free(pack);
	accord_buf_dispose(&out);
	accord_doc_free(accepted);
	return rc;
}
