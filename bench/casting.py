"""Benchmark part: secret ballots cast concurrently through gunicorn (bench/run.py, part "ballots").

N deputies (each a login with an API token) cast a key-project ballot through the real endpoint
(POST /api/v1/projects/ballots/<pk>/cast/), then the same N, as standing committee members, submit
an appointee rating session (POST /api/v1/appointees/ratings/<pk>/ballot/), from 32 concurrent
clients, each request a different deputy. Reported: ballots/s, p95, server errors (5xx) and
duplicates — receipts per deputy ≤ 1 and the anonymous counters adding up to the receipts — which
must be 0; then all 32 clients send a second ballot of one deputy at once: exactly 0 more are saved.

The floor is the SQL of one cast (lock the ballot row, check the paper and the receipt, insert the
receipt, add to the counters), committed one cast after another from one connection, on a second
ballot of the same shape. Every cast takes the ballot row lock (select_for_update), so casts on one
ballot are serial whatever the number of clients: the database's serial cast rate is the ceiling
the server can approach, which /healthz (no lock, no write) would not show.

The deputies, logins, tokens, term, projects, ballots and sessions are created for the run and
deleted by SQL afterwards (even when the run fails): the database is left as it was found."""

from __future__ import annotations

import http.client
import json
import threading
import time
from datetime import date

BENCH_YEAR = 2090  # a year no real ballot or session uses
CANDIDATES, SEATS, OFFICIALS = 6, 3, 8


