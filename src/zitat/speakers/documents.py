"""Documents an article introduces with their subject ("die Studie über die
Arbeitsmarktöffnung für Asylsuchende"), so that a later "die Studie", "der Studie" or
"demnach" names the same document by that fuller description."""

from __future__ import annotations

import bisect

from zitat.lang.de.words import DEFINITE, FUNCTION_WORDS, INDEFINITE
from zitat.schema import EntityKind, EntityRef
from zitat.speakers.phrases import describe
from zitat.speakers.roles import noun_info
from zitat.text.tokenize import Token

COMPLEMENT_PREPOSITIONS = frozenset("über zu zum zur für von vom des der zwischen".split())
"""Words that open the complement of a document noun: "Studie über …", "Bericht zur Lage"."""
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def complement_end(tokens: list[Token], head: int) -> int:
    """Index of the last token of the complement after the document noun at ``head`` (``head``
    itself when there is none): prepositional or genitive phrases, each ending in a noun."""
    end, k = head, head + 1
    while k < len(tokens) and tokens[k].text.lower() in COMPLEMENT_PREPOSITIONS:
        m = k + 1
        while m < len(tokens) and (
            tokens[m].text.lower() in DEFINITE | INDEFINITE
            or (tokens[m].text.islower() and tokens[m].text.endswith(_ADJECTIVE_ENDINGS))
        ):
            m += 1
        if m >= len(tokens) or not tokens[m].text[:1].isupper() or tokens[m].text in FUNCTION_WORDS:
            break
        end, k = m, m + 1
    return end


class DocumentBook:
    """The documents of one article named with a complement, by the stem of their noun."""

    def __init__(self, tokens: list[Token], outside_quotes: list[bool]) -> None:
        self.found: dict[str, list[tuple[int, EntityRef]]] = {}
        self.positions: list[tuple[int, EntityRef]] = []
        """Every such document by position (antecedents of "demnach")."""
        for j, token in enumerate(tokens):
            info = noun_info(token.text)
            if info is None or info.cls != "document" or not outside_quotes[j]:
                continue
            end = complement_end(tokens, j)
            if end > j:
                ref = describe(tokens[j : end + 1], EntityKind.DOCUMENT)
                self.found.setdefault(info.stem, []).append((token.start, ref))
                self.positions.append((token.start, ref))

    def known(self, stem: str, position: int) -> EntityRef | None:
        """The latest document before ``position`` named with a noun of ``stem``."""
        entries = self.found.get(stem, [])
        k = bisect.bisect_left(entries, position, key=lambda e: e[0])
        return entries[k - 1][1] if k else None

    def latest(self, position: int) -> tuple[int, EntityRef] | None:
        """The latest document before ``position`` with its position."""
        k = bisect.bisect_left(self.positions, position, key=lambda e: e[0])
        return self.positions[k - 1] if k else None
