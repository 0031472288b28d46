"""Text that XML 1.0 can hold: the characters it forbids replaced before any XML output is written.

XML 1.0 allows tab, newline, carriage return and the characters from U+0020 on, except
the surrogates and U+FFFE/U+FFFF.  Text read from PDFs often holds form feeds and other
controls; written as they are (or as character references, which XML 1.0 also forbids
for them) they make the document ill-formed, and XML parsers refuse the whole file.
A forbidden control character becomes a space, anything else forbidden U+FFFD.
"""

from __future__ import annotations

import re

_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids replaced (controls by a space, others by U+FFFD)."""
    if _FORBIDDEN.search(text) is None:
        return text
    return _FORBIDDEN.sub(lambda m: " " if m.group() < " " else "\ufffd", text)


def xml_safe_document(data: bytes) -> bytes:
    """A UTF-8 XML document (RDF/XML, SPARQL XML results) with the forbidden characters replaced.

    pyoxigraph writes a literal's characters as they are; no IRI, blank node or markup can hold
    a forbidden character, so replacing them in the document replaces them in the literals.
    """
    text = data.decode("utf-8")
    return data if _FORBIDDEN.search(text) is None else xml_safe(text).encode("utf-8")
