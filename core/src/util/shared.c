/*
** shared.c: libaccord.so has no code of its own: core/CMakeLists.txt links
** the objects of the static library into it whole. CMake wants a source
** for every library target; this is it.
*/
typedef int accord_shared_library_has_no_code_of_its_own;
