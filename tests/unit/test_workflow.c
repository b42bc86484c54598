/* test_workflow.c: finding rule packs (core/src/model/workflow.c): by name, the list, the helpers' path. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accord/workflow.h"

static char dir[64];

static void touch(const char *name)
{
	char path[160];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("return {}\n", f);
	fclose(f);
}

static int setup(void **state)
{
	char path[160];
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/accord-workflow-XXXXXX");
	assert_non_null(mkdtemp(dir));
	touch("mybody.lua");
	touch("wtpf.lua");        /* shadows the shipped wtpf */
	touch("Not-A-Name.lua");  /* not a workflow name: never listed */
	touch("notes.txt");
	snprintf(path, sizeof path, "%s/lib", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	setenv("ACCORD_WORKFLOWS", dir, 1);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	unsetenv("ACCORD_WORKFLOWS");
	return 0;
}

static void test_workflow__find_follows_the_order(void **state)
{
	char *path = NULL, expected[160];
	accord_error err;
	(void)state;
	assert_int_equal(accord_workflow_find(&path, "wtpf", &err), ACCORD_OK);
	snprintf(expected, sizeof expected, "%s/wtpf.lua", dir);
	assert_string_equal(path, expected); /* $ACCORD_WORKFLOWS first */
	accord_free(path);
	assert_int_equal(accord_workflow_find(&path, "un_ga", &err), ACCORD_OK); /* then the shipped packs */
	assert_non_null(strstr(path, "/workflows/un_ga.lua"));
	accord_free(path);
	assert_int_equal(accord_workflow_find(&path, "nosuchbody", &err), ACCORD_ENOTFOUND);
	assert_null(path);
	assert_non_null(strstr(err.message, "looked in"));
	assert_non_null(strstr(err.message, dir));
	assert_int_equal(accord_workflow_find(&path, "Not-A-Name", &err), ACCORD_ENOTFOUND);
	assert_int_equal(accord_workflow_find(NULL, "wtpf", &err), ACCORD_EINVAL);
}

static void test_workflow__list(void **state)
{
	accord_workflow_entry *list = NULL;
	accord_error err;
	size_t n = 0, i, wtpf = 0, mine = 0;
	char expected[160];
	(void)state;
	assert_int_equal(accord_workflow_list(&list, &n, &err), ACCORD_OK);
	assert_true(n >= 5); /* mybody, wtpf (ours), cwg_internet, igf, un_ga */
	for (i = 0; i < n; i++) {
		assert_string_not_equal(list[i].name, "Not-A-Name");
		if (i > 0)
			assert_true(strcmp(list[i - 1].name, list[i].name) < 0); /* sorted, each once */
		if (strcmp(list[i].name, "wtpf") == 0) {
			snprintf(expected, sizeof expected, "%s/wtpf.lua", dir);
			assert_string_equal(list[i].path, expected); /* the one a name finds */
			wtpf++;
		}
		if (strcmp(list[i].name, "mybody") == 0)
			mine++;
	}
	assert_int_equal(wtpf, 1);
	assert_int_equal(mine, 1);
	accord_workflow_list_free(list, n);
	accord_workflow_list_free(NULL, 0);
	assert_int_equal(accord_workflow_list(NULL, &n, &err), ACCORD_EINVAL);
}

static void test_workflow__lib_path(void **state)
{
	char *path = NULL, pack[160], lib[160];
	accord_error err;
	(void)state;
	snprintf(pack, sizeof pack, "%s/mybody.lua", dir);
	snprintf(lib, sizeof lib, "%s/lib:", dir);
	assert_int_equal(accord_workflow_lib_path(&path, pack, &err), ACCORD_OK);
	/* the pack's own lib/ first (it is also $ACCORD_WORKFLOWS/lib: listed once), then the shipped helpers */
	assert_int_equal(strncmp(path, lib, strlen(lib)), 0);
	assert_null(strstr(path + strlen(lib), dir));
	assert_non_null(strstr(path, "/workflows/lib"));
	accord_free(path);
	assert_int_equal(accord_workflow_lib_path(&path, NULL, &err), ACCORD_OK);
	assert_non_null(strstr(path, "/workflows/lib"));
	accord_free(path);
	assert_int_equal(accord_workflow_lib_path(NULL, NULL, &err), ACCORD_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_workflow__find_follows_the_order),
		cmocka_unit_test(test_workflow__list),
		cmocka_unit_test(test_workflow__lib_path),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
