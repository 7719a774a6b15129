"""The chat UI in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

A person's path through the app: ask, watch the reply stream in, open a citation, rate it,
use the figures and report tabs, switch to English, and use it at phone width. Set
QZ_SCREENSHOTS=docs to also save the README screenshots there.
"""

import os
import re
import shutil
import socket
from pathlib import Path
from types import SimpleNamespace

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (a test extra)")

from qzassist import ui  # noqa: E402
from qzassist.assistant import Assistant  # noqa: E402
from qzassist.config import Settings  # noqa: E402
from qzassist.feedback import FeedbackStore  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.integration]
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SHOTS = os.environ.get("QZ_SCREENSHOTS")
TIMEOUT = 30_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.getbasetemp() / "ui-real"  # the index is shared with test_ui_server.py
    if not (root / "corpus").is_dir():
        shutil.copytree(ROOT / "corpus", root / "corpus")
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index", host="127.0.0.1", port=free_port())
    store = FeedbackStore(tmp_path_factory.mktemp("fb") / "feedback.sqlite3")
    demo = ui.build_app(Assistant.load(settings), store)
    ui.start(demo, settings, block=False)
    yield SimpleNamespace(url=f"http://127.0.0.1:{settings.port}/", store=store)
    demo.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed: apt-get install -y chromium (.ci/run does this)")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.outside = []
    page.on("request", lambda r: page.outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.goto(server.url)
    page.wait_for_selector("#qz-box textarea")
    yield page
    context.close()


def shot(page, name, full_page=False):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=full_page)


def ask(page, question, replies_before):
    """Type a question, press Enter, and wait for reply number ``replies_before + 1`` to be final."""
    page.fill("#qz-box textarea", question)
    page.press("#qz-box textarea", "Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#qz-chat .qz-answer:not(.qz-pending), #qz-chat .qz-refusal').length > n"
        " && !document.querySelector('#qz-chat .qz-pending')", arg=replies_before)


def watch_for_streaming(page):
    page.evaluate("""() => { window.qzSawPending = false;
        new MutationObserver(() => { if (document.querySelector('#qz-chat .qz-pending')) window.qzSawPending = true; })
          .observe(document.body, {subtree: true, childList: true, characterData: true}); }""")


def test_ask_stream_open_a_citation_and_rate_it(page, server):
    assert "衢州中等专业学校" in page.inner_text("#qz-intro") and "2025" in page.inner_text("#qz-intro")
    for persona in ("家长", "访客", "教职工"):
        assert page.get_by_text(persona, exact=True).is_visible()
    watch_for_streaming(page)
    ask(page, "毕业生升学情况怎么样？", 0)
    assert page.evaluate("window.qzSawPending"), "the reply never showed a streaming state"
    assert not page.locator("#qz-examples").is_visible()  # the start screen gives way to the chat
    chips = page.locator("#qz-chat a.qz-chip")
    assert chips.count() >= 1
    label = chips.first.inner_text()
    section_id = label.split(" ")[0]
    ask(page, "那2024年呢？", 1)

    chips.first.click()
    heading = page.locator("#qz-source h3")
    heading.wait_for()
    assert heading.inner_text().startswith(section_id)
    assert page.locator("#qz-source mark, #qz-source tr.qz-hit").first.is_visible()
    page.wait_for_timeout(600)  # let the panel finish sliding in and scroll to the highlight
    shot(page, "chat-desktop.png")

    page.locator("#qz-chat button[aria-label='赞'], #qz-chat button[aria-label='Like']").first.click()
    page.locator("#qz-comment textarea").wait_for()
    page.fill("#qz-comment textarea", "清楚，有出处")
    page.click("#qz-comment-send")
    page.locator("#qz-comment-row").wait_for(state="hidden")
    rows = server.store.rows()
    assert rows and rows[-1]["rating"] == "up" and rows[-1]["comment"] == "清楚，有出处"
    assert rows[-1]["question"] == "毕业生升学情况怎么样？"
    assert page.outside == [], f"the page fetched from outside loopback: {page.outside}"


