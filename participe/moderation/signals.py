from django.dispatch import Signal

# Sent after a moderation decision, inside its transaction: (target, previous, action, moderator).
# Counters and search indexes listen to it.
moderated = Signal()
