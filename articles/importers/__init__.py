"""Import articles from a clinic's old site (Markdown or plain text) as article pages; the
names `manage.py import_articles` uses, re-exported from the modules that hold them."""

from articles.importers.files import SUPPORTED_SUFFIXES, expand_paths, parse_article_file
from articles.importers.parsed import ArticleParseError, ParsedArticle
from articles.importers.writer import (
    Action,
    ImportOutcome,
    ParentPageError,
    import_article_file,
    resolve_parent,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Action",
    "ArticleParseError",
    "ImportOutcome",
    "ParentPageError",
    "ParsedArticle",
    "expand_paths",
    "import_article_file",
    "parse_article_file",
    "resolve_parent",
]
