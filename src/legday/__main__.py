"""`python -m legday` and the `legday` console script."""

import gc

# Importing SQLAlchemy, Typer and Rich makes a few hundred thousand long-lived objects, and the
# collector's default thresholds (700, 10, 10) walked them over and over: ~35 ms of the ~400 ms
# of CPU an everyday command took (bench/bench_cli.py). Collections stay on, just less often.
GC_THRESHOLDS = (20_000, 50, 100)


def start() -> None:
    gc.set_threshold(*GC_THRESHOLDS)
    from legday.cli.main import run

    run()


if __name__ == "__main__":
    start()
