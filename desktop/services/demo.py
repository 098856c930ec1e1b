"""Demo counters: realistic participants and every kind of transaction over several business days.

Everything goes through the same services a teller uses, so the demo data obeys every rule; only the
clock is the demo's own, stepping through the days. Each day opens with a counted float before its
first capture, and each past day is counted and closed into its report before the next one opens,
so a demo counter starts clean: only today is open, and no earlier day waits to be closed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from desktop.clock import Clock, utc_now
from desktop.counter import Counter
from desktop.domain.cash import COINS, NOTES, CashCount, Denomination, cash_count, expected_cash
from desktop.domain.claims import DocStatus, documents_for
from desktop.domain.contributions import income_tiers, quote_pu
from desktop.domain.periods import add_months
from desktop.domain.users import Role
from desktop.errors import DomainError
from desktop.services.agents import find_agents, load_demo_agents
from desktop.services.auth import User
from desktop.services.business_day import day_state, open_day, unclosed_days
from desktop.services.capture import Captured
from desktop.services.claims import HandOverClaim, hand_over_claim
from desktop.services.contributions import (
    PayBpuContribution,
    PayPuContribution,
    pay_bpu,
    pay_pu,
)
from desktop.services.day_close import close_day, count_cash
from desktop.services.day_figures import LocalTime, People, day_figures
from desktop.services.lookup import not_voided
from desktop.services.registration import RegisterParticipant, register_participant
from desktop.services.setup import add_user, init_counter
from desktop.services.voids import write_void
from desktop.store import schema
from desktop.store.store import Store

DEMO_PROFILE = {
    "bank_code": "BNI",
    "branch_code": "DEMO",
    "branch_name": "KC Demo Jakarta Kota",
    "counter_no": 1,
    "timezone": "Asia/Jakarta",
}


@dataclass(frozen=True)
class DemoUser:
    id: str
    name: str
    role: Role
    pin: str


# Demo PINs are printed on purpose: a demo counter holds no real data.
DEMO_USERS = (
    DemoUser("spv01", "Siti Rahmawati", Role.SUPERVISOR, "135790"),
    DemoUser("spv02", "Budi Santoso", Role.SUPERVISOR, "246801"),
    DemoUser("teller01", "Dewi Lestari", Role.TELLER, "102938"),
    DemoUser("teller02", "Agus Setiawan", Role.TELLER, "564738"),
)

FIRST_NAMES_M = (
    "Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Iwan", "Joko", "Rudi", "Slamet",
    "Wahyu", "Yusuf", "Bambang", "Ahmad", "Dimas", "Rizki", "Teguh", "Nyoman", "Made", "Ucok",
)  # fmt: skip
FIRST_NAMES_F = (
    "Ani", "Dewi", "Fitri", "Indah", "Lestari", "Nur", "Putri", "Rina", "Sri", "Wati",
    "Yuni", "Ayu", "Kartika", "Maya", "Ratna", "Siti", "Ketut", "Desi", "Lina", "Rahma",
)  # fmt: skip
LAST_NAMES = (
    "Santoso", "Wijaya", "Saputra", "Hidayat", "Susanto", "Kurniawan", "Pratama", "Nugroho",
    "Siregar", "Nasution", "Harahap", "Simanjuntak", "Hutapea", "Wibowo", "Setiawan", "Gunawan",
    "Lubis", "Pane", "Sinaga", "Rahman", "Maulana", "Putra", "Utami", "Handayani",
)  # fmt: skip
PLACES = (
    "Jakarta", "Bandung", "Bogor", "Bekasi", "Depok", "Tangerang", "Semarang", "Surabaya",
    "Medan", "Palembang", "Makassar", "Denpasar", "Yogyakarta", "Malang", "Padang", "Cirebon",
)  # fmt: skip
OCCUPATIONS = (
    "Pedagang", "Petani", "Nelayan", "Ojek online", "Sopir angkot", "Penjahit", "Tukang cukur",
    "Buruh bangunan", "Pemilik warung", "Pengrajin", "Tukang las", "Peternak",
)  # fmt: skip
STREETS = (
    "Jl. Merdeka",
    "Jl. Sudirman",
    "Jl. Melati",
    "Jl. Kenanga",
    "Gg. Mawar",
    "Jl. Pasar Baru",
)
EMPLOYERS = (
    "PT Maju Jaya Abadi", "CV Sinar Terang", "PT Sumber Rejeki", "PT Karya Mandiri Sejahtera",
    "CV Berkah Sentosa", "PT Nusantara Logistik", "Koperasi Karyawan Sejahtera",
)  # fmt: skip
BANKS = ("BNI", "BRI", "BTN", "Mandiri", "BJB")
CLAIM_REASONS = ("resignation", "dismissal", "retirement", "contract_end", "bpu_stopped")
DEMO_DAYS = 5
BATCH_SIZE = 2000
# Each demo day's opening float: Rp1.925.000 in notes and coins for change.
DEMO_FLOAT = "100000=10,50000=10,20000=10,10000=10,5000=10,2000=10,1000=20,500=40,200=50,100=50"
# A drawer holds no coin under Rp100: a day whose expected cash has a remainder below that closes
# with the difference, approved by a supervisor, as a real counter's would.
DEMO_VARIANCE_REASON = "Sisa di bawah Rp100 tidak ada pecahannya di laci"
CLOSE_AFTER = timedelta(minutes=30)  # a day is closed this long after its last capture (at most)
OPEN_BEFORE = timedelta(minutes=15)  # and the next one opened this long before its first


@dataclass
class DemoSummary:
    counter_code: str
    created: bool
    days: list[date] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    users: tuple[DemoUser, ...] = DEMO_USERS


class _DemoClock:
    def __init__(self, start: datetime) -> None:
        self.at = start

    def __call__(self) -> datetime:
        return self.at


def make_demo(
    store: Store, *, transactions: int = 300, seed: int = 1, clock: Clock = utc_now
) -> DemoSummary:
    """Create the demo counter if the store is empty, then add `transactions` records to it.

    The records fall on the business days up to `clock()`'s instant, never after it. Each day is
    opened with a float before its first capture; days before today are closed.
    """
    now = clock().astimezone(UTC)
    demo_clock = _DemoClock(now)
    counter = Counter(store, clock=demo_clock)
    created = _ensure_demo_counter(counter)
    if not find_agents(counter, limit=1):  # the demo's fictional Perisai agents
        load_demo_agents(counter, now)
    summary = DemoSummary(counter.profile.counter_code, created)
    generator = _Generator(counter, random.Random(seed))  # noqa: S311 - demo data, not secrets
    days = _Days(counter, demo_clock, generator.last_capture)
    schedule = _schedule(counter, now, transactions, after=days.resume_after(now))
    # Durable in chunks: one commit per chunk is what makes 100,000 records quick, and an
    # interrupted run keeps the chunks already done.
    for chunk_start in range(0, len(schedule), BATCH_SIZE):
        with store.write():
            for instant in schedule[chunk_start : chunk_start + BATCH_SIZE]:
                days.before_capture(instant)
                demo_clock.at = instant
                kind = generator.step()
                summary.counts[kind] = summary.counts.get(kind, 0) + 1
    with store.write():
        closing = min(days.last + CLOSE_AFTER, now) if days.last else now
        days.close_before(counter.business_date(now), closing)
    summary.days = sorted({counter.business_date(at) for at in schedule})
    return summary


class _Days:
    """Opens each day with a counted float before its first capture and closes the days before
    it (count, then close; a difference approved by a supervisor), on the demo's clock."""

    def __init__(self, counter: Counter, clock: _DemoClock, last_capture: datetime | None) -> None:
        self.counter = counter
        self.clock = clock
        self.last = last_capture  # the clock never runs back before the last capture
        self.current: date | None = counter.business_date(last_capture) if last_capture else None
        self.tellers = [User(u.id, u.name, u.role) for u in DEMO_USERS if u.role is Role.TELLER]
        self.supervisor = next(
            User(u.id, u.name, u.role) for u in DEMO_USERS if u.role is Role.SUPERVISOR
        )

    def resume_after(self, now: datetime) -> datetime | None:
        """Where a refill starts: after the last capture, and after the newest day if closed."""
        newest = day_state(self.counter, self.counter.business_date(now))
        if newest.status == "closed":
            raise DomainError(
                "business_date",
                "Hari kerja hari ini sudah ditutup: data demo baru dapat ditambahkan besok.",
                "Today's business day is closed: demo data can be added again tomorrow.",
            )
        if self.last is None:
            return None
        last_day = self.counter.business_date(self.last)
        if day_state(self.counter, last_day).status == "closed":
            return max(self.last, self._start_of(last_day + timedelta(days=1)))
        return self.last

    def before_capture(self, instant: datetime) -> None:
        day = self.counter.business_date(instant)
        if day != self.current:
            self._new_day(day, instant)
        self.last = instant  # the capture that follows is made at this instant

    def _new_day(self, day: date, instant: datetime) -> None:
        gap = (instant - self.last) / 3 if self.last is not None else OPEN_BEFORE
        if self.last is not None:
            self.close_before(day, self.last + min(CLOSE_AFTER, gap))
        if day_state(self.counter, day).status == "not_opened":
            opening = max(instant - min(OPEN_BEFORE, gap), self._start_of(day))
            self.clock.at = max(opening, self.last) if self.last is not None else opening
            open_day(self.counter, self._teller(day), DEMO_FLOAT)
        self.current = day

    def close_before(self, day: date, at: datetime) -> None:
        """Count and close every day before `day` still open, at `at` (after the last capture)."""
        if self.last is not None:
            at = max(at, self.last)
        with self.counter.store.read() as connection:
            open_days = unclosed_days(connection, before=day)
        for earlier in open_days:
            self.clock.at = at
            teller = self._teller(earlier)
            recorded = count_cash(self.counter, teller, _drawer(self._expected(earlier)), earlier)
            if recorded.variance:
                close_day(
                    self.counter,
                    teller,
                    day=earlier,
                    reason=DEMO_VARIANCE_REASON,
                    supervisor=self.supervisor,
                )
            else:
                close_day(self.counter, teller, day=earlier)
        if open_days:
            self.last = max(self.last or at, at)

    def _expected(self, day: date) -> int:
        """What the drawer holds at the end of `day`: the teller counts exactly that."""
        with self.counter.store.read() as connection:
            figures = day_figures(
                connection, self.counter, day, People(connection), LocalTime(self.counter)
            )
        cash = figures.tender("cash")
        return expected_cash(
            day_state(self.counter, day).opening_float, cash.amount, cash.voided_amount
        )

    def _teller(self, day: date) -> User:
        return self.tellers[day.toordinal() % len(self.tellers)]

    def _start_of(self, day: date) -> datetime:
        return datetime.combine(day, time(0), self.counter.profile.zone).astimezone(UTC)


