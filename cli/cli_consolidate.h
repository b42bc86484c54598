/* cli_consolidate.h: what accord consolidate and accord compile share. */
#ifndef ACCORD_CLI_CONSOLIDATE_H
#define ACCORD_CLI_CONSOLIDATE_H

#include "accord/consolidate.h"

/*
** Writes a built compilation to output (NULL: standard output): with
** accept, the base with that party's proposals accepted, in format; else
** the compilation in format, through the bracket convention of the rule
** pack at pack_path (NULL: the built-in one). color: 1 always, 0 never,
** -1 on a terminal. Returns an exit code (messages printed).
*/
int cli_compilation_output(accord_compilation *c, const char *command, const char *pack_path, int format,
	const char *output, const char *accept, accord_compilation_render_options *ro, int color);

#endif
