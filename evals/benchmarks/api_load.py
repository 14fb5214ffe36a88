"""API load benchmark: starts a real server (`irek serve`, uvicorn) on 127.0.0.1 with 1 and with 2 worker
processes and sends questions from concurrent simulated users (1, 10 and 50 by default), each user asking one
question after the other for a fixed time; the users are spread over load-generator processes of at most 25 users
each (`--users-per-client`), since one Python process driving 50 users measured its own delays. Prints requests per second, latency p50/p95/p99, errors (non-200 answers
and transport failures), the CPU time per request of the server's processes and of the load generator itself (on
one machine they share the cores; on a machine shared with other work the server's CPU per request is the steadiest
figure, where latencies and requests per second depend on the neighbours), the resident memory of the server's
processes before and after, and the load average.
Not a test: it prints figures, and traffic goes to 127.0.0.1 only, bounded in time.

With `--proxy`, "workers" are replicas instead: that many separate `irek serve` processes (one worker each, as on
separate machines) behind nginx with deploy/nginx.conf (Debian's nginx), the users talking to nginx only. The proxy's
per-address rate limit is lifted for the run, since every simulated user comes from 127.0.0.1.

    python -m evals.benchmarks.api_load [--users 1 10 50] [--workers 1 2] [--seconds 20] [--endpoint ask] [--proxy]

The index of IREK_INDEX_DIR (default index/) must exist (`irek ingest`).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import socket
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import numpy as np
import yaml

SETS_DIR = Path(__file__).resolve().parents[1] / "sets"
NGINX_CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"


def questions() -> list[str]:
    """Single-turn questions of the team's dev set: projects, facts and refusals, as users mix them."""
    cases = yaml.safe_load((SETS_DIR / "dev.yaml").read_text(encoding="utf-8"))["cases"]
    return [c["question"] for c in cases if not c.get("history")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants (uvicorn's workers), from /proc."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants."""
    total = 0.0
    for current in process_tree(pid):
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024
        except (OSError, StopIteration):
            continue
    return total


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process and its living descendants have used so far. Requests per CPU second are
    the figure a shared machine disturbs least: the neighbours' work lengthens the latencies, hardly the CPU an
    answer costs."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for current in process_tree(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return total


class Server:
    def __init__(self, workers: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
        # the server's log, kept where a run with errors says (transport errors leave their trace only there)
        self.log = Path(tempfile.mkstemp(prefix=f"irek-load-{workers}w-", suffix=".log")[1])
        self.keep_log = False
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from assistant.cli import main; main()", "serve", "--host", "127.0.0.1",
                 "--port", str(self.port), "--workers", str(workers)],
                env=env, stdout=log, stderr=subprocess.STDOUT,
            )
        self.workers = workers

    def wait_ready(self, timeout: float = 120.0) -> float:
        """Seconds until every worker answers /readyz with 200 (probed as often as there are workers, plus one)."""
        started = time.perf_counter()
        ready_in_a_row = 0
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError("Der Server hat sich beendet; ist ein Index gebaut (irek ingest)?")
            try:
                ok = httpx.get(self.url + "/readyz", timeout=2).status_code == 200
            except httpx.HTTPError:
                ok = False
            ready_in_a_row = ready_in_a_row + 1 if ok else 0
            if ready_in_a_row > 2 * self.workers:
                return time.perf_counter() - started
            time.sleep(0.2)
        raise RuntimeError(f"Der Server war nach {timeout:.0f} s nicht bereit.")

    def rss_mib(self) -> float:
        return rss_mib(self.process.pid)

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.process.pid)

    def stop(self) -> None:
        stop_process(self.process)
        if not self.keep_log:
            self.log.unlink(missing_ok=True)


def stop_process(process: subprocess.Popen) -> None:
    """Terminate a server process, killing it after 20 s."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class ProxiedReplicas:
    """`replicas` single-worker servers behind nginx with deploy/nginx.conf (ports moved, rate limit lifted)."""

    def __init__(self, replicas: int) -> None:
        self.replicas = [Server(1) for _ in range(replicas)]
        self.log = ", ".join(str(r.log) for r in self.replicas)
        self.prefix = Path(tempfile.mkdtemp(prefix="irek-nginx-"))
        for folder in ("logs", "tmp"):
            (self.prefix / folder).mkdir()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        conf = NGINX_CONF.read_text(encoding="utf-8")
        upstreams = "".join(f"        server 127.0.0.1:{r.port} max_fails=3 fail_timeout=10s;\n" for r in self.replicas)
        conf = re.sub(r"(?m)^ *server 127\.0\.0\.1:800[12] [^\n]*\n", "", conf)
        conf = conf.replace("        keepalive 32;", upstreams + "        keepalive 32;")
        conf = conf.replace("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{self.port};")
        conf = re.sub(r"rate=\d+r/s", "rate=100000r/s", conf)  # every simulated user is 127.0.0.1
        (self.prefix / "nginx.conf").write_text(conf, encoding="utf-8")
        directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
        self.nginx = subprocess.Popen(
            [shutil.which("nginx") or "/usr/sbin/nginx", "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf"),
             "-g", directives], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait_ready(self, timeout: float = 120.0) -> float:
        started = time.perf_counter()
        for replica in self.replicas:
            replica.wait_ready(timeout)
        while httpx.get(self.url + "/readyz", timeout=2).status_code != 200:
            time.sleep(0.2)
        return time.perf_counter() - started

    def rss_mib(self) -> float:
        return sum(r.rss_mib() for r in self.replicas) + rss_mib(self.nginx.pid)

    def cpu_seconds(self) -> float:
        return sum(r.cpu_seconds() for r in self.replicas) + cpu_seconds(self.nginx.pid)

    @property
    def keep_log(self) -> bool:
        return self.replicas[0].keep_log

    @keep_log.setter
    def keep_log(self, keep: bool) -> None:
        for replica in self.replicas:
            replica.keep_log = keep

    def stop(self) -> None:
        stop_process(self.nginx)
        for replica in self.replicas:
            replica.stop()
        shutil.rmtree(self.prefix, ignore_errors=True)


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: Counter = field(default_factory=Counter)  # status code or exception name -> count
    wall: float = 0.0


async def load(url: str, endpoint: str, users: int, seconds: float, pool: list[str], first: int = 0,
               step: int | None = None) -> Result:
    """`users` simulated users (numbered from `first`; user n asks questions n, n + step, ... of the pool)."""
    step = step or users
    result = Result()
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def user(number: int) -> None:
            turn = number
            while time.perf_counter() < deadline:
                question = pool[turn % len(pool)]
                turn += step
                started = time.perf_counter()
                try:
                    if endpoint == "search":
                        response = await client.get("/api/search", params={"q": question, "k": 5})
                    else:
                        response = await client.post("/api/ask", json={"question": question})
                    kind = "" if response.status_code == 200 else str(response.status_code)
                except httpx.HTTPError as error:
                    cause = error.__cause__ or error.__context__  # the transport's own error: reset, EOF, timeout
                    kind = type(error).__name__ + (f" ({type(cause).__name__}: {cause})"[:90] if cause else "")
                result.latencies.append(time.perf_counter() - started)
                if kind:
                    result.errors += 1
                    result.error_kinds[kind] += 1

        started = time.perf_counter()
        await asyncio.gather(*(user(n) for n in range(first, first + users)))
        result.wall = time.perf_counter() - started
    return result


def _client_part(url: str, endpoint: str, users: int, seconds: float, pool: list[str], first: int,
                 step: int) -> tuple[Result, float]:
    """One client process's share of the users; its result and the CPU seconds it used."""
    started = time.process_time()
    result = asyncio.run(load(url, endpoint, users, seconds, pool, first, step))
    return result, time.process_time() - started


