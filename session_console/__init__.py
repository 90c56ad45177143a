"""The secretary's console (Textual) and the `sesja` command line."""
