#!/usr/bin/env python3
"""Browser tests of the web console and the workers' portal.

Starts the debug binary with a small demo province on a free port against a throwaway SQLite
file, drives headless Chromium (Debian's chromium + chromium-driver) through Selenium, walks
the main flows as each demo role, asserts on what the pages show, and saves a PNG screenshot of
each main page (desktop 1366x900 and phone 390x844) into the screenshot folder.

Usage: browser_tests.py --bin .build/debug/gonghui [--out ci-artifacts/screenshots]
                        [--members 20000] [--only NAME]
Exit status 0 when every test passed.
"""
import argparse
import base64
import csv
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

DESKTOP = (1366, 900)
PHONE = (390, 844)


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


# -- ID numbers -------------------------------------------------------------------------------

def id_number(first17):
    """Appends the GB 11643 check character."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(first17, weights))
    return first17 + "10X98765432"[s % 11]


# -- the server ---------------------------------------------------------------------------------

class Server:
    def __init__(self, binary, members, workdir):
        self.binary = binary
        self.members = members
        self.workdir = workdir
        self.db = os.path.join(workdir, "demo.sqlite")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(workdir, "serve.log")
        self.proc = None
        self.accounts = {}

    def start(self):
        log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--demo", "--demo-members", str(self.members), "--database", self.db,
             "--port", str(self.port)], stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir)
        deadline = time.time() + 600
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited:\n" + open(self.log_path).read()[-3000:])
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("server did not start in time")
        # "  county / Demo-2026!county / 组织管理员 / HB0101"
        for line in open(self.log_path, encoding="utf-8"):
            m = re.match(r"^\s+(\w+) / (\S+) / (\S+) / (\S+)\s*$", line)
            if m:
                self.accounts[m.group(1)] = {"password": m.group(2), "role": m.group(3), "org": m.group(4)}
        check({"admin", "wuhan", "county", "chair", "reviewer", "auditor"} <= set(self.accounts),
              f"demo accounts not printed: {self.accounts}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def query(self, sql, *args):
        """Read-only look-ups for test setup (which union codes exist); never for assertions."""
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- the browser ---------------------------------------------------------------------------------

class Browser:
    def __init__(self, server, out):
        self.server = server
        self.out = out
        options = webdriver.ChromeOptions()
        for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=zh-CN",
                    "--force-device-scale-factor=1", "--hide-scrollbars"]:
            options.add_argument(arg)
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium:
            options.binary_location = chromium
        driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.driver = webdriver.Chrome(service=Service(driver_path), options=options)
        self.driver.set_page_load_timeout(60)
        self.size(DESKTOP)

    def quit(self):
        self.driver.quit()

    def size(self, wh):
        self.driver.set_window_size(*wh)

    def open(self, path):
        self.driver.get(self.server.base + path)
        return self

    def path(self):
        return re.sub(r"^https?://[^/]+", "", self.driver.current_url)

    def text(self, css="body"):
        return self.driver.find_element(By.CSS_SELECTOR, css).text

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def finds(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def fill(self, name, value):
        el = self.driver.find_element(By.NAME, name)
        if el.tag_name == "select":
            Select(el).select_by_value(value)
            return
        if el.get_attribute("type") == "date":
            # Typing into a date control depends on the browser's locale; set the value itself.
            self.driver.execute_script("arguments[0].value = arguments[1]", el, value)
            return
        el.clear()
        el.send_keys(value)

    def click(self, el):
        """Clicks and waits for the next page to replace this one."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        el.click()

        def replaced(_):
            try:
                page.tag_name
                return False
            except WebDriverException:  # stale, or "does not belong to the document" mid-navigation
                return True
        WebDriverWait(self.driver, 30).until(replaced)

    def submit(self, form_css="main form.card button[type=submit]"):
        self.click(self.find(form_css))

    def click_text(self, text):
        self.click(self.driver.find_element(By.XPATH, f"//*[self::a or self::button][normalize-space()='{text}']"))

    def see(self, *texts):
        body = self.text()
        for t in texts:
            check(t in body, f"expected {t!r} on {self.path()}; page says:\n{body[:1500]}")

    def field_error(self, name):
        """The error shown beside a field (by the field's name)."""
        el = self.driver.find_element(By.NAME, name)
        described = el.get_attribute("aria-describedby") or ""
        for ident in described.split():
            if ident.endswith("-error"):
                return self.driver.find_element(By.ID, ident).text
        return ""

    def login(self, user):
        self.driver.delete_all_cookies()
        self.open("/login")
        self.fill("username", user)
        self.fill("password", self.server.accounts[user]["password"])
        self.submit()
        check(self.path().rstrip("/") in ("", "/") or not self.path().startswith("/login"),
              f"login as {user} did not leave the login page: {self.text()[:500]}")
        self.see(f"（{self.server.accounts[user]['role']}）")

    def logout(self):
        self.click(self.find("form[action='/logout'] button"))
        self.see("您已安全退出")

    def no_horizontal_overflow(self):
        width = self.driver.execute_script("return document.documentElement.scrollWidth")
        inner = self.driver.execute_script("return window.innerWidth")
        check(width <= inner + 1, f"{self.path()} is wider ({width}px) than the window ({inner}px)")

    def no_alert(self):
        try:
            alert = self.driver.switch_to.alert
            text = alert.text
            alert.dismiss()
            raise Failure(f"a script ran on {self.path()}: alert({text!r})")
        except NoAlertPresentException:
            pass

    def shot(self, name):
        """A full-page PNG (the whole document, not only the viewport)."""
        data = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        path = os.path.join(self.out, name + ".png")
        with open(path, "wb") as f:
            f.write(base64.b64decode(data["data"]))
        return path


# -- the tests ---------------------------------------------------------------------------------

def test_login_each_role(b, s):
    for user in ["admin", "wuhan", "county", "chair", "reviewer", "auditor"]:
        b.login(user)
        b.see("工作台", "在会会员", "基层工会", "入会率", "会员人数变化", "会员构成", "比上年同期")
        check(len(b.finds("svg.chart")) >= 3, "dashboard draws its charts")
        nav = b.text("nav[aria-label='主导航']")
        check(("审计" in nav) == (user in ("admin", "auditor")), f"audit link for {user}: {nav}")
        check(("导入" in nav) == (user in ("admin", "wuhan", "county", "chair")), f"import link for {user}: {nav}")
        b.shot(f"dashboard-{user}")
        b.logout()
    b.open("/login")
    b.fill("username", "county")
    b.fill("password", "wrong-password")
    b.submit()
    b.see("用户名或密码不正确")
    check(b.find("input[name=username]").get_attribute("value") == "county", "username kept after a failed login")
    b.shot("login-error")


def test_tree_navigation(b, s):
    b.login("county")
    b.open("/orgs")
    county = s.accounts["county"]["org"]
    check(b.path() == f"/orgs/{county}", f"navigator starts at the user's node, got {b.path()}")
    crumbs = b.finds("nav.breadcrumbs li")
    check(len(crumbs) == 1, f"breadcrumbs start at the user's own node: {[c.text for c in crumbs]}")
    b.see("下级组织", "沿革", "入会率")
    b.shot("org-county")
    first = b.find("section[aria-labelledby=h-children] tbody tr td a")
    name = first.text
    b.click(first)
    crumbs = [c.text for c in b.finds("nav.breadcrumbs li")]
    check(len(crumbs) == 2 and crumbs[-1] == name, f"breadcrumbs after one level down: {crumbs}")
    b.shot("org-child")
    b.click(b.find("nav.breadcrumbs li a"))
    check(b.path() == f"/orgs/{county}", "breadcrumb leads back")
    # Search by a name fragment of a child.
    b.fill("q", name[:2])
    b.click(b.find("form[role=search] button"))
    b.see(name)
    b.shot("org-search")
    # Another city's union is out of reach: not found.
    other = s.query("SELECT code FROM orgs WHERE depth = 1 AND code <> 'HB01' LIMIT 1")[0][0]
    b.open(f"/orgs/{other}")
    b.see("页面不存在", "请求编号")
    b.shot("error-404")


def test_org_edit_and_move_confirmation(b, s):
    b.login("county")
    county = s.accounts["county"]["org"]
    chair_org = s.accounts["chair"]["org"]
    b.open(f"/orgs/{chair_org}/edit")
    b.fill("women_employees", "999999")
    b.submit()
    err = b.field_error("women_employees")
    check("女职工人数不能大于职工人数" in err, f"error beside the field: {err!r}")
    check(b.find("input[name=women_employees]").get_attribute("value") == "999999", "input kept")
    b.shot("org-edit-error")
    b.fill("women_employees", "0")
    # The industry is picked from GB/T 4754 and shown by its name.
    b.fill("industry", "C26")
    b.submit()
    b.see("已保存", "C26 化学原料和化学制品制造业")
    # A union's own officers are not offered a move of their own union; the level above is.
    b.open(f"/orgs/{county}")
    check(not b.finds(f"a[href='/orgs/{county}/move']"), "no move offered on one's own union")
    b.open(f"/orgs/{county}/move")
    b.see("本组织的调整隶属关系须由上级工会办理")
    # Moving a union under its own descendant is refused with the API's message, after a confirmation step.
    b.login("wuhan")
    b.open(f"/orgs/{county}")
    b.click(b.find(f"a[href='/orgs/{county}/move']"))
    b.fill("parent_code", chair_org)
    b.submit()
    b.see("请确认")
    b.shot("org-move-confirm")
    b.click(b.find("main form.actions button[type=submit]"))
    b.see("不能把组织移动到它自己或其下级组织之下")


def pick_member(b, offset=60):
    b.open(f"/members?status=active&offset={offset}")
    link = b.find("main table tbody tr td a")
    name = link.text
    b.click(link)
    return name, b.path()


def test_find_and_edit_member(b, s):
    b.login("county")
    b.open("/members")
    b.see("会员查询")
    total = b.text("nav.pager")
    check("共" in total, f"paging shows the total: {total}")
    name, path = pick_member(b)
    # Search by the surname: the member is in the results.
    b.open("/members?name=" + urllib.request.quote(name))
    b.see(name)
    check(re.search(r"\d{6}\*+\d{3}[\dX]", b.text("main table")), "ID numbers are masked in the list")
    b.shot("members-search")
    b.open(path)
    b.see("会籍记录", "入会")
    b.shot("member-page")
    b.click_text("修改信息")
    b.fill("workplace", "浏览器测试车间")
    b.fill("name", " ")  # passes the browser's "required" check; the server trims it
    b.submit()
    check("姓名不能为空" in b.field_error("name"), "error beside the name field")
    check(b.find("input[name=workplace]").get_attribute("value") == "浏览器测试车间", "other input kept")
    b.shot("member-edit-error")
    b.fill("name", name)
    b.submit()
    b.see("已保存", "浏览器测试车间")
    # Show in full: audited; the auditor then finds the entry.
    b.click(b.find("form[action$='/reveal'] button"))
    b.see("本次查看已记入审计日志")
    check(re.search(r"\b\d{17}[\dX]\b", b.text("dl.fields")), "the full ID number is shown")
    b.login("reviewer")
    b.open(path)
    check(not b.finds("form[action$='/reveal']"), "a reviewer is not offered the full ID number")
    b.login("auditor")
    b.open("/audit?action=member.reveal")
    b.see("哈希链校验通过", "完整证件号码")
    b.shot("audit")


