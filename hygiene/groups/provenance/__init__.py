"""The ``provenance`` group (PV): quotations and who said them, source credits, and the
document facet ``provenance``.
"""
