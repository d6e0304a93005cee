"""Filling in the contact form in a browser: one helper for every journey and audit."""


def fill_contact_form(page, message="My knee has hurt for months. Could I book a visit?"):
    """Fill the contact form as a reader would, with a valid enquiry."""
    page.get_by_label("Full name").fill("Rowan Tenney")
    page.get_by_label("Email address").fill("rowan@example.com")
    page.get_by_label("Chronic pain").check()
    page.get_by_label("Your message").fill(message)
    page.get_by_label("I agree to be contacted").check()
