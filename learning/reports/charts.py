"""Charts drawn on the server as inline SVG (no script, no library): the geometry
is worked out here, `templates/reports/admin/summary/includes/*_chart.html`
draws it.

Each chart is an image with a title and a description (`role="img"`,
`aria-labelledby`); every bar carries its number in text, colours differ in
lightness as well as hue, and the page follows each chart with a table of the
same figures.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

WIDTH = 760
LABEL_WIDTH = 210  # the row labels, on the left
END_ROOM = 130  # the total or rate written after each bar
LEGEND_HEIGHT = 34
AXIS_HEIGHT = 26
ROW_HEIGHT = 34
BAR_HEIGHT = 22
CHAR_WIDTH = 8  # a generous average character at the charts' 13px font
LABEL_CHARS = 28
PLOT_X = LABEL_WIDTH
PLOT_WIDTH = WIDTH - LABEL_WIDTH - END_ROOM


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    fill: str
    text: str  # the colour of a number written on the fill (contrast ≥ 4.5:1)


def status_series():
    """Left to right: done, under way, late, not begun. Dark, light, dark,
    lightest: told apart without colour too (and every segment has its number
    or, when too narrow, a tooltip and the table)."""
    return [
        Series("completed", _("Completed"), "#005a8c", "#ffffff"),
        Series("in_progress", _("In progress"), "#7ec3ea", "#1b2a3a"),
        Series("overdue", _("Overdue"), "#a64d00", "#ffffff"),
        Series("not_started", _("Not started"), "#e8ecef", "#1b2a3a"),
    ]


RATE_FILL = "#0a6fa8"
TRACK_FILL = "#f2f4f6"
OUTLINE = "#1b2a3a"


@dataclass
class Segment:
    series: Series
    value: int
    x: float
    width: float

    @property
    def shows_value(self):
        return self.width >= len(str(self.value)) * CHAR_WIDTH + 8

    @property
    def text_x(self):
        return self.x + self.width / 2


@dataclass
class Row:
    label: str
    full_label: str
    y: float
    end_text: str
    end_x: float = 0
    segments: list = field(default_factory=list)
    bar_width: float = 0  # the rate charts' bar

    @property
    def bar_y(self):
        return self.y + (ROW_HEIGHT - BAR_HEIGHT) / 2

    @property
    def text_y(self):
        return self.y + ROW_HEIGHT / 2


@dataclass
class LegendItem:
    series: Series
    x: float

    @property
    def text_x(self):
        return self.x + 22


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Chart:
    id: str
    title: str
    description: str
    rows: list
    legend: list = field(default_factory=list)
    ticks: list = field(default_factory=list)
    plot_x: float = PLOT_X
    plot_width: float = PLOT_WIDTH
    top: float = 0  # where the rows start

    @property
    def width(self):
        """Wide enough for the text after the longest bar, and the legend."""
        ends = [row.end_x + len(row.end_text) * CHAR_WIDTH for row in self.rows]
        ends += [
            item.text_x + len(item.series.label) * CHAR_WIDTH for item in self.legend
        ]
        return round(max([WIDTH, *ends]) + 8)

    @property
    def height(self):
        return self.top + len(self.rows) * ROW_HEIGHT + AXIS_HEIGHT

    @property
    def label_x(self):
        return self.plot_x - 10

    @property
    def plot_end(self):
        return self.plot_x + self.plot_width

    @property
    def axis_y(self):
        return self.top + len(self.rows) * ROW_HEIGHT

    @property
    def bar_height(self):
        return BAR_HEIGHT

    @property
    def axis_label_y(self):
        return self.axis_y + 16

    @property
    def title_id(self):
        return f"{self.id}-title"

    @property
    def description_id(self):
        return f"{self.id}-desc"


def shorten(label, limit=LABEL_CHARS):
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def legend(series):
    items, x = [], PLOT_X
    for one in series:
        items.append(LegendItem(one, x))
        x += 26 + len(one.label) * CHAR_WIDTH + 18
    return items


def stacked_bar_chart(chart_id, *, title, description, rows, series=None):
    """Horizontal bars, one per (label, figures) in `rows`, cut into a segment
    per series (the figures' attribute named by the series key), all to the
    scale of the longest bar. The total is written after each bar."""
    series = series or status_series()
    totals = [sum(getattr(figures, one.key) for one in series) for _, figures in rows]
    scale = PLOT_WIDTH / max(totals, default=0) if any(totals) else 0
    chart = Chart(
        chart_id, title, description, rows=[], legend=legend(series), top=LEGEND_HEIGHT
    )
    for index, ((label, figures), total) in enumerate(zip(rows, totals, strict=True)):
        row = Row(
            shorten(label),
            label,
            y=chart.top + index * ROW_HEIGHT,
            end_text=_("%(count)s enrolled") % {"count": total},
        )
        x = PLOT_X
        for one in series:
            value = getattr(figures, one.key)
            if value:
                width = value * scale
                row.segments.append(Segment(one, value, x, width))
                x += width
        row.end_x = x + 8
        chart.rows.append(row)
    chart.ticks = count_ticks(max(totals, default=0), scale)
    return chart


def round_steps():
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            yield factor * magnitude
        magnitude *= 10


def count_ticks(largest, scale):
    """Round steps from 0 to the largest total, five at most."""
    step = next(step for step in round_steps() if largest / step <= 5)
    return [
        Tick(PLOT_X + value * scale, str(value))
        for value in range(0, largest + 1, step)
    ]


def rate_bar_chart(chart_id, *, title, description, rows):
    """Horizontal bars of percentages (0–100 %), one per (label, full label,
    rate, part, whole) in `rows`; each says "rate % (part of whole)", or "–"
    when there is no whole."""
    chart = Chart(chart_id, title, description, rows=[], top=8)
    for index, (label, full_label, rate, part, whole) in enumerate(rows):
        if rate is None:
            end_text = "–"
        else:
            end_text = _("%(rate)s%% (%(part)s of %(whole)s)") % {
                "rate": rate,
                "part": part,
                "whole": whole,
            }
        width = float(rate or 0) / 100 * PLOT_WIDTH
        chart.rows.append(
            Row(
                shorten(label),
                full_label,
                y=chart.top + index * ROW_HEIGHT,
                end_text=end_text,
                end_x=PLOT_X + PLOT_WIDTH + 8,
                bar_width=width,
            )
        )
    chart.ticks = [
        Tick(PLOT_X + PLOT_WIDTH * value / 100, f"{value}%")
        for value in (0, 25, 50, 75, 100)
    ]
    return chart
