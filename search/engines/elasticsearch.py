"""The cluster engine: Elasticsearch 8/9 or an OpenSearch-compatible server (osmem in tests).

One physical index per build, `{alias}-{timestamp}-{random}`, behind the alias; `rebuild` fills
a new index and swaps the alias in one step, so searches keep answering from the old one. The
index settings are the same for every distribution: built-in language analysers where every
cluster has them, custom ones (on standard or kuromoji tokenizers) where not, no synonyms, no ICU.
Real Elasticsearch needs the analysis-kuromoji plugin on every node.

Every transport or server error leaves a public method as SearchUnavailable, so that the caller
can answer from the database engine instead. Searches never show a case study whose removal the
cluster has not applied yet (a pending removal in the database): they exclude it by id.
"""

import contextlib
import functools
import html
import itertools
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import elastic_transport
from django.conf import settings
from django.utils.html import escape
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import Q, Search

from casestudies.languages import LANGUAGE_CODES

from ..facets import BY_NAME, FACETS, INDEXED
from ..models import PendingIndexUpdate
from ..relevance import (
    FIELD_WEIGHTS,
    ORDER_BY,
    OWN_WORDS_FACTOR,
    READER_LANGUAGE_FACTOR,
    SNIPPET_FIELDS,
    SNIPPET_LENGTH,
    snippet_sources,
)
from ..results import SearchResults, facets_from_counts, result_from_document, suggestion
from .base import SearchEngine, SearchUnavailable

STOP_WORD_LANGUAGES = ("en", "de", "fr", "es")  # their built-in analysers drop stop words
FACET_SIZE = 300  # more than any facet's number of values (countries: 249)
# Searches wait settings.SEARCH_CLUSTER_TIMEOUT, index updates SEARCH_CLUSTER_WRITE_TIMEOUT.
HEALTH_TIMEOUT = 1
ADMIN_TIMEOUT = 30
CHUNK_SIZE = 500

# One analyser per language. `arabic` is missing from osmem and arabic stemming matches every
# document there, so Arabic is normalised but not stemmed; Elasticsearch has no Ukrainian
# analyser without a plugin. osmem accepts decimal_digit and arabic_normalization and ignores
# them when indexing; real clusters apply them.
ANALYSERS = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "ja": "ja_text",
    "ar": "ar_text",
    "uk": "uk_text",
}
ANALYSIS = {
    "analyzer": {
        "ja_text": {
            "type": "custom",
            "tokenizer": "kuromoji_tokenizer",
            "filter": [
                "kuromoji_baseform",
                "kuromoji_part_of_speech",
                "cjk_width",
                "ja_stop",
                "kuromoji_stemmer",
                "lowercase",
            ],
        },
        "ar_text": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "decimal_digit", "arabic_normalization"],
        },
        "uk_text": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        "suggest_text": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["cjk_width", "lowercase"],
        },
        # Words as written, unstemmed: typo tolerance compares the reader's word with them.
        "words_text": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["cjk_width", "lowercase"],
        },
    }
}


def _language_fields(*copy_to):
    fields = {}
    for language in LANGUAGE_CODES:
        fields[language] = {"type": "text", "analyzer": ANALYSERS[language]}
        fields[language]["copy_to"] = ["words", *copy_to]
    return {"properties": fields}


def _keyword():
    return {"type": "keyword"}


MAPPINGS = {
    # Fields not listed (path, city, organisation, ...) stay in _source, unindexed.
    "dynamic": False,
    "properties": {
        "id": {"type": "long"},
        "slug": _keyword(),
        "fingerprint": {"type": "keyword", "index": False},
        "title": _language_fields("title_suggest"),
        "summary": _language_fields(),
        "body": _language_fields(),
        "labels": _language_fields(),
        "title_suggest": {"type": "search_as_you_type", "analyzer": "suggest_text"},
        "words": {"type": "text", "analyzer": "words_text"},
        **{facet.field: {"type": "integer"} if facet.numeric else _keyword() for facet in INDEXED},
        "original_language": _keyword(),
        "hires": {"type": "integer"},
        "published_date": {"type": "date"},
    },
}
SETTINGS = {"analysis": ANALYSIS}

NEWEST = ({"published_date": {"order": "desc"}}, {"id": {"order": "desc"}})


