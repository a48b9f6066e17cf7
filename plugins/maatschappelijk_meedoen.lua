-- Intervention: participation programme (Maatschappelijk meedoen). Each
-- active year the programme reaches a share of the wijk's unemployed (work
-- coaching, basisbanen, language and digital skills) and of its strongly
-- lonely residents (meeting places, buddies). A small net share of the
-- reached finds work or stops being strongly lonely; some households that
-- find work rise above the minimum income. Costs per participant.

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
de sterk eenzame inwoners van de wijk; de uitvoering groeit in `aanloop`
jaar naar volle sterkte (u = active * ramp(since, aanloop)). Per jaar:

  werkloosheid      verandert met  -u * bereik * effect_werk * werkloosheid
  eenzaamheid       verandert met  -u * bereik * effect_eenzaam * eenzaamheid
  minimahuishoudens verandert met  (verandering werkloosheid) * beroepsbevolking
                                   * inwoners / huishoudens * inkomen

De laatste regel rekent procentpunten van de beroepsbevolking om naar
personen (beroepsbevolking * inwoners) en dan naar huishoudens: een deel
`inkomen` van wie werk vindt, komt met het huishouden boven 110% van het
sociaal minimum.

Bewijs. Werk: Nederlandse re-integratietrajecten hebben een 'klein, positief
effect' (Beleidsdoorlichting Re-integratie SZW 2008, via ESB/Koning); de
netto-effectiviteit is enkele procentpunten; het effect is na de korte termijn
blijvend, tot acht jaar na instroom (Lammers & Kok, ESB 2014). Daarom blijft
gevonden werk na afloop behouden (geen uitdoving). Eenzaamheid: meta-analyses
vinden kleine tot matige effecten, kleiner in gerandomiseerde studies (Masi
e.a. 2011; Lasgaard e.a. 2022, 128 studies, RCT's SMD -0,47, betrouwbaarheid
laag tot zeer laag volgens GRADE). Omrekening: als de sterk eenzamen de
hoogste 11% van een normale verdeling zijn, brengt een verschuiving van 0,1 SD
ca. 16% van hen onder de grens en 0,2 SD ca. 30%; `effect_eenzaam` = 0,10 is
bewust lager dan de trials, omdat een wijkaanpak minder intensief is dan een
interventie in een studie. Of dat effect na afloop blijft, is onbekend (geen
uitdoving gemodelleerd: optimistisch). Het effect op het inkomen is een
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
      default = 0.05, min = 0, max = 0.2,
      unit = "netto extra kans op werk per deelnemer per jaar",
      source = "re-integratie 'klein, positief effect' (Beleidsdoorlichting SZW 2008 via "
        .. "esb.nu/tweedekans-re-integratie); blijvend tot 8 jaar na instroom (Lammers & Kok, "
        .. "esb.nu/langetermijneffecten-van-re-integratie, 2014); grootte schatting",
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
    local u = ctx.active * sim.ramp(ctx.since, p.aanloop)     -- share of full operation
    local werk = -u * p.bereik * p.effect_werk * ctx.x.werkloosheid
    ctx:add("werkloosheid", werk)
    ctx:add("eenzaamheid", -u * p.bereik * p.effect_eenzaam * ctx.x.eenzaamheid)
    local personen_per_huishouden = ctx.wijk.population / ctx.wijk.households
    ctx:add("minimahuishoudens", werk * p.beroepsbevolking * personen_per_huishouden * p.inkomen)
    local werklozen = ctx.x.werkloosheid / 100 * p.beroepsbevolking * ctx.wijk.population
    local eenzamen = ctx.x.eenzaamheid / 100 * AANDEEL_15PLUS * ctx.wijk.population
    ctx:spend(u * p.bereik * (werklozen * p.kosten_werk + eenzamen * p.kosten_meedoen))
  end,
}
