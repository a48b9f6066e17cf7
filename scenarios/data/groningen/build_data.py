#!/usr/bin/env python3
"""Builds wijken.csv and sources.csv for the Groningen scenarios (stdlib only).

Everything that is estimated is estimated here, in one place, so that the
numbers in wijken.csv can be traced and changed:

1. Attributes. Population and dwellings are CBS Kerncijfers Wijken en Buurten
   2024 (table 85984NED) per CBS wijk WK0014xx. Municipal wijken (Selwerd,
   Paddepoel ...) are CBS buurten or groups of buurten; where a CBS wijk is
   split, its 2024 total is divided in proportion to the 2016 CBS buurt
   figures (an estimate), with largest-remainder rounding so that every CBS
   wijk, and so the city, adds up exactly. Households, youth and pupils are
   estimates (ratios below), and so are youth_12_24 (the denominator of
   jeugdcriminaliteit) and labour_force (the denominator of werkloosheid).
   The row for the CBS buurt Professorenbuurt is called Professorenbuurt:
   the Regio Deal's "Korrewegwijk" also holds Indische Buurt and De Hoogte,
   which are rows of their own.
2. Indicators (state in 2022). Per-wijk values are not published (docs/evidence.md
   section 1.4). Each indicator gets a relative profile per wijk that follows
   the published orderings (Basismonitor 2016 kompas, Armoedemonitor 2022,
   Stadsmonitor 2012, Leefbaarometer 2022, wijkkompas scores). The profile is
   then calibrated so that the weighted city average equals the anchor:
   multiplicatively for lower_better indicators (keeps every ordering and
   ratio), additively for higher_better scores. Published per-wijk values
   (Paddepoel onveiligheidsgevoel 31%) are kept fixed.

Run:  python3 build_data.py   (writes wijken.csv and sources.csv beside it)
Then: python3 check_data.py
"""

import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# Sources (texts reused in sources.csv)
# --------------------------------------------------------------------------
SRC_CBS2024 = ("CBS Kerncijfers Wijken en Buurten 2024 (85984NED), via github "
               "niquedegraaff/Wikipedia-Generator-CBS-Kerncijfers-Wijken-en-Buurten:"
               "2024/cbs_data/stripped_filtered_data_2024.json@db6d0b9")
SRC_CBS2016 = ("CBS-buurtcijfers 2016 (inwoners, woningen) zoals opgenomen in de Quintel "
               "ETM-datasets, github quintel/etsource datasets/BU0014xxxx_*/*.derived.ad "
               "(analysis_year 2016), versie van voor commit a905054d77")
SRC_GEBIED = ("gemeentelijke gebiedsindeling: https://gemeente.groningen.nl/"
              "wijken-dorpen-wijkwethouders-en-gebiedsteams en "
              "https://groningen.begroting-2022.nl/p35467/west")
SRC_KOMPAS = "Basismonitor 2016 kompas (https://os.groningen.nl/basismonitor/)"
SRC_ARMOEDE = ("OIS Armoedemonitor 2022 via https://www.oogtv.nl/2022/10/"
               "aantal-minimahuishoudens-in-groningen-daalt-maar-meer-minima-blijven-lang-arm/")
SRC_STADSMON = "Stadsmonitor 2012 via beijum.org (laagste sociale cohesie)"
SRC_LEEFB = "Leefbaarometer 2022 via oogtv 2024-05"
SRC_WIJKKOMPAS = ("wijkkompas-scores (stad = 100): Paddepoel 97, Selwerd 93, Vinkhuizen 92, "
                  "Tuinwijk 105, https://paddepoel.info/3287-uitkomsten-gemeentelijke-"
                  "enquete-naar-leefbaarheid-in-de-wijken")
SRC_NOORD = ("Gebiedsplan noordelijke wijken: 7 jaar lagere levensverwachting, 14 jaar "
             "langer in slechtere gezondheid, via https://www.oogtv.nl/2024/01/"
             "gemeentebestuur-wil-radicale-gelijkwaardigheid-noordelijke-wijken/")
SRC_WEST = ("Begroting 2022 gebied West: Selwerd, Paddepoel en Vinkhuizen hebben een "
            "relatief hoge sociale huurvoorraad, https://groningen.begroting-2022.nl/p35467/west")
SRC_ONVEILIG = "https://noorderbreedte.nl/2022/02/24/praktische-onweerstaanbaarheid/ (surveyjaar niet vermeld; artikel feb 2022)"

