"""Short references for the source keys plans cite (docs/evidence/sources.md)."""

from __future__ import annotations

REFERENCES: dict[str, str] = {
    "ACSM09": "Ratamess NA et al. (ACSM). Progression models in resistance training for healthy "
    "adults. Med Sci Sports Exerc 2009;41(3):687–708",
    "SL5X5": "StrongLifts 5×5 (M. Mehdi), practitioner programme",
    "RHEA02": "Rhea MR et al. Linear vs daily undulating periodized programs. J Strength Cond Res "
    "2002;16(2):250–255",
    "HARRIES15": "Harries SK et al. Linear and undulating periodized resistance training: "
    "meta-analysis. J Strength Cond Res 2015;29(4):1113–1125",
    "ROGERSON24": "Rogerson D et al. Deloading practices in strength and physique sports. Sports "
    "Med Open 2024;10",
    "BOSQUET07": "Bosquet L et al. Effects of tapering on performance: a meta-analysis. Med Sci "
    "Sports Exerc 2007;39(8):1358–1365",
    "SCHOENFELD17": "Schoenfeld BJ et al. Dose-response of weekly resistance training volume and "
    "muscle mass. J Sports Sci 2017;35(11):1073–1082",
    "RP-LAND": "Israetel M (Renaissance Periodization). Training volume landmarks — practitioner "
    "heuristics",
    "BARLORE-RP": "RP hypertrophy mesocycle, practitioner summary (hollis-png/barlore)",
    "TEAMMPI": "The what, why, how and when of plyometric training, part 3 (NSCA-based), 2017",
    "EBBEN07": "Ebben WP. Practical guidelines for plyometric intensity. NSCA Perf Train J "
    "2007;6(5):12–16",
    "JEFFREYS07": "Jeffreys I. Warm-up revisited: the RAMP method. UKSCA Prof Strength Cond 2007",
    "OTAGO-MAN": "Campbell AJ, Robertson MC. Otago Exercise Programme to prevent falls in older "
    "adults. ACC New Zealand 2003/2007",
    "WHO20": "Bull FC et al. WHO 2020 guidelines on physical activity and sedentary behaviour. Br "
    "J Sports Med 2020;54:1451–1462",
    "LESINSKI15": "Lesinski M et al. Balance training in healthy older adults: meta-analysis. "
    "Sports Med 2015;45(12):1721–1738",
    "SHERRINGTON11": "Sherrington C et al. Exercise to prevent falls in older adults: updated "
    "meta-analysis. NSW Public Health Bull 2011;22:78–83",
    "SHERRINGTON19": "Sherrington C et al. Exercise for preventing falls in older people. Cochrane "
    "Database Syst Rev 2019;CD012424",
    "STEADI": "CDC STEADI (Stevens & Phelan, Health Promot Pract 2013;14(5):706–714)",
    "FIFA11": "FIFA / F-MARC. The 11+ manual: a complete warm-up programme to prevent injuries",
    "SOLIGARD08": "Soligard T et al. Comprehensive warm-up programme to prevent injuries in young "
    "female footballers. BMJ 2008;337:a2469",
    "PETERSEN11": "Petersen J et al. Eccentric training and acute hamstring injuries in men's "
    "soccer. Am J Sports Med 2011;39(11):2296–2303",
    "VANDYK19": "van Dyk N et al. Nordic hamstring exercise halves hamstring injuries: "
    "meta-analysis. Br J Sports Med 2019;53(21):1362–1370",
    "HAROY19": "Harøy J et al. The Adductor Strengthening Programme prevents groin problems. Br J "
    "Sports Med 2019;53(3):150–157",
    "GARBER11": "Garber CE et al. (ACSM). Quantity and quality of exercise… Med Sci Sports Exerc "
    "2011;43(7):1334–1359",
    "LLOYD14": "Lloyd RS et al. Youth resistance training: 2014 International Consensus. Br J "
    "Sports Med 2014;48(7):498–505",
    "SHERRINGTON17": "Sherrington C et al. Exercise to prevent falls in older adults: an updated "
    "systematic review and meta-analysis. Br J Sports Med 2017;51:1750–1758",
    "SHERRINGTON20": "Sherrington C et al. Evidence on physical activity and falls prevention for "
    "people aged 65+ years (WHO guideline review). Br J Sports Med 2020;54:885–891",
    "RONNESTAD11": "Rønnestad BR et al. In-season strength maintenance training in professional "
    "soccer players. Scand J Med Sci Sports 2011;21:250–259",
    "HAUGEN19": "Haugen T et al. Sprint running performance monitoring and training. Sports Med "
    "Open 2019;5:44",
    "GRINDEM16": "Grindem H et al. Simple decision rules can reduce reinjury risk by 84% after ACL "
    "reconstruction. Br J Sports Med 2016;50:804–808",
    "GOKELER17": "Gokeler A et al. Return of sports after ACL reconstruction: hop test batteries. "
    "Knee Surg Sports Traumatol Arthrosc 2017;25:192–199",
    "DORN12": "Dorn TW et al. Muscular strategy shift in human running. J Exp Biol "
    "2012;215:1944–1956",
    "LAUERSEN14": "Lauersen JB et al. Exercise interventions to prevent sports injuries: "
    "meta-analysis. Br J Sports Med 2014;48:871–877",
    "COMFORT14": "Comfort P et al. Hip-extensor strength and sprint and jump performance. J "
    "Strength Cond Res 2014 (details UNVERIFIED)",
    "THOMEE97": "Thomeé R. A comprehensive treatment approach for patellofemoral pain syndrome "
    "(pain-monitoring model). Phys Ther 1997;77:1690–1703 (page UNVERIFIED)",
    "OARSI19": "Bannuru RR et al. OARSI guidelines for the non-surgical management of knee, hip "
    "and polyarticular osteoarthritis. Osteoarthritis Cartilage 2019;27:1578–1589",
    "BENNELL98": "Bennell K et al. Intra-rater and inter-rater reliability of a weight-bearing "
    "lunge measure of ankle dorsiflexion. Aust J Physiother 1998;44:175–180",
    "PLISKY06": "Plisky PJ et al. Star Excursion Balance Test as a predictor of lower extremity "
    "injury in high school basketball players. J Orthop Sports Phys Ther 2006;36:911–919",
    "RIKLI99": "Rikli RE, Jones CJ. Functional fitness normative scores for community-residing "
    "older adults. J Aging Phys Act 1999;7:162–181",
    "ALLER95": "Allerheiligen B, Rogers R. Plyometrics program design. Strength Cond 1995 (NSCA)",
    "ZOURDOS16": "Zourdos MC et al. RPE scale measuring repetitions in reserve. J Strength Cond "
    "Res 2016;30(1):267–275",
    "WGER2480": "wger-project/wger#2480: double progression gated on the top of the range",
}


def cite(keys: tuple[str, ...] | list[str]) -> list[str]:
    """``KEY — reference`` lines for the keys, in the order given, unknown keys kept bare."""
    return [f"{k} — {REFERENCES[k]}" if k in REFERENCES else k for k in dict.fromkeys(keys)]