def test_transfer_through_both_approvals(b, s):
    county = s.accounts["county"]["org"]
    target = s.query("SELECT code, name FROM orgs WHERE kind = 'grassroots' AND status = 'active' AND code LIKE 'HB01%' "
                     "AND code NOT LIKE ? ORDER BY code LIMIT 1", county + "%")[0]
    b.login("county")
    name, path = pick_member(b, offset=80)
    b.click_text("发起会籍转接")
    b.fill("to_org_code", "NO-SUCH-UNION")
    b.submit()
    check("没有找到名称包含或代码为“NO-SUCH-UNION”的基层工会" in b.field_error("to_org_code"), "unknown union reported beside the field")
    b.fill("to_org_code", target[0])
    b.fill("reason", "调动工作（浏览器测试）")
    b.submit()
    b.see("会籍转接申请已提交")
    # Outgoing side: the county releases the member.
    b.open("/transfers?box=outgoing")
    row = [r for r in b.finds("main table tbody tr") if name in r.text]
    check(row, f"{name} waits in the outgoing worklist")
    b.shot("transfers-outgoing")
    b.click(row[0].find_element(By.CSS_SELECTOR, "button[value=approve]"))
    b.see("已同意")
    # Incoming side: the city, whose subtree holds the receiving union.
    b.login("wuhan")
    b.open("/transfers?box=incoming")
    row = [r for r in b.finds("main table tbody tr") if name in r.text]
    check(row, f"{name} waits in the incoming worklist of wuhan")
    b.shot("transfers-incoming")
    # Refusing needs a reason, shown beside the field.
    b.click(row[0].find_element(By.CSS_SELECTOR, "button[value=reject]"))
    b.see("不同意时必须填写理由")
    row = [r for r in b.finds("main table tbody tr") if name in r.text]
    b.click(row[0].find_element(By.CSS_SELECTOR, "button[value=approve]"))
    b.see("已同意")
    b.open(path)
    b.see(target[1], "转入")
    b.shot("member-after-transfer")


def test_day_work_console(b, s):
    """Unions picked by name (type-ahead, then the list to choose from without it), the member
    in transfer, a wide table's name column and header kept in view, the compact phone header,
    the audit log in words, and the members list sorted, paged and printed."""
    county = s.accounts["county"]["org"]
    # A fragment several grassroots unions outside the county share.
    fragment = s.query("SELECT substr(name, 1, 5) AS p, COUNT(*) AS n FROM orgs WHERE kind = 'grassroots' AND status = 'active' "
                       "AND code NOT LIKE ? GROUP BY p HAVING n BETWEEN 2 AND 15 ORDER BY n DESC LIMIT 1", county + "%")[0][0]
    b.login("county")
    name, path = pick_member(b, offset=120)
    b.click_text("发起会籍转接")
    b.find("input[name=to_org_code]").send_keys(fragment)
    WebDriverWait(b.driver, 15).until(
        lambda d: d.execute_script("return document.getElementById('to_org_code-options').options.length") > 0)
    offered = b.driver.execute_script(
        "return Array.from(document.getElementById('to_org_code-options').options).map(o => o.label)")
    check(all(fragment in o for o in offered), f"type-ahead offers unions named with {fragment!r}: {offered[:5]}")
    b.shot("picker-typeahead")
    b.fill("reason", "调动工作（选择器测试）")
    b.submit()
    radios = b.finds("input[type=radio][name=to_org_code]")
    check(len(radios) >= 2, f"a name several unions bear comes back as a list to choose from: {b.text('main')[:400]}")
    b.see("请选择其一")
    b.shot("picker-choices")
    chosen = radios[0].get_attribute("value")
    chosen_name = s.query("SELECT name FROM orgs WHERE code = ?", chosen)[0][0]
    radios[0].click()
    b.submit()
    b.see("会籍转接申请已提交", "转接办理中", chosen_name)
    b.shot("member-in-transfer")
    for size, label in [(DESKTOP, "desktop"), (PHONE, "phone")]:
        b.size(size)
        b.open(path)
        b.no_horizontal_overflow()
        b.shot(f"member-in-transfer-{label}")
    b.size(DESKTOP)

    # The annual statistics: the name column and the header stay while the table scrolls.
    b.open(f"/stats/{county}")
    wrap = b.find(".table-wrap.scroll")
    b.driver.execute_script("arguments[0].scrollLeft = 600; arguments[0].scrollTop = 200", wrap)
    time.sleep(0.3)
    left = b.driver.execute_script("return arguments[0].getBoundingClientRect().left", wrap)
    top = b.driver.execute_script("return arguments[0].getBoundingClientRect().top", wrap)
    first = b.driver.execute_script("return arguments[0].querySelector('tbody tr th').getBoundingClientRect().left", wrap)
    head = b.driver.execute_script("return arguments[0].querySelector('thead').getBoundingClientRect().top", wrap)
    scrolled = b.driver.execute_script("return [arguments[0].scrollLeft, arguments[0].scrollTop]", wrap)
    check(scrolled[0] > 0, f"the statistics table is wider than its box and scrolls ({scrolled})")
    check(abs(first - left) <= 2, f"the union's name stays at the left edge ({first} vs {left})")
    if scrolled[1] > 0:
        check(abs(head - top) <= 2, f"the header stays at the top ({head} vs {top})")
    b.shot("stats-sticky-scrolled")

    # On a phone the header and menu are compact.
    b.size(PHONE)
    try:
        b.open("/")
        height = b.driver.execute_script("return document.querySelector('header.top').getBoundingClientRect().height")
        check(height <= 130, f"the console's header takes {height}px of 844 on a phone")
        b.shot("phone-header")
        b.open(f"/members?org={county}&sort=joined")
        b.no_horizontal_overflow()
        b.shot("phone-members-sorted")
    finally:
        b.size(DESKTOP)

    # The members list: pinyin order, sort by column, page numbers, print view.
    b.open(f"/members?org={county}")
    names = [a.text for a in b.finds("main table tbody tr td:first-child a")]
    check(len(names) >= 2, "a page of members")
    b.see("导出本次查询结果（Excel）", "打印本次查询结果")
    check(b.finds(".pager .pages a[aria-current]"), "page numbers")
    b.shot("members-list")
    b.click_text("打印本次查询结果")
    b.see("会员名单（", "查询条件")
    b.shot("members-print")

    # The audit log in officers' words.
    b.login("auditor")
    b.open("/audit")
    b.see("符合条件的记录共", "操作人")
    body = b.text("main table")
    check("member.create" not in body and "system:" not in body, f"actions and actors in words: {body[:300]}")
    b.shot("audit-log")


def test_hardship_archive_flow(b, s):
    # The province's 低保 line: the system admin records one when the demo has none.
    b.login("admin")
    b.open("/hardship/lines")
    if not any(r.text.startswith("420000") for r in b.finds("main table tbody tr")):
        b.fill("region_code", "420000")
        b.fill("effective_from", "2020-01-01")
        b.fill("monthly", "800")
        b.submit()
        b.see("低保标准已保存")
    b.see("湖北省", "执行中")
    b.shot("hardship-lines")
    # The chair builds an archive for a member of the union, with one family member.
    b.login("chair")
    union = s.accounts["chair"]["org"]
    b.open(f"/members?org={union}&status=active")
    link = b.find("main table tbody tr td a")
    name = link.text
    b.click(link)
    b.click_text("建立困难职工档案")
    b.see("建立困难职工档案", name)
    # The household's region is picked by name (city, then district), not typed as a code.
    if not Select(b.find("select[name=region_code]")).first_selected_option.get_attribute("value"):
        Select(b.find("select[name=region_code]")).select_by_visible_text("江岸区")
    b.fill("annual_income", "一万八")
    b.fill("rigid_expenses", "6000")
    b.fill("household_size", "2")
    Select(b.find("select[name=main_cause]")).select_by_value("6")
    b.find("#f-secondary-9").click()
    Select(b.find("select[name=health]")).select_by_visible_text("患大病")
    Select(b.find("select[name=major_illness]")).select_by_visible_text("尿毒症")
    b.fill("bank_name", "中国工商银行武汉江岸支行")
    b.fill("bank_account", "6222020000111122223")
    b.fill("family1_name", "王芳")
    Select(b.find("select[name=family1_relation]")).select_by_visible_text("配偶")
    b.fill("family1_id_number", id_number("42010219910202" + time.strftime("%S%M")[:3]))
    b.fill("family1_monthly_income", "500")
    b.fill("family1_school_or_work", "待业")
    b.submit()
    check("金额" in b.field_error("annual_income"), f"the amount's error beside its field: {b.field_error('annual_income')!r}")
    check(b.find("input[name=family1_name]").get_attribute("value") == "王芳", "the family row is kept")
    b.shot("hardship-form-error")
    b.fill("annual_income", "18000")
    b.submit()
    b.see("困难职工档案已建立", "深度困难", "÷ 12 个月 ÷ 2 人", "家庭人均月收入 500.00 元", "王芳", "配偶")
    archive = b.path().split("?")[0]
    b.shot("hardship-archive-built")
    b.size(PHONE)
    try:
        b.no_horizontal_overflow()
        b.shot("phone-hardship-archive")
    finally:
        b.size(DESKTOP)
    b.click_text("提交公示")
    b.see("已提交公示", "公示中")
    # The county's reviewer sees it; during the notice, objections go back through the unions
    # that edit the registry, so the reviewer is offered no step yet.
    b.login("reviewer")
    b.open(archive)
    b.see(name, "公示中", "当前环节不由您办理")
    check(not b.finds("button[value=send_back]"), "a reviewer cannot send an archive back during its notice")
    b.shot("hardship-reviewer-notice")
    # An objection upheld: the county union sends it back with the reason.
    b.login("county")
    b.open(archive)
    b.fill("reason", "公示期间有异议：缺少单位出具的收入证明")
    b.click(b.find("button[value=send_back]"))
    b.see("档案已退回建档工会", "建档中")
    # The chair sees the reason, prominently, and the archive back in the worklist.
    b.login("chair")
    b.open(archive)
    b.see("档案被退回", "公示期间有异议：缺少单位出具的收入证明")
    check("缺少单位出具的收入证明" in b.text("div.returned[role=alert]"), "the reason is shown in the alert")
    b.shot("hardship-returned")
    b.open("/hardship?tab=building")
    row = [r for r in b.finds("main table tbody tr") if name in r.text]
    check(row and "被退回" in row[0].text, f"{name} waits in the building tab, marked as sent back")
    b.shot("hardship-worklist")
    b.size(PHONE)
    try:
        b.no_horizontal_overflow()
        b.shot("phone-hardship-worklist")
    finally:
        b.size(DESKTOP)


