/*
** docx_zip.c: the .docx container, read with libzip from memory, within
** bounds: the uncompressed sizes the directory declares are checked before
** anything is read (ACCORD_DOCX_MAX_SIZE in all, ACCORD_DOCX_MAX_RATIO per
** large entry), and again while reading, since a directory can lie.
*/
#include <string.h>

#include "format/docx_int.h"

/* Entries below this size are not held to the ratio (small XML compresses very well). */
#define DOCX_RATIO_FLOOR (1024u * 1024u)

struct docx_zip {
	zip_t *archive;
	const char *name;
	zip_uint64_t budget; /* bytes still allowed to be read, all entries together */
};

accord_docx_kind accord_docx_sniff(const char *data, size_t len)
{
	if (data == NULL)
		return ACCORD_DOCX_NONE;
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return ACCORD_DOCX_ZIP;
	if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return ACCORD_DOCX_OLE;
	return ACCORD_DOCX_NONE;
}

static int fail(accord_error *err, const char *name, int code, const char *what)
{
	accord_error_set(err, code, "%s", what);
	accord_error_at(err, name, 0, 0);
	return code;
}

int docx_zip_open(docx_zip **out, const char *data, size_t len, const char *name, accord_error *err)
{
	zip_error_t zerr;
	zip_source_t *src;
	docx_zip *zip;
	zip_int64_t n, i;
	zip_uint64_t total = 0;

	*out = NULL;
	if (name == NULL)
		name = "-";
	if (accord_docx_sniff(data, len) == ACCORD_DOCX_OLE)
		return fail(err, name, ACCORD_EPARSE,
			"a password-protected or old .doc Word file (an OLE compound file): save it as an unprotected .docx");
	if (accord_docx_sniff(data, len) != ACCORD_DOCX_ZIP)
		return fail(err, name, ACCORD_EPARSE, "not a Word .docx file (no zip signature)");
	if (docx_lib_load(err) != ACCORD_OK) {
		accord_error_at(err, name, 0, 0);
		return ACCORD_EIO;
	}
	zip_error_init(&zerr);
	if ((src = zip_source_buffer_create(data, len, 0, &zerr)) == NULL) {
		zip_error_fini(&zerr);
		return fail(err, name, ACCORD_ENOMEM, "out of memory");
	}
	if ((zip = accord_calloc(1, sizeof(*zip))) == NULL) {
		zip_source_free(src);
		zip_error_fini(&zerr);
		return fail(err, name, ACCORD_ENOMEM, "out of memory");
	}
	zip->name = name;
	zip->budget = ACCORD_DOCX_MAX_SIZE;
	if ((zip->archive = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr)) == NULL) {
		accord_error_set(err, ACCORD_EPARSE, "not a Word .docx file: a damaged zip (%s)", zip_error_strerror(&zerr));
		accord_error_at(err, name, 0, 0);
		zip_source_free(src);
		zip_error_fini(&zerr);
		accord_free(zip);
		return ACCORD_EPARSE;
	}
	zip_error_fini(&zerr);
	n = zip_get_num_entries(zip->archive, 0);
	for (i = 0; i < n; i++) {
		zip_stat_t st;
		zip_stat_init(&st);
		if (zip_stat_index(zip->archive, (zip_uint64_t)i, 0, &st) != 0)
			continue;
		if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
			docx_zip_close(zip);
			return fail(err, name, ACCORD_EPARSE, "an encrypted zip entry: save the file without a password");
		}
		if (!(st.valid & ZIP_STAT_SIZE))
			continue;
		total += st.size;
		if (total > ACCORD_DOCX_MAX_SIZE) {
			docx_zip_close(zip);
			accord_error_set(err, ACCORD_EPARSE, "the .docx expands to more than %u MB (a zip bomb?)",
				ACCORD_DOCX_MAX_SIZE / (1024u * 1024u));
			accord_error_at(err, name, 0, 0);
			return ACCORD_EPARSE;
		}
		if (st.size > DOCX_RATIO_FLOOR && (st.valid & ZIP_STAT_COMP_SIZE) &&
		    st.size / (st.comp_size > 0 ? st.comp_size : 1) > ACCORD_DOCX_MAX_RATIO) {
			/* the message first: st.name belongs to the archive */
			accord_error_set(err, ACCORD_EPARSE, "entry %s expands more than %u times (a zip bomb?)",
				st.name != NULL ? st.name : "?", ACCORD_DOCX_MAX_RATIO);
			accord_error_at(err, name, 0, 0);
			docx_zip_close(zip);
			return ACCORD_EPARSE;
		}
	}
	*out = zip;
	return ACCORD_OK;
}

void docx_zip_close(docx_zip *zip)
{
	if (zip == NULL)
		return;
	if (zip->archive != NULL)
		zip_discard(zip->archive);
	accord_free(zip);
}

int docx_zip_read(accord_buf *out, int *found, docx_zip *zip, const char *part, accord_error *err)
{
	zip_stat_t st;
	zip_file_t *f;
	zip_int64_t index, got;
	zip_uint64_t limit, read = 0;
	char chunk[16384];
	int rc = ACCORD_OK;

	accord_buf_clear(out);
	*found = 0;
	index = zip_name_locate(zip->archive, part, 0);
	if (index < 0)
		return ACCORD_OK;
	*found = 1;
	zip_stat_init(&st);
	if (zip_stat_index(zip->archive, (zip_uint64_t)index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return fail(err, zip->name, ACCORD_EPARSE, "a damaged zip entry");
	if (st.size > zip->budget) {
		accord_error_set(err, ACCORD_EPARSE, "%s is too large (over %u MB in all)", part,
			ACCORD_DOCX_MAX_SIZE / (1024u * 1024u));
		accord_error_at(err, zip->name, 0, 0);
		return ACCORD_EPARSE;
	}
	limit = st.size;
	if ((f = zip_fopen_index(zip->archive, (zip_uint64_t)index, 0)) == NULL) {
		accord_error_set(err, ACCORD_EPARSE, "cannot read %s: %s", part, zip_strerror(zip->archive));
		accord_error_at(err, zip->name, 0, 0);
		return ACCORD_EPARSE;
	}
	while ((got = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		read += (zip_uint64_t)got;
		/* the directory said `limit`: a stream that runs past it is refused, not trusted */
		if (read > limit || read > zip->budget) {
			accord_error_set(err, ACCORD_EPARSE, "%s expands past its declared size (a zip bomb?)", part);
			accord_error_at(err, zip->name, 0, 0);
			rc = ACCORD_EPARSE;
			goto cleanup;
		}
		if ((rc = accord_buf_put(out, chunk, (size_t)got)) != ACCORD_OK) {
			fail(err, zip->name, rc, "out of memory");
			goto cleanup;
		}
	}
	if (got < 0) {
		accord_error_set(err, ACCORD_EPARSE, "cannot read %s: %s", part, zip_file_strerror(f));
		accord_error_at(err, zip->name, 0, 0);
		rc = ACCORD_EPARSE;
		goto cleanup;
	}
	zip->budget -= read;
	if ((rc = accord_buf_putc(out, '\0')) != ACCORD_OK) {
		fail(err, zip->name, rc, "out of memory");
		goto cleanup;
	}
	out->size--;
cleanup:
	zip_fclose(f);
	if (rc != ACCORD_OK)
		accord_buf_clear(out);
	return rc;
}
