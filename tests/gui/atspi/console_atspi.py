"""Black-box test of cache-console through the AT-SPI accessibility bus.

Run by run-console-atspi.sh, which provides the X server, the D-Bus session and the AT-SPI
bus. This script starts a redis-server (or uses the suite's, QRC_TEST_REDIS_PORT) and a real
cache-server on free loopback ports, seeds keys with redis-cli, starts the real cache-console
binary and drives it the way a screen reader or an external checker would: controls are found
by accessible role and name, acted on through the Action and EditableText interfaces and
key presses and clicks synthesized by the AT-SPI registry, and read back through names,
Text, Value, relations and States. Nothing of the console's code is linked in.

Usage: console_atspi.py <cache-console> <cache-server> [artifact dir]
"""

import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
import zlib

import pyatspi
from gi.repository import Atspi, GLib

CONSOLE, SERVER = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ARTIFACTS = sys.argv[3] if len(sys.argv) > 3 else os.getcwd()
APP_NAME = "Cache Console"
WAIT = 10.0  # seconds for any one state to appear; the whole run is bounded by the wrapper

Atspi.set_timeout(3000, 10000)  # a D-Bus call to a busy or dead console never blocks for long


class Failure(Exception):
    pass


def wait_for(what, probe, timeout=WAIT, interval=0.1):
    """Polls probe() until it returns a true value (returned), or fails naming `what`."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = probe()
            if value:
                return value
        except (GLib.Error, OSError, RuntimeError, LookupError, ValueError) as e:
            last_error = e
        if time.monotonic() > deadline:
            detail = f" (last error: {last_error})" if last_error else ""
            raise Failure(f"timed out after {timeout:.0f} s waiting for {what}{detail}")
        time.sleep(interval)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------- processes


class Processes:
    """Every process this script starts, stopped (TERM, then KILL) at the end."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.procs = []

    def start(self, name, argv, env=None, cwd=None):
        log = open(os.path.join(self.workdir, f"{name}.log"), "ab")
        p = subprocess.Popen(argv, env=env, cwd=cwd or self.workdir, stdout=log,
                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        p.qrc_name, p.qrc_log = name, log.name
        self.procs.append(p)
        return p

    def stop(self, p, timeout=5):
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(timeout)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(5)
        if p in self.procs:
            self.procs.remove(p)

    def stop_all(self):
        for p in reversed(list(self.procs)):
            self.stop(p)

    def log_tail(self, p, lines=20):
        try:
            with open(p.qrc_log, "rb") as f:
                return b"\n".join(f.read().splitlines()[-lines:]).decode(errors="replace")
        except OSError:
            return ""


class Redis:
    """The suite's redis-server (QRC_TEST_REDIS_PORT, set by scripts/test.sh) when there is
    one, else a private one on a free port. Keys go under a prefix of this run's own.
    A private one (private=True) can be stopped and started again with its data, for
    outages."""

    def __init__(self, procs, private=False):
        shared = None if private else os.environ.get("QRC_TEST_REDIS_PORT")
        self.shared = bool(shared)
        self.procs = procs
        self.proc = None
        if shared:
            self.port = int(shared)
        else:
            self.port = free_port()
            self.dir = tempfile.mkdtemp(dir=procs.workdir)
            self.start()

    def start(self):
        # No automatic snapshots; stop() saves one so that start() finds the keys again.
        self.proc = self.procs.start("redis", [
            "redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
            "--appendonly", "no", "--dir", self.dir])
        wait_for(f"redis-server on port {self.port}",
                 lambda: self.cli("PING") == "PONG", timeout=10)

    def stop(self):
        self.cli("SAVE")
        self.procs.stop(self.proc)

    def remove_prefix(self, prefix):
        keys = subprocess.run(["redis-cli", "-p", str(self.port), "--scan", "--pattern",
                               f"{prefix}:*"], capture_output=True, text=True,
                              timeout=10).stdout.split()
        for i in range(0, len(keys), 100):
            self.cli("UNLINK", *keys[i:i + 100])

    def cli(self, *args):
        r = subprocess.run(["redis-cli", "-p", str(self.port), *args], capture_output=True,
                           text=True, timeout=5)
        return r.stdout.strip()


class CacheServer:
    def __init__(self, procs, redis, prefix):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, SERVER_HOST="127.0.0.1", SERVER_PORT=str(self.port),
                   REDIS_HOST="127.0.0.1", REDIS_PORT=str(redis.port),
                   CACHE_NAMESPACE_PREFIX=prefix, RATE_LIMIT="none",
                   RATE_LIMIT_MANAGEMENT="none", DEMO_LATENCY_MS="0")
        cwd = tempfile.mkdtemp(dir=procs.workdir)  # no .env or INI of the source tree
        self.proc = procs.start("cache-server", [SERVER], env=env, cwd=cwd)
        wait_for(f"cache-server at {self.url} on Redis",
                 lambda: self.get("/cache/stats").get("backend") == "redis", timeout=15)

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=3) as r:
            return json.load(r)


# ---------------------------------------------------------------------------- AT-SPI


def has_state(acc, state):
    return acc.getState().contains(state)


def showing(acc):
    s = acc.getState()
    return s.contains(pyatspi.STATE_SHOWING) and s.contains(pyatspi.STATE_VISIBLE)


