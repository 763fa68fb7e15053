"""geonews: English geopolitical news to validated linked data."""

__version__ = "0.1.0"
