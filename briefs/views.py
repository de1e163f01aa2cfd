from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from casestudies.models import CaseStudyPage, CollectionPage

from .comparison import comparison_of
from .pdf import pdf_response
from .selection import MAX_COMPARED, remember_selection, selected_slugs

PARAMETER = "case_study"
ACTIONS = ("add", "remove", "replace", "clear")


def comparison_url(slugs):
    url = reverse("comparison")
    return f"{url}?{urlencode({PARAMETER: slugs}, doseq=True)}" if slugs else url


def requested_slugs(request):
    return [slug for slug in request.GET.getlist(PARAMETER) if slug]


@require_GET
def comparison_page(request):
    """/<lang>/compare/?case_study=a&case_study=b: the case studies side by side; the address
    rebuilds the comparison. Without case studies, the reader's selection."""
    slugs = requested_slugs(request)
    if not slugs:
        selected = selected_slugs(request)
        published = [item.page.slug for item in comparison_of(selected)]
        if published:
            response = HttpResponseRedirect(comparison_url(published))
            if published != selected:  # some were unpublished since they were picked
                remember_selection(response, published)
            return response
    compared = comparison_of(slugs)
    shown = [item.page.slug for item in compared]
    context = {
        "compared": compared,
        "left_out": len(set(slugs)) - len(compared),
        "is_selection": shown == selected_slugs(request),
        "pdf_url": reverse("comparison-pdf") + "?" + request.GET.urlencode() if compared else "",
        "limit": MAX_COMPARED,
    }
    return render(request, "briefs/comparison_page.html", context)


@require_GET
def comparison_pdf(request):
    compared = comparison_of(requested_slugs(request))
    if not compared:
        raise Http404
    context = {"compared": compared, "title": _("Comparison of practices")}
    return pdf_response(request, "briefs/comparison_brief.html", context, "comparison")


@require_GET
def collection_pdf(request, slug):
    collection = get_object_or_404(CollectionPage.objects.live().public(), slug=slug)
    context = {
        "title": collection.title,
        "collection": collection,
        "case_studies": collection.case_studies(),
    }
    return pdf_response(request, "briefs/collection_brief.html", context, slug)


@require_POST
def change_selection(request):
    """Add a case study to the reader's selection, remove one, clear it or replace it with a
    comparison's case studies (`action`). Answers JSON to the page's script, else goes back."""
    action = request.POST.get("action")
    slugs = selected_slugs(request)
    chosen = list(dict.fromkeys(request.POST.getlist(PARAMETER)))
    if action not in ACTIONS:
        return refuse("action", "must be one of " + ", ".join(ACTIONS))
    # A case study unpublished since it was picked may still be removed.
    must_be_live = action in ("add", "replace")
    if action != "clear" and not chosen or must_be_live and not live(chosen):
        return refuse(PARAMETER, "no such case study")
    message = ""
    if action == "add" and chosen[0] not in slugs:
        if len(slugs) >= MAX_COMPARED:
            message = ngettext(
                "You can compare up to %(count)s case study: remove one to add another.",
                "You can compare up to %(count)s case studies: remove one to add another.",
                MAX_COMPARED,
            ) % {"count": MAX_COMPARED}
        else:
            slugs.append(chosen[0])
    elif action == "remove":
        slugs = [slug for slug in slugs if slug != chosen[0]]
    elif action == "replace":
        slugs = chosen[:MAX_COMPARED]
    elif action == "clear":
        slugs = []
    response = answer(request, slugs, message)
    remember_selection(response, slugs)
    return response


def live(slugs):
    return CaseStudyPage.objects.live().public().filter(slug__in=slugs).count() == len(slugs)


def refuse(parameter, message):
    return HttpResponseBadRequest(f"{parameter}: {message}", content_type="text/plain")


def answer(request, slugs, message):
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"selected": slugs, "count": len(slugs), "message": message})
    if message:
        messages.warning(request, message)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("comparison")
    return HttpResponseRedirect(target)
