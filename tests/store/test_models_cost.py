"""The models load no SQLAlchemy dialect but the one in use: the local user's partial index gets
its PostgreSQL form when a PostgreSQL engine is made (``models.postgresql_options``)."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateIndex

from legday.store.engine import make_engine


def test_importing_the_models_loads_no_postgresql_dialect() -> None:
    probe = (
        "import sys, legday.store.models\nprint('sqlalchemy.dialects.postgresql' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


def test_the_local_user_index_is_partial_on_both_backends() -> None:
    make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none").dispose()  # attaches the option
    from legday.store.models import Base

    index = next(i for i in Base.metadata.tables["app_user"].indexes
                 if i.name == "uq_app_user_local")  # fmt: skip
    for dialect in (postgresql.dialect(), sqlite.dialect()):
        ddl = str(CreateIndex(index).compile(dialect=dialect))
        assert ddl.endswith("WHERE kind = 'local'"), ddl
