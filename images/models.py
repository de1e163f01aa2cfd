import io
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.utils.file import hash_filelike

from .metadata import CleanImage, ImageMetadataError, ImageTooLarge, strip_metadata

# The fields that describe the stored file, set again whenever the file is rewritten.
FILE_DESCRIPTION_FIELDS = ("width", "height", "file_size", "file_hash")

_NOT_LOADED = object()


class CleanFileContent(ContentFile):
    """File content already rewritten by ``strip_metadata``: it is stored as it is."""


class CaseStudyImage(AbstractImage):
    """A Wagtail image whose original file never carries location or camera metadata.

    Every new or replaced file is rewritten by ``images.metadata.strip_metadata`` before it
    reaches the storage, whichever way the image is created: the admin's upload forms and
    multiple upload, the chooser's upload, the API and code (``objects.create``, factories).
    Files that are already in the storage when the image is saved (written there with
    ``image.file.save(..., save=False)``, as the multiple uploader does with a file it held while
    its form was incomplete) are read back, rewritten under a new name, and the raw file is
    deleted. The held file itself is rewritten too (``images.signals``). Only
    ``QuerySet.bulk_create``/``update`` and fixtures loaded with ``loaddata`` bypass ``save()``
    and so this rewriting.
    """

    shows_identifiable_people = models.BooleanField(
        _("shows people who could be identified"),
        default=False,
        help_text=_(
            "Tick this if anyone in the image could be recognised: by their face, or by a "
            "name, a uniform, a vehicle or the place around them. Such an image may only be "
            "used in a case study whose featured person has consented to being shown."
        ),
    )

    admin_form_fields = Image.admin_form_fields + ("shows_identifiable_people",)

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_file_name = _file_name(instance.__dict__.get("file", _NOT_LOADED))
        return instance

    def clean(self):
        """Rewrite a newly assigned file already while the form validates it, so that a file
        that cannot be rewritten is refused with a form error instead of failing to save."""
        super().clean()
        try:
            self._rewrite_pending_file()
        except ImageTooLarge as error:
            raise ValidationError(
                {
                    "file": _(
                        "This image has %(pixels)s pixels; at most %(allowed)s are allowed. "
                        "Please make it smaller and upload it again."
                    )
                    % {"pixels": f"{error.pixels:,}", "allowed": f"{error.allowed:,}"}
                }
            ) from error
        except ImageMetadataError as error:
            raise ValidationError(
                {
                    "file": _(
                        "This image could not be cleared of its location and camera details. "
                        "Please save it again as a JPEG or PNG file and upload that."
                    )
                }
            ) from error

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        replaced_file = None
        if update_fields is None or "file" in update_fields:
            rewritten, replaced_file = self._rewrite_file()
            if rewritten and update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *FILE_DESCRIPTION_FIELDS}
        super().save(*args, **kwargs)
        if "file" in self.__dict__:
            self._stored_file_name = self.file.name
        if replaced_file:
            self._delete_raw_file(replaced_file)

    def _rewrite_file(self):
        """Rewrite the file if it is new or changed. Returns whether it was rewritten, and the
        name of a raw file in the storage that has been replaced by its rewritten copy."""
        if "file" not in self.__dict__:  # deferred: not loaded, so not changed
            return False, None
        if not self.file:
            return False, None
        if not self.file._committed:
            return self._rewrite_pending_file(), None
        if not self._file_is_new():
            return False, None
        # Already in the storage (e.g. written there with `image.file.save(..., save=False)`):
        # store a rewritten copy, and delete the raw file once the image points at the copy.
        raw_name = self.file.name
        with self.file.storage.open(raw_name, "rb") as raw:
            clean = strip_metadata(raw.read())
        self.file.save(os.path.basename(raw_name), CleanFileContent(clean.data), save=False)
        self._describe_file(clean)
        return True, raw_name

    def _rewrite_pending_file(self):
        """Replace a file that is not in the storage yet by its rewritten content."""
        pending = self.file
        if not pending or pending._committed or isinstance(pending.file, CleanFileContent):
            return False
        pending.open("rb")
        pending.seek(0)
        clean = strip_metadata(pending.read())
        name = os.path.basename(pending.name or "image")
        self.file = CleanFileContent(clean.data, name=name)
        self._describe_file(clean)
        return True

    def _describe_file(self, clean: CleanImage):
        self.width = clean.width
        self.height = clean.height
        self.file_size = len(clean.data)
        self.file_hash = hash_filelike(io.BytesIO(clean.data))

    def _file_is_new(self):
        if self._state.adding:
            return True
        stored_name = getattr(self, "_stored_file_name", _NOT_LOADED)
        if stored_name is _NOT_LOADED:
            manager = type(self)._default_manager
            stored_name = manager.filter(pk=self.pk).values_list("file", flat=True).first()
        return self.file.name != stored_name

    def _delete_raw_file(self, name):
        if not type(self)._default_manager.filter(file=name).exists():
            self.file.storage.delete(name)


class CaseStudyRendition(AbstractRendition):
    image = models.ForeignKey(CaseStudyImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def _file_name(value):
    if value is _NOT_LOADED or value is None or isinstance(value, str):
        return value
    return value.name