def _drawer(amount: int) -> CashCount:
    """`amount` as the fewest notes and coins (the Rp1.000 as notes); below Rp100 is left out."""
    pieces: dict[Denomination | str, int] = {}
    rest = amount
    for denomination in (*NOTES, *(c for c in COINS if c.value < 1_000)):
        number, rest = divmod(rest, denomination.value)
        if number:
            pieces[denomination.code] = number
    return cash_count(pieces or {NOTES[0].code: 0})


def _ensure_demo_counter(counter: Counter) -> bool:
    if not counter.is_set_up():
        supervisor = DEMO_USERS[0]
        init_counter(
            counter,
            **DEMO_PROFILE,  # type: ignore[arg-type]
            demo=True,
            supervisor_id=supervisor.id,
            supervisor_name=supervisor.name,
            supervisor_pin=supervisor.pin,
        )
        by = User(supervisor.id, supervisor.name, supervisor.role)
        for user in DEMO_USERS[1:]:
            add_user(counter, by=by, user_id=user.id, name=user.name, role=user.role, pin=user.pin)
        return True
    with counter.store.read() as connection:
        known = set(connection.execute(sa.select(schema.users.c.id)).scalars())
    if (
        counter.profile.branch_code != DEMO_PROFILE["branch_code"]
        or not {u.id for u in DEMO_USERS} <= known
    ):
        raise DomainError(
            "counter",
            "Data demo hanya dapat ditambahkan ke loket demo, bukan ke loket sungguhan.",
            "Demo data can only be added to a demo counter, never to a real one.",
        )
    return False


