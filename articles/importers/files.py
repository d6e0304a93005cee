"""Which files are articles, and reading one into a `ParsedArticle` with the parser its
extension picks."""

from pathlib import Path

from articles.importers.markdown_files import parse_markdown
from articles.importers.parsed import ArticleParseError
from articles.importers.plain_text import parse_plain_text

MARKDOWN_SUFFIXES = (".md", ".markdown")
PLAIN_TEXT_SUFFIXES = (".txt",)
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES + PLAIN_TEXT_SUFFIXES


def parse_article_file(name, data):
    """The article in `data` (a file's bytes); `name` picks the format by its extension."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ArticleParseError(
            f"unsupported file type {suffix or '(no extension)'}; use .md, .markdown or .txt"
        )
    text = decode_text(data)
    if suffix in MARKDOWN_SUFFIXES:
        return parse_markdown(text)
    return parse_plain_text(text)


def decode_text(data):
    if b"\x00" in data:
        raise ArticleParseError("not a text file")
    try:
        # utf-8-sig drops the byte-order mark Windows editors put at the start.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleParseError(
            f"not UTF-8 text (byte {error.start}); save the file as UTF-8"
        ) from error
    if not text.strip():
        raise ArticleParseError("the file is empty")
    return text


def expand_paths(paths):
    """Files to import: each path given, with folders replaced by the articles inside them."""
    files = []
    for given in map(Path, paths):
        found = sorted(articles_in_folder(given)) if given.is_dir() else []
        # A folder with nothing to import stays in the list, to be reported as skipped.
        files.extend(found or [given])
    return files


def articles_in_folder(folder):
    return (
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() in SUPPORTED_SUFFIXES
        and not path.name.startswith(".")
    )


def read_file(path):
    if path.is_dir():
        raise ArticleParseError("a folder with no .md, .markdown or .txt files")
    try:
        return path.read_bytes()
    except FileNotFoundError as error:
        raise ArticleParseError("file not found") from error
    except OSError as error:
        raise ArticleParseError(f"cannot read the file ({error.strerror})") from error
