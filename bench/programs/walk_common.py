"""What the two Python walks share: a signed-in requests session per thread, and a GET that
waits out a 429 as a careful script would (Retry-After when sent, else 5 s)."""
import os, threading, time, requests

URL, TENANT = os.environ["HALO_URL"], os.environ["HALO_TENANT"]
_local = threading.local()
_token = None


def token():
    global _token
    if _token is None:
        _token = requests.post(f"{URL}/auth/token", params={"tenant": TENANT}, data={
            "grant_type": "client_credentials", "client_id": os.environ["HALO_CLIENT_ID"],
            "client_secret": os.environ["HALO_CLIENT_SECRET"], "scope": "all"}).json()["access_token"]
    return _token


def session():
    """One keep-alive session per thread (requests.Session is not thread-safe)."""
    if not hasattr(_local, "s"):
        _local.s = requests.Session()
        _local.s.headers["Authorization"] = f"Bearer {token()}"
    return _local.s


def page(page_no, size):
    while True:
        r = session().get(f"{URL}/api/tickets", params={"pageinate": "true", "page_size": size, "page_no": page_no})
        if r.status_code == 429:
            time.sleep(float(r.headers.get("Retry-After", 5)))
            continue
        r.raise_for_status()
        return r.json()
