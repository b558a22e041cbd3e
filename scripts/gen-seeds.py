#!/usr/bin/env python3
"""Writes seeds/*.json, the data the Halo sandbox serves: an invented MSP with its clients,
sites, users, agents, assets, 10,000 tickets and some of their actions.

Deterministic (fixed random seed, fixed reference date, stdlib only), so running it again
reproduces the committed files byte for byte:  python3 scripts/gen-seeds.py [output-dir]

Format: one JSON array per resource, one compact record per line (diffable, and each line is
exactly the bytes the sandbox serves for that record). Key order mimics Halo: id first.
"""

import datetime
import json
import os
import random
import sys

RNG = random.Random(1630)  # kbid of Halo's runbook guide; any fixed value will do
NOW = datetime.datetime(2025, 6, 30, 17, 0, 0)  # "today" for the invented history
TICKET_COUNT = 10_000

STATUSES = [  # (id, name, colour); 9 is the one closed status, as in Halo
    (1, "New", "#2f80ed"), (2, "In Progress", "#f2994a"), (3, "Action Required", "#eb5757"),
    (4, "With User", "#9b51e0"), (5, "With Supplier", "#56ccf2"), (8, "Responded", "#27ae60"),
    (9, "Closed", "#828282"), (10, "Scheduled", "#219653"), (21, "Pending Approval", "#f2c94c"),
]
TICKET_TYPES = [  # (id, name, weight in the ticket mix)
    (1, "Incident", 55), (2, "Service Request", 30), (3, "Problem", 3), (4, "Change Request", 7),
    (5, "Alert", 4), (6, "Project Task", 1),
]
PRIORITIES = [(1, 5), (2, 15), (3, 55), (4, 25)]  # (priority_id, weight): 1 Critical .. 4 Low
OPEN_STATUS_WEIGHTS = [(1, 20), (2, 30), (3, 12), (4, 15), (5, 8), (8, 10), (10, 3), (21, 2)]

AGENTS = [  # (name, team)
    ("Sam Porter", "Service Desk"), ("Priya Natarajan", "Service Desk"), ("Tom Ellison", "Service Desk"),
    ("Grace Okafor", "Service Desk"), ("Liam Gallagher", "2nd Line"), ("Hannah Weiss", "2nd Line"),
    ("Marcus Reid", "2nd Line"), ("Chloe Dupont", "Projects"), ("Ravi Mehta", "Network Ops"),
    ("Ewan Fraser", "Network Ops"),
]
TOP_LEVELS = [(1, "Managed Services"), (2, "Ad-hoc Support"), (3, "Internal")]

CLIENTS = [  # (name, domain)
    ("Abbott & Finch Solicitors", "abbottfinch.co.uk"), ("Brightwater Dental Group", "brightwaterdental.co.uk"),
    ("Castleford Logistics", "castlefordlogistics.com"), ("Dunmore Veterinary Practice", "dunmorevets.co.uk"),
    ("Elmstead Academy Trust", "elmstead.sch.uk"), ("Fenwick Architects", "fenwick-arch.com"),
    ("Greenfield Accountancy", "greenfieldaccounts.co.uk"), ("Harrow Lane Surgery", "harrowlanesurgery.nhs.uk"),
    ("Ironbridge Engineering", "ironbridge-eng.co.uk"), ("Juniper Wealth Management", "juniperwealth.com"),
    ("Kestrel Property Group", "kestrelproperty.co.uk"), ("Lowther & Sons Builders", "lowtherbuild.co.uk"),
    ("Meridian Travel", "meridiantravel.com"), ("Northgate Housing Association", "northgateha.org.uk"),
    ("Oakridge Care Homes", "oakridgecare.co.uk"), ("Pemberton Insurance Brokers", "pembertonib.co.uk"),
    ("Quayside Marine Services", "quaysidemarine.com"), ("Redbrook Brewery", "redbrookbrewery.co.uk"),
    ("Sterling Recruitment", "sterlingrecruit.com"), ("Thornbury Garden Centre", "thornburygardens.co.uk"),
    ("Union Street Studios", "unionststudios.com"), ("Vale Farm Foods", "valefarmfoods.co.uk"),
    ("Westcott Charity Trust", "westcotttrust.org"), ("Yardley Print & Design", "yardleyprint.co.uk"),
    ("Zenith Fitness Clubs", "zenithfitness.com"), ("Ashdown Hotels", "ashdownhotels.co.uk"),
    ("Beacon Opticians", "beaconopticians.co.uk"), ("Cobalt Software Ltd", "cobaltsoftware.io"),
    ("Drayton Motor Group", "draytonmotors.co.uk"), ("Evergreen Estate Agents", "evergreen-estates.co.uk"),
    ("Foxglove Florists", "foxgloveflorists.co.uk"), ("Gilbert Haulage", "gilberthaulage.com"),
    ("Hawthorn Legal LLP", "hawthornlegal.com"), ("Islington Music School", "islingtonmusic.org.uk"),
    ("Jarvis Pharmacy", "jarvispharmacy.co.uk"), ("Kingfisher Leisure", "kingfisherleisure.co.uk"),
    ("Linden Parish Council", "lindenparish.gov.uk"), ("Marlowe Interiors", "marloweinteriors.com"),
    ("Nimbus Cloud Consulting", "nimbusconsult.io"), ("Halo MSP Internal", "halomsp.example"),
]
SITE_NAMES = ["Head Office", "Main Office", "Warehouse", "Branch Office", "Remote Workers", "Data Centre",
              "Manchester", "Leeds", "Bristol", "Birmingham", "Glasgow", "Cardiff", "Norwich", "York"]
