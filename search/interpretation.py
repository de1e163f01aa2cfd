"""What a query asks for, the same for both engines: its clauses, each of which a case study must
match (or, when none matches them all, as many as it can), and a "did you mean".

A clause is one word or, where the reader's words name a glossary concept, the whole phrase.
It matches the reader's own words in any language, or any of the concept's terms in their own
language (ranked below the reader's own words), or, for a word of five letters or more that the
index does not know, a word a typo or two away from it.
"""

import re
from dataclasses import dataclass

from .analysis import STEMMERS, is_cjk, stem, words
from .glossary import current_glossary
from .models import IndexedToken
from .stopwords import STOP_WORDS
from .words import allowed_edits, current_words

# A query has at most this many clauses (repeated ones count once): 500 characters of text can
# name hundreds of glossary terms, and each clause is a condition of its own.
MAX_CLAUSES = 32
# Particles left over between glossary terms in unspaced text ("の", "を", "での"): they
# carry no meaning of their own, and Japanese analysers drop them.
PARTICLES = re.compile("^[\u3040-\u309f]{1,2}$")


@dataclass(frozen=True)
class Clause:
    text: str  # the reader's words, normalised
    equivalents: tuple = ()  # the glossary concept's other terms (glossary.Term)
    fuzzy: bool = False  # an unknown word: typos are tolerated

    @property
    def words(self):
        return tuple(words(self.text))


@dataclass(frozen=True)
class Interpretation:
    clauses: tuple = ()
    did_you_mean: str = ""  # the query with its unknown words spelt as the index spells them


def stems(word):
    if is_cjk(word):
        return {word}
    return {word} | {stem(word, language) for language in STEMMERS}


def phrases(text, glossary):
    """The query cut into (phrase, glossary concept keys), longest glossary terms first."""
    tokens = words(text)
    found, position = [], 0
    while position < len(tokens):
        token = tokens[position]
        if is_cjk(token):
            segments = glossary.segment_unspaced(token)
            found += [
                (segment, keys)
                for segment, keys in segments
                if keys or len(segments) == 1 or not PARTICLES.match(segment)
            ]
            position += 1
            continue
        length, keys = glossary.find_spaced(tokens, position)
        if keys or token not in STOP_WORDS:
            found.append((" ".join(tokens[position : position + (length or 1)]), keys))
        position += length or 1
    return found


def known_words(candidates):
    """Which spaced words the index holds (under any language's stem)."""
    if not candidates:
        return set()
    by_token = {}
    for word in candidates:
        for token in stems(word):
            by_token.setdefault(token, set()).add(word)
    found = IndexedToken.objects.filter(token__in=by_token).values_list("token", flat=True)
    return {word for token in found.distinct() for word in by_token[token]}


def interpret(text):
    """The query's clauses and its "did you mean"."""
    glossary = current_glossary()
    found = list(dict.fromkeys(phrases(text, glossary)))[:MAX_CLAUSES]
    unknown = [phrase for phrase, keys in found if not keys and allowed_edits(phrase)]
    unknown = set(unknown) - known_words(unknown)
    clauses, corrected, corrections = [], [], False
    for phrase, keys in found:
        terms = dict.fromkeys(term for key in keys for term in glossary.terms[key])
        equivalents = tuple(term for term in terms if term.text != phrase)
        clauses.append(Clause(phrase, equivalents, fuzzy=phrase in unknown))
        spelt = phrase
        if phrase in unknown and (similar := current_words().similar(phrase)):
            spelt, corrections = similar[0], True
        corrected.append(spelt)
    return Interpretation(tuple(clauses), " ".join(corrected) if corrections else "")
