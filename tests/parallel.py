"""Running the same work in threads started together, as parallel requests would (PostgreSQL tests)."""

import threading
from contextlib import nullcontext

from django.db import connection

from participe.instances.scoping import in_instance


def run_in_parallel(count, work, instance=None):
    """`work(index)` in `count` threads released together, each with its own connection (closed at the
    end), inside `instance`'s scope when given; returns the errors raised."""
    start, errors = threading.Barrier(count, timeout=60), []

    def run(index):
        try:
            with in_instance(instance) if instance is not None else nullcontext():
                start.wait()
                work(index)
        except Exception as error:  # noqa: BLE001 - returned to the test
            errors.append(error)
            start.abort()
        finally:
            connection.close()

    start_and_join(count, run)
    return errors


def start_and_join(count, target):
    """`target(index)` in `count` threads, returning once all have ended."""
    threads = [threading.Thread(target=target, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
