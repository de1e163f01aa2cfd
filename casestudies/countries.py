"""Countries (ISO 3166-1 alpha-2) and their UN M49 regions, with names from CLDR via Babel."""

from functools import cache

from babel import Locale
from django.utils.translation import get_language

# UN M49 regions: our stable slug, the M49 code (CLDR names it in every language) and members.
REGIONS = {
    "africa": (
        "002",
        "DZ EG LY MA SD TN EH BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW IO TF "
        "AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN "
        "SL TG",
    ),
    "americas": (
        "019",
        "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI BZ "
        "CR SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE BM CA GL PM US",
    ),
    "asia": (
        "142",
        "KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN IR "
        "MV NP PK LK AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE",
    ),
    "europe": (
        "150",
        "BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB AL AD BA "
        "HR GI GR VA IT MT ME MK PT SM RS SI ES AT BE FR DE LI LU MC NL CH",
    ),
    "oceania": (
        "009",
        "AU CX CC HM NZ NF FJ NC PG SB VU GU KI MH FM NR MP PW UM AS CK PF NU PN WS TK TO TV WF",
    ),
}

REGION_OF_COUNTRY = {
    country: region for region, (_code, members) in REGIONS.items() for country in members.split()
}
COUNTRY_CODES = frozenset(REGION_OF_COUNTRY)


@cache
def _locale(language):
    return Locale.parse(language or "en")


def country_name(code, language=None):
    return _locale(language or get_language()).territories.get(code, code)


def region_name(slug, language=None):
    m49 = REGIONS[slug][0]
    return _locale(language or get_language()).territories.get(m49, slug)


def region_of(country_code):
    return REGION_OF_COUNTRY.get(country_code, "")


def country_choices(language="en"):
    """(code, name) choices sorted by name: English for the admin's country fields, or the
    reader's language (None: the active one) for public forms."""
    return sorted(
        ((code, country_name(code, language)) for code in COUNTRY_CODES), key=lambda item: item[1]
    )
