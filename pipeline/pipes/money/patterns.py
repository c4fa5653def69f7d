"""Regular expressions for amounts of money in Swedish text."""

import re

from ..base import PARAGRAPH_ID

# "1 057,8", "3\u00a0210" (no-break space), "7:20" (kronor:öre, before "kr")
NUMBER = (r"(?:(?<![\w,.])[-−–](?=\d))?(?<![\d,.:])"
          r"(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:,\d+)?|\d{1,4}:\d\d(?=\s*kr)|\d+(?:[,.]\d+)?)(?![\d])")
NUMBER_WORD = (
    r"(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|trettio|fyrtio|femtio|"
    r"hundra|(?:ett|två|tre|fyra|fem)hundra|tusen|en\s+halv|ett\s+par)"
)
VAGUE = r"(?:flera|några|många|hundratals|tusentals|miljontals|miljardtals|tiotals|ett\s+antal)"
MULTIPLIER = r"(?:tusen|miljon(?:er)?|milj\.?|mn|mdr|md|miljard(?:er)?|biljon(?:er)?)"
CURRENCY = (
    r"(?:kronor|krona|kr\.?|sek|tkr|tsek|mnkr|mkr|msek|mdkr|milj\.\s?kr\.?|miljkr|mdr\s?kr|euro|eur|"
    r"dollar|us-dollar|usd|pund|gbp|öre|danska\s+kronor|norska\s+kronor|svenska\s+kronor|dkk|nok)"
)
# "5–10 miljoner kronor"; "mellan 8 000 och 16 000 kr", "500 och 700 kr." (the first number has no
# currency word of its own, so the two share one span)
RANGE = rf"{NUMBER}\s?(?:--|[-–—])\s?{NUMBER}|{NUMBER}\s+(?:och|till)\s+{NUMBER}"
# Where a range's first number is the larger, it is no range ("2017 och 500 kronor"): keep the second.
RANGE_SPLIT = re.compile(r"\s+(?:och|till)\s+")
YEAR_LIKE = re.compile(r"(?:19|20)\d\d")

MONEY = re.compile(
    rf"(?P<amount>(?:{RANGE}|{NUMBER}|(?<![\w]){NUMBER_WORD}|(?<![\w]){VAGUE})"
    rf"(?:\s+(?:{MULTIPLIER})(?![\wåäö]))*\s*(?:{CURRENCY})(?![\wåäö])|{NUMBER}\s?:-)",
    re.IGNORECASE,
)
# A change from one amount to another is no range: "öka från 37 till 51,9 miljarder kronor".
CHANGE_BEFORE = re.compile(
    r"(?:ök|höj|sänk|minsk|stig|steg|stiger|växa|växer|ändr|gå|går|gick)\w*\s+(?:[\wåäö]+\s+){0,3}från\s+$",
    re.IGNORECASE,
)
# What may stand between an amount and the rest of its sentence: a line break and a record's paragraph id.
NEXT_CHAR = re.compile(rf"[ \t]*(?:\n[ \t]*(?:{PARAGRAPH_ID}[ \t]*)?)?(?P<char>\S)?")
