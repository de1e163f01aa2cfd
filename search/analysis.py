"""Words and stems for the database engine, so that it matches the way the Elasticsearch
analysers do: stemming for English, German, French, Spanish and Arabic; substrings (character
unigrams and bigrams) for Japanese and other unspaced scripts; case and width folded."""

import re
import unicodedata
from functools import cache, lru_cache

import snowballstemmer  # uses PyStemmer's C implementation when it is installed

STEMMERS = {"en": "english", "de": "german", "fr": "french", "es": "spanish", "ar": "arabic"}
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\uff66-\uff9f"
TOKEN = re.compile(rf"[{CJK}]+|[^\W_{CJK}]+")
CJK_RUN = re.compile(rf"^[{CJK}]+$")
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})
MAX_TOKEN_LENGTH = 60


def normalise(text):
    text = unicodedata.normalize("NFKC", text).casefold()
    return ARABIC_MARKS.sub("", text).translate(ARABIC_LETTERS)


@cache
def _stemmer(language):
    return snowballstemmer.stemmer(STEMMERS[language]) if language in STEMMERS else None


@lru_cache(maxsize=100_000)
def stem(word, language):
    # Words repeat across documents: the cache spares most of the stemming.
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


def words(text):
    return TOKEN.findall(normalise(text or ""))


def is_cjk(word):
    return bool(CJK_RUN.match(word))


def ngrams(run):
    """Unigrams and bigrams of an unspaced run, so that any substring can be found."""
    return set(run) | {run[i : i + 2] for i in range(len(run) - 1)}


def document_tokens(text, language):
    """The distinct tokens a text in `language` is indexed under."""
    tokens = set()
    for word in words(text):
        if is_cjk(word):
            tokens |= ngrams(word)
        else:
            tokens.add(stem(word, language)[:MAX_TOKEN_LENGTH])
    return tokens


def query_terms(text, language=None):
    """Each query word as the set of tokens that satisfy it.

    A spaced word matches any language's stem of it (the query's language is not known), or
    only `language`'s when it is given (a glossary term's); an unspaced run needs all of its
    bigrams: that is how 採用 is found inside 採用活動.
    """
    terms = []
    for word in words(text):
        if is_cjk(word):
            required = (
                ngrams(word) if len(word) == 1 else {word[i : i + 2] for i in range(len(word) - 1)}
            )
            terms.append(("all", frozenset(required)))
        elif language:
            terms.append(("any", frozenset({stem(word, language)[:MAX_TOKEN_LENGTH]})))
        else:
            stems = {stem(word, language)[:MAX_TOKEN_LENGTH] for language in STEMMERS}
            terms.append(("any", frozenset(stems | {word[:MAX_TOKEN_LENGTH]})))
    return terms


def highlight_pattern(*texts):
    """A regular expression for these texts as they appear in running text: a text of several
    spaced words as a phrase (so that the "de" of a glossary term is not marked everywhere), a
    single word by any of its stems from the start of a word, an unspaced run anywhere."""
    spaced, unspaced = set(), set()
    for text in texts:
        found = words(text)
        if len(found) > 1 and not any(map(is_cjk, found)):
            spaced.add(r"\W+".join(map(re.escape, found)))
            continue
        for word in found:
            if is_cjk(word):
                unspaced.add(re.escape(word))
            else:
                stems = {stem(word, language) for language in STEMMERS} | {word}
                spaced |= {re.escape(s) for s in stems if len(s) >= 3 or s == word}
    alternatives = []
    if spaced:
        alternatives.append(
            r"(?<!\w)(?:" + "|".join(sorted(spaced, key=len, reverse=True)) + r")\w*"
        )
    if unspaced:
        alternatives.append("|".join(sorted(unspaced, key=len, reverse=True)))
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None
