"""What bad input gets (SPEC §9, §10): in the API, JSON with a message per field and a 4xx status;
on the site, the form again with the message in the user's language (Chinese by default); and in
both cases nothing saved."""

import pytest
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from congress.errors import DomainError, StateConflict
from congress.models import OrganizationContact
from congress.tests.factories import OrganizationContactFactory, unit_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("foundation_registry")]


@pytest.fixture
def sheet():
    return OrganizationContactFactory(contact_person="张老师", phone="0755-11111111", email="old@example.cn")


@pytest.fixture
def handler(client, sheet):
    client.force_login(unit_user(sheet.organization))
    return client


def stored(sheet):
    fresh = OrganizationContact.objects.get(pk=sheet.pk)
    return fresh.contact_person, fresh.phone, fresh.email


def test_api_validation_errors_are_json_with_a_message_per_field(handler, sheet):
    response = handler.patch(f"/api/v1/organization-contacts/{sheet.pk}/",
                             {"email": "not-an-address", "contact_person": "王" * 41, "phone": "0755-2"},
                             content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"email", "contact_person"}
    assert all(isinstance(messages, list) and messages and all(messages) for messages in body.values())
    assert stored(sheet) == ("张老师", "0755-11111111", "old@example.cn")


def test_api_errors_are_in_chinese_by_default(handler, sheet):
    url = f"/api/v1/organization-contacts/{sheet.pk}/"
    message = handler.patch(url, {"email": "x"}, content_type="application/json").json()["email"][0]
    assert message == "请输入合法的邮件地址。"


class Refuses(APIView):
    authentication_classes = []
    permission_classes = []
    error: Exception | None = None

    def post(self, request):
        raise self.error


@pytest.mark.parametrize("error, status, body", [
    (DomainError("这个季度尚未结束。"), 400, {"detail": "这个季度尚未结束。"}),
    (DomainError("需要填写理由。", field="reason"), 400, {"reason": ["需要填写理由。"]}),
    (StateConflict("已经评价过了。"), 409, {"detail": "已经评价过了。"}),
])
def test_domain_errors_become_json_400_and_state_conflicts_409(error, status, body):
    view = Refuses.as_view(error=error)
    response = view(APIRequestFactory().post("/x/", {}, format="json"))
    assert response.status_code == status
    assert response.data == body


def test_an_unauthenticated_api_write_is_a_json_error(client, sheet):
    response = client.patch(f"/api/v1/organization-contacts/{sheet.pk}/", {"phone": "1"},
                            content_type="application/json")
    assert response.status_code in (401, 403)
    assert "detail" in response.json()


def test_site_form_with_bad_input_shows_the_messages_in_chinese_and_saves_nothing(handler, sheet):
    response = handler.post(f"/my/unit/{sheet.pk}/", {"contact_person": "王老师", "phone": "abc",
                                                      "email": "not-an-address", "address": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'lang="zh-hans"' in page
    assert "请输入由数字组成的电话号码。" in page
    assert "请输入合法的邮件地址。" in page and "Enter a valid email address." not in page
    assert 'value="王老师"' in page, "what the user typed is kept"
    assert stored(sheet) == ("张老师", "0755-11111111", "old@example.cn")


def test_site_form_speaks_english_under_en(handler, sheet):
    response = handler.post(f"/en/my/unit/{sheet.pk}/", {"contact_person": "", "phone": "abc",
                                                         "email": "x", "address": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'lang="en"' in page
    assert "Enter a phone number made of digits." in page and "Enter a valid email address." in page
    assert stored(sheet) == ("张老师", "0755-11111111", "old@example.cn")


