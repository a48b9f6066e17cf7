-- Benchmark plugin for the dense workload (synthetic, all values made up):
-- a rule of logistic growth (division by a per-wijk ceiling), square roots
-- and logs of clamped ratios, and a three-way sim.where on sim.ge / sim.le
-- against the city.
return {
  id = "samenleven",
  title = "Samenleven in de wijk (benchmark)",
  doc = [[Verzonnen benchmarkplugin, alle waarden zijn schattingen voor de
benchmark. Eenzaamheid groeit logistisch naar een plafond `draagkracht` en
stijgt met de wortel van de werkloosheid boven die van de stad. Vertrouwen
schuift naar de stad, daalt waar de eenzaamheid meer dan `marge` pp boven die
van de stad ligt en stijgt waar ze meer dan `marge` pp eronder ligt, daalt
met het logaritme van de schulden ten opzichte van de stad en volgt de
woonkwaliteit. Woonkwaliteit veroudert elk jaar met `verval` naar 4.]],
  params = {
    groei        = {default = 0.08, min = 0, max = 1, unit = "groei van de eenzaamheid per jaar",
                    source = "schatting voor de benchmark", evidence = "schatting"},
    draagkracht  = {default = 50, min = 20, max = 70, unit = "% 65-plussers: plafond van de eenzaamheid",
                    source = "schatting voor de benchmark", evidence = "schatting"},
    werkdruk     = {default = 0.3, min = 0, max = 3, unit = "pp eenzaamheid per wortel-pp werkloosheid boven de stad",
                    source = "schatting voor de benchmark", evidence = "schatting"},
    herstel      = {default = 0.1, min = 0, max = 1, unit = "aandeel van de afstand tot de stad per jaar",
                    source = "schatting voor de benchmark", evidence = "schatting"},
    marge        = {default = 5, min = 0, max = 30, unit = "pp eenzaamheid boven of onder de stad",
                    source = "schatting voor de benchmark", evidence = "schatting"},
    gevoeligheid = {default = 0.3, min = 0, max = 2, unit = "punt vertrouwen per log-eenheid schulden ten opzichte van de stad",
                    source = "schatting voor de benchmark", evidence = "schatting"},
    verval       = {default = 0.03, min = 0, max = 0.2, unit = "aandeel van de woonkwaliteit boven 4 per jaar",
                    source = "schatting voor de benchmark", evidence = "schatting"},
  },
  writes = {"eenzaamheid", "vertrouwen", "woonkwaliteit"},
  step = function(ctx, p)
    local x, stad = ctx.x, ctx.city
    local e = x.eenzaamheid
    local werk = sim.sqrt(sim.max(x.werkloosheid - stad.werkloosheid, 0))
    ctx:add("eenzaamheid", p.groei * e * (1 - e / p.draagkracht) + p.werkdruk * werk)
    local hoog = sim.ge(e, stad.eenzaamheid + p.marge)
    local laag = sim.le(e, stad.eenzaamheid - p.marge)
    local sfeer = sim.where(hoog, -0.05, sim.where(laag, 0.04, 0))
    local schuld = sim.log(sim.clamp(x.schulden / stad.schulden, 0.25, 4))
    local wonen = sim.log(sim.clamp(x.woonkwaliteit / stad.woonkwaliteit, 0.5, 2))
    ctx:add("vertrouwen", p.herstel * (stad.vertrouwen - x.vertrouwen) + sfeer - 0.1 * p.gevoeligheid * schuld + 0.1 * wonen)
    ctx:add("woonkwaliteit", -p.verval * (x.woonkwaliteit - 4) + 0.03 * (stad.woonkwaliteit - x.woonkwaliteit))
  end,
}
