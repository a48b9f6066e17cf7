/// The Lua code that builds a plugin's environment (CONTRACT §3, Sandbox).
/// Written in Lua because a whitelist reads best where it applies. Each
/// plugin gets its own copies of the library tables, so one plugin cannot
/// change what another sees; `math.random` is left out because its seed is
/// not reproducible (plugins use `sim.uniform`), `string.dump` because it
/// makes binary chunks.
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
    local libs = {string = string, table = table, math = math, utf8 = utf8}
    return function(sim)
      local env = {}
      for k, v in pairs(base) do env[k] = v end
      env.pcall = guarded_pcall
      for name, lib in pairs(libs) do env[name] = copy(lib) end
      env.math.random, env.math.randomseed = nil, nil
      env.sim = copy(sim)
      env._G = env
      return env
    end
    """#
}
