"""One module per `main.py` sub-command, each with `add_parser(subparsers)` and `run(args) -> int`.

`core.cli.COMMANDS` lists them; a module that does not exist yet is skipped.
"""
