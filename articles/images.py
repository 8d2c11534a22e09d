"""Pictures: the Image model, what a picture must be before the newsroom stores it, and how it
is cleaned on the way in.

Validation trusts only what Pillow reads from the bytes, never the file name or the browser's
content type. Cleaning re-encodes the picture: orientation is applied, and EXIF (GPS position,
camera serial numbers, the photographer's software), XMP and comments are dropped, protecting
sources and staff; only the colour profile and transparency stay.
"""

import io
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

NOT_A_PICTURE = (
    "This file is not a picture we can read. Upload a JPEG, PNG, WebP or GIF (SVG is not accepted)."
)

# Pillow format name → the extension the stored file gets.
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def _rewound(file):
    file.seek(0)
    return file


def validate_news_image(file):
    """Refuse anything that is not a JPEG, PNG, WebP or GIF of sane size, with a message an editor understands."""
    if getattr(file, "_committed", False):
        # A picture already stored was checked when it came in; the model's checks see it again
        # whenever its caption or credit changes, through a file Django has already closed.
        return
    max_bytes = settings.IMAGE_MAX_UPLOAD_BYTES
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            "This file is %(size)s; pictures may be at most %(limit)s. Export it smaller (2,500 pixels wide is plenty) and try again.",
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )
    try:
        with PILImage.open(_rewound(file)) as picture:
            image_format = picture.format
            width, height = picture.size
            if image_format not in ACCEPTED_FORMATS:
                raise ValidationError(
                    "This is a %(format)s file. Upload a JPEG, PNG, WebP or GIF picture.",
                    code="unsupported_format",
                    params={"format": image_format or "unknown"},
                )
            # Checked from the header, before any pixel is decoded: a decompression bomb never expands.
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    "This picture is %(width)s × %(height)s pixels (%(megapixels)s megapixels); the limit is "
                    "%(limit)s megapixels. Resize it and try again.",
                    code="too_many_pixels",
                    params={
                        "width": width,
                        "height": height,
                        "megapixels": round(width * height / 1_000_000, 1),
                        "limit": settings.IMAGE_MAX_PIXELS // 1_000_000,
                    },
                )
            picture.verify()
        with PILImage.open(_rewound(file)) as picture:
            picture.load()  # verify() misses truncated pixel data; decoding finds it.
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        PILImage.DecompressionBombError,
    ) as error:
        raise ValidationError(NOT_A_PICTURE, code="not_an_image") from error
    finally:
        _rewound(file)


# What Pillow read from the file that the re-encoded picture keeps: how it looks, nothing else.
# The colour profile changes how the pixels render (not personal data); transparency says which
# palette entry is see-through. Everything else (EXIF, XMP, JPEG and GIF comments, PNG text, DPI)
# is dropped, since encoders copy some of it from ``info`` unasked (Pillow writes a JPEG's COM
# segment and a GIF's comment back from it).
KEPT_METADATA = ("icc_profile", "transparency")


def cleaned_image_file(file, name):
    """The picture re-encoded upright and without metadata, as a ContentFile named for its real format."""
    with PILImage.open(_rewound(file)) as picture:
        image_format = picture.format if picture.format in ACCEPTED_FORMATS else "JPEG"
        icc_profile = picture.info.get("icc_profile")
        upright = ImageOps.exif_transpose(picture)
        if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        upright.info = {key: upright.info[key] for key in KEPT_METADATA if key in upright.info}
        options = {"icc_profile": icc_profile} if icc_profile else {}
        if image_format == "JPEG":
            options.update(quality=90, optimize=True, progressive=True)
        elif image_format == "WEBP":
            options.update(quality=90)
        output = io.BytesIO()
        # No exif= or xmp= argument and a bare info: GPS, camera data and comments are gone.
        upright.save(output, image_format, **options)
    stem = PurePath(name).stem or "picture"
    return ContentFile(output.getvalue(), name=f"{stem}.{ACCEPTED_FORMATS[image_format]}")


