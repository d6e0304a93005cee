"""Text normalisation for crisis recognition: one canonical form for the many ways people
type the same words, so the patterns are written once.

The canonical form is lower-case ASCII words separated by single spaces, with " | " where a
sentence or line ends (patterns never reach across it). Accents are dropped ("más" -> "mas"),
apostrophes too ("don't", "dont", "don’t" -> "dont"), letters stretched for emphasis are
shortened ("diiie" -> "die"), digits standing for letters are read as letters ("su1c1de"),
and known misspellings and slang become the word they stand for ("sucidal" -> "suicidal",
"kms" -> "kill myself", "wanna" -> "want to").
"""

import re
import unicodedata
from functools import lru_cache

BOUNDARY = "|"

# Apostrophes and look-alikes phones and word processors type; removed so "don't" == "dont".
APOSTROPHES = "'\u2019\u2018\u02bc\u02b9\u0060\u00b4\u2032"
WORD = re.compile(r"[a-z0-9@$]+|\|")
SENTENCE_END = re.compile(r"[.!?;\n|]+")
REPEATED_BOUNDARY = re.compile(r"\|(?: \|)+")
OD_D = re.compile(r"\bod[" + APOSTROPHES + r"]d\b")
STRETCHED = re.compile(r"(.)\1{2,}")
DOUBLED = re.compile(r"(.)\1+")
LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)

# Misspellings, text-speak and slang -> the words they stand for. Only words that carry
# crisis meaning, or the small words the patterns are built from, need to be here.
SPELLINGS = {
    # Real words one letter from a word below, kept as they are: "not overdoing it" is not
    # "not overdosing", "voy a matarte" is not about the writer.
    "overdoing": "overdoing",
    "overdone": "overdone",
    "matarte": "matarte",
    "quitarle": "quitarle",
    "quitarte": "quitarte",
    # suicide, suicidal
    "sucide": "suicide",
    "suicde": "suicide",
    "suiside": "suicide",
    "suacide": "suicide",
    "suiscide": "suicide",
    "suicid": "suicide",
    "sucicide": "suicide",
    "suside": "suicide",
    "sewerslide": "suicide",
    "suicied": "suicide",
    "siucide": "suicide",
    "suecide": "suicide",
    "sucidal": "suicidal",
    "suicidel": "suicidal",
    "suicidial": "suicidal",
    "sucidial": "suicidal",
    "suisidal": "suicidal",
    "suicdal": "suicidal",
    "suicidle": "suicidal",
    "suiciedal": "suicidal",
    "sucidas": "suicidas",
    "sucida": "suicida",
    "ctb": "suicide",
    "slef": "self",
    "sefl": "self",
    # myself
    "myslef": "myself",
    "mysef": "myself",
    "myselfe": "myself",
    "meself": "myself",
    "mself": "myself",
    "myslf": "myself",
    "mysel": "myself",
    "myelf": "myself",
    # slang
    "kms": "kill myself",
    "kil": "kill",
    "kll": "kill",
    "kiil": "kill",
    "unalived": "unalive",
    "unaliving": "unalive",
    "wanna": "want to",
    "wana": "want to",
    "wanan": "want to",
    "wnat": "want",
    "gonna": "going to",
    "gona": "going to",
    "imma": "im going to",
    "ima": "im going to",
    "tryna": "trying to",
    "finna": "going to",
    "gotta": "got to",
    "hafta": "have to",
    "dnt": "dont",
    "donot": "dont",
    "cnt": "cant",
    "cannot": "cant",
    "caint": "cant",
    "wnt": "want",
    "u": "you",
    "ur": "your",
    "r": "are",
    "ppl": "people",
    "every1": "everyone",
    "some1": "someone",
    "no1": "no one",
    "noone": "no one",
    "nobdy": "nobody",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "tho": "though",
    "rn": "right now",
    "tmrw": "tomorrow",
    "tonite": "tonight",
    "2nite": "tonight",
    "2day": "today",
    "anymor": "anymore",
    "nemore": "anymore",
    "ne1": "anyone",
    "b4": "before",
    "oded": "overdosed",
    "overdoes": "overdose",
    "overdossed": "overdosed",
    "pils": "pills",
    "pilss": "pills",
    "medz": "meds",
    "alvie": "alive",
    "livin": "living",
    "lyfe": "life",
    "dyin": "dying",
    "killin": "killing",
    "cuttin": "cutting",
    "hurtin": "hurting",
    "harmin": "harming",
    "wakeup": "wake up",
    "iam": "im",
    "idk": "i dont know",
}

SELF_COMPOUNDS = ("esteem", "confidence", "worth", "image", "respect", "care", "control", "pay")

