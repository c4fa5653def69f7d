import json

import pytest

from pipeline.data import JsonlWriter


def test_resume_knows_ids_and_repairs_partial_last_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a"}\n{"id": "b"}\n{"id": "c", "te', encoding="utf-8")
    writer = JsonlWriter(out)
    assert writer.existing_ids == {"a", "b"}
    assert writer.repaired
    with writer:
        writer.write({"id": "c"})
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a", "b", "c"]


def test_damaged_middle_line_is_refused(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a"}\nnot json\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="out.jsonl:2"):
        JsonlWriter(out)
