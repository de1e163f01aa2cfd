"""The index's own words (IndexedWord), for typo tolerance and "did you mean".

A word of five letters or more that the index does not know is given room for typos: one edit
up to seven letters, two from eight, as Elasticsearch's fuzziness AUTO:5,8 allows. Candidates
are found by the trigrams they share with the word, then checked by their edit distance.
"""

from collections import defaultdict

from django.db.models import Count

from .analysis import is_cjk, words
from .freshness import ReadAgainOnChange
from .models import IndexedCaseStudy, IndexedWord

MIN_WORD_LENGTH = 4  # shorter words are not stored: no typo in them is tolerated
MIN_FUZZY_LENGTH = 5


def allowed_edits(word):
    if len(word) < MIN_FUZZY_LENGTH:
        return 0
    return 1 if len(word) < 8 else 2


def document_words(document):
    """The distinct spaced words of a document's text, as the typo tolerance compares them."""
    found = set()
    for field in ("title", "summary", "body", "labels"):
        for text in document[field].values():
            found.update(
                word for word in words(text) if len(word) >= MIN_WORD_LENGTH and not is_cjk(word)
            )
    return {word[:60] for word in found}


def edit_distance(a, b, limit):
    """Optimal string alignment distance (a transposition is one edit), or limit + 1 once it
    is certain to exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class WordList:
    def __init__(self, counts):
        self.counts = counts  # word -> number of case studies using it
        self.by_trigram = defaultdict(set)
        for word in counts:
            for trigram in trigrams(word):
                self.by_trigram[trigram].add(word)

    def similar(self, word):
        """The index's words within the edits allowed for `word`, closest and commonest first."""
        edits = allowed_edits(word)
        if not edits:
            return []
        shared = defaultdict(int)
        for trigram in trigrams(word):
            for candidate in self.by_trigram.get(trigram, ()):
                shared[candidate] += 1
        # Each edit changes at most three trigrams.
        needed = max(1, len(trigrams(word)) - 3 * edits)
        found = []
        for candidate, count in shared.items():
            if count >= needed and candidate != word:
                distance = edit_distance(word, candidate, edits)
                if distance <= edits:
                    found.append((distance, -self.counts[candidate], candidate))
        return [candidate for *_rank, candidate in sorted(found)]


def _read_words():
    counts = IndexedWord.objects.values_list("word").annotate(Count("entry")).order_by()
    return WordList(dict(counts))


_words = ReadAgainOnChange(IndexedCaseStudy, "indexed_at", _read_words)


def current_words():
    """The index's words, read again whenever the index has changed."""
    return _words.current()
