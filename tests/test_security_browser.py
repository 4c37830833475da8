"""XSS in a real browser through the inputs the explorer's own browser test leaves out: entity
and article ids that end up in links, reflected search parameters, error pages, the source
field and uploaded file names. Reuses the Selenium fixture of test_browser_explorer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from test_browser_explorer import browser, pytestmark, wait_for  # noqa: F401
from web_support import fill_store, live_server, quoted_result, settings, speaker_entity

PAYLOADS = (
    '"><script>window.__xss = 1</script>',
    '\'><img src=x onerror="window.__xss = 2">',
    '<svg onload="window.__xss = 3"></svg>',
    "javascript:window.__xss = 4",
    "</title><script>window.__xss = 5</script>",
)
EVIL = " ".join(PAYLOADS)
EVIL_ENTITY_ID = 'evil"><img src=x onerror="window.__xss = 6">'
EVIL_ARTICLE_ID = "evil-article<script>window.__xss = 7</script>"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    speaker = replace(speaker_entity(), id=EVIL_ENTITY_ID, name=f"Name {EVIL}", role=EVIL)
    result = quoted_result(EVIL_ARTICLE_ID, "2024-04-01", speaker=speaker, extra=f" {EVIL}")
    result.document.title = f"Titel {EVIL}"
    result.document.source = f"Quelle {EVIL}"
    folder = tmp_path_factory.mktemp("security-browser")
    fill_store(folder / "store.db", [result])
    with live_server(settings(folder)) as url:
        yield url


def assert_inert(driver: WebDriver, where: str) -> None:
    assert driver.execute_script("return window.__xss === undefined") is True, where
    try:
        alert = driver.switch_to.alert
    except NoAlertPresentException:
        return
    alert.dismiss()
    raise AssertionError(f"an alert opened on {where}")


def visit(driver: WebDriver, url: str) -> None:
    driver.get(url)
    wait_for(driver, "body")
    assert_inert(driver, url)


def test_ids_names_and_sources_in_links_and_charts_stay_inert(
    browser: WebDriver,  # noqa: F811
    base_url: str,
) -> None:
    for path in (
        f"/articles/{quote(EVIL_ARTICLE_ID, safe='')}",
        f"/speakers/{quote(EVIL_ENTITY_ID, safe='')}",
        "/corpus",
        "/search",
    ):
        visit(browser, base_url + path)
        assert not browser.find_elements(
            By.CSS_SELECTOR, "main script, main img, main svg a[href^=javascript]"
        )
    for link in browser.find_elements(By.CSS_SELECTOR, "a[href]"):
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    link = browser.find_element(By.CSS_SELECTOR, "main a[href*='/speakers/']")
    link.click()
    wait_for(browser, "main")
    assert_inert(browser, "the speaker page reached by its link")
    assert "Name " in browser.find_element(By.TAG_NAME, "main").text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_reflected_parameters_and_error_pages_stay_inert(
    browser: WebDriver,  # noqa: F811
    base_url: str,
    payload: str,
) -> None:
    quoted = quote(payload, safe="")
    for path in (
        f"/search?speaker={quoted}&text={quoted}&source={quoted}&entity_id={quoted}",
        f"/search?type={quoted}",
        f"/search?date_from={quoted}",
        f"/corpus?speaker={quoted}",
        f"/articles/{quoted}",
        f"/speakers/{quoted}",
        f"/{quoted}",
    ):
        visit(browser, base_url + path)


def test_uploaded_file_name_stays_inert(
    browser: WebDriver,  # noqa: F811
    base_url: str,
    tmp_path: Path,
) -> None:
    upload = tmp_path / 'x\'><img src=x onerror="window.__xss = 8">.txt'
    upload.write_text(f"„{PAYLOADS[0]}“, sagte die Kanzlerin am Montag.", encoding="utf-8")
    visit(browser, base_url + "/")
    browser.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(upload))
    browser.find_element(By.ID, "analyze-button").click()
    wait_for(browser, "#article-text")
    assert_inert(browser, "the analysis of an uploaded file")
