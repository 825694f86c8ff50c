"""End to end in a real browser: JupyterLab on 127.0.0.1 with a random token, each notebook opened
in headless Chromium (Debian's /usr/bin/chromium through the Playwright package), Run > Run All
Cells, then: charts (images) and tables rendered, no error output. A screenshot per notebook goes
to reports/screenshots/.

The notebooks run on copies in a temporary root (seeds/ and data/ linked read-only, a fresh
reports/), so the committed .ipynb files and reports/figures are never modified.

Also here: `make lab` binds to 127.0.0.1 and keeps token authentication.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("WORKBOOK_CHROMIUM", "/usr/bin/chromium")
JUPYTER = Path(sys.executable).parent / "jupyter"
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SCREENSHOTS = ROOT / "reports" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
RUN_TIMEOUT_MS = int(os.environ.get("WORKBOOK_BROWSER_TIMEOUT", "600")) * 1000


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, timeout=2):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def start_lab(root_dir, home, extra_args, token=None):
    """Start jupyter lab; return (process, port). The caller stops it with stop_lab."""
    port = free_port()
    env = {**os.environ, "HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / "cfg"),
           "JUPYTER_RUNTIME_DIR": str(home / "rt"), "JUPYTERLAB_WORKSPACES_DIR": str(home / "ws"),
           "IPYTHONDIR": str(home / "ipy"), "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    cmd = [str(JUPYTER), "lab", "--no-browser", f"--port={port}", "--ServerApp.port_retries=0",
           "--allow-root", *extra_args]
    if token is not None:
        cmd.append(f"--IdentityProvider.token={token}")
    proc = subprocess.Popen(cmd, cwd=root_dir, env=env, stdout=subprocess.DEVNULL,
                            stderr=open(home / "lab.log", "wb"), start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited: {(home / 'lab.log').read_text()[-2000:]}")
        try:
            if get(f"http://127.0.0.1:{port}/api/status") in (200, 403):
                return proc, port
        except OSError:
            pass
        time.sleep(0.3)
    stop_lab(proc)
    raise RuntimeError("jupyter lab did not start within 60 s")


def stop_lab(proc):
    """Stop the server we started (its own process group: the server and its kernels)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=5)


# ---------------------------------------------------------------------------------------------
# `make lab` (scripts/lab.sh): localhost only, token required, rooted at the repository

LAB_SH = ROOT / "scripts" / "lab.sh"


def test_make_lab_config_is_local_and_token_protected():
    assert "lab: setup\n\t@bash scripts/lab.sh" in (ROOT / "Makefile").read_text()
    script = LAB_SH.read_text()
    assert "--ServerApp.ip=127.0.0.1" in script and '--IdentityProvider.token="$TOKEN"' in script
    for bad in ("token=''", 'token=""', "disable_check_xsrf", "0.0.0.0", "allow_remote_access",
                "password=''", "--ip=*", "ServerApp.ip=''"):
        assert bad not in script, f"make lab weakens security: {bad}"
    setup = (ROOT / "scripts" / "setup-venv.sh").read_text()
    assert '"ip": "127.0.0.1"' in setup
    assert "token" not in setup.lower(), "setup-venv.sh must not configure (or blank) the token"
    conf = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.json"
    if conf.exists():
        server = json.loads(conf.read_text()).get("ServerApp", {})
        assert server.get("ip") == "127.0.0.1"
        assert not server.get("token") == "" and "password" not in server


def _get_with(url, token=None, timeout=5):
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""


