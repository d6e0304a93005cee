"""Template helpers of the articles app: structured data and the latest articles."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from articles import structured_data
from articles.models import ArticleIndexPage, ArticlePage
from clinic.languages import page_in_current_language
from clinic.site_settings import ClinicSettings
from clinic.templatetags.navigation_tags import breadcrumb_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def article_structured_data(context, article):
    """JSON-LD <script> elements: the MedicalWebPage, its breadcrumbs and FAQ (if any)."""
    return structured_data_scripts(context, article, structured_data.article_schema)


def structured_data_scripts(context, page, page_schema):
    """The JSON-LD of a medical page: `page_schema(page, request, clinic)`, its breadcrumbs and
    its FAQ (if any), as <script> elements."""
    request = context["request"]
    clinic = ClinicSettings.for_request(request)
    trail = [*breadcrumb_pages(context, page), page]
    documents = [
        page_schema(page, request, clinic),
        structured_data.breadcrumb_schema(trail, request),
    ]
    faq_items = page.faq_items()
    if faq_items:
        documents.append(structured_data.faq_schema(faq_items))
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        ((mark_safe(structured_data.to_json_ld(document)),) for document in documents),  # noqa: S308
    )


@register.simple_tag
def latest_articles(count=3):
    """The newest articles in the language being read."""
    return list(ArticlePage.objects.listing().in_current_language()[:count])


@register.simple_tag
def articles_index():
    return page_in_current_language(ArticleIndexPage.objects.live())
