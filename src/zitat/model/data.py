"""Training examples from the corpora in ../shared/data, labelled on zitat's own tokens.

Gold spans are given in characters, so they are projected onto whatever tokens zitat's
tokenizer produces: a token carries a role when its characters overlap the role's span.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zitat.formats.corpus_json import gold_quotations, iter_corpus, nested_marks
from zitat.model.labels import HEADS, IGNORE, NER_TYPES, ROLE_HEADS
from zitat.text.document import ParsedText


@dataclass(slots=True)
class Example:
    doc: ParsedText
    labels: dict[str, list[int]]  # head -> one label id per token (IGNORE = untrained)


def _label_ids(head: str) -> dict[str, int]:
    return {label: i for i, label in enumerate(HEADS[head])}


def _tokens_in(doc: ParsedText, start: int, end: int) -> list[int]:
    first = doc.token_at(start)
    if doc.tokens and doc.tokens[first].end <= start:
        first += 1
    out = []
    for i in range(first, len(doc.tokens)):
        if doc.tokens[i].start >= end:
            break
        out.append(i)
    return out


def quotation_example(raw: dict[str, Any]) -> Example:
    """Labels of every head except NER for one corpus document, from its gold quotations
    (as the evaluation reads them)."""
    doc = ParsedText.from_text(raw["originalText"])
    n = len(doc.tokens)
    labels = {head: [0] * n for head in HEADS}
    labels["ner"] = [IGNORE] * n
    quote_ids, nested_ids, medium_ids = (_label_ids(h) for h in ("quote", "nested", "medium"))
    marked = zip(gold_quotations(raw), nested_marks(raw), strict=True)
    # outer quotations first so that nested ones never overwrite them
    for quotation, nested in sorted(marked, key=lambda pair: pair[1]):
        qtype = quotation.type.value
        for span_no, (s, e) in enumerate(quotation.quote.spans):
            toks = _tokens_in(doc, s, e)
            for k, t in enumerate(toks):
                if nested:
                    labels["nested"][t] = nested_ids[f"{'B' if k == 0 else 'I'}-{qtype}"]
                else:
                    prefix = "I" if k else ("C" if span_no else "B")
                    labels["quote"][t] = quote_ids[f"{prefix}-{qtype}"]
                    labels["medium"][t] = medium_ids[quotation.medium.value]
        for head in ROLE_HEADS:
            role = getattr(quotation, head)
            for s, e in role.spans if role is not None else ():
                _mark_span(labels[head], _tokens_in(doc, s, e))
    return Example(doc, labels)


def _mark_span(row: list[int], tokens: list[int]) -> None:
    """BIO ids of one role span: B on its first token, I on the others not labelled yet."""
    for k, t in enumerate(tokens):
        if k == 0 or row[t] == 0:
            row[t] = 1 if k == 0 else 2


def _json_documents(folder: Path, what: str) -> Iterator[dict[str, Any]]:
    """Every ``*.json`` document of ``folder``, in file-name order."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no {what} JSON files in {folder}")
    for path in files:
        yield json.loads(path.read_text(encoding="utf-8"))


def load_quotation_split(folder: Path) -> list[Example]:
    examples = [quotation_example(raw) for _, raw in iter_corpus(folder)]
    if not examples:
        raise FileNotFoundError(f"no corpus JSON files in {folder}")
    return examples


def _mentions(tags: list[str]) -> Iterator[tuple[int, int, str]]:
    """(first word, end word, type) of each mention of IOB1 or IOB2 ``tags``."""
    i = 0
    while i < len(tags):
        if tags[i] == "O":
            i += 1
            continue
        kind, end = tags[i][2:], i + 1
        while end < len(tags) and tags[end] == f"I-{kind}":
            end += 1
        yield i, end, kind
        i = end


def _ner_example(words: list[str], tags: list[str], conll_misc: bool = False) -> Example:
    """A pre-tokenised sentence; tags in IOB1 or IOB2 with PER/ORG/LOC/MISC (OTH→MISC).

    ``conll_misc``: the tags follow CoNLL 2003, not GermEval 2014. CoNLL's MISC takes in
    nationality adjectives ("europäischen", GermEval's ``LOCderiv``) and nationals, diseases
    and drugs ("Europäer", "Alzheimer-Krankheit", "Heroin"), which GermEval's OTH does not:
    a mention that starts in lower case is then no entity, and a MISC mention is untrained.
    """
    doc = ParsedText.from_words(words)
    ids = _label_ids("ner")
    ner = [0] * len(words)
    for first, end, tag_type in _mentions(tags):
        kind = tag_type.replace("OTH", "MISC")
        if kind not in NER_TYPES:  # e.g. GermEval's *deriv / *part: not entities here
            continue
        if conll_misc and not words[first][:1].isupper():
            continue
        for k in range(first, end):
            untrained = conll_misc and kind == "MISC"
            ner[k] = IGNORE if untrained else ids[f"{'I' if k > first else 'B'}-{kind}"]
    labels = {head: [IGNORE] * len(words) for head in HEADS}
    labels["ner"] = ner
    return Example(doc, labels)


def _conll_sentences(
    path: Path, word_col: int, tag_col: int
) -> Iterator[tuple[list[str], list[str]]]:
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) <= max(word_col, tag_col) or not cols[word_col]:
            if words:
                yield words, tags
            words, tags = [], []
            continue
        words.append(cols[word_col])
        tags.append(cols[tag_col] or "O")
    if words:
        yield words, tags


def load_germeval(path: Path) -> list[Example]:
    """GermEval 2014: index, token, outer tag, nested tag (outer entities are used)."""
    return [_ner_example(w, t) for w, t in _conll_sentences(path, 1, 2)]


