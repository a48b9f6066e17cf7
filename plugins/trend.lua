-- Rule: autonomous development of every indicator without new policy.
--
-- The autonomous path of a wijk depends on that wijk only: on its own
-- starting value ctx.x0, the years since the start and fixed numbers. It
-- never reads ctx.city (which moves when an intervention changes a targeted
-- wijk) nor the current state ctx.x (which interventions change), so an
-- intervention in one wijk changes no other wijk, and within a targeted wijk
-- the intervention's effect adds exactly to this path.
--
-- Per indicator i, with g0 = r * (x0 - ref_i) the wijk's start gap to a fixed
-- reference (the 2022 city value; r = +1 lower_better, -1 higher_better) and
-- k = t - first_year:
--
--   autonomous x(k) = x0 + drift_i * (x0 / ref_i) * k + r * max(g0, 0) * ((1 + rho_i)^k - 1)
--   rho_i = divergentie * factor_i
--
-- drift_i: the city-wide change per year seen in the observed series, in
-- the unit of the indicator at the city level; every wijk changes by the same
-- share of its own level (drift_i / ref_i per year), so the ratio of a wijk
-- to the city stays as it was (and a low value never drops below zero). divergentie: wijken that
-- start worse than the city fall a share further behind each year (the
-- focus wijken of 2012 are still the focus wijken of 2022, and the
-- Leefbaarometer share "zwak of slechter" doubled 2020-2022). Wijken that
-- start better keep their lead: the kit has no series that says they lose it.

local indicators = {
  "minimahuishoudens", "werkloosheid", "onderwijsachterstand", "jeugdcriminaliteit",
  "eenzaamheid", "energiearmoede", "ervaren_gezondheid", "onveiligheidsgevoel",
  "sociale_cohesie", "goedkope_sociale_huur",
}

-- Polarity as in indicators.csv: +1 lower_better, -1 higher_better.
local richting = { ervaren_gezondheid = -1, sociale_cohesie = -1 }

-- Fixed references: the weighted 2022 city values of the Groningen data
-- (sources.csv, rows "Gemeente Groningen"). Another gemeente sets ref_<id>.
local referentie = {
  minimahuishoudens = 16.7, werkloosheid = 8.6, onderwijsachterstand = 15.0,
  jeugdcriminaliteit = 17.4, eenzaamheid = 11.0, energiearmoede = 7.4,
  ervaren_gezondheid = 69.1, onveiligheidsgevoel = 15.0, sociale_cohesie = 5.9,
  goedkope_sociale_huur = 30.0,
}

-- City-wide drift per year (unit of the indicator): central values. The
-- scenario basis.yaml gives each a symmetric range around this value.
local drift = {
  minimahuishoudens = {-0.15, "OIS Armoedemonitor 2022: minimahuishoudens 17,3% (2017) -> 16,7% "
    .. "(2019), -0,3 pp/jaar; langdurige minima 10,3% -> 10,7% (2017-2019) en moeite met "
    .. "rondkomen 9% -> 15% (2020-2022, OIS Verdieping Armoedemonitor 2024) stegen; centraal de "
    .. "helft van de daling, bandbreedte 0 tot de volle daling (schatting)"},
  werkloosheid = {-0.1, "Basismonitor Groningen: geregistreerde werkloosheid 9,8% (2018) -> 8,6% "
    .. "(2022), -0,3 pp/jaar in een krappe arbeidsmarkt; niet 20 jaar door te trekken, dus "
    .. "centraal -0,1, bandbreedte -0,3 tot +0,1 (schatting)"},
  onderwijsachterstand = {0, "relatieve maat (laagste 15% van Nederland); geen reeks voor de stad "
    .. "gevonden: 0 (schatting)"},
  jeugdcriminaliteit = {0, "geen reeks voor de stad gevonden: 0 (schatting)"},
  eenzaamheid = {0, "alleen een landelijk cijfer (CBS 2022: 11% sterk eenzaam, nog boven het "
    .. "niveau van voor corona); geen reeks voor de stad: 0 (schatting)"},
  energiearmoede = {0, "alleen een landelijk cijfer (TNO 2022: 7,4%); geen reeks: 0 (schatting)"},
  ervaren_gezondheid = {0, "alleen een regionaal cijfer (GGD 2022: 69,1%); geen reeks: 0 (schatting)"},
  onveiligheidsgevoel = {0, "een stadscijfer (15%) zonder reeks; verslechtering in Selwerd, De "
    .. "Wijert en Beijum (2020) zit in de divergentie, niet in de stadsdrift: 0 (schatting)"},
  sociale_cohesie = {0, "geen reeks gevonden: 0 (schatting)"},
  goedkope_sociale_huur = {-0.1, "Jaarrekening 2024 (via oogtv 2025-06): de sociale huurvoorraad "
    .. "kromp met 240 woningen in 2024 (doel +240 tot +300), ca. -0,2 pp van alle woningen; "
    .. "centraal de helft daarvan, bandbreedte -0,2 tot 0 (schatting)"},
}

-- Per-indicator multiplier of divergentie. The housing stock changes only
-- through building, demolition and sales (the drift), not by itself.
local factors = { goedkope_sociale_huur = 0 }

