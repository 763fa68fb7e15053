"""Reading input: article files and folders (`reader`; HTML, feeds and Markdown in `markup`) to
Article records."""

from .reader import SUFFIXES, Skipped, expand, from_record, load, parse_field_map, walk

__all__ = ["SUFFIXES", "Skipped", "expand", "from_record", "load", "parse_field_map", "walk"]
