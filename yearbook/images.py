"""Image files to print-ready pictures, with Pillow; their printed size and resolution.

Each file is opened and decoded fully (a truncated JPEG fails here, not in a writer)
the first time this machine sees its content: a file that decoded whole is recorded
by its digest in the user's cache (yearbook.imagecache), and later builds only read
its header. It is turned upright by its EXIF orientation, converted to RGB or
greyscale (CMYK through its ICC profile when it has one) and downsampled when it has
far more pixels than any page can use; the bytes so made are kept in the same cache.
The user's file is never changed. A file that needs none of this is embedded byte for
byte. Printed sizes are computed here once, so the DOCX and the PDF show every
picture at the same size.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import PIL  # the package alone (its version); PIL.Image only where a file is opened

from yearbook import imagecache, png
from yearbook.diagnostics import Diagnostic, Location, Severity
from yearbook.doctree import Document, Figure, Picture, Plates
from yearbook.i18n import language, register
from yearbook.style import Style

if TYPE_CHECKING:
    from PIL import Image

register(
    {
        "image.unreadable": ("无法读取图片“{name}”：{reason}", "cannot read the image '{name}': {reason}"),
        "image.empty": ("图片文件“{name}”是空的（0 字节）", "the image file '{name}' is empty (0 bytes)"),
        "image.not_image": (
            "“{name}”不是图片文件（内容无法识别，可能是改了扩展名的其他文件）；支持的格式：{formats}",
            "'{name}' is not an image (its content is not recognised; perhaps another file renamed); "
            "supported formats: {formats}",
        ),
        "image.unsupported": (
            "图片“{name}”是 {format} 格式，不支持；支持的格式：{formats}。请用看图软件另存为 JPEG",
            "the image '{name}' is {format}, which is not supported; supported formats: {formats}. "
            "Save it as JPEG in an image viewer",
        ),
        "image.zero_size": (
            "图片“{name}”的尺寸是 {width} × {height} 像素，没有内容",
            "the image '{name}' is {width} × {height} pixels: it has no content",
        ),
        "image.too_large": (
            "图片“{name}”像素过多（{pixels}，上限 {limit} 像素），可能是损坏的文件；请缩小后再用",
            "the image '{name}' has too many pixels ({pixels}; the limit is {limit}); it may be damaged; "
            "scale it down first",
        ),
        "image.broken": (
            "图片“{name}”已损坏或不完整，无法解码（{reason}）；请重新导出或复制原图",
            "the image '{name}' is damaged or incomplete and cannot be decoded ({reason}); "
            "export or copy the original again",
        ),
        "image.low_resolution": (
            "图片“{name}”按印刷尺寸 {width} × {height} 毫米只有 {dpi} dpi，低于印刷所需的 {need} dpi；"
            "按 {need} dpi 最大只能印 {max_width} × {max_height} 毫米。请换用更清晰的原图",
            "the image '{name}' prints at {width} × {height} mm with only {dpi} dpi, below the {need} dpi "
            "print needs; at {need} dpi it can print at most {max_width} × {max_height} mm. "
            "Use a sharper original",
        ),
    }
)

SUPPORTED = {"JPEG": ".jpg .jpeg", "PNG": ".png"}
# Pillow's decompression-bomb guard, at our limit: warning above it, error above twice it;
# both refuse the file. 150 million pixels is more than any camera in an office makes.
MAX_PIXELS = 150_000_000
# Longer side of the embedded picture: 400 dpi over a whole 16开 or A4 text block.
MAX_SIDE = 3500
PRINT_DPI = 300
# A figure in the text takes at most this share of the text block's height (caption below).
MAX_HEIGHT_SHARE = 0.7
JPEG_QUALITY = 92
# Names what `render` makes from a file: change it with any change to how pictures are
# turned, converted, resized or encoded, so pictures made the old way are not reused.
RENDER_RECIPE = f"upright-rgb-lanczos3-q{JPEG_QUALITY}-side{MAX_SIDE}-1"
PLATE_CAPTION_LINES = 2
PLATE_GAP = 12.0  # points between the cells of a plate page
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif")
_PIXELS_IN_MESSAGE = re.compile(r"\((\d+) pixels\)")


class ImageProblem(Exception):
    def __init__(self, code: str, **args: object):
        super().__init__(code)
        self.code = code
        self.args_ = args


def _formats() -> str:
    """JPEG（.jpg .jpeg）、PNG（.png）, or in English JPEG (.jpg .jpeg), PNG (.png)."""
    if language() == "en":
        return ", ".join(f"{name} ({ext})" for name, ext in SUPPORTED.items())
    return "、".join(f"{name}（{ext}）" for name, ext in SUPPORTED.items())


def _unopenable(raw: bytes) -> ImageProblem:
    """Why Pillow could not open a file: a format it lacks, an empty PNG, or not an image."""
    if raw[4:8] == b"ftyp" and raw[8:12] in _HEIF_BRANDS:
        name = "AVIF" if raw[8:12] == b"avif" else "HEIC"
        return ImageProblem("image.unsupported", format=name, formats=_formats())
    if raw.startswith(b"\x89PNG\r\n\x1a\n") and raw[12:16] == b"IHDR":
        width, height = struct.unpack(">II", raw[16:24])
        if width == 0 or height == 0:
            return ImageProblem("image.zero_size", width=width, height=height)
    return ImageProblem("image.not_image", formats=_formats())


def _open(raw: bytes) -> Image.Image:
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow reads its guard from this global
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(raw))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        found = _PIXELS_IN_MESSAGE.search(str(exc))
        pixels = f"{int(found[1]):,}" if found else "?"
        raise ImageProblem("image.too_large", pixels=pixels, limit=f"{MAX_PIXELS:,}") from exc
    except UnidentifiedImageError as exc:
        raise _unopenable(raw) from exc


def _flatten(im: Image.Image) -> Image.Image:
    """Transparency onto white paper."""
    from PIL import Image

    grey = im.mode in ("LA", "La")
    rgba = im.convert("LA" if grey else "RGBA")
    paper = Image.new(rgba.mode, rgba.size, (255, 255) if grey else (255, 255, 255, 255))
    paper.alpha_composite(rgba)
    return paper.convert("L" if grey else "RGB")


def _cmyk_by_profile(im: Image.Image) -> Image.Image | None:
    """CMYK to sRGB through the file's own ICC profile; None without one (or without
    littleCMS in this Pillow), and Pillow's plain conversion is then right in the main."""
    profile = im.info.get("icc_profile")
    if not profile:
        return None
    try:
        from PIL import ImageCms
    except ImportError:
        return None
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(im, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None


def _to_output_mode(im: Image.Image) -> Image.Image:
    """RGB or 8-bit greyscale, as both PDF and Word show them the same everywhere."""
    if im.mode in ("RGB", "L"):
        return im
    if im.mode == "CMYK":
        converted = _cmyk_by_profile(im)
        return converted if converted is not None else im.convert("RGB")
    if im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
        return _flatten(im) if im.mode == "RGBA" else im
    if im.mode in ("LA", "La", "RGBA", "RGBa", "PA"):
        return _flatten(im)
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits instead of clipping everything above 255 to white.
        return im.convert("I").point(lambda v: v / 256).convert("L")
    if im.mode in ("1", "F"):
        return im.convert("L")
    return im.convert("RGB")


def _orientation(im: Image.Image, layout: png.Png | None = None) -> int:
    """The EXIF orientation (1 upright … 8); a damaged EXIF block counts as upright.

    Pillow decodes a whole PNG before reading its EXIF, as the block may follow the
    image data; where the chunks show nothing follows (`layout`), what Pillow read on
    opening already holds it.
    """
    from PIL import Image

    try:
        if layout is not None and not layout.metadata_after_data:
            exif = Image.Image.getexif(im)
        else:
            exif = im.getexif()
        value = exif.get(0x0112, 1)
    except (OSError, SyntaxError, ValueError, KeyError, TypeError, struct.error):
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _upright(im: Image.Image) -> Image.Image:
    """The picture turned as its EXIF orientation says."""
    if _orientation(im) == 1:
        return im
    from PIL import ImageOps  # only for pictures made anew, which the cache mostly spares

    try:
        return ImageOps.exif_transpose(im)
    except (OSError, SyntaxError, ValueError, KeyError, TypeError, struct.error):
        return im


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_whole(im: Image.Image, layout: png.Png | None) -> None:
    """Decodes the image (a JPEG at 1/8 size: libjpeg still reads every byte, so a
    truncated file fails, cheaply; a plain PNG's data is only inflated); raises ImageProblem."""
    if layout is not None:
        try:
            png.check_data(layout)
            return
        except png.PngError as exc:
            if str(exc) != png.NOT_PLAIN:
                raise ImageProblem("image.broken", reason=str(exc)) from exc
    if im.format == "JPEG":
        width, height = im.size
        im.draft(im.mode, (max(1, width // 8), max(1, height // 8)))
    try:
        im.load()
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageProblem("image.broken", reason=str(exc) or type(exc).__name__) from exc


_FACTS_VERSION = "2"  # change with any change to what `_facts` records


def _facts(im_format: str, width: int, height: int, mode: str, orientation: int) -> str:
    """What a build needs from an opened file, to record for a file that decoded whole
    (as opened: the check's decode may draft a JPEG smaller)."""
    fields = (_FACTS_VERSION, PIL.__version__, im_format, width, height, mode, orientation)
    return "\t".join(map(str, fields))


def _known_facts(digest: str) -> tuple[str, int, int, str, int] | None:
    """(format, width, height, mode, orientation) recorded by this Pillow for a file of
    this content that decoded whole; None when there is no such record."""
    if not imagecache.known_whole(digest):
        return None
    text = imagecache.facts(digest)
    parts = text.split("\t") if text else []
    if len(parts) != 7 or parts[:2] != [_FACTS_VERSION, PIL.__version__]:
        return None
    fmt, width, height, mode, orientation = parts[2:]
    if fmt not in SUPPORTED or not (width.isdigit() and height.isdigit() and orientation.isdigit()):
        return None
    w, h = int(width), int(height)
    if w <= 0 or h <= 0 or w * h > MAX_PIXELS:
        return None  # let Pillow's open judge it and say why
    return fmt, w, h, mode, int(orientation)


def make_picture(raw: bytes, name: str, digest: str | None = None) -> Picture:
    """The print-ready picture of an image file's bytes; raises ImageProblem.

    The file is checked now, decoded whole unless this machine did so before
    (`_check_whole`); then what it needs of the file's header is recorded, and later
    builds do not open the file. The output bytes are made when a writer first asks
    for them, so `yearbook check` never pays for them.
    """
    if not raw:
        raise ImageProblem("image.empty")
    digest = digest or _digest(raw)
    known = _known_facts(digest)
    if known is not None:
        im_format, width, height, mode, orientation = known
    else:
        im = _open(raw)
        if im.format not in SUPPORTED:
            raise ImageProblem("image.unsupported", format=im.format or "?", formats=_formats())
        width, height = im.size
        if width <= 0 or height <= 0:
            raise ImageProblem("image.zero_size", width=width, height=height)
        layout = None
        if im.format == "PNG":
            try:
                layout = png.read(raw)
            except png.PngError:
                layout = None  # Pillow opened it: let Pillow's decode judge it
        im_format, mode, orientation = im.format, im.mode, _orientation(im, layout)
        if not imagecache.known_whole(digest):
            _check_whole(im, layout)
            imagecache.remember_whole(digest)
        imagecache.remember_facts(digest, _facts(im_format, width, height, mode, orientation))
    turned = orientation in (5, 6, 7, 8)
    scale = min(1.0, MAX_SIDE / max(width, height))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    out_size = size[::-1] if turned else size
    as_is = scale == 1.0 and orientation == 1 and mode in ("RGB", "L")
    fmt = "jpeg" if im_format == "JPEG" else "png"

    def render() -> bytes:
        if as_is:
            return raw  # upright, RGB or grey, not oversized: the user's bytes as they are
        key = f"{RENDER_RECIPE}|{PIL.__version__}|{digest}|{fmt}|{out_size[0]}x{out_size[1]}"
        done = imagecache.rendered(key)
        if done is None:
            done = _render()
            imagecache.store_rendered(key, done)
        return done

    def _render() -> bytes:
        from PIL import Image

        source = Image.open(io.BytesIO(raw))
        if fmt == "jpeg" and scale < 1.0:
            source.draft(source.mode, size)  # decode at 1/2, 1/4 or 1/8 when still large enough
        out = _to_output_mode(_upright(source))
        if out.size != out_size:
            out = out.resize(out_size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        buffer = io.BytesIO()
        if fmt == "jpeg":
            out.save(buffer, "JPEG", quality=JPEG_QUALITY)
        else:
            out.save(buffer, "PNG")
        return buffer.getvalue()

    return Picture(digest, fmt, out_size[0], out_size[1], name, render)


class PictureLoader:
    """Opens image files once each: a file used twice is one Picture, embedded once."""

    def __init__(self) -> None:
        self._by_content: dict[str, Picture] = {}

    def load(self, path: Path, name: str, loc: Location | None) -> Picture | Diagnostic:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            return Diagnostic("image.unreadable", {"name": name, "reason": exc.strerror or str(exc)}, loc)
        key = _digest(raw)
        cached = self._by_content.get(key)
        if cached is not None:
            return cached
        try:
            picture = make_picture(raw, name, key)
        except ImageProblem as problem:
            return Diagnostic(problem.code, {"name": name, **problem.args_}, loc)
        self._by_content[key] = picture
        return picture


# -- printed size ------------------------------------------------------------------


def fit(picture: Picture, width: float, height: float) -> tuple[float, float]:
    """The largest size, in points, with the picture's aspect ratio inside width × height."""
    w = width
    h = w * picture.height / picture.width
    if h > height:
        h = height
        w = h * picture.width / picture.height
    return w, h


def figure_size(figure: Figure, style: Style) -> tuple[float, float]:
    """Printed size in points: the column (or text block) width, aspect kept, not too tall."""
    page = style.page
    width = page.frame_width if figure.page_width or page.columns <= 1 else page.column_width
    return fit(figure.picture, width, page.frame_height * MAX_HEIGHT_SHARE)


@dataclass(frozen=True)
class Box:
    """A cell of a plate page, in points from the text block's top left corner."""

    x: float
    y: float
    width: float
    height: float


def plate_caption_room(style: Style) -> float:
    """Room under a plate photo for its caption: up to two lines."""
    cap = style.para("caption")
    return cap.space_before + PLATE_CAPTION_LINES * cap.line_height + cap.space_after


def plate_boxes(count: int, style: Style) -> list[Box]:
    """Cells of a 彩页 page: one whole, two or three stacked, four in a 2 × 2 grid.

    Each box is the room for the photo alone; its caption's room is left under it.
    """
    page = style.page
    caption_room = plate_caption_room(style)
    gap = PLATE_GAP
    cols = 2 if count == 4 else 1
    rows = 2 if count == 4 else count
    cell_w = (page.frame_width - gap * (cols - 1)) / cols
    cell_h = (page.frame_height - gap * (rows - 1)) / rows
    boxes = []
    for i in range(count):
        r, c = divmod(i, cols)
        boxes.append(Box(c * (cell_w + gap), r * (cell_h + gap), cell_w, cell_h - caption_room))
    return boxes


def _mm(points: float) -> int:
    return round(points / 72 * 25.4)


def _check(picture: Picture, size: tuple[float, float], loc: Location | None) -> Diagnostic | None:
    w_pt, h_pt = size
    dpi = min(picture.width / (w_pt / 72), picture.height / (h_pt / 72))
    if dpi >= PRINT_DPI - 0.5:
        return None
    args = {
        "name": picture.name,
        "width": _mm(w_pt),
        "height": _mm(h_pt),
        "dpi": int(dpi),
        "need": PRINT_DPI,
        "max_width": _mm(picture.width / PRINT_DPI * 72),
        "max_height": _mm(picture.height / PRINT_DPI * 72),
    }
    return Diagnostic("image.low_resolution", args, loc, severity=Severity.WARNING)


def resolution_warnings(doc: Document, style: Style) -> list[Diagnostic]:
    """A warning for every picture printed at less than 300 dpi, with the largest size it allows."""
    out: list[Diagnostic] = []
    for block in [*doc.front, *doc.blocks]:
        if isinstance(block, Figure):
            found = _check(block.picture, figure_size(block, style), block.source)
            out += [found] if found else []
        elif isinstance(block, Plates):
            for page in block.pages:
                for photo, box in zip(page, plate_boxes(len(page), style), strict=True):
                    found = _check(photo.picture, fit(photo.picture, box.width, box.height), photo.source)
                    out += [found] if found else []
    return out
