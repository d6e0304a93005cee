"""Moving the test database back to a migration and forward again, for the tests of data
migrations (transactional tests: a migration commits)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(target):
    """The database at `target` (app, migration name); the apps as they were then."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def migrate_to_the_latest():
    """Every app's last migration, as `migrate` leaves a database."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
