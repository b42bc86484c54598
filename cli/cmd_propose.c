/* cmd_propose.c: accord propose SESSION --as PARTY ...: one amendment typed by hand. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/doc.h"
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
	"Tables one amendment by PARTY against the latest revision (ids as in\n"
	"'accord parse --format outline' of 'accord text SESSION'). Quoted text (OLD,\n"
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
	"  -h, --help              print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 unknown paragraph or text not found,\n"
	"4 the rule pack failed, 5 storage error, 6 refused by the procedure.\n";

enum { O_REPLACE = 256, O_WITH, O_DELETE, O_INSERT, O_AFTER_TEXT, O_BEFORE_TEXT, O_ADD, O_AFTER, O_BEFORE, O_IN,
	O_LABEL, O_DELETE_PARA };

typedef struct proposal {
	const char *party, *paragraph, *replace, *with, *delete_text, *insert, *after_text, *before_text;
	const char *add, *after, *before, *in, *label, *delete_para, *supersedes;
} proposal;

/* The only occurrence of needle in text, or NULL (*count gets how many). */
static const char *find_once(const char *text, const char *needle, int *count)
{
	const char *p = text, *found = NULL;
	*count = 0;
	if (needle[0] == '\0')
		return NULL;
	while ((p = strstr(p, needle)) != NULL) {
		if ((*count)++ == 0)
			found = p;
		p++;
	}
	return *count == 1 ? found : NULL;
}

static int quote_error(const char *what, const char *id, int count)
{
	if (count == 0)
		return cli_fail(EXIT_BAD_INPUT, "paragraph %s does not contain \"%s\"", id, what);
	return cli_fail(EXIT_BAD_INPUT, "\"%s\" occurs %d times in paragraph %s: quote more words", what, count, id);
}

/* Changes the text of one paragraph of doc as asked; returns an exit code. */
static int edit_paragraph(accord_doc *doc, const proposal *p)
{
	accord_para *para = accord_doc_find_para(doc, p->paragraph);
	accord_buf text = ACCORD_BUF_INIT;
	const char *old, *at;
	int count, rc = ACCORD_OK;

	if (para == NULL)
		return cli_fail(EXIT_BAD_INPUT, "no paragraph '%s' in the latest revision", p->paragraph);
	old = accord_para_text(para);
	if (p->replace != NULL || p->delete_text != NULL) {
		const char *quoted = p->replace != NULL ? p->replace : p->delete_text;
		at = find_once(old, quoted, &count);
		if (at == NULL)
			return quote_error(quoted, p->paragraph, count);
		rc |= accord_buf_put(&text, old, (size_t)(at - old));
		rc |= accord_buf_puts(&text, p->replace != NULL ? p->with : "");
		rc |= accord_buf_puts(&text, at + strlen(quoted));
	} else {
		const char *anchor = p->after_text != NULL ? p->after_text : p->before_text;
		/* The words to insert without the blanks around them: the one space between
		 * them and the text is added here ("--insert ' truly'" made two). */
		const char *words = p->insert + strspn(p->insert, " \t\n\r");
		size_t split = strlen(old), n = strlen(words);
		while (n > 0 && strchr(" \t\n\r", words[n - 1]) != NULL)
			n--;
		if (anchor != NULL) {
			at = find_once(old, anchor, &count);
			if (at == NULL)
				return quote_error(anchor, p->paragraph, count);
			split = (size_t)(at - old) + (p->after_text != NULL ? strlen(anchor) : 0);
		}
		rc |= accord_buf_put(&text, old, split);
		if (p->before_text != NULL) {
			rc |= accord_buf_put(&text, words, n);
			rc |= accord_buf_putc(&text, ' ');
		} else {
			if (split > 0)
				rc |= accord_buf_putc(&text, ' ');
			rc |= accord_buf_put(&text, words, n);
		}
		rc |= accord_buf_puts(&text, old + split);
	}
	if (rc == ACCORD_OK)
		rc = accord_para_set_text(para, text.ptr != NULL ? text.ptr : "");
	accord_buf_dispose(&text);
	return rc == ACCORD_OK ? EXIT_OK : cli_fail(EXIT_INTERNAL, "out of memory");
}

/* Adds or deletes a paragraph of doc as asked; returns an exit code. */
static int edit_structure(accord_doc *doc, const proposal *p)
{
	accord_para *ref, *after = NULL, *parent = NULL;
	accord_section *section;
	int rc;

	if (p->delete_para != NULL) {
		ref = accord_doc_find_para(doc, p->delete_para);
		if (ref == NULL)
			return cli_fail(EXIT_BAD_INPUT, "no paragraph '%s' in the latest revision", p->delete_para);
		return accord_doc_remove_para(doc, ref) == ACCORD_OK ? EXIT_OK : cli_fail(EXIT_INTERNAL, "out of memory");
	}
	if (p->in != NULL) {
		section = accord_doc_find_section(doc, p->in);
		if (section == NULL)
			return cli_fail(EXIT_BAD_INPUT, "no section '%s' in the latest revision", p->in);
		rc = accord_doc_add_para(NULL, doc, section, NULL, NULL, p->label, p->add);
	} else {
		const char *id = p->after != NULL ? p->after : p->before;
		size_t index;
		ref = accord_doc_find_para(doc, id);
		if (ref == NULL)
			return cli_fail(EXIT_BAD_INPUT, "no paragraph '%s' in the latest revision", id);
		section = accord_para_section(ref);
		parent = accord_para_parent(ref);
		if (p->after != NULL) {
			after = ref;
		} else {
			index = accord_para_index(ref);
			after = index == 0 ? NULL
					   : (parent != NULL ? accord_para_child(parent, index - 1)
							     : accord_section_para(section, index - 1));
		}
		rc = accord_doc_insert_para(NULL, doc, section, parent, after, NULL, p->label, p->add);
	}
	return rc == ACCORD_OK ? EXIT_OK : cli_fail(EXIT_BAD_INPUT, "cannot add the paragraph (%s)", accord_strerror(rc));
}

