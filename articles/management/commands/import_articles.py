"""Import articles from a clinic's old site: `manage.py import_articles PATH [PATH ...]`.

Each Markdown (.md, .markdown) or plain-text (.txt) file becomes an ArticlePage under the
articles index (or --parent), as a draft (submitted to Medical review with --submit); a file
whose slug is already there updates that article. The articles.importers package reads and
writes; this prints the report.

Exit status: a batch where some files import and others are skipped succeeds (the report lists
the skipped files, and importing again after fixing them only updates what is there); it fails
only when files were skipped and none could be imported, so a wrong folder or format is loud.
"""

from django.core.management.base import BaseCommand, CommandError

from articles.importers import (
    SUPPORTED_SUFFIXES,
    Action,
    ParentPageError,
    expand_paths,
    import_article_file,
    resolve_parent,
)


class Command(BaseCommand):
    help = (
        "Import Markdown or plain-text articles as article pages: drafts, submitted to Medical "
        "review with --submit (articles go live only when a clinician approves them). "
        "Re-importing a file updates the article with the same slug."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help=f"Article files ({', '.join(SUPPORTED_SUFFIXES)}) or folders of them.",
        )
        parser.add_argument(
            "--parent",
            help="Id or slug of the articles index page to import into (default: the only one).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read the files and report what would be created or updated; write nothing.",
        )
        parser.add_argument(
            "--submit",
            action="store_true",
            help="Submit each article to Medical review; it goes live once a clinician approves.",
        )

    def handle(self, *args, paths, parent=None, dry_run=False, submit=False, **options):
        try:
            index = resolve_parent(parent)
        except ParentPageError as error:
            raise CommandError(str(error)) from error

        outcomes = []
        for path in expand_paths(paths):
            outcome = import_article_file(path, index, submit=submit, dry_run=dry_run)
            outcomes.append(outcome)
            self.stdout.write(self.report_line(outcome))

        self.stdout.write(summary_line(outcomes, dry_run))
        skipped = sum(not outcome.imported for outcome in outcomes)
        if skipped and skipped == len(outcomes):
            raise CommandError(f"No article could be imported: {skipped} skipped.")

    def report_line(self, outcome):
        separator = ": " if not outcome.imported else " → "
        line = f"{outcome.label} {outcome.source}{separator}{outcome.detail}"
        if outcome.notes:
            line += " [" + "; ".join(outcome.notes) + "]"
        if not outcome.imported:
            return self.style.WARNING(line)
        return line if outcome.dry_run else self.style.SUCCESS(line)


def summary_line(outcomes, dry_run):
    created = sum(outcome.action is Action.CREATED for outcome in outcomes)
    updated = sum(outcome.action is Action.UPDATED for outcome in outcomes)
    skipped = sum(not outcome.imported for outcome in outcomes)
    if dry_run:
        return (
            f"Dry run, nothing written: would create {created}, would update {updated}, "
            f"skipped {skipped}."
        )
    return f"Created {created}, updated {updated}, skipped {skipped}."
