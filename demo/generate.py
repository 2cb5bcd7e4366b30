#!/usr/bin/python3
# Writes the bundled demo mailbox: the abuse@ mailbox of Kestrel Hosting, a
# small (fictional) hosting provider, over three weeks of March 2026.
# Every text below is our own; standard library only; fixed seed, so the
# output is the same bytes on every run.
"""Generate demo/demo.mbox.

    /usr/bin/python3 demo/generate.py > demo/demo.mbox
    /usr/bin/python3 demo/generate.py --summary    # counts per kind (Markdown)
    /usr/bin/python3 demo/generate.py --manifest   # one TSV line per message

Addresses: ours are 192.0.2.0/24, 198.51.100.0/24 and 2001:db8:100::/48;
everyone else is in 203.0.113.0/24 or 2001:db8:ffff::/48. Domains end in
.example (or .invalid for the deliberately broken message).
"""

import base64
import csv
import io
import ipaddress
import json
import quopri
import random
import re
import sys
import uuid
import zipfile
from datetime import datetime, timedelta, timezone

SEED = "abusedesk-demo-2026-03"
START = datetime(2026, 3, 2, tzinfo=timezone.utc)  # a Monday
DAYS = 21

OUR_NAME = "Kestrel Hosting"
OUR_DOMAIN = "kestrelhost.example"
ABUSE = "abuse@kestrelhost.example"
OUR_NETS = [ipaddress.ip_network(n) for n in
            ("192.0.2.0/24", "198.51.100.0/24", "2001:db8:100::/48")]

# ---------------------------------------------------------------- time

# US daylight saving time starts on 8 March 2026 (02:00 local); Europe
# changes only on 29 March, after our three weeks.
_US_DST = datetime(2026, 3, 8, 7, 0, tzinfo=timezone.utc)


def _offset(zone, t):
    """Minutes east of UTC for ZONE at UTC instant T."""
    if zone == "US-East":
        return -240 if t >= _US_DST else -300
    if zone == "US-West":
        return -420 if t >= _US_DST + timedelta(hours=3) else -480
    return {"UTC": 0, "UK": 0, "CET": 60, "JST": 540}[zone]


def local(t, zone):
    return t.astimezone(timezone(timedelta(minutes=_offset(zone, t))))


_DAYN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_MONN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _zone_suffix(minutes):
    sign = "+" if minutes >= 0 else "-"
    return "%s%02d%02d" % (sign, abs(minutes) // 60, abs(minutes) % 60)


def rfc_date(t, zone, pad=False, comment=None):
    """An RFC 5322 date in the sender's zone; senders differ in padding."""
    lt = local(t, zone)
    day = "%02d" % lt.day if pad else str(lt.day)
    s = "%s, %s %s %d %s %s" % (_DAYN[lt.weekday()], day, _MONN[lt.month - 1],
                                lt.year, lt.strftime("%H:%M:%S"),
                                _zone_suffix(_offset(zone, t)))
    return s + (" (%s)" % comment if comment else "")


def postfix_date(t):
    return "%s, %2d %s %d %s +0000 (UTC)" % (
        _DAYN[t.weekday()], t.day, _MONN[t.month - 1], t.year,
        t.strftime("%H:%M:%S"))


def asctime(t):
    return "%s %s %2d %s %d" % (_DAYN[t.weekday()], _MONN[t.month - 1], t.day,
                                t.strftime("%H:%M:%S"), t.year)


def syslog_time(t, zone="UTC"):
    lt = local(t, zone)
    return "%s %2d %s" % (_MONN[lt.month - 1], lt.day, lt.strftime("%H:%M:%S"))


def apache_time(t, zone="UTC"):
    lt = local(t, zone)
    return "%02d/%s/%d:%s %s" % (lt.day, _MONN[lt.month - 1], lt.year,
                                 lt.strftime("%H:%M:%S"),
                                 _zone_suffix(_offset(zone, t)))


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def any_time(rng, day=None):
    d = rng.randrange(DAYS) if day is None else day
    return START + timedelta(days=d, seconds=rng.randrange(86400))


def work_time(rng, zone, day=None, first=8.5, last=18.5):
    """A moment in office hours of ZONE, mostly on weekdays."""
    while True:
        d = rng.randrange(DAYS) if day is None else day
        base = START + timedelta(days=d)
        if day is not None or base.weekday() < 5 or rng.random() < 0.1:
            break
    secs = int(rng.uniform(first, last) * 3600)
    return base + timedelta(seconds=secs, minutes=-_offset(zone, base))


# ---------------------------------------------------------------- ids

def hexid(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def alnum(rng, n, alphabet="0123456789ABCDEFGHJKLMNPQRSTVWXYZ"
          "bcdfghjkmnpqrstvwxyz"):
    return "".join(rng.choice(alphabet) for _ in range(n))


def rand_uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


# ---------------------------------------------------------------- MIME

def b64(data):
    return base64.encodebytes(data)


def _q_word(data):
    out = []
    for b in data:
        c = chr(b)
        if b == 0x20:
            out.append("_")
        elif c.isascii() and (c.isalnum() or c in "!*+-/"):
            out.append(c)
        else:
            out.append("=%02X" % b)
    return "".join(out)


def _word(text, charset, mode):
    data = text.encode(charset)
    enc = b64(data).decode().replace("\n", "") if mode == "B" else _q_word(data)
    return "=?%s?%s?%s?=" % (charset.upper(), mode, enc)


def encode_words(text, charset="utf-8", mode="B", limit=66):
    """RFC 2047 encoded words, folded, each at most LIMIT characters."""
    words, chunk = [], ""
    for ch in text:
        if chunk and len(_word(chunk + ch, charset, mode)) > limit:
            words.append(_word(chunk, charset, mode))
            chunk = ch
        else:
            chunk += ch
    if chunk:
        words.append(_word(chunk, charset, mode))
    return "\n ".join(words)


def addr(name, mail, charset="utf-8", mode="Q"):
    if not name:
        return "<%s>" % mail
    if name.isascii():
        if re.search(r'[(),.:;<>@\[\]"]', name):
            return '"%s" <%s>' % (name, mail)
        return "%s <%s>" % (name, mail)
    return "%s <%s>" % (encode_words(name, charset, mode), mail)


class Part:
    """One MIME entity: its header lines and its encoded body bytes."""

    def __init__(self, headers, body):
        self.headers = headers
        self.body = body if body.endswith(b"\n") else body + b"\n"

    def render(self):
        out = []
        for name, value in self.headers:
            if isinstance(value, str):
                value = value.encode("ascii")
            out.append(name.encode("ascii") + b": " + value + b"\n")
        return b"".join(out) + b"\n" + self.body


def text(s, charset="us-ascii", cte="7bit", subtype="plain", name=None,
         disposition=None, quote_charset=False, extra=()):
    data = s.encode(charset) if isinstance(s, str) else s
    if cte == "7bit" and not data.isascii():
        raise ValueError("7bit text with 8-bit bytes")
    if cte == "quoted-printable":
        body = quopri.encodestring(data)
    elif cte == "base64":
        body = b64(data)
    else:
        body = data
    cs = '"%s"' % charset if quote_charset else charset
    ctype = "text/%s; charset=%s" % (subtype, cs)
    if name:
        ctype += '; name="%s"' % name
    headers = [("Content-Type", ctype), ("Content-Transfer-Encoding", cte)]
    if disposition or name:
        disp = disposition or "attachment"
        headers.append(("Content-Disposition",
                        '%s; filename="%s"' % (disp, name) if name else disp))
    return Part(headers + list(extra), body)


def attachment(data, ctype, name, extra=()):
    return Part([("Content-Type", '%s; name="%s"' % (ctype, name)),
                 ("Content-Transfer-Encoding", "base64"),
                 ("Content-Disposition", 'attachment; filename="%s"' % name)]
                + list(extra), b64(data))


def multipart(subtype, parts, boundary, params="", preamble=None):
    chunks = []
    if preamble:
        chunks.append(preamble.encode("ascii") + b"\n")
    for p in parts:
        chunks.append(b"--" + boundary.encode() + b"\n" + p.render())
    chunks.append(b"--" + boundary.encode() + b"--\n")
    ctype = 'multipart/%s; boundary="%s"%s' % (subtype, boundary, params)
    return Part([("Content-Type", ctype)], b"".join(chunks))


def embedded(subtype, raw):
    """message/rfc822 or text/rfc822-headers around an original message."""
    ctype = "message/rfc822" if subtype == "rfc822" else "text/rfc822-headers"
    return Part([("Content-Type", ctype), ("Content-Disposition", "inline")],
                raw)


def boundary(rng, style):
    if style == "java":
        return "----=_Part_%d_%d.%d" % (rng.randrange(10**5), rng.randrange(10**9),
                                        1772400000000 + rng.randrange(10**9))
    if style == "outlook":
        return "_000_%s%s_" % (alnum(rng, 24, "ABCDEF0123456789"), "EXCH01")
    if style == "gmail":
        return "0000000000" + hexid(rng, 18)
    return "=_%s_%s" % (style, hexid(rng, 16))


# ---------------------------------------------------------------- the mailbox

MESSAGES = []
_SEEN_IDS = set()


def _queue_id(rng):
    return "4f" + alnum(rng, 13, "BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789")


def received_line(rng, helo, ip, t, mx="mx1", rcpt=ABUSE, tls=True):
    lit = "IPv6:" + ip if ":" in ip else ip
    rdns = helo if helo else "unknown"
    return ("from %s (%s [%s])\n\tby %s.%s (Postfix) with %s id %s\n"
            "\tfor <%s>; %s" % (helo or "localhost", rdns, lit, mx, OUR_DOMAIN,
                                "ESMTPS" if tls else "ESMTP", _queue_id(rng),
                                rcpt, postfix_date(t)))


def deliver(kind, rng, sent, env_from, relay, headers, entity, ips=(),
            note="", rcpt=ABUSE, delay=None, auth=None):
    """File one message: our MX's trace headers, then the sender's.

    RELAY is (helo, ip) of the last hop before our MX. IPS lists the
    in-scope offenders a reader should find, for the manifest.
    """
    if delay is None:
        delay = rng.randint(2, 95)
    arrived = sent + timedelta(seconds=delay)
    mx = "mx1" if rng.random() < 0.7 else "mx2"
    top = [("Return-Path", "<%s>" % env_from if env_from else "<>"),
           ("Delivered-To", rcpt),
           ("Received", received_line(rng, relay[0], relay[1], arrived, mx,
                                      rcpt))]
    if auth:
        top.append(("Authentication-Results", "%s.%s;\n\t%s" % (mx, OUR_DOMAIN,
                                                                auth)))
    mid = [v for n, v in headers if n.lower() == "message-id"]
    if mid:
        if mid[0] in _SEEN_IDS:
            raise ValueError("duplicate Message-ID " + mid[0])
        _SEEN_IDS.add(mid[0])
    body = Part(top + headers + [("MIME-Version", "1.0")] + entity.headers,
                entity.body).render()
    MESSAGES.append({"kind": kind, "arrived": arrived,
                     "env": env_from or "MAILER-DAEMON",
                     "raw": body, "mid": mid[0] if mid else "",
                     "ips": list(ips), "note": note})


def spf_dkim(domain, dkim=True):
    s = "spf=pass smtp.mailfrom=%s" % domain
    if dkim:
        s += ";\n\tdkim=pass header.d=%s" % domain
    return s


def fake_dkim(rng, domain, selector, headers="from:to:subject:date:message-id"):
    sig = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(128))).decode()
    bh = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(32))).decode()
    folded = "\n\t ".join(sig[i:i + 70] for i in range(0, len(sig), 70))
    return ("v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s;\n\ts=%s; h=%s;\n"
            "\tbh=%s;\n\tb=%s" % (domain, selector, headers, bh, folded))


# ---------------------------------------------------------------- copyright

# Customer addresses that torrent clients sit behind; the weights make a few
# of them the usual suspects, as in any real abuse@ mailbox.
CP_IPS = [
    ("198.51.100.12", 9), ("198.51.100.17", 7), ("192.0.2.36", 7),
    ("198.51.100.124", 5), ("198.51.100.28", 4), ("192.0.2.57", 4),
    ("198.51.100.46", 3), ("2001:db8:100:4::a1", 3), ("198.51.100.103", 3),
    ("192.0.2.92", 3), ("198.51.100.58", 2), ("192.0.2.118", 2),
    ("198.51.100.167", 2), ("198.51.100.189", 2), ("192.0.2.14", 1),
    ("192.0.2.175", 1), ("198.51.100.230", 1), ("2001:db8:100:4::b7", 1),
    ("198.51.100.119", 1), ("192.0.2.241", 1),
]
_CP_PORTS = {}


def cp_port(rng, ip):
    # A client keeps its listening port; sometimes the NAT maps another.
    if ip not in _CP_PORTS:
        _CP_PORTS[ip] = rng.choice([6881, 6889, 51413, 51413, 49160 +
                                    rng.randrange(15000)])
    return _CP_PORTS[ip] if rng.random() < 0.85 else 40000 + rng.randrange(20000)


def cp_pick_ip(rng, skip=0):
    ips = [ip for ip, _ in CP_IPS[skip:]]
    weights = [w for _, w in CP_IPS[skip:]]
    return rng.choices(ips, weights)[0]


RG_WORKS = [
    ("Starwell Pictures Inc.", "The Glass Orchard",
     "The.Glass.Orchard.2025.1080p.WEB-DL.x264-NOVA.mkv", 2271348736),
    ("Starwell Pictures Inc.", "Harbor of Ash",
     "Harbor.of.Ash.2025.2160p.UHD.BluRay.x265-GRIT.mkv", 15873261568),
    ("Starwell Pictures Inc.", "Midnight Cartographers",
     "Midnight.Cartographers.2026.720p.WEBRip.x264.mp4", 1183420416),
    ("Marigold Television LLC", "Neon Tide - Season 2, Episode 4",
     "Neon.Tide.S02E04.1080p.WEB.h264-ORBIT.mkv", 1610612736),
    ("Marigold Television LLC", "Neon Tide - Season 2, Episode 5",
     "Neon.Tide.S02E05.1080p.WEB.h264-ORBIT.mkv", 1598029824),
    ("Marigold Television LLC", "Paper Kingdoms - Season 1",
     "Paper.Kingdoms.S01.COMPLETE.720p.HDTV.x264", 9126805504),
]

