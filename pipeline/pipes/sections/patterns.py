"""Headings that open a section: ``§ 4``, ``4 §``, ``1 § Avsägelser``, ``§ 12 Dnr KS 2015/123``."""

import re

HEADING = re.compile(r"(?m)^[ \t]*(?:§[ \t]*\d+[a-z]?|\d+[a-z]?[ \t]*§)(?![\d])[^\n]*$")