CITIES = ["London", "Manchester", "Leeds", "Bristol", "Birmingham", "Glasgow", "Cardiff", "Norwich",
          "York", "Reading", "Oxford", "Cambridge", "Exeter", "Nottingham", "Sheffield"]
STREETS = ["High Street", "Station Road", "Church Lane", "Mill Road", "Victoria Street", "King Street",
           "Park Avenue", "Queens Road", "Market Place", "Bridge Street", "Riverside Way"]
FIRST_NAMES = ["James", "Olivia", "Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Noah", "Mia",
               "Jack", "Sophie", "Leo", "Emily", "Arthur", "Grace", "Oscar", "Freya", "Charlie", "Lily",
               "Thomas", "Evie", "William", "Ella", "Henry", "Chloé", "Daniel", "Zoë", "Mohammed", "Aisha",
               "Wei", "Anika", "Kwame", "Siobhan", "Rhys", "Niamh", "Tariq", "Ines", "Lukas", "Maja"]
SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
            "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
            "Wood", "Jackson", "Clarke", "Khan", "O'Brien", "Murphy", "Nowak", "Schmidt", "Chen",
            "Okoye", "Hughes", "Lewis", "Edwards", "Baker", "Kowalski", "Ahmed", "Fraser", "Campbell"]
JOB_TITLES = ["Office Manager", "Director", "Accounts Assistant", "Receptionist", "Sales Executive",
              "Operations Manager", "HR Advisor", "Practice Manager", "Administrator", "Analyst",
              "Marketing Coordinator", "Finance Director", "Team Leader", "Engineer", "Consultant"]

# (category_1, summary templates); {device}, {app}, {printer}, {site} are filled per ticket.
PROBLEMS = [
    ("Email", ["Outlook keeps asking for password", "Cannot send emails to external addresses",
               "Shared mailbox not showing in Outlook", "Emails stuck in outbox",
               "Out of office not working", "Calendar invites not arriving",
               "Mailbox full warning", "Phishing email received - please check",
               "Distribution list needs new member", "Outlook search not returning results"]),
    ("Hardware", ["Laptop will not power on", "Monitor flickering on {device}",
                  "Docking station not detecting screens", "Keyboard keys sticking",
                  "{device} running very slowly", "Laptop battery drains quickly",
                  "Blue screen on {device}", "Webcam not working in Teams", "New starter needs laptop",
                  "Replace broken mouse"]),
    ("Network", ["Wi-Fi dropping out at {site}", "VPN will not connect from home",
                 "Internet very slow at {site}", "Cannot access network drive",
                 "Mapped drives missing after login", "Firewall blocking supplier portal",
                 "Switch port down in comms room", "Guest Wi-Fi password needs changing"]),
    ("Software", ["{app} crashes on start-up", "Install {app} for new user", "{app} licence expired",
                  "Update {app} to latest version", "{app} showing error on save",
                  "Excel file locked for editing", "Teams notifications not showing",
                  "OneDrive not syncing", "Adobe Acrobat keeps asking to sign in"]),
    ("Accounts", ["Password reset required", "Account locked out", "New starter setup",
                  "Leaver - disable account", "MFA prompt not arriving on phone",
                  "Add user to SharePoint site", "Change of name on account",
                  "Grant access to finance folder"]),
    ("Printing", ["{printer} not printing", "Paper jam on {printer}", "Scan to email not working",
                  "Printer showing offline", "Toner low on {printer}", "Cannot add printer on {device}"]),
    ("Security", ["Antivirus alert on {device}", "Suspicious login attempt reported",
                  "Backup job failed overnight", "Certificate expiring on server",
                  "Windows updates failing on {device}", "USB device blocked"]),
    ("Telephony", ["Desk phone has no dial tone", "Voicemail not forwarding to email",
                   "Call quality poor on Teams calls", "Hunt group changes needed",
                   "Mobile phone setup for new starter"]),
]
APPS = ["Sage 50", "Xero", "Microsoft Office", "AutoCAD", "Zoom", "Chrome", "QuickBooks", "Teams",
        "Dentally", "EMIS Web", "Salesforce", "Adobe Reader"]
