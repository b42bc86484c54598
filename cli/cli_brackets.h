/* cli_brackets.h: what accord brackets and accord parse --brackets share. */
#ifndef ACCORD_CLI_BRACKETS_H
#define ACCORD_CLI_BRACKETS_H

#include "accord/bracketed.h"

/* A bracketed text read from a file, with the rule pack whose convention read it. */
typedef struct cli_bracketed {
	accord_bracketed *brackets;
	struct accord_pack *pack;              /* --workflow: the pack, else NULL */
	struct accord_pack_brackets *convention; /* ... and its convention */
} cli_bracketed;

/*
** Reads the brackets of doc (read from path; the file is read again, when
** it is one, for exact columns) through the convention of workflow (NULL:
** the built-in one). Lenient: each problem is a warning on doc (printed
** by the caller with cli_print_warnings). Returns an exit code (messages
** printed); cli_bracketed_close frees what it holds either way.
*/
int cli_bracketed_read(cli_bracketed *cb, accord_doc *doc, const char *path, const char *workflow, int lenient);
void cli_bracketed_close(cli_bracketed *cb);

#endif
