"""Declarative rule packs (data, not code).

This file exists only so that setuptools can ship this folder inside the package
as ``hygiene.builtin_packs``, in a wheel and in an editable install alike.
"""
