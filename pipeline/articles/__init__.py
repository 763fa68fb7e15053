"""Reading input: article files and folders (`reader`) to Article records."""

from .reader import SUFFIXES, Skipped, expand, from_record, load, walk

__all__ = ["SUFFIXES", "Skipped", "expand", "from_record", "load", "walk"]
