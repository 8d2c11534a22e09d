"""One rule for "current": exactly one current version per document, however editors race."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection, connections

from legal.models import Guidelines, LegalDocument
from tests.legal.factories import first_legal_documents

ON_SQLITE = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's test database allows one writer at a time; run on PostgreSQL "
    "(DATABASE_URL=postgres://…)",
)


def new_terms(version):
    return LegalDocument.objects.create(
        kind="terms", version=version, title="Terms of Use", body=f"Terms, version {version}."
    )


@pytest.mark.django_db
def test_making_versions_current_one_after_the_other_leaves_one_current():
    second, third = new_terms("2"), new_terms("3")
    second.make_current()
    third.make_current()
    second.make_current()
    assert list(LegalDocument.objects.current().filter(kind="terms")) == [second]
    # The other document is not touched.
    assert LegalDocument.objects.current().filter(kind="privacy").count() == 1


@pytest.mark.django_db
def test_making_the_current_version_current_again_changes_nothing():
    current = LegalDocument.objects.current().get(kind="terms")
    current.make_current()
    assert list(LegalDocument.objects.current().filter(kind="terms")) == [current]


def in_parallel(jobs):
    barrier = Barrier(len(jobs))

    def run(job):
        try:
            barrier.wait()
            return job()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


@ON_SQLITE
@pytest.mark.django_db(transaction=True)
def test_simultaneous_make_current_calls_leave_exactly_one_current_version():
    first_legal_documents()
    versions = [new_terms(str(n)) for n in range(2, 12)]
    in_parallel([version.make_current for version in versions])
    assert LegalDocument.objects.current().filter(kind="terms").count() == 1


@ON_SQLITE
@pytest.mark.django_db(transaction=True)
def test_simultaneous_publications_get_distinct_consecutive_numbers():
    first = Guidelines(summary="First", body="First").publish().version
    jobs = [Guidelines(summary=f"Rules {n}", body=f"Rules {n}").publish for n in range(10)]
    in_parallel(jobs)
    versions = sorted(
        Guidelines.objects.filter(version__gte=first).values_list("version", flat=True)
    )
    assert versions == list(range(first, first + 11))
    assert Guidelines.objects.current().get().version == first + 10
