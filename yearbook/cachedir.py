"""The user's cache folder: converted fonts, parsed font metrics, images found whole.

A module of its own so that what only needs the folder (the image check) does not
import the font machinery.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """$YEARBOOK_CACHE, else the platform's user cache folder + yearbook."""
    env = os.environ.get("YEARBOOK_CACHE")
    if env:
        return Path(env).expanduser()
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "yearbook" / "cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "yearbook"
