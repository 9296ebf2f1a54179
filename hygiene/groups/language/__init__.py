"""The ``language`` group (LG): stray scripts and languages, and the document facets
``scripts`` and ``language``.
"""
