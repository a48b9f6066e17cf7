-- Rule: autonomous development of every indicator without new policy.
-- Each year a wijk closes a share of its distance to the city average
-- (convergence; a negative rate means symmetric divergence), wijken that are
-- worse than the city may in addition fall further behind (one-sided
-- divergence, e.g. selective migration), and every indicator may follow a
-- city-wide drift. Convergence is symmetric in (city - x), so it treats
-- lower_better and higher_better indicators alike; the one-sided divergence
-- needs the polarity, which is listed here as in indicators.csv.

local indicators = {
  "minimahuishoudens", "werkloosheid", "onderwijsachterstand", "jeugdcriminaliteit",
  "eenzaamheid", "energiearmoede", "ervaren_gezondheid", "onveiligheidsgevoel",
  "sociale_cohesie", "goedkope_sociale_huur",
}

-- Per-indicator speed of convergence relative to `convergentie`. The housing
-- stock changes slowly (new build and demolition are about 1% of the stock a
-- year), so its composition converges at a quarter of the pace.
local factors = { goedkope_sociale_huur = 0.25 }

-- Polarity as in indicators.csv: +1 lower_better, -1 higher_better.
local richting = { ervaren_gezondheid = -1, sociale_cohesie = -1 }

local params = {
  convergentie = {
    default = 0.02, min = -0.1, max = 0.3,
    unit = "aandeel van de afstand tot het stedelijk gemiddelde dat per jaar wordt overbrugd",
    source = "schatting: dezelfde wijken blijven 2012-2022 achter (Stadsmonitor 2012, "
      .. "Basismonitor 2016, Armoedemonitor 2022, Leefbaarometer 2022; EVIDENCE.md 1.3), "
      .. "dus autonome convergentie is traag; 2% per jaar sluit in 20 jaar een derde van de kloof",
    evidence = "schatting",
  },
  divergentie = {
    default = 0, min = 0, max = 0.1,
    unit = "aandeel van de achterstand op de stad dat er per jaar bijkomt, alleen in wijken "
      .. "die slechter scoren dan de stad",
    source = "schatting: 0 = geen eenzijdige divergentie. Voor een somber basispad: de gemeente "
      .. "meldt dat de omstandigheden in de noordelijke wijken op sommige plekken verslechterden "
      .. "(wijkvernieuwing.groningen.nl/nplv) en dat de kloof groter werd (gemeente.groningen.nl, "
      .. "Groninger wijkvernieuwing vol op stoom); Leefbaarometer 2022: delen van Vinkhuizen, "
      .. "Selwerd en Indische Buurt verslechterden; SCP 2013 (Werk aan de wijk): selectieve "
      .. "migratie in aandachtswijken. Een tempo is niet gevonden",
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
  title = "Autonome ontwikkeling (convergentie, divergentie en stadsbrede trend)",
  doc = [[Ontwikkeling van alle tien indicatoren zonder nieuw beleid. Per jaar
verandert x met

  convergentie * factor * (stad - x)
  + divergentie * factor * slechter * (x - stad)
  + drift

met factor = `factor_<indicator>`, slechter = 1 als de wijk slechter scoort
dan de stad (hoger bij lower_better, lager bij higher_better), anders 0, en
drift = `drift_<indicator>`.

- Convergentie: elk jaar overbrugt een wijk een deel van haar afstand tot het
  stedelijk gemiddelde. Dat werkt voor lower_better en higher_better
  indicatoren gelijk. Een negatieve `convergentie` laat alle wijken
  symmetrisch uiteengroeien: zwakke wijken zakken weg en sterke wijken
  lopen verder uit (segregatie in twee richtingen).
- Divergentie (eenzijdig): alleen wijken die slechter scoren dan de stad
  raken per jaar een deel `divergentie` verder achter, bijvoorbeeld door
  selectieve verhuizingen (SCP 2013). Netto groeit de kloof van zo'n wijk
  met (divergentie - convergentie) per jaar; wijken die beter scoren dan de
  stad convergeren gewoon. Standaard 0.
- Drift: een stadsbrede trend per indicator (eenheid per jaar, standaard 0).

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
      local factor = p["factor_" .. id]
      local afstand = ctx.x[id] - ctx.city[id]                  -- x - stad
      local slechter = sim.gt((richting[id] or 1) * afstand, 0)  -- 1 where worse than the city
      ctx:add(id, -p.convergentie * factor * afstand
        + p.divergentie * factor * slechter * afstand
        + p["drift_" .. id])
    end
  end,
}
