"""Thin tasks: they call the alerts module."""

from __future__ import annotations

from django_tasks import task

from tyndau.following.fanout import fan_out


@task()
def fan_out_change(change_id: int, after_id: int = 0) -> int:
    """One batch of a change's followers; the next batch is its own task, so one change with
    100,000 followers never holds a worker (or a transaction) for long."""
    last = fan_out(change_id=change_id, after_id=after_id)
    if last is not None:
        fan_out_change.enqueue(change_id, last)
    return last or 0
