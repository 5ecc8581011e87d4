from django.dispatch import Signal

# Sent after the transaction that finished an attempt (submitted or closed at its time
# limit) commits, with `attempt_id` and the `attempt` as it was saved. Progress (above
# this app) listens: a passed quiz completes its step.
attempt_finished = Signal()
