"""The blocks a treatment page's structured data is made of: the medicines it uses."""

from wagtail import blocks


class UntranslatedCharBlock(blocks.CharBlock):
    """Text that stays as written in every language (a medicine's generic or brand name):
    wagtail-localize offers it to no translator."""

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


PRESCRIPTION_STATUSES = [
    ("PrescriptionOnly", "Prescription only"),
    ("OTC", "Over the counter"),
]


class DrugBlock(blocks.StructBlock):
    """One medicine the treatment uses, as search engines read it (schema.org Drug)."""

    name = blocks.CharBlock(max_length=80, help_text='As readers know it, e.g. "Esketamine".')
    non_proprietary_name = UntranslatedCharBlock(
        max_length=80, help_text='The generic name, e.g. "esketamine".'
    )
    proprietary_name = UntranslatedCharBlock(
        required=False, default="", max_length=80, help_text='A brand name, e.g. "Spravato".'
    )
    administration_route = blocks.CharBlock(
        max_length=80, help_text='How it is given, e.g. "Nasal spray".'
    )
    legal_status = blocks.CharBlock(
        required=False,
        default="",
        max_length=120,
        help_text='e.g. "Schedule III controlled substance (United States)".',
    )
    prescription_status = blocks.ChoiceBlock(
        choices=PRESCRIPTION_STATUSES, default="PrescriptionOnly"
    )
    approval = blocks.CharBlock(
        required=False,
        default="",
        max_length=160,
        help_text='What it is approved for, e.g. "FDA-approved for treatment-resistant '
        'depression, under a REMS".',
    )

    class Meta:
        icon = "snippet"
        label = "Medicine"
        description = "A medicine the treatment uses, for search engines' structured data."


class DrugsBlock(blocks.StreamBlock):
    drug = DrugBlock()


class ConditionsBlock(blocks.StreamBlock):
    condition = blocks.CharBlock(
        max_length=120, label="Condition", help_text='e.g. "Treatment-resistant depression".'
    )
