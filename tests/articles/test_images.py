from django.core.files.storage import FileSystemStorage
from PIL import Image

from articles import images
from tests.articles.factories import png_upload


def test_renditions_are_webp_files_of_the_standard_widths(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    renditions = images.make_renditions(png_upload(size=(1600, 900)), storage)
    assert [size["width"] for size in renditions["sizes"]] == [480, 800, 1200]
    for size in renditions["sizes"]:
        with Image.open(storage.path(size["name"])) as picture:
            assert picture.format == "WEBP"
            assert picture.size == (size["width"], size["height"])
    assert renditions["sizes"][0]["height"] == 270


def test_a_small_image_is_never_enlarged(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    renditions = images.make_renditions(png_upload(size=(600, 400)), storage)
    assert [size["width"] for size in renditions["sizes"]] == [480, 600]


def test_deleting_renditions_removes_their_files(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    renditions = images.make_renditions(png_upload(), storage)
    images.delete_renditions(renditions, storage)
    assert not any(storage.exists(size["name"]) for size in renditions["sizes"])
