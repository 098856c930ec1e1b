"""The Agen page: the register of Perisai agents and, for a supervisor, their statements."""
