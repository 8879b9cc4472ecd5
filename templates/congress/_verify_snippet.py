import hashlib, json, urllib.request

BASE = "{{ base }}"

def get(path):
    return urllib.request.urlopen(BASE + path).read()

previous = ""
for revision in json.loads(get("/api/v1/publications/")):
    data = b"".join(get(url) for url in revision["data"])
    digest = hashlib.sha256(previous.encode("ascii") + data).hexdigest()
    print(revision["quarter"], revision["revision"], digest, "ok" if digest == revision["digest"] else "BROKEN")
    previous = revision["digest"]
