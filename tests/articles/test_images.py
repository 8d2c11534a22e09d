import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from articles.images import validate_news_image
from articles.models import Image
from tests.factories import jpeg_bytes

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def picture_bytes(fmt="JPEG", size=(40, 20), mode="RGB", **save_options):
    buffer = io.BytesIO()
    PILImage.new(mode, size, "white").save(buffer, fmt, **save_options)
    return buffer.getvalue()


def jpeg_with_gps_rotated_for_portrait():
    """A 40×20 JPEG whose EXIF says "rotate 90°" and carries a GPS position, like a phone photo."""
    exif = PILImage.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (41.0, 1.0, 30.0), 3: "E", 4: (28.0, 58.0, 40.0)})
    return picture_bytes(exif=exif.tobytes())


def upload(content, name="picture.jpg"):
    return SimpleUploadedFile(name, content)


def errors_of(file):
    with pytest.raises(ValidationError) as caught:
        validate_news_image(file)
    return caught.value


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_real_pictures_in_the_accepted_formats_pass(fmt):
    validate_news_image(upload(picture_bytes(fmt), name="picture.bin"))


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "logo.svg"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "logo.jpg"),
        (b"<html><script>alert(document.cookie)</script></html>", "page.png"),
        (b"MZ\x90\x00 not a picture at all", "photo.jpg"),
        (b"", "empty.jpg"),
        (jpeg_bytes(200, 100)[:300], "truncated.jpg"),
        (b"%PDF-1.4 fake", "scan.jpg"),
    ],
    ids=["svg", "svg-named-jpg", "html-named-png", "executable", "empty", "truncated-jpeg", "pdf"],
)
def test_anything_that_is_not_a_readable_picture_is_refused_whatever_its_name(content, name):
    error = errors_of(upload(content, name))
    assert error.code == "not_an_image"
    assert "not a picture we can read" in error.messages[0]


def test_other_picture_formats_are_refused_with_the_list_of_accepted_ones():
    error = errors_of(upload(picture_bytes("BMP"), "scan.bmp"))
    assert error.code == "unsupported_format"
    assert "BMP" in error.messages[0] and "JPEG, PNG, WebP or GIF" in error.messages[0]


def test_a_huge_upload_is_refused_with_its_size_and_the_limit(settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    error = errors_of(upload(jpeg_bytes() + b"\0" * (30 * 1024 * 1024), "huge.jpg"))
    assert error.code == "file_too_large"
    assert "30.0\xa0MB" in error.messages[0] and "20.0\xa0MB" in error.messages[0]


def test_a_sixty_megapixel_png_is_refused_before_it_is_decoded(settings):
    settings.IMAGE_MAX_PIXELS = 50_000_000
    error = errors_of(upload(picture_bytes("PNG", size=(10_000, 6_000), mode="1"), "bomb.png"))
    assert error.code == "too_many_pixels"
    assert "10000 × 6000" in error.messages[0] and "60.0 megapixels" in error.messages[0]


def test_saving_a_picture_strips_its_metadata_and_applies_its_orientation():
    image = Image.objects.create(
        file=upload(jpeg_with_gps_rotated_for_portrait(), "phone-photo.jpeg"), alt_text="A street"
    )

    with PILImage.open(image.file.path) as stored:
        assert stored.size == (20, 40)  # turned upright
        exif = stored.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert ORIENTATION not in exif and 0x010F not in exif
    assert (image.width, image.height) == (20, 40)
    assert image.file.name.endswith(".jpg")


def test_a_png_stays_a_png_and_loses_its_text_metadata():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Secret Source")
    image = Image.objects.create(
        file=upload(picture_bytes("PNG", pnginfo=info), "chart.png"), alt_text="A chart"
    )

    with PILImage.open(image.file.path) as stored:
        assert stored.format == "PNG"
        assert "Author" not in stored.info


SECRET_COMMENT = b"GPS 41.0N photographer phone"


def jpeg_with_comment_and_exif():
    """A JPEG with a COM segment and EXIF naming the camera, as a phone or an editing app writes it."""
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (41.0, 1.0, 30.0)})
    return picture_bytes(comment=SECRET_COMMENT, exif=exif.tobytes())


