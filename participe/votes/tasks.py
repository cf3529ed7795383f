from celery import shared_task

from participe.votes import tallies


@shared_task
def recount_step_votes():
    """Every minute (`recount-step-votes` in Celery beat): the live steps' and their projects' vote totals."""
    return tallies.recount()
