"""Page addresses from titles in any script. Slugs keep the title's own letters (Unicode slugs:
京都での調理師研修, not a guessed transliteration), are cut at a word boundary, and never clash
with a sibling's."""

import unicodedata

from django.utils.text import slugify

MAX_LENGTH = 80


def slug_from_title(title, taken=lambda slug: False, fallback="page"):
    """A slug for `title`, not one that `taken(slug)` refuses: `fallback` when the title has no
    letters or digits, `-2`, `-3` ... appended when it is taken."""
    # Punctuation and symbols part words ("研修、3年" and "kitchen/bakery" are two words each);
    # marks within a word (Arabic vowel signs) do not.
    spaced = "".join(
        " " if unicodedata.category(character)[0] in "PSZ" else character
        for character in title or ""
    )
    base = slugify(spaced, allow_unicode=True)
    if len(base) > MAX_LENGTH:
        cut = base.rfind("-", 0, MAX_LENGTH + 1)
        base = base[:cut] if cut > 0 else base[:MAX_LENGTH]
    base = base.strip("-") or fallback
    slug, number = base, 1
    while taken(slug):
        number += 1
        slug = f"{base}-{number}"
    return slug
