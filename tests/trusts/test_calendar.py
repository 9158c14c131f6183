"""CAL-1: working days, half terms and bank holidays come from each school's calendar."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from trusts import calendar_services
from trusts.calendar import SchoolCalendar, default_terms
from trusts.models import ClosureDay, Term
from trusts.tenancy import trust_scope

pytestmark = pytest.mark.django_db


def term_post_data(names=("autumn", "spring", "summer")) -> dict:
    """The calendar form filled with a typical 2026/27 year, for the terms named."""
    data = {"save_terms": "1"}
    for t in default_terms(2026):
        if t.name in names:
            data |= {
                f"{t.name}-starts_on": t.starts_on,
                f"{t.name}-ends_on": t.ends_on,
                f"{t.name}-half_term_starts_on": t.half_term_starts_on,
                f"{t.name}-half_term_ends_on": t.half_term_ends_on,
            }
    return data


def enter_2025(world):
    """A real-looking 2025/26 year for the world's school, with an INSET day on 6 January."""
    with trust_scope(world.trust):
        for name, dates in {
            "autumn": (date(2025, 9, 3), date(2025, 12, 19), date(2025, 10, 27), date(2025, 10, 31)),
            "spring": (date(2026, 1, 5), date(2026, 3, 27), date(2026, 2, 16), date(2026, 2, 20)),
            "summer": (date(2026, 4, 13), date(2026, 7, 22), date(2026, 5, 25), date(2026, 5, 29)),
        }.items():
            calendar_services.term_save(
                trust=world.trust,
                school=world.school,
                academic_year=2025,
                name=name,
                starts_on=dates[0],
                ends_on=dates[1],
                half_term_starts_on=dates[2],
                half_term_ends_on=dates[3],
            )
        calendar_services.closure_add(trust=world.trust, school=world.school, on=date(2026, 1, 6), kind="inset")
    return SchoolCalendar.for_school(world.school)


def test_cal_1_working_days_skip_the_october_half_term(world_a):
    cal = enter_2025(world_a)
    # Friday 24 October + 1 working day: the half term week is skipped -> Monday 3 November.
    assert cal.add_working_days(date(2025, 10, 24), 1) == date(2025, 11, 3)


def test_cal_1_working_days_skip_an_inset_day_and_a_bank_holiday(world_a):
    cal = enter_2025(world_a)
    # Spring term opens Monday 5 January; Tuesday 6 is INSET: 5 Jan + 1 -> Wednesday 7.
    assert cal.add_working_days(date(2026, 1, 5), 1) == date(2026, 1, 7)
    # Friday 1 May + 1: Monday 4 May is the May Day bank holiday -> Tuesday 5 May.
    assert cal.add_working_days(date(2026, 5, 1), 1) == date(2026, 5, 5)


def test_cal_1_five_working_days_across_half_term_inset_and_bank_holiday(world_a):
    cal = enter_2025(world_a)
    # Thursday 18 Dec 2025: 19 Dec counts (1), Christmas holiday, 5 Jan (2), INSET 6 Jan skipped,
    # 7, 8, 9 Jan (3, 4, 5).
    assert cal.add_working_days(date(2025, 12, 18), 5) == date(2026, 1, 9)
    assert cal.working_days_between(date(2025, 12, 18), date(2026, 1, 9)) == 5


def test_cal_1_working_weeks_are_five_working_days(world_a):
    cal = enter_2025(world_a)
    assert cal.add_working_weeks(date(2025, 10, 13), 2) == cal.add_working_days(date(2025, 10, 13), 10)
    assert cal.add_working_weeks(date(2025, 10, 13), 2) == date(2025, 11, 3)  # half term in between


def test_cal_1_by_the_february_half_term_is_the_last_working_day_before_it(world_a):
    cal = enter_2025(world_a)
    assert cal.before_half_term(2025, "spring") == date(2026, 2, 13)
    assert cal.before_half_term(2025, "autumn") == date(2025, 10, 24)


def test_calendar_days_are_plain_days(world_a):
    cal = enter_2025(world_a)
    assert cal.add_days(date(2025, 10, 24), 5, unit="calendar") == date(2025, 10, 29)
    assert cal.add_days(date(2025, 10, 24), 5, unit="working") == date(2025, 11, 7)


