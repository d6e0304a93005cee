"""Every link is validated the same way wherever it is typed (clinic.links): web addresses are
http(s); links in text may also be mailto: or tel:, or addresses on this site."""

import pytest
from django.core.exceptions import ValidationError

from articles.blocks import SourceBlock
from clinic.blocks import ParagraphBlock
from clinic.links import is_safe_link, is_web_url
from clinic.models import StandardPage


@pytest.mark.parametrize(
    "url",
    [
        "https://www.nimh.nih.gov/",
        "http://example.org/a?b=c",
        "mailto:hello@example.org",
        "tel:+15035550199",
        "/contact/",
        "#sources",
        "",
    ],
)
def test_links_a_reader_can_follow_are_safe(url):
    assert is_safe_link(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "jav\tascript:alert(1)",
        " javascript:alert(1)",
        "javascript&colon;alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://example.org/file",
        "//evil.example/",
    ],
)
def test_links_that_run_code_or_leave_the_web_are_refused(url):
    assert not is_safe_link(url)
    assert not is_web_url(url)


def test_a_sources_link_must_be_a_web_address():
    block = SourceBlock()
    value = block.to_python({"title": "X", "publisher": "", "url": "javascript:alert(1)"})

    with pytest.raises(ValidationError):
        block.clean(value)


def test_a_paragraphs_links_are_checked():
    block = ParagraphBlock()

    with pytest.raises(ValidationError, match="Links must start with https://"):
        block.clean(block.to_python('<p><a href="data:text/html,x">Read</a></p>'))
    assert block.clean(block.to_python('<p><a href="mailto:a@example.org">Mail</a></p>'))


def test_clinic_settings_take_web_addresses_only(clinic_settings):
    clinic_settings.crisis_chat_url = "javascript:alert(1)"

    with pytest.raises(ValidationError) as error:
        clinic_settings.full_clean()

    assert "crisis_chat_url" in error.value.message_dict


def test_no_page_is_saved_with_an_unsafe_link_whatever_saves_it(demo_site):
    page = StandardPage.objects.get(slug="about")
    page.body = [{"type": "paragraph", "value": '<p><a href="javascript:alert(1)">x</a></p>'}]

    with pytest.raises(ValidationError):
        page.save()
