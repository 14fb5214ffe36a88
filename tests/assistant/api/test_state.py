"""The server's lease (assistant/api/state.py): the builds it still reads, written when requests end. Requests that end
at once on many threads must leave the lease naming what is read after the last of them, never an older set (a lost
write kept a build the next ingest should have removed)."""

from __future__ import annotations

import json
import threading

from assistant.api.state import ApiState
from assistant.core.settings import Settings
from assistant.index.store import LEASES_DIR


def test_requests_ending_on_many_threads_leave_the_lease_as_it_is_after_the_last(tmp_path):
    state = ApiState(Settings(index_dir=tmp_path / "index", corpus_dir=tmp_path))
    for round_ in range(20):
        builds = [tmp_path / "index" / "builds" / f"b{round_}-{i}" for i in range(12)]
        state._in_flight.update({path: 1 for path in builds})
        start = threading.Barrier(len(builds))

        def finish(path):
            start.wait()
            with state._count_lock:
                del state._in_flight[path]
            state._write_lease()

        threads = [threading.Thread(target=finish, args=(path,)) for path in builds]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        (lease,) = (tmp_path / "index" / LEASES_DIR).glob("*.json")
        assert json.loads(lease.read_text(encoding="utf-8"))["builds"] == [], round_
        assert not list((tmp_path / "index" / LEASES_DIR).glob("*.tmp"))
