/* workflow.c: finding a rule pack by name or path (accord_workflow_find), and listing those found (accord_workflow_list). */
#define _GNU_SOURCE /* dladdr */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accord/workflow.h"

/*
** Folders, relative to the folder of the binary holding accord, where
** bundled packs sit: a build tree (workflows/ beside build/accord, or one
** or two levels up), then an installed tree wherever its prefix was moved:
** the share folder as seen from the program's bin/, from libaccord.so's
** lib/ and from the Lua module's lib/lua/5.4/ (core/CMakeLists.txt
** computes the three from the install layout).
*/
static const char *const beside[] = {"workflows", "../workflows", "../../workflows",
#ifdef ACCORD_WORKFLOW_FROM_BIN
	ACCORD_WORKFLOW_FROM_BIN, ACCORD_WORKFLOW_FROM_LIB, ACCORD_WORKFLOW_FROM_LUA,
#endif
	"../share/accord/workflows"};

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int accord_workflow_is_path(const char *workflow)
{
	size_t len = workflow != NULL ? strlen(workflow) : 0;
	return workflow != NULL && (strchr(workflow, '/') != NULL || (len > 4 && strcmp(workflow + len - 4, ".lua") == 0));
}

/*
** The folder of the binary that holds this code: the Lua module when accord
** is loaded into an interpreter, the program when it is linked in. "" when
** unknown.
*/
static void binary_dir(char *dir, size_t size)
{
	Dl_info info;
	char *slash;
	ssize_t n;
	dir[0] = '\0';
	if (dladdr((void *)accord_workflow_find, &info) != 0 && info.dli_fname != NULL &&
	    strchr(info.dli_fname, '/') != NULL && realpath(info.dli_fname, dir) != NULL) {
		/* found */
	} else if ((n = readlink("/proc/self/exe", dir, size - 1)) > 0) {
		dir[n] = '\0';
	} else {
		dir[0] = '\0';
		return;
	}
	slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
}

/* *out = the resolved dir/name.lua when it is a file. */
static int try_folder(char **out, const char *dir, const char *name, int *rc)
{
	accord_buf path = ACCORD_BUF_INIT;
	char resolved[PATH_MAX];
	*rc = accord_buf_printf(&path, "%s/%s.lua", dir, name);
	if (*rc != ACCORD_OK) {
		accord_buf_dispose(&path);
		return 1;
	}
	if (!is_file(path.ptr) || realpath(path.ptr, resolved) == NULL) {
		accord_buf_dispose(&path);
		return 0;
	}
	accord_buf_dispose(&path);
	*out = accord_strdup(resolved);
	*rc = *out != NULL ? ACCORD_OK : ACCORD_ENOMEM;
	return 1;
}

