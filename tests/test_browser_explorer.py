"""The explorer in a real browser: Debian's headless Chromium driven by Selenium.

Set ``ZITAT_SCREENSHOTS_DIR=docs/screenshots`` to refresh the screenshots of the docs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from web_support import (
    SHORT_ARTICLE,
    TOKEN,
    XSS_IMG,
    XSS_SCRIPT,
    fill_store,
    live_server,
    malicious_result,
    sample_results,
    settings,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
MAX_SCREENSHOT_BYTES = 300 * 1024

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="Debian chromium and chromium-driver are not installed "
        "(apt-get install chromium chromium-driver)",
    ),
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("explorer")
    fill_store(folder / "store.db", [*sample_results(), malicious_result()])
    with live_server(settings(folder)) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    configured = os.environ.get("ZITAT_SCREENSHOTS_DIR")
    folder = Path(configured) if configured else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def wait_for(driver: WebDriver, css: str) -> WebElement:
    located = expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
    element: WebElement = WebDriverWait(driver, 20).until(located)
    return element


def shoot(driver: WebDriver, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    assert driver.save_screenshot(str(path))
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) < MAX_SCREENSHOT_BYTES


def assert_nothing_ran(driver: WebDriver) -> None:
    assert driver.execute_script("return window.__xss === undefined") is True


def test_paste_an_article_and_see_its_quotation(
    browser: WebDriver, base_url: str, screenshots: Path
) -> None:
    browser.get(base_url + "/")
    browser.find_element(By.ID, "text").send_keys(SHORT_ARTICLE)
    browser.find_element(By.ID, "title").send_keys("Die Kanzlerin in Berlin")
    browser.find_element(By.ID, "analyze-button").click()
    quote = wait_for(browser, "#article-text .z-quote")
    assert quote.text == "„Wir werden das schaffen“"
    assert "Direct" in (quote.get_attribute("title") or "")
    assert browser.find_element(By.ID, "article-title").text == "Die Kanzlerin in Berlin"
    label = browser.find_element(By.CSS_SELECTOR, ".quotation-item .speaker-label").text
    assert "Kanzlerin" in label
    drawn = browser.execute_script(
        "return getComputedStyle(document.querySelector('.z-label'), '::before').content"
    )
    assert "Kanzlerin" in drawn  # the speaker label is shown in the text, too
    cue = browser.find_element(By.CSS_SELECTOR, "#article-text .z-cue")
    assert cue.text == "sagte"

    item = browser.find_element(By.CSS_SELECTOR, ".quotation-item")
    ActionChains(browser).move_to_element(item).perform()
    assert "z-active" in (quote.get_attribute("class") or "")  # our script runs under the CSP
    shoot(browser, screenshots, "analyze")


def test_open_a_speaker_page_with_its_timeline(
    browser: WebDriver, base_url: str, screenshots: Path
) -> None:
    browser.get(base_url + "/articles/a-2")
    wait_for(browser, "#article-text .z-speaker")
    browser.find_element(By.LINK_TEXT, "Olaf Scholz").click()
    name = wait_for(browser, "#speaker-name")
    assert name.text == "Olaf Scholz"
    assert browser.current_url == base_url + "/speakers/per%3Aolaf-scholz"
    points = browser.find_elements(By.CSS_SELECTOR, "#speaker-timeline circle.statement")
    assert len(points) == 3
    assert all(p.size["width"] > 0 and p.is_displayed() for p in points)
    xs = sorted(p.location["x"] for p in points)
    assert xs[0] < xs[1] < xs[2]  # three different dates, left to right
    statements = browser.find_elements(By.CSS_SELECTOR, "li.statement")
    assert len(statements) == 3
    mark = statements[0].find_element(By.CSS_SELECTOR, ".in-context mark")
    assert mark.text == "„Wir halten Kurs“, sagte Scholz"
    assert (
        "am Dienstag in Berlin." in statements[0].find_element(By.CSS_SELECTOR, ".in-context").text
    )
    source = statements[0].find_element(By.CSS_SELECTOR, ".source").text
    assert "Artikel a-1" in source and "2024-01-16" in source and "test" in source
    shoot(browser, screenshots, "speaker")


def test_corpus_charts_are_drawn(browser: WebDriver, base_url: str, screenshots: Path) -> None:
    browser.get(base_url + "/corpus")
    bars = wait_for(browser, "#chart-per-month svg").find_elements(By.TAG_NAME, "rect")
    assert len(bars) == 4
    heights = [bar.size["height"] for bar in bars]
    assert heights[2] == pytest.approx(2 * heights[0], abs=1) and min(heights) > 0  # 1, 1, 2, 1
    speakers = browser.find_elements(By.CSS_SELECTOR, "#chart-top-speakers .label")
    assert [s.text for s in speakers[:2]] == ["Olaf Scholz", "Annalena Baerbock"]
    for chart in ("#chart-by-gender svg", "#chart-by-medium svg"):
        assert browser.find_element(By.CSS_SELECTOR, chart).size["height"] > 0
    assert browser.find_element(By.ID, "corpus-undated").text == "0 undated"
    assert_nothing_ran(browser)
    shoot(browser, screenshots, "corpus")


def test_search_page(browser: WebDriver, base_url: str, screenshots: Path) -> None:
    browser.get(base_url + "/search")
    field = wait_for(browser, "#search-form input[name=speaker]")
    field.send_keys("Scholz")
    field.submit()
    WebDriverWait(browser, 20).until(lambda d: "speaker=Scholz" in d.current_url)
    assert wait_for(browser, "#result-count").text == "3 quotations"
    assert len(browser.find_elements(By.CSS_SELECTOR, "tr.hit")) == 3
    outlet = browser.find_element(By.CSS_SELECTOR, "#search-form input[name=source]")
    outlet.send_keys("elsewhere")
    outlet.submit()
    WebDriverWait(browser, 20).until(lambda d: "source=elsewhere" in d.current_url)
    assert wait_for(browser, "#result-count").text == "0 quotations"
    shoot(browser, screenshots, "search")


def test_malicious_article_executes_nothing(browser: WebDriver, base_url: str) -> None:
    for path in ("/articles/evil-1", "/speakers/per%3Aevil-speaker", "/search", "/corpus"):
        browser.get(base_url + path)
        wait_for(browser, "main")
        assert_nothing_ran(browser)
        assert not browser.find_elements(By.CSS_SELECTOR, "main img, main script")
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "Evil <img src=x" in text  # shown as text, not turned into markup

    browser.get(base_url + "/")
    browser.find_element(By.ID, "text").send_keys(f"{XSS_SCRIPT} „{XSS_IMG}“, sagte er.")
    browser.find_element(By.ID, "analyze-button").click()
    article = wait_for(browser, "#article-text")
    assert XSS_SCRIPT in article.text
    assert_nothing_ran(browser)
    assert not browser.find_elements(By.CSS_SELECTOR, "#article-text img, #article-text script")


@pytest.fixture(scope="module")
def curation_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store of its own: the round trip changes its entities."""
    folder = tmp_path_factory.mktemp("curation")
    fill_store(folder / "store.db", sample_results())
    with live_server(settings(folder)) as url:
        yield url


