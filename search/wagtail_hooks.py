from wagtail import hooks

from casestudies.models import CaseStudyIndexPage

from .views import search_page


@hooks.register("before_serve_page")
def case_study_index_is_the_search_page(page, request, serve_args, serve_kwargs):
    """The case study index lists every case study with the search page's filters."""
    if isinstance(page, CaseStudyIndexPage):
        return search_page(request, index_page=page)
    return None
