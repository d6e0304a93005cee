"""Every link on the site is validated the same way, wherever it is typed: a web address is
http(s); a link in text may also be mailto: or tel:, or an address on this site ("/…", "#…").
Anything else (javascript:, data:, vbscript:, ftp:…) never reaches a page, its JSON-LD or a
setting.

- `validate_web_url`: for URL fields and blocks (Sources, Clinic settings' addresses);
- `is_safe_link`: for rich-text links and wagtail-localize's translation overrides;
- `refuse_unsafe_links`: the same check on every page saved, whatever wrote it (the editor's
  forms check first, so this is what stops a path that does not: a translation's overrides,
  an import, code).
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

WEB_SCHEMES = ("http", "https")
LINK_SCHEMES = (*WEB_SCHEMES, "mailto", "tel")
UNSAFE_LINK = "Links must start with https:// or http:// (or mailto: or tel: in text): {url}"
# What browsers ignore inside a scheme ("jav\tascript:"), as Wagtail's own check strips it.
IGNORED_CHARACTERS = re.compile(r"[`\x00-\x20\x7f-\xa0\s\ufffd]+")
HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)

validate_web_url = URLValidator(
    schemes=WEB_SCHEMES, message="Enter a web address starting with https:// or http://."
)


def scheme_of(url):
    """The scheme a browser would read from `url` ("" for an address on this site)."""
    cleaned = IGNORED_CHARACTERS.sub("", str(url)).lower()
    for entity, character in (("&colon;", ":"), ("&#58;", ":"), ("&#x3a;", ":")):
        cleaned = cleaned.replace(entity, character)
    if cleaned.startswith(("/", "#", "?")) or ":" not in cleaned:
        return ""
    return urlsplit(cleaned).scheme or cleaned.split(":", 1)[0]


def is_safe_link(url, schemes=LINK_SCHEMES):
    if not str(url).strip():
        return True
    scheme = scheme_of(url)
    if scheme == "":
        return not str(url).strip().startswith("//")  # another site, whatever its scheme
    return scheme in schemes


def is_web_url(url):
    """A full http(s) address, or nothing."""
    if not str(url).strip():
        return True
    try:
        validate_web_url(url)
    except ValidationError:
        return False
    return True


def links_in_html(html):
    for match in HREF.finditer(str(html or "")):
        yield match.group(1) if match.group(1) is not None else match.group(2)


def unsafe_links_in_block(block, value):
    """The unsafe links in one StreamField block's value, at any depth."""
    if value is None:
        return
    if isinstance(block, blocks.URLBlock):
        if not is_web_url(value):
            yield value
    elif isinstance(block, blocks.RichTextBlock):
        yield from (url for url in links_in_html(value.source) if not is_safe_link(url))
    elif isinstance(block, blocks.StructBlock) and isinstance(value, blocks.StructValue):
        for name, child in block.child_blocks.items():
            yield from unsafe_links_in_block(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from unsafe_links_in_block(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from unsafe_links_in_block(child.block, child.value)


def unsafe_links(instance, update_fields=None):
    """{field name: [unsafe links]} of `instance`'s StreamFields, rich text and URL fields
    (those of `update_fields` only, when given)."""
    found = {}
    for field in instance._meta.concrete_fields:
        if update_fields is not None and field.name not in update_fields:
            continue
        value = getattr(instance, field.attname, None)
        if isinstance(field, StreamField):
            bad = list(unsafe_links_in_block(field.stream_block, value))
        elif isinstance(field, RichTextField):
            bad = [url for url in links_in_html(value) if not is_safe_link(url)]
        elif isinstance(field, models.URLField):
            bad = [] if is_web_url(value or "") else [value]
        else:
            continue
        if bad:
            found[field.name] = bad
    return found


@receiver(pre_save)
def refuse_unsafe_links(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    found = unsafe_links(instance, update_fields)
    if found:
        raise ValidationError(
            {
                name: [UNSAFE_LINK.format(url=str(url)[:80]) for url in urls]
                for name, urls in found.items()
            }
        )


def override_refusal(original, value):
    """Why a translation's override `value` of the source's `original` is refused, or None.
    wagtail-localize offers overrides of links (a URL block, a link in text, an embed), of
    email addresses and of chosen pages or images (their ids): each keeps its kind."""
    if isinstance(original, int):
        return None if str(value).strip().isdigit() else "Choose another item by its number."
    if not isinstance(original, str):
        return None
    if "@" in original and ":" not in original:
        return (
            None
            if re.fullmatch(r"[^@\s:]+@[^@\s:]+", str(value).strip())
            else ("Enter an email address.")
        )
    if scheme_of(original) or original.startswith(("/", "#")):
        return None if is_safe_link(value) else UNSAFE_LINK.format(url=str(value)[:80])
    return None