PRINTERS = ["the Ricoh copier", "the HP LaserJet", "the Brother label printer", "the upstairs printer",
            "the Canon MFP"]
DETAIL_OPENERS = ["Hi team,", "Hello,", "Morning,", "Hi,", "Good afternoon,"]
DETAIL_BODIES = [
    "This started this morning and is stopping me from working.",
    "It has happened a few times this week, usually after lunch.",
    "Two other people in the office have the same problem.",
    "I have already tried restarting but it made no difference.",
    "Not urgent, but could someone look at it when they have time?",
    "This is affecting a client meeting this afternoon.",
    "Screenshot of the error attached.",
    "Please call me on my mobile if you need more information.",
]
ACTION_NOTES = {
    "Note": ["Checked logs, investigating further.", "Remoted on to the machine and reproduced the issue.",
             "Escalated to 2nd line.", "Waiting on supplier to respond.", "Applied the fix from KB article."],
    "Email User": ["Emailed user asking for a convenient time to connect.",
                   "Sent instructions to the user.", "Asked user to confirm the issue is resolved."],
    "Phone Call": ["Called user, no answer - left voicemail.", "Spoke to user and walked through the steps.",
                   "Called user, issue confirmed."],
    "Closed": ["Resolved - user confirmed all working.", "Closed - no response from user after 3 attempts.",
               "Fixed by reinstalling the application."],
}
ASSET_TYPES = [(1, "Laptop", "LT", 40), (2, "Desktop", "DT", 25), (3, "Server", "SRV", 8),
               (4, "Firewall", "FW", 5), (5, "Switch", "SW", 7), (6, "Printer", "PR", 10), (7, "Mobile Phone", "MOB", 5)]
MANUFACTURERS = {"Laptop": ["Dell Latitude 5440", "Lenovo ThinkPad T14", "HP EliteBook 840"],
                 "Desktop": ["Dell OptiPlex 7010", "HP ProDesk 600", "Lenovo ThinkCentre M70q"],
                 "Server": ["Dell PowerEdge R650", "HPE ProLiant DL380"],
                 "Firewall": ["Fortinet FortiGate 60F", "Sophos XGS 2100"],
                 "Switch": ["Cisco Catalyst 1000", "Ubiquiti UniFi 24 PoE"],
                 "Printer": ["Ricoh IM C3000", "HP LaserJet M507"],
                 "Mobile Phone": ["iPhone 15", "Samsung Galaxy S24"]}


def weighted(pairs):
    """Pick the first element of one (value, weight) pair."""
    return RNG.choices([p[0] for p in pairs], weights=[p[-1] for p in pairs])[0]


