"""The NER head: SmartData labels, the MLP over neighbouring words, its loss, the shipped graph."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from zitat.errors import ModelError
from zitat.model.data import (
    Example,
    load_europarl,
    load_germeval,
    load_smartdata,
    smartdata_example,
)
from zitat.model.labels import IGNORE, NER_LABELS
from zitat.model.runtime import OnnxTagger
from zitat.model.windows import collate, load_config, make_windows
from zitat.quotations.learned import SHIPPED_MODEL
from zitat.text.document import ParsedText
from zitat.training.ner_head import NerHead
from zitat.training.tagger import load_tagger
from zitat.training.train_ner import allowed_labels, set_loss
from zitat.training.word_states import cached_states, compute_states


def smartdata_doc(
    text: str, mentions: list[tuple[str, str]], source: str = "news"
) -> dict[str, Any]:
    """A SmartData v1 document with the given (surface, type) mentions, at their first place."""
    array = []
    for surface, kind in mentions:
        start = text.index(surface)
        array.append({"span": {"start": start, "end": start + len(surface)}, "type": kind})
    return {
        "text": {"string": text},
        "conceptMentions": {"array": array},
        "refids": {"map": {"source": source}},
    }


def tags_of(raw: dict[str, Any]) -> dict[str, str]:
    example = smartdata_example(raw)
    return {
        t.text: NER_LABELS[y] if y != IGNORE else "untrained"
        for t, y in zip(example.doc.tokens, example.labels["ner"], strict=True)
    }


def test_smartdata_types_map_to_per_org_loc() -> None:
    text = "Anna Berg von der Deutschen Bahn fuhr am Montag nach Kassel."
    tags = tags_of(
        smartdata_doc(
            text,
            [
                ("Anna Berg", "person"),
                ("Deutschen Bahn", "organization-company"),
                ("Montag", "date"),
                ("Kassel", "location-city"),
            ],
        )
    )
    assert [tags[w] for w in ("Anna", "Berg", "Deutschen", "Bahn")] == [
        "B-PER",
        "I-PER",
        "B-ORG",
        "I-ORG",
    ]
    assert tags["Montag"] == "O"
    assert tags["Kassel"] == "B-LOC"


def test_smartdata_derived_adjectives_and_train_lines_are_no_locations() -> None:
    text = "Der dänische ICE 1716 hielt im Berliner Zoo."
    tags = tags_of(
        smartdata_doc(
            text,
            [("dänische", "location"), ("ICE 1716", "location-route"), ("Berliner", "location")],
        )
    )
    assert tags["dänische"] == "O"
    assert tags["ICE"] == tags["1716"] == "untrained"
    assert tags["Berliner"] == "untrained"


def test_smartdata_mention_inside_a_word_is_untrained() -> None:
    """SmartData marks "Siemens" inside "Siemens-Sprecher"; GermEval calls the word
    ``ORGpart``, no entity here, and "EU-Kommission" an organisation: left untrained."""
    text = "Ein Siemens-Sprecher sagte, die EU-Kommission und Siemens schwiegen."
    raw = smartdata_doc(text, [("Siemens", "organization-company"), ("EU", "organization")])
    raw["conceptMentions"]["array"].append(
        {
            "span": {"start": text.rindex("Siemens"), "end": text.rindex("Siemens") + 7},
            "type": "organization-company",
        }
    )
    example = smartdata_example(raw)
    tags = [
        (t.text, NER_LABELS[y] if y != IGNORE else "untrained")
        for t, y in zip(example.doc.tokens, example.labels["ner"], strict=True)
    ]
    assert ("Siemens-Sprecher", "untrained") in tags
    assert ("EU-Kommission", "untrained") in tags
    assert ("Siemens", "B-ORG") in tags  # the whole word


def _tags(example: Example) -> list[str]:
    return [NER_LABELS[y] if y != IGNORE else "untrained" for y in example.labels["ner"]]


def test_europarl_follows_conll_misc_and_germeval_its_own(tmp_path: Path) -> None:
    """Europarl's CoNLL-style MISC: a lower-case mention ("europäischen") is no entity (as
    GermEval's LOCderiv), a capitalised MISC mention ("Alzheimer-Krankheit") untrained; its
    persons, places and organisations stay. GermEval's own OTH is MISC."""
    rows = [
        ("Die", "O"),
        ("europäischen", "I-MISC"),
        ("Bürger", "O"),
        ("von", "O"),
        ("Jacques", "I-PER"),
        ("Santer", "I-PER"),
        ("Delors", "B-PER"),
        ("in", "O"),
        ("Lissabon", "I-LOC"),
        ("gegen", "O"),
        ("Alzheimer-Krankheit", "I-MISC"),
    ]
    europarl = tmp_path / "europarl.tsv"
    europarl.write_text("".join(f"{w}\t{w}\tX\tO\t{t}\n" for w, t in rows) + "\n", encoding="utf-8")
    (example,) = load_europarl(europarl)
    assert _tags(example) == [
        "O",
        "O",
        "O",
        "O",
        "B-PER",
        "I-PER",
        "B-PER",
        "O",
        "B-LOC",
        "O",
        "untrained",
    ]
    germeval = tmp_path / "germeval.tsv"
    germeval.write_text(
        "# source\n1\tDie\tO\tO\n2\tdeutsche\tB-LOCderiv\tO\n"
        "3\tOlympischen\tB-OTH\tO\n4\tSpiele\tI-OTH\tO\n\n",
        encoding="utf-8",
    )
    (example,) = load_germeval(germeval)
    assert _tags(example) == ["O", "O", "B-MISC", "I-MISC"]


