"""A minute of mixed load (bench/soak.py): every request class served, no 5xx, no leak.

bench/soak.py runs locust in a subprocess of its own (gevent must not patch this process)
against `cica serve` on 127.0.0.1, on a database of its own: SQLite in a throwaway folder, or a
database it creates on the PostgreSQL server CICA_DATABASE_URL names (make test-postgres). It
takes about two minutes, most of them spent collecting the static files and under load.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

# A minute of load on both cores, measuring memory growth: alone, not beside other workers.
pytestmark = pytest.mark.serial

ROOT = Path(__file__).resolve().parents[1]


def test_a_minute_of_load_serves_every_class_without_5xx_or_memory_growth(tmp_path):
    # when
    soak = [sys.executable, str(ROOT / "bench" / "soak.py"), "--minutes", "1"]
    run = subprocess.run(
        [*soak, "--results", str(tmp_path)], capture_output=True, text=True, timeout=300
    )

    # then
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    (result,) = json.loads((tmp_path / "soak.json").read_text())["runs"].values()
    classes = result["classes"]
    assert classes["all"]["5xx"] == result["server"]["access_log_5xx"] == 0
    assert [name for name in ("public", "delegate", "write") if not classes[name]["requests"]] == []
    assert result["memory"]["growth_pct"] < 10
