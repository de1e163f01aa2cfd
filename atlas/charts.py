"""The figures of a search as a map and bar charts. Every figure is the search's own facet count
(disjunctive, as on the search page), so the map and charts agree with the search they belong
to; each country and bar links to the search filtered by it."""

import math

from django.urls import reverse

from search.views import url_with

from .geography import world_map

SHADES = 5  # the map's classes, from the fewest case studies to the most
CHARTS = ("region", "theme", "sector", "year")


def shade(count, most):
    """The map class of a country with `count` case studies: 0 (none), 1 ... SHADES."""
    if not count:
        return 0
    steps = min(SHADES, most)
    return math.ceil(count * steps / most)


def legend(most):
    """[{"shade", "low", "high"}] for each class in use, in equal steps up to `most`."""
    steps = min(SHADES, most)
    return [
        {
            "shade": step,
            "low": math.floor((step - 1) * most / steps) + 1,
            "high": math.floor(step * most / steps),
        }
        for step in range(1, steps + 1)
    ]


def filtered_url(params, facet, value):
    """The search filtered by one value of a facet (the year: from and until that year)."""
    if facet == "year":
        changes = {"year_min": str(value), "year_max": str(value)}
    else:
        changes = {facet: value}
    return reverse("search") + url_with(params, page=None, **changes)


def country_map(entries, params):
    """Every country of the map with its shape, its case studies, people hired and class."""
    found = {entry["value"]: entry for entry in entries}
    most = max((entry["count"] for entry in entries), default=0)
    countries = []
    for code, path in world_map()["countries"].items():
        entry = found.get(code)
        countries.append(
            {
                "code": code,
                "path": path,
                "label": entry["label"] if entry else "",
                "count": entry["count"] if entry else 0,
                "shade": shade(entry["count"], most) if entry else 0,
                "url": filtered_url(params, "country", code) if entry else "",
            }
        )
    return {
        "view_box": world_map()["viewBox"],
        "countries": countries,
        "legend": legend(most) if most else [],
    }


def bar_chart(facet, entries, params):
    """A facet's values as rows of a bar chart: bars are shares of the largest, in percent."""
    if facet == "year":
        entries = sorted(entries, key=lambda entry: entry["value"])
    most_count = max((entry["count"] for entry in entries), default=0) or 1
    most_hires = max((entry["hires"] for entry in entries), default=0) or 1
    return [
        {
            **entry,
            "url": filtered_url(params, facet, entry["value"]),
            "count_bar": round(100 * entry["count"] / most_count, 1),
            "hires_bar": round(100 * entry["hires"] / most_hires, 1),
        }
        for entry in entries
    ]
