"""Template helpers of the treatments app: a treatment page's structured data."""

from django import template

from articles.templatetags.article_tags import structured_data_scripts
from treatments.structured_data import treatment_schema

register = template.Library()


@register.simple_tag(takes_context=True)
def treatment_structured_data(context, page):
    """JSON-LD <script> elements: the page and its therapy, its breadcrumbs and FAQ (if any)."""
    return structured_data_scripts(context, page, treatment_schema)
