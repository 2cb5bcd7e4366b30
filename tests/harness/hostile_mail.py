#!/usr/bin/python3
"""hostile_mail.py KIND N: writes one hostile mail to stdout.

Kinds: nested_rfc822 (messages inside messages N deep), nested_multipart
(multiparts N deep), html_attributes (one tag with N attributes),
many_parts (N text parts), many_ips (N addresses, one a line), long_line
(a body of one line of N bytes), zipped_csv (a zipped CSV of N rows, one
address each).
"""
import base64
import io
import sys
import zipfile

HEAD = ("From: reports@scanner.example\r\nTo: abuse@isp.example\r\n"
        "Subject: {}\r\nMIME-Version: 1.0\r\n")


def nested_rfc822(n):
    inner = ("From: a@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
             "Content-Type: message/rfc822\r\n\r\n")
    return (HEAD.format("nested messages") +
            "Content-Type: message/rfc822\r\n\r\n" + inner * n +
            "From: x@example.com\r\n\r\nspam from 192.0.2.1\r\n")


def nested_multipart(n):
    out = [HEAD.format("nested multiparts"),
           'Content-Type: multipart/mixed; boundary="b0"\r\n\r\n'
           "--b0\r\nContent-Type: text/plain\r\n\r\n"
           "Our sensor saw an attack from 192.0.2.7.\r\n"]
    for i in range(1, n):
        out.append('--b%d\r\nContent-Type: multipart/mixed; boundary="b%d"'
                   "\r\n\r\n" % (i - 1, i))
    out.append("--b%d\r\nContent-Type: text/plain\r\n\r\ndeep\r\n" % (n - 1))
    out.extend("--b%d--\r\n" % i for i in range(n - 1, -1, -1))
    return "".join(out)


def html_attributes(n):
    attrs = " ".join("a%d" % i for i in range(n))
    return (HEAD.format("html") + "Content-Type: text/html\r\n\r\n"
            "<html><body><p " + attrs +
            ">Phishing page on 192.0.2.9</p></body></html>\r\n")


def many_parts(n):
    out = [HEAD.format("parts"),
           'Content-Type: multipart/mixed; boundary="b"\r\n\r\n']
    for i in range(n):
        out.append("--b\r\nContent-Type: text/plain\r\n\r\n"
                   "part %d: scan from 192.0.2.%d\r\n" % (i, i % 250 + 1))
    out.append("--b--\r\n")
    return "".join(out)


def many_ips(n):
    rows = "".join("attack from 10.%d.%d.%d\r\n" %
                   (i >> 16 & 255, i >> 8 & 255, i & 255) for i in range(n))
    return HEAD.format("addresses") + "\r\n" + rows


def long_line(n):
    return (HEAD.format("one line") + "\r\nscan from 192.0.2.3 " +
            "x" * n + "\r\n")


def zipped_csv(n):
    csv = io.StringIO()
    csv.write('"timestamp","ip","port","hostname","tag"\n')
    for i in range(n):
        csv.write('"2026-06-01 10:00:00","192.0.2.%d",%d,"host%d.example",'
                  '"open-memcached"\n' % (i % 250 + 1, 11211, i))
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
        f.writestr("scan_memcached.csv", csv.getvalue())
    data = base64.encodebytes(z.getvalue()).decode().replace("\n", "\r\n")
    return (HEAD.format("open memcached report") +
            'Content-Type: multipart/mixed; boundary="z"\r\n\r\n'
            "--z\r\nContent-Type: text/plain\r\n\r\n"
            "Open memcached servers in your network are listed in the "
            "attached file.\r\n--z\r\nContent-Type: application/zip; "
            'name="scan.zip"\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
            data + "--z--\r\n")


if __name__ == "__main__":
    sys.stdout.write(globals()[sys.argv[1]](int(sys.argv[2])))
