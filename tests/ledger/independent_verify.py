#!/usr/bin/env python3
"""Checks a Mandate inclusion proof with no Mandate code: only the standard library's hashlib and
Debian's python3-cryptography (Ed25519).

Usage: independent_verify.py PROOF_FILE [PROOF_FILE...]

Each PROOF_FILE starts with "verifier_key: <name>+<key id hex>+<base64(0x01 || Ed25519 public
key)>" (C2SP signed-note: the key the reader trusts), followed by the text of
`mandate ledger prove` (ledger::render): "key: value" lines (org, seq, leaf_index, tree_size,
leaf_bytes, leaf_hash, path...), then "checkpoint:" and the signed note.

It checks, following the specifications rather than Mandate's code:
  1. the verifier key (C2SP signed-note): algorithm 0x01, key id = first 4 bytes of
     SHA-256(name || "\\n" || 0x01 || public key);
  2. the note (C2SP signed-note + tlog-checkpoint): a signature line by that key whose Ed25519
     signature over the note body verifies; the body's origin "<name>/org/<org>" and tree size;
  3. the leaf: SHA-256(0x00 || leaf_bytes) (RFC 6962 §2.1), leaf_bytes being JSON whose org and
     seq are the entry's;
  4. the path folded with RFC 9162 §2.1.3.2 gives the root in the signed note.
Prints one line per file, "ok: FILE: ..." or "FAIL: FILE: <the first thing that does not hold>",
and exits 0 when every file holds, 1 otherwise (2: usage). Several files per run, because the
interpreter's start-up costs more than the checks.
"""

import base64
import binascii
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

EM_DASH = "\u2014".encode()


class Invalid(Exception):
    pass


def b64(text):
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as e:
        raise Invalid(f"not base64: {text!r}") from e


def parse_verifier_key(vkey):
    parts = vkey.split("+", 2)  # the base64 key may contain "+"
    if len(parts) != 3:
        raise Invalid("verifier key is not <name>+<id>+<key>")
    name, id_hex, key_b64 = parts
    key = b64(key_b64)
    if len(key) != 33 or key[0] != 0x01:
        raise Invalid("verifier key is not an Ed25519 (0x01) key")
    pub = key[1:]
    want_id = hashlib.sha256(name.encode() + b"\n" + b"\x01" + pub).digest()[:4]
    if len(id_hex) != 8 or bytes.fromhex(id_hex) != want_id:
        raise Invalid("verifier key id does not match its name and key")
    return name, want_id, pub


def parse_proof(data):
    head, sep, note = data.partition(b"\ncheckpoint:\n")
    if not sep:
        raise Invalid("no checkpoint in the proof file")
    fields, path = {}, []
    for line in head.split(b"\n"):
        key, sep, value = line.partition(b": ")
        if not sep:
            raise Invalid(f"malformed line {line!r}")
        key = key.decode()
        if key == "path":
            path.append(bytes.fromhex(value.decode()))
        elif key in fields:
            raise Invalid(f"duplicate field {key}")
        else:
            fields[key] = value
    for key in ("verifier_key", "org", "seq", "leaf_index", "tree_size", "leaf_bytes"):
        if key not in fields:
            raise Invalid(f"missing field {key}")
    return fields, path, note


def open_note(note, name, key_id, pub):
    """Returns the verified body lines of a signed note."""
    body, sep, sigs = note.partition(b"\n\n")
    if not sep or not sigs.endswith(b"\n"):
        raise Invalid("malformed signed note")
    body += b"\n"
    verifier = Ed25519PublicKey.from_public_bytes(pub)
    for line in sigs[:-1].split(b"\n"):
        if not line.startswith(EM_DASH + b" "):
            raise Invalid("malformed signature line")
        sig_name, _, sig_b64 = line[len(EM_DASH) + 1:].rpartition(b" ")
        blob = b64(sig_b64.decode())
        if sig_name.decode() != name or blob[:4] != key_id or len(blob) != 68:
            continue
        try:
            verifier.verify(blob[4:], body)
        except InvalidSignature:
            raise Invalid("the checkpoint signature does not verify")
        return body.decode().split("\n")[:-1]
    raise Invalid("the checkpoint carries no signature by the verifier key")


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_from_inclusion(index, size, leaf_hash, path):
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        raise Invalid("leaf index outside the tree")
    fn, sn, r = index, size - 1, leaf_hash
    for p in path:
        if len(p) != 32:
            raise Invalid("path hash of the wrong length")
        if sn == 0:
            raise Invalid("path longer than the tree is deep")
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise Invalid("path shorter than the tree is deep")
    return r


def check(proof_file):
    with open(proof_file, "rb") as f:
        fields, path, note = parse_proof(f.read())
    name, key_id, pub = parse_verifier_key(fields["verifier_key"].decode())
    org, seq = int(fields["org"]), int(fields["seq"])
    index, size = int(fields["leaf_index"]), int(fields["tree_size"])
    origin, note_size, root_b64, *_ = open_note(note, name, key_id, pub)
    if origin != f"{name}/org/{org}":
        raise Invalid(f"checkpoint origin {origin!r} is not this organization's log")
    if note_size != str(size):
        raise Invalid("the proof's tree size is not the checkpoint's")
    root = b64(root_b64)
    if index != seq - 1:
        raise Invalid("leaf index is not seq - 1")
    leaf_bytes = fields["leaf_bytes"]
    entry = json.loads(leaf_bytes)
    if not isinstance(entry, dict) or entry.get("org") != org or entry.get("seq") != seq:
        raise Invalid("leaf bytes are not this entry's")
    leaf_hash = hashlib.sha256(b"\x00" + leaf_bytes).digest()
    if "leaf_hash" in fields and bytes.fromhex(fields["leaf_hash"].decode()) != leaf_hash:
        raise Invalid("leaf_hash is not SHA-256(0x00 || leaf_bytes)")
    if root_from_inclusion(index, size, leaf_hash, path) != root:
        raise Invalid("the path does not lead to the signed root")
    return f"entry #{seq} of {origin} is in the tree of {size} entries signed by {name}"


def main(argv):
    if len(argv) < 2:
        print("usage: independent_verify.py PROOF_FILE [PROOF_FILE...]", file=sys.stderr)
        return 2
    failed = False
    for proof_file in argv[1:]:
        try:
            print(f"ok: {proof_file}: {check(proof_file)}")
        except (Invalid, ValueError, UnicodeDecodeError, OSError) as e:
            print(f"FAIL: {proof_file}: {e}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
