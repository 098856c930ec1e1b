"""The receipt after every capture: shown, printed, saved."""
