"""The article editor as an editor meets it: every body block previewed and described in the
block picker, help text on every field, one way to make a list, topics as checkboxes, and the
review fields the workflow fills shown read-only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from articles.models import ArticlePage
from clinic.block_migrations import ListsAsRichTextOperation
from clinic.blocks import ListBlock


def body_blocks():
    return ArticlePage._meta.get_field("body").stream_block.child_blocks.values()


def sources_block():
    return ArticlePage._meta.get_field("sources").stream_block.child_blocks["source"]


def fields_of(block):
    """The fields an editor fills in a block, however deep."""
    if isinstance(block, ImageBlock):
        yield block
    elif isinstance(block, blocks.StructBlock):
        for child in block.child_blocks.values():
            yield from fields_of(child) if has_fields(child) else [child]
    elif isinstance(block, blocks.ListBlock):
        yield from fields_of(block.child_block) if has_fields(block.child_block) else []
    else:
        yield block


def has_fields(block):
    # Wagtail's ImageBlock is a struct inside, but one chooser to the editor.
    return isinstance(block, (blocks.StructBlock, blocks.ListBlock)) and not isinstance(
        block, ImageBlock
    )


def help_text_of(block):
    field = getattr(block, "field", None)
    return (field.help_text if field is not None else "") or block.meta.help_text


@pytest.mark.parametrize("block", [*body_blocks(), sources_block()], ids=lambda b: b.name)
def test_every_block_has_a_description_a_preview_and_help_on_every_field(block):
    assert block.meta.description, block.name
    assert block.is_previewable, block.name
    for field in fields_of(block):
        assert help_text_of(field), f"{block.name}.{field.name}"


@pytest.mark.parametrize("block", [*body_blocks(), sources_block()], ids=lambda b: b.name)
def test_every_blocks_preview_renders_in_the_sites_style(admin_client, demo_site, block):
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/css/site.css" in html
    assert f"block-{block.name}" in html


def test_article_fields_have_help_text():
    for name in ("summary", "hero_image", "body", "sources", "topics", "publication_date"):
        assert ArticlePage._meta.get_field(name).help_text, name


def test_a_list_block_accepts_lists_and_refuses_other_text():
    block = ListBlock()

    assert block.clean(block.to_python("<ul><li>Rest</li><li>Move</li></ul><p></p>"))
    assert block.clean(block.to_python("<ol><li>First</li></ol>"))
    with pytest.raises(ValidationError, match="bulleted or numbered list"):
        block.clean(block.to_python("<p>Just a sentence.</p>"))
    with pytest.raises(ValidationError, match="bulleted or numbered list"):
        block.clean(block.to_python("<ul><li>Rest</li></ul><p>and a stray sentence</p>"))


def test_paragraphs_no_longer_make_lists():
    features = ArticlePage._meta.get_field("body").stream_block.child_blocks["paragraph"].features
    assert "ul" not in features and "ol" not in features


def test_old_list_blocks_and_lists_inside_paragraphs_become_list_blocks():
    old = [
        {"type": "list", "value": {"style": "numbered", "items": ["Rest", "A & B"]}, "id": "1"},
        {
            "type": "paragraph",
            "value": "<p>Before.</p><ul><li>One</li></ul><p>After.</p>",
            "id": "2",
        },
        {"type": "paragraph", "value": "<p>Untouched.</p>", "id": "3"},
    ]

    new = ListsAsRichTextOperation().apply(old)

    assert [(block["type"], block["value"]) for block in new] == [
        ("list", "<ol><li>Rest</li><li>A &amp; B</li></ol>"),
        ("paragraph", "<p>Before.</p>"),
        ("list", "<ul><li>One</li></ul>"),
        ("paragraph", "<p>After.</p>"),
        ("paragraph", "<p>Untouched.</p>"),
    ]
    assert new[1]["id"] == "2"  # the paragraph keeps its id (comments stay attached)
    assert len({block["id"] for block in new}) == len(new)


def test_topics_are_checkboxes_and_review_fields_are_read_only_for_editors(
    editor_client, make_article
):
    article = make_article(live=False)

    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content
    html = html.decode()

    assert 'type="checkbox" name="topics"' in html
    assert 'name="medical_reviewer"' not in html
    assert 'name="last_reviewed"' not in html
    assert 'name="next_review_due"' not in html
    assert "Reading grade" in html and "Flesch–Kincaid" in html
