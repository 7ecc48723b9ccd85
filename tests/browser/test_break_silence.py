import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_a_delegate_breaks_silence(portal, page, open_procedure):
    # given: the delegate signs in and opens the procedure from the workspace
    sign_in(page, portal, "kz", "a long delegate passphrase")
    page.goto(f"{portal}/en/workspace/")
    page.get_by_role("link", name="Statement on connectivity").first.click()
    page.wait_for_url(f"{portal}/en/procedures/{open_procedure.pk}/")
    expect(page.get_by_text("Time left")).to_be_visible()
    # The deadline in the viewer's own zone, and a countdown, filled in by the page's script.
    expect(page.locator("[data-local-time]")).not_to_be_empty()
    expect(page.locator("[data-countdown]")).to_contain_text("days")

    # when: it breaks silence, and confirms
    page.get_by_label("Reason").fill("The text needs another paragraph.")
    page.get_by_role("button", name="Break silence").click()
    page.get_by_role("button", name="Confirm: break silence").click()

    # then
    expect(page.locator(".status")).to_contain_text("silence broken")
    expect(page.get_by_text("Kazakhstan broke silence")).to_be_visible()
    expect(page.get_by_role("button", name="Break silence")).to_have_count(0)
