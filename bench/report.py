"""Turn bench/results.json into bench/RESULTS.md, with each target met or its distance stated."""

import json
import sys
from pathlib import Path

PAGES = ("home", "article", "section", "tag", "search", "feed")


def write_report(results, path):
    lines = [
        "# Benchmark results",
        "",
        f"Run on {results['date']}, {results['machine']}. Method: bench/README.md; "
        "raw figures: bench/results.json. Regenerate with `make bench`.",
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
    lines += ["", "## Targets", ""]
    lines += targets(results)
    load = results.get("load")
    if load:
        lines += [
            "",
            f"## Throughput under load ({results['load_setup']}; gunicorn, 2 sync workers; "
            "wrk -t2 -c16 on the same machine)",
            "",
            "| what | requests/s | p50 ms | p99 ms | non-2xx | share of the floor |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        pairs = (
            ("floor (cached run)", "floor (cached run)"),
            ("article, cached", "floor (cached run)"),
            ("floor (uncached run)", "floor (uncached run)"),
            ("article, uncached", "floor (uncached run)"),
        )
        for name, floor in pairs:
            row, base = load[name], load[floor]
            lines.append(
                f"| {name} | {row['rps']} | {row['p50_ms']} | {row['p99_ms']} | {row['errors']} | "
                f"{100 * row['rps'] / base['rps']:.0f}% |"
            )
        weight = load["weight"]
        lines += [
            "",
            f"Article page weight: {weight['html_kb_gzip']} KB of HTML gzipped "
            f"({weight['html_kb_raw']} KB raw); CSS and JS {weight['css_js_kb_gzip']} KB gzipped.",
            "",
            "## Lighthouse (production profile, Debian chromium, headless)",
            "",
        ]
        for page, scores in load["lighthouse"].items():
            lines.append(f"- {page}: {scores}")
    path.write_text("\n".join(lines) + "\n")


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
    load = results.get("load")
    if load:
        cached = load["article, cached"]["rps"] / load["floor (cached run)"]["rps"]
        uncached = load["article, uncached"]["rps"] / load["floor (uncached run)"]["rps"]
        weight = load["weight"]
        out.append(
            f"- Cached article ≥ 70% of the floor: {100 * cached:.0f}% "
            f"({'met' if cached >= 0.7 else 'NOT met'})."
        )
        out.append(
            f"- Uncached article ≥ 8% of the floor: {100 * uncached:.0f}% "
            f"({'met' if uncached >= 0.08 else 'NOT met'})."
        )
        out.append(
            f"- Article ≤ 60 KB HTML and ≤ 30 KB CSS+JS compressed: {weight['html_kb_gzip']} KB and "
            f"{weight['css_js_kb_gzip']} KB "
            f"({'met' if weight['html_kb_gzip'] <= 60 and weight['css_js_kb_gzip'] <= 30 else 'NOT met'})."
        )
    return out


if __name__ == "__main__":
    write_report(json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2]))
