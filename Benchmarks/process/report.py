#!/usr/bin/env python3
"""Prints measure.py's JSON as a table, each figure beside its target (docs/performance.md)."""
import json
import sys

results = json.load(open(sys.argv[1]))
show_targets = "--no-targets" not in sys.argv
tui, decode, run = results.get("tui"), results.get("decode"), results.get("run")
rows = []
if tui:
    rows += [
        ("start to first frame (demo, 120x40)", "%.1f ms p50, %.1f ms max" % (tui["first_frame_ms"]["p50"],
                                                                               tui["first_frame_ms"]["max"]),
         tui["first_frame_ms"]["p50"] <= 50, "<= 50 ms"),
        ("keystroke to frame (Tab, demo)", "%.1f ms p50, %.1f ms p99" % (tui["keystroke_ms"]["p50"],
                                                                         tui["keystroke_ms"]["p99"]),
         tui["keystroke_ms"]["p99"] <= 16, "<= 16 ms"),
    ]
if decode:
    rows += [
        ("decode %d RS256 tokens vs PyJWT" % decode["tokens"],
         "%.2fx PyJWT's throughput (%.3f s vs %.3f s)" % (decode["throughput_ratio"], decode["authflow_s"],
                                                          decode["pyjwt_s"]),
         decode["throughput_ratio"] >= 2, ">= 2x"),
    ]
if run:
    rows += [
        ("run vs http.client script", "%.2fx its time (%.3f s vs %.3f s)" % (run["time_ratio"], run["authflow_s"],
                                                                               run["httpclient_s"]),
         run["time_ratio"] <= 1.0, "<= 1.0x"),
        ("peak RSS: run", "%.1f MB" % run["run_rss_mb"], run["run_rss_mb"] <= 40, "<= 40 MB"),
    ]
if tui:
    rows += [("peak RSS: TUI session (whole demo flow)", "%.1f MB" % tui["tui_rss_mb"], tui["tui_rss_mb"] <= 40,
              "<= 40 MB")]
if decode:
    rows += [("peak RSS: decode of %d tokens" % decode["tokens"], "%.1f MB" % decode["decode_rss_mb"],
              decode["decode_rss_mb"] <= 40, "<= 40 MB")]
if not rows:
    sys.exit("report.py: no tui, decode or run results in %s" % sys.argv[1])
width = max(len(r[0]) for r in rows)
for name, figure, met, target in rows:
    mark = ("  [target %s: %s]" % (target, "met" if met else "NOT met")) if show_targets else ""
    print("%s  %s%s" % (name.ljust(width), figure, mark))
