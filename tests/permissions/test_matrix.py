"""Who may do what: each role against each row of the roles table in ../shared/DESIGN.md.

The roles: anonymous, an expert, another expert, a ministry editor, a superuser. The rows,
one section each below:
- reading what is published (visits, recommendations, public actions, consenting
  experts): everyone;
- reading visits in review, the whole directory, comments: the network (experts, staff);
- commenting, editing and deleting one's own comment: the network;
- editing one's own profile: experts (ministry staff have no expert profile);
- the admin (visits, agendas, actions; publishing; moderation; import/export): staff;
- invitations: staff; users and roles: the superuser only.

"No" is a 404 on the site's pages (never a 403 that confirms a thing exists), a redirect
to the login in the admin for the anonymous reader, and a 404 in the admin for a
logged-in expert (the admin sends them to its login, which is not there for them). A
draft is seen by nobody on the site's pages: staff preview it in the admin. Every refused
write leaves the database as it was.
"""

import re

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from experts.models import ExpertProfile, Invitation
from recommendations.models import ActionComment, FollowUpAction
from tests.permissions.conftest import (
    ACTION_COMMENT,
    ANONYMOUS,
    EDITOR,
    EXPERT,
    EXPERT_COMMENT,
    HIDDEN_COMMENT,
    LOGGED_IN,
    OTHER_EXPERT,
    OTHER_EXPERT_COMMENT,
    ROLES,
    SUPERUSER,
    expects,
    log_in,
    rows,
)
from visits.models import Comment, Visit

pytestmark = pytest.mark.django_db

User = get_user_model()

SHOWN, NOT_SHOWN, NOT_FOUND = "shown", "not shown", "404"
LOGIN, ADMIN_404, OK, FORBIDDEN = "login", "404 via the admin's login", 200, 403

NETWORK_READS = {ANONYMOUS: 404, EXPERT: 200, OTHER_EXPERT: 200, EDITOR: 200, SUPERUSER: 200}
NETWORK_SEES = {
    ANONYMOUS: NOT_SHOWN,
    EXPERT: SHOWN,
    OTHER_EXPERT: SHOWN,
    EDITOR: SHOWN,
    SUPERUSER: SHOWN,
}
NOBODY_READS = dict.fromkeys(ROLES, 404)
STAFF_ADMIN = {
    ANONYMOUS: LOGIN,
    EXPERT: ADMIN_404,
    OTHER_EXPERT: ADMIN_404,
    EDITOR: OK,
    SUPERUSER: OK,
}
# Django's admin answers a staff member without the model's permission with a 403. The
# roles table's "never a 403" is about content: that the admin has a user list is no secret.
SUPERUSER_ADMIN = {
    ANONYMOUS: LOGIN,
    EXPERT: ADMIN_404,
    OTHER_EXPERT: ADMIN_404,
    EDITOR: FORBIDDEN,
    SUPERUSER: OK,
}
# A write in the admin: done (and a redirect back) for staff, refused before it starts for
# anyone else.
DONE = 302
STAFF_WRITES = {
    ANONYMOUS: LOGIN,
    EXPERT: ADMIN_404,
    OTHER_EXPERT: ADMIN_404,
    EDITOR: DONE,
    SUPERUSER: DONE,
}
SUPERUSER_WRITES = {**STAFF_WRITES, EDITOR: FORBIDDEN}


def text_on(response, text: str) -> str:
    if response.status_code == 404:
        return NOT_FOUND
    assert response.status_code == 200
    return SHOWN if text in response.content.decode() else NOT_SHOWN


def site_answer(response) -> object:
    """A status code, or LOGIN for a redirect to the login page."""
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return LOGIN
    return response.status_code


def admin_answer(client, url: str, *, method: str = "get", data: dict | None = None):
    """What the admin answers: 200, 403, a redirect to its login, or a 404 behind that login."""
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response["Location"].startswith(reverse("admin:login")):
        if not client.session.get("_auth_user_id"):
            return LOGIN
        followed = client.get(response["Location"])
        return ADMIN_404 if followed.status_code == 404 else f"login then {followed.status_code}"
    return response.status_code


