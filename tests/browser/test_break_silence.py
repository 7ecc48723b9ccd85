import pytest

from cica.accounts import actions as accounts
from cica.decisions import actions
from cica.registry.models import Body

pytestmark = pytest.mark.browser


@pytest.fixture
def open_procedure(committed_reference):
    officer = accounts.create_user(acting_user=None, username="officer", role="secretariat")
    accounts.create_user(
        acting_user=None,
        username="kz",
        role="delegate",
        state_code="KZ",
        password="a long delegate passphrase",
    )
    draft = actions.create_draft(
        acting_user=officer,
        kind="statement",
        title="Statement on connectivity",
        text_en="The Member States support connectivity.",
        text_ru="Государства-члены ...",
    )
    return actions.open_silence_procedure(
        acting_user=officer, version=draft.versions.get(), body=Body.objects.get(key="soc")
    )


def test_a_delegate_breaks_silence(portal, page, open_procedure):
    # given: the delegate signs in and opens the procedure from the workspace
    page.goto(f"{portal}/en/login/")
    page.get_by_label("Username").fill("kz")
    page.get_by_label("Password").fill("a long delegate passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{portal}/en/workspace/")
    page.get_by_role("link", name="Statement on connectivity").first.click()
    assert page.get_by_text("Time left").is_visible()
    # The deadline in the viewer's own zone, and a countdown, filled in by the page's script.
    assert page.locator("[data-local-time]").inner_text()
    assert "days" in page.locator("[data-countdown]").inner_text()

    # when: it breaks silence, and confirms
    page.get_by_label("Reason").fill("The text needs another paragraph.")
    page.get_by_role("button", name="Break silence").click()
    page.get_by_role("button", name="Confirm: break silence").click()

    # then
    page.wait_for_url(f"{portal}/en/procedures/{open_procedure.pk}/")
    assert "silence broken" in page.locator(".status").inner_text()
    assert page.get_by_text("Kazakhstan broke silence").is_visible()
    assert page.get_by_role("button", name="Break silence").count() == 0