def stamp(moment):
    """Halo-like ISO 8601 timestamp in UTC."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def working_hours_moment(days_back_max):
    """A moment in office hours on a weekday within the last days_back_max days."""
    while True:
        day = NOW - datetime.timedelta(days=RNG.randint(0, days_back_max))
        if day.weekday() < 5:
            break
    return day.replace(hour=RNG.randint(8, 17), minute=RNG.randint(0, 59), second=RNG.randint(0, 59))


def make_clients():
    clients = []
    for index, (name, domain) in enumerate(CLIENTS, start=1):
        top_id, top_name = TOP_LEVELS[2] if name.endswith("Internal") else (
            TOP_LEVELS[0] if RNG.random() < 0.7 else TOP_LEVELS[1])
        clients.append({
            "id": index, "name": name, "toplevel_id": top_id, "toplevel_name": top_name,
            "inactive": index in (13, 31),
            "colour": "#%06x" % RNG.randint(0x202020, 0xe0e0e0),
            "website": "https://www." + domain, "main_email": "info@" + domain,
            "phonenumber": "0%d %d %04d" % (RNG.randint(1100, 2099), RNG.randint(100, 999), RNG.randint(0, 9999)),
            "accountsid": "ACC%04d" % (1000 + index), "domain": domain,
        })
    return clients


def make_sites(clients):
    sites = []
    for client in clients:
        names = ["Head Office"] + RNG.sample(SITE_NAMES[1:], RNG.randint(1, 3))
        for name in names:
            sites.append({
                "id": len(sites) + 1, "name": name, "client_id": client["id"], "client_name": client["name"],
                "inactive": False, "phonenumber": client["phonenumber"],
                "delivery_address": {"line1": "%d %s" % (RNG.randint(1, 240), RNG.choice(STREETS)),
                                     "line2": RNG.choice(CITIES),
                                     "postcode": "%s%d %d%s" % (RNG.choice(["LS", "M", "BS", "B", "G", "CF", "NR", "YO", "RG", "EC"]),
                                                               RNG.randint(1, 20), RNG.randint(1, 9),
                                                               "".join(RNG.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2)))},
            })
    return sites


def make_users(clients, sites):
    users = []
    for client in clients:
        client_sites = [s for s in sites if s["client_id"] == client["id"]]
        taken = set()
        for _ in range(RNG.randint(5, 15)):
            while True:
                first, last = RNG.choice(FIRST_NAMES), RNG.choice(SURNAMES)
                if (first, last) not in taken:
                    taken.add((first, last))
                    break
            site = RNG.choice(client_sites)
            local = (first + "." + last).lower().replace("'", "").replace("é", "e").replace("ë", "e")
            users.append({
                "id": len(users) + 1, "name": first + " " + last, "firstname": first, "surname": last,
                "emailaddress": local + "@" + client["domain"], "phonenumber": site["phonenumber"],
                "jobtitle": RNG.choice(JOB_TITLES), "site_id": site["id"], "site_name": site["name"],
                "client_id": client["id"], "client_name": client["name"], "inactive": RNG.random() < 0.04,
            })
    return users


def make_agents():
    return [{"id": index, "name": name, "email": name.lower().replace(" ", ".") + "@halomsp.example",
             "team": team, "initials": "".join(part[0] for part in name.split()), "isdisabled": False}
            for index, (name, team) in enumerate(AGENTS, start=1)]


def make_assets(clients, sites, users):
    assets = []
    counters = {}
    for _ in range(320):
        client = RNG.choice(clients[:-1])
        type_id, type_name, prefix, _weight = RNG.choices(ASSET_TYPES, weights=[t[3] for t in ASSET_TYPES])[0]
        site = RNG.choice([s for s in sites if s["client_id"] == client["id"]])
        owners = [u for u in users if u["site_id"] == site["id"]] if type_id in (1, 2, 7) else []
        owner = RNG.choice(owners) if owners else None
        code = "".join(word[0] for word in client["name"].split() if word[0].isalpha())[:3].upper()
        counters[(code, prefix)] = counters.get((code, prefix), 0) + 1
        tag = "%s-%s-%03d" % (code, prefix, counters[(code, prefix)])
        assets.append({
            "id": len(assets) + 1, "inventory_number": tag, "key_field": tag.replace("-", "").lower(),
            "assettype_id": type_id, "assettype_name": type_name, "client_id": client["id"],
            "client_name": client["name"], "site_id": site["id"], "site_name": site["name"],
            "user_id": owner["id"] if owner else 0, "user_name": owner["name"] if owner else "",
            "model": RNG.choice(MANUFACTURERS[type_name]),
            "serialnumber": "".join(RNG.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(10)),
            "inactive": RNG.random() < 0.05,
        })
    return assets


def make_tickets(clients, sites, users, agents):
    active_clients = [c for c in clients if not c["inactive"]]
    users_by_client = {c["id"]: [u for u in users if u["client_id"] == c["id"]] for c in clients}
    site_by_id = {s["id"]: s for s in sites}
    tickets = []
    for _ in range(TICKET_COUNT):
        # Busy clients log far more tickets than quiet ones, as in any MSP.
        client = RNG.choices(active_clients, weights=[1 + (c["id"] * 7919) % 13 for c in active_clients])[0]
        user = RNG.choice(users_by_client[client["id"]])
        site = site_by_id[user["site_id"]]
        category, summaries = RNG.choice(PROBLEMS)
        summary = RNG.choice(summaries).format(
            device="PC-%s%03d" % (client["name"][0], RNG.randint(1, 120)), app=RNG.choice(APPS),
            printer=RNG.choice(PRINTERS), site=site["name"])
        agent = RNG.choice(agents)
        occurred = working_hours_moment(730)
        age_days = (NOW - occurred).days
        is_open = RNG.random() < (0.85 if age_days < 14 else 0.6 if age_days < 60 else 0.27)
        status = weighted(OPEN_STATUS_WEIGHTS) if is_open else 9
        last_action = min(NOW, occurred + datetime.timedelta(minutes=RNG.randint(5, 60 * 24 * 6)))
        ticket = {
            "id": len(tickets) + 1, "summary": summary,
            "details": "%s\n%s\nThanks, %s" % (RNG.choice(DETAIL_OPENERS), RNG.choice(DETAIL_BODIES), user["firstname"]),
            "status_id": status, "tickettype_id": weighted(TICKET_TYPES), "priority_id": weighted(PRIORITIES),
            "client_id": client["id"], "client_name": client["name"], "site_id": site["id"],
            "site_name": site["name"], "user_id": user["id"], "user_name": user["name"],
            "user_email": user["emailaddress"], "agent_id": agent["id"], "team": agent["team"],
            "category_1": category, "dateoccurred": stamp(occurred), "lastactiondate": stamp(last_action),
        }
        if status == 9:
            ticket["dateclosed"] = stamp(last_action)
        ticket["onhold"] = status in (5, 21)
        ticket["flagged"] = RNG.random() < 0.03
        tickets.append(ticket)
    return tickets


def make_actions(tickets, agents):
    """A handful of actions for a few hundred tickets; their tickets' lastactiondate follows them."""
    actions = []
    for ticket in sorted(RNG.sample(tickets, 300), key=lambda t: t["id"]):
        moment = datetime.datetime.strptime(ticket["dateoccurred"], "%Y-%m-%dT%H:%M:%SZ")
        count = RNG.randint(1, 5)
        for step in range(count):
            moment = min(NOW, moment + datetime.timedelta(minutes=RNG.randint(10, 600)))
            outcome = "Closed" if ticket["status_id"] == 9 and step == count - 1 else RNG.choice(
                ["Note", "Note", "Email User", "Phone Call"])
            agent = next(a for a in agents if a["id"] == ticket["agent_id"]) if RNG.random() < 0.8 else RNG.choice(agents)
            actions.append({
                "id": len(actions) + 1, "ticket_id": ticket["id"], "outcome": outcome,
                "note": RNG.choice(ACTION_NOTES[outcome]), "who": agent["name"], "agent_id": agent["id"],
                "datetime": stamp(moment), "timetaken": RNG.choice([0.1, 0.25, 0.5, 0.75, 1.0, 1.5]),
                "hiddenfromuser": outcome == "Note",
            })
        ticket["lastactiondate"] = stamp(moment)
        if ticket["status_id"] == 9:
            ticket["dateclosed"] = stamp(moment)
    return actions


