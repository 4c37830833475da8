"""Reading 10kgnad articles and the TSV of gold quotations annotated on them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from zitat.errors import InputError
from zitat.evaluation import gnad
from zitat.schema import Medium, QuoteType

TEXT = "Wir bleiben, sagte Anna Berger. Sie sagte, sie komme morgen."
HEADER = "\t".join(gnad.COLUMNS)


def write(path: Path, *rows: str) -> Path:
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return path


def row(*cells: object) -> str:
    return "\t".join(str(c) for c in cells)


def test_articles_are_numbered_by_row_with_semicolons_and_single_quotes(tmp_path: Path) -> None:
    csv_file = tmp_path / "test.csv"
    csv_file.write_text("Inland;'Er sagte: Ja; nein.'\nSport;Kurz\n", encoding="utf-8")
    articles = gnad.read_articles(csv_file)
    assert list(articles) == ["gnad-0", "gnad-1"]
    assert articles["gnad-0"].text == "Er sagte: Ja; nein."
    assert articles["gnad-1"].id == "gnad-1" and articles["gnad-1"].date is None


def test_rows_become_quotations_with_exact_spans_and_gold_speakers(tmp_path: Path) -> None:
    tsv = write(
        tmp_path / "speakers_gnad.tsv",
        row("gnad-7", "q1", "Direct", 0, 11, 13, 18, 19, 30, "person", "Anna Berger"),
        row("gnad-7", "q2", "Indirect", 43, 60, 36, 41, 32, 35, "person", "Anna Berger"),
        row("gnad-7", "q3", "Indirect", 47, 60, "", "", "", "", "-", ""),
    )
    read = gnad.read_quotations(tsv, {"gnad-7": TEXT})
    first, second, nested = read.quotations["gnad-7"]
    assert (first.type, first.medium) == (QuoteType.DIRECT, Medium.NONE)
    assert first.quote.text == "Wir bleiben" and first.cue is not None
    assert first.cue.text == "sagte"
    assert first.speaker is not None and first.speaker.text == "Anna Berger"
    assert second.quote.text == "sie komme morgen." and second.speaker is not None
    assert second.speaker.text == "Sie"
    assert nested.speaker is None and nested.cue is None and nested.nested_in == "q2"
    assert first.nested_in is None and second.nested_in is None
    speakers = {g.quotation: g for g in read.speakers}
    assert speakers["q2"].span == (32, 35) and speakers["q2"].resolvable
    assert speakers["q3"].span is None and not speakers["q3"].resolvable


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (("gnad-7", "q1", "Direct", 0, 99, "", "", "", "", "-", ""), "outside the text"),
        (("gnad-8", "q1", "Direct", 0, 5, "", "", "", "", "-", ""), "unknown document"),
        (("gnad-7", "q1", "Quoted", 0, 5, "", "", "", "", "-", ""), "unknown quotation type"),
        (("gnad-7", "q1", "Direct", 0, 5, "", "", 19, 30, "people", "X"), "unknown speaker kind"),
        (("gnad-7", "q1", "Direct", 0, 5, "", "", 19, 30, "person", ""), "a name goes with"),
        (("gnad-7", "q1", "Direct", "", "", "", "", "", "", "-", ""), "without a quote span"),
        (("gnad-7", "q1", "Direct", "a", 5, "", "", "", "", "-", ""), "not numbers"),
    ],
)
def test_bad_rows_are_refused_with_the_line(
    tmp_path: Path, cells: tuple[object, ...], message: str
) -> None:
    tsv = write(tmp_path / "bad.tsv", row(*cells))
    with pytest.raises(InputError, match=message) as caught:
        gnad.read_quotations(tsv, {"gnad-7": TEXT})
    assert "line 2" in str(caught.value)


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    tsv = tmp_path / "short.tsv"
    tsv.write_text("document\tquotation\ttype\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        gnad.read_quotations(tsv, {})


def test_the_speaker_evaluation_skips_the_set_when_a_file_is_missing(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from evaluate_speakers import GoldSet, gnad_set

    csv_file = tmp_path / "test.csv"
    assert (
        gnad_set(tmp_path / "speakers_gnad.tsv", csv_file)
        == f"{tmp_path / 'speakers_gnad.tsv'} not found"
    )
    write(
        tmp_path / "speakers_gnad.tsv", row("gnad-1", "q1", "Direct", 0, 2, "", "", "", "", "-", "")
    )
    assert gnad_set(tmp_path / "speakers_gnad.tsv", csv_file) == f"{csv_file} not found"
    csv_file.write_text("Web;Hallo Welt\nSport;Ja sagte er\n", encoding="utf-8")
    gold = gnad_set(tmp_path / "speakers_gnad.tsv", csv_file)
    assert isinstance(gold, GoldSet) and gold.times is None
    assert list(gold.articles) == ["gnad-1"] and gold.quotations["gnad-1"][0].quote.text == "Ja"
