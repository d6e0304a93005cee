"""Demo content of the articles app, built by `manage.py setup_demo`: the article index, topics,
clinicians, original articles (text in demo_assets/articles/*.toml), the editorial groups and
the medical review workflow.

Everything is created once and then left as editors leave it, so running it again changes
nothing. Every text is our own and every person fictional.
"""

import math
import tomllib
from collections import defaultdict
from datetime import timedelta
from io import BytesIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from articles.importers.parsed import html_to_text
from articles.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    Clinician,
    ClinicianAccount,
    MedicalPage,
    MedicalReviewTask,
    Topic,
)
from articles.review import publish_reviewed
from clinic.demo import ensure_standard_page
from clinic.site_settings import ClinicSettings

DEMO_ASSETS = Path(__file__).resolve().parent / "demo_assets"
ARTICLES_DIR = DEMO_ASSETS / "articles"
EDITORIAL_POLICY = DEMO_ASSETS / "editorial-policy.toml"

INDEX = {
    "slug": "articles",
    "title": "Articles",
    "intro": (
        "<p>Plain-language guides to chronic pain, mental health and their treatment, written "
        "by our clinicians and checked by a second clinician before they are published.</p>"
    ),
}

TOPICS = [
    {
        "slug": "chronic-pain",
        "name": "Chronic pain",
        "description": "Pain that lasts three months or longer: causes, coping and recovery.",
        "name_spanish": "Dolor crónico",
        "description_spanish": (
            "El dolor que dura tres meses o más: causas, cómo sobrellevarlo y recuperación."
        ),
    },
    {
        "slug": "mental-health",
        "name": "Mental health",
        "description": "Depression, anxiety, stress and sleep, and how they affect the body.",
        "name_spanish": "Salud mental",
        "description_spanish": "Depresión, ansiedad, estrés y sueño, y cómo afectan al cuerpo.",
    },
    {
        "slug": "treatment-options",
        "name": "Treatment options",
        "description": "What treatments involve, what the evidence says and how to choose.",
        "name_spanish": "Opciones de tratamiento",
        "description_spanish": (
            "En qué consisten los tratamientos, qué dice la evidencia y cómo elegir."
        ),
    },
]

# Keyed by the names the article files use for authors and reviewers.
CLINICIANS = {
    "farrow": {
        "name": "Imogen Farrow",
        "slug": "imogen-farrow",
        "credentials": "MD",
        "role": "Pain physician and medical director",
        "specialty": "Pain medicine",
        "bio": (
            "Dr. Farrow trained in internal medicine and pain medicine and has cared for people "
            "with long-lasting pain for nearly twenty years. She founded Willowmere so that pain "
            "and mood could be treated by one team, with time to listen."
        ),
        "role_spanish": "Médica especialista en dolor y directora médica",
        "specialty_spanish": "Medicina del dolor",
        "bio_spanish": (
            "La Dra. Farrow se formó en medicina interna y en medicina del dolor, y lleva casi "
            "veinte años atendiendo a personas con dolor de larga duración. Fundó Willowmere "
            "para que un mismo equipo tratara el dolor y el ánimo, con tiempo para escuchar."
        ),
        "colors": ((214, 228, 220), (120, 160, 145)),
    },
    "ellery": {
        "name": "Marcus Ellery",
        "slug": "marcus-ellery",
        "credentials": "PMHNP-BC",
        "role": "Psychiatric nurse practitioner",
        "specialty": "Psychiatry: depression, anxiety and PTSD",
        "bio": (
            "Marcus is a board-certified psychiatric-mental health nurse practitioner. He treats "
            "depression, anxiety and PTSD, often alongside chronic pain, and sees patients in "
            "person and by video."
        ),
        "role_spanish": "Enfermero practicante en psiquiatría",
        "specialty_spanish": "Psiquiatría: depresión, ansiedad y TEPT",
        "bio_spanish": (
            "Marcus es enfermero practicante en psiquiatría y salud mental, con certificación "
            "nacional. Trata la depresión, la ansiedad y el TEPT, a menudo junto con el dolor "
            "crónico, y atiende a pacientes en persona y por video."
        ),
        "colors": ((226, 222, 238), (132, 128, 176)),
    },
    "pryce": {
        "name": "Rowan Pryce",
        "slug": "rowan-pryce",
        "credentials": "PsyD",
        "role": "Clinical psychologist",
        "specialty": "Clinical psychology: CBT for pain and insomnia (CBT-I)",
        "bio": (
            "Dr. Pryce is a licensed clinical psychologist who helps people live well with "
            "long-lasting pain and poor sleep. Rowan leads our pain coping and sleep programs "
            "and trains our team in talking therapies."
        ),
        "role_spanish": "Especialista en psicología clínica",
        "specialty_spanish": "Psicología clínica: TCC para el dolor y el insomnio (TCC-I)",
        "bio_spanish": (
            "Rowan Pryce es especialista en psicología clínica, con licencia, y ayuda a las "
            "personas a vivir bien con el dolor de larga duración y con el mal dormir. Dirige "
            "nuestros programas para sobrellevar el dolor y dormir mejor, y forma a nuestro "
            "equipo en terapias de conversación."
        ),
        "colors": ((238, 230, 214), (170, 140, 96)),
    },
}

