"""Markers of the training tests."""


def pytest_configure(config):
    config.addinivalue_line("markers", "trf: needs spacy-transformers and torch (make install-trf)")
