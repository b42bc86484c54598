/*
** names_int.h: enum names kept as tables of strings, indexed by the enum
** (doc.c's modes and kinds, the store's states, outcomes and positions):
** one lookup each way, for every table of the core.
*/
#ifndef ACCORD_NAMES_INT_H
#define ACCORD_NAMES_INT_H

#include <string.h>

/* names[i] of count names, NULL when i is out of range. */
static inline const char *accord_name_at(const char *const *names, int count, int i)
{
	return i >= 0 && i < count ? names[i] : NULL;
}

/* The index of name among count names, -1 when it is not one of them (or NULL). */
static inline int accord_name_index(const char *const *names, int count, const char *name)
{
	int i;
	if (name == NULL)
		return -1;
	for (i = 0; i < count; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

#endif