# Connection --------------------------------------------------------------------------------------


class JsonHttpNode(elastic_transport.Urllib3HttpNode):
    """Plain JSON media types instead of the 8.x client's compatibility ones, which OpenSearch
    and osmem refuse with 406; and the product header the client checks, which OpenSearch does
    not send. Elasticsearch 8 and 9 accept both."""

    MEDIA_TYPES = re.compile(
        r"application/vnd\.elasticsearch\+([a-z-]+)(?:\s*;\s*compatible-with=\d+)?"
    )

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = self.MEDIA_TYPES.sub(r"application/\1", headers[name])
        response = super().perform_request(method, target, body=body, headers=headers, **kwargs)
        if "x-elastic-product" not in response.meta.headers:
            response.meta.headers["x-elastic-product"] = "Elasticsearch"
        return response


_clients = {}
_clients_lock = threading.Lock()


def client_for(url):
    """One client per URL for the whole process, so that requests reuse their connections."""
    with _clients_lock:
        if url not in _clients:
            _clients[url] = Elasticsearch(
                url,
                node_class=JsonHttpNode,
                request_timeout=ADMIN_TIMEOUT,
                max_retries=0,  # a down cluster fails at once; the caller falls back
                retry_on_timeout=False,
            )
        return _clients[url]


UNAVAILABLE = (
    elastic_transport.TransportError,  # ConnectionError, ConnectionTimeout, SerializationError
    ApiError,
    helpers.BulkIndexError,
    helpers.ScanError,
)


def unavailable_on_error(method):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except UNAVAILABLE as error:
            # No index behind the alias: an empty or recreated cluster, which needs a rebuild.
            index_missing = isinstance(error, NotFoundError)
            raise SearchUnavailable(
                f"{type(error).__name__}: {error}", index_missing=index_missing
            ) from error

    return wrapper


def batched(iterable, size):
    """Lists of `size` items (itertools.batched arrives with Python 3.12)."""
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# Highlights -------------------------------------------------------------------------------------

MARK_TAGS = re.compile(r"(</?mark>)")


def safe_fragment(fragment):
    """Re-escape a highlight fragment so that <mark> is its only markup, whatever the server's
    encoder did."""
    return "".join(
        part if part in ("<mark>", "</mark>") else escape(html.unescape(part))
        for part in MARK_TAGS.split(fragment)
    )


def pick_highlight(highlights, document, lang):
    """The first fragment in the order both engines look for a snippet (snippet_sources), and
    its language."""
    for field, language in snippet_sources(document, lang) if highlights else ():
        if fragments := highlights.get(f"{field}.{language}"):
            return (safe_fragment(fragments[0]), language)
    return ("", "")


# The text query -----------------------------------------------------------------------------------

# Scores in tiers (search/relevance.py): each tier's constant outweighs the text scores below it.
CLAUSE_TIER = 10_000
OWN_WORDS_TIER = 1_000
READER_LANGUAGE_TIER = 100
FUZZINESS = "AUTO:5,8"  # as search.words.allowed_edits


def _fields(languages, factor):
    return [
        f"{field}.{language}^{weight * factor.get(language, 1)}"
        for language in languages
        for field, weight in FIELD_WEIGHTS
    ]


def own_words_query(clause, lang):
    """The reader's own words, each in some field of any language."""
    every_field = _fields(LANGUAGE_CODES, {lang: READER_LANGUAGE_FACTOR})
    stop_word_fields = _fields(STOP_WORD_LANGUAGES, {lang: READER_LANGUAGE_FACTOR})
    return Q(
        "bool",
        must=[
            Q(
                "dis_max",
                queries=[
                    Q("multi_match", query=word, fields=every_field, operator="and"),
                    # A stop word ("the", "die", "de") in a language whose analyser drops it
                    # matches every document, as if it were not there. Only these languages:
                    # osmem's kuromoji drops Arabic words, for example.
                    Q(
                        "multi_match",
                        query=word,
                        fields=stop_word_fields,
                        operator="and",
                        zero_terms_query="all",
                    ),
                ],
            )
            for word in clause.words
        ],
    )


