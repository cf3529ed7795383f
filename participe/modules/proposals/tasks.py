import time

from celery import shared_task

from participe.core.geocoding import geocode
from participe.instances.models import Instance
from participe.instances.scoping import in_instance, platform_wide
from participe.modules.proposals import analysis, publication
from participe.modules.proposals.models import Proposal, ResultRun
from participe.site.models import District


@shared_task
def publish_due_decisions():
    with platform_wide():
        instances = list(Instance.objects.all())
    published = 0
    for instance in instances:
        with in_instance(instance):
            published += analysis.publish_due_decisions()
    return published


# How often at most a running computation writes its progress (seconds).
PROGRESS_EVERY = 0.5


class RunProgress:
    """Writes a pending run's progress into its payload (`{"progress": {"phase", "percent"}}`, read by the
    results page in the back office), at most every PROGRESS_EVERY seconds: the first report at once."""

    def __init__(self, result_run, every=PROGRESS_EVERY, clock=time.monotonic):
        self.pk, self.every, self.clock, self.last, self.writes = result_run.pk, every, clock, None, 0

    def __call__(self, phase, fraction):
        now = self.clock()
        if self.last is not None and now - self.last < self.every:
            return
        self.last = now
        self.writes += 1
        percent = max(0, min(int(fraction * 100), 100))
        ResultRun.objects.filter(pk=self.pk, state=ResultRun.State.PENDING).update(
            payload={"progress": {"phase": phase, "percent": percent}}
        )


@shared_task
def compute_result_run(instance_id, run_id):
    """Heavy rules (MES on thousands of ballots) run here, never in a request; the organiser sees the run
    pending meanwhile, with its progress."""
    with platform_wide():
        instance = Instance.objects.get(pk=instance_id)
    with in_instance(instance):
        result_run = (
            ResultRun.objects.select_related("step").filter(pk=run_id, state=ResultRun.State.PENDING).first()
        )
        if result_run is not None:
            publication.compute_run(result_run, progress=RunProgress(result_run))


def ask_for_result(step, rule):
    """A fresh result of `rule` for `step`, computed by the background job (at once in tests); a pending
    request is reused."""
    pending = publication.pending_run(step, rule)
    if pending is not None:
        return pending
    result_run = ResultRun.objects.create(step=step, rule=rule, instance_id=step.instance_id)
    compute_result_run.delay(step.instance_id, result_run.pk)
    result_run.refresh_from_db()
    return result_run


@shared_task
def refresh_results():
    """Every minute: recompute the results whose ballots changed since their last computation, and those of
    the votes that closed since (so a result is at most a minute old while a vote is open)."""
    with platform_wide():
        instances = list(Instance.objects.filter(is_active=True))
    asked = 0
    for instance in instances:
        with in_instance(instance):
            for step in publication.steps_to_watch():
                for rule in publication.rules_to_refresh(step):
                    ask_for_result(step, rule)
                    asked += 1
    return asked


@shared_task
def geocode_proposal(instance_id, proposal_id, address):
    """Place a proposal typed with an address only (core/geocoding.py), and file it under its district.
    Nothing changes when the address was edited since the job was queued (a newer job follows)."""
    with platform_wide():
        instance = Instance.objects.get(pk=instance_id)
    with in_instance(instance):
        proposal = Proposal.objects.filter(pk=proposal_id, address=address).first()
        if proposal is None:
            return False
        point = geocode(address)
        if point is None:
            return False
        proposal.latitude, proposal.longitude = point.latitude, point.longitude
        district = District.objects.holding(point.longitude, point.latitude)
        fields = ["latitude", "longitude"]
        if district is not None and proposal.district_id is None:
            proposal.district = district
            fields.append("district")
        proposal.save(update_fields=fields)
        return True
