"""Test data of the legal app: the first texts the data migrations write, and new versions."""

from importlib import import_module

from django.utils import timezone

from legal.models import Guidelines, LegalDocument


def first_legal_documents():
    """The data migration's first Terms of Use and Privacy Policy, when they are missing (tests
    run without migrations, or after a transactional test emptied the tables)."""
    migration = import_module("newsletter.migrations.0002_first_terms_and_privacy_policy")
    for kind, title, body in [
        (LegalDocument.Kind.TERMS, "Terms of Use", migration.TERMS),
        (LegalDocument.Kind.PRIVACY, "Privacy Policy", migration.PRIVACY),
    ]:
        if not LegalDocument.objects.filter(kind=kind).exists():
            LegalDocument.objects.create(
                kind=kind,
                version="1",
                title=title,
                body=body,
                is_current=True,
                made_current_at=timezone.now(),
            )


def guidelines(text="Be kind."):
    """A new version of the community guidelines, published (numbered and made current)."""
    return Guidelines(summary=text, body=text).publish()
