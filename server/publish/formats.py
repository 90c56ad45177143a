"""The package's formats, named apart from the code that writes them so that the command
line and the console can offer them without importing it."""

# The convocation notice ("zawiadomienie", published before the sitting) is made only when
# asked for, since the record after the sitting is another file.
DEFAULT_FORMATS = ("csv", "csv-excel", "json", "html", "pdf", "md")
FORMATS = (*DEFAULT_FORMATS, "zawiadomienie")
