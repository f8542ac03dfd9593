#!/usr/bin/env python3
"""Regenerates the seed corpora in fuzz/corpus/<target>/ from the project's
own fixtures (tests/data/**, data/sample/**, strings in tests/**) plus a few
hand-made hostile shapes. Seeds are named seed-*; reproducers of fixed bugs
(crash-*, named by hand) are kept. Run from the repository's top folder:
    python3 fuzz/make_corpus.py
"""
import glob
import gzip
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
US = b"\x1f"  # field separator of the multi-field targets


def rd(rel):
    with open(os.path.join(ROOT, rel), "rb") as f:
        return f.read()


def lines(rel):
    return [l for l in rd(rel).splitlines() if l.strip()]


def raw_strings(rel):
    """C++ raw string literals R"(...)" in a test file."""
    text = rd(rel).decode("utf-8")
    return [m.encode("utf-8") for m in re.findall(r'R"\((.*?)\)"', text, re.S)]


def quoted_strings(rel, min_len=8):
    """Plain "..." literals with a space in them (test sentences)."""
    text = rd(rel).decode("utf-8")
    out = []
    for m in re.findall(r'"((?:[^"\\\n]|\\.)*)"', text):
        if len(m) >= min_len and " " in m:
            try:
                out.append(bytes(m, "utf-8").decode("unicode_escape").encode("latin-1"))
            except (UnicodeDecodeError, UnicodeEncodeError):
                out.append(m.encode("utf-8"))
    return out


def files(pattern, max_size=65536):
    """The contents of the fixture files matching `pattern` (small ones only)."""
    paths = sorted(glob.glob(os.path.join(ROOT, pattern), recursive=True))
    return [open(f, "rb").read() for f in paths if os.path.isfile(f) and os.path.getsize(f) < max_size]


def post_texts():
    texts = []
    for rel in ["data/sample/x_search_pages.jsonl", "tests/data/connectors/file_source/pages.jsonl"]:
        for l in lines(rel):
            try:
                page = json.loads(l)
            except ValueError:
                continue
            data = page.get("data", [])
            for t in data if isinstance(data, list) else [data]:
                if isinstance(t, dict) and "text" in t:
                    texts.append(t["text"].encode("utf-8"))
    return texts


def write(target, seeds):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    for f in glob.glob(os.path.join(d, "seed-*")):
        os.remove(f)
    seen = set()
    for s in seeds:
        h = hashlib.sha1(s).hexdigest()[:16]
        if h in seen:
            continue
        seen.add(h)
        with open(os.path.join(d, "seed-" + h), "wb") as f:
            f.write(s)
    return len(seen)