# --- reading ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "what",
    [
        "a published visit",
        "the list of visits",
        "a recommendation",
        "the recommendations dashboard",
        "a public action",
        "a consenting expert's profile",
        "the expert directory",
        "a municipality",
    ],
)
def test_everyone_reads_what_is_published(world, ask, what):
    url, title = {
        "a published visit": (world.published_visit.get_absolute_url(), "Vizīte Talsos"),
        "the list of visits": (reverse("visits:list"), "Vizīte Talsos"),
        "a recommendation": (world.recommendation.get_absolute_url(), world.recommendation.title),
        "the recommendations dashboard": (reverse("recommendations:list"), "Romu mediatora"),
        "a public action": (world.public_action.get_absolute_url(), "Romu mediatora amats"),
        "a consenting expert's profile": (world.public_expert.get_absolute_url(), "Ilze Liepiņa"),
        "the expert directory": (reverse("experts:list"), "Ilze Liepiņa"),
        "a municipality": (reverse("visits:municipality", args=["talsu-novads"]), "Vizīte Talsos"),
    }[what]

    answers = ask(lambda client: text_on(client.get(url), title))

    assert answers == dict.fromkeys(ROLES, SHOWN)


def test_a_visit_in_review_is_for_the_network(world, ask):
    url = world.review_visit.get_absolute_url()

    answers = ask(lambda client: client.get(url).status_code)

    assert answers == NETWORK_READS


@pytest.mark.parametrize("where", ["the list of visits", "its municipality"])
def test_a_visit_in_review_is_listed_for_the_network_only(world, ask, where):
    url = {
        "the list of visits": reverse("visits:list"),
        "its municipality": reverse("visits:municipality", args=["talsu-novads"]),
    }[where]

    answers = ask(lambda client: text_on(client.get(url), "Vizīte Sabilē pārskatīšanā"))

    assert answers == NETWORK_SEES


def test_a_profile_without_consent_is_for_the_network(world, ask):
    url = world.expert.get_absolute_url()

    answers = ask(lambda client: client.get(url).status_code)

    assert answers == NETWORK_READS


@pytest.mark.parametrize("name", ["Anna Bērziņa", "Jānis Kalniņš"])
def test_the_whole_directory_is_for_the_network(world, ask, name):
    answers = ask(lambda client: text_on(client.get(reverse("experts:list")), name))

    assert answers == NETWORK_SEES


def test_an_internal_action_is_for_the_network(world, ask):
    url = world.internal_action.get_absolute_url()

    answers = ask(lambda client: client.get(url).status_code)

    assert answers == NETWORK_READS


def test_comments_on_a_published_visit_are_for_the_network(world, ask):
    url = world.published_visit.get_absolute_url()
    form = reverse("visits:comment_create", args=["vizite-talsos"])

    def comments_and_form(client) -> tuple[str, str]:
        response = client.get(url)
        return text_on(response, world.published_visit_comment.body), text_on(response, form)

    answers = ask(comments_and_form)

    assert answers == {role: (seen, seen) for role, seen in NETWORK_SEES.items()}


def test_comments_on_a_public_action_are_for_the_network(world, ask):
    url = world.public_action.get_absolute_url()

    answers = ask(lambda client: text_on(client.get(url), ACTION_COMMENT))

    assert answers == NETWORK_SEES


@pytest.mark.parametrize("text", [EXPERT_COMMENT, OTHER_EXPERT_COMMENT])
def test_comments_on_a_visit_in_review_are_for_the_network(world, ask, text):
    url = world.review_visit.get_absolute_url()

    answers = ask(lambda client: text_on(client.get(url), text))

    assert answers == {**NETWORK_SEES, ANONYMOUS: NOT_FOUND}


