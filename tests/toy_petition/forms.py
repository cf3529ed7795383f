from django import forms


class PetitionForm(forms.Form):
    title = forms.CharField(label="What do you ask for?", max_length=200)
