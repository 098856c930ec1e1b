"""The look-up page: who a participant is and what is due, or what a bill holds."""
