"""Rule groups, one subpackage each, holding its rules and the analysis they need.
A group imports only core, text and support (and the shared lexicons here); never
another group.
"""
