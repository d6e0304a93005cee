"""Spreadsheet exports from the admin: a cell a spreadsheet would run as a formula is shown
as text (OWASP "CSV injection"). Every admin view with a CSV or XLSX export uses
`FormulaSafeExportMixin`, whatever it exports: enquiries, reports, articles."""

# Characters that make a spreadsheet treat a cell as a formula. A phone number from abroad
# ("+44 20 …") gets the quote too: it keeps the cell text (the clinic's own country's numbers
# are exported in national format, "(503) 555-0199", which needs none).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Prefix a quote so a spreadsheet shows the text instead of running it."""
    if not isinstance(value, str) or not value.startswith(FORMULA_TRIGGERS):
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
