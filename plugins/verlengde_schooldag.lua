-- Intervention: verlengde (rijke) schooldag in primary schools. A tiny
-- learning gain per year of participation, converted to percentage points of
-- pupils below the national 15th percentile, built up over an implementation
-- period. Costs per participating pupil per year.
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
30 procentpunt per SD (`pp_per_sd`). Een groep-8-leerling die k jaar heeft
meegedaan ligt k * effect_sd hoger, dus het aandeel daalt elk programmajaar
met bereik * effect_sd * pp_per_sd, tot na `schooljaren` jaar (8) alle
groep-8-leerlingen het hele programma hebben gehad; daarna blijft het niveau
gelijk. De uitvoering groeit in `aanloop` jaar naar volle sterkte
(lerarentekort, kwaliteit: NPRZ-evaluatie 2025).

Bewijs is dun: Nederlandse evaluaties vinden ongeveer 0 (RCT Meyer & Van
Klaveren 2013; NPRZ Rotterdam-Zuid, Educational Policy 2025; 22 scholen
HCZ-model; IZA DP 17526: 'precisely estimated zero or low effects'); CPB
(Bolhaar e.a. 2018) ca. 0 tot +0,05 SD per extra maand; EEF (+3 maanden) is
een internationale bovengrens. Standaard +0,03 SD per jaar (EVIDENCE.md 2.1,
bereik 0 tot 0,10; intensieve vormen tot 0,15). Voor Rijke Schooldag /
School en Omgeving is geen effectevaluatie gevonden (RU Nijmegen loopt
2024-2027). Uitdoving na afloop is niet gemodelleerd (optimistisch; het
effect is toch klein).

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
      default = 0.03, min = 0, max = 0.15,
      unit = "standaarddeviatie eindtoets per jaar deelname",
      source = "EVIDENCE.md 2.1: centraal +0,03 SD/jaar, bereik 0-0,10 (intensief tot 0,15); "
        .. "NL-evaluaties ca. 0 (Meyer & Van Klaveren 2013; NPRZ 2025; IZA DP 17526), "
        .. "CPB 2018 0-0,05 SD per extra maand, EEF +3 maanden (bovengrens)",
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
      unit = "jaar tot groep-8-leerlingen het hele programma hebben gevolgd",
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
    local uitvoering = ctx.active * sim.ramp(ctx.since, p.aanloop)
    local opbouwend = sim.lt(ctx.since, p.schooljaren)   -- new cohorts still gain
    ctx:add("onderwijsachterstand",
      -uitvoering * opbouwend * p.bereik * p.effect_sd * p.pp_per_sd)
    ctx:spend(ctx.active * p.bereik * ctx.wijk.pupils * p.kosten)
  end,
}
