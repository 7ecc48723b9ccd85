"""A page answered from the browser's cache after a 304 shows as it did: the headers the 304
merges in carry no other Content-Security-Policy, so nothing of the page is blocked."""

import pytest

pytestmark = pytest.mark.browser


def test_a_reload_is_answered_304_and_the_page_stays_whole(portal, page):
    # given
    problems, on_the_wire = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{portal}/en/meetings/")
    font = page.locator("body").evaluate("body => getComputedStyle(body).fontFamily")
    heading = page.locator("h1").first.inner_text()
    # Playwright reports the kept response (200); the status sent is in Chrome's raw events.
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.on(
        "Network.responseReceivedExtraInfo", lambda event: on_the_wire.append(event["statusCode"])
    )

    # when
    page.reload()
    page.wait_for_load_state("load")

    # then
    assert 304 in on_the_wire
    assert page.locator("h1").first.inner_text() == heading
    # The stylesheet still applies (CSP style-src) and nothing was refused.
    assert page.locator("body").evaluate("body => getComputedStyle(body).fontFamily") == font
    assert problems == []
