/* cli_consolidate.h: what accord consolidate and accord compile share. */
#ifndef ACCORD_CLI_CONSOLIDATE_H
#define ACCORD_CLI_CONSOLIDATE_H

#include "accord/consolidate.h"
#include "accord/format.h"

/* The options of accord consolidate and accord compile that say how the compilation is written. */
typedef struct cli_compilation_options {
	const char *workflow; /* -w: the rule pack whose bracket convention to use, or NULL */
	int format;           /* -f: an accord_format */
	const char *output;   /* -o: the file to write, or NULL: standard output */
	const char *accept;   /* -a: write the text with this party's proposals accepted, or NULL */
	int color;            /* --color: 1 always, 0 never, -1 on a terminal */
	accord_compilation_render_options render; /* -t sets its title */
} cli_compilation_options;

#define CLI_COMPILATION_OPTIONS_INIT {NULL, ACCORD_FORMAT_TEXT, NULL, NULL, -1, ACCORD_COMPILATION_RENDER_OPTIONS_INIT}

/* Their rows of a getopt_long table, and their letters of its optstring (--color has none: 'C'). */
#define CLI_COMPILATION_LONG_OPTIONS \
	{"workflow", required_argument, NULL, 'w'}, {"format", required_argument, NULL, 'f'}, \
	{"output", required_argument, NULL, 'o'}, {"accept", required_argument, NULL, 'a'}, \
	{"title", required_argument, NULL, 't'}, {"color", required_argument, NULL, 'C'}
#define CLI_COMPILATION_OPTSTRING "w:f:o:a:t:"

/*
** Takes getopt_long's opt (and optarg) for command into o when it is one
** of the options above; any other opt is reported as a bad option.
** Returns EXIT_OK, or EXIT_USAGE (message printed).
*/
int cli_compilation_option(cli_compilation_options *o, const char *command, int opt, char **argv);

/*
** Writes a built compilation as o says: with o->accept, the base with
** that party's proposals accepted; else the compilation, through the
** bracket convention of the rule pack at pack_path (NULL: the built-in
** one). Sets o->render's brackets and color. Returns an exit code
** (messages printed).
*/
int cli_compilation_output(accord_compilation *c, const char *command, const char *pack_path,
	cli_compilation_options *o);

#endif
