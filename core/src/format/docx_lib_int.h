/*
** docx_lib_int.h: libzip and libxml2, loaded when a Word file is first read
** or written (docx_lib.c), not when accord starts.
**
** The two libraries bring libcrypto, ICU and the C++ runtime with them:
** linked at start-up they cost every command, Word or not, about 3 MB of
** memory and half its start-up time (issue 16). Like systemd's optional
** libraries, they are opened with dlopen instead, by the soname the build
** found, and called through a table of function pointers. The names below
** make the table invisible: a file that includes this header after <zip.h>
** and <libxml/tree.h> calls zip_fread() as before, and reaches the loaded
** library (fn_zip_fread in the table). Every entry point that calls them must first call docx_lib_load.
*/
#ifndef ACCORD_DOCX_LIB_INT_H
#define ACCORD_DOCX_LIB_INT_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "accord/common.h"

/* Every function of the two libraries that accord calls: X(name). */
#define DOCX_ZIP_FUNCTIONS(X)                                                                                    \
	X(zip_close) X(zip_discard) X(zip_error_fini) X(zip_error_init) X(zip_error_strerror) X(zip_fclose)      \
	X(zip_file_add) X(zip_file_set_dostime) X(zip_file_strerror) X(zip_fopen_index) X(zip_fread)           \
	X(zip_get_num_entries) X(zip_name_locate) X(zip_open_from_source) X(zip_source_buffer)                 \
	X(zip_source_buffer_create) X(zip_source_close) X(zip_source_free) X(zip_source_keep)                  \
	X(zip_source_open) X(zip_source_read) X(zip_source_seek) X(zip_source_tell) X(zip_stat_index)          \
	X(zip_stat_init) X(zip_strerror)
#define DOCX_XML_FUNCTIONS(X) \
	X(xmlDocGetRootElement) X(xmlFreeDoc) X(xmlGetLastError) X(xmlReadMemory) X(xmlResetLastError)

typedef struct docx_functions {
#define DOCX_FUNCTION_FIELD(name) __typeof__(name) *fn_##name;
	DOCX_ZIP_FUNCTIONS(DOCX_FUNCTION_FIELD)
	DOCX_XML_FUNCTIONS(DOCX_FUNCTION_FIELD)
#undef DOCX_FUNCTION_FIELD
} docx_functions;

/* The table, filled by docx_lib_load; read only after it returned ACCORD_OK. */
extern docx_functions docx_fn;

/*
** Loads both libraries once per process (thread-safe). ACCORD_OK, or
** ACCORD_EIO with err saying which library is missing and how to install it.
*/
int docx_lib_load(accord_error *err);

#define zip_close (docx_fn.fn_zip_close)
#define zip_discard (docx_fn.fn_zip_discard)
#define zip_error_fini (docx_fn.fn_zip_error_fini)
#define zip_error_init (docx_fn.fn_zip_error_init)
#define zip_error_strerror (docx_fn.fn_zip_error_strerror)
#define zip_fclose (docx_fn.fn_zip_fclose)
#define zip_file_add (docx_fn.fn_zip_file_add)
#define zip_file_set_dostime (docx_fn.fn_zip_file_set_dostime)
#define zip_file_strerror (docx_fn.fn_zip_file_strerror)
#define zip_fopen_index (docx_fn.fn_zip_fopen_index)
#define zip_fread (docx_fn.fn_zip_fread)
#define zip_get_num_entries (docx_fn.fn_zip_get_num_entries)
#define zip_name_locate (docx_fn.fn_zip_name_locate)
#define zip_open_from_source (docx_fn.fn_zip_open_from_source)
#define zip_source_buffer (docx_fn.fn_zip_source_buffer)
#define zip_source_buffer_create (docx_fn.fn_zip_source_buffer_create)
#define zip_source_close (docx_fn.fn_zip_source_close)
#define zip_source_free (docx_fn.fn_zip_source_free)
#define zip_source_keep (docx_fn.fn_zip_source_keep)
#define zip_source_open (docx_fn.fn_zip_source_open)
#define zip_source_read (docx_fn.fn_zip_source_read)
#define zip_source_seek (docx_fn.fn_zip_source_seek)
#define zip_source_tell (docx_fn.fn_zip_source_tell)
#define zip_stat_index (docx_fn.fn_zip_stat_index)
#define zip_stat_init (docx_fn.fn_zip_stat_init)
#define zip_strerror (docx_fn.fn_zip_strerror)
#define xmlDocGetRootElement (docx_fn.fn_xmlDocGetRootElement)
#define xmlFreeDoc (docx_fn.fn_xmlFreeDoc)
#define xmlGetLastError (docx_fn.fn_xmlGetLastError)
#define xmlReadMemory (docx_fn.fn_xmlReadMemory)
#define xmlResetLastError (docx_fn.fn_xmlResetLastError)

#endif
