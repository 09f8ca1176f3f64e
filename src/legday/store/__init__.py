"""Storage: SQLAlchemy models, engine set-up, repositories and Alembic migrations.

The only SQL in legday lives here. It imports the domain (for record types), never interop or the
shells. Works on SQLite (the embedded default) and PostgreSQL with the same models.
"""
