"""spaCy components of svpol, one family per folder (``factory.py`` + ``patterns.py``)."""

# svpol_events registers itself with its siblings, so a model holding it loads wherever any svpol
# factory does, even under an installed entry-point list that predates it.
from .events import factory as _events_factory  # noqa: E402,F401