def test_a_hidden_comment_is_for_staff_only(world, ask):
    url = world.review_visit.get_absolute_url()

    answers = ask(lambda client: text_on(client.get(url), HIDDEN_COMMENT))

    assert answers == {
        ANONYMOUS: NOT_FOUND,
        EXPERT: NOT_SHOWN,
        OTHER_EXPERT: NOT_SHOWN,  # even its author
        EDITOR: SHOWN,
        SUPERUSER: SHOWN,
    }


# --- drafts: nobody sees them on the site --------------------------------------------------


def test_a_draft_is_not_found_by_anyone_on_the_site(world, ask):
    url = world.draft_visit.get_absolute_url()

    answers = ask(lambda client: client.get(url).status_code)

    assert answers == NOBODY_READS


@pytest.mark.parametrize(
    "where", ["the list of visits", "its municipality", "the feed", "the sitemap"]
)
def test_a_draft_is_listed_for_nobody(world, ask, where):
    url = {
        "the list of visits": reverse("visits:list"),
        "its municipality": reverse("visits:municipality", args=["talsu-novads"]),
        "the feed": reverse("visits:feed"),
        "the sitemap": reverse("sitemap_section", kwargs={"section": "vizites"}),
    }[where]

    def draft_shown(client) -> str:
        response = client.get(url)
        assert response.status_code == 200
        content = response.content.decode()
        return (
            SHOWN
            if "Vizītes melnraksts Valkā" in content or "vizite-valka" in content
            else NOT_SHOWN
        )

    answers = ask(draft_shown)

    assert answers == dict.fromkeys(ROLES, NOT_SHOWN)


CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def looks_like_nothing_there(client, url: str, nowhere: str) -> bool:
    """Whether ``url`` answers exactly as ``nowhere``, an address of nothing at all, does.

    Apart from the address itself and the CSRF token of the logout form, which is masked
    anew on every page.
    """

    def page(address: str) -> tuple[int, str]:
        response = client.get(address)
        text = CSRF_TOKEN.sub("", response.content.decode()).replace(address, "ADDRESS")
        return response.status_code, text

    refused, missing = page(url), page(nowhere)
    return refused[0] == 404 and refused == missing


@pytest.mark.parametrize(
    ("what", "role"),
    [
        ("a visit in review", ANONYMOUS),
        ("a profile without consent", ANONYMOUS),
        ("an internal action", ANONYMOUS),
        ("a draft", ANONYMOUS),
        ("a draft", EXPERT),
        ("a draft", EDITOR),
        ("another's comment to edit", OTHER_EXPERT),
        ("another's comment to edit", EDITOR),
    ],
)
def test_a_refusal_looks_like_nothing_is_there(world, as_role, what, role):
    """The 404 of a thing one may not see is the 404 of a thing that does not exist."""
    url, nowhere = {
        "a visit in review": ("/vizites/vizite-sabile/", "/vizites/nav-tadas/"),
        "a profile without consent": ("/eksperti/anna-berzina/", "/eksperti/nav-tadas/"),
        "an internal action": (
            world.internal_action.get_absolute_url(),
            reverse("recommendations:action", args=[999999]),
        ),
        "a draft": ("/vizites/vizite-valka/", "/vizites/nav-tadas/"),
        "another's comment to edit": (
            reverse("visits:comment_edit", args=["vizite-sabile", world.expert_comment.pk]),
            reverse("visits:comment_edit", args=["vizite-sabile", 999999]),
        ),
    }[what]

    assert looks_like_nothing_there(as_role(role), url, nowhere)


@pytest.mark.parametrize(("role", "status"), expects(NOBODY_READS))
def test_nobody_comments_on_a_draft(world, as_role, role, status):
    someone = as_role(role)
    before = rows(Comment)

    response = someone.post(
        reverse("visits:comment_create", args=[world.draft_visit.slug]), {"body": "Vai drīkst?"}
    )

    assert response.status_code == status
    assert rows(Comment) == before


