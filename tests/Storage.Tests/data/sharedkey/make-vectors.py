#!/usr/bin/env python3
"""Writes vectors.json: SharedKey signatures computed with Python's hmac/hashlib, independently of the C# code.

Each case gives the request (as the C# test builds it), the string-to-sign that the documented rules produce for
it (written out by hand here), the Base64 account key, and Base64(HMAC-SHA256(Base64Decode(key), UTF-8(string))).
Run: /usr/bin/python3 make-vectors.py > vectors.json
"""
import base64, hashlib, hmac, json

DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
OTHER_KEY = base64.b64encode(bytes(range(64))).decode()
DATE = "Sun, 22 Nov 2026 09:30:00 GMT"

cases = [
    {
        "name": "get-blob-path-style",
        "account": "devstoreaccount1", "key": DEV_KEY,
        "method": "GET", "url": "http://127.0.0.1:10000/devstoreaccount1/jobs/j-1/job.json",
        "headers": {"x-ms-date": DATE, "x-ms-version": "2025-11-05", "x-ms-client-request-id": "c1"},
        "contentLength": None, "contentType": None,
        "stringToSign": "GET\n\n\n\n\n\n\n\n\n\n\n\n"
            "x-ms-client-request-id:c1\nx-ms-date:" + DATE + "\nx-ms-version:2025-11-05\n"
            "/devstoreaccount1/devstoreaccount1/jobs/j-1/job.json",
    },
    {
        "name": "put-blob-create-only",
        "account": "myaccount", "key": OTHER_KEY,
        "method": "PUT", "url": "https://myaccount.blob.core.windows.net/pipeline/jobs/a%20b/_done/x",
        "headers": {"x-ms-date": DATE, "x-ms-version": "2025-11-05", "x-ms-blob-type": "BlockBlob", "If-None-Match": "*"},
        "contentLength": 11, "contentType": "application/octet-stream",
        "stringToSign": "PUT\n\n\n11\n\napplication/octet-stream\n\n\n\n*\n\n\n"
            "x-ms-blob-type:BlockBlob\nx-ms-date:" + DATE + "\nx-ms-version:2025-11-05\n"
            "/myaccount/pipeline/jobs/a%20b/_done/x",
    },
    {
        "name": "list-blobs-query-sorted-and-decoded",
        "account": "myaccount", "key": OTHER_KEY,
        "method": "GET", "url": "https://myaccount.blob.core.windows.net/pipeline?restype=container&comp=list&prefix=jobs%2Fj-1%2F&maxresults=100",
        "headers": {"x-ms-date": DATE, "x-ms-version": "2025-11-05"},
        "contentLength": None, "contentType": None,
        "stringToSign": "GET\n\n\n\n\n\n\n\n\n\n\n\n"
            "x-ms-date:" + DATE + "\nx-ms-version:2025-11-05\n"
            "/myaccount/pipeline\ncomp:list\nmaxresults:100\nprefix:jobs/j-1/\nrestype:container",
    },
    {
        "name": "put-blob-if-match-empty-body-range-header",
        "account": "myaccount", "key": DEV_KEY,
        "method": "PUT", "url": "https://myaccount.blob.core.windows.net/pipeline/status.json",
        "headers": {"x-ms-date": DATE, "x-ms-version": "2025-11-05", "If-Match": "\"0x8DD1\"", "x-ms-meta-Note": "  two   spaces  "},
        "contentLength": 0, "contentType": None,
        "stringToSign": "PUT\n\n\n\n\n\n\n\n\"0x8DD1\"\n\n\n\n"
            "x-ms-date:" + DATE + "\nx-ms-meta-note:two spaces\nx-ms-version:2025-11-05\n"
            "/myaccount/pipeline/status.json",
    },
]

for case in cases:
    key = base64.b64decode(case["key"])
    case["signature"] = base64.b64encode(hmac.new(key, case["stringToSign"].encode("utf-8"), hashlib.sha256).digest()).decode()

print(json.dumps(cases, indent=2))