def test_hardship_recheck_and_approval(b, s):
    # The county's reviewer re-checks an archive the demo left waiting for it, as the union above
    # the one that built it, and then files it as the county's assistance center.
    b.login("reviewer")
    b.open("/hardship?tab=recheck")
    rows = b.finds("main table tbody tr")
    check(rows, "the demo leaves archives waiting for the re-check")
    name = rows[0].find_element(By.CSS_SELECTOR, "td a").text
    b.click(rows[0].find_element(By.CSS_SELECTOR, "td a"))
    b.see("上级复核", name)
    b.click(b.find("button[value=recheck]"))
    b.see("复核通过，已报帮扶中心审批", "待审批")
    b.click(b.find("button[value=approve]"))
    b.see("已审批建档，档案在档", "在档", "审批建档")
    b.shot("hardship-approved")
    b.open("/hardship?tab=filed")
    check(any(name in r.text for r in b.finds("main table tbody tr")), f"{name} is among the filed archives")


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(["身份证号", "姓名", "手机号", "所属工会代码", "入会日期", "用工形式", "是否农民工"])
        w.writerows(rows)


def test_import_bad_then_good(b, s, workdir):
    union = s.accounts["chair"]["org"]
    stamp = time.strftime("%H%M%S")
    good = []
    for i in range(1, 4):
        first17 = f"420102199001{i:02d}{stamp[-3:]}"
        good.append([id_number(first17), f"导入测试{stamp}{i}", f"139{stamp}{i:02d}", union, "2024-03-01", "无固定期限", "否"])
    bad = good[:2] + [[good[2][0][:17] + ("0" if good[2][0][17] != "0" else "1"), "坏行", "12345", union, "2030-01-01", "外星", "否"]]
    bad_path = os.path.join(workdir, "members-bad.csv")
    good_path = os.path.join(workdir, "members-good.csv")
    write_csv(bad_path, bad)
    write_csv(good_path, good)
    b.login("county")
    b.open("/import")
    b.see("模板下载", "会员名册")
    b.shot("import-upload")
    b.find("input[type=file]").send_keys(bad_path)
    b.submit()
    b.see("文件中有错误", "尚未写入任何数据", "下载错误行")
    rows = [r.text for r in b.finds("main table tbody tr")]
    check(any(r.startswith("4 ") and "外星" in r for r in rows), f"the bad row's employment type is reported with its row number: {rows[:10]}")
    check(any(r.startswith("4 ") and "校验位" in r for r in rows), f"the bad check character is reported: {rows[:10]}")
    b.shot("import-report-bad")
    href = b.find("a[href$='rejects.csv']").get_attribute("href")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in b.driver.get_cookies())
    req = urllib.request.Request(href, headers={"Cookie": cookies})
    with urllib.request.urlopen(req) as r:
        rejects = r.read().decode("utf-8-sig")
    check("坏行" in rejects and "错误原因" in rejects, f"rejects file holds the bad row with its reason: {rejects[:300]}")
    b.open(f"/members?name={urllib.request.quote('导入测试' + stamp)}")
    b.see("没有符合条件的会员")
    b.open("/import")
    b.find("input[type=file]").send_keys(good_path)
    b.submit()
    b.see("校验通过", "共 3 行")
    b.shot("import-report-good")
    b.click(b.find("form[action$='/commit'] button"))
    deadline = time.time() + 60
    while "导入完成" not in b.text() and time.time() < deadline:
        time.sleep(0.5)
        b.driver.refresh()
    b.see("导入完成", "新增 3")
    b.shot("import-done")
    b.open(f"/members?name={urllib.request.quote('导入测试' + stamp)}")
    b.see(f"导入测试{stamp}1", f"导入测试{stamp}3")


def activation_for_member(b, shot=None):
    """On a member's page: issue a portal activation code and reveal the identifiers (audited),
    then sign the officer out. Returns (code, ID number, phone)."""
    b.click(b.find("form[action$='/activation'] button"))
    code = b.find(".code-box").text.strip()
    check(re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code), f"activation code shown: {code!r}")
    if shot:
        b.shot(shot)
    b.click(b.find("form[action$='/reveal'] button"))
    fields = b.text("dl.fields")
    idn = re.search(r"\b(\d{17}[\dX])\b", fields).group(1)
    phone = re.search(r"\b(1\d{10})\b", fields).group(1)
    b.driver.delete_all_cookies()
    return code, idn, phone


def test_worker_portal_on_phone(b, s):
    # The union issues a code for a member and reads the member's identifiers (audited).
    b.login("county")
    name, path = pick_member(b, offset=100)
    code, idn, phone = activation_for_member(b, shot="member-activation-code")
    # The worker, on a phone.
    b.size(PHONE)
    b.open("/my/")
    b.see("职工服务平台", "开通账号")
    b.no_horizontal_overflow()
    b.shot("phone-portal-welcome")
    b.click_text("首次使用：开通账号")
    b.fill("id_number", idn)
    b.fill("phone", phone)
    b.fill("code", "WRONG-CODE1")
    b.fill("password", "Worker-2026!")
    b.fill("password_again", "Worker-2026!")
    b.submit()
    b.see("激活码不正确")
    check(b.find("input[name=id_number]").get_attribute("value") == idn, "ID number kept after an error")
    b.shot("phone-portal-activate-error")
    b.fill("code", code.lower())
    b.fill("password", "Worker-2026!")
    b.fill("password_again", "Worker-2026!")
    b.submit()
    b.see("账号已开通", name, "会籍信息", "申请帮扶", "我的申请", "劳动争议调解")
    b.no_horizontal_overflow()
    b.shot("phone-portal-home")
    # Without a filed archive, a program that needs one says so before any form.
    b.open("/my/assistance")
    if "您家目前没有困难职工档案" in b.text():
        check("本项目需要" in b.text() and "申请建立困难职工档案" in b.text(), "what the program needs is said first")
        check(not b.finds("a[href$='/apply']") or "本项目需要" in b.text(), "programs that cannot be granted are not offered")
        b.shot("phone-portal-needs")
    b.open("/my/")
    b.click_text("更新手机号")
    b.fill("phone", "123")
    b.submit()
    check(b.field_error("phone"), "bad phone reported beside the field")
    b.fill("phone", "13912345678")
    b.submit()
    b.see("手机号已更新", "139****5678")
    target = s.query("SELECT code FROM orgs WHERE kind = 'grassroots' AND status = 'active' ORDER BY code DESC LIMIT 1")[0][0]
    b.click_text("申请转会")
    b.fill("to_org_code", target)
    b.fill("reason", "换了新工作")
    b.submit("form[method=post][action='/my/transfer'] button")
    b.see("会籍转接办理中")
    b.no_horizontal_overflow()
    b.shot("phone-portal-transfer")
    b.click(b.find("form[action='/my/logout'] button"))
    b.see("您已安全退出")
    # Sign in again with ID number and password.
    b.fill("id_number", idn)
    b.fill("password", "Worker-2026!")
    b.submit()
    b.see("会籍信息", name)
    b.size(DESKTOP)


def test_worker_applies_for_assistance(b, s):
    # A demo worker whose household's archive is filed and who has no 送温暖 application: the
    # demo applies for every filed archive of the demo county and refuses one of them, so that
    # its worker can apply again here. Should there be none, the 金秋助学 cycle is used instead:
    # the demo applies to it only for two of every three archives.
    def candidates(program):
        return s.query("""
            SELECT m.id, m.name FROM hardship_archives a JOIN members m ON m.id = a.member_id
            WHERE a.stage = 'filed' AND m.status = 'active' AND m.phone_enc IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM grants g JOIN program_cycles c ON c.id = g.cycle_id
                              JOIN assistance_programs p ON p.id = c.program_id
                              WHERE g.member_id = m.id AND p.code = ? AND g.state NOT IN ('rejected', 'withdrawn'))
            ORDER BY m.id LIMIT 1""", program)
    program, found = "SNW", candidates("SNW")
    if not found:
        program, found = "JQZX", candidates("JQZX")
    check(found, "no demo worker with a filed archive and no application to apply with")
    member_id, name = found[0]
    print(f"    {name} applies for {program} in the portal", flush=True)
    cycle_name = s.query("""SELECT c.name FROM program_cycles c JOIN assistance_programs p ON p.id = c.program_id
                            WHERE p.code = ? AND c.state = 'open'""", program)[0][0]
    # The union issues the activation code and reads the worker's identifiers.
    b.login("admin")
    b.open(f"/members/{member_id}")
    code, idn, phone = activation_for_member(b)
    # The worker, on a phone: activates, finds the open cycle, applies and confirms.
    b.size(PHONE)
    try:
        b.open("/my/activate")
        b.fill("id_number", idn)
        b.fill("phone", phone)
        b.fill("code", code)
        b.fill("password", "Worker-2026!")
        b.fill("password_again", "Worker-2026!")
        b.submit()
        b.see("账号已开通", name, "帮扶")
        b.click_text("申请帮扶")
        b.see("我家的困难职工档案", "困难职工档案在档", "正在受理的帮扶项目", cycle_name, "发放标准")
        b.no_horizontal_overflow()
        b.shot("phone-portal-assistance")
        link = None
        for card in b.finds("main section.card"):
            if cycle_name in card.text:
                link = card.find_element(By.CSS_SELECTOR, "a[href$='/apply']")
        check(link is not None, f"no apply link for {cycle_name}")
        apply_path = re.sub(r"^https?://[^/]+", "", link.get_attribute("href"))
        b.click(link)
        b.see(cycle_name, "受理时间")
        if program == "JQZX":
            Select(b.find("select[name=child_admission]")).select_by_visible_text("普通本科")
        b.see("**** ****")
        b.no_horizontal_overflow()
        b.shot("phone-portal-apply-form")
        b.submit()
        b.see("核对申请", "本期可得帮扶资金", "为什么", "符合", "确认提交申请")
        amount = re.search(r"本期可得帮扶资金 ([\d,]+\.\d\d) 元", b.text()).group(1)
        b.no_horizontal_overflow()
        b.shot("phone-portal-apply-confirm")
        b.click_text("确认提交申请")
        b.see("申请已提交", cycle_name, "待基层审核", amount + " 元", "本人在线申请")
        check(b.path().startswith("/my/assistance/grants"), f"after applying: {b.path()}")
        check(len(b.finds("ol.progress li.done")) >= 1, "the first step is marked done")
        b.no_horizontal_overflow()
        b.shot("phone-portal-my-applications")
        # A second time: refused plainly.
        b.open("/my/assistance")
        b.see("本期已申请：待基层审核")
        b.open(apply_path)
        b.see("本期您已申请过")
    finally:
        b.size(DESKTOP)


