"""`sesja import`: named votes from the files councils publish, into a sitting entered
afterwards. `reading` turns a CSV or XLSX file into rows of text, `layouts` finds the votes
in either layout, `answers` reads the answer words and codes, `plan` makes the commands."""