def load_europarl(path: Path) -> list[Example]:
    """Europarl NER: token, lemma, POS, chunk, IOB1 tag (CoNLL 2003's MISC)."""
    return [_ner_example(w, t, conll_misc=True) for w, t in _conll_sentences(path, 0, 4)]


_GEPADE_ROLES = {"cue": ("Cue", "PTC"), "speaker": ("Source",), "addressee": ("Addr",)}
"""SpkAtt-2023 roles that mean what a head means here (PTC: a separated verb particle)."""


def gepade_example(raw: dict[str, Any]) -> Example:
    """One debate of the SpkAtt-2023 (GePaDe) task 1 data: cue, speaker and addressee labels.

    Only speech events with a message are quotations in the news corpus' sense; the roles of
    the others are left untrained rather than taught as "no role". Every other head is
    untrained too: the debates mark no quotation forms, media or frames.
    """
    sentences = [list(map(str, s["Tokens"])) for s in raw["Sentences"]]
    doc = ParsedText.from_sentences(sentences)
    firsts = [s.first_token for s in doc.sentences]
    labels = {head: [IGNORE] * len(doc.tokens) for head in HEADS}
    for head in _GEPADE_ROLES:
        labels[head] = [0] * len(doc.tokens)

    def token(ref: str) -> int:
        sentence, word = ref.split(":")
        return firsts[int(sentence)] + int(word)

    # events with a message first, so that an event without one never unlabels their roles
    for ann in sorted(raw["Annotations"], key=lambda a: bool(a["Message"]), reverse=True):
        for head, keys in _GEPADE_ROLES.items():
            toks = sorted({token(ref) for key in keys for ref in ann[key]})
            if not toks:
                continue
            if not ann["Message"]:
                for t in toks:
                    if labels[head][t] == 0:
                        labels[head][t] = IGNORE
                continue
            starts = [k for k, t in enumerate(toks) if k == 0 or toks[k - 1] != t - 1]
            for begin, end in zip(starts, [*starts[1:], len(toks)], strict=True):
                _mark_span(labels[head], toks[begin:end])
    return Example(doc, labels)


def load_gepade(folder: Path) -> list[Example]:
    """Every debate of a SpkAtt-2023 task 1 folder."""
    return [gepade_example(raw) for raw in _json_documents(folder, "SpkAtt-2023")]


SMARTDATA_TYPES: dict[str, str | None] = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-stop": "LOC",
    "location-street": "LOC",
    "location-route": None,
}
"""DFKI SmartData concept types that are named entities here (v1 spelling). Train lines
("ICE 1716", "RE 7") are sometimes names and sometimes not: their words stay untrained
(None). Every other type (dates, numbers, durations, distances, event triggers, disaster
types, positions such as "Vorstandschef") is no entity."""


def smartdata_example(raw: dict[str, Any]) -> Example:
    """One SmartData document: NER labels from its character-offset concept mentions.

    SmartData has no MISC class, and it marks derived adjectives ("dänischen") as
    locations where GermEval has ``LOCderiv``: a mention starting with a lower-case letter
    is no entity here, and the words of a one-word location in -er before a capitalised
    word ("Berliner Kliniken", but also "Hannover Messe") stay untrained. Overlapping
    mentions: the longest wins.
    """
    doc = ParsedText.from_text(raw["text"]["string"])
    ids = _label_ids("ner")
    ner = [0] * len(doc.tokens)
    marked = [False] * len(doc.tokens)
    mentions = (raw.get("conceptMentions") or {}).get("array", [])
    spans = sorted(
        ((m["span"]["start"], m["span"]["end"], m["type"]) for m in mentions),
        key=lambda span: (span[0] - span[1], span[0]),
    )
    for start, end, kind in spans:
        if kind not in SMARTDATA_TYPES or not doc.text[start:end][:1].isupper():
            continue
        tokens = _tokens_in(doc, start, end)
        if not tokens or any(marked[t] for t in tokens):
            continue
        ner_type = SMARTDATA_TYPES[kind]
        if (ner_type == "LOC" and _derived_adjective(doc, tokens)) or _part_of_word(
            doc, tokens, start, end
        ):
            ner_type = None
        for k, t in enumerate(tokens):
            marked[t] = True
            ner[t] = IGNORE if ner_type is None else ids[f"{'I' if k else 'B'}-{ner_type}"]
    labels = {head: [IGNORE] * len(doc.tokens) for head in HEADS}
    labels["ner"] = ner
    return Example(doc, labels)


def _part_of_word(doc: ParsedText, tokens: list[int], start: int, end: int) -> bool:
    """The mention is part of a word: "Siemens" in "Siemens-Sprecher" (GermEval's ``*part``)."""
    return doc.tokens[tokens[0]].start < start or doc.tokens[tokens[-1]].end > end


def _derived_adjective(doc: ParsedText, tokens: list[int]) -> bool:
    """A single word in -er followed by a capitalised word: "Berliner" in "Berliner Zoo"."""
    after = tokens[-1] + 1
    return (
        len(tokens) == 1
        and doc.tokens[tokens[0]].text.endswith("er")
        and after < len(doc.tokens)
        and doc.tokens[after].text[:1].isupper()
    )


def load_smartdata(
    path: Path, sources: tuple[str, ...] = ("news", "rss", "tweet")
) -> list[Example]:
    """A SmartData v1 ``*.json.gz`` file (concatenated JSON documents), keeping the documents
    of the given sources (news articles, RSS items, tweets)."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    decoder = json.JSONDecoder()
    examples: list[Example] = []
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return examples
        raw, pos = decoder.raw_decode(text, pos)
        source = ((raw.get("refids") or {}).get("map") or {}).get("source")
        if source in sources:
            examples.append(smartdata_example(raw))
