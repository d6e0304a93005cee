"""Signing staff in for tests, second factor included: two-factor sign-in is required of
everyone who can read enquiries (superusers and intake staff among them), as on a real site.

`sign_in_verified` is to the second factor what Django's `force_login` is to the password:
the session counts as having entered a code from the person's authenticator app (created if
they have none). tests/test_staff_sign_in.py goes through the real pages instead.
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator(user):
    """The person's confirmed authenticator app, set up if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device


def app_code(device, steps_ahead=0):
    """The code the authenticator app shows now (or `steps_ahead` periods later)."""
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{code:0{device.digits}d}"


def unused_app_code(device):
    """A code the app shows now that has not been used yet: the next period's when this
    period's code was used already (a second sign-in within 30 seconds), which the site
    accepts as the clock drift it allows for."""
    device.refresh_from_db()
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    return app_code(device, steps_ahead=max(0, device.last_t - now + 1))


def sign_in_verified(client, user):
    """Sign the user in with the test client, password and second factor passed."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
    session.save()
    return client