EDITORS = "Editors"
MEDICAL_REVIEWERS = "Medical reviewers"
WORKFLOW_NAME = "Medical review"
# Editors write and submit; only medical reviewers publish, through the workflow or directly.
PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page"),
    MEDICAL_REVIEWERS: ("change_page", "publish_page"),
}
IMAGE_PERMISSIONS = ("add_image", "choose_image", "change_image")
# Reviewers may move the next review date; for editors the workflow sets it.
ARTICLE_PERMISSIONS = {EDITORS: (), MEDICAL_REVIEWERS: ("change_review_due_date",)}
# Clinicians and topics change through Medical review: reviewers may publish them, which its
# approval does as the approver (nobody publishes them by hand: the editor offers no Publish).
SNIPPET_ACTIONS = {
    EDITORS: ("add", "change", "view"),
    MEDICAL_REVIEWERS: ("add", "change", "view", "publish"),
}
# Clinicians who review articles, each given a staff account in "Medical reviewers" linked to
# their Clinician: approving then records them as the reviewer, and each is sent the notice
# of a submitted article.
REVIEWER_CLINICIANS = ("Imogen Farrow", "Marcus Ellery", "Rowan Pryce")
STAFF_EMAIL_DOMAIN = "example.com"


def build(home):
    """Called by setup_demo after clinic.demo (home, About) and before intake.demo (Contact)."""
    index = ensure_index_page(home)
    clinicians = {key: ensure_clinician(data) for key, data in CLINICIANS.items()}
    publish_new_profiles(clinicians)
    topic_reviewer = clinicians["farrow"]
    topics = {topic.slug: topic for topic in (ensure_topic(t, topic_reviewer) for t in TOPICS)}
    images = {key: ensure_image(title, draw) for key, (title, draw) in ARTICLE_IMAGES.items()}
    pages = {page.slug: page for page in Page.objects.child_of(home)} | {"articles": index}
    pages = defaultdict(lambda: index, pages)  # a slug an editor changed: link to the index
    for spec in article_specs():
        ensure_article(index, spec, topics, clinicians, images, pages)
    ensure_editorial_policy(home, images, pages)
    groups = {name: ensure_group(name, index) for name in PAGE_PERMISSIONS}
    ensure_reviewer_accounts(groups[MEDICAL_REVIEWERS])
    ensure_review_workflow(index, groups[MEDICAL_REVIEWERS])


# --- Pages, topics and clinicians -----------------------------------------------------------


def ensure_index_page(home):
    """Create the index once; on later runs leave it as editors left it (even if renamed)."""
    index = ArticleIndexPage.objects.child_of(home).first()
    if index is not None:
        return index
    index = home.add_child(instance=ArticleIndexPage(show_in_menus=True, **INDEX))
    index.save_revision().publish()
    return index


def ensure_topic(data, reviewer):
    """The topic with this slug or name, created if neither exists; editors' wording stays.
    A new topic is published as `reviewer` approved it: topics go live only through review."""
    topic = (
        Topic.objects.filter(slug=data["slug"]).first()
        or Topic.objects.filter(name=data["name"]).first()
    )
    if topic is None:
        topic = Topic(**data, live=False)
        topic.save()
        publish_reviewed(topic, reviewer)
        return topic
    return with_spanish_texts(topic, data, reviewer)


def ensure_clinician(data):
    """The clinician of this name; a new one is saved as a draft, published by
    publish_new_profiles once every demo clinician exists to review another's profile."""
    clinician = Clinician.objects.filter(name=data["name"]).first()
    if clinician is not None:
        return clinician
    fields = {key: value for key, value in data.items() if key != "colors"}
    photo = ensure_image(
        f"{data['name']} (portrait placeholder)",
        lambda: draw_initials_portrait(initials(data["name"]), *data["colors"]),
    )
    clinician = Clinician(photo=photo, live=False, **fields)
    clinician.save()
    return clinician


