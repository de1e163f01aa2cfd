from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import throttle
from .drafts import create_drafts
from .emails import send_acknowledgement
from .forms import SharePracticeForm

TEMPLATE = "sharing/share_form.html"


@never_cache
def share_practice(request):
    """/<lang>/share/: a practice shared without an account becomes drafts for editors."""
    if request.method != "POST":
        return render(request, TEMPLATE, {"form": SharePracticeForm()})
    form = SharePracticeForm(request.POST)
    if form.is_from_a_bot():
        # Answered like a success, so the bot learns nothing; nothing is stored.
        return redirect("sharing:thanks")
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form})
    if not throttle.admit(request):
        form.add_error(
            None,
            _(
                "We have received several stories from you in a short time. Please send this "
                "one again later: what you typed is still below."
            ),
        )
        return render(request, TEMPLATE, {"form": form}, status=429)
    send_acknowledgement(create_drafts(form.cleaned_data, get_language()))
    return redirect("sharing:thanks")


def thanks(request):
    return render(request, "sharing/thanks.html")
