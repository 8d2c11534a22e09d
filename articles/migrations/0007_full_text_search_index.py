"""A real full-text index for /search/, kept up to date by the database itself.

PostgreSQL: a weighted tsvector per story (headline A; tags and standfirst B; section and
source C; body D) in articles_articlesearchdocument, with a GIN index, built with an English
stemming configuration that also removes accents (unaccent), so "Turkiye" finds "Türkiye".

SQLite: an FTS5 table (porter stemming, unicode61 with remove_diacritics 2) holding the same
five fields, folded to ASCII by the Python function articles_search_text (registered on every
connection by ArticlesConfig.ready()), which also handles letters FTS5 does not fold, such as
the Turkish dotless ı.

Either way triggers on stories, taggings, tags, sections and sources refresh the index (on
SQLite they are installed after each migrate: see articles/search_index.py).
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# --- PostgreSQL ---------------------------------------------------------------------------

PG_CONFIG = "articles_english_unaccent"

PG_CREATE = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = english);
ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG}
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

CREATE FUNCTION articles_search_vector(story_id bigint) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('{PG_CONFIG}', a.headline), 'A')
        || setweight(to_tsvector('{PG_CONFIG}', coalesce((
               SELECT string_agg(t.name, ' ')
               FROM articles_taggedarticle ta JOIN taggit_tag t ON t.id = ta.tag_id
               WHERE ta.content_object_id = a.id), '')), 'B')
        || setweight(to_tsvector('{PG_CONFIG}', a.standfirst), 'B')
        || setweight(to_tsvector('{PG_CONFIG}',
               s.name || ' ' || coalesce(src.name || ' ' || src.short_name, '')), 'C')
        || setweight(to_tsvector('{PG_CONFIG}', regexp_replace(
               regexp_replace(a.body, '<[^>]*>', ' ', 'g'), '&[#[:alnum:]]+;', ' ', 'g')), 'D')
    FROM articles_article a
    JOIN articles_section s ON s.id = a.section_id
    LEFT JOIN articles_source src ON src.id = a.source_id
    WHERE a.id = story_id
$$;

CREATE FUNCTION articles_refresh_search(story_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM articles_articlesearchdocument d
    WHERE d.article_id = ANY(story_ids)
      AND NOT EXISTS (SELECT 1 FROM articles_article a WHERE a.id = d.article_id);
    INSERT INTO articles_articlesearchdocument (article_id, vector)
    SELECT a.id, articles_search_vector(a.id) FROM articles_article a WHERE a.id = ANY(story_ids)
    ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector;
$$;

CREATE FUNCTION articles_search_on_article() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM articles_articlesearchdocument WHERE article_id = OLD.id;
    ELSE
        PERFORM articles_refresh_search(ARRAY[NEW.id]);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER articles_search_article
    AFTER INSERT OR DELETE OR UPDATE OF headline, standfirst, body, section_id, source_id
    ON articles_article FOR EACH ROW EXECUTE FUNCTION articles_search_on_article();

CREATE FUNCTION articles_search_on_tagging() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM articles_refresh_search(ARRAY[OLD.content_object_id]);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM articles_refresh_search(ARRAY[NEW.content_object_id]);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER articles_search_tagging
    AFTER INSERT OR UPDATE OR DELETE ON articles_taggedarticle
    FOR EACH ROW EXECUTE FUNCTION articles_search_on_tagging();

CREATE FUNCTION articles_search_on_label() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'taggit_tag' THEN
        PERFORM articles_refresh_search(ARRAY(
            SELECT content_object_id FROM articles_taggedarticle WHERE tag_id = NEW.id));
    ELSIF TG_TABLE_NAME = 'articles_section' THEN
        PERFORM articles_refresh_search(ARRAY(
            SELECT id FROM articles_article WHERE section_id = NEW.id));
    ELSE
        PERFORM articles_refresh_search(ARRAY(
            SELECT id FROM articles_article WHERE source_id = NEW.id));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER articles_search_tag AFTER UPDATE OF name ON taggit_tag
    FOR EACH ROW EXECUTE FUNCTION articles_search_on_label();
CREATE TRIGGER articles_search_section AFTER UPDATE OF name ON articles_section
    FOR EACH ROW EXECUTE FUNCTION articles_search_on_label();
CREATE TRIGGER articles_search_source AFTER UPDATE OF name, short_name ON articles_source
    FOR EACH ROW EXECUTE FUNCTION articles_search_on_label();

CREATE INDEX articles_search_vector_gin ON articles_articlesearchdocument USING gin (vector);

SELECT articles_refresh_search(ARRAY(SELECT id FROM articles_article));
"""

PG_DROP = f"""
DROP TRIGGER IF EXISTS articles_search_source ON articles_source;
DROP TRIGGER IF EXISTS articles_search_section ON articles_section;
DROP TRIGGER IF EXISTS articles_search_tag ON taggit_tag;
DROP TRIGGER IF EXISTS articles_search_tagging ON articles_taggedarticle;
DROP TRIGGER IF EXISTS articles_search_article ON articles_article;
DROP FUNCTION IF EXISTS articles_search_on_label();
DROP FUNCTION IF EXISTS articles_search_on_tagging();
DROP FUNCTION IF EXISTS articles_search_on_article();
DROP FUNCTION IF EXISTS articles_refresh_search(bigint[]);
DROP FUNCTION IF EXISTS articles_search_vector(bigint);
DROP INDEX IF EXISTS articles_search_vector_gin;
DROP TEXT SEARCH CONFIGURATION IF EXISTS {PG_CONFIG};
"""

# --- SQLite -------------------------------------------------------------------------------
# Only the FTS5 table here. Its triggers are dropped before and recreated after every migrate,
# and the table refilled (articles.search_index): SQLite rebuilds a table to alter it, and
# triggers that name a table being rebuilt break the rebuild or vanish with the old table.

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE articles_search_fts USING fts5("
    "headline, tags, standfirst, labels, body, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)


def create_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)


def drop_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP, params=None)
    elif vendor == "sqlite":
        from articles.search_index import drop_sqlite_triggers

        drop_sqlite_triggers(using=schema_editor.connection.alias)
        schema_editor.execute("DROP TABLE IF EXISTS articles_search_fts")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_correction_notes_replace_the_single_field"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleSearchDocument",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
        ),
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
