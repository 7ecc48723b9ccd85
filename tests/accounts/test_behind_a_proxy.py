"""Behind a reverse proxy, sign-in limits count each client's own address (CICA_TRUSTED_PROXIES).

A real nginx (Debian's) listens on a loopback port and forwards to a live server of the app,
adding the address each client connected from to X-Forwarded-For. The clients connect from
distinct loopback addresses (127.0.0.2, 127.0.0.3), as two people behind the same proxy.
Counted by the proxy's address, one client's failed sign-ins would lock out everyone.
"""

import datetime as dt
import http.client
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from gunicorn.config import Config

from cica.accounts import actions
from cica.core import denials
from cica.core.management.commands.serve import AccessLog
from cica.core.proxies import client_address, parse_networks
from cica.core.roles import SYSTEM

LOGIN = "/en/accounts/login/"
PASSPHRASE = "a long observer passphrase"
CLIENT_X, CLIENT_Y = "127.0.0.2", "127.0.0.3"
# Fewer failures than in production, for a short test: three a minute from one address.
RATE_LIMITS = {"login_failed": "3/m/ip,5/15m/key", "login": "30/m/ip"}
TIMEOUT = 10

NGINX_CONF = """
daemon off;
worker_processes 1;
{user}
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {root}/access.log;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass {upstream};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def nginx(live_server, tmp_path):
    """Debian's nginx on a loopback port, forwarding to the live server; its address."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not shutil.which(binary):
        pytest.fail("nginx is not installed: `make test` installs it")
    port = _free_port()
    conf = tmp_path / "nginx.conf"
    # Run as root (a container), nginx would hand its workers to `nobody`, who cannot enter
    # the test's private folder.
    user = "user root;" if os.geteuid() == 0 else ""
    conf.write_text(
        NGINX_CONF.format(root=tmp_path, port=port, upstream=live_server.url, user=user)
    )
    process = subprocess.Popen(
        [binary, "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + TIMEOUT
    while True:
        if process.poll() is not None:
            pytest.fail(f"nginx exited: {process.stderr.read().decode()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("nginx did not start")
        time.sleep(0.05)
    try:
        yield ("127.0.0.1", port)
    finally:
        process.send_signal(signal.SIGQUIT)  # graceful: finish what is in flight
        try:
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=TIMEOUT)


class Person:
    """A browser on one loopback address: keeps its cookies, signs in through the real form."""

    def __init__(self, source: str, server: tuple[str, int]):
        self.source, self.server, self.cookies = source, server, {}

    def request(self, method: str, path: str, body: str = "", headers: dict | None = None):
        connection = http.client.HTTPConnection(
            *self.server, timeout=TIMEOUT, source_address=(self.source, 0)
        )
        try:
            cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            sent = {"Cookie": cookie, **(headers or {})}
            if body:
                sent["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=body or None, headers=sent)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, value = header.split(";", 1)[0].split("=", 1)
                self.cookies[name.strip()] = value
            return response.status, response.read().decode()
        finally:
            connection.close()

    def sign_in(self, username: str, password: str, forwarded_for: str = "") -> str:
        """'signed in', 'refused' (a wrong password) or 'locked' (too many failures)."""
        self.cookies.pop("sessionid", None)
        headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
        self.request("GET", LOGIN, headers=headers)
        form = {
            "login": username,
            "password": password,
            "csrfmiddlewaretoken": self.cookies["csrftoken"],
        }
        status, page = self.request("POST", LOGIN, urlencode(form), headers)
        if status == 302:
            return "signed in"
        assert status == 200, (status, page[:500])
        return "locked" if "Too many failed login attempts" in page else "refused"


@pytest.fixture
def behind_the_proxy(committed_reference, settings, nginx, live_server):
    """The app trusts nginx's address only; an observer account to sign in with."""
    settings.CICA_TRUSTED_PROXIES = parse_networks(["127.0.0.1"])
    settings.ACCOUNT_RATE_LIMITS = RATE_LIMITS
    cache.clear()  # the rate limits' counters, in the database cache, outlive a test
    actions.create_user(
        acting_user=SYSTEM,
        username="observer-jp",
        role="observer",
        state_code="JP",
        password=PASSPHRASE,
    )
    direct = urlsplit(live_server.url)
    yield {"proxy": nginx, "direct": (direct.hostname, direct.port)}
    cache.clear()


def _fail(person: Person, times: int, spoofed=lambda i: "") -> list[str]:
    return [
        person.sign_in(f"nobody-{i}", f"wrong guess {i}", forwarded_for=spoofed(i))
        for i in range(times)
    ]


def test_one_client_behind_the_proxy_locks_out_itself_not_another(behind_the_proxy):
    # given
    x = Person(CLIENT_X, behind_the_proxy["proxy"])
    y = Person(CLIENT_Y, behind_the_proxy["proxy"])

    # when: X fails three times (with other usernames: the limit per address, not per account)
    failures = _fail(x, 3)
    x_again = x.sign_in("observer-jp", PASSPHRASE)
    y_meanwhile = y.sign_in("observer-jp", PASSPHRASE)

    # then
    assert failures == ["refused"] * 3
    assert x_again == "locked"
    assert y_meanwhile == "signed in"


def test_a_forwarded_for_made_up_behind_the_proxy_does_not_escape_the_lock(behind_the_proxy):
    # given: X claims a new address at each attempt; nginx appends the one X connected from
    x = Person(CLIENT_X, behind_the_proxy["proxy"])
    y = Person(CLIENT_Y, behind_the_proxy["proxy"])

    # when
    failures = _fail(x, 3, spoofed=lambda i: f"198.51.100.{i + 1}")
    x_again = x.sign_in("observer-jp", PASSPHRASE, forwarded_for="198.51.100.99")
    y_meanwhile = y.sign_in("observer-jp", PASSPHRASE)

    # then
    assert failures == ["refused"] * 3
    assert x_again == "locked"
    assert y_meanwhile == "signed in"


def test_a_client_that_is_no_trusted_proxy_cannot_name_an_address(behind_the_proxy):
    """X connects to the app directly and claims to be Y: its X-Forwarded-For is ignored, so
    its failures neither lock Y out nor escape X's own lock."""
    # given
    x_direct = Person(CLIENT_X, behind_the_proxy["direct"])
    y = Person(CLIENT_Y, behind_the_proxy["proxy"])

    # when
    failures = _fail(x_direct, 3, spoofed=lambda i: CLIENT_Y)
    y_meanwhile = y.sign_in("observer-jp", PASSPHRASE)
    x_again = x_direct.sign_in("observer-jp", PASSPHRASE, forwarded_for=CLIENT_Y)

    # then
    assert failures == ["refused"] * 3
    assert y_meanwhile == "signed in"
    assert x_again == "locked"


# ---- the rule, address by address ------------------------------------------------------------

TRUSTED = parse_networks(["127.0.0.1", "10.0.0.0/8", "::1"])


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "client"),
    [
        ("203.0.113.5", "", "203.0.113.5"),
        # an untrusted peer's header is its own claim
        ("203.0.113.5", "198.51.100.1", "203.0.113.5"),
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", "203.0.113.5", "203.0.113.5"),
        # the right-most address that is no trusted proxy; what the client wrote is left of it
        ("127.0.0.1", "198.51.100.1, 203.0.113.5", "203.0.113.5"),
        ("127.0.0.1", "198.51.100.1, 203.0.113.5, 10.1.2.3", "203.0.113.5"),
        ("::1", "2001:db8::7", "2001:db8::7"),
        ("::ffff:127.0.0.1", "203.0.113.5", "203.0.113.5"),
        # nothing but trusted proxies: the farthest one
        ("127.0.0.1", "10.1.2.3", "10.1.2.3"),
        # not an address where a trusted proxy writes one: the last hop known
        ("127.0.0.1", "garbage", "127.0.0.1"),
        ("127.0.0.1", "203.0.113.5, garbage, 10.1.2.3", "10.1.2.3"),
        ("127.0.0.1", "[2001:db8::7]:443", "2001:db8::7"),
    ],
)
def test_the_client_address(remote_addr, forwarded_for, client):
    assert client_address(remote_addr, forwarded_for, TRUSTED) == client


def test_no_proxy_is_trusted_by_default():
    assert client_address("127.0.0.1", "203.0.113.5", parse_networks([])) == "127.0.0.1"


@pytest.mark.parametrize("value", ["localhost", "10.0.0.0/33", "1.2.3"])
def test_a_malformed_trusted_proxy_is_refused(value):
    with pytest.raises(ValueError, match=re.escape(repr(value))):
        parse_networks([value])


def test_a_refusal_is_logged_with_the_client_address(settings, caplog):
    # given
    settings.CICA_TRUSTED_PROXIES = parse_networks(["127.0.0.1"])
    request = RequestFactory().post(
        "/en/meetings/new/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5"
    )
    request.user = type("Anonymous", (), {"is_authenticated": False})()

    # when
    with caplog.at_level(logging.WARNING, logger="cica.authorization"):
        denials.record(request, "not allowed")

    # then
    assert "to an anonymous visitor from 203.0.113.5: not allowed" in caplog.text


def test_the_access_log_names_the_client(settings):
    # given
    settings.CICA_TRUSTED_PROXIES = parse_networks(["127.0.0.1"])
    environ = {
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.5",
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/en/",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    response = type("Response", (), {"status": "200 OK", "sent": 10, "headers": []})()
    request = type("Request", (), {"headers": []})()

    # when
    atoms = AccessLog(Config()).atoms(response, request, environ, dt.timedelta(0))

    # then
    assert atoms["h"] == "203.0.113.5"
