from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from articles.search_index import rebuild


class Command(BaseCommand):
    help = (
        "Rewrite the full-text index of every story. Triggers keep it current; this is for rows "
        "changed behind the database's back, such as a restore of one table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, **options):
        count = rebuild(using=database)
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} stories for search."))