VIP_WORKS = [
    ("Halcyon Records Ltd.", "album", "Lanterns Over Water", "Mira Solace",
     "Mira Solace - Lanterns Over Water (2026) [FLAC]", 412090368),
    ("Halcyon Records Ltd.", "album", "Static Bloom", "The Overcast",
     "The Overcast - Static Bloom (2025) 320kbps", 121634816),
    ("Bluefin Games plc", "video game", "Ironveil Tactics", None,
     "Ironveil.Tactics.v1.0.4-RUNE", 38654705664),
    ("Bluefin Games plc", "video game", "Skyward Harvest", None,
     "Skyward_Harvest_Deluxe_Edition-FitPack", 21474836480),
]
_HASHES = {}


def infohash(rng, title):
    if title not in _HASHES:
        _HASHES[title] = hexid(rng, 40).upper()
    return _HASHES[title]


def acns_xml(case_id, owner, ip, port, seen, work, digest):
    title, fname, size = work[1], work[2], work[3]
    return """<?xml version="1.0" encoding="UTF-8"?>
<Infringement>
  <Case>
    <ID>%s</ID>
    <Status>Open</Status>
    <Severity>Normal</Severity>
  </Case>
  <Complainant>
    <Entity>%s</Entity>
    <Contact>RightsGuard Enforcement LLC</Contact>
    <Address>400 Lantern Street, Suite 12, Springfield</Address>
    <Phone>+1-555-0134</Phone>
    <Email>notices@rightsguard.example</Email>
  </Complainant>
  <Service_Provider>
    <Entity>%s</Entity>
    <Email>%s</Email>
  </Service_Provider>
  <Source>
    <TimeStamp>%s</TimeStamp>
    <IP_Address>%s</IP_Address>
    <Port>%d</Port>
    <Type>P2P</Type>
    <SubType BaseType="P2P" Protocol="BITTORRENT"/>
    <Number_Files>1</Number_Files>
  </Source>
  <Content>
    <Item>
      <TimeStamp>%s</TimeStamp>
      <Title>%s</Title>
      <FileName>%s</FileName>
      <FileSize>%d</FileSize>
      <Hash Type="SHA1">%s</Hash>
    </Item>
  </Content>
</Infringement>
""" % (case_id, owner, OUR_NAME, ABUSE, iso(seen), ip, port, iso(seen), title,
       fname, size, digest)


def rg_letter(case_id, owner, ip, port, seen, work, digest, attached):
    how = ("The same evidence is attached to this message as %s.xml\n"
           "in the ACNS format for automated processing." % case_id
           if attached else "The same evidence follows below in the ACNS XML "
           "format for\nautomated processing.")
    return """%s
Attn: Abuse Department

Re: Unauthorized distribution of copyrighted works
Case ID: %s

RightsGuard Enforcement LLC acts as agent for %s, which
owns the exclusive rights in the work listed below. Our monitoring systems
saw the following address on your network offering this work to others
through a peer-to-peer file sharing network:

  Title:       %s
  IP address:  %s
  Port:        %d
  Protocol:    BitTorrent
  Observed:    %s
  File name:   %s
  File size:   %d bytes
  SHA1 hash:   %s

The rights owner has not authorized this distribution. We ask you to pass
this notice on to the subscriber who used the address at the time shown and
to take the steps your policies provide for, so that the activity stops.
Please keep the Case ID in the subject line of any reply.

%s
""" % (OUR_NAME, case_id, owner, work[1], ip, port, iso(seen), work[2],
       work[3], digest, how)


RG_SIGNATURE = """Sincerely,

Compliance Team
RightsGuard Enforcement LLC
400 Lantern Street, Suite 12, Springfield
Phone: +1-555-0134
notices@rightsguard.example
"""


def clearsign(rng, body):
    # A clear-signed look, as many notice bots send; the signature is noise.
    escaped = "\n".join("- " + l if l.startswith("-") else l
                        for l in body.rstrip("\n").split("\n"))
    sig = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(310))).decode()
    lines = [sig[i:i + 64] for i in range(0, len(sig), 64)]
    return ("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n%s\n"
            "-----BEGIN PGP SIGNATURE-----\n\n%s\n=%s\n"
            "-----END PGP SIGNATURE-----\n" % (escaped, "\n".join(lines),
                                               alnum(rng, 4)))


def gen_rightsguard(rng, count=44):
    case = 4117
    ip_work = {}
    # Case numbers grow with time, as a ticket counter does.
    for seen in sorted(any_time(rng) for _ in range(count)):
        ip = cp_pick_ip(rng)
        if ip not in ip_work or rng.random() < 0.25:
            ip_work[ip] = rng.choice(RG_WORKS)
        work = ip_work[ip]
        case += rng.randint(3, 400)
        case_id = "RG-2603-%06d" % case
        sent = seen + timedelta(minutes=rng.randint(25, 360))
        if sent >= START + timedelta(days=DAYS):
            sent = seen + timedelta(minutes=rng.randint(5, 20))
        port = cp_port(rng, ip)
        digest = infohash(rng, work[1])
        xml = acns_xml(case_id, work[0], ip, port, seen, work, digest)
        style = rng.choices(["signed", "plain", "attached"], [4, 3, 3])[0]
        letter = rg_letter(case_id, work[0], ip, port, seen, work, digest,
                           style == "attached")
        if style == "attached":
            entity = multipart("mixed", [
                text(letter + "\n" + RG_SIGNATURE),
                attachment(xml.encode(), "application/xml", case_id + ".xml")],
                boundary(rng, "RG"))
        else:
            sep = "-" * 70
            body = "%s\n%s\n%s%s\n\n%s" % (letter, sep, xml, sep, RG_SIGNATURE)
            if style == "signed":
                body = clearsign(rng, body)
            entity = text(body)
        mid = "<%s.%d@notices.rightsguard.example>" % (
            case_id, int(sent.timestamp()))
        headers = [
            ("DKIM-Signature", fake_dkim(rng, "rightsguard.example", "rg2026")),
            ("Date", rfc_date(sent, "US-East", pad=True)),
            ("From", "RightsGuard Notices <notices@rightsguard.example>"),
            ("Reply-To", "case-reply@rightsguard.example"),
            ("To", ABUSE),
            ("Subject", "Notice of Claimed Infringement - Case ID " + case_id),
            ("Message-ID", mid),
            ("X-Mailer", "RG NoticeEngine 4.2"),
        ]
        deliver("copyright-acns", rng, sent, "bounces@notices.rightsguard.example",
                ("mail.rightsguard.example", "203.0.113.40"), headers, entity,
                ips=[ip], note=style, auth=spf_dkim("rightsguard.example"))


def vip_text(notice, work, ip, port, seen, digest):
    owner, kind, title, artist, fname, size = work
    what = "%s (%s)" % (title, kind)
    lines = ["  Work:          " + what]
    if artist:
        lines.append("  Artist:        " + artist)
    lines += ["  File name:     " + fname,
              "  File size:     %d bytes" % size,
              "  Infohash:      " + digest,
              "  IP address:    " + ip,
              "  Port:          %d" % port,
              "  Protocol:      BitTorrent",
              "  Detected at:   %s UTC" % seen.strftime("%Y-%m-%d %H:%M:%S")]
    return """Dear %s,

This notice is sent to you by VeritasIP Monitoring Ltd. on behalf of
%s (the "Rightsholder"), the owner of the copyright in the
work listed below.

A user of the Internet address listed below, which is part of your network,
made the following copyrighted work available to others through the
BitTorrent network without a licence:

%s

We ask that you act expeditiously to remove or disable access to the
infringing material and to inform your subscriber, as set out in 17 U.S.C.
512 and the comparable laws of your jurisdiction.

We have a good faith belief that use of the material in the manner
complained of is not authorised by the copyright owner, its agent, or the
law.

The information in this notice is accurate and, under penalty of perjury,
we are authorised to act on behalf of the owner of the exclusive rights
that are allegedly infringed.

Please quote Notice ID %s in any correspondence.

Respectfully,

Anti-Piracy Operations
VeritasIP Monitoring Ltd.
7 Quayside Row, Harbourtown
Tel. +44 1632 960412

To stop receiving these notices, reply to this message with REMOVE in the
subject line.
""" % (OUR_NAME, owner, "\n".join(lines), notice)


def vip_html(notice, work, ip, port, seen, digest):
    owner, kind, title, artist, fname, _ = work
    rows = [("Work", "%s (%s)" % (title, kind))]
    if artist:
        rows.append(("Artist", artist))
    rows += [("File name", fname), ("Infohash", digest), ("IP address", ip),
             ("Port", str(port)), ("Protocol", "BitTorrent"),
             ("Detected at", seen.strftime("%Y-%m-%d %H:%M:%S") + " UTC")]
    trs = "\n".join('<tr><th align="left">%s</th><td>%s</td></tr>' % r
                    for r in rows)
    return """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Notice %s</title></head>
<body style="font-family: Arial, sans-serif; font-size: 14px;">
<p>Dear %s,</p>
<p>This notice is sent to you by VeritasIP Monitoring Ltd. on behalf of
%s (the &quot;Rightsholder&quot;), the owner of the copyright
in the work listed below.</p>
<p>A user of the Internet address listed below, which is part of your
network, made the following copyrighted work available to others through
the BitTorrent network without a licence:</p>
<table border="1" cellpadding="4" cellspacing="0">
%s
</table>
<p>We ask that you act expeditiously to remove or disable access to the
infringing material and to inform your subscriber.</p>
<p>We have a good faith belief that use of the material in the manner
complained of is not authorised by the copyright owner, its agent, or the
law. The information in this notice is accurate and, under penalty of
perjury, we are authorised to act on behalf of the owner of the exclusive
rights that are allegedly infringed.</p>
<p>Please quote Notice ID <b>%s</b> in any correspondence.</p>
<p>Respectfully,<br>Anti-Piracy Operations<br>VeritasIP Monitoring Ltd.</p>
<p style="color:#777">To stop receiving these notices, reply to this message
with REMOVE in the subject line.</p>
</body></html>
""" % (notice, OUR_NAME, owner, trs, notice)


def gen_veritasip(rng, count=32):
    notice = 24580311
    ip_work = {}
    for seen in sorted(any_time(rng, rng.randrange(DAYS - 1))
                       for _ in range(count)):
        ip = cp_pick_ip(rng, skip=1)
        if ip not in ip_work or rng.random() < 0.2:
            ip_work[ip] = rng.choice(VIP_WORKS)
        work = ip_work[ip]
        notice += rng.randint(50, 9000)
        nid = "VIP-%d" % notice
        sent = seen + timedelta(hours=rng.randint(2, 20))
        port = cp_port(rng, ip)
        digest = infohash(rng, work[2])
        plain = vip_text(nid, work, ip, port, seen, digest)
        html = rng.random() < 0.5
        if html:
            entity = multipart("alternative", [
                text(plain, "utf-8", "7bit"),
                text(vip_html(nid, work, ip, port, seen, digest), "utf-8",
                     "quoted-printable", "html")], boundary(rng, "java"))
        else:
            entity = text(plain, "utf-8", "7bit")
        subject = rng.choice([
            "DMCA Notice of Copyright Infringement [%s]" % nid,
            "Copyright infringement notice for %s - %s" % (ip, nid)])
        headers = [
            ("DKIM-Signature", fake_dkim(rng, "veritasip.example", "s1")),
            ("Date", rfc_date(sent, "UK", comment="GMT")),
            ("From", "VeritasIP Anti-Piracy <dmca@veritasip.example>"),
            ("To", ABUSE),
            ("Subject", subject),
            ("Message-ID", "<%s@veritasip.example>" % rand_uuid(rng)),
        ]
        deliver("copyright-dmca", rng, sent, "dmca@veritasip.example",
                ("out.veritasip.example", "203.0.113.41"), headers, entity,
                ips=[ip], note="text+html" if html else "text",
                auth=spf_dkim("veritasip.example"))


# ---------------------------------------------------------------- WebWatch

_UAS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
    "like Gecko) Chrome/122.0.6261.94 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.3 Safari/605.1.15",
]

# (offender, case, site, site address, referrer, days the bot writes)
WW_CASES = [
    ("192.0.2.45", "WW-2603-1048", "shop.lindenhof-weine.example",
     "203.0.113.80", "http://best-seo-offer.example/",
     [0, 1, 2, 4, 7, 8, 10, 14, 15, 19]),
    ("198.51.100.150", "WW-2603-1203", "www.alpenblick-pension.example",
     "203.0.113.81", "https://free-traffic-now.example/?ref=",
     [3, 4, 6, 10, 11, 13, 17, 18, 20]),
    ("192.0.2.131", "WW-2603-1377", "blog.marlowe-kitchens.example",
     "203.0.113.82", "http://buttons-for-your-site.example/",
     [9, 10, 12, 16, 17, 19, 20]),
]


def ww_log(rng, ip, ref, end, n):
    lines = []
    t = end - timedelta(minutes=rng.randint(30, 600))
    for _ in range(n):
        path = rng.choice(["/", "/", "/index.php", "/about/", "/blog/",
                           "/contact/"])
        lines.append('%s - - [%s] "GET %s HTTP/1.1" 200 %d "%s" "%s"' % (
            ip, apache_time(t), path, rng.randint(3000, 30000), ref,
            rng.choice(_UAS)))
        t += timedelta(seconds=rng.randint(4, 900))
    return "\n".join(lines)


def ww_body(rng, case, first, last, requests, age):
    ip, cid, site, site_ip, ref, _ = case
    reminder = ("This report has been marked unresolved for %d days. Our "
                "records show\nno response from your organisation.\n\n" % age
                if age >= 7 else "")
    title = ("REMINDER - " if age >= 7 else "") + "WebWatch Security - Abuse Report"
    return """%s
%s

Case ID:        %s
Offending IP:   %s
Activity:       Spam referrer (forged HTTP Referer)
Affected site:  %s (%s)
First observed: %s UTC
Last observed:  %s UTC
Requests:       %d

Dear network operator,

We have observed spam referrer activity originating from the IP address
above, which is registered to your organisation. Spam referrers send forged
HTTP Referer headers to web servers so that links to the advertised sites
appear in statistics pages. This wastes the resources of our subscribers
and pollutes their analytics.

%sFailure to respond may result in blacklisting of the offending address
and of the network it belongs to in the WebWatch reputation feed.

Evidence (access log of the affected site, times in UTC):

%s

To tell us that this case is resolved, or to dispute it, visit
https://webwatch.example/case/%s?k=%s

WebWatch Security
Automated abuse reporting. Replies to this address are processed
automatically.
""" % (title, "=" * len(title), cid, ip, site, site_ip, first.strftime("%Y-%m-%d %H:%M:%S"),
       last.strftime("%Y-%m-%d %H:%M:%S"), requests, reminder,
       ww_log(rng, ip, ref, last, rng.randint(3, 6)), cid, hexid(rng, 12))


