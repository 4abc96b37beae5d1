"""Image files taken out of an imported document into the data folder's images/.

The build takes JPEG and PNG (yearbook.images); a document may hold GIF, BMP, TIFF
or metafiles (EMF/WMF, which only Windows can draw). What Pillow can read is saved
as PNG; what it cannot is reported, and the figure left for the user to add.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError

from yearbook.images import SUPPORTED, ImageProblem, make_picture

IMAGES_DIR = "images"
# Modes PNG stores as they are; anything else (CMYK, YCbCr…) becomes RGB.
_PNG_MODES = {"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"}
_UNSAFE_NAME = re.compile(r"[^\w.-]+")


class Unusable(Exception):
    """The image cannot go into the data: `code` and `args` say why, for a located warning."""

    def __init__(self, code: str, **args: object):
        super().__init__(code)
        self.code = code
        self.args_ = args


def _format_name(data: bytes, name: str) -> str:
    if data[40:44] == b" EMF":
        return "EMF"
    if data[:4] in (b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00"):
        return "WMF"
    suffix = PurePosixPath(name).suffix.lstrip(".").upper()
    return suffix or "?"


def _as_png(data: bytes, name: str) -> bytes:
    """A GIF, BMP, TIFF… as PNG (its first frame, turned upright); raises Unusable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
            im.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
            Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise Unusable("import.image_format", name=name, format=_format_name(data, name)) from exc
    im = ImageOps.exif_transpose(im) or im
    if im.mode not in _PNG_MODES:
        im = im.convert("RGBA" if "A" in im.getbands() else "RGB")
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def usable(data: bytes, name: str) -> tuple[bytes, str]:
    """The bytes and file name to write for an image of the document: JPEG and PNG as
    they are, other formats converted to PNG. Raises Unusable."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            fmt = im.format
    except Exception:  # Pillow raises many kinds for what it cannot identify
        fmt = None
    if fmt not in SUPPORTED:
        data, fmt = _as_png(data, name), "PNG"
    # The extension says the format (word/media/image1.jpeg, a GIF renamed .png…)
    name = PurePosixPath(name).stem + (".jpg" if fmt == "JPEG" else ".png")
    try:
        make_picture(data, name)  # what the build will do with it: decodes it whole
    except ImageProblem as problem:
        reason = _Reason(problem.code, {"name": name, **problem.args_})
        raise Unusable("import.image_broken", name=name, reason=reason) from problem
    return data, name


class _Reason:
    """The build's own message about an image, in the user's language when shown."""

    def __init__(self, code: str, args: dict[str, object]):
        self.code, self.args = code, args

    def __str__(self) -> str:
        from yearbook.i18n import tr

        return tr(self.code, **self.args)


@dataclass
class ImageFiles:
    """The image files of the data folder, by path relative to it: the same bytes once,
    names from the document's media names, made unique."""

    files: dict[str, bytes] = field(default_factory=dict)
    # digest of a file's bytes, or of the document's bytes it was converted from → its path
    paths: dict[str, str] = field(default_factory=dict)

    def known(self, original: bytes) -> str | None:
        """The file already made from these bytes of the document, if any."""
        return self.paths.get(_digest(original))

    def add(self, data: bytes, name: str, original: bytes | None = None) -> str:
        """The file for `data` (made from the document's `original` bytes when converted)."""
        path = self.paths.get(_digest(data))
        if path is None:
            clean = _UNSAFE_NAME.sub("_", PurePosixPath(name.replace("\\", "/")).name).strip("._") or "image"
            stem, suffix = PurePosixPath(clean).stem, PurePosixPath(clean).suffix.lower()
            path, n = f"{IMAGES_DIR}/{stem}{suffix}", 1
            taken = {p.lower() for p in self.files}  # Windows folders ignore case
            while path.lower() in taken:
                n += 1
                path = f"{IMAGES_DIR}/{stem}-{n}{suffix}"
            self.files[path] = data
        self.paths[_digest(data)] = path
        if original is not None:
            self.paths[_digest(original)] = path
        return path


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
