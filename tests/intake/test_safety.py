"""Patient safety: crisis language is recognised however it is written, and an urgent
enquiry changes what everyone sees."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from clinic.site_settings import ClinicSettings
from intake.choices import CrisisCategory
from intake.models import Enquiry
from intake.safety import assess, model_view, normalise, pattern_findings
from tests.fixtures.intake import THANK_YOU_URL

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "message",
    [
        # the messages the issue found filed as ordinary enquiries
        "i dont want to live anymore. i cant go on like this",
        "I want to end it all",
        "life is not worth living",
        "I don't want to be here anymore",
        "thinking about taking all my pills",
        "I dont wanna be alive",
        "im going to kms",
        "sucidal thoughts",
        # case, apostrophes, stretched letters, "my self", misspellings, slang
        "I WANT TO KILL MY SELF",
        "I don’t want to live like this",
        "i wanna diiiie",
        "i want to kil myslef",
        "Ive been feeling suicidle",
        "thinking about sewerslide again",
        "i want to unalive myself",
        "su1c1de is all I think about",
        "I want to\nend   my\tlife",
        # an end seen as the only way out, said without wanting or planning
        "the only way out is death",
        "honestly the only option left is ending it",
        "la unica salida es la muerte",
        "La única salida que me queda es morirme",
    ],
)
def test_crisis_language_is_recognised_however_it_is_written(message):
    assert assess(message).urgent


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("I have been thinking about suicide lately", CrisisCategory.SUICIDAL_THOUGHTS),
        # a death wish as a daily feeling, said in anger in the middle of a complaint
        (
            "You dropped my infusions and now I'm back to wanting to be dead every single day",
            CrisisCategory.SUICIDAL_THOUGHTS,
        ),
        (
            "I've made a plan. I've been looking at the bridge and thinking how easy it "
            "would be to die",
            CrisisCategory.PLAN_MEANS_INTENT,
        ),
        ("I have a rope in the garage for myself", CrisisCategory.PLAN_MEANS_INTENT),
        (
            "47 days sober and all I think about is ending it with pills",
            CrisisCategory.PLAN_MEANS_INTENT,
        ),
        # someone else's intent, told by the person they confided in, in a long message
        (
            "I'm a pastor. A young man from our church told me after the service that he "
            "plans to end his life this weekend. He agreed I could write. When can you see him?",
            CrisisCategory.SUICIDAL_THOUGHTS,
        ),
        ("my brother keeps talking about taking his own life", CrisisCategory.SUICIDAL_THOUGHTS),
        ("I've been cutting my arms again", CrisisCategory.SELF_HARM),
        ("burning myself is the only thing that helps", CrisisCategory.SELF_HARM),
        ("I've been saving up my sleeping pills", CrisisCategory.OVERDOSE),
        ("I took a whole bottle of tylenol last year", CrisisCategory.OVERDOSE),
        ("my family would be better off without me", CrisisCategory.FAREWELL_BURDEN),
        ("I have written a note to my kids saying goodbye", CrisisCategory.FAREWELL_BURDEN),
        ("there's no point in going on", CrisisCategory.HOPELESSNESS),
        ("my life isn't worth anything anymore", CrisisCategory.HOPELESSNESS),
    ],
)
def test_each_category_is_named(message, category):
    assert category in assess(message).categories


@pytest.mark.parametrize(
    "message",
    [
        "Quiero morir",
        "ya no quiero vivir",
        "he pensado en quitarme la vida",
        "tengo pensamientos suicidas",
        "mi familia estaría mejor sin mí",
        "me corto los brazos cuando me siento así",
    ],
)
def test_common_spanish_phrasing_is_recognised(message):
    assert assess(message).urgent


@pytest.mark.parametrize(
    "message",
    [
        "My back is killing me",
        "I'm dying to know if ketamine would help",
        "I'd kill for a night's sleep",
        "dead tired after every shift",
        "The pain is killing me",
        "I am on a strict diet and want to diet properly",  # "die" inside "diet"
        "My prescription was underdosed for months.",
        "I hurt my shoulder lifting boxes",
        "I hurt myself lifting boxes at work",
        "I cut myself shaving, nothing serious",
        "In the end it was fine",
        "My uncle died by suicide years ago and I'd like to talk about grief",
        "My grandfather ended his life in 1990, so I'd like to be screened",
        "Do you prescribe naloxone in case of an overdose?",
        "Me duele mucho la espalda, el dolor me está matando",
        "estoy muerto de cansancio",
        "",
    ],
)
def test_figurative_and_ordinary_talk_stays_ordinary(message):
    assert not assess(message).urgent


def test_normalising_reads_apostrophes_accents_and_stretched_letters_alike():
    assert normalise("I DON’T wanna diiie") == normalise("i dont want to die")
    assert normalise("No quiero vivir más") == "no quiero vivir mas"


@pytest.mark.parametrize(
    "message",
    [
        "I want to improve my skill myself",  # "kill myself" inside "skill myself"
        # "want to" ends one sentence, "die" is a different one: nothing to do with each other.
        "I want to. Die Hard is my favourite film",
    ],
)
def test_word_play_never_matches_the_patterns(message):
    # The learned model reads these as close to crisis language, and may flag them: a false
    # alarm costs a call, a miss could cost a life. The patterns stay exact.
    found, phrases = pattern_findings(normalise(message))

    assert not found
    assert phrases == ()


def test_the_clinics_own_phrases_add_to_the_built_in_list():
    extra = ("going to the lake for good", "Ready to check out")

    assert (
        CrisisCategory.CLINIC_PHRASE in assess("I'm going to the lake for good", extra).categories
    )
    assert assess("im READY to check-out", extra).urgent
    assert assess("I want to die", extra).urgent  # the built-in list still applies
    assert not assess("We're going to the lake this weekend, can I move Monday?", extra).urgent


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000))
def test_any_input_gets_an_answer(text):
    assert assess(text).urgent in (True, False)


@pytest.mark.parametrize(
    "text",
    [
        None,
        12345,
        "\x00\x01\x02 kill myself \x7f",
        "\ud800 lone surrogate and I want to die",
        "x" * 200_000,
        "я хочу умереть 我想死 I want to die",
        "💀💀💀 i want to die 💀",
        "a " * 50_000,
    ],
)
def test_odd_input_never_raises(text):
    assessment = assess(text)
    assert assessment.urgent in (True, False)


def test_odd_input_still_finds_the_crisis_in_it():
    assert assess("\x00\x01 I want to kill myself \x7f").urgent
    assert assess("💀 i want to die 💀").urgent
    assert assess("padding " * 5000 + "I want to die").urgent


def test_crisis_language_marks_the_enquiry_urgent(submit, form_data):
    form_data["message"] = "Everything hurts and I want to die."

    submit(form_data)

    assert Enquiry.objects.get().urgent is True


def test_urgent_thank_you_page_shows_crisis_resources_first(client, submit, form_data):
    form_data["message"] = "Everything hurts and I want to die."
    submit(form_data)

    html = client.get(THANK_YOU_URL).content.decode()
    main = html[html.index("<main") :]

    assert "safety-notice--urgent" in main
    assert main.index("safety-notice--urgent") < main.index("We have received your message")
    assert 'href="tel:988"' in main
    assert 'href="tel:911"' in main
    assert "want to die" not in html


def test_ordinary_thank_you_page_keeps_resources_but_not_prominent(client, submit, form_data):
    submit(form_data)

    html = client.get(THANK_YOU_URL).content.decode()

    assert "safety-notice--urgent" not in html
    assert 'class="safety-notice"' in html


def test_thank_you_variant_cannot_be_chosen_through_the_url(client, submit, form_data):
    form_data["message"] = "I keep thinking about suicide."
    submit(form_data)

    html = client.get(THANK_YOU_URL, {"urgent": "0", "variant": "received"}).content.decode()

    assert "safety-notice--urgent" in html


def test_thank_you_page_without_a_submission_shows_the_ordinary_variant(client, contact_page):
    response = client.get(THANK_YOU_URL)

    assert response.status_code == 200
    assert "safety-notice--urgent" not in response.content.decode()


def test_urgent_staff_notice_says_urgent_without_the_message(submit, form_data, mailoutbox):
    form_data["message"] = "I want to end my life."

    submit(form_data)

    notice = next(m for m in mailoutbox if "intake@" in m.to[0])
    assert notice.subject.startswith("URGENT")
    assert "URGENT" in notice.body
    assert "end my life" not in notice.body


def test_phrases_added_in_clinic_settings_mark_an_enquiry_urgent(submit, form_data, demo_site):
    clinic = ClinicSettings.for_site(demo_site.get_site())
    clinic.crisis_phrases = "ready to check out\nnot going to be around"
    clinic.save()
    form_data["message"] = "Honestly I'm ready to check out."

    submit(form_data)

    enquiry = Enquiry.objects.get()
    assert enquiry.urgent
    assert CrisisCategory.CLINIC_PHRASE in enquiry.crisis_categories.split(",")


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("no suicidal thoughts", True),
        ("i do not feel any suicidal thoughts", True),
        ("a history of suicidal thoughts", True),
        # Only the words just before are read, but a word is still judged whole: "casino",
        # "xdeny" and "sin" inside "basin" are not denials.
        ("i went to the casino suicidal thoughts all week", False),
        ("xdeny suicidal thoughts", False),
        ("the basin suicidal thoughts", False),
        # The word itself denied, and thoughts said to be absent.
        ("im not suicidal i promise i just cant sleep", True),
        ("not selfharm she fell off her bike", True),
        ("ive no thoughts of selfharm or anything", True),
        ("i feel numb but ive no urge to harm myself", True),
        ("feeling down but im not thinking about hurting myself", True),
        ("no pienso en hacerme dano", True),
        ("i cant stop thinking about hurting myself", False),
        ("im kinda suicidal", False),
    ],
)
def test_a_denial_is_read_from_the_words_just_before(text, denied):
    found, _ = pattern_findings(normalise(text))

    assert (not found) is denied


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        # A promise about what the writer will do.
        ("im exhausted but im not going to hurt myself i just need a sooner visit", True),
        ("no voy a quitarme la vida tengo a mis hijos", True),
        # ...unless the writer doubts it.
        ("i cant promise im not going to hurt myself tonight", False),
        ("im not sure i wont hurt myself", False),
        ("not gonna lie i think about killing myself", False),
        # The answer after a topic: "thoughts of X? none".
        ("thoughts of hurting myself | none | just tired of insurance calls", True),
        ("pensamientos de hacerme dano no tengo solo estoy cansada", True),
        ("lo de quitarme la vida ni lo pienso tengo a mis nietos", True),
        ("thoughts of suicide never had them before but now every day", False),
        ("thoughts of killing myself no matter what i do", False),
        ("pensamientos de morir ningun dia se me quitan", False),
        # A stated lack of intention, and Spanish "haven't had".
        ("i have no intention of harming myself i just need a referral", True),
        ("no he tenido ideas de quitarme la vida eso no", True),
        ("no no tengo ideas de suicidio ya le dije a la enfermera", True),
        ("no estoy suicida ni nada solo cansada", True),
        # A question of its own, answered.
        ("wanting to die | no | wanting this pain to stop | absolutely", True),
        ("want to die | no one would miss me", False),
        # A denial taken back is none.
        ("en el formulario puse que no tengo ideas de suicidio | no es verdad | ya se como", False),
        ("i said no thoughts of suicide on the form but i lied", False),
        # A bare "no" before a comma is lost in normalising: "pero no, pienso en morirme".
        ("dije que estaba bien pero no pienso en morirme todos los dias", False),
        # A denial with a shrug after it, not a denial with a "but" after it.
        ("no me quiero morir ni nada de eso pero estoy harta del dolor", True),
        ("no me quiero morir pero tampoco quiero vivir", False),
    ],
)
def test_a_denial_is_read_around_what_it_denies(text, denied):
    found, _ = pattern_findings(normalise(text))

    assert (not found) is denied


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("driving on the 405 at 5pm is literally suicide lol", False),
        ("showing up with this limp is social suicide", False),
        ("that exam was a suicide mission", False),
        ("i feel suicidal and its literally suicide to keep going like this", True),
        ("i think about suicide every night", True),
    ],
)
def test_suicide_as_a_figure_of_speech_is_not_about_the_writer(text, urgent):
    found, _ = pattern_findings(normalise(text))

    assert bool(found) is urgent


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("my grandmother overdosed accidentally on her heart pills years ago", False),
        ("i think i overdosed by mistake on tylenol", True),  # "i overdosed": the writer
        ("my brother overdosed last week and it was not by accident", True),
        ("want to make sure im not overdoing it with ibuprofen", False),
    ],
)
def test_an_overdose_said_to_be_a_mistake_is_not_a_crisis_sign(text, urgent):
    found, _ = pattern_findings(normalise(text))

    assert bool(found) is urgent


def test_a_denied_pattern_does_not_hide_the_rest_of_its_category():
    found, _ = pattern_findings(
        normalise("no thoughts of suicide before but now I want to end my life")
    )

    assert CrisisCategory.SUICIDAL_THOUGHTS in found


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("I'm not thinking about ending my life, just tired", "im not just tired"),
        ("Thoughts of hurting myself? None. Just tired.", "| none | just tired"),
        ("I want to die", "i want to die"),
        # Taken back: the model reads it all.
        ("I put no thoughts of suicide on the form. Not true.", None),
    ],
)
def test_the_model_reads_the_text_without_the_words_the_writer_denies(text, seen):
    expected = normalise(text) if seen is None else seen

    assert model_view(text) == expected


def test_assess_gives_the_model_the_text_without_denied_words():
    reading = assess("I'm not thinking about ending my life, just tired of the pain").reading

    assert "ending my life" not in reading.passage


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        # Spanish self-harm in the present, and on purpose; a haircut, nails or cooking not.
        ("me corto desde hace meses y ayer fue muy profundo", True),
        ("me volvi a cortar anoche", True),
        ("me pegue con un martillo a proposito para sentir otro dolor", True),
        ("me corto el pelo el sabado, puedo cambiar la cita", False),
        ("me corto mucho las cuticulas y se me infecto un dedo", False),
        # Means made ready, a jump, a crash, a lethal amount, poison.
        ("tengo la soga amarrada en el arbol del patio", True),
        ("si me tiro del quinto piso me muero seguro", True),
        ("mi companero dice que se va a tirar del andamio", True),
        ("anoche maneje con los ojos cerrados, queria chocar", True),
        ("cuanta insulina es letal", True),
        ("how much insulin is lethal", True),
        ("cuanto tarda en hacer efecto el veneno para ratas", True),
        ("how long does poison ivy take to clear up", False),
        # A farewell in the past tense.
        ("por favor diganle a mis hijos que los quise mucho", True),
        # Whether a whole supply would kill; a dose question or a joke not.
        ("si me tomo todas las de lorazepam con alcohol me duermo para siempre", True),
        ("if i take all 90 of the baclofen will that be it", True),
        ("would a whole bottle of propranolol be enough", True),
        ("si me tomo dos advil me muero de sueno jaja", False),
        ("si me tomo la pastilla con el estomago vacio me hace dano", False),
        # A strong wish, a height, a ligature, a fall on purpose.
        ("ando con unas ganas horribles de morirme", True),
        ("de que altura necesita uno tirarse pa no quedar vivo", True),
        ("lo encontre con una faja amarrada al cuello en el bano", True),
        ("ayer me tire de las escaleras a proposito", True),
    ],
)
def test_crisis_said_in_everyday_spanish_and_english_is_recognised(text, urgent):
    found, _ = pattern_findings(normalise(text))

    assert bool(found) is urgent


@pytest.mark.parametrize(
    "text",
    [
        "ya hice mi will y le di mi dog a mi vecina. i wont need my appointment next month",
        "he cleaned out his locker, gave me his watch and said its been good knowing you",
    ],
)
def test_three_farewell_signs_together_are_a_farewell(text):
    found, _ = pattern_findings(normalise(text))

    assert CrisisCategory.FAREWELL_BURDEN in found


def test_real_words_one_letter_from_a_crisis_word_are_kept():
    assert (
        normalise("not overdoing it, voy a matarte jaja") == "not overdoing it voy a matarte jaja"
    )


def test_a_misspelling_one_letter_from_two_words_is_read_as_the_nearer_one():
    assert normalise("responded to many suicides") == "responded to many suicide"


def test_every_process_normalises_alike(tmp_path):
    """Gunicorn workers and the task worker each have their own hash seed: the words a
    misspelling is read as must not depend on it, or two processes would judge the same
    message differently."""
    script = (
        "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tests.settings');"
        "django.setup();"
        "from intake.safety import normalise;"
        "from intake.safety.training import read_corpus;"
        "print('\\n'.join(normalise(e.message) for e in read_corpus()))"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    ]

    assert outputs[0].count("\n") > 7000
    assert outputs[0] == outputs[1] == outputs[2]


@pytest.mark.parametrize(
    "message",
    [
        "I'm not suicidal, I just don't care if I live or die anymore",
        "Not suicidal exactly. Just don't care if I die.",
        "ya no me importa si me muero",
    ],
)
def test_not_caring_whether_one_lives_is_recognised_beside_a_denial(message):
    found, _ = pattern_findings(normalise(message))

    assert CrisisCategory.SUICIDAL_THOUGHTS in found


@pytest.mark.parametrize(
    "message",
    [
        "the pain is hurting my self esteem more than anything",
        "I don't care if I make it to the 9am, any slot is fine",
    ],
)
def test_near_misses_of_crisis_wording_are_not_patterns(message):
    assert pattern_findings(normalise(message)) == (set(), ())


def test_one_word_and_a_held_down_key_are_too_little_for_the_model_to_read():
    # "xx" is what normalising leaves of "xxxx...": one unfamiliar word is all there is.
    assert assess("quillwort " + "x" * 500).reading.score == 0.0
    assert not assess("quillwort " + "x" * 500).urgent
