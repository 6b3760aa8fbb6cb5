"""Garbage is collected on the GUI thread (itadesk/ui/gc_guard.py): the automatic collector is
off, and the GUI thread's timer collects once the first generation is past its threshold."""

import gc
import threading


def test_collection_moves_to_the_gui_thread(qtbot, qapp):
    from itadesk.ui import gc_guard

    col = gc_guard.install(qapp)
    assert not gc.isenabled()
    seen = []
    gc.callbacks.append(lambda phase, info: seen.append(threading.current_thread().name) if phase == "start" else None)
    try:
        junk = []
        for _ in range(col.threshold[0] * 3):     # cycles: only the collector frees them
            a: list = []
            a.append(a)
            junk.append(a)
        del junk
        worker = threading.Thread(target=lambda: [[] for _ in range(col.threshold[0] * 3)], name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(seen), timeout=3000)
        assert set(seen) == {threading.main_thread().name}
    finally:
        gc.callbacks.pop()
