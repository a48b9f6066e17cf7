-- Intervention: verlengde (rijke) schooldag in primary schools. A small
-- learning gain per year of participation, converted to percentage points of
-- group-8 pupils below the national 15th percentile. onderwijsachterstand is
-- a cohort measure (group 8), so the effect follows the cohorts: a group-8
-- pupil in year t took part in the programme years among t-7..t; when the
-- programme stops, its effect leaves with the pupils who took part (as in
-- kansen_voor_kinderen). Costs per participating pupil per year.
return {
  id = "verlengde_schooldag",
  title = "Verlengde schooldag (rijke schooldag)",
  doc = [[Extra onderwijstijd en verrijkingsactiviteiten voor basisschoolleerlingen
die in de wijk wonen. Een deel `bereik` van de leerlingen doet mee; elk jaar
deelname levert `effect_sd` standaarddeviatie op de eindtoets op.

Omrekening (gelabelde aanname): `onderwijsachterstand` is het aandeel
leerlingen met een eindtoets in de laagste 15% van Nederland. Als de scores
van een groep normaal verdeeld zijn en met d SD stijgen, daalt het aandeel
onder een vaste grens met ongeveer phi(z) * d, waarbij phi de normale
dichtheid is op de grens. Bij 15-35% onder de grens is phi(z) 0,23-0,37: ca.
30 procentpunt per SD (`pp_per_sd`).

Cohorten. De inzet in kalenderjaar s is
inzet(s) = [from <= s <= to] * ramp(s - from, aanloop). Een
groep-8-leerling in jaar t heeft meegedaan in de programmajaren tussen
t - schooljaren + 1 en t, en ligt per jaar deelname effect_sd hoger. Met
c = bereik * effect_sd * pp_per_sd:

  onderwijsachterstand verandert met  -c * (inzet(t) - inzet(t - schooljaren))

Zolang het programma loopt, daalt het aandeel `schooljaren` (8) jaar lang en
blijft het daarna gelijk; na afloop verdwijnt het effect in 8 jaar met de
cohorten die meededen: het wordt gemeten bij groep-8-leerlingen die nooit
hebben meegedaan. (Tot deze versie bleef het volle effect na afloop staan.)
Of de winst van deelnemers zelf later uitdooft (fade-out), valt buiten deze
indicator: die meet alleen groep 8.

Bewijs is dun: Nederlandse evaluaties vinden ongeveer 0 (RCT Meyer & Van
Klaveren 2013: geen significant effect; NPRZ Rotterdam-Zuid, Educational
Policy 2025: geen structurele stijging van het schooladvies; 22 scholen
HCZ-model: 'beperkt effect'; IZA DP 17526: 'precisely estimated zero or low
effects', alleen zeer intensieve vormen werken). CPB (Bolhaar e.a. 2018):
Carlsson e.a. 2015, 10 extra schooldagen +0,01 SD. EEF (+3 maanden) is een
internationale bovengrens. Standaard daarom +0,01 SD per jaar deelname
(bandbreedte 0 tot 0,02 in de scenario's, gemiddelde = 0,01); +0,03 (de
oude standaard) is een optimistische variant. Voor Rijke Schooldag / School
en Omgeving is geen effectevaluatie gevonden (RU Nijmegen loopt 2024-2027).

Kosten per deelnemende leerling per jaar: geen eurobedrag gevonden (EEF:
'moderate cost'); schatting ca. EUR 1.100 (ca. 5 uur per week extra in
groepjes van 15 tegen ca. EUR 60 per begeleidersuur, plus coordinatie en
materiaal).]],
  params = {
    bereik = {
      default = 0.5, min = 0, max = 1,
      unit = "aandeel van de basisschoolleerlingen in de wijk dat meedoet",
      source = "schatting: ca. de helft van de scholen biedt een vorm van verrijkte schooldag "
        .. "(Kohnstamm/Oberon/KBA 2023, rapport 23-5)",
      evidence = "schatting",
    },
    effect_sd = {
      default = 0.01, min = 0, max = 0.15,
      unit = "standaarddeviatie eindtoets per jaar deelname",
      source = "Nederlandse evaluaties ca. 0 (Meyer & Van Klaveren 2013 RCT; NPRZ, Educational "
        .. "Policy 2025; IZA DP 17526: 'precisely estimated zero or low effects'); CPB 2018: 10 "
        .. "extra schooldagen +0,01 SD (Carlsson e.a. 2015); centraal 0,01, bandbreedte 0-0,02; "
        .. "0,03 is een optimistische variant, EEF +3 maanden een internationale bovengrens",
      evidence = "schatting",
    },
    pp_per_sd = {
      default = 30, min = 10, max = 40,
      unit = "procentpunt onderwijsachterstand per SD hogere score (omrekening)",
      source = "omrekening, aanname normale verdeling: dichtheid 0,23-0,37 bij 15-35% onder "
        .. "de landelijke 15%-grens, dus 23-37 pp per SD",
      evidence = "theoretisch onderbouwd",
    },
    schooljaren = {
      default = 8, min = 1, max = 8,
      unit = "schooljaren die een groep-8-leerling heeft gehad (groep 1-8): zo lang bouwt het "
        .. "effect op, en zo lang duurt het na afloop tot het weg is",
      source = "basisonderwijs duurt 8 jaar (groep 1-8)",
      evidence = "goed onderbouwd",
    },
    aanloop = {
      default = 2, min = 1, max = 6,
      unit = "jaar tot de uitvoering op volle sterkte is",
      source = "schatting: implementatieproblemen (lerarentekort, kwaliteit) in NPRZ "
        .. "Rotterdam-Zuid (Educational Policy 2025)",
      evidence = "schatting",
    },
    kosten = {
      default = 1100, min = 0, max = 5000,
      unit = "EUR per deelnemende leerling per jaar",
      source = "schatting: geen eurobedrag gevonden (EEF 'moderate cost'); ca. 5 uur/week in "
        .. "groepjes van 15 tegen ca. EUR 60 per uur plus coordinatie en materiaal",
      evidence = "schatting",
    },
  },
  writes = {"onderwijsachterstand"},
  step = function(ctx, p)
    -- programme intensity in calendar year s (s a number or a vector; ctx.from
    -- and ctx.to are the instance's window as numbers)
    local function inzet(s)
      return sim.ge(s, ctx.from) * sim.le(s, ctx.to) * sim.ramp(s - ctx.from, p.aanloop)
    end
    local t = ctx.year
    ctx:add("onderwijsachterstand",
      -p.bereik * p.effect_sd * p.pp_per_sd * (inzet(t) - inzet(t - p.schooljaren)))
    ctx:spend(ctx.active * p.bereik * ctx.wijk.pupils * p.kosten)
  end,
}
