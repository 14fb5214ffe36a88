"""Several API worker processes on one address, each listening on its own SO_REUSEPORT socket (`irek serve --workers N`).

uvicorn's own multi-worker mode hands every worker the same listening socket; whichever worker wakes first accepts the
next connection. Clients keep their connections alive, so under load a few workers end up with most of them: with two
workers and 50 users the connections were split 42/8 and 43/7 (docs/operations.md), and the users on the busier
worker made the p95. Here each worker binds a socket of its own with SO_REUSEPORT, and the Linux kernel spreads new
connections evenly over the workers' sockets. The parent binds the address first (never listening on it, so it takes
no connections) to fail early with a German message when the port is taken, starts the workers, restarts one that
dies, and on SIGTERM or SIGINT stops them all (each finishes its requests in flight, as uvicorn does).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import sys
import time

APP = "assistant.api.app:app_from_environment"  # every worker builds its app from the IREK_* settings
MAX_RESTARTS = 5  # per worker slot: a worker that keeps dying (no index, broken settings) ends the server


def threads_per_worker(workers: int) -> int:
    """PyTorch threads for each of `workers` processes: the cores this process may use, shared out. Left at its
    default, every worker starts one thread per core, and two workers on two cores then run four threads that wait
    for each other (docs/operations.md, "Threads")."""
    return max(1, len(os.sched_getaffinity(0)) // workers)


def reuse_port_supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT") and sys.platform.startswith("linux")


def bind_reuse_port(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise SystemExit(f"Die Adresse {host}:{port} ist nicht frei: {error.strerror}.") from error
    return sock


def _worker(host: str, port: int) -> None:  # pragma: no cover - runs in the child process
    import uvicorn

    from assistant.core.settings import get_settings

    sock = bind_reuse_port(host, port)
    config = uvicorn.Config(APP, factory=True, host=host, port=port, log_level="info",
                            timeout_keep_alive=get_settings().api_keep_alive_s)
    uvicorn.Server(config).run(sockets=[sock])


def _check_free(host: str, port: int) -> None:
    """A plain bind first: sockets with SO_REUSEPORT may share a port, so a second server started on the same port
    would silently take half the connections instead of failing."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise SystemExit(f"Die Adresse {host}:{port} ist nicht frei: {error.strerror}.") from error


def serve_workers(host: str, port: int, workers: int) -> int:
    """Run `workers` processes until SIGTERM/SIGINT; the exit code (0, or 1 when a worker kept failing)."""
    _check_free(host, port)
    reserved = bind_reuse_port(host, port)  # holds the address while the workers start; never listened on
    context = multiprocessing.get_context("spawn")
    slots = [context.Process(target=_worker, args=(host, port), daemon=False) for _ in range(workers)]
    restarts = [0] * workers
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    for process in slots:
        process.start()
    print(f"IREK-Assistent: {workers} Prozesse auf http://{host}:{port} (je ein eigener Socket)", flush=True)
    code = 0
    try:
        while not stopping:
            time.sleep(0.5)
            for n, process in enumerate(slots):
                if process.is_alive() or stopping:
                    continue
                if restarts[n] >= MAX_RESTARTS:
                    print(f"Ein Prozess endete {MAX_RESTARTS + 1}-mal (zuletzt mit Code {process.exitcode}); "
                          "der Server wird beendet.", file=sys.stderr, flush=True)
                    stopping, code = True, 1
                    break
                restarts[n] += 1
                slots[n] = context.Process(target=_worker, args=(host, port), daemon=False)
                slots[n].start()
    finally:
        for process in slots:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for process in slots:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
        reserved.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return code
