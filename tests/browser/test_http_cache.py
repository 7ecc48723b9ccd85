"""A page answered from the browser's cache after a 304 shows as it did: the headers the 304
merges in carry no other Content-Security-Policy, so nothing of the page is blocked."""

import pytest

pytestmark = pytest.mark.browser


def test_a_reload_is_answered_304_and_the_page_stays_whole(portal, page):
    # given
    problems, statuses = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{portal}/en/meetings/")
    font = page.locator("body").evaluate("body => getComputedStyle(body).fontFamily")

    # when
    def seen(response):
        if response.url.endswith("/en/meetings/"):
            statuses.append(response.status)

    page.on("response", seen)
    page.reload()

    # then
    assert statuses == [304]
    assert page.locator("h1").first.is_visible()
    # The stylesheet still applies (CSP style-src) and nothing was refused.
    assert page.locator("body").evaluate("body => getComputedStyle(body).fontFamily") == font
    assert problems == []
