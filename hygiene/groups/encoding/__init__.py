"""The ``encoding`` group (EN): mojibake, legacy code pages and undecodable bytes."""
