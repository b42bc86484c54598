/*
** fuzz_pack.c: the rule-pack loader and checker in the sandbox. The input
** is a pack's source (text or anything else).
**
** Properties (lua/runtime/accord_lua.h): whatever the chunk does, loading
** and checking it end in a result or an error with a message, within the
** memory cap and the instruction budget (small here, so that the fuzzer
** keeps going); binary chunks are refused.
*/
#include <string.h>

#include "accord_pack.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	accord_pack_options opts = ACCORD_PACK_OPTIONS_INIT;
	accord_pack *pack = NULL;
	accord_buf problems = ACCORD_BUF_INIT;
	accord_error err;
	int rc;
	if (size > FUZZ_MAX_INPUT)
		return 0;
	opts.memory_limit = (size_t)4 << 20;
	opts.instruction_limit = 200000;
	opts.name = "fuzz.lua";
	opts.lib_dir = "";
	rc = accord_pack_load_string(&pack, (const char *)data, size, &opts, &err);
	if (rc != ACCORD_OK) {
		if (err.message[0] == '\0')
			FUZZ_BROKEN("a failure without a message (code %d)", err.code);
		if (size > 0 && data[0] == 0x1b && rc != ACCORD_EPARSE && rc != ACCORD_ESCRIPT)
			FUZZ_BROKEN("a binary chunk is not refused as such (code %d: %s)", rc, err.message);
		return 0;
	}
	if (size > 0 && data[0] == 0x1b)
		FUZZ_BROKEN("a binary chunk was loaded");
	accord_lua_set_time_limit(accord_pack_runtime(pack), 2000);
	rc = accord_pack_validate(pack, &problems, &err);
	if (rc != ACCORD_OK && err.message[0] == '\0')
		FUZZ_BROKEN("a failed check without a message (code %d)", rc);
	accord_buf_dispose(&problems);
	accord_pack_free(pack);
	return 0;
}
