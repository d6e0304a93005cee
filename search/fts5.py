"""Wagtail's SQLite FTS5 search backend, given only the words of a query.

Wagtail's backend puts each word of a query in double quotes as it is, so a word with a
quote of its own (`">`) was an FTS5 syntax error, answered with the "briefly unavailable"
page. Imported only on SQLite: the FTS5 index's model exists only there.
"""

import re

from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

# What FTS5's default tokenizer (unicode61) keeps of a text: runs of letters and digits.
# Everything else (quotes, brackets, "*", "-", "_", ":") separates words, and in a query is
# syntax.
FTS5_WORD = re.compile(r"[^\W_]+")


class FTS5SafeSearchBackend(SQLiteSearchBackend):
    """Wagtail's SQLite FTS5 backend, given only the words of a query: any text a person
    types is a search, never an FTS5 syntax error."""

    def search(self, query, model_or_queryset, **kwargs):
        return super().search(fts5_safe(query), model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        return super().autocomplete(fts5_safe(query), model_or_queryset, **kwargs)


def fts5_words(text):
    """The words FTS5 would index of `text`, space-separated: "back-pain\"" -> "back pain".
    The index holds only such words, so searching them finds what the text would.
    (A word of nothing but punctuation would otherwise become an empty phrase, which makes
    a whole query find nothing.)"""
    return " ".join(FTS5_WORD.findall(text))


def fts5_safe(query):
    """A query string with words only ("" finds nothing); query objects (which only code
    builds, never from a visitor's text) as they are."""
    return fts5_words(query) if isinstance(query, str) else query
