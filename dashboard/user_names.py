"""Whose names a partner sees in the admin.

Partners work beside the editors but are not told who the editors, or other organisations'
people, are: on every admin page a partner sees the people of their own organisations by name
and everybody else as "the editorial team", and the user filters (explorer, history, reports)
offer only their colleagues; Wagtail's notification emails are written as their recipient may
see them. Editors and superusers see everyone.

Wagtail shows a user's name through the functions listed in DISPLAY_NAME_FUNCTIONS, the log
entries' `user_display_name` and the tables' UserColumn, with no setting to change them, so
`install` wraps each of them once at start-up to ask the viewer of the current request first.
tests/test_user_names.py checks these against Wagtail's source, so an upgrade cannot add a
place that shows names unnoticed.
"""

import importlib
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property, wraps

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import MultipleUserFilter
from wagtail.admin.ui.tables import UserColumn
from wagtail.models import BaseLogEntry

from casestudies.partners import is_editor, partner_groups

EDITORIAL_TEAM = _("Editorial team")

# (module, attribute): every name under which Wagtail's admin calls its display-name function.
DISPLAY_NAME_FUNCTIONS = (
    ("wagtail.admin.utils", "get_user_display_name"),
    ("wagtail.admin.filters", "get_user_display_name"),
    ("wagtail.admin.views.editing_sessions", "get_user_display_name"),
    ("wagtail.locks", "get_user_display_name"),
    ("wagtail.users.views.users", "get_user_display_name"),
    ("wagtail.admin.templatetags.wagtailadmin_tags", "get_user_display_name"),
    ("wagtail.admin.templatetags.wagtailadmin_tags", "user_display_name"),
    ("wagtail.admin.views.generic.mixins", "user_display_name"),
    ("wagtail.admin.forms.comments", "user_display_name"),
)

_viewer = ContextVar("admin_viewer", default=None)


class Viewer:
    """Who is looking: the signed-in user of a request (asked about lazily: most requests show
    no names, so they pay no query), or the recipient of an email."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def sees_everyone(self):
        return not self.user.is_authenticated or is_editor(self.user)

    @cached_property
    def colleague_ids(self):
        colleagues = get_user_model().objects.filter(groups__in=partner_groups(self.user))
        return {self.user.pk, *colleagues.values_list("pk", flat=True)}

    def may_see(self, user_id):
        return user_id is None or self.sees_everyone or user_id in self.colleague_ids


def may_see(user_id):
    viewer = _viewer.get()
    return viewer is None or viewer.may_see(user_id)


class ViewerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with viewed_by(request.user):
            return self.get_response(request)


@contextmanager
def viewed_by(user):
    token = _viewer.set(Viewer(user))
    try:
        yield
    finally:
        _viewer.reset(token)


def _rendered_for_recipient(render_to_string):
    """Wagtail's mail module renders each notification with its recipient as context["user"]."""

    def render(template_name, context=None, *args, **kwargs):
        recipient = (context or {}).get("user")
        if recipient is None:
            return render_to_string(template_name, context, *args, **kwargs)
        with viewed_by(recipient):
            return render_to_string(template_name, context, *args, **kwargs)

    return render


def _for_viewer(display_name):
    @wraps(display_name)
    def shown(user):
        if user is None or may_see(getattr(user, "pk", None)):
            return display_name(user)
        return str(EDITORIAL_TEAM)

    shown.for_viewer = True
    return shown


def _log_entry_display_name(display_name):
    def shown(entry):
        return display_name(entry) if may_see(entry.user_id) else str(EDITORIAL_TEAM)

    return cached_property(shown)


def _filter_field_for_viewer(field_property):
    def field(self):
        # Wagtail caches the field on the filter: narrow it once, when it is first made.
        made = hasattr(self, "_field")
        found = field_property.fget(self)
        viewer = _viewer.get()
        if not made and viewer is not None and not viewer.sees_everyone:
            found.queryset = found.queryset.filter(pk__in=viewer.colleague_ids)
        return found

    field.for_viewer = True
    return property(field)


def _user_column_for_viewer(cell_context):
    def get_cell_context_data(self, instance, parent_context):
        context = cell_context(self, instance, parent_context)
        user = context["value"]
        if user and not may_see(user.pk):
            context["display_name"] = str(EDITORIAL_TEAM)
        return context

    return get_cell_context_data


def install():
    if getattr(MultipleUserFilter.field.fget, "for_viewer", False):
        return
    for module_name, attribute in DISPLAY_NAME_FUNCTIONS:
        module = importlib.import_module(module_name)
        setattr(module, attribute, _for_viewer(getattr(module, attribute)))
    mail = importlib.import_module("wagtail.admin.mail")
    mail.render_to_string = _rendered_for_recipient(mail.render_to_string)
    tags = importlib.import_module("wagtail.admin.templatetags.wagtailadmin_tags")
    tags.register.filters["user_display_name"] = tags.user_display_name
    BaseLogEntry.user_display_name = _log_entry_display_name(BaseLogEntry.user_display_name.func)
    BaseLogEntry.user_display_name.__set_name__(BaseLogEntry, "user_display_name")
    MultipleUserFilter.field = _filter_field_for_viewer(MultipleUserFilter.field)
    UserColumn.get_cell_context_data = _user_column_for_viewer(UserColumn.get_cell_context_data)
