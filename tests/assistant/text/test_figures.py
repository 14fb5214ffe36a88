import time

from assistant.text.figures import NOT_FROM_CORPUS, OWN_CALCULATION, figures, untraceable


def test_figures_leave_out_citation_markers_goal_codes_and_section_numbers():
    text = ("Kleine Unternehmen bis zu 20 Prozent [1] nach Nr. 2.5.1, Handlungsziel 2.3.1 und 2.3.1 passt; "
            "200.000 € bis 31.12.2026; 55 Ziele, Anhang 5, 1,5 Mio [2, 3].")
    assert figures(text) == ["20", "200.000", "31.12.2026", "55", "1,5"]


def test_a_figure_counts_only_with_a_quote_cited_in_its_own_paragraph():
    quotes = {1: "Betriebsstätten von kleinen Unternehmen 20 Prozent", 2: "bis zu 60 Prozent"}
    assert untraceable("Kleine Unternehmen bis 20 Prozent [1].", quotes) == []
    assert untraceable("Kleine Unternehmen bis 99 Prozent [1].", quotes) == ["99"], "a figure no quote holds"
    assert untraceable("Bis 90 Prozent [2].", quotes) == ["90"], "cited to a quote with another rate"
    assert untraceable("Bis 20 Prozent.\n\nQuelle [1].", quotes) == ["20"], "the quote is cited in another paragraph"


def test_own_calculation_is_marked_and_not_counted_but_only_in_its_own_sentence():
    quotes = {1: "Betriebsstätten von kleinen Unternehmen 20 Prozent"}
    text = (f"Kleine Unternehmen bis 20 Prozent [1]. {OWN_CALCULATION} 20 Prozent von 180.000 € sind bis zu 36.000 €. "
            "Dazu 5 Jahre Bindung.")
    assert untraceable(text, quotes) == ["5"]


def test_figures_run_in_linear_time_on_long_runs_of_digits_and_punctuation():
    for text in ("1" * 50_000, "1." * 25_000, "[1, " * 10_000, "1 " * 25_000, "Nr. " * 10_000):
        started = time.perf_counter()
        figures(text)
        untraceable(text, {})
        assert time.perf_counter() - started < 2.0, text[:10]


def test_a_date_is_one_figure_however_it_is_written():
    quotes = {1: "können die Länder bis zum 31. Dezember 2028 befristet mit bis zu 90 Prozent fördern"}
    assert untraceable("Bis 31.12.2028 bis 90 Prozent [1].", quotes) == []
    assert figures("bis zum 1. Januar 2026") == ["01.01.2026"]


def test_a_fact_marked_as_not_from_the_documents_is_not_counted_but_only_in_its_own_sentence():
    text = (f"Der Koordinierungsrahmen nennt keinen Eurobetrag [1]. {NOT_FROM_CORPUS} Nach der Verordnung (EU) "
            "2023/2831 sind das derzeit 300.000 Euro. Danach gelten 20 Prozent.")
    assert untraceable(text, {1: "mit maximal dem Höchstbetrag für De-minimis-Beihilfen"}) == ["20"]
