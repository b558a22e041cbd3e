#!/usr/bin/env python3
"""Writes seeds/*.json, the data the Halo sandbox serves: an invented MSP with its clients,
sites, users, agents, assets, 10,000 tickets and some of their actions, plus its billing and
service desk extras (invoices, quotes, contracts, projects, appointments, KB articles, items,
teams, priorities, custom field definitions) whose ids point at those records.

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


# ---------------------------------------------------------------------------------------------
# Extras: billing and service desk resources. They draw from their own generator so that adding
# or changing them never disturbs the files above. Dates are Halo's own format, without a zone
# ("2025-06-30T17:00:00", as PyPI halopsa parses invoice_date); the sandbox shifts all of them.

EXTRA = random.Random(1853)  # kbid of Halo's iterative runbook guide
PRIORITY_NAMES = [(1, "Critical", "#eb5757", 1, 4), (2, "High", "#f2994a", 2, 8),
                  (3, "Medium", "#2f80ed", 4, 24), (4, "Low", "#828282", 8, 72)]  # id, name, colour, respond h, fix h
CUSTOM_FIELDS = [  # (name, label, type, usage): type 0 text, 1 memo, 2 date, 3 drop-down; usage 1 ticket, 2 client
    ("CFContractRef", "Contract reference", 0, 2), ("CFAccountManager", "Account manager", 0, 2),
    ("CFOnboarded", "Onboarded", 2, 2), ("CFTier", "Support tier", 3, 2),
    ("CFRootCause", "Root cause", 1, 1), ("CFBillable", "Billable", 3, 1),
    ("CFAssetTag", "Asset tag", 0, 1), ("CFChangeWindow", "Change window", 2, 1),
]
ITEMS = [  # (name, price, cost, recurring)
    ("Managed Service - per user", 35.0, 12.0, True), ("Managed Service - per server", 95.0, 30.0, True),
    ("Microsoft 365 Business Premium", 18.1, 16.4, True), ("Microsoft 365 Business Basic", 4.9, 4.5, True),
    ("Backup - per TB", 45.0, 20.0, True), ("Endpoint protection - per device", 4.5, 2.1, True),
    ("Remote support hour", 85.0, 0.0, False), ("On-site support hour", 110.0, 0.0, False),
    ("Project day rate", 650.0, 0.0, False), ("Dell Latitude 5440", 949.0, 780.0, False),
    ("Lenovo ThinkPad T14", 1049.0, 860.0, False), ("Dell OptiPlex 7010", 699.0, 560.0, False),
    ("24-inch monitor", 159.0, 118.0, False), ("USB-C dock", 189.0, 140.0, False),
    ("Fortinet FortiGate 60F", 620.0, 480.0, False), ("UniFi 24 PoE switch", 420.0, 330.0, False),
    ("Domain renewal", 15.0, 9.0, True), ("SSL certificate", 79.0, 45.0, True),
]
KB_TOPICS = [
    ("Reset a user's password in Microsoft 365", "Password reset required", "Accounts"),
    ("Unlock a locked-out account", "Account locked out", "Accounts"),
    ("Fix Outlook asking for the password again", "Outlook keeps asking for password", "Email"),
    ("Add a member to a distribution list", "Distribution list needs new member", "Email"),
    ("Connect to the VPN from home", "VPN will not connect from home", "Network"),
    ("Map network drives with a login script", "Mapped drives missing after login", "Network"),
    ("Clear a paper jam on the Ricoh copier", "Paper jam on the Ricoh copier", "Printing"),
    ("Set up scan to email", "Scan to email not working", "Printing"),
    ("OneDrive is not syncing", "OneDrive not syncing", "Software"),
    ("Teams notifications are missing", "Teams notifications not showing", "Software"),
    ("New starter checklist", "New starter setup", "Accounts"),
    ("Leaver checklist", "Leaver - disable account", "Accounts"),
    ("Re-register MFA on a new phone", "MFA prompt not arriving on phone", "Accounts"),
    ("Check last night's backup job", "Backup job failed overnight", "Security"),
    ("Renew an expiring certificate", "Certificate expiring on server", "Security"),
    ("Report a phishing email", "Phishing email received - please check", "Email"),
]
PROJECT_NAMES = ["Microsoft 365 migration", "Office move", "Firewall replacement", "Server refresh",
                 "Wi-Fi upgrade", "Backup overhaul", "Intune roll-out", "Telephony migration to Teams",
                 "New starter onboarding automation", "Cyber Essentials certification"]


def halo_stamp(moment):
    """Halo's own timestamp format: no zone, as PyPI halopsa parses invoice_date."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def extra_moment(days_back_max, days_ahead=0):
    """A weekday moment in office hours from days_back_max days ago to days_ahead days ahead."""
    while True:
        day = NOW + datetime.timedelta(days=EXTRA.randint(-days_back_max, days_ahead))
        if day.weekday() < 5:
            return day.replace(hour=EXTRA.randint(8, 17), minute=EXTRA.choice([0, 15, 30, 45]), second=0)


