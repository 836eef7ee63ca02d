from anchored.cli.app import main

main()
