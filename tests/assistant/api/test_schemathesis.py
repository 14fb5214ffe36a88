"""schemathesis over the served OpenAPI document, against the real server: requests generated from every operation's
schema (a fixed seed, a small budget: well under a minute), and not one answered with a 5xx."""

from __future__ import annotations

import hypothesis
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

EXAMPLES_PER_OPERATION = 8
REQUEST_TIMEOUT_S = 60


def test_no_server_errors_over_the_openapi_document(api_server):
    schema = schemathesis.openapi.from_url(f"{api_server.base_url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    failures: list[str] = []
    calls = 0
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @hypothesis.settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, database=None,
                                 deadline=None, suppress_health_check=list(HealthCheck), phases=[
                                     hypothesis.Phase.explicit, hypothesis.Phase.generate])
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case) -> None:  # noqa: ANN001
                nonlocal calls
                calls += 1
                response = case.call(base_url=api_server.base_url, timeout=REQUEST_TIMEOUT_S)
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path} {mode}: {response.status_code} "
                                    f"{response.text[:200]}")

            try:
                check()
            except Unsatisfiable:  # nothing to generate in this mode (e.g. no invalid input for a bare GET)
                continue
    assert calls >= len(operations) * 4
    assert not failures, failures