# --- commenting -------------------------------------------------------------------------

COMMENTING = {ANONYMOUS: 404, EXPERT: 302, OTHER_EXPERT: 302, EDITOR: 302, SUPERUSER: 302}


@pytest.mark.parametrize("on", ["a visit in review", "a public action"])
@pytest.mark.parametrize(("role", "status"), expects(COMMENTING))
def test_the_network_comments(world, as_role, on, role, status):
    target = world.review_visit if on == "a visit in review" else world.public_action
    model = target.comments.model
    someone = as_role(role)
    before = rows(model)

    response = someone.post(model.url_for("create", target), {"body": "Jauns komentārs."})

    assert response.status_code == status
    if role == ANONYMOUS:
        assert rows(model) == before
    else:
        assert target.comments.get(body="Jauns komentārs.").author == world.user(role)


@pytest.mark.parametrize(("role", "status"), expects(COMMENTING))
def test_the_network_replies(world, as_role, role, status):
    someone = as_role(role)
    before = rows(Comment)

    response = someone.post(
        reverse("visits:comment_reply", args=["vizite-sabile", world.expert_comment.pk]),
        {"body": "Atbilde."},
    )

    assert response.status_code == status
    if role == ANONYMOUS:
        assert rows(Comment) == before
    else:
        assert world.expert_comment.replies.get().author == world.user(role)


def own_comment(world, role: str) -> Comment:
    """The role's own comment on the visit in review (staff write one first)."""
    if role == EXPERT:
        return world.expert_comment
    if role == OTHER_EXPERT:
        return world.other_expert_comment
    return world.review_visit.comments.create(author=world.user(role), body="Redaktores piezīme.")


