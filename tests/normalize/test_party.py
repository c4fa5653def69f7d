import pytest

from pipeline.normalize import default_party_table, normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L", "L"), ("Liberalernas", "L"), ("fp", "L"), ("folkpartiet liberalerna", "L"), ("Folkpartiet", "L"),
        ("kds", "KD"), ("vpk", "V"), ("centern", "C"), ("Centern", "C"), ("s", "S"), ("Socialdemokraternas", "S"),
        ("Moderaterna", "M"), ("mp", "MP"), ("Ny demokrati", "NYD"), ("nyd", "NYD"), ("Alliansen", "ALLIANSEN"),
        ("Tidöpartierna", "TIDO"), ("Tidöpartiernas", "TIDO"), ("SD:s", "SD"), ("SPI", "SPI"), ("SÖS", "SÖS"),
        ("Sverigedemokraterna", "SD"), ("Feministiskt initiativ", "FI"),
        ("kfl", "KFL"), ("demoex", "DEMOEX"), ("Båp", "BÅP"),  # local parties in lower case: in capitals
    ],
)
def test_party_norms(text, expected):
    assert normalize("PARTY", text) == expected


def test_unknown_word_is_not_a_party():
    assert default_party_table().normalize("kommunstyrelsen") is None


def test_other_labels_have_no_norm():
    assert normalize("PERSON", "Anna Svensson") is None
