"""/sitemap.xml: every live, public page in each language it is written in, each entry naming
the page's other languages (hreflang alternates), so that search engines send each reader to
their own language."""

from django.contrib.sitemaps import Sitemap
from django.utils import translation
from wagtail.models import Page

from casestudies.languages import LANGUAGE_CODES


def written_in(page):
    """A case study's own languages; every other page is written in all of them."""
    return getattr(page, "languages", None) or list(LANGUAGE_CODES)


class PagesInTheirLanguages(Sitemap):
    def items(self):
        return Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")

    def get_urls(self, page=1, site=None, protocol=None):
        base = f"{protocol or 'https'}://{site.domain}"
        urls = []
        for item in self.paginator.page(page).object_list:
            locations = {}
            for code in written_in(item):
                with translation.override(code):
                    locations[code] = base + item.get_url_parts()[2]
            alternates = [
                {"lang_code": code, "location": location} for code, location in locations.items()
            ]
            lastmod = item.last_published_at
            urls += [
                {"location": location, "lastmod": lastmod, "alternates": alternates, "item": item}
                for location in locations.values()
            ]
        return urls
