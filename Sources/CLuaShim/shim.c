#include "CLuaShim.h"
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { WJS_MESSAGE_SIZE = 1024 };

/* How far a host error's message may go over the cap: a plugin that filled
   its memory and then read an unknown ctx field should learn about the field,
   not get "not enough memory" from the push of the message. Bounded: at most
   this much beyond the cap, and only for the trampoline's own pushes. */
enum { WJS_RAISE_RESERVE = 4 * WJS_MESSAGE_SIZE };

/// Per-state bookkeeping, reachable from the allocator (its `ud`) and from
/// the hook (through the state's extra space).
typedef struct {
    size_t used;
    size_t limit;
    long long instructions;
    long long instruction_limit;
    int instruction_limit_hit;
    double deadline;
    double seconds;
    /* set while the trampoline builds a host error: see WJS_RAISE_RESERVE */
    int raising;
    char message[WJS_MESSAGE_SIZE];
} wjs_Limits;

/* Small enough that a loop of slow library calls (string.rep of a large
   string) still reaches the hook every few hundred milliseconds. */
enum { WJS_HOOK_STRIDE = 100 };

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    wjs_Limits *limits = (wjs_Limits *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        limits->used -= old;
        return NULL;
    }
    size_t limit = limits->limit + (limits->raising ? WJS_RAISE_RESERVE : 0);
    if (nsize > old && limits->used - old + nsize > limit) {
        return NULL;   /* Lua turns this into "not enough memory" */
    }
    void *grown = realloc(ptr, nsize);
    if (grown) limits->used = limits->used - old + nsize;
    return grown;
}

static wjs_Limits *limits_of(lua_State *L) {
    return *(wjs_Limits **)lua_getextraspace(L);
}

/// Pushes "file:line: " of the innermost Lua function that is not part of
/// the sandbox prelude (SandboxPrelude.swift, loaded as "=wijksim-prelude")
/// and returns 1; returns 0, pushing nothing, when there is none. An error
/// inside the prelude's wrappers of `string.rep`, `table.move` or
/// `setmetatable` is the plugin's doing, so its message should name the
/// plugin's line that called them, not the wrapper's.
static int push_plugin_where(lua_State *L) {
    lua_Debug ar;
    for (int level = 0; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        /* C functions and the prelude have no plugin line to show */
        if (ar.currentline > 0 && strcmp(ar.source, "=wijksim-prelude") != 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return 1;
        }
    }
    return 0;
}

static void count_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    wjs_Limits *limits = limits_of(L);
    limits->instructions += WJS_HOOK_STRIDE;
    int too_many = limits->instructions > limits->instruction_limit;
    int too_long = !too_many && now_seconds() > limits->deadline;
    if (too_many || too_long) {
        limits->instruction_limit_hit = 1;
        /* level 0 inside a hook is the Lua function that was running */
        if (!push_plugin_where(L)) luaL_where(L, 0);
        if (too_many)
            lua_pushfstring(L, "stopped after %I instructions: an endless loop? (a step may run at most that many)",
                            (lua_Integer)limits->instruction_limit);
        else
            lua_pushfstring(L, "stopped after %d s: a step may run at most that long",
                            (int)limits->seconds);
        lua_concat(L, 2);
        lua_error(L);
    }
}

lua_State *wjs_newstate(size_t memory_limit) {
    wjs_Limits *limits = calloc(1, sizeof(wjs_Limits));
    if (!limits) return NULL;
    limits->limit = memory_limit;
    limits->instruction_limit = 100000000LL;
    limits->seconds = 10;
    limits->deadline = now_seconds() + 10;
    lua_State *L = lua_newstate(capped_alloc, limits);
    if (!L) { free(limits); return NULL; }
    *(wjs_Limits **)lua_getextraspace(L) = limits;
    lua_sethook(L, count_hook, LUA_MASKCOUNT, WJS_HOOK_STRIDE);
    return L;
}

void wjs_close(lua_State *L) {
    wjs_Limits *limits = limits_of(L);
    lua_close(L);
    free(limits);
}

size_t wjs_memory_used(lua_State *L) { return limits_of(L)->used; }

void wjs_arm_limits(lua_State *L, long long instruction_limit, double seconds) {
    wjs_Limits *limits = limits_of(L);
    limits->instructions = 0;
    limits->instruction_limit = instruction_limit;
    limits->instruction_limit_hit = 0;
    limits->raising = 0;   /* in case a push failed even with the reserve */
    limits->seconds = seconds;
    limits->deadline = now_seconds() + seconds;
}

double wjs_clock(void) { return now_seconds(); }

int wjs_instruction_limit_hit(lua_State *L) { return limits_of(L)->instruction_limit_hit; }

int wjs_registryindex(void) { return LUA_REGISTRYINDEX; }
int wjs_upvalueindex(int i) { return lua_upvalueindex(i); }
void wjs_pop(lua_State *L, int n) { lua_pop(L, n); }
void wjs_newtable(lua_State *L) { lua_newtable(L); }
int wjs_isnil(lua_State *L, int idx) { return lua_isnil(L, idx); }
int wjs_isfunction(lua_State *L, int idx) { return lua_isfunction(L, idx); }
int wjs_istable(lua_State *L, int idx) { return lua_istable(L, idx); }
const char *wjs_tostring(lua_State *L, int idx, size_t *len) { return lua_tolstring(L, idx, len); }
/* luaL_ref may grow the registry, so it runs under a protected call */
static int ref_value(lua_State *L) {
    lua_pushinteger(L, luaL_ref(L, LUA_REGISTRYINDEX));
    return 1;
}

