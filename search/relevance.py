"""How both engines rank results and pick snippets, so that they answer alike.

Results sorted by relevance come in tiers: first the case studies that match more of the
query's clauses (when none matches them all), then those that match more of them in the
reader's own words rather than through the glossary or a typo, then those available in the
reader's language; within a tier, by the weights of the fields that match, then newest."""

from casestudies.languages import LANGUAGE_CODES

# The indexed text fields and how much a match in each weighs.
FIELD_WEIGHTS = (("title", 3), ("labels", 2), ("summary", 2), ("body", 1))
# A match in the reader's language weighs this many times as much as one in another language.
READER_LANGUAGE_FACTOR = 2
# A match of the reader's own words weighs this many times as much as one of a glossary
# concept's terms in another language or of a word a typo away.
OWN_WORDS_FACTOR = 4
# Sorts other than relevance: the search document's field, largest first, then newest.
ORDER_BY = {"year": "year", "hires": "hires"}
# Snippets: the characters of text around the first match, with the query's words in <mark>.
SNIPPET_LENGTH = 180
SNIPPET_FIELDS = ("summary", "body", "title")


def shown_language(document, lang):
    """The language a result is shown in: the reader's, or the case study's original."""
    return lang if lang in document["title"] else document["original_language"]


def snippet_sources(document, lang):
    """Where a snippet is looked for, in order, as (field, language): the shown language's
    summary, body and title, then every language's summary and body."""
    shown = shown_language(document, lang)
    sources = [(field, shown) for field in SNIPPET_FIELDS]
    sources += [(field, language) for field in ("summary", "body") for language in LANGUAGE_CODES]
    return sources
