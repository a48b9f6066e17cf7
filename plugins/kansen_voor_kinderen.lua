-- Intervention: Kansen voor kinderen, an integraal kindcentrum (IKC: early
-- education, school and after-school care under one roof) with an extended
-- school day, as one programme. onderwijsachterstand is measured in group 8,
-- so it follows cohorts: the extended day counts for every programme year a
-- group-8 pupil went through, early education counts for the cohort that had
-- it as toddlers, eight years later. When the programme stops, its effect
-- leaves with the cohorts that had it.

local SCHOOLJAREN = 8      -- groep 1-8: a group-8 pupil went through 8 school years
local VVE_TOT_GROEP8 = 8   -- a toddler in voorschoolse educatie reaches group 8 about 8 years later

return {
  id = "kansen_voor_kinderen",
  title = "Kansen voor kinderen: IKC met verlengde schooldag",
  doc = [[De actielijn 'Kansen voor kinderen' van de Groningse wijkvernieuwing als
een programma: een integraal kindcentrum (IKC: kinderopvang, voorschoolse
educatie, basisschool en buitenschoolse opvang in een gebouw, 0-13 jaar) met
een verlengde schooldag (sport, cultuur, techniek, talentontwikkeling).
Voorbeelden: IKC Borgman in de Oosterparkwijk (geopend 2021, verlengde
schooldag sinds oktober 2021, oogtv 2021-10 en 2022-03) en de verlengde
schooldag op elf basisscholen in Beijum en Lewenborg sinds 2022 (start op IKC
Dom Helder Camara, Beijum; gemeente Groningen 2022).

`onderwijsachterstand` is het aandeel groep-8-leerlingen met een eindtoets in
de laagste 15% van Nederland, dus een cohortmaat. De inzet in kalenderjaar s
is inzet(s) = [from <= s <= to] * ramp(s - from, aanloop). Een
groep-8-leerling heeft de verlengde schooldag gehad in de acht schooljaren
tot en met het meetjaar, en voorschoolse educatie acht jaar eerder. Met
c_s = bereik * effect_sd * pp_per_sd en c_v = bereik * effect_vve_sd * pp_per_sd:

  onderwijsachterstand verandert met
    -c_s * (inzet(t) - inzet(t - 8))          verlengde schooldag
    -c_v * (inzet(t - 8) - inzet(t - 9))      voorschoolse educatie in het IKC

Zolang het programma loopt, daalt het aandeel dus acht jaar lang en blijft
het daarna gelijk (zoals `verlengde_schooldag`); het IKC-deel telt pas mee
als de eerste peuters in groep 8 zitten. Na afloop verdwijnt het effect met
de cohorten die het hadden: na acht jaar het schooldagdeel, na negen jaar het
IKC-deel. De omrekening van SD naar procentpunt (`pp_per_sd`) staat bij
`verlengde_schooldag`.

Bewijs is dun. Verlengde schooldag: Nederlandse evaluaties vinden ongeveer 0
(RCT Meyer & Van Klaveren 2013; NPRZ Rotterdam-Zuid 2025; IZA DP 17526),
CPB 2018: 10 extra schooldagen +0,01 SD; standaard +0,01 SD per jaar
deelname (0,03 is een optimistische variant). Voorschoolse educatie: een
extra maand kleuteronderwijs gaf +0,06 SD taal en +0,05 SD rekenen voor
achterstandsleerlingen in de eerste groepen (Leuven e.a. 2010); vroege
effecten doven grotendeels uit, dus standaard een kwart daarvan bij groep 8
(0,015 SD, schatting). Voor het
IKC als gebouw en samenwerkingsvorm is geen effectstudie gevonden. Effecten
op gezondheid (gezond opgroeien, sport en bewegen) zijn niet gemodelleerd: de
indicator ervaren_gezondheid meet volwassenen (18+).

Kosten per deelnemende leerling per jaar in actieve jaren, plus een
eenmalige investering per wijk in het eerste jaar (onderwijshuisvesting,
standaard 0: die loopt meestal via het gemeentelijke huisvestingsprogramma;
de coalitie 2022 vernieuwt scholen in de noordelijke wijken met voorrang).]],
  params = {
    bereik = {
      default = 0.5, min = 0, max = 1,
      unit = "aandeel van de basisschoolleerlingen en peuters in de wijk dat meedoet",
      source = "schatting: in Beijum en Lewenborg doen alle elf basisscholen mee, deelname aan het "
        .. "naschoolse aanbod is vrijwillig; landelijk biedt ca. de helft van de scholen een "
        .. "verrijkte schooldag (Kohnstamm/Oberon/KBA 2023)",
      evidence = "schatting",
    },
    effect_sd = {
      default = 0.01, min = 0, max = 0.15,
      unit = "standaarddeviatie eindtoets per jaar deelname aan de verlengde schooldag",
      source = "als verlengde_schooldag: NL-evaluaties ca. 0 (Meyer & Van Klaveren 2013; NPRZ 2025; "
        .. "IZA DP 17526), CPB 2018: 10 extra schooldagen +0,01 SD; centraal 0,01, bandbreedte "
        .. "0-0,02 (schatting); 0,03 optimistisch",
      evidence = "schatting",
    },
    effect_vve_sd = {
      default = 0.015, min = 0, max = 0.1,
      unit = "standaarddeviatie eindtoets in groep 8 door voorschoolse educatie in het IKC",
      source = "Leuven e.a. 2010: een extra maand kleuteronderwijs +0,06 SD taal / +0,05 SD rekenen "
        .. "voor achterstandsleerlingen in de eerste groepen; vroege effecten doven grotendeels "
        .. "uit tot groep 8: centraal een kwart (0,015), bandbreedte 0-0,03 (schatting)",
      evidence = "schatting",
    },
    pp_per_sd = {
      default = 30, min = 10, max = 40,
      unit = "procentpunt onderwijsachterstand per SD hogere score (omrekening)",
      source = "omrekening, aanname normale verdeling: dichtheid 0,23-0,37 bij 15-35% onder de "
        .. "landelijke 15%-grens (zie verlengde_schooldag)",
      evidence = "theoretisch onderbouwd",
    },
    aanloop = {
      default = 2, min = 1, max = 6,
      unit = "jaar tot de uitvoering op volle sterkte is",
      source = "schatting: implementatieproblemen (lerarentekort, kwaliteit) in NPRZ "
        .. "Rotterdam-Zuid (Educational Policy 2025); in Beijum en Lewenborg eerst coordinatoren, "
        .. "dan activiteiten (2022)",
      evidence = "schatting",
    },
    kosten = {
      default = 1300, min = 0, max = 5000,
      unit = "EUR per deelnemende leerling per jaar",
      source = "schatting: verlengde schooldag ca. EUR 1.100 (zie verlengde_schooldag; geen "
        .. "eurobedrag gevonden) plus ca. EUR 200 voor IKC-coordinatie en de doorgaande lijn",
      evidence = "schatting",
    },
    investering = {
      default = 0, min = 0, max = 30000000,
      unit = "EUR per wijk, eenmalig in het eerste actieve jaar (onderwijshuisvesting)",
      source = "standaard 0: geen bedrag gevonden voor een IKC-gebouw in Groningen; "
        .. "onderwijshuisvesting loopt meestal via een eigen gemeentelijk budget",
      evidence = "schatting",
    },
  },
  writes = {"onderwijsachterstand"},
  step = function(ctx, p)
    -- programme intensity in calendar year s (ctx.from and ctx.to are numbers)
    local function inzet(s)
      local actief = (s >= ctx.from and s <= ctx.to) and 1 or 0
      return actief * sim.ramp(s - ctx.from, p.aanloop)
    end
    local t = ctx.year
    local schooldag = inzet(t) - inzet(t - SCHOOLJAREN)
    local vve = inzet(t - VVE_TOT_GROEP8) - inzet(t - VVE_TOT_GROEP8 - 1)
    ctx:add("onderwijsachterstand",
      -p.bereik * p.pp_per_sd * (p.effect_sd * schooldag + p.effect_vve_sd * vve))
    local eerste = t == ctx.from and 1 or 0
    ctx:spend(ctx.active * p.bereik * ctx.wijk.pupils * p.kosten + eerste * p.investering)
  end,
}