class Scratch:
    """The deputies, logins and ballots of one run; `cleanup()` deletes them by SQL."""

    def __init__(self, count: int):
        self.count = count
        self.ids: dict[str, list[int]] = {}

    def create(self) -> Scratch:
        import secrets

        from django.contrib.auth.models import Group
        from django.utils import timezone
        from rest_framework.authtoken.models import Token

        from appointees.models import Appointee, RatingMember, RatingOfficial, RatingSession
        from congress.models import CongressSession, Deputy, Organization, SessionKind, Street, Term, User
        from congress.roles import Role, sync_role_groups
        from projects.models import Ballot, BallotStatus, Candidacy, KeyProject

        sync_role_groups()
        from congress.models import PageVersion

        # Casting changes what public pages show: the page versions logged meanwhile go too.
        self.ids["pageversion"] = [PageVersion.objects.order_by("-pk").values_list("pk", flat=True).first() or 0]
        number = (Term.objects.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        term = Term.objects.create(number=number, start_year=BENCH_YEAR, end_year=BENCH_YEAR + 4)
        self.ids["term"] = [term.pk]
        users = User.objects.bulk_create([User(username=f"bench-voter-{term.pk}-{i}", password="!")
                                          for i in range(self.count)])
        self.ids["users"] = [u.pk for u in users]
        groups = Group.objects.filter(name__in=[Role.DEPUTY.value, Role.COMMITTEE_MEMBER.value])
        through = User.groups.through
        through.objects.bulk_create([through(user_id=u.pk, group_id=g.pk) for u in users for g in groups])
        street = Street.objects.order_by("pk").first()
        deputies = Deputy.objects.bulk_create([
            Deputy(term=term, code=f"B{term.pk}-{i:05d}", name=f"基准代表{i}", gender="male", street=street,
                   status="serving", is_committee_member=True, user=u) for i, u in enumerate(users)])
        self.ids["deputies"] = [d.pk for d in deputies]
        self.tokens = [t.key for t in Token.objects.bulk_create(
            [Token(user=u, key=secrets.token_hex(20)) for u in users])]
        unit = Organization.objects.order_by("pk").first()
        projects = KeyProject.objects.bulk_create([
            KeyProject(year=BENCH_YEAR, title=f"基准候选项目 {term.pk}-{i}", lead_unit=unit, budget=100,
                       planned_start=date(BENCH_YEAR, 3, 1), planned_end=date(BENCH_YEAR, 12, 31), status="candidate",
                       order=i) for i in range(1, CANDIDATES + 1)])
        self.ids["projects"] = [p.pk for p in projects]
        ballots = Ballot.objects.bulk_create([
            Ballot(year=BENCH_YEAR, term=term, seats=SEATS, status=BallotStatus.OPEN, entitled_count=self.count,
                   opened_at=timezone.now())
            for _ in range(2)])  # [0]: through the server, [1]: the SQL floor
        self.ids["ballots"] = [b.pk for b in ballots]
        Candidacy.objects.bulk_create([Candidacy(ballot=b, project=p, order=p.order)
                                       for b in ballots for p in projects])
        self.candidacies = {
            b.pk: list(Candidacy.objects.filter(ballot=b).order_by("order").values_list("pk", flat=True))
            for b in ballots}
        meeting = CongressSession.objects.create(term=term, kind=SessionKind.STANDING_COMMITTEE, number=1,
                                                 start_date=date(BENCH_YEAR, 3, 1), end_date=date(BENCH_YEAR, 3, 1))
        self.ids["meetings"] = [meeting.pk]
        sessions = RatingSession.objects.bulk_create([
            RatingSession(title=f"基准测评 {i}", year=BENCH_YEAR - 1, meeting=meeting, status="open",
                          opened_at=timezone.now())
            for i in range(2)])
        self.ids["sessions"] = [s.pk for s in sessions]
        self.officials = list(Appointee.objects.order_by("pk").values_list("pk", flat=True)[:OFFICIALS])
        RatingOfficial.objects.bulk_create([RatingOfficial(session=s, appointee_id=a, order=i)
                                            for s in sessions for i, a in enumerate(self.officials, 1)])
        RatingMember.objects.bulk_create([RatingMember(session=s, deputy=d) for s in sessions for d in deputies])
        return self

    def cleanup(self) -> None:
        from django.db import connection, transaction

        ids = {name: self.ids.get(name) or [0] for name in
               ("term", "users", "deputies", "projects", "ballots", "meetings", "sessions")}
        ids["pageversion"] = (self.ids.get("pageversion") or [None])[0]
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in (
                "DELETE FROM appointees_ballot WHERE session_id = ANY(%(sessions)s)",
                "DELETE FROM appointees_ratingmember WHERE session_id = ANY(%(sessions)s)",
                "DELETE FROM appointees_ratingofficial WHERE session_id = ANY(%(sessions)s)",
                "DELETE FROM appointees_ratingsession WHERE id = ANY(%(sessions)s)",
                "DELETE FROM congress_congresssession WHERE id = ANY(%(meetings)s)",
                "DELETE FROM projects_ballotreceipt WHERE ballot_id = ANY(%(ballots)s)",
                "DELETE FROM projects_candidacy WHERE ballot_id = ANY(%(ballots)s)",
                "DELETE FROM projects_ballot WHERE id = ANY(%(ballots)s)",
                "DELETE FROM projects_keyproject WHERE id = ANY(%(projects)s)",
                "DELETE FROM authtoken_token WHERE user_id = ANY(%(users)s)",
                "DELETE FROM congress_deputy WHERE id = ANY(%(deputies)s)",
                "DELETE FROM congress_user_groups WHERE user_id = ANY(%(users)s)",
                "DELETE FROM congress_user WHERE id = ANY(%(users)s)",
                "DELETE FROM congress_term WHERE id = ANY(%(term)s)",
            ):
                cursor.execute(sql, ids)
            if ids["pageversion"] is not None:
                cursor.execute("DELETE FROM congress_pageversion WHERE id > %(pageversion)s", ids)


def ballot_paper(candidacies: list[int], i: int) -> dict[int, str]:
    """At most SEATS approvals, varied by deputy."""
    paper = {}
    for n, pk in enumerate(candidacies):
        k = (n + i) % CANDIDATES
        paper[pk] = "approve" if k < SEATS else "oppose" if k < SEATS + 2 else "abstain"
    return paper


def rating_paper(officials: list[int], i: int) -> dict[int, str]:
    return {pk: ("satisfied", "basically_satisfied", "unsatisfied")[(n + i) % 3] for n, pk in enumerate(officials)}


def _post_all(port: int, path: str, bodies: list[tuple[str, bytes]], connections: int) -> dict:
    """POST every (token, body) once from `connections` threads; latencies and status counts."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    queue = list(reversed(bodies))

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                token, body = queue.pop()
            started = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers={
                    "Authorization": f"Token {token}", "Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                code = response.status
            except (OSError, http.client.HTTPException):
                code = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            with lock:
                latencies.append(time.perf_counter() - started)
                statuses[code] = statuses.get(code, 0) + 1
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - started
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] * 1000 if latencies else 0.0
    return {"seconds": took, "rate": len(bodies) / took, "p95_ms": p95, "statuses": statuses}


BALLOT_FLOOR_SQL = [
    "SELECT id, status, term_id, seats FROM projects_ballot WHERE id = %(ballot)s FOR UPDATE",
    "SELECT id FROM projects_candidacy WHERE ballot_id = %(ballot)s",
    "SELECT 1 FROM projects_ballotreceipt WHERE ballot_id = %(ballot)s AND deputy_id = %(deputy)s LIMIT 1",
    "INSERT INTO projects_ballotreceipt (ballot_id, deputy_id) VALUES (%(ballot)s, %(deputy)s)",
    "UPDATE projects_candidacy SET approvals = approvals + 1 WHERE ballot_id = %(ballot)s AND id = ANY(%(a)s)",
    "UPDATE projects_candidacy SET oppositions = oppositions + 1 WHERE ballot_id = %(ballot)s AND id = ANY(%(o)s)",
    "UPDATE projects_candidacy SET abstentions = abstentions + 1 WHERE ballot_id = %(ballot)s AND id = ANY(%(n)s)",
]
RATING_FLOOR_SQL = [
    "SELECT 1 FROM appointees_ratingmember WHERE session_id = %(session)s AND deputy_id = %(deputy)s LIMIT 1",
    "SELECT id, status FROM appointees_ratingsession WHERE id = %(session)s FOR UPDATE",
    "SELECT 1 FROM appointees_ballot WHERE session_id = %(session)s AND deputy_id = %(deputy)s LIMIT 1",
    "SELECT appointee_id FROM appointees_ratingofficial WHERE session_id = %(session)s",
    "INSERT INTO appointees_ballot (session_id, deputy_id, submitted_at) VALUES (%(session)s, %(deputy)s, now())",
    "UPDATE appointees_ratingofficial SET satisfied = satisfied + 1 WHERE session_id = %(session)s "
    "AND appointee_id = ANY(%(a)s)",
    "UPDATE appointees_ratingofficial SET basically_satisfied = basically_satisfied + 1 WHERE session_id = %(session)s "
    "AND appointee_id = ANY(%(o)s)",
    "UPDATE appointees_ratingofficial SET unsatisfied = unsatisfied + 1 WHERE session_id = %(session)s "
    "AND appointee_id = ANY(%(n)s)",
]


def _floor(statements: list[str], params: list[dict]) -> float:
    """Casts per second of the SQL of one cast, each committed, one after another."""
    from django.db import connection, transaction

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for values in params:
            with transaction.atomic():
                for sql in statements:
                    cursor.execute(sql, values)
                    if cursor.description:
                        cursor.fetchall()
    return len(params) / (time.perf_counter() - started)


def _split(paper: dict[int, str], names: tuple[str, str, str]) -> dict:
    return {key: [pk for pk, value in paper.items() if value == name] for key, name in zip("aon", names, strict=True)}


def _check_ballots(ballot: int, count: int) -> tuple[int, int, int]:
    """(receipts, deputies with more than one receipt, candidates whose counters miss the receipts)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM projects_ballotreceipt WHERE ballot_id = %s", [ballot])
        receipts = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM (SELECT deputy_id FROM projects_ballotreceipt WHERE ballot_id = %s "
                       "GROUP BY deputy_id HAVING count(*) > 1) d", [ballot])
        doubled = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM projects_candidacy WHERE ballot_id = %s "
                       "AND approvals + oppositions + abstentions <> %s", [ballot, receipts])
        return receipts, doubled, cursor.fetchone()[0]