# Hostile JSON shapes shared by the parser targets.
HOSTILE_JSON = [
    b"",
    b"\xef\xbb\xbf" + b'{"id":"1","text":"bom","author_id":"2","created_at":"2026-01-01T00:00:00Z"}',
    b'{"id":"1","text":"crlf\\r\\n","author_id":"2","created_at":"2026-01-01T00:00:00Z"}\r\n',
    b"[" * 2000 + b"]" * 2000,
    b'{"data":' + b"[" * 300 + b"]" * 300 + b"}",
    b'{"id":123456789012345678901234567890,"text":"big id","author_id":2,"created_at":"2026-01-01T00:00:00Z"}',
    b'{"id":18446744073709551616,"text":"2^64","author_id":"2","created_at":"2026-01-01T00:00:00Z"}',
    b'{"id":-1,"text":"negative","author_id":1.5e300,"created_at":"2026-01-01T00:00:00Z"}',
    b'{"id":"1","id":"2","text":"dup","text":"keys","author_id":"3","created_at":"2026-01-01T00:00:00Z"}',
    b'{"id":"1","text":"lone \\ud800 surrogate","author_id":"2","created_at":"2026-01-01T00:00:00Z"}',
    b'{"id":"1","text":"pair \\ud83d\\ude00 ok","author_id":"2","created_at":"2026-01-01T00:00:00Z"}',
    b'{"id":"1","text":"low \\udc00 first","author_id":"2","created_at":"2026-01-01T00:00:00Z"}',
    b'{"id":"1","text":"nul \\u0000 in","author_id":"2","created_at":"2026-01-01T00:00:00Z"}',
    b'{"id":"1","text":"raw nul \x00 byte","author_id":"2","created_at":"2026-01-01T00:00:00Z"}',
    b'{"id":"1","text":"bad \xff\xfe utf8","author_id":"2","created_at":"2026-01-01T00:00:00Z"}',
    b'{"id":"1","text":"overlong \xc0\xaf slash","author_id":"2","created_at":"2026-01-01T00:00:00Z"}',
    b'{"id":"1","text":"surrogate \xed\xa0\x80 utf8","author_id":"2","created_at":"2026-01-01T00:00:00Z"}',
    b'{"id":"1","text":"&#xD800; &#0; &#x110000; &#99999999999; &amp;lt;","author_id":"2","created_at":"2026-01-01T00:00:00Z"}',
    b'{"data":[{"id":"1","text":"ok","author_id":"2","created_at":"2026-01-01T00:00:00Z"},'
    b'{"id":"2","text":"bad \xff","author_id":"2","created_at":"2026-01-01T00:00:00Z"},'
    b'{"text":"no id","author_id":"2","created_at":"2026-01-01T00:00:00Z"},'
    b'{"id":"4","text":"bad date","author_id":"2","created_at":"2026-13-45T99:99:99Z"},'
    b'{"id":{"nested":1},"text":"id object","author_id":"2","created_at":"2026-01-01T00:00:00Z"}]}',
    b'{"data":[{"id":"1","text":"truncated","author_id":"2","created_at":"2026-01-01T00:00:00Z"},{"id":"2","te',
    b'{"data":[],"includes":{"users":[{"id":"1","username":"a","name":"\xe2\x80\xae' b'evil"}]},"errors":[{"title":1,"detail":null}]}',
    b'{"data":null,"meta":{"result_count":0}}',
    b'{"statuses":[{"id":1,"id_str":"1","full_text":"v1 =HYPERLINK(\\"x\\")","created_at":"Thu Jun 01 17:37:00 +0000 2023",'
    b'"user":{"id_str":"5","screen_name":"s","name":"<script>alert(1)</script>"},"entities":{"user_mentions":[{"screen_name":"m","id_str":"6"}]}}]}',
    b'{"id":"1","text":"\xe2\x80\x8b\xe2\x80\x8f\xe2\x80\xae\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 e\xcc\x81\xcc\x81\xcc\x81","author_id":"2","created_at":"2026-01-01T00:00:00+05:30"}',
    b'{"id":"1","text":"x","author_id":"2","created_at":"2026-01-01T00:00:00Z"} trailing',
    b'"just a string"',
    b"1e999999",
    b"[{}]",
    b'{"note_tweet":{"text":"long note"},"id":"9","author_id":"2","created_at":"9999-12-31T23:59:60-99:59","text":"short"}',
]

X_ARCHIVE_HOSTILE = [
    b"window.YTD.tweets.part0 = []",
    b"window.YTD.tweets.part0 = ",
    b"window.YTD.tweets.part0 = [{\"tweet\":{\"id_str\":\"1\",\"full_text\":\"x\",\"created_at\":\"Thu Jun 01 17:37:00 +0000 2023\"}},{\"tweet\":[]},{\"tweet\":{\"id\":\"1\"}}]",
    b"window.YTD.tweets.part0 = {\"not\":\"an array\"}",
    b"window.YTD.tweets.part0 = [" + b"[" * 500,
    b"no assignment at all",
    b"==[{\"tweet\":{\"id_str\":\"\xff\"}}]",
]

