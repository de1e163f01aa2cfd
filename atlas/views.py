from dataclasses import replace

from django.shortcuts import render
from django.urls import reverse

from search import engines
from search.facets import BY_NAME
from search.views import active_filters, reader_query, url_with

from .charts import CHARTS, bar_chart, country_map
from .geography import ATTRIBUTION


def atlas_page(request):
    """/<lang>/search/map/: where a search's case studies are and what they are about, as a
    map and charts, with the search page's parameters."""
    params = request.GET.copy()
    corrections = {}
    query = reader_query(request, params, corrections)
    results = engines.search(replace(query, page=1, page_size=1))
    context = {
        "query": query,
        "total": results.total,
        "corrections": corrections.values(),
        "chips": active_filters(query, request.GET),
        "search_url": reverse("search") + url_with(request.GET, page=None),
        "map": country_map(results.facets["country"], request.GET),
        "countries": bar_chart("country", results.facets["country"], request.GET),
        "charts": [
            {
                "name": name,
                "heading": BY_NAME[name].heading,
                "rows": bar_chart(name, results.facets[name], request.GET),
            }
            for name in CHARTS
        ],
        "attribution": ATTRIBUTION,
    }
    return render(request, "atlas/atlas_page.html", context)
