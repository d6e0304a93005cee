"""Staff access to the Wagtail admin: brute-force lockout, two-factor sign-in, session expiry.

An app of its own on the ground floor (label `staff_sign_in`, its name when it lived in
clinic/: see apps.py). It imports no feature app: the apps that hold health data register
their models (`health_data.py`), whose permissions make two-factor sign-in a must.
`lockout.py` is the page django-axes shows after too many wrong passwords; `devices.py`,
`forms.py`, `views.py`, `middleware.py` and `urls.py` add TOTP two-factor sign-in (django-otp)
with enrolment at /admin/two-factor/setup/ and verification at /admin/two-factor/verify/;
`models.py` keeps the backup codes, hashed (`backup_codes.py`), and the set-up links a first
device needs (`setup_links.py`); `sessions.py` ends staff sessions after idle time (background
pings don't count) and after a fixed lifetime; `management/commands/` holds `ensure_admin`,
`two_factor_link` and `reset_two_factor`.
"""