int wjs_ref(lua_State *L) {
    lua_pushcfunction(L, ref_value);
    lua_insert(L, -2);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        lua_pop(L, 1);
        return LUA_NOREF;
    }
    int ref = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    return ref;
}

void wjs_unref(lua_State *L, int ref) { luaL_unref(L, LUA_REGISTRYINDEX, ref); }
void wjs_getref(lua_State *L, int ref) { lua_rawgeti(L, LUA_REGISTRYINDEX, ref); }

static int get_field(lua_State *L) {
    lua_pushstring(L, (const char *)lua_touserdata(L, 2));
    lua_rawget(L, 1);
    return 1;
}

int wjs_rawgetfield(lua_State *L, int idx, const char *key) {
    idx = lua_absindex(L, idx);
    lua_pushcfunction(L, get_field);
    lua_pushvalue(L, idx);
    lua_pushlightuserdata(L, (void *)key);
    if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
        lua_pop(L, 1);
        lua_pushnil(L);
        return LUA_TNONE;
    }
    return lua_type(L, -1);
}

void wjs_rawsetfield(lua_State *L, int idx, const char *key) {
    idx = lua_absindex(L, idx);
    lua_pushstring(L, key);
    lua_insert(L, -2);
    lua_rawset(L, idx);
}

void wjs_set_message(lua_State *L, const char *text) {
    char *buffer = limits_of(L)->message;
    size_t n = strlen(text);
    if (n >= WJS_MESSAGE_SIZE) {
        n = WJS_MESSAGE_SIZE - 1;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;
    }
    memcpy(buffer, text, n);
    buffer[n] = '\0';
}

/* The Swift function has returned when anything here allocates or raises,
   so a memory error or the host's own error unwinds C frames only. */
static int trampoline(lua_State *L) {
    wjs_Function fn = (wjs_Function)lua_touserdata(L, lua_upvalueindex(1));
    void *context = lua_touserdata(L, lua_upvalueindex(2));
    int results = fn(L, context);
    wjs_Limits *limits = limits_of(L);
    if (results == WJS_RETURN_MESSAGE) {
        lua_pushstring(L, limits->message);
        return 1;
    }
    if (results == WJS_RAISE) {
        limits->raising = 1;
        luaL_where(L, 1);
        lua_pushstring(L, limits->message);
        lua_concat(L, 2);
        limits->raising = 0;
        return lua_error(L);
    }
    return results;
}

int wjs_caller_line(lua_State *L) {
    lua_Debug ar;
    if (!lua_getstack(L, 1, &ar) || !lua_getinfo(L, "l", &ar)) return -1;
    return ar.currentline;
}

void wjs_pushfunction(lua_State *L, wjs_Function fn, void *context) {
    lua_pushlightuserdata(L, (void *)fn);
    lua_pushlightuserdata(L, context);
    lua_pushcclosure(L, trampoline, 2);
}

int wjs_loadtext(lua_State *L, const char *text, size_t len, const char *chunkname) {
    return luaL_loadbufferx(L, text, len, chunkname, "t");
}

/* The real `string.rep` or `table.move` under a prelude wrapper puts the
   wrapper's line in front of its own errors ("bad argument", "resulting
   string too large"). The handler runs before the stack unwinds, so the
   plugin's line can still take its place. */
static const char prelude_where[] = "wijksim-prelude:";

static int message_handler(lua_State *L) {
    if (lua_type(L, 1) == LUA_TSTRING) {
        const char *message = lua_tostring(L, 1);
        const char *rest = strstr(message, ": ");
        if (strncmp(message, prelude_where, sizeof prelude_where - 1) == 0 && rest && push_plugin_where(L)) {
            lua_pushstring(L, rest + 2);
            lua_concat(L, 2);
        }
        return 1;
    }
    if (lua_type(L, 1) == LUA_TNUMBER) { lua_tostring(L, 1); return 1; }
    lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    return 1;
}

int wjs_pcall(lua_State *L, int nargs, int nresults) {
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, message_handler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return status;
}

/* pcall for plugins: like Lua's, except that an exhausted instruction
   budget cannot be caught, so `while true do pcall(loop) end` still stops. */
static int guarded_pcall(lua_State *L) {
    luaL_checkany(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    if (limits_of(L)->instruction_limit_hit) {
        return lua_error(L);
    }
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);
}

void wjs_push_guarded_pcall(lua_State *L) { lua_pushcfunction(L, guarded_pcall); }

void wjs_openlibs(lua_State *L) {
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_pop(L, 5);
}

void wjs_set_lightuserdata_metatable(lua_State *L) {
    lua_pushlightuserdata(L, NULL);
    lua_insert(L, -2);
    lua_setmetatable(L, -2);
    lua_pop(L, 1);
}

void wjs_protect_string_metatable(lua_State *L) {
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        lua_pushliteral(L, "string");
        lua_setfield(L, -2, "__metatable");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

void wjs_replace(lua_State *L, int idx) { lua_replace(L, idx); }
void wjs_collect_garbage(lua_State *L) { lua_gc(L, LUA_GCCOLLECT, 0); }
