"""The site search form."""

from django import forms

from clinic.forms import CleanTextField

MAX_QUERY_LENGTH = 100


class SearchForm(forms.Form):
    q = CleanTextField(required=False, max_length=MAX_QUERY_LENGTH, strip=True)

    def query(self):
        """The words searched for, whitespace tidied; "" for an empty or invalid search."""
        if not self.is_valid():
            # Longer than anyone types: search the first words rather than refuse.
            raw = self.data.get("q", "")
            return " ".join(str(raw).split())[:MAX_QUERY_LENGTH].strip()
        return " ".join(self.cleaned_data["q"].split())
