"""Trend charts of an indicator as PNG, with Chinese labels in a real CJK font."""

from __future__ import annotations

import io
import logging
import warnings
from functools import cache

from knowledge.errors import ChartFontMissing
from knowledge.metrics import MetricLookup

# Families that cover simplified Chinese, in order of preference (Debian package in brackets).
CJK_FONTS = (
    "Noto Sans CJK SC",  # fonts-noto-cjk
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",  # fonts-wqy-zenhei
    "WenQuanYi Micro Hei",  # fonts-wqy-microhei
    "Droid Sans Fallback",  # fonts-droid-fallback
    "AR PL UMing CN",  # fonts-arphic-uming
)


@cache
def cjk_font() -> str:
    """The first installed CJK font family, or ChartFontMissing."""
    from matplotlib import font_manager

    for rescan in (False, True):
        if rescan:  # a font installed after matplotlib cached its font list
            font_manager.fontManager = font_manager._load_fontmanager(try_read_cache=False)
        installed = {f.name for f in font_manager.fontManager.ttflist}
        for family in CJK_FONTS:
            if family in installed:
                return family
    raise ChartFontMissing("no CJK font installed: apt-get install fonts-wqy-zenhei")


def trend_png(lookup: MetricLookup) -> bytes:
    """A line chart of the lookup's series, its values labelled, its sources noted below."""
    import matplotlib

    matplotlib.use("Agg")
    # the CJK families ship one weight; matplotlib's note about it is noise to a user
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    from matplotlib import pyplot as plt

    if not lookup.series:
        raise ValueError("no series to draw")
    family = cjk_font()
    name = lookup.series[0].rows[0].metric.indicator
    unit = lookup.series[0].rows[0].metric.unit
    periods = [p.period for p in lookup.series]
    values = [float(p.rows[0].metric.value) for p in lookup.series]
    sources = sorted({f"《{r.document.title}》" for p in lookup.series for r in p.rows})
    with plt.rc_context({"font.family": family, "axes.unicode_minus": False}):
        fig, ax = plt.subplots(figsize=(7, 4), dpi=120)
        ax.plot(periods, values, marker="o", color="#b22222")
        for x, point in zip(periods, lookup.series, strict=True):
            ax.annotate(
                point.rows[0].metric.raw,
                (x, float(point.rows[0].metric.value)),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
            )
        ax.set_title(f"{name}（{unit}）" if unit else name)
        ax.grid(alpha=0.3)
        fig.text(0.01, 0.01, "来源：" + "、".join(sources), fontsize=8, wrap=True)
        fig.subplots_adjust(bottom=0.22)
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            # a missing glyph is a defect, not a warning: the test suite relies on this
            warnings.filterwarnings("error", message=".*[Gg]lyph.*missing")
            fig.savefig(buffer, format="png")
        plt.close(fig)
    return buffer.getvalue()
