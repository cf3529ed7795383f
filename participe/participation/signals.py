from django.dispatch import Signal

# Sent after a contribution becomes public (at once, after moderation, or once its author
# confirmed their e-mail): `sender` is its model, `contribution` the object.
contribution_published = Signal()
