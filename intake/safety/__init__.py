"""Patient safety: recognising crisis language, however it is written.

`assess(text)` answers whether a text (a contact-form message, a search query) is urgent and
which kinds of crisis language it holds. Two judges read it, and either one makes it urgent:
- the patterns: the text is normalised (normalise.py), then matched against the built-in
  patterns (patterns.py) and any phrases the clinic added in its settings;
- the learned model (learned.py), which reads each passage for meaning rather than wording.
It never raises: any input gets an answer.
"""

import logging
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import product

from intake.choices import CrisisCategory
from intake.safety import learned
from intake.safety.matching import Matcher
from intake.safety.normalise import BOUNDARY, normalise
from intake.safety.patterns import (
    FINALITY_ALONE,
    INTENT_ALONE,
    MENTIONS,
    PATTERNS,
    PILLS,
    PRACTICAL_REASON,
    SPANISH,
    URGENT_COMBINATIONS,
    WARNING_SIGNS,
)

__all__ = ["Assessment", "assess", "model_view", "normalise"]

logger = logging.getLogger(__name__)

# {G3}: up to three words in between, never a sentence boundary.
GAP = r"(?:[a-z0-9]+ ){{0,{}}}"
GAP_SIZES = (1, 2, 3, 5, 12)
CATEGORY_ORDER = list(CrisisCategory)


@dataclass(frozen=True)
class Assessment:
    """What a text says about the writer's safety: the crisis categories it matched, the
    phrases the patterns found (in normalised words), and the learned model's reading."""

    categories: tuple = ()
    phrases: tuple = ()
    reading: learned.Reading = learned.Reading()

    @property
    def urgent(self):
        return bool(self.categories)

    @property
    def labels(self):
        return [CrisisCategory(code).label for code in self.categories]

    def __bool__(self):
        return self.urgent

    def self_reported(self):
        """This assessment, for a writer who said yes to the self-harm question: urgent
        whatever the text says."""
        categories = (CrisisCategory.SELF_REPORTED, *self.categories)
        return replace(self, categories=tuple(dict.fromkeys(categories)))

    @property
    def evidence(self):
        """What staff are shown of why it reads as a crisis (stored with the enquiry)."""
        evidence = {"phrases": list(self.phrases)}
        if CrisisCategory.READS_LIKE_CRISIS in self.categories:
            evidence.update(
                score=round(self.reading.score, 3),
                strength=self.reading.strength,
                passage=self.reading.passage,
            )
        return evidence


def expand(regex):
    for size in GAP_SIZES:
        regex = regex.replace(f"{{G{size}}}", GAP.format(size))
    return regex.replace("{PILLS}", PILLS)


def expanded(pattern):
    return replace(pattern, regex=expand(pattern.regex))


# What each pattern says when it matches: a category outright, a warning sign to count, or
# a bare mention to check against its sentence.
CATEGORY, SIGN, MENTION = "category", "sign", "mention"


def all_patterns():
    for table in (PATTERNS, SPANISH):
        for category, patterns in table.items():
            yield from (((CATEGORY, category), expanded(pattern)) for pattern in patterns)
    for sign, patterns in WARNING_SIGNS.items():
        yield from (((SIGN, sign), expanded(pattern)) for pattern in patterns)
    for index, (_, pattern, _) in enumerate(MENTIONS):
        yield (MENTION, index), expanded(pattern)


MATCHER = Matcher(
    all_patterns(), once_per_key={(CATEGORY, category) for category in CrisisCategory}
)
MENTION_RULES = [
    (category, re.compile(expand(pattern.regex)), re.compile(unless))
    for category, pattern, unless in MENTIONS
]
PRACTICAL = re.compile(PRACTICAL_REASON)


@lru_cache(maxsize=16)
def compile_clinic_phrases(phrases):
    """One pattern for the clinic's own phrases, each normalised like the text it meets."""
    alternatives = [re.escape(normalise(phrase)) for phrase in phrases]
    alternatives = [phrase for phrase in alternatives if phrase and phrase != re.escape(BOUNDARY)]
    if not alternatives:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")\b")