def gen_webwatch(rng):
    for case in WW_CASES:
        ip, cid, _, _, _, days = case
        first = START + timedelta(days=days[0], hours=rng.randint(0, 5),
                                  seconds=rng.randrange(3600))
        requests = rng.randint(40, 160)
        for day in days:
            age = day - days[0]
            sent = START + timedelta(days=day, hours=13,
                                     seconds=rng.randrange(5400))
            last = sent - timedelta(minutes=rng.randint(20, 300))
            requests += rng.randint(15, 220) if age else 0
            subject = ("REMINDER: Case %s unresolved - spam referrer activity "
                       "from %s" % (cid, ip) if age >= 7 else
                       "Spam referrer activity from %s [Case %s]" % (ip, cid))
            token = hexid(rng, 20)
            headers = [
                ("DKIM-Signature", fake_dkim(rng, "webwatch.example", "ww1")),
                ("Date", rfc_date(sent, "US-West", pad=True)),
                ("From", "WebWatch Security <reports@webwatch.example>"),
                ("To", ABUSE),
                ("Subject", subject),
                ("Message-ID", "<ww.%s.%s@webwatch.example>" % (cid.lower(),
                                                               hexid(rng, 10))),
                ("List-Unsubscribe",
                 "<https://webwatch.example/unsubscribe?t=%s>,\n <mailto:"
                 "unsubscribe@webwatch.example?subject=unsubscribe-%s>" % (
                     token, token)),
                ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                ("Precedence", "bulk"),
                ("X-Mailer", "WW-Reporter/3.1"),
            ]
            body = ww_body(rng, case, first, last, requests, age)
            deliver("webwatch", rng, sent, "bounce+%s@webwatch.example" % token[:8],
                    ("smtp2.webwatch.example", "203.0.113.50"), headers,
                    text(body), ips=[ip], note="reminder" if age >= 7 else "",
                    auth=spf_dkim("webwatch.example"))


# ---------------------------------------------------------------- fail2ban

# (reporter host, its address, admin address, zone, template)
F2B_HOSTS = [
    ("web1.fjordnet-broadband.example", "203.0.113.25",
     "root@web1.fjordnet-broadband.example", "CET", "classic"),
    ("vps2.oakridge-media.example", "203.0.113.101",
     "fail2ban@vps2.oakridge-media.example", "US-East", "classic"),
    ("mx.weberei-hansen.example", "203.0.113.107",
     "admin@weberei-hansen.example", "CET", "custom"),
    ("git.lumenforge.example", "203.0.113.112",
     "ops@lumenforge.example", "UK", "actions"),
    ("nas.brightwater-family.example", "203.0.113.118",
     "root@nas.brightwater-family.example", "CET", "classic"),
    ("srv03.tallgrass-telecom.example", "203.0.113.121",
     "noc-alerts@tallgrass-telecom.example", "US-West", "custom"),
    ("pbx.kowalski-dental.example", "203.0.113.126",
     "it@kowalski-dental.example", "CET", "actions"),
    ("mail.ravenscroft-school.example", "203.0.113.133",
     "postmaster@ravenscroft-school.example", "UK", "classic"),
]

# (offender, jail, reports)
F2B_OFFENDERS = [
    ("192.0.2.23", "sshd", 6), ("198.51.100.77", "sshd", 5),
    ("192.0.2.201", "sshd", 4), ("198.51.100.9", "dovecot", 2),
    ("198.51.100.9", "postfix-sasl", 1), ("2001:db8:100::1f", "sshd", 2),
    ("192.0.2.61", "sshd", 2), ("192.0.2.99", "sshd", 2),
]

_USERS = ["root", "admin", "ubuntu", "test", "oracle", "git", "postgres",
          "user", "pi", "deploy", "support", "guest", "ftpuser", "minecraft"]


def whois_block(ip):
    if ":" in ip:
        return """inet6num:       2001:db8:100::/48
netname:        KESTREL-HOSTING-V6
descr:          Kestrel Hosting, customer servers
country:        NL
abuse-c:        KH123-TEST
abuse-mailbox:  abuse@kestrelhost.example
status:         ASSIGNED PA
source:         EXAMPLE-RIR"""
    net = "192.0.2.0 - 192.0.2.255" if ip.startswith("192.") else \
        "198.51.100.0 - 198.51.100.255"
    return """inetnum:        %s
netname:        KESTREL-HOSTING-NET
descr:          Kestrel Hosting, customer servers
country:        NL
abuse-c:        KH123-TEST
abuse-mailbox:  abuse@kestrelhost.example
status:         ASSIGNED PA
source:         EXAMPLE-RIR""" % net


def f2b_lines(rng, ip, jail, host, host_ip, ban, zone, n):
    short = host.split(".")[0]
    t = ban - timedelta(seconds=rng.randint(20, 600))
    out = []
    for _ in range(n):
        pid = rng.randint(1000, 65000)
        port = rng.randint(32768, 60999)
        user = rng.choice(_USERS)
        ts = syslog_time(t, zone)
        if jail == "sshd":
            # The first line always names the reporter's server: the victim.
            if not out or rng.random() < 0.4:
                out.append('%s %s sshd[%d]: Connection from %s port %d on %s '
                           'port 22 rdomain ""' % (ts, short, pid, ip, port,
                                                   host_ip))
            out.append(rng.choice([
                "%s %s sshd[%d]: Invalid user %s from %s port %d",
                "%s %s sshd[%d]: Failed password for invalid user %s from %s "
                "port %d ssh2",
                "%s %s sshd[%d]: Failed password for %s from %s port %d ssh2",
            ]) % (ts, short, pid, user, ip, port))
        elif jail == "dovecot":
            out.append("%s %s dovecot: imap-login: Disconnected (auth failed, "
                       "1 attempts in 2 secs): user=<%s>, method=PLAIN, "
                       "rip=%s, lip=%s, TLS, session=<%s>" % (
                           ts, short, user, ip, host_ip,
                           base64.b64encode(bytes(rng.getrandbits(8)
                                                  for _ in range(12))).decode()))
        else:
            if not out:
                out.append("%s %s postfix/postscreen[%d]: CONNECT from "
                           "[%s]:%d to [%s]:25" % (ts, short, pid, ip, port,
                                                    host_ip))
            out.append("%s %s postfix/smtpd[%d]: warning: unknown[%s]: SASL "
                       "LOGIN authentication failed: UGFzc3dvcmQ6" % (
                           ts, short, pid, ip))
        t += timedelta(seconds=rng.randint(1, 40))
    return out


def f2b_body(rng, template, ip, jail, host, host_ip, ban, zone, attempts):
    lines = f2b_lines(rng, ip, jail, host, host_ip, ban, zone,
                      min(attempts, rng.randint(4, 9)))
    if template == "classic":
        return """Hi,

The IP %s has just been banned by Fail2Ban after
%d attempts against %s.


Here is more information about %s :

%% This is the EXAMPLE-RIR whois server.
%% Information related to '%s'

%s

Lines containing failures of %s (max 1000)

%s


Regards,

Fail2Ban
""" % (ip, attempts, jail, ip, ip, whois_block(ip), ip, "\n".join(lines))
    if template == "custom":
        return """Dear abuse team,

this is an automated message from %s (%s).

The IP %s has just been banned by Fail2Ban after %d attempts against %s.
The ban lasts 24 hours; if the attempts continue after that we will report
again.

Log excerpt (server time, %s):

%s

The address is listed with %s as its abuse contact. Replies to this
message reach a person.

-- 
%s
""" % (host, host_ip, ip, attempts, jail, zone, "\n".join(lines), ABUSE,
       host)
    stamp = local(ban, zone).strftime("%Y-%m-%d %H:%M:%S")
    found = ["%s,%03d fail2ban.filter  [%d]: INFO    [%s] Found %s" % (
        stamp, rng.randrange(1000), rng.randint(300, 999), jail, ip)
        for _ in range(2)]
    return """The IP %s has just been banned by Fail2Ban after %d attempts against %s
on %s (%s).

%s
%s,%03d fail2ban.actions [%d]: NOTICE  [%s] Ban %s

Matched log lines:
%s

-- Fail2Ban on %s
""" % (ip, attempts, jail, host, host_ip, "\n".join(found), stamp,
       rng.randrange(1000), rng.randint(300, 999), jail, ip,
       "\n".join(lines), host)


def gen_fail2ban(rng):
    jobs = [(ip, jail) for ip, jail, n in F2B_OFFENDERS for _ in range(n)]
    for ip, jail in jobs:
        host, host_ip, sender, zone, template = rng.choice(F2B_HOSTS)
        ban = any_time(rng)
        attempts = rng.choice([3, 5, 5, 6, 10, 12, 20, 37])
        subject = {
            "classic": "[Fail2Ban] %s: banned %s from %s" % (jail, ip, host),
            "custom": "Abuse from %s: banned after %d failed %s logins on %s"
                      % (ip, attempts, jail, host),
            "actions": "[Fail2Ban] %s: banned %s" % (jail, ip),
        }[template]
        headers = [
            ("Received", "by %s (Postfix, from userid 0)\n\tid %s; %s" % (
                host, _queue_id(rng)[:10].upper(), rfc_date(ban, zone))),
            ("Date", rfc_date(ban, zone)),
            ("From", "Fail2Ban <%s>" % sender if template != "custom"
             else "%s monitoring <%s>" % (host, sender)),
            ("To", ABUSE),
            ("Subject", subject),
            ("Message-ID", "<%s.%s@%s>" % (ban.strftime("%Y%m%d%H%M%S"),
                                          alnum(rng, 8, "ABCDEF0123456789"),
                                          host)),
        ]
        if template == "custom":
            headers.append(("Reply-To", sender))
        body = f2b_body(rng, template, ip, jail, host, host_ip, ban, zone,
                        attempts)
        deliver("fail2ban", rng, ban, sender, (host, host_ip), headers,
                text(body), ips=[ip], note=jail, delay=rng.randint(1, 20),
                auth=spf_dkim(host.split(".", 1)[1], dkim=False))


# ---------------------------------------------------------------- SpamCop-style

# (relay, helo of the relay, spam subject, sender, body, urls)
SPAMS = [
    ("Your parcel could not be delivered",
     "Parcel Service <noreply@parcel-notice.example>",
     """Dear customer,

we tried to deliver your parcel today but nobody was at home.
Your parcel is waiting at our depot. Please confirm your address and
pay the redelivery fee of 1.99 EUR within 48 hours:

  https://parcel-redelivery.example/track?id=DE4471920

Otherwise the parcel will be returned to the sender.

Your Parcel Service team
"""),
    ("Exclusive 80% discount on luxury watches - today only",
     "Watch Outlet <offers@cheap-watches.example>",
     """Luxury watches at 80% off!

Only today: all models from our spring collection at outlet prices.
Free shipping worldwide, discreet packaging.

  ==> http://cheap-watches.example/spring-sale/

To stop receiving our offers click here: http://cheap-watches.example/u
"""),
    ("Invoice 88213 is overdue",
     "Accounts Department <accounts@invoice-centre.example>",
     """Hello,

please find attached invoice 88213 for the services of last month.
The payment is now 14 days overdue. Download the invoice here:

  https://docs-share.example/d/88213/invoice.zip

Regards,
Accounts Department
"""),
    ("You have (1) unread secure message",
     "Secure Mail <no-reply@securemsg-portal.example>",
     """You have received a secure message.

To read your message, sign in to the secure portal:
https://securemsg-portal.example/login?m=77121

This message will expire in 24 hours.
"""),
    ("URGENT BUSINESS PROPOSAL",
     "Barrister Daniel Okoro <d.okoro@legal-chambers.example>",
     """Dear Friend,

From the desk of Barrister Daniel Okoro.

I am contacting you about the estate of a late client who left the sum
of 10.5 million US dollars without a next of kin. I am ready to share it
with you if you can assist me in this transaction.
>From experience I know this must remain confidential.

Reply with your full name and telephone number.

Barrister Daniel Okoro
"""),
    ("Re: your order #55120",
     "Pharmacy Direct <sales@pharma-deals.example>",
     """Best prices on all medications, no prescription needed.
Order now: http://pharma-deals.example/shop/?aff=441
"""),
]

# (relay, its HELO name, reports)
SC_RELAYS = [
    ("198.51.100.23", "atelier-poterie.example", 4),
    ("192.0.2.88", "vps88.kestrelhost.example", 3),
    ("192.0.2.150", "mail.bikeparts-outlet.example", 2),
]
SC_SITES = [("198.51.100.61", "cheap-watches.example", 2)]


def spam_copy(rng, relay, helo, spam, t, victim):
    subj, sender, body = spam
    vmx, vip = victim
    hop = rng.choice(["203.0.113.199", "203.0.113.211", "203.0.113.57"])
    t0 = t - timedelta(seconds=rng.randint(3, 40))
    return """Return-Path: <%s>
Delivered-To: x
Received: from %s (%s [%s])
	by mbox.%s with LMTP id %s; %s
Received: from %s (unknown [%s])
	by %s (Postfix) with ESMTP id %s
	for <x>; %s
Received: from [%s] (helo=User)
	by %s with esmtpa (Exim 4.97)
	id 1r%s; %s
From: %s
To: x
Subject: %s
Date: %s
Message-ID: <%s@%s>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
X-Mailer: PHPMailer 6.8.1

%s""" % (sender.split("<")[1].rstrip(">"), vmx, vmx, vip,
         vmx.split(".", 1)[1], alnum(rng, 12), rfc_date(t, "UTC"), helo, relay,
         vmx, _queue_id(rng), rfc_date(t0, "UTC"), hop, helo, alnum(rng, 8),
         rfc_date(t0 - timedelta(seconds=2), "UTC"), sender, subj,
         rfc_date(t0 - timedelta(seconds=3), "UTC"), hexid(rng, 24),
         helo, body)