def write(directory, name, records):
    lines = [json.dumps(record, separators=(",", ":"), ensure_ascii=False) for record in records]
    with open(os.path.join(directory, name + ".json"), "w", encoding="utf-8", newline="\n") as out:
        out.write("[\n" + ",\n".join(lines) + "\n]\n")
    return len(records)


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "seeds")
    os.makedirs(directory, exist_ok=True)
    clients = make_clients()
    sites = make_sites(clients)
    users = make_users(clients, sites)
    agents = make_agents()
    assets = make_assets(clients, sites, users)
    tickets = make_tickets(clients, sites, users, agents)
    actions = make_actions(tickets, agents)
    statuses = [{"id": i, "name": n, "colour": c, "type": 1 if i == 9 else 0} for i, n, c in STATUSES]
    types = [{"id": i, "name": n, "shortname": n[:3].upper(), "inactive": False} for i, n, _w in TICKET_TYPES]
    for client in clients:
        del client["domain"]  # only used to build addresses
    for name, records in [("clients", clients), ("sites", sites), ("users", users), ("agents", agents),
                          ("statuses", statuses), ("tickettypes", types), ("tickets", tickets),
                          ("assets", assets), ("actions", actions)]:
        print("%-12s %6d records" % (name, write(directory, name, records)))


if __name__ == "__main__":
    main()
