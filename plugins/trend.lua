-- Rule: autonomous development of every indicator without new policy.
-- Each year a wijk closes a share of its distance to the city average
-- (convergence; a negative rate means divergence) and every indicator may
-- follow a city-wide drift. Convergence is symmetric in (city - x), so it
-- treats lower_better and higher_better indicators alike.

local indicators = {
  "minimahuishoudens", "werkloosheid", "onderwijsachterstand", "jeugdcriminaliteit",
  "eenzaamheid", "energiearmoede", "ervaren_gezondheid", "onveiligheidsgevoel",
  "sociale_cohesie", "goedkope_sociale_huur",
}

-- Per-indicator speed of convergence relative to `convergentie`. The housing
-- stock changes slowly (new build and demolition are about 1% of the stock a
-- year), so its composition converges at a quarter of the pace.
local factors = { goedkope_sociale_huur = 0.25 }

local params = {
  convergentie = {
    default = 0.02, min = -0.1, max = 0.3,
    unit = "aandeel van de afstand tot het stedelijk gemiddelde dat per jaar wordt overbrugd",
    source = "schatting: dezelfde wijken blijven 2012-2022 achter (Stadsmonitor 2012, "
      .. "Basismonitor 2016, Armoedemonitor 2022, Leefbaarometer 2022; EVIDENCE.md 1.3), "
      .. "dus autonome convergentie is traag; 2% per jaar sluit in 20 jaar een derde van de kloof",
    evidence = "schatting",
  },
}
for _, id in ipairs(indicators) do
  params["factor_" .. id] = {
    default = factors[id] or 1, min = 0, max = 5,
    unit = "vermenigvuldiger van convergentie voor " .. id,
    source = factors[id]
      and "schatting: de woningvoorraad verandert met ca. 1% per jaar (nieuwbouw en sloop)"
      or "schatting: geen reden voor een ander tempo dan de overige indicatoren",
    evidence = "schatting",
  }
  params["drift_" .. id] = {
    default = 0, min = -5, max = 5,
    unit = "verandering van " .. id .. " per jaar in de hele stad (eenheid van de indicator)",
    source = "schatting: 0 = geen stadsbrede trend (beleidsarm basispad). Ter vergelijking: "
      .. "minimahuishoudens 17,3% -> 16,7% (2017-2019, -0,3 pp/jaar), werkloosheid "
      .. "9,8% -> 8,6% (2018-2022, -0,3 pp/jaar), Armoedemonitor 2022 en Basismonitor",
    evidence = "schatting",
  }
end

return {
  id = "trend",
  title = "Autonome ontwikkeling (convergentie en stadsbrede trend)",
  doc = [[Ontwikkeling van alle tien indicatoren zonder nieuw beleid. Elk jaar
overbrugt een wijk een deel `convergentie` (maal `factor_<indicator>`) van haar
afstand tot het stedelijk gemiddelde: x verandert met
convergentie * factor * (stad - x). Dat werkt voor lower_better en
higher_better indicatoren gelijk; een negatieve `convergentie` laat wijken
uiteengroeien. Daarbovenop kan elke indicator een stadsbrede `drift_<indicator>`
volgen (eenheid per jaar, standaard 0).

Bronnen en onderbouwing: de gepubliceerde ordeningen (Stadsmonitor 2012,
Basismonitor 2016, Armoedemonitor 2022, Leefbaarometer 2022) tonen dat
dezelfde wijken tien jaar lang achterblijven; een snelle autonome convergentie
past daar niet bij. Een getal voor de snelheid is niet gevonden: de standaard
2% per jaar is een schatting, evenals het lagere tempo voor de woningvoorraad
(ca. 1% van de voorraad verandert per jaar). De drifts staan standaard op 0;
recente stedelijke trends (minima -0,3 pp/jaar 2017-2019, werkloosheid
-0,3 pp/jaar 2018-2022) kunnen in een scenario worden gezet.]],
  params = params,
  writes = indicators,
  step = function(ctx, p)
    for _, id in ipairs(indicators) do
      local rate = p.convergentie * p["factor_" .. id]
      ctx:add(id, rate * (ctx.city[id] - ctx.x[id]) + p["drift_" .. id])
    end
  end,
}
