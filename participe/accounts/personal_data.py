"""GDPR export: each app contributes a section through `register`."""

_providers = {}


def register(name, provider):
    """`provider(user)` returns JSON-serialisable data about `user`."""
    _providers[name] = provider


def collect(user):
    data = {"account": _account(user)}
    for name, provider in _providers.items():
        data[name] = provider(user)
    return data


def _account(user):
    return {
        "instance": user.instance.name,
        "email": user.email,
        "email_confirmed_at": user.email_confirmed_at,
        "display_name": user.display_name,
        "bio": user.bio,
        "user_type": user.user_type,
        "zip_code": user.zip_code,
        "date_of_birth": user.date_of_birth,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "roles": user.role_names(),
        "avatar": user.avatar.url if user.avatar else None,
    }
