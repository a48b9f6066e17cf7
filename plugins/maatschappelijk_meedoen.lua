-- Intervention: participation programme (Maatschappelijk meedoen). Each
-- active year the programme reaches a share of the wijk's unemployed (work
-- coaching, basisbanen, language and digital skills) and of its strongly
-- lonely residents (meeting places, buddies). A small net share of the
-- reached finds work or stops being strongly lonely; some households that
-- find work rise above the minimum income. What is gained is a stock that
-- relapses: every year a share of those who found work or left loneliness
-- falls back (terugval_werk, terugval_eenzaam), during and after the
-- programme. Costs per participant.

-- Share of inhabitants aged 15 or over (eenzaamheid is measured among 15+):
-- CBS, about 15% of the Dutch population is younger than 15.
local AANDEEL_15PLUS = 0.85

return {
  id = "maatschappelijk_meedoen",
  title = "Maatschappelijk meedoen: werk, ontmoeting en minder eenzaamheid",
  doc = [[De actielijn 'Maatschappelijk meedoen' van de Groningse wijkvernieuwing:
maatschappelijke activiteit en arbeidsparticipatie stimuleren, inkomen
bevorderen, marginalisatie en eenzaamheid tegengaan (werkcoaching,
basisbanen, taal- en digitale vaardigheden, ontmoeting, maatjes). Elk
actief jaar bereikt het programma een deel `bereik` van de werklozen en van
de sterk eenzame inwoners van de wijk (gemeten aan het beginniveau x0, zodat
het effect niet met zichzelf samengesteld wordt); de uitvoering groeit in
`aanloop` jaar naar volle sterkte: u(s) = [from <= s <= to] * ramp(s - from,
aanloop). Wie werk vindt of niet meer sterk eenzaam is, valt elk jaar met
kans h terug (h = `terugval_werk` of `terugval_eenzaam`). Het bereikte
effect is dan een voorraad E(t) = som over s < t van u(s) * (1 - h)^(t-1-s),
en per jaar:

  werkloosheid      verandert met  -bereik * effect_werk * x0.werkloosheid * (u(t) - h_w * E_w(t))
  eenzaamheid       verandert met  -bereik * effect_eenzaam * x0.eenzaamheid * (u(t) - h_e * E_e(t))
  minimahuishoudens verandert met  (verandering werkloosheid) * beroepsbevolking
                                   * inwoners / huishoudens * inkomen

Na afloop (u = 0) zakt het effect dus elk jaar met een deel h terug: met
h = 0,3 is de helft van de winst op eenzaamheid na twee jaar weg, met
h_w = 0,05 blijft na acht jaar twee derde van het gevonden werk.

De laatste regel rekent procentpunten van de beroepsbevolking om naar
personen (beroepsbevolking * inwoners) en dan naar huishoudens: een deel
`inkomen` van wie werk vindt, komt met het huishouden boven 110% van het
sociaal minimum.

Bewijs. Werk: Nederlandse re-integratietrajecten hebben een 'klein, positief
effect' (Beleidsdoorlichting Re-integratie SZW 2008, via ESB/Koning); de
netto-effectiviteit is enkele procentpunten (standaard 3 procentpunt); het
effect is na de korte termijn blijvend, tot acht jaar na instroom (Lammers &
Kok, ESB 2014). Daarom valt gevonden werk maar langzaam terug (5% per jaar,
schatting). Eenzaamheid: meta-analyses
vinden kleine tot matige effecten, kleiner in gerandomiseerde studies (Masi
e.a. 2011; Lasgaard e.a. 2022, 128 studies, RCT's SMD -0,47, betrouwbaarheid
laag tot zeer laag volgens GRADE). Omrekening: als de sterk eenzamen de
hoogste 11% van een normale verdeling zijn, brengt een verschuiving van 0,1 SD
ca. 16% van hen onder de grens en 0,2 SD ca. 30%; `effect_eenzaam` = 0,10 is
bewust lager dan de trials, omdat een wijkaanpak minder intensief is dan een
interventie in een studie. Of dat effect blijft, is niet gemeten; sterke
eenzaamheid is vaak langdurig, dus standaard valt 30% per jaar terug
(halfwaardetijd ca. 2 jaar, schatting). Het effect op het inkomen is een
schatting (werkende armen: deeltijd en flexwerk).

Kosten per deelnemer per jaar, mee met de uitvoering: `kosten_werk` per
werkloze deelnemer en `kosten_meedoen` per eenzame deelnemer (15+). Geen
bedragen gevonden: schattingen.]],
  params = {
    bereik = {
      default = 0.2, min = 0, max = 1,
      unit = "aandeel van de werklozen en van de sterk eenzamen dat per jaar deelneemt",
      source = "schatting: de coalitie 2022 breidt basisbanen uit van 50 naar 250 (nu.nl 2022-06); "
        .. "NPG Beijum/Lewenborg: coaching en digitale en taalvaardigheden vanuit de Oude Bieb "
        .. "(dvhn.nl 2020); geen bereikcijfers gevonden",
      evidence = "schatting",
    },
    effect_werk = {
      default = 0.03, min = 0, max = 0.2,
      unit = "netto extra kans op werk per deelnemer per jaar",
      source = "re-integratie 'klein, positief effect', netto enkele procentpunten "
        .. "(Beleidsdoorlichting SZW 2008 via esb.nu/tweedekans-re-integratie); blijvend tot 8 "
        .. "jaar na instroom (Lammers & Kok, esb.nu/langetermijneffecten-van-re-integratie, 2014); "
        .. "centraal 0,03, bandbreedte 0,01-0,05 (schatting)",
      evidence = "schatting",
    },
    effect_eenzaam = {
      default = 0.10, min = 0, max = 0.4,
      unit = "netto aandeel van de eenzame deelnemers dat per jaar niet meer sterk eenzaam is",
      source = "Masi e.a. 2011 (Pers Soc Psychol Rev 15(3), kleinere effecten in RCT's); Lasgaard "
        .. "e.a. 2022 (128 studies, RCT SMD -0,47, GRADE laag); omrekening: 0,1 SD verschuiving "
        .. "brengt ca. 16% van de hoogste 11% onder de grens (schatting)",
      evidence = "schatting",
    },
    terugval_werk = {
      default = 0.05, min = 0, max = 1,
      unit = "aandeel van wie werk vond dat per jaar weer werkloos wordt (extra t.o.v. basis)",
      source = "schatting: het effect van re-integratie is blijvend tot 8 jaar na instroom "
        .. "(Lammers & Kok, ESB 2014), dus een lage terugval; 5% per jaar laat na 8 jaar ca. "
        .. "twee derde over; bandbreedte 0-0,10",
      evidence = "schatting",
    },
    terugval_eenzaam = {
      default = 0.3, min = 0, max = 1,
      unit = "aandeel van wie niet meer sterk eenzaam is dat per jaar terugvalt",
      source = "schatting: geen follow-up van wijkaanpakken gevonden; effecten van "
        .. "eenzaamheidsinterventies zijn kleiner in RCT's en bij langere follow-up (Masi e.a. "
        .. "2011); 0,3 per jaar = halfwaardetijd ca. 2 jaar; bandbreedte 0,1-0,5",
      evidence = "schatting",
    },
    inkomen = {
      default = 0.5, min = 0, max = 1,
      unit = "aandeel werkvinders wier huishouden boven 110% van het sociaal minimum komt",
      source = "schatting: uitstroom uit de bijstand is vaak naar deeltijd- of flexwerk; een deel "
        .. "blijft onder de grens (werkende armen)",
      evidence = "schatting",
    },
    beroepsbevolking = {
      default = 0.6, min = 0.3, max = 0.8,
      unit = "beroepsbevolking als aandeel van de inwoners",
      source = "schatting: ca. 80% van de inwoners is 15-75 jaar en daarvan ca. 70-75% behoort tot "
        .. "de beroepsbevolking (CBS, netto arbeidsparticipatie ca. 68%); in studentenwijken lager",
      evidence = "schatting",
    },
    aanloop = {
      default = 2, min = 1, max = 6,
      unit = "jaar tot het programma zijn volle bereik heeft",
      source = "schatting: werving van deelnemers en coaches; re-integratie heeft bovendien een "
        .. "lock-in-effect in het eerste jaar (ESB 2014)",
      evidence = "schatting",
    },
    kosten_werk = {
      default = 5000, min = 0, max = 30000,
      unit = "EUR per werkloze deelnemer per jaar (coaching, basisbaan-begeleiding, scholing)",
      source = "schatting: geen bedrag per traject gevonden (SEO 2003/2006 kosten-batenstudies "
        .. "re-integratie noemen geen bruikbaar bedrag in de gedeelde bronnen)",
      evidence = "schatting",
    },
    kosten_meedoen = {
      default = 500, min = 0, max = 5000,
      unit = "EUR per eenzame deelnemer per jaar (ontmoeting, maatjes, activiteiten)",
      source = "schatting: buurtactiviteiten en vrijwillige maatjes met beroepsmatige begeleiding",
      evidence = "schatting",
    },
  },
  writes = {"werkloosheid", "eenzaamheid", "minimahuishoudens"},
  step = function(ctx, p)
    -- programme intensity in calendar year s (ctx.from, ctx.to: the window as numbers)
    local function u(s)
      return sim.ge(s, ctx.from) * sim.le(s, ctx.to) * sim.ramp(s - ctx.from, p.aanloop)
    end
    -- what the programme has built up by the start of this year, net of
    -- relapse: sum over s < year of u(s) * (1 - h)^(year - 1 - s), in Horner
    -- form (one multiply per year instead of a power per year and lane)
    local function voorraad(h)
      local e, blijft = 0, 1 - h
      for s = ctx.from, ctx.year - 1 do e = e * blijft + u(s) end
      return e
    end
    local nu = u(ctx.year)
    local werk = -p.bereik * p.effect_werk * ctx.x0.werkloosheid
      * (nu - p.terugval_werk * voorraad(p.terugval_werk))
    ctx:add("werkloosheid", werk)
    ctx:add("eenzaamheid", -p.bereik * p.effect_eenzaam * ctx.x0.eenzaamheid
      * (nu - p.terugval_eenzaam * voorraad(p.terugval_eenzaam)))
    local personen_per_huishouden = ctx.wijk.population / ctx.wijk.households
    ctx:add("minimahuishoudens", werk * p.beroepsbevolking * personen_per_huishouden * p.inkomen)
    local werklozen = ctx.x.werkloosheid / 100 * p.beroepsbevolking * ctx.wijk.population
    local eenzamen = ctx.x.eenzaamheid / 100 * AANDEEL_15PLUS * ctx.wijk.population
    ctx:spend(nu * p.bereik * (werklozen * p.kosten_werk + eenzamen * p.kosten_meedoen))
  end,
}
