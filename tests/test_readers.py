"""Readers: every input format, encodings, bad input, folders, globs and stdin."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from zitat.errors import InputError, ZitatError
from zitat.formats.readers import iter_articles, normalize_date, read_path
from zitat.schema import AnalysisResult, Article, result_to_dict

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS_FILE = FIXTURES / "corpus" / "4711 - Neue Brücke über die Saale eröffnet (2021-06-03).json"

GERMAN = "Die Bürgerin äußerte: „Über die Straße gehen wir nicht mehr – nie!“ Größe zählt."


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


# --- plain text and encodings ------------------------------------------------


def test_text_file_is_one_article_with_id_from_file_name(tmp_path: Path) -> None:
    text = "Schlagzeile des Tages\n\nDer Rat tagte. Er sagte: „Gut.“\n"
    (article,) = read_path(write(tmp_path / "rat-2024.txt", text))
    assert article.text == text
    assert article.id == "rat-2024"
    assert article.title == "Schlagzeile des Tages"


def test_text_without_headline_has_no_title(tmp_path: Path) -> None:
    (article,) = read_path(write(tmp_path / "a.txt", "Ein Satz. Noch ein Satz.\nUnd mehr.\n"))
    assert article.title is None


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_legacy_encodings_decode_german_correctly(tmp_path: Path, encoding: str) -> None:
    text = GERMAN if encoding != "latin-1" else GERMAN.replace("„", '"').replace("“", '"')
    text = text.replace("–", "-") if encoding == "latin-1" else text
    (article,) = read_path(write(tmp_path / "alt.txt", text.encode(encoding)))
    assert article.text == text


def test_cp1252_text_of_several_paragraphs(tmp_path: Path) -> None:
    text = "\r\n".join([GERMAN] * 20)
    (article,) = read_path(write(tmp_path / "win.txt", text.encode("cp1252")))
    assert article.text == text  # CRLF kept, so offsets still match the file


def test_utf8_bom_is_removed_but_nothing_else(tmp_path: Path) -> None:
    (article,) = read_path(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + GERMAN.encode()))
    assert article.text == GERMAN


def test_utf8_with_a_stray_cp1252_byte_keeps_both_parts(tmp_path: Path) -> None:
    data = GERMAN.encode() + b" Gr\xf6\xdfe \x84ja\x93 " + GERMAN.encode()
    (article,) = read_path(write(tmp_path / "gemischt.txt", data))
    assert article.text == f"{GERMAN} Größe „ja“ {GERMAN}"


def test_non_latin_script_is_not_forced_into_cp1252(tmp_path: Path) -> None:
    text = "Президент заявил журналистам, что переговоры продолжатся на следующей неделе. " * 5
    (article,) = read_path(write(tmp_path / "ru.txt", text.encode("cp1251")))
    assert article.text == text


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        bytes(range(256)) * 8,
        b"Text\x00mit NUL",
    ],
    ids=["png", "all-bytes", "nul"],
)
def test_binary_input_is_rejected(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(InputError, match="looks binary"):
        read_path(write(tmp_path / "x.txt", content))


@pytest.mark.parametrize("content", ["", "  \n\t\r\n", "\ufeff"])
def test_empty_input_is_rejected(tmp_path: Path, content: str) -> None:
    with pytest.raises(InputError, match="is empty"):
        read_path(write(tmp_path / "leer.txt", content))


def test_five_megabyte_article_loads_exactly(tmp_path: Path) -> None:
    text = ("Sie sagte: „Das ist gut.“ Er meinte, es sei schlecht. " * 100_000)[:5_000_000]
    (article,) = read_path(write(tmp_path / "big.txt", text))
    assert article.text == text


def test_missing_file_and_folder_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "fehlt.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_path(tmp_path)


# --- JSON, JSONL and the corpus format ----------------------------------------


def test_corpus_file_yields_id_title_and_date_from_document_name() -> None:
    (article,) = read_path(CORPUS_FILE)
    raw = json.loads(CORPUS_FILE.read_text(encoding="utf-8"))
    assert article.text == raw["originalText"]
    assert (article.id, article.title, article.date) == (
        "4711",
        "Neue Brücke über die Saale eröffnet",
        "2021-06-03",
    )


def test_corpus_dev_files_all_read(quotation_dev: Path) -> None:
    files = sorted(quotation_dev.glob("*.json"))
    articles = list(iter_articles([quotation_dev]))
    assert len(articles) == len(files)
    assert all(a.date and len(a.date) == 10 and a.title for a in articles)


def test_plain_json_object_and_array(tmp_path: Path) -> None:
    obj = {"id": "a1", "text": GERMAN, "title": "T", "date": "20.08.2005", "source": "dpa"}
    (article,) = read_path(write(tmp_path / "one.json", json.dumps(obj)))
    assert article == Article("a1", GERMAN, "T", "2005-08-20", "dpa")
    many = read_path(write(tmp_path / "many.json", json.dumps([{"text": "A."}, {"text": "B."}])))
    assert [(a.id, a.text) for a in many] == [("many:1", "A."), ("many:2", "B.")]


def test_zitat_result_json_is_read_back_as_its_article(tmp_path: Path) -> None:
    article = Article("r1", GERMAN, title="Titel", date="2024-03-12", source="Quelle")
    result = AnalysisResult(document=article, quotations=[], model="rules@1")
    path = write(tmp_path / "result.json", json.dumps(result_to_dict(result), ensure_ascii=False))
    assert read_path(path) == [article]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "A."', r"invalid JSON at line 1, column 14"),
        ('{"title": "ohne Text"}', "needs a 'text' field"),
        ('{"text": "  "}', "'text' is empty"),
        ('{"text": "A.", "title": ["x"]}', "'title' must be a string"),
        ('"nur ein String"', "expected a JSON object"),
        ("[]", "holds no articles"),
    ],
)
def test_malformed_json_names_the_problem(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_path(write(tmp_path / "bad.json", content))


def test_jsonl_one_article_per_line_with_derived_ids(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Erster Text.", "date": "2024-01-05T08:00:00Z"}),
        "",
        json.dumps({"id": "x", "text": "Zweiter\u2028Text."}, ensure_ascii=False),
    ]
    articles = read_path(write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n"))
    assert [(a.id, a.text, a.date) for a in articles] == [
        ("feed:1", "Erster Text.", "2024-01-05"),
        ("x", "Zweiter\u2028Text.", None),
    ]


def test_malformed_jsonl_line_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", '{"text": "gut"}\n{"text": kaputt}\n')
    with pytest.raises(InputError, match=r"feed\.jsonl, line 2: invalid JSON at column 10"):
        read_path(path)


# --- HTML ---------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Stadtrat beschließt Radwege</title>
<meta property="article:published_time" content="2024-03-12T10:00:00+01:00">
<meta property="og:site_name" content="Neustädter Zeitung"></head>
<body><nav><a href="/">Start</a> | <a href="/politik">Politik</a></nav>
<article><h1>Stadtrat beschließt Radwege</h1>
<p>Der Stadtrat hat am Dienstag ein neues Radwegenetz beschlossen. „Das ist ein guter Tag für
alle Radfahrer“, sagte die Oberbürgermeisterin nach der Abstimmung im Rathaus.</p>
<p>Die Opposition zeigte sich enttäuscht &amp; kritisierte, dass Parkplätze wegfallen.</p>
</article><footer>Impressum · Datenschutz</footer></body></html>"""


