"""svpol_orgs and svpol_places."""

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Beslutet skickas till Barn- och utbildningsnämnden och Kultur- och fritidsnämnden.",
         [("Barn- och utbildningsnämnden", "ORG"), ("Kultur- och fritidsnämnden", "ORG")]),
        ("SUNDSVALLS KOMMUN\nSocialnämnden", [("SUNDSVALLS KOMMUN", "ORG"), ("Socialnämnden", "ORG")]),
        ("Samverkan med Försvarshögskolan (FHS). Enligt FHS är risken låg.",
         [("Försvarshögskolan", "ORG"), ("FHS", "ORG"), ("FHS", "ORG")]),
        ("Hyran från Falkenbergs Bostads AB och Hudiksvall Stadsnät AB.",
         [("Falkenbergs Bostads AB", "ORG"), ("Hudiksvall Stadsnät AB", "ORG")]),
        ("Säker\u00adhets\u00adpolisen och Polis\u00admyndig\u00adheten.",
         [("Säker\u00adhets\u00adpolisen", "ORG"), ("Polis\u00admyndig\u00adheten", "ORG")]),
        ("Varje kommun och Denna region ska svara. Handlingsplan och Detaljplan antas. Sida 3 (12)", []),
        pytest.param("Sidas kontor och FMV samt Humana Individ & Familj AB och Nammo Lapua Oy.",
         [("Sidas", "ORG"), ("FMV", "ORG"), ("Humana Individ & Familj AB", "ORG"), ("Nammo Lapua Oy", "ORG")],
             marks=pytest.mark.gazetteers),
        ("Enligt Vision 2030 ska facket Vision höras. Sida 2 (5)", [("Vision", "ORG")]),
        pytest.param("Raoul Grünthal, VD för Schibsted Sverige, och Nusnäs Hembygdsförening samt "
                     "Naturskyddsföreningen i Mora.",
         [("Raoul Grünthal", "PERSON"), ("Schibsted Sverige", "ORG"), ("Nusnäs Hembygdsförening", "ORG"),
          ("Naturskyddsföreningen i Mora", "ORG")], marks=pytest.mark.gazetteers),
        pytest.param("Biljana Pehrsson, VD för Kungsleden. Skrivelse från Botaniska föreningen och EU-kommissionen.",
         [("Biljana Pehrsson", "PERSON"), ("Kungsleden", "ORG"), ("Botaniska föreningen", "ORG"),
          ("EU-kommissionen", "ORG")], marks=pytest.mark.gazetteers),
        ("Skickas till social-\nnämnden och kommun-\nstyrelsen.",
         [("social-\nnämnden", "ORG"), ("kommun-\nstyrelsen", "ORG")]),
        ("Samverkan med Länsstyrelsen\nGävleborg och Svenska kyrkan i\nHudiksvalls församling, Kokkola stad och "
         "Lövsta behandlingshem AB. Europeiska havs- och fiskerifonden, EHFF, och förordningen om EHFF.",
         [("Länsstyrelsen\nGävleborg", "ORG"), ("Svenska kyrkan i\nHudiksvalls församling", "ORG"),
          ("Kokkola stad", "ORG"), ("Lövsta behandlingshem AB", "ORG"), ("Europeiska havs- och fiskerifonden", "ORG"),
          ("EHFF", "ORG"), ("EHFF", "ORG")]),
        ("Samråd med Röda Korset Luleå och polisen i Rinkeby; Länsrätten i Hallands län beslutade.",
         [("Röda Korset Luleå", "ORG"), ("polisen", "ORG"), ("Rinkeby", "LOC"), ("Länsrätten i Hallands län", "ORG")]),
        ("Enligt riksbanken och Hyresgästernas riksförbund.",
         [("riksbanken", "ORG"), ("Hyresgästernas riksförbund", "ORG")]),
        ("Avtal med Stiftelsen Zornsamlingarna och Svenska kommunförbundet.",
         [("Stiftelsen Zornsamlingarna", "ORG"), ("Svenska kommunförbundet", "ORG")]),
        ("Utredning av socialdepartementets och kommunalekonomiska kommitténs förslag.",
         [("socialdepartementets", "ORG"), ("kommunalekonomiska kommitténs", "ORG")]),
        pytest.param("Möte i Rinkeby-Kista stadsdelsnämnd om Rinkeby och Ukrainas gräns.",
         [("Rinkeby-Kista stadsdelsnämnd", "ORG"), ("Rinkeby", "LOC"), ("Ukrainas", "LOC")],
             marks=pytest.mark.gazetteers),
        ("Beslut\nKommunstyrelsen tilldelar Sommenbygdens Buss AB avtalet. Exploatör är Gimo Bostads AB.",
         [("Kommunstyrelsen", "ORG"), ("Sommenbygdens Buss AB", "ORG"), ("Gimo Bostads AB", "ORG")]),
        pytest.param("Kommunal avdelning Gävleborg, Polisen lokalpolisområde Eksjö och "
                     "Svenska kyrkan Tranås församling.",
         [("Kommunal avdelning Gävleborg", "ORG"), ("Polisen lokalpolisområde Eksjö", "ORG"),
          ("Svenska kyrkan Tranås församling", "ORG")], marks=pytest.mark.gazetteers),
        ("Från förskolan Solbacken och fritidsgården Tegelbruket; Hallstahammars moské och Hallstahammars\n"
         "Bandyklubb. Socialförvaltningen föreslår.\nÄrendebeskrivning\nKommunstyrelsen beslutar.",
         [("Solbacken", "ORG"), ("Tegelbruket", "ORG"), ("Hallstahammars moské", "ORG"),
          ("Hallstahammars\nBandyklubb", "ORG"), ("Socialförvaltningen", "ORG"), ("Kommunstyrelsen", "ORG")]),
        ("Kommunal sektion Alingsås-Lerum, Polisen lokalpolisområde Märsta och AB Ronneby Helsobrunn.",
         [("Kommunal sektion Alingsås-Lerum", "ORG"), ("Polisen lokalpolisområde Märsta", "ORG"),
          ("AB Ronneby Helsobrunn", "ORG")]),
        ("Bidrag till Hemslöjden Kronobergs län och RFSU Kronoberg via Kommunförbundet i Kalmar län.",
         [("Hemslöjden Kronobergs län", "ORG"), ("RFSU Kronoberg", "ORG"), ("Kommunförbundet i Kalmar län", "ORG")]),
        ("Korttidsplatser på Solängets vårdhem. Bidrag från International Trust Fund for Ukraine och "
         "The German Marshall Fund of the US, men inte China Forum.",
         [("Solängets vårdhem", "ORG"), ("International Trust Fund for Ukraine", "ORG"),
          ("The German Marshall Fund of the US", "ORG")]),
    ],
)
def test_org_and_place_spans(ents, text, expected):
    assert ents(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sammanträdesprotokoll Kommunfullmäktige\nSammanträdesdatum Sida\nFörvaringsplats Kulturkontoret\n"
         "Save this PDF as: WORD PNG TXT", [("Kommunfullmäktige", "ORG"), ("Kulturkontoret", "ORG")]),
        ("Ärende Vision\nSamråd med facket Vision i morgon.", [("Vision", "ORG")]),
    ],
)
def test_page_furniture_is_never_an_edge(ents, text, expected):
    """Page furniture (headers, column labels, a web archive's menu) neither begins nor ends an ORG or LOC,
    and a guarded name among it is a heading."""
    assert ents(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plats och tid Ekrummet, Kommunhuset, Vimmerby kl 13.00-15.00", ["Ekrummet", "Kommunhuset", "Vimmerby"]),
        ("Plats och tid Sammanträdesrum Björken, stadshuset, klockan 9.00", ["Björken", "stadshuset"]),
        ("Plats: Hotell Riddaren, Storgatan 3, Torsby\nTid: 10.00", ["Hotell Riddaren", "Storgatan 3", "Torsby"]),
        ("Plats och tid Kommunhuset i Torsby, tisdagen den 4 maj", ["Kommunhuset", "Torsby"]),
    ],
)
def test_meeting_place_slot(ents, text, expected):
    """Each item of a minutes' meeting-place slot is a place; a generic room word in front is not."""
    assert [t for t, label in ents(text) if label == "LOC"] == expected


