"""A quote never contains its own cue (``zitat.quotations.own_frame``)."""

from __future__ import annotations

from zitat.quotations.document import token_role
from zitat.quotations.own_frame import without_own_frame
from zitat.schema import Medium, Quotation, QuoteType
from zitat.text.document import ParsedText


def quotation(doc: ParsedText, quote: str, cue: str, kind: QuoteType) -> Quotation:
    """A quotation whose quote and cue are the first occurrences of those words."""
    words = [t.text for t in doc.tokens]

    def tokens(phrase: str) -> list[int]:
        parts = phrase.split()
        start = next(i for i in range(len(words)) if words[i : i + len(parts)] == parts)
        return list(range(start, start + len(parts)))

    role = token_role(doc, tokens(quote))
    assert role is not None
    cue_role = token_role(doc, tokens(cue))
    return Quotation(id="q1", type=kind, medium=Medium.SPEECH, quote=role, cue=cue_role)


def cut(text: str, quote: str, cue: str, kind: QuoteType = QuoteType.INDIRECT) -> Quotation:
    doc = ParsedText.from_text(text)
    (out,) = without_own_frame(doc, [quotation(doc, quote, cue, kind)])
    return out


def test_a_frame_opening_the_quote_is_cut_off_at_its_comma() -> None:
    text = "Lorenzen spekuliert in seinen Aussagen, die Motivation sei eine andere."
    q = cut(
        text,
        "Lorenzen spekuliert in seinen Aussagen , die Motivation sei eine andere",
        "spekuliert",
    )
    assert q.quote.text == "die Motivation sei eine andere"
    assert q.frame is not None and q.frame.text == "Lorenzen spekuliert in seinen Aussagen"


def test_a_complementizer_after_the_cue_starts_the_quote() -> None:
    text = "Brian Baptie, der Leiter, sagte, ohne Zahlen zu nennen, dass Beben selten seien."
    q = cut(
        text,
        "Brian Baptie , der Leiter , sagte , ohne Zahlen zu nennen , dass Beben selten seien",
        "sagte",
    )
    assert q.quote.text == "dass Beben selten seien"


def test_a_frame_closing_the_quote_is_cut_off_before_its_comma() -> None:
    text = "Die Lage sei ernst, erklärte der Sprecher."
    q = cut(text, "Die Lage sei ernst , erklärte der Sprecher", "erklärte")
    assert q.quote.text == "Die Lage sei ernst"


def test_left_alone_reported_speech_a_cue_outside_and_a_cue_in_the_middle() -> None:
    reported = "Die Opposition kritisierte den Plan scharf."
    q = cut(
        reported, "Die Opposition kritisierte den Plan scharf .", "kritisierte", QuoteType.REPORTED
    )
    assert q.quote.text == "Die Opposition kritisierte den Plan scharf."
    outside = "Er sagte, die Lage sei ernst."
    assert cut(outside, "die Lage sei ernst", "sagte").quote.text == "die Lage sei ernst"
    middle = "Weder die G8, noch die EU erkennen dies an, da es dem Recht widerspricht."
    q = cut(
        middle,
        "Weder die G8 , noch die EU erkennen dies an , da es dem Recht widerspricht",
        "erkennen",
    )
    assert q.quote.text.startswith("Weder die G8")


def test_the_cut_stays_in_the_cue_s_sentence() -> None:
    """A complementizer in the next sentence of a long quote is no end of this frame."""
    text = "Er sprach lange. Er glaubt, dass es gut geht."
    q = cut(text, "Er sprach lange . Er glaubt , dass es gut geht", "sprach")
    assert q.quote.text.startswith("Er sprach lange.")
