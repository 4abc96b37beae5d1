"""Camera-sized photos through the image stage: ours against plain Pillow open + thumbnail.

Run by hand: `python benchmarks/bench_images.py [--photos 10]`. Each photo is an
8,000 × 6,000 JPEG (48 megapixels). Ours checks each file by decoding it at 1/8
size (all that `yearbook check` needs), then makes the output: upright, converted
and downsampled, with libjpeg's reduced-size decoding where it is enough;
the reference opens each file with Pillow and makes the same thumbnail after a
full decode, which is what a straightforward implementation would do.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yearbook.diagnostics import Diagnostic  # noqa: E402
from yearbook.images import MAX_SIDE, PictureLoader  # noqa: E402


def camera_jpeg(seed: int) -> bytes:
    small = Image.effect_noise((800, 600), 60 + seed).convert("RGB")
    ImageDraw.Draw(small).ellipse([200, 100, 600, 500], fill=(200, 40, 40))
    out = io.BytesIO()
    small.resize((8000, 6000), Image.Resampling.BILINEAR).save(out, "JPEG", quality=90)
    return out.getvalue()


def ours(paths: list[Path]) -> tuple[float, float]:
    """Seconds to check every photo (all `yearbook check` does), and to make the output too."""
    loader = PictureLoader()
    start = time.perf_counter()
    pictures = [loader.load(path, path.name, None) for path in paths]
    checked = time.perf_counter() - start
    for picture in pictures:
        assert not isinstance(picture, Diagnostic) and picture.data
    return checked, time.perf_counter() - start


def reference(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        with Image.open(path) as im:
            im.load()
            im.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            im.save(io.BytesIO(), "JPEG", quality=92)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(args.photos):
            path = Path(tmp) / f"photo{i}.jpg"
            path.write_bytes(camera_jpeg(i))
            paths.append(path)
        (checked, a), b = ours(paths), reference(paths)
    n = args.photos
    print(f"{n} photos of 8000 × 6000, seconds per photo: check {checked / n:.2f}, "
          f"check and output {a / n:.2f}; Pillow full decode + thumbnail {b / n:.2f} (ratio {a / b:.2f})")


if __name__ == "__main__":
    main()
