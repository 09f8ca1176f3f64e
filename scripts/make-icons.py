"""Draw legday's app icons (PNG, for the web app manifest) the same way as static/icons/icon.svg.

Run once after changing the design: .venv/bin/python scripts/make-icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "src/legday/web/static/icons"
GREEN, WHITE, GOLD = "#14532d", "#f8fafc", "#facc15"


def icon(size: int, maskable: bool) -> Image.Image:
    img = Image.new("RGB", (size, size), GREEN)
    d = ImageDraw.Draw(img)
    k = size / 512
    # a maskable icon keeps its drawing inside the central 80 % safe zone
    z = 0.8 if maskable else 1.0
    off = size * (1 - z) / 2

    def box(x: float, y: float, w: float, h: float, r: float, fill: str) -> None:
        x0, y0 = off + x * k * z, off + y * k * z
        d.rounded_rectangle((x0, y0, x0 + w * k * z, y0 + h * k * z), radius=r * k * z, fill=fill)

    if not maskable:
        img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        d = ImageDraw.Draw(img)
        d.rounded_rectangle((0, 0, size - 1, size - 1), radius=96 * k, fill=GREEN)
    box(96, 232, 320, 48, 12, WHITE)
    box(112, 160, 48, 192, 12, GOLD)
    box(352, 160, 48, 192, 12, GOLD)
    box(64, 196, 32, 120, 10, GOLD)
    box(416, 196, 32, 120, 10, GOLD)
    return img


if __name__ == "__main__":
    for size in (192, 512):
        icon(size, False).save(OUT / f"icon-{size}.png", optimize=True)
    icon(512, True).save(OUT / "icon-maskable-512.png", optimize=True)
