"""Wagtail's database search backend, reading each page in its own language on PostgreSQL.

PostgreSQL stems words with one text-search configuration per backend ("english" by default),
which leaves Spanish pages half-searchable: "caminando" never finds "caminar". Here each page is
indexed with its own language's configuration (SEARCH_CONFIG for the default language,
LANGUAGE_CONFIGS for the others), and a query is stemmed in every one of them, so it meets
each page however that page was stemmed. The public search also keeps to the reader's
language (search.results.live_pages); the admin's search, across languages, works the same way.

On SQLite, Wagtail's FTS5 backend puts each word of a query in double quotes as it is, so a
word with a quote of its own (`">`) made an FTS5 syntax error, and the visitor got the
"briefly unavailable" page: `search.fts5.FTS5SafeSearchBackend` hands it only what FTS5's
tokenizer would keep of the query anyway. MySQL gets Wagtail's database backend unchanged.
"""

import copy
import operator
from functools import reduce
from itertools import groupby

from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.models import Locale


def SearchBackend(params):  # noqa: N802 - Wagtail looks a backend up by this name
    if connection.vendor == "postgresql":
        return LanguageAwarePostgresSearchBackend(params)
    backend = DatabaseSearchBackend(params)  # SQLite's FTS5 where it has it, as Wagtail picks
    if connection.vendor == "sqlite":
        from search import fts5  # its models exist only on SQLite

        if isinstance(backend, fts5.SQLiteSearchBackend):
            return fts5.FTS5SafeSearchBackend(params)
    return backend


class LanguageAwarePostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        # The indexer takes its configuration from the backend: each language's objects go
        # through a copy of this index whose backend carries that language's configuration.
        languages = dict(Locale.objects.values_list("pk", "language_code"))

        def config_of(obj):
            return self.backend.config_for(languages.get(getattr(obj, "locale_id", None)))

        for config, group in groupby(sorted(objs, key=config_of), key=config_of):
            index = copy.copy(self)
            index.backend = copy.copy(self.backend)
            index.backend.config = config
            super(LanguageAwarePostgresIndex, index).add_items(model, list(group))


class LanguageAwareQueryCompiler(PostgresSearchQueryCompiler):
    def search(self, config, start, stop, score_field=None, backend=None):
        self.query_configs = backend.configs_to_stem_a_query_in(config)
        return super().search(config, start, stop, score_field=score_field, backend=backend)

    def build_tsquery(self, query, config=None):
        stemmed = [self.build_tsquery_content(query, config=each) for each in self.query_configs]
        stemmed = [each for each in stemmed if each is not None]  # None: no words (e.g. "-")
        return reduce(operator.or_, stemmed) if stemmed else None


class LanguageAwarePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageAwareQueryCompiler
    index_class = LanguageAwarePostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or "english"
        self.language_configs = params.get("LANGUAGE_CONFIGS", {})
        self.every_config = sorted({self.config, *self.language_configs.values()})

    def configs_to_stem_a_query_in(self, config):
        """Every language's configuration for a full-text query; `config` alone for any other
        (autocompletion has a compiler of its own, with the "simple" configuration)."""
        return self.every_config if config == self.config else [config]

    def config_for(self, language_code):
        """The text-search configuration for an object in `language_code` (None: no language,
        as for images and documents)."""
        return self.language_configs.get(language_code, self.config)