def _check_ratings(session: int) -> tuple[int, int, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM appointees_ballot WHERE session_id = %s", [session])
        receipts = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM (SELECT deputy_id FROM appointees_ballot WHERE session_id = %s "
                       "GROUP BY deputy_id HAVING count(*) > 1) d", [session])
        doubled = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM appointees_ratingofficial WHERE session_id = %s "
                       "AND satisfied + basically_satisfied + unsatisfied <> %s", [session, receipts])
        return receipts, doubled, cursor.fetchone()[0]


def _row(label: str, count: int, run: dict, again: dict, check: tuple[int, int, int], floor: float,
         expected: int) -> dict:
    receipts, doubled, miscounted = check
    server_errors = sum(n for code, n in run["statuses"].items() if code >= 500 or code == 0)
    refused = sum(n for code, n in run["statuses"].items() if code not in (201,) and 0 < code < 500)
    second = again["statuses"]
    ok = (server_errors == 0 and refused == 0 and doubled == 0 and miscounted == 0 and receipts == expected
          and second.get(201, 0) == 0 and all(code < 500 and code != 0 for code in second))
    return {"kind": "concurrent writes", "label": label, "path": "", "status": 201,
            "figure": f"{run['rate']:.0f} /s, p95 {run['p95_ms']:.0f} ms; {server_errors} server errors, "
                      f"{refused} refused, {receipts} receipts, {doubled} duplicates, {miscounted} miscounted; "
                      f"32 second ballots at once: {second.get(201, 0)} saved",
            "floor": f"SQL of one cast, serial {floor:.0f} /s", "ratio": run["rate"] / floor,
            "target": "0 errors, 0 duplicates (ratio for reference)", "met": ok}


