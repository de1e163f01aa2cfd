"""Every vocabulary is declared once, in casestudies/vocabularies.py. Adding one is a model, its
field on CaseStudyPage, a registry entry and a migration; the import and export, the search
documents, filters, facets, API and share form follow. The second test proves it on a copy of
the project: it adds a fifth vocabulary that way, migrates, and runs
tests/fifth_vocabulary/checks.py there."""

import os
import shutil
from pathlib import Path

import pytest
from django.core import checks

from casestudies.vocabularies import check_vocabulary_fields
from tests.processes import python

PROJECT = Path(__file__).resolve().parents[1]

SKILL_MODEL = """class Skill(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("skill")


"""
VOCABULARY_CLASS = "@dataclass(frozen=True)\nclass Vocabulary:"
HIRES_FIELD = "    hires = models.PositiveIntegerField("
# What adding the vocabulary changes, and nothing else: (file, text, the text it becomes).
CHANGES = [
    ("casestudies/vocabularies.py", VOCABULARY_CLASS, SKILL_MODEL + VOCABULARY_CLASS),
    (
        "casestudies/vocabularies.py",
        "VOCABULARIES = (\n",
        'VOCABULARIES = (\n    Vocabulary("skill", Skill, "skills", _("Skill"), many=True, '
        "required=False),\n",
    ),
    (
        "casestudies/models.py",
        HIRES_FIELD,
        '    skills = ParentalManyToManyField(Skill, blank=True, verbose_name=_("skills"))\n'
        + HIRES_FIELD,
    ),
    (
        "casestudies/models.py",
        "from .vocabularies import VOCABULARIES, ",
        "from .vocabularies import VOCABULARIES, Skill, ",
    ),
]


def test_the_registry_matches_the_case_study_fields():
    assert check_vocabulary_fields() == []


def test_a_vocabulary_without_its_case_study_field_fails_the_system_check(monkeypatch):
    from casestudies import vocabularies

    broken = vocabularies.Vocabulary(
        "skill", vocabularies.Theme, "skills", "Skill", many=True, required=False
    )
    monkeypatch.setattr(vocabularies, "VOCABULARIES", (*vocabularies.VOCABULARIES, broken))

    errors = check_vocabulary_fields()
    assert [error.id for error in errors] == ["casestudies.E001"]
    assert isinstance(errors[0], checks.Error)


def add_skills(copy):
    for name, old, new in CHANGES:
        path = copy / name
        text = path.read_text()
        assert old in text, f"{name} no longer has {old!r}: update this test"
        path.write_text(text.replace(old, new, 1))


def run(copy, *command):
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{copy / 'drill.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "knowledge.settings.test",
        "PYTHONPATH": str(copy),
    }
    return python(*command, environment=environment, cwd=copy)


@pytest.mark.database_independent
def test_a_fifth_vocabulary_is_a_model_a_field_an_entry_and_a_migration(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(
        PROJECT,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "media", "*.sqlite3", "__pycache__"
        ),
    )
    add_skills(copy)

    made = run(copy, "manage.py", "makemigrations", "casestudies", "--name", "skills")
    assert "Create model Skill" in made and "Add field skills to casestudypage" in made
    run(copy, "manage.py", "migrate", "--noinput")
    out = run(copy, "tests/fifth_vocabulary/checks.py")

    assert out.rstrip().endswith("every check passed"), out