def _statements(driver: WebDriver) -> list[WebElement]:
    wait_for(driver, "#speaker-name")
    return driver.find_elements(By.CSS_SELECTOR, "li.statement")


def _after(driver: WebDriver, click: WebElement, done: str) -> None:
    """Click, then wait until the page that the correction leads to is loaded."""
    driver.execute_script("window.__page = 'old'")
    click.click()
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script(
            "return window.__page === undefined && document.readyState === 'complete'"
        )
    )
    wait_for(driver, done)


def test_curation_round_trip(browser: WebDriver, curation_url: str, screenshots: Path) -> None:
    browser.get(curation_url + "/speakers/per%3Aannalena-baerbock")
    assert len(_statements(browser)) == 1
    browser.find_element(By.ID, "curator").send_keys("ana")
    token = browser.find_element(By.ID, "curation-token")
    token.send_keys("wrong-token")
    browser.find_element(By.CSS_SELECTOR, "#merge-form input[name=target_id]").send_keys(
        "per:olaf-scholz"
    )
    browser.find_element(By.CSS_SELECTOR, "#merge-form button").click()
    status = browser.find_element(By.ID, "curation-status")
    WebDriverWait(browser, 20).until(lambda _: "invalid bearer token" in status.text)
    token.clear()
    token.send_keys(TOKEN)
    browser.find_element(By.ID, "curator").click()  # leaving the field keeps it for the tab
    _after(browser, browser.find_element(By.CSS_SELECTOR, "#merge-form button"), "#speaker-name")
    assert browser.current_url == curation_url + "/speakers/per%3Aolaf-scholz"
    assert len(_statements(browser)) == 4  # Scholz's three and Baerbock's one

    name = browser.find_element(By.CSS_SELECTOR, "#rename-form input[name=name]")
    name.clear()
    name.send_keys("Die Ampel")
    _after(browser, browser.find_element(By.CSS_SELECTOR, "#rename-form button"), "#speaker-name")
    assert browser.find_element(By.ID, "speaker-name").text == "Die Ampel"
    assert browser.find_element(By.ID, "curation-token").get_attribute("value") == TOKEN

    first = _statements(browser)[0]
    _after(browser, first.find_element(By.CSS_SELECTOR, ".reject-speaker"), "#speaker-name")
    second = _statements(browser)[0]
    _after(browser, second.find_element(By.CSS_SELECTOR, ".split-speaker"), "#speaker-name")
    assert len(_statements(browser)) == 2
    shoot(browser, screenshots, "curation")

    browser.get(curation_url + "/corrections")
    rows = wait_for(browser, "#correction-log").find_elements(By.CSS_SELECTOR, "tbody tr")
    actions = [row.find_elements(By.TAG_NAME, "td")[2].text for row in rows]
    assert actions == ["merge", "rename", "reject", "split"]
    assert all(row.find_elements(By.TAG_NAME, "td")[1].text == "ana" for row in rows)


