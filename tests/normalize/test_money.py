import pytest

from pipeline.normalize import normalize_money


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35,3 mnkr", {"amount": 35300000, "currency": "SEK"}),
        ("3,5 miljoner kronor", {"amount": 3500000, "currency": "SEK"}),
        ("1 057,8 miljoner kronor", {"amount": 1057800000, "currency": "SEK"}),
        ("-8,2 mnkr", {"amount": -8200000, "currency": "SEK"}),
        ("500 kr", {"amount": 500, "currency": "SEK"}),
        ("1 229 kr", {"amount": 1229, "currency": "SEK"}),
        ("2 miljarder kronor", {"amount": 2000000000, "currency": "SEK"}),
        ("10 000 euro", {"amount": 10000, "currency": "EUR"}),
        ("flera tusen kronor", {"amount": None, "currency": "SEK"}),
        ("5–10 miljoner kronor", {"amount_min": 5000000, "amount_max": 10000000, "currency": "SEK"}),
        ("8 000 och 16 000 kr", {"amount_min": 8000, "amount_max": 16000, "currency": "SEK"}),
        ("2 milj.kr", {"amount": 2000000, "currency": "SEK"}),
        ("1 000 kr.", {"amount": 1000, "currency": "SEK"}),
        ("450 tkr", {"amount": 450000, "currency": "SEK"}),
        ("3 mdkr", {"amount": 3000000000, "currency": "SEK"}),
        ("tre miljoner kronor", {"amount": 3000000, "currency": "SEK"}),
        ("40 öre", {"amount": 0.4, "currency": "SEK"}),
        ("12,2 miljoner euro", {"amount": 12200000, "currency": "EUR"}),
        ("4 miljarder svenska kronor", {"amount": 4000000000, "currency": "SEK"}),
        ("100 miljarder US-dollar", {"amount": 100000000000, "currency": "USD"}),
        ("3\u00a0210 miljoner kronor", {"amount": 3210000000, "currency": "SEK"}),
        ("7:20 kr", {"amount": 7.2, "currency": "SEK"}),
        ("1 000--1 500 kr", {"amount_min": 1000, "amount_max": 1500, "currency": "SEK"}),
    ],
)
def test_guideline_amounts(text, expected):
    assert normalize_money(text) == expected


def test_decimal_arithmetic_is_exact():
    value = normalize_money("35,3 mnkr")["amount"]
    assert value == 35300000 and isinstance(value, int)


def test_no_currency_is_not_money():
    assert normalize_money("35,3 procent") is None
