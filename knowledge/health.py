"""GET /healthz for load balancers and monitors: whether the database answers (503 if not) and
the state of the search engine, as JSON. Answered before anything checks the Host header, so
that a load balancer may ask by address (and, exempt from the HTTPS redirect, over plain HTTP).
Nothing private: no hosts, versions or errors."""

from django.db import DatabaseError, connection
from django.http import JsonResponse

from search.engines import search_health

PATH = "/healthz"


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") != PATH:
            return self.get_response(request)
        return health_response()


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def health_response():
    database = database_answers()
    body = {
        "status": "ok" if database else "unavailable",
        "database": "ok" if database else "unavailable",
        "search": search_health() if database else {"status": "unavailable"},
    }
    response = JsonResponse(body, status=200 if database else 503)
    response["Cache-Control"] = "no-store"
    return response
