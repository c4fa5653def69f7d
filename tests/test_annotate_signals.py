"""Signals on a real ``svpol annotate --n-process 2`` run: the workers die with the parent, Ctrl-C
prints one line, and the output stays resumable. Bounded by deadlines, not timed."""

import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from pipeline.data import JsonlWriter
from pipeline.settings import PROJECT_DIR

EXAMPLE = (PROJECT_DIR / "corpus" / "examples" / "socialnamnd_arende.txt").read_text(encoding="utf-8")
INTERRUPTED = re.compile(r"interrupted after \d+ documents; rerun the same command to resume")


def _children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except OSError:
        return False


def _wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def run(tmp_path):
    source = tmp_path / "many.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": EXAMPLE}) + "\n" for i in range(3000)),
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR)}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "annotate", str(source), "-o", str(out),
                             "--n-process", "2", "--batch-size", "2", "--no-progress"],
                            cwd=PROJECT_DIR, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert _wait(lambda: len(_children(proc.pid)) >= 2 and out.exists() and out.stat().st_size, 240), \
            "the run did not start writing"
        yield proc, _children(proc.pid), out
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM", "SIGINT", "Ctrl-C"])
def test_workers_die_with_the_parent(run, how):
    proc, workers, out = run
    if how == "Ctrl-C":
        os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole process group
    else:
        os.kill(proc.pid, getattr(signal, how))
    assert proc.wait(60) is not None
    assert _wait(lambda: not any(_alive(w) for w in workers), 30), "workers outlived the parent"
    stderr = proc.stderr.read()
    if how != "SIGKILL":
        assert proc.returncode == 130
        assert INTERRUPTED.fullmatch(stderr.strip()), stderr  # one line, no traceback
    JsonlWriter(out)  # whole lines (a cut last line is repaired): resumable
