/// The Lua code that builds a plugin's environment (CONTRACT §3, Sandbox).
/// Written in Lua because a whitelist reads best where it applies. Each
/// plugin gets its own copies of the library tables, so one plugin cannot
/// change what another sees; `math.random` is left out because its seed is
/// not reproducible (plugins use `sim.uniform`), `string.dump` because it
/// makes binary chunks. `setmetatable` refuses `__gc`: a finalizer would run
/// whenever the collector likes, in another plugin's step or in none.
/// `string.rep` and `table.move` refuse sizes that would keep one library
/// call busy for minutes, where the instruction budget cannot reach. The
/// bounded versions replace the global library functions too, because the
/// string metatable's `__index` is the global `string` table (`("x"):rep(n)`
/// would pass by the plugin's copy), and the sizes go through `tonumber`
/// because the library accepts numbers written as strings (`"1e18"`).
enum SandboxPrelude {
    static let source = #"""
    local guarded_pcall = ...
    local pairs, ipairs = pairs, ipairs
    string.dump = nil
    local function copy(t)
      local c = {}
      for k, v in pairs(t) do c[k] = v end
      return c
    end
    local safe = {"assert", "error", "ipairs", "next", "pairs", "select", "tonumber",
                  "tostring", "type", "rawequal", "rawget", "rawset", "rawlen",
                  "setmetatable", "getmetatable", "_VERSION"}
    local base = {}
    for _, name in ipairs(safe) do base[name] = _G[name] end
    local rawget, setmetatable, error, type, pcall, tonumber = rawget, setmetatable, error, type, pcall, tonumber
    base.setmetatable = function(t, mt)
      if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
        error("__gc finalizers are not allowed in plugins", 2)
      end
      -- errors at the plugin's line, not the prelude's
      local ok, result = pcall(setmetatable, t, mt)
      if not ok then error(result, 2) end
      return result
    end
    local rep, move = string.rep, table.move
    local limit = 1e8
    local function bounded_rep(s, n, sep)
      if (tonumber(n) or 0) > limit then
        error("string.rep of more than 100000000 copies is not allowed in plugins", 2)
      end
      return rep(s, n, sep)
    end
    local function bounded_move(a1, f, e, t, a2)
      if (tonumber(e) or 0) - (tonumber(f) or 0) > limit then
        error("table.move of more than 100000000 elements is not allowed in plugins", 2)
      end
      return move(a1, f, e, t, a2)
    end
    -- the string metatable's __index is this global table: ("x"):rep(n)
    string.rep, table.move = bounded_rep, bounded_move
    local libs = {string = string, table = table, math = math, utf8 = utf8}
    local blocked = {}
    for _, name in ipairs({"os", "io", "debug", "package", "require", "dofile", "loadfile", "load", "loadstring",
                           "print", "collectgarbage", "module", "coroutine"}) do blocked[name] = true end
    return function(sim)
      local env = {}
      for k, v in pairs(base) do env[k] = v end
      env.pcall = guarded_pcall
      for name, lib in pairs(libs) do env[name] = copy(lib) end
      env.math.random, env.math.randomseed = nil, nil
      env.sim = copy(sim)
      env._G = env
      -- a newcomer's `print` or `os.time()` says why it is missing, at the
      -- plugin's line, instead of "attempt to call a nil value"
      return setmetatable(env, {__index = function(_, name)
        if blocked[name] then
          error("'" .. name .. "' is not available in plugins (sandbox): a plugin may use string, table, math, utf8, sim "
                .. "and the safe base functions; it reads the world only through ctx and p", 2)
        end
      end})
    end
    """#
}
