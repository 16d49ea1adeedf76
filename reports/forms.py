from django import forms


class CheckInForm(forms.Form):
    registration = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    # The search that found the participant, so that the desk comes back to the same list.
    q = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    # Set by the button that takes back a check-in made by mistake.
    undo = forms.BooleanField(required=False, widget=forms.HiddenInput)
