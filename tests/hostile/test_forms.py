"""The forms people post: hostile values are refused cleanly or saved harmlessly.

Never a 500; a refused form changes nothing in the database; what was saved is shown
escaped wherever it appears.
"""

import json

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from experts.models import ExpertProfile, Invitation
from recommendations.models import ActionComment
from tests.experts.accounts import make_expert_account
from tests.hostile.conftest import table_sizes
from tests.hostile.payloads import (
    assert_safe_answer,
    get,
    hostile_bytes,
    hostile_settings,
    hostile_text,
    post,
)
from visits.models import Comment

pytestmark = pytest.mark.django_db

PROFILE_FIELDS = [
    "full_name",
    "organisation",
    "position",
    "home_area",
    "planning_region",
    "bio",
    "phone",
    "show_email",
    "show_phone",
    "is_public",
    "areas_of_expertise",
]
hostile_value = st.one_of(hostile_text, hostile_bytes, st.lists(hostile_text, max_size=3))


def form_data(names: list[str]) -> st.SearchStrategy:
    return st.dictionaries(st.sampled_from(names), hostile_value, min_size=1)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def profile_state(profile: ExpertProfile) -> dict:
    profile = ExpertProfile.objects.get(pk=profile.pk)
    state = model_to_dict(profile)
    state["areas_of_expertise"] = sorted(profile.areas_of_expertise.values_list("pk", flat=True))
    return state


@hostile_settings
@given(data=form_data(PROFILE_FIELDS))
def test_the_profile_form(site, data):
    client = logged_in(site.user)
    before, sizes = profile_state(site.profile), table_sizes()

    response = post(client, "/eksperti/mans-profils/", data)

    assert_safe_answer(response, data)
    assert response.status_code in {200, 302}
    assert table_sizes() == sizes
    if response.status_code == 200:
        assert profile_state(site.profile) == before
    # Whatever was saved is shown escaped on the profile's pages.
    assert_safe_answer(get(client, "/eksperti/mans-profils/"), data)
    assert_safe_answer(get(client, site.profile.get_absolute_url()), data)
    assert_safe_answer(get(Client(), "/eksperti/"), data)


def comment_targets(site) -> dict[str, tuple[str, type]]:
    return {
        "visit": (f"/vizites/{site.in_review.slug}/komentari/", Comment),
        "action": (f"/ierosinajumi/ricibas/{site.action.pk}/komentari/", ActionComment),
    }


@hostile_settings
@given(
    data=form_data(["body", "parent", "author", "visit"]),
    target=st.sampled_from(["visit", "action"]),
)
def test_the_comment_form(site, data, target):
    user, _profile = make_expert_account()  # a new author: the posting limit stays out of it
    path, model = comment_targets(site)[target]
    count = model.objects.count()

    response = post(logged_in(user), path, data)

    assert_safe_answer(response, data)
    assert response.status_code in {200, 302, 429}
    if response.status_code == 302:
        [comment] = model.objects.filter(author=user)
        assert comment.author_id == user.pk  # the author is the poster, never a posted value
        page = comment.target.get_absolute_url()
        assert_safe_answer(get(logged_in(site.user), page), data)
    else:
        assert model.objects.count() == count


@hostile_settings
@given(data=form_data(["body"]), comment_id=st.integers(min_value=0, max_value=10**20))
def test_replies_and_edits_to_any_comment_id(site, data, comment_id):
    client = logged_in(site.user)
    slug = site.in_review.slug
    sizes = table_sizes()
    own = Comment.objects.filter(author=site.user).order_by("id")[0]
    own_body = Comment.objects.get(pk=own.pk).body

    for path in (
        f"/vizites/{slug}/komentari/{comment_id}/atbildet/",
        f"/vizites/{slug}/komentari/{comment_id}/labot/",
        f"/vizites/{slug}/komentari/{comment_id}/dzest/",
    ):
        response = post(client, path, data)
        assert_safe_answer(response, data)

    if comment_id != own.pk:
        assert Comment.objects.get(pk=own.pk).body == own_body
    assert table_sizes()["comments"] >= sizes["comments"]


@hostile_settings
@given(data=form_data(["login", "password", "remember", "next"]))
def test_the_login_form(site, data):
    sizes = table_sizes()

    response = post(Client(), "/konts/login/", data)

    assert_safe_answer(response, data)
    assert response.status_code in {200, 302, 429}
    assert table_sizes() == sizes


@hostile_settings
@given(data=form_data(["email"]))
def test_the_password_reset_form(site, data):
    sizes = table_sizes()

    response = post(Client(), "/konts/password/reset/", data)

    assert_safe_answer(response, data)
    assert response.status_code in {200, 302, 429}
    assert table_sizes() == sizes


@hostile_settings
@given(data=form_data(["password1", "password2"]))
def test_the_invitation_form(site, data):
    invitation = Invitation.objects.create(
        email=f"uzaicinata-{Invitation.objects.count()}@example.invalid", full_name="Uzaicināta"
    )
    sizes = table_sizes()

    response = post(Client(), invitation.get_absolute_url(), data)

    assert_safe_answer(response, data)
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert table_sizes() == sizes


@hostile_settings
@given(
    body=st.one_of(
        hostile_bytes,
        hostile_text.map(lambda text: json.dumps({"csp-report": {"blocked-uri": text}})),
        st.recursive(
            st.one_of(st.none(), st.booleans(), st.integers(), hostile_text),
            lambda children: (
                st.lists(children, max_size=3) | st.dictionaries(hostile_text, children, max_size=3)
            ),
            max_leaves=8,
        ).map(lambda value: json.dumps(value)),
    ),
    content_type=st.sampled_from(
        ["application/csp-report", "application/reports+json", "application/json", "text/plain"]
    ),
)
def test_the_csp_report_endpoint(site, body, content_type):
    if isinstance(body, str):
        body = body.encode("utf-8", "surrogatepass")
    sizes = table_sizes()
    try:
        response = Client().post("/csp-zinojumi/", data=body, content_type=content_type)
    except Exception as error:  # noqa: BLE001
        pytest.fail(f"CSP report {body[:200]!r} raised {error!r}")

    assert response.status_code < 500
    assert table_sizes() == sizes


@hostile_settings
@given(data=form_data(["reason"]), comment_id=st.integers(min_value=0, max_value=10**20))
def test_the_staff_hide_form(site, data, comment_id):
    site.user.is_staff = True
    site.user.save(update_fields=["is_staff"])
    sizes = table_sizes()

    path = f"/vizites/{site.in_review.slug}/komentari/{comment_id}/paslept/"

    response = post(logged_in(site.user), path, data)

    assert_safe_answer(response, data)
    assert table_sizes() == sizes


@pytest.mark.parametrize(
    "areas",
    [["99999999999999999999"], ["-1"], ["1", "1e309"], ["٣"], ["1; DROP TABLE x"], ["\x00"]],
)
def test_areas_of_expertise_no_database_can_hold_are_refused(site, areas):
    client = logged_in(site.user)
    before = profile_state(site.profile)

    response = post(
        client, "/eksperti/mans-profils/", {"full_name": "Jauns Vārds", "areas_of_expertise": areas}
    )

    assert_safe_answer(response, areas)
    assert response.status_code == 200
    assert profile_state(site.profile) == before
