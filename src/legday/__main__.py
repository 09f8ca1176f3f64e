from legday.cli.main import main

main()
