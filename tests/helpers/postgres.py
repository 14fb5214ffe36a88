"""A throwaway PostgreSQL cluster from Debian's packages (initdb + pg_ctl in a temporary directory, 127.0.0.1 on a
free port, trust authentication for the one local user). PostgreSQL refuses to run as root: as root, the cluster
belongs to the `postgres` system user and its commands run through `runuser`. `scripts/test` installs the
`postgresql` package when it is missing."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.servers import free_port

SUPERUSER = "irek"
DATABASE = "irek_feedback"


def postgres_bin() -> Path | None:
    """The newest installed server version's bin directory (initdb, pg_ctl), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _as_cluster_owner(owner: str | None, command: list[str]) -> list[str]:
    return ["runuser", "-u", owner, "--", *command] if owner else command


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Yields a SQLAlchemy URL (psycopg 3) of a fresh database; the cluster is stopped and deleted afterwards."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL ist nicht installiert (Debian-Paket postgresql; scripts/test installiert es).")
    owner = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="irek-pg-"))
    if owner:
        entry = pwd.getpwnam(owner)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data, port = root / "data", free_port()
    log = root / "server.log"
    run = lambda *command: subprocess.run(_as_cluster_owner(owner, [str(c) for c in command]),  # noqa: E731
                                          check=True, capture_output=True, text=True, timeout=120,
                                          cwd=root)
    try:
        run(bin_dir / "initdb", "-D", data, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8")
        options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root} -c fsync=off"
        run(bin_dir / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start")
        try:
            run(bin_dir / "createdb", "-h", "127.0.0.1", "-p", port, "-U", SUPERUSER, DATABASE)
            yield f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/{DATABASE}"
        finally:
            run(bin_dir / "pg_ctl", "-D", data, "-m", "fast", "-w", "-t", "60", "stop")
    except subprocess.CalledProcessError as error:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise RuntimeError(f"{error.cmd[0]} failed: {error.stderr}\n{tail}") from error
    finally:
        for _ in range(3):
            shutil.rmtree(root, ignore_errors=True)
            if not root.exists():
                break
            time.sleep(0.5)
