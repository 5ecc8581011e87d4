"""What a learner may see of an attempt: the questions always, the answer key and
feedback only when the quiz's review policy allows."""

from .models import Attempt, ReviewPolicy

PUBLIC_QUESTION_FIELDS = ("id", "type", "prompt", "points")


def picked_tokens(answer):
    return set(answer) if isinstance(answer, list) else {answer}


def public_questions(questions, answers):
    """Frozen questions with the learner's own answers so far, and nothing that
    gives the right answer away (no key, no feedback, opaque choice tokens)."""
    public = []
    for question in questions:
        key = str(question["id"])
        answer = answers.get(key)
        public.append(
            {
                **{field: question[field] for field in PUBLIC_QUESTION_FIELDS},
                "key": key,
                "answer": answer,
                "choices": [
                    {
                        "token": choice["token"],
                        "text": choice["text"],
                        "picked": choice["token"] in picked_tokens(answer),
                    }
                    for choice in question["choices"]
                ],
            }
        )
    return public


def can_review(attempt):
    if attempt.is_open:
        return False
    quiz = attempt.quiz
    match quiz.review_policy:
        case ReviewPolicy.AFTER_EACH_ATTEMPT:
            return True
        case ReviewPolicy.AFTER_PASSING:
            return (
                Attempt.objects.for_learner(attempt.learner, quiz)
                .filter(passed=True)
                .exists()
            )
        case ReviewPolicy.AFTER_LAST_ATTEMPT:
            return quiz.attempts_left(attempt.learner) == 0
    return False


def reviewed_questions(attempt):
    """Each question with the learner's answer, what was right and the feedback."""
    reviewed = []
    for question in attempt.questions:
        key = str(question["id"])
        answer = attempt.answers.get(key)
        reviewed.append(
            {
                **question,
                "key": key,
                "answer": answer,
                "fraction": attempt.results.get(key),
                "choices": [
                    {**choice, "picked": choice["token"] in picked_tokens(answer)}
                    for choice in question["choices"]
                ],
            }
        )
    return reviewed