def test_html_and_script_in_a_question_show_as_text(page):
    page.evaluate("window.qzPwned = 0")
    attack = '<img src=x onerror="window.qzPwned=1"><script>window.qzPwned=2</script><b>粗</b>'
    ask(page, attack, 0)
    bubble = page.locator("#qz-chat .qz-user").first
    assert bubble.inner_text() == attack
    assert bubble.locator("img, script, b").count() == 0
    assert page.evaluate("window.qzPwned") == 0


def test_refusal_looks_different_and_offers_sections(page):
    ask(page, "火星上有几座火山？", 0)
    refusal = page.locator("#qz-chat .qz-refusal")
    assert refusal.is_visible() and "报告中未找到" in refusal.inner_text()
    assert page.locator("#qz-chat .qz-chips a.qz-chip").count() >= 1


def test_figures_tab_search_select_and_chart(page):
    page.get_by_role("tab", name="数据速查").click()
    grid = page.locator("#qz-figures")
    grid.locator("[role=gridcell]").first.wait_for()
    assert grid.locator("[role=columnheader]").all_inner_texts() == ["表", "指标", "单位", "2024", "2025", "变化"]
    header_2025 = grid.locator("[role=columnheader]").nth(4)
    header_2025.click()  # selecting the header shows its ⋮ menu button
    header_2025.locator("button.cell-menu-button").click()
    page.get_by_text("降序排序").click()  # the header menu, in the browser's language
    first_2025 = "document.querySelectorAll('#qz-figures [role=row]')[1].querySelectorAll('[role=gridcell]')[4]"
    page.wait_for_function(f"() => {first_2025}.textContent.trim() === '303864'")  # sorted as numbers, not text
    page.fill("#qz-figures input[type=text]", "生师比")
    page.wait_for_function("() => document.querySelectorAll('#qz-figures [role=row]').length <= 3")
    grid.locator("[role=gridcell]").filter(has_text=re.compile(r"^\s*生师比\s*$")).first.click()
    page.wait_for_function("() => document.querySelector('#qz-picker').innerText.includes('表2 · 生师比')")
    page.fill("#qz-figures input[type=text]", "月收入")
    page.wait_for_function("() => document.querySelectorAll('#qz-figures [role=row]').length <= 3")
    grid.locator("[role=gridcell]").filter(has_text=re.compile(r"^\s*月收入\s*$")).first.click()
    page.wait_for_function("() => document.querySelector('#qz-picker').innerText.includes('表1 · 月收入')")
    page.locator("#qz-chart img").wait_for()
    page.fill("#qz-figures input[type=text]", "")
    page.wait_for_timeout(500)
    shot(page, "figures-tab.png", full_page=True)


def test_report_tab_outline_links_to_sections(page):
    page.get_by_role("tab", name="报告原文").click()
    page.locator(".qz-toc a", has_text="1.5.2 升学与学业质量").click()
    target = page.locator("#qz-report h4", has_text="1.5.2 升学与学业质量")
    assert target.is_visible()
    assert page.locator("#qz-report table.qz-table").count() >= 5


def test_english_toggle_relabels_the_ui(page):
    page.get_by_text("English", exact=True).click()
    page.get_by_role("tab", name="Key figures").wait_for()
    assert page.get_by_role("button", name="Send").is_visible()
    assert page.get_by_text("Parents", exact=True).is_visible()


def test_phone_width(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    try:
        page.goto(server.url)
        page.wait_for_selector("#qz-box textarea")
        assert page.evaluate("document.documentElement.scrollWidth") <= 391, "the page scrolls sideways on a phone"
        page.get_by_role("button", name="毕业生升学情况怎么样？").click()
        page.wait_for_selector("#qz-chat a.qz-chip")
        page.wait_for_function("() => !document.querySelector('#qz-chat .qz-pending')")
        send = page.locator("#qz-send").bounding_box()
        assert send and send["x"] + send["width"] <= 390
        shot(page, "chat-phone.png")
        page.locator("#qz-chat a.qz-chip").first.click()
        page.locator("#qz-source h3").wait_for()
        box = page.locator("#qz-source").bounding_box()
        assert box and box["width"] <= 390
    finally:
        context.close()