def walk(acc, depth=0, max_depth=40):
    """Every descendant of acc (acc included); items of views are left out (keys, members)."""
    if acc is None or depth > max_depth:
        return
    yield acc
    role = acc.getRole()
    if role in (pyatspi.ROLE_TREE, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE,
                pyatspi.ROLE_LIST) and depth > 0:
        return
    for i in range(acc.childCount):
        try:
            child = acc.getChildAtIndex(i)
        except GLib.Error:
            continue
        yield from walk(child, depth + 1, max_depth)


def find_all(root, role=None, name=None, contains=None, visible=True):
    found = []
    for acc in walk(root):
        if role is not None and acc.getRoleName() != role:
            continue
        if name is not None and acc.name != name:
            continue
        if contains is not None and contains not in acc.name:
            continue
        if visible and not showing(acc):
            continue
        found.append(acc)
    return found


def find(root, role=None, name=None, contains=None, visible=True):
    hits = find_all(root, role, name, contains, visible)
    if not hits:
        raise LookupError(f"no {role or 'object'} named {name or contains!r}")
    return hits[0]


def described(root, description, visible=True):
    """The label whose accessible description is `description`; its name is what it shows."""
    for acc in walk(root):
        if acc.getRoleName() == "label" and acc.description == description and (
                not visible or showing(acc)):
            return acc
    raise LookupError(f"no label described as {description!r}")


def text_of(acc):
    t = acc.queryText()
    return t.getText(0, -1)


def dump(acc, depth=0, out=None, max_depth=14):
    out = [] if out is None else out
    if depth > max_depth:
        return out
    try:
        s = acc.getState()
        flags = [n for n, st in (("showing", pyatspi.STATE_SHOWING),
                                 ("enabled", pyatspi.STATE_ENABLED),
                                 ("focused", pyatspi.STATE_FOCUSED),
                                 ("checked", pyatspi.STATE_CHECKED)) if s.contains(st)]
        ifaces = acc.get_interfaces()
        desc = f" ({acc.description!r})" if acc.description else ""
        out.append("  " * depth + f"[{acc.getRoleName()}] {acc.name!r}{desc} {flags} {ifaces}")
        for i in range(min(acc.childCount, 50)):
            dump(acc.getChildAtIndex(i), depth + 1, out, max_depth)
    except GLib.Error as e:
        out.append("  " * depth + f"error: {e}")
    return out


class Console:
    """One cache-console process and its accessible application."""

    def __init__(self, procs, config_home, args=()):
        self.procs = procs
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
                   XDG_CONFIG_HOME=config_home, LANGUAGE="en", LC_ALL="C.UTF-8")
        env.pop("QT_ACCESSIBILITY", None)
        self.proc = procs.start("cache-console", [CONSOLE, "--lang", "en", "--window-size",
                                                  "1366x768", *args], env=env)
        self.app = wait_for("cache-console on the accessibility bus", self._find_app,
                            timeout=15)

    def _find_app(self):
        if self.proc.poll() is not None:
            raise Failure(f"cache-console exited with {self.proc.returncode}:\n"
                          + self.procs.log_tail(self.proc))
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.get_process_id() == self.proc.pid:
                app.set_cache_mask(Atspi.Cache.NONE)  # always read live values
                return app
        return None

    def frames(self):
        return [self.app.getChildAtIndex(i) for i in range(self.app.childCount)]

    def window(self, role, contains=""):
        def probe():
            for w in self.frames():
                if w is not None and w.getRoleName() == role and contains in w.name:
                    return w
            return None

        return wait_for(f"a {role} titled ...{contains}...", probe)

    def main_window(self):
        return self.window("frame")


# ---------------------------------------------------------------------------- input

KEYSYMS = {"End": 0xFF57, "Delete": 0xFFFF, "Return": 0xFF0D, "Right": 0xFF53, "Escape": 0xFF1B, "F2": 0xFFBF, "F5": 0xFFC2}


def press(keysym_name):
    pyatspi.Registry.generateKeyboardEvent(KEYSYMS[keysym_name], None, pyatspi.KEY_SYM)


def type_string(text):
    pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)


def press_ctrl(letter):
    # Control by modifier lock: the key press itself is an ordinary keysym.
    pyatspi.Registry.generateKeyboardEvent(1 << 2, None, pyatspi.KEY_LOCKMODIFIERS)
    try:
        pyatspi.Registry.generateKeyboardEvent(ord(letter), None, pyatspi.KEY_SYM)
    finally:
        pyatspi.Registry.generateKeyboardEvent(1 << 2, None, pyatspi.KEY_UNLOCKMODIFIERS)


