"""Text helpers any layer may use: scripts of characters, white space, phrase matching.
They import nothing else of hygiene.
"""