def clause_query(clause, lang):
    """The reader's words, or the glossary concept's terms in their own language's fields, or
    (for an unknown word) the index's words a typo away; all but the first weigh less."""
    factor = {lang: READER_LANGUAGE_FACTOR}
    alternatives = [own_words_query(clause, lang)]
    alternatives += [
        Q(
            "multi_match",
            query=term.text,
            fields=_fields([term.language], factor),
            operator="and",
            boost=1 / OWN_WORDS_FACTOR,
        )
        for term in clause.equivalents
    ]
    if clause.fuzzy:
        alternatives.append(
            Q("match", words={"query": clause.text, "fuzziness": FUZZINESS, "boost": 0.1})
        )
    return Q("dis_max", queries=alternatives)


def highlight_query(interpretation, lang):
    """What a snippet marks: the reader's words, each glossary term as a phrase in its own
    language (not every "de" of "tutorat en entreprise"), and the words a typo away."""
    every_field = _fields(LANGUAGE_CODES, {})
    marks = []
    for clause in interpretation.clauses:
        marks.append(Q("multi_match", query=clause.text, fields=every_field, type="phrase"))
        marks += [
            Q("multi_match", query=term.text, fields=_fields([term.language], {}), type="phrase")
            for term in clause.equivalents
        ]
        if clause.fuzzy:
            marks.append(
                Q("multi_match", query=clause.text, fields=every_field, fuzziness=FUZZINESS)
            )
    return Q("bool", should=marks)


def _tier(query, boost):
    return Q("constant_score", filter=query, boost=boost)


def text_query(interpretation, lang, every_clause):
    """Every clause (or, when none matches them all, any of them), scored in tiers."""
    clauses = interpretation.clauses
    if not clauses:
        return Q("match_all")
    matching = [clause_query(clause, lang) for clause in clauses]
    tiers = [_tier(own_words_query(clause, lang), OWN_WORDS_TIER) for clause in clauses]
    tiers.append(_tier(Q("term", languages=lang), READER_LANGUAGE_TIER))
    if every_clause:
        return Q("bool", must=matching, should=tiers)
    tiers += [_tier(query, CLAUSE_TIER) for query in matching]
    return Q("bool", must=[Q("bool", should=matching, minimum_should_match=1)], should=tiers)


