"""Responsive renditions of an uploaded article image, made once when the article is saved.

Each rendition is a WebP file of a fixed width (never wider than the upload), stored next
to the upload. The page offers them in `srcset`, so a phone downloads a small file and a
wide screen a sharp one; a page view only reads the stored names and sizes.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

RENDITION_WIDTHS = (480, 800, 1200)
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
