"""Responsive renditions of an uploaded article image, made once when the article is saved.

Each rendition is a WebP file of a fixed width (never wider than the upload), stored next
to the upload. The page offers them in `srcset`, so a phone downloads a small file and a
wide screen a sharp one; a page view only reads the stored names and sizes.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import get_image_dimensions
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

RENDITION_WIDTHS = (480, 800, 1200)
# The widest rendition: a narrower upload would look blurred on a large screen.
MIN_UPLOAD_WIDTH = RENDITION_WIDTHS[-1]


def width_is_enough(image_file):
    try:
        validate_upload_width(image_file)
    except ValidationError:
        return False
    return True


def validate_upload_width(image_file):
    """Refuse a newly chosen image narrower than MIN_UPLOAD_WIDTH (images already stored
    are left as they are)."""
    if getattr(image_file, "_committed", True):
        return
    width, _height = get_image_dimensions(image_file)
    if width is not None and width < MIN_UPLOAD_WIDTH:
        raise ValidationError(
            _(
                "This image is %(width)s px wide. Choose one at least %(minimum)s px wide, "
                "so that it stays sharp on large screens."
            ),
            code="image_too_narrow",
            params={"width": width, "minimum": MIN_UPLOAD_WIDTH},
        )


WEBP_QUALITY = 80


def make_renditions(image_file, storage):
    """Write WebP renditions of `image_file` to `storage`.

    Returns {"source": <upload name>, "sizes": [{"name", "width", "height"}, ...]},
    narrowest first.
    """
    with Image.open(image_file) as original:
        picture = ImageOps.exif_transpose(original)
        picture = picture.convert("RGBA" if _has_transparency(picture) else "RGB")
        widths = sorted({min(width, picture.width) for width in RENDITION_WIDTHS})
        stem = PurePosixPath(image_file.name).stem
        sizes = []
        for width in widths:
            height = round(picture.height * width / picture.width)
            resized = picture.resize((width, height), Image.Resampling.LANCZOS)
            buffer = BytesIO()
            resized.save(buffer, "WEBP", quality=WEBP_QUALITY, method=6)
            name = storage.save(
                f"articles/renditions/{stem}-{width}w.webp", ContentFile(buffer.getvalue())
            )
            sizes.append({"name": name, "width": width, "height": height})
    return {"source": image_file.name, "sizes": sizes}


def delete_renditions(renditions, storage):
    for size in renditions.get("sizes", []):
        storage.delete(size["name"])


def _has_transparency(picture):
    return picture.mode in ("RGBA", "LA", "PA") or (
        picture.mode == "P" and "transparency" in picture.info
    )
