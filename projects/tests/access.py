"""Projects' routes in the authorization matrix (congress.access_matrix): the deputy's own ballot
(of their term), the unit handler's own (lead) project."""

from congress.access_matrix import Target

ACCESS: dict = {}


def objects(world):
    from projects.services import ballot_create, ballot_open, progress_report_submit
    from projects.tests.factories import KeyProjectFactory, ballot_with, elected_project

    staff = world.users["staff"]
    candidates = KeyProjectFactory.create_batch(3)
    own_ballot = ballot_open(ballot=ballot_create(year=2020, term=world.deputy.term, seats=1, projects=candidates,
                                                  created_by=staff), opened_by=staff)
    other_ballot, _users = ballot_with(candidates=3, seats=1, voters=1, status="open", staff=staff)
    own_project = elected_project(staff=staff, lead_unit=world.unit)
    other_project = elected_project(staff=staff)
    from datetime import date

    own_report = progress_report_submit(project=own_project, reported_on=date(2020, 5, 1), percent_complete=10,
                                        text="进展", submitted_by=staff)
    other_report = progress_report_submit(project=other_project, reported_on=date(2020, 5, 1), percent_complete=10,
                                          text="进展", submitted_by=staff)
    ballot = Target(other={"pk": other_ballot.pk}, own={"deputy": {"pk": own_ballot.pk}})
    project = Target(other={"pk": other_project.pk}, own={"unit": {"pk": own_project.pk}})
    report = Target(other={"pk": other_report.pk}, own={"unit": {"pk": own_report.pk}})
    return {
        "projects:ballot": ballot, "projects:projector*": ballot, "projects:vote": ballot, "projects:review": ballot,
        "projects-api:ballot*": ballot,
        "projects:project": project, "projects:report": project, "projects-api:project": project,
        "projects-api:report-submit": project,
        "projects-api:report-*": report,
        "projects:rate": Target(other={"pk": 0}), "projects-api:survey-rate": Target(other={"pk": 0}),
    }
