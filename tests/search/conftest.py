from tests.search.corpus import make, run  # noqa: F401  (fixtures for every search test)
