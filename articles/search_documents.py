"""Where the full-text engines keep each story's searchable text (see articles/search.py).

Kept apart from Article so that pages listing stories never load them.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class ArticleSearchDocument(models.Model):
    """A story's weighted full-text vector on PostgreSQL, written only by database triggers.

    Kept apart from Article so that pages listing stories never load it. On SQLite this table
    stays empty: the FTS5 table ``articles_search_fts`` does the job (see articles/search.py and
    migration 0007).
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.DO_NOTHING,  # the database's own trigger removes the row
        db_constraint=False,
        primary_key=True,
        related_name="search_document",
    )
    vector = SearchVectorField(null=True)

    def __str__(self):
        return f"Search document of story {self.article_id}"


class FTS5DocumentField(models.TextField):
    """FTS5's hidden column that bears its table's name: the whole document, for MATCH."""


@FTS5DocumentField.register_lookup
class FTS5Match(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", (*lhs_params, *rhs_params)


class SqliteSearchEntry(models.Model):
    """A row of SQLite's FTS5 table (migration 0007), so a search joins it once.

    Ranking through a correlated subquery ran the full-text query again for every matching
    story (seconds at 100,000 stories); a join runs it once. Never used on PostgreSQL, where the
    table does not exist (ArticleSearchDocument does the job there).
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.DO_NOTHING,  # the table's triggers (articles.search_index) keep it
        db_constraint=False,
        primary_key=True,
        db_column="rowid",
        related_name="sqlite_search_entry",
    )
    document = FTS5DocumentField(db_column="articles_search_fts")

    class Meta:
        managed = False
        db_table = "articles_search_fts"

    def __str__(self):
        return f"Full-text entry of story {self.article_id}"
