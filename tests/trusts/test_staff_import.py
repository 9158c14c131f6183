"""Staff import from CSV: a preview, every bad row named with its line, nothing written if any is bad."""

import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from trusts.models import AuditEvent, StaffMember
from trusts.resources import StaffResource
from trusts.tenancy import trust_scope

pytestmark = pytest.mark.django_db

HEADER = "email,first_name,last_name,school_urn,job_title,staff_group,contract_type,starts_on,qts,line_manager_email\n"


def csv_for(world, rows: list[str]) -> str:
    return HEADER + "".join(r + "\n" for r in rows)


def good_rows(world) -> list[str]:
    urn = world.school.urn
    return [
        f"ann.lee@example.org,Ann,Lee,{urn},Class Teacher,teacher,permanent,01/09/2024,yes,{world.principal.user.email}",
        f"bo.ray@example.org,Bo,Ray,{urn},Teaching Assistant,Support staff,Fixed-term,01/09/2024,no,",
    ]


def run_import(world, text: str, dry_run: bool):
    with trust_scope(world.trust):
        resource = StaffResource(trust=world.trust, actor=world.hr.user)
        return resource.import_data(tablib.Dataset().load(text, format="csv"), dry_run=dry_run, raise_errors=False)


def test_a_clean_file_imports_every_row_with_accounts_and_audit(world_a):
    result = run_import(world_a, csv_for(world_a, good_rows(world_a)), dry_run=False)
    assert not result.has_errors(), [e.traceback for _, errs in result.row_errors() for e in errs]
    assert not result.has_validation_errors()
    with trust_scope(world_a.trust):
        ann = StaffMember.objects.get(user__email="ann.lee@example.org")
        assert ann.line_manager == world_a.principal
        assert ann.has_qts is True
        assert StaffMember.objects.get(user__email="bo.ray@example.org").contract_type == "fixed_term"
        assert AuditEvent.objects.filter(action="staff.create").count() == 2
    assert not ann.user.has_usable_password()  # invited, not given a password


def test_one_bad_row_imports_nothing_and_names_the_row(world_a):
    rows = good_rows(world_a)
    rows.insert(1, "cy.moss@example.org,Cy,Moss,999999,Teacher,teacher,permanent,01/09/2024,yes,")
    result = run_import(world_a, csv_for(world_a, rows), dry_run=False)
    assert result.has_validation_errors()
    invalid = result.invalid_rows
    assert [row.number for row in invalid] == [2]
    assert 'No school with URN "999999"' in str(invalid[0].error_dict)
    assert not StaffMember.objects_unscoped.filter(
        user__email__in=["ann.lee@example.org", "bo.ray@example.org"]
    ).exists()


def test_bad_values_each_get_a_reason(world_a):
    urn = world_a.school.urn
    rows = [
        f"not-an-email,Di,Fox,{urn},Teacher,teacher,permanent,01/09/2024,yes,",
        f"eve@example.org,Eve,Hart,{urn},Teacher,wizard,permanent,01/09/2024,yes,",
        f"fay@example.org,Fay,Ince,{urn},Teacher,teacher,permanent,31/02/2024,maybe,",
    ]
    result = run_import(world_a, csv_for(world_a, rows), dry_run=True)
    errors = {row.number: str(row.error_dict) for row in result.invalid_rows}
    assert "work email" in errors[1]
    assert '"wizard" is not one of' in errors[2]
    assert '"maybe" is not yes or no' in errors[3]
    assert StaffMember.objects_unscoped.filter(trust=world_a.trust).count() == 5


def test_another_trusts_school_is_unknown_to_the_import(world_a, world_b):
    row = f"gus@example.org,Gus,Jay,{world_b.school.urn},Teacher,teacher,permanent,01/09/2024,yes,"
    result = run_import(world_a, csv_for(world_a, [row]), dry_run=True)
    assert "No school with URN" in str(result.invalid_rows[0].error_dict)


def test_hr_admin_sees_the_bad_row_in_the_admin_preview_and_nothing_is_saved(world_a, signed_in):
    client = signed_in(world_a.hr.user)
    rows = good_rows(world_a) + [
        f"hal@example.org,Hal,King,{world_a.school.urn},Teacher,teacher,permanent,not a date,yes,"
    ]
    upload = SimpleUploadedFile("staff.csv", csv_for(world_a, rows).encode(), content_type="text/csv")
    response = client.post(
        "/admin/trusts/staffmember/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Some rows failed to validate" in body
    invalid = response.context["result"].invalid_rows
    assert [row.number for row in invalid] == [3]
    assert "starts_on" in invalid[0].field_specific_errors
    assert "Confirm import" not in body
    assert not StaffMember.objects_unscoped.filter(user__email="ann.lee@example.org").exists()


def test_export_round_trips_the_columns_import_reads(world_a):
    with trust_scope(world_a.trust):
        dataset = StaffResource(trust=world_a.trust).export()
    text = dataset.csv
    assert text.splitlines()[0].startswith("email,first_name,last_name,school_urn,job_title")
    assert world_a.teacher.user.email in text
    io.StringIO(text)
