/*
** accord_brackets.h: a rule pack's bracket convention as the core's
** accord_brackets (consolidation stays in C; the pack only says how
** proposals are written).
**
** The pack's `brackets` table (docs/workflows.md) holds functions:
** insertion(text, who), deletion(text, who), replacement(old, new, who),
** alternatives(list), new_label(label, n). They are called once, under
** the pack's limits, with placeholder arguments, and what they return
** becomes the templates ("[USA: ...]" -> "[%p: %t]"). A pack may also give
** templates directly as strings under the accord_brackets field names
** (insert, delete_text, replace, alternative, alternative_separator,
** no_change, near_duplicate, deleted_option, party_separator,
** delete_paragraph, move_paragraph, new_paragraph, new_section,
** delete_section, move_section, bis, first_label, relabel) and
** no_change_option and anonymous (booleans); these win over the functions.
** Whatever the pack leaves out comes from the built-in UN convention, in
** an anonymous one without the parties ("[Delete paragraph]").
*/
#ifndef ACCORD_BRACKETS_H
#define ACCORD_BRACKETS_H

#include "accord/consolidate.h"
#include "accord_pack.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct accord_pack_brackets accord_pack_brackets;

/*
** Reads the pack's convention. Fails with ACCORD_ESCRIPT/ELIMIT (a bracket
** function failed), ACCORD_ESCHEMA (no brackets table, a function returned
** something that is not a string, or the templates do not check:
** accord_brackets_check's message; an invalid pack), ACCORD_ENOMEM.
*/
ACCORD_API int accord_pack_brackets_load(accord_pack_brackets **out, accord_pack *pack, accord_error *err);
/* The convention, borrowed until accord_pack_brackets_free. */
ACCORD_API const accord_brackets *accord_pack_brackets_get(const accord_pack_brackets *pb);
ACCORD_API void accord_pack_brackets_free(accord_pack_brackets *pb);

#ifdef __cplusplus
}
#endif
#endif
