"""The glossary in the admin, for editors: each concept's terms in a tab per language."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from casestudies.languages import LANGUAGE_CODES, native_name

from .models import Concept


class ConceptViewSet(SnippetViewSet):
    model = Concept
    icon = "doc-full"
    menu_label = _("Glossary")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["__str__", "key", "category", "updated_at"]
    list_filter = ["category"]
    search_fields = ["key", *(f"terms_{code}" for code in LANGUAGE_CODES)]
    ordering = ["category", "key"]
    edit_handler = TabbedInterface(
        [
            ObjectList([FieldPanel("key"), FieldPanel("category")], heading=_("Concept")),
            *(
                ObjectList([FieldPanel(f"terms_{code}")], heading=native_name(code))
                for code in LANGUAGE_CODES
            ),
        ]
    )


register_snippet(ConceptViewSet)
