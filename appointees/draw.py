"""The verifiable draw of oral reporters, algorithm "portal-draw-v1". Pure Python (hashlib only,
no Django), so the portal, the tests and anyone checking a published draw run the same steps.

1. Before the meeting the portal fixes the candidate list — candidate codes sorted ascending by
   Unicode code point — and a secret of 32 random bytes from `secrets`; it publishes the list and
   the commitment SHA-256(secret), written as lower-case hex.
2. At the meeting a member enters a public input (e.g. dice rolls) in front of everyone.
3. seed = SHA-256(secret || "|" || public_input as UTF-8)            (raw 32 bytes)
4. each candidate's key = SHA-256(seed || "|" || candidate code as UTF-8), as lower-case hex
5. candidates are ranked by ascending key (ties, which SHA-256 makes impossible in practice,
   by ascending code); the first k are drawn, in that rank order.

Nobody can steer the result: the secret is fixed (committed) before the public input exists, and
the public input is chosen in the room after the commitment is published; neither party alone
knows the outcome in advance. No language's random generator is involved, so the draw can be
re-run in any language that has SHA-256.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets as _secrets
from collections.abc import Sequence
from dataclasses import dataclass

ALGORITHM = "portal-draw-v1"
SECRET_BYTES = 32
SEPARATOR = b"|"


class CommitmentMismatch(ValueError):
    """The revealed secret is not the one committed to."""


@dataclass(frozen=True)
class DrawResult:
    seed_hex: str
    ranking: list[tuple[str, str]]  # (key hex, candidate code), every candidate, in rank order
    drawn: list[str]  # the first k codes


def new_secret() -> str:
    """A fresh secret, as lower-case hex."""
    return _secrets.token_hex(SECRET_BYTES)


def commitment_of(secret_hex: str) -> str:
    return hashlib.sha256(bytes.fromhex(secret_hex)).hexdigest()


def check_commitment(secret_hex: str, commitment: str) -> None:
    """Raise CommitmentMismatch unless SHA-256(secret) is the commitment."""
    try:
        actual = commitment_of(secret_hex)
    except ValueError as error:
        raise CommitmentMismatch("the secret is not hexadecimal") from error
    if not hmac.compare_digest(actual, commitment.lower()):
        raise CommitmentMismatch("SHA-256 of the secret is not the commitment")


def candidate_order(codes: Sequence[str]) -> list[str]:
    """The documented order of the candidate list: codes ascending by Unicode code point."""
    ordered = sorted(codes)
    if len(set(ordered)) != len(ordered):
        raise ValueError("candidate codes must be unique")
    return ordered


def run(*, secret_hex: str, commitment: str, public_input: str, candidates: Sequence[str], k: int) -> DrawResult:
    """Check the commitment, then draw k of `candidates` (in their documented order)."""
    check_commitment(secret_hex, commitment)
    if list(candidates) != candidate_order(candidates):
        raise ValueError("candidates must be in their documented order")
    if not 1 <= k <= len(candidates):
        raise ValueError("k must be between 1 and the number of candidates")
    seed = hashlib.sha256(bytes.fromhex(secret_hex) + SEPARATOR + public_input.encode("utf-8")).digest()
    ranking = sorted((hashlib.sha256(seed + SEPARATOR + code.encode("utf-8")).hexdigest(), code)
                     for code in candidates)
    return DrawResult(seed_hex=seed.hex(), ranking=ranking, drawn=[code for _key, code in ranking[:k]])


SNIPPET = '''import hashlib

candidates = {candidates!r}  # the published list, in its documented order
commitment = "{commitment}"
secret_hex = "{secret_hex}"
public_input = {public_input!r}
k = {k}

secret = bytes.fromhex(secret_hex)
assert hashlib.sha256(secret).hexdigest() == commitment, "the secret does not match the commitment"
seed = hashlib.sha256(secret + b"|" + public_input.encode("utf-8")).digest()
keys = sorted((hashlib.sha256(seed + b"|" + code.encode("utf-8")).hexdigest(), code) for code in candidates)
drawn = [code for key, code in keys[:k]]
print(drawn)
'''


def verification_snippet(*, candidates: Sequence[str], commitment: str, secret_hex: str, public_input: str,
                         k: int) -> str:
    """A self-contained Python program (hashlib only) that checks the commitment and prints the draw."""
    return SNIPPET.format(candidates=list(candidates), commitment=commitment, secret_hex=secret_hex,
                          public_input=public_input, k=k)
