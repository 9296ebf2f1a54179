"""The framework that knows no rule group: documents and their scopes, the Rule type, the
engine that runs rules over a document, findings, directives and the error model.
"""
