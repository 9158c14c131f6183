"""Four demo trusts, one per seed policy, each with schools, a central team and about 40 staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from . import services
from .models import Participant, RoleAssignment, School, StaffMember, Trust, User
from .tenancy import trust_scope

G = StaffMember.Group
C = StaffMember.Contract
R = RoleAssignment.Role

FIRST = [
    "Amira",
    "Ben",
    "Chloe",
    "Daniel",
    "Ella",
    "Farhan",
    "Grace",
    "Harry",
    "Isla",
    "Jamal",
    "Katie",
    "Liam",
    "Maya",
    "Nathan",
    "Olivia",
    "Priya",
    "Quentin",
    "Rosie",
    "Samuel",
    "Tara",
    "Usman",
    "Violet",
    "William",
    "Yasmin",
    "Zach",
    "Aisha",
    "Callum",
    "Demi",
    "Ethan",
    "Freya",
    "George",
    "Hannah",
    "Imran",
    "Jess",
    "Kai",
    "Leah",
    "Mohammed",
    "Niamh",
    "Oscar",
    "Poppy",
    "Rhys",
    "Sophie",
]
LAST = [
    "Ahmed",
    "Bennett",
    "Clarke",
    "Davies",
    "Evans",
    "Fletcher",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "Owen",
    "Patel",
    "Quinn",
    "Roberts",
    "Shah",
    "Taylor",
    "Umar",
    "Vaughan",
    "Walker",
    "Young",
    "Begum",
    "Carter",
    "Dixon",
    "Ellis",
    "Foster",
    "Grant",
    "Hall",
    "Ibrahim",
]


@dataclass(frozen=True)
class DemoTrust:
    slug: str
    name: str
    domain: str
    words: dict
    schools: list[tuple[str, str, str]]
    mfa: bool = False


TRUSTS = [
    DemoTrust(
        "net",
        "Nene Education Trust",
        "nene.example",
        {
            "process_name": "Professional Learning",
            "reviewer_term": "reviewer",
            "reviewee_term": "reviewee",
            "objectives_term": "objectives",
            "support_plan_term": "Support and Challenge programme",
            "central_team_name": "Central team",
        },
        [
            ("Riverside Primary Academy", "primary", "141001"),
            ("Nene Valley Secondary Academy", "secondary", "141002"),
            ("Meadow Lane Primary Academy", "primary", "141003"),
        ],
    ),
    DemoTrust(
        "cl",
        "Connected Learning",
        "connected.example",
        {
            "process_name": "Performance Management",
            "reviewer_term": "performance manager",
            "reviewee_term": "reviewee",
            "objectives_term": "objectives",
            "support_plan_term": "monitoring period",
            "central_team_name": "Central team",
        },
        [
            ("Oakfield Academy", "secondary", "142001"),
            ("Brook Street Primary School", "primary", "142002"),
            ("Hillcrest Junior School", "primary", "142003"),
        ],
    ),
    DemoTrust(
        "wh",
        "Washwood Heath Multi Academy Trust",
        "whmat.example",
        {
            "process_name": "Professional Growth",
            "reviewer_term": "appraiser",
            "reviewee_term": "appraisee",
            "objectives_term": "performance expectations",
            "support_plan_term": "informal PIP",
            "central_team_name": "Core team",
        },
        [
            ("Washwood Heath Academy", "secondary", "143001"),
            ("Cherry Tree Primary", "primary", "143002"),
            ("Firs Lane Nursery and Primary", "primary", "143003"),
        ],
        mfa=False,
    ),
    DemoTrust(
        "ar",
        "Archway Learning Trust",
        "archway.example",
        {
            "process_name": "Continuing Professional Learning",
            "reviewer_term": "reviewer",
            "reviewee_term": "reviewee",
            "objectives_term": "objectives",
            "support_plan_term": "support plan",
            "central_team_name": "Central team",
        },
        [
            ("Bulwell Academy", "secondary", "144001"),
            ("Trinity Park Primary", "primary", "144002"),
            ("Archway Sixth Form", "post_16", "144003"),
        ],
    ),
]

PLATFORM_EMAIL = "platform@appraisal.example"
ADVISER_EMAIL = "adviser@improvement.example"

# Per school: (job title, group, post facts). The first is the principal.
SCHOOL_POSTS = [
    ("Principal", G.LEADERSHIP, {"holds_leadership_post": True, "has_qts": True, "on_upper_pay_range": False}),
    ("Deputy Principal", G.LEADERSHIP, {"holds_leadership_post": True, "has_qts": True}),
    ("Head of English", G.TEACHER, {"holds_tlr": True, "on_upper_pay_range": True, "has_qts": True}),
    ("Teacher of Mathematics", G.TEACHER, {"on_upper_pay_range": True, "has_qts": True}),
    ("Class Teacher", G.TEACHER, {"has_qts": True}),
    ("Class Teacher", G.TEACHER, {"has_qts": True, "fte": Decimal("0.6")}),
    ("Early Career Teacher", G.TEACHER, {"has_qts": True, "ect_induction_year": 1}),
    ("Early Career Teacher", G.TEACHER, {"has_qts": True, "ect_induction_year": 2}),
    ("Trainee Teacher", G.TEACHER, {"training_route": "trainee"}),
    ("Maternity Cover Teacher", G.TEACHER, {"has_qts": True, "contract_type": C.FIXED_TERM}),
    ("Teaching Assistant", G.SUPPORT, {"support_grade": 4}),
    ("School Business Manager", G.SUPPORT, {"support_grade": 7}),
    ("Learning Support Assistant", G.SUPPORT, {"support_grade": 3, "probation": True}),
]
CENTRAL_POSTS = [
    ("Chief Executive Officer", G.EXECUTIVE, [R.CEO]),
    ("Chief Operating Officer", G.EXECUTIVE, [R.COO]),
    ("Director of School Improvement", G.EXECUTIVE, [R.DIRECTOR_SCHOOL_IMPROVEMENT]),
    ("HR Manager", G.CENTRAL, [R.HR_ADMIN]),
    ("Professional Learning Lead", G.CENTRAL, [R.CPL_LEADER]),
    ("Finance Officer", G.CENTRAL, []),
]


def _email(first: str, last: str, domain: str) -> str:
    return f"{first}.{last}@{domain}".lower()


@transaction.atomic
def seed_demo(*, today: date) -> list[tuple[str, str, str]]:
    """Create what is missing; return (trust, role, email) for the sign-ins worth printing."""
    # Hash once: every demo account shares the printed password, and hashing is slow by design.
    password = make_password(settings.SEED_DEMO_PASSWORD)
    sign_ins: list[tuple[str, str, str]] = []
    platform = User.objects.filter(email=PLATFORM_EMAIL).first()
    if platform is None:
        platform = User.objects.create_superuser(PLATFORM_EMAIL, None, first_name="Platform", last_name="Admin")
        _set_password(platform, password)
    sign_ins.append(("(all trusts)", "Platform superuser", PLATFORM_EMAIL))
    for index, spec in enumerate(TRUSTS):
        trust = Trust.objects.filter(slug=spec.slug).first()
        if trust is None:
            trust = services.trust_create(
                name=spec.name, slug=spec.slug, preset=spec.slug, mfa_required_for_leaders=spec.mfa, **spec.words
            )
            with trust_scope(trust):
                _people(trust, spec, index, today, password)
        with trust_scope(trust):
            sign_ins += _sign_ins(trust, spec)
    for step in DEMO_STEPS:
        step(today=today)
    sign_ins.append(("Nene Education Trust + Connected Learning", "External adviser (two trusts)", ADVISER_EMAIL))
    return sign_ins


def _person(names, trust, spec, index, password, **post) -> StaffMember:
    first, last = next(names)
    staff = services.staff_member_create(
        trust=trust, email=_email(first, last, spec.domain), first_name=first, last_name=last, **post
    )
    _set_password(staff.user, password)
    return staff


def _set_password(user: User, hashed: str) -> None:
    user.password = hashed
    user.save(update_fields=["password"])


def _names(offset: int):
    n = offset * 7
    while True:
        yield FIRST[n % len(FIRST)], LAST[(n * 5 + offset) % len(LAST)]
        n += 1


def _people(trust: Trust, spec: DemoTrust, index: int, today: date, password: str) -> None:
    names = _names(index)
    started = date(today.year - 3, 9, 1)
    central = {}
    for title, group, roles in CENTRAL_POSTS:
        staff = _person(
            names,
            trust,
            spec,
            index,
            password,
            job_title=title,
            staff_group=group,
            starts_on=started,
            has_qts=group == G.EXECUTIVE,
            holds_leadership_post=group == G.EXECUTIVE,
        )
        central[title] = staff
        for role in roles:
            services.role_assign(trust=trust, user=staff.user, role=role, starts_on=started)
    ceo = central["Chief Executive Officer"]
    for title in ("Chief Operating Officer", "Director of School Improvement", "HR Manager"):
        services.staff_member_update(staff=central[title], line_manager=ceo)
    for title in ("Professional Learning Lead", "Finance Officer"):
        services.staff_member_update(staff=central[title], line_manager=central["Chief Operating Officer"])

    for name, phase, urn in spec.schools:
        school = services.school_create(trust=trust, name=name, phase=phase, urn=urn)
        principal = deputy = None
        for title, group, facts in SCHOOL_POSTS:
            facts = dict(facts)
            probation = facts.pop("probation", False)
            if probation:
                facts["probation_ends_on"] = date(today.year + 1, 3, 31)
            if facts.get("contract_type") == C.FIXED_TERM:
                facts["ends_on"] = date(today.year + 1, 7, 31)
            manager = principal if title in ("Deputy Principal", "School Business Manager") else deputy or principal
            staff = _person(
                names,
                trust,
                spec,
                index,
                password,
                school=school,
                job_title=title,
                staff_group=group,
                starts_on=started if "Early Career" not in title else date(today.year - 1, 9, 1),
                line_manager=manager if title != "Principal" else central["Director of School Improvement"],
                **facts,
            )
            if title == "Principal":
                principal = staff
                services.role_assign(trust=trust, user=staff.user, role=R.PRINCIPAL, school=school, starts_on=started)
            if title == "Deputy Principal":
                deputy = staff
        # An agency supply teacher and a volunteer: out of scope for appraisal in every seed policy.
        _person(
            names,
            trust,
            spec,
            index,
            password,
            school=school,
            job_title="Supply Teacher",
            staff_group=G.TEACHER,
            contract_type=C.AGENCY,
            starts_on=date(today.year, 9, 1),
            has_qts=True,
        )

    for _i in range(3):
        first, last = next(names)
        participant = services.participant_create(
            trust=trust,
            email=_email(first, last, "trustees." + spec.domain),
            first_name=first,
            last_name=last,
            kind=Participant.Kind.TRUSTEE,
        )
        _set_password(participant.user, password)
        services.role_assign(trust=trust, user=participant.user, role=R.TRUSTEE)
    first, last = next(names)
    chair = services.participant_create(
        trust=trust,
        email=_email(first, last, "governors." + spec.domain),
        first_name=first,
        last_name=last,
        kind=Participant.Kind.CHAIR_OF_GOVERNORS,
        school=School.objects.order_by("name").first(),
    )
    _set_password(chair.user, password)
    if spec.slug in ("net", "cl"):
        adviser = services.participant_create(
            trust=trust,
            email=ADVISER_EMAIL,
            first_name="Alex",
            last_name="Adviser",
            kind=Participant.Kind.EXTERNAL_ADVISER,
            organisation="Improvement Partners Ltd",
        )
        _set_password(adviser.user, password)


def _sign_ins(trust: Trust, spec: DemoTrust) -> list[tuple[str, str, str]]:
    def email_of(**filters) -> str | None:
        staff = StaffMember.objects.filter(**filters).select_related("user").order_by("pk").first()
        return staff.user.email if staff else None

    rows = [
        ("HR admin", email_of(job_title="HR Manager")),
        ("Chief executive", email_of(job_title="Chief Executive Officer")),
        ("Principal", email_of(job_title="Principal")),
        ("Teacher (UPR, TLR)", email_of(job_title="Head of English")),
        ("Support staff", email_of(job_title="Teaching Assistant")),
    ]
    trustee = Participant.objects.filter(kind=Participant.Kind.TRUSTEE).select_related("user").order_by("pk").first()
    if trustee:
        rows.append(("Trustee", trustee.user.email))
    return [(trust.name, role, email) for role, email in rows if email]


# Apps to the right of trusts add their part of the demo here (e.g. appraisals opens cycles).
DEMO_STEPS: list = []


def register_demo_step(step):
    if step not in DEMO_STEPS:
        DEMO_STEPS.append(step)
    return step
