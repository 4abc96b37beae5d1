"""The model written back as a data folder (YAML in the loader's format, commented in Chinese)."""

from yearbook.dump.folder import write_folder

__all__ = ["write_folder"]
