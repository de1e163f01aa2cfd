from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from casestudies.models import OrganisationPage
from casestudies.partners import add_partner_user, organisation_title


class Command(BaseCommand):
    help = (
        "Give a partner an account for one organisation: creates the user if needed (printing "
        "a one-time link to set a password) and adds them to the organisation's partner group."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="the partner's email address, also their username")
        parser.add_argument("organisation", help="the organisation page's slug")

    def handle(self, *args, email, organisation, **options):
        page = OrganisationPage.objects.filter(slug=organisation).first()
        if page is None:
            known = ", ".join(
                OrganisationPage.objects.order_by("slug").values_list("slug", flat=True)
            )
            raise CommandError(
                f"no organisation with the slug {organisation!r}"
                + (f"; known slugs: {known}" if known else "; the site has no organisations yet")
            )
        try:
            membership = add_partner_user(email, page)
        except ValidationError as error:
            raise CommandError(
                f"invalid email address {email!r}: {' '.join(error.messages)}"
            ) from error

        user = membership.user
        name = organisation_title(page)
        if membership.user_created:
            self.stdout.write(f"Created user {user.get_username()}.")
        else:
            self.stdout.write(f"User {user.get_username()} already exists.")
        if membership.already_member:
            self.stdout.write(f"{user.get_username()} is already a member of {membership.group}.")
        else:
            self.stdout.write(f"Added {user.get_username()} to {membership.group} ({name}).")
        if not user.is_active:
            self.stderr.write(f"Warning: {user.get_username()} is inactive and cannot log in.")
        if membership.set_password_url:
            self.stdout.write(
                "One-time link to set a password (send it to the partner; it stops working once "
                "used):\n" + membership.set_password_url
            )
        else:
            self.stdout.write("They already have a password and can log in as before.")
