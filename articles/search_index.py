# ruff: noqa: S608 - SQL built only from this module's constants, never from input
"""Keeping SQLite's full-text table (articles_search_fts, made by migration 0007) up to date.

Triggers on stories, taggings, tags, sections and sources rewrite a story's row whenever
anything it is found by changes. They live outside the migrations on purpose: SQLite alters a
table by rebuilding it, and a trigger that names a table being rebuilt makes the rebuild fail
(or is dropped with the old table). So they are dropped before every ``migrate`` and created
again after it, when the table is also refilled from the stories, which also indexes anything a
data migration changed meanwhile. PostgreSQL keeps its triggers in migration 0007.
"""

from django.db import connections

FTS = "articles_search_fts"


def _refresh(story_ids):
    """Statements rewriting the rows of the stories ``story_ids`` (an SQL list or subquery)."""
    return f"""
    DELETE FROM {FTS} WHERE rowid IN ({story_ids});
    INSERT INTO {FTS} (rowid, headline, tags, standfirst, labels, body)
    SELECT a.id,
           articles_search_text(a.headline),
           articles_search_text(coalesce((
               SELECT group_concat(t.name, ' ')
               FROM articles_taggedarticle ta JOIN taggit_tag t ON t.id = ta.tag_id
               WHERE ta.content_object_id = a.id), '')),
           articles_search_text(a.standfirst),
           articles_search_text(s.name || ' ' || coalesce(src.name || ' ' || src.short_name, '')),
           articles_search_text(a.body)
    FROM articles_article a
    JOIN articles_section s ON s.id = a.section_id
    LEFT JOIN articles_source src ON src.id = a.source_id
    WHERE a.id IN ({story_ids});
    """


TRIGGERS = {
    "articles_search_article_insert": (
        "AFTER INSERT ON articles_article",
        _refresh("NEW.id"),
    ),
    "articles_search_article_update": (
        "AFTER UPDATE OF headline, standfirst, body, section_id, source_id ON articles_article",
        f"DELETE FROM {FTS} WHERE rowid = OLD.id;" + _refresh("NEW.id"),
    ),
    "articles_search_article_delete": (
        "AFTER DELETE ON articles_article",
        f"DELETE FROM {FTS} WHERE rowid = OLD.id;",
    ),
    "articles_search_tagging_insert": (
        "AFTER INSERT ON articles_taggedarticle",
        _refresh("NEW.content_object_id"),
    ),
    "articles_search_tagging_update": (
        "AFTER UPDATE ON articles_taggedarticle",
        _refresh("OLD.content_object_id") + _refresh("NEW.content_object_id"),
    ),
    "articles_search_tagging_delete": (
        "AFTER DELETE ON articles_taggedarticle",
        _refresh("OLD.content_object_id"),
    ),
    "articles_search_tag_update": (
        "AFTER UPDATE OF name ON taggit_tag",
        _refresh("SELECT content_object_id FROM articles_taggedarticle WHERE tag_id = NEW.id"),
    ),
    "articles_search_section_update": (
        "AFTER UPDATE OF name ON articles_section",
        _refresh("SELECT id FROM articles_article WHERE section_id = NEW.id"),
    ),
    "articles_search_source_update": (
        "AFTER UPDATE OF name, short_name ON articles_source",
        _refresh("SELECT id FROM articles_article WHERE source_id = NEW.id"),
    ),
}


def _fts_table_exists(cursor):
    cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS])
    return cursor.fetchone() is not None


def drop_sqlite_triggers(sender=None, using="default", **kwargs):
    """pre_migrate: no search trigger may be present while tables are rebuilt."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def install_sqlite_triggers(sender=None, using="default", **kwargs):
    """post_migrate: create the triggers and refill the table from the stories."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if not _fts_table_exists(cursor):  # migrated back before 0007, or not yet that far
            return
        for name, (when, statements) in TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {when} BEGIN {statements} END")
        cursor.execute(f"DELETE FROM {FTS}")
        for statement in _refresh("SELECT id FROM articles_article").split(";"):
            if statement.strip():
                cursor.execute(statement)


def rebuild(using="default"):
    """Rewrite every story's index entry; returns how many stories are indexed."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT articles_refresh_search(ARRAY(SELECT id FROM articles_article))")
            cursor.execute("SELECT count(*) FROM articles_articlesearchdocument")
        elif connection.vendor == "sqlite":
            install_sqlite_triggers(using=using)
            cursor.execute(f"SELECT count(*) FROM {FTS}")
        else:
            return 0
        return cursor.fetchone()[0]
