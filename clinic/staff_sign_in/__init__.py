"""Staff sign-in to the Wagtail admin: brute-force lockout and two-factor sign-in.

`lockout.py` is the page django-axes shows after too many wrong passwords; `devices.py`,
`forms.py`, `views.py`, `middleware.py` and `urls.py` add TOTP two-factor sign-in (django-otp)
with enrolment at /admin/two-factor/setup/ and verification at /admin/two-factor/verify/;
`sessions.py` ends staff sessions after idle time (background pings don't count) and after a
fixed lifetime.
"""
