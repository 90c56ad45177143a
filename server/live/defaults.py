"""The live server's defaults that the command line shows before any server is made."""

DEFAULT_PORT = 8765