BLUESKY = [
    b'{"feed":[{"post":{"uri":"at://did:plc:abc123/app.bsky.feed.post/3k2a","cid":"bafy","author":{"did":"did:plc:abc123",'
    b'"handle":"dana.bsky.social","displayName":"Dana"},"record":{"$type":"app.bsky.feed.post","text":"My dog Rover @sam.bsky.social #MarathonTraining",'
    b'"createdAt":"2026-05-03T21:04:31.000Z","langs":["en"],"facets":[{"index":{"byteStart":13,"byteEnd":30},"features":[{"$type":"app.bsky.richtext.facet#mention","did":"did:plc:sam"}]},'
    b'{"index":{"byteStart":31,"byteEnd":48},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"MarathonTraining"}]}],'
    b'"reply":{"root":{"uri":"at://did:plc:x/app.bsky.feed.post/1","cid":"c"},"parent":{"uri":"at://did:plc:y/app.bsky.feed.post/2","cid":"c"}}},'
    b'"indexedAt":"2026-05-03T21:04:32.000Z"},"reason":{"$type":"app.bsky.feed.defs#reasonRepost","by":{"did":"did:plc:z","handle":"z.bsky.social"}}}],"cursor":"abc"}',
    b'{"thread":{"$type":"app.bsky.feed.defs#threadViewPost","post":{"uri":"at://did:plc:a/app.bsky.feed.post/1","author":{"did":"did:plc:a","handle":"a.test"},'
    b'"record":{"text":"root","createdAt":"2026-01-01T00:00:00Z"}},"replies":[{"$type":"app.bsky.feed.defs#threadViewPost","post":{"uri":"at://did:plc:b/app.bsky.feed.post/2",'
    b'"author":{"did":"did:plc:b","handle":"b.test"},"record":{"text":"reply","createdAt":"2026-01-01T00:00:01Z","reply":{"root":{"uri":"at://did:plc:a/app.bsky.feed.post/1"},'
    b'"parent":{"uri":"at://did:plc:a/app.bsky.feed.post/1"}}}},"replies":[]},{"$type":"app.bsky.feed.defs#notFoundPost","uri":"at://x","notFound":true}]}}',
    b'{"posts":[{"uri":"at://did:plc:a/app.bsky.feed.post/1","author":{"did":"did:plc:a","handle":"a.test"},"record":{"text":"\xff bad","createdAt":"bad date"}},'
    b'{"uri":"at://did:plc:a/app.bsky.feed.post/2","record":{"text":"no author","createdAt":"2026-01-01T00:00:00Z"}}],"hitsTotal":2}',
    b'{"error":"InvalidRequest","message":"Error: actor must be a valid did or a handle"}',
    b'{"feed":' + b"[" * 200 + b"]" * 200 + b"}",
    b'{"feed":[{"post":{"uri":"at://did:plc:a/app.bsky.feed.post/1","author":{"did":"did:plc:a","handle":"a.test"},"record":{"text":"facets out of range","createdAt":"2026-01-01T00:00:00Z",'
    b'"facets":[{"index":{"byteStart":99999999999999999999,"byteEnd":-5},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"javascript:alert(1)"}]}]}}}]}',
]

MASTODON = [
    b'[{"id":"110000000000000001","created_at":"2026-05-03T21:04:31.000Z","in_reply_to_id":null,"in_reply_to_account_id":null,"language":"en",'
    b'"url":"https://mastodon.social/@dana/110000000000000001","content":"<p>My dog <a href=\\"https://x\\">Rover</a> &amp; me<br>line two</p><p>#<span>Marathon</span></p>",'
    b'"account":{"id":"1","username":"dana","acct":"dana","display_name":"Dana","url":"https://mastodon.social/@dana"},'
    b'"mentions":[{"id":"2","username":"sam","acct":"sam@example.org","url":"https://example.org/@sam"}],"tags":[{"name":"marathon","url":"https://mastodon.social/tags/marathon"}],'
    b'"reblog":null}]',
    b'{"id":"2","created_at":"2026-01-01T00:00:00Z","content":"<script>alert(1)</script><p>&lt;b&gt; &#x1F600; &#0; &bogus;</p>","account":{"id":"3","acct":"x@y","url":"https://y/@x"},'
    b'"reblog":{"id":"9","created_at":"2026-01-01T00:00:00Z","content":"<p>boosted</p>","account":{"id":"4","acct":"b"}}}',
    b'{"ancestors":[{"id":"1","created_at":"2026-01-01T00:00:00Z","content":"<p>root</p>","account":{"id":"5","acct":"r","url":"https://m.example/@r"}}],'
    b'"descendants":[{"id":"3","created_at":"2026-01-01T00:00:02Z","in_reply_to_id":"1","in_reply_to_account_id":"5","content":"<p>re</p>","account":{"id":"6","acct":"q"}}]}',
    b'{"error":"Record not found"}',
    b'[{"id":1,"created_at":"bad","content":"<p unclosed","account":{"id":null}},{"content":"' + b"<br>" * 500 + b'"}]',
    b'[' + b'{"id":"1","content":"<' * 50 + b']',
]


