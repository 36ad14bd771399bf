"""Article illustrations, drawn in code.

Every picture on the site is drawn here from Pillow's basic shapes, so no image is
taken from elsewhere (nothing to license or credit) and nothing binary is committed:
the loader renders a PNG from these functions. The drawings hold no text, so one
picture suits both the Lithuanian and the English article.

Each drawing is made at twice the final size and scaled down with LANCZOS, which
gives smooth edges. Run `python illustrations.py OUTDIR` to render them all.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675
SCALE = 2  # draw at 2x, then scale down for smooth edges
LINE = 4  # outline width at final size

BACKGROUND = "#f6f3ee"
SLATE = "#334155"
TEAL = "#0f766e"
TEAL_MID = "#5fb3a7"
TEAL_LIGHT = "#d3ebe6"
SAND = "#e6cfa8"
SAND_LIGHT = "#f3e6d0"
SAND_DARK = "#c9a978"
SKIN = "#f1dac3"
FAT = "#f6e7bd"
FAT_DARK = "#e8cf8f"
MUSCLE = "#ebbcaa"
FIBRE = "#cf8f7b"
CORAL = "#e8715c"
CORAL_DARK = "#c65442"
CORAL_MID = "#ef9a88"
CORAL_LIGHT = "#f4b9ab"
ICE = "#d6ecf2"
ICE_MID = "#b5dbe6"
ICE_DARK = "#8fc3d3"
STEEL = "#64748b"
PAPER = "#eef1f0"
WHITE = "#ffffff"
CLEAR = (51, 65, 85, 0)  # transparent slate: rotated layers keep clean outline edges

Point = tuple[float, float]


class _Canvas:
    """ImageDraw at SCALE, taking coordinates at final size."""

    def __init__(self, size: tuple[int, int] = (WIDTH, HEIGHT), background=BACKGROUND):
        self.img = Image.new("RGBA", (size[0] * SCALE, size[1] * SCALE), background)
        self.pen = ImageDraw.Draw(self.img)

    @staticmethod
    def _scaled(values):
        return [v * SCALE for v in values]

    def line(self, points: list[Point], fill=SLATE, width: float = LINE) -> None:
        """A polyline with round joints and round ends."""
        pts, w = [(x * SCALE, y * SCALE) for x, y in points], round(width * SCALE)
        self.pen.line(pts, fill=fill, width=w, joint="curve")
        # Curve joints leave notches on thick strokes, so those get a dot at every point.
        for x, y in pts if width >= 10 else (pts[0], pts[-1]):
            self.pen.ellipse((x - w / 2, y - w / 2, x + w / 2, y + w / 2), fill=fill)

    def shape(self, points: list[Point], fill, outline=SLATE, width: float = LINE) -> None:
        self.pen.polygon([(x * SCALE, y * SCALE) for x, y in points], fill=fill)
        if outline:
            self.line([*points, points[0]], outline, width)

    def ellipse(self, center: Point, rx, ry=None, fill=None, outline=SLATE, width=LINE):
        (x, y), ry = center, ry or rx
        box = self._scaled((x - rx, y - ry, x + rx, y + ry))
        self.pen.ellipse(box, fill=fill, outline=outline, width=round(width * SCALE))

    def rect(self, box, radius=0, fill=None, outline=SLATE, width=LINE, corners=None):
        self.pen.rounded_rectangle(
            self._scaled(box),
            radius * SCALE,
            fill=fill,
            outline=outline,
            width=round(width * SCALE),
            corners=corners,
        )

    def pie(self, center: Point, radius: float, start: float, end: float, fill) -> None:
        x, y = center
        box = self._scaled((x - radius, y - radius, x + radius, y + radius))
        self.pen.pieslice(box, start, end, fill=fill)

    def arc(self, center: Point, radius: float, start: float, end: float, fill, width=LINE):
        """An arc whose band lies inside the radius (from radius - width to radius)."""
        x, y = center
        box = self._scaled((x - radius, y - radius, x + radius, y + radius))
        self.pen.arc(box, start, end, fill=fill, width=round(width * SCALE))

    def arrow(self, points: list[Point], fill, width: float = LINE, head: float = 18) -> None:
        """A polyline ending in a filled triangular head."""
        (x0, y0), (x1, y1) = points[-2], points[-1]
        a = math.atan2(y1 - y0, x1 - x0)
        bx, by = x1 - head * math.cos(a), y1 - head * math.sin(a)
        self.line([*points[:-1], (bx, by)], fill, width)
        wx, wy = head * 0.6 * math.sin(a), head * 0.6 * math.cos(a)
        self.shape([(x1, y1), (bx + wx, by - wy), (bx - wx, by + wy)], fill, outline=fill, width=2)

    def stamp(self, layer: _Canvas, center: Point, angle: float) -> None:
        """Paste a layer, turned anticlockwise by angle degrees, centred on center."""
        turned = layer.img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
        x = round(center[0] * SCALE - turned.width / 2)
        y = round(center[1] * SCALE - turned.height / 2)
        self.img.paste(turned, (x, y), turned)

    def image(self) -> Image.Image:
        return self.img.convert("RGB").resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def _curve(*points: Point, steps: int = 24) -> list[Point]:
    """Points along a chain of cubic Bézier curves: p0, c1, c2, p1, c1, c2, p2 ..."""
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = points[i : i + 4]
        for k in range(1, steps + 1):
            t = k / steps
            u = 1 - t
            out.append(
                (
                    u**3 * ax + 3 * u * u * t * bx + 3 * u * t * t * cx + t**3 * dx,
                    u**3 * ay + 3 * u * u * t * by + 3 * u * t * t * cy + t**3 * dy,
                )
            )
    return out


def _between(a: list[Point], b: list[Point], t: float) -> list[Point]:
    """The curve a fraction t of the way from curve a to curve b (same length)."""
    return [
        (ax + (bx - ax) * t, ay + (by - ay) * t) for (ax, ay), (bx, by) in zip(a, b, strict=True)
    ]


def _mirror(points: list[Point], axis: float = WIDTH / 2) -> list[Point]:
    """The points reflected in the vertical line x = axis."""
    return [(2 * axis - x, y) for x, y in points]


def _polar(center: Point, radius: float, degrees: float) -> Point:
    """The point at radius from center, degrees clockwise from 3 o'clock (as in ImageDraw)."""
    a = math.radians(degrees)
    return center[0] + radius * math.cos(a), center[1] + radius * math.sin(a)