/*
** The folders a name is looked for in, in order (accord_workflow_find's
** 1-3), each resolved and listed once: folders that do not exist are left
** out. *n gets their count (at most max).
*/
#define MAX_FOLDERS 16
static void search_folders(char folders[][PATH_MAX], size_t *n, size_t max)
{
	char dir[PATH_MAX], folder[PATH_MAX + 64], resolved[PATH_MAX];
	const char *candidates[MAX_FOLDERS + 2];
	size_t nc = 0, i, j;
	const char *env = getenv("ACCORD_WORKFLOWS");
	static char beside_paths[sizeof beside / sizeof beside[0]][PATH_MAX + 64];

	*n = 0;
	if (env != NULL && env[0] != '\0')
		candidates[nc++] = env;
#ifdef ACCORD_WORKFLOW_DIR
	candidates[nc++] = ACCORD_WORKFLOW_DIR;
#endif
	binary_dir(dir, sizeof dir);
	for (i = 0; dir[0] != '\0' && i < sizeof beside / sizeof beside[0] && nc < MAX_FOLDERS; i++) {
		snprintf(folder, sizeof folder, "%s/%s", dir, beside[i]);
		memcpy(beside_paths[i], folder, sizeof folder);
		candidates[nc++] = beside_paths[i];
	}
	for (i = 0; i < nc && *n < max; i++) {
		struct stat st;
		if (realpath(candidates[i], resolved) == NULL || stat(resolved, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		for (j = 0; j < *n && strcmp(folders[j], resolved) != 0; j++)
			;
		if (j == *n)
			memcpy(folders[(*n)++], resolved, sizeof resolved);
	}
}

/* A workflow name: letters a-z, digits, '_' and '-'. */
static int is_name(const char *s, size_t len)
{
	return len > 0 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == len;
}

int accord_workflow_find(char **out, const char *workflow, accord_error *err)
{
	char resolved[PATH_MAX], folders[MAX_FOLDERS][PATH_MAX];
	accord_buf looked = ACCORD_BUF_INIT;
	size_t len, i, n;
	int rc = ACCORD_OK;

	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_workflow_find: NULL out");
	*out = NULL;
	if (workflow == NULL || workflow[0] == '\0')
		return accord_error_set(err, ACCORD_EINVAL, "no workflow given");
	len = strlen(workflow);
	if (accord_workflow_is_path(workflow)) {
		if (realpath(workflow, resolved) == NULL)
			return accord_error_set(err, ACCORD_ENOTFOUND, "%s: cannot read the workflow: %s", workflow,
				strerror(errno));
		if (!is_file(resolved))
			return accord_error_set(err, ACCORD_ENOTFOUND, "%s: cannot read the workflow: not a file", workflow);
		*out = accord_strdup(resolved);
		return *out != NULL ? ACCORD_OK : accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	if (!is_name(workflow, len))
		return accord_error_set(err, ACCORD_ENOTFOUND,
			"'%s' is not a workflow name (wtpf, cwg_internet, igf, un_ga) or a path", workflow);
	search_folders(folders, &n, MAX_FOLDERS);
	for (i = 0; i < n; i++)
		if (try_folder(out, folders[i], workflow, &rc))
			return rc == ACCORD_OK ? ACCORD_OK : accord_error_set(err, rc, "out of memory");
	/* the message names the places looked in */
	for (i = 0; i < n && rc == ACCORD_OK; i++)
		rc = accord_buf_printf(&looked, "%s%s", i > 0 ? ", " : "", folders[i]);
	if (rc == ACCORD_OK)
		rc = accord_error_set(err, ACCORD_ENOTFOUND, "no workflow '%s' (looked in %s; set ACCORD_WORKFLOWS to a folder of packs)",
			workflow, n > 0 ? looked.ptr : "no folder: $ACCORD_WORKFLOWS is not set and no workflows folder is installed");
	else
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	accord_buf_dispose(&looked);
	return rc;
}

int accord_workflow_lib_path(char **out, const char *pack, accord_error *err)
{
	char folders[MAX_FOLDERS][PATH_MAX], seen[MAX_FOLDERS + 1][PATH_MAX], lib[PATH_MAX + 8];
	accord_buf path = ACCORD_BUF_INIT;
	size_t n, i, j, k = 0;
	const char *slash;
	int rc = ACCORD_OK;

	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_workflow_lib_path: NULL out");
	*out = NULL;
	search_folders(folders, &n, MAX_FOLDERS);
	for (i = 0; i <= n && rc == ACCORD_OK; i++) {
		struct stat st;
		if (i == 0) { /* the pack's own lib/ first */
			if (pack == NULL)
				continue;
			slash = strrchr(pack, '/');
			if (slash != NULL)
				snprintf(lib, sizeof lib, "%.*s/lib", (int)(slash - pack), pack);
			else
				snprintf(lib, sizeof lib, "lib");
		} else {
			snprintf(lib, sizeof lib, "%s/lib", folders[i - 1]);
		}
		if (realpath(lib, seen[k]) == NULL || stat(seen[k], &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		for (j = 0; j < k && strcmp(seen[j], seen[k]) != 0; j++)
			;
		if (j < k || strchr(seen[k], ':') != NULL) /* listed already, or cannot be listed */
			continue;
		rc = accord_buf_printf(&path, "%s%s", k > 0 ? ":" : "", seen[k]);
		k++;
	}
	if (rc != ACCORD_OK) {
		accord_buf_dispose(&path);
		return accord_error_set(err, rc, "out of memory");
	}
	*out = path.ptr != NULL ? path.ptr : accord_strdup("");
	return *out != NULL ? ACCORD_OK : accord_error_set(err, ACCORD_ENOMEM, "out of memory");
}

void accord_workflow_list_free(accord_workflow_entry *entries, size_t count)
{
	size_t i;
	for (i = 0; entries != NULL && i < count; i++) {
		accord_free(entries[i].name);
		accord_free(entries[i].path);
	}
	accord_free(entries);
}

static int compare_entries(const void *a, const void *b)
{
	return strcmp(((const accord_workflow_entry *)a)->name, ((const accord_workflow_entry *)b)->name);
}

int accord_workflow_list(accord_workflow_entry **out, size_t *count, accord_error *err)
{
	char folders[MAX_FOLDERS][PATH_MAX];
	accord_workflow_entry *items = NULL, *grown;
	size_t n, i, j, len, cap = 0, k = 0;
	struct dirent *e;
	int rc = ACCORD_OK;

	if (out == NULL || count == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_workflow_list: NULL out");
	*out = NULL;
	*count = 0;
	search_folders(folders, &n, MAX_FOLDERS);
	for (i = 0; i < n && rc == ACCORD_OK; i++) {
		DIR *d = opendir(folders[i]);
		while (d != NULL && rc == ACCORD_OK && (e = readdir(d)) != NULL) {
			char *path = NULL;
			len = strlen(e->d_name);
			if (len <= 4 || strcmp(e->d_name + len - 4, ".lua") != 0 || !is_name(e->d_name, len - 4))
				continue;
			for (j = 0; j < k && !(strlen(items[j].name) == len - 4 && memcmp(items[j].name, e->d_name, len - 4) == 0); j++)
				;
			if (j < k)
				continue; /* an earlier folder has it: that one is found */
			e->d_name[len - 4] = '\0'; /* the name, without ".lua" */
			if (!try_folder(&path, folders[i], e->d_name, &rc)) /* not a regular file */
				continue;
			if (rc != ACCORD_OK)
				break;
			if (k == cap) {
				cap = cap > 0 ? cap * 2 : 8;
				grown = accord_realloc(items, cap * sizeof *items);
				if (grown == NULL) {
					accord_free(path);
					rc = ACCORD_ENOMEM;
					break;
				}
				items = grown;
			}
			items[k].path = path;
			items[k].name = accord_strdup(e->d_name);
			k++;
			if (items[k - 1].name == NULL)
				rc = ACCORD_ENOMEM;
		}
		if (d != NULL)
			closedir(d);
	}
	if (rc != ACCORD_OK) {
		accord_workflow_list_free(items, k);
		return accord_error_set(err, rc, "out of memory");
	}
	if (k > 1)
		qsort(items, k, sizeof *items, compare_entries);
	*out = items;
	*count = k;
	return ACCORD_OK;
}