def test_capitalised_council_nouns_and_prefixed_rooms(ents):
    """``<Place> Kommun`` and ``<Place>s Stad`` are the council; rooms with a capital prefix or Stora/Lilla."""
    assert ents("Motala Kommun och Trollhättans Stad sammanträder i KS-salen och Stora Ekensalen.") == [
        ("Motala Kommun", "ORG"), ("Trollhättans Stad", "ORG"), ("KS-salen", "LOC"), ("Stora Ekensalen", "LOC")]


def test_care_homes_and_villas(ents):
    """Local care homes by their name and noun, and ``Villa X``, less a report word in front."""
    assert ents("Granskningsrapport Villa Solhem och Ekbackens gruppbostad samt Lönnens korttidsboende.") == [
        ("Villa Solhem", "ORG"), ("Ekbackens gruppbostad", "ORG"), ("Lönnens korttidsboende", "ORG")]


def test_council_units_in_any_case(ents):
    """Units on organisational suffixes are ORG in any case; a body's part after its genitive belongs to it."""
    assert ents("Ärendet skickas till stadsbyggnadskontoret, bygglovenheten, Vård- och omsorgsförvaltningen "
                "och Kommunstyrelsens arbetsutskott.\nKOMMUNSTYRELSENS SOCIALA UTSKOTT") == [
        ("stadsbyggnadskontoret", "ORG"), ("bygglovenheten", "ORG"), ("Vård- och omsorgsförvaltningen", "ORG"),
        ("Kommunstyrelsens arbetsutskott", "ORG"), ("KOMMUNSTYRELSENS SOCIALA UTSKOTT", "ORG")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nattbemanning i Ljusne och Sandarne tas upp.", ["Ljusne", "Sandarne"]),
        ("Fler nattvandrare i Vivalla, Baronbackarna och Brickebacken.", ["Vivalla", "Baronbackarna", "Brickebacken"]),
        ("Sammanträde i Kommunhuset, sammanträdesrum Hornslandet, om kvarteret Lönnen.",
         ["Kommunhuset", "Hornslandet", "Lönnen"]),
        ("Enligt Bilaga 3 och i Budgeten samt i Skolsäkerhetsutredningen och i Anna Svenssons förslag.", []),
        ("Flygblad delades ut i\ncentrala Anderslöv.", ["Anderslöv"]),
        ("Möte i sal Gripsholm om Kvarnsjöns strandzon och vägen mot Mariefred. På vägen dit. Grundnivån höjs.",
         ["Gripsholm", "Kvarnsjöns", "Mariefred"]),
        ("Konstnärer från Orsa och Rättvik samt vänorten Sassnitz, en bro över Kvarnbäcken.",
         ["Orsa", "Rättvik", "Sassnitz", "Kvarnbäcken"]),
        ("Malmbanan Sikträsk, bangårdsförlängning\nE4 Broänge–Daglösten, mötesseparering\nLuleå C flytt",
         ["Malmbanan", "Sikträsk", "E4", "Broänge", "Daglösten", "Luleå C"]),
        ("Lunch på Kungliga slottet och i Mimers Hus.", ["Kungliga slottet", "Mimers Hus"]),
        ("Plats: Kommunhuset, Riotorget 1, Ljusdal. Söder om Skärplinge gård, vid Gimo damm och Sunnanö IP.",
         ["Kommunhuset", "Riotorget 1", "Ljusdal", "Skärplinge gård", "Gimo damm", "Sunnanö IP"]),
        ("Sammanträdets plats och tid: Kulturhuset i Valsta.", ["Kulturhuset", "Valsta"]),
        ("Tandläkare i Västsverige, Östeuropa och Stockholmsregionen, men Nordea och Sydsvenskan.",
         ["Västsverige", "Östeuropa", "Stockholmsregionen"]),
    ],
)
def test_places_by_position(nlp, text, expected):
    assert [e.text for e in nlp(text).ents if e.label_ == "LOC"] == expected


def test_counties_roads_properties_landmarks(ents):
    text = ("Länsstyrelsen i Blekinge län och Västra Götalands län. Trafiken på riksväg 50 och E4 vid "
            "fastigheten Bråstorp 1:1, enligt Kap 3:14, vid Västerås flygplats och Gävle slott.")
    assert ents(text) == [
        ("Länsstyrelsen i Blekinge län", "ORG"), ("Västra Götalands län", "LOC"), ("riksväg 50", "LOC"),
        ("E4", "LOC"), ("Bråstorp 1:1", "LOC"), ("Västerås flygplats", "LOC"), ("Gävle slott", "LOC")]


def test_plausible_place_for_a_statistical_loc(nlp, has_data):
    """The merge keeps a model's LOC only where the places component finds it plausible."""
    places = nlp.get_pipe("svpol_places")
    assert places.plausible_place("Sikträsk")
    assert places.plausible_place("Södra Grundfors")
    assert not places.plausible_place("Nato-land")
    assert not places.plausible_place("Furugården")
    assert not places.plausible_place("Budgeten")
    if has_data:
        assert not places.plausible_place("Anna")
