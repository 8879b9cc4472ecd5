"""Template helpers shared by every app: an accessible SVG bar chart drawn on the server (no
JavaScript, no CDN), and a download menu for public tables."""

from __future__ import annotations

from decimal import Decimal

from django import template

from congress import header, links

register = template.Library()


@register.simple_tag
def fixed_url(name: str) -> str:
    """`{% url name %}` for a page without arguments, reversed once per language (congress.links)."""
    return links.fixed_url(name)


@register.simple_tag
def id_url(name: str, *ids) -> str:
    """`{% url name id %}` for a row of a list: the route is reversed once, each row's ids filled in
    (congress.links)."""
    return links.id_url(name, *ids)


@register.simple_tag(takes_context=True)
def site_header(context):
    """The page's header, remembered per combination of what it shows (congress.header)."""
    return header.site_header(context)


@register.inclusion_tag("congress/_bar_chart.html")
def bar_chart(rows, label_key: str, value_key: str, caption: str = "", unit: str = "", max_bars: int = 30,
              compact: bool = False):
    """A horizontal bar chart of rows (dicts or objects). The page keeps the data table as the
    accessible alternative; the chart itself is aria-hidden decoration with a text summary.
    `compact`: a narrower drawing for a card (the home figures), so its text stays legible when a
    360-pixel phone scales it down."""

    def get(row, key):
        return row.get(key) if isinstance(row, dict) else getattr(row, key)

    items = []
    for row in list(rows)[:max_bars]:
        value = get(row, value_key)
        if value is None:
            continue
        items.append((str(get(row, label_key)), Decimal(str(value))))
    top = max((v for _, v in items), default=Decimal(1)) or Decimal(1)
    bar_height, gap, label_width, width = (22, 6, 96, 340) if compact else (22, 6, 150, 560)
    bars = []
    for index, (label, value) in enumerate(items):
        length = float(value / top) * (width - label_width - 70)
        bars.append({
            "label": label, "value": value, "y": index * (bar_height + gap),
            "length": round(max(length, 1), 1), "text_x": round(label_width + max(length, 1) + 6, 1),
        })
    # The spoken summary names every bar of a short chart (a year's headline figure is often the
    # last bar); a long one is named in part, and the table below has all of it.
    spoken = bars if len(bars) <= 12 else bars[:10]
    return {
        "bars": bars, "spoken": spoken, "spoken_more": len(spoken) < len(bars),
        "caption": caption, "unit": unit, "label_width": label_width, "width": width,
        "bar_height": bar_height, "height": max(len(bars) * (bar_height + gap), bar_height),
        "text_y_offset": bar_height * 0.7, "label_chars": 7 if compact else 12,
    }


@register.inclusion_tag("congress/_downloads.html", takes_context=True)
def download_links(context, url_name_or_path: str = ""):
    """CSV / XLSX / JSON links for the current table, keeping the page's filters."""
    request = context["request"]
    base = url_name_or_path or request.path
    query = request.GET.copy()
    query.pop("page", None)
    links = []
    for fmt, label in (("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("json", "JSON")):
        query["format"] = fmt
        links.append({"href": f"{base}?{query.urlencode()}", "label": label, "format": fmt})
    return {"links": links}


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for pagination links); a value of
    None removes the parameter."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode()


@register.filter
def percent(value, digits: int = 1):
    """0.994 → 99.4 %; None → —"""
    if value is None:
        return "—"
    return f"{Decimal(str(value)) * 100:.{int(digits)}f} %"
