"""The embedded engine: the index lives in the site's own database (SQLite or PostgreSQL)."""

from functools import reduce
from operator import and_, or_

from django.db import connection, transaction
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Sum, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape

from ..analysis import document_tokens, highlight_pattern, normalise, query_terms
from ..facets import BY_NAME, FACETS, INDEXED
from ..interpretation import stems
from ..models import IndexedCaseStudy, IndexedToken, IndexedValue, IndexedWord
from ..relevance import (
    FIELD_WEIGHTS,
    ORDER_BY,
    OWN_WORDS_FACTOR,
    READER_LANGUAGE_FACTOR,
    SNIPPET_LENGTH,
    snippet_sources,
)
from ..results import SearchResults, facets_from_counts, result_from_document, suggestion
from ..words import current_words, document_words
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


# Well under SQLite's 32,766 parameters a statement may have.
MATCHES_LISTED = 10_000


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
        entries, values, tokens, words = [], [], [], []
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
            words += [(page_id, word) for word in document_words(document)]
        IndexedCaseStudy.objects.bulk_create(entries)
        _insert_rows(IndexedValue, ("entry_id", "facet", "value"), values)
        _insert_rows(IndexedToken, ("entry_id", "token", "language", "weight"), tokens)
        _insert_rows(IndexedWord, ("entry_id", "word"), words)

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
            IndexedWord.objects.all().delete()
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

    def run(self, query, interpretation, every_clause):
        clauses = [ClauseTokens(clause) for clause in interpretation.clauses]
        matching = self._matching(clauses, every_clause)
        filtered = self._filtered(matching, query.filters, query.year_min, query.year_max)
        pattern = highlight_pattern(*(text for clause in clauses for text in clause.texts()))
        results = [
            result_from_document(
                entry.document,
                query.lang,
                highlight(entry.document, query, pattern) if query.snippets else ("", ""),
            )
            for entry in self._window(filtered, query, clauses)
        ]
        return SearchResults(
            engine=self.name,
            total=filtered.count(),
            page=query.page,
            page_size=query.page_size,
            results=results,
            facets=facets_from_counts(self._facet_counts(matching, query), query.lang),
        )

    def count_matching(self, query, interpretation):
        clauses = [ClauseTokens(clause) for clause in interpretation.clauses]
        matching = self._matching(clauses, every_clause=True)
        return self._filtered(matching, query.filters, query.year_min, query.year_max).count()

    @staticmethod
    def _matching(clauses, every_clause):
        """Entries that match every clause (or, with every_clause False, any of them)."""
        if not clauses:
            return IndexedCaseStudy.objects.all()
        conditions = [clause.entries() for clause in clauses]
        found = IndexedCaseStudy.objects.filter(reduce(and_ if every_clause else or_, conditions))
        # Found once: the count, the page, the ranking and the facets all ask for these
        # entries, and a query with glossary terms is hundreds of subqueries long. Up to
        # MATCHES_LISTED they are listed; beyond, the SQL is compiled once and repeated.
        ids = list(found.values_list("pk", flat=True)[: MATCHES_LISTED + 1])
        if len(ids) <= MATCHES_LISTED:
            return IndexedCaseStudy.objects.filter(pk__in=ids)
        sql, params = found.values("pk").query.sql_with_params()
        return IndexedCaseStudy.objects.filter(pk__in=RawSQL(sql, params))

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

    def _window(self, entries, query, clauses):
        """The entries of the requested page, in order; ties broken by date, then id."""
        end = query.offset + query.page_size
        if query.sort == "relevance" and clauses:
            ids = [
                row["entry"] for row in self._ranked(entries, query, clauses)[query.offset : end]
            ]
            found = IndexedCaseStudy.objects.in_bulk(ids)
            # An entry being reindexed between the two reads is missing for this one answer.
            return [found[page_id] for page_id in ids if page_id in found]
        newest = (F("published_date").desc(), F("page_id").desc())
        if query.sort in ORDER_BY:
            entries = entries.order_by(F(ORDER_BY[query.sort]).desc(nulls_last=True), *newest)
        else:
            entries = entries.order_by(*newest)
        return list(entries[query.offset : end])

    @staticmethod
    def _ranked(entries, query, clauses):
        """Relevance from the token table in one grouped query, in tiers (search/relevance.py):
        the clauses matched, those matched in the reader's own words, whether the case study is
        in the reader's language, then the weights of the fields the tokens appear in."""
        own = reduce(or_, (Q(token__in=clause.own_tokens) for clause in clauses))
        language = Case(
            When(language=query.lang, then=Value(READER_LANGUAGE_FACTOR)),
            default=Value(1),
            output_field=IntegerField(),
        )
        word_class = Case(
            When(own, then=Value(OWN_WORDS_FACTOR)), default=Value(1), output_field=IntegerField()
        )
        in_reader_language = IndexedValue.objects.filter(
            entry=OuterRef("entry"), facet="language", value=query.lang
        )
        conditions = [clause.tokens() for clause in clauses]
        every_token = set().union(*(clause.all_tokens() for clause in clauses))
        return (
            IndexedToken.objects.filter(reduce(or_, conditions), token__in=every_token)
            # Not an indexed column: SQLite would walk every token of every matching entry by
            # the entry index, where the token index finds the few rows that count.
            .alias(entry_number=F("entry") + 0)
            .filter(entry_number__in=entries.values("pk"))
            .values("entry")
            .annotate(
                clauses=_clauses_count(clause.tokens() for clause in clauses),
                own=_clauses_count(Q(token__in=clause.own_tokens) for clause in clauses),
                reader=Exists(in_reader_language),
                score=Sum(F("weight") * language * word_class),
            )
            .order_by("-clauses", "-own", "-reader", "-score", "-entry__published_date", "-entry")
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
                .annotate(count=Count("entry"), hires=Sum("entry__hires"))
            )
            for row in rows:
                value = int(row["value"]) if BY_NAME[row["facet"]].numeric else row["value"]
                counts.setdefault(row["facet"], {})[value] = (row["count"], row["hires"] or 0)
        return counts

    @staticmethod
    def _has_own_filter(facet, query):
        if facet == "year":
            return query.year_min is not None or query.year_max is not None
        return facet in query.filters

    # Highlights and suggestions ---------------------------------------------------------------

    def suggest(self, text, lang, limit=8, channel=None):
        needle = normalise(" ".join(text.split()))
        if not needle:
            return []
        channels = {"channel": [channel]} if channel else {}
        entries = self._filtered(
            IndexedCaseStudy.objects.filter(titles__contains=needle), channels, None, None
        ).order_by("-published_date", "-page_id")[:limit]
        return [suggestion(entry.document, lang) for entry in entries]