def _schedule(
    counter: Counter, now: datetime, count: int, *, after: datetime | None
) -> list[datetime]:
    """`count` instants over the last business days, 08:00-15:00 local, none in the future.

    A refill continues after the last capture already in the store, so time never runs backwards.
    """
    if after is not None:
        step = max(now - after, timedelta(seconds=count)) / (count + 1)
        return [after + step * (k + 1) for k in range(count)]
    zone = counter.profile.zone
    today = now.astimezone(zone).date()
    days: list[date] = []
    day = today
    while len(days) < DEMO_DAYS:
        if day.weekday() < 5:
            days.append(day)
        day -= timedelta(days=1)
    windows: list[tuple[datetime, datetime]] = []
    for d in sorted(days):
        start = datetime.combine(d, time(8, 0), zone)
        end = min(datetime.combine(d, time(15, 0), zone), now.astimezone(zone))
        if end > start:
            windows.append((start, end))
    if not windows:  # before 08:00 on the first business day ever: use the last hour
        windows.append((now - timedelta(hours=1), now))
    instants: list[datetime] = []
    for i, (start, end) in enumerate(windows):
        share = count // len(windows) + (1 if i < count % len(windows) else 0)
        step = (end - start) / max(share, 1)
        instants.extend((start + step * k).astimezone(UTC) for k in range(share))
    return instants