def assess(text, extra_phrases=()):
    """The Assessment of `text`; `extra_phrases` are the clinic's own additions."""
    normalised = normalise(text)
    if not normalised:
        return Assessment()
    found, phrases, denials = read_patterns(normalised, extra_phrases)
    reading = learned_reading(without(normalised, denials))
    if reading.urgent:
        found.add(CrisisCategory.READS_LIKE_CRISIS)
    return Assessment(
        tuple(category for category in CATEGORY_ORDER if category in found), phrases, reading
    )


def learned_reading(normalised):
    """The model's reading, or none: a fault in it must never cost the patterns' answer."""
    try:
        return learned.read_normalised(normalised)
    except Exception:  # logged without the text, which is health information
        logger.exception("Crisis model failed on a text; judging by the patterns only")
        return learned.Reading()


class WordsBefore:
    """Whether one of some phrases (whole words) ends just before a place in a text, followed
    by its space. Only the last characters before the place are searched, as many as the
    longest phrase needs: searching the text from its start each time cost a crisis message
    a quarter of a millisecond. The search still sees the character before where it starts,
    so a phrase's word boundary is judged as on the whole text."""

    def __init__(self, phrases):
        phrases = tuple(dict.fromkeys(phrases))
        self.regex = re.compile(r"\b(?:" + "|".join(map(re.escape, phrases)) + r") $")
        self.reach = max(map(len, phrases)) + 1

    def found(self, text, place):
        return bool(self.regex.search(text, max(0, place - self.reach), place))


def any_of(*word_lists):
    """Every phrase made of one word (or words) from each list in turn."""
    return tuple(" ".join(words).strip() for words in product(*word_lists))


ANY = ("", "any")
# Words just before a match that deny it ("no suicidal thoughts", "I don't have any suicidal
# thoughts", "never had thoughts of hurting myself") or put it in the past ("a history of
# suicidal thoughts"). The patterns' own negations ("I don't want to live") are part of the
# match, so they are never read as a denial.
DENIAL = WordsBefore(
    (
        *any_of(("not having", "not had", "dont have", "do not have"), ANY),
        *any_of(("never had", "never have", "without"), ANY),
        *("denies", "deny", "a history of", "history of", "no tengo", "nunca he tenido", "sin"),
        *any_of(("no", "not having", "not having any"), ("thoughts", "thought"), ("of",)),
        *any_of(("no", "not having", "not having any"), ("urge", "urges"), ("to",)),
        *any_of(("not", "never"), ("thinking", "thought"), ("about", "of")),
        *("no thoughts about", "no pienso en", "no estoy pensando en", "ni pienso en"),
        *any_of(("no tengo", "no he tenido", "nunca he tenido"), ("ideas de", "pensamientos de")),
        *("no he tenido", "no intention of", "no intentions of", "no plan to", "no plans to"),
        *("not planning to", "not planning on", "no desire to", "no wish to"),
        # A promise about what the writer will do: "I'm not going to hurt myself", "I would
        # never do that to myself", "no voy a quitarme la vida" (UNSURE voids it).
        *any_of(("not", "never"), ("going to", "gonna")),
        *("wont", "will not", "will never", "would never", "would not", "wouldnt"),
        *any_of(("no", "nunca", "jamas"), ("voy a", "lo haria", "pienso")),
        *any_of(
            ("not", "never", "dont", "do not", "didnt"),
            ("feeling", "feel", "felt", "having", "have", "had"),
            ANY,
        ),
    )
)


# A bare "no" denies only a noun phrase ("no suicidal thoughts"): before a verb it is the
# writer's own words ("no quiero morir pero tampoco quiero vivir", "ya no voy a ser una carga").
BARE_NO = WordsBefore(("no",))
NOUN_PHRASE = re.compile(r"(?:suicid|thoughts?|ideation|self ?harm|urges?)")
# "I don't feel suicidal", "I don't have any suicidal thoughts": the verb is in the match.
NOT_BEFORE_VERB = WordsBefore(
    ("dont", "do not", "didnt", "did not", "never", "havent", "have not", "not")
)
STATE_VERB = re.compile(r"(?:have|had|having|feel|felt|feeling|been|get|getting|got)\b")
# "I'm not suicidal", "not self-harm, she fell off her bike", "not thinking about hurting
# myself": the word itself denied.
NOT_JUST_BEFORE = WordsBefore(
    ("not", "never", "nunca", "not really", "no estoy", "no soy", "no me siento")
)
DENIABLE_WORD = re.compile(
    r"(?:suicidal|suicida|selfharm|thinking (?:about|of)|having thoughts|going to|gonna)\b"
)


