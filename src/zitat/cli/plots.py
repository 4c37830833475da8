"""Charts of corpus statistics (matplotlib, no display needed)."""

from __future__ import annotations

from pathlib import Path

from zitat.errors import InputError
from zitat.store.stats import CorpusStats

PLOT_SUFFIXES = (".png", ".svg")


def plot_stats(stats: CorpusStats, path: Path) -> None:
    """Draw top speakers, speaker kinds, genders, forms, media and dated quotations per
    month into one figure."""
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise InputError(f"cannot draw {path}: use a .png or .svg file name")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    figure, axes = plt.subplots(2, 3, figsize=(18, 9))
    speakers = list(reversed(stats.top_speakers[:15]))
    top, kinds, genders, months, forms, media = axes.flat
    top.barh([s.name for s in speakers], [s.quotations for s in speakers], color="#4c72b0")
    top.set_title("Most quoted speakers")
    top.xaxis.set_major_locator(MaxNLocator(integer=True))
    panels = (
        (kinds, stats.by_kind, "Quotations by speaker kind", "#55a868", 30),
        (genders, stats.by_gender, "Quoted persons by gender", "#dd8452", 0),
        (forms, stats.by_type, "Quotations by form", "#c44e52", 30),
        (media, stats.by_medium, "Quotations by medium", "#937860", 30),
        (
            months,
            stats.per_month,
            f"Dated quotations per month ({stats.n_undated} undated not shown)",
            "#8172b2",
            60,
        ),
    )
    for axis, counts, title, colour, rotation in panels:
        axis.bar(list(counts), list(counts.values()), color=colour)
        axis.set_title(title)
        axis.tick_params(axis="x", labelrotation=rotation)
        axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    figure.suptitle(f"{stats.n_quotations} quotations in {stats.n_articles} articles")
    figure.tight_layout()
    try:
        figure.savefig(path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        plt.close(figure)
