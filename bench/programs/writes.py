import os, sys, requests
url, tenant, n = os.environ["HALO_URL"], os.environ["HALO_TENANT"], int(sys.argv[1])
s = requests.Session()
tok = s.post(f"{url}/auth/token", params={"tenant": tenant}, data={
    "grant_type": "client_credentials", "client_id": os.environ["HALO_CLIENT_ID"],
    "client_secret": os.environ["HALO_CLIENT_SECRET"], "scope": "all"}).json()["access_token"]
s.headers["Authorization"] = f"Bearer {tok}"
updates = [{"id": i + 1, "priority_id": 2} for i in range(n)]
for start in range(0, n, 100):
    s.post(f"{url}/api/tickets", json=updates[start:start + 100]).raise_for_status()
print(n)