# --------------------------------------------------------------------------
# CBS 2024 totals per CBS wijk: (inhabitants, dwellings)
# --------------------------------------------------------------------------
CBS_2024 = {
    "WK001400": (24920, 13809), "WK001401": (22200, 11935), "WK001402": (14600, 7769),
    "WK001403": (19120, 10835), "WK001404": (12970, 7766), "WK001405": (3525, 1812),
    "WK001406": (19725, 10448), "WK001407": (10740, 6096), "WK001408": (11335, 4798),
    "WK001409": (19570, 9024), "WK001410": (19600, 10285), "WK001411": (15580, 7634),
    "WK001412": (16160, 7521), "WK001413": (1075, 447), "WK001414": (4390, 1311),
    "WK001415": (5850, 2615), "WK001416": (1320, 701), "WK001417": (13400, 6113),
    "WK001418": (5025, 2214), "WK001419": (2645, 1125),
}
CITY_POPULATION, CITY_DWELLINGS = 243768, 124258   # GM0014, CBS 2024

# CBS wijk -> [(row, 2016 inhabitants, 2016 dwellings, buurten)]; a single
# part means the whole CBS wijk goes to that row (no split).
CBS_PARTS = {
    "WK001400": [("Binnenstad", None, None, "hele CBS-wijk Centrum")],
    "WK001401": [("Overig Zuid", None, None, "hele CBS-wijk Oud-Zuid")],
    "WK001402": [("Overig Oude Wijken", None, None,
                  "hele CBS-wijk Oud-West: Oranjebuurt, Noorderplantsoenbuurt, Schildersbuurt, Kostverloren")],
    "WK001403": [("De Hoogte", 3885, 2360, "buurt De Hoogte"),
                 ("Indische Buurt", 8530, 4705, "buurt Indische Buurt"),
                 ("Professorenbuurt", 6105, 3094, "buurt Professorenbuurt")],
    "WK001404": [("Oosterparkwijk", None, None, "hele CBS-wijk Oosterparkwijk")],
    "WK001405": [("Overig Zuid", None, None, "hele CBS-wijk Zuidoost (De Linie, Europapark, Kop van Oost ...)")],
    "WK001406": [("De Wijert", 7990, 4283, "buurten De Wijert en De Wijert-Zuid"),
                 ("Overig Zuid", 11105, 5922, "buurten Helpman, Coendersborg, Villabuurt, Klein Martijn, Sterrebosbuurt")],
    "WK001407": [("Overig Zuid", None, None, "hele CBS-wijk Zuidwest (Corpus den Hoorn, Hoornse Meer ...)")],
    "WK001408": [("Overig West", None, None, "hele CBS-wijk Hoogkerk e.o.")],
    "WK001409": [("Vinkhuizen", 11120, 5102, "buurten Vinkhuizen-Noord en -Zuid"),
                 ("Overig West", 5645, 2577, "buurten Reitdiep, De Held, Dorkwerd, Hoendiep, Friesestraatweg, Westpark")],
    "WK001410": [("Selwerd", 6530, 3186, "buurten Selwerd en Selwerderhof"),
                 ("Paddepoel", 9815, 5825, "buurten Paddepoel-Zuid en -Noord"),
                 ("Tuinwijk", 1575, 878, "buurt Tuinwijk"),
                 ("Overig West", 5, 4, "buurt Zernike Campus")],
    "WK001411": [("Beijum", 12740, 6122, "buurten Beijum-West en -Oost"),
                 ("Overig Oost", 3825, 1466, "buurten De Hunze, Van Starkenborgh, Noorderhoogebrug e.a.")],
    "WK001412": [("Lewenborg", 9115, 4208, "buurten Lewenborg-Noord, -Zuid en -West"),
                 ("Overig Oost", 7320, 3204, "buurten Oosterhoogebrug, Ulgersmaborg, Drielanden, Ruischerwaard e.a.")],
    "WK001413": [("Overig Oost", None, None, "hele CBS-wijk (Engelbert, Middelbert)")],
    "WK001414": [("Overig Oost", None, None, "hele CBS-wijk (Meerstad)")],
    "WK001415": [("Ten Boer", None, None, "hele CBS-wijk (Ten Boer, Garmerwolde, Thesinge, Sint Annen)")],
    "WK001416": [("Ten Boer", None, None, "hele CBS-wijk (Ten Post, Woltersum, Wittewierum, Lellens)")],
    "WK001417": [("Haren", None, None, "hele CBS-wijk (Haren)")],
    "WK001418": [("Haren", None, None, "hele CBS-wijk (Oosterhaar)")],
    "WK001419": [("Haren", None, None, "hele CBS-wijk (Glimmen, Onnen, Noordlaren)")],
}

