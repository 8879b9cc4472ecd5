"""Supervision's routes in the authorization matrix (congress.access_matrix): the organ liaison's
own case (and its clue), the unit handler's own rectification item."""

from congress.access_matrix import Target

ACCESS: dict = {}


def objects(world):
    from supervision.tests.factories import CaseFactory, ClueFactory, RectificationFactory, organ

    clue = ClueFactory()
    own_case = CaseFactory(organ=world.organ)
    other_case = CaseFactory(organ=organ())
    own_item = RectificationFactory(case=own_case, unit=world.unit)
    other_item = RectificationFactory(case=other_case)
    clue_target = Target(other={"pk": clue.pk}, own={"organ": {"pk": own_case.clue_id}})
    case = Target(other={"pk": other_case.pk}, own={"organ": {"pk": own_case.pk}})
    item = Target(other={"pk": other_item.pk}, own={"unit": {"pk": own_item.pk}, "organ": {"pk": own_item.pk}})
    return {
        "supervision:table": Target(other={"name": "sources"}),
        "supervision:clue-step": Target(other={"pk": clue.pk, "step": "review"}),
        "supervision:clue-*": clue_target, "supervision-api:clue*": clue_target,
        "supervision:attachment": Target(other={"pk": 0}),
        "supervision:case-*": case, "supervision-api:case*": case,
        "supervision:rectification-*": item, "supervision-api:rectification*": item,
    }
