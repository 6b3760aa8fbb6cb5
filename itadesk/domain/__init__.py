"""Pure domain logic: ITA frameworks, scoring, analysis, measures, Thai formatting.

Nothing here imports Qt or SQLAlchemy (tests/test_layers.py checks it).
"""
