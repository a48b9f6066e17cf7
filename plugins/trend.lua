-- Rule: autonomous development of every indicator without new policy.
-- Each year a wijk closes a share of its distance to the city average
-- (convergence; a negative rate means symmetric divergence), wijken that are
-- worse than the city may in addition fall further behind (one-sided
-- divergence, e.g. selective migration), and every indicator may follow a
-- city-wide drift. Convergence is symmetric in (city - x), so it treats
-- lower_better and higher_better indicators alike; the one-sided divergence
-- needs the polarity, which is listed here as in indicators.csv.
--
-- `terugkoppeling` chooses what the rate acts on: 1 = the current distance
-- (closed loop: an intervention that narrows the gap also slows the
-- autonomous convergence, so a temporary effect ends below the baseline), 0 =
-- the baseline path from the start distance (open loop: interventions add to
-- a fixed autonomous path). Without interventions both give the same path.

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
  terugkoppeling = {
    default = 0, min = 0, max = 1,
    unit = "0 = vast autonoom pad vanaf de beginafstand, 1 = convergentie op de huidige afstand",
    source = "modelkeuze (geen bron): bij 1 nemen interventies een deel van de autonome "
      .. "convergentie over, zodat een tijdelijk effect na afloop onder het basispad eindigt; "
      .. "bij 0 is het effect van een interventie precies wat haar plugin beschrijft",
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
  doc = [[Ontwikkeling van alle tien indicatoren zonder nieuw beleid. Met
terugkoppeling 1 verandert x per jaar met

  tempo * (x - stad) + drift,
  tempo = (divergentie * slechter - convergentie) * factor

met factor = `factor_<indicator>`, slechter = 1 als de wijk slechter scoort
dan de stad (hoger bij lower_better, lager bij higher_better), anders 0, en
drift = `drift_<indicator>`. Met terugkoppeling 0 (standaard) volgt de wijk
een vast autonoom pad vanaf haar beginafstand a0 = x0 + drift * k - stad,
k jaar na de start:

  tempo0 * (1 + tempo0)^k * a0 + drift      (tempo0 als tempo, maar met a0)

Zonder interventies geven beide hetzelfde pad: de afstand tot de stad
krimpt (of groeit) met een vast deel per jaar. Met interventies verschillen
ze. Bij terugkoppeling 1 neemt een interventie die de kloof verkleint een
deel van de autonome convergentie over; een tijdelijk effect (preventie,
kansen_voor_kinderen) eindigt na afloop dan onder het basispad, en een
blijvend effect slijt met het convergentietempo. Bij 0 telt het effect van een
interventie precies zoals haar plugin het beschrijft, bovenop het autonome
pad; alleen de verschuiving van het stadsgemiddelde werkt door. Welke van de
twee klopt, is niet onderzocht (modelkeuze); 0 maakt scenario's eerlijk
vergelijkbaar en is daarom de standaard.

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
    local k = ctx.year - ctx.first_year                        -- years since the start
    for _, id in ipairs(indicators) do
      local factor, drift, r = p["factor_" .. id], p["drift_" .. id], richting[id] or 1
      -- closed loop: the current distance to the city (x - stad)
      local afstand = ctx.x[id] - ctx.city[id]
      local tempo = (p.divergentie * sim.gt(r * afstand, 0) - p.convergentie) * factor
      -- open loop: the autonomous path from the start distance, whatever interventions do
      local afstand0 = ctx.x0[id] + drift * k - ctx.city[id]
      local tempo0 = (p.divergentie * sim.gt(r * afstand0, 0) - p.convergentie) * factor
      local pad = tempo0 * (1 + tempo0) ^ k * afstand0
      ctx:add(id, p.terugkoppeling * tempo * afstand + (1 - p.terugkoppeling) * pad + drift)
    end
  end,
}
