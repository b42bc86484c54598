/*
** docx_lib.c: opens libzip and libxml2 on first use (see docx_lib_int.h for
** why). The sonames are the ones the build linked against (ACCORD_LIBZIP_SONAME,
** ACCORD_LIBXML2_SONAME, read from the libraries by CMake), so a program built
** on one release loads the same major version it was compiled for.
*/
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>

#include "format/docx_lib_int.h"

#ifndef ACCORD_LIBZIP_SONAME
#define ACCORD_LIBZIP_SONAME "libzip.so.4"
#endif
#ifndef ACCORD_LIBXML2_SONAME
#define ACCORD_LIBXML2_SONAME "libxml2.so.2"
#endif

docx_functions docx_fn;

static once_flag load_once = ONCE_FLAG_INIT;
static char load_error[256]; /* empty when both loaded */

/*
** Looks one symbol up into *slot (a function pointer's storage). ISO C has no
** conversion between object and function pointers; copying the bytes is the
** way POSIX dlsym documents for it.
*/
static int lookup(void *handle, const char *soname, const char *name, void *slot, size_t size)
{
	void *sym = dlsym(handle, name);
	if (sym == NULL) {
		snprintf(load_error, sizeof(load_error), "%s has no %s", soname, name);
		return -1;
	}
	memcpy(slot, &sym, size);
	return 0;
}

static void load(void)
{
	void *zip = dlopen(ACCORD_LIBZIP_SONAME, RTLD_NOW | RTLD_LOCAL);
	void *xml = zip != NULL ? dlopen(ACCORD_LIBXML2_SONAME, RTLD_NOW | RTLD_LOCAL) : NULL;
	if (xml == NULL) {
		const char *why = dlerror();
		snprintf(load_error, sizeof(load_error), "%s: %s", zip == NULL ? ACCORD_LIBZIP_SONAME : ACCORD_LIBXML2_SONAME,
			why != NULL ? why : "cannot be loaded");
		return;
	}
	/* The handles stay open for the life of the process: the table points into them. */
#define LOOKUP_ZIP(name) \
	if (lookup(zip, ACCORD_LIBZIP_SONAME, #name, &docx_fn.fn_##name, sizeof(docx_fn.fn_##name)) != 0) \
		return;
#define LOOKUP_XML(name) \
	if (lookup(xml, ACCORD_LIBXML2_SONAME, #name, &docx_fn.fn_##name, sizeof(docx_fn.fn_##name)) != 0) \
		return;
	DOCX_ZIP_FUNCTIONS(LOOKUP_ZIP)
	DOCX_XML_FUNCTIONS(LOOKUP_XML)
#undef LOOKUP_ZIP
#undef LOOKUP_XML
}

int docx_lib_load(accord_error *err)
{
	call_once(&load_once, load);
	/* the table's last entry is looked up last: set, every other one is */
	if (docx_fn.fn_xmlResetLastError != NULL)
		return ACCORD_OK;
	return accord_error_set(err, ACCORD_EIO,
		"Word files need libzip and libxml2, which cannot be loaded (%s): install libzip4 and libxml2",
		load_error[0] != '\0' ? load_error : "unknown reason");
}
