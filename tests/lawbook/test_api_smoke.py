"""The public API the custody engineer builds on: names exist and answer in the documented shape."""

import datetime as dt
import json

import childfirst.lawbook as lb

UTC = dt.UTC


def test_detention_clock_shape_and_json():
    arrest = dt.datetime(2026, 1, 10, 20, 0, tzinfo=UTC)
    d = lb.detention_clock(arrest, arrest, arrest, at=arrest + dt.timedelta(hours=2))
    out = json.loads(json.dumps(d.to_dict()))
    for key in ("relevant_time", "detention_limit", "next_review_due", "overnight", "weekend", "reasons"):
        assert key in out
    assert out["detention_limit"] == "2026-01-11T20:00:00+00:00"
    assert out["next_review_due"] == "2026-01-11T02:00:00+00:00"
    assert all({"rule", "message", "values", "citation"} <= set(r) for r in out["reasons"])
