from django.dispatch import Signal

# Sent once an account's e-mail is confirmed: modules publish what the account wrote meanwhile.
email_confirmed = Signal()
