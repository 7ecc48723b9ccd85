"""The benchmark's data generator on a tiny scale: every table gets rows, the audit chain holds.

bench/ is not a package, so the script is loaded from its file.
"""

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from cica.core.audit import verify_chain
from cica.decisions.models import Decision, Procedure
from cica.decisions.queries import status_condition

GENERATE = Path(__file__).resolve().parent.parent / "bench" / "generate.py"


@pytest.fixture(scope="module")
def bench_generate():
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_tiny_data_set_fills_every_table_and_keeps_the_chain(db, tmp_path, bench_generate):
    output = tmp_path / "bench-dataset.json"
    result = bench_generate.generate(0.005, progress=lambda line: None, output=output)

    assert json.loads(output.read_text(encoding="utf-8")) == result
    empty = [table for table, count in result["counts"].items() if count == 0]
    assert empty == []
    report = verify_chain()
    assert report.ok, report
    assert report.entries >= 500  # 100,000 at scale 1
    assert set(result["tokens"]) >= {"bench-officer", "bench-delegate-01", "bench-observer"}
    assert len([name for name in result["tokens"] if name.startswith("bench-delegate-")]) == 20
    # The open procedures are open by derivation, as the app reads them.
    assert result["open_procedures"]
    generated_at = dt.datetime.fromisoformat(result["generated_at"])
    open_then = Procedure.objects.filter(status_condition("open", generated_at))
    assert set(open_then.values_list("pk", flat=True)) == set(result["open_procedures"])
    # The benchmark reads a decision's page.
    assert Decision.objects.filter(pk=result["a_decision"]).exists()
