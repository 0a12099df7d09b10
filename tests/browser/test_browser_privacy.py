"""Nothing entered leaves the device: no request to any other origin, no cookies, no
storage of what was entered, and the case travels only in the URL fragment."""

from __future__ import annotations

from typing import Any

from cases import CASES
from estimator_page import PAGES, fill_case, open_estimator, submit


def test_a_full_session_stays_on_this_origin(fresh_context: Any, base_url: str) -> None:
    context = fresh_context  # a first visit: service worker, runtime download, search
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for lang in PAGES:
        open_estimator(page, base_url, lang)
        for name in list(CASES)[:2]:
            fill_case(page, CASES[name])
            submit(page)
            page.wait_for_selector(".est-chart:not([hidden])")
    foreign = [u for u in requests
               if not u.startswith(base_url) and not u.startswith(("data:", "blob:"))]
    assert requests and not foreign, foreign
    # The fragment holding the case is never part of a request.
    assert not [u for u in requests if "case=" in u]
    assert any("/pyodide/" in u for u in requests), "the runtime's requests were not seen"
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