def test_cached_word_states_take_their_labels_from_the_examples(tmp_path: Path) -> None:
    """The cache keeps the encoder's states only: relabelling a corpus needs no new states,
    and states of other words are refused."""
    doc = ParsedText.from_text("Anna Berg sprach in Kassel.")
    first = Example(doc, {"ner": [0] * len(doc.tokens)})
    computed = cached_states(SHIPPED_MODEL, [first], tmp_path, "corpus")
    relabelled = Example(doc, {"ner": [1, 2, 0, 0, 5, 0]})
    again = cached_states(SHIPPED_MODEL, [relabelled], tmp_path, "corpus")
    np.testing.assert_array_equal(again.states, computed.states)
    assert again.labels.tolist() == [1, 2, 0, 0, 5, 0]
    other = ParsedText.from_text("Ein anderer Satz mit mehr Wörtern als zuvor.")
    with pytest.raises(ModelError, match="delete it"):
        cached_states(
            SHIPPED_MODEL, [Example(other, {"ner": [0] * len(other.tokens)})], tmp_path, "corpus"
        )


def test_smartdata_overlapping_mentions_keep_the_longest() -> None:
    text = "Der Friedrichshafener Flughafen bleibt offen."
    tags = tags_of(
        smartdata_doc(
            text,
            [
                ("Friedrichshafener", "location-city"),
                ("Friedrichshafener Flughafen", "location-stop"),
            ],
        )
    )
    assert tags["Friedrichshafener"] == "B-LOC"
    assert tags["Flughafen"] == "I-LOC"


def test_smartdata_file_is_read_object_after_object_by_source(tmp_path: Path) -> None:
    docs = [
        smartdata_doc("Anna Berg sprach.", [("Anna Berg", "person")]),
        smartdata_doc("Kassel #zug", [("Kassel", "location-city")], source="tweet"),
    ]
    path = tmp_path / "train.json.gz"
    path.write_bytes(gzip.compress("\n".join(json.dumps(d) for d in docs).encode("utf-8")))
    assert len(load_smartdata(path)) == 2
    (news,) = load_smartdata(path, ("news",))
    assert news.doc.text == "Anna Berg sprach."


def test_unmarked_words_of_a_corpus_without_misc_may_be_misc() -> None:
    b_per = NER_LABELS.index("B-PER")
    labels = torch.tensor([[0, b_per, IGNORE], [0, b_per, IGNORE]])
    allowed = allowed_labels(labels, torch.tensor([True, False]))
    misc = [NER_LABELS.index("B-MISC"), NER_LABELS.index("I-MISC")]
    assert allowed[0, 0].nonzero().flatten().tolist() == [0]
    assert allowed[1, 0].nonzero().flatten().tolist() == [0, *misc]
    assert allowed[1, 1].nonzero().flatten().tolist() == [b_per]
    assert not allowed[:, 2].any()
    # a word predicted MISC costs nothing in the corpus without MISC, much in the other
    logits = torch.full((2, 3, len(NER_LABELS)), -10.0)
    logits[:, :, misc[0]] = 10.0
    logits[:, 1, b_per] = 20.0
    assert float(set_loss(logits[1:], allowed[1:])) < 1e-3
    assert float(set_loss(logits[:1], allowed[:1])) > 5


def test_ner_head_reads_only_its_neighbours_and_no_padding() -> None:
    torch.manual_seed(0)
    head = NerHead(states=6, hidden=4, context=1, labels=len(NER_LABELS)).eval()
    states = torch.randn(1, 5, 6)
    base = head(states)
    changed = states.clone()
    changed[0, 2] += 1.0
    moved = (head(changed) - base).abs().sum(-1)[0]
    assert moved[[1, 2, 3]].min() > 0
    assert moved[[0, 4]].max() == 0
    # a padded word next to the window's end changes nothing when masked
    padded = torch.cat([states, torch.randn(1, 2, 6)], dim=1)
    mask = torch.tensor([[True] * 5 + [False] * 2])
    torch.testing.assert_close(head(padded, mask)[:, :5], base)
    assert head(states[:, :1]).shape == (1, 1, len(NER_LABELS))


def test_shipped_graph_gives_ner_logits_per_word_from_the_cached_states() -> None:
    """The shipped NER head is an MLP over the shared encoder's word states; the states the
    head is trained on are those the graph computes, and the graph's NER output is one row
    of label logits per word."""
    config = load_config(SHIPPED_MODEL)
    assert config.ner_hidden > 0
    doc = ParsedText.from_text("Anna Berg von der Deutschen Bahn sprach am Montag in Kassel.")
    example = Example(doc, {"ner": [0] * len(doc.tokens)})
    states = compute_states(SHIPPED_MODEL, [example])
    assert states.states.shape == (len(doc.tokens), 384)
    tagger = OnnxTagger(SHIPPED_MODEL)
    (window,) = make_windows(doc, tagger.tokenizer, config)
    graph = tagger.run(collate([window], tagger.tokenizer.pad))["ner"]
    assert graph.shape == (1, len(doc.tokens), len(NER_LABELS))
    torch_tagger, _ = load_tagger(SHIPPED_MODEL)
    head = torch_tagger.heads["ner"]
    with torch.inference_mode():
        logits = head(torch.from_numpy(states.states.astype(np.float32))[None]).numpy()
    assert (logits.argmax(-1) == graph.argmax(-1)).mean() >= 0.9
    np.testing.assert_allclose(logits, graph, atol=1.0)
