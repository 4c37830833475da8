"""Options reach the components from PipelineConfig; components are cached per options."""

from __future__ import annotations

from pathlib import Path

import pytest

from zitat import registry
from zitat.errors import ModelError
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.quotations.learned import SHIPPED_MODEL, TaggerModel
from zitat.schema import Article


def session_threads(pipeline: Pipeline) -> int:
    assert isinstance(pipeline.model, TaggerModel)
    options = pipeline.model.tagger._session.get_session_options()
    return int(options.intra_op_num_threads)


def test_pipelines_with_different_threads_get_different_sessions() -> None:
    one = Pipeline(PipelineConfig(model="tagger", threads=1))
    two = Pipeline(PipelineConfig(model="tagger", threads=2))
    assert (session_threads(one), session_threads(two)) == (1, 2)
    assert one.model is not two.model
    # the same options again: the cached model, not a second copy
    assert Pipeline(PipelineConfig(model="tagger", threads=1)).model is one.model


def test_a_model_is_shared_across_options_it_does_not_take() -> None:
    one = Pipeline(PipelineConfig(model="rules", threads=1))
    assert Pipeline(PipelineConfig(model="rules", threads=2)).model is one.model


def test_the_config_names_the_model_folder(tmp_path: Path) -> None:
    shipped = Pipeline(PipelineConfig(model="tagger", model_folder=SHIPPED_MODEL, threads=1))
    assert isinstance(shipped.model, TaggerModel) and shipped.model.folder == SHIPPED_MODEL
    with pytest.raises(ModelError, match=str(tmp_path)):
        Pipeline(PipelineConfig(model="tagger", model_folder=tmp_path))


def test_the_model_folder_defaults_to_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(registry.MODEL_FOLDER_ENV, raising=False)
    assert PipelineConfig().model_folder is None
    monkeypatch.setenv(registry.MODEL_FOLDER_ENV, str(tmp_path))
    assert PipelineConfig().model_folder == tmp_path
    assert PipelineConfig(model_folder=SHIPPED_MODEL).model_folder == SHIPPED_MODEL


@pytest.mark.parametrize(
    "enrichers", [("speakers",), ("speakers", "entities"), ("time", "speakers")]
)
def test_speakers_without_entities_before_them_are_refused(enrichers: tuple[str, ...]) -> None:
    with pytest.raises(ModelError) as caught:
        Pipeline(PipelineConfig(model="rules", enrichers=enrichers))
    message = str(caught.value)
    assert "'speakers' enricher needs 'entities' before it" in message
    assert "\n" not in message


@pytest.mark.parametrize("enrichers", [(), ("entities",), ("time",), ("entities", "speakers")])
def test_enrichers_with_what_they_need_are_accepted(enrichers: tuple[str, ...]) -> None:
    pipeline = Pipeline(PipelineConfig(model="rules", enrichers=enrichers))
    assert pipeline.analyze(Article("a", "„Ja“, sagte sie.")).quotations
