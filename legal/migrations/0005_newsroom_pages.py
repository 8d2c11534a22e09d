# The newsroom's standing pages as Django flatpages, with a first text the editors rewrite in
# the admin. A page an editor already made at one of these addresses is left as it is.

from django.conf import settings
from django.core.management.color import no_style
from django.db import migrations

PAGES = {
    "/about/": (
        "About us",
        "<p>We are an independent English-language daily covering Türkiye and the world: "
        "politics, the economy, culture and sport, reported by our own correspondents and "
        "the agencies we credit on every story.</p>"
        "<p>Our editors decide what we publish. Our <a href=\"/standards/\">editorial "
        "standards</a> say how, and our <a href=\"/corrections/\">corrections page</a> lists "
        "every mistake we have put right.</p>",
    ),
    "/contact/": (
        "Contact",
        "<h2>News tips</h2><p>Write to the news desk at news@example.com. Tell us how to "
        "reach you; we protect our sources.</p>"
        "<h2>Corrections</h2><p>If a story of ours is wrong, write to corrections@example.com "
        "with the story's address and what is wrong.</p>"
        "<h2>Your account and the newsletter</h2><p>Write to readers@example.com.</p>",
    ),
    "/standards/": (
        "Editorial standards",
        "<p>We report what we can verify, name our sources wherever we can, and say so when "
        "we cannot. Agency copy carries the agency's name.</p>"
        "<p>We correct errors openly: a dated note on the story, listed on the "
        "<a href=\"/corrections/\">corrections page</a>.</p>"
        "<p>Comments under our stories follow the <a href=\"/comments/guidelines/\">community "
        "guidelines</a>.</p>",
    ),
}


def create_pages(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")
    Site = apps.get_model("sites", "Site")
    # The sites framework makes its Site after migrations on a new database: make it now, and,
    # as the framework does, move the id sequence past it (PostgreSQL would otherwise give the
    # next site added in the admin the same id).
    site, created = Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "example.com", "name": "example.com"}
    )
    if created:
        connection = schema_editor.connection
        for command in connection.ops.sequence_reset_sql(no_style(), [Site]):
            schema_editor.execute(command)
    for url, (title, content) in PAGES.items():
        page, created = FlatPage.objects.get_or_create(
            url=url, defaults={"title": title, "content": content}
        )
        if created:
            page.sites.add(site)


def remove_pages(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")
    for url, (title, content) in PAGES.items():
        FlatPage.objects.filter(url=url, title=title, content=content).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0004_legal_table_names"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(create_pages, remove_pages)]
