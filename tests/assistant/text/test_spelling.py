import pytest

from assistant.text.spelling import with_umlauts


@pytest.mark.parametrize("text, expected", [
    ("ist das foerderfaehig??", "ist das förderfähig??"),
    ("wollen 2 neue hebebuehnen und kuehlzellen fuer ca 350k", "wollen 2 neue hebebühnen und kühlzellen für ca 350k"),
    ("Muessen wir zwingend neue Stellen schaffen um Foerderung zu kriegen?",
     "Müssen wir zwingend neue Stellen schaffen um Förderung zu kriegen?"),
    ("wir ueberlegen, ob das ueber die GRW geht", "wir überlegen, ob das über die GRW geht"),
    ("das waere gut, im maerz gekauft", "das wäre gut, im märz gekauft"),
])
def test_umlauts_written_out_are_put_back_in_the_usual_words(text, expected):
    assert with_umlauts(text) == expected


@pytest.mark.parametrize("text", [
    "Wir bauen eine neue Halle, die Steuer ist aktuell das Problem; Quelle: Kreistag, Herr Mueller aus Melle.",
    "Unterausschuss, Dauerarbeitsplätze, Zuschuss, Bauer, treue Kunden",
])
def test_words_whose_ae_oe_ue_or_ss_is_no_umlaut_stay_as_they_are(text):
    assert with_umlauts(text) == text
