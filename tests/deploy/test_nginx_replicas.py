"""deploy/nginx.conf as shipped, in front of two real API replicas (`irek serve` processes) on 127.0.0.1 that share
one index build and one PostgreSQL feedback database: both replicas answer, every replica serves the same build,
feedback written through either lands in the one database, and the proxy's rate limit and body limit answer 429 and
413 with German JSON. nginx runs in the foreground with a temporary prefix; `scripts/test` installs Debian's nginx
when it is missing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from helpers.servers import free_port, stop_process, wait_process_ready

from assistant.feedback.store import FeedbackStore
from assistant.index.store import IndexSnapshot

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def replicas(real_index, postgres_server, tmp_path_factory) -> Iterator[list[tuple[int, Path]]]:
    """Two `irek serve` processes on the real-corpus index and the PostgreSQL feedback database: (port, log)."""
    root = tmp_path_factory.mktemp("replicas")
    env = {k: v for k, v in os.environ.items() if not k.startswith("IREK_")}
    env.update(IREK_INDEX_DIR=str(real_index.index_dir), IREK_CORPUS_DIR=str(real_index.corpus_dir),
               IREK_FEEDBACK_URL=postgres_server, IREK_WEB_DIR=str(root / "no-web"), ANONYMIZED_TELEMETRY="False",
               PYTHONPATH=str(ROOT))  # this checkout's code, whichever one is installed
    started = []
    try:
        for number in (1, 2):
            port, log = free_port(), root / f"replica-{number}.log"
            process = subprocess.Popen(
                [sys.executable, "-c", "from assistant.cli.commands import main; main()", "serve",
                 "--host", "127.0.0.1", "--port", str(port)],
                env=env, cwd=root, stdout=log.open("wb"), stderr=subprocess.STDOUT)
            started.append((process, port, log))
        for process, port, log in started:
            wait_process_ready(f"http://127.0.0.1:{port}", process, log)
        yield [(port, log) for _, port, log in started]
    finally:
        for process, _, _ in started:
            stop_process(process)


@pytest.fixture(scope="module")
def proxy(replicas, tmp_path_factory) -> Iterator[str]:
    """nginx with deploy/nginx.conf, its two upstream ports and its listen port moved to free ones."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed: scripts/test installs the Debian package nginx")
    prefix = tmp_path_factory.mktemp("nginx")
    for folder in ("logs", "tmp"):
        (prefix / folder).mkdir()
    port = free_port()
    conf = NGINX_CONF.read_text(encoding="utf-8")
    assert conf.count("server 127.0.0.1:8001") == conf.count("server 127.0.0.1:8002") == 1
    conf = conf.replace("127.0.0.1:8001", f"127.0.0.1:{replicas[0][0]}")
    conf = conf.replace("127.0.0.1:8002", f"127.0.0.1:{replicas[1][0]}")
    conf = conf.replace("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{port};")
    (prefix / "nginx.conf").write_text(conf, encoding="utf-8")
    directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")  # workers may write the temp prefix
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", directives],
                               stdout=subprocess.DEVNULL, stderr=(prefix / "stderr.log").open("wb"))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"nginx ended: {(prefix / 'stderr.log').read_text()}{(prefix / 'logs' / 'error.log').read_text()}")
            try:
                httpx.get(f"{url}/healthz", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not answer")
                time.sleep(0.1)
        yield url
    finally:
        stop_process(process)


def _requests_seen(log: Path, path: str) -> int:
    return len(re.findall(rf'"(?:GET|POST) {re.escape(path)}[ ?]', log.read_text(errors="replace")))


def test_both_replicas_answer_and_serve_the_same_build(proxy, replicas, real_index, postgres_server):
    build_id = IndexSnapshot.open(real_index.index_dir).manifest["build_id"]
    for port, _ in replicas:
        assert httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=10).json()["build_id"] == build_id
    with httpx.Client(base_url=proxy, timeout=60) as client:
        for _ in range(6):
            ready = client.get("/readyz")
            assert ready.status_code == 200 and ready.json()["build_id"] == build_id
        answers = [client.post("/api/ask", json={"question": "Wie hoch ist der Fördersatz für kleine Unternehmen?"})
                   for _ in range(4)]
        assert all(a.status_code == 200 for a in answers), [a.text[:300] for a in answers]
        assert len({tuple(c["chunk_id"] for c in a.json()["citations"]) for a in answers}) == 1  # same answer
        before = FeedbackStore(postgres_server).count()
        for n in range(4):
            stored = client.post("/api/feedback", json={"question": f"Frage {n}", "answer": "Antwort [1].",
                                                        "rating": "up", "comment": "über den Proxy"})
            assert stored.status_code == 201, stored.text
    seen = [(_requests_seen(log, "/readyz"), _requests_seen(log, "/api/ask"), _requests_seen(log, "/api/feedback"))
            for _, log in replicas]
    assert all(ready >= 2 and ask >= 1 and feedback >= 1 for ready, ask, feedback in seen), seen  # both were used
    store = FeedbackStore(postgres_server)
    assert store.count() == before + 4  # written by both replicas into the one database
    assert {e.question for e in store.list(4)} == {f"Frage {n}" for n in range(4)}
    store.close()


def test_the_proxy_limits_the_rate_with_a_german_429(proxy):
    with httpx.Client(base_url=proxy, timeout=30) as client:
        with ThreadPoolExecutor(max_workers=10) as pool:
            statuses = list(pool.map(lambda _: client.get("/api/documents"), range(60)))
        limited = [r for r in statuses if r.status_code == 429]
        assert limited and any(r.status_code == 200 for r in statuses), [r.status_code for r in statuses]
        assert all(r.status_code in (200, 429) for r in statuses)
        assert limited[0].headers["retry-after"] == "1"
        assert limited[0].headers["content-type"].startswith("application/json")
        assert "Zu viele Anfragen" in limited[0].json()["detail"]
        assert client.get("/healthz").status_code == 200  # health checks are not limited
        time.sleep(1.5)  # the bucket refills: 5 requests per second
        assert client.get("/api/documents").status_code == 200


def test_the_proxy_refuses_bodies_over_2_mb_in_german(proxy):
    body = b'{"question": "' + b"x" * (2 * 1024 * 1024 + 10) + b'"}'
    with httpx.Client(base_url=proxy, timeout=30) as client:
        response = client.post("/api/ask", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "zu groß" in response.json()["detail"]
