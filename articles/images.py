"""What a picture must be before the newsroom stores it, and how it is cleaned on the way in.

Validation trusts only what Pillow reads from the bytes, never the file name or the browser's
content type. Cleaning re-encodes the picture: orientation is applied, and EXIF (GPS position,
camera serial numbers, the photographer's software) is dropped, protecting sources and staff.
"""

import io
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
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


def cleaned_image_file(file, name):
    """The picture re-encoded upright and without metadata, as a ContentFile named for its real format."""
    with PILImage.open(_rewound(file)) as picture:
        image_format = picture.format if picture.format in ACCEPTED_FORMATS else "JPEG"
        icc_profile = picture.info.get("icc_profile")  # colour rendition, not personal data: kept
        upright = ImageOps.exif_transpose(picture)
        if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        options = {"icc_profile": icc_profile} if icc_profile else {}
        if image_format == "JPEG":
            options.update(quality=90, optimize=True, progressive=True)
        elif image_format == "WEBP":
            options.update(quality=90)
        output = io.BytesIO()
        # No exif= argument: Pillow writes no EXIF block, so GPS and camera data are gone.
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
