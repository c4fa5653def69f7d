import pytest

from pipeline.normalize import normalize_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7 april 2017", "2017-04-07"),
        ("fredagen den 7 april 2017", "2017-04-07"),
        ("2004-05-25", "2004-05-25"),
        ("16 juni", "--06-16"),
        ("januari", "--01"),
        ("januari 1990", "1990-01"),
        ("våren 2017", "2017-21"),
        ("sommaren 2023", "2023-22"),
        ("Hösten 2010", "2010-23"),
        ("vintern 2019", "2019-24"),
        ("2017", "2017"),
        ("1930-talet", "193X"),
        ("30-talet", None),
        ("4", None),
        ("16 maj 2016", "2016-05-16"),
        ("7 apr. 2017", "2017-04-07"),
        ("Torsdagen den 12 oktober", "--10-12"),
        ("1 juli 1992", "1992-07-01"),
        ("tisdag 2018-09-18", "2018-09-18"),
        ("december månad 2022", "2022-12"),
        ("onsdagen den16 december 2015", "2015-12-16"),  # the space lost in PDF extraction
    ],
)
def test_guideline_dates(text, expected):
    assert normalize_date(text) == expected


def test_impossible_date_is_null():
    assert normalize_date("31 februarii") is None
