from django.dispatch import Signal

# Sent with `job` and `kind` ("export_ready" or "export_failed") when an export ends; notifications tells its owner.
export_finished = Signal()
