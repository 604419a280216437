"""The site in a real browser: headless Chromium opens it, runs a saved query in the editor and sees the
results, and answers the mandates question through the picker. Every request it makes stays on 127.0.0.1."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def wait_for(driver: webdriver.Chrome, condition: Callable[[webdriver.Chrome], object], seconds: float = 20) -> object:
    return WebDriverWait(driver, seconds).until(condition)


def shoot(driver: webdriver.Chrome, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def requested_hosts(driver: webdriver.Chrome) -> set[str]:
    """Hosts of every request the page made (Chrome DevTools performance log)."""
    hosts: set[str] = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if url.startswith(("http://", "https://", "ws://", "wss://")):
                hosts.add(urlsplit(url).hostname or "")
    return hosts


def test_home_page_opens(browser: webdriver.Chrome, server: str) -> None:
    browser.get(server + "/")
    assert "unodc-kg" in browser.title
    links = {a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "nav a")}
    assert f"{server}/editor" in links and f"{server}/queries" in links
    shoot(browser, "home")


def test_a_saved_query_runs_in_the_editor(browser: webdriver.Chrome, server: str) -> None:
    browser.get_log("performance")  # forget what earlier pages requested
    browser.get(server + "/queries")
    run = browser.find_element(By.CSS_SELECTOR, "a[href*='query=deliverables-short-of-plan-2023']")
    run.click()
    wait_for(browser, ec.presence_of_element_located((By.ID, "yasgui")))
    # YASGUI runs the query against our /sparql and draws the table: 2025/sp2/2 fell short (5 planned, 0 actual).
    wait_for(browser, lambda d: "2025/sp2/2" in d.find_element(By.TAG_NAME, "body").text, 30)
    shoot(browser, "editor-saved-query")
    hosts = requested_hosts(browser)
    assert hosts <= {"127.0.0.1"}, f"the editor called outside hosts: {hosts - {'127.0.0.1'}}"


def test_mandates_question_through_the_picker(browser: webdriver.Chrome, server: str) -> None:
    browser.get(server + "/ask")
    selects = browser.find_elements(By.TAG_NAME, "select")
    if selects:  # the picker: choose subprogramme 4, then its first deliverable
        Select(selects[0]).select_by_value("2025/sp4")
        time.sleep(0.5)
    key = browser.find_element(By.ID, "deliverable-key")
    if key.tag_name == "select":
        wait_for(browser, lambda d: "2025/sp4/1" in [o.get_attribute("value") for o in Select(key).options])
        Select(key).select_by_value("2025/sp4/1")
    else:
        key.clear()
        key.send_keys("2025/sp4/1")
    browser.find_element(By.ID, "ask-submit").click()
    answer = wait_for(browser, ec.presence_of_element_located((By.ID, "mandates")))
    assert isinstance(answer, webdriver.remote.webelement.WebElement)
    wait_for(browser, lambda d: "60/288" in d.find_element(By.ID, "mandates").text)
    text = browser.find_element(By.ID, "mandates").text
    assert "16.54" in text  # GA 60/288 is cited in paragraph 16.54(c), line 919
    shoot(browser, "ask-2025-sp4-1")


# ---------------------------------------------------------------------- the crosswalk 2008-2011 -> 2025, both ways
def test_what_became_of_result_area_3_2_from_the_strategy_page(browser: webdriver.Chrome, server: str) -> None:
    browser.get(server + "/strategy")
    row = browser.find_element(By.CSS_SELECTOR, "tr.result-area[data-key='2008-2011/3.2']")
    row.find_element(By.LINK_TEXT, "3.2").click()
    wait_for(browser, ec.url_to_be(server + "/id/strategy/2008-2011/3.2"))
    section = browser.find_element(By.ID, "crosswalk-successors")
    assert "Successors in 2025 (crosswalk)" in section.text
    assert "not stated in either document" in section.text
    sp3 = section.find_element(By.CSS_SELECTOR, "tr[data-scope='2025/sp3']")
    assert "Subprogramme 3" in sp3.text and "Countering corruption" in sp3.text
    assert sp3.find_element(By.CSS_SELECTOR, ".confidence").text == "high"
    shoot(browser, "strategy-3-2")
    sp3.find_element(By.LINK_TEXT, "Subprogramme 3").click()  # on to the subprogramme's page
    wait_for(browser, ec.url_to_be(server + "/browse/2025/sp3"))


def test_subprogramme_3_carries_on_result_area_3_2(browser: webdriver.Chrome, server: str) -> None:
    browser.get(server + "/browse/2025/sp3")
    section = browser.find_element(By.ID, "crosswalk-predecessors")
    browser.execute_script("arguments[0].scrollIntoView()", section)
    assert "Carries on from the strategy 2008-2011" in section.text
    area = section.find_element(By.CSS_SELECTOR, "tr[data-strategy='2008-2011/3.2']")
    assert "预防腐败" in area.text and area.find_element(By.CSS_SELECTOR, ".confidence").text == "high"
    shoot(browser, "browse-sp3-predecessors")
    area.find_element(By.LINK_TEXT, "3.2").click()
    wait_for(browser, ec.url_to_be(server + "/id/strategy/2008-2011/3.2"))


def test_the_saved_query_what_became_of_result_area_3_2_runs_in_one_click(
    browser: webdriver.Chrome, server: str
) -> None:
    browser.get_log("performance")
    browser.get(server + "/queries")
    article = browser.find_element(By.ID, "successors-of-result-area")
    assert "What became of result area 3.2?" in article.text
    article.find_element(By.CSS_SELECTOR, "a.run").click()
    wait_for(browser, lambda d: d.find_element(By.ID, "yasgui").get_attribute("data-state") in ("done", "error"), 30)
    assert browser.find_element(By.ID, "yasgui").get_attribute("data-state") == "done"
    rows = browser.find_elements(By.CSS_SELECTOR, "#yasgui .yasr tbody tr")
    sp3 = [r.text for r in rows if "2025/sp3" in r.text]
    assert sp3, "the row of subprogramme 3"
    assert "Countering corruption" in sp3[0] and "high" in sp3[0]
    shoot(browser, "saved-query-successors-of-result-area")
    hosts = requested_hosts(browser)
    assert hosts <= {"127.0.0.1"}, f"the editor called outside hosts: {hosts - {'127.0.0.1'}}"


def test_the_firearms_mandates_of_2025_sp1_7_come_first_with_their_topic(
    browser: webdriver.Chrome, server: str
) -> None:
    browser.get(server + "/ask")
    scope = browser.find_element(By.ID, "scope-select")
    wait_for(browser, lambda d: scope.is_displayed())  # site.js shows the scope select
    Select(scope).select_by_value("2025/sp1")
    key = browser.find_element(By.ID, "deliverable-key")
    wait_for(browser, lambda d: "2025/sp1/7" in [o.get_attribute("value") for o in Select(key).options])
    Select(key).select_by_value("2025/sp1/7")
    browser.find_element(By.ID, "ask-submit").click()
    wait_for(browser, ec.presence_of_element_located((By.ID, "mandates")))
    first = browser.find_elements(By.CSS_SELECTOR, "#mandates > li.mandate")[0]
    assert "topic" in (first.get_attribute("data-basis") or "").split()
    topic = first.find_element(By.CSS_SELECTOR, "li[data-kind='topic'] .shared-topic[data-topic='firearms']")
    assert "Firearms" in topic.text and "枪支" in topic.text
    assert "Firearms" in browser.find_element(By.ID, "topic-summary").text
    shoot(browser, "ask-2025-sp1-7-topic")
