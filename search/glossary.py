"""The glossary as searches read it: which of a query's words name a glossary concept, and the
concept's terms in every language. Read once per process, and again after editors change it."""

from dataclasses import dataclass

from casestudies.languages import LANGUAGE_CODES
from glossary.models import Concept

from .analysis import STEMMERS, is_cjk, stem, words
from .freshness import ReadAgainOnChange


@dataclass(frozen=True)
class Term:
    language: str
    text: str  # normalised


def word_keys(word):
    """What two words must share to be the same word: the word itself, or its stem in one
    language (so that "engineers" names the concept whose term is "engineer")."""
    if is_cjk(word):
        return {("", word)}
    return {("", word)} | {(language, stem(word, language)) for language in STEMMERS}


class Glossary:
    def __init__(self, concepts):
        self.terms = {}  # concept key -> (Term, ...)
        self.spaced = {}  # word key -> [(term's words, concept key)]
        self.unspaced = {}  # an unspaced term -> concept key
        for key, terms_by_language in concepts:
            terms = []
            for language in LANGUAGE_CODES:
                for text in terms_by_language.get(language, ()):
                    tokens = tuple(words(text))
                    if not tokens:
                        continue
                    terms.append(Term(language, " ".join(tokens)))
                    if len(tokens) == 1 and is_cjk(tokens[0]):
                        self.unspaced.setdefault(tokens[0], key)
                    else:
                        for word_key in word_keys(tokens[0]):
                            self.spaced.setdefault(word_key, []).append((tokens, key))
            self.terms[key] = tuple(dict.fromkeys(terms))
        self.longest_unspaced = max(map(len, self.unspaced), default=0)

    def find_spaced(self, tokens, start):
        """The longest terms that start at tokens[start], those matching more words exactly
        first: (number of words, concept keys). Concepts tied on both are all named."""
        best, keys = (0, 0), set()
        candidates = {
            (term, key)
            for word_key in word_keys(tokens[start])
            for term, key in self.spaced.get(word_key, ())
        }
        for term, key in candidates:
            found = tokens[start : start + len(term)]
            if len(found) == len(term) and all(
                word_keys(a) & word_keys(b) for a, b in zip(term, found, strict=True)
            ):
                rank = (len(term), sum(a == b for a, b in zip(term, found, strict=True)))
                if rank > best:
                    best, keys = rank, {key}
                elif rank == best:
                    keys.add(key)
        return best[0], tuple(sorted(keys))

    def segment_unspaced(self, run):
        """An unspaced run cut into (segment, concept keys), longest terms first."""
        segments, pending, position = [], "", 0
        while position < len(run):
            for length in range(min(self.longest_unspaced, len(run) - position), 1, -1):
                key = self.unspaced.get(run[position : position + length])
                if key:
                    if pending:
                        segments.append((pending, ()))
                        pending = ""
                    segments.append((run[position : position + length], (key,)))
                    position += length
                    break
            else:
                pending += run[position]
                position += 1
        if pending:
            segments.append((pending, ()))
        return segments


def _read_glossary():
    concepts = [
        (concept.key, {language: concept.terms_in(language) for language in LANGUAGE_CODES})
        for concept in Concept.objects.all()
    ]
    return Glossary(concepts)


_glossary = ReadAgainOnChange(Concept, "updated_at", _read_glossary)


def current_glossary():
    """The glossary as editors last saved it."""
    return _glossary.current()