def test_saving_a_jpeg_drops_its_comment_segment_as_well_as_its_exif():
    original = jpeg_with_comment_and_exif()
    assert SECRET_COMMENT in original and b"Exif" in original and b"PhoneMaker" in original

    image = Image.objects.create(file=upload(original, "phone.jpg"), alt_text="A street")

    stored = image.file.read()
    assert SECRET_COMMENT not in stored
    assert b"Exif" not in stored and b"PhoneMaker" not in stored
    with PILImage.open(io.BytesIO(stored)) as picture:
        assert "comment" not in picture.info and "exif" not in picture.info


def test_saving_a_gif_drops_its_comment():
    image = Image.objects.create(
        file=upload(picture_bytes("GIF", mode="P", comment=SECRET_COMMENT), "chart.gif"),
        alt_text="A chart",
    )

    assert SECRET_COMMENT not in image.file.read()


def test_the_colour_profile_and_transparency_are_kept():
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    jpeg = Image.objects.create(
        file=upload(picture_bytes(icc_profile=profile), "colour.jpg"), alt_text="Colour"
    )
    png = Image.objects.create(
        file=upload(picture_bytes("PNG", mode="P", transparency=0), "logo.png"), alt_text="Logo"
    )

    with PILImage.open(jpeg.file.path) as stored:
        assert stored.info["icc_profile"] == profile
    with PILImage.open(png.file.path) as stored:
        assert stored.info["transparency"] == 0


def test_saving_again_does_not_re_encode_the_stored_file():
    image = Image.objects.create(file=upload(jpeg_bytes(), "once.jpg"), alt_text="Once")
    name = image.file.name
    image.caption = "New caption"
    image.save()
    assert image.file.name == name


def test_article_pages_serve_webp_and_jpeg_renditions_through_srcset(client):
    from django.core.files.base import ContentFile

    from tests.factories import ArticleFactory, ImageFactory

    hero = ImageFactory(file=ContentFile(jpeg_bytes(1000, 500), name="wide.jpg"))
    article = ArticleFactory(hero_image=hero)

    html = client.get(article.get_absolute_url()).content.decode()

    webp_srcset = hero.webp_srcset
    assert [part.rsplit(" ", 1)[1] for part in webp_srcset.split(", ")] == ["480w", "800w", "1000w"]
    assert (
        f'<source type="image/webp" srcset="{webp_srcset}" sizes="(min-width: 48rem) 42rem, 100vw">'
        in html
    )
    assert f'srcset="{hero.jpeg_srcset}"' in html
    assert 'width="1000" height="500"' in html
    for url_and_width in webp_srcset.split(", "):
        url, width = url_and_width.split(" ")
        response = client.get(url)
        assert response.status_code == 200
        with PILImage.open(io.BytesIO(b"".join(response.streaming_content))) as rendition:
            assert rendition.format == "WEBP"
            assert rendition.width == int(width.rstrip("w"))


def test_renditions_are_made_once_and_reused():
    from django.core.files.base import ContentFile

    from tests.factories import ImageFactory

    image = ImageFactory(file=ContentFile(jpeg_bytes(900, 450), name="reuse.jpg"))
    first_url = image.jpeg_800.url
    path = image.jpeg_800.path
    made_at = os.path.getmtime(path)

    again = Image.objects.get(pk=image.pk)
    assert again.jpeg_800.url == first_url
    assert os.path.getmtime(path) == made_at


@pytest.mark.django_db
def test_an_editor_changes_a_pictures_caption_without_uploading_it_again(admin_client):
    """Found by the hostile-input walk: the stored picture was checked again through a file
    Django had closed after reading its size, and every caption edit was a 500."""
    from tests.factories import ImageFactory

    image = ImageFactory(caption="Old caption")
    stored = image.file.name
    response = admin_client.post(
        f"/admin/articles/image/{image.pk}/change/",
        {"alt_text": image.alt_text, "caption": "New caption", "credit": image.credit},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.caption, image.file.name) == ("New caption", stored)
