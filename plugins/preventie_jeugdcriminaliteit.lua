-- Intervention: community prevention of youth crime (Communities That Care
-- style, as in Preventie met Gezag). The effect is a level: a share `effect`
-- of the starting level of jeugdcriminaliteit, reached after a lag and a
-- build-up, held while the programme runs and fading after it ends. The fading
-- counts the years since the last active year, ctx.to (an extension of the
-- contract: ctx.from and ctx.to are the instance's window as numbers).
return {
  id = "preventie_jeugdcriminaliteit",
  title = "Preventie jeugdcriminaliteit (Communities That Care / Preventie met Gezag)",
  doc = [[Wijkgerichte preventie van jeugdcriminaliteit naar het model van
Communities That Care (CTC): gemeente, scholen, politie en bewoners pakken
samen de risicofactoren aan. Het effect is een daling van
`jeugdcriminaliteit` met een deel `effect` van het beginniveau (ctx.x0). Eerst
gebeurt er niets: risicofactoren veranderen vanaf jaar 2, gedrag pas later
(`vertraging` jaar, via ctx.since); daarna groeit het effect in `opbouw` jaar
naar volle sterkte. Zolang het programma loopt blijft het niveau staan; na
afloop (na ctx.to, het laatste actieve jaar) verdwijnt elk jaar een deel
`uitdoving` van het bereikte effect. Het bereikte niveau bij het einde hangt
af van de looptijd (ctx.to - ctx.from + 1): een programma dat stopt voordat
het op volle sterkte is, dooft uit vanaf het niveau dat het had.

Bronnen: CTC-trial in 24 Amerikaanse gemeenschappen: minder beginnend
delinquent gedrag na 1,67 jaar; in klas 12 lifetime delinquentie AOR 0,78,
maar geen verschil in delinquentie in het afgelopen jaar; op 19-jarige
leeftijd geen effect op actuele delinquentie: effecten doven uit na het einde
van de ondersteuning (Oesterle e.a. 2015, AJCP). Voor Preventie met Gezag is
geen effectevaluatie gevonden ('lerende aanpak'); het bewijs komt uit de VS,
meet lifetime delinquentie en niet verdachten per jaar. Daarom is de
standaard voorzichtig: -5% van het beginniveau bij volle werking
(bandbreedte 0 tot -10%), gelabeld als schatting.

Het effect telt bovenop het autonome pad van de regel `trend` (die hangt
alleen van de wijk zelf af) en is na volledige uitdoving weg.

Kosten per doelwijk per jaar, alleen in actieve jaren. Anker: Preventie met
Gezag geeft EUR 0,5 mln per jaar per toegevoegde gemeente (3 jaar,
gemeente.nu); verdeeld over ca. zes aandachtswijken is dat ca. EUR 80.000 per
wijk per jaar (schatting).]],
  params = {
    effect = {
      default = 0.05, min = 0, max = 0.3,
      unit = "aandeel van het beginniveau dat bij volle werking verdwijnt",
      source = "schatting: Preventie met Gezag is niet geevalueerd ('lerende aanpak'). CTC-RCT (VS, "
        .. "24 gemeenschappen): minder beginnend delinquent gedrag na 1,67 jaar; in klas 12 "
        .. "lifetime delinquentie AOR 0,78 (SPR 2013) maar geen verschil in delinquentie in het "
        .. "afgelopen jaar, en op 19 jaar geen effect op actuele delinquentie (Oesterle e.a. 2015). "
        .. "De indicator telt verdachten per jaar, dus voorzichtig: centraal 0,05, bandbreedte 0-0,10",
      evidence = "schatting",
    },
    vertraging = {
      default = 2, min = 0, max = 6,
      unit = "jaar zonder zichtbaar effect na de start",
      source = "schatting naar de CTC-theorie (risicofactoren 2-5 jaar, gedrag vanaf ca. 5 jaar) en "
        .. "de CTC-trial (eerste effect op beginnend delinquent gedrag na 1,67 jaar, OJP); voor "
        .. "Preventie met Gezag niet gemeten",
      evidence = "schatting",
    },
    opbouw = {
      default = 3, min = 1, max = 8,
      unit = "jaar van eerste effect tot volle werking",
      source = "schatting: volle werking na 5 jaar (2 jaar vertraging + 3 jaar opbouw), "
        .. "docs/evidence.md 2.1",
      evidence = "schatting",
    },
    uitdoving = {
      default = 0.25, min = 0, max = 1,
      unit = "aandeel van het bereikte effect dat per jaar na afloop verdwijnt",
      source = "schatting: effecten op actuele delinquentie verdwenen binnen enkele jaren na "
        .. "het einde van de ondersteuning (Oesterle e.a. 2015)",
      evidence = "schatting",
    },
    kosten = {
      default = 80000, min = 0, max = 1000000,
      unit = "EUR per doelwijk per jaar",
      source = "anker EUR 0,5 mln per jaar per gemeente (Preventie met Gezag, gemeente.nu); "
        .. "verdeling over ca. zes wijken is een schatting",
      evidence = "schatting",
    },
  },
  writes = {"jeugdcriminaliteit"},
  step = function(ctx, p)
    -- share of the full effect reached j years after the start
    local function werking(j)
      return sim.clamp((j - p.vertraging) / p.opbouw, 0, 1)
    end
    local niveau = p.effect * ctx.x0.jeugdcriminaliteit   -- per 1000 at full werking
    -- while running: the step from year since to since + 1 adds the build-up
    local opbouw = ctx.active * (werking(ctx.since + 1) - werking(ctx.since))
    -- after the end (ctx.to, a number): k years of fading have passed; a share
    -- uitdoving of what is left disappears this year
    local na = ctx.year > ctx.to and 1 or 0
    local k = math.max(ctx.year - ctx.to - 1, 0)
    local bereikt = werking(ctx.to - ctx.from + 1)        -- share reached when the programme ended
    local afbouw = na * bereikt * p.uitdoving * (1 - p.uitdoving) ^ k
    ctx:add("jeugdcriminaliteit", niveau * (afbouw - opbouw))
    ctx:spend(ctx.active * p.kosten)
  end,
}