def load_from_clients(url: str, endpoint: str, users: int, seconds: float, pool: list[str],
                      clients: int) -> tuple[Result, float]:
    """The users spread over `clients` load-generator processes (one Python process drives about 25 users before
    its own CPU lengthens the latencies it measures: with two workers and 50 users from one process, p95 1.75 s; from
    two, 0.55 s). Returns the merged result and the client processes' CPU seconds."""
    if clients <= 1:
        return _client_part(url, endpoint, users, seconds, pool, 0, users)
    shares = [users // clients + (1 if i < users % clients else 0) for i in range(clients)]
    firsts = [sum(shares[:i]) for i in range(clients)]
    with multiprocessing.get_context("fork").Pool(clients) as processes:
        parts = processes.starmap(_client_part, [(url, endpoint, share, seconds, pool, first, users)
                                                 for share, first in zip(shares, firsts) if share])
    merged = Result(wall=max(part.wall for part, _ in parts))
    for part, _ in parts:
        merged.latencies += part.latencies
        merged.errors += part.errors
        merged.error_kinds.update(part.error_kinds)
    return merged, sum(cpu for _, cpu in parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seconds", type=float, default=20.0, help="duration of each load level")
    parser.add_argument("--endpoint", choices=["ask", "search"], default="ask")
    parser.add_argument("--proxy", action="store_true", help="replicas behind nginx (deploy/nginx.conf)")
    parser.add_argument("--users-per-client", type=int, default=25,
                        help="simulated users per load-generator process (one Python process drives about 25)")
    args = parser.parse_args()
    pool = questions()
    kind = "replicas behind nginx" if args.proxy else "workers"
    print(f"{os.cpu_count()} CPUs; POST /api/{args.endpoint}; {len(pool)} questions of evals/sets/dev.yaml in turn; "
          f"{args.seconds:.0f} s per level; {kind}; up to {args.users_per_client} users per client process")
    print(f"{kind.split()[0]:>8} {'users':>5} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
          f"{'errors':>6} {'CPU ms/req server/client':>24} {'RSS MiB before/after':>21} "
          f"{'load avg (1 min) before/after':>30}")
    for workers in args.workers:
        server = ProxiedReplicas(workers) if args.proxy else Server(workers)
        try:
            ready = server.wait_ready()
            before = server.rss_mib()
            print(f"  ({workers} {kind.split()[0]} ready after {ready:.1f} s, {before:.0f} MiB)")
            asyncio.run(load(server.url, args.endpoint, 1, 2.0, pool))  # warm-up, not counted
            for users in args.users:
                load_before, cpu_before = os.getloadavg()[0], server.cpu_seconds()
                clients = -(-users // max(args.users_per_client, 1))
                result, client_seconds = load_from_clients(server.url, args.endpoint, users, args.seconds, pool, clients)
                server.keep_log = server.keep_log or bool(result.errors)
                ms = np.array(result.latencies) * 1000
                after = server.rss_mib()
                server_cpu = (server.cpu_seconds() - cpu_before) * 1000 / max(len(ms), 1)
                client_cpu = client_seconds * 1000 / max(len(ms), 1)
                print(f"{workers:>8} {users:>5} {len(ms):>8} {len(ms) / result.wall:>7.1f} "
                      f"{np.percentile(ms, 50):>7.1f} {np.percentile(ms, 95):>7.1f} {np.percentile(ms, 99):>7.1f} "
                      f"{result.errors:>6} {server_cpu:>17.1f}/{client_cpu:<6.1f} {before:>10.0f}/{after:<10.0f} "
                      f"{load_before:>14.2f}/{os.getloadavg()[0]:<14.2f}"
                      + (f" errors: {dict(result.error_kinds)}, server log: {server.log}" if result.errors else ""),
                      flush=True)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
