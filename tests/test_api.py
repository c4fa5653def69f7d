"""Building and identifying pipelines (``pipeline.api``)."""

import os

from pipeline.api import build_pipeline, model_id
from pipeline.settings import PROJECT_DIR


def test_build_from_a_relative_config_path_and_the_same_id_from_anywhere(tmp_path):
    """``make model`` passes ``configs/pipeline.cfg`` relative to the checkout; the model id must not
    depend on where the checkout lies or how the path was written."""
    here = os.getcwd()
    try:
        os.chdir(PROJECT_DIR)
        relative = model_id(build_pipeline("configs/pipeline.cfg"))
    finally:
        os.chdir(here)
    assert relative == model_id(build_pipeline(PROJECT_DIR / "configs" / "pipeline.cfg"))
