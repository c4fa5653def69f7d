"""Readers and writers: input documents, gold annotations, pipeline output, gazetteers."""

from .gold import GoldError, doc_to_gold, read_gold, sha256
from .readers import InputDoc, InputProblem, read_inputs
from .schema import validate_record
from .writers import JsonlWriter, OutputError, check_output, doc_to_record, dumps, write_jsonl

__all__ = [
    "GoldError", "InputDoc", "InputProblem", "JsonlWriter", "OutputError", "check_output", "doc_to_gold",
    "doc_to_record", "dumps",
    "read_gold", "read_inputs", "sha256", "validate_record", "write_jsonl",
]