@pytest.mark.parametrize("role", LOGGED_IN)
def test_each_member_edits_their_own_comment(world, as_role, role):
    comment = own_comment(world, role)

    response = as_role(role).post(
        reverse("visits:comment_edit", args=["vizite-sabile", comment.pk]), {"body": "Labots."}
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Labots."
    assert comment.edited_at is not None


@pytest.mark.parametrize("role", LOGGED_IN)
def test_each_member_deletes_their_own_comment(world, as_role, role):
    comment = own_comment(world, role)

    response = as_role(role).post(
        reverse("visits:comment_delete", args=["vizite-sabile", comment.pk])
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_deleted


# Only the author: staff hide a comment, they never rewrite or delete it.
THE_AUTHOR_ONLY = {ANONYMOUS: 404, EXPERT: 302, OTHER_EXPERT: 404, EDITOR: 404, SUPERUSER: 404}


def test_only_the_author_opens_the_edit_form(world, ask):
    url = reverse("visits:comment_edit", args=["vizite-sabile", world.expert_comment.pk])

    answers = ask(lambda client: text_on(client.get(url), EXPERT_COMMENT))

    assert answers == dict.fromkeys(ROLES, NOT_FOUND) | {EXPERT: SHOWN}


@pytest.mark.parametrize("on", ["a visit", "an action"])
@pytest.mark.parametrize(("role", "status"), expects(THE_AUTHOR_ONLY))
def test_only_the_author_edits_a_comment(world, as_role, on, role, status):
    comment = world.expert_comment if on == "a visit" else world.action_comment
    model = type(comment)
    someone = as_role(role)
    before = rows(model)

    response = someone.post(
        model.url_for("edit", comment.target, comment.pk), {"body": "Pārrakstīts."}
    )

    assert response.status_code == status
    if role == EXPERT:
        comment.refresh_from_db()
        assert comment.body == "Pārrakstīts."
    else:
        assert rows(model) == before


@pytest.mark.parametrize("on", ["a visit", "an action"])
@pytest.mark.parametrize(("role", "status"), expects(THE_AUTHOR_ONLY))
def test_only_the_author_deletes_a_comment(world, as_role, on, role, status):
    comment = world.expert_comment if on == "a visit" else world.action_comment
    model = type(comment)
    someone = as_role(role)
    before = rows(model)

    response = someone.post(model.url_for("delete", comment.target, comment.pk))

    assert response.status_code == status
    if role == EXPERT:
        comment.refresh_from_db()
        assert comment.is_deleted
    else:
        assert rows(model) == before


# --- moderating on the page ---------------------------------------------------------------

STAFF_MODERATE = {ANONYMOUS: 404, EXPERT: 404, OTHER_EXPERT: 404, EDITOR: 302, SUPERUSER: 302}


@pytest.mark.parametrize(("role", "status"), expects(STAFF_MODERATE))
def test_staff_hide_a_comment_on_the_page(world, as_role, role, status):
    comment = world.other_expert_comment  # the other expert tries to hide their own
    someone = as_role(role)
    before = rows(Comment)

    response = someone.post(
        reverse("visits:comment_hide", args=["vizite-sabile", comment.pk]),
        {"reason": "Atklāj ģimeni."},
    )

    assert response.status_code == status
    comment.refresh_from_db()
    if status == 302:
        assert comment.is_hidden
        assert comment.hidden_by == world.user(role)
    else:
        assert rows(Comment) == before


@pytest.mark.parametrize(("role", "status"), expects(STAFF_MODERATE))
def test_staff_show_a_hidden_comment_again_on_the_page(world, as_role, role, status):
    comment = world.hidden_comment
    someone = as_role(role)
    before = rows(Comment)

    response = someone.post(reverse("visits:comment_unhide", args=["vizite-sabile", comment.pk]))

    assert response.status_code == status
    comment.refresh_from_db()
    if status == 302:
        assert not comment.is_hidden
    else:
        assert rows(Comment) == before


@pytest.mark.parametrize(("role", "status"), expects(STAFF_MODERATE))
def test_staff_hide_a_comment_on_an_action(world, as_role, role, status):
    someone = as_role(role)
    before = rows(ActionComment)

    response = someone.post(
        reverse(
            "recommendations:comment_hide", args=[world.public_action.pk, world.action_comment.pk]
        ),
        {"reason": "Ne par tēmu."},
    )

    assert response.status_code == status
    world.action_comment.refresh_from_db()
    if status == 302:
        assert world.action_comment.is_hidden
    else:
        assert rows(ActionComment) == before


# --- one's own profile ----------------------------------------------------------------------

PROFILE_FORM = {
    "full_name": "Anna Bērziņa-Ozola",
    "organisation": "Talsu novada pašvaldība",
    "position": "Sociālā darbiniece",
    "home_area": "Talsu novads",
    "planning_region": "",
    "bio": "",
    "phone": "",
}


def test_each_expert_opens_their_own_profile_form(world, ask):
    def own_form(client) -> object:
        response = client.get(reverse("experts:edit"))
        if response.status_code != 200:
            return site_answer(response)
        return response.context["profile"]

    answers = ask(own_form)

    assert answers == {
        ANONYMOUS: LOGIN,
        EXPERT: world.expert,
        OTHER_EXPERT: world.other_expert,
        # Ministry staff have no expert profile: there is none to edit.
        EDITOR: 404,
        SUPERUSER: 404,
    }


def test_an_expert_saves_only_their_own_profile(world, as_role):
    def everyone_elses() -> list[dict]:
        return list(ExpertProfile.objects.exclude(pk=world.expert.pk).order_by("pk").values())

    before = everyone_elses()
    form = {
        **PROFILE_FORM,
        # Fields the form does not offer: ignored, whatever is sent.
        "email": world.other_expert.email,
        "slug": world.other_expert.slug,
        "user": world.other_expert.user_id,
        "is_staff": "on",
        "is_superuser": "on",
    }

    response = as_role(EXPERT).post(reverse("experts:edit"), form)

    assert response.status_code == 302
    world.expert.refresh_from_db()
    assert world.expert.full_name == "Anna Bērziņa-Ozola"
    assert world.expert.slug == "anna-berzina"
    assert world.expert.user.email == world.expert.email
    assert everyone_elses() == before
    world.expert.user.refresh_from_db()
    assert not world.expert.user.is_staff
    assert not world.expert.user.is_superuser


def test_the_public_cannot_save_a_profile(world, client):
    before = rows(ExpertProfile, User)

    response = client.post(reverse("experts:edit"), PROFILE_FORM)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert rows(ExpertProfile, User) == before


def test_a_copy_of_ones_own_data_is_ones_own(world, ask):
    people = {role: world.user(role) for role in LOGGED_IN}

    def whose_data(client) -> object:
        response = client.get(reverse("experts:my_data"))
        if response.status_code != 200:
            return site_answer(response)
        data = response.content.decode()
        return [role for role, user in people.items() if user.email in data]

    answers = ask(whose_data)

    assert answers == {ANONYMOUS: LOGIN} | {role: [role] for role in LOGGED_IN}


# --- the admin ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "place",
    [
        "the admin's index",
        "the visits",
        "a visit in review",
        "a draft",
        "a new visit",
        "the agenda items",
        "an action",
        "the comments to moderate",
        "a comment to moderate",
        "the comments on actions",
        "the import of visits",
        "the export of visits",
        "the import of actions",
        "the invitations",
        "a new invitation",
    ],
)
def test_the_admin_is_for_staff(world, ask, place):
    url = {
        "the admin's index": reverse("admin:index"),
        "the visits": reverse("admin:visits_visit_changelist"),
        "a visit in review": reverse("admin:visits_visit_change", args=[world.review_visit.pk]),
        "a draft": reverse("admin:visits_visit_change", args=[world.draft_visit.pk]),
        "a new visit": reverse("admin:visits_visit_add"),
        "the agenda items": reverse("admin:visits_agendaitem_changelist"),
        "an action": reverse(
            "admin:recommendations_followupaction_change", args=[world.internal_action.pk]
        ),
        "the comments to moderate": reverse("admin:visits_comment_changelist"),
        "a comment to moderate": reverse(
            "admin:visits_comment_change", args=[world.expert_comment.pk]
        ),
        "the comments on actions": reverse("admin:recommendations_actioncomment_changelist"),
        "the import of visits": reverse("admin:visits_visit_import"),
        "the export of visits": reverse("admin:visits_visit_export"),
        "the import of actions": reverse("admin:recommendations_followupaction_import"),
        "the invitations": reverse("admin:experts_invitation_changelist"),
        "a new invitation": reverse("admin:experts_invitation_add"),
    }[place]

    answers = ask(lambda client: admin_answer(client, url))

    assert answers == STAFF_ADMIN


@pytest.mark.parametrize(
    "place",
    [
        "the users",
        "a user",
        "a new user",
        "a user's password",
        "the groups",
        "the editor group",
        "the account emails",
        "the second factors",
    ],
)
def test_users_and_roles_are_for_the_superuser(world, ask, place):
    group = Group.objects.get(name="Ministrijas redaktors")
    url = {
        "the users": reverse("admin:auth_user_changelist"),
        "a user": reverse("admin:auth_user_change", args=[world.expert.user_id]),
        "a new user": reverse("admin:auth_user_add"),
        "a user's password": reverse("admin:auth_user_password_change", args=[world.editor.pk]),
        "the groups": reverse("admin:auth_group_changelist"),
        "the editor group": reverse("admin:auth_group_change", args=[group.pk]),
        "the account emails": reverse("admin:account_emailaddress_changelist"),
        "the second factors": reverse("admin:mfa_authenticator_changelist"),
    }[place]

    answers = ask(lambda client: admin_answer(client, url))

    assert answers == SUPERUSER_ADMIN


def admin_form_data(response) -> dict:
    """The POST data of an admin change form as the page shows it, inlines included."""
    data: dict = {}

    def add(form) -> None:
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin's wrapper
            if isinstance(field, forms.BooleanField):
                if value:
                    data[key] = "on"
            elif isinstance(widget, forms.MultiWidget):  # a date and a time
                for index, part in enumerate(widget.decompress(value)):
                    data[f"{key}_{index}"] = "" if part is None else str(part)
            elif value is None:
                data[key] = ""
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            else:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


@pytest.mark.parametrize("model", [Visit, FollowUpAction], ids=["a visit", "an action"])
@pytest.mark.parametrize(("role", "answer"), expects(STAFF_WRITES))
def test_staff_edit_visits_and_actions_in_the_admin(world, as_role, client, model, role, answer):
    thing = world.review_visit if model is Visit else world.public_action
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[thing.pk])
    data = admin_form_data(log_in(client, world.superuser).get(url))
    data["title"] = "Pārdēvēts administrācijā"
    client.logout()
    someone = as_role(role)
    before = rows(model)

    assert admin_answer(someone, url, method="post", data=data) == answer

    thing.refresh_from_db()
    if answer == DONE:
        assert thing.title == "Pārdēvēts administrācijā"
    else:
        assert rows(model) == before


