"""Turn a CFF-outline (PostScript) face into a cached TrueType face ReportLab can embed.

ReportLab embeds only TrueType outlines, and the best open Chinese faces (Noto
Serif/Sans CJK) are CFF. fontTools subsets the face to what a yearbook needs
(charsets.repertoire) and redraws each glyph with quadratic curves (cu2qu, max
error 1 unit in 1000: invisible in print). Measured on this project's 2-core
machine: Noto Serif CJK SC 47 s → 14 MB, Noto Sans CJK SC 25 s → 10 MB.

The result is cached outside the repository (see cache_dir) under a name derived
from the source file's path, size and mtime, so it is built once per machine.
Writing goes to a temporary file renamed into place, so two builds running at once
never see half a file; a sidecar .json holds the file's SHA-256, so a damaged or
truncated cache is noticed and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from yearbook.cachedir import cache_dir
from yearbook.fonts.charsets import repertoire
from yearbook.i18n import register, tr

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

register(
    {
        "fonts.convert_start": (
            "正在把字体“{family}”转换为 PDF 可嵌入的 TrueType 格式（每台电脑只需一次，约需 1 分钟）……",
            "converting the font '{family}' to TrueType outlines the PDF can embed "
            "(once per computer, about a minute)...",
        ),
        "fonts.convert_progress": ("  {family}：已完成 {percent}%", "  {family}: {percent}% done"),
        "fonts.convert_done": (
            "  {family}：完成，用时 {seconds} 秒，{size} MB，保存在 {path}",
            "  {family}: done in {seconds} s, {size} MB, saved as {path}",
        ),
    }
)

# Bump when the conversion changes, so caches made by older code are rebuilt.
RECIPE = "cff2ttf-1"
MAX_ERR = 1.0  # font units; 1/1000 em is 0.009 pt at 9 pt
STALE_TEMP_SECONDS = 3600

Progress = Callable[[str], None]


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cached_path(source: Path, index: int, directory: Path | None = None) -> Path:
    """Where the TrueType version of face `index` of `source` lives in the cache."""
    st = source.stat()
    ident = f"{RECIPE}|{source.resolve()}|{index}|{st.st_size}|{st.st_mtime_ns}"
    digest = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:16]
    return (directory or cache_dir()) / "fonts" / f"{source.stem}-{index}-{digest}.ttf"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _sidecar(ttf: Path) -> Path:
    return ttf.with_suffix(".json")


def is_valid(ttf: Path) -> bool:
    """True when the cached file is whole: its sidecar's checksum matches.

    Hashing 14 MB costs 0.05 s a face and build, so the size and mtime of the file last
    found whole are kept in the sidecar too: while they match, the file is unchanged.
    """
    sidecar = _sidecar(ttf)
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        st = ttf.stat()
        if meta.get("checked") == [st.st_size, st.st_mtime_ns]:
            return True
        if not meta.get("sha256") or meta["sha256"] != _sha256(ttf):
            return False
    except (OSError, ValueError, KeyError, TypeError):
        return False
    meta["checked"] = [st.st_size, st.st_mtime_ns]
    text = json.dumps(meta, ensure_ascii=False)
    with contextlib.suppress(OSError):  # a read-only cache: hash again next time
        _write_atomically(sidecar, lambda t: t.write_text(text, encoding="utf-8"))
    return True


def _write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        write(Path(temp))
        os.chmod(temp, 0o644)  # mkstemp makes it private; a cache is no secret
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _clean_stale_temps(directory: Path) -> None:
    """Temporary files left by a build that was killed mid-conversion."""
    now = time.time()
    for temp in directory.glob(".*.tmp"):
        try:
            if now - temp.stat().st_mtime > STALE_TEMP_SECONDS:
                temp.unlink()
        except OSError:
            continue


def _to_truetype(font: TTFont, family: str, progress: Progress) -> None:
    """Replace the CFF outlines of `font` (already subset) by TrueType ones, in place."""
    # Imported here: a build that finds its fonts converted never pays for these (0.1 s).
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    step = max(1, len(order) // 4)
    for n, name in enumerate(order, 1):
        pen = TTGlyphPen(glyph_set)
        # PostScript contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
        if n % step == 0 and n < len(order):
            progress(tr("fonts.convert_progress", family=family, percent=100 * n // len(order)))
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font.sfntVersion = "\0\1\0\0"
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: smaller, and nothing needs them
    font["post"].extraNames = []
    font["post"].mapping = {}


def convert(source: Path, index: int, target: Path, family: str, progress: Progress) -> None:
    """Subset face `index` of `source` to the yearbook repertoire and save it as TrueType at `target`."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    started = time.monotonic()
    progress(tr("fonts.convert_start", family=family))
    is_collection = source.suffix.lower() in (".ttc", ".otc")
    # recalcTimestamp=False keeps head.modified from the source: the same input gives
    # the same bytes, so PDFs stay byte-identical across machines.
    font = TTFont(str(source), fontNumber=index if is_collection else -1, recalcTimestamp=False)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # PostScript hints mean nothing to TrueType
    options.layout_features = []  # ReportLab does no shaping
    options.drop_tables += ["VORG", "vhea", "vmtx", "GSUB", "GPOS", "GDEF", "BASE", "DSIG", "STAT",
                            "fvar", "avar", "HVAR", "MVAR", "VVAR"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=repertoire(set(font.getBestCmap())))
    subsetter.subset(font)
    _to_truetype(font, family, progress)

    def write(temp: Path) -> None:
        font.save(str(temp))

    _write_atomically(target, write)
    meta = {"sha256": _sha256(target), "source": str(source), "index": index, "family": family,
            "recipe": RECIPE}
    _write_atomically(_sidecar(target), lambda t: t.write_text(json.dumps(meta, ensure_ascii=False),
                                                               encoding="utf-8"))
    size = round(target.stat().st_size / 1e6, 1)
    seconds = round(time.monotonic() - started)
    progress(tr("fonts.convert_done", family=family, seconds=seconds, size=size, path=target))


def truetype_for(source: Path, index: int, family: str, progress: Progress | None = None,
                 directory: Path | None = None) -> Path:
    """The cached TrueType version of a CFF face, converting it first when missing or damaged."""
    target = cached_path(source, index, directory)
    if target.is_file() and is_valid(target):
        return target
    if target.parent.is_dir():
        _clean_stale_temps(target.parent)
    convert(source, index, target, family, progress or stderr_progress)
    return target