# "I can't promise I'm not going to hurt myself": the writer doubts their own denial.
UNSURE = re.compile(
    r"\b(?:cant|cannot|can not|couldnt) (?:promise|say|swear|guarantee)|\b(?:not sure|unsure|"
    r"dont know|no se|no puedo prometer|no estoy segur[oa])\b"
)
UNSURE_REACH = 40
# "I put no thoughts of suicide on the form. It's not true.": a denial taken back.
TAKEN_BACK = re.compile(
    r"\b(?:not true|no es verdad|no es cierto|i lied|i was lying|menti|era mentira|a lie|"
    r"wasnt true|isnt true|but i do|but i am|pero si)\b"
)
TAKEN_BACK_REACH = 60
# The answer after what it denies, when that is named as a topic: "thoughts of hurting myself?
# none", "pensamientos de hacerme dano no tengo", "lo de quitarme la vida ni lo pienso".
TOPIC = re.compile(
    r"(?:\b(?:thoughts?|ideas?|pensamientos?|ganas|urges?|lo|eso|the idea|the thought)"
    r"(?: (?:of|about|to|de|en|del))? )$"
)
TOPIC_WORD = re.compile(r"(?:thoughts?|ideas?|pensamientos?|ganas|urges?)\b")
ANSWER_AFTER = re.compile(
    r" (?:\| )?(?:none|nope|not at all|ni lo pienso|ni de chiste|no tengo|nada de eso|"
    r"(?:never|nunca|jamas|ningun[oa]s?|no)(?= \||$| never| nunca| none| not))\b"
)
# A "no" just before, for SHRUG_AFTER: "no me quiero morir", "I don't want to die".
SAID_NO = WordsBefore(
    ("no", "no me", "ni me", "dont", "do not", "didnt", "did not", "never", "not")
)
# "No me quiero morir ni nada de eso", "I don't want to die or anything": a denial with a
# shrug after it, unlike "no quiero morir pero tampoco quiero vivir".
SHRUG_AFTER = re.compile(
    r" (?:ni nada(?: de eso| parecido| asi)?|or anything(?: like that)?|nothing like that)\b"
)


def model_view(text):
    """What the learned model reads of `text`: its normalised words without those the writer
    denies ("I'm not thinking about *ending my life*"), which the patterns find. Training
    reads the corpus the same way (training.py), so the model learns from what is left."""
    normalised = normalise(text)
    return without(normalised, read_patterns(normalised)[2])


def without(normalised, spans):
    """The text with the words in `spans` (start, end) taken out."""
    if not spans:
        return normalised
    kept, position = [], 0
    for start, end in sorted(spans):
        kept.append(normalised[position : max(position, start)])
        position = max(position, end)
    kept.append(normalised[position:])
    return " ".join(" ".join(kept).split())


def is_denial(normalised, match):
    if UNSURE.search(normalised, max(0, match.start() - UNSURE_REACH), match.start()):
        return False
    if TAKEN_BACK.search(normalised, match.end(), match.end() + TAKEN_BACK_REACH):
        return False
    return denied_before(normalised, match) or denied_after(normalised, match)


def denied_after(normalised, match):
    before, after = match.start(), match.end()
    named_as_topic = (
        TOPIC_WORD.match(match.group())
        or TOPIC.search(normalised, max(0, before - 20), before)
        or is_a_question_of_its_own(normalised, match)
    )
    if named_as_topic and ANSWER_AFTER.match(normalised, after):
        return True
    return SAID_NO.found(normalised, before) and bool(SHRUG_AFTER.match(normalised, after))


