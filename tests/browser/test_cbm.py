import datetime as dt

import pytest
from playwright.sync_api import expect

from cica.accounts import actions as accounts
from cica.core import clock
from cica.core.roles import SYSTEM
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def kz_delegate(committed_reference):
    return accounts.create_user(
        acting_user=SYSTEM,
        username="kz-cbm",
        role="delegate",
        state_code="KZ",
        password="a long delegate passphrase",
    )


def test_a_delegate_records_an_activity_and_sees_it_in_the_review(portal, page, kz_delegate):
    held_on = clock.today() - dt.timedelta(days=3)
    sign_in(page, portal, "kz-cbm", "a long delegate passphrase")
    page.goto(f"{portal}/en/cbm/areas/tourism/")
    page.get_by_role("link", name="Record an activity").click()

    page.get_by_label("Kind").select_option("workshop")
    page.get_by_label("Title").fill("Workshop on sustainable tourism routes")
    page.get_by_label("Start").fill(held_on.isoformat())
    page.get_by_label("Participating states").select_option(["CN", "TJ"])
    page.get_by_label("Summary").fill("Experts of three member states mapped cross-border routes.")
    page.get_by_role("button", name="Record").click()

    expect(page.locator("h1")).to_have_text("Workshop on sustainable tourism routes")
    expect(page.get_by_text("Awaiting validation")).to_be_visible()
    page.goto(f"{portal}/en/cbm/review/")
    cells = (
        page.get_by_role("region", name="By priority area")
        .get_by_role("row")
        .filter(has=page.get_by_role("link", name="Tourism"))
        .get_by_role("cell")
    )
    # Coordinator, co-coordinators, planned, held (validated), awaiting validation.
    expect(cells.nth(0)).to_have_text("Tajikistan")
    expect(cells.nth(3)).to_have_text("0")
    expect(cells.nth(4)).to_have_text("1")
