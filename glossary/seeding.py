"""The glossary a new site starts with: glossary/seed/*.jsonl, one concept per line,
{"key", "category", "terms": {language: [preferred term, synonyms...]}}."""

import json
from functools import cache
from pathlib import Path

from casestudies.languages import LANGUAGE_CODES

SEED = Path(__file__).resolve().parent / "seed"


@cache
def seed_concepts():
    concepts = []
    for path in sorted(SEED.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                concepts.append(json.loads(line))
    return tuple(concepts)


def seed_glossary(concept_model):
    """Fills an empty glossary with the seed; a glossary editors have begun is left alone."""
    if concept_model.objects.exists():
        return 0
    concepts = [
        concept_model(
            key=concept["key"],
            category=concept["category"],
            **{
                f"terms_{language}": "\n".join(concept["terms"].get(language, []))
                for language in LANGUAGE_CODES
            },
        )
        for concept in seed_concepts()
    ]
    concept_model.objects.bulk_create(concepts)
    return len(concepts)
