from django.dispatch import Signal

# Sent after the transaction that wrote a CourseCompletion commits, with
# `completion_id`. Certificates (above this app) listen.
course_completed = Signal()
