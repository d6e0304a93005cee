from django.db import models


class ContentVersion(models.Model):
    """The row that holds the content version (there is only ever the one):
    caching/content_version.py. Its table keeps the name it had when the model was the
    clinic app's."""

    value = models.BigIntegerField()

    class Meta:
        db_table = "clinic_contentversion"
        verbose_name = "content version"

    def __str__(self):
        return str(self.value)