def main():
    counts = {}
    # --- parsers
    parser_seeds = []
    for rel in ["data/sample/x_search_pages.jsonl", "tests/data/connectors/file_source/pages.jsonl"]:
        parser_seeds += lines(rel)
    parser_seeds.append(rd("tests/data/connectors/file_source/search_response.json"))
    parser_seeds += files("tests/data/connectors/x_api/*.json")
    parser_seeds += [s for s in raw_strings("tests/pipeline/post_parser_test.cc") if s.lstrip()[:1] in (b"{", b"[")]
    parser_seeds += HOSTILE_JSON
    counts["post_parser"] = write("post_parser", parser_seeds + BLUESKY[:2] + MASTODON[:2])

    archive_seeds = [rd("data/sample/archive-dana/tweets.js"),
                     rd("tests/data/connectors/file_source/x_archive/data/tweets.js")]
    archive_seeds += [s for s in raw_strings("tests/pipeline/post_parser_test.cc") if s.startswith(b"window.YTD")]
    archive_seeds += X_ARCHIVE_HOSTILE
    counts["x_archive"] = write("x_archive", archive_seeds)

    bsky = list(BLUESKY) + files("tests/data/**/bluesky/*")
    counts["bluesky"] = write("bluesky", bsky + HOSTILE_JSON[:6])
    masto = list(MASTODON) + files("tests/data/**/mastodon/*")
    counts["mastodon"] = write("mastodon", masto + HOSTILE_JSON[:6])

    # --- file connector: flag byte, then the file (see file_source_fuzzer.cc)
    pages = rd("tests/data/connectors/file_source/pages.jsonl")
    tweets = rd("tests/data/connectors/file_source/x_archive/data/tweets.js")
    account = rd("tests/data/connectors/file_source/x_archive/data/account.js")
    fs = [
        b"\x00" + pages,
        b"\x01" + pages,
        b"\x04" + pages,
        b"\x00" + gzip.compress(pages, mtime=0),
        b"\x00" + gzip.compress(pages, mtime=0)[:60],  # truncated gzip
        b"\x04" + gzip.compress(b"\n" * 100000, mtime=0),  # inflates past the tight cap
        b"\x00" + rd("tests/data/connectors/file_source/search_response.json"),
        b"\x00\xef\xbb\xbf" + pages.replace(b"\n", b"\r\n"),
        b"\x02" + tweets + US + account,
        b"\x03" + tweets + US + account,
        b"\x02" + tweets,
        b"\x02" + tweets + US + b"window.YTD.account.part0 = [{\"account\":{}}]",
        b"\x00",
        b"\x00\x00\x01binary",
        b"\x00not json at all\n",
        b"\x04" + b"{" + b"x" * 300 + b"}\n{}\n",
    ]
    counts["file_source"] = write("file_source", fs)

    # --- text
    texts = post_texts()
    for rel in sorted(glob.glob(os.path.join(ROOT, "tests/nlp/*_test.cc"))):
        texts += quoted_strings(os.path.relpath(rel, ROOT))
    hostile_text = [
        b"", b"\xff\xfe\xfd", b"cut \xe2\x82", b"emoji cut \xf0\x9f\x98", b"\xc0\xaf\xe0\x80\xaf\xed\xa0\x80\xf4\x90\x80\x80", b"a\x00b",
        "Ｆｕｌｌ Straße ﬁ İstanbul ǅ".encode(), "e\u0301\u0301\u0301\u0301 Z\u0335\u0321\u034e".encode(),
        "\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069 hi".encode(),
        "👨‍👩‍👧‍👦 🏃🏽‍♀️ 🇯🇵 #️⃣ 1️⃣ ❤️".encode(), "مرحبا بالعالم שלום".encode(),
        b"Soooooooooo proud of @sam_r!! #MarathonTraining https://t.co/x &amp; more",
        b"&#xD800; &#x110000; &#0; &#65; &NotAnEntity; &amp &#x1F600;",
        b"=HYPERLINK(\"http://evil\",\"x\") +1 -1 @SUM(A1) \t\r",
        b"<script>alert(1)</script><img src=x onerror=alert(1)>",
        b"Happy birthday @sam! My dog Rover turned 5. I don't eat meat.",
        b"www.example.com http://a.b/c?d=e&f=g (https://x.y) user@mail.com",
        "Ａ".encode() * 200,
    ]
    counts["normalizer"] = write("normalizer", texts + hostile_text)
    counts["tokenizer"] = write("tokenizer", texts + hostile_text)
    ext = texts + hostile_text + [
        b"Happy birthday @sam_okafor!" + US + b"en" + US + b"1790000000" + US + b"sam_okafor",
        b"Congrats on the new job @priya_nair!" + US + b"en" + US + b"1777842271" + US + b"priya_nair",
        b"Happy anniversary @alex and @dana!" + US + US + b"-360000" + US + b"alex" + US + b"dana",
        b"My dog Rover" + US + b"ja",
    ]
    counts["extractor"] = write("extractor", ext)

    # --- writers
    w = hostile_text + texts[:20] + [
        b"dog: Rover" + US + b"Dana Rios" + US + b"dana_rios" + US + b"My dog Rover sleeps" + US +
        b"https://x.com/dana_rios/status/1" + US + b"pet" + US + b"1093321775" + US + b"1" + US + b"c1f0" + US +
        b"x" + US + b"2026-05-03T21:04:31Z" + US + b"2026-05-04T21:04:31Z" + US + b"3.25" + US + b"dana_rios" +
        US + b"2026-05-05" + US + b"second evidence",
        b"=cmd|' /C calc'!A0" + US + b"+name" + US + b"-user" + US + b"@text" + US + b"javascript:alert(1)",
        b"x" + US + b"\"><script>alert(1)</script>" + US + b"a\"b" + US + b"</blockquote><b>" + US +
        b"https://ok/\"onmouseover=\"alert(1)" + US + b"<cat>" + US * 7 + b"nan",
        b"v" + US * 12 + b"-inf",
        b"v" + US * 12 + b"1e308",
        b"v" + US * 12 + b"-0",
        b"a,b\r\nc\"d" + US + b" =1 " + US + b"\t=tab",
    ]
    counts["csv"] = write("csv", w)
    counts["html"] = write("html", w)
    jt = hostile_text + [s for s in raw_strings("tests/export/dead_letter_test.cc")] + \
        [s for s in raw_strings("tests/export/json_text_test.cc")] + [
        b"\xe2\x80\xa8\xe2\x80\xa9\x7f\x01\x1b",
        b'{"id":1}' + US + b"file.jsonl:3" + US + b"missing id",
        "é".encode() * 40 + b"\xff",
        b"a" * 63 + "€".encode(),
        b"a" * 62 + "€".encode(),
    ]
    counts["json_text"] = write("json_text", jt)
    if os.path.exists(os.path.join(ROOT, "pipeline/export/crm_exporters.h")):
        counts["vcard"] = write("vcard", w + [
            b"Dana;Rios" + US + b"Dana,\\Rios" + US + b"dana\r\nBEGIN:VCARD" + US + b"END:VCARD\nX-EVIL:1",
            "Ünïcödé 名前 ".encode() * 30,
        ])

    # --- review server requests: body, Host, Origin (see review_request_fuzzer.cc)
    if os.path.exists(os.path.join(ROOT, "review/decision_request.h")):
        rr = [
            b'{"candidate_id":"c1f0a6d29e03b7a4","status":"accepted"}' + US + b"127.0.0.1:8377" + US + b"http://127.0.0.1:8377",
            b'{"candidate_id":"c1","status":"edited","value":"  dog: Rover  "}' + US + b"localhost:8377" + US + b"http://localhost:8377",
            b'{"candidate_id":"c1","status":"edited","value":"a\u2028b"}' + US + b"[::1]:8377" + US + b"http://[::1]:8377",
            b'{"candidate_id":"c1","status":"edited","value":"\u0085 x"}' + US + b"evil.example:8377" + US + b"http://evil.example:8377",
            b'{"candidate_id":"../../etc","status":"rejected","value":5}' + US + b"127.0.0.1:8377@evil" + US + b"http://127.0.0.1:8377/x",
            b'{"candidate_id":"c1","status":"edited","value":"' + "é".encode() * 501 + b'"}' + US + b"127.1:8377" + US + b"HTTP://LOCALHOST:8377",
            b'{"candidate_id":"c1","status":"edited","value":null} trailing' + US + b"0x7f.1:8377" + US + b"null",
            b'{"candidate_id":"c1","candidate_id":"c2","status":"accepted","status":"edited","value":"x"}' + US + b"localhost" + US + b"http://localhost",
            b"[" * 5000 + US + b"127.0.0.1:08377" + US + b"http://127.0.0.1:+8377",
            b"",
        ]
        counts["review_request"] = write("review_request", rr)

    # --- config
    ini = rd("config/rapport.ini")
    cfg = [ini, b"", b"threads = 4\ntop-k=5\n", b"[section]\nthreads=1\n", b"thread = 4\n", b"threads = -1\n",
           b"threads = 99999999999999999999\n", b"top-k = abc\n", b"threads=1\nthreads=2\n", b"=\n==\n[\n]\n",
           b"input = a,b\ninput = c\nx-users = @a, b ,,\n", b"log-level = \xff\n", b"\xef\xbb\xbfthreads = 2\r\n",
           b"help = 1\n", b"config = /dev/null\n", b"out =\n",
           b"threads = 4" + US + b"RAPPORT_TOP_K=0" + US + b"RAPPORT_THREADS=x" + US + b"RAPPORT_X_BEARER_TOKEN=s",
           b"# comment\n; other\n  evidence = 101  \n"]
    counts["config"] = write("config", cfg)

    total = 0
    for dp, _, fns in os.walk(CORPUS):
        total += sum(os.path.getsize(os.path.join(dp, f)) for f in fns)
    for k, v in counts.items():
        print(f"{k}: {v} seeds")
    print(f"total corpus size: {total} bytes")
    if total > 2 * 1024 * 1024:
        sys.exit("corpus over 2 MB")


if __name__ == "__main__":
    main()
