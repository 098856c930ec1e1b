"""The claims page: what became of the JHT claims handed over here."""