# Rows in output order: (wijk, gebied). Gebieden are the municipality's seven.
ROWS = [
    ("Selwerd", "West"), ("Paddepoel", "West"), ("Vinkhuizen", "West"),
    ("Tuinwijk", "West"), ("Overig West", "West"),
    ("Professorenbuurt", "Oude Wijken"), ("De Hoogte", "Oude Wijken"),
    ("Indische Buurt", "Oude Wijken"), ("Oosterparkwijk", "Oude Wijken"),
    ("Overig Oude Wijken", "Oude Wijken"),
    ("Beijum", "Oost"), ("Lewenborg", "Oost"), ("Overig Oost", "Oost"),
    ("De Wijert", "Zuid"), ("Overig Zuid", "Zuid"),
    ("Binnenstad", "Centrum"), ("Haren", "Haren"), ("Ten Boer", "Ten Boer"),
]
WIJKEN = [w for w, _ in ROWS]

# --------------------------------------------------------------------------
# Estimated ratios for households, youth (15-24) and pupils (primary school)
# --------------------------------------------------------------------------
# average household size (persons per household): student areas are low
# (many one-person student households, often several per dwelling)
HH_SIZE = {
    "Selwerd": 1.60, "Paddepoel": 1.40, "Vinkhuizen": 2.05, "Tuinwijk": 1.65,
    "Overig West": 2.35, "Professorenbuurt": 1.45, "De Hoogte": 1.55,
    "Indische Buurt": 1.55, "Oosterparkwijk": 1.55, "Overig Oude Wijken": 1.60,
    "Beijum": 2.00, "Lewenborg": 2.05, "Overig Oost": 2.35, "De Wijert": 1.75,
    "Overig Zuid": 1.70, "Binnenstad": 1.25, "Haren": 2.15, "Ten Boer": 2.15,
}
YOUTH_SHARE = {  # share of inhabitants aged 15-24 (CBS age band k_15Tot25Jaar)
    "Selwerd": 0.30, "Paddepoel": 0.38, "Vinkhuizen": 0.15, "Tuinwijk": 0.20,
    "Overig West": 0.12, "Professorenbuurt": 0.35, "De Hoogte": 0.25,
    "Indische Buurt": 0.30, "Oosterparkwijk": 0.25, "Overig Oude Wijken": 0.30,
    "Beijum": 0.17, "Lewenborg": 0.14, "Overig Oost": 0.13, "De Wijert": 0.20,
    "Overig Zuid": 0.24, "Binnenstad": 0.45, "Haren": 0.10, "Ten Boer": 0.11,
}
# Beijum: Wijkanalyse gemeente Groningen 2013 counts 1514 residents aged 18-24
# on about 13,000; 15-24 is about 10/7 of that (2163), a share of 0.17.
YOUTH_NOTE = {"Beijum": "Wijkanalyse gemeente Groningen 2013 (via yumpu): 1514 inwoners van "
              "18-24 jaar op ca. 13.000, dus 15-24 ca. 1514 x 10/7 = 2163, aandeel 0.17"}
# share of inhabitants aged 75 or over (estimate; CBS age bands per buurt are
# not in the shared data): villages and Haren older, student areas younger
OLD_SHARE = {
    "Selwerd": 0.05, "Paddepoel": 0.05, "Vinkhuizen": 0.08, "Tuinwijk": 0.06,
    "Overig West": 0.07, "Professorenbuurt": 0.05, "De Hoogte": 0.05,
    "Indische Buurt": 0.04, "Oosterparkwijk": 0.06, "Overig Oude Wijken": 0.04,
    "Beijum": 0.07, "Lewenborg": 0.08, "Overig Oost": 0.06, "De Wijert": 0.09,
    "Overig Zuid": 0.06, "Binnenstad": 0.03, "Haren": 0.13, "Ten Boer": 0.10,
}
PARTICIPATION = 0.72   # labour force as a share of the 15-74-year-olds (CBS, NL, about 72%)
PUPIL_SHARE = {  # primary-school pupils (4-12) living in the wijk per inhabitant
    "Selwerd": 0.060, "Paddepoel": 0.050, "Vinkhuizen": 0.090, "Tuinwijk": 0.070,
    "Overig West": 0.110, "Professorenbuurt": 0.050, "De Hoogte": 0.070,
    "Indische Buurt": 0.060, "Oosterparkwijk": 0.060, "Overig Oude Wijken": 0.060,
    "Beijum": 0.090, "Lewenborg": 0.090, "Overig Oost": 0.110, "De Wijert": 0.070,
    "Overig Zuid": 0.060, "Binnenstad": 0.020, "Haren": 0.090, "Ten Boer": 0.090,
}