def publish_new_profiles(clinicians):
    """Each demo clinician's profile approved by the next one (nobody approves their own), and
    the demo's Spanish texts given to a profile made before it had them."""
    people = list(clinicians.values())
    for number, (key, clinician) in enumerate(clinicians.items()):
        reviewer = people[(number + 1) % len(people)]
        if not clinician.live and clinician.live_revision_id is None:
            publish_reviewed(clinician, reviewer)
        else:
            with_spanish_texts(clinician, CLINICIANS[key], reviewer)


def with_spanish_texts(obj, data, reviewer):
    """`obj` with the demo's Spanish texts in those of its Spanish fields still empty (a site
    set up before the Spanish version gains them; anything an editor wrote stays), published
    as `reviewer` approved them."""
    empty = [
        name for name, value in data.items() if name.endswith("_spanish") and not getattr(obj, name)
    ]
    for name in empty:
        setattr(obj, name, data[name])
    if empty and obj.live:
        publish_reviewed(obj, reviewer)
    elif empty:
        obj.save(update_fields=empty)
    return obj


def initials(name):
    return "".join(part[0] for part in name.split()[:2]).upper()


# --- Articles -------------------------------------------------------------------------------


def article_specs():
    """The demo articles, oldest first, as written in demo_assets/articles/."""
    paths = sorted(ARTICLES_DIR.glob("*.toml"))
    return [tomllib.loads(path.read_text(encoding="utf-8")) for path in paths]


def ensure_article(index, spec, topics, clinicians, images, pages):
    """Create the article once, published; on later runs leave it as editors left it."""
    existing = ArticlePage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    hero_key = spec.get("hero_image")
    page = ArticlePage(
        title=spec["title"],
        slug=spec["slug"],
        summary=collapse_whitespace(spec["summary"]),
        key_points=key_points_blocks(spec),
        hero_image=images[hero_key] if hero_key else None,
        hero_image_alt=spec.get("hero_image_alt", ""),
        body=[resolve_block(block, images, pages) for block in spec["body"]],
        sources=[source_block(source) for source in spec.get("sources", [])],
        topics=[topics[slug] for slug in spec["topics"]],
        authorships=[ArticleAuthor(clinician=clinicians[key]) for key in spec["authors"]],
        medical_reviewer=clinicians[spec["medical_reviewer"]],
        publication_date=spec["publication_date"],
        last_reviewed=last_reviewed(spec),
        live=False,
    )
    index.add_child(instance=page)
    # Published as its reviewer approved it: an article goes live only that way.
    publish_reviewed(page, page.medical_reviewer, reviewed_on=page.last_reviewed)
    return page


def last_reviewed(spec):
    """Relative to today, so that only the page meant to fall due does, whenever the demo is
    built; never before the page was published. A page is reviewed after everything it says:
    one whose text changed lately is reviewed on the day the demo is built
    (`reviewed_days_ago = 0`), since an earlier date would vouch for advice nobody reviewed."""
    reviewed = timezone.localdate() - timedelta(days=spec["reviewed_days_ago"])
    return max(reviewed, spec["publication_date"])


def resolve_block(block, images, pages):
    """A StreamField block in its stored JSON form: names of images and pages become ids."""
    value = collapse_whitespace(block["value"])
    if block["type"] == "image":
        image = {"image": images[value["image"]].pk, "alt_text": value["alt_text"]}
        value = {"image": {**image, "decorative": False}, "caption": value.get("caption", "")}
    elif block["type"] == "call_to_action":
        value = {**value, "page": pages[value["page"]].pk}
    elif block["type"] == "callout" and "tier" in value:
        return urgency_block(value)
    return {"type": block["type"], "value": value}


def urgency_block(value):
    """A box the file marks with an urgency `tier` as the urgency block, whose label and
    colour come with the tier (the file's `urgency` and `label` say the same thing)."""
    return {
        "type": "urgency",
        "value": {"tier": value["tier"], "heading": value["heading"], "text": value["text"]},
    }


def key_points_blocks(spec):
    """The file's `key_points` in their stored JSON form."""
    return [{"type": "point", "value": point} for point in spec.get("key_points", [])]


def source_block(source):
    """A Sources entry in its stored JSON form (dates as ISO text)."""
    value = collapse_whitespace(source)
    if "accessed" in value:
        value["accessed"] = value["accessed"].isoformat()
    return {"type": "source", "value": value}


