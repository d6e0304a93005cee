"""The site search form."""

from django import forms

from clinic.forms import CleanTextField, strip_control_characters

MAX_QUERY_LENGTH = 100


class SearchForm(forms.Form):
    q = CleanTextField(required=False, max_length=MAX_QUERY_LENGTH, strip=True)
    # Set by the "Search instead for …" link, so the words are searched exactly as typed.
    exact = forms.BooleanField(required=False)

    def query(self):
        """The words searched for, whitespace tidied; "" for an empty search."""
        if not self.is_valid():
            # Longer than anyone types: search the first words rather than refuse.
            raw = strip_control_characters(str(self.data.get("q", "")))
            return " ".join(raw.split())[:MAX_QUERY_LENGTH].strip()
        return " ".join(self.cleaned_data["q"].split())

    def may_correct(self):
        """Whether a query that finds nothing may be replaced by its spelling correction."""
        self.is_valid()
        return not self.cleaned_data.get("exact", False)
