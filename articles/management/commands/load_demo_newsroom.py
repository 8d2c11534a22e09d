from django.core.management.base import BaseCommand, CommandError

from articles.demo import load_demo_newsroom


class Command(BaseCommand):
    help = (
        "Fill the database with a demo newsroom: sections, fictional agencies and authors, and "
        "stories with drawn pictures. Running it again creates nothing and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=300,
            help="How many published stories to create (default 300), besides a few drafts and scheduled ones.",
        )

    def handle(self, *args, articles, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        load_demo_newsroom(article_count=articles, stdout=self.stdout)
