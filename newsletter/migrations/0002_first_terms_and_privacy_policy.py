"""The first Terms of Use and Privacy Policy, so sign-up works on a fresh site.

Placeholders for the newsroom's lawyers: staff publish real texts as new versions in the admin.
"""

import hashlib

from django.db import migrations
from django.utils import timezone

TERMS = """These terms cover the websites and newsletters of the publisher of this site.

You may read, link to and share our stories for your own, non-commercial use. Republishing them needs our written permission.

The daily digest is free. We send it once a day to the address you confirmed, and you can stop it at any time with the one-click link in every email.

We may change these terms; a new version applies from the day it is published here, and earlier versions stay available."""

PRIVACY = """What we keep when you subscribe to the daily digest: your email address; when you signed up and confirmed; the versions of these documents you accepted and the exact consent text shown; the IP address, browser and page of your sign-up and confirmation; which digests we sent you; and when and how you unsubscribed.

Why: to send you the digest you asked for, and to be able to prove that you asked for it.

How long: as long as you are subscribed, and after you unsubscribe for as long as we need to prove your consent. If you ask us to erase your data, we delete your address and your delivery history, and keep only anonymous records of consent and unsubscription, without your address, IP address, browser or page.

Your rights: you can ask for a copy of everything we hold about your address, have it corrected or erased, and unsubscribe at any time with one click."""


def create_documents(apps, schema_editor):
    LegalDocument = apps.get_model("newsletter", "LegalDocument")
    now = timezone.now()
    for kind, title, body in [
        ("terms", "Terms of Use", TERMS),
        ("privacy", "Privacy Policy", PRIVACY),
    ]:
        if LegalDocument.objects.filter(kind=kind).exists():
            continue
        LegalDocument.objects.create(
            kind=kind,
            version="1",
            title=title,
            body=body,
            text_hash=hashlib.sha256(body.encode()).hexdigest(),
            is_current=True,
            made_current_at=now,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_subscribers_consent_digests"),
    ]

    operations = [
        migrations.RunPython(create_documents, migrations.RunPython.noop),
    ]
