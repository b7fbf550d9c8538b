import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from petition_desk.db.ledger_query import COLUMN_KEYS, TierFilter
from petition_desk.ui.ledger_model import CaseIdRole, TierRole
from petition_desk.ui.ledger_page import LedgerPage
from tests.helpers.gui import type_text


@pytest.fixture
def page(ctx, some_cases, qtbot):
    p = LedgerPage(ctx)
    qtbot.addWidget(p)
    p.resize(1300, 700)
    p.show()
    wait_loaded(qtbot, p)
    yield p
    p.reader.close()


def wait_loaded(qtbot, page):
    qtbot.waitUntil(lambda: page.model.count is not None and not page.model.loading, timeout=5000)


def numbers(page):
    col = COLUMN_KEYS.index("number")
    return [page.model.index(r, col).data() for r in range(page.model.rowCount())]


def test_all_cases_newest_first(page):
    assert numbers(page) == ["2026-0002", "2026-0001", "2026-0003"]  # by received time
    assert "3" in page.count_label.text()


def test_filters_combine_and_the_count_follows(page, qtbot):
    page.category.setCurrentIndex(page.category.findData("民政"))
    wait_loaded(qtbot, page)
    assert numbers(page) == ["2026-0002"]
    assert page.model.count == 1
    page.reset_filters()
    wait_loaded(qtbot, page)
    page.collective.setChecked(True)
    wait_loaded(qtbot, page)
    assert numbers(page) == ["2026-0003"]


def test_search_box_narrows(page, qtbot):
    type_text(qtbot, page.search, "低保")
    qtbot.waitUntil(lambda: numbers(page) == ["2026-0002"], timeout=3000)
    page.search.clear()
    type_text(qtbot, page.search, "zjg")
    qtbot.waitUntil(lambda: numbers(page) == ["2026-0001"], timeout=3000)


def test_tier_filter_and_colour(page, qtbot):
    # 2026-0003 was received 1 Sep and never handled: its notice limit passed long ago.
    page.show_tier(TierFilter.SERIOUS)
    wait_loaded(qtbot, page)
    assert numbers(page) == ["2026-0003"]
    index = page.model.index(0, COLUMN_KEYS.index("next_due"))
    assert index.data(TierRole) == "严重超期"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_sorting_happens_in_sql(page, qtbot):
    page.view.sortByColumn(COLUMN_KEYS.index("number"), Qt.SortOrder.AscendingOrder)
    wait_loaded(qtbot, page)
    assert numbers(page) == ["2026-0001", "2026-0002", "2026-0003"]
    assert page.model.index(0, 0).data(CaseIdRole) is not None


def test_model_passes_the_item_model_tester(page, qtbot):
    QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    page.category.setCurrentIndex(page.category.findData("民政"))
    wait_loaded(qtbot, page)
    page.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    wait_loaded(qtbot, page)


def test_paging_fetches_more_on_demand(ctx, qtbot, monkeypatch):
    """A bare model (no view to scroll) loads one page, then one more per fetchMore."""
    import petition_desk.ui.ledger_model as lm
    from petition_desk.services.registration import register_case
    from petition_desk.ui.workers import ReaderPool
    from tests.helpers import NOW, case_input

    monkeypatch.setattr(lm, "PAGE", 5)
    for _ in range(12):
        register_case(ctx.conn, case_input(), ctx.user, NOW)
    reader = ReaderPool(ctx.db_path, key=ctx.key)
    model = lm.LedgerModel(reader, ctx.rules, ctx.today)
    model.reload()
    qtbot.waitUntil(lambda: model.count is not None and not model.loading, timeout=3000)
    assert model.rowCount() == 5 and model.count == 12
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 10, timeout=3000)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 12, timeout=3000)
    assert not model.canFetchMore()
    reader.close()


def test_estimate_first_then_the_exact_count_from_its_own_pool(ctx, qtbot, monkeypatch):
    """A full first page gives an estimate at once; the exact count follows from the count
    pool, and the label says which it shows."""
    import petition_desk.ui.ledger_model as lm
    from conftest import NOW, case_input
    from petition_desk.services.registration import register_case

    monkeypatch.setattr(lm, "PAGE", 5)
    for _ in range(12):
        register_case(ctx.conn, case_input(summary="反映低保未批"), ctx.user, NOW)
    page = LedgerPage(ctx)
    qtbot.addWidget(page)
    counts: list[tuple[int, bool]] = []
    page.model.countChanged.connect(lambda n: counts.append((n, page.model.count_exact)))
    page.search.setText("低保")
    page.apply_filters()
    qtbot.waitUntil(lambda: page.model.count_exact, timeout=3000)
    assert counts[0][1] is False and counts[-1] == (12, True)
    assert "12" in page.count_label.text() and "约" not in page.count_label.text()
    page.reader.close()
    page.counter.close()