SC_VICTIMS = [("mx2.inboxhaven.example", "203.0.113.12"),
              ("mail.quillmail.example", "203.0.113.14"),
              ("mx.homemail.example", "203.0.113.16")]


def gen_spamcop(rng):
    jobs = [("relay",) + r[:2] for r in SC_RELAYS for _ in range(r[2])]
    jobs += [("site",) + s[:2] for s in SC_SITES for _ in range(s[2])]
    rng.shuffle(jobs)
    serial = 7204518832
    for (kind, ip, helo), got in zip(jobs, sorted(any_time(rng) for _ in jobs)):
        spam = SPAMS[1] if kind == "site" else rng.choice(SPAMS)
        sent = got + timedelta(minutes=rng.randint(4, 300))
        serial += rng.randrange(10**5, 10**6)
        rid = str(serial)
        quoted = spam_copy(rng, ip if kind == "relay" else "198.51.100.23",
                           helo if kind == "relay" else "atelier-poterie.example",
                           spam, got, rng.choice(SC_VICTIMS))
        if kind == "relay":
            what = "Email from %s / %s" % (ip, rfc_date(got, "UTC"))
            tag = "http://%s/" % ip
        else:
            what = ("Spamvertised web site: http://%s/spring-sale/\n"
                    "http://%s/spring-sale/ is %s; %s" % (
                        helo, helo, ip, rfc_date(got, "UTC")))
            tag = "http://%s/" % helo
        body = """[ SpamCop V5.4.1 ]
This message is brief for your comfort.  Please use links below for details.

%s
https://www.spamreports.example/sc?id=z%sz%sz

[ Offending message ]
%s""" % (what, rid, hexid(rng, 32), quoted)
        sender = "%s@reports.spamreports.example" % rid
        headers = [
            ("Date", rfc_date(sent, "UTC", pad=True)),
            ("From", addr("spamreports.example reporting", sender)),
            ("To", ABUSE),
            ("Subject", "[SpamCop (%s) id:%s]%s" % (tag, rid, spam[0])),
            ("Message-ID", "<%s@reports.spamreports.example>" % rid),
            ("Precedence", "list"),
        ]
        deliver("spamcop", rng, sent, sender,
                ("mx.spamreports.example", "203.0.113.30"), headers,
                text(body), ips=[ip], note=kind,
                auth=spf_dkim("reports.spamreports.example", dkim=False))


# ---------------------------------------------------------------- ARF

# (source, sender host, From, subject, body, list-unsubscribe host)
ARF_SOURCES = [
    ("198.51.100.40", "news.gartenmarkt.example",
     "Gartenmarkt <newsletter@news.gartenmarkt.example>",
     "Spring offers: 20% on all seeds and bulbs",
     """Dear garden friend,

spring is here! This week all seeds and bulbs are 20% off in our shop:
https://www.gartenmarkt.example/spring

Your Gartenmarkt team
"""),
    ("192.0.2.150", "mail.bikeparts-outlet.example",
     "Bikeparts Outlet <deals@bikeparts-outlet.example>",
     "Last chance: clearance sale ends tonight",
     """Clearance sale - up to 60% off brakes, chains and tyres.
Shop now: https://bikeparts-outlet.example/clearance
"""),
    ("198.51.100.23", "atelier-poterie.example",
     "Pharmacy Direct <sales@pharma-deals.example>",
     "Your discount code inside",
     """Best prices on all medications, no prescription needed.
http://pharma-deals.example/shop/?aff=441
"""),
    ("2001:db8:100:5::25", "mail.cloudnotes.example",
     "CloudNotes <hello@cloudnotes.example>",
     "Your weekly CloudNotes digest",
     """Here is what happened in your notebooks this week:
3 notes edited, 1 shared notebook updated.
https://app.cloudnotes.example/digest
"""),
]


def arf_original(rng, src, t, rcpt, headers_only):
    ip, host, sender, subject, body = src
    lit = "IPv6:" + ip if ":" in ip else ip
    token = hexid(rng, 16)
    bounce = "bounce-%s@%s" % (token[:10], host)
    raw = """Return-Path: <%s>
Received: from %s (%s [%s])
	by mx3.%s (Postfix) with ESMTPS id %s
	for <%s>; %s
From: %s
To: %s
Subject: %s
Date: %s
Message-ID: <%s@%s>
List-Unsubscribe: <https://%s/unsubscribe?u=%s>,
 <mailto:unsubscribe-%s@%s>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit
""" % (bounce, host, host, lit, rcpt.split("@")[1], _queue_id(rng), rcpt,
       rfc_date(t, "UTC"), sender, rcpt, subject,
       rfc_date(t - timedelta(seconds=5), "CET"), rand_uuid(rng), host,
       host, token, token, host)
    return raw.encode() if headers_only else (raw + "\n" + body).encode(), bounce


def gen_arf(rng):
    jobs = [0, 0, 0, 0, 0, 1, 1, 2, 2, 3]
    for n, which in enumerate(jobs):
        src = ARF_SOURCES[which]
        mailnest = n in (3, 6)
        prov = "mailnest.example" if mailnest else "postboxmail.example"
        got = any_time(rng)
        sent = got + timedelta(hours=rng.randint(1, 30))
        rcpt = "redacted@" + prov
        raw, bounce = arf_original(rng, src, got, rcpt, mailnest)
        human = ("This is an email abuse report for an email message received "
                 "from IP %s\non %s.\nFor more information about this format "
                 "please see RFC 5965.\n" % (src[0], rfc_date(got, "UTC")))
        if mailnest:
            human = ("A Mailnest user marked a message from your network as "
                     "spam.\nThe headers of the message follow; the body was "
                     "removed for privacy.\n")
        fb = """Feedback-Type: abuse
User-Agent: %s
Version: 1
Original-Mail-From: <%s>
Original-Rcpt-To: <%s>
Arrival-Date: %s
Reporting-MTA: dns; fbl.%s
Source-IP: %s
Reported-Domain: %s
Authentication-Results: fbl.%s; spf=pass smtp.mailfrom=%s
Incidents: 1
""" % ("MailnestFBL/1.0" if mailnest else "PostboxFBL/2.3", bounce, rcpt,
       rfc_date(got, "UTC"), prov, src[0],
       src[2].split("@")[1].rstrip(">"), prov, src[1])
        entity = multipart("report", [
            text(human),
            Part([("Content-Type", "message/feedback-report")], fb.encode()),
            embedded("headers" if mailnest else "rfc822", raw)],
            boundary(rng, "ARF"), params="; report-type=feedback-report")
        relay = ("fbl.mailnest.example", "203.0.113.35") if mailnest else \
            ("fbl-out.postboxmail.example", "2001:db8:ffff:1::25")
        headers = [
            ("Date", rfc_date(sent, "UTC", pad=True)),
            ("From", "Mailnest Feedback <fbl@mailnest.example>" if mailnest
             else "Postbox Feedback Loop <fbl@postboxmail.example>"),
            ("To", ABUSE),
            ("Subject", ("Spam report: " if mailnest else "FW: ") + src[3]),
            ("Message-ID", "<fbl-%s@%s>" % (hexid(rng, 20), prov)),
        ]
        deliver("arf", rng, sent, "fbl-bounces@" + prov, relay, headers,
                entity, ips=[src[0]], note="headers-only" if mailnest else "",
                auth=spf_dkim(prov))


# ---------------------------------------------------------------- X-ARF

def xarf02_yaml(rng, ip, port, service, t, rid):
    return """Reported-From: reports@blockwatch.example
Category: abuse
Report-Type: login-attack
Service: %s
Version: 0.2
User-Agent: Blockwatch X-ARF reporter 1.7
Date: %s
Source-Type: ipv4
Source: %s
Port: %d
Report-ID: %s
Schema-URL: https://schema.xarf.example/abuse_login-attack_0.1.2.json
Attachment: text/plain
""" % (service, rfc_date(t, "CET"), ip, port, rid)


def gen_xarf(rng):
    for ip, service, port in [("192.0.2.23", "ssh", 22),
                              ("198.51.100.77", "ssh", 22),
                              ("192.0.2.201", "ssh", 22),
                              ("192.0.2.99", "ssh", 22),
                              ("198.51.100.9", "imap", 143),
                              ("192.0.2.23", "ssh", 22)]:
        t = any_time(rng)
        rid = "%d@blockwatch.example" % (88100000 + rng.randrange(10**6))
        target = "203.0.113.%d" % rng.randint(140, 180)
        log = []
        lt = t - timedelta(minutes=rng.randint(5, 60))
        for _ in range(rng.randint(4, 8)):
            if service == "ssh":
                log.append("%s %s sshd[%d]: Failed password for %s from %s "
                           "port %d ssh2" % (
                               syslog_time(lt, "CET"), "honeypot%d" %
                               rng.randint(1, 9), rng.randint(1000, 60000),
                               rng.choice(_USERS), ip, rng.randint(32768, 60999)))
            else:
                log.append("%s honeypot4 dovecot: imap-login: Disconnected "
                           "(auth failed, 1 attempts): user=<%s>, rip=%s, "
                           "lip=%s" % (syslog_time(lt, "CET"),
                                       rng.choice(_USERS), ip, target))
            lt += timedelta(seconds=rng.randint(2, 120))
        human = """This is an abuse report about the IP %s, which made failed login
attempts on %s against our honeypot at %s.
The report in the X-ARF format is attached; the second attachment holds the
log lines.

Blockwatch - a community blocklist
https://www.blockwatch.example/
""" % (ip, service.upper(), target)
        entity = multipart("mixed", [
            text(human, "utf-8", "8bit"),
            text(xarf02_yaml(rng, ip, port, service, t, rid), "utf-8", "7bit",
                 name="report.txt"),
            text("\n".join(log) + "\n", "utf-8", "7bit", name="logfile.log")],
            boundary(rng, "XARF"))
        headers = [
            ("Date", rfc_date(t, "CET")),
            ("From", "Blockwatch <reports@blockwatch.example>"),
            ("To", ABUSE),
            ("Subject", "abuse report about %s - %s" % (
                ip, local(t, "CET").strftime("%Y-%m-%dT%H:%M:%S+01:00"))),
            ("Message-ID", "<%s>" % rid),
            ("X-ARF", "YES"),
            ("Auto-Submitted", "auto-generated"),
        ]
        deliver("xarf", rng, t, "reports@blockwatch.example",
                ("mail.blockwatch.example", "203.0.113.45"), headers, entity,
                ips=[ip], note="x-arf 0.2", auth=spf_dkim("blockwatch.example"))
    gen_xarf4(rng)


def xarf4_report(rng, t, source, category, typ, extra):
    rep = {"xarf_version": "4.0.0", "report_id": rand_uuid(rng),
           "timestamp": iso(t),
           "reporter": {"org": "SentinelNet Research",
                        "contact": "xarf@sentinelnet.example",
                        "domain": "sentinelnet.example"},
           "sender": {"org": "SentinelNet Research",
                      "contact": "xarf@sentinelnet.example",
                      "domain": "sentinelnet.example"},
           "source_identifier": source, "category": category, "type": typ}
    rep.update(extra)
    return json.dumps(rep, indent=2) + "\n"


def gen_xarf4(rng):
    t1 = any_time(rng, 11)
    scan = xarf4_report(rng, t1, "2001:db8:100::25", "connection", "port_scan", {
        "source_port": 51022, "evidence_source": "honeypot",
        "destination_ip": "2001:db8:ffff:40::2", "protocol": "tcp",
        "destination_ports": [22, 23, 80, 443, 3389, 5900],
        "first_seen": iso(t1 - timedelta(hours=5)), "last_seen": iso(t1),
        "connection_count": 1843,
        "description": "TCP SYN scan of six ports against our sensor network"})
    t2 = any_time(rng, 9)
    phish = xarf4_report(rng, t2, "192.0.2.160", "content", "phishing", {
        "url": "http://havenbank-secure-login.example/verify/index.php",
        "target_brand": "Havenbank", "evidence_source": "user_report",
        "verification_status": "verified",
        "description": "Credential phishing page imitating Havenbank online "
                       "banking"})
    for t, body, ip, cte in [(t1, scan, "2001:db8:100::25", "7bit"),
                             (t2, phish, "192.0.2.160", "base64")]:
        rep = json.loads(body)
        human = ("SentinelNet Research found abuse from your network.\n\n"
                 "Category: %s\nType:     %s\nSource:   %s\n\n"
                 "The machine-readable report (XARF v4) is attached.\n" % (
                     rep["category"], rep["type"], ip))
        if cte == "7bit":
            att = Part([("Content-Type", 'application/json; name="xarf.json"'),
                        ("Content-Transfer-Encoding", "7bit"),
                        ("Content-Disposition", 'attachment; filename="xarf.json"')],
                       body.encode())
        else:
            att = attachment(body.encode(), "application/json", "xarf.json")
        headers = [
            ("Date", rfc_date(t, "UTC", pad=True)),
            ("From", "SentinelNet Research <xarf@sentinelnet.example>"),
            ("To", ABUSE),
            ("Subject", "XARF report: %s/%s from %s" % (rep["category"],
                                                        rep["type"], ip)),
            ("Message-ID", "<%s@sentinelnet.example>" % rep["report_id"]),
            ("X-XARF", "PLAIN"),
        ]
        deliver("xarf", rng, t, "xarf@sentinelnet.example",
                ("out.sentinelnet.example", "203.0.113.46"), headers,
                multipart("mixed", [text(human), att], boundary(rng, "SN")),
                ips=[str(ipaddress.ip_address(ip))], note="xarf v4 json")


# ---------------------------------------------------------------- Shadowserver-style

DS_COMMON = ["timestamp", "ip", "protocol", "port", "hostname", "tag", "asn",
             "geo", "region", "city", "naics", "sic", "sector"]


def ds_csv(rng, t, rows, extra_cols, tag, proto, port):
    out = io.StringIO()
    w = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(DS_COMMON + extra_cols)
    for ip, host, extra in rows:
        seen = t - timedelta(hours=rng.randint(2, 20), seconds=rng.randrange(3600))
        w.writerow([seen.strftime("%Y-%m-%d %H:%M:%S"), ip, proto, port, host,
                    tag, "64500", "NL", "NOORD-HOLLAND", "AMSTERDAM", "518210",
                    "0", "Communications, Service Provider, and Hosting"]
                   + extra)
    return out.getvalue().encode()


