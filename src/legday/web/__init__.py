"""The server for clubs and clinics: a thin HTTP shell over ``legday.app``.

``create_app()`` (legday.web.app) builds the FastAPI application; routes translate HTTP into
use-case calls and use-case results into JSON, errors into RFC 9457 problem documents.
FastAPI, Starlette and pydantic are imported only here (the ``server`` extra), never by the CLI.
"""
