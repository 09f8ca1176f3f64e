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
    "ALLER95": "Allerheiligen B, Rogers R. Plyometrics program design. Strength Cond 1995 (NSCA)",
    "ZOURDOS16": "Zourdos MC et al. RPE scale measuring repetitions in reserve. J Strength Cond "
    "Res 2016;30(1):267–275",
    "WGER2480": "wger-project/wger#2480: double progression gated on the top of the range",
}


def cite(keys: tuple[str, ...] | list[str]) -> list[str]:
    """``KEY — reference`` lines for the keys, in the order given, unknown keys kept bare."""
    return [f"{k} — {REFERENCES[k]}" if k in REFERENCES else k for k in dict.fromkeys(keys)]
