"""``zitat analyze`` end to end: formats, stdin, output files, exit codes, one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_support import Runner, cli_runner
from test_language import ENGLISH
from zitat.cli import analyze as analyze_command
from zitat.cli.analyze import OutputFormat, pretty_json, write_results
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import Article, result_from_dict

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "article.txt"
ZITAT = [sys.executable, "-c", "from zitat.cli import main; main()"]
SECOND = "Der Trainer sagte nach dem Spiel: „Wir waren heute einfach besser.“\n"


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Runner:
    return cli_runner(monkeypatch, capsys, "analyze")


def assert_exact_spans(raw: dict[str, object]) -> None:
    result = result_from_dict(raw)
    text = result.document.text
    for q in result.quotations:
        for part in (q.quote, q.cue, q.frame, q.speaker, q.addressee):
            if part is not None:
                assert all(0 <= s < e <= len(text) for s, e in part.spans)
                assert part.text == " ".join(text[s:e] for s, e in part.spans)


def assert_one_line_error(err: str, fragment: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("zitat: error:") and fragment in lines[0]
    assert "Traceback" not in err


def test_table_is_the_default(run: Runner) -> None:
    res = run(str(EXAMPLE), "--model", "rules")
    assert res.code == 0 and res.err == ""
    heading = res.out.splitlines()[0]
    assert heading.startswith("Stadtrat beschließt neues Radwegenetz für Neustadt [article]")
    assert heading.endswith("quotations")
    for column in ("form", "medium", "speaker", "cue", "addressee", "quote"):
        assert column in res.out
    assert "Direct" in res.out


def test_json_for_one_file_is_one_versioned_object(run: Runner) -> None:
    res = run(str(EXAMPLE), "--model", "rules", "--format", "json")
    assert res.code == 0
    raw = json.loads(res.out)
    assert raw["schema"] == "zitat/1"
    assert raw["document"]["text"] == EXAMPLE.read_text(encoding="utf-8")
    assert raw["quotations"] and raw["model"].startswith("rules")
    assert_exact_spans(raw)


def test_json_for_several_articles_is_an_array_and_jsonl_a_line_each(
    run: Runner,
    tmp_path: Path,
) -> None:
    second = tmp_path / "spiel.txt"
    second.write_text(SECOND, encoding="utf-8")
    res = run(str(EXAMPLE), str(second), "-m", "rules", "-f", "json")
    assert [r["document"]["id"] for r in json.loads(res.out)] == ["article", "spiel"]
    res = run(str(EXAMPLE), str(second), "-m", "rules", "-f", "jsonl")
    lines = res.out.splitlines()
    assert len(lines) == 2
    for line in lines:
        assert_exact_spans(json.loads(line))


def test_stdin_is_read_with_a_dash(run: Runner) -> None:
    res = run("-", "-m", "rules", "-f", "json", stdin=SECOND.encode("cp1252"))
    assert res.code == 0
    raw = json.loads(res.out)
    assert raw["document"]["id"] == "stdin" and raw["document"]["text"] == SECOND
    assert raw["quotations"][0]["type"] == "Direct"


def test_html_goes_to_the_output_file(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "seite.html"
    res = run(str(EXAMPLE), "-m", "rules", "-f", "html", "-o", str(target))
    assert res.code == 0 and res.out == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'class="z-quote' in page
    assert "<title>zitat – Stadtrat beschließt neues Radwegenetz für Neustadt</title>" in page


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "looks binary")],
    ids=["empty", "binary"],
)
def test_unreadable_single_file_is_one_line_and_exit_code_2(
    run: Runner,
    tmp_path: Path,
    content: bytes,
    message: str,
) -> None:
    path = tmp_path / "eingabe.txt"
    path.write_bytes(content)
    res = run(str(path), "-m", "rules")
    assert res.code == 2 and res.out == ""
    assert_one_line_error(res.err, message)


def test_some_failing_files_are_reported_and_the_rest_analysed(
    run: Runner,
    tmp_path: Path,
) -> None:
    empty = tmp_path / "leer.txt"
    empty.write_text("", encoding="utf-8")
    res = run(str(empty), str(EXAMPLE), str(tmp_path / "fehlt.txt"), "-m", "rules", "-f", "jsonl")
    assert res.code == 1
    assert [json.loads(line)["document"]["id"] for line in res.out.splitlines()] == ["article"]
    errors = res.err.strip().splitlines()
    assert len(errors) == 2 and all(line.startswith("zitat: error:") for line in errors)
    assert "leer.txt is empty" in errors[0] and "fehlt.txt" in errors[1]


def test_unknown_model_is_one_line_and_exit_code_3(run: Runner) -> None:
    res = run(str(EXAMPLE), "--model", "gibtsnicht")
    assert res.code == 3
    assert_one_line_error(res.err, "unknown model 'gibtsnicht'")


def test_unwritable_output_is_a_clear_error(run: Runner, tmp_path: Path) -> None:
    res = run(str(EXAMPLE), "-m", "rules", "-o", str(tmp_path / "fehlt" / "x.txt"))
    assert res.code == 2
    assert_one_line_error(res.err, "cannot write")


def test_installed_command_reports_bad_input_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.jsonl"
    path.write_text('{kaputt\n{"text": "gut"}\n', encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from zitat.cli import main; main()",
            "analyze",
            "-m",
            "rules",
            str(path),
        ],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 2 and proc.stdout == b""
    assert_one_line_error(proc.stderr.decode(), "kaputt.jsonl, line 1: invalid JSON")


def test_a_bad_jsonl_line_stops_its_file_after_the_lines_before_it(
    run: Runner, tmp_path: Path
) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": SECOND, "id": f"a{i}"}) for i in range(3)]
    path.write_text("\n".join([*lines, "{kaputt", lines[0]]) + "\n", encoding="utf-8")
    res = run(path, "--model", "rules", "--format", "jsonl")
    assert res.code == 1  # some analysed, one input failed
    assert [json.loads(line)["document"]["id"] for line in res.out.splitlines()] == [
        "a0",
        "a1",
        "a2",
    ]
    assert_one_line_error(res.err, "feed.jsonl, line 4: invalid JSON")


class RecordingOutput(io.StringIO):
    """An output that notes, for each line written, how many articles had been read."""

    def __init__(self, reads: list[int]) -> None:
        super().__init__()
        self.reads = reads
        self.read_when_written: list[int] = []

    def write(self, text: str) -> int:
        self.read_when_written.append(len(self.reads))
        return super().write(text)


def test_jsonl_writes_each_result_before_the_last_article_is_read() -> None:
    reads: list[int] = []

    def articles(n: int) -> Iterator[Article]:
        for i in range(n):
            reads.append(i)
            yield Article(id=f"a{i}", text=SECOND)

    out = RecordingOutput(reads)
    pipeline = Pipeline(PipelineConfig(model="rules"))
    n = 3 * pipeline.config.batch_size
    written = write_results(pipeline.analyze_many(articles(n)), OutputFormat.JSONL, out)
    assert written == n and len(out.getvalue().splitlines()) == n
    # results come one batch behind the reading, never all at the end
    assert out.read_when_written[0] == pipeline.config.batch_size < n
    assert out.read_when_written == sorted(out.read_when_written)


def test_progress_is_plain_lines_on_stderr_when_it_is_not_a_terminal(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analyze_command, "PROGRESS_LINE_EVERY_S", 0.0)
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"text": SECOND}) + "\n" for _ in range(3)), "utf-8")
    res = run(path, "--model", "rules", "--format", "jsonl")
    assert res.code == 0
    assert len([json.loads(line) for line in res.out.splitlines()]) == 3
    progress = res.err.splitlines()
    assert [line.split(" in ")[0] for line in progress] == [
        "analysing: 1 article",
        "analysing: 2 articles",
        "analysing: 3 articles",
    ]
    assert "\x1b" not in res.err  # no terminal control codes in a log file


def test_pretty_json_puts_span_lists_on_one_line_and_round_trips() -> None:
    payload = {
        "text": "[\n 1,\n 2\n] stays as it is",
        "quote": {"spans": [[0, 5], [9, 12]]},
        "cue": {"spans": [[3, 4]]},
        "none": {"spans": []},
    }
    text = pretty_json(payload)
    assert json.loads(text) == payload
    assert '"spans": [[0, 5], [9, 12]]' in text and '"spans": [[3, 4]]' in text


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--format", "foo"), "'foo' is not one of 'table', 'json', 'jsonl', 'html'"),
        (("--nope",), "No such option: --nope"),
        (("--max-article-mb", "0"), "--max-article-mb"),
        ((), "Missing argument 'files'"),
    ],
)
def test_bad_options_are_one_line_usage_errors_with_exit_code_2(
    run: Runner, args: tuple[str, ...], fragment: str
) -> None:
    files = () if not args else (str(EXAMPLE),)
    res = run(*files, *args)
    assert res.code == 2 and res.out == ""
    assert_one_line_error(res.err, fragment)
    assert res.err.rstrip().endswith("(see zitat analyze --help)")


def test_lang_check_warns_on_stderr_or_skips_non_german_articles(
    run: Runner, tmp_path: Path
) -> None:
    path = tmp_path / "feed.jsonl"
    articles = [{"id": "de", "text": EXAMPLE.read_text("utf-8")}, {"id": "en", "text": ENGLISH}]
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    warned = run(path, "--model", "rules", "--format", "jsonl")
    assert warned.code == 0
    assert [json.loads(line)["document"]["id"] for line in warned.out.splitlines()] == ["de", "en"]
    assert warned.err.strip() == (
        "zitat: warning: article 'en' looks English (en), not German; "
        "zitat only analyses German text"
    )
    skipped = run(path, "--model", "rules", "--format", "jsonl", "--lang-check", "skip")
    assert [json.loads(line)["document"]["id"] for line in skipped.out.splitlines()] == ["de"]
    assert skipped.err.strip().endswith("(skipped)")
    unchecked = run(path, "--model", "rules", "--format", "jsonl", "--lang-check", "off")
    assert len(unchecked.out.splitlines()) == 2 and unchecked.err == ""
