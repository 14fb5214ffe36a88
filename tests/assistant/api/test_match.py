"""POST /api/match: a structured project profile -> goals and funding paths (contracts.md §2) plus the profile."""

from __future__ import annotations

from helpers.api import assert_contract_shape, assert_german_error

COMPANY = {
    "applicant_type": "company", "company_size": "small", "sector": "Maschinenbau",
    "project_types": ["business_investment"], "already_started": False, "municipality": "Bramsche",
    "description": "Wir bauen eine neue Fertigungshalle und schaffen zwölf Arbeitsplätze.",
}


def test_company_profile_gets_business_investment_path(client):
    response = client.post("/api/match", json=COMPANY)
    assert response.status_code == 200, response.text
    body = response.json()
    assert_contract_shape(body)
    assert not body["abstained"] and body["goals"]
    assert body["funding_paths"][0]["id"].split("/")[0] == "grw-gewerbe"
    assert body["profile"] == {"applicant_type": "company", "company_size": "small", "sector": "Maschinenbau",
                               "excluded_sector": None, "project_types": ["business_investment"],
                               "already_started": False, "municipality": "Bramsche",
                               # thirty-second session: a contract signed with a right to withdraw
                               "start_reserved": None,
                               # fifty-first session: an asker who writes or studies about the subject
                               "observer": False,
                               # the facts added in round 2 (assistant/funding/profile.py)
                               "employees": None, "turnover_eur": None, "balance_sheet_eur": None,
                               "investment_eur": None, "municipalities": ["Bramsche"], "wz_code": "28.29",
                               "wz_title": "Herstellung von sonstigen nicht wirtschaftszweigspezifischen Maschinen a. n. g.",
                               "wz_alternatives": [], "university_or_society": None,
                               "base_funding_over_limit": None,  # eleventh session: a research body's base funding
                               "users_excluded": None,
                               # forty-first session: users of excluded sectors beside others (Nr. 3.2.2.1 (1))
                               "users_in_part_excluded": None,
                               "tailored_to_one": None,  # the fourth session: a site developed for one firm
                               # forty-ninth session: one firm named as the reason for a public measure
                               "one_firm_reason": None,
                               # round 2, fourteenth session: a facility used mostly by locals (Nr. 3.2.2.5 (1))
                               "mostly_local_use": None,
                               # and in the third session: cost items, difficulty, applying after the order
                               "cost_items": [], "in_difficulty": None, "starts_before_application": None,
                               # round 2, ninth session: the size stated for the grant, the listed parts of a sum
                               "size_at_grant": None, "cost_parts": [],
                               # tenth session: processing of farm produce (Nr. 2.7.2), the jobs and wages of a
                               # wage-cost grant (Nr. 2.6.3): "schaffen zwölf Arbeitsplätze"
                               "agri_processing": None, "wage_costs": None, "new_jobs": 12, "wage_per_job_eur": None,
                               "wage_total_eur": None,
                               # twelfth session: the share of turnover with own lodging guests (Nr. 2.7.1, I 56)
                               "lodging_share_percent": None,
                               # round 2, twenty-seventh session: whether that share is said of the guests
                               "lodging_share_of_guests": None,
                               # thirteenth session: the sum of an electricity storage within the whole (Nr. 2.4.3.3)
                               "storage_eur": None,
                               # fifteenth session: the sum and the date of a cost item a rule limits (Nr. 5)
                               "size_between": [], "linked_enterprise": None,
                               # round 2, thirty-fifth session: another group firm's headcount (Nr. 2.1.5 (4))
                               "linked_employees": None, "item_sums": {}, "item_dates": {}, "items_in_part": [],
                               # round 2, nineteenth session: whether the sum holds other costs ("inkl. Grundstück")
                               "sum_holds_items": None,
                               # twentieth session: a Betriebsaufspaltung (Nr. 2.2.2 (1))
                               "split_company": None,
                               # twenty-first session: works begun for a part of the project only (Nr. 2.2.1)
                               "started_in_part": None, "commercial_share_percent": None,
                               "grant_received": None,
                               # twenty-second session: the depreciation and the years of an investment (Nr. 2.3 (2))
                               "depreciation_eur": None, "investment_years": None,
                               # round 2, twenty-fourth session: the jobs the project secures (Nr. 2.6.2 (4))
                               "secured_jobs": None,
                               # round 2, thirty-third session: aid already held from another programme (Nr. 2.5.3)
                               "other_aid_percent": None,
                               # round 2, thirty-ninth session: aid held as a sum, lines of the business named beside
                               # an excluded one that its line excepts, the share of the line read as the main one
                               "other_aid_eur": None, "named_lines": [], "sector_share_percent": None,
                               # forty-second session: the share of a firm's building let to others (Nr. 2.7.1 M)
                               "let_share_percent": None,
                               # forty-third session: the owners' private share of the building
                               "private_share_percent": None,
                               # fifty-seventh session: the headcount in full-time posts (part-time with its hours)
                               "work_units": None,
                               # fifty-eighth session: a sum said with its VAT ("2 mio brutto")
                               "sum_with_vat": None}


def test_municipality_profile_gets_infrastructure_path(client):
    body = client.post("/api/match", json={
        "applicant_type": "municipality", "project_types": ["industrial_site", "energy_infrastructure"],
        "already_started": False, "municipality": "melle",
        "description": "Die Stadt will ein Gewerbegebiet mit eigener Wasserstoffversorgung erschließen.",
    }).json()
    assert body["profile"]["municipality"] == "Melle"
    assert "grw-infrastruktur" in [p["id"].split("/")[0] for p in body["funding_paths"]]
    assert "2.3.1" in [g["code"] for g in body["goals"][:3]]


def test_explicit_facts_win_over_the_description(client):
    body = client.post("/api/match", json={
        "applicant_type": "company", "sector": "Gastronomie", "project_type": "business_investment",
        "description": "Wir wollen unser Restaurant in Melle erweitern und investieren in eine neue Küche.",
    }).json()
    assert body["profile"]["excluded_sector"] == "I 56"
    assert body["profile"]["project_types"][0] == "business_investment"
    gewerbe = next(p for p in body["funding_paths"] if p["id"].split("/")[0] == "grw-gewerbe")
    assert gewerbe["blocked"] is True


def test_started_project_is_blocked(client):
    body = client.post("/api/match", json={**COMPANY, "already_started": True}).json()
    gewerbe = next(p for p in body["funding_paths"] if p["id"].split("/")[0] == "grw-gewerbe")
    assert gewerbe["blocked"] is True and body["profile"]["already_started"] is True


def test_bad_profiles_are_rejected_in_german(client):
    body = assert_german_error(client.post("/api/match", json={**COMPANY, "applicant_type": "bank"}), 422)
    assert "Art der Antragstellenden" in body["detail"] and "company" in body["detail"]
    body = assert_german_error(client.post("/api/match", json={**COMPANY, "municipality": "Hamburg"}), 422)
    assert "Hamburg" in body["detail"] and "Landkreis Osnabrück" in body["detail"]
    body = assert_german_error(client.post("/api/match", json={**COMPANY, "project_types": ["raumfahrt"]}), 422)
    assert "Projektart" in body["detail"]
    assert "fehlt" in assert_german_error(client.post("/api/match", json={"applicant_type": "company"}), 422)["detail"]
    assert_german_error(client.post("/api/match", json={**COMPANY, "description": "  "}), 422)
    assert_german_error(client.post("/api/match", json={**COMPANY, "description": "x" * 2001}), 413)
    assert_german_error(client.post("/api/match", json={**COMPANY, "already_started": "vielleicht"}), 422)
