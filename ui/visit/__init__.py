"""Shift+F3: a Perisai agent's collective visit."""
