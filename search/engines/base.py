from abc import ABC, abstractmethod

from ..interpretation import interpret


class SearchEngine(ABC):
    """One search interface, two engines: a SearchQuery in, SearchResults out.

    Documents come from search.documents.build_documents; each carries a `fingerprint`, so
    that `search_index check` can tell stale documents from current ones.
    """

    name = ""

    def search(self, query):
        """SearchResults for a SearchQuery: the case studies that match every clause of its
        text or, when none does, those that match some of them (results.matched == "some")."""
        interpretation = interpret(query.text)
        results = self.run(query, interpretation, every_clause=True)
        if not results.total and len(interpretation.clauses) > 1:
            results = self.run(query, interpretation, every_clause=False)
            results.matched = "some"
        results.did_you_mean = interpretation.did_you_mean
        return results

    def count(self, query):
        """How many case studies match every clause of a SearchQuery's text, its filters and
        years: no results, no facets."""
        return self.count_matching(query, interpret(query.text))

    @abstractmethod
    def run(self, query, interpretation, every_clause):
        """SearchResults for a query as interpreted (search.interpretation)."""

    @abstractmethod
    def count_matching(self, query, interpretation):
        """The number of case studies that match every clause, the filters and the years."""

    @abstractmethod
    def suggest(self, text, lang, limit=8, channel=None):
        """Titles of the case studies (only those in `channel`, if given: see
        SearchQuery.in_channel) for autocomplete: [{"title", "url", "language"}]."""

    @abstractmethod
    def index(self, documents):
        """Add or replace these documents."""

    @abstractmethod
    def delete(self, page_ids):
        """Remove these case studies; unknown ids are ignored."""

    @abstractmethod
    def fingerprints(self):
        """{page id: fingerprint} of every indexed document."""

    @abstractmethod
    def rebuild(self, documents, progress=None):
        """Replace the whole index with these documents; searches keep answering meanwhile.
        Returns the number of documents indexed."""

    @abstractmethod
    def status(self):
        """A dict describing the index, for `search_index status`."""


class SearchUnavailable(Exception):
    """The engine cannot be reached or refused the request; the caller falls back.
    `index_missing`: it answered, but has no index behind the alias (an empty cluster)."""

    def __init__(self, message, index_missing=False):
        super().__init__(message)
        self.index_missing = index_missing
