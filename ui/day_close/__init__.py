"""Opening the business day with its float, and closing it: count, approval, report."""
