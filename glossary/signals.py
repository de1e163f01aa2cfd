from django.contrib.auth.models import Group
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from casestudies.partners import permissions

from .models import Concept
from .seeding import seed_glossary


@receiver(post_migrate, dispatch_uid="glossary_seed_and_editors")
def seed_and_let_editors_edit(sender, **kwargs):
    """A new site's glossary is the seed; editors (Wagtail's Moderators) maintain it."""
    if getattr(sender, "name", None) != "glossary":
        return
    seed_glossary(Concept)
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        codenames = [f"{action}_concept" for action in ("add", "change", "delete", "view")]
        moderators.permissions.add(*permissions("glossary", "concept", codenames))
