"""Configuration: the settings file, flags, per-path settings and path matching."""
