from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import review_notices  # noqa: F401  (connects the review notices)
        from articles.models import Clinician, Topic
        from caching.signals import count_as_content

        count_as_content(Clinician, Topic)  # articles show them
