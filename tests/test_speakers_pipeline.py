"""The three enrichers inside the pipeline: JSON output with entities and time anchors."""

from __future__ import annotations

from zitat import registry
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import Article, iter_role_spans, result_from_dict, result_to_dict

TEXT = (
    "US-Präsident Donald Trump hat am Sonntag die Medien kritisiert. „Das ist alles falsch“, "
    "sagte Trump. Ein Sprecher des Weißen Hauses sagte, man prüfe die Berichte."
)


def test_default_enrichers_are_registered() -> None:
    assert registry.DEFAULT_ENRICHERS == ("entities", "speakers", "time")
    for name in registry.DEFAULT_ENRICHERS:
        assert callable(registry.enricher(name))


def test_rules_pipeline_output_has_entities_speakers_and_time() -> None:
    pipeline = Pipeline(PipelineConfig(model="rules"))
    result = pipeline.analyze(Article("a", TEXT, date="2019-03-05"))
    data = result_to_dict(result)
    entities = {e["id"]: e for e in data["entities"]}
    assert entities["per:donald-trump"]["name"] == "Donald Trump"
    speakers = [q["speaker"]["entity"] for q in data["quotations"] if q["speaker"]]
    assert {"id": "per:donald-trump", "name": "Donald Trump", "kind": "person",
            "gender": "male", "role": "US-Präsident"} in speakers  # fmt: skip
    for q in data["quotations"]:
        assert q["when"] is not None and (q["when"]["date"] or q["when"]["start"])
    assert result_from_dict(data).quotations[0].speaker == result.quotations[0].speaker
    for start, end in iter_role_spans(result):
        assert 0 <= start < end <= len(TEXT)


def test_pipeline_without_date_or_quotations_is_fine() -> None:
    result = Pipeline(PipelineConfig(model="rules")).analyze(Article("b", "Es regnete lange."))
    assert result.quotations == [] and result.entities == []