def test_a_school_without_a_calendar_uses_the_trusts_then_a_flagged_default(world_a):
    cal = SchoolCalendar.for_school(world_a.school)
    assert cal.uses_default(2026)
    assert [t.name for t in cal.terms(2026)] == ["autumn", "spring", "summer"]
    with trust_scope(world_a.trust):
        for t in default_terms(2026):
            calendar_services.term_save(
                trust=world_a.trust,
                school=None,
                academic_year=2026,
                name=t.name,
                starts_on=t.starts_on,
                ends_on=t.ends_on,
                half_term_starts_on=t.half_term_starts_on,
                half_term_ends_on=t.half_term_ends_on,
            )
    assert not SchoolCalendar.for_school(world_a.school).uses_default(2026)


def test_default_terms_look_like_an_english_school_year():
    autumn, spring, summer = default_terms(2026)
    assert autumn.starts_on == date(2026, 9, 1) and autumn.half_term_starts_on == date(2026, 10, 26)
    assert spring.half_term_starts_on == date(2027, 2, 15)
    assert summer.ends_on.month == 7 and summer.half_term_starts_on == date(2027, 5, 31)


def test_overlapping_terms_are_refused_with_the_clashing_dates(world_a):
    enter_2025(world_a)
    with trust_scope(world_a.trust), pytest.raises(ValidationError, match="overlap the Autumn term 2025/26"):
        calendar_services.term_save(
            trust=world_a.trust,
            school=world_a.school,
            academic_year=2026,
            name="autumn",
            starts_on=date(2025, 12, 1),
            ends_on=date(2026, 1, 2),
            half_term_starts_on=date(2025, 12, 10),
            half_term_ends_on=date(2025, 12, 11),
        )
    assert Term.objects_unscoped.filter(academic_year=2026).count() == 0


def test_principal_enters_the_schools_terms_in_the_browser_form(world_a, signed_in):
    client = signed_in(world_a.principal.user)
    url = f"/schools/{world_a.school.pk}/calendar/2026/"
    page = client.get(url)
    assert "No calendar has been entered for this year" in page.content.decode()
    data = term_post_data()
    assert client.post(url, data).status_code == 302
    assert Term.objects_unscoped.filter(school=world_a.school, academic_year=2026).count() == 3
    assert "No calendar has been entered" not in client.get(url).content.decode()


def test_bad_term_dates_are_explained_next_to_the_field_and_nothing_saved(world_a, signed_in):
    client = signed_in(world_a.principal.user)
    url = f"/schools/{world_a.school.pk}/calendar/2026/"
    data = term_post_data(("spring", "summer")) | {"autumn-starts_on": "not a date"}
    body = client.post(url, data).content.decode()
    assert "Enter a valid date" in body
    assert Term.objects_unscoped.filter(school=world_a.school).count() == 0


def test_a_half_term_outside_its_term_is_explained(world_a, signed_in):
    client = signed_in(world_a.hr.user)
    data = term_post_data()
    data["autumn-half_term_starts_on"] = "2027-01-01"
    body = client.post(f"/schools/{world_a.school.pk}/calendar/2026/", data).content.decode()
    assert "The half term falls inside the term" in body


def test_principal_adds_and_removes_an_inset_day(world_a, signed_in):
    client = signed_in(world_a.principal.user)
    url = f"/schools/{world_a.school.pk}/calendar/2026/"
    client.post(url, {"add_closure": "1", "date": "2026-11-02", "kind": "inset", "reason": "Training"})
    day = ClosureDay.objects_unscoped.get(school=world_a.school)
    assert "Monday 2 November 2026" in client.get(url).content.decode()
    client.post(url, {"remove_closure": day.pk})
    assert not ClosureDay.objects_unscoped.exists()


def test_teachers_and_other_principals_cannot_edit_a_calendar(world_a, world_b, signed_in):
    assert signed_in(world_a.teacher.user).get(f"/schools/{world_a.school.pk}/calendar/2026/").status_code == 404
    assert signed_in(world_a.principal.user).get("/calendar/2026/").status_code == 404
    assert signed_in(world_a.hr.user).get("/calendar/2026/").status_code == 200


