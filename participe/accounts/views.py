import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.accounts import personal_data, throttle
from participe.accounts.forms import (
    DeleteAccountForm,
    EmailChangeForm,
    LoginForm,
    ProfileForm,
    RegistrationForm,
)
from participe.accounts.models import User
from participe.accounts.signals import email_confirmed
from participe.accounts.tokens import ExpiredToken, InvalidToken, make_email_token, read_email_token
from participe.core.links import absolute_url
from participe.core.mail import send_email
from participe.core.ratelimit import client_ip, over_limit


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def send_confirmation(request, user, email=None, template="account_confirm"):
    email = email or user.email
    link = absolute_url(request.instance, reverse("accounts:confirm", args=[make_email_token(user, email)]))
    send_email(request.instance, email, template, {"user": user, "link": link})


def _warn_owner(request, owner, template):
    """Tell an address's owner that someone used it (sign-up, e-mail change): the form itself says nothing."""
    links = {
        "login_link": absolute_url(request.instance, reverse("accounts:login")),
        "reset_link": absolute_url(request.instance, reverse("accounts:password_reset")),
    }
    send_email(request.instance, owner.email, template, {"user": owner, **links})


def _register(request, form):
    """Create the account, or warn the address's owner: the visitor sees the same answer either way."""
    email = form.cleaned_data["email"]
    if over_limit(request, "register-address", email):
        return  # no more mail to this address for now; the answer stays the same
    owner = User.objects.filter(email=email).first()
    if owner is None:
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:  # registered by a simultaneous request
            return
        send_confirmation(request, user)
    else:
        make_password(form.cleaned_data["password1"])  # the time a new account's hash takes
        _warn_owner(request, owner, "account_exists")


def register(request):
    if not request.instance.registration_open:
        return render(request, "accounts/registration_closed.html", status=403)
    if request.user.is_authenticated:
        return redirect("core:home")
    form = RegistrationForm(request.POST or None, instance_site=request.instance)
    if request.method == "POST":
        if over_limit(request, "register-ip", client_ip(request)):
            return render(request, "429.html", status=429)
        if form.is_valid():
            _register(request, form)
            messages.success(
                request,
                _("We sent an e-mail to %(email)s: follow its link to confirm your address, then log in here.")
                % {"email": form.cleaned_data["email"]},
            )
            login_url = reverse("accounts:login")
            next_url = _safe_next(request, "")
            return redirect(f"{login_url}?{urlencode({'next': next_url})}" if next_url else login_url)
    status = 400 if form.errors else 200
    return render(request, "accounts/register.html", {"form": form, "next": _safe_next(request, "")}, status=status)


def confirm_email(request, token):
    try:
        user_id, email = read_email_token(token, request.instance)
    except ExpiredToken:
        return render(request, "accounts/confirm_failed.html", {"expired": True}, status=400)
    except InvalidToken:
        return render(request, "accounts/confirm_failed.html", {"expired": False}, status=400)
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return render(request, "accounts/confirm_failed.html", {"expired": False}, status=400)
    if email == user.email:
        if not user.email_confirmed:
            user.email_confirmed_at = timezone.now()
            user.save(update_fields=["email_confirmed_at"])
            _on_email_confirmed(user)
        messages.success(request, _("Your e-mail address is confirmed. Thank you!"))
    elif email == user.pending_email:
        if User.objects.filter(email=email).exclude(pk=user.pk).exists():
            return render(request, "accounts/confirm_failed.html", {"taken": True}, status=400)
        old_email = user.email
        user.email, user.pending_email, user.email_confirmed_at = email, "", timezone.now()
        user.save(update_fields=["email", "pending_email", "email_confirmed_at"])
        send_email(request.instance, old_email, "email_changed", {"user": user, "new_email": email})
        messages.success(request, _("Your new e-mail address is confirmed."))
    else:
        return render(request, "accounts/confirm_failed.html", {"expired": False}, status=400)
    return redirect("accounts:profile" if request.user.is_authenticated else "accounts:login")


def _on_email_confirmed(user):
    email_confirmed.send(sender=User, user=user)


@login_required
@require_POST
def resend_confirmation(request):
    if request.user.email_confirmed:
        return redirect("accounts:profile")
    if over_limit(request, "resend-confirmation", request.user.pk):
        return render(request, "429.html", status=429)
    send_confirmation(request, request.user)
    messages.success(request, _("A new confirmation e-mail is on its way."))
    return redirect("accounts:profile")


def login_view(request):
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user, backend="participe.accounts.backends.InstanceEmailBackend")
        response = redirect(_safe_next(request, reverse(settings.LOGIN_REDIRECT_URL)))
        throttle.remember_device(request, response, form.cleaned_data["email"])
        return response
    status = 429 if form.locked else 400 if form.errors else 200
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request, "")}, status=status)


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("You are logged out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, request.FILES or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def change_email(request):
    form = EmailChangeForm(request.user, request.POST or None)
    if request.method == "POST":
        if over_limit(request, "email-change-account", request.user.pk) or over_limit(
            request, "email-change-ip", client_ip(request)
        ):
            return render(request, "429.html", status=429)
        if form.is_valid():
            _change_email(request, form.cleaned_data["new_email"])
            messages.success(request, _("We sent a confirmation link to your new address. It applies once confirmed."))
            return redirect("accounts:profile")
    return render(request, "accounts/change_email.html", {"form": form}, status=400 if form.errors else 200)


def _change_email(request, email):
    """Send the confirmation link, or warn the address's owner: the account holder sees the same answer either way."""
    if over_limit(request, "email-change-address", email):
        return
    owner = User.objects.filter(email=email).first()
    if owner is not None:
        _warn_owner(request, owner, "email_taken")
        return
    user = request.user
    user.pending_email = email
    user.save(update_fields=["pending_email"])
    send_confirmation(request, user, email=email, template="email_change")


@login_required
def export_data(request):
    payload = personal_data.collect(request.user)
    response = HttpResponse(
        json.dumps(payload, indent=2, ensure_ascii=False, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        email, name = user.email, user.display_name
        logout(request)
        user.anonymise()
        send_email(request.instance, email, "account_deleted", {"name": name})
        messages.info(request, _("Your account is deleted."))
        return redirect("core:home")
    return render(request, "accounts/delete.html", {"form": form}, status=400 if form.errors else 200)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        if over_limit(request, "password-reset-ip", client_ip(request)):
            return render(request, "429.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        for user in form.get_users(form.cleaned_data["email"]):
            if over_limit(self.request, "password-reset-account", user.pk):
                continue
            uid, token = _reset_token(user)
            link = absolute_url(self.request.instance, reverse("accounts:password_reset_confirm", args=[uid, token]))
            send_email(self.request.instance, user.email, "password_reset", {"user": user, "link": link})
        return redirect(self.success_url)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _reset_token(user):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Your password is changed."))
        return response

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
