"""zitat as a spaCy component: the snippet of issue 17 on the example article, token
alignment, nlp.pipe with several processes, serialisation and the entry point."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import spacy
from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import zitat
import zitat.spacy  # registers the factory for this (editable, not reinstalled) checkout
from zitat.schema import Role, result_to_dict

ROOT = Path(__file__).resolve().parents[1]
SHORT_TEXTS = [
    "„Wir bleiben hart“, sagte Innenministerin Nancy Faeser am Montag in Berlin.",
    "Bürgermeister Klaus Weber erklärte, die Stadt werde sparen müssen.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("de")
    nlp.add_pipe("zitat")
    return nlp


def assert_covers(spans: list[Span], role: Role | None) -> None:
    """``spans`` are ``role``'s pieces, each grown to the fewest whole tokens."""
    pieces = role.spans if role is not None else ()
    assert len(spans) == len(pieces)
    for span, (start, end) in zip(spans, pieces, strict=True):
        assert span.start_char <= start < end <= span.end_char
        assert span[0].idx + len(span[0]) > start  # the first token holds the start
        assert span[-1].idx < end  # the last token holds the end


def test_the_snippet_on_the_example_article(nlp: Language, example_text: str) -> None:
    doc = nlp(example_text)
    result = zitat.analyze(example_text)
    assert len(doc._.quotations) == len(result.quotations) > 0
    for found, expected in zip(doc._.quotations, result.quotations, strict=True):
        assert (found.id, found.type, found.medium) == (expected.id, expected.type, expected.medium)
        for role in zitat.spacy.ROLES:
            assert_covers(getattr(found, role), getattr(expected, role))
        # on this article every boundary falls between spaCy tokens: the spans are exact
        assert [(s.start_char, s.end_char) for s in found.quote] == list(expected.quote.spans)
        if expected.speaker is not None:
            assert " ".join(span.text for span in found.speaker) == expected.speaker.text
            assert found.entity == expected.speaker.entity
        else:
            assert found.speaker == [] and found.entity is None
    assert any(q.entity is not None for q in doc._.quotations)


def _group(doc: Doc) -> list[tuple[int, int, str, str, str]]:
    return [(s.start_char, s.end_char, s.label_, s.id_, s.kb_id_) for s in doc.spans["zitat"]]


def test_role_spans_render_with_displacy(nlp: Language, example_text: str) -> None:
    doc = nlp(example_text)
    group = doc.spans["zitat"]
    expected = {
        (q.id, role, start, end)
        for q in zitat.analyze(example_text).quotations
        for role in zitat.spacy.ROLES
        if getattr(q, role) is not None
        for start, end in getattr(q, role).spans
    }
    assert {(q, label, start, end) for start, end, label, q, _ in _group(doc)} == expected
    speaker = next(s for s in group if s.label_ == "speaker" and s.kb_id_)
    assert speaker.kb_id_.startswith("per:")
    html = displacy.render(doc, style="span", options={"spans_key": "zitat"})
    assert all(role in html for role in ("quote", "cue", "speaker"))
    assert displacy.render(doc, style="span", options=zitat.spacy.DISPLACY_OPTIONS)


def test_a_boundary_inside_a_spacy_token_expands_to_the_whole_token(nlp: Language) -> None:
    # a tokenizer that keeps the closing quotation mark and the comma on the word
    words = ["„Wir", "bleiben", "hart“,", "sagte", "Anna", "Berg."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 5 + [False])
    doc = nlp.get_pipe("zitat")(doc)
    result = zitat.analyze(doc.text)
    (found,) = doc._.quotations
    (expected,) = result.quotations
    assert expected.quote.spans == ((0, 18),)  # „Wir bleiben hart“ ends inside "hart“,"
    assert [(s.start_char, s.end_char) for s in found.quote] == [(0, 19)]
    assert found.quote[0].text == "„Wir bleiben hart“,"
    assert_covers(found.quote, expected.quote)
    assert found.quotation.quote.spans == expected.quote.spans  # exact offsets kept


def test_docs_survive_serialisation(nlp: Language, example_text: str) -> None:
    doc = nlp(example_text)
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [q.quotation for q in back._.quotations] == [q.quotation for q in doc._.quotations]
    assert _group(back) == _group(doc)
    assert "text" not in back._.zitat["document"]  # the text is the doc's own


def _summary(doc: Doc) -> list[tuple[str, list[tuple[int, int]], str | None]]:
    return [
        (q.type, [(s.start_char, s.end_char) for s in q.quote], q.entity and q.entity.id)
        for q in doc._.quotations
    ]


def test_pipe_with_two_processes_matches_one(nlp: Language) -> None:
    one = [_summary(doc) for doc in nlp.pipe(SHORT_TEXTS)]
    assert all(one)
    two = [_summary(doc) for doc in nlp.pipe(SHORT_TEXTS, n_process=2, batch_size=1)]
    assert two == one


def test_an_unknown_model_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown zitat model 'nope'"):
        spacy.blank("de").add_pipe("zitat", config={"model": "nope"})


def test_the_entry_point_makes_spacy_find_the_factory(tmp_path: Path) -> None:
    """What `pip install zitat` declares: spaCy loads the factory without an import."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = pyproject["project"]["entry-points"]["spacy_factories"]["zitat"]
    dist = tmp_path / "zitat_entry_points-0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: zitat-entry-points\nVersion: 0\n")
    (dist / "entry_points.txt").write_text(f"[spacy_factories]\nzitat = {target}\n")
    script = (
        "import sys, spacy\n"
        "assert 'zitat.spacy' not in sys.modules\n"
        "nlp = spacy.blank('de')\n"
        "nlp.add_pipe('zitat', config={'model': 'rules'})\n"
        "doc = nlp(sys.argv[1])\n"
        "print(doc._.quotations[0].speaker[0].text)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT / "src")])}
    done = subprocess.run(
        [sys.executable, "-c", script, SHORT_TEXTS[0]],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    expected = zitat.analyze(SHORT_TEXTS[0], model="rules").quotations[0].speaker
    assert expected is not None
    assert done.stdout.strip() == expected.text


def test_the_result_is_kept_as_zitat_json(nlp: Language) -> None:
    doc = nlp(SHORT_TEXTS[0])
    expected = result_to_dict(zitat.analyze(SHORT_TEXTS[0]))
    del expected["document"]["text"]
    assert doc._.zitat == expected
