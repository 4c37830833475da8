"""Property: on any text, the rules pipeline emits only spans that slice the text exactly.

Random and adversarial inputs (unbalanced and nested quotation marks of every style,
combining marks, right-to-left text, zero-width characters, NUL, very long sentences) may
give an empty result or an InputError, never another exception or a span out of place.
"""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from zitat.errors import InputError
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import AnalysisResult, Article, Role, iter_role_spans

QUOTE_MARKS = list("„“”»«‚‘’›‹\"'")
PIECES = [
    *QUOTE_MARKS,
    " ",
    "\n",
    "\n\n",
    "\r\n",
    ", ",
    ": ",
    ". ",
    "! ",
    "? ",
    " – ",
    "sagte",
    "erklärte",
    "betonte",
    "er",
    "sie",
    "Die Ministerin",
    "Karin Albrecht",
    "dem Parlament",
    "dass",
    "sei",
    "habe",
    "laut",
    "zufolge",
    "Wir schaffen das",
    "u.a.",
    "z. B.",
    "3.000,50",
    "e\u0301",  # combining acute accent
    "a\u0308\u0308",  # stacked diaeresis
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",  # BOM inside the text
    "\u202e",  # right-to-left override
    "שלום עולם",  # Hebrew
    "قال الوزير",  # Arabic
    "\x00",
    "\u2028",
    "👩‍👩‍👧",
    "\U0001d400",  # astral-plane letter
]

pieced_text = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)
any_text = st.text(max_size=400)
quote_soup = st.lists(
    st.one_of(st.sampled_from(QUOTE_MARKS), st.sampled_from(["Wort", " ", ", sagte er", "."])),
    max_size=200,
).map("".join)

frame_and_quote = st.builds(
    "{}{}{}{}{}".format,
    st.sampled_from(["Die Ministerin sagte: ", "Er erklärte, ", "", "Laut Karin Albrecht "]),
    st.sampled_from(QUOTE_MARKS),
    pieced_text,
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from([", sagte sie.", ", betonte er, ", " – so Karin Albrecht.", ". ", ""]),
)
quotation_like = st.lists(frame_and_quote, min_size=1, max_size=6).map("".join)


@cache
def pipeline() -> Pipeline:
    return Pipeline(PipelineConfig(model="rules"))


def analyse(text: str) -> AnalysisResult | None:
    try:
        return pipeline().analyze(Article(id="fuzz", text=text))
    except InputError:
        return None


def assert_offsets_exact(text: str, result: AnalysisResult) -> None:
    assert result.document.text == text
    for start, end in iter_role_spans(result):
        assert 0 <= start < end <= len(text), (start, end, len(text))
    roles: list[Role] = [
        part
        for q in result.quotations
        for part in (q.quote, q.cue, q.frame, q.speaker, q.addressee)
        if part is not None
    ]
    for role in roles:
        assert role.text == " ".join(text[s:e] for s, e in role.spans)
    for entity in result.entities:
        for mention in entity.mentions:
            assert mention.text == " ".join(text[s:e] for s, e in mention.spans)
    for mention in result.mentions:
        assert mention.text == text[mention.start : mention.end]
    for q in result.quotations:
        if q.when is not None and q.when.text is not None and q.when.spans:
            assert q.when.text == " ".join(text[s:e] for s, e in q.when.spans)


FUZZ_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@FUZZ_SETTINGS
@given(st.one_of(quotation_like, pieced_text, any_text, quote_soup))
@example("")
@example("„Wir sagen „nein“ und »ja«“, sagte sie. ‚Innen ›ganz‹ innen‘, erklärte er: „offen")
@example("„" + "Wort " * 3000 + "“, sagte er.")  # one very long quoted sentence
@example("Er sagte, " + "dass es gut sei, " * 2000 + "und ging.")
def test_rules_pipeline_spans_slice_the_text_exactly(text: str) -> None:
    result = analyse(text)
    if result is not None:
        assert_offsets_exact(text, result)


def test_known_quotation_survives_adversarial_neighbours() -> None:
    text = "\u202e\u200b\x00 Die Ministerin sagte: „Wir schaffen das.“ \ufeffe\u0301 שלום"
    result = analyse(text)
    assert result is not None and result.quotations
    assert_offsets_exact(text, result)
    assert any("Wir schaffen das." in q.quote.text for q in result.quotations)
