"""The page editors, a tab a language: each language's fields together, under the language's
own name, the page's original language first and marked so, and nothing of another language
in sight."""

import json

from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface

from .languages import LANGUAGE_CODES, native_name


class LanguageTab(ObjectList):
    """The fields of one language."""

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "language": self.language}

    def classes(self):
        return [*super().classes(), f"language-{self.language}"]

    @property
    def clean_name(self):
        """The tab's address is its language code (#tab-ja), not its heading's code points."""
        return self.language


def language_tabs(field_names, headings):
    """A LanguageTab a language, holding `field_names` in that language, each labelled by its
    heading in `headings` (the editor's language, not the field's: "Title", not "title [ja]")."""
    return [
        LanguageTab(
            [
                FieldPanel(f"{name}_{code}", heading=capfirst(headings[name]))
                for name in field_names
            ],
            heading=native_name(code),
            language=code,
        )
        for code in LANGUAGE_CODES
    ]


class LanguageTabbedInterface(TabbedInterface):
    """Tabs whose language tabs come in the page's order: its original language first (its
    `original_language` field, as the form has it), or else the editor's own."""

    class BoundPanel(TabbedInterface.BoundPanel):
        @property
        def attrs(self):
            """What casestudies/static/casestudies/original_language.js needs to follow a change
            of original language: each tab's own heading and the "(original)" form of it."""
            headings = {
                child.language: str(child.heading)
                for child in self.panel.children
                if isinstance(child, LanguageTab)
            }
            return {
                **super().attrs,
                "data-language-headings": json.dumps(headings, ensure_ascii=False),
                "data-original-heading": _("%(language)s (original)"),
            }

        def original_language(self):
            if "original_language" in self.form.fields:
                return self.form["original_language"].value()
            return get_language()

        @cached_property
        def visible_children_with_identifiers(self):
            tabs = super().visible_children_with_identifiers
            original = self.original_language()
            languages = [tab for tab in tabs if isinstance(tab[0].panel, LanguageTab)]
            languages.sort(key=lambda tab: tab[0].panel.language != original)
            for child, _identifier in languages:
                if child.panel.language == original and "original_language" in self.form.fields:
                    child.heading = _("%(language)s (original)") % {"language": child.panel.heading}
            others = [tab for tab in tabs if not isinstance(tab[0].panel, LanguageTab)]
            # The page's own tab (its facts) first, then the languages, then the rest.
            return [others[0], *languages, *others[1:]]
