"""One rule for what goes live: the public text of a reviewed model (an article, a clinician,
a topic; any future treatment page) is live only at a revision a clinician approved who has no
part in it (not its author, not quoted in it, not the person it is about).

Every way Wagtail and wagtail-localize put something live ends in the object's own `save()`
with `live` set and `live_revision` pointing at what goes live: the editor, bulk actions, the
admin API, scheduled publishing, copying, reverting, a finished workflow, and each
wagtail-localize action, which writes the translation into the page's row. So the rule is
kept there (`ReviewedContentMixin.save`), whatever path leads to it:

- going live (or live at another revision) needs an approval of that revision of this object
  (`ReviewApproval`, written only when a clinician approves the review, `record_approval`);
- while live, the row's public text never changes without such a publication;
- a revision is scheduled to go live only once approved (`refuse_unapproved_schedules`).

The admin offers only what the rule allows (`ReviewedPagePermissionTester`), so people never
meet the guard itself; it is there for every path nobody thought of.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.admin.forms.pages import CopyForm
from wagtail.models import PagePermissionTester, Revision

UNREVIEWED = (
    "“{title}” can only go live through Medical review: a clinician who did not write it (and "
    "is not quoted in it) approves exactly this version. Submit it to Medical review."
)
CHANGED_WHILE_LIVE = (
    "“{title}” is live: its text changes only when a reviewed version is published. Save your "
    "changes as a draft and submit them to Medical review."
)
# What Wagtail and wagtail-localize keep about an object beside its text: the tree, its
# publication state, locks, the workflow's bookkeeping, comments. Nothing a visitor reads.
BOOKKEEPING_FIELDS = frozenset(
    {
        "pk",
        "id",
        "path",
        "depth",
        "numchild",
        "url_path",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "content_type",
        "go_live_at",
        "expire_at",
        "expired",
        "locale",
        "translation_key",
        "alias_of",
        "page_ptr",
        "wagtail_admin_comments",
        "comments",
    }
)


class UnreviewedContentError(PermissionDenied):
    """Something tried to put text live that no clinician approved; views answer 403."""


class ReviewedContentMixin:
    """For a model with Wagtail's DraftStateMixin and RevisionMixin whose public text is
    clinical: it goes live only at an approved revision. A model names who may not approve
    it (`review_conflict`) and may derive fields from the approval (`apply_review`)."""

    # Fields a model computes from its text on every save (a reading grade): never compared.
    derived_fields = ()
    # Read by code that must not publish such a model directly (the demo's translations).
    goes_live_through_review = True

    def review_conflict(self, clinician):
        """Why `clinician` may not approve this version (their own work, say), or None."""
        return None

    def apply_review(self, content, approval):
        """Write what the approval records into the revision's `content` (e.g. the reviewer
        and the date shown to readers). Nothing by default."""

    def review_mismatch(self, approval):
        """Why this object's recorded review disagrees with `approval`, or None."""
        return None

    def save(self, *args, **kwargs):
        refuse_unreviewed_text(self, kwargs.get("update_fields"))
        return super().save(*args, **kwargs)

    def latest_revision_is_approved_to_publish(self):
        """The latest revision was approved and is neither live nor scheduled yet: the moment
        between a clinician's approval and the workflow's publication. (Read from the
        database: an object made from an older revision carries that revision's ids.)"""
        stored = stored_version(self)
        if stored is None:
            return False
        revision_id = stored.latest_revision_id
        if revision_id is None or revision_id == stored.live_revision_id:
            return False
        approval = approval_of(self, revision_id)
        return approval is not None and approval.revision.approved_go_live_at is None


def approval_model():
    return apps.get_model("articles", "ReviewApproval")


def approval_of(obj, revision_id):
    """The approval of this object's revision `revision_id`, or None."""
    if revision_id is None or obj.pk is None:
        return None
    return (
        approval_model()
        .objects.filter(
            revision_id=revision_id,
            revision__object_id=str(obj.pk),
            revision__base_content_type=obj.get_base_content_type(),
        )
        .select_related("clinician", "revision")
        .first()
    )


def refuse_unreviewed_text(obj, update_fields=None):
    """Raise UnreviewedContentError unless saving `obj` keeps the rule."""
    if not obj.live:
        return
    stored = stored_version(obj)
    if goes_live(obj, stored, update_fields):
        refuse_unapproved_publication(obj)
        return
    fields = public_fields(obj, update_fields)
    if fields and public_content(obj, fields) != public_content(stored, fields):
        raise UnreviewedContentError(CHANGED_WHILE_LIVE.format(title=obj))


def goes_live(obj, stored, update_fields):
    """This save makes `obj` live, or live at another revision."""
    if update_fields is not None and not {"live", "live_revision"} & set(update_fields):
        return False
    return stored is None or not stored.live or stored.live_revision_id != obj.live_revision_id


