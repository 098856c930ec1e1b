"""The supervisor's summary page (F10) and its painted charts."""
