"""A QR code as inline SVG: drawn here, so the key never leaves the site. It has its own
white background, so it scans in the admin's dark theme too."""

import qrcode
import qrcode.image.svg


def qr_svg(text):
    """The SVG element (no XML declaration) of a QR code holding `text`."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return svg[svg.index("<svg") :]
