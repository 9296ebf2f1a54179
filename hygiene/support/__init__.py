"""Plumbing every layer may lean on: atomic writes, the derived-data cache, the shipped
files, escaping text for terminals, JSON and XML.
"""
