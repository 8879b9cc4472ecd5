"""System checks: the evaluation weights in settings must be valid (SPEC §2)."""

from django.conf import settings
from django.core import checks


@checks.register()
def check_suggestion_weights(app_configs=None, **kwargs):
    from suggestions.scoring import Weights

    try:
        Weights(reply=settings.SUGGESTION_REPLY_WEIGHT, implementation=settings.SUGGESTION_IMPLEMENTATION_WEIGHT)
    except (ValueError, AttributeError) as error:
        return [checks.Error(
            str(error), hint="Set SUGGESTION_REPLY_WEIGHT and SUGGESTION_IMPLEMENTATION_WEIGHT to whole numbers "
                             "that add up to 100 (default 40 and 60).", id="suggestions.E001")]
    errors = []
    for name in ("SUGGESTION_REPLY_DEADLINE_MONTHS", "SUGGESTION_MIN_EVALUATED_FOR_RANKING"):
        value = getattr(settings, name, None)
        if not isinstance(value, int) or value < 1:
            errors.append(checks.Error(f"{name} must be a positive whole number.", id="suggestions.E002"))
    return errors
