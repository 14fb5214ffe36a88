"""What kind of question this is (contracts.md §2 `intent`): project, eligibility, amount, procedure, rule, irek or
refusal.

Steering attempts are caught by the guardrails' rules before (intent `refusal`). Every other question goes to a
learned layer: a multinomial logistic regression over the question's e5 vector and hashed features of its wording
(word stems, stem pairs, the first three words; see `lexical_features`), trained on the curated examples in
`assistant/knowledge/intent_examples.jsonl` (60 per intent written from the documents in round 1; 1,237 more written
blind in round 2 by writers who saw neither code nor test sets, the last 408 weighted to the borders between rule,
eligibility, procedure and amount) by
`python -m evals.benchmarks.intent_router --write`, which records the weights with the embedder they belong to and the
figures that justified them in `assistant/tuned/intent_router.json`. A broad layer of wording rules in front of it was
measured and left out: on the dev split it lowered the accuracy (0.775 against 0.787), since wording such as
"wie viel" also opens questions outside the corpus. A few narrow ones stand before the learned layer for a question
the pipeline answers (`assistant/knowledge/intent_rules.yaml`), each checked on the blind-written examples and on
`intent_rule_examples.jsonl` (40 blind-written requests for an exact wording, which the router is not trained on): a
question that closes on "förderfähig" is one of eligibility, "Wie geht es jetzt weiter?" one of procedure, one for the
wording of a goal one about the IREK. Routing never hinges on a question mark or on "wir wollen".
"""

from __future__ import annotations

import json
import logging
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.core.curated import Curated, Regex, compiled, load_once
from assistant.core.paths import KNOWLEDGE_DIR, TUNED_DIR, TunedValuesMissing
from assistant.retrieval.retriever import normalise_query
from assistant.text.analysis import stems

logger = logging.getLogger("assistant.intent")

INTENTS = ("project", "eligibility", "amount", "procedure", "rule", "irek", "refusal")
# Questions of fact: their answer stands in a rulebook, not in a concept of goals (ScoreParts.of_fact).
FACT_INTENTS = frozenset({"eligibility", "amount", "procedure", "rule"})
EXAMPLES_FILE = KNOWLEDGE_DIR / "intent_examples.jsonl"
# Blind-written questions of one kind the training examples lack (asking for the exact wording of a goal or a rule),
# kept apart: they check the wording rules, and trained with the rest they lowered the router's dev accuracy (0.883 ->
# 0.876 over the dev splits of the outsider sets, 2026-11-29, a one-off comparison no committed benchmark prints)
RULE_EXAMPLES_FILE = KNOWLEDGE_DIR / "intent_rule_examples.jsonl"
ROUTER_FILE = TUNED_DIR / "intent_router.json"
RULES_FILE = KNOWLEDGE_DIR / "intent_rules.yaml"


class IntentRule(Curated):
    intent: str | None = None  # the intent its wording gives a question
    # or the intents its wording rules out (the learned layer's next likeliest is taken)
    excludes: list[str] = []
    pattern: Regex
    evidence: str  # how many of the curated examples the rule meets, and with which intent


class IntentRules(Curated):
    version: int = 1
    rules: list[IntentRule]

    @classmethod
    def load(cls, path: Path = RULES_FILE) -> "IntentRules":
        return load_once(path, cls)

    def intent_of(self, text: str) -> str | None:
        """The intent the first rule whose wording the question has gives it, else None."""
        for rule in self.rules:
            if rule.intent and compiled(rule.pattern).search(text):
                return rule.intent
        return None

    def ruled_out(self, text: str) -> tuple[str, ...]:
        """The intents the rules whose wording the question has rule out."""
        return tuple(intent for rule in self.rules if rule.excludes and compiled(rule.pattern).search(text)
                     for intent in rule.excludes)

def lexical_features(text: str, dim: int) -> np.ndarray:
    """The wording of a question as a unit vector of hashed features: its word stems, pairs of neighbouring stems and
    its first three words ("wie hoch", "welche branchen", "muss ich"). The form of a question shows in them, which its
    e5 vector, made for the topic, carries only weakly. No feature looks at punctuation."""
    words = normalise_query(text).lower().split()
    found = stems(text)
    features = set(found) | {a + " " + b for a, b in zip(found, found[1:])} | {"w:" + w for w in words[:3]}
    vector = np.zeros(dim, dtype=np.float32)
    for feature in features:
        vector[zlib.crc32(feature.encode("utf-8")) % dim] = 1.0
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


