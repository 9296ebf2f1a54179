"""Where rules come from and which run: the built-in groups, TOML packs, the declarative
kinds they compile to, and the configured rule set.
"""
