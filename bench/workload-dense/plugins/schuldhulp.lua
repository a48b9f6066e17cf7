-- Benchmark plugin for the dense workload (synthetic, all values made up):
-- an intervention in every wijk with a log response, a threshold (sim.where
-- on sim.lt) and a cost with economies of scale (`^` with a per-wijk
-- exponent on a base of at least 1).
return {
  id = "schuldhulp",
  title = "Schuldhulp (benchmark)",
  doc = [[Verzonnen benchmarkplugin, alle waarden zijn schattingen voor de
benchmark. Schuldhulp bereikt een deel `bereik` van de huishoudens met
schulden. De schulden dalen met `effect` per jaar, sterker naarmate ze hoger
liggen dan in de stad (logaritmisch); werkloosheid daalt met de wortel van
haar niveau, eenzaamheid meer waar de schulden onder `drempel` zakken. De
kosten groeien minder dan evenredig met het aantal geholpen huishoudens
(exponent `schaal`).]],
  params = {
    bereik  = {default = 0.3, min = 0, max = 1, unit = "aandeel van de huishoudens met schulden",
               source = "schatting voor de benchmark", evidence = "schatting"},
    effect  = {default = 0.12, min = 0, max = 1, unit = "aandeel minder schulden per jaar bij vol bereik",
               source = "schatting voor de benchmark", evidence = "schatting"},
    werk    = {default = 0.05, min = 0, max = 1, unit = "pp werkloosheid per wortel-pp bij vol bereik",
               source = "schatting voor de benchmark", evidence = "schatting"},
    drempel = {default = 8, min = 1, max = 30, unit = "% huishoudens met schulden",
               source = "schatting voor de benchmark", evidence = "schatting"},
    schaal  = {default = 0.92, min = 0.5, max = 1, unit = "exponent van de kosten in het aantal geholpen huishoudens",
               source = "schatting voor de benchmark", evidence = "schatting"},
    prijs   = {default = 1200, min = 0, max = 10000, unit = "EUR per geholpen huishouden (bij schaal 1)",
               source = "schatting voor de benchmark", evidence = "schatting"},
  },
  writes = {"schulden", "werkloosheid", "eenzaamheid"},
  step = function(ctx, p)
    local x, stad = ctx.x, ctx.city
    local inzet = ctx.active * p.bereik
    local relatief = sim.log(1 + x.schulden / stad.schulden)
    ctx:add("schulden", -p.effect * inzet * x.schulden * relatief)
    ctx:add("werkloosheid", -p.werk * inzet * sim.sqrt(x.werkloosheid))
    ctx:add("eenzaamheid", sim.where(sim.lt(x.schulden, p.drempel), -0.2, -0.1) * inzet)
    local geholpen = inzet * ctx.wijk.households * x.schulden / 100
    ctx:spend(p.prijs * ((geholpen + 1) ^ p.schaal - 1))
  end,
}