@pytest.mark.parametrize(("role", "answer"), expects(STAFF_WRITES))
def test_staff_publish_in_bulk(world, as_role, role, answer):
    someone = as_role(role)
    before = rows(Visit)
    publish = {
        "action": "publish",
        "_selected_action": [world.review_visit.pk, world.draft_visit.pk],
        "index": 0,
    }

    url = reverse("admin:visits_visit_changelist")
    assert admin_answer(someone, url, method="post", data=publish) == answer

    if answer == DONE:
        published = Visit.objects.filter(pk__in=[world.review_visit.pk, world.draft_visit.pk])
        assert {visit.status for visit in published} == {Visit.Status.PUBLISHED}
        assert all(visit.published_at is not None for visit in published)
    else:
        assert rows(Visit) == before


@pytest.mark.parametrize(("role", "answer"), expects(STAFF_WRITES))
def test_staff_moderate_in_the_admin(world, as_role, role, answer):
    someone = as_role(role)
    before = rows(Comment)
    hide = {
        "action": "hide_comments",
        "reason": "Atklāj ģimeni.",
        "_selected_action": [world.expert_comment.pk],
        "index": 0,
    }

    url = reverse("admin:visits_comment_changelist")
    assert admin_answer(someone, url, method="post", data=hide) == answer

    world.expert_comment.refresh_from_db()
    if answer == DONE:
        assert world.expert_comment.is_hidden
        assert world.expert_comment.hidden_reason == "Atklāj ģimeni."
    else:
        assert rows(Comment) == before


