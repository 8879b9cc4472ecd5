"""portal-draw-v1 as pure functions: a fixed vector worked out independently with hashlib, the
commitment check, and the documented candidate order."""

import hashlib

import pytest

from appointees import draw

SECRET = "00" * 31 + "01"
COMMITMENT = hashlib.sha256(bytes.fromhex(SECRET)).hexdigest()


def test_a_fixed_vector_matches_the_documented_steps():
    candidates = ["A1", "B2", "C3", "D4", "E5"]
    seed = hashlib.sha256(bytes.fromhex(SECRET) + b"|" + b"3 6 1").digest()
    expected = sorted(candidates, key=lambda c: hashlib.sha256(seed + b"|" + c.encode()).hexdigest())[:2]

    result = draw.run(secret_hex=SECRET, commitment=COMMITMENT, public_input="3 6 1", candidates=candidates, k=2)

    assert result.drawn == expected
    assert result.seed_hex == seed.hex()
    assert [code for _key, code in result.ranking][:2] == expected


def test_another_public_input_gives_another_seed():
    a = draw.run(secret_hex=SECRET, commitment=COMMITMENT, public_input="1", candidates=["A", "B"], k=1)
    b = draw.run(secret_hex=SECRET, commitment=COMMITMENT, public_input="2", candidates=["A", "B"], k=1)
    assert a.seed_hex != b.seed_hex


@pytest.mark.parametrize("secret", ["00" * 32, "zz", SECRET[:-2]])
def test_a_secret_that_does_not_match_the_commitment_is_refused(secret):
    with pytest.raises(draw.CommitmentMismatch):
        draw.run(secret_hex=secret, commitment=COMMITMENT, public_input="1", candidates=["A"], k=1)


def test_the_candidate_list_must_be_in_its_documented_order():
    assert draw.candidate_order(["DH-10", "DH-02", "AB-9"]) == ["AB-9", "DH-02", "DH-10"]
    with pytest.raises(ValueError):
        draw.run(secret_hex=SECRET, commitment=COMMITMENT, public_input="1", candidates=["B", "A"], k=1)
    with pytest.raises(ValueError):
        draw.candidate_order(["A", "A"])


def test_the_snippet_alone_reproduces_the_draw():
    result = draw.run(secret_hex=SECRET, commitment=COMMITMENT, public_input="骰子 6 6", candidates=["A", "B", "C"],
                      k=2)
    namespace = {}
    exec(draw.verification_snippet(candidates=["A", "B", "C"], commitment=COMMITMENT, secret_hex=SECRET,  # noqa: S102
                                   public_input="骰子 6 6", k=2), namespace)
    assert namespace["drawn"] == result.drawn


def test_the_snippet_stops_on_a_wrong_secret():
    with pytest.raises(AssertionError):
        exec(draw.verification_snippet(candidates=["A"], commitment=COMMITMENT, secret_hex="00" * 32,  # noqa: S102
                                       public_input="1", k=1), {})


def test_the_module_has_no_django_import():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(draw))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                 and node.module}
    assert "django" not in imported