def collapse_whitespace(value):
    """Texts are wrapped in the TOML files for reading; stored, they are one line each."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [collapse_whitespace(item) for item in value]
    if isinstance(value, dict):
        return {key: collapse_whitespace(item) for key, item in value.items()}
    return value


def ensure_editorial_policy(home, images, pages):
    """The editorial policy page, which every byline links to (through Clinic settings)."""
    spec = tomllib.loads(EDITORIAL_POLICY.read_text(encoding="utf-8"))
    data = {
        "slug": spec["slug"],
        "title": spec["title"],
        "intro": html_to_text(spec["intro"]),
        "body": [resolve_block(block, images, pages) for block in spec["body"]],
    }
    page = ensure_standard_page(home, data, show_in_menus=False)
    clinic_settings = ClinicSettings.for_site(home.get_site())
    if clinic_settings.editorial_policy_page_id is None:
        clinic_settings.editorial_policy_page = page
        clinic_settings.save(update_fields=["editorial_policy_page"])
    return page


# --- Groups and workflow --------------------------------------------------------------------


def ensure_group(name, index):
    """An editorial group with admin access, its rights on the article index, images in the
    root collection, and topics and clinicians. Never any intake (enquiry) permission."""
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(admin_access_permission(), *snippet_permissions(name))
    for codename in ARTICLE_PERMISSIONS[name]:
        group.permissions.add(model_permission(ArticlePage, codename))
    for codename in PAGE_PERMISSIONS[name]:
        GroupPagePermission.objects.get_or_create(
            group=group, page=index, permission=model_permission(Page, codename)
        )
    root_collection = Collection.get_first_root_node()
    for codename in IMAGE_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=model_permission(get_image_model(), codename),
        )
    return group


def admin_access_permission():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def snippet_permissions(group_name):
    return [
        model_permission(model, f"{action}_{model._meta.model_name}")
        for model in (Topic, Clinician)
        for action in SNIPPET_ACTIONS[group_name]
    ]


def model_permission(model, codename):
    content_type = ContentType.objects.get_for_model(model)
    return Permission.objects.get(content_type=content_type, codename=codename)


def ensure_reviewer_accounts(reviewers):
    """An account in `reviewers` for each clinician of REVIEWER_CLINICIANS in the demo, linked
    to their Clinician. Made once, for a clinician no account is linked to yet; later runs
    leave accounts and links as administrators left them."""
    User = get_user_model()
    for name in REVIEWER_CLINICIANS:
        clinician = Clinician.objects.filter(name=name, account__isnull=True).first()
        if clinician is None or User.objects.filter(username=staff_username(name)).exists():
            continue
        ClinicianAccount.objects.create(
            clinician=clinician, user=create_staff_account(name, reviewers)
        )


def create_staff_account(name, group):
    """A member of `group` with no usable password: an administrator sets one in Users
    before the person signs in, so the demo never ships a known password."""
    username = staff_username(name)
    first_name, _, last_name = name.partition(" ")
    user = get_user_model()(
        username=username,
        email=f"{username}@{STAFF_EMAIL_DOMAIN}",
        first_name=first_name,
        last_name=last_name,
    )
    user.set_unusable_password()
    user.save()
    user.groups.add(group)
    return user


def staff_username(name):
    """A clinician's username: "Imogen Farrow" becomes "imogen.farrow"."""
    return ".".join(name.lower().split())


def ensure_review_workflow(index, reviewers):
    """Every article under the index, every clinician and every topic goes through "Medical
    review" before it is published; its task records the approval (MedicalReviewTask).
    Made once; an administrator's later changes to the workflow or its pages stay."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
        task = MedicalReviewTask.objects.create(name=WORKFLOW_NAME)
        task.groups.set([reviewers])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    for model in (Clinician, Topic):
        WorkflowContentType.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
        )
    return workflow


# --- Images, drawn here so the demo needs no downloads --------------------------------------


def ensure_image(title, draw):
    """The image with this title, or a new one in the root collection drawn by `draw()`."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    buffer = BytesIO()
    draw().save(buffer, format="JPEG", quality=88)
    image = Image(title=title, file=ImageFile(buffer, name=f"{slugify(title)}.jpg"))
    image.save()
    return image


def vertical_gradient(size, top, bottom):
    """`top` fading into `bottom`: the 0-255 mask picks more of `bottom` further down."""
    mask = PILImage.linear_gradient("L").resize(size)
    return PILImage.composite(
        PILImage.new("RGB", size, bottom), PILImage.new("RGB", size, top), mask
    )


