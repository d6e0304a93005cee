"""Form fields shared by every public form (the enquiry form, site search)."""

import re

from django import forms

# C0 and C1 control characters (tab and line feed are handled separately) and the Unicode
# bidirectional overrides, which can make a name display differently from what it is.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_control_characters(value, keep_line_breaks=False):
    # Browsers send line breaks as CRLF but count them as one character against maxlength;
    # normalising first keeps the server's length check in step with the browser's.
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not keep_line_breaks:
        value = value.replace("\n", " ").replace("\t", " ")
    return CONTROL_CHARACTERS.sub("", value)


class CleanTextField(forms.CharField):
    """A CharField that drops control characters before any other validation."""

    def __init__(self, *args, keep_line_breaks=False, **kwargs):
        self.keep_line_breaks = keep_line_breaks
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = strip_control_characters(value, keep_line_breaks=self.keep_line_breaks)
        return super().to_python(value)
