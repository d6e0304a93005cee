"""Small helpers the search tests share."""


def body_with(text):
    """A StreamField body of one paragraph."""
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def main_content(response):
    """The HTML inside <main>: the site header and footer show crisis numbers on every page."""
    html = response.content.decode()
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
