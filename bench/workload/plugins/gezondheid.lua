-- Benchmark plugin (synthetic, all values made up): health follows
-- participation with a saturating response and regresses to the city.
return {
  id = "gezondheid",
  title = "Gezondheid (benchmark)",
  doc = [[Verzonnen benchmarkplugin: gezondheid stijgt met participatie boven
het stedelijk gemiddelde (wortelrespons), schuift naar de stad en krijgt een
extra impuls waar de wijk onder de drempel zit.]],
  params = {
    effect  = {default = 0.3, min = 0, max = 5, unit = "pp per wortel-pp participatie",
               source = "schatting voor de benchmark", evidence = "schatting"},
    trek    = {default = 0.05, min = 0, max = 1, unit = "aandeel per jaar",
               source = "schatting voor de benchmark", evidence = "schatting"},
    drempel = {default = 65, min = 40, max = 95, unit = "%",
               source = "schatting voor de benchmark", evidence = "schatting"},
  },
  writes = {"gezondheid"},
  step = function(ctx, p)
    local x = ctx.x
    local boven = sim.max(x.participatie - ctx.city.participatie, 0)
    local impuls = sim.where(sim.lt(x.gezondheid, p.drempel), 0.2, 0)
    ctx:add("gezondheid", p.effect * sim.sqrt(boven) + p.trek * (ctx.city.gezondheid - x.gezondheid) + impuls)
  end,
}
