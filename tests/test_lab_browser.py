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
# `make lab`: localhost only, token required

def lab_recipe():
    text = (ROOT / "Makefile").read_text()
    m = re.search(r"^lab:.*\n((?:\t.*\n)+)", text, re.M)
    assert m, "Makefile has no lab target"
    return m.group(1)


def test_make_lab_config_is_local_and_token_protected():
    recipe = lab_recipe()
    assert "--ServerApp.ip=127.0.0.1" in recipe or "--ip=127.0.0.1" in recipe, recipe
    for bad in ("token=''", 'token=""', "token= ", "disable_check_xsrf", "0.0.0.0", "allow_remote_access",
                "password=''", "--ip=*", "ServerApp.ip=''"):
        assert bad not in recipe, f"make lab weakens security: {bad}"
    setup = (ROOT / "scripts" / "setup-venv.sh").read_text()
    assert '"ip": "127.0.0.1"' in setup
    assert "token" not in setup.lower(), "setup-venv.sh must not configure (or blank) the token"
    conf = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.json"
    if conf.exists():
        server = json.loads(conf.read_text()).get("ServerApp", {})
        assert server.get("ip") == "127.0.0.1"
        assert not server.get("token") == "" and "password" not in server


def test_make_lab_server_needs_token_and_listens_on_localhost(tmp_path):
    """Start the server with the Makefile's own arguments: no token given, so it makes one."""
    psutil = pytest.importorskip("psutil")
    args = [a for a in lab_recipe().split() if a.startswith("--") and a != "--no-browser"]
    args = [a for a in args if not a.startswith("--notebook-dir")] + [f"--ServerApp.root_dir={ROOT / 'notebooks'}"]
    proc, port = start_lab(ROOT, tmp_path, args)
    try:
        assert get(f"http://127.0.0.1:{port}/api/contents") == 403, "server answers without a token"
        assert get(f"http://127.0.0.1:{port}/api/contents?token=wrong") == 403
        listening = set()
        for p in [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]:
            for c in p.net_connections(kind="inet"):
                if c.status == psutil.CONN_LISTEN and c.laddr.port == port:
                    listening.add(c.laddr.ip)
        assert listening == {"127.0.0.1"}, listening
    finally:
        stop_lab(proc)


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
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for name in ("seeds", "data", "helpers.py"):
        os.symlink(ROOT / name, root / name)
    token = secrets.token_hex(24)
    home = base / "home"
    home.mkdir()
    proc, port = start_lab(root, home, ["--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={root}"], token)
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
ALL_RUN_JS = """(panel) => {
  const cells = [...document.querySelectorAll(panel + ' .jp-CodeCell')];
  const prompts = cells.map(c => (c.querySelector('.jp-InputPrompt') || {}).textContent || '');
  return cells.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p));
}"""


@pytest.mark.parametrize("nb", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab(lab, nb):
    committed = ROOT / "notebooks" / nb
    before = _digest(committed)
    source = json.loads(committed.read_text())
    code = "\n".join("".join(c["source"]) for c in source["cells"] if c["cell_type"] == "code")
    expect_charts = bool(re.search(r"plt\.|subplots|\.plot\(|save_chart\(fig", code))
    expect_tables = bool(re.search(r"show_table|display\(|\.to_html|\.style", code))

    page = lab["browser"].new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.set_default_timeout(60_000)
        page.goto(f"http://127.0.0.1:{lab['port']}/lab/tree/notebooks/{nb}?reset&token={lab['token']}")
        page.wait_for_selector(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
        page.click("#jp-MainMenu .lm-MenuBar-itemLabel:text-is('Run')")
        page.click(".lm-Menu-content .lm-Menu-itemLabel:text-is('Run All Cells')")
        page.wait_for_function(ALL_RUN_JS, arg=PANEL, timeout=RUN_TIMEOUT_MS, polling=500)
        page.wait_for_selector(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=RUN_TIMEOUT_MS)
        page.wait_for_timeout(500)  # let the last outputs render
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{Path(nb).stem}.png"), full_page=True)

        stderr = page.locator(f"{PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        errors = [t for t in stderr.all_inner_texts() if "Traceback" in t or re.search(r"^\w*Error\b", t, re.M)]
        errors += page.locator(f"{PANEL} .jp-OutputArea-output.jp-mod-error, {PANEL} [data-mime-type='application/vnd.jupyter.error']").all_inner_texts()
        assert not errors, f"{nb}: error output in the browser:\n" + "\n---\n".join(e[-1500:] for e in errors)
        n_img = page.locator(f"{PANEL} .jp-OutputArea-output img").count()
        n_tab = page.locator(f"{PANEL} .jp-OutputArea-output table").count()
        if expect_charts:
            assert n_img > 0, f"{nb}: no chart rendered"
        if expect_tables:
            assert n_tab > 0, f"{nb}: no table rendered"
        for img in page.locator(f"{PANEL} .jp-OutputArea-output img").all():
            assert img.evaluate("i => i.complete && i.naturalWidth > 0"), f"{nb}: a chart image is broken"
    finally:
        page.close()
    assert _digest(committed) == before, f"running {nb} in the browser modified the committed notebook"
