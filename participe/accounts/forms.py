from django import forms
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from participe.accounts import throttle
from participe.accounts.models import User
from participe.core.uploads import clean_image


class RegistrationForm(forms.ModelForm):
    password1 = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("Password (again)"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    accept_terms = forms.BooleanField(label=_("I accept the terms of use and the privacy policy"))

    class Meta:
        model = User
        fields = ["email", "display_name", "user_type"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, instance_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance_site = instance_site
        self.fields["password1"].help_text = password_validation.password_validators_help_text_html()
        choices = instance_site.user_type_choices()
        if choices:
            self.fields["user_type"] = forms.ChoiceField(label=_("I am"), choices=[("", "—"), *choices], required=False)
        else:
            del self.fields["user_type"]

    def clean_email(self):
        # Whether the address has an account is never said here: its owner gets an e-mail instead.
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            candidate = User(email=data.get("email", ""), display_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return data

    def save(self, commit=True):
        user = super().save(commit=False)
        user.instance = self.instance_site
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        self.locked = False
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        email = (data.get("email") or "").lower()
        password = data.get("password")
        if not email or not password:
            return data
        try:
            self.user = throttle.check_password(
                self.request, email, lambda: authenticate(self.request, email=email, password=password)
            )
        except throttle.Wait as wait:
            self.locked = True
            raise ValidationError(
                ngettext(
                    "Too many failed attempts. For your security, try again in %(seconds)d second "
                    "or reset your password.",
                    "Too many failed attempts. For your security, try again in %(seconds)d seconds "
                    "or reset your password.",
                    wait.seconds,
                )
                % {"seconds": wait.seconds},
                code="locked",
            ) from None
        if self.user is None:
            raise ValidationError(_("Wrong e-mail address or password."), code="invalid_login")
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "avatar", "bio", "user_type", "zip_code", "date_of_birth"]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 3}),
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "zip_code": _("Private: only used to check participation requirements."),
            "date_of_birth": _("Private: only used to check participation requirements."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = self.instance.instance.user_type_choices()
        if choices:
            self.fields["user_type"] = forms.ChoiceField(label=_("I am"), choices=[("", "—"), *choices], required=False)
        else:
            del self.fields["user_type"]

    def clean_zip_code(self):
        value = self.cleaned_data["zip_code"].strip()
        if value and not value.replace(" ", "").isalnum():
            raise ValidationError(_("Enter a valid zip code."))
        return value

    def clean_avatar(self):
        avatar = self.cleaned_data.get("avatar")
        if avatar and avatar != self.instance.avatar:
            return clean_image(avatar)
        return avatar


class EmailChangeForm(forms.Form):
    new_email = forms.EmailField(label=_("New e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label=_("Current password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_email(self):
        # Whether another account uses the address is never said here: its owner gets an e-mail instead.
        email = self.cleaned_data["new_email"].strip().lower()
        if email == self.user.email:
            raise ValidationError(_("This is already your e-mail address."))
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Wrong password."))
        return password


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted; my contributions stay, signed 'deleted participant'.")
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Wrong password."))
        return password
