# The same walk with requests: one session (keep-alive), pages of 100.
import os, sys, requests
from collections import Counter
url, tenant = os.environ["HALO_URL"], os.environ["HALO_TENANT"]
s = requests.Session()
tok = s.post(f"{url}/auth/token", params={"tenant": tenant}, data={
    "grant_type": "client_credentials", "client_id": os.environ["HALO_CLIENT_ID"],
    "client_secret": os.environ["HALO_CLIENT_SECRET"], "scope": "all"}).json()["access_token"]
s.headers["Authorization"] = f"Bearer {tok}"
tickets, page, total = [], 1, None
while total is None or len(tickets) < total:
    r = s.get(f"{url}/api/tickets", params={"pageinate": "true", "page_size": 100, "page_no": page})
    r.raise_for_status()
    body = r.json()
    total = body["record_count"]
    tickets += body["tickets"]
    page += 1
open_ = [t for t in tickets if t["status_id"] != 9]
counts = Counter(t["client_id"] for t in open_)
print(len(tickets), len(open_), len(counts))
