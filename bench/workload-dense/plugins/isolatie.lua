-- Benchmark plugin for the dense workload (synthetic, all values made up):
-- an intervention in some wijken whose effect builds up exponentially
-- (1 - exp(-(since + 1) / halftijd)), is halved where the wijk is already
-- below the city (sim.where on sim.gt), and spends per dwelling.
return {
  id = "isolatie",
  title = "Woningisolatie (benchmark)",
  doc = [[Verzonnen benchmarkplugin, alle waarden zijn schattingen voor de
benchmark. Elk jaar wordt een deel `tempo` van de woningen geisoleerd. Elk
procent geisoleerde woningen verlaagt de energiearmoede met `werking` pp,
met een werking die in `halftijd` jaar opbouwt, half zo sterk waar de wijk
niet boven het stedelijk gemiddelde zit. De woonkwaliteit stijgt met de
wortel van de ruimte tot 9. Kosten per geisoleerde woning.]],
  params = {
    tempo     = {default = 0.04, min = 0, max = 0.2, unit = "aandeel van de woningen per jaar",
                 source = "schatting voor de benchmark", evidence = "schatting"},
    werking   = {default = 0.4, min = 0, max = 3, unit = "pp energiearmoede minder per % geisoleerde woningen",
                 source = "schatting voor de benchmark", evidence = "schatting"},
    halftijd  = {default = 2, min = 0.5, max = 10, unit = "jaar (tijdconstante van de opbouw)",
                 source = "schatting voor de benchmark", evidence = "schatting"},
    kwaliteit = {default = 0.02, min = 0, max = 1, unit = "punt woonkwaliteit per % geisoleerde woningen en wortel-punt ruimte",
                 source = "schatting voor de benchmark", evidence = "schatting"},
    prijs     = {default = 22000, min = 0, max = 100000, unit = "EUR per geisoleerde woning",
                 source = "schatting voor de benchmark", evidence = "schatting"},
  },
  writes = {"energiearmoede", "woonkwaliteit"},
  step = function(ctx, p)
    local x, stad = ctx.x, ctx.city
    local procent = 100 * ctx.active * p.tempo
    local opbouw = 1 - sim.exp(-sim.max(ctx.since + 1, 0) / p.halftijd)
    local factor = sim.where(sim.gt(x.energiearmoede, stad.energiearmoede), 1, 0.5)
    ctx:add("energiearmoede", -p.werking * procent * opbouw * factor)
    ctx:add("woonkwaliteit", p.kwaliteit * procent * sim.sqrt(sim.clamp(9 - x.woonkwaliteit, 0, 6)))
    ctx:spend(ctx.active * p.tempo * ctx.wijk.dwellings * p.prijs)
  end,
}