class NewsImageFormField(forms.ImageField):
    """Django's ImageField, with our checks first so the editor reads the precise reason."""

    default_error_messages = {"invalid_image": NOT_A_PICTURE}

    def to_python(self, data):
        if data not in self.empty_values:
            validate_news_image(data)
        return super().to_python(data)


class NewsImageField(models.ImageField):
    """An ImageField whose forms use NewsImageFormField."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NewsImageFormField, **kwargs})


class Image(models.Model):
    """A picture with the words that must travel with it: alt text, caption and credit."""

    file = NewsImageField(
        "file",
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_news_image],
        help_text="JPEG, PNG, WebP or GIF. Location and camera data are removed when it is saved.",
    )
    width = models.PositiveIntegerField("width", editable=False, null=True)
    height = models.PositiveIntegerField("height", editable=False, null=True)
    alt_text = models.CharField(
        "alt text",
        max_length=250,
        help_text="What the picture shows, for readers who cannot see it. Required for publishing.",
    )
    caption = models.CharField("caption", max_length=400, blank=True)
    credit = models.CharField(
        "credit",
        max_length=120,
        blank=True,
        help_text='Photographer or agency, e.g. "Ayşe Kaya / AA".',
    )
    uploaded_at = models.DateTimeField("uploaded", auto_now_add=True)

    # Renditions for srcset: made once, on first use, then reused from storage (django-imagekit).
    # Never enlarged: a picture narrower than a rendition keeps its own width.
    webp_480 = ImageSpecField(
        source="file",
        processors=[ResizeToFit(480, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )
    webp_800 = ImageSpecField(
        source="file",
        processors=[ResizeToFit(800, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )
    webp_1200 = ImageSpecField(
        source="file",
        processors=[ResizeToFit(1200, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )
    jpeg_480 = ImageSpecField(
        source="file",
        processors=[ResizeToFit(480, upscale=False)],
        format="JPEG",
        options={"quality": 82, "progressive": True},
    )
    jpeg_800 = ImageSpecField(
        source="file",
        processors=[ResizeToFit(800, upscale=False)],
        format="JPEG",
        options={"quality": 82, "progressive": True},
    )
    jpeg_1200 = ImageSpecField(
        source="file",
        processors=[ResizeToFit(1200, upscale=False)],
        format="JPEG",
        options={"quality": 82, "progressive": True},
    )

    RENDITION_WIDTHS = (480, 800, 1200)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.caption or self.alt_text or self.file.name

    def save(self, *args, **kwargs):
        # A newly uploaded file is re-encoded once: upright, without EXIF/GPS metadata.
        if self.file and not self.file._committed:
            self.file = cleaned_image_file(self.file, self.file.name)
        super().save(*args, **kwargs)

    # Rendition names depend only on the source file, its width and the spec, so their URLs are
    # worked out once per process: imagekit hashes the spec for every .url, which cost a third of
    # a page's render time with twenty cards.
    _RENDITION_MEMO = {}

    def _memoised(self, what, build):
        key = (self.file.name, self.width, what)
        value = self._RENDITION_MEMO.get(key)
        if value is None:
            if len(self._RENDITION_MEMO) > 50_000:
                self._RENDITION_MEMO.clear()
            value = self._RENDITION_MEMO[key] = build()
        return value

    def _srcset(self, image_format):
        return self._memoised(image_format, lambda: self._build_srcset(image_format))

    def _build_srcset(self, image_format):
        """ "url 480w, url 800w, …": each rendition with the width it really has."""
        parts = []
        for width in self.RENDITION_WIDTHS:
            actual_width = min(width, self.width or width)
            parts.append(f"{getattr(self, f'{image_format}_{width}').url} {actual_width}w")
            if (
                actual_width < width
            ):  # the picture is narrower: larger renditions would be this one again
                break
        return ", ".join(parts)

    @property
    def webp_srcset(self):
        return self._srcset("webp")

    @property
    def jpeg_srcset(self):
        return self._srcset("jpeg")

    @property
    def fallback_url(self):
        """The JPEG a browser without srcset support loads."""
        return self._memoised("fallback", lambda: self.jpeg_800.url)