# --------------------------------------------------------------------------
# Indicators: metadata, city anchor and relative profile per wijk
# --------------------------------------------------------------------------
# (id, title, unit, polarity, weight, min, max)
INDICATORS = [
    ("minimahuishoudens", "Minimahuishoudens (inkomen tot 110% van het sociaal minimum)",
     "% huishoudens", "lower_better", "households", 0, 100),
    ("werkloosheid", "Geregistreerde werkloosheid", "% beroepsbevolking",
     "lower_better", "labour_force", 0, 100),
    ("onderwijsachterstand", "Leerlingen met onderwijsachterstand (eindtoets in laagste 15% van Nederland)",
     "% leerlingen groep 8", "lower_better", "pupils", 0, 100),
    ("jeugdcriminaliteit", "Geregistreerde jeugdige verdachten van een misdrijf (12-24 jaar)",
     "per 1000 jongeren van 12-24 jaar", "lower_better", "youth_12_24", 0, 1000),
    ("eenzaamheid", "Sterk eenzaam", "% inwoners 15+", "lower_better", "population", 0, 100),
    ("energiearmoede", "Huishoudens in energiearmoede", "% huishoudens",
     "lower_better", "households", 0, 100),
    ("ervaren_gezondheid", "Ervaren gezondheid goed of zeer goed", "% inwoners 18+",
     "higher_better", "population", 0, 100),
    ("onveiligheidsgevoel", "Voelt zich weleens onveilig in de eigen buurt", "% inwoners 15+",
     "lower_better", "population", 0, 100),
    ("sociale_cohesie", "Sociale cohesie in de buurt", "schaalscore 0-10",
     "higher_better", "population", 0, 10),
    ("goedkope_sociale_huur", "Goedkope sociale huurwoningen (corporatie; huur onder de aftoppingsgrens)",
     "% woningen", "lower_better", "dwellings", 0, 100),
]
IND_IDS = [i[0] for i in INDICATORS]

# City anchor per indicator: (value, kind, source). kind "bron" = a published
# figure for the city; "schatting" = a national/regional anchor or derived.
ANCHORS = {
    "minimahuishoudens": (16.7, "bron",
        "16,7% minimahuishoudens (ca. 17.000 huishoudens, studenten niet meegeteld), "
        + SRC_ARMOEDE + "; peiljaar 2019 (afgeleid), gebruikt als stand 2022. Ook CBS 84583NED "
        "(KWB 2019): 16,7% huishoudens tot 110% van het sociaal minimum (2017)"),
    "werkloosheid": (8.6, "bron",
        "geregistreerde werkloosheid 8,6% in 2022 (9,8% in 2018), "
        "https://basismonitor-groningen.nl/standvangroningen/rondkomen/"),
    "onderwijsachterstand": (15.0, "schatting",
        "landelijk anker: per definitie hoort landelijk 15% van de leerlingen bij de laagste 15% "
        "(CBS, Plausibiliteitsanalyses Risico-indicator Onderwijsachterstanden Scholen 2023: "
        "achterstandsscore telt de landelijk 15% laagst scorende leerlingen); stadscijfer niet gevonden"),
    "jeugdcriminaliteit": (17.4, "schatting",
        "landelijk anker 2022: 14,4 geregistreerde verdachten per 1000 12-17-jarigen en 19,4 per "
        "1000 18-24-jarigen (CBS 2023, via https://vl-nieuws.nl/cijfers-over-delinquentie/); "
        "samen 53.990 verdachten op ca. 3,1 mln 12-24-jarigen = 17,4 per 1000; stadscijfer niet "
        "gevonden (vermoedelijk lager door het hoge aandeel studenten)"),
    "eenzaamheid": (11.0, "schatting",
        "landelijk anker: 11% van de Nederlanders van 15+ voelde zich in 2022 sterk eenzaam "
        "(CBS-enquete, via https://nieuws.nl/algemeen/20231221/vorig-jaar-nog-altijd-meer-"
        "eenzaamheid-dan-voor-de-coronapandemie/); stadscijfer niet gevonden"),
    "energiearmoede": (7.4, "schatting",
        "landelijk anker: 7,4% van de huishoudens in energiearmoede in 2022 (TNO 2023, via "
        "https://www.nrc.nl/nieuws/2023/01/27/energiearmoede-toegenomen-maar-overheidssteun-"
        "heeft-die-enorm-afgeremd-2-a4155515); stadscijfer niet gevonden"),
    "ervaren_gezondheid": (69.1, "schatting",
        "regionaal anker: 69,1% (zeer) goed in GGD-regio Groningen, Corona Gezondheidsmonitor "
        "Volwassenen en Ouderen 2022 (NL 70%), via https://www.vicoblue.nl/gezondheidstips/"
        "nederlanders-voelen-zich-minder-gezond/ en rivm.nl; stadscijfer niet gevonden"),
    "onveiligheidsgevoel": (15.0, "bron",
        "15% van de inwoners voelt zich onveilig in de buurt, " + SRC_ONVEILIG),
    "sociale_cohesie": (5.9, "schatting",
        "landelijk anker: schaalscore 5,9 (0-10) in zeer sterk stedelijke buurten, NL 6,4; "
        "Veiligheidsmonitor 2021 via https://www.vzinfo.nl/leefomgeving/"
        "gezondheidsbevorderende-leefomgeving/sociale-leefomgeving; stadscijfer niet gevonden"),
    "goedkope_sociale_huur": (30.0, "schatting",
        "afgeleid: 62% van de woningen is huur (2017, https://sociaalplanbureaugroningen.nl/"
        "leefbaarheid/wonen/woningvoorraad/) x ca. 0,6 corporatiebezit binnen de huur x ca. 0,8 "
        "onder de aftoppingsgrens = ca. 30%; de aandelen 0,6 en 0,8 zijn schattingen"),
}

