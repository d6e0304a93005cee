"""RSS 2.0 feed of the latest articles, at <articles index>/feed/."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from clinic.site_settings import ClinicSettings

FEED_LENGTH = 20


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index_page):
        self.request = request
        return index_page

    def title(self, index_page):
        clinic = ClinicSettings.for_request(self.request)
        return f"{index_page.title} | {clinic.clinic_name}"

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def feed_url(self, index_page):
        # Django would build it from the request's host (the feed's atom:link "self").
        return index_page.get_full_url(self.request) + index_page.reverse_subpage("feed")

    def description(self, index_page):
        return ClinicSettings.for_request(self.request).reader_tagline or index_page.title

    def items(self, index_page):
        return index_page.articles()[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.meta_description

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_pubdate(self, article):
        return timezone.make_aware(datetime.combine(article.publication_date, time(9)))

    def item_categories(self, article):
        return [topic.reader_name for topic in article.topics.all()]