def _rounded_box(box, radius: float, tail: tuple[float, float, Point] | None = None):
    """Outline of a rounded box, optionally with a speech-bubble tail on its bottom edge."""
    x0, y0, x1, y1 = box
    corners = [(x1 - radius, y0 + radius), (x1 - radius, y1 - radius)]
    corners += [(x0 + radius, y1 - radius), (x0 + radius, y0 + radius)]
    points: list[Point] = []
    for i, corner in enumerate(corners):
        start = 90 * i - 90
        points += [_polar(corner, radius, start + d) for d in range(0, 91, 10)]
        if i == 1 and tail:  # the bottom edge runs from right to left
            left, right, tip = tail
            points += [(right, y1), tip, (left, y1)]
    return points


def _knot(c: _Canvas, center: Point, rx: float, ry: float) -> None:
    """A tight, tender knot: a coral lump with rings pulled in towards its middle."""
    c.ellipse(center, rx, ry, fill=CORAL, width=3)
    c.ellipse(center, rx * 0.62, ry * 0.58, outline=CORAL_DARK, width=3)
    c.ellipse(center, rx * 0.25, ry * 0.25, fill=CORAL_DARK, outline=None)


def _fibres(c: _Canvas, x0: float, x1: float, ys: range, knot: Point, reach: float) -> None:
    """Parallel muscle fibres that bulge apart around a knot."""
    kx, ky = knot
    for y in ys:
        gap = y - ky
        push = max(0.0, reach - abs(gap)) * (1 if gap >= 0 else -1)
        xs = range(int(x0), int(x1) + 1, 8)
        c.line([(x, y + push * math.exp(-(((x - kx) / reach) ** 2))) for x in xs], FIBRE, 3)


