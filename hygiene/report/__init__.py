"""The report: its model and records, rule documentation, formatters and JSON Schemas."""
