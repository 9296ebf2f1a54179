"""The ``boilerplate`` group (BP): page furniture that Python rules recognise by layout,
beside the declarative boilerplate packs.
"""