def _syringe(c: _Canvas, tip: Point, angle: float, needle: float) -> None:
    """A small syringe with its needle tip at tip, rising at angle degrees."""
    mid = 50
    layer = _Canvas((round(needle) + 282, 2 * mid), background=CLEAR)
    layer.line([(2, mid), (needle, mid)], STEEL, 3)
    hub = [(needle, mid - 6), (needle + 34, mid - 15), (needle + 34, mid + 15), (needle, mid + 6)]
    layer.shape(hub, TEAL, width=3)
    layer.rect((needle + 34, mid - 24, needle + 214, mid + 24), 10, fill=WHITE, width=3)
    layer.rect((needle + 38, mid - 20, needle + 130, mid + 20), 6, fill=TEAL_MID, outline=None)
    layer.rect((needle + 206, mid - 40, needle + 218, mid + 40), 5, fill=SAND, width=3)
    layer.rect((needle + 218, mid - 8, needle + 266, mid + 8), 3, fill=SAND, width=3)
    layer.rect((needle + 262, mid - 30, needle + 276, mid + 30), 5, fill=SAND, width=3)
    half = layer.img.width / SCALE / 2
    centre = (
        tip[0] + half * math.cos(math.radians(angle)),
        tip[1] - half * math.sin(math.radians(angle)),
    )
    c.stamp(layer, centre, angle)


def trigger_point() -> Image.Image:
    """A knot in the shoulder muscle sending pain up the neck and down the arm."""
    c = _Canvas()
    right = _curve(
        (652, 236), (750, 262), (970, 270), (1022, 340), (1060, 395), (1065, 520), (1072, 675)
    )
    left = _mirror(right)
    c.shape([(548, 120), (652, 120), (652, 250), (548, 250)], SKIN, outline=None)
    c.shape(left[::-1] + right, SKIN, outline=None)
    c.ellipse((600, 100), 78, fill=SKIN, outline=None)
    # Where the pain is felt: the side of the head, the neck and the upper arm.
    for center, rx, ry in (((640, 96), 24, 30), ((622, 206), 18, 32), ((1000, 500), 36, 80)):
        c.ellipse(center, rx, ry, fill=CORAL_LIGHT, outline=None)
    for side in (left, right):
        c.line(side)
        c.line([(side[0][0], 156), side[0]])
    c.ellipse((600, 100), 78)
    armpit = _curve((932, 440), (926, 520), (930, 600), (934, 675))
    c.line(armpit, SLATE, 3)
    c.line(_mirror(armpit), SLATE, 3)

    # The trapezius muscle on each shoulder, drawn as parallel fibres.
    top = _curve((652, 252), (760, 270), (920, 278), (990, 338))
    bottom = _curve((652, 330), (760, 342), (900, 352), (975, 382))
    for side in (lambda p: p, _mirror):
        c.shape(side(top + bottom[::-1]), MUSCLE, width=3)
        for t in (0.2, 0.4, 0.6, 0.8):
            c.line(side(_between(top, bottom, t)), FIBRE, 3)

    # The knot, with waves of pain spreading towards the neck and the arm.
    knot = (800, 310)
    for radius, colour in ((42, CORAL), (56, CORAL_MID), (70, CORAL_LIGHT)):
        c.arc(knot, radius, 194, 228, colour, 6)
        c.arc(knot, radius, 26, 68, colour, 6)
    _knot(c, knot, 30, 22)
    c.arrow(_curve((712, 288), (676, 280), (634, 284), (624, 246)), CORAL, 5)
    c.arrow(_curve((876, 370), (930, 410), (966, 432), (988, 452)), CORAL, 5)
    return c.image()


def injection() -> Image.Image:
    """A fine needle entering a knot in a muscle, seen in a slice of skin, fat and muscle."""
    c = _Canvas()
    box, radius = (90, 300, 1110, 640), 28
    c.rect(box, radius, fill=SKIN, outline=None)
    c.rect((90, 338, 1110, 392), fill=FAT, outline=None)
    c.rect(
        (90, 392, 1110, 640), radius, fill=MUSCLE, outline=None, corners=(False, False, True, True)
    )
    for x in range(120, 1100, 56):
        c.ellipse((x, 365), 20, 14, outline=FAT_DARK, width=2)
    knot = (560, 500)
    _fibres(c, 92, 1108, range(414, 626, 24), knot, 84)
    _knot(c, knot, 70, 42)
    c.line([(90, 338), (1110, 338)], SLATE, 2)
    c.line([(90, 392), (1110, 392)], SLATE, 2)
    c.rect(box, radius)
    _syringe(c, (548, 488), 55, 300)
    return c.image()


