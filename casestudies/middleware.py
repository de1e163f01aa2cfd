from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.modal_workflow import render_modal_workflow

from .consent import ConsentMissing


class ConsentMissingMiddleware:
    """A publication refused for lack of consent outside the case study editor (approving a
    submission from the dashboard, a bulk action) takes the editor to the case study with the
    reasons, instead of an error page. Nothing was published: the refusal rolled it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ConsentMissing):
            return None
        for problem in exception.problems:
            messages.error(request, problem.message)
        edit_url = reverse("wagtailadmin_pages:edit", args=[exception.case_study.pk])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # The approval dialog on the dashboard: it follows the redirect it is given.
            return render_modal_workflow(
                request, None, json_data={"step": "success", "redirect": edit_url}
            )
        return redirect(edit_url)
