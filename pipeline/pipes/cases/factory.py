"""``svpol_cases``: CASE candidates (diary, case and document reference numbers) from one grammar of
case-number shapes (``configs/cases.json``)."""

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ...settings import CONFIG_DIR
from ..base import TableComponent, add_candidates, load_json, match_text
from .patterns import compile_grammar, is_period


class CaseMatcher(TableComponent):
    filename = "cases.json"

    def set_table(self, table: Any) -> None:
        super().set_table(table)
        self.free_res, self.cued_res = compile_grammar(table)

    def from_disk(self, path: str | Path, exclude: Any = ()) -> "CaseMatcher":
        """A model saved before the grammar was a table keeps the project's grammar."""
        if (Path(path) / self.filename).exists():
            return super().from_disk(path, exclude)
        if self.table is None:
            self.set_table(load_json(CONFIG_DIR / self.filename))
        return self

    def __call__(self, doc: Doc) -> Doc:
        self.require_table()
        text = match_text(doc)
        spans = [(m.start(), m.end(), "CASE") for pattern in self.free_res for m in pattern.finditer(text)
                 if not is_period(m.group(0))]
        for pattern in self.cued_res:
            for m in pattern.finditer(text):
                number = m.group("span")
                if len(number) < 3 and number[0].isdigit():
                    continue  # a bare number after "Dnr" needs three digits or more ("Dnr 0093", not "Dnr 60")
                spans.append((m.start("span"), m.end("span"), "CASE"))
        add_candidates(doc, spans, self.name)
        return doc


@Language.factory("svpol_cases", default_config={"table_path": None})
def create_component(nlp: Language, name: str, table_path: str | None) -> CaseMatcher:
    return CaseMatcher(nlp, name, table_path, use_gazetteers=False)
