"""Pictures for the demo newsroom, drawn with Pillow: a section palette and a seeded scene.

Each picture is a real JPEG of news-photo proportions (16:9), different for every seed, so the
site's image handling (renditions, lazy loading, galleries) is exercised with believable files.
"""

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

from . import scenes, scenes_graphic

WIDTH, HEIGHT = 1200, 675
JPEG_QUALITY = 80


@dataclass(frozen=True)
class Palette:
    name: str
    sky_top: tuple
    sky_bottom: tuple
    dark: tuple
    mid: tuple
    accent: tuple
    light: tuple


PALETTES = {
    "turkiye": Palette(
        "crimson and cream",
        (40, 36, 78),
        (214, 96, 78),
        (34, 24, 40),
        (150, 46, 56),
        (206, 32, 48),
        (248, 232, 206),
    ),
    "world": Palette(
        "deep blue and gold",
        (12, 28, 70),
        (58, 110, 170),
        (10, 18, 40),
        (44, 88, 150),
        (232, 178, 60),
        (236, 240, 248),
    ),
    "politics": Palette(
        "slate and scarlet",
        (70, 80, 104),
        (176, 186, 204),
        (30, 34, 48),
        (96, 104, 126),
        (196, 44, 52),
        (244, 242, 236),
    ),
    "economy": Palette(
        "navy and amber",
        (20, 40, 80),
        (90, 130, 180),
        (18, 28, 52),
        (56, 92, 150),
        (240, 150, 40),
        (246, 244, 238),
    ),
    "business": Palette(
        "teal and orange",
        (16, 70, 84),
        (120, 180, 190),
        (14, 40, 48),
        (30, 120, 130),
        (236, 110, 40),
        (240, 246, 244),
    ),
    "science-technology": Palette(
        "indigo and cyan",
        (20, 16, 60),
        (70, 60, 150),
        (12, 10, 36),
        (80, 70, 190),
        (40, 220, 230),
        (220, 240, 255),
    ),
    "health": Palette(
        "sea green and coral",
        (120, 190, 190),
        (220, 240, 236),
        (24, 70, 70),
        (60, 160, 150),
        (236, 96, 90),
        (250, 252, 250),
    ),
    "sport": Palette(
        "pitch green and yellow",
        (40, 90, 60),
        (120, 180, 110),
        (16, 40, 24),
        (60, 140, 80),
        (250, 210, 40),
        (250, 250, 244),
    ),
    "culture-arts": Palette(
        "plum and ochre",
        (60, 24, 70),
        (170, 90, 120),
        (30, 12, 36),
        (110, 50, 120),
        (200, 40, 60),
        (246, 220, 160),
    ),
    "environment": Palette(
        "forest green and sky blue",
        (90, 150, 210),
        (200, 226, 236),
        (20, 54, 34),
        (70, 130, 70),
        (210, 140, 60),
        (250, 248, 232),
    ),
}
DEFAULT_PALETTE = PALETTES["world"]

SCENES = {
    "skyline": scenes.skyline,
    "sea": scenes.sea_and_hills,
    "forest": scenes.forest_and_turbines,
    "drought": scenes.dry_earth,
    "port": scenes.port,
    "factory": scenes.factory,
    "parliament": scenes.parliament,
    "chart": scenes_graphic.chart,
    "pitch": scenes_graphic.pitch,
    "track": scenes_graphic.running_track,
    "molecules": scenes_graphic.molecules,
    "circuit": scenes_graphic.circuit,
    "globe": scenes_graphic.globe,
    "heartbeat": scenes_graphic.heartbeat,
    "stage": scenes_graphic.stage,
    "abstract": scenes_graphic.abstract,
}


@dataclass(frozen=True)
class Picture:
    content: bytes
    width: int
    height: int
    description: str


def draw_picture(*, scene, section_slug, seed):
    """A JPEG of ``scene`` in the section's colours; the same seed always draws the same picture."""
    rng = random.Random(seed)
    palette = PALETTES.get(section_slug, DEFAULT_PALETTE)
    picture = Image.new("RGB", (WIDTH, HEIGHT), palette.sky_bottom)
    description = SCENES[scene](picture, ImageDraw.Draw(picture, "RGBA"), rng, palette)
    # A little grain keeps the flat fills from looking like clip art, and differs per seed.
    grain_size = (WIDTH // 3, HEIGHT // 3)
    grain = Image.frombytes("L", grain_size, rng.randbytes(grain_size[0] * grain_size[1]))
    picture = Image.blend(
        picture, grain.resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR).convert("RGB"), 0.04
    )
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=False)
    alt_text = f"Illustration in {palette.name}: {description}"
    return Picture(buffer.getvalue(), WIDTH, HEIGHT, alt_text[:250])
