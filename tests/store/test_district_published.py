"""An office that kept only the NACC's published total for a year (no indicator scores) is in
that year's district ranking, and that total is its previous year for the next one.
Figures from the signed memos: seed 000 (เทศบาลตำบลเวียง) 2564: 95.13, AA (published only);
seed 001 (เทศบาลตำบลโนนทอง) 2564: 85.56, A, computed from its ten indicator scores."""

from decimal import Decimal

from itadesk.store.dossier import import_dossier, load_dossier_file
from itadesk.store.district import district_results
from itadesk.store.session import open_database


def test_published_only_office_is_ranked(tmp_path, examples_dir):
    db = open_database(f"sqlite:///{tmp_path / 'd.sqlite3'}")
    with db.session() as s, s.begin():
        for name in ("seed000_wiang_results_2565.json", "seed001_nonthong_analysis_2565.json"):
            import_dossier(s, load_dossier_file(examples_dir / name), source_dir=examples_dir)
    with db.session() as s:
        res = {r.office: r for r in district_results(s, 2564)}
    db.dispose()
    wiang = next(r for name, r in res.items() if name.startswith("เทศบาลตำบลเวียง"))
    nonthong = res["เทศบาลตำบลโนนทอง"]
    assert (wiang.rank, wiang.total, wiang.level) == (1, Decimal("95.13"), "AA")
    assert (nonthong.rank, nonthong.total, nonthong.level) == (2, Decimal("85.56"), "A")
