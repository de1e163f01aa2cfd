"""Files held by Wagtail's multiple uploader are cleared of metadata too.

When an uploaded image's form is invalid for some other reason than its file, the multiple
uploader keeps the file as a ``wagtail.models.UploadedFile`` (in the storage, under
``wagtail_uploads/``) until the editor has completed the form, and only then creates the image
from it. Without this, the raw file, location and all, would sit in the storage meanwhile, and
for good if the editor never completes the form.
"""

import os

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from .metadata import strip_metadata
from .models import CleanFileContent


@receiver(pre_save, sender=UploadedFile, dispatch_uid="images.strip_held_upload")
def strip_held_upload(sender, instance, raw=False, **kwargs):
    held = instance.file
    if raw or not held or held._committed or isinstance(held.file, CleanFileContent):
        return
    if instance.for_content_type != ContentType.objects.get_for_model(get_image_model()):
        return
    held.open("rb")
    held.seek(0)
    clean = strip_metadata(held.read())
    instance.file = CleanFileContent(clean.data, name=os.path.basename(held.name))
