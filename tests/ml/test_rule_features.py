"""svpol.RuleFeatureEmbed.v1: the rule candidates as an NER input feature."""

import numpy
import spacy
from spacy.util import registry

from pipeline.ml.rule_features import rule_feature_ids
from pipeline.pipes.base import CANDIDATES_KEY
from pipeline.scoring import LABELS


def _bits(label: str, inside: bool = False) -> int:
    return 1 << (2 * LABELS.index(label) + int(inside))


def test_feature_ids_mark_begin_and_inside_per_label():
    nlp = spacy.blank("sv")
    doc = nlp("Ombyggnad av Solängets vårdhem i Bollnäs")
    doc.user_data[CANDIDATES_KEY] = [(13, 30, "ORG", "svpol_orgs"), (13, 22, "LOC", "svpol_places"),
                                     (33, 40, "LOC", "svpol_places")]
    ids = rule_feature_ids(doc)
    assert ids.tolist() == [0, 0, _bits("ORG") | _bits("LOC"), _bits("ORG", inside=True), 0, _bits("LOC")]


def test_feature_ids_without_candidates_are_zero():
    doc = spacy.blank("sv")("Inga kandidater här")
    assert not rule_feature_ids(doc).any()


def test_embedding_output_and_the_candidates_matter():
    nlp = spacy.blank("sv")
    make = registry.architectures.get("svpol.RuleFeatureEmbed.v1")
    model = make(width=8, attrs=["NORM", "SHAPE"], rows=[50, 20], rule_width=4, rule_rows=20)
    plain = nlp("Beslut i Bollnäs")
    ruled = nlp("Beslut i Bollnäs")
    ruled.user_data[CANDIDATES_KEY] = [(9, 16, "LOC", "svpol_places")]
    model.initialize(X=[plain, ruled])
    out_plain, out_ruled = model.predict([plain, ruled])
    assert out_plain.shape == (3, 8) and out_ruled.shape == (3, 8)
    assert numpy.allclose(out_plain[:2], out_ruled[:2])
    assert not numpy.allclose(out_plain[2], out_ruled[2])