@pytest.mark.timeout(180)
def test_make_lab_serves_the_repository_on_localhost_with_a_token(tmp_path):
    """scripts/lab.sh as this user (root on CI: it must add --allow-root itself): 127.0.0.1 only,
    403 without the token, README.md, data/ and notebooks/ at the root, the URL with its token printed."""
    psutil = pytest.importorskip("psutil")
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "PORT": str(port), "JUPYTER_TOKEN": token, "HOME": str(tmp_path),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws")}
    proc = subprocess.Popen(["bash", str(LAB_SH)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if proc.poll() is not None:
                pytest.fail(f"make lab exited: {proc.communicate()[0][-2000:]}")
            try:
                if _get_with(f"{base}/api/status", token)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.25)
        else:
            pytest.fail("JupyterLab did not start within 60 s")
        assert _get_with(f"{base}/api/contents")[0] == 403, "server answers without a token"
        assert _get_with(f"{base}/api/contents", "wrong")[0] == 403
        status, body = _get_with(f"{base}/api/contents", token)
        assert status == 200
        for name in (b'"README.md"', b'"data"', b'"notebooks"'):
            assert name in body, f"{name!r} is not in the lab's root folder"
        assert _get_with(f"{base}/api/contents/notebooks/00-findings.ipynb", token)[0] == 200
        listening = set()
        for p in [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]:
            for c in p.net_connections(kind="inet"):
                if c.status == psutil.CONN_LISTEN and c.laddr.port == port:
                    listening.add(c.laddr.ip)
        assert listening == {"127.0.0.1"}, listening
    finally:
        stop_lab(proc)
        out = proc.communicate(timeout=30)[0]
    assert f"http://127.0.0.1:{port}/lab?token={token}" in out, "the URL with its token is printed"


@pytest.mark.parametrize("uid, expect_allow_root", [("0", True), ("1000", False)])
def test_make_lab_passes_allow_root_only_for_root(tmp_path, uid, expect_allow_root):
    """The decision alone, with stand-ins for `id` and `jupyter` (the real server is tested above,
    as whichever user runs the suite)."""
    fake = tmp_path / "venv" / "bin"
    fake.mkdir(parents=True)
    (fake / "python").symlink_to(sys.executable)
    (fake / "jupyter").write_text('#!/bin/sh\necho "ARGS: $*"\n')
    (fake / "jupyter").chmod(0o755)
    stub = tmp_path / "stub"
    stub.mkdir()
    (stub / "id").write_text(f'#!/bin/sh\n[ "$1" = "-u" ] && echo {uid} || /usr/bin/id "$@"\n')
    (stub / "id").chmod(0o755)
    env = {**os.environ, "VENV": str(tmp_path / "venv"), "PATH": f"{stub}:{os.environ['PATH']}",
           "PORT": str(free_port())}
    out = subprocess.run(["bash", str(LAB_SH)], env=env, capture_output=True, text=True, timeout=60,
                         check=True).stdout
    args = out.split("ARGS:", 1)[1]
    assert ("--allow-root" in args) == expect_allow_root
    assert "--ServerApp.ip=127.0.0.1" in args and f"--ServerApp.root_dir={ROOT}" in args
    assert "--IdentityProvider.token=" in args and "--IdentityProvider.token= " not in args


# ---------------------------------------------------------------------------------------------
# Every notebook, run in the browser

@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (scripts/system-deps.sh) for the browser test")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    if not NOTEBOOKS:
        pytest.skip("no notebooks in notebooks/")
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    (root / "reports").mkdir(parents=True)
    # Only the notebooks themselves: a working folder may also hold checkpoints or kernel sockets.
    (root / "notebooks").mkdir(parents=True)
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        shutil.copy2(nb, root / "notebooks" / nb.name)
    for name in ("seeds", "data", "helpers.py"):
        os.symlink(ROOT / name, root / name)
    token = secrets.token_hex(24)
    home = base / "home"
    home.mkdir()
    # The repository's JupyterLab settings (what scripts/setup-venv.sh installs), so the test
    # sees the lab a user gets even if the environment was set up before they changed.
    settings = base / "lab-settings"
    settings.mkdir()
    shutil.copy2(ROOT / "scripts" / "lab-overrides.json", settings / "overrides.json")
    proc, port = start_lab(root, home, ["--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={root}",
                                        f"--LabApp.app_settings_dir={settings}"], token)
    from playwright.sync_api import sync_playwright
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                yield {"browser": browser, "port": port, "token": token, "root": root}
            finally:
                browser.close()
    finally:
        stop_lab(proc)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
IDLE = f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']"
STATE_JS = """(panel) => {
  const cells = [...document.querySelectorAll(panel + ' .jp-CodeCell')];
  const prompt = c => ((c.querySelector('.jp-InputPrompt') || {}).textContent || '').trim();
  const src = c => ((c.querySelector('.jp-InputArea-editor') || {}).textContent || '').trim();
  const todo = cells.filter(c => src(c) !== '');
  return {cells: todo.length,
          done: todo.filter(c => /^\\[\\d+\\]/.test(prompt(c))).length,
          running: cells.filter(c => prompt(c).startsWith('[*]')).length,
          errors: document.querySelectorAll(panel + ' .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length};
}"""


def kernel_ready(lab, nb):
    """The server has a kernel for this notebook and reports it idle (REST API)."""
    url = f"http://127.0.0.1:{lab['port']}/api/sessions?token={lab['token']}"
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            sessions = json.load(r)
    except OSError:
        return False
    return any(s.get("path", "").endswith(nb) and (s.get("kernel") or {}).get("execution_state") == "idle"
               for s in sessions)


def run_all(page, lab, nb):
    """Run > Run All Cells once the kernel is really connected; wait until every non-empty
    code cell has an execution count, or execution stopped (an error stops Run All)."""
    deadline = time.time() + 120
    while not kernel_ready(lab, nb):
        assert time.time() < deadline, f"{nb}: the kernel did not start within 120 s"
        time.sleep(0.5)
    page.wait_for_selector(IDLE, timeout=120_000)
    for attempt in range(3):
        page.click("#jp-MainMenu .lm-MenuBar-itemLabel:text-is('Run')")
        page.click(".lm-Menu-content .lm-Menu-itemLabel:text-is('Run All Cells')")
        # A click before the kernel is attached clears the cells without running them: retry.
        t0 = time.time()
        while time.time() - t0 < 20:
            st = page.evaluate(STATE_JS, PANEL)
            if st["running"] or st["done"]:
                break
            page.wait_for_timeout(250)
        if st["running"] or st["done"]:
            break
    else:
        raise AssertionError(f"{nb}: Run All Cells did not start execution: {st}")
    deadline = time.time() + RUN_TIMEOUT_MS / 1000
    stable = 0
    while True:
        st = page.evaluate(STATE_JS, PANEL)
        idle = page.locator(IDLE).count() > 0
        finished = idle and not st["running"]
        stable = stable + 1 if finished else 0
        if stable >= 3:  # idle, nothing queued, for ~1.5 s
            return st
        assert time.time() < deadline, f"{nb}: still running after {RUN_TIMEOUT_MS // 1000} s: {st}"
        page.wait_for_timeout(500)


def open_and_run(lab, nb, screenshot=None):
    """Open notebooks/<nb> in the browser, run all cells; return what rendered."""
    page = lab["browser"].new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.set_default_timeout(60_000)
        page.goto(f"http://127.0.0.1:{lab['port']}/lab/tree/notebooks/{nb}?reset&token={lab['token']}")
        page.wait_for_selector(IDLE, timeout=120_000)
        state = run_all(page, lab, nb)
        page.wait_for_timeout(500)  # let the last outputs render
        if screenshot:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=True)
        stderr = page.locator(f"{PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        errors = [t for t in stderr.all_inner_texts() if "Traceback" in t or re.search(r"^\w*Error\b", t, re.M)]
        errors += page.locator(f"{PANEL} .jp-OutputArea-output.jp-mod-error, "
                               f"{PANEL} [data-mime-type='application/vnd.jupyter.error']").all_inner_texts()
        imgs = page.locator(f"{PANEL} .jp-OutputArea-output img")
        broken = sum(not img.evaluate("i => i.complete && i.naturalWidth > 0") for img in imgs.all())
        return {**state, "errors": errors, "images": imgs.count(), "broken_images": broken,
                "tables": page.locator(f"{PANEL} .jp-OutputArea-output table").count()}
    finally:
        page.close()


def test_browser_check_sees_errors_and_charts(lab):
    """Negative control: a notebook with a chart, a table and an exception is seen as such."""
    nb = {"cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": "import matplotlib.pyplot as plt, pandas as pd\nplt.plot([1, 2]); plt.show()\npd.DataFrame({'a': [1]})"},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "1 / 0"},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "print('after')"}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}
    (lab["root"] / "notebooks" / "zz-selftest.ipynb").write_text(json.dumps(nb))
    r = open_and_run(lab, "zz-selftest.ipynb")
    assert r["images"] == 1 and r["tables"] == 1 and not r["broken_images"], r
    assert r["errors"] and "ZeroDivisionError" in r["errors"][0], r
    assert r["done"] == 2 and r["cells"] == 3, r  # Run All stops at the error


