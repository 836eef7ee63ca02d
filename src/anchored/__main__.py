from anchored.cli import main

main()