def make_teams(agents):
    names = list(dict.fromkeys(agent["team"] for agent in agents))
    return [{"id": index, "name": name, "sequence": index * 10, "forrequests": name != "Projects",
             "forprojects": name == "Projects", "department_id": 1, "department_name": "IT Services",
             "emailaddress": name.lower().replace(" ", "") + "@halomsp.example", "inactive": False}
            for index, name in enumerate(names, start=1)]


def make_priorities():
    return [{"id": i, "name": n, "colour": c, "responsetime": r, "fixtime": f, "fixunits": "h", "sla_id": 1,
             "ishidden": False} for i, n, c, r, f in PRIORITY_NAMES]


def make_fieldinfo():
    return [{"id": 170 + index, "name": name, "label": label, "type": kind, "usage": usage, "searchable": True}
            for index, (name, label, kind, usage) in enumerate(CUSTOM_FIELDS, start=1)]


def make_items():
    return [{"id": index, "name": name, "description": name, "baseprice": price, "costprice": cost,
             "taxcode": 1, "isrecurringitem": recurring, "internalreference": "ITM%03d" % index,
             "quantity_in_stock": 0 if recurring or price < 200 else EXTRA.randint(0, 12)}
            for index, (name, price, cost, recurring) in enumerate(ITEMS, start=1)]


def custom_field(definitions, name, value):
    definition = next(d for d in definitions if d["name"] == name)
    return {"id": definition["id"], "name": name, "label": definition["label"], "value": value, "display": value}


def make_contracts(clients, sites, fieldinfo):
    contracts = []
    for client in clients:
        if client["toplevel_id"] != 1:
            continue
        start = (NOW - datetime.timedelta(days=EXTRA.randint(60, 900))).replace(hour=0, minute=0, second=0)
        end = start + datetime.timedelta(days=365 * EXTRA.choice([1, 2, 3]))
        site = next(s for s in sites if s["client_id"] == client["id"])
        tier = EXTRA.choice(["Bronze", "Silver", "Gold"])
        contracts.append({
            "id": len(contracts) + 1, "client_id": client["id"], "client_name": client["name"],
            "ref": "MSA-%04d" % (1000 + len(contracts) + 1), "site_id": site["id"], "site_name": site["name"],
            "start_date": halo_stamp(start), "end_date": halo_stamp(end), "expired": end < NOW,
            "billingdescription": "Managed services (%s)" % tier, "billingperiod": 1,
            "periodchargeamount": float(EXTRA.choice([450, 780, 1250, 2100, 3400])),
            "numberofunitsfree": 0.0, "note": "",
            "customfields": [custom_field(fieldinfo, "CFTier", tier)],
        })
    return contracts


def invoice_lines(items):
    lines = []
    for item in EXTRA.sample(items, EXTRA.randint(1, 4)):
        quantity = float(EXTRA.randint(1, 20)) if item["baseprice"] < 200 else float(EXTRA.randint(1, 3))
        lines.append({"id": 0, "item_id": item["id"], "item_shortdescription": item["name"],
                      "qty_order": quantity, "unit_price": item["baseprice"],
                      "net_amount": round(quantity * item["baseprice"], 2)})
    for number, line in enumerate(lines, start=1):
        line["id"] = number
    return lines


