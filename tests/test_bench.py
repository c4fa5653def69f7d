"""The benchmark's long-document mode, on small sizes (the timing itself belongs in ``make bench``)."""

from pipeline.bench import bench_long


def test_bench_long_reports_each_size(nlp, tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text('{"id": "a", "text": "Anna Svensson (S) yrkar bifall till budgeten."}\n', encoding="utf-8")
    result = bench_long([path], nlp=nlp, sizes=(500, 3000), max_seconds_per_mb=1e9)
    assert [row["characters"] for row in result["long_documents"]] == [500, 3000]
    assert all(row["entities"] > 0 and row["seconds_per_mb"] >= 0 for row in result["long_documents"])
    assert result["ok"]
