"""Recipes as data (recipes/*.toml) and what the doctor learns about one on disk."""
