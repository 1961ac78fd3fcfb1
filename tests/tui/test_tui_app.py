"""The app's comparison cache: each pair of articles is compared once, whoever asks."""

from __future__ import annotations

import asyncio

import newsdiff.tui.app as app_module
from newsdiff.engine.pair import compare
from newsdiff.tui.app import NewsdiffApp

from .tui_support import settle


async def test_a_pair_is_compared_once_in_either_order(sample_app: NewsdiffApp,
                                                       monkeypatch) -> None:
    calls: list[tuple[object, object]] = []

    def counting_compare(a, b):
        calls.append((a, b))
        return compare(a, b)

    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)  # the library has compared article 0 with the rest
        monkeypatch.setattr(app_module, "compare", counting_compare)
        # Three askers at once, one of them the other way round: one computation.
        first, again, mirrored = await asyncio.gather(
            sample_app.comparison(2, 3), sample_app.comparison(2, 3),
            sample_app.comparison(3, 2))
        assert len(calls) == 1
        assert calls[0] == (sample_app.analysis(2), sample_app.analysis(3)), (
            "each article analysed once, by the library, and reused")
        assert first is again
        assert mirrored == first.swapped() == compare(first.b, first.a)
        # A pair the library already compared is not compared again, either way round.
        await sample_app.comparison(1, 0)
        assert len(calls) == 1


async def test_a_cancelled_asker_does_not_cancel_the_others(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        impatient = asyncio.ensure_future(sample_app.comparison(3, 4))
        patient = asyncio.ensure_future(sample_app.comparison(3, 4))
        await asyncio.sleep(0)
        impatient.cancel()
        result = await patient
        assert result.a.outlet == sample_app.entries[3].article.outlet
        assert sample_app.cached(3, 4) is result
