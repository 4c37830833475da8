"""Charts of corpus statistics (matplotlib, no display needed)."""

from __future__ import annotations

from pathlib import Path

from zitat.errors import InputError
from zitat.store.stats import CorpusStats

PLOT_SUFFIXES = (".png", ".svg")


def plot_stats(stats: CorpusStats, path: Path) -> None:
    """Draw top speakers, speaker kinds, forms and quotations per month into one figure."""
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise InputError(f"cannot draw {path}: use a .png or .svg file name")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    figure, axes = plt.subplots(2, 2, figsize=(13, 9))
    speakers = list(reversed(stats.top_speakers[:15]))
    top, kinds, forms, months = axes.flat
    top.barh([s.name for s in speakers], [s.quotations for s in speakers], color="#4c72b0")
    top.set_title("Most quoted speakers")
    kinds.bar(list(stats.by_kind), list(stats.by_kind.values()), color="#55a868")
    kinds.set_title("Quotations by speaker kind")
    kinds.tick_params(axis="x", labelrotation=30)
    forms.bar(list(stats.by_type), list(stats.by_type.values()), color="#c44e52")
    forms.set_title("Quotations by form")
    forms.tick_params(axis="x", labelrotation=30)
    months.bar(list(stats.per_month), list(stats.per_month.values()), color="#8172b2")
    months.set_title("Quotations per month")
    months.tick_params(axis="x", labelrotation=60)
    for axis in (kinds, forms, months):
        axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    top.xaxis.set_major_locator(MaxNLocator(integer=True))
    figure.suptitle(f"{stats.n_quotations} quotations in {stats.n_articles} articles")
    figure.tight_layout()
    try:
        figure.savefig(path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        plt.close(figure)