@pytest.mark.parametrize("nb", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab(lab, nb):
    committed = ROOT / "notebooks" / nb
    before = _digest(committed)
    source = json.loads(committed.read_text())
    code = "\n".join("".join(c["source"]) for c in source["cells"] if c["cell_type"] == "code")
    expect_charts = bool(re.search(r"plt\.|subplots|\.plot\(|charts\.figure\(|charts\.finish\(fig", code))
    expect_tables = bool(re.search(r"show_table|quote_browser|kwic_explorer|display\((?!Markdown)|\.to_html|\.style", code))
    r = open_and_run(lab, nb, SCREENSHOTS / f"{Path(nb).stem}.png")
    assert not r["errors"], f"{nb}: error output in the browser:\n" + "\n---\n".join(e[-1500:] for e in r["errors"])
    assert r["done"] == r["cells"], f"{nb}: not every code cell ran: {r}"
    if expect_charts:
        assert r["images"] > 0, f"{nb}: no chart rendered"
    if expect_tables:
        assert r["tables"] > 0, f"{nb}: no table rendered"
    assert not r["broken_images"], f"{nb}: {r['broken_images']} chart image(s) did not load"
    assert _digest(committed) == before, f"running {nb} in the browser modified the committed notebook"


@pytest.mark.skipif(shutil.which("xelatex") is None or shutil.which("pdftotext") is None,
                    reason="xelatex/pdftotext missing: run scripts/system-deps.sh")
def test_jupyterlab_pdf_export_keeps_cyrillic_and_chinese(lab):
    """File > Save and Export Notebook As > PDF calls the server's /nbconvert/pdf endpoint; the
    venv's server config points it at the workbook template, so no glyph is dropped."""
    nb = {"cells": [{"cell_type": "markdown", "metadata": {},
                     "source": "# Export probe\n\nЗеленский встретился — 习近平通电话 “curly”"}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    (lab["root"] / "notebooks" / "zz-export.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    url = (f"http://127.0.0.1:{lab['port']}/nbconvert/pdf/notebooks/zz-export.ipynb"
           f"?download=true&token={lab['token']}")
    with urllib.request.urlopen(url, timeout=300) as r:
        pdf = r.read()
    out = lab["root"] / "reports" / "zz-export.pdf"
    out.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert "Зеленскийвстретился" in flat and "习近平通电话" in flat and "“curly”" in flat


# ---------------------------------------------------------------------------------------------
# The interactive views: the keyword-in-context explorer and the quote browser

WIDGETS_NB = {"cells": [
    {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
     "source": "import helpers\nhelpers.use_theme()\n"
               "articles = helpers.load_corpus('../seeds', '../data/corpus.csv', on_error='reject')\n"
               "vocab = helpers.load_vocabulary(actors='../data/actors.csv', labels='../data/labels.csv')\n"
               "res = helpers.analyze(articles, vocab=vocab, cache_dir='../data/processed')\n"
               "labels = vocab['labels']\n"
               "default = labels.loc[labels['concept'] == labels['concept'].iloc[0], 'pattern'].tolist()"},
    {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
     "source": "helpers.kwic_explorer(res.sentences, actors=vocab['actors'], default_term=default, regex=True)"},
    {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
     "source": "helpers.quote_browser(res.quotes, sides=vocab['sides'])"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5}


def _number(text):
    m = re.search(r"([\d,]+) (?:match|of)", text)
    return int(m.group(1).replace(",", "")) if m else None


def _wait_text(page, selector, pred, timeout=30):
    """Wait until the text of ``selector`` satisfies ``pred``; return it."""
    deadline = time.time() + timeout
    text = ""
    while time.time() < deadline:
        loc = page.locator(selector)
        text = loc.first.inner_text() if loc.count() else ""
        if pred(text):
            return text
        page.wait_for_timeout(250)
    raise AssertionError(f"{selector}: {text!r} after {timeout} s")


def test_explorer_and_quote_browser_work_in_jupyterlab(lab):
    """The explorer opens on matches (the notebook's default: a regular expression, with the
    regex box ticked), finds a plain term as typed, and lines the contexts up on the keyword;
    the quote browser filters by outlet; long code lines wrap inside their cell."""
    (lab["root"] / "notebooks" / "zz-widgets.ipynb").write_text(json.dumps(WIDGETS_NB))
    page = lab["browser"].new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.set_default_timeout(60_000)
        page.goto(f"http://127.0.0.1:{lab['port']}/lab/tree/notebooks/zz-widgets.ipynb?reset&token={lab['token']}")
        page.wait_for_selector(IDLE, timeout=120_000)
        st = run_all(page, lab, "zz-widgets.ipynb")
        assert st["done"] == st["cells"] == 3 and not st["errors"], st
        count = f"{PANEL} .nf-kwic-count"
        opened = _number(_wait_text(page, count, lambda t: _number(t) is not None))
        assert opened and opened > 0, "the explorer opens on no match"
        assert page.locator(f"{PANEL} .nf-kwic-regex input[type=checkbox]").is_checked(), "regex choice not shown"
        page.locator(f"{PANEL} .nf-kwic-term input").fill("peace")
        page.locator(f"{PANEL} .nf-kwic-term input").press("Enter")
        typed = _wait_text(page, count, lambda t: _number(t) not in (None, opened))
        assert _number(typed) > 0, f"a plain term finds nothing: {typed!r}"
        rows = page.locator(f"{PANEL} .nf-kwic-results tbody tr")
        assert rows.count() > 0
        keyword = rows.first.locator("td").nth(2).inner_text().lower()
        assert "peace" in keyword, keyword
        aligns = [rows.first.locator("td").nth(i).evaluate("e => getComputedStyle(e).textAlign") for i in (1, 2, 3)]
        assert aligns == ["right", "center", "left"], aligns
        quotes = f"{PANEL} .nf-quotes-count"
        first = _wait_text(page, quotes, lambda t: " of " in t)
        total = int(re.search(r"of ([\d,]+)", first).group(1).replace(",", ""))
        assert _number(first) == total > 0
        select = page.locator(f"{PANEL} .nf-quotes-outlet select")
        choice = select.locator("option").nth(1)
        label = choice.inner_text()
        select.select_option(index=1)
        after = _wait_text(page, quotes, lambda t: _number(t) not in (None, total))
        n = _number(after)
        assert 0 < n < total, after
        assert f"({n})" in label or f"({n:,})" in label, (label, after)
        shown = page.locator(f"{PANEL} .nf-quotes-results tbody tr td:first-child").all_inner_texts()
        assert shown and len(set(shown)) == 1, shown
        wrapped = page.locator(f"{PANEL} .jp-CodeCell .cm-content.cm-lineWrapping").count()
        assert wrapped > 0, "code cells do not wrap long lines"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "widgets.png"), full_page=True)
    finally:
        page.close()
