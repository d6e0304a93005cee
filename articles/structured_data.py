"""Schema.org JSON-LD for search engines: the article as a MedicalWebPage (who wrote it, who
reviewed it and when, published by the clinic as a MedicalClinic), its FAQ and breadcrumbs.

Builders return plain dicts; `to_json_ld` serialises them so that no editor's text can close
the surrounding <script> element.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.translation import get_language
from wagtail.models import Site

from caching.site_urls import absolute_url

SCHEMA_CONTEXT = "https://schema.org"

# The same escapes as Django's json_script: "</script>" or "<!--" in a title stays inert.
JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def to_json_ld(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_LD_ESCAPES)


def article_schema(article, request, clinic):
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "MedicalWebPage",
        "headline": article.title,
        "name": article.seo_title or article.title,
        "description": article.meta_description,
        "url": article.get_full_url(request),
        # The language it is served in (its URL's), which is its own: no query for its locale.
        "inLanguage": get_language(),
        "datePublished": article.publication_date.isoformat(),
        "dateModified": modified_at(article).isoformat(),
        "author": [person_schema(author, request) for author in article.authors],
        "publisher": clinic_schema(clinic, request),
        "audience": {"@type": "Patient"},
    }
    if article.reviewer:
        data["reviewedBy"] = person_schema(article.reviewer, request)
    if article.last_reviewed:
        data["lastReviewed"] = article.last_reviewed.isoformat()
    citations = [citation_schema(source.value) for source in article.sources]
    if citations:
        data["citation"] = citations
    topics = [topic.reader_name for topic in article.topic_list]
    if topics:
        data["about"] = [{"@type": "Thing", "name": name} for name in topics]
    if article.hero_image:
        data["image"] = article.hero_image.get_rendition("fill-1200x630|format-jpeg").full_url
    return data


def modified_at(article):
    """When readers last saw a change: the last publication, else the publication date."""
    return (
        article.last_published_at
        or article.latest_revision_created_at
        or article.first_published_at
        or article.publication_date
    )


def citation_schema(source):
    """One of the article's sources as a CreativeWork."""
    data = {"@type": "CreativeWork", "name": source["title"]}
    if source.web_url:
        data["url"] = source.web_url
    if source["publisher"]:
        data["publisher"] = {"@type": "Organization", "name": source["publisher"]}
    if source["year"]:
        data["datePublished"] = str(source["year"])
    return data


def person_schema(clinician, request):
    data = {"@type": "Person", "name": clinician.name}
    if getattr(clinician, "page_url", ""):
        data["url"] = absolute_url(request, clinician.page_url)
    if clinician.credentials:
        data["honorificSuffix"] = clinician.credentials
    if clinician.reader_role:
        data["jobTitle"] = clinician.reader_role
    return data


def clinic_schema(clinic, request):
    data = {"@type": "MedicalClinic", "name": clinic.clinic_name}
    site = Site.find_for_request(request)
    if site is not None:
        data["url"] = site.root_page.get_full_url(request)
    if clinic.phone:
        data["telephone"] = clinic.phone
    if clinic.email:
        data["email"] = clinic.email
    if clinic.address_lines:
        data["address"] = ", ".join(clinic.address_lines)
    return data


def faq_schema(faq_items):
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": strip_tags(item["answer"].source)},
            }
            for item in faq_items
        ],
    }


def breadcrumb_schema(pages, request):
    """A BreadcrumbList from the home page down to (and including) the current page."""
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": page.title,
                "item": page.get_full_url(request),
            }
            for position, page in enumerate(pages, start=1)
        ],
    }