def test_html_page_is_reduced_to_the_article_with_title_and_date(tmp_path: Path) -> None:
    (article,) = read_path(write(tmp_path / "seite.html", PAGE))
    assert article.title == "Stadtrat beschließt Radwege"
    assert article.date == "2024-03-12"
    assert article.source == "Neustädter Zeitung"
    assert "„Das ist ein guter Tag" in article.text
    assert "enttäuscht & kritisierte" in article.text
    assert "Impressum" not in article.text and "<p>" not in article.text


def test_html_without_article_text_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no article text found"):
        read_path(write(tmp_path / "leer.html", "<html><head></head><body></body></html>"))


# --- sniffing, folders, globs, stdin --------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected_text"),
    [
        (PAGE, "Opposition"),
        (json.dumps({"text": "Aus JSON."}), "Aus JSON."),
        ('{"text": "Zeile eins."}\n{"text": "Zeile zwei."}\n', "Zeile eins."),
        ("{ keine JSON-Datei, nur Text }", "{ keine JSON-Datei, nur Text }"),
    ],
    ids=["html", "json", "jsonl", "text"],
)
def test_unknown_extension_is_sniffed(tmp_path: Path, content: str, expected_text: str) -> None:
    articles = read_path(write(tmp_path / "eingabe.dat", content))
    assert expected_text in articles[0].text


