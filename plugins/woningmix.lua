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

Kosten per aangepakte woning, alleen in actieve jaren. Standaard de publieke
bijdrage per woning uit de NPLV-woningdeal Groningen-Noord (2025: 2.362
betaalbare woningen voor EUR 22,5-27 mln subsidie, ca. EUR 9.500-11.400 per
woning). De volledige investering van corporaties (sloop en nieuwbouw) is
een veelvoud; zet `kosten` hoger om die mee te rekenen.]],
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
        .. "(ca. 35-40%) en nieuwe woningen (ca. 5-10%)",
      evidence = "theoretisch onderbouwd",
    },
    aanloop = {
      default = 4, min = 1, max = 10,
      unit = "jaar tot het samenstellingseffect volledig is (bouwtijd)",
      source = "EVIDENCE.md 2.1: samenstellingseffect volgt de bouw, 3-6 jaar",
      evidence = "schatting",
    },
    veiligheid = {
      default = 0.25, min = 0, max = 2,
      unit = "pp onveiligheidsgevoel minder per pp aangepakte woningen",
      source = "richting: SCP 2013 Werk aan de wijk, Wittebrood & Van Dijk 2007 (SCP "
        .. "2007/13); grootte schatting (niet gevonden)",
      evidence = "schatting",
    },
    kosten = {
      default = 10500, min = 0, max = 400000,
      unit = "EUR per aangepakte woning",
      source = "NPLV-woningdeal Groningen-Noord 2025: EUR 22,5-27 mln voor 2.362 woningen, "
        .. "ca. EUR 9.500-11.400 publieke bijdrage per woning (afgeleid, oogtv 2025-06); "
        .. "volledige kosten van sloop en nieuwbouw liggen veel hoger",
      evidence = "goed onderbouwd",
    },
  },
  writes = {"goedkope_sociale_huur", "minimahuishoudens", "onveiligheidsgevoel"},
  step = function(ctx, p)
    -- pp of all dwellings tackled this year, never more than the cheap social stock left
    local aangepakt = ctx.active * sim.min(100 * p.tempo, ctx.x.goedkope_sociale_huur)
    local omgezet = aangepakt * p.menging              -- pp that leaves cheap social rent
    local bewoond = sim.ramp(ctx.since, p.aanloop)     -- share of the composition effect realised
    ctx:add("goedkope_sociale_huur", -omgezet)
    ctx:add("minimahuishoudens", -p.werking * omgezet * bewoond)
    ctx:add("onveiligheidsgevoel", -p.veiligheid * aangepakt)
    ctx:spend(aangepakt / 100 * ctx.wijk.dwellings * p.kosten)
  end,
}
