from django.dispatch import Signal

# Sent after the transaction that finished an attempt (submitted or closed at its time
# limit) commits, with `attempt_id`. Progress (above this app) listens: a passed quiz
# completes its step. Receivers load the attempt themselves.
attempt_finished = Signal()
