"""spaCy components of svpol, one family per folder (``factory.py`` + ``patterns.py``)."""