def casting(port: int, env: dict, count: int, connections: int, server) -> list[dict]:
    """The ballots and ratings, through a gunicorn started here (server: bench.run.Server)."""
    scratch = Scratch(count)
    results = []
    try:
        scratch.create()
        deputies, tokens = scratch.ids["deputies"], scratch.tokens
        http_ballot, floor_ballot = scratch.ids["ballots"]
        http_session, floor_session = scratch.ids["sessions"]
        ballot_floor = _floor(BALLOT_FLOOR_SQL, [
            {"ballot": floor_ballot, "deputy": d,
             **_split(ballot_paper(scratch.candidacies[floor_ballot], i), ("approve", "oppose", "abstain"))}
            for i, d in enumerate(deputies)])
        rating_floor = _floor(RATING_FLOOR_SQL, [
            {"session": floor_session, "deputy": d,
             **_split(rating_paper(scratch.officials, i), ("satisfied", "basically_satisfied", "unsatisfied"))}
            for i, d in enumerate(deputies)])
        ballot_path = f"/api/v1/projects/ballots/{http_ballot}/cast/"
        rating_path = f"/api/v1/appointees/ratings/{http_session}/ballot/"
        ballots = [(token, json.dumps({"choices": [
            {"candidate": pk, "choice": choice}
            for pk, choice in ballot_paper(scratch.candidacies[http_ballot], i).items()]}).encode())
            for i, token in enumerate(tokens)]
        ratings = [(token, json.dumps({"ratings": [
            {"official": pk, "choice": choice} for pk, choice in rating_paper(scratch.officials, i).items()]}).encode())
            for i, token in enumerate(tokens)]
        with server(port, env):
            run = _post_all(port, ballot_path, ballots, connections)
            again = _post_all(port, ballot_path, [ballots[0]] * connections, connections)
            results.append(_row(f"{count:,} project ballots, {connections} clients", count, run, again,
                                _check_ballots(http_ballot, count), ballot_floor, count))
            print(f"  ballots {run['rate']:7.0f} /s  p95 {run['p95_ms']:6.0f} ms  statuses {run['statuses']}  "
                  f"second ballots {again['statuses']}  floor {ballot_floor:.0f} /s  "
                  f"{'ok' if results[-1]['met'] else 'PROBLEM'}", flush=True)
            if scratch.officials:
                run = _post_all(port, rating_path, ratings, connections)
                again = _post_all(port, rating_path, [ratings[0]] * connections, connections)
                results.append(_row(f"{count:,} appointee ratings ({len(scratch.officials)} officials), "
                                    f"{connections} clients", count, run, again, _check_ratings(http_session),
                                    rating_floor, count))
                print(f"  ratings {run['rate']:7.0f} /s  p95 {run['p95_ms']:6.0f} ms  statuses {run['statuses']}  "
                      f"second ballots {again['statuses']}  floor {rating_floor:.0f} /s  "
                      f"{'ok' if results[-1]['met'] else 'PROBLEM'}", flush=True)
    finally:
        scratch.cleanup()
    return results
