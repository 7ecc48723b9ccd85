import pytest
from playwright.sync_api import expect

from cica.accounts import actions as accounts
from cica.core.roles import SYSTEM
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def officer(committed_reference, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return accounts.create_user(
        acting_user=SYSTEM, username="registrar", role="secretariat", password="a long passphrase!"
    )


def test_an_officer_attaches_a_text_and_a_visitor_finds_it_by_another_form_of_a_word(
    portal, page, officer, tmp_path
):
    text = tmp_path / "almaty-act-ru.txt"
    text.write_text("Государства-члены приняли решение о создании Секретариата.", "utf-8")
    sign_in(page, portal, "registrar", "a long passphrase!")
    page.goto(f"{portal}/ru/documents/almaty-act/")

    page.get_by_label("Файл (PDF, DOCX или TXT)").set_input_files(str(text))
    page.get_by_label("Язык").select_option("ru")
    page.get_by_role("button", name="Приложить").click()

    expect(page.get_by_role("link", name="almaty-act-ru.txt")).to_be_visible()
    page.goto(f"{portal}/ru/documents/search/")
    page.get_by_label("Слова").fill("решения секретариат")
    page.get_by_role("button", name="Найти").click()
    result = page.get_by_role("listitem").filter(has_text="Алматинский акт")
    expect(result.locator("mark").first).to_have_text("решение")
