"""The ``suppression`` group (SU): directives that no longer hide anything."""
