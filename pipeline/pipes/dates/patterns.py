"""Regular expressions for calendar dates, months, years, seasons and decades in Swedish text."""

import re

MONTH_FULL = r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
MONTH_ABBR = r"(?:jan|febr?|mar|apr|jun|jul|aug|sept?|okt|nov|dec)\.?"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR})"
WEEKDAY = r"(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?"
DAY = r"(?:0?[1-9]|[12]\d|3[01])(?::[ea])?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
SEASON = r"(?:våren|sommaren|hösten|vintern)"
_B = r"(?<![\w/:.-])"  # left boundary: not inside a word, case number or decimal
_E = r"(?![\w/]|[:-]\d|,\d)"  # right boundary

# "2018-09-18", "tisdag 2018-09-18" (a weekday right before a date belongs to it)
ISO_DATE = re.compile(
    rf"{_B}(?:(?i:{WEEKDAY})\s+(?:den\s+)?)?(?:{YEAR})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d/])"
)
ISO_CONTINUATION = re.compile(r"(?<=\d{4}-\d\d-\d\d)--(?P<day>(?:0[1-9]|[12]\d|3[01]))(?!\d)")
# "7 april 2017", "fredagen den 7 april 2017", "16 juni", "7 apr. 2017"
DAY_MONTH = re.compile(
    rf"(?<![\w/:.])(?<![^\d][-–])(?P<span>(?:{WEEKDAY}\s+(?:den\s+)?)?{DAY}\s+{MONTH}(?:\s+{YEAR})?){_E}", re.IGNORECASE
)
# Enumerated days before a month: "den 4, 5 och 6 december" -> "4", "5"; "2–4 december" -> "2".
ENUMERATED_DAY = re.compile(
    rf"{_B}(?P<day>{DAY})(?=(?:\s*(?:,|och|eller|&|samt|–|-|—|till)\s*{DAY})+\s+{MONTH}{_E})", re.IGNORECASE
)
# "maj 2017", "december år 2022", "december månad 2022"
MONTH_YEAR = re.compile(rf"{_B}(?P<span>{MONTH_FULL}\s+(?:år\s+|månad\s+)?{YEAR}){_E}", re.IGNORECASE)
MONTH_ALONE = re.compile(rf"{_B}(?P<span>{MONTH_FULL}){_E}")
# Named parts of a year: "första halvåret 1993", "fjärde kvartalet 2019" (norm null: no season code)
PART_OF_YEAR = re.compile(
    rf"{_B}(?P<span>(?:första|andra|tredje|fjärde|sista)\s+(?:halvåret|kvartalet|tertialet)\s+(?:år\s+)?{YEAR}){_E}",
    re.IGNORECASE,
)
SEASON_YEAR = re.compile(rf"{_B}(?P<span>{SEASON}\s+{YEAR}){_E}", re.IGNORECASE)
# "1930-talet", "90-talets", "sent 90-tal"; not "ett 50-tal" (about fifty)
DECADE = re.compile(r"(?<![\w/:.-])(?<!ett\s)(?P<span>\d{2,4}-tal(?:et|ets)?)(?![\w])")
# Names with a year in them: "Natura 2000", "Agenda 2030", "Vision 2030"
_NOT_AFTER = r"(?<!Natura )(?<!Agenda )(?<!Vision )"
YEAR_ALONE = re.compile(rf"{_B}{_NOT_AFTER}(?P<span>{YEAR})(?![\w/]|:\d|,\d|-\d{{1,3}}\b(?!-)|\s?%|\.\d)")
# Four-digit numbers followed by these words are counts, not years.
NOT_YEAR_BEFORE = re.compile(
    r"\s*(?:kr|kronor|tkr|mnkr|personer|st|stycken|procent|meter|km|ton|timmar|platser|elever|barn|"
    r"lägenheter|bostäder|invånare|ärenden|anställda|medarbetare|ledamöter|deltagare|miljoner|miljarder|"
    r"tusen|kvadratmeter|kvm|m2|§)\b",
    re.IGNORECASE,
)
# The second year of a range written with a hyphen: "2019-2021" -> "2021" ("2019" is YEAR_ALONE's)
YEAR_RANGE_END = re.compile(rf"(?<![\w/:.-]){YEAR}-(?P<span>{YEAR})(?![\w/-]|:\d|,\d)")
# A day and month after a month and a dash: "15 november–6 december 2021" -> "6 december 2021"
DAY_AFTER_MONTH_RANGE = re.compile(
    rf"{MONTH_FULL}\s?[-–]\s?(?P<span>{DAY}\s+{MONTH}(?:\s+{YEAR})?){_E}", re.IGNORECASE
)
# The first month of a month range: "jan–maj 2011" -> "jan" ("maj 2011" is MONTH_YEAR's)
MONTH_BEFORE_RANGE = re.compile(rf"{_B}(?P<span>{MONTH})(?=\s?[–-]\s?{MONTH_FULL}(?:\s+{YEAR})?{_E})", re.IGNORECASE)
