"""The embedded engine: the index lives in the site's own database (SQLite or PostgreSQL)."""

from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Sum, Value, When
from django.utils.html import escape

from ..analysis import document_tokens, highlight_pattern, normalise, query_terms
from ..facets import BY_NAME, FACETS, INDEXED
from ..models import IndexedCaseStudy, IndexedToken, IndexedValue
from ..relevance import FIELD_WEIGHTS, READER_LANGUAGE_FACTOR, SNIPPET_LENGTH, snippet_sources
from ..results import SearchResults, facets_from_counts, result_from_document, suggestion
from .base import SearchEngine


def document_values(document):
    """(facet, value) pairs for filtering and counting."""
    pairs = []
    for facet in INDEXED:
        value = document[facet.field]
        values = value if facet.many else [value]
        pairs += [(facet.name, str(value)) for value in values if value not in (None, "")]
    return pairs


def document_token_weights(document):
    """{(token, language): weight}, keeping the heaviest field a token appears in."""
    weights = {}
    for field, weight in FIELD_WEIGHTS:
        for language, text in document[field].items():
            for token in document_tokens(text, language):
                key = (token, language)
                weights[key] = max(weight, weights.get(key, 0))
    return weights


class DatabaseEngine(SearchEngine):
    name = "database"

    # Writing ---------------------------------------------------------------------------------

    def index(self, documents):
        documents = list(documents)
        if not documents:
            return
        with transaction.atomic():
            self.delete([document["id"] for document in documents])
            self._insert(documents)

    def _insert(self, documents):
        entries, values, tokens = [], [], []
        for document in documents:
            page_id = document["id"]
            entries.append(
                IndexedCaseStudy(
                    page_id=page_id,
                    published_date=document["published_date"],
                    year=document["year"],
                    hires=document["hires"],
                    titles=normalise(" | ".join(document["title"].values())),
                    document=document,
                )
            )
            values += [(page_id, facet, value) for facet, value in document_values(document)]
            tokens += [
                (page_id, token, language, weight)
                for (token, language), weight in document_token_weights(document).items()
            ]
        IndexedCaseStudy.objects.bulk_create(entries)
        _insert_rows(IndexedValue, ("entry_id", "facet", "value"), values)
        _insert_rows(IndexedToken, ("entry_id", "token", "language", "weight"), tokens)

    def delete(self, page_ids):
        # only("pk"): deleting loads the entries, and their documents are large.
        IndexedCaseStudy.objects.filter(page_id__in=list(page_ids)).only("pk").delete()

    def fingerprints(self):
        return {
            entry.page_id: entry.document.get("fingerprint")
            for entry in IndexedCaseStudy.objects.only("page_id", "document")
        }

    def rebuild(self, documents, progress=None):
        """In one transaction: readers see the old index until the new one is committed."""
        count = 0
        with transaction.atomic():
            IndexedToken.objects.all().delete()
            IndexedValue.objects.all().delete()
            IndexedCaseStudy.objects.only("pk").delete()
            batch = []
            for document in documents:
                batch.append(document)
                if len(batch) == 200:
                    count += self._insert_batch(batch, progress)
            count += self._insert_batch(batch, progress)
        return count

    def _insert_batch(self, batch, progress):
        self._insert(batch)
        if progress:
            progress(len(batch))
        size = len(batch)
        batch.clear()
        return size

    def status(self):
        return {
            "engine": self.name,
            "documents": IndexedCaseStudy.objects.count(),
            "tokens": IndexedToken.objects.count(),
        }

    # Searching -------------------------------------------------------------------------------

    def search(self, query):
        matching = self._matching(query.text)
        filtered = self._filtered(matching, query.filters, query.year_min, query.year_max)
        results = [
            result_from_document(entry.document, query.lang, self._highlight(entry.document, query))
            for entry in self._window(filtered, query)
        ]
        return SearchResults(
            engine=self.name,
            total=filtered.count(),
            page=query.page,
            page_size=query.page_size,
            results=results,
            facets=facets_from_counts(self._facet_counts(matching, query), query.lang),
        )

    def count(self, query):
        matching = self._matching(query.text)
        return self._filtered(matching, query.filters, query.year_min, query.year_max).count()

    def _matching(self, text):
        """Entries containing every word of the query (any stem; every bigram of a run)."""
        entries = IndexedCaseStudy.objects.all()
        for mode, tokens in query_terms(text):
            having = IndexedToken.objects.filter(token__in=tokens).values("entry")
            if mode == "all" and len(tokens) > 1:
                having = having.annotate(found=Count("token", distinct=True)).filter(
                    found=len(tokens)
                )
            entries = entries.filter(pk__in=having.values("entry"))
        return entries

    @staticmethod
    def _filtered(entries, filters, year_min, year_max):
        for facet, values in filters.items():
            tagged = IndexedValue.objects.filter(facet=facet, value__in=values)
            entries = entries.filter(pk__in=tagged.values("entry"))
        if year_min is not None:
            entries = entries.filter(year__gte=year_min)
        if year_max is not None:
            entries = entries.filter(year__lte=year_max)
        return entries

    def _window(self, entries, query):
        """The entries of the requested page, in order; ties broken by date, then id."""
        end = query.offset + query.page_size
        if query.sort == "relevance" and query.text:
            ids = [row["entry"] for row in self._scores(entries, query)[query.offset : end]]
            found = IndexedCaseStudy.objects.in_bulk(ids)
            return [found[page_id] for page_id in ids]
        newest = (F("published_date").desc(), F("page_id").desc())
        if query.sort == "hires":
            entries = entries.order_by(F("hires").desc(nulls_last=True), *newest)
        else:
            entries = entries.order_by(*newest)
        return list(entries[query.offset : end])

    @staticmethod
    def _scores(entries, query):
        """Relevance from the token table in one grouped query: the weights of the fields the
        query's tokens appear in, the reader's language's counting more."""
        tokens = set().union(*(tokens for _mode, tokens in query_terms(query.text)))
        factor = Case(
            When(language=query.lang, then=Value(READER_LANGUAGE_FACTOR)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            IndexedToken.objects.filter(token__in=tokens, entry__in=entries.values("pk"))
            .values("entry")
            .annotate(score=Sum(F("weight") * factor))
            .order_by("-score", "-entry__published_date", "-entry")
        )

    def _facet_counts(self, matching, query):
        """Disjunctive counts: each facet applies every filter but its own. Facets without a
        filter of their own share one query."""
        names = [facet.name for facet in FACETS]
        groups = {None: [name for name in names if not self._has_own_filter(name, query)]}
        groups.update({name: [name] for name in names if self._has_own_filter(name, query)})
        counts = {}
        for own, facets in groups.items():
            if not facets:
                continue
            filters = query.filters_except(own) if own else query.filters
            year_min, year_max = (
                query.year_range_except(own) if own else (query.year_min, query.year_max)
            )
            entries = self._filtered(matching, filters, year_min, year_max)
            rows = (
                IndexedValue.objects.filter(facet__in=facets, entry__in=entries.values("pk"))
                .values("facet", "value")
                .annotate(count=Count("entry"))
            )
            for row in rows:
                value = int(row["value"]) if BY_NAME[row["facet"]].numeric else row["value"]
                counts.setdefault(row["facet"], {})[value] = row["count"]
        return counts

    @staticmethod
    def _has_own_filter(facet, query):
        if facet == "year":
            return query.year_min is not None or query.year_max is not None
        return facet in query.filters

    # Highlights and suggestions ---------------------------------------------------------------

    @staticmethod
    def _highlight(document, query):
        pattern = highlight_pattern(query.text)
        if pattern is None:
            return ""
        for field, language in snippet_sources(document, query.lang):
            text = document[field].get(language, "")
            if match := pattern.search(text):
                return mark(snippet(text, match.start()), pattern)
        return ""

    def suggest(self, text, lang, limit=8, channel=None):
        needle = normalise(" ".join(text.split()))
        if not needle:
            return []
        channels = {"channel": [channel]} if channel else {}
        entries = self._filtered(
            IndexedCaseStudy.objects.filter(titles__contains=needle), channels, None, None
        ).order_by("-published_date", "-page_id")[:limit]
        return [suggestion(entry.document, lang) for entry in entries]


def _insert_rows(model, columns, rows):
    """Plain executemany: a document has hundreds of tokens, and model instances for each would
    make indexing ten times slower."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)


def snippet(text, position, length=SNIPPET_LENGTH):
    start = max(0, position - length // 3)
    if start:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space > start - 20 else start
    end = min(len(text), start + length)
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


def mark(text, pattern):
    """Escape the text, then wrap the query's words in <mark>: nothing else is HTML."""
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)
