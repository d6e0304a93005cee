"""Forms of two-factor sign-in: one code field, for enrolment and for signing in."""

import re

from django import forms
from django.core.validators import RegexValidator

# People copy codes as "123 456", and may write backup codes down in groups.
SEPARATORS = re.compile(r"[\s-]+")

CODE_WIDGET_ATTRS = {
    "autocomplete": "one-time-code",
    "autocapitalize": "off",
    "spellcheck": "false",
}


class CodeField(forms.CharField):
    """A one-time code without spaces or dashes, in lower case (backup codes are lower case)."""

    def to_python(self, value):
        return SEPARATORS.sub("", super().to_python(value)).lower()


class AppCodeForm(forms.Form):
    """The code that proves an authenticator app was set up with the key shown."""

    code = CodeField(
        label="6-digit code from the app",
        help_text="A new code appears in the app every 30 seconds.",
        max_length=20,
        validators=[RegexValidator(r"^\d{6}$", "Enter the 6 digits the app shows.")],
        error_messages={"required": "Enter the 6 digits the app shows."},
        widget=forms.TextInput(attrs={**CODE_WIDGET_ATTRS, "inputmode": "numeric"}),
    )


class SignInCodeForm(forms.Form):
    """The second step of signing in: an app code or one of the backup codes."""

    code = CodeField(
        label="Code",
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
        max_length=20,
        error_messages={"required": "Enter the code from your authenticator app."},
        widget=forms.TextInput(attrs={**CODE_WIDGET_ATTRS, "autofocus": True}),
    )
