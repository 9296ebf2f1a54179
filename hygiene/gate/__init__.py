"""What stands between findings and a verdict: suppressions, the baseline, the git diff,
and fixing what was found.
"""
