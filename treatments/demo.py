"""Demo content of the treatments app, built by `manage.py setup_demo` after the articles'
demo (whose clinicians, topics, groups and Medical review workflow it uses): the Treatments
index, in the menu, and a page per demo_assets/treatments/*.toml file of the articles app.

Created once, then left as editors leave it."""

import tomllib

from wagtail.models import Page

from articles import demo as articles_demo
from articles.models import ArticleIndexPage, Clinician, Topic
from articles.review import publish_reviewed
from clinic.translations import guard_like_original
from treatments.models import TreatmentAuthor, TreatmentIndexPage, TreatmentPage

INDEX_FILE = articles_demo.DEMO_ASSETS / "treatments-index.toml"
TREATMENTS_DIR = articles_demo.DEMO_ASSETS / "treatments"


def build(home):
    index = ensure_index_page(home)
    clinicians = {
        key: Clinician.objects.get(name=data["name"])
        for key, data in articles_demo.CLINICIANS.items()
    }
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    pages = {page.slug: page for page in Page.objects.child_of(home)}
    for spec in treatment_specs():
        ensure_treatment(index, spec, topics, clinicians, pages)
    guard_like_the_articles(index)


def ensure_index_page(home):
    """Create the index once, in the menu; later runs leave it as editors left it."""
    index = TreatmentIndexPage.objects.child_of(home).first()
    if index is not None:
        return index
    spec = tomllib.loads(INDEX_FILE.read_text(encoding="utf-8"))
    index = TreatmentIndexPage(
        title=spec["title"],
        slug=spec["slug"],
        intro=articles_demo.collapse_whitespace(spec["intro"]),
        show_in_menus=True,
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def treatment_specs():
    paths = sorted(TREATMENTS_DIR.glob("*.toml"))
    return [tomllib.loads(path.read_text(encoding="utf-8")) for path in paths]


def ensure_treatment(index, spec, topics, clinicians, pages):
    """Create the page once, published as its reviewer approved it (the only way a treatment
    page goes live); later runs leave it as editors left it."""
    existing = TreatmentPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    data = spec.get("structured_data", {})
    page = TreatmentPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=articles_demo.collapse_whitespace(spec["summary"]),
        key_points=articles_demo.key_points_blocks(spec),
        body=[articles_demo.resolve_block(block, {}, pages) for block in spec["body"]],
        sources=[articles_demo.source_block(source) for source in spec.get("sources", [])],
        topics=[topics[slug] for slug in spec["topics"]],
        authorships=[TreatmentAuthor(clinician=clinicians[key]) for key in spec["authors"]],
        medical_reviewer=clinicians[spec["medical_reviewer"]],
        publication_date=spec["publication_date"],
        last_reviewed=articles_demo.last_reviewed(spec),
        enquiry_topic=spec.get("enquiry_topic", ""),
        therapy_name=data.get("therapy", ""),
        conditions=[{"type": "condition", "value": name} for name in data.get("conditions", [])],
        drugs=[{"type": "drug", "value": drug} for drug in data.get("drugs", [])],
        live=False,
    )
    index.add_child(instance=page)
    publish_reviewed(page, page.medical_reviewer, reviewed_on=page.last_reviewed)
    return page


def guard_like_the_articles(index):
    """The Treatments section is guarded as the articles are: by the same Medical review
    workflow, with the same rights for editors and reviewers."""
    articles_index = ArticleIndexPage.objects.sibling_of(index).first()
    if articles_index is not None:
        guard_like_original(articles_index, index)