class _Generator:
    def __init__(self, counter: Counter, rng: random.Random) -> None:
        self.counter = counter
        self.rng = rng
        self.tellers = [User(u.id, u.name, u.role) for u in DEMO_USERS if u.role is Role.TELLER]
        self.supervisors = [
            User(u.id, u.name, u.role) for u in DEMO_USERS if u.role is Role.SUPERVISOR
        ]
        self.registered: list[str] = []
        self.next_period: dict[str, date] = {}
        self.agents = [a.code for a in find_agents(counter) if a.active]
        self.agent_of: dict[str, str] = {}  # a participant an agent registered pays through them
        self.last_agent = ""
        self.last_capture: datetime | None = None
        self.today_receipts: list[tuple[date, str]] = []
        self.niks: set[str] = set()
        self._load_existing()

    def _load_existing(self) -> None:
        """A refill knows who is registered and paid up to when, so it adds, never collides."""
        with self.counter.store.read() as connection:
            self.niks.update(connection.execute(sa.select(schema.participants.c.nik)).scalars())
            self.niks.update(connection.execute(sa.select(schema.claim_handovers.c.nik)).scalars())
            paid_until = {
                nik: end
                for nik, end in connection.execute(
                    sa.select(
                        schema.participants.c.nik, sa.func.max(schema.contributions.c.period_end)
                    )
                    .join(
                        schema.transactions,
                        schema.transactions.c.participant_id == schema.participants.c.id,
                    )
                    .join(
                        schema.contributions,
                        schema.contributions.c.seq == schema.transactions.c.seq,
                    )
                    .where(not_voided())
                    .group_by(schema.participants.c.nik)
                )
            }
            registered = connection.execute(
                sa.select(schema.registrations.c.nik)
                .join(
                    schema.transactions,
                    schema.transactions.c.seq == schema.registrations.c.seq,
                )
                .where(not_voided())
            ).scalars()
            this_month = self.counter.business_date().replace(day=1)
            for nik in registered:
                self.registered.append(nik)
                end = paid_until.get(nik)
                self.next_period[nik] = (
                    add_months(date.fromisoformat(end), 1) if end else this_month
                )
            last = connection.execute(
                sa.select(sa.func.max(schema.transactions.c.created_at))
            ).scalar()
        self.last_capture = datetime.fromisoformat(last) if last else None

    def step(self) -> str:
        roll = self.rng.random()
        actions: list[tuple[float, Callable[[], Captured | None]]] = [
            (0.30, self._registration),
            (0.72, self._bpu),
            (0.84, self._pu),
            (0.96, self._claim),
            (1.00, self._void),
        ]
        for threshold, action in actions:
            if roll < threshold:
                try:
                    captured = action()
                except DomainError:
                    captured = None
                if captured is None:  # nothing to pay or void yet: register someone instead
                    captured = self._registration()
                self.today_receipts.append(
                    (self.counter.business_date(captured.created_at), captured.receipt_no)
                )
                return captured.kind
        raise AssertionError("unreachable")

    @property
    def teller(self) -> User:
        return self.rng.choice(self.tellers)

    def _person(self) -> tuple[str, str, str, date]:
        rng = self.rng
        sex = rng.choice("LP")
        first = rng.choice(FIRST_NAMES_M if sex == "L" else FIRST_NAMES_F)
        name = f"{first} {rng.choice(LAST_NAMES)}"
        today = self.counter.business_date()
        while True:
            birth = date(rng.randint(1966, 2006), rng.randint(1, 12), rng.randint(1, 28))
            province = rng.choice(sorted(self.counter.reference.provinces))
            regency = rng.choice([rng.randint(1, 69), rng.randint(71, 79)])
            day = birth.day + (40 if sex == "P" else 0)
            nik = (
                f"{province}{regency:02d}{rng.randint(1, 40):02d}"
                f"{day:02d}{birth.month:02d}{birth.year % 100:02d}{rng.randint(1, 9999):04d}"
            )
            if nik not in self.niks and birth < today:
                self.niks.add(nik)
                return nik, name, sex, birth

    def _registration(self) -> Captured:
        rng = self.rng
        today = self.counter.business_date()
        nik, name, sex, birth = self._person()
        tiers = income_tiers(self.counter.reference, today)
        programs = "JKK+JKM+JHT" if rng.random() < 0.4 else "JKK+JKM"
        captured = register_participant(
            self.counter,
            self.teller,
            RegisterParticipant(
                nik=nik,
                full_name=name,
                birth_place=rng.choice(PLACES),
                birth_date=birth.isoformat(),
                sex=sex,
                mother_maiden_name=f"{rng.choice(FIRST_NAMES_F)} {rng.choice(LAST_NAMES)}",
                phone=f"08{rng.choice('1259')}{rng.randint(10_000_000, 999_999_999)}",
                email=f"{name.split()[0].lower()}{rng.randint(1, 999)}@contoh.id"
                if rng.random() < 0.3
                else "",
                address=f"{rng.choice(STREETS)} No. {rng.randint(1, 200)}, {rng.choice(PLACES)}",
                occupation=rng.choice(OCCUPATIONS),
                monthly_income=rng.choice(tiers[: max(3, len(tiers) // 3)]),
                programs=programs,
                agent_code=self._agent(),  # last, as before agents had a register: the same draws
            ),
        )
        agent = self.last_agent
        if agent:
            self.agent_of[nik] = agent
        self.registered.append(nik)
        self.next_period[nik] = today.replace(day=1)
        return captured

    def _agent(self) -> str:
        """A quarter of the registrations come with an agent of the demo's register."""
        self.last_agent = ""
        if self.rng.random() < 0.25:
            drawn = self.rng.randint(100, 999)
            self.last_agent = self.agents[drawn % len(self.agents)] if self.agents else ""
        return self.last_agent

    def _bpu(self) -> Captured | None:
        if not self.registered:
            return None
        nik = self.rng.choice(self.registered)
        months = self.rng.choice((1, 1, 1, 3, 3, 6, 12))
        start = self.next_period[nik]
        tender = "cash" if self.rng.random() < 0.8 else "debit"
        account = str(self.rng.randint(10**9, 10**10 - 1))
        captured = pay_bpu(
            self.counter,
            self.teller,
            PayBpuContribution(
                participant=nik,
                months=months,
                period_start=f"{start:%Y-%m}",
                tender=tender,
                debit_account=account,
                debit_reference=approval_code(account),
                agent_code=self.agent_of.get(nik, ""),
            ),
        )
        self.next_period[nik] = add_months(start, months)
        return captured

    def _pu(self) -> Captured:
        rng = self.rng
        today = self.counter.business_date()
        quote = quote_pu(
            self.counter.reference,
            wage=rng.randrange(5_000_000, 150_000_000, 50_000),
            risk_class=rng.choice(("very_low", "low", "medium", "high", "very_high")),
            on=today,
        )
        previous = today.replace(day=1) - timedelta(days=1)
        payment_code = str(rng.randint(10**11, 10**12 - 1))
        npp = str(rng.randint(10**7, 10**8 - 1))
        employer = rng.choice(EMPLOYERS)
        tender = "debit" if rng.random() < 0.6 else "cash"
        account = str(rng.randint(10**9, 10**10 - 1))
        return pay_pu(
            self.counter,
            self.teller,
            PayPuContribution(
                payment_code=payment_code,
                npp=npp,
                employer_name=employer,
                period=f"{previous:%Y-%m}",
                billed={line.program.value: line.total for line in quote.lines if line.total},
                tender=tender,
                debit_account=account,
                debit_reference=approval_code(account),
            ),
        )

    def _claim(self) -> Captured:
        rng = self.rng
        today = self.counter.business_date()
        nik, name, _sex, _birth = self._person()
        reason_code = rng.choice(CLAIM_REASONS)
        reason = next(r for r in self.counter.reference.claim_reasons if r.code == reason_code)
        statuses = {
            doc.code: rng.choice(
                (DocStatus.ORIGINAL, DocStatus.ORIGINAL, DocStatus.COPY, DocStatus.MISSING)
                if rng.random() < 0.2
                else (DocStatus.ORIGINAL,)
            ).value
            for doc in documents_for(reason, npwp_required=False)
        }
        event = today - timedelta(days=rng.randint(40, 400))
        return hand_over_claim(
            self.counter,
            self.teller,
            HandOverClaim(
                nik=nik,
                participant_name=name,
                reason=reason_code,
                event_date=event.isoformat() if reason.event_date_required else "",
                documents=statuses,
                payout_bank=rng.choice(BANKS),
                payout_account=str(rng.randint(10**9, 10**10 - 1)),
                payout_account_holder=name,
            ),
        )

    def _void(self) -> Captured | None:
        today = self.counter.business_date()
        candidates = [receipt for day, receipt in self.today_receipts[-50:] if day == today]
        if not candidates:
            return None
        return write_void(
            self.counter,
            self.teller,
            self.rng.choice(self.supervisors),
            self.rng.choice(candidates),
            self.rng.choice(
                ("Salah input nominal", "Peserta membatalkan transaksi", "Salah pilih program")
            ),
        )


def approval_code(account: str) -> str:
    """A debit's reference as an EDC prints its approval code: six digits (here from the account,
    so the demo's random draws stay as they were)."""
    return f"{int(account) % 1_000_000:06d}"
