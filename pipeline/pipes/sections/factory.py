"""``svpol_sections``: split a document into sections at paragraph headings (``§ 4``), so that
topics can be scored per agenda item as well as for the whole document."""


from spacy.language import Language
from spacy.tokens import Doc

from .patterns import HEADING

if not Doc.has_extension("sections"):
    Doc.set_extension("sections", default=None)


class SectionSplitter:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        starts = [m.start() + (len(m.group(0)) - len(m.group(0).lstrip())) for m in HEADING.finditer(text)]
        if not starts or starts[0] > 0 and text[:starts[0]].strip():
            starts.insert(0, 0)
        sections = []
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            end = len(text[:end].rstrip())
            first_line = text[start:end].split("\n", 1)[0].strip()
            sections.append({"start": start, "end": max(end, start), "title": first_line[:200]})
        doc._.sections = sections
        return doc


@Language.factory("svpol_sections")
def create_component(nlp: Language, name: str) -> SectionSplitter:
    return SectionSplitter(nlp, name)
