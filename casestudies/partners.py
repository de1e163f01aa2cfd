"""Organisation partner accounts, on Wagtail's own permission system.

Every OrganisationPage has a partner group, "Partners: <organisation title>", made when the
organisation is created (however it is created: admin, import, demo content) and renamed with it.
The group is found again through its GroupPagePermission on the organisation page, so no model
field is needed: the partner group of an organisation is the group named "Partners: ..." that
holds a page permission on that page. It gets:

- Wagtail admin access (wagtailadmin.access_admin);
- "add" and "change" page permissions on the organisation page, and nothing more: members create
  and edit case studies under that organisation only and submit them to the moderation workflow,
  but cannot publish, unpublish or delete anything live;
- an image collection of its own, "Organisation: <title>" (a child of Wagtail's root collection),
  with add, change and choose image permissions on that collection only. (Wagtail's collections
  are folders of images; the curated collections of case studies are pages.)

Editors are Wagtail's own "Moderators" group (made by Wagtail's migrations, with publish
permission on the root page and the approval task of the default workflow).

When an organisation page is deleted its partner group goes too (members keep their accounts but
lose their access); its image collection goes only if empty, else it stays for the editors to
sort out (casestudies/signals.py keeps groups in step with organisations).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import OrganisationPage

GROUP_PREFIX = "Partners: "
IMAGE_COLLECTION_PREFIX = "Organisation: "
PAGE_PERMISSIONS = ("add_page", "change_page")
IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")
GROUP_NAME_LENGTH = Group._meta.get_field("name").max_length
COLLECTION_NAME_LENGTH = Collection._meta.get_field("name").max_length


# Names ----------------------------------------------------------------------------------------


def organisation_title(organisation):
    """The organisation's title in the site's default language (or its fallback)."""
    with translation.override(settings.LANGUAGE_CODE):
        return organisation.title or organisation.draft_title or organisation.slug


def _unique_name(prefix, title, organisation_id, taken, limit):
    """`prefix + title`, or with the page id appended when another object has that name."""
    name = f"{prefix}{title}"[:limit]
    if not taken(name):
        return name
    suffix = f" ({organisation_id})"
    return f"{prefix}{title}"[: limit - len(suffix)] + suffix


def _group_name(organisation, group=None):
    others = Group.objects.exclude(pk=group.pk) if group else Group.objects.all()
    return _unique_name(
        GROUP_PREFIX,
        organisation_title(organisation),
        organisation.pk,
        lambda name: others.filter(name=name).exists(),
        GROUP_NAME_LENGTH,
    )


def _image_collection_name(organisation, collection=None):
    root = Collection.get_first_root_node()
    siblings = root.get_children()
    if collection:
        siblings = siblings.exclude(pk=collection.pk)
    return _unique_name(
        IMAGE_COLLECTION_PREFIX,
        organisation_title(organisation),
        organisation.pk,
        lambda name: siblings.filter(name=name).exists(),
        COLLECTION_NAME_LENGTH,
    )


# Groups and image collections -----------------------------------------------------------------


def permissions(app_label, model, codenames):
    """Django permissions by codename, made if the auth app has not made them yet (first
    migrate)."""
    found = {
        permission.codename: permission
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    }
    missing = [codename for codename in codenames if codename not in found]
    if missing:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for codename in missing:
            found[codename], _created = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": codename}
            )
    return [found[codename] for codename in codenames]


def partner_group(organisation):
    """The organisation's partner group, or None."""
    return (
        Group.objects.filter(
            name__startswith=GROUP_PREFIX, page_permissions__page_id=organisation.pk
        )
        .order_by("pk")
        .first()
    )


def partner_image_collection(group):
    """The image collection of a partner group, or None."""
    return (
        Collection.objects.filter(depth__gt=1, group_permissions__group=group)
        .order_by("pk")
        .first()
    )


def _named(found, name_for, create):
    """`found` renamed to name_for(found) if its name differs, or, if None, a new object made
    by create(name_for(None))."""
    if found is None:
        return create(name_for(None))
    name = name_for(found)
    if found.name != name:
        found.name = name
        found.save(update_fields=["name"])
    return found