def test_terms_import_from_csv_all_or_nothing(world_a):
    import tablib

    from trusts.resources import TermResource

    urn = world_a.school.urn
    header = "school_urn,academic_year,name,starts_on,ends_on,half_term_starts_on,half_term_ends_on\n"
    good = f"{urn},2026,autumn,01/09/2026,18/12/2026,26/10/2026,30/10/2026\n,2026,spring,04/01/2027,26/03/2027,15/02/2027,19/02/2027\n"
    bad = f"{urn},2026,winter,01/01/2027,02/02/2027,10/01/2027,11/01/2027\n"
    with trust_scope(world_a.trust):
        result = TermResource(trust=world_a.trust).import_data(tablib.Dataset().load(header + good + bad, format="csv"))
    assert [row.number for row in result.invalid_rows] == [3]
    assert '"winter" is not one of' in str(result.invalid_rows[0].error_dict)
    assert Term.objects_unscoped.count() == 0
    with trust_scope(world_a.trust):
        result = TermResource(trust=world_a.trust).import_data(tablib.Dataset().load(header + good, format="csv"))
    assert not result.has_validation_errors() and not result.has_errors()
    assert set(Term.objects_unscoped.values_list("school_id", "name")) == {
        (world_a.school.pk, "autumn"),
        (None, "spring"),
    }


def test_calendar_api_reads_for_everyone_and_writes_for_hr_and_the_schools_principal(world_a, world_b):
    from rest_framework.test import APIClient

    def api(user):
        client = APIClient()
        client.force_login(user)
        return client

    term = {
        "school": world_a.school.pk,
        "academic_year": 2026,
        "name": "autumn",
        "starts_on": "2026-09-01",
        "ends_on": "2026-12-18",
        "half_term_starts_on": "2026-10-26",
        "half_term_ends_on": "2026-10-30",
    }
    assert api(world_a.teacher.user).post("/api/v1/terms/", term, format="json").status_code == 403
    assert api(world_a.principal.user).post("/api/v1/terms/", term, format="json").status_code == 201
    assert [t["name"] for t in api(world_a.teacher.user).get("/api/v1/terms/").json()["results"]] == ["autumn"]
    clash = term | {
        "name": "spring",
        "starts_on": "2026-12-01",
        "ends_on": "2027-01-31",
        "half_term_starts_on": "2027-01-10",
        "half_term_ends_on": "2027-01-11",
    }
    response = api(world_a.hr.user).post("/api/v1/terms/", clash, format="json")
    assert response.status_code == 400 and "overlap" in response.json()["starts_on"][0]
    theirs = term | {"school": world_b.school.pk}
    assert api(world_a.hr.user).post("/api/v1/terms/", theirs, format="json").status_code == 400
    made = api(world_a.principal.user).post(
        "/api/v1/closures/", {"school": world_a.school.pk, "date": "2026-11-02", "kind": "inset"}, format="json"
    )
    assert made.status_code == 201
    assert api(world_a.principal.user).delete(f"/api/v1/closures/{made.json()['id']}/").status_code == 204


def test_the_principal_is_told_when_their_school_has_no_calendar(world_a, signed_in):
    body = signed_in(world_a.principal.user).get("/").content.decode()
    assert f"{world_a.school.name} has no calendar for" in body


def test_a_bad_spring_term_saves_no_term_and_is_explained_in_its_own_fieldset(world_a, signed_in):
    client = signed_in(world_a.hr.user)
    data = term_post_data()
    data["spring-half_term_starts_on"] = "2027-06-01"
    data["spring-half_term_ends_on"] = "2027-06-02"
    response = client.post(f"/schools/{world_a.school.pk}/calendar/2026/", data)
    spring = next(f for f in response.context["term_forms"] if f.name == "spring")
    autumn = next(f for f in response.context["term_forms"] if f.name == "autumn")
    assert "half term falls inside the term" in str(spring.errors) and not autumn.errors
    assert Term.objects_unscoped.filter(school=world_a.school).count() == 0