static int check_shape(const proposal *p)
{
	int text_ops = (p->replace != NULL) + (p->delete_text != NULL) + (p->insert != NULL);
	int forms = (p->paragraph != NULL) + (p->add != NULL) + (p->delete_para != NULL);
	if (p->party == NULL)
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
	    (p->add != NULL && p->add[strspn(p->add, " \t\n\r")] == '\0'))
		return cli_usage_error("propose", "--insert and --add-paragraph take some text");
	/* the canonical text ends a label at its tab: "x\ty" would come back as text */
	if (p->label != NULL && (p->label[0] == '\0' || strpbrk(p->label, "\t\n\r") != NULL))
		return cli_usage_error("propose", "--label takes a label such as \"e)\" (no tab or line break)");
	if ((p->after_text != NULL || p->before_text != NULL) && p->insert == NULL)
		return cli_usage_error("propose", "--after-text and --before-text go with --insert");
	if (p->after_text != NULL && p->before_text != NULL)
		return cli_usage_error("propose", "give one of --after-text and --before-text");
	if (p->add != NULL && (p->after != NULL) + (p->before != NULL) + (p->in != NULL) != 1)
		return cli_usage_error("propose", "--add-paragraph needs one of --after, --before and --in");
	if (p->add == NULL && (p->after != NULL || p->before != NULL || p->in != NULL || p->label != NULL))
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
		{"supersedes", required_argument, NULL, 's'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	proposal p;
	accord_error err;
	accord_doc *doc = NULL;
	cli_session cs;
	char *id = NULL, *list = NULL, *tok, *save = NULL;
	const char **supersedes = NULL;
	size_t n_supersedes = 0;
	unsigned rev = 0;
	int opt, rc;

	memset(&p, 0, sizeof p);
	memset(&cs, 0, sizeof cs);
	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":a:p:s:h", long_options, NULL)) != -1) {
		switch (opt) {
		case 'a': p.party = optarg; break;
		case 'p': p.paragraph = optarg; break;
		case O_REPLACE: p.replace = optarg; break;
		case O_WITH: p.with = optarg; break;
		case O_DELETE: p.delete_text = optarg; break;
		case O_INSERT: p.insert = optarg; break;
		case O_AFTER_TEXT: p.after_text = optarg; break;
		case O_BEFORE_TEXT: p.before_text = optarg; break;
		case O_ADD: p.add = optarg; break;
		case O_AFTER: p.after = optarg; break;
		case O_BEFORE: p.before = optarg; break;
		case O_IN: p.in = optarg; break;
		case O_LABEL: p.label = optarg; break;
		case O_DELETE_PARA: p.delete_para = optarg; break;
		case 's': p.supersedes = optarg; break;
		case 'h': return cli_help("propose");
		default: return cli_bad_option("propose", opt, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("propose", "expected one SESSION");
	rc = check_shape(&p);
	if (rc != EXIT_OK)
		return rc;
	if (p.supersedes != NULL) {
		list = accord_strdup(p.supersedes);
		supersedes = accord_calloc(strlen(p.supersedes) + 1, sizeof *supersedes);
		if (list == NULL || supersedes == NULL) {
			rc = cli_fail(EXIT_INTERNAL, "out of memory");
			goto cleanup;
		}
		for (tok = strtok_r(list, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save))
			supersedes[n_supersedes++] = tok;
	}
	rc = cli_session_open(&cs, argv[optind], 1);
	if (rc != EXIT_OK)
		goto cleanup;
	if (accord_session_revision_count(&rev, cs.session, &err) != ACCORD_OK ||
	    accord_session_text(&doc, cs.session, (int)rev, &err) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	rc = p.paragraph != NULL ? edit_paragraph(doc, &p) : edit_structure(doc, &p);
	if (rc != EXIT_OK)
		goto cleanup;
	if (accord_session_propose_doc(&id, cs.session, p.party, doc, (int)rev, supersedes, n_supersedes, &err) !=
	    ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	printf("%s\n", id);
	rc = cli_write_stdout(NULL, 0);
cleanup:
	accord_free(id);
	accord_free(list);
	accord_free((void *)supersedes);
	accord_doc_free(doc);
	if (cs.session != NULL)
		cli_session_close(&cs);
	return rc;
}
