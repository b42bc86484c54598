/* workflow.c: finding a rule pack by name or path (accord_workflow_find). */
#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accord/workflow.h"

/* Folders, relative to the folder of the binary holding accord, where bundled packs sit. */
static const char *const beside[] = {"workflows", "../workflows", "../../workflows", "../share/accord/workflows"};

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

int accord_workflow_find(char **out, const char *workflow, accord_error *err)
{
	char dir[PATH_MAX], resolved[PATH_MAX], folder[PATH_MAX + 64];
	const char *env;
	size_t len, i;
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
	if (strspn(workflow, "abcdefghijklmnopqrstuvwxyz0123456789_-") != len)
		return accord_error_set(err, ACCORD_ENOTFOUND,
			"'%s' is not a workflow name (wtpf, cwg_internet, igf, un_ga) or a path", workflow);
	env = getenv("ACCORD_WORKFLOWS");
	if (env != NULL && env[0] != '\0' && try_folder(out, env, workflow, &rc))
		goto found;
#ifdef ACCORD_WORKFLOW_DIR
	if (try_folder(out, ACCORD_WORKFLOW_DIR, workflow, &rc))
		goto found;
#endif
	binary_dir(dir, sizeof dir);
	if (dir[0] != '\0')
		for (i = 0; i < sizeof beside / sizeof beside[0]; i++) {
			snprintf(folder, sizeof folder, "%s/%s", dir, beside[i]);
			if (try_folder(out, folder, workflow, &rc))
				goto found;
		}
	return accord_error_set(err, ACCORD_ENOTFOUND,
		"no workflow '%s' (looked in $ACCORD_WORKFLOWS and the workflows/ folder beside the program)", workflow);
found:
	return rc == ACCORD_OK ? ACCORD_OK : accord_error_set(err, rc, "out of memory");
}
