import json

from pipeline.data import InputDoc, InputProblem, read_inputs


def _read(paths):
    return list(read_inputs(paths))


def test_folder_recursive_txt_and_jsonl(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p1.txt").write_text("Beslut om budget.", encoding="utf-8")
    (tmp_path / "docs.jsonl").write_text('{"id": "x1", "text": "Hej", "year": 2020}\n', encoding="utf-8")
    items = _read([tmp_path])
    assert [(i.id, i.text) for i in items] == [("a/p1", "Beslut om budget."), ("x1", "Hej")]
    assert items[1].meta == {"year": 2020}


def test_cp1252_falls_back_with_warning(tmp_path):
    (tmp_path / "old.txt").write_bytes("Nämnden beslutar om äldreomsorg.".encode("cp1252"))
    [item] = _read([tmp_path / "old.txt"])
    assert isinstance(item, InputDoc)
    assert item.text == "Nämnden beslutar om äldreomsorg."
    assert "cp1252" in item.warnings[0]


def test_empty_and_binary_files_are_reported_and_skipped(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00")
    problems = _read([tmp_path])
    assert all(isinstance(p, InputProblem) and p.skipped for p in problems)
    assert sorted(p.message for p in problems) == ["binary file (not text)", "empty file"]


def test_bad_jsonl_line_names_file_and_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "ok"}\n{broken\n{"id": "c"}\n', encoding="utf-8")
    items = _read([path])
    assert isinstance(items[0], InputDoc)
    assert items[1].source == f"{path}:2" and items[1].message.startswith("bad JSON")
    assert items[2].source == f"{path}:3" and "text" in items[2].message
    assert not items[1].skipped


def test_missing_path_is_a_problem(tmp_path):
    [problem] = _read([tmp_path / "nope.txt"])
    assert problem.message == "no such file or folder"


def test_folder_reports_other_files_once(tmp_path):
    (tmp_path / "image.png").write_bytes(b"png")
    (tmp_path / "scan.pdf").write_bytes(b"pdf")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Beslut.", encoding="utf-8")
    items = _read([tmp_path])
    assert [i.id for i in items if isinstance(i, InputDoc)] == ["notes"]
    [problem] = [i for i in items if isinstance(i, InputProblem)]
    assert problem.skipped and problem.message == "2 file(s) of other kinds not read (.pdf: 1, .png: 1)"


def test_annotation_reads_keep_decomposed_text(tmp_path):
    """Annotation (doccano push) keeps the source's code points: gold offsets refer to them."""
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "d", "text": "A\u030asa Ek"}) + "\n", encoding="utf-8")
    kept = next(read_inputs([path], nfc=False))
    assert kept.text == "A\u030asa Ek" and not kept.warnings
    assert next(read_inputs([path])).text == "\u00c5sa Ek"
