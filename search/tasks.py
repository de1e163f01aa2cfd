from django_tasks import task

from . import indexing


@task()
def update_search_index(page_ids):
    indexing.update_index(page_ids)
