"""Word tags → quotations: group quote spans, then give each quotation its roles.

The tagger says, per word, whether it belongs to a quote (and of which form), a cue,
frame, speaker or addressee. Linking is positional: a role belongs to the nearest
quotation of its sentence (or of the neighbouring sentence when its own has none);
free indirect continuations inherit the speaker of the quotation before them, and nested
quotations share the roles of the quotation they sit in — as the corpus annotates them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from zitat.lang.de.punctuation import QUOTE_MARKS, SENTENCE_END
from zitat.model.labels import ROLE_HEADS
from zitat.quotations.fragments import is_fragment, is_quoted_name
from zitat.schema import Medium, Quotation, QuoteType, Role, Span
from zitat.text.document import ParsedText

Segment = tuple[int, int]  # token range, end exclusive

MIN_QUOTE_WORDS = 2
"""Outer quotations of fewer words are tagger noise (nested ones may be a single word)."""


@dataclass(slots=True)
class WordTags:
    """The tagger's decision per word for each head, plus per-word quote confidence."""

    tags: dict[str, list[str]]
    confidence: list[float]


@dataclass(slots=True)
class _Draft:
    segments: list[Segment]
    types: Counter[str] = field(default_factory=Counter)
    media: Counter[str] = field(default_factory=Counter)
    parent: int | None = None
    roles: dict[str, list[Segment]] = field(default_factory=dict)

    @property
    def first(self) -> int:
        return self.segments[0][0]

    @property
    def last(self) -> int:
        return self.segments[-1][1]

    def distance(self, seg: Segment) -> int:
        return min(_gap(seg, s) for s in self.segments)


def _gap(a: Segment, b: Segment) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def bio_segments(tags: list[str], *, split_on_label: bool = True) -> list[tuple[str, str, Segment]]:
    """(prefix of the first tag, label without prefix, token range) of each tagged run.

    With ``split_on_label=False`` an ``I`` tag continues a run whatever its label (the quote
    head may waver between forms inside one quotation; the majority decides later).
    """
    out: list[tuple[str, str, Segment]] = []
    start, prefix, label = -1, "", ""
    for i, tag in enumerate([*tags, "O"]):
        p, _, lab = tag.partition("-")
        same = lab == label or not lab or not split_on_label
        continues = p == "I" and start >= 0 and same
        if start >= 0 and not continues:
            out.append((prefix, label, (start, i)))
            start = -1
        if tag != "O" and not continues:
            start, prefix, label = i, p, lab
    return out


def _word_count(doc: ParsedText, segments: list[Segment]) -> int:
    return sum(doc.tokens[i].text[0].isalnum() for s, e in segments for i in range(s, e))


def _char_spans(doc: ParsedText, segments: list[Segment]) -> list[Span]:
    return [(doc.tokens[s].start, doc.tokens[e - 1].end) for s, e in sorted(set(segments))]


def _sentences(doc: ParsedText, draft: _Draft) -> set[int]:
    return {doc.sentence_of_token(s[0]) for s in draft.segments} | {
        doc.sentence_of_token(s[1] - 1) for s in draft.segments
    }


def _absorb_fragments(doc: ParsedText, drafts: list[_Draft]) -> list[_Draft]:
    """Drafts without the fragments (a few words without quotation marks, see
    :mod:`zitat.quotations.fragments`): a fragment joins the nearest whole draft of its
    sentence as one more segment, or is dropped when its sentence has none."""
    fragment = [is_fragment(doc.normalized, _char_spans(doc, d.segments)) for d in drafts]
    whole = [d for d, f in zip(drafts, fragment, strict=True) if not f]
    by_sentence: dict[int, set[int]] = {}
    """Sentence -> the whole drafts in it (indices into ``whole``): linear in the text."""
    for k, w in enumerate(whole):
        for sentence in _sentences(doc, w):
            by_sentence.setdefault(sentence, set()).add(k)
    for draft in (d for d, f in zip(drafts, fragment, strict=True) if f):
        sentence = doc.sentence_of_token(draft.first)
        hosts = sorted(by_sentence.get(sentence, ()))
        if hosts:
            k = min(hosts, key=lambda k: whole[k].distance(draft.segments[0]))
            host = whole[k]
            host.segments = sorted(host.segments + draft.segments)
            for grown in _sentences(doc, host):
                by_sentence.setdefault(grown, set()).add(k)
    return whole


def _join_at_commas(doc: ParsedText, drafts: list[_Draft]) -> list[_Draft]:
    """Drafts that only a comma parts, of one form and in one sentence, are one quotation:
    "Wenn Kriegsflüchtlinge zu uns kommen, müssen wir ihnen aber helfen, meinte er" (the
    tagger opened a second quotation after the subordinate clause)."""
    joined: list[_Draft] = []
    for draft in drafts:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and draft.first == previous.last + 1
            and doc.tokens[previous.last].text == ","
            and doc.sentence_of_token(previous.last) == doc.sentence_of_token(draft.first)
            and previous.types.most_common(1)[0][0] == draft.types.most_common(1)[0][0]
        ):
            previous.segments[-1] = (previous.segments[-1][0], draft.segments[0][1])
            previous.segments += draft.segments[1:]
            previous.types.update(draft.types)
            previous.media.update(draft.media)
        else:
            joined.append(draft)
    return joined


