from abc import ABC, abstractmethod


class SearchEngine(ABC):
    """One search interface, two engines: a SearchQuery in, SearchResults out.

    Documents come from search.documents.build_documents; each carries a `fingerprint`, so
    that `search_index check` can tell stale documents from current ones.
    """

    name = ""

    @abstractmethod
    def search(self, query):
        """SearchResults for a SearchQuery."""

    @abstractmethod
    def count(self, query):
        """How many case studies match a SearchQuery's text, filters and years: no results, no
        facets."""

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