def test_phone_console_pages(b, s):
    b.login("county")
    b.size(PHONE)
    try:
        for path, name in [("/", "phone-dashboard"), ("/orgs", "phone-org"), ("/members", "phone-members"), ("/transfers", "phone-transfers")]:
            b.open(path)
            b.no_horizontal_overflow()
            b.shot(name)
        # Keyboard: the skip link comes first and focus is visible.
        b.open("/members")
        b.driver.find_element(By.TAG_NAME, "body").send_keys("\t")
        active = b.driver.switch_to.active_element
        check(active.text == "跳到正文", f"first Tab stop is the skip link, got {active.text!r}")
        outline = b.driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
        check(outline not in ("none", ""), f"focus is visible (outline {outline!r})")
    finally:
        b.size(DESKTOP)


def test_markup_in_names_stays_text(b, s):
    union = s.accounts["chair"]["org"]
    b.login("chair")
    created = []
    for i, evil in enumerate(["<script>alert(1)</script>", "'\"><img src=x onerror=alert(1)>"]):
        b.open("/members/new")
        b.fill("id_number", id_number(f"42010219950505{int(time.time()) % 1000:03d}"[:14] + f"{i}{int(time.time()) % 100:02d}"))
        b.fill("name", evil)
        b.fill("phone", "13700000000")
        b.fill("org_code", union)
        b.fill("joined_on", "2020-01-01")
        b.submit()
        b.no_alert()
        b.see("已登记")
        check(b.find("h1").text == f"会员：{evil}", f"the name shows as text: {b.find('h1').text!r}")
        created.append(b.path())
    b.open(f"/members?org={union}&name=%27")
    b.no_alert()
    b.open(f"/members?org={union}&name=%3C")
    b.no_alert()
    b.see("<script>alert(1)</script>")
    check(not b.finds("main img"), "no image element was injected")
    b.shot("escaping")


def test_password_change(b, s):
    b.login("reviewer")
    b.open("/account/password")
    b.fill("current_password", "wrong")
    b.fill("new_password", "short")
    b.fill("new_password_again", "short")
    b.submit()
    b.see("表单中有需要修改的地方")
    b.shot("password-error")
    new = "Reviewer-2026?new"
    b.fill("current_password", s.accounts["reviewer"]["password"])
    b.fill("new_password", new)
    b.fill("new_password_again", new)
    b.submit()
    b.see("密码已修改")
    b.open("/transfers")
    b.see("待办")
    s.accounts["reviewer"]["password"] = new
    b.logout()
    b.login("reviewer")


def numbers(cells):
    return [int(c.text.replace(",", "")) for c in cells]


def test_statistics_drill_down_and_download(b, s):
    b.login("county")
    county = s.accounts["county"]["org"]
    b.click(b.driver.find_element(By.XPATH, "//nav[@aria-label='主导航']//a[normalize-space()='统计年报']"))
    check(b.path() == f"/stats/{county}", f"the statistics page opens at the user's node, got {b.path()}")
    b.see("统计表", "合计", "入会率", "下载 Excel（全部下级）", "各下级组织入会率", "会员构成")
    check(len(b.finds("svg.chart")) >= 2, "rate and composition charts")
    # Column 2 is 会员数·合计: the totals row is the sum of the children's rows, and the headline.
    rows = b.finds("table.stats tbody tr")
    check(len(rows) >= 2, f"one row per child: {len(rows)}")
    members = [numbers(r.find_elements(By.CSS_SELECTOR, "td.num")[1:2])[0] for r in rows]
    total = numbers(b.finds("table.stats tfoot td.num")[1:2])[0]
    check(sum(members) == total, f"children {members} add up to the total {total}")
    headline = int(b.find("ul.kpis li .n").text.replace(",", ""))
    check(headline == total, f"headline {headline} equals the table's total {total}")
    # The rate chart lists children highest first.
    rates = [float(t.text.rstrip("%")) for t in b.finds("section[aria-labelledby=h-rate] tbody td:last-child") if t.text.endswith("%")]
    check(rates == sorted(rates, reverse=True) and len(rates) >= 2, f"rates sorted high to low: {rates[:8]}")
    b.shot("stats-county")
    # Drill down into the first child that has children of its own.
    row = next(i for i, r in enumerate(rows) if r.find_elements(By.CSS_SELECTOR, "th a[href^='/stats/']"))
    link = rows[row].find_element(By.CSS_SELECTOR, "th a[href^='/stats/']")
    name = link.text
    b.click(link)
    crumbs = [c.text for c in b.finds("nav.breadcrumbs li")]
    check(len(crumbs) == 2 and crumbs[-1] == name, f"breadcrumbs after drilling down: {crumbs}")
    child_total = numbers(b.finds("table.stats tfoot td.num")[1:2])[0]
    check(child_total == members[row], f"the child's page total {child_total} equals its row on the county page {members[row]}")
    b.shot("stats-child")
    # An earlier date: the form keeps it and the caption says it.
    b.click(b.find("nav.breadcrumbs li a"))
    b.fill("asOf", "2025-12-31")
    b.click(b.find("form.inline-form button"))
    check("asOf=2025-12-31" in b.path(), f"the date is in the address: {b.path()}")
    b.see("截至 2025-12-31")
    # The spreadsheet, fetched with the browser's session cookie (the console allows no scripts).
    href = b.find("a[href*='format=xlsx'][href*='depth=all']").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in b.driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookie}), timeout=60) as r:
        body, ctype, disposition = r.read(), r.headers.get("Content-Type", ""), r.headers.get("Content-Disposition", "")
    check("spreadsheetml" in ctype and f"annual-{county}-2025-12-31.xlsx" in disposition, f"xlsx download: {ctype} {disposition}")
    check(body[:2] == b"PK" and len(body) > 2000, f"a zip (xlsx) of some size: {body[:4]!r} {len(body)}")
    # Another county's statistics are not found.
    other = s.query("SELECT code FROM orgs WHERE depth = 2 AND code <> ? LIMIT 1", county)[0][0]
    b.open(f"/stats/{other}")
    b.see("页面不存在")
    # On a phone the wide table scrolls inside its box, not the page.
    b.size(PHONE)
    try:
        b.open(f"/stats/{county}")
        b.no_horizontal_overflow()
        b.shot("phone-stats")
    finally:
        b.size(DESKTOP)
    b.logout()
    # The province administrator: the whole province, cities as rows.
    b.login("admin")
    b.open("/stats")
    check(b.path() == "/stats/HB", f"admin starts at the province: {b.path()}")
    check(len(b.finds("table.stats tbody tr")) >= 10, "a row per city")
    b.shot("stats-province")
    b.logout()


def test_program_cycle_flow(b, s):
    b.login("county")
    b.open("/programs")
    b.see("项目批次", "送温暖")
    b.click(b.driver.find_element(By.XPATH, "//main//table//a[contains(., '春节送温暖')]"))
    cycle = b.path().split("?")[0]
    b.see("申请条件和金额", "深度困难职工", "预算", "余额", "已批准占用", "发放批次")
    check(len(b.finds("#h-budget ~ .table-wrap table tbody tr")) >= 1, "the budget table of the county")
    b.shot("program-cycle")
    # The county's reviewer reviews a waiting application; the one who reviewed it is not offered
    # the approval (duties kept apart), the county's administrator approves it from the budget.
    b.login("reviewer")
    b.open(cycle + "/grants?state=submitted")
    row = b.find("main table tbody tr")
    name = row.find_element(By.CSS_SELECTOR, "td a").text
    b.click(row.find_element(By.XPATH, ".//button[normalize-space()='审核通过']"))
    b.see("已审核通过")
    b.shot("program-worklist")
    b.open(cycle + "/grants?state=reviewed")
    rows = [r for r in b.finds("main table tbody tr") if r.find_element(By.CSS_SELECTOR, "td a").text == name]
    check(rows, f"{name} waits for approval")
    check(not rows[0].find_elements(By.XPATH, ".//button[normalize-space()='批准']") and "不能再由您批准" in rows[0].text,
          "the reviewer is told another person approves")
    b.shot("program-worklist-duties")
    b.login("county")
    b.open(cycle + "/grants?state=reviewed")
    rows = [r for r in b.finds("main table tbody tr") if r.find_element(By.CSS_SELECTOR, "td a").text == name]
    b.click(rows[0].find_element(By.XPATH, ".//button[normalize-space()='批准']"))
    b.see("金额已占用本级预算")
    # The grant says which rule matched and why.
    b.open(cycle + "/grants?state=approved")
    link = [a for a in b.finds("main table tbody tr td a") if a.text == name][0]
    b.click(link)
    b.see("适用规则", "为什么是这条规则", "困难职工档案在档：是")
    b.shot("program-grant")
    # A batch, the bank's file, and the bank's results built from it.
    b.open(cycle)
    b.click_text("生成发放批次")
    b.see("发放批次已生成", "待批准", "本批次由您生成")
    batch = b.path().split("?")[0]
    check(not re.search(r"\d{16,19}", b.text("main table")), "accounts are masked on screen")
    check(not b.finds("a[href$='/file?format=csv']"), "no bank file before the batch is approved")
    b.shot("program-batch-awaiting-approval")
    # Another officer of the county approves the batch (duties kept apart).
    b.login("reviewer")
    b.open(batch)
    b.see("批准发放批次")
    b.click_text("核对无误，批准本批次")
    b.see("发放批次已批准")
    b.login("county")
    b.open(batch)
    b.see("已批准，待导出", "银行代发文件")
    href = b.find("a[href$='/file?format=csv']").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in b.driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookie}), timeout=60) as r:
        lines = list(csv.reader(r.read().decode("utf-8-sig").splitlines()))
    check(lines[0][-1] == "参考号" and len(lines) >= 2, f"the bank's file: {lines[:3]}")
    # Full accounts, each after a tab so that Excel keeps every digit.
    check(any(re.fullmatch(r"\t\d{12,19}", line[3]) for line in lines[1:]), f"the bank's file carries full accounts, kept as text: {lines[1:3]}")
    path = os.path.join(tempfile.mkdtemp(prefix="gonghui-results-"), "results.csv")
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["参考号", "结果", "失败原因"])
        for line in lines[1:]:
            w.writerow([line[-1], "成功", ""])
    b.shot("program-batch")
    b.find("input[type=file][name=file]").send_keys(path)
    b.click(b.find("form[action$='/results'] button[type=submit]"))
    # Recorded, not applied until another officer confirms the bank's results.
    b.see("等待另一位人员复核确认", "待复核的银行回单", "这份回单由您登记")
    b.shot("program-results-awaiting")
    b.login("reviewer")
    b.open(batch)
    b.click_text("复核无误，确认生效")
    b.see(f"成功 {len(lines) - 1} 笔", "已对账")
    check(b.path().startswith(batch), f"back on the batch page: {b.path()}")
    # The report with its headline and chart.
    b.open(cycle)
    b.click_text("统计报表")
    b.see("帮扶", "万元", "按单位", "按困难类别", "合计")
    headline = b.find("#headline").text
    check("帮扶" in headline and "万元" in headline and "已批准" in headline, f"the headline sentence: {headline}")
    check(len(b.finds("svg.chart")) >= 1, "the report draws its chart")
    b.shot("program-report")
    b.size(PHONE)
    try:
        b.open(cycle)
        b.no_horizontal_overflow()
        b.shot("phone-program-cycle")
        b.click_text("统计报表")
        b.no_horizontal_overflow()
        b.shot("phone-program-report")
    finally:
        b.size(DESKTOP)
    b.logout()


