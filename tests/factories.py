"""One place that builds test data. Pictures are real JPEGs made by Pillow, tiny to keep tests fast."""

import io
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article, Author, GalleryImage, Image, Section, Source


def jpeg_bytes(width=32, height=18, colour=(200, 40, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    order = factory.Sequence(lambda n: n)
    description = "Stories from this desk."


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    short_name = factory.Sequence(lambda n: f"AG{n}")
    name = factory.Sequence(lambda n: f"Agency {n}")
    slug = factory.Sequence(lambda n: f"agency-{n}")
    url = "https://agency.example.org/"


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    role = "Correspondent"


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    file = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), name="picture.jpg"))
    alt_text = "A red rectangle"
    caption = factory.Sequence(lambda n: f"Caption of picture {n}")
    credit = "Photo: Test Desk"


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published story an hour old, with a hero image; pass status/published_at to vary it."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    standfirst = "A short summary of the story."
    body = "<p>First paragraph.</p><p>Second paragraph.</p>"
    section = factory.SubFactory(SectionFactory)
    source = factory.SubFactory(SourceFactory)
    hero_image = factory.SubFactory(ImageFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.add(*extracted)

    @factory.post_generation
    def gallery(self, create, extracted, **kwargs):
        if create and extracted:
            for order, image in enumerate(extracted):
                GalleryImage.objects.create(article=self, image=image, order=order)
