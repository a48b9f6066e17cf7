#ifndef WIJKSIM_CLUASHIM_H
#define WIJKSIM_CLUASHIM_H

#include <stddef.h>
#include <lua5.4/lua.h>

/// Swift cannot import Lua's function-like macros, LUA_REGISTRYINDEX or
/// variadic functions, and must never raise a Lua error itself: Lua's
/// longjmp over Swift frames is undefined behaviour (seen as a callback that
/// never returned when a push hit the memory cap). The rule at this boundary:
/// Swift never raises: it hands its message to C and returns; only C frames
/// lie between lua_error and the pcall that catches it. Anything that may
/// allocate on a state in use (a string push, a new table, a registry ref)
/// therefore happens here, in the trampoline or under a protected call.

/// A Swift function callable from Lua through `wjs_pushfunction`. It returns
/// the number of results it pushed (numbers and light userdata only, which
/// never allocate), or one of the sentinels below after `wjs_set_message`.
typedef int (*wjs_Function)(lua_State *L, void *context);
/// The trampoline raises the message with the caller's `file:line:` prefixed.
static const int WJS_RAISE = -1;
/// The trampoline returns the message as the function's one result.
static const int WJS_RETURN_MESSAGE = -2;
/// Copies `text` into the state's message buffer (1 KiB, cut at a UTF-8
/// character boundary when longer) for the trampoline to push.
void wjs_set_message(lua_State *L, const char *text);

/// A new state whose allocator refuses to grow past `memory_limit` bytes
/// and whose count hook stops a call after `instruction_limit` instructions.
lua_State *wjs_newstate(size_t memory_limit);
void wjs_close(lua_State *L);
size_t wjs_memory_used(lua_State *L);
/// Resets the instruction budget and the wall-clock deadline; call before
/// every protected call. Either one stops the call with an error.
void wjs_arm_limits(lua_State *L, long long instruction_limit, double seconds);
/// Monotonic seconds, for checking a call that no hook could interrupt.
double wjs_clock(void);
int wjs_instruction_limit_hit(lua_State *L);

/// The line of the Lua function that called the running C function, or -1
/// (a C caller, or no debug information). Allocates nothing.
int wjs_caller_line(lua_State *L);

int wjs_registryindex(void);
int wjs_upvalueindex(int i);
void wjs_pop(lua_State *L, int n);
void wjs_newtable(lua_State *L);
int wjs_isnil(lua_State *L, int idx);
int wjs_isfunction(lua_State *L, int idx);
int wjs_istable(lua_State *L, int idx);
const char *wjs_tostring(lua_State *L, int idx, size_t *len);
void wjs_replace(lua_State *L, int idx);
void wjs_collect_garbage(lua_State *L);
/// Pops the top value into the registry; LUA_NOREF when memory ran out.
int wjs_ref(lua_State *L);
void wjs_unref(lua_State *L, int ref);
void wjs_getref(lua_State *L, int ref);
/// Raw field access only: host code never triggers a plugin's metamethods.
/// Pushes the field and returns its type, under a protected call because the
/// key may need a new string: at the memory cap it pushes nil and returns
/// LUA_TNONE.
int wjs_rawgetfield(lua_State *L, int idx, const char *key);
/// Unprotected: for setting up a fresh state only.
void wjs_rawsetfield(lua_State *L, int idx, const char *key);

/// Pushes a Lua C closure that calls `fn(L, context)` through the trampoline.
void wjs_pushfunction(lua_State *L, wjs_Function fn, void *context);

/// Loads `text` as a text-only chunk named `chunkname` ("@plugins/x.lua").
int wjs_loadtext(lua_State *L, const char *text, size_t len, const char *chunkname);
/// Calls the function below `nargs` arguments in protected mode with a
/// handler that turns non-string error values into readable text.
int wjs_pcall(lua_State *L, int nargs, int nresults);

/// Pushes a `pcall` whose caught errors cannot hide an exhausted budget.
void wjs_push_guarded_pcall(lua_State *L);
/// Opens only the libraries a sandbox may copy from: base, table, string, math, utf8.
void wjs_openlibs(lua_State *L);

/// Sets `idx`'s metatable as the one shared by every light userdata.
void wjs_set_lightuserdata_metatable(lua_State *L);
/// Shields the string metatable (`getmetatable("")`) from plugins.
void wjs_protect_string_metatable(lua_State *L);

#endif