def test_dispute_intake_to_agreement(b, s):
    # The county officer registers a 12351 call about unpaid wages, with one field wrong first.
    b.login("county")
    b.open("/disputes")
    b.see("劳动争议案件")
    b.click_text("登记案件")
    Select(b.find("select[name=channel]")).select_by_visible_text("热线")
    Select(b.find("select[name=kind]")).select_by_visible_text("求决")
    b.fill("worker1_name", "周师傅")
    b.fill("worker1_phone", "1390000123")
    b.find("#f-worker1_rep").click()
    b.fill("worker2_name", "吴师傅")
    b.fill("workers_involved", "12")
    employer = "浏览器测试建筑劳务有限公司" + time.strftime("%H%M%S")
    b.fill("employer_name", employer)
    b.find("#f-type_wage_arrears").click()
    Select(b.find("select[name=claim1_type]")).select_by_visible_text("欠薪")
    b.fill("claim1_amount", "36,000")
    b.fill("claim1_text", "三个月工资")
    b.fill("facts", "项目完工后劳务公司未结清 12 名工人三个月工资")
    b.fill("learned_on", time.strftime("%Y-%m-%d", time.localtime(time.time() - 30 * 86400)))
    b.submit()
    check(b.field_error("worker1_phone"), "the phone's error shows beside it")
    check(b.find("input[name=employer_name]").get_attribute("value") == employer, "what was typed is kept")
    b.shot("dispute-intake-error")
    b.fill("worker1_phone", "13900001234")
    b.submit()
    b.see("案件已登记", "待受理", "集体", "还剩 15 天", "周师傅", "139****1234", employer)
    case = b.path().split("?")[0]
    b.shot("dispute-case-registered")
    b.size(PHONE)
    try:
        b.no_horizontal_overflow()
        b.shot("phone-dispute-case")
    finally:
        b.size(DESKTOP)
    # Accepted, an oral mediation application, an agreement and its performance.
    b.click(b.find("form.step:has(input[name=action][value=accept]) button"))
    b.see("已受理", "办理中", "办理期限")
    b.find("#f-oral").click()
    b.fill("mediation_note", "申请人口头申请调解，已当场记录")
    b.click(b.find("form.step:has(input[name=action][value=start_mediation]) button"))
    b.see("已记录调解申请", "调解中", "调解期限")
    b.fill("term1_text", "支付拖欠工资")
    b.fill("term1_amount", "36000")
    b.fill("term1_due", time.strftime("%Y-%m-%d", time.localtime(time.time() + 10 * 86400)))
    b.click(b.find("form.step:has(input[name=action][value=record_agreement]) button"))
    b.see("调解协议已记录", "协议履行中", "支付拖欠工资", "未履行")
    b.shot("dispute-agreement")
    # The mediation card: the agreement's number and its documents; the agreement as a page to print.
    b.see("协议书编号", "调字第", "劳动争议调解协议书", "打印页", "下载 Word 文档")
    b.click(b.find("a[href$='/documents/agreement']"))
    b.see("劳动争议调解协议书", "甲方（劳动者）", "乙方（用人单位）", "叁万陆仟元整", "一式三份", "周师傅")
    b.shot("dispute-agreement-print")
    b.size(PHONE)
    try:
        b.shot("phone-dispute-agreement-print")
    finally:
        b.size(DESKTOP)
    b.open(case)
    b.click(b.find("form.step:has(input[name=action][value=record_performance]) button"))
    b.see("已办结", "达成协议", "36000.00 元")
    b.shot("dispute-closed")
    # The worklist shows it with the other cases of the county; on a phone too.
    b.open("/disputes?employer=" + urllib.parse.quote(employer))
    row = [r for r in b.finds("main table tbody tr") if employer in r.text]
    check(row and "已办结" in row[0].text, "the closed case is in the worklist")
    b.shot("dispute-worklist")
    b.size(PHONE)
    try:
        b.no_horizontal_overflow()
        b.shot("phone-dispute-worklist")
    finally:
        b.size(DESKTOP)
    # The figures of the county: this year's cases, the charts, a child's row leading to its own figures.
    b.open("/disputes/figures")
    b.see("劳动争议调处统计", "受理案件", "按期办结率", "调解成功率", "按来源渠道", "按争议类型", "下级工会")
    b.shot("dispute-figures")
    b.size(PHONE)
    try:
        b.no_horizontal_overflow()
        b.shot("phone-dispute-figures")
    finally:
        b.size(DESKTOP)
    # The county's reviewer reads the case, without steps or documents.
    b.login("reviewer")
    b.open(case)
    b.see("您的角色只能查看案件")
    check("/documents/agreement" not in b.driver.page_source, "a reviewer is offered no documents")


def test_dispute_roster_and_settings(b, s):
    # The county keeps its mediator roster: one added with a wrong phone first, then corrected.
    b.login("county")
    b.open("/disputes")
    b.click_text("调解员名册")
    b.see("调解员名册", "李明", "专职调解员", "王芳", "律师", "已移出")
    name = "浏览器调解员" + time.strftime("%H%M%S")
    b.fill("name", name)
    Select(b.find("select[name=role]")).select_by_visible_text("兼职调解员")
    b.fill("phone", "1390000")
    b.find("#f-type_work_injury").click()
    b.submit("main form.card.form button[type=submit]")
    check(b.field_error("phone"), "the phone's error shows beside it")
    check(b.find("input[name=name]").get_attribute("value") == name, "what was typed is kept")
    b.shot("dispute-mediators-error")
    b.fill("phone", "13900005678")
    b.submit("main form.card.form button[type=submit]")
    b.see("调解员名册已保存", name, "兼职调解员", "工伤")
    b.shot("dispute-mediators")
    b.size(PHONE)
    try:
        b.no_horizontal_overflow()
        b.shot("phone-dispute-mediators")
    finally:
        b.size(DESKTOP)
    # The case page offers the roster's active mediators in its mediator field.
    open_case = s.query("SELECT c.id FROM dispute_cases c WHERE c.state = 'accepted' ORDER BY c.id LIMIT 1")
    check(open_case, "the demo has an accepted case")
    b.open(f"/disputes/{open_case[0][0]}")
    offered = [o.get_attribute("value") for o in b.finds("datalist#mediator-choices option")]
    check("李明" in offered and name in offered and "周海" not in offered, f"the roster's active mediators are offered: {offered}")
    # The clocks' numbers: every officer reads them with their sources; the county cannot change them.
    b.open("/disputes/settings")
    b.see("期限与标准", "受理告知期限", "《信访工作条例》第二十二条", "月最低工资标准", "节假日安排", "这些参数由省总工会维护")
    check(not b.finds("form[action='/disputes/settings/policy']"), "the county is offered no form")
    b.shot("dispute-settings-county")
    b.size(PHONE)
    try:
        b.no_horizontal_overflow()
        b.shot("phone-dispute-settings")
    finally:
        b.size(DESKTOP)
    # The province: a make-up workday on a weekday is refused beside its field, a day off is kept.
    b.login("admin")
    b.open("/disputes/settings?year=2026")
    b.see("国庆节", "调休上班")
    form = "form[action='/disputes/settings/calendar']"
    b.driver.execute_script("arguments[0].value = arguments[1]", b.find(f"{form} input[name=date]"), "2026-09-16")
    Select(b.find(f"{form} select[name=kind]")).select_by_value("workday")
    b.find(f"{form} input[name=name]").send_keys("地方假日")
    b.find(f"{form} input[name=source]").send_keys("本省通知")
    b.click(b.find(f"{form} button[type=submit]"))
    check(b.field_error("kind"), "the kind's error shows beside it")
    b.see("调休上班日应为周六或周日")
    b.shot("dispute-settings-error")
    Select(b.find(f"{form} select[name=kind]")).select_by_value("holiday")
    b.click(b.find(f"{form} button[type=submit]"))
    b.see("节假日安排已保存", "9月16日（周三）")
    b.shot("dispute-settings-province")


def test_worker_files_a_dispute_on_phone(b, s):
    # A member of the demo county activates the portal on a phone and complains about unpaid wages.
    b.login("county")
    name, path = pick_member(b, offset=140)
    code, idn, phone = activation_for_member(b)
    b.size(PHONE)
    try:
        b.open("/my/activate")
        b.fill("id_number", idn)
        b.fill("phone", phone)
        b.fill("code", code)
        b.fill("password", "Worker-2026!")
        b.fill("password_again", "Worker-2026!")
        b.submit()
        b.see("账号已开通", name)
        b.click_text("维权")
        b.see("我的维权", "您还没有维权案件", "12351")
        b.no_horizontal_overflow()
        b.shot("phone-portal-disputes")
        b.click_text("投诉或申请调解")
        employer = "手机投诉测试餐饮有限公司" + time.strftime("%H%M%S")
        b.fill("employer_name", employer)
        b.fill("facts", "太短")
        b.submit()
        check(b.find("#types-error").text, "missing types reported beside them")
        check(b.field_error("facts"), "too short facts reported beside the field")
        b.no_horizontal_overflow()
        b.shot("phone-portal-dispute-error")
        b.find("#f-type_wage_arrears").click()
        b.fill("amount", "8,400")
        b.fill("facts", "餐厅停业后拖欠两个月工资共 8400 元，要求补发")
        b.find("#f-mediation").click()
        b.submit()
        b.see("已提交", "待受理", employer, "工会已登记您的诉求", "还剩 15 天", "12351")
        b.no_horizontal_overflow()
        b.shot("phone-portal-dispute-case")
        # A payslip added from the phone: a text file refused beside the field, then a PDF.
        bad = os.path.join(s.workdir, "payslip.txt")
        with open(bad, "w") as f:
            f.write("not a paper")
        good = os.path.join(s.workdir, "payslip.pdf")
        with open(good, "w") as f:
            f.write("%PDF-1.4\n% payslip\n")
        upload = "form[action$='/papers']"
        b.find(f"{upload} input[type=file]").send_keys(bad)
        b.click(b.find(f"{upload} button[type=submit]"))
        check(b.field_error("file"), "the file's error shows beside it")
        b.find(f"{upload} input[type=file]").send_keys(good)
        Select(b.find(f"{upload} select[name=kind]")).select_by_value("wages")
        b.click(b.find(f"{upload} button[type=submit]"))
        b.see("材料已上传", "我的材料", "payslip.pdf")
        b.no_horizontal_overflow()
        b.shot("phone-portal-dispute-paper")
        b.click_text("消息")
        b.see("消息", "待受理")
        b.shot("phone-portal-inbox")
    finally:
        b.size(DESKTOP)
        b.driver.delete_all_cookies()
    # The union that handles it has it as a to-do in its officers' inbox.
    handler = s.query("SELECT o.code FROM dispute_cases c JOIN orgs o ON o.id = c.org_id WHERE c.employer_name = ?", employer)
    check(handler, "the filed case is in the database")
    b.login("county")
    b.open("/disputes?employer=" + urllib.parse.quote(employer))
    b.see(employer, "网上")
    b.shot("dispute-online-case-in-worklist")


