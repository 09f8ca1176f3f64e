"""Sending one plain-text e-mail through the SMTP server a club configures (stdlib smtplib).

Configured by ``LEGDAY_SMTP_URL``: ``smtp://[user:password@]host[:port]`` (STARTTLS when the
server offers it, port 25 by default; ``?starttls=required`` refuses to go on without it),
``smtps://…`` (TLS from the first byte, port 465). ``LEGDAY_MAIL_FROM`` is the sender
(default ``legday@<host>``). Without ``LEGDAY_SMTP_URL`` nothing is sent.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

from legday.domain.errors import InvalidInput, StorageError

TIMEOUT = 15.0  # seconds for connecting and each SMTP command


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    tls: bool  # TLS from the first byte (smtps)
    starttls: str  # "optional" | "required"
    user: str | None
    password: str | None
    sender: str

    @staticmethod
    def parse(url: str, sender: str | None = None) -> MailSettings:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise InvalidInput(
                f"the SMTP address {parts.scheme}://{parts.hostname or ''} is not usable",
                "smtp://[user:password@]host[:port] or smtps://…",
                field="smtp_url",
            )
        tls = parts.scheme == "smtps"
        query = parse_qs(parts.query)
        starttls = (query.get("starttls") or ["optional"])[0]
        if starttls not in ("optional", "required"):
            raise InvalidInput(f"starttls={starttls!r} is not known", "optional or required")
        return MailSettings(
            host=parts.hostname,
            port=parts.port or (465 if tls else 25),
            tls=tls,
            starttls=starttls,
            user=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            sender=sender or f"legday@{parts.hostname}",
        )


def settings_from_env() -> MailSettings | None:
    """The configured SMTP server, or None when the club has none."""
    url = os.environ.get("LEGDAY_SMTP_URL")
    if not url:
        return None
    return MailSettings.parse(url, os.environ.get("LEGDAY_MAIL_FROM") or None)


def send(settings: MailSettings, to: str, subject: str, text: str) -> None:
    """Deliver one message; a server that cannot be reached or refuses it is a StorageError."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = settings.sender, to, subject
    msg.set_content(text)
    context = ssl.create_default_context()
    try:
        if settings.tls:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=TIMEOUT, context=context
            )
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
        with smtp:
            smtp.ehlo()
            if not settings.tls:
                if smtp.has_extn("starttls"):
                    smtp.starttls(context=context)
                    smtp.ehlo()
                elif settings.starttls == "required":
                    raise StorageError(
                        f"the mail server {settings.host} offers no STARTTLS",
                        "use smtps:// or a server with STARTTLS",
                    )
            if settings.user:
                smtp.login(settings.user, settings.password or "")
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise StorageError(
            f"the mail server {settings.host}:{settings.port} did not take the message ({exc})",
            "check LEGDAY_SMTP_URL",
        ) from None