class ClauseTokens:
    """A clause (search.interpretation.Clause) as the token table is asked about it."""

    def __init__(self, clause):
        self.clause = clause
        self.own = query_terms(clause.text)
        self.own_tokens = set().union(*(tokens for _mode, tokens in self.own))
        self.similar = current_words().similar(clause.text) if clause.fuzzy else []
        self.similar_tokens = set().union(*(stems(word) for word in self.similar))
        self.equivalents = [
            (term.language, query_terms(term.text, term.language)) for term in clause.equivalents
        ]

    def texts(self):
        """What a snippet marks: the reader's words, the glossary's and the typos' matches."""
        return [self.clause.text, *(term.text for term in self.clause.equivalents), *self.similar]

    def entries(self):
        """A condition on IndexedCaseStudy: the entries that match the clause."""
        alternatives = [_every(self.own)]
        by_language = {}  # one-word glossary terms are asked for together
        for language, requirements in self.equivalents:
            if len(requirements) == 1 and requirements[0][0] == "any":
                by_language.setdefault(language, set()).update(requirements[0][1])
            else:
                alternatives.append(_every(requirements, language))
        if by_language:
            tokens = IndexedToken.objects.filter(_in_languages(by_language))
            alternatives.append(Q(pk__in=tokens.values("entry")))
        if self.similar:
            words = IndexedWord.objects.filter(word__in=self.similar)
            alternatives.append(Q(pk__in=words.values("entry")))
        return reduce(or_, alternatives)

    def all_tokens(self):
        """Every token the clause may count, whatever its language."""
        glossary = (
            tokens for _language, requirements in self.equivalents for _mode, tokens in requirements
        )
        return self.own_tokens | self.similar_tokens | set().union(*glossary)

    def tokens(self):
        """A condition on IndexedToken: the tokens that count towards the clause's score."""
        by_language = {}
        for language, requirements in self.equivalents:
            for _mode, tokens in requirements:
                by_language.setdefault(language, set()).update(tokens)
        condition = Q(token__in=self.own_tokens | self.similar_tokens)
        return condition | _in_languages(by_language) if by_language else condition


def _in_languages(tokens_by_language):
    """A condition on IndexedToken: one of these tokens, in its language. The plain `IN` of
    them all lets the database use the token index before it checks the languages."""
    every_token = set().union(*tokens_by_language.values())
    in_its_language = reduce(
        or_,
        (Q(language=language, token__in=tokens) for language, tokens in tokens_by_language.items()),
    )
    return Q(token__in=every_token) & in_its_language


def _every(requirements, language=None):
    """A condition on IndexedCaseStudy: every requirement of query_terms() is met.

    A glossary term's requirements (in one language) are each a single token or a run's
    bigrams, so one grouped subquery asks for all of them at once."""
    if language:
        required = set().union(*(tokens for _mode, tokens in requirements))
        return Q(pk__in=_having_all(IndexedToken.objects.filter(language=language), required))
    conditions = []
    for mode, tokens in requirements:
        having = IndexedToken.objects.filter(token__in=tokens)
        if mode == "all" and len(tokens) > 1:
            having = _having_all(having, tokens)
        conditions.append(Q(pk__in=having.values("entry")))
    return reduce(and_, conditions)


def _having_all(rows, tokens):
    """The entries among these token rows that have every one of `tokens`."""
    return (
        rows.filter(token__in=tokens)
        .values("entry")
        .annotate(found=Count("token", distinct=True))
        .filter(found=len(tokens))
        .values("entry")
    )


def _clauses_count(conditions):
    """How many of the clauses these token conditions stand for a row group matches."""
    whens = [When(condition, then=Value(number)) for number, condition in enumerate(conditions)]
    return Count(Case(*whens, output_field=IntegerField()), distinct=True)


def highlight(document, query, pattern):
    """(snippet HTML, its language): the first place the query's words appear."""
    if pattern is None:
        return ("", "")
    for field, language in snippet_sources(document, query.lang):
        text = document[field].get(language, "")
        if match := pattern.search(text):
            return (mark(snippet(text, match.start()), pattern), language)
    return ("", "")


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