def ultrasound() -> Image.Image:
    """An ultrasound probe on the skin; its beam shows the muscle and the needle at the target."""
    c = _Canvas()
    apex = (470, 300)  # the middle of the probe's face, on the skin
    c.rect((-10, apex[1], WIDTH + 10, HEIGHT + 10), fill=SKIN, outline=None)
    # The beam: a fan in which the muscle layer and the target can be seen.
    c.pie(apex, 330, 55, 125, TEAL_LIGHT)
    c.pie(apex, 262, 56, 124, MUSCLE)
    c.pie(apex, 168, 55, 125, TEAL_LIGHT)
    for r in (192, 214, 236):
        c.arc(apex, r, 57, 123, FIBRE, 3)
    c.arc(apex, 331, 55, 125, TEAL, 3)
    c.line([_polar(apex, 330, 55), apex, _polar(apex, 330, 125)], TEAL, 3)
    target = _polar(apex, 212, 80)
    _knot(c, target, 32, 20)
    c.line([(-10, apex[1]), (WIDTH + 10, apex[1])])

    # The probe and its cable.
    c.line(_curve((470, 70), (470, 20), (400, 10), (330, -30)), SLATE, 12)
    dome = [_polar((470, 96), 36, d) for d in range(180, 361, 10)]
    c.shape([(398, 262), (434, 150), *dome, (506, 150), (542, 262)], WHITE)
    c.rect((384, 256, 556, 300), 14, fill=TEAL)
    c.line([(448, 190), (492, 190)], TEAL_MID, 6)

    _syringe(c, (target[0] + 18, target[1] - 10), 40, 360)
    return c.image()


def safety() -> Image.Image:
    """A shield with a plus sign, and a small plaster on the skin of an arm."""
    c = _Canvas()
    c.ellipse((400, 338), 250, fill=TEAL_LIGHT, outline=None)
    half = _curve(
        (400, 104), (360, 136), (290, 152), (218, 150), (218, 330), (250, 470), (400, 576)
    )
    c.shape(half + _mirror(half, 400)[::-1], TEAL)
    inner = _curve(
        (400, 136), (366, 160), (306, 176), (250, 176), (252, 326), (280, 440), (400, 536)
    )
    c.line(inner + _mirror(inner, 400)[::-1][1:], TEAL_MID, 5)
    c.rect((372, 236, 428, 436), 12, fill=WHITE, outline=None)
    c.rect((300, 308, 500, 364), 12, fill=WHITE, outline=None)

    # An arm crossing the corner, with a plaster along it.
    angle, half_width = 39, 96
    start, end = (600, 780), (1300, 213)
    across = (
        half_width * math.sin(math.radians(angle)),
        half_width * math.cos(math.radians(angle)),
    )
    arm = [
        (x + s * across[0], y + s * across[1])
        for (x, y), s in ((start, -1), (end, -1), (end, 1), (start, 1))
    ]
    c.shape(arm, SKIN)
    plaster = _Canvas((250, 96), background=CLEAR)
    plaster.rect((2, 2, 248, 94), 44, fill=SAND, width=3)
    plaster.rect((84, 14, 166, 82), 10, fill=SAND_LIGHT, outline=SAND_DARK, width=3)
    for x in (34, 54, 196, 216):
        for y in (36, 60):
            plaster.ellipse((x, y), 3.5, fill=SAND_DARK, outline=None)
    c.stamp(plaster, _polar(start, 470, -angle), angle)
    return c.image()