def make_zip(name, data, t):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo(name, date_time=t.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3
        info.external_attr = 0o644 << 16
        z.writestr(info, data, compresslevel=6)
    return buf.getvalue()


DS_REPORTS = [
    (1, "DNS Open Resolvers", "dns-open-resolvers", "openresolver", "udp", 53,
     ["min_amplification", "dns_version"],
     [("192.0.2.53", "ns1.tidewater-web.example", ["28.77", ""]),
      ("198.51.100.53", "", ["35.12", "dnsmasq-2.80"]),
      ("198.51.100.200", "vps200.kestrelhost.example", ["31.40", ""]),
      ("192.0.2.211", "", ["28.77", "9.16.48-Debian"])]),
    (8, "Accessible Memcached", "open-memcached", "memcached", "udp", 11211,
     ["version", "pid", "uptime", "curr_connections", "total_connections",
      "amplification"],
     [("192.0.2.111", "cache1.loomworks.example",
       ["1.4.25", "1187", "8812345", "10", "88213", "1832.5"]),
      ("198.51.100.211", "", ["1.5.6", "871", "312004", "4", "1102", "901.7"]),
      ("2001:db8:100:7::11", "cache-v6.loomworks.example",
       ["1.4.25", "2290", "8812001", "9", "77120", "1832.5"])]),
    (15, "DNS Open Resolvers", "dns-open-resolvers", "openresolver", "udp", 53,
     ["min_amplification", "dns_version"],
     [("198.51.100.53", "", ["35.12", "dnsmasq-2.80"]),
      ("198.51.100.200", "vps200.kestrelhost.example", ["31.40", ""])]),
]


def gen_darkscan(rng):
    for day, title, slug, tag, proto, port, cols, rows in DS_REPORTS:
        t = START + timedelta(days=day, hours=5, minutes=rng.randint(0, 50),
                              seconds=rng.randrange(60))
        date = t.strftime("%Y-%m-%d")
        csvname = "%s-%s-kestrel-hosting-as64500.csv" % (date, slug)
        data = make_zip(csvname, ds_csv(rng, t, rows, cols, tag, proto, port), t)
        human = """Darkscan report: %s
Date:    %s
Network: %s (AS64500)

This report lists hosts in your network that answered our scans on
%s/%d and can be abused for reflection and amplification attacks.
One line per host is in the attached file

  %s.zip

and the columns are described at
https://www.darkscan.example/reports/%s/.

%d host(s) listed in this report.

Please fix the configuration of these hosts, or filter the service at
the edge of your network.

The Darkscan Foundation is a non-profit that scans the Internet every
day and reports findings to network owners free of charge. To change
the address we send reports to, or to stop receiving them, write to
reports@darkscan.example.
""" % (title, date, OUR_NAME, proto.upper(), port, csvname, slug, len(rows))
        entity = multipart("mixed", [
            text(human),
            attachment(data, "application/zip", csvname + ".zip")],
            boundary(rng, "DS"))
        headers = [
            ("Date", rfc_date(t, "UTC", pad=True)),
            ("From", "Darkscan Reports <reports@darkscan.example>"),
            ("To", ABUSE),
            ("Subject", "[Darkscan] %s Report: %s (%s)" % (title, date, OUR_NAME)),
            ("Message-ID", "<%s.%s@reports.darkscan.example>" % (
                slug, hexid(rng, 16))),
            ("Precedence", "bulk"),
        ]
        deliver("shadowserver", rng, t, "bounces@reports.darkscan.example",
                ("mailer.darkscan.example", "203.0.113.47"), headers, entity,
                ips=[r[0] for r in rows], note=slug,
                auth=spf_dkim("darkscan.example"))


# ---------------------------------------------------------------- people

def html_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_paras(plain):
    """The HTML half of a webmail's multipart/alternative."""
    paras = plain.strip("\n").split("\n\n")
    return "\n<div><br></div>\n".join(
        "<div>%s</div>" % "<br>\n".join(html_escape(l) for l in p.split("\n"))
        for p in paras) + "\n"


def person(rng, t, zone, from_hdr, env, relay, subject, entity, ips, note,
           extra=(), mid_domain=None, kind="human", ua=None):
    domain = mid_domain or env.split("@")[1]
    headers = [("Date", rfc_date(t, zone)), ("From", from_hdr),
               ("To", ABUSE), ("Subject", subject),
               ("Message-ID", "<%s@%s>" % (rand_uuid(rng) if rng.random() < 0.5
                                           else alnum(rng, 20), domain))]
    headers += list(extra)
    if ua:
        headers.append(("User-Agent", ua))
    deliver(kind, rng, t, env, relay, headers, entity, ips=ips, note=note,
            auth=spf_dkim(domain))


def h_ddos(rng):
    t = START + timedelta(days=11, hours=14, minutes=37, seconds=12)
    body = """Hi Kestrel abuse team,

your server 192.0.2.140 is part of a DDoS against our network since 14:02 UTC,
please disconnect it.

From 14:02 UTC onwards we see about 1.8 Gbit/s of UDP towards our customer
203.0.113.201, and 192.0.2.140 is among the ten largest sources (about
95 Mbit/s on its own). Sample from our flow collector:

  start (UTC)          proto  src                 dst                 pkts/s
  2026-03-13 14:02:11  UDP    192.0.2.140:53211   203.0.113.201:443    21804
  2026-03-13 14:05:40  UDP    192.0.2.140:41877   203.0.113.201:443    22310
  2026-03-13 14:21:02  UDP    192.0.2.140:53211   203.0.113.201:80     19977

We have null-routed the target for now, so our customer is offline. The box
is very likely compromised or rented by a booter service. Please take it
off the network and let us know when it is done.

Thanks,
Lars Nygaard
Network Operations Center, Fjordnet Broadband
"""
    person(rng, t, "CET", "Lars Nygaard <lars.nygaard@fjordnet-broadband.example>",
           "lars.nygaard@fjordnet-broadband.example",
           ("smtp.fjordnet-broadband.example", "203.0.113.26"),
           "DDoS from your server 192.0.2.140 - please disconnect",
           text(body, "utf-8", "7bit"), ["192.0.2.140"], "en ddos",
           extra=[("Cc", "noc@fjordnet-broadband.example")],
           ua="Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 "
              "Thunderbird/115.8.0")


def h_ddos_followup(rng):
    t = START + timedelta(days=12, hours=7, minutes=3, seconds=44)
    body = """Hi,

thanks for the quick answer, but the traffic has not stopped. 192.0.2.140
was quiet for about two hours after your mail and started again at 06:40
UTC today, same pattern, now towards 203.0.113.202.

Could you please disconnect the machine at the switch port instead of
waiting for the customer?

Lars

On Fri, 13 Mar 2026 at 16:55, Kestrel Hosting Abuse Desk <abuse@kestrelhost.example> wrote:
>Hello Lars,
>
>thank you for your report. We have contacted the customer who rents
>192.0.2.140 and asked them to stop the traffic within the hour.
>From our side the port stays open until they answer, as our policy
>requires.
>
>Kind regards,
>Kestrel Hosting Abuse Desk
"""
    person(rng, t, "CET", "Lars Nygaard <lars.nygaard@fjordnet-broadband.example>",
           "lars.nygaard@fjordnet-broadband.example",
           ("smtp.fjordnet-broadband.example", "203.0.113.26"),
           "Re: [Kestrel #20260313-017] DDoS from your server 192.0.2.140 - "
           "please disconnect",
           text(body, "utf-8", "7bit", extra=[]), ["192.0.2.140"],
           "en follow-up, quoted reply",
           extra=[("In-Reply-To", "<20260313155512.77A1C3@abusedesk.kestrelhost.example>"),
                  ("References", "<20260313155512.77A1C3@abusedesk.kestrelhost.example>")])


def h_phish_de(rng):
    t = work_time(rng, "CET", day=7)
    body = """Sehr geehrte Damen und Herren,

auf einem Ihrer Server wird derzeit eine Phishing-Seite betrieben, die sich
als Anmeldeseite der Nordbank ausgibt und Zugangsdaten unserer Kundinnen und
Kunden abgreift:

  URL:      https://www.blumen-koenig.example/wp-content/uploads/2026/03/nb-login/index.php
  Host:     www.blumen-koenig.example (198.51.100.33)
  Entdeckt: 09.03.2026, 10:41 Uhr MEZ

Die Seite wurde uns heute früh von mehreren Kunden gemeldet. Wir vermuten,
dass die WordPress-Installation des Blumenladens übernommen wurde und der
Betreiber nichts davon weiß.

Bitte nehmen Sie die Seite umgehend vom Netz und informieren Sie Ihren
Kunden. Für Rückfragen erreichen Sie uns werktags von 8 bis 18 Uhr.

Mit freundlichen Grüßen

Jürgen Bäcker
IT-Sicherheit / CERT
Nordbank AG
"""
    person(rng, t, "CET", addr("Jürgen Bäcker", "j.baecker@nordbank.example"),
           "j.baecker@nordbank.example", ("mail.nordbank.example", "203.0.113.60"),
           encode_words("Phishing-Seite auf Ihrem Server – bitte sofort "
                        "abschalten", "utf-8", "Q"),
           text(body, "utf-8", "quoted-printable"), ["198.51.100.33"],
           "de, quoted-printable, hostname plus IP",
           extra=[("Content-Language", "de-DE")],
           ua="Microsoft Outlook 16.0")


def h_wordpress_fr(rng):
    t = work_time(rng, "CET", day=3)
    body = """Bonjour,

Depuis hier soir, nos serveurs de messagerie reçoivent plusieurs milliers de
courriels indésirables (fausses pharmacies en ligne) envoyés depuis
l'adresse 198.51.100.23, qui appartient à votre réseau.

D'après les en-têtes, ils sont produits par un script PHP du site
www.atelier-poterie.example, un WordPress manifestement piraté :

  Received: from atelier-poterie.example (unknown [198.51.100.23])
  X-PHP-Originating-Script: 33:wp-content/plugins/contact-form-x/inc/mailer.php
  Subject: Your discount code inside

Nous avons bloqué cette adresse pour 48 heures. Pourriez-vous prévenir votre
client et nous tenir informés ?

Cordialement,

Élodie Marchand
Administratrice systèmes – Messagerie
Courrielis SAS
"""
    person(rng, t, "CET", addr("Élodie Marchand", "e.marchand@courrielis.example"),
           "e.marchand@courrielis.example",
           ("smtp-out.courrielis.example", "203.0.113.61"),
           encode_words("Site WordPress piraté : envoi de spam depuis "
                        "198.51.100.23", "utf-8", "B"),
           text(body, "utf-8", "base64"), ["198.51.100.23"], "fr, base64",
           ua="Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) "
              "Gecko/20100101 Thunderbird/115.8.0")


def h_ssh_es(rng):
    t = work_time(rng, "CET", day=8)
    log = []
    lt = t - timedelta(hours=12)
    for i in range(7):
        user = ["admin", "root", "usuario", "oracle", "root", "test", "pi"][i]
        log.append("%s nodo2 sshd[%d]: Failed password for %s from 192.0.2.23 "
                   "port %d ssh2" % (syslog_time(lt, "CET"), 4411 + i * 7, user,
                                     40112 + i * 13))
        lt += timedelta(seconds=rng.randint(1, 9))
    body = """Estimados señores:

Les escribo para informarles de que la dirección IP 192.0.2.23, que según la
base de datos whois pertenece a su red, lleva desde esta madrugada intentando
entrar por SSH en nuestros servidores con un ataque de diccionario.

Adjunto un extracto del registro (hora peninsular):

%s

En total hemos contado más de 3.000 intentos en las últimas seis horas. Les
agradecería que revisaran el equipo, que probablemente esté comprometido, y
que nos confirmaran la recepción de este aviso.

Atentamente,

Javier Ortega Muñoz
Departamento de Sistemas
Logística Peñalara S.L.
""" % "\n".join(log)
    person(rng, t, "CET", addr("Javier Ortega Muñoz",
                               "jortega@logistica-penalara.example",
                               "iso-8859-1", "Q"),
           "jortega@logistica-penalara.example",
           ("correo.logistica-penalara.example", "203.0.113.62"),
           encode_words("Ataque de fuerza bruta por SSH desde 192.0.2.23 "
                        "(¡urgente!)", "iso-8859-1", "Q"),
           text(body, "iso-8859-1", "quoted-printable"), ["192.0.2.23"],
           "es, iso-8859-1 quoted-printable",
           ua="Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:102.0) "
              "Gecko/20100101 Thunderbird/102.15.1")


def h_defanged_nl(rng):
    t = work_time(rng, "CET", day=9)
    body = """Geachte abuse-afdeling,

Via ons meldpunt kregen we vandaag een phishingmail binnen die verwijst naar
een nagemaakte inlogpagina van onze webmail. De pagina staat op een server
in uw netwerk:

  hxxp://192.0.2[.]77/~webmail/owa/auth/logon.aspx
  IP-adres: 192.0.2[.]77

(De links zijn bewust onklikbaar gemaakt.)

De mail is sinds vanochtend naar ruim 400 van onze medewerkers gestuurd.
Wilt u de pagina zo snel mogelijk offline halen en ons laten weten wanneer
dat is gebeurd? Eén bevestiging per mail is voldoende.

Met vriendelijke groet,

Sanne de Vries
Informatiebeveiliging
Gemeente Polderveen
"""
    person(rng, t, "CET", "Sanne de Vries <s.devries@polderveen.example>",
           "s.devries@polderveen.example", ("mx.polderveen.example", "203.0.113.63"),
           "Phishing op 192.0.2[.]77 - graag offline halen",
           text(body, "utf-8", "8bit"), ["192.0.2.77"], "nl, defanged, 8bit")


def h_scan_ja(rng):
    t = work_time(rng, "JST", day=9, first=9.5, last=17.5)
    log = []
    lt = START + timedelta(days=8, hours=17, minutes=10, seconds=44)
    for port in [22, 23, 80, 443, 3389, 22]:
        log.append("%s fw01 DROP IN=eth0 SRC=192.0.2.201 DST=203.0.113.%d "
                   "PROTO=TCP SPT=%d DPT=%d" % (
                       local(lt, "JST").strftime("%Y-%m-%dT%H:%M:%S+09:00"),
                       rng.randint(130, 140), rng.randint(40000, 60000), port))
        lt += timedelta(seconds=rng.randint(20, 900))
    body = """Kestrel Hosting 御中

いつもお世話になっております。
株式会社ミナトデータ 情報システム部の佐藤と申します。

貴社ネットワーク内の IP アドレス 192.0.2.201 から、当社のサーバー群
（203.0.113.130 〜 203.0.113.140）に対してポートスキャンが継続的に
行われております。

  送信元:   192.0.2.201
  対象:     203.0.113.130 〜 203.0.113.140
  期間:     2026年3月11日 02:10 〜 04:55（日本時間）
  ポート:   22, 23, 80, 443, 3389 など

ファイアウォールのログを以下に抜粋いたします。

%s

お手数ですが、ご調査のうえ適切なご対応をお願いいたします。
何卒よろしくお願い申し上げます。

佐藤 健一
株式会社ミナトデータ 情報システム部
""" % "\n".join(log)
    person(rng, t, "JST", addr("佐藤 健一", "k.sato@minato-data.example", mode="B"),
           "k.sato@minato-data.example", ("mail.minato-data.example", "203.0.113.64"),
           encode_words("貴社ネットワークからのポートスキャンについて "
                        "(192.0.2.201)", "utf-8", "B"),
           text(body, "utf-8", "base64"), ["192.0.2.201"], "ja, utf-8 base64")


def h_fraud_ja(rng):
    t = work_time(rng, "JST", day=16, first=19, last=23)
    body = """ご担当者様

貴社のサーバー（198.51.100.61）で、有名ブランドの時計を格安で販売すると
称する詐欺サイト http://cheap-watches.example/ が運営されています。
当方で注文したところ、代金を振り込んだ後に連絡が取れなくなりました。

サイトの停止をお願いいたします。

山田 花子
"""
    person(rng, t, "JST", addr("山田 花子", "hanako.yamada@homemail.example",
                               "iso-2022-jp", "B"),
           "hanako.yamada@homemail.example", ("mx.homemail.example", "203.0.113.16"),
           encode_words("詐欺サイトの通報", "iso-2022-jp", "B"),
           text(body, "iso-2022-jp", "7bit"), ["198.51.100.61"],
           "ja, iso-2022-jp", ua="Becky!")


def h_ipv6_upper(rng):
    t = work_time(rng, "UK", day=10, first=19, last=22.5)
    lt = t - timedelta(hours=3)
    log = []
    for _ in range(5):
        log.append('2001:DB8:100::1F - - [%s] "POST /xmlrpc.php HTTP/1.1" 200 '
                   '%d "-" "Mozilla/5.0"' % (apache_time(lt), rng.choice([403, 409, 412])))
        lt += timedelta(seconds=rng.randint(1, 5))
    body = """Hello,

my blog has been hammered for two days by login attempts from one of your
addresses. My security plugin sent me this summary:

  Blocked IP:   2001:DB8:100::1F
  Reason:       Exceeded the maximum number of login failures (20)
  Attempts:     4,812 in the last 24 hours
  Usernames:    admin, administrator, priya, editor

Access log excerpt (the plugin prints addresses in capitals):

%s

It also shows up as [2001:DB8:100::1F]:51822 in the plugin's connection
list. Could you have a look? I'm a one-person blog on shared hosting and this
slows the whole site down.

Thanks,
Priya Natarajan
""" % "\n".join(log)
    person(rng, t, "UK", "Priya Natarajan <priya@kitchenlab-blog.example>",
           "priya@kitchenlab-blog.example", ("smtp.homemail.example", "203.0.113.17"),
           "Brute force on wp-login/xmlrpc from 2001:DB8:100::1F",
           text(body, "utf-8", "7bit"), ["2001:db8:100::1f"],
           "ipv6 upper case, bracketed with port",
           ua="Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:115.0) "
              "Gecko/20100101 Thunderbird/115.8.0", mid_domain="homemail.example")


def h_ipv6_full(rng):
    t = work_time(rng, "UK", day=12)
    lt = t - timedelta(hours=9)
    log = []
    for _ in range(4):
        log.append("%s.%03dZ,EXCH01\\Client Frontend EXCH01,08DC4A%s,%d,"
                   "[2001:0db8:ffff:0000:0000:0000:0000:0019]:587,"
                   "[2001:0db8:0100:0000:0000:0000:0000:0025]:%d,>,"
                   "535 5.7.3 Authentication unsuccessful" % (
                       lt.strftime("%Y-%m-%dT%H:%M:%S"), rng.randrange(1000),
                       alnum(rng, 10, "0123456789ABCDEF"), rng.randint(8, 14),
                       rng.randint(49152, 65000)))
        lt += timedelta(seconds=rng.randint(10, 90))
    body = """Hello,

Our Exchange server is seeing a password-guessing attack on SMTP AUTH from
an IPv6 address that whois lists as yours:

  2001:0db8:0100:0000:0000:0000:0000:0025

Excerpt from the SMTP receive protocol log (UTC):

%s

We have blocked the address on our firewall, but would appreciate it if you
could look into it; the attempts use real usernames from our staff list.

Kind regards,
Greg Holloway
IT Manager, Harrowfield Clinic
Tel. +44 20 7946 0321
""" % "\n".join(log)
    person(rng, t, "UK", "Greg Holloway <g.holloway@harrowfield-clinic.example>",
           "g.holloway@harrowfield-clinic.example",
           ("HARROWFIELD-EXCH01.harrowfield-clinic.example", "2001:db8:ffff::19"),
           "SMTP AUTH attacks from your IPv6 address",
           multipart("alternative", [
               text(body, "us-ascii", "quoted-printable", quote_charset=True),
               text("<html><body><pre>%s</pre></body></html>" % html_escape(body),
                   "us-ascii", "quoted-printable", "html", quote_charset=True)],
               boundary(rng, "outlook")),
           ["2001:db8:100::25"], "ipv6 uncompressed, outlook multipart",
           extra=[("Thread-Topic", "SMTP AUTH attacks from your IPv6 address"),
                  ("Content-Language", "en-GB")])


def h_mapped(rng):
    t = work_time(rng, "US-East", day=13)
    lt = t - timedelta(minutes=50)
    log = []
    for user in ["j.smith", "m.garcia", "a.chen", "k.osei", "j.smith"]:
        log.append("%s.%03d WARN  [http-nio-8443-exec-%d] c.t.portal.auth."
                   "LoginController : Failed login for user '%s' from "
                   "::ffff:192.0.2.61" % (local(lt, "US-East").strftime(
                       "%Y-%m-%d %H:%M:%S"), rng.randrange(1000),
                       rng.randint(1, 12), user))
        lt += timedelta(seconds=rng.randint(1, 4))
    body = """Hello Kestrel Hosting abuse team,

Since this morning our customer portal has been the target of a credential
stuffing attack: thousands of username/password pairs, most of them from
public breach lists, tried at a steady rate of about 40 per minute.

Our application logs IPv4 clients in IPv4-mapped IPv6 form, so the source
appears as ::ffff:192.0.2.61 below. Excerpt (US Eastern time):

%s

We have rate-limited the source, but we would like the activity to stop at
its origin. Please let us know if you need more data.

Security Operations
Tillerman Logistics
+1-555-0187
""" % "\n".join(log)
    person(rng, t, "US-East", "Security Operations <secops@tillerman-logistics.example>",
           "secops@tillerman-logistics.example",
           ("mail.tillerman-logistics.example", "203.0.113.65"),
           "Credential stuffing against our customer portal",
           text(body, "us-ascii", "7bit"), ["192.0.2.61"], "ipv4-mapped ipv6")


def h_many(rng):
    t = work_time(rng, "UK", day=14)
    rows = [("192.0.2.201", 18234, "22,23,2323"), ("192.0.2.202", 9120, "22,23"),
            ("192.0.2.203", 7781, "22,23,80,8080"),
            ("198.51.100.77", 2204, "22")]
    table = "\n".join("  %-16s %8d   %s" % r for r in rows)
    body = """Dear colleagues,

Over the last 24 hours our intrusion detection system recorded scans of our
campus network (203.0.113.0/25 in our documentation; the sensor is
203.0.113.140) from four addresses in your network:

  source           packets   ports
%s

The three 192.0.2.20x addresses look like neighbouring machines with the
same compromise. Please investigate all four.

Regards,
Security Operations Centre
Breckland University
""" % table
    person(rng, t, "UK", "Breckland University SOC <soc@breckland-university.example>",
           "soc@breckland-university.example",
           ("mx1.breckland-university.example", "203.0.113.66"),
           "Scans from four of your addresses",
           text(body, "us-ascii", "7bit"), [r[0] for r in rows], "several ips")


def h_victim(rng):
    t = work_time(rng, "CET", day=4, first=7, last=9)
    body = """Hi,

our VPS 198.51.100.14 (lindqvist-web01, customer number 40417) has been
hammered since last night by 203.0.113.66. It sends about 300 HTTP requests
per second to our login page and the site is barely usable.

The attacker is not in your network, I know, but could you block
203.0.113.66 at your edge? We have already asked their provider.

Thanks,
Erik Lindqvist
Lindqvist Design
"""
    person(rng, t, "CET", "Erik Lindqvist <erik@lindqvist-design.example>",
           "erik@lindqvist-design.example",
           ("smtp.homemail.example", "203.0.113.17"),
           "Our VPS 198.51.100.14 under attack - can you block 203.0.113.66?",
           text(body, "utf-8", "7bit"), [],
           "our server is the victim; attacker 203.0.113.66 out of scope",
           mid_domain="lindqvist-design.example")


def h_forwarded(rng):
    t = work_time(rng, "US-East", day=15)
    orig = START + timedelta(days=15, hours=8, minutes=12, seconds=3)
    body = """Hello Kestrel abuse team,

we received the report below from CERT Lumen. The address has been yours
since the range was transferred to Kestrel Hosting last year, so we are
passing it on. We have told CERT Lumen that you are the right contact.

Best regards,
Dana Whitfield
Abuse Desk, Northpoint ISP

---------- Forwarded message ---------
From: CERT Lumen Incident Response <incident@cert-lumen.example>
Date: %s
Subject: [CERT-Lumen #2026031712000123] Botnet command-and-control server
To: <abuse@northpoint-isp.example>

Dear colleagues,

CERT Lumen has identified the following system in your network as a
command-and-control server of the "Rattlesnake" botnet, based on the
analysis of malware samples and sinkhole data:

  IP address:   198.51.100.99
  Port:         8443/tcp
  Protocol:     HTTPS with a self-signed certificate (CN=update-service)
  First seen:   2026-03-12 21:40 UTC
  Last seen:    2026-03-17 07:55 UTC

More than 1,100 infected hosts contacted this server in the last 72
hours. We kindly ask you to take the server offline and to keep a copy of
its disk, if possible, for further analysis.

Please keep the reference [CERT-Lumen #2026031712000123] in the subject
of your reply.

--
CERT Lumen Incident Response
incident@cert-lumen.example
""" % rfc_date(orig, "CET")
    person(rng, t, "US-East", "Northpoint ISP Abuse <abuse@northpoint-isp.example>",
           "abuse@northpoint-isp.example", ("mta1.northpoint-isp.example", "203.0.113.70"),
           "Fwd: [CERT-Lumen #2026031712000123] Botnet command-and-control server",
           multipart("alternative", [
               text(body, "utf-8", "7bit"),
               text('<div dir="ltr">%s</div>\n' % html_paras(body), "utf-8",
                    "quoted-printable", "html")],
               boundary(rng, "gmail")),
           ["198.51.100.99"], "forwarded CERT report, original reporter named")


def h_html_only(rng):
    t = work_time(rng, "CET", day=9, first=9.2, last=11)
    html = """<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<style>td, th { border: 1px solid #999; padding: 4px 8px; }</style></head>
<body>
<p>Dear abuse team,</p>
<p>Havenbank has identified a phishing site imitating our online banking that
is hosted in your network. Please remove it as soon as possible.</p>
<table style="border-collapse: collapse;">
<tr><th>URL</th><th>IP address</th><th>First seen (UTC)</th></tr>
<tr><td><a href="http://havenbank-secure-login.example/verify/index.php">havenbank-secure-login.example/verify/</a></td><td>192.0.2.160</td><td>2026-03-11 07:45</td></tr>
</table>
<p>The page asks for the customer number, the PIN and a one-time code and
forwards them to the attacker in real time.</p>
<p>Kind regards,<br>
<b>Havenbank Anti-Fraud Team</b><br>
<span style="color:#777">This message was sent from a monitored mailbox.</span></p>
</body>
</html>
"""
    person(rng, t, "CET", "Havenbank Anti-Fraud <antifraud@havenbank.example>",
           "antifraud@havenbank.example", ("mail.havenbank.example", "203.0.113.71"),
           "Phishing site in your network - takedown request",
           text(html, "utf-8", "quoted-printable", "html"), ["192.0.2.160"],
           "html only")


def h_imap_de(rng):
    t = work_time(rng, "CET", day=15, first=7.5, last=9)
    lt = t - timedelta(hours=9)
    log = []
    for user in ["info", "buchhaltung", "info", "k.jaeger", "admin"]:
        log.append("%s mail dovecot: imap-login: Disconnected (auth failed, 1 "
                   "attempts in 2 secs): user=<%s>, method=PLAIN, "
                   "rip=198.51.100.9, lip=203.0.113.150, TLS" % (
                       syslog_time(lt, "CET"), user))
        lt += timedelta(seconds=rng.randint(3, 30))
    body = """Hallo,

seit gestern Abend versucht die Adresse 198.51.100.9 ununterbrochen, sich
per IMAP an unserem Mailserver anzumelden. Dovecot meldet:

%s

Fail2ban sperrt die Adresse zwar immer wieder, aber nach Ablauf der Sperre
geht es sofort weiter. Können Sie bitte dafür sorgen, dass das aufhört?

Grüße aus dem Schwarzwald
Klaus Jäger
Tischlerei Jäger GmbH
""" % "\n".join(log)
    person(rng, t, "CET", addr("Klaus Jäger", "k.jaeger@tischlerei-jaeger.example",
                               "iso-8859-1", "Q"),
           "k.jaeger@tischlerei-jaeger.example",
           ("mail.tischlerei-jaeger.example", "203.0.113.150"),
           encode_words("Brute-Force-Angriffe über IMAP von 198.51.100.9",
                        "iso-8859-1", "Q"),
           text(body, "iso-8859-1", "8bit"), ["198.51.100.9"],
           "de, iso-8859-1 8bit", ua="Mozilla/5.0 (Windows NT 10.0; Win64; "
                                     "x64; rv:115.0) Gecko/20100101 "
                                     "Thunderbird/115.8.0")


def h_forum(rng):
    t = work_time(rng, "US-West", day=5, first=11)
    plain = """Hi there,

the forum I moderate (birdwatchers-forum.example) gets 50 to 100 spam
posts a day from 192.0.2.88. All of them advertise the same watch shop.
Our forum software logs the poster's address; here are today's entries:

  2026-03-07 09:12:44  192.0.2.88  new user "watchdeals2026"  3 posts
  2026-03-07 09:40:02  192.0.2.88  new user "luxtime_outlet"   5 posts
  2026-03-07 10:05:19  192.0.2.88  new user "bestwatchprice"   4 posts

Please make them stop!

Ruth
(volunteer moderator)
"""
    html = html_paras(plain)
    person(rng, t, "US-West", "Ruth Abernathy <ruth.a@homemail.example>",
           "ruth.a@homemail.example", ("smtp.homemail.example", "203.0.113.17"),
           "Forum spam from your network",
           multipart("alternative", [text(plain, "utf-8", "7bit"),
                                     text(html, "utf-8", "quoted-printable", "html")],
                     boundary(rng, "gmail")),
           ["192.0.2.88"], "multipart/alternative")


def h_headers(rng):
    t = work_time(rng, "UK", day=6, first=18, last=22)
    got = t - timedelta(hours=2, minutes=13)
    body = """Hello,

I keep receiving this spam and the headers say it comes from your network.
Full headers below. Please stop your customer.

Dayo Okafor

----- headers -----
Return-Path: <deals@bikeparts-outlet.example>
Received: from mail.bikeparts-outlet.example (mail.bikeparts-outlet.example [192.0.2.150])
        by mx.homemail.example (Postfix) with ESMTPS id 4fQx81Lm2Kz1
        for <d.okafor@homemail.example>; %s
Received: from localhost (localhost [127.0.0.1])
        by mail.bikeparts-outlet.example (Postfix) with ESMTP id 55D1A2
        for <d.okafor@homemail.example>; %s
From: Bikeparts Outlet <deals@bikeparts-outlet.example>
To: d.okafor@homemail.example
Subject: Last chance: clearance sale ends tonight
Date: %s
Message-ID: <clr-20260308-7781@bikeparts-outlet.example>
----- end -----

I never signed up for this.
""" % (rfc_date(got, "UTC"), rfc_date(got - timedelta(seconds=2), "UTC"),
       rfc_date(got - timedelta(seconds=3), "CET"))
    person(rng, t, "UK", "Dayo Okafor <d.okafor@homemail.example>",
           "d.okafor@homemail.example", ("smtp.homemail.example", "203.0.113.17"),
           "Spam from your customer", text(body, "utf-8", "7bit"),
           ["192.0.2.150"], "pasted headers; 127.0.0.1 also present")


def h_angry(rng):
    t = work_time(rng, "US-East", day=17, first=21, last=23.5)
    body = """I UNSUBSCRIBED THREE TIMES FROM YOUR GARDEN NEWSLETTER AND YOU KEEP
SENDING IT!!!!

Your server 198.51.100.40 is a SPAM MACHINE. If this does not stop I will
report you to the authorities.

Sent from my phone
"""
    person(rng, t, "US-East", "bigfan1987 <bigfan1987@homemail.example>",
           "bigfan1987@homemail.example", ("smtp.homemail.example", "203.0.113.17"),
           "STOP SPAMMING ME!!!!!", text(body, "utf-8", "7bit"),
           ["198.51.100.40"], "angry, short")


def h_amplification(rng):
    t = work_time(rng, "US-East", day=5, first=11)
    body = """Hello,

one of our customers (203.0.113.90) was hit by a DNS amplification attack
this morning between 10:15 and 10:48 Eastern. Your resolver 198.51.100.53
was one of the reflectors: it answered about 40,000 spoofed ANY queries
for a large TXT record, each answer around 3,200 bytes.

  reflector        answers   bytes
  198.51.100.53      40,212  128,678,400

Please close the resolver to the outside world or rate-limit it. Open
resolvers are found and abused within days.

Thanks,
Cascade Hosting NOC
"""
    person(rng, t, "US-East", "Cascade Hosting NOC <noc@cascade-hosting.example>",
           "noc@cascade-hosting.example", ("mx.cascade-hosting.example", "203.0.113.72"),
           "DNS amplification reflected off 198.51.100.53",
           text(body, "us-ascii", "7bit"), ["198.51.100.53"],
           "open resolver, victim's view")


def h_photo(rng):
    t = work_time(rng, "CET", day=10)
    body = """Hello,

I am a landscape photographer. Eleven of my photographs are used without
permission on a blog hosted by you:

  http://www.fjellblog.example/2026/02/hiking-the-ridge/
  http://www.fjellblog.example/2026/03/winter-light/

The site resolves to 198.51.100.124. The originals are on my own site,
https://www.haldor-photo.example/portfolio/, with the copyright notice;
the blog removed it. I wrote to the blog owner twice and got no answer.

I am the owner of the copyright in these images, and I believe in good
faith that this use is not authorised by me, my agent or the law.

Please ask your customer to remove the photographs.

Haldor Strand
"""
    person(rng, t, "CET", "Haldor Strand <post@haldor-photo.example>",
           "post@haldor-photo.example", ("smtp.homemail.example", "203.0.113.17"),
           "Copyright: my photographs on www.fjellblog.example",
           text(body, "utf-8", "7bit"), ["198.51.100.124"],
           "copyright by a person, web content")


def h_malware(rng):
    t = work_time(rng, "UTC", day=18)
    body = """Hi,

198.51.100.172 is serving Linux botnet binaries over plain HTTP. The
droppers we see on our honeypots download from:

  http://198.51.100.172:8080/bins/x86
  http://198.51.100.172:8080/bins/arm7
  http://198.51.100.172:8080/bins/mips

SHA-256 of the x86 sample:
  4f1c9e0b7d2a6c35e8b09f41a7d3c2e5b6f80917a4c3d2e1f0b9a8c7d6e5f4a3

Still online as of %s UTC. Would be great if you could take it
down.

Cheers,
Mira Okonkwo
ThreatLab
""" % t.strftime("%Y-%m-%d %H:%M")
    person(rng, t, "UTC", "Mira Okonkwo <mira@threatlab.example>",
           "mira@threatlab.example", ("mail.threatlab.example", "203.0.113.73"),
           "Malware hosted on 198.51.100.172:8080",
           text(body, "utf-8", "7bit"), ["198.51.100.172"],
           "url with ip and port")


HUMANS = [h_ddos, h_ddos_followup, h_phish_de, h_wordpress_fr, h_ssh_es,
          h_defanged_nl, h_scan_ja, h_fraud_ja, h_ipv6_upper, h_ipv6_full,
          h_mapped, h_many, h_victim, h_forwarded, h_html_only, h_imap_de,
          h_forum, h_headers, h_angry, h_amplification, h_photo, h_malware]


def gen_humans(rng):
    for h in HUMANS:
        h(rng)


# ---------------------------------------------------------------- noise

def noise(rng, t, zone, from_hdr, env, relay, subject, entity, note, extra=(),
          mid=None, delay=None):
    domain = env.split("@")[1] if env else "mx1." + OUR_DOMAIN
    headers = [("Date", rfc_date(t, zone)), ("From", from_hdr), ("To", ABUSE),
               ("Subject", subject),
               ("Message-ID", mid or "<%s@%s>" % (alnum(rng, 22), domain))]
    deliver("noise", rng, t, env, relay, headers + list(extra), entity,
            note=note, delay=delay)


def gen_noise(rng):
    ours = "<%s@abusedesk.kestrelhost.example>"
    t = START + timedelta(days=2, hours=9, minutes=14, seconds=51)
    noise(rng, t, "US-East", "Northpoint ISP Support <support@northpoint-isp.example>",
          "support@northpoint-isp.example", ("mta1.northpoint-isp.example", "203.0.113.70"),
          "[Ticket #12345] Your ticket has been received",
          text("""Hello,

Your ticket #12345 has been received and will be handled by our abuse team.
You do not need to reply to this message. To add information to your
ticket, reply and keep "[Ticket #12345]" in the subject.

Our usual response time is two working days.

Northpoint ISP Support
This is an automatic reply.
"""), "ticket auto-reply",
          extra=[("Auto-Submitted", "auto-replied"), ("X-Autoreply", "yes"),
                 ("In-Reply-To", ours % "20260304091301.5F2E81"),
                 ("Precedence", "auto_reply")])

    t = START + timedelta(days=7, hours=3, minutes=1, seconds=9)
    noise(rng, t, "US-East", "Northpoint ISP Support <support@northpoint-isp.example>",
          "support@northpoint-isp.example", ("mta1.northpoint-isp.example", "203.0.113.70"),
          "[Ticket #12345] Ticket closed",
          text("""Hello,

Your ticket #12345 has been closed. If the problem comes back, reply to
this message within 30 days to reopen it.

Northpoint ISP Support
"""), "ticket closed notification",
          extra=[("Auto-Submitted", "auto-generated")])

    t = START + timedelta(days=13, hours=16, minutes=2, seconds=33)
    noise(rng, t, "UK", "Greg Holloway <g.holloway@harrowfield-clinic.example>",
          "g.holloway@harrowfield-clinic.example",
          ("HARROWFIELD-EXCH01.harrowfield-clinic.example", "2001:db8:ffff::19"),
          "Automatic reply: [Kestrel #20260314-004] SMTP AUTH attacks",
          multipart("alternative", [
              text("I am out of the office until Monday 23 March with limited "
                   "access to email.\nFor urgent IT matters please call the "
                   "clinic's main number.\n\nGreg\n", "us-ascii",
                   "quoted-printable", quote_charset=True),
              text("<html><body><p>I am out of the office until Monday 23 March "
                   "with limited access to email.</p><p>For urgent IT matters "
                   "please call the clinic's main number.</p><p>Greg</p>"
                   "</body></html>\n", "us-ascii", "quoted-printable", "html",
                   quote_charset=True)], boundary(rng, "outlook")),
          "out of office",
          extra=[("Auto-Submitted", "auto-replied"),
                 ("X-Auto-Response-Suppress", "All"),
                 ("Thread-Topic", "[Kestrel #20260314-004] SMTP AUTH attacks"),
                 ("In-Reply-To", ours % "20260315160211.A01F7C")], delay=4)

    t = START + timedelta(days=9, hours=15, minutes=40, seconds=2)
    noise(rng, t, "US-West", "Tallgrass Telecom Helpdesk <helpdesk@tallgrass-telecom.example>",
          "helpdesk@tallgrass-telecom.example",
          ("srv03.tallgrass-telecom.example", "203.0.113.121"),
          "Request received: Spam from your network [INC-20260311-0042]",
          text("""Thank you for contacting Tallgrass Telecom.

We have received your request and opened incident INC-20260311-0042.
A member of our team will get back to you. Please do not change the
subject line if you reply.

Tallgrass Telecom Helpdesk
"""), "ticket auto-reply",
          extra=[("Auto-Submitted", "auto-replied"),
                 ("In-Reply-To", ours % "20260311153958.1C0D2A")])

    for day, title, topic in [
            (3, "Security Awareness Monthly - March 2026",
             "Spotting invoice fraud before it costs you"),
            (17, "Security Awareness Monthly - special edition",
             "Five habits that stop most account takeovers")]:
        t = START + timedelta(days=day, hours=8, minutes=0, seconds=rng.randrange(60))
        token = hexid(rng, 24)
        plain = """%s

%s

Most attacks on small organisations do not need clever exploits: they
need one person who trusts an e-mail. This month we look at:

 * invoices that change bank details "just this once"
 * login pages that look right but live on the wrong domain
 * why a second factor beats a longer password

Read the full article: https://www.securemonthly.example/articles/%d

You receive this newsletter because you subscribed at securemonthly.example.
Unsubscribe: https://www.securemonthly.example/u/%s
""" % (title, topic, 2026030 + day, token)
        html = ("<html><body><h1>%s</h1><h2>%s</h2><p>Most attacks on small "
                "organisations do not need clever exploits: they need one person "
                "who trusts an e-mail.</p><p><a href=\"https://www.securemonthly."
                "example/articles/%d\">Read the full article</a></p><p style="
                "\"font-size:11px\"><a href=\"https://www.securemonthly.example/u/"
                "%s\">Unsubscribe</a></p></body></html>\n" % (
                    title, topic, 2026030 + day, token))
        noise(rng, t, "UTC", "Security Awareness Monthly <news@securemonthly.example>",
              "bounce-%s@news.securemonthly.example" % token[:12],
              ("out3.securemonthly.example", "203.0.113.74"), title,
              multipart("alternative", [
                  text(plain, "utf-8", "quoted-printable"),
                  text(html, "utf-8", "quoted-printable", "html")],
                  boundary(rng, "java")),
              "newsletter",
              extra=[("List-Id", "Security Awareness Monthly "
                                 "<monthly.securemonthly.example>"),
                     ("List-Unsubscribe", "<https://www.securemonthly.example/u/%s>,"
                      "\n <mailto:leave-%s@news.securemonthly.example>" % (token, token)),
                     ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                     ("Precedence", "bulk")])

    t = START + timedelta(days=10, hours=11, minutes=27, seconds=40)
    dsn = """Reporting-MTA: dns; mx1.kestrelhost.example
X-Postfix-Queue-ID: 4fRt2M0q9Vz7Q
Arrival-Date: %s

Final-Recipient: rfc822; abuse@gone-provider.example
Original-Recipient: rfc822;abuse@gone-provider.example
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.gone-provider.example
Diagnostic-Code: smtp; 550 5.1.1 <abuse@gone-provider.example>: Recipient
    address rejected: User unknown in virtual mailbox table
""" % postfix_date(t - timedelta(seconds=3))
    orig = """Received: by abusedesk.kestrelhost.example (Postfix, from userid 1000)
	id 7F3A1C2; %s
Date: %s
From: Kestrel Hosting Abuse Desk <abuse@kestrelhost.example>
To: abuse@gone-provider.example
Subject: Re: Abuse report [Kestrel #20260312-009]
Message-ID: <20260312112737.7F3A1C2@abusedesk.kestrelhost.example>
""" % (postfix_date(t - timedelta(seconds=4)), rfc_date(t - timedelta(seconds=4), "UTC"))
    noise(rng, t, "UTC", "MAILER-DAEMON@mx1.kestrelhost.example (Mail Delivery System)",
          "", ("localhost", "127.0.0.1"),
          "Undelivered Mail Returned to Sender",
          multipart("report", [
              text("""This is the mail system at host mx1.kestrelhost.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<abuse@gone-provider.example>: host mx.gone-provider.example said: 550
    5.1.1 <abuse@gone-provider.example>: Recipient address rejected: User
    unknown in virtual mailbox table (in reply to RCPT TO command)
"""),
              Part([("Content-Description", "Delivery report"),
                    ("Content-Type", "message/delivery-status")], dsn.encode()),
              Part([("Content-Description", "Undelivered Message Headers"),
                    ("Content-Type", "text/rfc822-headers")], orig.encode())],
              "4fRt2M0q9Vz7Q.1773660460/mx1.kestrelhost.example",
              params="; report-type=delivery-status"),
          "bounce of one of our replies",
          extra=[("Auto-Submitted", "auto-replied")],
          mid="<20260312112740.9B1E3F@mx1.kestrelhost.example>", delay=1)

    t = START + timedelta(days=14, hours=10, minutes=5, seconds=17)
    noise(rng, t, "CET", "EXAMPLE-RIR Registry <validation@registry.example>",
          "validation@registry.example", ("mail.registry.example", "203.0.113.75"),
          "Please validate the abuse contact of ORG-KH1-TEST",
          text("""Dear colleague,

The abuse contact of your organisation ORG-KH1-TEST (Kestrel Hosting) in
the EXAMPLE-RIR database is abuse@kestrelhost.example.

Every year we check that abuse contacts can receive e-mail and that a
person reads them. Please confirm within 14 days by opening this link:

  https://validation.registry.example/confirm?token=%s

If you do not confirm, the contact will be marked as invalid in the
public database.

EXAMPLE-RIR Registration Services
""" % hexid(rng, 32)), "registry validation",
          extra=[("Auto-Submitted", "auto-generated")])

    t = START + timedelta(days=6, hours=16, minutes=48, seconds=5)
    noise(rng, t, "US-East", "Cascade Hosting NOC <noc@cascade-hosting.example>",
          "noc@cascade-hosting.example", ("mx.cascade-hosting.example", "203.0.113.72"),
          "Re: [Kestrel #20260307-002] Thanks",
          text("""Thanks for the quick reply - the attack stopped around noon and
nothing has come back since. Closing this on our side.

Cascade Hosting NOC
"""), "human acknowledgement without an address",
          extra=[("In-Reply-To", ours % "20260307140102.33C0AA")])


# ---------------------------------------------------------------- hostile and odd

ESC = "\x1b"


def gen_hostile(rng):
    # 1. Terminal escapes in the subject, sender name and body.
    t = any_time(rng, 12)
    nasty = (ESC + "[2J" + ESC + "]0;owned\x07URGENT abuse from 192.0.2.66 "
             "\u202eexe.txt\u202c " + ESC + "]8;;https://evil.example/" + ESC +
             "\\click here" + ESC + "]8;;" + ESC + "\\ \u009b31mred\u009b0m")
    body = ("Abuse report for 192.0.2.66\n\n" + ESC + "[1;31mThis host attacked us."
            + ESC + "[0m\n" + ESC + "[2J" + ESC + "[H" + ESC +
            "]0;owned\x07Your terminal title is now 'owned'.\n"
            "Open " + ESC + "]8;;https://evil.example/steal" + ESC +
            "\\the evidence" + ESC + "]8;;" + ESC + "\\ for details.\n"
            "Bidi: \u202e192.0.2.66 morf kcatta\u202c\n"
            "C1 controls: \u009b2J \u0085 \u008d \u009d0;owned\u009c\n").encode()
    body += b"Raw C1 bytes: \x9b2J \x90 \x9d\n"
    deliver("hostile", rng, t, "x@evil.example",
            ("mail.evil.example", "203.0.113.66"),
            [("Date", rfc_date(t, "UTC")),
             ("From", "%s <x@evil.example>" % encode_words(
                 ESC + "[31mAbuse Desk\u202e" + ESC + "[0m", "utf-8", "B")),
             ("To", ABUSE), ("Subject", encode_words(nasty, "utf-8", "B")),
             ("Message-ID", "<%s@evil.example>" % hexid(rng, 20))],
            Part([("Content-Type", "text/plain; charset=utf-8"),
                  ("Content-Transfer-Encoding", "8bit")], body),
            ips=["192.0.2.66"], note="terminal escapes, C1, bidi, OSC 8")

    # 2. A mess no parser understands: no Date, a boundary that never
    # matches, a header line without a colon, bytes that are no charset.
    t = any_time(rng, 17)
    raw = (b"Message-ID: <mess-" + hexid(rng, 12).encode() +
           b"@unknown.invalid>\n"
           b"From: ???@@unknown.invalid\n"
           b"To: abuse@kestrelhost.example\n"
           b"Subject: =?UTF-8?B?broken!base64?= RE: RE: FW: \xff\xfe\x80\x81\n"
           b"MIME-Version: 1.0 (or not)\n"
           b"Content-Type: multipart/mixed; boundary=\"=_outer\n"
           b"Content-Transfer-Encoding: base64\n"
           b"This line is a header without a colon\n"
           b"X-Garbage: \x01\x02\x03\x7f\x8e\x9f\xc3(\xa0\xa1\n"
           b"\n"
           b"--=_inner\n"
           b"Content-Type: text/plain; charset=x-unknown-7\n"
           b"Content-Transfer-Encoding: quoted-printable\n"
           b"\n"
           b"src=192.0.2.250 =ZZ =4 =\n"
           b"\xc3\x28\xe2\x82\xf0\x28\x8c\xbc\xfe\xff \x1b[0m trailing\n"
           b"--=_inner\n"
           b"Content-Type: application/octet-stream\n"
           b"Content-Transfer-Encoding: base64\n"
           b"\n"
           b"SGVsbG8gd29y!!==bGQ=?*\n"
           + bytes(rng.randrange(0x80, 0x100) for _ in range(120)) + b"\n"
           b"--=_outer\n")
    MESSAGES.append({"kind": "hostile", "arrived": t, "env": "unknown@unknown.invalid",
                     "raw": b"Return-Path: <unknown@unknown.invalid>\n"
                            b"Delivered-To: abuse@kestrelhost.example\n" + raw,
                     "mid": "", "ips": [], "note": "unparseable on purpose"})

    # 3. One very long line (the decoded text; the wire form is folded
    # quoted-printable so the message stays within RFC 5322 line limits).
    t = any_time(rng, 6)
    events = []
    et = t - timedelta(hours=1)
    while len(json.dumps(events, separators=(",", ":"))) < 1100:
        events.append({"ts": iso(et), "src": "198.51.100.131",
                       "dst": "203.0.113.%d" % rng.randint(1, 254),
                       "dpt": rng.choice([22, 80, 443, 3306, 5432]),
                       "sig": "SCAN probe of common service ports", "sev": 2})
        et += timedelta(seconds=rng.randint(1, 50))
    line = "events=" + json.dumps(events, separators=(",", ":"))
    body = ("Automated alert from sensor-07.graywolf-ids.example\n\n" + line +
            "\n\n-- graywolf-ids\n")
    deliver("hostile", rng, t, "alerts@graywolf-ids.example",
            ("sensor-07.graywolf-ids.example", "203.0.113.76"),
            [("Date", rfc_date(t, "UTC")),
             ("From", "graywolf-ids <alerts@graywolf-ids.example>"),
             ("To", ABUSE), ("Subject", "Automated alert: 198.51.100.131"),
             ("Message-ID", "<alert-%s@graywolf-ids.example>" % hexid(rng, 16)),
             ("Auto-Submitted", "auto-generated")],
            text(body, "us-ascii", "quoted-printable"),
            ips=["198.51.100.131"], note="one %d-character line" % len(line))

    # 4. A very long subject with emoji and wide CJK characters.
    t = work_time(rng, "JST", day=19)
    subject = ("Re: Fwd: Re: 🚨🚨 緊急 / 紧急 / 긴급 / URGENT: 192.0.2.19 からの"
               "不正アクセスが止まりません — 来自 192.0.2.19 的攻击仍在继续，"
               "服务器被攻击 — 192.0.2.19 에서 서버 공격이 계속됩니다 🔥🔥🔥 "
               "please act now 🙏🙏 全角テキスト：ＡＢＣＤＥＦＧＨＩＪ"
               "１２３４５６７８９０ 🐛🐛🐛 ログイン試行 約200回／時間 "
               "(about 200 attempts per hour) 👨‍💻👩‍💻 third report this "
               "week, no answer so far 😡😡 — 至急ご対応ください 🙇‍♂️")
    body = """Hello / こんにちは / 你好 / 안녕하세요,

192.0.2.19 has been trying to log in to our web application all week
(about 200 attempts per hour). This is our third report.

192.0.2.19 から一週間にわたりログイン試行が続いています。
来自 192.0.2.19 的登录尝试持续了一整周。
192.0.2.19 에서 일주일 내내 로그인 시도가 계속되고 있습니다.

🙏 Please act now.

Wei Zhang / Tanaka Yui
Global Support, Harbourlight Apps
"""
    deliver("hostile", rng, t, "support@harbourlight-apps.example",
            ("mail.harbourlight-apps.example", "203.0.113.77"),
            [("Date", rfc_date(t, "JST")),
             ("From", addr("Harbourlight Apps サポート",
                           "support@harbourlight-apps.example", mode="B")),
             ("To", ABUSE), ("Subject", encode_words(subject, "utf-8", "B")),
             ("Message-ID", "<%s@harbourlight-apps.example>" % rand_uuid(rng))],
            text(body, "utf-8", "base64"), ips=["192.0.2.19"],
            note="subject of %d characters" % len(subject))

    # 5. A forged report: it claims to come from a CERT to get a customer
    # cut off, but our MX found that its From: domain fails DMARC (with
    # [analysis] authserv_id set, the screen says "sender not verified").
    t = any_time(rng, 15)
    body = """Dear Kestrel Hosting abuse team,

Your customer at 192.0.2.23 is hosting a phishing kit that imitates our
online banking login. This is a critical incident.

Suspend 192.0.2.23 immediately and confirm within one hour, or we will
escalate to your upstream providers and have your whole network blocked.

Northwind Bank CERT
"""
    deliver("hostile", rng, t, "cert@northwind-bank.example",
            ("mail.cheap-bulk.example", "203.0.113.199"),
            [("Date", rfc_date(t, "UTC")),
             ("From", "Northwind Bank CERT <cert@northwind-bank.example>"),
             ("To", ABUSE),
             ("Subject", "URGENT: phishing on 192.0.2.23 - suspend now"),
             ("Message-ID", "<%s@northwind-bank.example>" % hexid(rng, 16))],
            text(body, "us-ascii", "7bit"), ips=["192.0.2.23"],
            note="forged: DMARC fail at our MX",
            auth="spf=softfail smtp.mailfrom=northwind-bank.example;\n"
                 "\tdkim=none;\n\tdmarc=fail (p=reject dis=none)"
                 " header.from=northwind-bank.example")


# ---------------------------------------------------------------- output

KINDS = [
    ("copyright-acns", "Copyright bot, ACNS XML (inline, clear-signed or attached)"),
    ("copyright-dmca", "Copyright bot, DMCA prose with REMOVE line"),
    ("webwatch", "Spam-referrer bot with reminders and List-Unsubscribe"),
    ("fail2ban", "fail2ban reports from admins' servers"),
    ("spamcop", "SpamCop-style reports with the spam quoted"),
    ("arf", "ARF feedback-loop reports (RFC 5965)"),
    ("xarf", "X-ARF 0.2 (YAML) and XARF v4 (JSON)"),
    ("shadowserver", "Scan reports with a zipped CSV"),
    ("human", "Written by people, several languages"),
    ("noise", "Auto-replies, newsletters, bounces: no address"),
    ("hostile", "Hostile or broken on purpose"),
]


def mboxrd_escape(raw):
    return re.sub(rb"(?m)^(>*From )", rb">\1", raw)


def build():
    gens = [gen_rightsguard, gen_veritasip, gen_webwatch, gen_fail2ban,
            gen_spamcop, gen_arf, gen_xarf, gen_darkscan, gen_humans,
            gen_noise, gen_hostile]
    for g in gens:
        # One generator per stream, so that changing one kind of report
        # leaves the others' bytes alone.
        g(random.Random("%s/%s" % (SEED, g.__name__)))
    MESSAGES.sort(key=lambda m: (m["arrived"], m["mid"]))


def write_mbox(out):
    for m in MESSAGES:
        out.write(("From %s %s\n" % (m["env"], asctime(m["arrived"]))).encode())
        out.write(mboxrd_escape(m["raw"]))
        out.write(b"\n")


def write_summary(out):
    out.write("| kind | messages | what |\n|---|---:|---|\n")
    for kind, what in KINDS:
        n = sum(1 for m in MESSAGES if m["kind"] == kind)
        out.write("| %s | %d | %s |\n" % (kind, n, what))
    out.write("| total | %d | |\n" % len(MESSAGES))


def write_manifest(out):
    out.write("# n\tarrived (UTC)\tkind\tMessage-ID\toffender addresses\tnote\n")
    for n, m in enumerate(MESSAGES, 1):
        out.write("%d\t%s\t%s\t%s\t%s\t%s\n" % (
            n, iso(m["arrived"]), m["kind"], m["mid"] or "-",
            ",".join(m["ips"]) or "-", m["note"] or "-"))


def main(argv):
    build()
    if argv[1:] == ["--summary"]:
        write_summary(sys.stdout)
    elif argv[1:] == ["--manifest"]:
        write_manifest(sys.stdout)
    elif argv[1:]:
        sys.stderr.write(__doc__)
        return 2
    else:
        write_mbox(sys.stdout.buffer)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