def draw_initials_portrait(letters, light, dark, size=600):
    """A calm placeholder portrait: initials on a soft two-colour circle."""
    image = vertical_gradient((size, size), light, dark)
    draw = ImageDraw.Draw(image)
    inset = size // 10
    draw.ellipse((inset, inset, size - inset, size - inset), fill=light, outline="white", width=4)
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), letters, fill=dark, font=font, anchor="mm")
    return image


def draw_hills(size=(1600, 900)):
    """Gentle hills under a pale morning sky."""
    width, height = size
    image = vertical_gradient(size, (236, 242, 246), (250, 238, 222))
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.68, height * 0.18, width * 0.8, height * 0.39), fill=(250, 222, 180))
    # (height of the ridge, height of its waves, number of half-waves, colour), back to front
    layers = [
        (0.55, 0.06, 1.3, (176, 204, 186)),
        (0.68, 0.05, 2.1, (132, 172, 150)),
        (0.8, 0.04, 3.0, (94, 138, 118)),
    ]
    for base, amplitude, waves, color in layers:
        ridge = [
            (x, height * (base - amplitude * math.sin(waves * math.pi * x / width)))
            for x in range(0, width + 1, 8)
        ]
        draw.polygon([*ridge, (width, height), (0, height)], fill=color)
    return image


def draw_circles(size=(1600, 900)):
    """Soft overlapping circles in sage, sand and blue."""
    width, height = size
    image = PILImage.new("RGBA", size, (246, 241, 232, 255))
    circles = [
        (0.3, 0.45, 0.32, (150, 184, 164, 150)),
        (0.55, 0.55, 0.28, (224, 196, 150, 140)),
        (0.72, 0.38, 0.22, (150, 176, 206, 140)),
    ]
    for x, y, radius, color in circles:
        layer = PILImage.new("RGBA", size, (0, 0, 0, 0))
        box = (
            (x - radius * 0.56) * width,
            y * height - radius * width * 0.56,
            (x + radius * 0.56) * width,
            y * height + radius * width * 0.56,
        )
        ImageDraw.Draw(layer).ellipse(box, fill=color)
        image = PILImage.alpha_composite(image, layer)
    return image.convert("RGB")


def draw_pacing_chart(size=(1200, 675)):
    """Boom and bust (a jagged line) beside pacing (a line that climbs slowly and steadily)."""
    width, height = size
    image = PILImage.new("RGB", size, (250, 248, 244))
    draw = ImageDraw.Draw(image)
    for step in range(1, 5):
        y = height * step / 5
        draw.line((60, y, width - 60, y), fill=(226, 222, 214), width=2)
    peaks = [0.75, 0.2, 0.7, 0.25, 0.65, 0.2, 0.6, 0.22]
    boom = [chart_point(size, i / (len(peaks) - 1), peak) for i, peak in enumerate(peaks)]
    steady = [chart_point(size, x, 0.3 + 0.35 * x) for x in (0, 0.25, 0.5, 0.75, 1)]
    draw.line(boom, fill=(196, 110, 84), width=9, joint="curve")
    draw.line(steady, fill=(40, 118, 112), width=12, joint="curve")
    return image


def chart_point(size, x, y, margin=60):
    """Pixel position of (x, y), both 0 to 1, with y measured upwards as in a chart."""
    width, height = size
    return (margin + x * (width - 2 * margin), height * (1 - y))


# Images the article files name, by key: (title in the image library, drawing).
ARTICLE_IMAGES = {
    "hills": ("Gentle hills at dawn (illustration)", draw_hills),
    "circles": ("Soft overlapping circles (illustration)", draw_circles),
    "pacing-chart": ("Boom and bust compared with pacing (chart)", draw_pacing_chart),
}


def review_translations(home, locale):
    """A Spanish article or treatment page is reviewed on its own (the review is not carried
    over from the English one); in the demo, by the clinician who reviewed the English page,
    on the same day: the two languages say the same thing, so a reader of either sees the same
    review and the same next review (both fall due together).
    Called by the demo's translations (clinic/demo_translations.py) once they are made."""
    english_pages = home.get_descendants().filter(locale__language_code="en").specific()
    for english in (page for page in english_pages if isinstance(page, MedicalPage)):
        spanish = english.get_translations().filter(locale=locale).first()
        if spanish is None:
            continue
        spanish = spanish.specific.get_latest_revision_as_object()
        if spanish.last_reviewed is not None or english.medical_reviewer is None:
            continue
        publish_reviewed(spanish, english.medical_reviewer, reviewed_on=english.last_reviewed)