def make_invoices(clients, sites, users, tickets, contracts, items):
    active = [c for c in clients if not c["inactive"] and c["toplevel_id"] != 3]
    tickets_by_client = {}
    for ticket in tickets:
        tickets_by_client.setdefault(ticket["client_id"], []).append(ticket)
    invoices = []
    for _ in range(300):
        client = EXTRA.choice(active)
        site = next(s for s in sites if s["client_id"] == client["id"])
        user = EXTRA.choice([u for u in users if u["client_id"] == client["id"]])
        contract = next((c for c in contracts if c["client_id"] == client["id"]), None)
        ticket = EXTRA.choice(tickets_by_client[client["id"]]) if contract is None else None
        issued = extra_moment(540).replace(hour=9, minute=0)
        lines = invoice_lines(items)
        total = round(sum(line["net_amount"] for line in lines) * 1.2, 2)
        age = (NOW - issued).days
        # Most old invoices are paid; a few are not, so a client can owe something long overdue.
        paid = EXTRA.random() < (0.96 if age > 90 else 0.5 if age > 10 else 0.0)
        part = not paid and age > 20 and EXTRA.random() < 0.3
        amount_paid = total if paid else round(total / 2, 2) if part else 0.0
        invoices.append({
            "id": len(invoices) + 1, "invoicenumber": "INV-%06d" % (100000 + len(invoices) + 1),
            "client_id": client["id"], "client_name": client["name"], "site_id": site["id"],
            "site_name": site["name"], "user_id": user["id"], "user_name": user["name"],
            "ticket_id": ticket["id"] if ticket else 0, "contract_id": contract["id"] if contract else 0,
            "invoice_date": halo_stamp(issued), "duedate": halo_stamp(issued + datetime.timedelta(days=30)),
            "posted": age > 7, "datesent": halo_stamp(issued + datetime.timedelta(hours=2)) if age > 7 else None,
            "datepaid": halo_stamp(issued + datetime.timedelta(days=EXTRA.randint(5, min(45, max(5, age)))))
            if paid else None,
            "paymentstatus": 2 if paid else 1 if part else 0, "total": total, "amountpaid": amount_paid,
            "amountdue": round(total - amount_paid, 2), "currency": "GBP", "lines": lines,
        })
    invoices.sort(key=lambda invoice: invoice["invoice_date"])
    for number, invoice in enumerate(invoices, start=1):
        invoice["id"] = number
        invoice["invoicenumber"] = "INV-%06d" % (100000 + number)
    return invoices


def make_quotes(clients, sites, users, agents, tickets, items):
    quotes = []
    for ticket in sorted(EXTRA.sample(tickets, 120), key=lambda t: t["id"]):
        quoted = datetime.datetime.strptime(ticket["dateoccurred"], "%Y-%m-%dT%H:%M:%SZ") + datetime.timedelta(days=1)
        lines = invoice_lines(items)
        state = EXTRA.choice([0, 0, 1, 1, 1, 2])  # 0 awaiting approval, 1 approved, 2 declined
        quotes.append({
            "id": len(quotes) + 1, "title": "Quote: " + ticket["summary"], "ticket_id": ticket["id"],
            "client_id": ticket["client_id"], "client_name": ticket["client_name"], "site_id": ticket["site_id"],
            "site_name": ticket["site_name"], "user_id": ticket["user_id"], "user_name": ticket["user_name"],
            "agent_id": ticket["agent_id"], "date": halo_stamp(min(NOW, quoted)),
            "expiry_date": halo_stamp(min(NOW, quoted) + datetime.timedelta(days=30)),
            "total": round(sum(line["net_amount"] for line in lines), 2), "approvalstate": state,
            "closed": state != 0, "lines": lines,
        })
    return quotes


def make_projects(clients, sites, users, agents):
    projects = []
    project_agents = [a for a in agents if a["team"] in ("Projects", "Network Ops")]
    for name in PROJECT_NAMES * 4:
        client = EXTRA.choice([c for c in clients if not c["inactive"] and c["toplevel_id"] == 1])
        user = EXTRA.choice([u for u in users if u["client_id"] == client["id"]])
        site = next(s for s in sites if s["id"] == user["site_id"])
        agent = EXTRA.choice(project_agents)
        started = extra_moment(400)
        closed = (NOW - started).days > 120 and EXTRA.random() < 0.7
        last = min(NOW, started + datetime.timedelta(days=EXTRA.randint(5, 110)))
        project = {
            "id": 50001 + len(projects), "summary": "%s - %s" % (name, client["name"]),
            "details": "Project for %s, requested by %s." % (client["name"], user["name"]),
            "status_id": 9 if closed else EXTRA.choice([1, 2, 2, 10]), "tickettype_id": 6,
            "priority_id": EXTRA.choice([2, 3, 3, 4]), "client_id": client["id"], "client_name": client["name"],
            "site_id": site["id"], "site_name": site["name"], "user_id": user["id"], "user_name": user["name"],
            "agent_id": agent["id"], "team": agent["team"], "dateoccurred": halo_stamp(started),
            "lastactiondate": halo_stamp(last), "estimate": float(EXTRA.choice([8, 16, 40, 80])),
            "timetaken": float(EXTRA.randint(0, 60)),
        }
        if closed:
            project["dateclosed"] = halo_stamp(last)
        project["onhold"] = False
        project["flagged"] = False
        projects.append(project)
    return projects


