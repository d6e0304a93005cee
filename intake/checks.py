"""System checks of the intake app, run by `manage.py check --deploy` before a release."""

from django.core.checks import Error, register

from intake.safety import learned


@register(deploy=True)
def check_crisis_model_loads(app_configs, **kwargs):
    """The learned crisis model must load where the site is deployed. At run time a model that
    cannot load is logged and the patterns judge alone, so that the contact form never fails a
    person; a release should not go out that way unnoticed."""
    problem = learned.load_problem()
    if problem is None:
        return []
    return [
        Error(
            f"The crisis model cannot be loaded: {problem}",
            hint="Crisis messages would be recognised by the patterns alone. Install "
            "requirements.txt in full, and check intake/safety/crisis_model.npz.",
            id="intake.E001",
        )
    ]
