from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.text import slugify_headline
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("Türkiye'de işsizlik", "turkiyede-issizlik"),
        ("İstanbul’da ŞOK: Çağrı Iğdır'a gitti", "istanbulda-sok-cagri-igdira-gitti"),
        ("Ağrı Dağı, Muğla ve Göç", "agri-dagi-mugla-ve-goc"),
        ("Café crème in Zürich", "cafe-creme-in-zurich"),
        ("مرحبا", "mrhb"),
        ("😀 ?!", "story"),
    ],
)
def test_slugs_are_readable_ascii_for_turkish_and_other_scripts(headline, slug):
    assert slugify_headline(headline) == slug


def test_saving_an_article_fills_the_slug_from_the_headline():
    article = ArticleFactory(headline="Türkiye'de işsizlik geriledi")
    assert article.slug == "turkiyede-issizlik-geriledi"


def test_saving_keeps_a_slug_the_editor_chose():
    article = ArticleFactory(headline="A long headline", slug="short")
    assert article.slug == "short"


def test_long_headlines_give_slugs_cut_to_fit_the_field():
    slug = slugify_headline("Çok uzun " * 100)
    assert 190 <= len(slug) <= 200
    assert not slug.endswith("-")

    article = ArticleFactory(headline=("Çok uzun bir başlık " * 10).strip())
    assert len(article.slug) <= Article._meta.get_field("slug").max_length


def test_the_body_is_sanitised_on_save():
    article = ArticleFactory(
        body='<p onclick="steal()" style="color:red">Hi<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">bad</a><a href="https://example.org">good</a>'
        "<iframe src='https://evil.example'></iframe><h2>Sub</h2><blockquote><p>Q</p></blockquote>"
    )
    article.refresh_from_db()
    assert "<script" not in article.body
    assert "onclick" not in article.body
    assert "style" not in article.body
    assert "javascript:" not in article.body
    assert "<iframe" not in article.body
    assert '<a href="https://example.org" rel="noopener noreferrer">good</a>' in article.body
    assert "<h2>Sub</h2><blockquote><p>Q</p></blockquote>" in article.body


def test_published_means_published_and_due():
    now = timezone.now()
    visible = ArticleFactory(published_at=now - timedelta(minutes=1))
    ArticleFactory(status=Article.Status.DRAFT, published_at=now - timedelta(days=1))
    ArticleFactory(published_at=now + timedelta(minutes=5))  # scheduled

    assert list(Article.objects.published()) == [visible]


def test_a_scheduled_story_becomes_visible_when_its_time_arrives(time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    scheduled = ArticleFactory(published_at=now + timedelta(hours=2))
    assert not Article.objects.published().exists()
    assert not scheduled.is_visible_to_readers

    time_machine.move_to(now + timedelta(hours=2, seconds=1), tick=False)
    assert list(Article.objects.published()) == [scheduled]


def test_updated_is_reported_only_well_after_publication(settings):
    settings.ARTICLE_UPDATED_THRESHOLD_MINUTES = 30
    published_at = timezone.now() - timedelta(hours=3)
    article = ArticleFactory(published_at=published_at)

    Article.objects.filter(pk=article.pk).update(updated_at=published_at + timedelta(minutes=5))
    article.refresh_from_db()
    assert not article.was_updated

    Article.objects.filter(pk=article.pk).update(updated_at=published_at + timedelta(minutes=45))
    article.refresh_from_db()
    assert article.was_updated


def test_the_article_url_carries_its_number_and_slug():
    article = ArticleFactory(headline="Ankara budget vote")
    assert article.get_absolute_url() == f"/news/{article.pk}/ankara-budget-vote/"


def test_related_stories_prefer_shared_tags_then_the_section():
    article = ArticleFactory(tags=["economy", "inflation"])
    two_shared = ArticleFactory(
        tags=["economy", "inflation"], published_at=timezone.now() - timedelta(days=3)
    )
    one_shared = ArticleFactory(tags=["economy"], published_at=timezone.now() - timedelta(days=2))
    same_section = ArticleFactory(section=article.section)
    unrelated = ArticleFactory(tags=["football"])

    related = list(Article.objects.published().related_to(article, limit=4))

    assert related[:2] == [two_shared, one_shared]
    assert same_section in related
    assert unrelated not in related and article not in related
