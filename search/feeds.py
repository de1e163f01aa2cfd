"""Atom feeds for readers who follow a search or a collection without an account. They hold only
the case studies whose featured people all consented to the API and feeds, newest first, each
in the feed's language where it has it."""

from dataclasses import replace
from datetime import date, datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.timezone import make_aware
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from casestudies.consent import served_by_api
from casestudies.models import CollectionPage

from . import engines
from .query import InvalidParameter, parse_search_query
from .views import refused

FEED_SIZE = 50


def _moment(day):
    return make_aware(datetime.combine(date.fromisoformat(str(day)), time()))


class SearchFeed(Feed):
    """The newest case studies of a search: the search page's parameters, in its language."""

    feed_type = Atom1Feed

    def get_object(self, request):
        params = request.GET.copy()
        params["lang"] = get_language()
        query = parse_search_query(params, params["lang"])
        self.query_string = request.GET.urlencode()
        return replace(query, sort="newest", page=1, page_size=FEED_SIZE).in_channel("api")

    def title(self, query):
        if query.text:
            return _("Case studies: %(text)s") % {"text": query.text}
        return _("Newest case studies")

    def link(self, query):
        return reverse("search") + (f"?{self.query_string}" if self.query_string else "")

    def items(self, query):
        return engines.search(query).results

    def item_title(self, result):
        return result["title"]

    def item_description(self, result):
        return result["summary"]

    def item_link(self, result):
        return result["url"]

    def item_author_name(self, result):
        return result["organisation"]["name"]

    def item_pubdate(self, result):
        return _moment(result["published_date"])

    item_updateddate = item_pubdate


class CollectionFeed(Feed):
    """A collection's case studies, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(CollectionPage.objects.live().public(), slug=slug)

    def title(self, collection):
        return collection.title

    def link(self, collection):
        return collection.url

    def items(self, collection):
        pages = collection.case_studies()
        prefetch_related_objects(pages, "featured_people")
        pages = [page for page in pages if served_by_api(page)]
        return sorted(pages, key=lambda page: (page.published_date, page.pk), reverse=True)

    def item_title(self, page):
        return page.text.title

    def item_description(self, page):
        return page.text.summary

    def item_link(self, page):
        return page.url

    def item_author_name(self, page):
        return page.organisation.title

    def item_pubdate(self, page):
        return _moment(page.published_date)

    item_updateddate = item_pubdate


def search_feed(request):
    """The search's feed, or 400 with the reason for a parameter it cannot use."""
    try:
        return SearchFeed()(request)
    except InvalidParameter as error:
        return refused(error)


collection_feed = CollectionFeed()
