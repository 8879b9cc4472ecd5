"""System checks that keep every app inside the portal's guarantees."""

from django.apps import apps
from django.core import checks
from django.db import models


@checks.register()
def check_uploads_are_validated(app_configs=None, **kwargs):
    """Every FileField/ImageField of a portal app checks its uploads by content
    (congress.files.UploadValidator) and names them itself (congress.files.UploadTo)."""
    from congress.files import UploadTo, UploadValidator

    errors = []
    for config in apps.get_app_configs():
        if not getattr(config, "is_portal_app", False):
            continue
        for model in config.get_models():
            for field in model._meta.local_fields:
                if not isinstance(field, models.FileField):
                    continue
                if not any(isinstance(v, UploadValidator) for v in field.validators):
                    errors.append(checks.Error(
                        f"{model._meta.label}.{field.name} accepts uploads without checking their content.",
                        hint="Add validators=[congress.files.validate_upload] (or UploadValidator(kinds=...)).",
                        obj=field, id="congress.E101"))
                if not isinstance(field.upload_to, UploadTo):
                    errors.append(checks.Error(
                        f"{model._meta.label}.{field.name} keeps the uploaded file name.",
                        hint='Use upload_to=congress.files.UploadTo("<app>/<folder>/%Y/%m/").',
                        obj=field, id="congress.E102"))
    return errors