# Relative profiles (pre-calibration). Numbers are in the indicator's own unit
# and express the judged level before scaling to the anchor. The comments give
# the published orderings they follow.
#  - Basismonitor 2016 kompas: De Hoogte, Indische Buurt, Selwerd "rood op alle
#    fronten" (worse than the city on every indicator here); Oosterparkwijk,
#    Vinkhuizen, Paddepoel, Beijum, Binnenstad, Lewenborg "aandacht nodig";
#    Tuinwijk, Grunobuurt, De Wijert verbeterd na herstructurering.
#  - Armoedemonitor 2022: minima "aanzienlijk hoger dan gemiddeld" in De Hoogte,
#    Indische Buurt, Selwerd, Paddepoel, Oosterparkwijk.
#  - Stadsmonitor 2012: laagste sociale cohesie Paddepoel, Selwerd, Indische
#    Buurt, De Hoogte, Centrum.
#  - Enquete Leefbaarheid 2020 / wethouder 2020: graffiti en onveiligheid vaker in
#    De Hoogte, Selwerd, Paddepoel, Beijum, Lewenborg; verslechterd in Selwerd,
#    De Wijert, Beijum. Paddepoel onveiligheidsgevoel 31% (published, fixed).
#  - Overig/Haren/Ten Boer: suburban and village areas, better than the city.
PROFILE = {
    #                   Selw  Padd  Vink  Tuin  OvW   Korr  Hoog  Ind   Oost  OvOW  Beij  Lewe  OvO   Wije  OvZ   Binn  Hare  TenB
    "minimahuishoudens": [30, 26, 25, 14, 9, 14, 33, 29, 26, 14, 24, 23, 10, 20, 12, 19, 6, 12],
    "werkloosheid": [14, 12.5, 13, 7.5, 5.5, 8, 15, 13.5, 12, 7.5, 12, 11.5, 5.5, 10, 6.5, 10, 4, 6],
    "onderwijsachterstand": [33, 28, 30, 12, 8, 10, 36, 31, 27, 9, 26, 25, 9, 20, 8, 9, 4, 12],
    "jeugdcriminaliteit": [32, 22, 34, 14, 16, 10, 38, 27, 26, 10, 30, 28, 15, 22, 11, 14, 9, 14],
    "eenzaamheid": [16, 15, 14.5, 10.5, 8, 11, 16.5, 15, 14, 11, 13.5, 13.5, 8, 13, 10, 14.5, 8, 8.5],
    "energiearmoede": [14, 11, 12, 6.5, 4, 6, 15, 13, 12, 6, 11, 11, 3.5, 10, 5, 6, 3, 9],
    "ervaren_gezondheid": [-10, -8, -9, 1, 2, 2, -11, -8, -7, 2, -7, -6, 3, -4, 3, 0, 4, 0],
    "onveiligheidsgevoel": [30, 31, 26, 13, 8, 14, 32, 27, 24, 13, 27, 24, 8, 22, 10, 22, 6, 10],
    "sociale_cohesie": [-0.9, -0.9, -0.4, 0.2, 0.6, -0.1, -1.0, -0.8, -0.3, 0.1, -0.3, -0.3, 0.6, -0.2, 0.3, -0.8, 1.0, 1.0],
    "goedkope_sociale_huur": [55, 45, 55, 35, 15, 25, 60, 45, 50, 22, 50, 50, 15, 45, 22, 12, 12, 25],
}
PROFILE_ORDER = ["Selwerd", "Paddepoel", "Vinkhuizen", "Tuinwijk", "Overig West",
                 "Professorenbuurt", "De Hoogte", "Indische Buurt", "Oosterparkwijk",
                 "Overig Oude Wijken", "Beijum", "Lewenborg", "Overig Oost", "De Wijert",
                 "Overig Zuid", "Binnenstad", "Haren", "Ten Boer"]
