-- Intervention: Prettig en veilig samenleven. A street-by-street approach
-- (Stratenaanpak GoeieBuurt) with a safe and inviting public space (speel- en
-- chillplekken). The effect is a level: fewer residents who feel unsafe and
-- a little more social cohesion among the residents reached, built up over a
-- few years, held while the approach runs and fading after it ends (counted
-- from ctx.to, the instance's last active year).
return {
  id = "veilig_samenleven",
  title = "Prettig en veilig samenleven: stratenaanpak en veilige openbare ruimte",
  doc = [[De actielijn 'Prettig en veilig samenleven' van de Groningse
wijkvernieuwing: sociale cohesie en vitale gemeenschappen, een aantrekkelijke
en veilige leefomgeving (zoals de Stratenaanpak GoeieBuurt en speel- en
chillplekken in Selwerd). Een deel `bereik` van de inwoners woont in de
straten en buurten die worden aangepakt. Bij volle werking voelt een deel
`effect_onveilig` minder van de bereikte inwoners zich onveilig (relatief
ten opzichte van het beginniveau ctx.x0) en stijgt hun sociale cohesie met
`effect_cohesie` punt. Het effect groeit in `opbouw` jaar naar volle sterkte
en blijft staan zolang de aanpak loopt; na afloop (na ctx.to) verdwijnt elk
jaar een deel `uitdoving` van het bereikte effect: zonder onderhoud en
aanwezigheid ('we gaan niet weg') zakt het terug. Met werking(j) =
clamp(j / opbouw, 0, 1):

  onveiligheidsgevoel verandert met  N_o * (afbouw - opbouw)
  sociale_cohesie     verandert met  N_c * (opbouw - afbouw)
  N_o = bereik * effect_onveilig * x0,  N_c = bereik * effect_cohesie
  opbouw = active * (werking(since + 1) - werking(since))
  afbouw = [jaar > to] * werking(to - from + 1) * uitdoving * (1 - uitdoving)^(jaar - to - 1)

Bewijs is dun en wijst twee kanten op. De sterkste studie is Amerikaans:
een stadsbrede cluster-RCT in Philadelphia (Branas e.a. 2018, PNAS, 541
verwaarloosde kavels) vond bij opgeknapte kavels -57,8% zorgen over
veiligheid buiten de deur en +75,7% gebruik van de buitenruimte om te
ontspannen en elkaar te ontmoeten, maar alleen dicht bij de kavels en in een
context van ernstige verloedering: een bovengrens. In Nederland vond het SCP
(Permentier, Kullberg & Van Noije 2013, Werk aan de wijk) geen onderscheidend
effect van de sociale pakketten in de krachtwijken; gunstige effecten op
leefbaarheid en veiligheid kwamen eerder van herstructurering, en bewoners
voelden zich soms onveiliger terwijl zij minder criminaliteit zagen. De
standaardwaarden zijn daarom klein (schatting).

Kosten per bereikte inwoner per jaar in actieve jaren (`kosten`), plus een
eenmalige investering per bereikte inwoner in het eerste jaar (`investering`,
standaard 0). Anker: het coalitieakkoord 2022 geeft EUR 2 mln per jaar voor
acht wijken met ca. 75.000 inwoners, ca. EUR 27 per inwoner per jaar voor de
hele wijkaanpak, en EUR 5 mln voor investeringen, ca. EUR 65 per inwoner.]],
  params = {
    bereik = {
      default = 0.5, min = 0, max = 1,
      unit = "aandeel van de inwoners dat in de aangepakte straten en buurten woont",
      source = "schatting: de stratenaanpak werkt straat voor straat; niet de hele wijk tegelijk",
      evidence = "schatting",
    },
    effect_onveilig = {
      default = 0.10, min = 0, max = 0.6,
      unit = "relatieve daling van onveiligheidsgevoel onder de bereikte inwoners bij volle werking",
      source = "bovengrens Branas e.a. 2018 (PNAS 115(12), cluster-RCT Philadelphia: -57,8% zorgen "
        .. "over veiligheid bij opgeknapte kavels); SCP 2013 Werk aan de wijk: geen onderscheidend "
        .. "effect van sociale pakketten; voorzichtig centraal 0,10, bandbreedte 0-0,20 (schatting)",
      evidence = "schatting",
    },
    effect_cohesie = {
      default = 0.1, min = 0, max = 1,
      unit = "punt sociale cohesie (schaal 0-10) erbij onder de bereikte inwoners bij volle werking",
      source = "richting Branas e.a. 2018 (+75,7% gebruik buitenruimte om elkaar te ontmoeten); SCP "
        .. "2013: buurtparticipatie zonder opvallend effect; voorzichtig centraal 0,1, bandbreedte "
        .. "0-0,2 (schatting; wijken verschillen 4,9-6,9 punt, wijken.csv)",
      evidence = "schatting",
    },
    opbouw = {
      default = 2, min = 1, max = 6,
      unit = "jaar tot volle werking",
      source = "schatting: straten worden na elkaar aangepakt; in Philadelphia waren effecten "
        .. "binnen de studieperiode van 38 maanden zichtbaar (Branas e.a. 2018)",
      evidence = "schatting",
    },
    uitdoving = {
      default = 0.2, min = 0, max = 1,
      unit = "aandeel van het bereikte effect dat per jaar na afloop verdwijnt",
      source = "schatting: zonder onderhoud en aanwezigheid zakt het effect terug (gemeente "
        .. "Groningen: langdurig aanwezig zijn, 'we gaan niet weg')",
      evidence = "schatting",
    },
    kosten = {
      default = 30, min = 0, max = 500,
      unit = "EUR per bereikte inwoner per jaar (stratenaanpak, beheer, buurtwerk)",
      source = "schatting; anker coalitieakkoord 2022: EUR 2 mln per jaar voor acht wijken (ca. "
        .. "75.000 inwoners), ca. EUR 27 per inwoner per jaar",
      evidence = "schatting",
    },
    investering = {
      default = 0, min = 0, max = 2000,
      unit = "EUR per bereikte inwoner, eenmalig in het eerste actieve jaar (openbare ruimte)",
      source = "standaard 0; anker coalitieakkoord 2022: EUR 5 mln voor investeringen in acht "
        .. "wijken, ca. EUR 65 per inwoner",
      evidence = "schatting",
    },
  },
  writes = {"onveiligheidsgevoel", "sociale_cohesie"},
  step = function(ctx, p)
    local function werking(j) return sim.clamp(j / p.opbouw, 0, 1) end
    local opbouw = ctx.active * (werking(ctx.since + 1) - werking(ctx.since))
    local na = ctx.year > ctx.to and 1 or 0                   -- ctx.to: a number
    local k = math.max(ctx.year - ctx.to - 1, 0)              -- years of fading before this one
    local afbouw = na * werking(ctx.to - ctx.from + 1) * p.uitdoving * (1 - p.uitdoving) ^ k
    ctx:add("onveiligheidsgevoel",
      p.bereik * p.effect_onveilig * ctx.x0.onveiligheidsgevoel * (afbouw - opbouw))
    ctx:add("sociale_cohesie", p.bereik * p.effect_cohesie * (opbouw - afbouw))
    local bewoners = p.bereik * ctx.wijk.population
    local eerste = ctx.year == ctx.from and 1 or 0
    ctx:spend(bewoners * (ctx.active * p.kosten + eerste * p.investering))
  end,
}
