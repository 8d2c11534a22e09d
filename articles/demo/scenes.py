"""Scenes for the demo pictures: landscapes and city views.

Every scene draws on an RGB picture through an RGBA ``ImageDraw`` (so fills may be translucent)
and returns a few words saying what it drew; those words become the picture's alt text.
"""

import math

from PIL import Image

# Colours are RGB tuples; the palette (see pictures.py) supplies: sky_top, sky_bottom, dark, mid,
# accent, light.


def mix(first, second, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(first, second, strict=True))


def shade(colour, rng, spread=18):
    return tuple(max(0, min(255, c + rng.randint(-spread, spread))) for c in colour)


def gradient(img, top, bottom, box=None):
    """Fill ``box`` (the whole picture by default) with a vertical gradient from top to bottom."""
    left, upper, right, lower = box or (0, 0, *img.size)
    size = (right - left, max(1, lower - upper))
    # Resized as one column first: stretching a 256-pixel ramp over a whole picture is slow.
    mask = Image.linear_gradient("L").resize((1, size[1]), Image.Resampling.BILINEAR)
    mask = mask.resize(size, Image.Resampling.NEAREST)
    img.paste(
        Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask),
        (left, upper),
    )


def ridge(rng, width, base, amplitude, step=24):
    """Points along a hill line: a few sines with random phases, so no two ranges match."""
    waves = [
        (amplitude * rng.uniform(0.3, 1.0), rng.uniform(0.5, 3.5), rng.uniform(0, math.tau))
        for _ in range(3)
    ]
    return [
        (x, base - sum(a * math.sin(f * math.tau * x / width + p) for a, f, p in waves) / 2)
        for x in range(0, width + step, step)
    ]


def sun(draw, rng, pal, width, horizon):
    x, y, r = (
        rng.randint(100, width - 100),
        rng.randint(60, max(80, horizon - 120)),
        rng.randint(36, 80),
    )
    for ring in range(3, 0, -1):
        glow = r + ring * 18
        draw.ellipse((x - glow, y - glow, x + glow, y + glow), fill=(*pal.light, 22))
    draw.ellipse((x - r, y - r, x + r, y + r), fill=pal.light)


def sky_words(rng):
    return rng.choice(
        ["at dawn", "at dusk", "in the evening", "in the morning haze", "under a clear sky"]
    )


def skyline(img, draw, rng, pal):
    width, height = img.size
    horizon = int(height * rng.uniform(0.66, 0.78))
    gradient(img, pal.sky_top, pal.sky_bottom, (0, 0, width, horizon))
    sun(draw, rng, pal, width, horizon)
    far = mix(pal.sky_bottom, pal.dark, 0.45)
    x = -rng.randint(0, 40)
    while x < width:
        w, h = rng.randint(40, 110), rng.randint(60, 230)
        draw.rectangle((x, horizon - h, x + w, horizon), fill=far)
        x += w + rng.randint(-10, 8)
    towers, x = 0, -rng.randint(0, 30)
    while x < width:
        w, h = rng.randint(50, 140), rng.randint(90, int(horizon * 0.8))
        body = shade(pal.dark, rng, 10)
        draw.rectangle((x, horizon - h, x + w, horizon), fill=body)
        for wy in range(horizon - h + 14, horizon - 12, 22):
            for wx in range(x + 10, x + w - 14, 18):
                if rng.random() < 0.45:
                    draw.rectangle(
                        (wx, wy, wx + 8, wy + 11), fill=(*pal.light, rng.randint(90, 220))
                    )
        x += w + rng.randint(6, 40)
        towers += 1
    domes = rng.random() < 0.5
    if domes:
        cx, r = rng.randint(200, width - 200), rng.randint(60, 95)
        draw.rectangle((cx - r - 20, horizon - r, cx + r + 20, horizon), fill=pal.dark)
        draw.pieslice((cx - r, horizon - 2 * r, cx + r, horizon), 180, 360, fill=pal.dark)
        for side in (-1, 1):
            mx = cx + side * (r + rng.randint(40, 70))
            draw.rectangle((mx - 6, horizon - 3 * r, mx + 6, horizon), fill=pal.dark)
            draw.polygon(
                [(mx - 8, horizon - 3 * r), (mx + 8, horizon - 3 * r), (mx, horizon - 3 * r - 40)],
                fill=pal.dark,
            )
    gradient(img, mix(pal.sky_bottom, pal.dark, 0.6), pal.dark, (0, horizon, width, height))
    for y in range(horizon + 8, height, 9):
        x0 = rng.randint(0, width)
        draw.line((x0, y, x0 + rng.randint(40, 220), y), fill=(*pal.light, 60), width=2)
    extra = ", with domes and minarets among them" if domes else ""
    return f"a city skyline of {towers} towers{extra} {sky_words(rng)}, reflected in the water"


