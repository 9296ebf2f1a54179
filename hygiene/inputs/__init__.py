"""Inputs: finding the files of a run, reading and decoding them, and JSON Lines corpora."""
