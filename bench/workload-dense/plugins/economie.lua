-- Benchmark plugin for the dense workload (synthetic, all values made up):
-- a rule that spends its time in transcendental functions. Unemployment
-- moves geometrically towards the city (exp of trek * log of the ratio,
-- the ratio clamped first), debts follow unemployment through a power law
-- with a per-wijk exponent (`^` with a vector exponent, a positive base),
-- and energy poverty grows with an exponential price path and the square
-- root of the debt pressure.
return {
  id = "economie",
  title = "Economie en bestaanszekerheid (benchmark)",
  doc = [[Verzonnen benchmarkplugin, alle waarden zijn schattingen voor de
benchmark. Werkloosheid schuift meetkundig naar het stedelijk gemiddelde
(elk jaar een factor (stad/wijk)^trek) en krijgt een conjunctuurschok die
uitdooft met tijdconstante `duur`. Schulden bewegen naar een niveau dat de
werkloosheid volgt met elasticiteit `elasticiteit` en schuiven wat naar de
stad. Energiearmoede groeit met een energieprijs die elk jaar `prijsgroei`
stijgt, sterker waar de schulden boven die van de stad liggen.]],
  params = {
    trek         = {default = 0.1, min = 0, max = 1, unit = "macht per jaar van de verhouding stad/wijk",
                    source = "schatting voor de benchmark", evidence = "schatting"},
    conjunctuur  = {default = 1, min = 0, max = 3, unit = "pp werkloosheid in het eerste jaar per 10% beginwerkloosheid",
                    source = "schatting voor de benchmark", evidence = "schatting"},
    duur         = {default = 4, min = 0.5, max = 30, unit = "jaar (tijdconstante van de schok)",
                    source = "schatting voor de benchmark", evidence = "schatting"},
    elasticiteit = {default = 0.8, min = 0, max = 3, unit = "procent schulden per procent werkloosheid",
                    source = "schatting voor de benchmark", evidence = "schatting"},
    aanpassing   = {default = 0.25, min = 0, max = 1, unit = "aandeel van de afstand tot het schuldenniveau per jaar",
                    source = "schatting voor de benchmark", evidence = "schatting"},
    prijsgroei   = {default = 0.03, min = 0, max = 0.2, unit = "groei van de energieprijs per jaar (continu)",
                    source = "schatting voor de benchmark", evidence = "schatting"},
    gevoeligheid = {default = 0.4, min = 0, max = 5, unit = "pp energiearmoede per eenheid prijsstijging bij stedelijke schulden",
                    source = "schatting voor de benchmark", evidence = "schatting"},
  },
  writes = {"werkloosheid", "schulden", "energiearmoede"},
  step = function(ctx, p)
    local x, x0, stad = ctx.x, ctx.x0, ctx.city
    local t = ctx.year - ctx.first_year
    -- the ratio is clamped before the log: never log of 0 or of a negative
    local verhouding = sim.clamp(stad.werkloosheid / x.werkloosheid, 0.2, 5)
    local schok = p.conjunctuur * sim.exp(-t / p.duur) * x0.werkloosheid / 10
    ctx:add("werkloosheid", x.werkloosheid * (sim.exp(p.trek * sim.log(verhouding)) - 1) + schok)
    -- a positive base for ^: werkloosheid is at least 0.5 here
    local doel = x0.schulden * (sim.max(x.werkloosheid, 0.5) / x0.werkloosheid) ^ p.elasticiteit
    ctx:add("schulden", p.aanpassing * (doel - x.schulden) + 0.02 * (stad.schulden - x.schulden))
    local prijs = sim.exp(p.prijsgroei * t)
    local druk = sim.sqrt(sim.clamp(x.schulden / stad.schulden, 0, 4))
    ctx:add("energiearmoede", p.gevoeligheid * (prijs - 1) * druk + 0.05 * (stad.energiearmoede - x.energiearmoede))
  end,
}
