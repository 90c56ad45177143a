"""Widgets the console's panes are built from."""