def test_stdin_is_read_with_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = SimpleNamespace(buffer=io.BytesIO(GERMAN.encode("cp1252")))
    monkeypatch.setattr(sys, "stdin", stdin)
    (article,) = read_path("-")
    assert (article.id, article.text) == ("stdin", GERMAN)


def make_tree(root: Path) -> None:
    (root / "sub" / "tief").mkdir(parents=True)
    (root / ".versteckt").mkdir()
    write(root / "a.txt", "Text A.")
    write(root / "sub" / "b.json", json.dumps({"text": "Text B."}))
    write(root / "sub" / "tief" / "c.jsonl", '{"text": "Text C."}\n')
    write(root / "sub" / "bild.png", b"\x89PNG\x00")
    write(root / ".versteckt" / "d.txt", "Text D.")


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    assert [a.text for a in iter_articles([tmp_path])] == ["Text A.", "Text B.", "Text C."]
    assert [a.text for a in iter_articles([tmp_path], recursive=False)] == ["Text A."]


def test_glob_patterns_expand(tmp_path: Path) -> None:
    make_tree(tmp_path)
    texts = [a.text for a in iter_articles([str(tmp_path / "**" / "*.js*")])]
    assert texts == ["Text B.", "Text C."]
    with pytest.raises(InputError, match="no files match"):
        list(iter_articles([str(tmp_path / "*.xml")]))


def test_on_error_reports_and_skips_bad_inputs(tmp_path: Path) -> None:
    good = write(tmp_path / "gut.txt", "Ein guter Text.")
    empty = write(tmp_path / "leer.txt", "")
    binary = write(tmp_path / "bin.txt", b"\x00\x01\x02")
    missing = tmp_path / "fehlt.txt"
    failures: list[tuple[Path, ZitatError]] = []
    paths = [empty, good, missing, binary]
    articles = list(iter_articles(paths, on_error=lambda p, e: failures.append((p, e))))
    assert [a.text for a in articles] == ["Ein guter Text."]
    assert [p for p, _ in failures] == [empty, missing, binary]
    assert all(isinstance(e, InputError) for _, e in failures)


def test_without_on_error_the_first_failure_propagates(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(iter_articles([tmp_path / "fehlt.txt"]))


# --- dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2005-08-20", "2005-08-20"),
        ("2024-03-12T10:00:00+01:00", "2024-03-12"),
        ("20.8.2005", "2005-08-20"),
        ("3. März 2024", "2024-03-03"),
        ("1 Dez. 1999", "1999-12-01"),
        ("Tue, 12 Mar 2024 10:00:00 +0100", "2024-03-12"),
        ("Frühjahr 2024", "Frühjahr 2024"),
        ("2024-02-30", "2024-02-30"),
        ("", None),
        (None, None),
    ],
)
def test_normalize_date(raw: str | None, expected: str | None) -> None:
    assert normalize_date(raw) == expected


def test_glob_patterns_do_not_follow_symlink_loops(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "sub" / "zurück").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "a-link.txt").symlink_to(tmp_path / "a.txt")
    for pattern in ("**/*.txt", "**/*.js*", "**", "sub/*/*.jsonl"):
        texts = [a.text for a in iter_articles([str(tmp_path / pattern)])]
        assert len(texts) == len(set(texts)), pattern
    assert [a.text for a in iter_articles([str(tmp_path / "**")])] == [
        "Text A.",
        "Text B.",
        "Text C.",
    ]
    assert [a.text for a in iter_articles([str(tmp_path / "**" / "*.txt")])] == ["Text A."]


@pytest.mark.parametrize(
    "content",
    [b"Hallo \xff Welt", b"ab\x81\x8dcd", b"\xc3(", "Привет мир, как дела?".encode("cp1251")],
)
def test_a_short_input_in_an_unknown_encoding_is_refused_not_guessed(
    tmp_path: Path, content: bytes
) -> None:
    with pytest.raises(InputError, match="too short to tell its encoding reliably"):
        read_path(write(tmp_path / "kurz.txt", content))
