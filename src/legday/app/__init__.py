"""Use-cases. Each opens one transaction, calls domain + store + interop and returns plain data.

The CLI and (later) the web app call these and nothing below them.
"""