@pytest.mark.parametrize(
    ("role", "answer"), [(ANONYMOUS, LOGIN), (EXPERT, ADMIN_404), (OTHER_EXPERT, ADMIN_404)]
)
@pytest.mark.parametrize("step", ["admin:visits_visit_import", "admin:visits_visit_process_import"])
def test_no_one_outside_staff_imports(world, as_role, role, answer, step):
    someone = as_role(role)
    before = rows(Visit)
    upload = SimpleUploadedFile(
        "vizites.csv",
        "title,slug,status,start_date,end_date\n"
        "Uzlauzta vizīte,uzlauzta,PUBLISHED,2024-05-06,2024-05-07\n".encode(),
        content_type="text/csv",
    )

    form = {"import_file": upload, "format": "0", "import_file_name": "vizites.csv"}

    assert admin_answer(someone, reverse(step), method="post", data=form) == answer
    assert rows(Visit) == before


@pytest.mark.parametrize(("role", "answer"), expects(STAFF_WRITES))
def test_staff_invite(world, as_role, role, answer, mailoutbox, django_capture_on_commit_callbacks):
    someone = as_role(role)
    before = rows(Invitation)
    invitation = {
        "email": "jauna.eksperte@example.invalid",
        "full_name": "Jauna Eksperte",
        "expires_at_0": "2030-01-01",
        "expires_at_1": "12:00:00",
    }

    with django_capture_on_commit_callbacks(execute=True):
        url = reverse("admin:experts_invitation_add")
        assert admin_answer(someone, url, method="post", data=invitation) == answer

    if answer == DONE:
        invitation = Invitation.objects.get(email="jauna.eksperte@example.invalid")
        assert invitation.invited_by == world.user(role)
        assert [message.to for message in mailoutbox] == [["jauna.eksperte@example.invalid"]]
    else:
        assert rows(Invitation) == before
        assert mailoutbox == []


