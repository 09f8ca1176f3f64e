"""`legday users add|reset-link|sign-out`: accounts of the server, from its machine.

The first admin of a fresh server is made here (no default account exists, ASVS 5.0 V6.3.2);
the password is read from a prompt or from standard input, never from the command line.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from legday.cli.common import JsonOpt, console, emit_json, fail, lit


def _group() -> typer.Typer:
    """The group, empty: ``register`` adds its commands."""
    return typer.Typer(help="Accounts of the server (legday serve).", no_args_is_help=True)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        text = sys.stdin.readline()
        if not text:
            fail("no password on standard input")
        return text.rstrip("\r\n")
    try:
        first = typer.prompt("Password", hide_input=True)
        again = typer.prompt("Repeat the password", hide_input=True)
    except typer.Abort:  # end of input (no terminal, or Ctrl-D): nothing is created
        fail("no password was typed; type it at the prompt or give --password-stdin")
    if first != again:
        fail("the two passwords differ")
    return str(first)


def add(
    email: Annotated[str, typer.Argument(help="E-mail address (the sign-in name).")],
    role: Annotated[
        str, typer.Option("--role", help="admin (manages accounts) or member.")
    ] = "member",
    name: Annotated[
        str | None, typer.Option("--name", help="Name shown to others (default: the e-mail).")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Create an account and the athlete profile it owns."""
    from legday.app import registration
    from legday.cli.common import database

    if role not in ("admin", "member"):
        fail(f"unknown role {role!r}: admin or member")
    password = _password(password_stdin)
    user = registration.register(
        database(create=True),
        email,
        password,
        name or email.split("@")[0],
        is_admin=role == "admin",
    )
    if json_out:
        emit_json({"user": user.as_json()})
    else:
        console().print(
            f"Account {lit(user.email)} created ({'admin' if user.is_admin else 'member'})."
        )


def reset_link(
    email: Annotated[str, typer.Argument(help="The account's e-mail address.")],
    base_url: Annotated[
        str, typer.Option("--base-url", help="The server's address as its users reach it.")
    ] = "http://127.0.0.1:8000",
    send: Annotated[
        bool,
        typer.Option(
            "--send",
            help="Mail the link to the account's address through LEGDAY_SMTP_URL instead of "
            "printing it.",
        ),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Print a one-time password-reset link (valid 24 hours) to hand to the account's owner, or
    mail it with --send."""
    from legday.app import accounts, password_reset
    from legday.cli.common import database

    settings = None
    if send:
        from legday.interop.mail import send as send_mail
        from legday.interop.mail import settings_from_env

        settings = settings_from_env()
        if settings is None:
            fail("--send needs a mail server: set LEGDAY_SMTP_URL (smtp://host:port)")
    secret = password_reset.reset_link_token(database(), email)
    link = f"{base_url.rstrip('/')}/reset-password#{secret}"
    if settings is not None:
        send_mail(
            settings,
            accounts.normal_email(email),
            "Set a new legday password",
            "Your legday admin sent you this link to choose a new password (valid 24 hours):"
            f"\n\n{link}\n",
        )
        if json_out:
            emit_json({"reset": {"email": email, "sent": True}})
        else:
            console().print(f"Reset link mailed to {lit(email)}.")
        return
    if json_out:
        emit_json({"reset": {"email": email, "link": link, "token": secret}})
    else:
        console().print(lit(link))


def sign_out(
    email: Annotated[str, typer.Argument(help="The account's e-mail address.")],
    json_out: JsonOpt = False,
) -> None:
    """End every session of an account (a lost phone, a left member)."""
    from legday.app import accounts
    from legday.cli.common import database

    n = accounts.sign_out_everywhere_by_email(database(), email)
    if json_out:
        emit_json({"revoked_sessions": n})
    else:
        console().print(f"{n} session(s) ended for {lit(email)}.")


def register(app: typer.Typer) -> None:
    group = _group()
    group.command("add")(add)
    group.command("reset-link")(reset_link)
    group.command("sign-out")(sign_out)
    app.add_typer(group, name="users")
