"""Server time and SQL queries per reader page, through Django's test client.

    python -m bench.pages --repeat 40 > pages.json

The page cache is off (PAGE_CACHE_SECONDS=0), so every request builds its page from the database:
this is the uncached server time. Each page is requested 3 times to warm up, then ``--repeat``
times; the median and the 95th percentile of those are reported, with the queries of one request.
"""

import argparse
import json
import os
import statistics
import sys
import time


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    json.dump(measure(args.repeat), sys.stdout, indent=2)


def reader_pages():
    """(name, URL) of each reader page, on data the generator made; pages not built are skipped."""
    from django.urls import NoReverseMatch, reverse
    from taggit.models import Tag

    from articles.models import Article, Section

    published = Article.objects.published().order_by("-published_at")
    # The 500th newest story: within the newest 2,000 that the generator gives comments, so the
    # page carries a discussion at every size.
    position = min(500, published.count() // 2)
    middle = published[position : position + 1].get()
    tag = Tag.objects.filter(slug="topic-7").first() or Tag.objects.first()
    candidates = [
        ("home", lambda: reverse("articles:home")),
        ("article", middle.get_absolute_url),
        ("section", lambda: Section.objects.get(slug="world").get_absolute_url()),
        ("tag", lambda: reverse("articles:tag-detail", args=[tag.slug])),
        ("search", lambda: reverse("articles:search") + "?q=harbour+ferry"),
        ("feed", lambda: reverse("articles:feed-latest")),
    ]
    pages = []
    for name, build in candidates:
        try:
            pages.append((name, build()))
        except NoReverseMatch:
            print(f"skipping {name}: no such page yet", file=sys.stderr)
    return pages


def measure(repeat):
    from django.db import connection
    from django.test import Client

    from articles.models import Article

    client = Client()
    results = {"articles": Article.objects.published().count(), "vendor": connection.vendor}
    for name, url in reader_pages():
        for _ in range(3):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *args, queries=queries: queries.append(sql) or execute(sql, *args)
        ):
            client.get(url)
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        results[name] = {
            "url": url,
            "queries": len(queries),
            "median_ms": round(statistics.median(timings), 2),
            "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 2),
            "bytes": len(response.content),
        }
    return results


if __name__ == "__main__":
    main()
