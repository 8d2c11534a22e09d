"""Turn bench/results.json into bench/RESULTS.md, with each target met or its distance stated."""

import json
import sys
from pathlib import Path

PAGES = ("home", "article", "section", "tag", "search", "feed")


RUNS = (
    ("story_app_cached", "story page, the app's page cache, nothing written"),
    ("story_signed_in", "story page, a signed-in reader (their parts on the shared copy)"),
    ("story_uncached", "story page, page cache off (built every time)"),
    ("home_uncached", "home page, page cache off (built every time)"),
    ("mix_app_quiet", "live mix, app alone, nothing written"),
    ("mix_app_writes", "live mix, app alone, while the newsroom writes"),
    ("mix_edge_quiet", "live mix, through Varnish, nothing written"),
    ("mix_edge_writes", "live mix, through Varnish, while the newsroom writes"),
)


def write_report(results, path):
    lines = [
        "# Benchmark results",
        "",
        f"Last run on {results['date']}, {results['machine']}. Load and edge figures: run of "
        f"{results.get('load_run', '?')}. Server time per page: run of "
        f"{results.get('pages_run', 'an earlier version')}. Method: bench/README.md; raw "
        "figures: bench/results.json. Regenerate with `make bench`.",
    ]
    load = results.get("load")
    if load:
        lines += ["", "## Targets (issue 12)", ""]
        lines += load_targets(load)
        lines += [
            "",
            f"## Throughput against the floor ({results['load_setup']}; gunicorn, 2 sync "
            "workers; wrk -t2 -c16 on the same machine)",
            "",
            "Each row's floor is the bare Django app (bench/floor/) measured for 10 s just "
            "before that row, in the same run.",
            "",
            "| what | requests/s | p50 ms | p99 ms | non-2xx | socket errors | floor requests/s "
            "| share of the floor | edge hit ratio |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for key, label in RUNS:
            if key not in load:
                continue
            row = load[key]
            errors = sum(row.get("socket_errors", {}).values())
            hit = f"{100 * row['hit_ratio']:.1f}%" if row.get("hit_ratio") is not None else ""
            lines.append(
                f"| {label} | {row['rps']} | {row['p50_ms']} | {row['p99_ms']} | "
                f"{row['non_2xx']} | {errors} | {row['floor_rps']} | {_share(row['ratio'])} | "
                f"{hit} |"
            )
        floors = [load[key]["floor_rps"] for key, _ in RUNS if key in load]
        lines += [
            "",
            f"The floor ranged from {min(floors)} to {max(floors)} requests/s over the run "
            f"(constant 30 KB body, SecurityMiddleware and CommonMiddleware only). "
            f"Story page measured: `{load['story_path']}`.",
        ]
        for key in ("mix_app_writes", "mix_edge_writes"):
            if key in load:
                lines.append(f"- Written during {key}: {_writes(load[key]['writes'])}.")
        for key in ("mix_edge_quiet", "mix_edge_writes"):
            if key in load:
                edge = load[key]["edge"]
                lines.append(
                    f"- Varnish during {key}: {edge['cache_hit']} hits, {edge['cache_miss']} "
                    f"misses, {edge['s_pass']} passes ({edge['cache_hitpass']} hit-for-pass, "
                    f"{edge['cache_hitmiss']} hit-for-miss)."
                )
        if "edge_skipped" in load:
            lines.append(f"- Varnish runs skipped: {load['edge_skipped']}.")
        fresh = load.get("freshness")
        if fresh:
            lines += [
                "",
                "## Freshness through Varnish (while the commenters and the editor write)",
                "",
                "- Edited headline, seconds from the commit to the first request that showed it "
                f"(polled every 50 ms): {_seconds([e['seconds'] for e in fresh['edits']])}.",
                "- Scheduled story, seconds from its publication time to the first home page "
                f"that showed it (polled every 50 ms): "
                f"{_seconds([e['seconds'] for e in fresh['scheduled']])}.",
                f"- Written meanwhile: {_writes(fresh['writes'])}.",
            ]
        weight = load.get("weight")
        if weight:
            lines += [
                "",
                f"Story page weight: {weight['html_kb_gzip']} KB of HTML gzipped "
                f"({weight['html_kb_raw']} KB raw); CSS and JS {weight['css_js_kb_gzip']} KB "
                "gzipped.",
            ]
        if load.get("lighthouse"):
            lines += ["", "## Lighthouse (production profile, Debian chromium, headless)", ""]
            for page, scores in load["lighthouse"].items():
                lines.append(f"- {page}: {scores}")
    if results.get("live_coverage"):
        lines += live_coverage_lines(
            results["live_coverage"], results.get("live_coverage_run", "?")
        )
    if results.get("pages"):
        lines += [
            "",
            "## Reader pages, uncached (Django test client, page cache off)",
            "",
            "| database | articles | page | queries | median ms | p95 ms | HTML KB |",
            "|---|---:|---|---:|---:|---:|---:|",
        ]
        for setup, pages in results["pages"].items():
            vendor, size = setup.split()
            for name in PAGES:
                if name in pages:
                    page = pages[name]
                    lines.append(
                        f"| {vendor} | {int(size):,} | {name} | {page['queries']} | "
                        f"{page['median_ms']} | {page['p95_ms']} | {page['bytes'] / 1024:.0f} |"
                    )
        lines += ["", "### Targets (server time)", ""]
        lines += targets(results)
    path.write_text("\n".join(lines) + "\n")


def _share(ratio):
    return f"{ratio:.2f}×" if ratio >= 1 else f"{100 * ratio:.1f}%"


def _seconds(values):
    shown = ", ".join("not seen" if v is None else f"{v:.2f}" for v in values)
    seen = [v for v in values if v is not None]
    worst = "not seen" if len(seen) < len(values) else f"{max(seen):.2f}"
    return f"{shown} (max {worst})"


def _writes(writes):
    return (
        f"{writes.get('approved', 0)} approved comments, {writes.get('pending', 0)} pending, "
        f"{writes.get('refused', 0)} refused, {writes.get('failed', 0)} failed, "
        f"{writes.get('story_saves', 0)} story saves in {writes['seconds']} s"
    )


def _verdict(met):
    return "met" if met else "NOT met"


def load_targets(load):
    out = []

    def ratio(key):
        return load[key]["ratio"] if key in load else None

    if "mix_app_writes" in load:
        writes, quiet = load["mix_app_writes"], load["mix_app_quiet"]
        kept = writes["rps"] / quiet["rps"]
        out.append(
            f"- App alone under writes ≥ 50% of the floor: {_share(writes['ratio'])} "
            f"({_verdict(writes['ratio'] >= 0.5)})."
        )
        out.append(
            f"- App alone under writes ≥ 80% of the same reads with nothing written: "
            f"{100 * kept:.0f}% ({writes['rps']} / {quiet['rps']} requests/s; "
            f"{_verdict(kept >= 0.8)})."
        )
    if "mix_edge_writes" in load:
        edge = load["mix_edge_writes"]
        hit = edge["hit_ratio"] or 0
        out.append(
            f"- Through Varnish under writes ≥ 5× the floor: {_share(edge['ratio'])} "
            f"({_verdict(edge['ratio'] >= 5)}); edge hit ratio ≥ 98%: {100 * hit:.1f}% "
            f"({_verdict(hit >= 0.98)})."
        )
    fresh = load.get("freshness")
    if fresh:
        for key, label, limit in (
            ("edits", "Edited story visible through Varnish", 1),
            ("scheduled", "Scheduled story on the home page through Varnish", 10),
        ):
            values = [e["seconds"] for e in fresh[key]]
            met = all(v is not None and v <= limit for v in values)
            out.append(f"- {label} ≤ {limit} s: {_seconds(values)} ({_verdict(met)}).")
    if "story_app_cached" in load:
        out.append(
            f"- Story page from the app's cache ≥ 70% of the floor: "
            f"{_share(ratio('story_app_cached'))} ({_verdict(ratio('story_app_cached') >= 0.7)})."
        )
    if "story_signed_in" in load:
        out.append(
            f"- Signed-in reader's story page ≥ 8% of the floor: "
            f"{_share(ratio('story_signed_in'))} ({_verdict(ratio('story_signed_in') >= 0.08)})."
        )
    runs = [load[key] for key, _ in RUNS if key in load]
    bad = sum(r["non_2xx"] for r in runs)
    broken = sum(sum(r.get("socket_errors", {}).values()) for r in runs)
    out.append(
        f"- No non-2xx answers in any run: {bad} non-2xx, {broken} socket errors "
        f"({_verdict(bad == 0 and broken == 0)})."
    )
    return out


def live_coverage_lines(live, run):
    """RESULTS.md's section on live coverage, each target met or its distance stated."""
    lines = ["", f"## Live coverage (issue 14; run of {run}; the app alone, 2 sync workers)", ""]
    if live.get("skipped"):
        return [*lines, f"Not measured: {live['skipped']}."]
    quiet, writes = live["updates_quiet"], live["updates_writes"]
    lines += [
        f"- Update endpoint ≥ 50% of the floor: {_share(quiet['ratio'])} nothing written "
        f"({quiet['rps']} requests/s, floor {quiet['floor_rps']}; {_verdict(quiet['ratio'] >= 0.5)}), "
        f"{_share(writes['ratio'])} while an update is posted every "
        f"{live['write_every_seconds']:g} s ({writes['rps']} requests/s, floor "
        f"{writes['floor_rps']}; {writes['writes']['entries_posted']} updates posted; "
        f"{_verdict(writes['ratio'] >= 0.5)}). p50/p99 {writes['p50_ms']}/{writes['p99_ms']} ms; "
        f"the answer {'changed' if writes.get('answer_changed') else 'did NOT change'} with "
        "the posts.",
    ]
    for key, label in (
        ("page_cached", "page cache as configured"),
        ("page_uncached", "built every time (page and fragment caches off)"),
    ):
        pair = live[key]
        small, large = pair["small"], pair["large"]
        lines.append(
            f"- Live page, 1,000 updates within 20% of the time of 10, {label}: "
            f"{100 * (pair['time_ratio'] - 1):+.0f}% ({small['rps']} → {large['rps']} "
            f"requests/s, {_share(small['ratio'])} → {_share(large['ratio'])} of the floor; "
            f"p50 {small['p50_ms']} → {large['p50_ms']} ms; {_verdict(pair['time_ratio'] <= 1.2)})."
        )
    rows = [quiet, writes] + [
        live[k][s] for k in ("page_cached", "page_uncached") for s in ("small", "large")
    ]
    bad = sum(row["non_2xx"] for row in rows)
    broken = sum(sum(row.get("socket_errors", {}).values()) for row in rows)
    lines.append(f"- Non-2xx answers: {bad}; socket errors: {broken}.")
    return lines


def targets(results):
    out = []
    pages = results["pages"]
    worst_queries = max(
        (page["queries"], f"{setup} {name}")
        for setup, measured in pages.items()
        for name, page in measured.items()
        if isinstance(page, dict)
    )
    out.append(f"- Queries per page ≤ 12: worst is {worst_queries[0]} ({worst_queries[1]}).")
    sizes = sorted({int(setup.split()[1]) for setup in pages})
    for vendor in sorted({setup.split()[0] for setup in pages}):
        if len(sizes) < 2:
            break
        small, large = pages.get(f"{vendor} {sizes[0]}"), pages.get(f"{vendor} {sizes[-1]}")
        if not (small and large):
            continue
        for name in PAGES:
            if name in small and name in large:
                growth = 100 * (large[name]["median_ms"] / small[name]["median_ms"] - 1)
                verdict = "met" if growth <= 50 else "NOT met"
                out.append(
                    f"- {vendor} {name}: median {small[name]['median_ms']} → "
                    f"{large[name]['median_ms']} ms from {sizes[0]:,} to {sizes[-1]:,} articles "
                    f"({growth:+.0f}%, target ≤ +50%: {verdict})."
                )
        if vendor == "postgresql" and "search" in large:
            p95 = large["search"]["p95_ms"]
            out.append(
                f"- PostgreSQL search p95 at {sizes[-1]:,} articles: {p95} ms "
                f"(target ≤ 150 ms: {'met' if p95 <= 150 else 'NOT met'})."
            )
    return out


if __name__ == "__main__":
    write_report(json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2]))
