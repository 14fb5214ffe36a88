"""Train and measure the intent router (assistant/answer/intent.py).

The learned layer is a multinomial logistic regression over the e5 query vectors of the curated examples
(assistant/knowledge/intent_examples.jsonl), joined with hashed features of their wording (`lexical_features`). A
layer of wording rules is measured beside it as a baseline. The regularisation C and the weight of the wording
features are chosen on the outsider dev split (evals/sets/outsider-dev.yaml, cases with `expect.intent`); the held-out
split is measured and printed for the chosen model only, never used for a choice. Prints accuracy per intent for the
rules alone (the rest as `project`), the learned layer alone and both together. Not a test: it prints figures.

    python -m evals.benchmarks.intent_router [--write] [--cache vectors.npz]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from assistant.answer.intent import INTENTS, ROUTER_FILE, IntentRouter, LearnedIntent, load_examples
from assistant.core.settings import get_settings
from assistant.embedding.embedders import shared_embeddings
from assistant.retrieval.retriever import normalise_query
from evals.harness import load_set

SETS_DIR = Path(__file__).resolve().parents[1] / "sets"

# A layer of wording rules in front of the learned one, kept here as the baseline it was measured against (the
# router does not use it: it lowered the dev accuracy). Bounded gaps only, linear time.
RULES: list[tuple[str, re.Pattern[str]]] = [(intent, re.compile(pattern, re.IGNORECASE)) for intent, pattern in [
    ("irek", r"\b(wie ?viele|anzahl|liste|alle|welche)\b[^?.!]{0,40}\b(handlungsziele|leitziele|themenkorridore|"
             r"korridore|leitbranchen)\b"),
    ("irek", r"\b(was (ist|bedeutet|steht im)|wer hat|wozu (gibt es|dient))\b[^?.!]{0,20}\birek\b"),
    ("irek", r"\b(handlungsziele?|leitziele?) (im|des|unter|zu[mr]?) (themen)?korridor\b"),
    ("procedure", r"\b(wo|bei wem|wann|wie) (stell\w*|reich\w*|beantrag\w*)\b[^?.!]{0,30}\b(antrag|ein|förderung|an)\b"),
    ("procedure", r"\b(nächste[nr]? schritte?|als nächstes|welche unterlagen|antragsunterlagen|antragsformular|"
                  r"ansprechpartner\w*|an wen wende)\b"),
    ("amount", r"\bwie (viel|hoch)\b[^?.!]{0,30}\b(zuschuss|zuschüsse|förderung|fördersatz|förderquote|prozent|geld|"
               r"euro|bekomm\w*|krieg\w*|gibt es)\b"),
    ("amount", r"\b(welche[rn]?|maximale[rn]?) (fördersatz|förderquote|höchstbetrag|zuschusshöhe)\b"),
]]


def rule_intent(text: str) -> str | None:
    return next((intent for intent, pattern in RULES if pattern.search(text)), None)
C_GRID = (2.0, 8.0, 32.0)
LEXICAL_WEIGHTS = (0.0, 0.5, 1.0, 2.0)  # 0: the e5 vector alone
LEXICAL_DIM = 4096


def labelled(split: str) -> list[tuple[str, str]]:
    return [(c.question, c.expect["intent"]) for c in load_set(SETS_DIR / f"outsider-{split}.yaml").cases
            if "intent" in c.expect]


def accuracy(pairs: list[tuple[str, str]], predict) -> dict[str, float]:  # noqa: ANN001
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter(intent for _, intent in pairs)
    for text, intent in pairs:
        hits[intent] += predict(text) == intent
    result = {intent: round(hits[intent] / totals[intent], 3) for intent in INTENTS if totals[intent]}
    result["all"] = round(sum(hits.values()) / len(pairs), 3) if pairs else 0.0
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--cache", type=Path, help="npz file of query vectors to reuse between runs (same embedder)")
    args = parser.parse_args()
    embeddings = shared_embeddings(get_settings())
    vectors: dict[str, np.ndarray] = {}
    if args.cache and args.cache.exists():
        stored = np.load(args.cache, allow_pickle=False)
        if str(stored["embedder"]) == embeddings.identity:
            vectors = dict(zip((str(t) for t in stored["texts"]), stored["vectors"]))

    def vector(text: str) -> np.ndarray:
        key = normalise_query(text)
        if key not in vectors:
            vectors[key] = embeddings.embed_query_vector(key)
        return vectors[key]

    examples = load_examples()
    y = [intent for _, intent in examples]
    dev, held = labelled("dev"), labelled("heldout")
    for text in [t for t, _ in examples] + [t for t, _ in dev + held]:
        vector(text)
    if args.cache:
        np.savez(args.cache, texts=np.array(list(vectors)), vectors=np.stack(list(vectors.values())),
                 embedder=np.array(embeddings.identity))

    def fit(c: float, weight: float) -> LearnedIntent:
        shape = LearnedIntent((), np.zeros((0, 0)), np.zeros(0), embeddings.identity,
                              LEXICAL_DIM if weight else 0, weight)
        x = np.stack([shape.features(vector(text), text) for text, _ in examples])
        model = LogisticRegression(C=c, max_iter=5000).fit(x, y)
        return LearnedIntent(tuple(model.classes_), model.coef_.astype(np.float32), model.intercept_.astype(np.float32),
                             embeddings.identity, shape.lexical_dim, weight)

    def systems(learned: LearnedIntent) -> dict:
        router = IntentRouter(learned)
        return {
            "rules (rest: project)": lambda t: rule_intent(t) or "project",
            "rules + learned": lambda t: rule_intent(t) or router.classify(vector(t), t),
            "learned (the router)": lambda t: router.classify(vector(t), t),
        }

    # C and the weight of the wording features are chosen on dev alone; held-out is printed for the choice only.
    grid = [(c, weight) for weight in LEXICAL_WEIGHTS for c in C_GRID]
    scored = [(accuracy(dev, systems(fit(c, weight))["learned (the router)"])["all"], -weight, c, weight)
              for c, weight in grid]
    for score, _, c, weight in scored:
        print(f"dev: C = {c:<5} wording weight {weight:<4} accuracy {score:.3f}")
    _, _, best_c, best_weight = max(scored)
    learned = fit(best_c, best_weight)
    print(f"\n{len(examples)} examples; C = {best_c}, wording weight {best_weight} (chosen on dev); "
          f"embedder {embeddings.identity}")
    figures = {}
    for split, pairs in (("dev", dev), ("heldout", held)):
        print(f"\n{split}: {len(pairs)} cases with an expected intent")
        print(f"{'system':<24}" + "".join(f"{i[:9]:>10}" for i in (*INTENTS, "all")))
        for name, predict in systems(learned).items():
            row = accuracy(pairs, predict)
            figures.setdefault(split, {})[name] = row
            print(f"{name:<24}" + "".join(f"{row.get(i, float('nan')):>10.3f}" for i in (*INTENTS, "all")))
    if args.write:
        ROUTER_FILE.write_text(json.dumps({
            "trained_on": "assistant/knowledge/intent_examples.jsonl", "C": best_c, "wording_weight": best_weight,
            "chosen_on": "evals/sets/outsider-dev.yaml (accuracy of the learned router)",
            "figures": figures, "model": learned.to_json()}, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwritten: {ROUTER_FILE}")


if __name__ == "__main__":
    main()
