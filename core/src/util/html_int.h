/* html_int.h: HTML escaping, one function for documents (format/) and compilations (compile/). */
#ifndef ACCORD_HTML_INT_H
#define ACCORD_HTML_INT_H

#include "accord/common.h"

#define HTML_APOS 1u /* ' as &#39; too (documents; compilations leave it, as in double-quoted attributes) */

/*
** Appends s[0..len) to out with & < > " written as entities, and each line
** break written as newline (NULL: kept as it is; "<br>", "&#10;" in an
** attribute, " " ...). Returns ACCORD_OK or ACCORD_ENOMEM.
*/
int html_escape(accord_buf *out, const char *s, size_t len, const char *newline, unsigned flags);

#endif
