"""ITA Desk: ITA scores, analysis, measures and official memos for Thai local governments."""

__version__ = "0.1.0"
