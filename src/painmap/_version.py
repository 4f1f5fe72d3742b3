"""The version, in one place: the package metadata is built from it (see pyproject.toml)."""

__version__ = "0.1.0"
