"""One-time codes with pyotp: a 6-digit HOTP per challenge, and TOTP for authenticator apps."""

from __future__ import annotations

import hmac
from datetime import datetime

import pyotp

ISSUER = "CMS (GB gas)"


class PyOtpCodes:
    """The OneTimeCodes port. Secrets come from pyotp.random_base32 (the secrets module)."""

    def new_secret(self) -> str:
        return pyotp.random_base32()

    def code_for(self, secret: str) -> str:
        # Each challenge has its own random secret, so counter 0 gives a fresh random code
        # and nothing but the secret is kept.
        return pyotp.HOTP(secret).at(0)

    def totp_step_matching(self, secret: str, code: str, at: datetime) -> int | None:
        totp = pyotp.TOTP(secret)
        step = totp.timecode(at)
        for candidate in (step, step - 1, step + 1):  # one step of clock drift either way
            if hmac.compare_digest(totp.generate_otp(candidate), code):
                return candidate
        return None

    def totp_uri(self, secret: str, account: str) -> str:
        return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)