def _split_at_closed_paragraphs(
    doc: ParsedText, runs: list[tuple[str, str, Segment]]
) -> list[tuple[str, str, Segment]]:
    """Runs cut where a paragraph ends with a quotation mark: the quote closed there. If the
    next paragraph opens with a mark, a quotation of its own starts („…“ ¶ „…“); otherwise the
    run only spilled over into the next paragraph („Das wird wehtun.“ ¶ Auf die Frage, ob …)
    and the rest of it goes. A quote running over paragraphs leaves its paragraphs open
    (German convention), so it is not cut."""
    out: list[tuple[str, str, Segment]] = []
    for prefix, label, (start, end) in runs:
        for i in range(start + 1, end):
            if _closes_paragraph(doc, i):
                out.append((prefix, label, (start, i)))
                if doc.tokens[i].text not in QUOTE_MARKS:
                    break
                prefix, start = "B", i
        else:
            out.append((prefix, label, (start, end)))
    return out


def _closes_paragraph(doc: ParsedText, i: int) -> bool:
    """Whether a paragraph break lies before token ``i`` and a quotation mark ends the
    paragraph, after its final punctuation („…“) or before it („…“.). Hard line wraps are
    no breaks (see :meth:`ParsedText.paragraph_break_before`)."""
    if not doc.paragraph_break_before(i):
        return False
    tokens = doc.tokens
    last = i - 2 if i > 1 and tokens[i - 1].text in SENTENCE_END else i - 1
    return tokens[last].text in QUOTE_MARKS


def _quote_drafts(doc: ParsedText, tags: WordTags) -> list[_Draft]:
    """Quotations from the quote head, then nested ones; runs of bare punctuation are noise."""
    drafts: list[_Draft] = []
    quote_tags, media = tags.tags["quote"], tags.tags["medium"]
    for prefix, _, seg in _split_at_closed_paragraphs(
        doc, bio_segments(quote_tags, split_on_label=False)
    ):
        if prefix == "C" and drafts:
            drafts[-1].segments.append(seg)
        else:
            drafts.append(_Draft([seg]))
        draft = drafts[-1]
        for i in range(*seg):
            draft.types[quote_tags[i].partition("-")[2]] += 1
            if media[i] != "O":
                draft.media[media[i]] += 1
    drafts = _absorb_fragments(
        doc,
        [
            d
            for d in _join_at_commas(doc, drafts)
            if _word_count(doc, d.segments) >= MIN_QUOTE_WORDS
            and not is_quoted_name(doc.normalized, _char_spans(doc, d.segments))
        ],
    )
    outer = len(drafts)
    for _, label, seg in bio_segments(tags.tags["nested"], split_on_label=False):
        if not _word_count(doc, [seg]):
            continue
        parent = next(
            (
                k
                for k in range(outer)
                if any(s[0] <= seg[0] and seg[1] <= s[1] for s in drafts[k].segments)
            ),
            None,
        )
        draft = _Draft([seg], parent=parent)
        draft.types[label] += seg[1] - seg[0]
        if parent is not None:
            draft.media.update(drafts[parent].media)
        drafts.append(draft)
    return drafts


def _link_roles(doc: ParsedText, drafts: list[_Draft], tags: WordTags) -> None:
    outer = [k for k, d in enumerate(drafts) if d.parent is None]
    sentences_of = {k: _sentences(doc, drafts[k]) for k in outer}
    for role in ROLE_HEADS:
        for _, _, seg in bio_segments(tags.tags[role]):
            sent = doc.sentence_of_token(seg[0])
            same = [k for k in outer if sent in sentences_of[k]]
            near = same or [
                k for k in outer if sent + 1 in sentences_of[k] or sent - 1 in sentences_of[k]
            ]
            if near:
                owner = min(near, key=lambda k: drafts[k].distance(seg))
                drafts[owner].roles.setdefault(role, []).append(seg)
    previous: _Draft | None = None
    for k in outer:
        draft = drafts[k]
        kind = draft.types.most_common(1)[0][0]
        free = kind in (QuoteType.FREE_INDIRECT, QuoteType.INDIRECT_FREE_INDIRECT)
        inherits = free and previous is not None and "speaker" not in draft.roles
        if inherits and previous is not None and "speaker" in previous.roles:
            draft.roles["speaker"] = list(previous.roles["speaker"])
        previous = draft
    for draft in drafts:
        if draft.parent is not None:
            draft.roles = {r: list(s) for r, s in drafts[draft.parent].roles.items()}


def _role(doc: ParsedText, segments: list[Segment]) -> Role:
    return Role.from_spans(doc.text, _char_spans(doc, segments))


def decode(doc: ParsedText, tags: WordTags) -> list[Quotation]:
    drafts = _quote_drafts(doc, tags)
    _link_roles(doc, drafts, tags)
    order = sorted(
        range(len(drafts)), key=lambda k: (drafts[k].first, drafts[k].parent is not None)
    )
    ids = {k: f"q{n}" for n, k in enumerate(order, 1)}
    quotations = []
    for k in order:
        d = drafts[k]
        tokens = [i for s, e in d.segments for i in range(s, e)]
        medium = d.media.most_common(1)[0][0] if d.media else Medium.SPEECH.value
        roles = {r: _role(doc, d.roles[r]) if d.roles.get(r) else None for r in ROLE_HEADS}
        quotations.append(
            Quotation(
                id=ids[k],
                type=QuoteType(d.types.most_common(1)[0][0]),
                medium=Medium(medium),
                quote=_role(doc, d.segments),
                cue=roles["cue"],
                frame=roles["frame"],
                speaker=roles["speaker"],
                addressee=roles["addressee"],
                nested_in=ids[d.parent] if d.parent is not None else None,
                score=sum(tags.confidence[i] for i in tokens) / max(1, len(tokens)),
            )
        )
    return quotations
