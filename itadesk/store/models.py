"""ORM classes, named after the things they hold (never ``*Model``: that name is Qt's).

Lists that are always read and written whole with their owner (steps, units, paragraphs,
the signature chain) are JSON columns; things with identity or that are queried (scores,
measures, reports, evidence) are rows.  Main tables carry a ``version`` column used for
optimistic locking, so two clerks on one server never overwrite each other silently.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String,
                        Text, UniqueConstraint, func)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from .types import Score


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Versioned:
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp(),
                                                    onupdate=func.current_timestamp())

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # Every UPDATE checks and bumps `version`: a row changed by someone else since it was
        # read raises StaleDataError instead of being silently overwritten.
        return {"version_id_col": cls.__table__.c.version}


class Office(Versioned, Base):
    __tablename__ = "office"
    # An office is its name + amphoe + province (several เทศบาลตำบลเวียง exist, in different
    # provinces); two rows of the same office would split its data (revision 0003).  A unique
    # index, not a table constraint: adding it needs no table rebuild on SQLite.
    __table_args__ = (Index("uq_office_identity", "name", "amphoe", "province", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500), index=True)
    kind: Mapped[str] = mapped_column(String(200), default="")
    amphoe: Mapped[str] = mapped_column(String(200), default="")
    province: Mapped[str] = mapped_column(String(200), default="")
    doc_prefix: Mapped[str] = mapped_column(String(100), default="")
    website: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    thai_digits: Mapped[bool] = mapped_column(Boolean, default=True)
    font: Mapped[str] = mapped_column(String(200), default="")
    emblem_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    units: Mapped[list[Any]] = mapped_column(JSON, default=list)
    notes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # The office's own analysis rules (keys of resources/analysis/rules.toml, values as text);
    # None = the program's defaults.  Kept in the database so every clerk of the office and
    # every printed analysis use the same rules (revision 0002).
    analysis_rules: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    people: Mapped[list[Person]] = relationship(back_populates="office", cascade="all, delete-orphan",
                                                order_by="Person.position_order")
    assessments: Mapped[list[Assessment]] = relationship(back_populates="office",
                                                         cascade="all, delete-orphan",
                                                         order_by="Assessment.fiscal_year")
    measures: Mapped[list[Measure]] = relationship(back_populates="office", cascade="all, delete-orphan",
                                                   order_by="Measure.position_order")
    memos: Mapped[list[Memo]] = relationship(back_populates="office", cascade="all, delete-orphan",
                                             order_by="Memo.position_order")


class Person(Base):
    """Someone who signs: author or a level of the comment chain."""

    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("office_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(500))
    position: Mapped[str] = mapped_column(String(500), default="")
    acting_for: Mapped[str | None] = mapped_column(String(500), nullable=True)
    unit: Mapped[str | None] = mapped_column(String(500), nullable=True)
    position_order: Mapped[int] = mapped_column(Integer, default=0)

    office: Mapped[Office] = relationship(back_populates="people")


class Assessment(Versioned, Base):
    """One fiscal year's ITA result of an office."""

    __tablename__ = "assessment"
    __table_args__ = (UniqueConstraint("office_id", "fiscal_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id", ondelete="CASCADE"), index=True)
    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)
    published_total: Mapped[Decimal | None] = mapped_column(Score, nullable=True)
    published_level: Mapped[str | None] = mapped_column(String(100), nullable=True)

    office: Mapped[Office] = relationship(back_populates="assessments")
    indicator_scores: Mapped[list[IndicatorScore]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="IndicatorScore.indicator")
    item_scores: Mapped[list[ItemScore]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="ItemScore.position_order")
    analysis_notes: Mapped[list[AnalysisNote]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="AnalysisNote.indicator")

    def scores(self) -> dict[int, Decimal]:
        return {s.indicator: s.score for s in self.indicator_scores if s.score is not None}


class IndicatorScore(Base):
    __tablename__ = "indicator_score"
    __table_args__ = (UniqueConstraint("assessment_id", "indicator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    indicator: Mapped[int] = mapped_column(Integer)
    score: Mapped[Decimal | None] = mapped_column(Score, nullable=True)

    assessment: Mapped[Assessment] = relationship(back_populates="indicator_scores")


class ItemScore(Base):
    __tablename__ = "item_score"
    __table_args__ = (UniqueConstraint("assessment_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    score: Mapped[Decimal | None] = mapped_column(Score, nullable=True)
    position_order: Mapped[int] = mapped_column(Integer, default=0)

    assessment: Mapped[Assessment] = relationship(back_populates="item_scores")


class AnalysisNote(Versioned, Base):
    __tablename__ = "analysis_note"
    __table_args__ = (UniqueConstraint("assessment_id", "indicator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    indicator: Mapped[int] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(String(20), nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    suggestions: Mapped[list[Any]] = mapped_column(JSON, default=list)

    assessment: Mapped[Assessment] = relationship(back_populates="analysis_notes")


class Measure(Versioned, Base):
    __tablename__ = "measure"
    __table_args__ = (UniqueConstraint("office_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)
    indicators: Mapped[list[Any]] = mapped_column(JSON, default=list)
    items: Mapped[list[Any]] = mapped_column(JSON, default=list)
    title: Mapped[str] = mapped_column(Text)
    steps: Mapped[list[Any]] = mapped_column(JSON, default=list)
    units: Mapped[list[Any]] = mapped_column(JSON, default=list)
    period: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    monitoring: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    output: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    suggestions: Mapped[str] = mapped_column(Text, default="")
    position_order: Mapped[int] = mapped_column(Integer, default=0)

    office: Mapped[Office] = relationship(back_populates="measures")
    evidence: Mapped[list[Evidence]] = relationship(back_populates="measure", cascade="all, delete-orphan",
                                                    order_by="Evidence.position_order")
    reports: Mapped[list[ProgressReport]] = relationship(back_populates="measure",
                                                         cascade="all, delete-orphan",
                                                         order_by="ProgressReport.position_order")


class Evidence(Base):
    """A file reference: the file itself is copied into the data folder's evidence/."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    file: Mapped[str | None] = mapped_column(String(500), nullable=True)
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    position_order: Mapped[int] = mapped_column(Integer, default=0)

    measure: Mapped[Measure] = relationship(back_populates="evidence")


class ProgressReport(Base):
    """A six-month or year-end report on a measure; each one is kept."""

    __tablename__ = "progress_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    output: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    position_order: Mapped[int] = mapped_column(Integer, default=0)

    measure: Mapped[Measure] = relationship(back_populates="reports")


class Memo(Versioned, Base):
    __tablename__ = "memo"
    __table_args__ = (UniqueConstraint("office_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    form: Mapped[str] = mapped_column(String(64))
    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)
    unit: Mapped[str] = mapped_column(String(500), default="")
    doc_no: Mapped[str] = mapped_column(String(100), default="")
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    subject: Mapped[str] = mapped_column(Text)
    to: Mapped[str] = mapped_column(String(500), default="")
    sections: Mapped[list[Any]] = mapped_column(JSON, default=list)
    closing: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    chain: Mapped[list[Any]] = mapped_column(JSON, default=list)
    attachments: Mapped[list[Any]] = mapped_column(JSON, default=list)
    position_order: Mapped[int] = mapped_column(Integer, default=0)

    office: Mapped[Office] = relationship(back_populates="memos")
