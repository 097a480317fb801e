"""The fixer: plan the commands that resolve findings, apply them, write the shell snippet."""
