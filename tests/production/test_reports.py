"""What the site offers to whoever reports a problem: the CSP endpoint, security.txt."""

import datetime as dt
import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

REPORT_URL = "/csp-zinojumi/"
SECURITY_LOGGER = "platform_site.security"

A_REPORT = {
    "csp-report": {
        "document-uri": "https://romu-platforma.example/konts/uzaicinajums/slepens-zetons-123/",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; report-uri /csp-zinojumi/",
        "blocked-uri": "https://skaititajs.example/izsekot.js?lietotajs=ilze@example.invalid",
        "status-code": 200,
    }
}
A_REPORTING_API_REPORT = [
    {
        "type": "csp-violation",
        "url": "https://romu-platforma.example/par/",
        "body": {
            "documentURL": "https://romu-platforma.example/par/",
            "effectiveDirective": "style-src-attr",
            "blockedURL": "inline",
            "disposition": "enforce",
        },
    }
]


def report(client, body, content_type="application/csp-report"):
    if not isinstance(body, bytes | str):
        body = json.dumps(body)
    return client.post(REPORT_URL, body, content_type=content_type)


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == SECURITY_LOGGER]


class TestCspReports:
    def test_a_report_is_taken_without_a_csrf_token(self, caplog):
        client = Client(enforce_csrf_checks=True)

        response = report(client, A_REPORT)

        assert response.status_code == 204
        assert warnings_of(caplog) == [
            "CSP violation: script-src-elem blocked https://skaititajs.example"
            " on invitations:accept"
        ]

    def test_the_log_holds_no_token_or_address_from_the_report(self, client, caplog):
        report(client, A_REPORT)

        (line,) = warnings_of(caplog)
        assert "slepens-zetons-123" not in line
        assert "ilze@example.invalid" not in line

    def test_the_reporting_api_format_is_taken_too(self, client, caplog):
        response = report(client, A_REPORTING_API_REPORT, "application/reports+json")

        assert response.status_code == 204
        assert warnings_of(caplog) == ["CSP violation: style-src-attr blocked inline on about"]

    @pytest.mark.parametrize(
        "junk",
        [
            b"",
            b"not json",
            b"\xff\xfe\x00broken",
            b"[" * 10_000 + b"]" * 10_000,
            b"null",
            b"42",
            b'{"csp-report": "a string"}',
            b'{"csp-report": {"effective-directive": ["a", "list"], "blocked-uri": 7}}',
            b'[{"body": null}, 1, "x"]',
            json.dumps({"csp-report": {"effective-directive": "x\nERROR forged line"}}).encode(),
        ],
    )
    def test_junk_is_answered_204_and_never_breaks_anything(self, client, junk, caplog):
        response = report(client, junk)

        assert response.status_code == 204
        assert all("\n" not in line for line in warnings_of(caplog))

    def test_an_oversized_report_is_not_logged(self, client, caplog):
        huge = {"csp-report": {**A_REPORT["csp-report"], "script-sample": "x" * 20_000}}

        response = report(client, huge)

        assert response.status_code == 204
        assert warnings_of(caplog) == []

    def test_a_long_value_is_cut_short_in_the_log(self, client, caplog):
        long_directive = {"csp-report": {"effective-directive": "x" * 5_000}}

        report(client, long_directive)

        (line,) = warnings_of(caplog)
        assert len(line) < 300

    def test_reading_it_is_not_allowed(self, client):
        assert client.get(REPORT_URL).status_code == 405

    def test_the_policy_points_browsers_to_it(self, client):
        policy = client.get("/par/")["Content-Security-Policy"]

        assert f"report-uri {REPORT_URL}" in policy


class TestSecurityTxt:
    def fields(self, client) -> dict[str, str]:
        response = client.get("/.well-known/security.txt", secure=True)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        lines = [line for line in response.text.splitlines() if line and not line.startswith("#")]
        return dict(line.split(": ", 1) for line in lines)

    def test_it_says_whom_to_write_to(self, client):
        assert self.fields(client)["Contact"] == "mailto:pasts@km.gov.lv"

    def test_it_expires_within_a_year_of_its_review(self, client):
        reviewed = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)

        expires = dt.datetime.fromisoformat(self.fields(client)["Expires"])

        assert reviewed < expires <= reviewed + dt.timedelta(days=365)

    def test_it_names_its_languages_and_its_canonical_address(self, client):
        fields = self.fields(client)

        assert fields["Preferred-Languages"] == "lv, en"
        assert fields["Canonical"] == "https://testserver/.well-known/security.txt"

    def test_it_has_only_the_fields_of_rfc_9116(self, client):
        known = {"Acknowledgments", "Canonical", "Contact", "Encryption", "Expires"}
        known |= {"Hiring", "Policy", "Preferred-Languages"}

        assert set(self.fields(client)) <= known
