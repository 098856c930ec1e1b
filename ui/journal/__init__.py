"""F5: the journal of the day's transactions, reprints and voids."""
