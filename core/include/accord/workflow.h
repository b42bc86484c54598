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
**          at build time), when accord was built with one;
**       3. beside the program or library that holds accord (the accord
**          program, or the Lua module accord.so): workflows/, ../workflows,
**          ../../workflows and ../share/accord/workflows from its folder.
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

#ifdef __cplusplus
}
#endif
#endif
