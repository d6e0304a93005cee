"""Spreadsheet exports from the admin: a cell a spreadsheet would run as a formula is shown
as text (OWASP "CSV injection"). Every admin view with a CSV or XLSX export uses
`FormulaSafeExportMixin`, whatever it exports: enquiries, reports, articles."""

import re

# Characters that make a spreadsheet treat a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A phone number as stored (E.164) starts with "+" but runs nothing: a quote would only
# spoil the call list. ASCII digits only, and the whole value (no trailing newline).
E164_NUMBER = re.compile(r"\+[0-9]{6,15}")


def neutralise_formula(value):
    """Prefix a quote so a spreadsheet shows the text instead of running it."""
    if not isinstance(value, str) or not value.startswith(FORMULA_TRIGGERS):
        return value
    if E164_NUMBER.fullmatch(value):
        return value
    return "'" + value


class FormulaSafeExportMixin:
    """For admin views with Wagtail's spreadsheet export (`SpreadsheetExportMixin`): CSV
    cells a spreadsheet would run are neutralised.

    Wagtail's XLSX writer already stores what openpyxl takes for a formula as text (the
    tests of each export check it still does); CSV has no cell types, so the quote is ours.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value
