"""Scenes for the demo pictures: charts, pitches, diagrams and stages."""

import math

from .scenes import gradient, mix, shade


def chart(img, draw, rng, pal):
    width, height = img.size
    gradient(img, mix(pal.light, pal.sky_top, 0.15), mix(pal.light, pal.sky_bottom, 0.3))
    left, right, top, bottom = 90, width - 70, 80, height - 80
    for y in range(top, bottom + 1, (bottom - top) // 6):
        draw.line((left, y, right, y), fill=(*pal.dark, 40), width=2)
    draw.line((left, bottom, right, bottom), fill=pal.dark, width=4)
    draw.line((left, top, left, bottom), fill=pal.dark, width=4)
    bars = rng.randint(8, 16)
    slot = (right - left) / bars
    level = rng.uniform(0.3, 0.6)
    drift = rng.choice([-1, 1]) * rng.uniform(0.01, 0.04)
    points = []
    for i in range(bars):
        level = min(0.95, max(0.08, level + drift + rng.uniform(-0.08, 0.08)))
        x0 = left + i * slot + slot * 0.18
        y0 = bottom - level * (bottom - top)
        draw.rectangle((x0, y0, x0 + slot * 0.64, bottom - 2), fill=shade(pal.mid, rng, 8))
        points.append((x0 + slot * 0.32, y0 - rng.randint(10, 60)))
    draw.line(points, fill=pal.accent, width=7, joint="curve")
    for px, py in points:
        draw.ellipse((px - 9, py - 9, px + 9, py + 9), fill=pal.accent, outline=pal.light, width=3)
    rising = points[-1][1] < points[0][1]
    ax, ay = right - 80, top + 40
    if rising:
        draw.polygon([(ax, ay - 30), (ax - 30, ay + 20), (ax + 30, ay + 20)], fill=pal.accent)
    else:
        draw.polygon([(ax, ay + 30), (ax - 30, ay - 20), (ax + 30, ay - 20)], fill=pal.accent)
    trend = "rising" if rising else "falling"
    return f"a bar chart of {bars} columns with a {trend} trend line and an arrow pointing {'up' if rising else 'down'}"


def pitch(img, draw, rng, pal):
    width, height = img.size
    grass = (46, 120, 62) if rng.random() < 0.7 else mix(pal.mid, (46, 120, 62), 0.5)
    stripe = width // 12
    for i in range(12):
        draw.rectangle(
            (i * stripe, 0, (i + 1) * stripe, height),
            fill=shade(grass, rng, 4) if i % 2 else mix(grass, (0, 0, 0), 0.08),
        )
    white = (240, 240, 232)
    m = 50
    draw.rectangle((m, m, width - m, height - m), outline=white, width=5)
    draw.line((width // 2, m, width // 2, height - m), fill=white, width=5)
    draw.ellipse(
        (width // 2 - 90, height // 2 - 90, width // 2 + 90, height // 2 + 90),
        outline=white,
        width=5,
    )
    for side in (m, width - m):
        direction = 1 if side == m else -1
        draw.rectangle(
            sorted_box(side, height // 2 - 160, side + direction * 170, height // 2 + 160),
            outline=white,
            width=5,
        )
        draw.rectangle(
            sorted_box(side, height // 2 - 70, side + direction * 60, height // 2 + 70),
            outline=white,
            width=5,
        )
    home, away = pal.accent, pal.light
    players = rng.randint(8, 22)
    for i in range(players):
        x, y = rng.randint(m + 30, width - m - 30), rng.randint(m + 30, height - m - 30)
        draw.ellipse(
            (x - 14, y - 14, x + 14, y + 14),
            fill=home if i % 2 else away,
            outline=(20, 20, 20),
            width=2,
        )
    bx, by = rng.randint(m + 60, width - m - 60), rng.randint(m + 60, height - m - 60)
    draw.ellipse((bx - 9, by - 9, bx + 9, by + 9), fill=white, outline=(0, 0, 0), width=2)
    half = "left" if bx < width // 2 else "right"
    return f"a football pitch seen from above, with {players} players in two colours and the ball in the {half} half"


def sorted_box(x0, y0, x1, y1):
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def running_track(img, draw, rng, pal):
    width, height = img.size
    gradient(img, mix(pal.accent, (190, 70, 50), 0.6), mix(pal.accent, (120, 40, 30), 0.6))
    lanes = rng.randint(6, 9)
    cx, cy = width // 2, height // 2
    for lane in range(lanes + 1):
        rx, ry = 260 + lane * 34, 120 + lane * 34
        draw.rounded_rectangle(
            (cx - rx - 200, cy - ry, cx + rx + 200, cy + ry),
            radius=ry,
            outline=(245, 245, 240),
            width=4,
        )
    draw.rounded_rectangle((cx - 460, cy - 120, cx + 460, cy + 120), radius=120, fill=(52, 128, 66))
    runners = rng.randint(3, lanes)
    for lane in range(runners):
        rx, ry = 260 + lane * 34 + 17, 120 + lane * 34 + 17
        angle = rng.uniform(0.3, 1.2)
        x = cx + 200 + rx * math.sin(angle) * 0.9
        y = cy + ry * math.cos(angle)
        draw.ellipse(
            (x - 12, y - 12, x + 12, y + 12),
            fill=shade(pal.light, rng, 30),
            outline=pal.dark,
            width=2,
        )
    return f"an athletics track of {lanes} lanes seen from above, with {runners} runners on the final bend"


def molecules(img, draw, rng, pal):
    width, height = img.size
    gradient(img, pal.dark, mix(pal.dark, pal.sky_bottom, 0.5))
    atoms = [
        (rng.randint(80, width - 80), rng.randint(70, height - 70), rng.randint(16, 42))
        for _ in range(rng.randint(9, 18))
    ]
    bonds = 0
    for i, (x, y, _) in enumerate(atoms):
        for x2, y2, _ in atoms[i + 1 :]:
            if math.dist((x, y), (x2, y2)) < 300:
                draw.line((x, y, x2, y2), fill=(*pal.light, 150), width=6)
                bonds += 1
    for x, y, r in atoms:
        colour = rng.choice([pal.accent, pal.mid, pal.light])
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        draw.ellipse(
            (x - r * 0.55, y - r * 0.6, x - r * 0.05, y - r * 0.1), fill=(255, 255, 255, 90)
        )
    return f"a molecular model of {len(atoms)} atoms joined by {bonds} bonds on a dark background"


def circuit(img, draw, rng, pal):
    width, height = img.size
    gradient(img, mix(pal.dark, (10, 60, 40), 0.5), pal.dark)
    chip = (width // 2 - 130, height // 2 - 90, width // 2 + 130, height // 2 + 90)
    traces = rng.randint(14, 28)
    for _ in range(traces):
        x, y = rng.randint(chip[0], chip[2]), rng.choice([chip[1], chip[3]])
        points = [(x, y)]
        for _ in range(rng.randint(2, 5)):
            if rng.random() < 0.5:
                x = max(20, min(width - 20, x + rng.randint(-260, 260)))
            else:
                y = max(20, min(height - 20, y + rng.randint(-200, 200)))
            points.append((x, y))
        draw.line(points, fill=(*pal.accent, 200), width=4)
        draw.ellipse((x - 9, y - 9, x + 9, y + 9), fill=pal.light)
    draw.rectangle(chip, fill=mix(pal.dark, (0, 0, 0), 0.5), outline=pal.light, width=4)
    for px in range(chip[0] + 16, chip[2] - 8, 24):
        draw.rectangle((px, chip[1] - 14, px + 10, chip[1]), fill=pal.light)
        draw.rectangle((px, chip[3], px + 10, chip[3] + 14), fill=pal.light)
    return f"a circuit board with a central chip and {traces} copper traces"


def globe(img, draw, rng, pal):
    width, height = img.size
    gradient(img, pal.dark, mix(pal.dark, pal.sky_top, 0.6))
    for _ in range(120):
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.point((x, y), fill=pal.light)
    cx, cy, r = width // 2 + rng.randint(-150, 150), height // 2, rng.randint(230, 290)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=mix(pal.mid, pal.sky_top, 0.4))
    masses = rng.randint(3, 6)
    for _ in range(masses):
        mx, my, size = (
            cx + rng.randint(-r // 2, r // 2),
            cy + rng.randint(-r // 2, r // 2),
            rng.randint(40, 110),
        )
        blob = [
            (
                mx + size * rng.uniform(0.5, 1) * math.cos(a),
                my + size * rng.uniform(0.5, 1) * math.sin(a),
            )
            for a in [i * math.tau / 12 for i in range(12)]
        ]
        draw.polygon(blob, fill=shade(mix(pal.light, pal.mid, 0.4), rng, 10))
    for k in range(1, 4):
        draw.ellipse(
            (cx - r * k / 4, cy - r, cx + r * k / 4, cy + r), outline=(*pal.light, 90), width=2
        )
        dy = r * k / 4
        half = math.sqrt(r * r - dy * dy)
        for sign in (-1, 1):
            draw.line(
                (cx - half, cy + sign * dy, cx + half, cy + sign * dy),
                fill=(*pal.light, 90),
                width=2,
            )
    routes = rng.randint(2, 5)
    for _ in range(routes):
        x1, x2 = cx - rng.randint(40, r - 40), cx + rng.randint(40, r - 40)
        y1 = cy + rng.randint(-r // 2, r // 2)
        draw.arc((x1, y1 - 120, x2, y1 + 120), 190, 350, fill=pal.accent, width=5)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=pal.light, width=4)
    return (
        f"a globe with {masses} land masses, crossed by {routes} flight paths against a starry sky"
    )


def heartbeat(img, draw, rng, pal):
    width, height = img.size
    gradient(img, mix(pal.light, pal.sky_top, 0.2), pal.light)
    cells = rng.randint(6, 14)
    for _ in range(cells):
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(30, 110)
        draw.ellipse(
            (x - r, y - r, x + r, y + r), fill=(*pal.mid, 45), outline=(*pal.mid, 120), width=3
        )
        draw.ellipse((x - r // 4, y - r // 4, x + r // 4, y + r // 4), fill=(*pal.accent, 80))
    baseline, x, points = height // 2 + rng.randint(-60, 60), 0, []
    while x < width:
        points.append((x, baseline))
        if rng.random() < 0.35:
            spike = rng.randint(120, 220)
            points += [
                (x + 12, baseline + 30),
                (x + 26, baseline - spike),
                (x + 40, baseline + 60),
                (x + 52, baseline),
            ]
            x += 52
        x += rng.randint(30, 70)
    draw.line(points, fill=pal.accent, width=8, joint="curve")
    pills = rng.randint(2, 5)
    for _ in range(pills):
        px, py = rng.randint(60, width - 200), rng.randint(40, height - 90)
        draw.rounded_rectangle(
            (px, py, px + 140, py + 50), radius=25, fill=pal.light, outline=pal.dark, width=3
        )
        draw.rounded_rectangle((px, py, px + 70, py + 50), radius=25, fill=pal.accent)
    return f"a heartbeat trace running across {cells} cells and {pills} capsules"


def stage(img, draw, rng, pal):
    width, height = img.size
    gradient(img, (12, 10, 16), mix(pal.dark, (0, 0, 0), 0.4))
    folds = rng.randint(7, 12)
    for side in (0, 1):
        for i in range(folds):
            x0 = i * 22 if side == 0 else width - (i + 1) * 22
            draw.rectangle(
                (x0, 0, x0 + 22, height), fill=mix(pal.accent, (0, 0, 0), 0.2 + 0.4 * (i % 2))
            )
    lights = rng.randint(2, 4)
    for i in range(lights):
        x = width * (i + 1) // (lights + 1) + rng.randint(-60, 60)
        spread = rng.randint(120, 220)
        draw.polygon(
            [(x - 10, 0), (x + 10, 0), (x + spread, height - 140), (x - spread, height - 140)],
            fill=(*pal.light, 45),
        )
        draw.ellipse((x - spread, height - 170, x + spread, height - 110), fill=(*pal.light, 70))
    draw.rectangle((0, height - 140, width, height - 120), fill=mix(pal.mid, (0, 0, 0), 0.3))
    heads = 0
    for x in range(-20, width + 40, rng.randint(48, 62)):
        r = rng.randint(24, 32)
        draw.ellipse((x - r, height - 70 - r, x + r, height - 70 + r), fill=(8, 8, 10))
        draw.rectangle((x - r - 8, height - 60, x + r + 8, height), fill=(8, 8, 10))
        heads += 1
    return f"a theatre stage between red curtains, lit by {lights} spotlights, seen over {heads} heads in the audience"


def abstract(img, draw, rng, pal):
    width, height = img.size
    gradient(img, pal.light, mix(pal.light, pal.sky_bottom, 0.25))
    colours = [pal.accent, pal.mid, pal.dark, pal.sky_top]
    circles = rng.randint(2, 5)
    blocks = rng.randint(3, 7)
    for _ in range(blocks):
        x, y = rng.randint(-80, width - 100), rng.randint(-60, height - 80)
        draw.rectangle(
            (x, y, x + rng.randint(80, 360), y + rng.randint(60, 300)),
            fill=(*rng.choice(colours), 210),
        )
    for _ in range(circles):
        x, y, r = rng.randint(100, width - 100), rng.randint(80, height - 80), rng.randint(40, 170)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*rng.choice(colours), 200))
    for _ in range(rng.randint(2, 5)):
        draw.line(
            (rng.randint(0, width), 0, rng.randint(0, width), height),
            fill=pal.dark,
            width=rng.randint(4, 14),
        )
    return f"an abstract composition of {circles} circles, {blocks} blocks and bold lines"
