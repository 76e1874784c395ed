"""Drafting a report section by conversation: past sections as style models, the official's
numbers, comparisons computed in code, the figure guard on every draft, .docx export."""
