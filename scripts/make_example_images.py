"""Draw the example chapter's images (data/images/): scenes and a chart, no photographs.

    python scripts/make_example_images.py

Each image has enough pixels for 300 dpi or more at its printed width in the
yearbook style (column 72.5 mm, text block 151 mm, also for the 彩页 at the front). A little grain makes the
drawn scenes compress like photographs, so the example exercises real sizes.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

OUT = Path(__file__).resolve().parent.parent / "data" / "images"
DPI = 400
# Wide enough for 300 dpi across the whole text block (151 mm), where a 彩页 photo may print.
OUT_WIDTH = 2000


def cjk_font(size: int) -> ImageFont.FreeTypeFont:
    command = ["fc-match", "-f", "%{file}", "Noto Sans CJK SC:style=Regular"]
    path = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return ImageFont.truetype(path, size, index=2 if path.endswith(".ttc") else 0)


def grain(im: Image.Image, amount: int, seed: int) -> Image.Image:
    """Scaled up to OUT_WIDTH (the scenes are drawn at 1400 px wide) with a little noise."""
    im = im.resize((OUT_WIDTH, round(im.height * OUT_WIDTH / im.width)), Image.Resampling.LANCZOS)
    noise = Image.effect_noise(im.size, amount).convert("RGB")
    random.seed(seed)
    return Image.blend(im, noise, 0.06).filter(ImageFilter.GaussianBlur(0.6))


def meeting_hall(width: int = 1400, height: int = 933) -> Image.Image:
    """A meeting hall seen from the back: stage, red curtain, rostrum, rows of empty seats."""
    im = Image.new("RGB", (width, height), (236, 228, 214))
    d = ImageDraw.Draw(im)
    horizon = int(height * 0.52)
    for y in range(horizon):  # back wall, lighter towards the stage lights
        t = y / horizon
        d.line([(0, y), (width, y)], fill=(int(196 + 40 * t), int(180 + 36 * t), int(160 + 30 * t)))
    # curtain and stage
    d.rectangle([width * 0.12, height * 0.08, width * 0.88, horizon], fill=(160, 24, 30))
    for i in range(24):
        x = width * 0.12 + i * (width * 0.76 / 24)
        d.line([(x, height * 0.08), (x, horizon)], fill=(128, 16, 22), width=3)
    d.rectangle([width * 0.2, height * 0.12, width * 0.8, height * 0.19], fill=(190, 30, 36))
    banner = "政协嘉峪关市第十届委员会第二次会议"
    font = cjk_font(int(height * 0.045))
    d.text((width * 0.5, height * 0.155), banner, font=font, fill=(252, 226, 120), anchor="mm")
    d.ellipse([width * 0.47, height * 0.22, width * 0.53, height * 0.31], fill=(214, 170, 60))
    d.polygon([(0, horizon), (width, horizon), (width, horizon + 40), (0, horizon + 40)], fill=(120, 84, 52))
    # rostrum: a long table with green cloth and flowers
    d.rectangle([width * 0.18, horizon - 70, width * 0.82, horizon - 20], fill=(36, 92, 60))
    for i in range(14):
        x = width * 0.2 + i * (width * 0.6 / 13)
        d.ellipse([x - 10, horizon - 82, x + 10, horizon - 62], fill=(236, 200, 80))
    # floor and rows of seats in perspective
    for y in range(horizon + 40, height):
        t = (y - horizon) / (height - horizon)
        d.line([(0, y), (width, y)], fill=(int(150 - 40 * t), int(110 - 30 * t), int(80 - 20 * t)))
    vanish = width / 2
    for row in range(9):
        t = (row + 1) / 10
        y = horizon + 50 + (height - horizon - 50) * t**1.4
        seat_h = 14 + 60 * t
        half = width * (0.22 + 0.9 * t)
        seats = 18
        for s in range(seats):
            x0 = vanish - half + s * (2 * half / seats)
            x1 = x0 + 2 * half / seats * 0.82
            d.rounded_rectangle([x0, y - seat_h, x1, y], radius=int(seat_h / 5), fill=(70 + row * 6, 40, 46))
    # ceiling lights
    for i in range(7):
        x = width * (0.1 + i * 0.13)
        d.ellipse([x - 18, 10, x + 18, 30], fill=(255, 246, 210))
    return grain(im, 40, 1)


def pass_tower(width: int = 1400, height: int = 1000) -> Image.Image:
    """A drawn fortress gate tower under the Qilian mountains (a research visit's setting)."""
    im = Image.new("RGB", (width, height))
    d = ImageDraw.Draw(im)
    for y in range(height):  # sky to sand
        t = y / height
        colour = (int(120 + 110 * t), int(170 + 60 * t), int(225 - 30 * t)) if t < 0.6 else (
            int(214 - 30 * (t - 0.6)), int(186 - 40 * (t - 0.6)), int(130 - 40 * (t - 0.6)))
        d.line([(0, y), (width, y)], fill=colour)
    d.polygon([(0, 560), (180, 330), (330, 470), (520, 260), (760, 480), (980, 300), (1200, 450), (1400, 340),
               (1400, 600), (0, 600)], fill=(150, 150, 170))
    d.polygon([(480, 300), (520, 260), (562, 300), (540, 310), (500, 305)], fill=(246, 246, 250))
    d.polygon([(950, 335), (980, 300), (1015, 338), (985, 345)], fill=(246, 246, 250))
    # wall
    d.rectangle([0, 600, width, 760], fill=(196, 160, 110))
    for x in range(0, width, 40):
        d.rectangle([x, 585, x + 22, 600], fill=(196, 160, 110))
    # gate tower: base with an arch, two storeys with roofs
    d.rectangle([540, 500, 860, 760], fill=(206, 170, 118))
    d.chord([640, 630, 760, 830], 180, 360, fill=(70, 50, 40))
    d.rectangle([640, 690, 760, 760], fill=(70, 50, 40))
    for top, w, h in ((420, 300, 80), (340, 220, 70)):
        d.rectangle([700 - w / 2 + 20, top, 700 + w / 2 - 20, top + h], fill=(170, 40, 36))
        d.polygon([(700 - w / 2 - 30, top + 10), (700 + w / 2 + 30, top + 10), (700 + w / 2 - 10, top - 30),
                   (700 - w / 2 + 10, top - 30)], fill=(60, 70, 80))
    d.polygon([(600, 310), (800, 310), (760, 270), (640, 270)], fill=(60, 70, 80))
    # road
    d.polygon([(640, 760), (760, 760), (1000, height), (400, height)], fill=(176, 150, 116))
    return grain(im, 40, 2)


def proposals_chart(width: int = 2400, height: int = 1150) -> Image.Image:
    """Grouped bars: proposals and suggestions by the kind of body that handled them."""
    im = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(im)
    font, small = cjk_font(52), cjk_font(44)
    groups = [("政府部门", 74, 42), ("市委部门及酒钢公司", 5, 1)]
    left, bottom, top = 260, height - 170, 120
    scale = (bottom - top) / 80
    for v in range(0, 81, 20):
        y = bottom - v * scale
        d.line([(left, y), (width - 80, y)], fill=(210, 210, 210), width=3)
        d.text((left - 24, y), str(v), font=small, fill="black", anchor="rm")
    d.line([(left, top - 20), (left, bottom)], fill="black", width=4)
    d.line([(left, bottom), (width - 80, bottom)], fill="black", width=4)
    colours = ((176, 34, 40), (230, 160, 60))
    slot = (width - 80 - left) / len(groups)
    for g, (name, proposals, suggestions) in enumerate(groups):
        x0 = left + g * slot + slot * 0.2
        for k, value in enumerate((proposals, suggestions)):
            x = x0 + k * slot * 0.3
            d.rectangle([x, bottom - value * scale, x + slot * 0.26, bottom], fill=colours[k])
            d.text((x + slot * 0.13, bottom - value * scale - 16), f"{value}件", font=small, fill="black",
                   anchor="md")
        d.text((left + g * slot + slot / 2, bottom + 30), name, font=font, fill="black", anchor="ma")
    for k, label in enumerate(("提案", "建议")):
        x = width - 560 + k * 240
        d.rectangle([x, 40, x + 56, 90], fill=colours[k])
        d.text((x + 72, 65), label, font=font, fill="black", anchor="lm")
    d.text((left - 200, top - 70), "件数", font=small, fill="black")
    return im


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    meeting_hall().save(OUT / "huichang.jpg", quality=88, dpi=(DPI, DPI))
    pass_tower().save(OUT / "diaoyan.jpg", quality=88, dpi=(DPI, DPI))
    proposals_chart().save(OUT / "tian.png", dpi=(DPI, DPI), optimize=True)
    for path in sorted(OUT.iterdir()):
        with Image.open(path) as im:
            print(f"{path.name}: {im.size[0]} × {im.size[1]}, {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