def make_appointments(agents, tickets):
    recent = [t for t in tickets if t["status_id"] != 9][-400:]
    appointments = []
    for ticket in EXTRA.sample(recent, 200):
        agent = next(a for a in agents if a["id"] == ticket["agent_id"])
        start = extra_moment(45, 30)
        end = start + datetime.timedelta(minutes=EXTRA.choice([30, 60, 90, 120, 240]))
        onsite = EXTRA.random() < 0.4
        appointments.append({
            "id": 0, "subject": ("On-site: " if onsite else "Remote: ") + ticket["summary"],
            "agent_id": agent["id"], "agent_name": agent["name"], "ticket_id": ticket["id"],
            "client_id": ticket["client_id"], "client_name": ticket["client_name"], "site_id": ticket["site_id"],
            "site_name": ticket["site_name"], "user_id": ticket["user_id"], "user_name": ticket["user_name"],
            "start_date": halo_stamp(start), "end_date": halo_stamp(end), "allday": False, "is_task": False,
            "note": "Booked with %s." % ticket["user_name"], "complete_status": 1 if end < NOW else 0,
        })
    appointments.sort(key=lambda appointment: appointment["start_date"])
    for number, appointment in enumerate(appointments, start=1):
        appointment["id"] = number
    return appointments


def make_kbarticles(agents, tickets):
    articles = []
    for title, summary, category in KB_TOPICS * 3:
        sources = [t for t in tickets if t["summary"] == summary]
        source = EXTRA.choice(sources) if sources else None
        agent = EXTRA.choice(agents)
        created = extra_moment(700)
        edited = min(NOW, created + datetime.timedelta(days=EXTRA.randint(0, 300)))
        suffix = "" if not articles or all(a["name"] != title for a in articles) else " (%s)" % EXTRA.choice(
            ["Windows", "macOS", "mobile", "older sites", "v2"])
        if any(a["name"] == title + suffix for a in articles):
            continue
        articles.append({
            "id": len(articles) + 1, "name": title + suffix, "tag_string": category.lower(),
            "description": "How to: %s." % (title + suffix).lower(),
            "resolution": "Steps our service desk follows when a user reports: %s." % summary,
            "view_count": EXTRA.randint(0, 400), "useful_count": EXTRA.randint(0, 40),
            "notuseful_count": EXTRA.randint(0, 5), "creator_id": agent["id"], "creator_name": agent["name"],
            "date_created": halo_stamp(created), "date_edited": halo_stamp(edited),
            "ticket_id": source["id"] if source else 0, "showforall": EXTRA.random() < 0.6,
        })
    return articles


def make_extras(clients, sites, users, agents, tickets):
    """The extra resources as (seed file name, records), in dependency order."""
    fieldinfo = make_fieldinfo()
    items = make_items()
    contracts = make_contracts(clients, sites, fieldinfo)
    return [("teams", make_teams(agents)), ("priorities", make_priorities()), ("fieldinfo", fieldinfo),
            ("items", items), ("contracts", contracts),
            ("invoices", make_invoices(clients, sites, users, tickets, contracts, items)),
            ("quotes", make_quotes(clients, sites, users, agents, tickets, items)),
            ("projects", make_projects(clients, sites, users, agents)),
            ("appointments", make_appointments(agents, tickets)), ("kbarticles", make_kbarticles(agents, tickets))]


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
    # After the original files and from their own generator, so those stay byte for byte the same.
    for name, records in make_extras(clients, sites, users, agents, tickets):
        print("%-12s %6d records" % (name, write(directory, name, records)))


if __name__ == "__main__":
    main()
