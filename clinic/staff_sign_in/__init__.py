"""Staff sign-in to the Wagtail admin: brute-force lockout, two-factor sign-in, session expiry.

An app of its own (label `staff_sign_in`) on the ground floor: it knows enquiries only as the
model named in `devices.HEALTH_DATA_MODEL`. `lockout.py` is the page django-axes shows after
too many wrong passwords; `devices.py`, `forms.py`, `views.py`, `middleware.py` and `urls.py`
add TOTP two-factor sign-in (django-otp) with enrolment at /admin/two-factor/setup/ and
verification at /admin/two-factor/verify/; `models.py` keeps the backup codes, hashed
(`backup_codes.py`), and the set-up links a first device needs (`setup_links.py`);
`sessions.py` ends staff sessions after idle time (background pings don't count) and after a
fixed lifetime.
"""