def test_system_page(b, s):
    # A county officer has no 运维 in the menu, and the page is closed to them.
    b.login("county")
    check("运维" not in b.text("nav[aria-label='主导航']"), "the 运维 link is for the system administrator only")
    b.open("/system")
    b.see("只有系统管理员可以查看系统运维页面")
    # The administrator: the database, no backup yet, the retention rules with their sources.
    b.login("admin")
    b.click_text("运维")
    b.see("系统运维", "加密密钥指纹", "尚无备份记录", "保存期限", "《个人信息保护法》第十九条", "《网络安全法》第二十一条")
    # A backup taken from the command line while the server runs shows on the page.
    target = os.path.join(s.workdir, "backup-1")
    done = subprocess.run([s.binary, "backup", "--output", target, "--database", s.db],
                          capture_output=True, text=True, cwd=s.workdir)
    check(done.returncode == 0, f"gonghui backup failed while the server ran: {done.stderr[-1500:]}")
    check(os.path.exists(os.path.join(target, "manifest.json")), "the backup wrote its manifest")
    b.open("/system")
    b.see("最近一次备份", "命令行备份", target)
    b.shot("system-admin")
    b.size(PHONE)
    try:
        b.open("/system")
        b.no_horizontal_overflow()
        b.shot("phone-system-admin")
    finally:
        b.size(DESKTOP)


def test_risk_warning_collective_case(b, s):
    # The county registers a wage complaint of ten workers: a collective case, alerted at once.
    b.login("county")
    b.open("/disputes/new")
    Select(b.find("select[name=channel]")).select_by_visible_text("来访")
    Select(b.find("select[name=kind]")).select_by_visible_text("求决")
    b.fill("worker1_name", "郑师傅")
    b.fill("worker1_phone", "13900004321")
    b.find("#f-worker1_rep").click()
    b.fill("workers_involved", "10")
    employer = "预警测试服装有限公司" + time.strftime("%H%M%S")
    b.fill("employer_name", employer)
    b.find("#f-type_wage_arrears").click()
    Select(b.find("select[name=claim1_type]")).select_by_visible_text("欠薪")
    b.fill("claim1_amount", "60,000")
    b.fill("claim1_text", "十人两个月工资")
    b.fill("facts", "服装厂停产两个月未发工资，十名职工到区总工会反映")
    b.fill("learned_on", time.strftime("%Y-%m-%d", time.localtime(time.time() - 10 * 86400)))
    b.submit()
    b.see("案件已登记", "风险预警", "集体劳动争议")
    b.shot("risk-warning-case")
    b.logout()
    # The city sees it on its dashboard and in the list, acknowledges it with a note, then closes it.
    b.login("wuhan")
    b.see("风险预警：待处理")
    b.click_text("查看预警")
    b.see("风险预警", employer)
    b.shot("risk-warning-list")
    link = b.driver.find_element(By.XPATH, f"//tr[td[normalize-space()='{employer}']]//a")
    b.click(link)
    b.see("集体劳动争议", "涉及 10 名职工，达到即时预警人数 10 人", "待处理")
    b.submit("form[action$='/acknowledge'] button[type=submit]")
    check("请写明知悉情况和下一步安排" in b.field_error("acknowledge_note"), "an empty note is refused beside the field")
    b.fill("acknowledge_note", "已电话联系江岸区总工会，明日到厂了解")
    b.submit("form[action$='/acknowledge'] button[type=submit]")
    b.see("已确认知悉该预警", "已知悉", "已电话联系江岸区总工会")
    b.fill("close_note", "企业已筹款补发工资，职工未再聚集")
    b.submit("form[action$='/close'] button[type=submit]")
    b.see("预警已办结", "已办结", "企业已筹款补发工资")
    b.shot("risk-warning-closed")
    b.size(PHONE)
    try:
        b.open("/warnings?state=all")
        b.no_horizontal_overflow()
        b.shot("phone-risk-warnings")
    finally:
        b.size(DESKTOP)


def test_legal_aid_application(b, s):
    # The county's demo: an application waiting for the decision; the officer reads the rules' result,
    # approves it and assigns a lawyer from the roster.
    b.login("county")
    b.open("/disputes")
    b.click_text("法律援助")
    b.see("法律援助", "待审查", "已结案")
    b.shot("legal-aid-list")
    link = b.driver.find_element(By.XPATH, "//tr[td/span[normalize-space()='待审查']]//a")
    b.click(link)
    b.see("审查规则：符合援助条件", "申请人为在会会员", "《工会法律援助办法》")
    b.click(b.find("button[name=decision][value=approve]"))
    b.see("已批准援助，请指派律师")
    Select(b.find("select[name=lawyer_id]")).select_by_visible_text("湖北江岸律师事务所 王芳 律师")
    b.submit("form[action$='/assign'] button[type=submit]")
    b.see("已指派律师", "湖北江岸律师事务所 王芳 律师")
    b.shot("legal-aid-assigned")
    b.size(PHONE)
    try:
        b.open("/legal-aid/lawyers")
        b.see("法律援助律师名册", "赵磊")
        b.no_horizontal_overflow()
        b.shot("phone-legal-aid-lawyers")
    finally:
        b.size(DESKTOP)


def test_labor_supervision(b, s):
    # The county's demo: an opinion went unanswered, so the worklist proposes the proposal; the officer
    # issues it to the labor department and reads the numbered letter with the committee's seal place.
    b.login("county")
    b.open("/disputes")
    b.click_text("劳动法律监督")
    b.see("待办", "建议发出监督建议书", "劳动行政部门已处理")
    b.shot("supervision-worklist")
    link = b.driver.find_element(By.XPATH, "//section[@aria-labelledby='sv-work']//tr[td[contains(., '建议发出监督建议书')]]//a")
    b.click(link)
    b.see("监督意见书", "未答复")
    b.submit("form[action$='/issue'] button[type=submit]")
    b.see("文书已编号", "已提请劳动行政部门", "人力资源和社会保障局")
    b.click(b.driver.find_elements(By.LINK_TEXT, "查看打印")[-1])
    b.see("工会劳动法律监督建议书", "劳动法律监督委员会（盖章）", "逾期未作答复")
    b.shot("supervision-proposal-letter")
    # A new supervision: the employer found by part of its name, its cases beside it, the reminder issued.
    b.open("/supervision/new")
    b.fill("q", "有限公司")
    b.submit("form[role=search] button[type=submit]")
    b.see("案件编号")
    b.click(b.driver.find_elements(By.LINK_TEXT, "对该单位发文")[0])
    b.submit("#sv-form button[type=submit]")
    check("请填写违法事实" in b.field_error("violation"), "an empty violation is refused beside the field")
    b.fill("violation", "安排职工连续工作 12 天未安排休息")
    b.fill("legal_basis", "《中华人民共和国劳动法》第三十八条")
    b.fill("correction", "保证职工每周至少休息一日")
    b.submit("#sv-form button[type=submit]")
    b.see("监督事项已立项", "提示函", "等待用人单位答复")
    b.shot("supervision-opened")
    b.logout()
    # The province's figures: its cities on the map by cases per 10,000 members, with the numbers beside.
    b.login("admin")
    b.open("/disputes/figures")
    b.see("各地区案件发生率（每万名会员）", "每万名会员", "劳动法律监督（一函两书）")
    b.shot("disputes-incidence-map")
    b.logout()
    b.login("county")
    b.size(PHONE)
    try:
        b.open("/supervision")
        b.no_horizontal_overflow()
        b.shot("phone-supervision")
    finally:
        b.size(DESKTOP)


def test_mutual_aid_round(b, s):
    # The county: the city's plan from the programs page, this year's round with its terms and each unit's
    # enrollment and contributions; a payment with the wrong amount is refused with the amount due.
    b.login("county")
    b.open("/programs")
    b.click_text("职工医疗互助")
    b.see("互助计划", "住院医疗互助")
    year = time.strftime("%Y")
    b.click(b.driver.find_element(By.LINK_TEXT, f"{year} 年度"))
    b.see("本轮条款", "个人负担超过 1,000.00 元部分的 50%", "各单位参保情况", "合计")
    unpaid = b.driver.find_element(By.XPATH, "//tr[td[@data-label='待缴（元）' and normalize-space()!='0.00']]/td[1]/span/span").text
    form = "form[action$='/payment']"
    b.driver.find_element(By.CSS_SELECTOR, f"{form} input[name=unit_code]").send_keys(unpaid)
    b.driver.find_element(By.CSS_SELECTOR, f"{form} input[name=amount]").send_keys("1")
    b.driver.find_element(By.CSS_SELECTOR, f"{form} input[name=receipt_no]").send_keys("HZ-TEST-1")
    b.submit(f"{form} button[type=submit]")
    b.see("与到账金额不符")
    b.shot("mutual-aid-round")
    b.size(PHONE)
    try:
        b.open("/mutual-aid")
        b.no_horizontal_overflow()
        b.shot("phone-mutual-aid")
    finally:
        b.size(DESKTOP)


def day(offset):
    """The date `offset` days from today in China (the server's today), as the forms take it."""
    return time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600 + offset * 86400))


