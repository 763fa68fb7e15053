"""The NLP stage: the spaCy pipeline (`pipeline`), the word lists (`lexicon`), names to canonical
entities (`gazetteer`), the mentions of an article (`mentions`, filled by the ordered passes of
`resolve`: `names`, `bodies`, `references`, `agreements`) and the posts officials hold (`posts`)."""

from .pipeline import load_pipeline, model_name
from .resolve import PASSES, build_mentions

__all__ = ["PASSES", "build_mentions", "load_pipeline", "model_name"]