def is_a_question_of_its_own(normalised, match):
    """ "Wanting to die? No.": the words stand alone between sentence ends, as a question the
    writer answers next."""
    starts_sentence = match.start() == 0 or normalised.endswith(f"{BOUNDARY} ", 0, match.start())
    return starts_sentence and normalised.startswith(f" {BOUNDARY}", match.end())


def denied_before(normalised, match):
    before = match.start()
    if DENIAL.found(normalised, before):
        return True
    if BARE_NO.found(normalised, before) and NOUN_PHRASE.match(match.group()):
        return True
    if NOT_JUST_BEFORE.found(normalised, before) and DENIABLE_WORD.match(match.group()):
        return True
    return NOT_BEFORE_VERB.found(normalised, before) and bool(STATE_VERB.match(match.group()))


def pattern_findings(normalised, extra_phrases=()):
    """(categories, phrases): what the patterns and the clinic's phrases found."""
    found, phrases, _ = read_patterns(normalised, extra_phrases)
    return found, phrases


def read_patterns(normalised, extra_phrases=()):
    """(categories, phrases, denials): what the patterns and the clinic's phrases found, and
    the spans of the words the writer denied. A pattern all of whose matches are denied does
    not count, and its category's other patterns are still tried ("no thoughts of suicide
    before, but now I want to end my life")."""
    denials = []

    def undenied(index, key, first):
        if key[0] == SIGN or not is_denial(normalised, first):
            return True
        # The first match is denied: the pattern counts if any other one is not.
        matches = list(MATCHER.compiled[index].finditer(normalised))
        denied_here = [match.span() for match in matches if is_denial(normalised, match)]
        denials.extend(denied_here)
        return len(denied_here) < len(matches)

    matches = MATCHER.matches(normalised, accept=undenied)
    matched = matches.values()
    found = {category for kind, category in matched if kind == CATEGORY}
    mentions = [index for kind, index in matched if kind == MENTION]
    found |= mentions_about_the_writer(normalised, mentions, exclude=found)
    signs = warning_sign_combinations(normalised, Counter(s for kind, s in matched if kind == SIGN))
    found |= signs
    # Quote what made it urgent: the patterns of a category, and warning signs only when
    # together they made one (a bare mention's category is quoted from its own pattern).
    telling = {
        index
        for index, (kind, _) in matches.items()
        if kind == CATEGORY or (kind == SIGN and signs) or (kind == MENTION and found)
    }
    phrases = MATCHER.matched_text(normalised, telling) if found else ()
    clinic_pattern = compile_clinic_phrases(tuple(extra_phrases or ()))
    clinic_match = clinic_pattern.search(normalised) if clinic_pattern is not None else None
    if clinic_match:
        found.add(CrisisCategory.CLINIC_PHRASE)
        phrases = (*phrases, clinic_match.group())
    return found, tuple(dict.fromkeys(phrases)), denials


def mentions_about_the_writer(normalised, mentions, exclude):
    """Categories of bare mentions ("suicide", "hurt myself") that stand in a sentence
    which does not show they are about something else (see patterns.MENTIONS)."""
    found = set()
    sentences = normalised.split(f" {BOUNDARY} ") if mentions else []
    for index in mentions:
        category, pattern, unless = MENTION_RULES[index]
        if category in exclude or category in found:
            continue
        if any(pattern.search(sentence) and not unless.search(sentence) for sentence in sentences):
            found.add(category)
    return found


def warning_sign_combinations(normalised, counts):
    """Categories for warning signs that are ordinary alone but urgent together; `counts`
    says how many different patterns of each sign matched."""
    if counts["finality"] and PRACTICAL.search(normalised):
        counts["finality"] = 0
    present = {sign for sign, count in counts.items() if count}
    found = {category for signs, category in URGENT_COMBINATIONS if signs <= present}
    if counts["finality"] >= FINALITY_ALONE:
        found.add(CrisisCategory.FAREWELL_BURDEN)
    if counts["intent"] >= INTENT_ALONE:
        found.add(CrisisCategory.PLAN_MEANS_INTENT)
    return found
