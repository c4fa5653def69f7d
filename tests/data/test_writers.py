import json
import os

import pytest

from pipeline.data import JsonlWriter, OutputError, check_output, dumps


def _line(doc_id, model=None):
    meta = {"svpol_version": "0.1.0", "schema_version": "1.0", **({"model": model} if model else {})}
    return json.dumps({"id": doc_id, "meta": meta}) + "\n"


def test_resume_knows_ids_and_repairs_partial_last_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(_line("a") + _line("b") + '{"id": "c", "te', encoding="utf-8")
    writer = JsonlWriter(out)
    assert writer.existing_ids == {"a", "b"}
    assert writer.repaired
    with writer:
        writer.write({"id": "c"})
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a", "b", "c"]


def test_damaged_middle_line_is_refused(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(_line("a") + "not json\n" + _line("b"), encoding="utf-8")
    with pytest.raises(OutputError, match="out.jsonl:2"):
        JsonlWriter(out)


def test_integer_ids_stay_distinct_from_strings(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(_line(7, "m") + _line("7", "m"), encoding="utf-8")
    assert JsonlWriter(out, model="m").existing_ids == {7, "7"}


def test_old_output_string_digits_count_for_integer_ids(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(_line("7"), encoding="utf-8")
    assert JsonlWriter(out, model="m").existing_ids == {"7", 7}


def test_other_jsonl_is_refused_unless_overwrite(tmp_path):
    out = tmp_path / "data.jsonl"
    out.write_text('{"id": "x", "text": "Hej"}\n', encoding="utf-8")
    with pytest.raises(OutputError, match="not an svpol output.*--overwrite"):
        JsonlWriter(out)
    with JsonlWriter(out, overwrite=True) as writer:
        writer.write({"id": "y"})
    assert out.read_text(encoding="utf-8") == '{"id":"y"}\n'


def test_other_model_is_refused_unless_force(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(_line("a", "old-1"), encoding="utf-8")
    with pytest.raises(OutputError, match="written by model old-1, not new-2"):
        JsonlWriter(out, model="new-2")
    writer = JsonlWriter(out, model="new-2", force=True)
    assert writer.existing_ids == set() and writer.restarted
    with writer:
        pass
    assert out.read_text(encoding="utf-8") == ""


def test_nothing_written_creates_no_file(tmp_path):
    out = tmp_path / "sub" / "out.jsonl"
    with JsonlWriter(out):
        pass
    assert not out.exists() and not out.parent.exists()


def test_stdout(capsys):
    with JsonlWriter("-") as writer:
        writer.write({"id": 1})
    assert capsys.readouterr().out == '{"id":1}\n'


@pytest.mark.parametrize("target, message", [
    ("/dev/full", "system folder /dev"),
    ("/proc/svpol.jsonl", "system folder /proc"),
    ("{tmp}", "is a folder"),
    ("{tmp}/fifo", "not a regular file"),
    ("{tmp}/in.jsonl", "is also an input"),
    ("{tmp}/out.jsonl", "would be read as input"),
])
def test_bad_outputs_are_refused(tmp_path, target, message):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "in.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match=message):
        check_output(target.format(tmp=tmp_path), [tmp_path / "in.jsonl", tmp_path])


def test_line_separators_are_escaped():
    line = dumps({"text": "a\u2028b\u2029c\x85d"})
    assert len(line.splitlines()) == 1 and json.loads(line)["text"] == "a\u2028b\u2029c\x85d"


def test_a_cut_first_record_is_repaired_not_refused(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id":"a","source":null,"te', encoding="utf-8")
    writer = JsonlWriter(out, model="m")
    assert writer.repaired and writer.existing_ids == set() and out.read_bytes() == b""
