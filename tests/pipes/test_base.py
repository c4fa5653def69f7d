"""``Occupied``: the bisection-based "already taken?" test that keeps the rule components linear."""

from pipeline.pipes.base import Occupied


def test_overlaps_and_points_match_a_plain_scan():
    spans = [(0, 4), (2, 6), (10, 12), (12, 15), (20, 21)]
    cover = Occupied(spans)
    for point in range(-1, 25):
        assert (point in cover) == any(s <= point < e for s, e in spans), point
    chosen = Occupied()
    for start, end in [(5, 9), (0, 3), (8, 12), (3, 5), (12, 14), (4, 6)]:
        if not chosen.overlaps(start, end):
            chosen.add(start, end)
    assert list(zip(chosen.starts, chosen.ends, strict=True)) == [(0, 3), (3, 5), (5, 9), (12, 14)]