@dataclass(frozen=True)
class LearnedIntent:
    """softmax(W·x + b) over x = [the e5 query vector, lexical_weight · the lexical features of the question]."""

    classes: tuple[str, ...]
    weights: np.ndarray  # (classes, e5 dim + lexical_dim)
    bias: np.ndarray  # (classes,)
    embedder: str  # the embedder identity whose vectors the weights were trained on
    lexical_dim: int = 0  # 0: the e5 vector alone
    lexical_weight: float = 0.0

    def features(self, vector: np.ndarray, text: str = "") -> np.ndarray:
        dense = np.asarray(vector, dtype=np.float32)
        if not self.lexical_dim:
            return dense
        return np.concatenate([dense, self.lexical_weight * lexical_features(text, self.lexical_dim)])

    def probabilities(self, vector: np.ndarray, text: str = "") -> np.ndarray:
        logits = self.weights @ self.features(vector, text) + self.bias
        logits = logits - logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()

    def predict(self, vector: np.ndarray, exclude: tuple[str, ...] = (), text: str = "") -> tuple[str, float]:
        p = self.probabilities(vector, text)
        for index in np.argsort(-p):
            if self.classes[int(index)] not in exclude:
                return self.classes[int(index)], float(p[int(index)])
        raise ValueError("every intent excluded")

    def to_json(self) -> dict:
        return {"classes": list(self.classes), "weights": np.round(self.weights, 5).tolist(),
                "bias": np.round(self.bias, 5).tolist(), "embedder": self.embedder,
                "lexical_dim": self.lexical_dim, "lexical_weight": self.lexical_weight}

    @classmethod
    def from_json(cls, data: dict) -> "LearnedIntent":
        return cls(tuple(data["classes"]), np.asarray(data["weights"], dtype=np.float32),
                   np.asarray(data["bias"], dtype=np.float32), str(data["embedder"]),
                   int(data.get("lexical_dim", 0)), float(data.get("lexical_weight", 0.0)))


class IntentRouter:
    def __init__(self, learned: LearnedIntent | None) -> None:
        self.learned = learned

    @classmethod
    def load(cls, embedder: str, path: Path = ROUTER_FILE) -> "IntentRouter":
        """The tuned router; a missing file is an error. Weights trained for another embedder cannot read this one's
        vectors: the router then answers `project` for every question, and says so in the log."""
        try:
            learned = LearnedIntent.from_json(json.loads(path.read_text(encoding="utf-8"))["model"])
        except (OSError, ValueError, KeyError) as error:
            raise TunedValuesMissing(path, error) from None
        if learned.embedder != embedder:
            logger.warning("Intent-Router: trainiert für %s, eingestellt ist %s; ohne gelernte Schicht.", learned.embedder,
                           embedder)
            return cls(None)
        return cls(learned)

    def judge(self, vector: np.ndarray, text: str = "") -> tuple[str, float]:
        """In one pass: the intent of a question the pipeline answers (never `refusal`) and how likely the learned layer
        finds it outside the assistant's task (the scope check reads these odds). Without the layer: project, 0."""
        if self.learned is None:
            return "project", 0.0
        p = self.learned.probabilities(vector, text)
        refusal = float(p[self.learned.classes.index("refusal")]) if "refusal" in self.learned.classes else 0.0
        rules = IntentRules.load()
        excluded = ("refusal", *rules.ruled_out(text))
        best = next(int(i) for i in np.argsort(-p) if self.learned.classes[int(i)] not in excluded)
        return rules.intent_of(text) or self.learned.classes[best], refusal

    def classify(self, vector: np.ndarray, text: str = "", *, answered: bool = False) -> str:
        """The intent of a question that is not a steering attempt (those are refused before), from its e5 vector and
        its wording. For a question the pipeline answers (`answered`), `refusal` is not an option: the next likeliest
        is taken."""
        if self.learned is None:
            return "project"
        rules = IntentRules.load()
        learned = self.learned.predict(vector, exclude=(("refusal",) if answered else ()) + rules.ruled_out(text),
                                       text=text)[0]
        return (rules.intent_of(text) if answered or learned != "refusal" else None) or learned


def load_examples(path: Path = EXAMPLES_FILE) -> list[tuple[str, str]]:
    """(text, intent) pairs of the curated examples."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        data = json.loads(line)
        if set(data) != {"text", "intent"} or data["intent"] not in INTENTS:
            raise ValueError(f"{path.name}, Zeile {number}: erwartet {{\"text\", \"intent\"}} mit einem bekannten intent.")
        examples.append((data["text"], data["intent"]))
    return examples
