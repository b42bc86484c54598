/* cmd_run.c: accord run SCRIPT.lua [ARGS]: the user's automation script, with the full standard library. */
#include <getopt.h>
#include <string.h>

#include <lauxlib.h>

#include "accord_lua.h"
#include "accord_module.h"
#include "cli.h"

const char cmd_run_usage[] =
	"Usage: accord run [OPTIONS] SCRIPT.lua [ARGS...]\n"
	"\n"
	"Runs your own Lua 5.4 script with the full standard library and the accord\n"
	"module (as the global `accord` and through require \"accord\"; see docs/lua.md).\n"
	"The script's arguments are in the table `arg` (arg[0] is the script), as\n"
	"with the lua interpreter. A script that returns an integer exits with it.\n"
	"Rule packs it loads (accord.workflow_load) still run in their sandbox.\n"
	"\n"
	"Options:\n"
	"  -m, --memory BYTES       cap the script's memory (default: no cap)\n"
	"  -n, --instructions N     cap the instructions the script may run (default: none)\n"
	"  -t, --traceback          print the Lua traceback of an error (a memory error\n"
	"                           has none: Lua cannot run code once memory is out)\n"
	"  -h, --help               print this help\n"
	"\n"
	"Exit status: 0 ok (or the integer the script returns), 2 usage error, 4 the\n"
	"script failed (error, memory or instruction limit), 5 it cannot be read.\n";

/* Sets the global arg table: arg[0] = script, arg[1..] = its arguments (protected). */
static int set_args(lua_State *L)
{
	char **argv = lua_touserdata(L, 1);
	int argc = (int)lua_tointeger(L, 2), i;
	lua_createtable(L, argc, 1);
	for (i = 0; i < argc; i++) {
		lua_pushstring(L, argv[i]);
		lua_rawseti(L, -2, i);
	}
	lua_setglobal(L, "arg");
	return 0;
}

int cmd_run(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"memory", required_argument, NULL, 'm'},
		{"instructions", required_argument, NULL, 'n'},
		{"traceback", no_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	accord_lua_options options = ACCORD_LUA_OPTIONS_INIT;
	accord_lua *S = NULL;
	accord_error err;
	unsigned long long number;
	int traceback = 0, c, rc = EXIT_OK;
	lua_State *L;

	options.trust = ACCORD_LUA_TRUSTED;
	options.memory_limit = 0;
	options.instruction_limit = 0;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+m:n:th", long_options, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (cli_parse_count(optarg, &number) != 0)
				return cli_usage_error("run", "--memory takes a positive number of bytes");
			options.memory_limit = (size_t)number;
			break;
		case 'n':
			if (cli_parse_count(optarg, &number) != 0)
				return cli_usage_error("run", "--instructions takes a positive number");
			options.instruction_limit = (unsigned long)number;
			break;
		case 't':
			traceback = 1;
			break;
		case 'h':
			return cli_write_stdout(cmd_run_usage, strlen(cmd_run_usage));
		default:
			return cli_usage_error("run", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("run", "which script?");

	accord_error_clear(&err);
	if (accord_lua_new(&S, &options, &err) != 0 || accord_lua_preload(S, "accord", luaopen_accord, &err) != 0) {
		rc = cli_report(&err);
		goto cleanup;
	}
	L = accord_lua_state(S);
	lua_pushcfunction(L, set_args);
	lua_pushlightuserdata(L, argv + optind);
	lua_pushinteger(L, argc - optind);
	if (accord_lua_pcall(S, 2, 0, &err) != 0) {
		rc = cli_report(&err);
		goto cleanup;
	}
	if (accord_lua_dofile(S, argv[optind], NULL, 1, &err) != 0) {
		/* A memory error has no position: it is the script's all the same. */
		if (err.file[0] == '\0')
			accord_error_at(&err, argv[optind], 0, 0);
		rc = cli_report(&err);
		if (err.code == ACCORD_EPARSE)
			rc = EXIT_SCRIPT;
		if (traceback && strstr(accord_lua_traceback(S), "stack traceback:") != NULL)
			fprintf(stderr, "%s\n", accord_lua_traceback(S));
		goto cleanup;
	}
	if (lua_isinteger(L, -1))
		rc = (int)(lua_tointeger(L, -1) & 0xff);
	lua_pop(L, 1);
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = cli_fail(EXIT_STORE, "cannot write to standard output");
cleanup:
	accord_lua_free(S);
	return rc;
}
