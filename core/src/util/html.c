/* html.c: HTML escaping: runs of plain bytes copied at once, the rest as entities. */
#include "util/html_int.h"

int html_escape(accord_buf *out, const char *s, size_t len, const char *newline, unsigned flags)
{
	size_t i, from = 0;
	int rc;
	for (i = 0; i < len; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = flags & HTML_APOS ? "&#39;" : NULL; break;
		case '\n': rep = newline; break;
		default: break;
		}
		if (rep == NULL)
			continue;
		if ((rc = accord_buf_put(out, s + from, i - from)) != ACCORD_OK || (rc = accord_buf_puts(out, rep)) != ACCORD_OK)
			return rc;
		from = i + 1;
	}
	return accord_buf_put(out, s + from, len - from);
}
