"""Vega-Lite → SVG / PNG with vl-convert (a bundled Vega engine: no browser, no network).

vl-convert is imported inside the functions: it is large, and `legday --help` must stay fast.
"""

from __future__ import annotations

import base64
from typing import Any

from legday.domain.errors import InvalidInput

PNG_SCALE = 2.0  # twice the CSS pixel size, so PNGs stay sharp in print and on HiDPI screens


def _vlc() -> Any:
    try:
        import vl_convert
    except ImportError:
        raise InvalidInput(
            "rendering charts needs vl-convert-python", "pip install 'legday[report]'"
        ) from None
    return vl_convert


def to_svg(spec: dict[str, Any]) -> str:
    """The chart as standalone SVG markup."""
    try:
        return str(_vlc().vegalite_to_svg(spec))
    except ValueError as exc:  # vl-convert reports an invalid spec as ValueError
        raise InvalidInput(f"chart {spec.get('title')!r} cannot be drawn: {exc}") from None


def to_png(spec: dict[str, Any], scale: float = PNG_SCALE) -> bytes:
    """The chart as PNG bytes at ``scale`` × its CSS size."""
    return svg_to_png(to_svg(spec), scale)


def svg_to_png(svg: str, scale: float = PNG_SCALE) -> bytes:
    """Rasterise SVG already drawn by :func:`to_svg` (about 10× faster than running Vega again)."""
    try:
        return bytes(_vlc().svg_to_png(svg, scale=scale))
    except ValueError as exc:
        raise InvalidInput(f"a chart's SVG cannot be rasterised: {exc}") from None


def png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def svg_body(svg: str) -> str:
    """SVG markup ready to inline in HTML (without any XML declaration)."""
    text = svg.strip()
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2 :].lstrip()
    return text
