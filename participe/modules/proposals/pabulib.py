"""Read and write the pabulib `.pb` format (https://pabulib.org/format): META, PROJECTS, VOTES sections."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class PabulibElection:
    meta: dict = field(default_factory=dict)
    # project_id -> {"cost": Decimal, "votes": …, "name": …, "category": …, "district": …, …}
    projects: dict = field(default_factory=dict)
    # voter_id -> {"vote": [project ids in file order], "points": [...], other columns}
    votes: dict = field(default_factory=dict)

    @property
    def budget(self):
        return Decimal(self.meta.get("budget", "0").replace(",", "."))


class PabulibError(ValueError):
    pass


_SECTIONS = ("META", "PROJECTS", "VOTES")


def parse(text):
    """Parse the text of a .pb file; raises PabulibError on a malformed file."""
    election = PabulibElection()
    section = None
    header = None
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=";"), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) == 1 and row[0].strip().upper() in _SECTIONS:
            section = row[0].strip().upper()
            header = None
            continue
        if section is None:
            raise PabulibError(f"line {number}: data before the META section")
        if header is None:
            header = [cell.strip() for cell in row]
            continue
        values = dict(zip(header, (cell.strip() for cell in row), strict=False))
        if section == "META":
            election.meta[values.get("key", "")] = values.get("value", "")
        elif section == "PROJECTS":
            try:
                values["cost"] = Decimal(values["cost"])
            except (KeyError, ArithmeticError) as error:
                raise PabulibError(f"line {number}: a project needs a numeric cost") from error
            election.projects[values["project_id"]] = values
        else:
            values["vote"] = [v for v in values.get("vote", "").split(",") if v]
            if "points" in values:
                try:
                    points = [Decimal(p) for p in values["points"].split(",") if p.strip()]
                except ArithmeticError as error:
                    raise PabulibError(f"line {number}: points must be numbers") from error
                if any(p != p.to_integral_value() or p < 0 for p in points):
                    raise PabulibError(f"line {number}: points must be whole numbers")
                values["points"] = [int(p) for p in points]
            election.votes[values["voter_id"]] = values
    if not election.projects:
        raise PabulibError("no PROJECTS section")
    unknown = {p for vote in election.votes.values() for p in vote["vote"]} - set(election.projects)
    if unknown:
        raise PabulibError(f"votes for unknown projects: {sorted(unknown)[:5]}")
    return election


def parse_file(path):
    with open(path, encoding="utf-8-sig") as handle:
        return parse(handle.read())


def _number(value):
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return str(value)


def dump(election):
    """Text of a .pb file for `election` (costs written without useless decimals)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    for key, value in election.meta.items():
        writer.writerow([key, value])
    writer.writerow(["PROJECTS"])
    columns = ["project_id", "cost"]
    for project in election.projects.values():
        columns += [c for c in project if c not in columns]
    writer.writerow(columns)
    for project in election.projects.values():
        writer.writerow([_number(project.get(c, "")) if c == "cost" else project.get(c, "") for c in columns])
    writer.writerow(["VOTES"])
    vote_columns = ["voter_id", "vote"]
    for vote in election.votes.values():
        vote_columns += [c for c in vote if c not in vote_columns]
    writer.writerow(vote_columns)
    for vote in election.votes.values():
        row = []
        for column in vote_columns:
            value = vote.get(column, "")
            row.append(",".join(str(v) for v in value) if isinstance(value, list) else value)
        writer.writerow(row)
    return out.getvalue()