def test_the_api_page_sends_requests(browser: WebDriver, curation_url: str) -> None:
    browser.get(curation_url + "/docs")
    health = wait_for(browser, 'form.try-it[data-path="/api/health"]')
    health.find_element(By.TAG_NAME, "button").click()
    answer = health.find_element(By.CSS_SELECTOR, ".try-result")
    WebDriverWait(browser, 20).until(lambda _: answer.get_attribute("data-status") == "200")
    assert '"status": "ok"' in answer.text
    speaker = browser.find_element(
        By.CSS_SELECTOR, 'form.try-it[data-path="/api/speakers/{entity_id}"]'
    )
    speaker.find_element(By.NAME, "entity_id").send_keys("per:olaf-scholz")
    speaker.find_element(By.TAG_NAME, "button").click()
    answer = speaker.find_element(By.CSS_SELECTOR, ".try-result")
    WebDriverWait(browser, 20).until(lambda _: answer.get_attribute("data-status") == "200")
    assert "GET /api/speakers/per%3Aolaf-scholz" in answer.text
    write = browser.find_element(
        By.CSS_SELECTOR, 'form.try-it[data-method="POST"][data-path="/api/corrections"]'
    )
    write.find_element(By.TAG_NAME, "button").click()  # no token given
    answer = write.find_element(By.CSS_SELECTOR, ".try-result")
    WebDriverWait(browser, 20).until(lambda _: answer.get_attribute("data-status") == "401")
    assert_nothing_ran(browser)
