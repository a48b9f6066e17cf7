-- Intervention: herstructurering. Each active year a share of the wijk's
-- dwellings (taken from the cheap social rent stock) is demolished or
-- renovated and replaced by a mix. The effect is modelled as a composition
-- effect: fewer cheap social dwellings, after a construction lag fewer
-- households on a minimum income, and a small gain in feelings of safety.
return {
  id = "woningmix",
  title = "Woningmix: herstructurering van goedkope sociale huur",
  doc = [[Herstructurering (sloop/nieuwbouw of ingrijpende renovatie met
menging). Elk jaar dat het programma loopt wordt een deel `tempo` van alle
woningen in de wijk aangepakt, genomen uit de goedkope sociale huur (nooit
meer dan er nog is). Een deel `menging` van de vervangende woningen is geen
goedkope sociale huur meer (middenhuur, koop of duurdere sociale huur):
`goedkope_sociale_huur` daalt met 100 * tempo * menging procentpunt per jaar.

Samenstellingseffect: per procentpunt woningen dat overgaat naar een ander
segment daalt `minimahuishoudens` met `werking` procentpunt, pas als de
nieuwe bewoners er wonen: het effect groeit in `aanloop` jaar lineair naar
volle sterkte (sim.ramp op ctx.since). Zwiers, Van Ham & Kleinhans (2019,
Urban Studies 56(8), 31 steden 1999-2013) vinden sociaaleconomische
opwaardering door instroom en behoud van midden- en hogere inkomens, zeer
lokaal en zonder uitstraling naar buurwijken: daarom geen effect buiten de
doelwijken. De grootte van `werking` is een schatting: als in een goedkope
sociale huurwoning ca. 35-40% van de huishoudens een minimuminkomen heeft en
in de nieuwe woningen ca. 5-10%, scheelt elke omgezette procentpunt woningen
ca. 0,3 pp minimahuishoudens.

Veiligheid: per procentpunt aangepakte woningen daalt `onveiligheidsgevoel`
met `veiligheid` pp. SCP (Permentier, Kullberg & Van Noije 2013, Werk aan de
wijk) schrijft de gunstige effecten op leefbaarheid en veiligheid in de
krachtwijken vooral toe aan herstructurering; een getal is niet gevonden, dus
klein gehouden (schatting).

Beperking: het effect op de minima bouwt op vanaf de start; het naijlen van
de laatste bouwjaren na `to` is niet gemodelleerd (conservatief).

Verplaatsing: de huishoudens met een minimuminkomen die vertrekken, wonen
daarna ergens anders in de stad of daarbuiten. Het model telt alleen de
samenstelling van de doelwijk; het aantal minima in de stad daalt niet echt
(zie docs/model.md, "wat het model niet ziet").

Kosten per aangepakte woning, alleen in actieve jaren: `kosten` is standaard
de volledige investering van alle partijen (sloop, verhuiskosten en
nieuwbouw, corporaties inbegrepen): ca. EUR 200.000 per woning. Anker: de
gemiddelde stichtingskosten van een nieuwe corporatiewoning waren EUR 187.000
in 2020 (Aedes-benchmark 2021), plus sloop en de wettelijke
verhuiskostenvergoeding (schatting). De publieke bijdrage uit de
NPLV-woningdeal Groningen-Noord (2025: EUR 22,5-27 mln voor 2.362 extra
betaalbare woningen, ca. EUR 10.500 per woning) is maar een twintigste
daarvan. Om elke financieringsstroom apart te tonen, zet een scenario twee
instanties met hetzelfde tempo in dezelfde wijken: een met het effect en de
publieke bijdrage als `kosten`, en een met `effect_tellen: 0` die alleen het
deel van de corporaties boekt (`kosten` = het restant).]],
  params = {
    tempo = {
      default = 0.01, min = 0, max = 0.05,
      unit = "aandeel van alle woningen in de wijk dat per jaar wordt aangepakt",
      source = "schatting: 1% per jaar; 10 jaar x 1% van Selwerd, Paddepoel, Vinkhuizen, "
        .. "Indische Buurt en De Hoogte is ca. 2.400 woningen, de orde van de NPLV-deal "
        .. "Groningen-Noord (2.362 woningen, oogtv 2025-06)",
      evidence = "schatting",
    },
    menging = {
      default = 0.6, min = 0, max = 1,
      unit = "aandeel van de vervangende woningen dat geen goedkope sociale huur is",
      source = "schatting: menging is het doel van herstructurering (NPLV: 'meer gemengde "
        .. "wijken'); een deel keert terug als sociale huur",
      evidence = "schatting",
    },
    werking = {
      default = 0.3, min = 0, max = 1,
      unit = "pp minimahuishoudens minder per pp woningen dat van segment wisselt",
      source = "samenstellingseffect (Zwiers, Van Ham & Kleinhans 2019, Urban Studies 56(8)); "
        .. "grootte schatting: verschil in minima-aandeel tussen goedkope sociale huur "
        .. "(ca. 35-40%) en nieuwe woningen (ca. 5-10%); beide aandelen zijn schattingen, "
        .. "Zwiers e.a. geven geen grootte",
      evidence = "schatting",
    },
    aanloop = {
      default = 4, min = 1, max = 10,
      unit = "jaar tot het samenstellingseffect volledig is (bouwtijd)",
      source = "docs/evidence.md 2.1: samenstellingseffect volgt de bouw, 3-6 jaar",
      evidence = "schatting",
    },
    veiligheid = {
      default = 0.15, min = 0, max = 2,
      unit = "pp onveiligheidsgevoel minder per pp aangepakte woningen",
      source = "richting: SCP 2013 Werk aan de wijk (gunstige effecten op leefbaarheid en "
        .. "veiligheid 'eerder door herstructurering'), Wittebrood & Van Dijk 2007 (SCP 2007/13); "
        .. "grootte niet gevonden: voorzichtig 0,15, bandbreedte 0-0,3 (schatting)",
      evidence = "schatting",
    },
    kosten = {
      default = 200000, min = 0, max = 400000,
      unit = "EUR per aangepakte woning die deze instantie boekt (standaard: alle partijen samen)",
      source = "schatting: gemiddelde stichtingskosten nieuwe corporatiewoning EUR 187.000 in 2020 "
        .. "(Aedes-benchmark 2021, https://benchmark.aedes.nl/report/7-verdieping-nieuwbouw/"
        .. "74-stichtingskosten-per-vierkante-meter-13-procent-gestegen) plus sloop en "
        .. "verhuiskostenvergoeding; niet Groningen-specifiek. Ter vergelijking: de publieke "
        .. "bijdrage van de NPLV-woningdeal Groningen-Noord is ca. EUR 10.500 per extra betaalbare "
        .. "woning (EUR 22,5-27 mln / 2.362, oogtv 2025-06); gemeente en corporaties samen EUR 300 "
        .. "mln voor de vernieuwing van vier wijken (rtvnoord 2018)",
      evidence = "schatting",
    },
    effect_tellen = {
      default = 1, min = 0, max = 1,
      unit = "1 = deze instantie verandert de indicatoren; 0 = zij boekt alleen haar kosten "
        .. "(een tweede financieringsstroom van dezelfde vernieuwing)",
      source = "modelkeuze: een instantie heeft een financieringsbron; zo krijgt het deel van de "
        .. "corporaties een eigen stroom zonder het effect dubbel te tellen",
      evidence = "schatting",
    },
  },
  writes = {"goedkope_sociale_huur", "minimahuishoudens", "onveiligheidsgevoel"},
  step = function(ctx, p)
    -- pp of all dwellings tackled this year, never more than the cheap social stock left
    local aangepakt = ctx.active * sim.min(100 * p.tempo, ctx.x.goedkope_sociale_huur)
    local omgezet = p.effect_tellen * aangepakt * p.menging   -- pp that leaves cheap social rent
    local bewoond = sim.ramp(ctx.since, p.aanloop)     -- share of the composition effect realised
    ctx:add("goedkope_sociale_huur", -omgezet)
    ctx:add("minimahuishoudens", -p.werking * omgezet * bewoond)
    ctx:add("onveiligheidsgevoel", -p.effect_tellen * p.veiligheid * aangepakt)
    ctx:spend(aangepakt / 100 * ctx.wijk.dwellings * p.kosten)
  end,
}
