"""HTML → PDF with WeasyPrint (a CSS print engine, imported lazily: it is heavy). Used by the
printable plan sheet and the progress report, so that both print the same way."""

from __future__ import annotations

from typing import Any

from legday.domain.errors import InvalidInput


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the Pango system libraries are missing
        raise InvalidInput(
            f"writing PDF needs WeasyPrint and its system libraries ({exc})",
            "pip install 'legday[report]' and install Pango (Debian: libpango-1.0-0 "
            "libpangoft2-1.0-0), or use --format html",
        ) from None
    return weasyprint


def html_to_pdf(html: str) -> bytes:
    """Print ``html`` (a self-contained page: no base URL is needed) to PDF bytes."""
    document = _weasyprint().HTML(string=html)
    return bytes(document.write_pdf())
