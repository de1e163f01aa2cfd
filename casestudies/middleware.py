from django.contrib import messages
from django.shortcuts import redirect

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
        return redirect("wagtailadmin_pages:edit", exception.case_study.pk)
