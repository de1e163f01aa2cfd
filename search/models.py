"""The database engine's index: a document per live case study, its facet values and tokens.

Both engines are kept up to date together (search/indexing.py), so the database engine can
answer whenever the cluster cannot.
"""

from django.db import models
from django.utils import timezone


class IndexedCaseStudy(models.Model):
    page = models.OneToOneField(
        "casestudies.CaseStudyPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    published_date = models.DateField()
    year = models.PositiveSmallIntegerField()
    hires = models.PositiveIntegerField(null=True)
    titles = models.TextField(help_text="every title, normalised, for autocomplete")
    document = models.JSONField()
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["-published_date", "-page"], name="search_newest")]

    def __str__(self):
        return self.document.get("slug", str(self.pk))


class IndexedValue(models.Model):
    """One facet value of an indexed case study, e.g. (theme, mentoring)."""

    entry = models.ForeignKey(IndexedCaseStudy, on_delete=models.CASCADE, related_name="values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["facet", "value", "entry"], name="search_value")]

    def __str__(self):
        return f"{self.facet}={self.value}"


class IndexedToken(models.Model):
    """A stem or character n-gram of an indexed case study, in one language, with the weight
    of the most important field it appears in (title 3, labels and summary 2, body 1)."""

    entry = models.ForeignKey(IndexedCaseStudy, on_delete=models.CASCADE, related_name="tokens")
    token = models.CharField(max_length=60)
    language = models.CharField(max_length=5, blank=True)
    weight = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["token", "entry"], name="search_token")]

    def __str__(self):
        return self.token


class IndexedWord(models.Model):
    """A word of an indexed case study as written (lowercased), for typo tolerance and "did
    you mean" (search/words.py)."""

    entry = models.ForeignKey(IndexedCaseStudy, on_delete=models.CASCADE, related_name="words")
    word = models.CharField(max_length=60)

    class Meta:
        indexes = [models.Index(fields=["word", "entry"], name="search_word")]

    def __str__(self):
        return self.word


class PendingIndexUpdateQuerySet(models.QuerySet):
    def removals(self):
        return self.filter(removal=True)


class PendingIndexUpdate(models.Model):
    """A case study the cluster has not yet been told about: it could not be reached, or the
    removal was recorded at once and waits for the worker. Searches of the cluster exclude
    pending removals; the worker retries until the cluster has applied them all
    (search/indexing.py), as does `search_index check --repair`."""

    page_id = models.PositiveBigIntegerField(primary_key=True)
    removal = models.BooleanField(
        default=False, help_text="the case study must leave the cluster's index"
    )
    failed_at = models.DateTimeField(auto_now=True)
    error = models.TextField(blank=True)

    objects = PendingIndexUpdateQuerySet.as_manager()

    def __str__(self):
        return f"page {self.page_id}"


class SearchLogEntry(models.Model):
    """One first-page search from the public page or the API: what was asked and how many
    results came back, so editors see what readers look for and do not find. Nothing about who
    searched is kept (no IP address, user, session, user agent or referrer); entries are
    deleted after SEARCH_LOG_DAYS (search/log.py) by `prune_search_log`."""

    query = models.TextField(blank=True)
    lang = models.CharField(max_length=5)
    filters = models.JSONField(default=dict, blank=True)
    result_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name_plural = "search log entries"

    def __str__(self):
        return f"{self.lang}: {self.query or self.filters}"


class SearchLogGap(models.Model):
    """Searches the log could not record (the database refused a batch, or a process's buffer
    was full), counted, so that what the log shows can be read for what it misses."""

    missed = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.missed} searches not logged"
