/*
** workflow.h: finding a body's rule pack (a Lua file), for every shell.
**
** The core runs no Lua; it only says which file a workflow is, so that the
** command line, the Lua module and a session recorded by either load the
** same pack from any working folder.
*/
#ifndef ACCORD_WORKFLOW_H
#define ACCORD_WORKFLOW_H

#include "accord/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
** Finds the rule pack a workflow names. workflow is either
**   - a path (it has a '/' or ends in ".lua"): the file itself; or
**   - a name (letters a-z, digits, '_' and '-': "wtpf", "un_ga"): NAME.lua,
**     looked for, in this order, in
**       1. $ACCORD_WORKFLOWS, when set and not empty;
**       2. the installed share folder (PREFIX/share/accord/workflows, fixed
**          at build time);
**       3. beside the program or library that holds accord (the accord
**          program, libaccord.so or the Lua module accord.so): workflows/,
**          ../workflows and ../../workflows from its folder (a build tree),
**          then the share folder as the install layout places it from
**          there (an installed tree whose prefix was moved).
** *out gets the absolute, resolved path of the file; the caller frees it
** with accord_free. *out is NULL on failure.
**
** Errors (all ACCORD_ENOTFOUND, with a one-line message): not a name nor a
** path, a path that is not a readable file, or a name found nowhere (the
** message says where it looked); ACCORD_EINVAL for NULL arguments;
** ACCORD_ENOMEM.
*/
ACCORD_API int accord_workflow_find(char **out, const char *workflow, accord_error *err);

/*
** 1 when workflow is written as a path (has a '/' or ends in ".lua"), 0 when
** it is a name. A session records a name as it is (found again by each
** command, as above) and a path as the absolute path accord_workflow_find
** gives.
*/
ACCORD_API int accord_workflow_is_path(const char *workflow);

/*
** Where a pack's `require` looks for helper libraries (tally, thresholds
** ...): the pack's own lib/ folder (when pack, its path, is given), then
** the lib/ folder of each place accord_workflow_find looks in, so that a
** pack written in any folder can require the shipped helpers. *out is the
** folders that exist, resolved, each once, separated by ':' ("" when
** none); the caller frees it with accord_free. Errors: ACCORD_EINVAL,
** ACCORD_ENOMEM.
*/
ACCORD_API int accord_workflow_lib_path(char **out, const char *pack, accord_error *err);

/* A rule pack found by name: what accord_workflow_find(name) would give. */
typedef struct accord_workflow_entry {
	char *name; /* "wtpf" */
	char *path; /* its absolute, resolved path */
} accord_workflow_entry;

/*
** Every rule pack a name finds, from the folders accord_workflow_find
** looks in: each name once (the file that name finds), sorted by name.
** Files whose names are not workflow names are left out. *out is freed
** with accord_workflow_list_free; *count 0 and *out NULL when there are
** none. Errors: ACCORD_EINVAL (NULL out), ACCORD_ENOMEM.
*/
ACCORD_API int accord_workflow_list(accord_workflow_entry **out, size_t *count, accord_error *err);
ACCORD_API void accord_workflow_list_free(accord_workflow_entry *entries, size_t count);

#ifdef __cplusplus
}
#endif
#endif
