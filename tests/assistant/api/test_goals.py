"""GET /api/goals and /api/goals/{code}: the IREK goal tree and one goal with its passages."""

from __future__ import annotations

from helpers.api import assert_german_error


def test_goal_tree_has_4_corridors_15_leitziele_55_handlungsziele(client):
    tree = client.get("/api/goals").json()
    assert [c["code"] for c in tree["corridors"]] == ["1", "2", "3", "4"]
    assert len(tree["leitziele"]) == 15 and len(tree["handlungsziele"]) == 55
    goal = next(g for g in tree["handlungsziele"] if g["code"] == "2.3.1")
    assert goal["leitziel"] == "2.3" and goal["corridor"] == "2" and "Gewerbegebiete" in goal["title"]


def test_handlungsziel_with_parents_and_passages(client):
    goal = client.get("/api/goals/2.3.1").json()
    assert goal["level"] == "handlungsziel"
    assert goal["leitziel"]["code"] == "2.3" and goal["corridor"]["code"] == "2"
    assert goal["children"] == []
    assert goal["passages"] and all(p["goal_code"] == "2.3.1" for p in goal["passages"])
    assert goal["passages"][0]["citation"] == "IREK Landkreis Osnabrück, Handlungsziel 2.3.1"


def test_leitziel_and_corridor_list_their_children(client):
    leitziel = client.get("/api/goals/2.3").json()
    assert leitziel["level"] == "leitziel" and leitziel["leitziel"] is None
    assert [c["code"] for c in leitziel["children"]][:2] == ["2.3.1", "2.3.2"]
    assert all(p["goal_code"] == "2.3" for p in leitziel["passages"])
    corridor = client.get("/api/goals/2").json()
    assert corridor["level"] == "corridor" and corridor["corridor"] is None
    assert all(c["code"].startswith("2.") for c in corridor["children"])
    assert corridor["description"]


def test_unknown_goal_is_404_in_german(client):
    body = assert_german_error(client.get("/api/goals/9.9.9"), 404)
    assert "9.9.9" in body["detail"] and "IREK" in body["detail"]
    assert_german_error(client.get("/api/goals/Wasserstoff"), 404)
