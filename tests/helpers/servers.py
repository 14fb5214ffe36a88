"""The app in a real uvicorn server on a free loopback port, in a background thread of the test process."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI

from assistant.api import create_app
from assistant.core.settings import Settings

STARTUP_LIMIT_S = 300  # a generous bound for loading models and index on a slow machine; not an assertion on speed


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base_url: str, alive=lambda: True) -> None:  # noqa: ANN001
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError(f"Server unter {base_url} ist beendet, bevor er antwortete.")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"Server unter {base_url} antwortet nicht auf /healthz.")


def stop_process(process: subprocess.Popen) -> None:
    """SIGTERM (the server finishes what it is doing), SIGKILL after 30 s."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)


def wait_process_ready(url: str, process: subprocess.Popen, log: Path, *, in_a_row: int = 1) -> None:
    """Until `url`/readyz answers 200 `in_a_row` times (several workers: each new connection may reach another one);
    fails with the end of the process's log when it ends or STARTUP_LIMIT_S passes."""
    import pytest

    deadline, ready = time.monotonic() + STARTUP_LIMIT_S, 0
    while ready < in_a_row:
        if process.poll() is not None:
            pytest.fail(f"{url} ended with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"{url} was not ready: {log.read_text(errors='replace')[-2000:]}")
        try:
            ready = ready + 1 if httpx.get(f"{url}/readyz", timeout=2).status_code == 200 else 0
        except httpx.HTTPError:
            ready = 0
        time.sleep(0.2)


@dataclass
class RunningServer:
    app: FastAPI
    base_url: str
    settings: Settings
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def url(self) -> str:
        return self.base_url

    @property
    def state(self):  # noqa: ANN201 - assistant.api.state.ApiState
        return self.app.state.api

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=120)

    def get_json(self, path: str) -> tuple[int, dict]:
        return self._json(urllib.request.Request(self.base_url + path))

    def post_json(self, path: str, payload: dict) -> tuple[int, dict]:
        return self._json(urllib.request.Request(
            self.base_url + path, data=json.dumps(payload).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/json"}))

    @staticmethod
    def _json(request: urllib.request.Request) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read().decode("utf-8"))

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def start_server(settings: Settings) -> RunningServer:
    """create_app(settings) under uvicorn; returns once /healthz answers (the lifespan has run)."""
    app = create_app(settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}"
    wait_until_up(base_url, thread.is_alive)
    return RunningServer(app, base_url, settings, server, thread)
