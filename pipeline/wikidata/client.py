"""A polite client of the Wikidata (Wikibase) action API: one request at a time, at most
`rate` per second, an informative User-Agent, `maxlag`, and retries that honour Retry-After.

What Wikimedia asks of API clients (README, "Wikidata"): a User-Agent naming the tool, its version
and a contact; requests in series; maxlag=5 for non-interactive work, and a pause of at least
the Retry-After a lagged or overloaded server sends. A maxlag refusal comes as HTTP 200 with
`{"error": {"code": "maxlag", "lag": ...}}` and Retry-After / X-Database-Lag headers; a 429 may
come with an HTML body and with or without Retry-After.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime

import httpx

from geonews import __version__

from ..errors import WikidataError

#: Longest pause one answer can ask for; an API asking for more is reported instead of waited on.
MAX_WAIT = 300.0
#: First pause when an overloaded answer gives no Retry-After; doubled at each retry.
BACKOFF = 1.0


def user_agent(contact: str) -> str:
    """`geonews/<version> (<contact>) httpx/<version>`: the form Wikimedia's User-Agent policy asks."""
    return f"geonews/{__version__} ({contact}) httpx/{httpx.__version__}"


class RateLimiter:
    """Lets a request start at most `rate` times a second; `defer` holds back the next one."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        if rate <= 0:
            raise WikidataError(f"wikidata_rate must be above 0 requests per second, not {rate}")
        self.interval = 1.0 / rate
        self._clock, self._sleep = clock, sleep
        self._next = float("-inf")

    def wait(self) -> None:
        """Block until the next request may start, and book the slot after it."""
        now = self._clock()
        if now < self._next:
            self._sleep(self._next - now)
            now = self._clock()
        self._next = max(now, self._next) + self.interval

    def defer(self, seconds: float) -> None:
        """No request before `seconds` from now (a Retry-After or a backoff)."""
        self._next = max(self._next, self._clock() + seconds)


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), None if absent or bad."""
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class WikidataClient:
    """GET requests to one api.php; `call(params)` returns the decoded JSON answer or raises WikidataError."""

    def __init__(self, api_url: str, contact: str, rate: float = 2.0, maxlag: int = 5, retries: int = 5,
                 timeout: float = 30.0, limiter: RateLimiter | None = None):
        if not api_url.startswith(("http://", "https://")):
            raise WikidataError(f"wikidata_api must be an http:// or https:// URL, not {api_url!r}")
        self.api_url, self.maxlag, self.retries = api_url, maxlag, retries
        self.limiter = limiter or RateLimiter(rate)
        self.sent = 0  # requests that reached the network, retries included
        self._http = httpx.Client(timeout=timeout, follow_redirects=False,
                                  headers={"User-Agent": user_agent(contact), "Accept": "application/json"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> WikidataClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def call(self, params: dict[str, str]) -> dict:
        """One API action, retried on 429, 5xx, maxlag, ratelimited and network errors."""
        params = {**params, "format": "json", "maxlag": str(self.maxlag)}
        what = params.get("action", "request")
        problem = ""
        for attempt in range(self.retries + 1):
            self.limiter.wait()
            self.sent += 1
            wait, problem, answer = self._once(params, attempt)
            if answer is not None:
                return answer
            if attempt == self.retries:
                break
            if wait > MAX_WAIT:
                raise WikidataError(f"{what}: the Wikidata API asks to wait {wait:.0f} s ({problem}); "
                                    "try again later")
            self.limiter.defer(wait)
        raise WikidataError(f"{what}: the Wikidata API stayed unavailable after {self.retries + 1} "
                            f"attempts (last: {problem})")

    def _once(self, params: dict[str, str], attempt: int) -> tuple[float, str, dict | None]:
        """(seconds to wait, what went wrong, None) for a retryable failure, or (0, '', answer)."""
        backoff = BACKOFF * 2 ** attempt
        try:
            resp = self._http.get(self.api_url, params=params)
        except httpx.TransportError as exc:
            return backoff, f"{type(exc).__name__}: {exc}", None
        if resp.status_code == 429 or resp.status_code >= 500:
            return retry_after(resp.headers) or backoff, f"HTTP {resp.status_code}", None
        if resp.status_code != 200:
            raise WikidataError(f"{params.get('action')}: HTTP {resp.status_code} from {self.api_url}: "
                                f"{resp.text[:300].strip()}")
        try:
            data = resp.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise WikidataError(f"{self.api_url} did not answer JSON ({exc})") from exc
        error = data.get("error") if isinstance(data, dict) else None
        if error is None:
            if not isinstance(data, dict):
                raise WikidataError(f"{self.api_url} answered {type(data).__name__}, not a JSON object")
            return 0.0, "", data
        code = str(error.get("code", "?"))
        if code == "maxlag":  # the manual: pause at least 5 s (MediaWiki sends Retry-After >= 5)
            lag = error.get("lag")
            wait = retry_after(resp.headers) or max(5.0, float(lag) if isinstance(lag, int | float) else 5.0)
            return wait, f"maxlag: {error.get('info', 'replication lag')}", None
        if code == "ratelimited":
            return retry_after(resp.headers) or backoff, "ratelimited", None
        raise WikidataError(f"{params.get('action')}: Wikidata API error {code}: {error.get('info', '')}")