# The engine --------------------------------------------------------------------------------------


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, client, alias):
        self.client = client
        self.alias = alias
        self.index_pattern = re.compile(rf"^{re.escape(alias)}-\d{{14}}-[0-9a-f]{{6}}$")

    @classmethod
    def for_url(cls, url, alias):
        """No request is made here: a down cluster shows at the first search, as
        SearchUnavailable, where the caller can fall back."""
        return cls(client_for(url), alias)

    def _with_timeout(self, seconds):
        return self.client.options(request_timeout=seconds)

    # Indices ---------------------------------------------------------------------------------

    def _new_index_name(self):
        return f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"

    def _create_index(self, name, aliases=None):
        self._with_timeout(ADMIN_TIMEOUT).indices.create(
            index=name, settings=SETTINGS, mappings=MAPPINGS, aliases=aliases or {}
        )

    def _aliased_indices(self):
        """The physical indices behind the alias (normally one; none before the first build)."""
        try:
            client = self._with_timeout(settings.SEARCH_CLUSTER_WRITE_TIMEOUT)
            return sorted(client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def _ensure_index(self):
        if not self._aliased_indices():
            self._create_index(self._new_index_name(), aliases={self.alias: {}})

    # Writing ---------------------------------------------------------------------------------

    @unavailable_on_error
    def index(self, documents):
        documents = iter(documents)
        first = next(documents, None)
        if first is None:
            return
        self._ensure_index()
        actions = (
            {"_op_type": "index", "_id": document["id"], "_source": document}
            for document in itertools.chain([first], documents)
        )
        helpers.bulk(
            self._with_timeout(settings.SEARCH_CLUSTER_WRITE_TIMEOUT),
            actions,
            index=self.alias,
            chunk_size=CHUNK_SIZE,
            raise_on_error=True,
            require_alias=True,
            refresh="wait_for",
        )

    @unavailable_on_error
    def delete(self, page_ids):
        page_ids = list(page_ids)
        if not page_ids or not self._aliased_indices():
            return
        helpers.bulk(
            self._with_timeout(settings.SEARCH_CLUSTER_WRITE_TIMEOUT),
            ({"_op_type": "delete", "_id": page_id} for page_id in page_ids),
            index=self.alias,
            chunk_size=CHUNK_SIZE,
            raise_on_error=True,
            ignore_status=(404,),
            refresh="wait_for",
        )

    @unavailable_on_error
    def rebuild(self, documents, progress=None):
        """Fill a new index chunk by chunk (the documents are streamed, never all in memory),
        then point the alias at it in one update_aliases call and delete the old indices."""
        new = self._new_index_name()
        self._create_index(new)
        count = 0
        try:
            # Documents are built here, in this thread (they read the database), while the
            # previous chunk is being indexed: at most two chunks in memory.
            with ThreadPoolExecutor(max_workers=1) as sender:
                sending = None
                for chunk in batched(documents, CHUNK_SIZE):
                    actions = [{"_id": doc["id"], "_source": doc} for doc in chunk]
                    if sending:
                        count += self._report(sending.result(), progress)
                    sending = sender.submit(self._send_chunk, new, actions)
                if sending:
                    count += self._report(sending.result(), progress)
            self._with_timeout(ADMIN_TIMEOUT).indices.refresh(index=new)
            old = self._aliased_indices()
            actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
            actions.append({"add": {"index": new, "alias": self.alias}})
            self._with_timeout(ADMIN_TIMEOUT).indices.update_aliases(actions=actions)
        except BaseException:
            with contextlib.suppress(*UNAVAILABLE):
                self.client.options(ignore_status=404).indices.delete(index=new)
            raise
        if old:
            self._with_timeout(ADMIN_TIMEOUT).indices.delete(index=",".join(old))
        return count

    def _send_chunk(self, index, actions):
        indexed, _errors = helpers.bulk(
            self._with_timeout(settings.SEARCH_CLUSTER_WRITE_TIMEOUT),
            actions,
            index=index,
            raise_on_error=True,
        )
        return indexed

    @staticmethod
    def _report(indexed, progress):
        if progress:
            progress(indexed)
        return indexed

    @unavailable_on_error
    def drop(self):
        """Delete the alias and every index of ours behind or beside it (tests' teardown)."""
        try:
            found = self.client.indices.get(
                index=f"{self.alias}-*", allow_no_indices=True, ignore_unavailable=True
            )
        except NotFoundError:
            found = {}
        names = set(self._aliased_indices())
        names |= {name for name in found if self.index_pattern.match(name)}
        if names:
            self._with_timeout(ADMIN_TIMEOUT).indices.delete(index=",".join(sorted(names)))

    # Reading ---------------------------------------------------------------------------------

    @unavailable_on_error
    def fingerprints(self):
        if not self._aliased_indices():
            return {}
        hits = helpers.scan(
            self._with_timeout(ADMIN_TIMEOUT),
            index=self.alias,
            query={"query": {"match_all": {}}, "_source": ["id", "fingerprint"]},
            size=1000,
        )
        return {hit["_source"]["id"]: hit["_source"].get("fingerprint") for hit in hits}

    def answers(self):
        """Whether the cluster answers within HEALTH_TIMEOUT."""
        try:
            return bool(self._with_timeout(HEALTH_TIMEOUT).ping())
        except UNAVAILABLE:
            return False

    def document_count(self):
        """How many documents are behind the alias (None when there is no index), within
        HEALTH_TIMEOUT; SearchUnavailable when the cluster does not answer."""
        try:
            return self._with_timeout(HEALTH_TIMEOUT).count(index=self.alias)["count"]
        except NotFoundError:
            return None
        except UNAVAILABLE as error:
            raise SearchUnavailable(f"{type(error).__name__}: {error}") from error

    @unavailable_on_error
    def status(self):
        info = self.client.info()
        version = info.get("version", {})
        indices = self._aliased_indices()
        documents = self.client.count(index=self.alias)["count"] if indices else 0
        return {
            "engine": self.name,
            "distribution": version.get("distribution", "elasticsearch"),
            "version": version.get("number", ""),
            "alias": self.alias,
            "index": indices[0] if indices else None,
            "documents": documents,
        }

    # Searching -------------------------------------------------------------------------------

    def _search(self, query_clause):
        """A search of the alias (a missing index is an error: the caller falls back), without
        the case studies whose removal the cluster has not applied yet."""
        hidden = list(PendingIndexUpdate.objects.removals().values_list("page_id", flat=True))
        if hidden:
            query_clause = Q("bool", must=[query_clause], must_not=[Q("ids", values=hidden)])
        client = self._with_timeout(settings.SEARCH_CLUSTER_TIMEOUT)
        return Search(using=client, index=self.alias).query(query_clause)

    @unavailable_on_error
    def run(self, query, interpretation, every_clause):
        search = (
            self._search(text_query(interpretation, query.lang, every_clause))
            .post_filter(self._filter(query.filters, query.year_min, query.year_max))
            .sort(*self._sort(query))
            .extra(from_=query.offset, size=query.page_size, track_total_hits=True)
            # Results are made from the facts, titles and summaries: the texts stay behind.
            .source(excludes=["body", "labels"])
        )
        for facet in FACETS:
            year_min, year_max = query.year_range_except(facet.name)
            search.aggs.bucket(
                facet.name,
                "filter",
                filter=self._filter(query.filters_except(facet.name), year_min, year_max),
            ).bucket("values", "terms", field=facet.field, size=FACET_SIZE).metric(
                "hires", "sum", field="hires"
            )
        if interpretation.clauses and query.snippets:
            search = search.highlight_options(
                highlight_query=highlight_query(interpretation, query.lang).to_dict(),
                encoder="html",
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
                fragment_size=SNIPPET_LENGTH,
                number_of_fragments=1,
            ).highlight(*(f"{field}.*" for field in SNIPPET_FIELDS))
        response = search.execute().to_dict()
        results = []
        for hit in response["hits"]["hits"]:
            document = hit["_source"]
            highlight = pick_highlight(hit.get("highlight"), document, query.lang)
            results.append(result_from_document(document, query.lang, highlight))
        aggregations = response.get("aggregations", {})
        counts = {
            facet.name: {
                bucket["key"]: (bucket["doc_count"], int(bucket["hires"]["value"]))
                for bucket in aggregations.get(facet.name, {}).get("values", {}).get("buckets", [])
            }
            for facet in FACETS
        }
        return SearchResults(
            engine=self.name,
            total=response["hits"]["total"]["value"],
            page=query.page,
            page_size=query.page_size,
            results=results,
            facets=facets_from_counts(counts, query.lang),
        )

    @unavailable_on_error
    def count_matching(self, query, interpretation):
        search = (
            self._search(text_query(interpretation, query.lang, every_clause=True))
            .filter(self._filter(query.filters, query.year_min, query.year_max))
            .extra(size=0, track_total_hits=True)
        )
        return search.execute().to_dict()["hits"]["total"]["value"]

    @staticmethod
    def _filter(filters, year_min, year_max):
        """OR within a parameter, AND across parameters."""
        clauses = [
            Q("terms", **{BY_NAME[name].field: list(values)}) for name, values in filters.items()
        ]
        years = {}
        if year_min is not None:
            years["gte"] = year_min
        if year_max is not None:
            years["lte"] = year_max
        if years:
            clauses.append(Q("range", year=years))
        return Q("bool", filter=clauses) if clauses else Q("match_all")

    @staticmethod
    def _sort(query):
        if query.sort in ORDER_BY:
            return ({ORDER_BY[query.sort]: {"order": "desc", "missing": "_last"}}, *NEWEST)
        if query.sort == "relevance" and query.text:
            return ({"_score": {"order": "desc"}}, *NEWEST)
        return NEWEST

    @unavailable_on_error
    def suggest(self, text, lang, limit=8, channel=None):
        text = " ".join(text.split())
        if not text:
            return []
        prefixes = Q(
            "multi_match",
            query=text,
            type="bool_prefix",
            operator="and",
            fields=["title_suggest", "title_suggest._2gram", "title_suggest._3gram"],
        )
        search = (
            self._search(prefixes)
            .filter(self._filter({"channel": [channel]} if channel else {}, None, None))
            .sort(*NEWEST)
            .source(["title", "path", "original_language"])
            .extra(size=limit)
        )
        response = search.execute().to_dict()
        return [suggestion(hit["_source"], lang) for hit in response["hits"]["hits"]]
