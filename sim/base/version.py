"""The package's version, written into the manifest of every run (see CHANGELOG.md)."""

__version__ = "0.1.0"