def test_mutual_aid_claim_paid(b, s):
    """A unit enrolls its members and pays; a worker of a paid-up unit files a claim on a phone;
    the county reviews it, pays it through a batch (maker-checker at each step) and the worker
    sees it paid."""
    county = s.accounts["county"]["org"]
    year = day(0)[:4]

    def cell(row, label):
        return row.find_element(By.CSS_SELECTOR, f"td[data-label='{label}']").text.strip()

    # -- The unit enrolling: a grassroots unit of the county not yet in this year's round.
    b.login("county")
    b.open("/mutual-aid")
    b.see("互助计划", "住院医疗互助")
    b.click(b.driver.find_element(By.LINK_TEXT, f"{year} 年度"))
    round_path = b.path().split("?")[0]
    check(re.fullmatch(r"/mutual-aid/rounds/\d+", round_path), f"this year's round page: {round_path}")
    b.see("本轮条款", "各单位参保情况", "理赔", "登记理赔申请", "查看理赔", "互助统计")
    listed = {el.text.strip() for el in b.finds("section[aria-labelledby=h-units] tbody tr td:first-child span")}
    check(listed, "the demo's units are listed in the round")
    candidates = s.query("""
        SELECT o.code FROM orgs o WHERE o.kind = 'grassroots' AND o.status = 'active' AND o.code LIKE ?
          AND EXISTS (SELECT 1 FROM members m WHERE m.org_id = o.id AND m.status = 'active') ORDER BY o.depth, o.code""", county + "%")
    unit = next((c for (c,) in candidates if c not in listed), None)
    check(unit, f"a grassroots unit of {county} with members that is not enrolled yet (listed: {sorted(listed)})")
    print(f"    {unit} enrolls in the {year} round", flush=True)
    b.find("form[action$='/enroll'] input[name=unit_code]").send_keys(unit)
    b.submit("form[action$='/enroll'] button[type=submit]")
    b.see("参保已办理")
    row = b.driver.find_elements(By.XPATH, f"//section[@aria-labelledby='h-units']//tr[td[1]/span/span[normalize-space()='{unit}']]")
    check(row, f"{unit} has a row in the units' table after enrolling")
    enrolled = int(cell(row[0], "参保人数").replace(",", ""))
    due = cell(row[0], "待缴（元）")
    check(enrolled > 0 and due == f"{enrolled * 70:,}.00", f"{unit} owes 70 yuan × {enrolled} members after enrolling: {row[0].text}")
    b.shot("mutual-aid-unit-enrolled")
    form = "form[action$='/payment']"
    b.find(f"{form} input[name=unit_code]").send_keys(unit)
    b.find(f"{form} input[name=amount]").send_keys(due)
    b.fill("received_on", day(0))
    b.find(f"{form} input[name=receipt_no]").send_keys("HZ-BROWSER-" + time.strftime("%H%M%S"))
    b.submit(f"{form} button[type=submit]")
    b.see("互助金到账已登记")
    row = b.driver.find_elements(By.XPATH, f"//section[@aria-labelledby='h-units']//tr[td[1]/span/span[normalize-space()='{unit}']]")
    check(row and cell(row[0], "待缴（元）") == "0.00" and cell(row[0], "已到账（元）") == due
          and cell(row[0], "已到账人数") == cell(row[0], "参保人数"), f"{unit} is paid up: {row[0].text if row else 'no row'}")
    b.shot("mutual-aid-unit-paid")
    b.size(PHONE)
    try:
        b.open(round_path)
        b.see("各单位参保情况", unit)
        b.no_horizontal_overflow()
        b.shot("phone-mutual-aid-round")
    finally:
        b.size(DESKTOP)

    # -- The worker: a renewed member of a paid-up unit (no waiting period). The demo's claims by
    # such members are stays in the 40 days before today, the latest ending 5 days ago: this stay,
    # from 3 days ago to yesterday, overlaps none of them.
    event_on, discharged_on = day(-3), day(-1)
    found = s.query("""
        SELECT m.id, m.name, o.code FROM mutual_aid_enrollments e JOIN mutual_aid_rounds r ON r.id = e.round_id
            JOIN members m ON m.id = e.member_id JOIN orgs o ON o.id = e.org_id
        WHERE r.name = ? AND e.renewal AND e.payment_id IS NOT NULL AND m.org_id = e.org_id AND m.status = 'active'
          AND m.phone_enc IS NOT NULL AND o.code LIKE ?
          AND NOT EXISTS (SELECT 1 FROM mutual_aid_claims c WHERE c.member_id = m.id AND c.state <> 'refused'
                          AND c.event_on <= ? AND COALESCE(c.discharged_on, c.event_on) >= ?)
          AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.member_id = m.id)
          AND NOT EXISTS (SELECT 1 FROM worker_accounts w WHERE w.member_id = m.id)
        ORDER BY o.code, m.id LIMIT 1""", f"{year} 年度", county + "%", discharged_on, event_on)
    check(found, "the demo has a renewed, paid-up member of the county to file a claim")
    member_id, name, member_unit = found[0]
    print(f"    {name} of {member_unit} files a claim in the portal", flush=True)
    b.open(f"/members/{member_id}")
    b.see(name)
    code, idn, phone = activation_for_member(b)
    b.size(PHONE)
    try:
        b.open("/my/activate")
        b.fill("id_number", idn)
        b.fill("phone", phone)
        b.fill("code", code)
        b.fill("password", "Worker-2026!")
        b.fill("password_again", "Worker-2026!")
        b.submit()
        b.see("账号已开通", name)
        b.click(b.driver.find_element(By.XPATH, "//a[normalize-space()='我的互助']"))
        check(b.path() == "/my/mutual-aid", f"我的互助 opens: {b.path()}")
        b.see("我的保障", "保障期间", f"{year} 年度", "我的理赔申请")
        # Each benefit with its cap and what is left of it.
        b.see("本轮限额 20,000.00 元，尚可领取")
        b.no_horizontal_overflow()
        b.shot("phone-portal-mutual-aid")
        card = [c for c in b.finds("main li.card") if f"{year} 年度" in c.text and c.find_elements(By.CSS_SELECTOR, "a[href$='/claim']")]
        check(card, f"this year's cover offers 申请互助金: {b.text('main')[:600]}")
        link = card[0].find_element(By.CSS_SELECTOR, "a[href$='/claim']")
        check(link.text == "申请互助金", f"the claim button: {link.text!r}")
        b.click(link)
        check(re.fullmatch(r"/my/mutual-aid/rounds/\d+/claim", b.path()), f"the claim form: {b.path()}")
        b.see("申请互助金", "理赔材料", "收款账户")
        b.fill("benefit", "stay")
        check(Select(b.find("select[name=benefit]")).first_selected_option.text == "住院医疗互助金（住院）", "the stay benefit is chosen")
        b.fill("event_on", event_on)
        b.fill("discharged_on", discharged_on)
        b.fill("total_cost", "8000")
        b.fill("insurance_paid", "4000")
        b.fill("bank_name", "中国工商银行")
        b.fill("bank_account", "6222020200001234567")
        paper = os.path.join(s.workdir, "discharge-summary.pdf")
        with open(paper, "w") as f:
            f.write("%PDF-1.4\n% 出院小结（浏览器测试）\n%%EOF\n")
        b.find("input[name=paper_discharge_summary]").send_keys(paper)
        b.no_horizontal_overflow()
        b.shot("phone-portal-claim-form")
        b.submit()
        b.see("理赔申请已提交", "工会正在审核您的申请", "待审核", "核定给付 1,500.00 元",
              "个人负担 4,000.00 元", f"住院 {event_on} 至 {discharged_on}")
        m = re.fullmatch(r"/my/mutual-aid/claims/(\d+)", b.path().split("?")[0])
        check(m, f"after filing, the claim's page: {b.path()}")
        claim_id = m.group(1)
        claim_no = re.search(r"MA-\d{4}-\d{6}", b.text()).group(0)
        b.no_horizontal_overflow()
        b.shot("phone-portal-claim-filed")
    finally:
        b.size(DESKTOP)

    # -- The county's reviewer approves it.
    b.login("reviewer")
    b.open("/mutual-aid/claims")
    b.see("待我处理")
    waiting = b.finds(f"section[aria-labelledby=h-awaiting] a[href='/mutual-aid/claims/{claim_id}']")
    check(waiting and waiting[0].text == claim_no, f"{claim_no} waits for the reviewer: {b.text('main')[:800]}")
    b.shot("mutual-aid-claims-awaiting")
    b.click(waiting[0])
    b.see(claim_no, name, "待审核", "核定给付 1,500.00 元", "出院小结：discharge-summary.pdf", "职工在线申请")
    approve = b.find("button[name=decision][value=approve]")
    check(approve.text == "批准给付 1,500.00 元", f"the approve button: {approve.text!r}")
    b.shot("mutual-aid-claim-review")
    b.size(PHONE)
    try:
        b.no_horizontal_overflow()
        b.shot("phone-mutual-aid-claim-review")
    finally:
        b.size(DESKTOP)
    b.click(approve)
    b.see("已处理", "待发放")

    # -- The county makes a batch of the approved claims; the reviewer approves it.
    b.login("county")
    b.open(round_path)
    button = b.finds(f"form[action='{round_path}/batches'] button[type=submit]")
    check(button, f"the round offers a batch of its approved claims: {b.text('main')[-800:]}")
    m = re.fullmatch(r"为 (\d+) 笔待发放理赔生成发放批次", button[0].text)
    check(m and int(m.group(1)) >= 1, f"the batch button: {button[0].text!r}")
    approved = int(m.group(1))
    b.click(button[0])
    b.see("发放批次已生成", "待批准", "本批次由您生成")
    batch = b.path().split("?")[0]
    check(re.fullmatch(r"/batches/\d+", batch), f"the batch's page: {batch}")
    lines_on_page = b.finds("section[aria-labelledby=h-lines] tbody tr")
    check(len(lines_on_page) == approved, f"{approved} lines in the batch, the page shows {len(lines_on_page)}")
    ours = b.finds(f"section[aria-labelledby=h-lines] tbody tr a[href='/mutual-aid/claims/{claim_id}']")
    check(ours and ours[0].text == name, f"{name}'s claim is a line of the batch")
    check(not b.finds("a[href$='/file?format=csv']"), "no bank file before the batch is approved")
    b.shot("mutual-aid-batch-awaiting-approval")
    b.login("reviewer")
    b.open(batch)
    b.click_text("核对无误，批准本批次")
    b.see("发放批次已批准")
    # The bank's file, and the bank's results built from its references: every line paid.
    b.login("county")
    b.open(batch)
    b.see("已批准，待导出", "银行代发文件")
    references = [c.text.strip() for c in b.finds("section[aria-labelledby=h-lines] tbody td code")]
    href = b.find("a[href$='/file?format=csv']").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in b.driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookie}), timeout=60) as r:
        lines = list(csv.reader(r.read().decode("utf-8-sig").splitlines()))
    check(lines[0][-1] == "参考号" and len(lines) == approved + 1, f"the bank's file: {lines[:4]}")
    check(sorted(line[-1] for line in lines[1:]) == sorted(references), f"the file's references {[l[-1] for l in lines[1:]]} are the page's {references}")
    check(any(line[-1].endswith(f"-{int(claim_id):06d}-1") for line in lines[1:]), f"a line pays claim {claim_id}: {lines[1:]}")
    path = os.path.join(tempfile.mkdtemp(prefix="gonghui-ma-results-"), "results.csv")
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["参考号", "结果", "失败原因"])
        for line in lines[1:]:
            w.writerow([line[-1], "成功", ""])
    b.find("input[type=file][name=file]").send_keys(path)
    b.click(b.find("form[action$='/results'] button[type=submit]"))
    b.see("等待另一位人员复核确认", "待复核的银行回单", "这份回单由您登记")
    b.login("reviewer")
    b.open(batch)
    b.click_text("复核无误，确认生效")
    b.see(f"成功 {approved} 笔", "已对账")
    check(b.path().startswith(batch), f"back on the batch page: {b.path()}")
    results = [r.find_element(By.CSS_SELECTOR, "td[data-label='结果']").text for r in b.finds("section[aria-labelledby=h-lines] tbody tr")]
    check(results == ["成功"] * approved, f"every line is marked paid: {results}")
    b.shot("mutual-aid-batch-reconciled")
    b.open(f"/mutual-aid/claims/{claim_id}")
    b.see("已发放", "申请后")
    b.shot("mutual-aid-claim-paid")

    # -- The worker sees it paid, on a phone.
    b.driver.delete_all_cookies()
    b.size(PHONE)
    try:
        b.open("/my/login")
        b.fill("id_number", idn)
        b.fill("password", "Worker-2026!")
        b.submit()
        b.see(name)
        b.open("/my/mutual-aid")
        card = [c for c in b.finds("main li.card") if claim_no in c.text]
        check(card and "已发放" in card[0].text, f"{claim_no} shows as 已发放: {card[0].text if card else b.text('main')[:600]}")
        b.no_horizontal_overflow()
        b.shot("phone-portal-mutual-aid-paid")
        b.click(card[0].find_element(By.CSS_SELECTOR, f"a[href='/my/mutual-aid/claims/{claim_id}']"))
        b.see("已发放", "互助金已转入您的账户", "发放日期", day(0), "核定给付 1,500.00 元")
        b.no_horizontal_overflow()
        b.shot("phone-portal-claim-paid")
        b.open("/my/inbox")
        b.see("互助金 1,500.00 元已发放", claim_no)
        b.no_horizontal_overflow()
        b.shot("phone-portal-inbox-paid")
        # The same page on a wide screen.
        b.size(DESKTOP)
        b.open("/my/mutual-aid")
        b.see("我的保障", claim_no)
        b.no_horizontal_overflow()
        b.shot("portal-mutual-aid-desktop")
    finally:
        b.size(DESKTOP)
        b.driver.delete_all_cookies()

    # -- The round's figures, with the payout ratio and the benefits paid by item.
    b.login("county")
    b.open(round_path + "/figures")
    b.see("赔付率", "按给付项目", "住院医疗互助金")
    check(len(b.finds("svg.chart")) >= 1, "the figures draw their charts")
    b.shot("mutual-aid-figures")
    b.size(PHONE)
    try:
        b.no_horizontal_overflow()
        b.shot("phone-mutual-aid-figures")
    finally:
        b.size(DESKTOP)