# --- managing users and roles: the superuser's -------------------------------------------

ACCOUNT_TABLES = (User, User.groups.through, User.user_permissions.through, Group)
GROUP_TABLES = (Group, Group.permissions.through)


@pytest.mark.parametrize(("role", "answer"), expects(SUPERUSER_WRITES))
def test_only_the_superuser_changes_an_account(world, as_role, client, role, answer):
    url = reverse("admin:auth_user_change", args=[world.editor.pk])
    data = admin_form_data(log_in(client, world.superuser).get(url))
    data["is_superuser"] = "on"  # the editor would make themselves a superuser
    client.logout()
    someone = as_role(role)
    before = rows(*ACCOUNT_TABLES)

    assert admin_answer(someone, url, method="post", data=data) == answer

    world.editor.refresh_from_db()
    if answer == DONE:
        assert world.editor.is_superuser
    else:
        assert rows(*ACCOUNT_TABLES) == before


@pytest.mark.parametrize(("role", "answer"), expects(SUPERUSER_WRITES))
def test_only_the_superuser_adds_an_account(world, as_role, role, answer):
    someone = as_role(role)
    before = rows(*ACCOUNT_TABLES)

    account = {
        "username": "jauns.redaktors@km.example.invalid",
        "password1": "Ilga-parole-2026!",
        "password2": "Ilga-parole-2026!",
        "usable_password": "true",
    }

    url = reverse("admin:auth_user_add")
    assert admin_answer(someone, url, method="post", data=account) == answer

    if answer == DONE:
        assert User.objects.filter(username="jauns.redaktors@km.example.invalid").exists()
    else:
        assert rows(*ACCOUNT_TABLES) == before


@pytest.mark.parametrize(("role", "answer"), expects(SUPERUSER_WRITES))
def test_only_the_superuser_changes_a_role(world, as_role, role, answer):
    group = Group.objects.get(name="Ministrijas redaktors")
    change_user = Permission.objects.get(content_type__app_label="auth", codename="change_user")
    permissions = [*group.permissions.values_list("pk", flat=True), change_user.pk]
    someone = as_role(role)
    before = rows(*GROUP_TABLES)

    role_form = {"name": group.name, "permissions": [str(pk) for pk in permissions]}

    url = reverse("admin:auth_group_change", args=[group.pk])
    assert admin_answer(someone, url, method="post", data=role_form) == answer

    if answer == DONE:
        assert group.permissions.filter(pk=change_user.pk).exists()
    else:
        assert rows(*GROUP_TABLES) == before


@pytest.mark.parametrize(("role", "answer"), expects(SUPERUSER_WRITES))
def test_only_the_superuser_gives_a_role(world, as_role, role, answer):
    """The editor cannot put an expert into their group, and so into the admin."""
    expert_user = world.expert.user
    url = reverse("admin:auth_user_change", args=[expert_user.pk])
    someone = as_role(role)
    before = rows(*ACCOUNT_TABLES)
    group = Group.objects.get(name="Ministrijas redaktors")

    account = {
        "username": expert_user.username,
        "email": expert_user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [str(group.pk)],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }

    assert admin_answer(someone, url, method="post", data=account) == answer

    expert_user.refresh_from_db()
    if answer == DONE:
        assert expert_user.is_staff
    else:
        assert rows(*ACCOUNT_TABLES) == before
        assert not expert_user.is_staff
