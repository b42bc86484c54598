/* buf.c: the growable byte buffer, and reading whole files into one. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "accord/common.h"

int accord_buf_grow(accord_buf *buf, size_t need)
{
	size_t want;
	char *grown;
	if (need + 1 <= buf->asize)
		return ACCORD_OK;
	want = buf->asize ? buf->asize : 64;
	while (want < need + 1) {
		if (want > ((size_t)-1) / 2)
			return ACCORD_ENOMEM;
		want *= 2;
	}
	grown = accord_realloc(buf->ptr, want);
	if (grown == NULL)
		return ACCORD_ENOMEM;
	buf->ptr = grown;
	buf->asize = want;
	return ACCORD_OK;
}

int accord_buf_put(accord_buf *buf, const char *data, size_t len)
{
	if (len == 0 && buf->ptr != NULL)
		return ACCORD_OK;
	if (buf->size + len < buf->size || accord_buf_grow(buf, buf->size + len) != ACCORD_OK)
		return ACCORD_ENOMEM;
	if (len)
		memcpy(buf->ptr + buf->size, data, len);
	buf->size += len;
	buf->ptr[buf->size] = '\0';
	return ACCORD_OK;
}

int accord_sink_buf(void *ctx, const char *data, size_t len)
{
	return accord_buf_put(ctx, data, len);
}

int accord_buf_puts(accord_buf *buf, const char *s)
{
	return accord_buf_put(buf, s, strlen(s));
}

int accord_buf_putc(accord_buf *buf, char c)
{
	return accord_buf_put(buf, &c, 1);
}

int accord_buf_printf(accord_buf *buf, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return ACCORD_EINVAL;
	if (accord_buf_grow(buf, buf->size + (size_t)n) != ACCORD_OK)
		return ACCORD_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(buf->ptr + buf->size, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf->size += (size_t)n;
	return ACCORD_OK;
}

void accord_buf_clear(accord_buf *buf)
{
	buf->size = 0;
	if (buf->ptr)
		buf->ptr[0] = '\0';
}

void accord_buf_dispose(accord_buf *buf)
{
	if (buf == NULL)
		return;
	accord_free(buf->ptr);
	buf->ptr = NULL;
	buf->size = buf->asize = 0;
}

char *accord_buf_detach(accord_buf *buf)
{
	char *ptr = buf->ptr;
	if (ptr == NULL)
		ptr = accord_strdup("");
	buf->ptr = NULL;
	buf->size = buf->asize = 0;
	return ptr;
}

int accord_read_file(accord_buf *out, const char *path, accord_error *err)
{
	FILE *file;
	int is_stdin = strcmp(path, "-") == 0;
	char chunk[65536];
	size_t n;
	int rc = ACCORD_OK;
	accord_limits limits;

	file = is_stdin ? stdin : fopen(path, "rb");
	if (file == NULL) {
		accord_error_set(err, ACCORD_EIO, "cannot open: %s", strerror(errno));
		accord_error_at(err, path, 0, 0);
		return ACCORD_EIO;
	}
	accord_limits_get(&limits);
	/* A regular file's size is known: one allocation instead of a doubling chain of copies. */
	{
		struct stat st;
		if (fstat(fileno(file), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
		    (unsigned long long)st.st_size <= limits.input_bytes &&
		    accord_buf_grow(out, out->size + (size_t)st.st_size) != ACCORD_OK) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory reading the file");
			accord_error_at(err, path, 0, 0);
			goto cleanup;
		}
	}
	while ((n = fread(chunk, 1, sizeof(chunk), file)) > 0) {
		if (out->size + n > limits.input_bytes) {
			rc = accord_error_set(err, ACCORD_ELIMIT,
				"larger than the input limit of %zu bytes (ACCORD_MAX_INPUT raises it)", limits.input_bytes);
			accord_error_at(err, path, 0, 0);
			accord_buf_dispose(out);
			goto cleanup;
		}
		if (accord_buf_put(out, chunk, n) != ACCORD_OK) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory reading the file");
			accord_error_at(err, path, 0, 0);
			goto cleanup;
		}
	}
	if (ferror(file)) {
		rc = accord_error_set(err, ACCORD_EIO, "cannot read: %s", strerror(errno));
		accord_error_at(err, path, 0, 0);
		goto cleanup;
	}
	if (out->ptr == NULL && accord_buf_grow(out, 0) == ACCORD_OK)
		out->ptr[0] = '\0';
cleanup:
	if (!is_stdin)
		fclose(file);
	return rc;
}