ADDITIVE = {"ervaren_gezondheid", "sociale_cohesie"}   # profile = deviation, shifted
FIXED = {("Paddepoel", "onveiligheidsgevoel"): (31.0, SRC_ONVEILIG + ": Paddepoel 31%")}

# Why each profile looks the way it does (goes into sources.csv).
PROFILE_BASIS = {
    "minimahuishoudens": SRC_ARMOEDE + " (aanzienlijk hoger in De Hoogte, Indische Buurt, Selwerd, "
                         "Paddepoel, Oosterparkwijk); " + SRC_KOMPAS,
    "werkloosheid": SRC_KOMPAS + "; seed: laag opleidingsniveau en hogere structurele werkloosheid "
                    "in de noordelijke wijken",
    "onderwijsachterstand": SRC_KOMPAS + "; seed: laag opleidingsniveau in de noordelijke wijken",
    "jeugdcriminaliteit": SRC_KOMPAS + "; " + SRC_LEEFB,
    "eenzaamheid": SRC_KOMPAS + "; seed: eenzaamheid als probleem van de noordelijke wijken",
    "energiearmoede": SRC_KOMPAS + "; TNO: energiearmoede vooral in corporatiewoningen",
    "ervaren_gezondheid": SRC_KOMPAS + "; " + SRC_NOORD,
    "onveiligheidsgevoel": SRC_KOMPAS + "; graffiti/onveiligheid vaker in De Hoogte, Selwerd, "
                           "Paddepoel, Beijum, Lewenborg; verslechterd in Selwerd, De Wijert, Beijum",
    "sociale_cohesie": SRC_STADSMON + "; " + SRC_KOMPAS,
    "goedkope_sociale_huur": SRC_WEST + "; seed: eenzijdige woningvoorraad met veel goedkope "
                             "sociale huurwoningen in de noordelijke wijken",
}


def largest_remainder(total, weights):
    """Integers proportional to weights that sum exactly to total."""
    s = float(sum(weights))
    raw = [total * w / s for w in weights]
    base = [int(r) for r in raw]
    rest = total - sum(base)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - base[i], reverse=True)
    for i in order[:rest]:
        base[i] += 1
    return base


def build_attributes():
    pop = {w: 0 for w in WIJKEN}
    dw = {w: 0 for w in WIJKEN}
    notes = {w: {"population": [], "dwellings": []} for w in WIJKEN}
    split = {w: False for w in WIJKEN}
    corrected = {w: False for w in WIJKEN}
    # CBS rounds wijk inhabitants to multiples of 5; their sum (243750) falls
    # 18 short of the exact municipal total. Spread the difference pro rata.
    codes = sorted(CBS_2024)
    adjusted = dict(zip(codes, largest_remainder(CITY_POPULATION, [CBS_2024[c][0] for c in codes])))
    for code, parts in CBS_PARTS.items():
        p_total, d_total = adjusted[code], CBS_2024[code][1]
        if p_total != CBS_2024[code][0]:
            for row in {p[0] for p in parts}:
                corrected[row] = True
                notes[row]["population"].append(
                    f"{code} afgerond op 5 ({CBS_2024[code][0]}) +{p_total - CBS_2024[code][0]} "
                    f"naar rato van het afrondingsverschil met het gemeentetotaal {CITY_POPULATION}")
        if len(parts) == 1:
            row, _, _, label = parts[0]
            pop[row] += p_total
            dw[row] += d_total
            notes[row]["population"].append(f"{code} {p_total} ({label})")
            notes[row]["dwellings"].append(f"{code} {d_total} ({label})")
            continue
        ps = largest_remainder(p_total, [p[1] for p in parts])
        ds = largest_remainder(d_total, [p[2] for p in parts])
        for (row, p16, d16, label), p, d in zip(parts, ps, ds):
            pop[row] += p
            dw[row] += d
            split[row] = True
            notes[row]["population"].append(
                f"{code}: {p} = {p_total} x {p16}/{sum(x[1] for x in parts)} ({label}, aandeel 2016)")
            notes[row]["dwellings"].append(
                f"{code}: {d} = {d_total} x {d16}/{sum(x[2] for x in parts)} ({label}, aandeel 2016)")
    return pop, dw, notes, split, corrected


