"""Bar charts of the statistics, drawn on the server as SVG: no script in the browser, and text stays text."""

import html
import io
import os
import re
import tempfile

from django.utils.html import escape

# Matplotlib keeps a font cache in its configuration directory; the server's home may not be writable.
os.environ.setdefault("MPLCONFIGDIR", os.path.join(tempfile.gettempdir(), "idm-matplotlib"))

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

COLOURS = ["#0033a0", "#d4572c", "#5b8c5a", "#7f7f7f"]
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    # Text as <text>, not paths: smaller files, and the words remain searchable and selectable.
    "svg.fonttype": "none",
    # The same chart gives the same file, so pages and tests are stable.
    "svg.hashsalt": "idm-reports",
    # Names and titles are data, not TeX: a dollar sign or a backslash in a name must print as written.
    "text.parse_math": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _number(value):
    return value if isinstance(value, int | float) else 0


def bar_chart(table, *, title):
    """Horizontal bars, one per row, with a bar for each charted column; None when there is nothing to draw."""
    if table.is_empty or not table.chart_columns:
        return None
    labels = [str(row[0]) for row in table.rows]
    series = [(str(table.columns[index]), [_number(row[index]) for row in table.rows]) for index in table.chart_columns]
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(6.4, 0.9 + 0.32 * len(labels) * len(series)), layout="constrained")
        axes = figure.subplots()
        height = 0.8 / len(series)
        positions = range(len(labels))
        for number, (name, values) in enumerate(series):
            offsets = [position + (number - (len(series) - 1) / 2) * height for position in positions]
            bars = axes.barh(offsets, values, height=height, color=COLOURS[number % len(COLOURS)], label=name)
            axes.bar_label(bars, padding=3)
        axes.set_yticks(list(positions), labels=[_shorten(label) for label in labels])
        axes.invert_yaxis()
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.margins(x=0.12)
        if len(series) > 1:
            axes.legend(loc="lower right", frameon=False)
        else:
            axes.set_xlabel(series[0][0])
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _inline_svg(buffer.getvalue(), title=title)


def _shorten(label, length=45):
    return label if len(label) <= length else label[: length - 1] + "…"


# Matplotlib's one style sheet: a rule for every element, `*{stroke-linejoin: round; stroke-linecap: butt}`.
DEFAULT_STYLE = re.compile(r'\s*<defs>\s*<style type="text/css">\*\{(?P<declarations>[^}]*)\}</style>\s*</defs>')
STYLE_ATTRIBUTE = re.compile(r'\sstyle="(?P<declarations>[^"]*)"')


def _inline_svg(document, *, title):
    """The <svg> element alone, labelled for assistive technology, ready to sit inside an HTML page."""
    svg = document[document.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.DOTALL)
    svg = re.sub(r'<svg\b[^>]*?\swidth="[^"]*"\s+height="[^"]*"', _drop_size, svg, count=1)
    svg, defaults = _without_style_sheet(svg)
    svg = STYLE_ATTRIBUTE.sub(lambda match: _presentation_attributes(match["declarations"]), svg)
    return svg.replace("<svg", f'<svg role="img" aria-label="{escape(title)}" focusable="false"{defaults}', 1)


def _without_style_sheet(svg):
    """The SVG without its <style> element, and that rule as attributes of the <svg> element.

    The properties it sets (line joins and caps) are inherited, so on the root they reach every element.
    """
    match = DEFAULT_STYLE.search(svg)
    if match is None:
        return svg, ""
    return svg[: match.start()] + svg[match.end() :], _presentation_attributes(match["declarations"])


def _presentation_attributes(declarations):
    """CSS declarations as SVG presentation attributes (`fill: #fff` as fill="#fff").

    The site's Content-Security-Policy refuses inline styles, `style` attributes and <style> elements alike, and
    Chromium then paints every shape in the default black; presentation attributes are not styles, and apply.
    """
    pairs = (declaration.partition(":") for declaration in html.unescape(declarations).split(";"))
    return "".join(f' {name.strip()}="{escape(value.strip())}"' for name, _, value in pairs if name.strip())


def _drop_size(match):
    # The viewBox keeps the proportions; the page's style sheet sets the width.
    return re.sub(r'\s(width|height)="[^"]*"', "", match.group(0))