# Word pairs typed as two words or with a space -> one canonical word (applied to the
# joined text, so both "self harm" and "self-harm" become "selfharm").
JOINED = {
    # "hurting my self esteem" is not "hurting myself": these are joined first (longer runs
    # go first), so "my self" no longer stands apart in them.
    **{f"self {word}": f"self{word}" for word in SELF_COMPOUNDS},
    "my self": "myself",
    "my own self": "myself",
    "self harm": "selfharm",
    "self harming": "selfharming",
    "self harmed": "selfharmed",
    "self injury": "selfinjury",
    "self injure": "selfinjure",
    "self injuring": "selfinjuring",
    "over dose": "overdose",
    "over dosed": "overdosed",
    "over dosing": "overdosing",
    "un alive": "unalive",
    "sewer slide": "suicide",
    "do not": "dont",
    "does not": "doesnt",
    "did not": "didnt",
    "can not": "cant",
    "will not": "wont",
    "would not": "wouldnt",
    "could not": "couldnt",
    "is not": "isnt",
    "are not": "arent",
    "was not": "wasnt",
    "were not": "werent",
    "i am": "im",
    "i have": "ive",
    "i would": "id",
    "i will": "ill",
    "they would": "theyd",
    "what is": "whats",
    "there is": "theres",
    "no body": "nobody",
    "kill my self": "kill myself",
    "i m": "im",
    "i ve": "ive",
    "i d": "id",
    "don t": "dont",
    "can t": "cant",
    "won t": "wont",
    "doesn t": "doesnt",
    "w o": "without",
    "isn t": "isnt",
    "didn t": "didnt",
}
# Longest first, so "kill my self" is joined before "my self".
JOINED_RUNS = [
    (f" {run} ", f" {joined} ")
    for run, joined in sorted(JOINED.items(), key=lambda item: -len(item[0]))
]
DROP_APOSTROPHES = str.maketrans("", "", APOSTROPHES)

# Words worth recognising even when misspelt by one letter (dropped, added, changed or two
# swapped): long enough that a one-letter slip cannot turn an ordinary word into them.
FUZZY_WORDS = (
    "suicide",
    "suicidal",
    "myself",
    "overdose",
    "overdosed",
    "overdosing",
    "selfharm",
    "unalive",
    "sobredosis",
    "suicida",
    "suicidas",
    "suicidio",
    "suicidarme",
    "matarme",
    "quitarme",
)


def deletions(word):
    """The word without one of its letters, each spelling once, first letter dropped first.
    A list, not a set: which spelling is tried first decides between two close words
    ("suicides" is one letter from both "suicide" and "suicidas"), and a set's order changes
    from process to process (hash randomisation), so processes would disagree."""
    return list(dict.fromkeys(word[:i] + word[i + 1 :] for i in range(len(word))))


def build_fuzzy_index(words):
    """word or word-minus-one-letter -> word: two spellings one edit apart share a key. Every
    word maps to itself, whatever other word it is one letter away from."""
    index = dict.fromkeys(words)
    for word in index:
        index[word] = word
    for word in words:
        for key in deletions(word):
            index.setdefault(key, word)
    return index


FUZZY_INDEX = build_fuzzy_index(FUZZY_WORDS)
FUZZY_MIN_LENGTH = 5
FUZZY_MAX_LENGTH = 12


@lru_cache(maxsize=8192)
def canonical_word(token):
    """The canonical spelling of one lower-case token (may be several words, e.g. "kms")."""
    if token in SPELLINGS:
        return SPELLINGS[token]
    if not token.isalpha() and any(ch.isalpha() for ch in token):
        token = token.translate(LEET)  # "su1c1de", "k1ll"; numbers alone stay numbers
    if STRETCHED.search(token):
        token = unstretch(token)
    if token in SPELLINGS:
        return SPELLINGS[token]
    vocabulary = pattern_vocabulary()
    if (
        len(token) > 4
        and token.endswith("in")
        and token not in vocabulary
        and token + "g" in vocabulary
    ):
        return token + "g"  # "jumpin", "plannin", "burnin"
    return fuzzy_match(token) or fuzzy_match(DOUBLED.sub(r"\1", token)) or token


def unstretch(token):
    """ "diiie" -> "die", "killlll" -> "kill", "pleeease" -> "please": the shortening that
    gives a word the patterns know, else letters run down to two."""
    doubled = STRETCHED.sub(r"\1\1", token)
    single = DOUBLED.sub(r"\1", doubled)
    for candidate in (doubled, single):
        if candidate in pattern_vocabulary():
            return candidate
    return doubled


@lru_cache(maxsize=1)
def pattern_vocabulary():
    """Every word the built-in patterns spell out."""
    from intake.safety import patterns

    spelled_out = repr([value for name, value in vars(patterns).items() if name.isupper()])
    return frozenset(re.findall(r"[a-z]{2,}", spelled_out)) | frozenset(SPELLINGS.values())


def fuzzy_match(token):
    if not FUZZY_MIN_LENGTH <= len(token) <= FUZZY_MAX_LENGTH:
        return SPELLINGS.get(token)
    if token in SPELLINGS:
        return SPELLINGS[token]
    if token in FUZZY_INDEX:
        return FUZZY_INDEX[token]
    keys = deletions(token)
    # One letter too many for a word ("suicides") before a shared misspelling of another.
    for key in keys:
        if FUZZY_INDEX.get(key) == key:
            return key
    for key in keys:
        if key in FUZZY_INDEX:
            return FUZZY_INDEX[key]
    return None


def to_ascii(text):
    """Lower-case ASCII: accents dropped ("más" -> "mas"), compatibility forms unfolded
    ("…" -> "...", full-width letters), anything else (other scripts, emoji, curly
    apostrophes) removed: no pattern is written in it."""
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text


def normalise(text):
    """The canonical form of `text` (any object; None and non-text become "")."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = to_ascii(OD_D.sub("overdosed", text.casefold()))  # "OD'd" would read as "odd"
    text = SENTENCE_END.sub(" | ", text.translate(DROP_APOSTROPHES))
    words = " ".join(map(canonical_word, WORD.findall(text)))
    return REPEATED_BOUNDARY.sub("|", join_runs(words)).strip(" |")


def join_runs(text):
    """ "my self" -> "myself", "do not" -> "dont": word runs typed apart, made one."""
    text = f" {text} "
    for run, joined in JOINED_RUNS:
        if run in text:
            # Twice: "do not do not" shares the space between its two runs.
            text = text.replace(run, joined).replace(run, joined)
    return text.strip()