local params = {
  divergentie = {
    default = 0.005, min = 0, max = 0.05,
    unit = "aandeel van de startachterstand (ten opzichte van ref) waarmee een wijk die "
      .. "slechter begint dan de stad per jaar verder achterraakt",
    source = "richting: dezelfde wijken blijven 2012-2022 achter (Stadsmonitor 2012, Basismonitor "
      .. "2016, Armoedemonitor 2022); Leefbaarometer: aandeel woningen 'zwak of slechter' 5% -> "
      .. "10% en 'structureel zwak' 2% -> 4% (2020-2022), delen van Vinkhuizen, Selwerd en "
      .. "Indische Buurt verslechterden (oogtv 2024-05); onveiligheid verslechterde in Selwerd, "
      .. "De Wijert en Beijum (2020); SCP 2013: selectieve migratie. Geen tempo gevonden: "
      .. "centraal 0,5% per jaar (10% wijdere kloof in 20 jaar), bandbreedte 0-1% (schatting)",
    evidence = "schatting",
  },
}
for _, id in ipairs(indicators) do
  params["drift_" .. id] = {
    default = drift[id][1], min = -5, max = 5,
    unit = "autonome verandering van " .. id .. " per jaar op stadsniveau (eenheid van de "
      .. "indicator); een wijk verandert met drift * x0 / ref",
    source = drift[id][2],
    evidence = "schatting",
  }
  params["factor_" .. id] = {
    default = factors[id] or 1, min = 0, max = 5,
    unit = "vermenigvuldiger van divergentie voor " .. id,
    source = factors[id] and "modelkeuze: de woningvoorraad verandert alleen door bouw, sloop en "
      .. "verkoop (drift), niet vanzelf" or "schatting: geen reden voor een ander tempo",
    evidence = "schatting",
  }
  params["ref_" .. id] = {
    default = referentie[id], min = 0.001, max = 1000,
    unit = "vaste referentie voor " .. id .. " (stadsgemiddelde in het startjaar)",
    source = "stadsgemiddelde 2022 van de Groningse data (sources.csv, rij Gemeente Groningen); "
      .. "een vast getal, zodat het autonome pad niet meebeweegt met beleid elders",
    evidence = "goed onderbouwd",
  }
end

return {
  id = "trend",
  title = "Autonome ontwikkeling (stadsdrift en eenzijdige divergentie, per wijk)",
  doc = [[Ontwikkeling van alle tien indicatoren zonder nieuw beleid. Het autonome
pad van een wijk hangt alleen af van die wijk: haar beginwaarde x0, het aantal
jaren k sinds de start en vaste getallen. De regel leest ctx.city en ctx.x
niet, dus beleid in wijk A verandert wijk B niet, en binnen een doelwijk telt
het effect van een interventie precies op bij dit pad. Per indicator, met
r = +1 (lager is beter) of -1 (hoger is beter) en g0 = r * (x0 - ref) de
startachterstand ten opzichte van de vaste referentie (stadsgemiddelde 2022):

  x verandert per jaar met  drift * x0 / ref + r * max(g0, 0) * rho * (1 + rho)^k
  rho = divergentie * factor

dus x(k) = x0 + drift * (x0 / ref) * k + r * max(g0, 0) * ((1 + rho)^k - 1).

- drift: de stadsbrede verandering per jaar uit de waargenomen reeksen
  (minima -0,3 pp/jaar 2017-2019, werkloosheid -0,3 pp/jaar 2018-2022,
  sociale huurvoorraad -240 woningen in 2024), op stadsniveau. Elke wijk
  verandert met hetzelfde deel van haar eigen niveau (drift / ref per jaar):
  de verhouding wijk/stad blijft gelijk, en een lage waarde (Haren) zakt niet
  onder nul. Waar geen reeks is: 0.
- divergentie: een wijk die slechter begint dan de stad raakt per jaar een
  deel verder achter (dezelfde wijken achter 2012-2022; Leefbaarometer
  'zwak of slechter' 5% -> 10% 2020-2022; selectieve migratie, SCP 2013).
  Wijken die beter beginnen houden hun voorsprong. Geen tempo gevonden:
  standaard 0,5% per jaar (schatting).
- Er is geen convergentie naar het gemiddelde: geen reeks in de bronnen laat
  zien dat de achterstandswijken vanzelf inlopen, en geen reeks laat zien
  dat Haren of de restgebieden hun voorsprong verliezen.

Alle parameters zijn schattingen; basis.yaml geeft ze symmetrische
bandbreedtes, zodat het gemiddelde van de trekkingen de centrale waarde is.]],
  params = params,
  writes = indicators,
  step = function(ctx, p)
    local k = ctx.year - ctx.first_year                         -- years since the start
    for _, id in ipairs(indicators) do
      local r = richting[id] or 1
      local achterstand = sim.max(r * (ctx.x0[id] - p["ref_" .. id]), 0)   -- start gap if worse
      local rho = p.divergentie * p["factor_" .. id]
      local drift_wijk = p["drift_" .. id] * ctx.x0[id] / p["ref_" .. id]   -- same share of its own level
      ctx:add(id, drift_wijk + r * achterstand * rho * (1 + rho) ^ k)
    end
  end,
}