def sea_and_hills(img, draw, rng, pal):
    width, height = img.size
    horizon = int(height * rng.uniform(0.55, 0.7))
    gradient(img, pal.sky_top, pal.sky_bottom)
    sun(draw, rng, pal, width, horizon)
    layers = rng.randint(2, 4)
    for layer in range(layers):
        colour = mix(pal.sky_bottom, pal.dark, 0.35 + 0.6 * layer / layers)
        base = horizon - 140 + layer * (110 // layers)
        draw.polygon(
            [(0, horizon), *ridge(rng, width, base, 90 - layer * 15), (width, horizon)], fill=colour
        )
    gradient(
        img,
        mix(pal.mid, pal.sky_bottom, 0.3),
        mix(pal.mid, pal.dark, 0.6),
        (0, horizon, width, height),
    )
    for y in range(horizon + 6, height, 12):
        for _ in range(4):
            x0 = rng.randint(-50, width)
            draw.arc((x0, y, x0 + 60, y + 10), 200, 340, fill=(*pal.light, 110), width=2)
    boats = rng.randint(0, 3)
    for _ in range(boats):
        bx, by = rng.randint(80, width - 160), rng.randint(horizon + 30, height - 60)
        draw.polygon(
            [(bx, by), (bx + 90, by), (bx + 75, by + 18), (bx + 12, by + 18)], fill=pal.dark
        )
        draw.polygon([(bx + 42, by - 70), (bx + 42, by - 4), (bx + 80, by - 4)], fill=pal.light)
    boat_words = f" and {boats} small boat{'s' if boats != 1 else ''}" if boats else ""
    return f"{layers} ranges of hills above a calm sea{boat_words} {sky_words(rng)}"


def forest_and_turbines(img, draw, rng, pal):
    width, height = img.size
    horizon = int(height * rng.uniform(0.6, 0.72))
    gradient(img, pal.sky_top, pal.sky_bottom)
    sun(draw, rng, pal, width, horizon)
    draw.polygon([(0, height), *ridge(rng, width, horizon, 70), (width, height)], fill=pal.mid)
    turbines = rng.randint(2, 6)
    for _ in range(turbines):
        tx, top = rng.randint(60, width - 60), rng.randint(80, horizon - 120)
        draw.line((tx, top, tx, horizon + 10), fill=pal.light, width=7)
        start = rng.uniform(0, math.tau)
        for blade in range(3):
            angle = start + blade * math.tau / 3
            draw.line(
                (tx, top, tx + 110 * math.cos(angle), top + 110 * math.sin(angle)),
                fill=pal.light,
                width=6,
            )
        draw.ellipse((tx - 9, top - 9, tx + 9, top + 9), fill=pal.light)
    trees = 0
    for row in range(3):
        base = horizon + 40 + row * 70
        for _ in range(rng.randint(14, 24)):
            tx, th = rng.randint(-20, width + 20), rng.randint(60, 120)
            colour = shade(mix(pal.dark, pal.mid, 0.3 - row * 0.1), rng, 12)
            draw.polygon([(tx - th // 3, base), (tx + th // 3, base), (tx, base - th)], fill=colour)
            trees += 1
    return f"{turbines} wind turbines on a ridge above a pine forest of {trees} trees"


def dry_earth(img, draw, rng, pal):
    width, height = img.size
    horizon = int(height * rng.uniform(0.35, 0.5))
    gradient(img, pal.sky_top, pal.sky_bottom, (0, 0, width, horizon))
    sun(draw, rng, pal, width, horizon)
    gradient(
        img,
        mix(pal.accent, pal.light, 0.4),
        mix(pal.accent, pal.dark, 0.5),
        (0, horizon, width, height),
    )
    cracks = rng.randint(30, 60)
    for _ in range(cracks):
        x, y = rng.randint(0, width), rng.randint(horizon, height)
        for _ in range(rng.randint(3, 7)):
            nx, ny = x + rng.randint(-70, 70), y + rng.randint(-30, 40)
            draw.line((x, y, nx, ny), fill=(*pal.dark, 170), width=rng.randint(2, 5))
            x, y = nx, ny
    return f"cracked, dry earth under a hot sun, with {cracks} fissures across the ground"


def port(img, draw, rng, pal):
    width, height = img.size
    quay = int(height * rng.uniform(0.62, 0.72))
    gradient(img, pal.sky_top, pal.sky_bottom)
    containers, colours = 0, [pal.accent, pal.mid, pal.light, mix(pal.accent, pal.dark, 0.4)]
    x = rng.randint(20, 80)
    while x < width - 200:
        for level in range(rng.randint(1, 5)):
            top = quay - (level + 1) * 42
            draw.rectangle(
                (x, top, x + 120, top + 40), fill=shade(rng.choice(colours), rng), outline=pal.dark
            )
            for rib in range(x + 10, x + 120, 14):
                draw.line((rib, top + 4, rib, top + 36), fill=(*pal.dark, 70), width=2)
            containers += 1
        x += 126
    cx = rng.randint(width // 2, width - 120)
    draw.line((cx, quay, cx, 90), fill=pal.dark, width=12)
    draw.line((cx - 260, 110, cx + 120, 110), fill=pal.dark, width=12)
    draw.line((cx - 200, 110, cx - 200, 260), fill=pal.dark, width=3)
    draw.rectangle((0, quay, width, height), fill=mix(pal.dark, pal.mid, 0.3))
    draw.polygon(
        [(40, quay + 40), (width - 40, quay + 40), (width - 120, height - 20), (120, height - 20)],
        fill=pal.dark,
    )
    return f"a container port with {containers} stacked containers and a gantry crane"


def factory(img, draw, rng, pal):
    width, height = img.size
    ground = int(height * rng.uniform(0.7, 0.8))
    gradient(img, pal.sky_top, pal.sky_bottom)
    chimneys = rng.randint(2, 5)
    for _ in range(chimneys):
        cx, top = rng.randint(80, width - 80), rng.randint(120, ground - 220)
        for puff in range(6):
            r = 26 + puff * 10
            px, py = cx + puff * 30 + rng.randint(-10, 10), top - 30 - puff * 35
            draw.ellipse((px - r, py - r, px + r, py + r), fill=(*pal.light, 60))
        draw.rectangle((cx - 18, top, cx + 18, ground), fill=pal.dark)
        draw.rectangle((cx - 18, top + 20, cx + 18, top + 34), fill=pal.accent)
    x, roofs = 0, 0
    while x < width:
        draw.polygon(
            [(x, ground - 120), (x + 80, ground - 190), (x + 80, ground - 120)], fill=pal.mid
        )
        x, roofs = x + 80, roofs + 1
    draw.rectangle((0, ground - 120, width, ground), fill=mix(pal.mid, pal.dark, 0.4))
    for wx in range(30, width - 30, 70):
        draw.rectangle((wx, ground - 90, wx + 36, ground - 50), fill=(*pal.light, 150))
    draw.rectangle((0, ground, width, height), fill=pal.dark)
    return f"a factory with a saw-tooth roof of {roofs} bays and {chimneys} smoking chimneys"


def parliament(img, draw, rng, pal):
    width, height = img.size
    base = int(height * 0.82)
    gradient(img, pal.sky_top, pal.sky_bottom)
    stone = mix(pal.light, pal.mid, 0.25)
    left, right = rng.randint(120, 260), width - rng.randint(120, 260)
    top = base - rng.randint(230, 300)
    domed = rng.random() < 0.5
    if domed:
        cx, r = (left + right) // 2, (right - left) // 6
        draw.pieslice((cx - r, top - r - 40, cx + r, top + r - 40), 180, 360, fill=stone)
        draw.rectangle((cx - r, top - 40, cx + r, top), fill=stone)
    else:
        draw.polygon(
            [(left - 20, top), (right + 20, top), ((left + right) // 2, top - 90)], fill=stone
        )
    draw.rectangle((left - 20, top, right + 20, top + 30), fill=stone)
    columns = rng.randint(6, 12)
    gap = (right - left) / (columns - 1)
    for i in range(columns):
        cx = left + i * gap
        draw.rectangle((cx - 14, top + 30, cx + 14, base - 30), fill=stone)
        draw.line((cx, top + 36, cx, base - 36), fill=(*pal.dark, 50), width=3)
    for step in range(3):
        draw.rectangle(
            (
                left - 40 - step * 20,
                base - 30 + step * 12,
                right + 40 + step * 20,
                base - 18 + step * 12,
            ),
            fill=mix(stone, pal.dark, 0.1 * step),
        )
    draw.rectangle((0, base + 6, width, height), fill=pal.dark)
    flags = rng.randint(1, 4)
    for i in range(flags):
        fx = left - 60 + i * 50 if i % 2 == 0 else right + 60 - i * 30
        draw.line((fx, base - 10, fx, top - 60), fill=pal.dark, width=4)
        draw.rectangle((fx + 2, top - 60, fx + 70, top - 18), fill=pal.accent)
    roof = "a dome" if domed else "a pediment"
    return f"a government building with {columns} columns under {roof}, and {flags} flag{'s' if flags > 1 else ''} outside"