def click(acc):
    ext = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(ext.x + min(ext.width // 2, 40),
                                        ext.y + ext.height // 2, "b1c")


def do_action(acc, *names):
    """Runs the first of the named actions acc offers (case-insensitive)."""
    action = acc.queryAction()
    offered = [action.getName(i) for i in range(action.nActions)]
    for wanted in names:
        for i, name in enumerate(offered):
            if name.lower() == wanted.lower():
                return action.doAction(i)
    raise Failure(f"{acc.getRoleName()} {acc.name!r} offers {offered}, not {names}")


def trigger(acc, *names):
    """An action that opens a modal dialog or quits: Qt answers the D-Bus call only once the
    dialog closes (or never), so the call may time out; that is not an error here."""
    try:
        do_action(acc, *names)
    except GLib.Error:
        pass


def activate(window):
    """Without a window manager a click is what gives a window the keyboard (and its
    shortcuts): click the status bar, which does nothing else."""
    click(find(window, "status bar"))
    wait_for(f"{window.name!r} active", lambda: has_state(window, pyatspi.STATE_ACTIVE))


def set_text(acc, text):
    """Types into a line edit: replaces its text through EditableText, as on-screen keyboards
    and AT tools do."""
    editable = acc.queryEditableText()
    editable.setTextContents(text)


# ---------------------------------------------------------------------------- checks

# Roles a user acts on: each must have a name a screen reader can say.
ACTIONABLE = {"push button", "toggle button", "check box", "radio button", "combo box", "text",
              "password text", "spin button", "menu item", "check menu item", "page tab",
              "slider", "tree", "table", "list", "tree table", "entry"}


def unnamed_controls(root):
    missing = []
    for acc in walk(root):
        if acc is root or acc.getRoleName() not in ACTIONABLE or not showing(acc):
            continue
        if acc.name.strip():
            continue
        parent = acc.parent
        missing.append(f"{acc.getRoleName()} in {parent.getRoleName()} {parent.name!r}")
    return missing


class Checks:
    def __init__(self):
        self.failures = []
        self.passed = []
        self.console = None  # its windows are closed after a failure, for the next check

    def run(self, name, fn, *args):
        start = time.monotonic()
        try:
            fn(*args)
            self.passed.append(name)
            print(f"PASS {name} ({time.monotonic() - start:.1f} s)", flush=True)
            return True
        except Exception as e:  # one failed reproduction must not hide the others
            self.failures.append(name)
            print(f"FAIL {name}: {e}", flush=True)
            if not isinstance(e, Failure):
                traceback.print_exc()
            if self.console:
                close_dialogs(self.console)
            return False


def expect(condition, message):
    if not condition:
        raise Failure(message)


# ---------------------------------------------------------------------------- the console's parts


def keys_tree(w):
    return find(w, "tree", "Keys")


def tree_cell(tree, name=None, contains=None):
    for i in range(tree.childCount):
        c = tree.getChildAtIndex(i)
        if c is None or c.getRoleName() != "table cell":
            continue
        if (name is not None and c.name == name) or (contains is not None and contains in c.name):
            return c
    return None


def namespace_cell(w, ns):
    return tree_cell(keys_tree(w), contains=f"{ns} (")


def expand_namespace(w, ns):
    cell = wait_for(f"namespace {ns} in the key list", lambda: namespace_cell(w, ns))
    if not has_state(cell, pyatspi.STATE_EXPANDED):
        click(cell)
        wait_for(f"namespace {ns} selected",
                 lambda: has_state(namespace_cell(w, ns), pyatspi.STATE_SELECTED))
        press("Right")
        wait_for(f"namespace {ns} expanded",
                 lambda: has_state(namespace_cell(w, ns), pyatspi.STATE_EXPANDED))


def select_key(w, ns, key):
    expand_namespace(w, ns)
    tree = keys_tree(w)
    cell = wait_for(f"key {key} in the key list", lambda: tree_cell(tree, name=key))
    click(cell)
    wait_for(f"key {key} selected",
             lambda: has_state(tree_cell(keys_tree(w), name=key), pyatspi.STATE_SELECTED))


def value_text(w):
    return text_of(find(w, "text", "Value", visible=False))


def ttl_box(w):
    return find(w, "spin button", "TTL in seconds", visible=False)


def connect_dialog(console):
    return console.window("dialog", "Connect")


def connect_through_dialog(console, url):
    """Types url into the Connect dialog's URL field and presses Enter there."""
    dialog = connect_dialog(console)
    # The editable combo box takes its current text as its name (Qt on Linux); the line edit
    # inside, where typing goes, is the one named "Server URL".
    field = wait_for("the Server URL field", lambda: find(dialog, "text", "Server URL"))
    set_text(field, url)
    wait_for("the URL typed", lambda: text_of(field) == url)
    do_action(field, "SetFocus")
    wait_for("the URL field focused", lambda: has_state(field, pyatspi.STATE_FOCUSED))
    press("Return")
    wait_for("the Connect dialog closed",
             lambda: all(f.getRoleName() != "dialog" for f in console.frames() if f))


def status_text(w):
    bar = find(w, "status bar")
    return " ".join(c.name for c in find_all(bar, "label") if c.name)


def x_window_titles():
    """The titles of the X server's top-level windows (what a window manager shows)."""
    out = subprocess.run(["xwininfo", "-root", "-children"], capture_output=True, text=True,
                         timeout=5).stdout
    titles = []
    for line in out.splitlines():
        start, end = line.find('"'), line.rfind('"')
        if 0 <= start < end:
            titles.append(line[start + 1:end])
    return titles


def menu_item(w, name):
    """An item of the menu bar by its full name (toolbar buttons show short labels)."""
    return find(find(w, "menu bar"), "menu item", name, visible=False)


def read_only_box(w):
    return menu_item(w, "Read-Only Mode")


def quit_console(console):
    w = console.main_window()
    menu_quit = find(w, "menu item", "Quit", visible=False)
    trigger(menu_quit, "Press", "Click", "Toggle")
    try:
        console.proc.wait(10)
    except subprocess.TimeoutExpired:
        raise Failure("cache-console did not quit from File > Quit")


# ---------------------------------------------------------------------------- reproductions
# Numbers are those of issue 16's list.


def check_dialog_names(console):
    dialog = connect_dialog(console)
    wait_for("the Connect dialog's fields", lambda: find(dialog, "push button", "Connect"))
    missing = unnamed_controls(dialog)
    expect(not missing, "controls without an accessible name: " + "; ".join(missing))


def check_enter_connects_to_typed_url(console, server):
    connect_through_dialog(console, server.url)
    w = console.main_window()
    wait_for(f"the window titled {server.url}", lambda: server.url in console.main_window().name)
    wait_for(f"the status bar saying it is connected to {server.url}",
             lambda: f"Connected to {server.url}" in status_text(w))
    expect("Embedded" not in w.name, f"an embedded service was started: {w.name!r}")


def check_title_names_the_app_once(console, server):
    titles = [t for t in x_window_titles() if server.url in t]
    expect(titles, f"no X window titled with {server.url}: {x_window_titles()}")
    for t in titles:
        expect(t.count(APP_NAME) == 1, f"window title {t!r} names {APP_NAME!r} "
                                       f"{t.count(APP_NAME)} times")


def check_main_window_names(console, key_ns, key):
    w = console.main_window()
    select_key(w, key_ns, key)
    filter_box = find(w, "text", "Key filter")
    set_text(filter_box, "x")  # shows the box's clear button
    try:
        wait_for("the filter's clear button", lambda: find(filter_box, "push button", None))
        missing = unnamed_controls(w)
    finally:
        set_text(filter_box, "")
    expect(not missing, "controls without an accessible name: " + "; ".join(missing))


def check_hash_after_json_clears_value(console, ns, json_key, hash_key):
    w = console.main_window()
    select_key(w, ns, json_key)
    wait_for(f"{json_key}'s JSON in the value view", lambda: '"Ada"' in value_text(w))
    wait_for(f"{json_key}'s countdown", lambda: "expires in" in described(w, "Time left").name)
    select_key(w, ns, hash_key)
    # The hash's members load into their own view; the JSON of json_key must be gone.
    wait_for(f"{hash_key}'s field in the members view",
             lambda: tree_cell(find(w, "table", "Members"), name="field1"))
    wait_for(f"{hash_key} named as the selected key",
             lambda: described(w, "Selected key").name.endswith(f"/ {hash_key}"))
    expect('"Ada"' not in value_text(w),
           f"the value view still shows {json_key}'s JSON after selecting {hash_key}")
    for acc in find_all(w, "text"):
        expect('"Ada"' not in text_of(acc), f"{acc.name!r} still shows {json_key}'s JSON")
    left = described(w, "Time left", visible=False).name
    expect("expires in" not in left, f"{hash_key} never expires, yet the panel says {left!r}")


def check_value_shown_as_stored(console, ns, key, stored):
    w = console.main_window()
    select_key(w, ns, key)
    wait_for(f"{key}'s value shown", lambda: "19.990" in value_text(w) or "19.99" in value_text(w))
    shown = value_text(w)
    expect("19.990" in shown, f"the number 19.990 is shown rewritten: {shown!r}")
    # Key order as stored: "zeta" was written before "alpha".
    expect(shown.find('"zeta"') < shown.find('"alpha"'),
           f"the keys of {stored} are re-ordered: {shown!r}")


def check_api_reads_hash_key(server, ns, key):
    r = server.get(f"/cache/namespaces/{ns}/keys/{key}")
    expect(r.get("type") == "hash", f"GET .../keys/{key} answers {r}")


def check_ttl_box_empty_for_no_expiry(console, ns, ttl_key, plain_key):
    w = console.main_window()
    select_key(w, ns, ttl_key)
    wait_for(f"{ttl_key}'s TTL (about 600 s) in the TTL box",
             lambda: 500 < ttl_box(w).queryValue().currentValue <= 600)
    select_key(w, ns, plain_key)
    wait_for(f"{plain_key}'s value shown", lambda: '"plain"' in value_text(w))
    box = ttl_box(w)
    value = box.queryValue().currentValue
    shown = text_of(box)
    expect(value == 0 and shown.strip().lower() in ("", "none", "no expiry"),
           f"TTL box shows {shown!r} (value {value}) for {plain_key}, which never expires")


def check_ttl_edited_in_list_updates_panel(console, redis, full_key, ns, key):
    w = console.main_window()
    select_key(w, ns, key)
    wait_for(f"{key}'s TTL (over 500 s) in the TTL box",
             lambda: ttl_box(w).queryValue().currentValue > 500)
    # Edit TTL opens an editor in the list's TTL column while it handles F2, so the keys typed
    # next (queued behind F2 by the X server) reach the editor. The editor is a child of the
    # list's viewport, which Qt does not show on AT-SPI: the keys are all there is to drive.
    press("F2")
    type_string("120")
    press("Return")
    wait_for(f"{key}'s TTL in Redis set to 120 s",
             lambda: 0 < int(redis.cli("TTL", full_key)) <= 120)
    wait_for(f"the TTL box showing the new TTL of {key} (at most 120 s)",
             lambda: 0 < ttl_box(w).queryValue().currentValue <= 120)


def selected_key_label(w):
    return described(w, "Selected key", visible=False).name


def check_refresh_and_delete_keep_selection_and_panel(console, redis, prefix, ns, key, victim):
    w = console.main_window()
    select_key(w, ns, key)
    wait_for(f"{key} in the value panel", lambda: selected_key_label(w).endswith(f"/ {key}"))
    # F5 with a key added meanwhile: the new key shows that the refresh happened.
    redis.cli("SET", f"{prefix}:{ns}:user_5", '{"new":true}')
    press("F5")
    wait_for("the key added before F5 in the list",
             lambda: tree_cell(keys_tree(w), name="user_5"))
    cell = wait_for(f"{key} in the refreshed list", lambda: tree_cell(keys_tree(w), name=key))
    expect(has_state(cell, pyatspi.STATE_SELECTED), f"F5 dropped the selection of {key}")
    expect(selected_key_label(w).endswith(f"/ {key}"),
           f"after F5 the panel shows {selected_key_label(w)!r}, not {key}")

    # Delete: what the panel shows afterwards matches what is selected in the list.
    select_key(w, ns, victim)
    press("Delete")
    box = console.window("alert")  # a QMessageBox
    yes = wait_for("the confirmation's Yes button", lambda: find(box, "push button", "Yes"))
    do_action(yes, "Press")
    wait_for(f"{victim} gone from the list", lambda: not tree_cell(keys_tree(w), name=victim))
    wait_for(f"{victim} gone from Redis",
             lambda: redis.cli("EXISTS", f"{prefix}:{ns}:{victim}") == "0")
    tree = keys_tree(w)
    selected = [tree.getChildAtIndex(i) for i in range(tree.childCount)]
    selected = [c.name for c in selected if c is not None and c.getRoleName() == "table cell"
                and c.name.startswith("user_") and has_state(c, pyatspi.STATE_SELECTED)]
    shown = selected_key_label(w)
    edit_ttl = menu_item(w, "Edit TTL")
    if selected:
        expect(shown.endswith(f"/ {selected[0]}"),
               f"after the delete {selected[0]} is selected but the panel shows {shown!r}")
    else:
        expect(victim not in shown and "/ user_" not in shown,
               f"after the delete no key is selected but the panel shows {shown!r}")
        expect(not has_state(edit_ttl, pyatspi.STATE_ENABLED),
               "after the delete no key is selected but Edit TTL is enabled")


def tree_rows(tree):
    """The key list's rows as shown, top to bottom: lists of the cells' names."""
    columns = tree.queryTable().nColumns
    cells = [tree.getChildAtIndex(i) for i in range(tree.childCount)]
    cells = [c.name for c in cells if c is not None and c.getRoleName() == "table cell"]
    return [cells[i:i + columns] for i in range(0, len(cells), columns)]


def natural(name):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def size_in_bytes(text):
    number, unit = text.split()[0].replace(",", ""), text.split()[1]
    return float(number) * {"bytes": 1, "byte": 1, "kB": 1e3, "MB": 1e6}[unit]


def check_sorting_is_natural_and_keeps_namespaces(console, ns):
    w = console.main_window()
    expand_namespace(w, ns)
    tree = keys_tree(w)
    headers = {c.name: c for c in (tree.getChildAtIndex(i) for i in range(tree.childCount))
               if c is not None and c.getRoleName() == "table column header"}

    def keys_of(rows):
        return [r[0] for r in rows if r[0].startswith("user_")]

    def sorted_naturally():
        keys = keys_of(tree_rows(tree))
        return keys in (sorted(keys, key=natural), sorted(keys, key=natural, reverse=True))

    click(headers["Key"])
    wait_for("the keys in natural order (user_2h before user_10)", sorted_naturally)
    for _ in range(2):  # both directions
        click(headers["Size"])

        def by_size():
            rows = [r for r in tree_rows(tree) if r[0].startswith("user_")]
            sizes = [size_in_bytes(r[3]) for r in rows]
            return sizes in (sorted(sizes), sorted(sizes, reverse=True)) and len(set(sizes)) > 1

        wait_for("the keys sorted by size", by_size)
        # Namespaces stay in name order whichever way the keys are sorted by size.
        names = [r[0].split(" (")[0] for r in tree_rows(tree) if " (" in r[0]]
        expect(len(names) > 1 and names == sorted(names, key=natural),
               f"sorting by size puts the namespaces in the order {names}")


def check_end_reaches_the_last_key(procs, config_home, server, ns, total):
    """Issue 16 (8): one End loads the namespace's remaining pages and selects its last key
    (it used to select the last loaded row and never fetch the last page)."""
    console = Console(procs, config_home, ["--url", server.url])
    w = console.main_window()
    wait_for(f"connected to {server.url}", lambda: f"Connected to {server.url}" in status_text(w))
    wait_for(f"namespace {ns} with {total} keys",
             lambda: f"{ns} ({total})" in (namespace_cell(w, ns) or w).name)
    expand_namespace(w, ns)
    tree = keys_tree(w)
    table = tree.queryTable()
    first = wait_for(f"the first page of {ns}", lambda: table.getAccessibleAt(1, 0))
    click(first)
    press("End")

    def last_row_selected():
        # ns is the last namespace: once its keys are all loaded, the list's last row is its
        # last key, `total` rows below the namespace's own row.
        rows = table.nRows
        last, head = table.getAccessibleAt(rows - 1, 0), table.getAccessibleAt(rows - 1 - total, 0)
        return (last is not None and head is not None and head.name.startswith(f"{ns} (")
                and has_state(last, pyatspi.STATE_SELECTED) and last.name)

    try:
        last = wait_for(f"End: all {total} keys of {ns} loaded and the last one selected",
                        last_row_selected, timeout=15)
    except Failure as e:
        rows = table.nRows
        names = [(r, table.getAccessibleAt(r, 0).name) for r in range(max(rows - 3, 0), rows)]
        names += [(r, table.getAccessibleAt(r, 0).name) for r in range(rows)
                  if table.getAccessibleAt(r, 0).name.startswith(f"{ns} (")]
        selected = [r for r in range(rows)
                    if has_state(table.getAccessibleAt(r, 0), pyatspi.STATE_SELECTED)]
        raise Failure(f"{e}: {rows} rows, {names}, selected rows {selected}")
    wait_for(f"the panel showing {last}",
             lambda: described(w, "Selected key", visible=False).name.endswith(f"/ {last}"))
    procs.stop(console.proc)


def check_cleared_filter_leaves_namespace_label(console, ns, match):
    w = console.main_window()
    expand_namespace(w, ns)
    filter_box = find(w, "text", "Key filter")
    set_text(filter_box, match)
    activate(w)  # focus is only where the window is active (a closed dialog may leave none)
    do_action(filter_box, "SetFocus")
    wait_for("the key filter focused", lambda: has_state(filter_box, pyatspi.STATE_FOCUSED))
    press("Return")
    wait_for(f"the namespace label showing [filter: ...{match}...]",
             lambda: "[filter:" in namespace_cell(w, ns).name)
    clear = wait_for("the filter's clear button", lambda: find(filter_box, "push button", None))
    do_action(clear, "Press")
    wait_for("the filter box empty", lambda: text_of(filter_box) == "")
    wait_for("the namespace label without [filter: ...]",
             lambda: "[filter:" not in namespace_cell(w, ns).name)


def stats_values(w):
    """The statistics panel's figures, as {caption: (text, sensitive)}."""
    values = {}
    for label in find_all(w, "label", visible=True):
        for rel in label.getRelationSet():
            if rel.getRelationType() != pyatspi.RELATION_LABELLED_BY:
                continue
            for i in range(rel.getNTargets()):
                caption = rel.getTarget(i).name
                values[caption] = (label.name,
                                   has_state(label, pyatspi.STATE_SENSITIVE))
    return values


def check_dead_url_clears_statistics(console, dead_url):
    w = console.main_window()
    wait_for("the statistics of the live server",
             lambda: stats_values(w).get("Uptime", ("–",))[0] not in ("", "–"))
    activate(w)
    press_ctrl("o")  # File > Connect…
    connect_through_dialog(console, dead_url)
    wait_for(f"the window titled {dead_url}", lambda: dead_url in console.main_window().name)
    w = console.main_window()
    stale = {}

    def cleared():
        stale.clear()
        for caption, (text, sensitive) in stats_values(w).items():
            if text not in ("", "–") and sensitive:
                stale[caption] = text
        return not stale and bool(stats_values(w))

    try:
        wait_for("the statistics cleared or greyed", cleared, timeout=5)
    except Failure:
        raise Failure(f"after connecting to {dead_url} the statistics still show {stale}")
    names = [l.name for l in find_all(w, "label")]
    expect("Redis connected" not in names, "the badge still says 'Redis connected'")


def check_read_only_not_sticky(procs, config_home, server):
    first = Console(procs, config_home, ["--url", server.url, "--read-only"])
    w = first.main_window()
    wait_for("read-only mode on with --read-only",
             lambda: has_state(read_only_box(w), pyatspi.STATE_CHECKED))
    quit_console(first)
    second = Console(procs, config_home, ["--url", server.url])
    w = second.main_window()
    wait_for(f"connected to {server.url}", lambda: f"Connected to {server.url}" in status_text(w))
    expect(not has_state(read_only_box(w), pyatspi.STATE_CHECKED),
           "read-only mode is on in a launch without --read-only")
    quit_console(second)


def recent_urls(dialog):
    """The URLs the Connect dialog's URL box lists (its recent connections)."""
    field = find(dialog, "text", "Server URL")
    combo = field.parent
    lists = [combo.getChildAtIndex(i) for i in range(combo.childCount)]
    items = []
    for lst in lists:
        if lst is not None and lst.getRoleName() == "list":
            items += [lst.getChildAtIndex(i).name for i in range(lst.childCount)]
    return items


def open_connect_dialog(console):
    activate(console.main_window())
    press_ctrl("o")  # File > Connect…
    return connect_dialog(console)


def close_dialogs(console):
    """Escape for every dialog or message box a failed check left open."""
    for _ in range(3):
        try:
            if all(f.getRoleName() == "frame" for f in console.frames() if f):
                return
            press("Escape")
            time.sleep(0.5)  # a best effort between checks, not a check itself
        except GLib.Error:
            return


def cancel_dialog(console):
    press("Escape")
    wait_for("the Connect dialog closed",
             lambda: all(f.getRoleName() != "dialog" for f in console.frames() if f))


def check_dead_url_not_remembered(console, dead_url):
    dialog = open_connect_dialog(console)
    try:
        urls = wait_for("the recent URLs", lambda: recent_urls(dialog))
        expect(dead_url not in urls, f"the unreachable {dead_url} is in the recent list: {urls}")
    finally:
        cancel_dialog(console)


def check_ctrl_e_and_recent_after_url(procs, config_home, server):
    console = Console(procs, config_home, ["--url", server.url])
    w = console.main_window()
    wait_for(f"connected to {server.url}", lambda: f"Connected to {server.url}" in status_text(w))
    # 15: the dialog shows the current URL, and --url is remembered.
    dialog = open_connect_dialog(console)
    try:
        field = wait_for("the Server URL field", lambda: find(dialog, "text", "Server URL"))
        expect(text_of(field) == server.url,
               f"the Connect dialog shows {text_of(field)!r}, not the current {server.url}")
        urls = recent_urls(dialog)
        expect(server.url in urls, f"--url {server.url} is not in the recent list: {urls}")
    finally:
        cancel_dialog(console)
    # 9: Ctrl+E (Start Embedded Service) works with the focus where the console puts it.
    activate(console.main_window())
    press_ctrl("e")
    wait_for("the embedded service started by Ctrl+E",
             lambda: "Embedded service" in console.main_window().name)
    quit_console(console)


def check_backend_switches_and_outage(procs, config_home):
    """7: the key list follows Redis <-> memory switches; 10: a server that is down shows no
    live badge and no enabled Set TTL."""
    redis = Redis(procs, private=True)
    prefix = "qrc-atspi-outage"
    for ns, count in (("alpha", 3), ("beta", 2)):
        for i in range(count):
            redis.cli("SET", f"{prefix}:{ns}:k{i}", f'{{"i":{i}}}', "EX", "900")
    server = CacheServer(procs, redis, prefix)
    console = Console(procs, config_home, ["--url", server.url])
    w = console.main_window()
    for ns in ("alpha", "beta"):
        wait_for(f"namespace {ns} listed", lambda: namespace_cell(w, ns))
    select_key(w, "alpha", "k0")
    wait_for("k0's value shown", lambda: '"i"' in value_text(w))
    expect(tree_cell(keys_tree(w), name="k1"), "k1 is not listed under alpha")

    redis.stop()
    wait_for("cache-server on its memory fallback",
             lambda: server.get("/cache/stats").get("backend") != "redis", timeout=15)
    wait_for("the Redis keys gone from the list (the memory store is empty)",
             lambda: not tree_cell(keys_tree(w), name="k1"), timeout=15)

    redis.start()
    wait_for("cache-server back on Redis",
             lambda: server.get("/cache/stats").get("backend") == "redis", timeout=15)
    for ns in ("alpha", "beta"):  # without F5
        wait_for(f"namespace {ns} listed again", lambda: namespace_cell(w, ns), timeout=15)

    select_key(w, "alpha", "k0")
    wait_for("k0's value shown", lambda: '"i"' in value_text(w))
    set_ttl = find(w, "push button", "Set TTL")
    wait_for("Set TTL enabled while connected", lambda: has_state(set_ttl, pyatspi.STATE_ENABLED))
    procs.stop(server.proc)
    wait_for("Set TTL disabled while the server is down",
             lambda: not has_state(find(w, "push button", "Set TTL"), pyatspi.STATE_ENABLED))
    labels = [label.name for label in find_all(w, "label")]
    expect("Redis connected" not in labels,
           "the badge still says 'Redis connected' while the server is down")
    procs.stop(console.proc)


def check_help_without_display():
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = subprocess.run([CONSOLE, "--help"], env=env, capture_output=True, text=True, timeout=20)
    expect(r.returncode == 0, f"cache-console --help without a display exited {r.returncode}: "
                              f"{r.stderr.strip()}")
    expect("Usage:" in r.stdout, "cache-console --help printed no usage")


# ---------------------------------------------------------------------------- main


def xwd_to_png(xwd, png):
    """A 24-bit TrueColor X window dump (what xwd writes for Xvfb's screen) as a PNG file."""
    data = open(xwd, "rb").read()
    h = struct.unpack(">25I", data[:100])
    header_size, width, height, byte_order, bytes_per_line, ncolors = (
        h[0], h[4], h[5], h[7], h[12], h[19])
    if bytes_per_line != width * 4 or byte_order != 0:
        raise ValueError("not a 32-bit LSB-first dump")
    start = header_size + 12 * ncolors
    rows = []
    for y in range(height):
        row = data[start + y * bytes_per_line:start + (y + 1) * bytes_per_line]
        rgb = bytearray(width * 3)
        rgb[0::3], rgb[1::3], rgb[2::3] = row[2::4], row[1::4], row[0::4]
        rows.append(b"\0" + bytes(rgb))

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    with open(png, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n"
                + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))


def screenshot(name):
    """The whole 1366x768 screen, for a failed run: xwd (x11-apps), written as a PNG."""
    if not shutil.which("xwd"):
        print("no screenshot: xwd (x11-apps) is not installed", flush=True)
        return
    xwd = os.path.join(tempfile.gettempdir(), f"qrc-atspi-{os.getpid()}.xwd")
    png = os.path.join(ARTIFACTS, name)
    try:
        subprocess.run(["xwd", "-root", "-silent", "-out", xwd], timeout=10, check=True)
        xwd_to_png(xwd, png)
        print(f"screenshot: {png}", flush=True)
    except (OSError, ValueError, subprocess.SubprocessError) as e:
        print(f"no screenshot: {e}", flush=True)
    finally:
        if os.path.exists(xwd):
            os.remove(xwd)


def main():
    workdir = tempfile.mkdtemp(prefix="qrc-atspi-py.")
    procs = Processes(workdir)
    checks = Checks()
    redis = prefix = None
    started = time.monotonic()
    for old in ("atspi-failure.png", "atspi-failure-tree.txt"):  # of an earlier run
        if os.path.exists(os.path.join(ARTIFACTS, old)):
            os.remove(os.path.join(ARTIFACTS, old))
    try:
        checks.run("13: --help works without a display", check_help_without_display)

        redis = Redis(procs)
        prefix = f"qrc-atspi-{os.getpid()}-{int(time.time())}"
        server = CacheServer(procs, redis, prefix)
        ns = "users"
        redis.cli("SET", f"{prefix}:{ns}:user_1", '{"name":"Ada","price":19.990}', "EX", "600")
        redis.cli("SET", f"{prefix}:{ns}:user_3", '{"kind":"plain"}')
        stored = '{"zeta":1,"alpha":2,"price":19.990}'
        redis.cli("SET", f"{prefix}:{ns}:user_4", stored)
        redis.cli("HSET", f"{prefix}:{ns}:user_2h", "field1", "v1", "field2", "v2")
        redis.cli("SET", f"{prefix}:orders:o_1", '{"o":1}')
        redis.cli("SET", f"{prefix}:orders:o_2", '{"o":2}')
        bulk = 450  # three pages of 200
        # The last namespace in name order, so that End goes to its last key.
        redis.cli("MSET", *[x for i in range(bulk) for x in (f"{prefix}:zz_bulk:b{i}", "1")])
        for i in range(10, 30):
            redis.cli("SET", f"{prefix}:{ns}:user_{i}", f'{{"n":{i}}}', "EX", "900")
        dead_url = f"http://127.0.0.1:{free_port()}"
        checks.run("16: the management API reads a hash key", check_api_reads_hash_key,
                   server, ns, "user_2h")

        config_home = os.path.join(workdir, "config")
        console = Console(procs, config_home)  # first start: the Connect dialog comes up
        checks.console = console
        checks.run("a: Connect dialog controls have names", check_dialog_names, console)
        if checks.run("1: Enter in the Connect dialog connects to the typed URL",
                      check_enter_connects_to_typed_url, console, server):
            checks.run("11: the window title names the app once",
                       check_title_names_the_app_once, console, server)
            checks.run("a: main window controls have names", check_main_window_names,
                       console, ns, "user_1")
            checks.run("2: a hash after a JSON key leaves no old JSON on screen",
                       check_hash_after_json_clears_value, console, ns, "user_1", "user_2h")
            checks.run("5: the value is shown as stored (key order, 19.990)",
                       check_value_shown_as_stored, console, ns, "user_4", stored)
            checks.run("3: TTL box is empty for a key without expiry",
                       check_ttl_box_empty_for_no_expiry, console, ns, "user_1", "user_3")
            checks.run("4: a TTL edited in the list (F2) reaches the value panel",
                       check_ttl_edited_in_list_updates_panel, console, redis,
                       f"{prefix}:{ns}:user_10", ns, "user_10")
            checks.run("8: F5 keeps the selection; after a delete panel and list agree",
                       check_refresh_and_delete_keep_selection_and_panel, console, redis,
                       prefix, ns, "user_1", "user_11")
            checks.run("14: sorting is natural and keeps the namespaces in order",
                       check_sorting_is_natural_and_keeps_namespaces, console, ns)
            checks.run("6: a cleared server-side filter leaves the namespace label",
                       check_cleared_filter_leaves_namespace_label, console, ns, "user_2")
            checks.run("10: connecting to a dead URL clears the statistics",
                       check_dead_url_clears_statistics, console, dead_url)
            checks.run("15: an unreachable URL is not remembered",
                       check_dead_url_not_remembered, console, dead_url)
        if checks.failures:
            screenshot("atspi-failure.png")
            tree = os.path.join(ARTIFACTS, "atspi-failure-tree.txt")
            with open(tree, "w") as f:
                f.write("\n".join(dump(console.app)) + "\n")
            print(f"accessible tree: {tree}", flush=True)
        procs.stop(console.proc)
        checks.console = None

        checks.run("12: --read-only does not stick to the next launch",
                   check_read_only_not_sticky, procs, os.path.join(workdir, "config-12"),
                   server)
        checks.run("7, 10: the key list follows Redis outages; a down server greys its actions",
                   check_backend_switches_and_outage, procs, os.path.join(workdir, "config-7"))
        checks.run("8: End loads every page and selects the last key",
                   check_end_reaches_the_last_key, procs,
                   os.path.join(workdir, "config-8"), server, "zz_bulk", bulk)
        checks.run("9, 15: Ctrl+E works at start; the dialog shows the --url, remembered",
                   check_ctrl_e_and_recent_after_url, procs, os.path.join(workdir, "config-9"),
                   server)
    except Exception as e:
        checks.failures.append(f"setup: {e}")
        traceback.print_exc()
    finally:
        if checks.failures:
            for p in procs.procs:
                print(f"--- {p.qrc_name} log:\n{procs.log_tail(p)}", flush=True)
        procs.stop_all()
        if redis and redis.shared and prefix:
            redis.remove_prefix(prefix)
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{len(checks.passed)} passed, {len(checks.failures)} failed "
          f"in {time.monotonic() - started:.1f} s", flush=True)
    for f in checks.failures:
        print(f"FAILED: {f}")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())
