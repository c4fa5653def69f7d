"""svpol_money, svpol_dates, svpol_cases: boundaries in context."""

import pytest


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Kostnaden är 1 000 kr. per år och 600 kr. Sedan slut.", "MONEY", ["1 000 kr.", "600 kr"]),
        ("Prioritera äldreomsorgen - 14 miljoner kronor till projekt.", "MONEY", ["14 miljoner kronor"]),
        ("Patienten kostar mellan 2 000 och 3 000 kr.", "MONEY", ["2 000 och 3 000 kr"]),
        ("Avgiften blir 500 och 700 kr. per månad.", "MONEY", ["500 och 700 kr."]),
        ("Normen uppgår för 2014 till 2 920 kr. Under 2017 och 500 kronor.", "MONEY", ["2 920 kr", "500 kronor"]),
        ("Hyran är 4,1 miljoner kronor, cirka 40 öre och 12,2 miljoner euro.", "MONEY",
         ["4,1 miljoner kronor", "40 öre", "12,2 miljoner euro"]),
        ("Totalt 3\u00a0210 miljoner kronor, 7:20 kr. i skatt och 1 000--1 500 kr. per besök.", "MONEY",
         ["3\u00a0210 miljoner kronor", "7:20 kr.", "1 000--1 500 kr."]),
        ("Sammantaget ca 4 000 kr.\n[i-UkRVDvbmgQTeC2YtiGZ7K5] per år. Det kostar 200 kr.\nNästa punkt.", "MONEY",
         ["4 000 kr.", "200 kr"]),
        ("Anslaget beräknas öka från 37 till 51,9 miljarder kronor.", "MONEY", ["51,9 miljarder kronor"]),
        ("Riksdagens protokoll 10-17 oktober 1978", "DATE", ["10", "17 oktober 1978"]),
        ("Under 2019-2021 blir Natura 2000-områden fler än under 2000-talets början.", "DATE",
         ["2019", "2021", "2000-talets"]),
        ("Utställningen 15 november–6 december 2021.", "DATE", ["15 november", "6 december 2021"]),
        ("Under jan–maj 2011, den 4, 5 eller 6 december. Avgift 120--10--10.", "DATE",
         ["jan", "maj 2011", "4", "5", "6 december"]),
        ("Sammanträde den 13 och 14 juni 2023 kl. 13.00–16.30.", "DATE", ["13", "14 juni 2023"]),
        ("Planen 2016–2019 och ett 50-tal deltagare under sent 90-tal.", "DATE", ["2016", "2019", "90-tal"]),
        ("Statsbesök den 2–4 december 2014.", "DATE", ["2", "4 december 2014"]),
        ("Det gäller 2 000 personer och 1 500 kronor.", "DATE", []),
        ("Se prop. 1991/92:100 och bet. 1991/92:SfU13 samt SfU14 och prop. 2024/25.", "CASE",
         ["1991/92:100", "1991/92:SfU13", "SfU14"]),
        ("Enligt vallagen (2005:837) och SOU 2023:12, COM(2022) 415.", "CASE",
         ["2005:837", "SOU 2023:12", "COM(2022) 415"]),
        ("Naturvårdsverkets redovisning (diarienr M2015/1508/Nm).", "CASE", ["M2015/1508/Nm"]),
        ("Ärende RS 2023-00087 och mål nr 5512-05.", "CASE", ["RS 2023-00087", "5512-05"]),
        ("§ 98  KS-2018-312, enligt NFS\u00a02007:4 och direktiv (EU) 2015/1535 samt direktiv 2006/123/EG.", "CASE",
         ["KS-2018-312", "NFS\u00a02007:4", "2015/1535", "2006/123/EG"]),
        ("Sammanträdesdag: tisdag 2018-09-18, justering 2018-09-25.", "DATE", ["tisdag 2018-09-18", "2018-09-25"]),
        ("Dnr VON.2018.112 och föreskrifterna (ELSÄK-FS 2002:1).", "CASE", ["VON.2018.112", "ELSÄK-FS 2002:1"]),
        ("Stödet uppgick till mer än 4 miljarder svenska kronor.", "MONEY", ["4 miljarder svenska kronor"]),
        ("Finansiering om 100 miljarder US-dollar under december månad 2022.", "MONEY", ["100 miljarder US-dollar"]),
        ("Priserna var höga under november och december månad 2022.", "DATE", ["november", "december månad 2022"]),
    ],
)
def test_spans(nlp, text, label, expected):
    assert [e.text for e in nlp(text).ents if e.label_ == label] == expected
