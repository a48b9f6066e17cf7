-- Intervention: insulating dwellings against energy poverty. Each active year
-- a share of the wijk's dwellings is insulated until the stock that needs it
-- is done. Energy-poor households are over-represented in those dwellings;
-- a share of them leaves energy poverty for good. A small gain in perceived
-- health among the residents. Costs per insulated dwelling.
return {
  id = "isolatie",
  title = "Isolatie van woningen tegen energiearmoede",
  doc = [[Na-isolatie van slecht geisoleerde woningen (spouw, vloer, dak, glas).
Elk actief jaar wordt een deel `tempo` van alle woningen in de wijk
geisoleerd, tot het deel `voorraad` dat isolatie nodig heeft af is. Het
aandeel woningen dat dit jaar wordt aangepakt is

  a = clamp(voorraad - tempo * since, 0, tempo)   (alleen in actieve jaren)

Energiearmoede. Isolatie verlaagt het gasverbruik blijvend met 20-25%
(ESB 2022, registerdata: -20% gemiddeld; CPB/TNO 2023: ca. -25% bij isolatie
van alle woningen van voor 1992). Een energiearm huishouden komt daardoor
niet altijd uit de energiearmoede: de energierekening daalt met ruwweg een
achtste tot een zesde. Wel vervalt voor huishoudens met een laag inkomen het
criterium 'lage energiekwaliteit van de woning' uit de TNO-definitie. Het
aandeel energiearme huishoudens in een geisoleerde woning dat uit
energiearmoede komt, `uitstroom`, is daarom een schatting (geen getal
gevonden). Programma's richten zich op slecht geisoleerde (corporatie)woningen,
waar energiearmoede vaker voorkomt (TNO): onder de aangepakte huishoudens is
energiearmoede `concentratie` keer het wijkgemiddelde (ten hoogste 100%).
Woningen en huishoudens worden gelijkgesteld (studentenhuizen wijken af):

  energiearmoede verandert met  -a * min(concentratie * energiearmoede, 100) * uitstroom

Gezondheid. Onder de bewoners van geisoleerde woningen stijgt het aandeel
met een goede ervaren gezondheid met `gezondheid` procentpunt:

  ervaren_gezondheid verandert met  a * gezondheid

Het bewijs is klein en gemengd: Nieuw-Zeeland (Howden-Chapman e.a. 2007,
cluster-RCT, 1.350 huishoudens) vond betere ervaren gezondheid (grootte niet
bij de hand) en Warm Up New Zealand ca. 10% minder ziekenhuisopnames;
Wales (Poortinga e.a. 2017) vond geen effect op SF-12 of luchtwegen, wel op
welbevinden en thermisch comfort. Daarom klein gehouden (schatting).

Het effect is blijvend (de isolatie blijft), dus geen uitdoving na afloop.
Kosten per geisoleerde woning, alleen in actieve jaren: ca. EUR 16.000
(CPB/TNO 2023: EUR 88 mrd voor 5,4 mln woningen van voor 1992).]],
  params = {
    tempo = {
      default = 0.04, min = 0, max = 0.15,
      unit = "aandeel van alle woningen in de wijk dat per jaar wordt geisoleerd",
      source = "Nationaal Isolatieprogramma: 2,5 mln woningen geisoleerd t/m 2030, ca. 8 jaar op "
        .. "ca. 8 mln woningen, dus landelijk ca. 4% per jaar "
        .. "(https://www.volkshuisvestingnederland.nl/onderwerpen/nationaal-isolatieprogramma); "
        .. "een wijkaanpak kan sneller (schatting)",
      evidence = "schatting",
    },
    voorraad = {
      default = 0.5, min = 0, max = 1,
      unit = "aandeel van de woningen in de wijk dat isolatie nodig heeft",
      source = "schatting: landelijk 2,7 mln van ca. 8 mln woningen slecht geisoleerd (label "
        .. "slechter dan C, RVO via stadszaken.nl 2021), ca. een derde; hoger in de naoorlogse "
        .. "wijken (Selwerd, Paddepoel, Vinkhuizen gebouwd eind jaren 1950-1960, begroting 2020 West)",
      evidence = "schatting",
    },
    concentratie = {
      default = 2, min = 1, max = 5,
      unit = "energiearmoede onder de aangepakte huishoudens als veelvoud van het wijkgemiddelde",
      source = "schatting: energiearmoede komt vooral voor in slecht geisoleerde "
        .. "corporatiewoningen (TNO), waar isolatieprogramma's zich op richten",
      evidence = "schatting",
    },
    uitstroom = {
      default = 0.4, min = 0, max = 1,
      unit = "aandeel energiearme huishoudens in een geisoleerde woning dat uit energiearmoede komt",
      source = "schatting: gasverbruik -20% (ESB 2022) tot -25% (CPB/TNO 2023, 62% van de bewoners "
        .. "erop vooruit) verlaagt de energierekening met ca. 1/8-1/6; het criterium lage "
        .. "energiekwaliteit (TNO-definitie) vervalt; geen gemeten uitstroom gevonden",
      evidence = "schatting",
    },
    gezondheid = {
      default = 1.0, min = 0, max = 5,
      unit = "pp meer bewoners met goede ervaren gezondheid in een geisoleerde woning",
      source = "richting: Howden-Chapman e.a. 2007 (BMJ 334:460, betere ervaren gezondheid), "
        .. "Warm Up New Zealand (ziekenhuisopnames RRR 0,89); Poortinga e.a. 2017 (geen SF-12-"
        .. "effect, wel welbevinden B=0,38); grootte niet gevonden: voorzichtig 1 pp, bandbreedte "
        .. "0-2 (schatting)",
      evidence = "schatting",
    },
    kosten = {
      default = 16000, min = 0, max = 60000,
      unit = "EUR per geisoleerde woning",
      source = "CPB/TNO 2023: EUR 88 mrd voor isolatie van 5,4 mln woningen van voor 1992, ca. "
        .. "EUR 16.000 per woning (via parool.nl)",
      evidence = "goed onderbouwd",
    },
  },
  writes = {"energiearmoede", "ervaren_gezondheid"},
  step = function(ctx, p)
    -- share of all dwellings insulated this year, until the stock that needs it is done
    local a = ctx.active * sim.clamp(p.voorraad - p.tempo * ctx.since, 0, p.tempo)
    local energiearm = sim.min(p.concentratie * ctx.x.energiearmoede, 100)   -- % among the treated
    ctx:add("energiearmoede", -a * energiearm * p.uitstroom)
    ctx:add("ervaren_gezondheid", a * p.gezondheid)
    ctx:spend(a * ctx.wijk.dwellings * p.kosten)
  end,
}
