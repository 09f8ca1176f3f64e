from legday.cli.main import run

run()