@transaction.atomic
def ensure_partner_group(organisation):
    """Creates the organisation's partner group, its permissions and collection if missing, and
    keeps their names in step with the organisation's title. Returns the group."""
    group = _named(
        partner_group(organisation),
        lambda group: _group_name(organisation, group),
        lambda name: Group.objects.create(name=name),
    )
    group.permissions.add(*permissions("wagtailadmin", "admin", ["access_admin"]))
    for permission in permissions("wagtailcore", "page", PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=organisation.pk, permission=permission
        )

    collection = _named(
        partner_image_collection(group),
        lambda collection: _image_collection_name(organisation, collection),
        lambda name: Collection.get_first_root_node().add_child(name=name),
    )
    for permission in permissions("wagtailimages", "image", IMAGE_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
    return group


def ensure_partner_groups():
    """Every organisation has its partner group (organisations made before this module)."""
    for organisation in OrganisationPage.objects.all():
        ensure_partner_group(organisation)


def partner_groups(user):
    return user.groups.filter(name__startswith=GROUP_PREFIX)


def partner_organisations(user):
    """The organisations whose partner group the user is in."""
    return OrganisationPage.objects.filter(
        group_permissions__group__in=partner_groups(user)
    ).distinct()


def is_editor(user):
    """Superusers and Moderators: those who may publish. Partners only add and change pages."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


def can_invite(user, organisation):
    """Editors (publish permission on the organisation) and superusers invite partners."""
    return organisation.permissions_for_user(user).can_publish()


# Partner users -------------------------------------------------------------------------------


@dataclass
class PartnerMembership:
    user: object
    group: Group
    user_created: bool
    already_member: bool
    set_password_url: str | None


def clean_email(email):
    """The email address, stripped, with its domain lowercased; ValidationError if invalid."""
    email = get_user_model().objects.normalize_email((email or "").strip())
    validate_email(email)
    username_length = get_user_model()._meta.get_field("username").max_length
    if len(email) > username_length:
        raise ValidationError(
            _("An email address used as a username is at most %(limit)d characters.")
            % {"limit": username_length}
        )
    return email


def find_user(email):
    User = get_user_model()
    return (
        User.objects.filter(username=email).first()
        or User.objects.filter(email__iexact=email).order_by("pk").first()
    )


def set_password_url(user):
    """A one-time link to Wagtail's set-password (password reset confirm) view. It stops working
    once the password is set or the user logs in, and after PASSWORD_RESET_TIMEOUT."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("wagtailadmin_password_reset_confirm", args=[uidb64, token])
    return settings.BASE_URL + path


def login_url():
    return settings.BASE_URL + reverse("wagtailadmin_login")


@transaction.atomic
def add_partner_user(email, organisation):
    """Creates the user if needed (username = email, no usable password) and adds them to the
    organisation's partner group. A set-password link comes back while the user has no password.
    Raises ValidationError for an invalid email address."""
    email = clean_email(email)
    group = ensure_partner_group(organisation)
    user = find_user(email)
    user_created = user is None
    if user_created:
        user = get_user_model().objects.create_user(username=email, email=email)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    already_member = user.groups.filter(pk=group.pk).exists()
    if not already_member:
        user.groups.add(group)
    url = None if user.has_usable_password() else set_password_url(user)
    return PartnerMembership(user, group, user_created, already_member, url)


def send_invitation(membership, organisation):
    """Emails the partner their set-password link (or, with a password already, the login page)."""
    site_name = str(settings.SITE_NAME)
    title = organisation_title(organisation)
    subject = _("Your partner account on %(site)s") % {"site": site_name}
    lines = [
        _("You can now add and edit case studies for %(organisation)s on %(site)s.")
        % {"organisation": title, "site": site_name},
        "",
    ]
    if membership.set_password_url:
        lines += [
            _("Choose your password here (the link works once):"),
            membership.set_password_url,
            "",
            _("Your username is %(username)s.") % {"username": membership.user.get_username()},
        ]
    else:
        lines += [_("Log in with your existing account here:"), login_url()]
    lines += [
        "",
        _("Editors review case studies before they are published."),
    ]
    send_mail(subject, "\n".join(lines), None, [membership.user.email])
