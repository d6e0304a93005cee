"""Markdown with optional YAML front matter (title, date, summary, topics, slug) read into a
`ParsedArticle`."""

from datetime import date, datetime

import frontmatter
import markdown
import yaml
from django.utils.text import slugify

from articles.importers.html_blocks import blocks_from_nodes, contains_tag, html_nodes
from articles.importers.parsed import (
    ArticleParseError,
    collapse_whitespace,
    finish_article,
    heading_block,
    parse_date,
    same_text,
)
from articles.importers.sources import split_sources
from articles.models import Topic

TOPIC_NAME_LIMIT = Topic._meta.get_field("name").max_length


def parse_markdown(text):
    """Front matter (title, date, summary, topics, slug) and a Markdown body."""
    metadata, content = read_front_matter(text)
    notes = []
    # sane_lists keeps a numbered list that follows a bulleted one a list of its own.
    nodes = html_nodes(markdown.markdown(content, extensions=["sane_lists"]))
    nodes, sources = split_sources(nodes, notes)
    blocks = blocks_from_nodes(nodes, notes)
    title = metadata_text(metadata, "title")
    title, blocks = title_from_first_h1(title, blocks)
    if contains_tag(nodes, "img"):
        notes.append("images are not imported; add them in the editor")
    return finish_article(
        title=title,
        slug=slugify(metadata_text(metadata, "slug")) or slugify(title),
        publication_date=front_matter_date(metadata.get("date")),
        summary=metadata_text(metadata, "summary"),
        topics=front_matter_topics(metadata.get("topics")),
        blocks=blocks,
        sources=sources,
        notes=notes,
    )


def read_front_matter(text):
    try:
        return frontmatter.parse(text)
    except (yaml.YAMLError, ValueError, TypeError) as error:
        # Only the first line of YAML's message: the rest repeats the file's text.
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ArticleParseError(f"bad front matter: {reason}") from error


def metadata_text(metadata, key):
    value = metadata.get(key)
    return collapse_whitespace(str(value)) if value is not None else ""


def front_matter_date(value):
    if value is None or value == "":
        return None
    # YAML reads 2022-11-09 as a date (and with a time, as a datetime) by itself.
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    parsed = parse_date(str(value))
    if parsed is None:
        raise ArticleParseError(f'bad front matter date "{value}"; write it as 2022-11-09')
    return parsed


def front_matter_topics(value):
    """Topic names from a YAML list or a comma-separated string, each once."""
    if value is None:
        return ()
    names = value.split(",") if isinstance(value, str) else value
    if not isinstance(names, list):
        raise ArticleParseError("front matter topics must be a list of names")
    topics = []
    for name in (collapse_whitespace(str(name)) for name in names):
        if not name or any(same_text(name, seen) for seen in topics):
            continue
        if len(name) > TOPIC_NAME_LIMIT or not slugify(name):
            raise ArticleParseError(f'topic "{name[:TOPIC_NAME_LIMIT]}" is not a usable name')
        topics.append(name)
    return tuple(topics)


def title_from_first_h1(title, blocks):
    """The title, and the blocks with h1 headings made section headings (h1 is the page title).

    Without a front-matter title the first h1 is the title; an h1 that repeats the title is
    dropped rather than shown twice.
    """
    remaining = []
    for block in blocks:
        if block["type"] != "heading" or block["value"]["level"] != "h1":
            remaining.append(block)
            continue
        text = block["value"]["text"]
        if not title:
            title = text
        elif not same_text(text, title):
            remaining.append(heading_block(text, "h2"))
    return title, remaining
