"""Receipts: what they say (model), how they look on paper (layout), and the PDF they become."""
