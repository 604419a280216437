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