def refuse_unapproved_publication(obj):
    approval = approval_of(obj, obj.live_revision_id)
    if approval is None:
        raise UnreviewedContentError(UNREVIEWED.format(title=obj))
    reason = approval_conflict(obj, approval) or obj.review_mismatch(approval)
    if reason is not None:
        raise UnreviewedContentError(reason)


def approval_conflict(obj, approval):
    if approval.clinician is None:
        return None  # the clinician's record was deleted since: the approval stands
    return obj.review_conflict(approval.clinician)


def stored_version(obj):
    if obj.pk is None:
        return None
    return type(obj)._default_manager.filter(pk=obj.pk).first()


def public_fields(obj, update_fields=None):
    """The names of `obj`'s fields and child relations that visitors read."""
    names = {field.name for field in obj._meta.concrete_fields}
    names |= {field.name for field in obj._meta.many_to_many}
    names |= {relation.get_accessor_name() for relation in get_all_child_relations(obj)}
    names -= BOOKKEEPING_FIELDS | set(obj.derived_fields)
    names = {name for name in names if not name.endswith("_ptr")}
    return names & set(update_fields) if update_fields is not None else names


def public_content(obj, fields):
    """The values of `fields` as a revision stores them, child objects without their ids."""
    data = obj.serializable_data()
    return {name: without_ids(data.get(name)) for name in sorted(fields)}


def without_ids(value):
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    if isinstance(value, dict):
        return {key: item for key, item in value.items() if key not in {"pk", "id", "page"}}
    return value


def record_approval(revision, clinician, user=None, reviewed_on=None):
    """The approval of `revision` by `clinician` (through `user`'s account), and what it
    records written into the revision, which is then the one that may go live."""
    approval, _ = approval_model().objects.update_or_create(
        revision=revision,
        defaults={
            "clinician": clinician,
            "approved_by": user,
            "reviewed_on": reviewed_on or timezone.localdate(),
        },
    )
    obj = revision.as_object()
    content = revision.content
    obj.apply_review(content, approval)
    revision.content = content
    revision.save(update_fields=["content"])
    return approval


def publish_reviewed(obj, clinician, reviewed_on=None, user=None):
    """Save `obj` as a revision approved by `clinician` and publish it: for set-up code (the
    demo, data migrations' successors) that records a review done elsewhere."""
    revision = obj.save_revision(user=user)
    record_approval(revision, clinician, user=user, reviewed_on=reviewed_on)
    revision.refresh_from_db()
    revision.publish(user=user, skip_permission_checks=True)
    return revision


@receiver(pre_save, sender=Revision)
def refuse_unapproved_schedules(sender, instance, raw=False, **kwargs):
    """A revision is scheduled to go live (approved_go_live_at) only once approved: scheduled
    publishing later publishes it without asking anyone."""
    if raw or instance.approved_go_live_at is None:
        return
    model = instance.content_type.model_class()
    if model is None or not issubclass(model, ReviewedContentMixin):
        return
    if instance.pk is None or not approval_model().objects.filter(revision=instance).exists():
        raise UnreviewedContentError(UNREVIEWED.format(title=instance.object_str))


class ReviewedPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, except that nobody, administrators included, publishes a
    reviewed page by hand: its Medical review publishes it once a clinician approves. (The
    moment between approval and publication is the only time "publish" is allowed: Wagtail's
    workflow checks it then.) A parent whose children are all reviewed pages offers no
    "Publish" for a new child either."""

    def may_publish_by_rights(self):
        return super().can_publish()

    def can_publish(self):
        if not self.may_publish_by_rights():
            return False
        if not isinstance(self.page, ReviewedContentMixin):
            return True
        return self.page.latest_revision_is_approved_to_publish()

    def can_publish_subpage(self):
        if not super().can_publish_subpage():
            return False
        models = self.page.specific_class.creatable_subpage_models()
        return not all(issubclass(model, ReviewedContentMixin) for model in models)

    # Wagtail ties these to can_publish; they put no text live.
    def can_set_view_restrictions(self):
        return self.may_publish_by_rights()

    def can_unschedule(self):
        return self.may_publish_by_rights()


class ReviewedCopyForm(CopyForm):
    """Wagtail's copy form without "Publish copies" and "Alias": a copy of a reviewed page
    starts as a draft, to be reviewed as itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("publish_copies", None)
        self.fields.pop("alias", None)


class ReviewedPageMixin(ReviewedContentMixin):
    """ReviewedContentMixin for a page type, with the permissions that go with it."""

    copy_form_class = ReviewedCopyForm

    def permissions_for_user(self, user):
        return ReviewedPagePermissionTester(user, self)


class ParentOfReviewedPagesMixin:
    """For a page type whose children are reviewed pages (the articles index): no "Publish"
    for a new child."""

    def permissions_for_user(self, user):
        return ReviewedPagePermissionTester(user, self)