def weighted_mean(values, weights):
    return sum(values[w] * weights[w] for w in WIJKEN) / float(sum(weights.values()))


def calibrate(ind, weights):
    """Scale the profile so that the weighted city mean equals the anchor."""
    anchor = ANCHORS[ind][0]
    prof = dict(zip(PROFILE_ORDER, PROFILE[ind]))
    fixed = {w: v for (w, i), (v, _) in FIXED.items() if i == ind}
    total_w = float(sum(weights.values()))
    free = [w for w in WIJKEN if w not in fixed]
    fixed_part = sum(fixed[w] * weights[w] for w in fixed)
    if ind in ADDITIVE:
        # anchor + deviation + shift, shift chosen to hit the anchor
        base = {w: anchor + prof[w] for w in free}
        shift = (anchor * total_w - fixed_part - sum(base[w] * weights[w] for w in free)) / \
            sum(weights[w] for w in free)
        vals = {w: base[w] + shift for w in free}
        method = f"anker {anchor} + afwijking, daarna verschoven met {shift:+.3f}"
    else:
        factor = (anchor * total_w - fixed_part) / sum(prof[w] * weights[w] for w in free)
        vals = {w: prof[w] * factor for w in free}
        method = f"profielwaarde x {factor:.4f}"
    vals.update(fixed)
    rounded = {w: round(vals[w], 1) for w in WIJKEN}
    return rounded, method, prof