def aftercare() -> Image.Image:
    """A calendar of the days after a procedure, an ice pack and a stretching figure."""
    c = _Canvas()
    c.ellipse((975, 370), 200, fill=SAND_LIGHT, outline=None)  # behind the stretching figure
    # Calendar: procedure day in coral, two easy days in sand, a physiotherapy visit in teal.
    c.rect((90, 120, 510, 560), 24, fill=WHITE)
    c.rect((90, 120, 510, 204), 24, fill=TEAL, corners=(True, True, False, False))
    for x in (180, 420):
        c.rect((x - 10, 92, x + 10, 146), 10, fill=SLATE, outline=None)
    marks = {(0, 1): CORAL, (0, 2): SAND, (0, 3): SAND, (1, 3): TEAL_MID}
    for row in range(4):
        for col in range(5):
            x, y = 122 + col * 74, 228 + row * 80
            c.rect((x, y, x + 60, y + 62), 10, fill=marks.get((row, col), PAPER), outline=None)
    c.line([(345, 339), (358, 352), (380, 326)], WHITE, 7)

    # A gel ice pack with a crimped seal and a snowflake, lying at a slight tilt.
    pack = _Canvas((250, 220), background=CLEAR)
    pack.rect((4, 4, 246, 216), 36, fill=ICE)
    pack.rect((4, 4, 246, 52), 36, fill=ICE_MID, corners=(True, True, False, False))
    pack.line([(4, 52), (246, 52)], SLATE, 3)
    for x in range(34, 220, 18):
        pack.line([(x, 18), (x, 38)], ICE_DARK, 3)
    flake = (125, 135)
    for k in range(6):
        a = 60 * k + 90
        pack.line([flake, _polar(flake, 48, a)], TEAL, 6)
        for turn in (-40, 40):
            mid = _polar(flake, 30, a)
            pack.line([mid, _polar(mid, 16, a + turn)], TEAL, 5)
    c.stamp(pack, (690, 450), 8)

    # A side stretch: both arms raised over the head, the body bending to one side.
    c.line([(880, 612), (1120, 612)], SAND, 8)
    hands = (904, 138)
    limbs = [
        [(968, 600), (990, 520), (1010, 440), (1030, 520), (1052, 600)],
        _curve((1010, 440), (1018, 384), (1008, 336), (985, 304)),
        _curve((992, 300), (1046, 262), (1024, 166), hands),
        _curve((978, 306), (912, 302), (874, 222), hands),
    ]
    for limb in limbs:
        c.line(limb, TEAL, 24)
    c.ellipse((958, 254), 31, fill=TEAL, outline=None)
    return c.image()


def questions() -> Image.Image:
    """A speech bubble with a question mark, and a smaller answering bubble."""
    c = _Canvas()
    c.shape(_rounded_box((740, 330, 1040, 520), 60, (920, 980, (1050, 600))), SAND_LIGHT)
    for x in (834, 894, 954):
        c.ellipse((x, 428), 14, fill=SAND, outline=None)
    c.shape(_rounded_box((230, 100, 790, 470), 70, (330, 440, (290, 590))), TEAL)
    # The question mark: a hook, a short stem and a dot.
    hook, r, w = (510, 228), 64, 34  # the hook's band runs from r - w to r
    c.arc(hook, r, 180, 90, WHITE, w)
    c.ellipse((hook[0] - r + w / 2, hook[1]), w / 2, fill=WHITE, outline=None)
    c.line([(hook[0], hook[1] + r - w / 2), (hook[0], 330)], WHITE, w)
    c.ellipse((hook[0], 395), 22, fill=WHITE, outline=None)
    return c.image()


ILLUSTRATIONS: dict[str, Callable[[], Image.Image]] = {
    "trigger_point": trigger_point,
    "injection": injection,
    "ultrasound": ultrasound,
    "safety": safety,
    "aftercare": aftercare,
    "questions": questions,
}


def draw(name: str) -> Image.Image:
    """Return the illustration called name (hyphens or underscores) as a 1200x675 RGB image."""
    key = name.replace("-", "_")
    if key not in ILLUSTRATIONS:
        raise KeyError(f"Unknown illustration {name!r}; choose from {', '.join(ILLUSTRATIONS)}")
    return ILLUSTRATIONS[key]()


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for illustration in ILLUSTRATIONS:
        draw(illustration).save(out / f"{illustration}.png", optimize=True)
