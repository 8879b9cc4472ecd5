"""Production settings (PRODUCTION=true with a secret key and the host names) pass
`manage.py check --deploy` with no warning at all, nothing silenced; and without any environment
the portal runs with DEBUG off, as `make run` serves it."""

import pytest

from congress.tests.test_settings import BASE_DIR, SECRET, run, settings_seen

PRODUCTION_ENV = {"PRODUCTION": "true", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "renda.example.gov.cn"}


def test_the_deployment_checks_find_nothing_in_production():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in output


def test_the_check_would_see_a_weakened_production():
    """The test above is not blind: turning DEBUG on in production is reported."""
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], DEBUG="true", **PRODUCTION_ENV)
    assert result.returncode != 0 and "security.W018" in result.stdout + result.stderr


@pytest.mark.skipif((BASE_DIR / ".env").exists(), reason="a local .env may turn DEBUG on")
def test_debug_is_off_unless_a_developer_turns_it_on():
    assert settings_seen()["debug"] is False
    assert settings_seen(DEBUG="true")["debug"] is True
