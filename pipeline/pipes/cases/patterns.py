"""Regular expressions for case, diary and document reference numbers."""

import re

_B = r"(?<![\w/:.-])"
_E = r"(?![\w/])"

CASE_PATTERNS = [
    # Diary numbers with a series prefix: "HL 2017/347-1", "KS 2015/123", "Dnr KS/2015:12", "M2015/1508/Nm",
    # "VON.2018.112", "ELSÄK-FS 2002:1"
    re.compile(rf"{_B}(?P<span>[A-ZÅÄÖ]{{1,6}}(?:-[A-ZÅÄÖ]{{1,4}})?[ \xa0/.-]?\d{{2,4}}[/:.]\d{{1,6}}"
               rf"(?:[-:.]\d{{1,4}})*(?:/[A-ZÅÄÖ][a-zåäö]{{0,3}})?){_E}"),
    # A series prefix, a year and a dash: "RS 2023-00087", "KS 2019-0123", "KS-2018-312"
    re.compile(rf"{_B}(?P<span>[A-ZÅÄÖ]{{2,6}}[ -](?:19|20)\d\d-\d{{3,6}}){_E}"),
    # Riksdag documents: "1991/92:SfU13", "2021/22:FPM123", "1991/92:100", "1991/92:36"
    re.compile(rf"{_B}(?P<span>(?:19|20)\d\d/\d\d:[A-Za-zÅÄÖåäö]{{0,6}}\d{{1,4}}(?:[-:]\d+)?){_E}"),
    # Series with a year and a number: "RiR 2022:20", "SOU 2023:12", "Ds 2022:5", "SFS 2005:837"
    re.compile(rf"{_B}(?P<span>(?:RiR|SOU|Ds|DS|SFS|Dir\.|dir\.|Prop\.|prop\.|Skr\.|skr\.|Bet\.|bet\.)"
               rf"\s?(?:19|20)\d\d:\d{{1,4}}){_E}"),
    # Statute numbers in parentheses: "vallagen (2005:837)"
    re.compile(r"(?<=\()(?P<span>(?:18|19|20)\d\d:\d{1,4})(?=\))"),
    # Committee reports and motions by their short id: "SfU13", "TU23", "EU1", "Sf39", "Ub68"
    re.compile(r"(?<![\w/:.-])(?P<span>(?:[A-Z][a-z]{1,2}U?|[A-Z]{1,3}U)\d{1,3})(?![\w/])"),
    # EU acts by their number after "direktiv"/"förordning": "direktiv (EU) 2015/1535", "direktiv 2006/123/EG"
    re.compile(r"(?:[Dd]irektiv(?:et)?|[Ff]örordning(?:en)?)\s(?:\((?:EU|EG|EEG|Euratom)\)\s)?(?:nr\s)?"
               r"(?P<span>(?:19|20)?\d\d/\d{1,4}(?:/(?:EG|EU|EEG|Euratom))?)(?![\w/])"),
    # EU documents: "COM(2022) 415"
    re.compile(rf"{_B}(?P<span>(?:COM|SEC|SWD|JOIN)\s?\((?:19|20)\d\d\)\s?\d{{1,4}}){_E}"),
]
# A number after "Dnr"/"Diarienummer": "Dnr: 102-274-04", "dnr 2006-152-307", "Dnr 1.2.3-456/2017"
AFTER_DNR = re.compile(
    r"(?:\b[Dd]nr\.?|\b[Dd]iarie(?:nummer|nr)\.?|\b[Dd]iarienr\.?|\bÄrendenummer|\bÄrendenr\.?|\b[Mm]ål\s?nr\.?"
    r"|\b[Mm]ålnummer)\s*:?\s*"
    r"(?P<span>(?:[A-ZÅÄÖ]{1,6}[ -]?)?\d[\w./:-]*\d(?:\s?-\s?\d+)?)"
)
