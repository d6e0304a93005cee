"""The crisis lines a reader is offered, in the language they read.

One place decides what the urgent page, the safety notice, the header's help bar, the footer
and the acknowledgement email give: in English, the crisis line (call, text, chat), the Crisis
Text Line and the emergency number; in Spanish, the same services' Spanish options (press 2 or
text AYUDA to 988, the Spanish chat, AYUDA to 741741), never an English keyword or chat.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

SPANISH = "es"


def tel_href(number):
    """A `tel:` URI from a human-formatted number ("(555) 010-2040" -> "tel:5550102040")."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return f"tel:{digits}" if digits else ""


def sms_href(number, body=""):
    digits = tel_href(number).removeprefix("tel:")
    if not digits:
        return ""
    # "?&body=" is the form both iOS and Android messaging apps read.
    return f"sms:{digits}?&body={quote(body)}" if body else f"sms:{digits}"


def host_of(url):
    """ "https://www.example.org/chat/" -> "example.org", to name a link's destination."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


@dataclass(frozen=True)
class CrisisLines:
    """What to offer a reader in crisis, from the clinic's settings, in one language.

    `spanish_option` (the key to press) and `text_keyword` (the word to text the line) are
    set on Spanish pages only: in English any message to the line reaches someone."""

    emergency_number: str
    line_name: str
    line_number: str
    chat_url: str
    text_line_number: str
    text_line_keyword: str
    spanish_option: str = ""
    text_keyword: str = ""

    @classmethod
    def from_settings(cls, clinic, language_code):
        lines = cls(
            emergency_number=clinic.emergency_number,
            line_name=clinic.crisis_line_name,
            line_number=clinic.crisis_line_number,
            chat_url=clinic.crisis_chat_url,
            text_line_number=clinic.crisis_text_line_number,
            text_line_keyword=clinic.crisis_text_line_keyword,
        )
        if language_code != SPANISH:
            return lines
        return cls(
            emergency_number=lines.emergency_number,
            line_name=clinic.crisis_line_spanish_name or lines.line_name,
            line_number=lines.line_number,
            chat_url=clinic.crisis_chat_spanish_url or lines.chat_url,
            text_line_number=lines.text_line_number,
            text_line_keyword=clinic.crisis_text_line_spanish_keyword,
            spanish_option=clinic.crisis_line_spanish_option,
            text_keyword=clinic.crisis_text_spanish_keyword,
        )

    @property
    def emergency_href(self):
        return tel_href(self.emergency_number)

    @property
    def call_href(self):
        return tel_href(self.line_number)

    @property
    def text_href(self):
        return sms_href(self.line_number, self.text_keyword)

    @property
    def chat_host(self):
        return host_of(self.chat_url)

    @property
    def text_line_href(self):
        # Without its keyword the Crisis Text Line would answer in English.
        if not self.text_line_keyword:
            return ""
        return sms_href(self.text_line_number, self.text_line_keyword)
