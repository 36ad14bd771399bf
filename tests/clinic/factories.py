import factory

from clinic.models import ClinicDetails


class ClinicDetailsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClinicDetails

    name_lt = "Skausmo medicinos klinika"
    name_en = "Pain Medicine Clinic"
    phone = "+370 602 26118"
    email = "registracija@klinika.example"
    address_lt = "Pavyzdžio g. 1, Vilnius"
    address_en = "Pavyzdžio g. 1, Vilnius"
    opening_hours_lt = "I–V 8:00–18:00"
    opening_hours_en = "Mon–Fri 8:00–18:00"
    contact_sentence_lt = (
        "Registruokitės telefonu arba užpildykite registracijos formą – "
        "mes būtinai su Jumis susisieksime!"
    )
    contact_sentence_en = (
        "Register by phone or fill in the registration form – we will contact you."
    )
    about_lt = "<p>Gydome raumenų skausmą.</p>"
    about_en = "<p>We treat muscle pain.</p>"