def main():
    pop, dw, notes, split, corrected = build_attributes()
    assert sum(pop.values()) == CITY_POPULATION, sum(pop.values())
    assert sum(dw.values()) == CITY_DWELLINGS, sum(dw.values())
    hh = {w: int(round(pop[w] / HH_SIZE[w])) for w in WIJKEN}
    youth = {w: int(round(pop[w] * YOUTH_SHARE[w])) for w in WIJKEN}
    pupils = {w: int(round(pop[w] * PUPIL_SHARE[w])) for w in WIJKEN}
    # 12-24: the 15-24 band plus 12-14, three of the eight primary-school years' width
    youth1224 = {w: int(round(pop[w] * (YOUTH_SHARE[w] + 3 / 8 * PUPIL_SHARE[w]))) for w in WIJKEN}
    # labour force: 15-74-year-olds (population minus 0-14, about 15/8 of the
    # primary-school share, minus 75+) times the participation rate
    labour = {w: int(round(pop[w] * (1 - 15 / 8 * PUPIL_SHARE[w] - OLD_SHARE[w]) * PARTICIPATION))
              for w in WIJKEN}
    attrs = {"households": hh, "population": pop, "youth": youth, "pupils": pupils, "dwellings": dw,
             "youth_12_24": youth1224, "labour_force": labour}

    values = {}
    methods = {}
    for ind, _, _, _, weight, _, _ in INDICATORS:
        vals, method, prof = calibrate(ind, attrs[weight])
        values[ind] = vals
        methods[ind] = (method, prof)

    gebied = dict(ROWS)
    with open(os.path.join(HERE, "indicators.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["id", "title", "unit", "polarity", "weight", "min", "max"])
        for row in INDICATORS:
            wr.writerow(row)

    with open(os.path.join(HERE, "wijken.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["wijk", "gebied", "households", "population", "youth", "pupils", "dwellings",
                     "youth_12_24", "labour_force"] + IND_IDS)
        for w in WIJKEN:
            wr.writerow([w, gebied[w], hh[w], pop[w], youth[w], pupils[w], dw[w],
                         youth1224[w], labour[w]]
                        + [values[i][w] for i in IND_IDS])

    rows = []
    for ind in IND_IDS:
        v, kind, src = ANCHORS[ind]
        rows.append(["Gemeente Groningen", ind, v, kind, src])
    for w in WIJKEN:
        for col in ("population", "dwellings"):
            val = attrs[col][w]
            detail = "; ".join(notes[w][col])
            if split[w]:
                rows.append([w, col, val, "schatting",
                             f"schatting: CBS-wijktotaal 2024 verdeeld naar buurtaandeel 2016 "
                             f"({detail}); totaal {SRC_CBS2024}; aandelen {SRC_CBS2016}; "
                             f"gebied {SRC_GEBIED}"])
            elif col == "population" and corrected[w]:
                rows.append([w, col, val, "schatting",
                             f"schatting: CBS-wijkcijfer plus afrondingscorrectie ({detail}); "
                             f"{SRC_CBS2024}; koppeling CBS-wijk aan wijk/gebied afgeleid uit de "
                             f"buurtcodes ({SRC_CBS2016}) en {SRC_GEBIED}"])
            else:
                rows.append([w, col, val, "bron",
                             f"{SRC_CBS2024}: som van {detail}; koppeling CBS-wijk aan wijk/gebied "
                             f"afgeleid uit de buurtcodes ({SRC_CBS2016}) en {SRC_GEBIED}"])
        rows.append([w, "households", hh[w], "schatting",
                     f"schatting: inwoners {pop[w]} / geschatte gemiddelde huishoudensgrootte "
                     f"{HH_SIZE[w]:.2f} (studentenwijken lager; CBS HuishoudensTotaal niet in de "
                     f"gedeelde data)"])
        rows.append([w, "youth", youth[w], "schatting",
                     f"schatting: jongeren 15-24 jaar (CBS-leeftijdsklasse k_15Tot25Jaar) = "
                     f"{YOUTH_SHARE[w]:.2f} x inwoners; "
                     + (YOUTH_NOTE[w] if w in YOUTH_NOTE else
                        "aandeel geschat naar studentenaandeel (CBS-cijfer per buurt niet in de "
                        "gedeelde data)")])
        rows.append([w, "pupils", pupils[w], "schatting",
                     f"schatting: leerlingen basisonderwijs die in de wijk wonen = "
                     f"{PUPIL_SHARE[w]:.3f} x inwoners (gezinswijken hoger, studentenwijken lager; "
                     f"CBS LeerlingenPo niet in de gedeelde data)"])
        rows.append([w, "youth_12_24", youth1224[w], "schatting",
                     f"schatting: jongeren 12-24 jaar (noemer van jeugdcriminaliteit) = inwoners x "
                     f"({YOUTH_SHARE[w]:.2f} aandeel 15-24 + 3/8 x {PUPIL_SHARE[w]:.3f} aandeel "
                     f"basisschoolleerlingen voor de 12-14-jarigen)"])
        rows.append([w, "labour_force", labour[w], "schatting",
                     f"schatting: beroepsbevolking (noemer van werkloosheid) = inwoners x (1 - 15/8 x "
                     f"{PUPIL_SHARE[w]:.3f} voor de 0-14-jarigen - {OLD_SHARE[w]:.2f} aandeel 75+) x "
                     f"{PARTICIPATION} bruto arbeidsparticipatie (CBS, landelijk ca. 72%); "
                     f"leeftijdsopbouw per buurt niet in de gedeelde data"])
        for ind in IND_IDS:
            val = values[ind][w]
            if (w, ind) in FIXED:
                rows.append([w, ind, val, "bron", FIXED[(w, ind)][1]])
                continue
            method, prof = methods[ind]
            anchor, kind, _ = ANCHORS[ind]
            anchor_kind = "stadsgemiddelde" if kind == "bron" else "anker"
            rows.append([w, ind, val, "schatting",
                         f"schatting: profielwaarde {prof[w]} volgens de gepubliceerde ordening "
                         f"({PROFILE_BASIS[ind]}); gekalibreerd ({method}) op {anchor_kind} "
                         f"{anchor} (zie rij Gemeente Groningen)"])

    with open(os.path.join(HERE, "sources.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["wijk", "column", "value", "kind", "source"])
        wr.writerows(rows)

    print("population", sum(pop.values()), "dwellings", sum(dw.values()),
          "households", sum(hh.values()), "youth", sum(youth.values()),
          "pupils", sum(pupils.values()))


if __name__ == "__main__":
    main()