def test_loans_console(b, s):
    # The county: the quota and its loans from the programs page; an application sent empty names each
    # missing field beside it; desktop and phone.
    b.login("county")
    b.open("/programs")
    b.click_text("小额担保贷款")
    b.see("本县担保额度", "已占用担保额度", "尚余额度", "1,300,000.00")
    b.shot("loans-list")
    b.click_text("登记贷款申请")
    b.see("借款人身份证号", "担保人", "开始经营日期")
    b.submit("form[action='/loans/new'] button[type=submit]")
    b.see("请选择")
    for field in ["id_number", "basis", "project_kind", "operating_since", "amount", "g_id_number", "g_amount"]:
        check(b.driver.find_elements(By.ID, f"{field}-error"), f"the empty application names {field} beside it")
    b.shot("loans-new-errors")
    b.size(PHONE)
    try:
        b.open("/loans/new")
        b.no_horizontal_overflow()
        b.shot("phone-loans-new")
        b.open("/loans")
        b.no_horizontal_overflow()
        b.shot("phone-loans-list")
    finally:
        b.size(DESKTOP)


def open_worker_account(b, idn, phone, code):
    """The worker opens their portal account with the code the union issued."""
    b.open("/my/")
    b.click_text("首次使用：开通账号")
    b.fill("id_number", idn)
    b.fill("phone", phone)
    b.fill("code", code)
    b.fill("password", "Worker-2026!")
    b.fill("password_again", "Worker-2026!")
    b.submit()
    b.see("账号已开通")


def test_loans_follow_up(b, s):
    # The county follows a late loan up: the loan's page shows how late it is, a visit is recorded,
    # the guarantor's payment and the write-off are offered; the figures show the fund's exposure.
    b.login("county")
    b.open("/loans?state=repaying")
    hrefs = [a.get_attribute("href") for a in b.driver.find_elements(By.CSS_SELECTOR, "main table tbody tr td a")]
    check(hrefs, "the demo county has loans being repaid")
    late = None
    for href in hrefs:
        b.driver.get(href)
        if "已逾期" in b.text():
            late = href
            break
    check(late, "one of them is late")
    b.see("还款计划", "跟踪回访", "担保人代偿", "代偿核销")
    b.fill("note", "上门回访：店面正常营业，借款人承诺本月补还逾期款项")
    b.submit("form[action$='/visit'] button[type=submit]")
    b.see("回访已登记", "上门回访：店面正常营业")
    b.shot("loan-late-visited")
    b.size(PHONE)
    try:
        b.no_horizontal_overflow()
        b.shot("phone-loan-late")
    finally:
        b.size(DESKTOP)
    b.open("/loans")
    b.click_text("贷款统计")
    b.see("小额担保贷款统计", "在保余额", "担保基金风险敞口", "逾期 1–30 天")
    b.shot("loans-figures")
    b.size(PHONE)
    try:
        b.no_horizontal_overflow()
        b.shot("phone-loans-figures")
    finally:
        b.size(DESKTOP)
    # The borrower, on a phone: the loan, the next instalment and the schedule.
    b.driver.get(late)
    loan_no = b.text("h1").split()[1]
    b.click_text("借款人会员档案")
    code, idn, phone = activation_for_member(b)
    b.size(PHONE)
    try:
        open_worker_account(b, idn, phone, code)
        b.open("/my/loans")
        b.see("我的贷款", loan_no, "还款中", "下一期", "已逾期")
        b.find("details summary").click()
        b.see("您应还", "已还", "财政贴息")
        b.no_horizontal_overflow()
        b.shot("phone-portal-my-loans")
    finally:
        b.size(DESKTOP)


def test_member_card(b, s):
    # The county reads its card measures from the programs page, sets the year's target, sees the
    # sleeping cards and the merchants with a contract ending this month first; a worker on a phone
    # applies for a card and finds merchants by category.
    b.login("county")
    b.open("/programs")
    b.click_text("会员服务卡")
    b.see("已发卡（张）", "激活率", "使用率", "长期使用率", "睡眠卡跟进名单", "年度发卡目标")
    b.fill("target", "")
    b.submit("form[action='/cards/target'] button[type=submit]")
    check(b.driver.find_elements(By.ID, "target-error"), "an empty target is named beside its field")
    b.fill("target", "500")
    b.submit("form[action='/cards/target'] button[type=submit]")
    b.see("年度发卡目标已保存", "目标 500 张")
    b.shot("cards-measures")
    b.click_text("普惠商户")
    b.see("待办：30 天内到期的合同", "木兰天池景区", "天后到期")
    b.shot("cards-merchants")
    b.size(PHONE)
    try:
        b.open("/cards")
        b.no_horizontal_overflow()
        b.shot("phone-cards-measures")
    finally:
        b.size(DESKTOP)
    name, path = pick_member(b, offset=140)
    code, idn, phone = activation_for_member(b)
    b.size(PHONE)
    try:
        open_worker_account(b, idn, phone, code)
        b.open("/my/card")
        b.see("我的服务卡", "卡上承载的工会服务", "优惠商户")
        if "申领服务卡" in b.text():
            b.fill("branch", "工行江岸支行")
            b.submit("form[action='/my/card'] button[type=submit]")
            b.see("申领已提交", "工行江岸支行")
        b.no_horizontal_overflow()
        b.shot("phone-portal-my-card")
        b.fill("category", "medical")
        b.submit("form[action='/my/card'][method=get] button[type=submit]")
        b.see("江岸区职工医院")
        b.click_text("江岸区职工医院")
        b.see("职工体检套餐八折", "优惠有效期至")
        b.no_horizontal_overflow()
        b.shot("phone-portal-merchant")
    finally:
        b.size(DESKTOP)


TESTS = [
    ("login_each_role", test_login_each_role),
    ("tree_navigation", test_tree_navigation),
    ("org_edit_and_move_confirmation", test_org_edit_and_move_confirmation),
    ("find_and_edit_member", test_find_and_edit_member),
    ("transfer_through_both_approvals", test_transfer_through_both_approvals),
    ("day_work_console", test_day_work_console),
    ("hardship_archive_flow", test_hardship_archive_flow),
    ("hardship_recheck_and_approval", test_hardship_recheck_and_approval),
    ("import_bad_then_good", test_import_bad_then_good),
    ("worker_portal_on_phone", test_worker_portal_on_phone),
    ("worker_applies_for_assistance", test_worker_applies_for_assistance),
    ("phone_console_pages", test_phone_console_pages),
    ("markup_in_names_stays_text", test_markup_in_names_stays_text),
    ("password_change", test_password_change),
    ("statistics_drill_down_and_download", test_statistics_drill_down_and_download),
    ("program_cycle_flow", test_program_cycle_flow),
    ("dispute_intake_to_agreement", test_dispute_intake_to_agreement),
    ("worker_files_a_dispute_on_phone", test_worker_files_a_dispute_on_phone),
    ("dispute_roster_and_settings", test_dispute_roster_and_settings),
    ("system_page", test_system_page),
    ("risk_warning_collective_case", test_risk_warning_collective_case),
    ("legal_aid_application", test_legal_aid_application),
    ("labor_supervision", test_labor_supervision),
    ("mutual_aid_round", test_mutual_aid_round),
    ("mutual_aid_claim_paid", test_mutual_aid_claim_paid),
    ("loans_console", test_loans_console),
    ("loans_follow_up", test_loans_follow_up),
    ("member_card", test_member_card),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--out", default="ci-artifacts/screenshots")
    ap.add_argument("--members", type=int, default=20000)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for old in os.listdir(args.out):
        if old.endswith(".png"):
            os.remove(os.path.join(args.out, old))
    if args.only and not any(args.only in name for name, _ in TESTS):
        print(f"browser tests: no test name contains {args.only!r}; names: {', '.join(n for n, _ in TESTS)}")
        return 2
    workdir = tempfile.mkdtemp(prefix="gonghui-browser-")
    server = Server(os.path.abspath(args.bin), args.members, workdir)
    failures = []
    browser = None
    try:
        t0 = time.time()
        server.start()
        print(f"server up at {server.base} with {args.members} demo members ({time.time() - t0:.1f} s)", flush=True)
        browser = Browser(server, args.out)
        for name, fn in TESTS:
            if args.only and args.only not in name:
                continue
            start = time.time()
            try:
                if fn is test_import_bad_then_good:
                    fn(browser, server, workdir)
                else:
                    fn(browser, server)
                print(f"  ok    {name} ({time.time() - start:.1f} s)", flush=True)
            except Exception as e:  # noqa: BLE001 - every failure is reported, then the next test runs
                failures.append(name)
                print(f"  FAIL  {name}: {e}", flush=True)
                if not isinstance(e, Failure):
                    traceback.print_exc()
                try:
                    browser.shot(f"FAILED-{name}")
                except Exception:  # noqa: BLE001
                    pass
                browser.size(DESKTOP)
    finally:
        if browser:
            browser.quit()
        server.stop()
        if failures:
            print(f"server log: {server.log_path}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    shots = sorted(f for f in os.listdir(args.out) if f.endswith(".png"))
    print(f"{len(shots)} screenshots in {args.out}")
    if failures:
        print(f"browser tests: {len(failures)} failed: {', '.join(failures)}")
        return 1
    print("browser tests: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
